/* http.c - parallel HTTP GETs with retries, politeness and caps. */
#include "http.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <glib.h>

#include "file.h"
#include "log.h"

/* Hosts remembered for the rate limit; a batch talks to one or two. */
#define HOSTS_MAX 64
/* Longest wait between two looks at the transfers, in milliseconds. */
#define POLL_MAX_MS 1000
/* Longest backoff between two attempts, in seconds. */
#define BACKOFF_MAX 60.0

/* One queued GET and its current attempt. */
typedef struct xfer {
	char *url;
	char *etag;                 /* validator to send, or NULL */
	char *last_modified;        /* validator to send, or NULL */
	void *ud;                   /* the caller's, handed back */
	char host[256];             /* for the rate limit */
	CURL *easy;                 /* the attempt running, or NULL */
	struct curl_slist *headers; /* its request headers */
	unsigned char *body;        /* received so far (cap + 1 for a NUL) */
	size_t len, cap;            /* bytes */
	size_t header_bytes;        /* of the current response */
	bool body_too_big;          /* the write callback refused more */
	bool header_too_big;        /* the header callback refused more */
	size_t max_size;            /* bytes of body accepted */
	size_t max_header;          /* bytes of headers accepted */
	int attempts;               /* started so far */
	double not_before;          /* monotonic seconds: retry not earlier */
	char errbuf[CURL_ERROR_SIZE];
} xfer;

/* When a host may be sent the next request, and whether its name
 * resolves. */
typedef struct host_slot {
	char name[256];
	double next;        /* monotonic seconds */
	bool unresolved;    /* a transfer to it failed to resolve its name
	                       after all its retries: the rest of the batch
	                       is not tried (offline, the same for all) */
	char why[CURL_ERROR_SIZE]; /* the resolver's failure, for them */
} host_slot;

struct hri_http {
	hri_http_opts o;      /* defaults filled in */
	CURLM *multi;
	xfer **fresh;         /* queued, never started: fresh[next..nfresh) */
	size_t nfresh, capfresh, next;
	xfer **retry;         /* waiting for another attempt */
	size_t nretry, capretry;
	xfer *active[HRI_HTTP_JOBS_MAX]; /* attempts in the multi handle */
	size_t running;       /* of them */
	host_slot hosts[HOSTS_MAX];
	size_t nhosts;
};

/* Returns monotonic seconds. */
static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Frees one transfer, running or not. */
static void
xfer_free(hri_http *h, xfer *x)
{
	if (!x)
		return;
	if (x->easy) {
		curl_multi_remove_handle(h->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->headers);
	free(x->body);
	free(x->url);
	free(x->etag);
	free(x->last_modified);
	free(x);
}

hri_http *
hri_http_new(const hri_http_opts *o)
{
	hri_http *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	if (o)
		h->o = *o;
	if (h->o.jobs <= 0)
		h->o.jobs = 4;
	if (h->o.jobs > HRI_HTTP_JOBS_MAX)
		h->o.jobs = HRI_HTTP_JOBS_MAX;
	if (h->o.rate == 0)
		h->o.rate = 5;
	if (h->o.retries == 0)
		h->o.retries = 3;
	if (h->o.retries < 0)
		h->o.retries = 0;
	if (h->o.backoff <= 0)
		h->o.backoff = 1;
	if (h->o.retry_after_max <= 0)
		h->o.retry_after_max = 60;
	if (h->o.timeout <= 0)
		h->o.timeout = 120;
	if (h->o.connect_timeout <= 0)
		h->o.connect_timeout = h->o.timeout < 20 ? h->o.timeout : 20;
	if (h->o.low_speed_time <= 0)
		h->o.low_speed_time = 30;
	if (h->o.max_size == 0)
		h->o.max_size = 100u * 1024 * 1024;
	if (h->o.max_header == 0)
		h->o.max_header = 64u * 1024;
	if (h->o.max_redirects <= 0)
		h->o.max_redirects = 10;
	if (!h->o.user_agent)
		h->o.user_agent = "hri-fetch";
	h->multi = curl_multi_init();
	if (!h->multi) {
		free(h);
		return NULL;
	}
	/* Transfers to one host share connections; at most jobs of them. */
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->o.jobs);
	return h;
}

