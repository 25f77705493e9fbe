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
 * paragraphs first, ids the citing segments in document order. Returns
 * HRI_OK (also when the array is empty); HRI_ERR_QUERY or HRI_ERR_INVALID
 * for a bad query, HRI_ERR_NOMEM, or the failure of the database, with the
 * reason in err (errsz bytes) and *out NULL. */
hri_status hri_links_cited_by_list(hri_db *db, const char *symbol,
                                   const char *query, json_t **out,
                                   char *err, size_t errsz);

/* Finds the documents symbol cites: *out as for hri_links_cited_by_list(),
 * records of type "cited". Returns a status as it does. */
hri_status hri_links_cites_list(hri_db *db, const char *symbol, json_t **out,
                                char *err, size_t errsz);

/* Prints the documents whose segments cite symbol (and match query, which
 * may be ""), most citing paragraphs first, with the ids of those
 * paragraphs, in o's format. Returns HRI_OK; HRI_ERR_NOT_FOUND when
 * nothing cites symbol; a status of hri_links_cited_by_list(), or
 * HRI_ERR_IO when the output failed, with the reason in err (errsz
 * bytes). */
hri_status hri_links_cited_by(hri_db *db, hri_out *o, const char *symbol,
                              const char *query, char *err, size_t errsz);

/* Prints the documents symbol cites, most citing paragraphs first, in o's
 * format. Returns a status as hri_links_cited_by() does. */
hri_status hri_links_cites(hri_db *db, hri_out *o, const char *symbol,
                           char *err, size_t errsz);

/* Prints on fp, in Graphviz DOT, the citations made by the segments that
 * match query ("" for all): one edge per citing and cited document, labelled
 * with the number of citing paragraphs. Documents that match are boxes;
 * cited documents that do not match are dashed ellipses. Returns a status
 * as hri_links_cited_by() does, HRI_ERR_NOT_FOUND when nothing matched. */
hri_status hri_links_graph(hri_db *db, FILE *fp, const char *query, char *err,
                           size_t errsz);

#endif
