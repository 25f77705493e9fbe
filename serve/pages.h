/* pages.h - the HTML of hri-serve, rendered on the server and readable
 * without JavaScript: the search page (query box, the query language
 * explained, facet counts that filter, ranked hits, paging, exports), the
 * paragraph view (text, annotations, citations both ways) and error pages.
 * Every value from the index or the request is escaped (html.h). */
#ifndef HRI_PAGES_H
#define HRI_PAGES_H

#include <stdio.h>

#include "app.h"
#include "xapian.h"

/* The style sheet, served as /style.css. */
extern const char HRI_PAGES_CSS[];

/* Writes the search page of s on db to fp. Returns the exit status of the
 * search code: 0 or 1 (nothing found: the page says so), 2 or 4 with the
 * reason in err (errsz bytes). */
int hri_page_search(FILE *fp, hri_db *db, const hri_sreq *s, char *err,
                    size_t errsz);

/* Writes the view of segment id ("SYMBOL#14": the paragraph and its items;
 * "SYMBOL#115.3": one segment) to fp. Returns 0, 1 when there is no such
 * segment, 2 or 4 with the reason in err (errsz bytes). */
int hri_page_segment(FILE *fp, hri_db *db, const char *id, char *err,
                     size_t errsz);

/* Writes an error page for HTTP status with msg to fp. */
void hri_page_error(FILE *fp, int status, const char *msg);

#endif