void
hri_http_free(hri_http *h)
{
	size_t i;

	if (!h)
		return;
	for (i = h->next; i < h->nfresh; i++)
		xfer_free(h, h->fresh[i]);
	for (i = 0; i < h->nretry; i++)
		xfer_free(h, h->retry[i]);
	free(h->fresh);
	free(h->retry);
	curl_multi_cleanup(h->multi);
	free(h);
}

/* Returns true when s is safe in a request header (no control bytes). */
static bool
header_safe(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* Appends x to the array *arr (n used, cap allocated). */
static hri_status
push(xfer ***arr, size_t *n, size_t *cap, xfer *x)
{
	xfer **grown;

	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;

		grown = realloc(*arr, c * sizeof *grown);
		if (!grown)
			return HRI_ERR_NOMEM;
		*arr = grown;
		*cap = c;
	}
	(*arr)[(*n)++] = x;
	return HRI_OK;
}

hri_status
hri_http_add(hri_http *h, const char *url, const char *etag,
             const char *last_modified, void *ud)
{
	CURLU *u = NULL;
	char *host = NULL;
	xfer *x = NULL;
	hri_status st = HRI_OK;

	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return HRI_ERR_INVALID;
	u = curl_url();
	if (!u)
		return HRI_ERR_NOMEM;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		st = HRI_ERR_INVALID;
		goto out;
	}
	x = calloc(1, sizeof *x);
	if (!x) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	snprintf(x->host, sizeof x->host, "%s", host);
	x->url = strdup(url);
	if (etag && header_safe(etag))
		x->etag = strdup(etag);
	if (last_modified && header_safe(last_modified))
		x->last_modified = strdup(last_modified);
	x->ud = ud;
	if (!x->url || (etag && header_safe(etag) && !x->etag) ||
	    (last_modified && header_safe(last_modified) && !x->last_modified)) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	st = push(&h->fresh, &h->nfresh, &h->capfresh, x);
	if (st == HRI_OK)
		x = NULL;
out:
	xfer_free(h, x);
	curl_free(host);
	curl_url_cleanup(u);
	return st;
}

/* libcurl's write callback: keeps the body, refusing bytes past the cap so
 * that an oversized body is cut off while it arrives. */
static size_t
on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	xfer *x = ud;
	size_t n = size * nmemb, cap;
	unsigned char *grown;

	if (n > x->max_size - x->len) {
		x->body_too_big = true;
		return 0; /* libcurl ends the transfer with a write error */
	}
	if (x->len + n > x->cap) {
		cap = x->cap ? x->cap : 64 * 1024;
		while (cap < x->len + n)
			cap *= 2;
		if (cap > x->max_size)
			cap = x->max_size;
		grown = realloc(x->body, cap + 1);
		if (!grown)
			return 0;
		x->body = grown;
		x->cap = cap;
	}
	memcpy(x->body + x->len, data, n);
	x->len += n;
	return n;
}

/* libcurl's header callback: counts the header bytes of each response
 * (a redirect starts a new one) and refuses an endless header. */
static size_t
on_header(char *data, size_t size, size_t nmemb, void *ud)
{
	xfer *x = ud;
	size_t n = size * nmemb;

	if (n >= 5 && memcmp(data, "HTTP/", 5) == 0)
		x->header_bytes = 0;
	x->header_bytes += n;
	if (x->header_bytes > x->max_header) {
		x->header_too_big = true;
		return 0;
	}
	return n;
}

