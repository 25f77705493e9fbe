/* links.h - the citation links between documents, from the cites
 * annotations of their segments: who cites a document, what a document
 * cites, and the network among the documents a query matches. */
#ifndef HRI_LINKS_H
#define HRI_LINKS_H

#include <stdio.h>

#include "output.h"
#include "xapian.h"

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
