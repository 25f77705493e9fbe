/* http.h - a batch of HTTP GET transfers run in parallel with libcurl's
 * multi interface: bounded parallelism, a request rate per host, retries
 * with exponential backoff and jitter on failures that may pass (timeouts,
 * dropped connections, 429, 5xx; Retry-After honoured, capped), and caps on
 * everything a server controls: body size (enforced while receiving), header
 * size, redirects, time, and the protocols (http and https only, redirects
 * included). */
#ifndef HRI_FETCH_HTTP_H
#define HRI_FETCH_HTTP_H

#include <stddef.h>

#include "status.h"

typedef struct hri_http hri_http;

#define HRI_HTTP_JOBS_MAX 64 /* most transfers at once */

/* Limits and manners of a batch. Zero in a field means its default. */
typedef struct hri_http_opts {
	int jobs;               /* transfers at once (default 4, at most
	                           HRI_HTTP_JOBS_MAX) */
	double rate;            /* requests a second per host; < 0 unlimited
	                           (default 0 means 5) */
	int retries;            /* further attempts after the first; < 0 none
	                           (default 0 means 3) */
	double backoff;         /* seconds before the first retry, doubled at
	                           each (default 1) */
	double retry_after_max; /* seconds: a longer Retry-After is cut to this
	                           (default 60) */
	long timeout;           /* seconds for a whole transfer (default 120) */
	long connect_timeout;   /* seconds to connect (default 20) */
	long low_speed_time;    /* seconds below 1 KB/s before giving up
	                           (default 30) */
	size_t max_size;        /* bytes of body accepted (default 100 MB) */
	size_t max_header;      /* bytes of response headers accepted, all
	                           lines of one response (default 64 KB) */
	long max_redirects;     /* redirects followed (default 10) */
	const char *user_agent; /* default "hri-fetch" */
} hri_http_opts;

/* The outcome of one transfer, handed to the done callback. Everything is
 * borrowed and valid only during the callback. */
typedef struct hri_http_result {
	const char *url;          /* the URL asked for */
	const char *final_url;    /* after redirects, or url */
	hri_status st;            /* HRI_OK when an HTTP answer came (any status
	                             code); HRI_ERR_NETWORK when none did;
	                             HRI_ERR_TOO_BIG when the body or headers
	                             passed their cap */
	const char *error;        /* with st != HRI_OK: why, for people */
	long status;              /* HTTP status code, 0 when no answer */
	const unsigned char *body;/* the body (NUL-terminated, not counted), or
	                             NULL when none came */
	size_t len;               /* bytes of body */
	const char *content_type; /* or NULL */
	const char *etag;         /* or NULL */
	const char *last_modified;/* or NULL */
	const char *cache_control;/* the Cache-Control lines joined with ", "
	                             (cut at 1 KB), or NULL */
	int attempts;             /* requests made, retries included; 0 for a
	                             transfer not tried because its host's
	                             name did not resolve for another one */
	int unresolved;           /* the host's name did not resolve: st is
	                             HRI_ERR_NETWORK */
} hri_http_result;

/* Called once per transfer when it is over: item_ud as given to
 * hri_http_add(), ud as given to hri_http_run(). */
typedef void (*hri_http_done_fn)(const hri_http_result *r, void *item_ud,
                                 void *ud);

/* Creates an empty batch with the limits of o (copied; NULL for all
 * defaults). Returns NULL when out of memory or when libcurl cannot start. */
hri_http *hri_http_new(const hri_http_opts *o);

/* Frees the batch and any transfer not yet run; NULL does nothing. */
void hri_http_free(hri_http *h);

/* Queues a GET of url. etag and last_modified, when not NULL, make the
 * request conditional (If-None-Match, If-Modified-Since), so an unchanged
 * document comes back as a 304 without its body. ud is handed back to the
 * done callback as item_ud. All strings are copied. Returns HRI_ERR_INVALID when url is
 * not an http or https URL, HRI_ERR_NOMEM. */
hri_status hri_http_add(hri_http *h, const char *url, const char *etag,
                        const char *last_modified, void *ud);

/* Runs every queued transfer, calling done(result, item_ud, ud) once for
 * each when it is over (retries exhausted or not needed), in the order they
 * end. Once a transfer has failed to resolve its host's name with all its
 * retries, the transfers to that host still queued or waiting to retry
 * end at once with the same failure (unresolved set, attempts 0 for those
 * never tried): offline, a batch of 80 ends in seconds, not minutes of
 * retries that all fail alike. Returns
 * HRI_OK when all were run (whatever their outcome), HRI_ERR_NOMEM or
 * HRI_ERR_INTERNAL when the batch itself failed. The batch is empty after. */
hri_status hri_http_run(hri_http *h, hri_http_done_fn done, void *ud);

#endif