/* Starts the next attempt of x in the multi handle. */
static hri_status
start(hri_http *h, xfer *x)
{
	char line[1024];
	struct curl_slist *l;
	CURL *e;

	x->len = 0;
	x->header_bytes = 0;
	x->body_too_big = x->header_too_big = false;
	x->errbuf[0] = '\0';
	x->max_size = h->o.max_size;
	x->max_header = h->o.max_header;
	e = curl_easy_init();
	if (!e)
		return HRI_ERR_NOMEM;
	/* gzip is inflated here, not by libcurl, which takes a gzip stream
	 * cut short for a whole body (finish_body()) */
	if (x->attempts == 0) {
		l = curl_slist_append(x->headers, "Accept-Encoding: gzip");
		if (!l)
			goto nomem;
		x->headers = l;
	}
	if (x->attempts == 0 && x->etag) {
		snprintf(line, sizeof line, "If-None-Match: %s", x->etag);
		l = curl_slist_append(x->headers, line);
		if (!l)
			goto nomem;
		x->headers = l;
	}
	if (x->attempts == 0 && x->last_modified) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", x->last_modified);
		l = curl_slist_append(x->headers, line);
		if (!l)
			goto nomem;
		x->headers = l;
	}
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	/* Only the web: no file://, no other scheme, not even by redirect. */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, h->o.max_redirects);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, h->o.connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, h->o.timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->o.low_speed_time);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->o.max_size);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, h->o.user_agent);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	if (x->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	if (curl_multi_add_handle(h->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		return HRI_ERR_INTERNAL;
	}
	x->easy = e;
	x->attempts++;
	h->active[h->running++] = x;
	return HRI_OK;
nomem:
	curl_easy_cleanup(e);
	return HRI_ERR_NOMEM;
}

/* Takes x off the list of running attempts. */
static void
deactivate(hri_http *h, xfer *x)
{
	size_t i;

	for (i = 0; i < h->running; i++)
		if (h->active[i] == x) {
			h->active[i] = h->active[--h->running];
			return;
		}
}

/* Returns the rate slot of host, adding it when there is room; NULL when
 * the table is full (such a host goes unthrottled). */
static host_slot *
slot_of(hri_http *h, const char *host)
{
	size_t i;

	for (i = 0; i < h->nhosts; i++)
		if (strcmp(h->hosts[i].name, host) == 0)
			return &h->hosts[i];
	if (h->nhosts == HOSTS_MAX)
		return NULL;
	memset(&h->hosts[h->nhosts], 0, sizeof h->hosts[0]);
	snprintf(h->hosts[h->nhosts].name, sizeof h->hosts[0].name, "%s", host);
	return &h->hosts[h->nhosts++];
}

/* Returns the time at which host may be sent a request. */
static double
host_ready_at(hri_http *h, const char *host)
{
	host_slot *s;

	if (h->o.rate < 0)
		return 0;
	s = slot_of(h, host);
	return s ? s->next : 0;
}

/* Books a request to host now, for the rate limit. */
static void
host_book(hri_http *h, const char *host, double now)
{
	host_slot *s;

	if (h->o.rate < 0)
		return;
	s = slot_of(h, host);
	if (s)
		s->next = (s->next > now ? s->next : now) + 1.0 / h->o.rate;
}

/* Starts as many waiting attempts as the limits allow. Returns the time of
 * the next start that had to wait (0 when none waits). */
static double
start_ready(hri_http *h, hri_status *st)
{
	double now = mono(), wake = 0, at;
	size_t i;
	xfer *x;

	*st = HRI_OK;
	while (h->running < (size_t)h->o.jobs) {
		x = NULL;
		for (i = 0; i < h->nretry; i++) {
			at = h->retry[i]->not_before;
			if (at < host_ready_at(h, h->retry[i]->host))
				at = host_ready_at(h, h->retry[i]->host);
			if (at <= now) {
				x = h->retry[i];
				h->retry[i] = h->retry[--h->nretry];
				break;
			}
			if (wake == 0 || at < wake)
				wake = at;
		}
		if (!x && h->next < h->nfresh) {
			at = host_ready_at(h, h->fresh[h->next]->host);
			if (at <= now)
				x = h->fresh[h->next++];
			else if (wake == 0 || at < wake)
				wake = at;
		}
		if (!x)
			break;
		host_book(h, x->host, now);
		*st = start(h, x);
		if (*st) {
			xfer_free(h, x);
			return 0;
		}
	}
	return wake;
}

/* Returns true when a transfer that ended with code and HTTP status may
 * succeed if tried again. */
static bool
transient(CURLcode code, long status)
{
	switch (code) {
	case CURLE_OK:
		return status == 429 || status == 408 || (status >= 500 && status <= 599);
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

/* Returns the header name of the last response of e, or NULL. */
static const char *
header(CURL *e, const char *name)
{
	struct curl_header *hd = NULL;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
		return NULL;
	return hd->value;
}

/* Returns header name of the last response of e, or NULL. */
static const char *header(CURL *e, const char *name);

/* Checks the body of a 2xx answer of x before anyone takes it: as long as
 * its Content-Length said, and inflated whole when gzip-encoded. Returns
 * CURLE_OK; CURLE_PARTIAL_FILE for a body cut short (a retry may get it
 * whole), CURLE_BAD_CONTENT_ENCODING for an encoding not asked for or
 * corrupt, CURLE_FILESIZE_EXCEEDED past the cap, CURLE_OUT_OF_MEMORY; with
 * the reason in x->errbuf. */
static CURLcode
finish_body(hri_http *h, xfer *x)
{
	curl_off_t cl = -1;
	const char *enc = header(x->easy, "Content-Encoding");
	unsigned char *out;
	size_t outlen;
	hri_status st;

	/* libcurl checks the length of most cut bodies itself; not all */
	if (curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) ==
	            CURLE_OK &&
	    cl >= 0 && (curl_off_t)x->len != cl) {
		snprintf(x->errbuf, sizeof x->errbuf, "body cut short: %zu of the "
		         "%lld bytes announced", x->len, (long long)cl);
		return CURLE_PARTIAL_FILE;
	}
	if (!enc || !*enc || g_ascii_strcasecmp(enc, "identity") == 0)
		return CURLE_OK;
	if (g_ascii_strcasecmp(enc, "gzip") != 0 &&
	    g_ascii_strcasecmp(enc, "x-gzip") != 0) {
		snprintf(x->errbuf, sizeof x->errbuf, "Content-Encoding %.100s, "
		         "not asked for", enc);
		return CURLE_BAD_CONTENT_ENCODING;
	}
	st = hri_gunzip(x->body ? x->body : (const unsigned char *)"", x->len,
	                h->o.max_size, &out, &outlen);
	if (st == HRI_ERR_TOO_BIG) {
		x->body_too_big = true;
		return CURLE_FILESIZE_EXCEEDED;
	}
	if (st == HRI_ERR_NOMEM)
		return CURLE_OUT_OF_MEMORY;
	if (st) {
		snprintf(x->errbuf, sizeof x->errbuf, "gzip-encoded body cut short "
		         "or corrupt (%zu bytes)", x->len);
		return CURLE_PARTIAL_FILE;
	}
	free(x->body);
	x->body = out;
	x->len = x->cap = outlen;
	return CURLE_OK;
}

/* Joins the values of every name header of the last response of e into buf
 * (bufsz bytes, cut there), ", " between them: a list such as
 * Cache-Control may come in several lines. Returns buf, or NULL when there
 * is none. */
static const char *
header_list(CURL *e, const char *name, char *buf, size_t bufsz)
{
	struct curl_header *hd = NULL;
	size_t i, amount = 1, n = 0;
	int k;

	buf[0] = '\0';
	for (i = 0; i < amount && n < bufsz; i++) {
		if (curl_easy_header(e, name, i, CURLH_HEADER, -1, &hd) != CURLHE_OK)
			break;
		amount = hd->amount;
		k = snprintf(buf + n, bufsz - n, "%s%s", n ? ", " : "", hd->value);
		if (k < 0)
			break;
		n += (size_t)k;
	}
	return buf[0] ? buf : NULL;
}

/* Handles the end of one attempt: schedules a retry, or hands the outcome to
 * the callback and frees the transfer. */
static void
finish(hri_http *h, xfer *x, CURLcode code, hri_http_done_fn done, void *ud)
{
	hri_http_result r;
	char msg[CURL_ERROR_SIZE + 128], cache[1024];
	long status = 0;
	curl_off_t retry_after = 0;
	char *final_url = NULL, *ctype = NULL;
	host_slot *hs;
	double delay;

	deactivate(h, x);
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (code == CURLE_OK && status >= 200 && status <= 299)
		code = finish_body(h, x);
	hs = code == CURLE_COULDNT_RESOLVE_HOST ? slot_of(h, x->host) : NULL;
	if (!x->body_too_big && !x->header_too_big && code != CURLE_FILESIZE_EXCEEDED &&
	    transient(code, status) && x->attempts <= h->o.retries &&
	    !(hs && hs->unresolved)) {
		delay = h->o.backoff * pow(2, x->attempts - 1);
		if (delay > BACKOFF_MAX)
			delay = BACKOFF_MAX;
		/* Jitter, so that many clients (or transfers) that failed together
		 * do not all come back at the same moment. */
		delay *= g_random_double_range(0.5, 1.5);
		if (code == CURLE_OK &&
		    curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &retry_after) ==
		            CURLE_OK &&
		    retry_after > 0)
			delay = (double)retry_after < h->o.retry_after_max
			                ? (double)retry_after
			                : h->o.retry_after_max;
		x->not_before = mono() + delay;
		if (code == CURLE_OK)
			hri_debug(x->url, "HTTP %ld, retry %d of %d in %.1f s", status,
			          x->attempts, h->o.retries, delay);
		else
			hri_debug(x->url, "%s, retry %d of %d in %.1f s",
			          x->errbuf[0] ? x->errbuf : curl_easy_strerror(code),
			          x->attempts, h->o.retries, delay);
		if (push(&h->retry, &h->nretry, &h->capretry, x) == HRI_OK) {
			curl_multi_remove_handle(h->multi, x->easy);
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
			return;
		}
	}
	memset(&r, 0, sizeof r);
	/* Its retries spent, the name still does not resolve: so it is for
	 * every transfer to the host (drop_unresolved()). */
	if (code == CURLE_COULDNT_RESOLVE_HOST) {
		r.unresolved = 1;
		if (hs && !hs->unresolved) {
			hs->unresolved = true;
			snprintf(hs->why, sizeof hs->why, "%s", x->errbuf[0]
			         ? x->errbuf : curl_easy_strerror(code));
		}
	}
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &final_url);
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ctype);
	r.url = x->url;
	r.final_url = final_url ? final_url : x->url;
	r.attempts = x->attempts;
	r.status = status;
	if (x->body_too_big || code == CURLE_FILESIZE_EXCEEDED) {
		r.st = HRI_ERR_TOO_BIG;
		snprintf(msg, sizeof msg, "body larger than %zu bytes", h->o.max_size);
	} else if (x->header_too_big) {
		r.st = HRI_ERR_TOO_BIG;
		snprintf(msg, sizeof msg, "response headers larger than %zu bytes",
		         h->o.max_header);
	} else if (code != CURLE_OK) {
		r.st = HRI_ERR_NETWORK;
		snprintf(msg, sizeof msg, "%s%s", x->errbuf[0] ? x->errbuf
		                                             : curl_easy_strerror(code),
		         "");
		if (x->attempts > 1) {
			size_t n = strlen(msg);

			snprintf(msg + n, sizeof msg - n, " (after %d attempts)",
			         x->attempts);
		}
	}
	if (r.st) {
		r.error = msg;
	} else {
		r.body = x->body ? x->body : (const unsigned char *)"";
		if (x->body)
			x->body[x->len] = '\0';
		r.len = x->len;
		r.content_type = ctype;
		r.etag = header(x->easy, "ETag");
		r.last_modified = header(x->easy, "Last-Modified");
		r.cache_control = header_list(x->easy, "Cache-Control", cache,
		                              sizeof cache);
	}
	done(&r, x->ud, ud);
	xfer_free(h, x);
}

