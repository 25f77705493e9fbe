/* app.h - what hri-serve answers, apart from HTTP: a request (path and
 * decoded query parameters) in, a response (status, type, body) out. The
 * search page, the paragraph view, the exports and the JSON API all run
 * the shared search code of lib/search.h, so they say what hri-query
 * says. */
#ifndef HRI_APP_H
#define HRI_APP_H

#include <stddef.h>

#include "pool.h"
#include "xapian.h"

/* Caps on what a request may ask for. */
#define HRI_APP_MAX_PARAMS 32   /* query parameters */
#define HRI_APP_MAX_QUERY 1024  /* bytes of q */
#define HRI_APP_MAX_FILTERS 8   /* f= parameters */
#define HRI_APP_MAX_LIMIT 100   /* hits on a page or an API answer */
#define HRI_APP_MAX_EXPORT 10000 /* hits in an export */
#define HRI_APP_PAGE 20         /* hits on a page by default */

/* A GET request: its path and its query parameters, decoded. */
typedef struct hri_req {
	const char *path;
	const char *keys[HRI_APP_MAX_PARAMS];
	const char *vals[HRI_APP_MAX_PARAMS];
	size_t n;
	int too_many;           /* parameters beyond HRI_APP_MAX_PARAMS */
	int bad_utf8;           /* parameters whose value is not UTF-8 */
} hri_req;

/* The answer to a request. */
typedef struct hri_resp {
	int status;              /* HTTP status */
	const char *type;        /* Content-Type, static */
	const char *disposition; /* Content-Disposition, static, or NULL */
	char *body;              /* malloc()ed, len bytes; owned by the resp */
	size_t len;
} hri_resp;

/* A search as the page, the exports and the API take it: q, f=FIELD:VALUE
 * filters (exact, like hri-query's facet values), sort, offset, limit. */
typedef struct hri_sreq {
	const char *q;                               /* "" for everything */
	char fields[HRI_APP_MAX_FILTERS][32];        /* the filters' fields */
	const char *raw[HRI_APP_MAX_FILTERS];        /* the f= values as given */
	hri_filter filters[HRI_APP_MAX_FILTERS];
	size_t nfilters;
	unsigned offset;                             /* hits skipped */
	unsigned limit;                              /* hits wanted */
	int sort;                                    /* enum hri_sort */
	const char *sort_name;                       /* as given, or NULL */
} hri_sreq;

/* Returns the query options of s (borrowing its filters), counting the n
 * facets when facets is not NULL. */
hri_query_opts hri_sreq_opts(const hri_sreq *s, const char *const *facets,
                             size_t n);

/* Adds parameter key=value to r (both borrowed; must outlive r); counts
 * what is beyond the cap in r->too_many. */
void hri_req_add(hri_req *r, const char *key, const char *value);

/* Answers r with a database borrowed from pool into resp (whose body the
 * caller frees). Returns HRI_OK, or HRI_ERR_NOMEM when no answer could be
 * built (resp then empty). */
hri_status hri_app_handle(hri_pool *pool, const hri_req *r, hri_resp *resp);

#endif
