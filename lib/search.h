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

/* Most reasons a search gives for finding nothing. */
#define HRI_SEARCH_WHY_MAX 8

/* What a search says beside its hits: the reasons it found nothing (or,
 * when it found something, the unknown prefixes it was given), and a
 * spelling correction that would find something. */
typedef struct hri_search_why {
	hri_why why[HRI_SEARCH_WHY_MAX]; /* hri_db_explain()'s reasons */
	size_t n;                        /* of why */
	char *suggestion;                /* "did you mean", or NULL; free() */
} hri_search_why;

/* Returns query, or "" when it holds only white space: '' and '   ' are
 * both the empty query, which matches every segment. */
const char *hri_search_query(const char *query);

/* Works out, for query run with qo into hits, what w says: with no match
 * every reason hri_db_explain() finds and the spelling correction of hits,
 * kept only when it is made of the index's own words and prefixes and,
 * run with the same filters, finds something; with matches only the
 * unknown prefixes. A failed lookup leaves w empty: the hits stand. Free
 * with hri_search_why_free(). */
void hri_search_why_get(hri_db *db, const hri_hits *hits, const char *query,
                        const hri_query_opts *qo, hri_search_why *w);

/* Frees what w holds (not w itself). */
void hri_search_why_free(hri_search_why *w);

/* Writes why, one reason, as a sentence for people into out (outsz
 * bytes): "country:Slovena: no segment has this value; the closest in the
 * index: country:Slovenia". */
void hri_search_why_text(const hri_why *why, char *out, size_t outsz);

/* Turns a failed hri_db_query() (st) into a message in err (errsz bytes)
 * and returns the status to report: HRI_ERR_QUERY for a query that does
 * not parse, HRI_ERR_INVALID for an unknown field, else the database's
 * failure (HRI_ERR_DB, HRI_ERR_NETWORK, ...), never HRI_ERR_NOT_FOUND,
 * which the callers read as "nothing matched". */
hri_status hri_search_failed(hri_db *db, hri_status st, const char *query,
                             char *err, size_t errsz);

/* Runs query (hri_search_query(): blank is empty, everything) with qo and
 * prints its hits (ranked from qo->offset + 1), its facets and what
 * hri_search_why_get() says: in JSON a record {"type":"why", "query",
 * "reason": "prefix"|"value"|"word", "term", "near": [...]} per reason and
 * {"type":"suggestion", "query", "did_you_mean"}; with o->tell the same on
 * stderr, and "no matches" when stderr is a terminal. In CSV, the hits or
 * the facet counts, never both in one table: facets with a limit above 0
 * are refused. Returns HRI_OK; HRI_ERR_NOT_FOUND when nothing matched;
 * HRI_ERR_INVALID for CSV with both; a status of hri_search_failed(), or
 * HRI_ERR_IO when the output failed, with the reason in err (errsz
 * bytes). */
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

/* Writes into msg (msgsz bytes) why the --show lookup sh of what found
 * nothing: "A/HRC/28/15#999: the index holds A/HRC/28/15, but no segment
 * A/HRC/28/15#999", or "A/HRC/28/1: no document A/HRC/28/1 in the index;
 * the closest it holds: A/HRC/28/15, A/HRC/28/2". */
void hri_search_show_missing(hri_db *db, const hri_show *sh, const char *what,
                             char *msg, size_t msgsz);

#endif