/* Ends x, never tried or waiting to retry, with the failure of its host's
 * name, which did not resolve for another transfer (hs). */
static void
end_unresolved(hri_http *h, xfer *x, const host_slot *hs,
               hri_http_done_fn done, void *ud)
{
	hri_http_result r;
	char msg[CURL_ERROR_SIZE + 128];

	memset(&r, 0, sizeof r);
	snprintf(msg, sizeof msg, "%s (not tried%s: the name did not resolve "
	         "for an earlier transfer after all its retries)", hs->why,
	         x->attempts ? " again" : "");
	r.url = r.final_url = x->url;
	r.st = HRI_ERR_NETWORK;
	r.error = msg;
	r.unresolved = 1;
	r.attempts = x->attempts;
	done(&r, x->ud, ud);
	xfer_free(h, x);
}

/* Ends every queued or waiting transfer to a host whose name did not
 * resolve (end_unresolved()). */
static void
drop_unresolved(hri_http *h, hri_http_done_fn done, void *ud)
{
	host_slot *hs;
	size_t i, keep;
	xfer *x;

	for (i = 0; i < h->nretry;) {
		x = h->retry[i];
		hs = slot_of(h, x->host);
		if (hs && hs->unresolved) {
			h->retry[i] = h->retry[--h->nretry];
			end_unresolved(h, x, hs, done, ud);
		} else {
			i++;
		}
	}
	for (i = keep = h->next; i < h->nfresh; i++) {
		x = h->fresh[i];
		hs = slot_of(h, x->host);
		if (hs && hs->unresolved)
			end_unresolved(h, x, hs, done, ud);
		else
			h->fresh[keep++] = x;
	}
	h->nfresh = keep;
}

