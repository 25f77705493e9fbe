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

/* Writes the search page of s on db to fp. Returns HRI_OK,
 * HRI_ERR_NOT_FOUND when nothing matched (the page says so), or a status of
 * hri_search_failed() with the reason in err (errsz bytes). */
hri_status hri_page_search(FILE *fp, hri_db *db, const hri_sreq *s,
                           char *err, size_t errsz);

/* Writes the home page to fp: the search form and what db holds (its
 * documents and segments, by body, mechanism, document type, year and State
 * under review, each with its count and a link to its search). Returns
 * HRI_OK, or a status of hri_search_failed() with the reason in err. */
hri_status hri_page_home(FILE *fp, hri_db *db, char *err, size_t errsz);

/* Writes the view of segment id ("SYMBOL#14": the paragraph and its items;
 * "SYMBOL#115.3": one segment) to fp. Returns HRI_OK, or with the reason
 * in err (errsz bytes) HRI_ERR_NOT_FOUND when there is no such segment,
 * HRI_ERR_INVALID for an id too long, or a status of hri_search_failed().
 * back, when it is a results page of this site ("/search?..."), is linked
 * as the way back to the results; otherwise it is ignored. */
hri_status hri_page_segment(FILE *fp, hri_db *db, const char *id,
                            const char *back, char *err, size_t errsz);

/* Writes an error page for HTTP status with msg to fp. */
void hri_page_error(FILE *fp, int status, const char *msg);

#endif
