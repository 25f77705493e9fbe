/* links.h - the citation links between documents, from the cites
 * annotations of their segments: who cites a document, what a document
 * cites, and the network among the documents a query matches. */
#ifndef HRI_LINKS_H
#define HRI_LINKS_H

#include <stdio.h>

#include <jansson.h>

#include "output.h"
#include "xapian.h"

/* Finds the documents whose segments cite symbol (and match query, which
 * may be ""): *out gets a new JSON array (json_decref() it) of records
 * {"type":"citing", "symbol", "cites", "count", "ids"}, most citing
 * paragraphs first, ids the citing segments in document order. Returns the
 * exit status: 0 (also when the array is empty), 2 for a bad query, 4 when
 * the database failed or memory ran out (*out then NULL). */
int hri_links_cited_by_list(hri_db *db, const char *symbol, const char *query,
                            json_t **out);

/* Finds the documents symbol cites: *out as for hri_links_cited_by_list(),
 * records of type "cited". Returns the exit status as it does. */
int hri_links_cites_list(hri_db *db, const char *symbol, json_t **out);

/* Prints the documents whose segments cite symbol (and match query, which
 * may be ""), most citing paragraphs first, with the ids of those
 * paragraphs, in o's format. Returns the exit status: 0, 1 when nothing
 * cites symbol, 2 for a bad query, 4 when the database or output failed. */
int hri_links_cited_by(hri_db *db, hri_out *o, const char *symbol,
                       const char *query);

/* Prints the documents symbol cites, most citing paragraphs first, in o's
 * format. Returns the exit status as hri_links_cited_by() does. */
int hri_links_cites(hri_db *db, hri_out *o, const char *symbol);

/* Prints on fp, in Graphviz DOT, the citations made by the segments that
 * match query ("" for all): one edge per citing and cited document, labelled
 * with the number of citing paragraphs. Documents that match are boxes;
 * cited documents that do not match are dashed ellipses. Returns the exit
 * status as hri_links_cited_by() does. */
int hri_links_graph(hri_db *db, FILE *fp, const char *query);

#endif