hri_status
hri_http_run(hri_http *h, hri_http_done_fn done, void *ud)
{
	CURLMsg *msg;
	CURL *e;
	xfer *x;
	double wake, now;
	int still, left, timeout_ms;
	long curl_ms;
	hri_status st = HRI_OK;

	wake = start_ready(h, &st);
	if (st)
		goto out;
	while (h->running > 0 || wake > 0) {
		if (curl_multi_perform(h->multi, &still) != CURLM_OK) {
			st = HRI_ERR_INTERNAL;
			goto out;
		}
		while (1) {
			msg = curl_multi_info_read(h->multi, &left);
			if (!msg)
				break;
			if (msg->msg != CURLMSG_DONE)
				continue;
			e = msg->easy_handle;
			x = NULL;
			curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&x);
			finish(h, x, msg->data.result, done, ud);
		}
		drop_unresolved(h, done, ud);
		/* Ended attempts free slots; retries may be due. */
		wake = start_ready(h, &st);
		if (st)
			goto out;
		if (h->running == 0 && wake == 0)
			break;
		/* Sleep until libcurl has work, a timer fires, or a waiting
		 * attempt may start. */
		timeout_ms = POLL_MAX_MS;
		if (curl_multi_timeout(h->multi, &curl_ms) == CURLM_OK && curl_ms >= 0 &&
		    curl_ms < timeout_ms)
			timeout_ms = (int)curl_ms;
		if (wake > 0) {
			now = mono();
			if ((wake - now) * 1000 < timeout_ms)
				timeout_ms = wake > now ? (int)((wake - now) * 1000) + 1 : 0;
		}
		if (curl_multi_poll(h->multi, NULL, 0, timeout_ms, NULL) != CURLM_OK) {
			st = HRI_ERR_INTERNAL;
			goto out;
		}
	}
out:
	/* Whatever did not run is dropped, so the batch is empty. */
	for (; h->next < h->nfresh; h->next++)
		xfer_free(h, h->fresh[h->next]);
	while (h->nretry > 0)
		xfer_free(h, h->retry[--h->nretry]);
	while (h->running > 0)
		xfer_free(h, h->active[--h->running]);
	h->nfresh = h->next = 0;
	return st;
}
