/* search.h - one search, as hri-query and hri-serve both run it: the query
 * with its hits, facets and spelling suggestion printed in a format, and
 * the lookup of one document or paragraph by symbol (--show). */
#ifndef HRI_SEARCH_H
#define HRI_SEARCH_H

#include <stddef.h>

#include "output.h"
#include "xapian.h"

/* Matches fewer than this make a search offer its spelling correction:
 * only a query that finds nothing, since a rare word that finds one
 * paragraph is usually what the researcher meant. */
#define HRI_SEARCH_FEW_HITS 1

/* Most hits --show and the link commands look at. */
#define HRI_SEARCH_ALL_HITS 1000000u

/* The filters of a --show lookup; they point into the struct and into the
 * string it was made from, which must outlive it. */
typedef struct hri_show {
	char symbol[256];      /* the document symbol */
	char para[32];         /* the paragraph number, or "" */
	hri_filter filters[2];
	hri_query_opts qo;     /* document order, every segment */
} hri_show;

/* Turns a failed hri_db_query() (st) into a message in err (errsz bytes)
 * and returns the status to report: HRI_ERR_QUERY for a query that does
 * not parse, HRI_ERR_INVALID for an unknown field, else the database's
 * failure (HRI_ERR_DB, HRI_ERR_NETWORK, ...), never HRI_ERR_NOT_FOUND,
 * which the callers read as "nothing matched". */
hri_status hri_search_failed(hri_db *db, hri_status st, const char *query,
                             char *err, size_t errsz);

/* Runs query with qo and prints its hits (ranked from qo->offset + 1), its
 * facets and, when nothing matched, the spelling suggestion (a record in
 * JSON) in o's format. Returns HRI_OK; HRI_ERR_NOT_FOUND when nothing
 * matched; a status of hri_search_failed(), or HRI_ERR_IO when the output
 * failed, with the reason in err (errsz bytes). */
hri_status hri_search_print(hri_db *db, hri_out *o, const char *query,
                            const hri_query_opts *qo, char *err,
                            size_t errsz);

/* Splits list, comma-separated facet fields or their query prefixes
 * ("country,org,theme"), into out: at most max field names as the field
 * table has them ("organization"), static strings; *n gets how many.
 * Empty names are skipped. Returns HRI_OK; HRI_ERR_INVALID for a name that
 * is no facet field, HRI_ERR_TOO_BIG for more than max, with the reason in
 * err (errsz bytes). */
hri_status hri_search_facets(const char *list, const char **out, size_t max,
                             size_t *n, char *err, size_t errsz);

/* Fills sh for what: "SYMBOL" (every segment of the document), "SYMBOL#14"
 * (paragraph 14 with its items) or "SYMBOL#115.3", "SYMBOL#45(e)" (one
 * segment by its id). Returns HRI_ERR_TOO_BIG when the symbol or the
 * paragraph is too long. */
hri_status hri_search_show_init(hri_show *sh, const char *what);

#endif
