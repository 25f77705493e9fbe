/* httpd.h - a small real HTTP/1.1 server on the loopback interface for the
 * fetch tests: it serves the files of a directory (with ETag and
 * Last-Modified, answering 304 to a matching conditional request), bytes
 * put in by the test, and faults injected on purpose, path by path, for a
 * given number of requests: errors, Retry-After, a connection dropped in
 * the middle of a body, a body slower than any timeout, a redirect loop, an
 * HTML page, an endless body, an endless header.
 *
 * It listens on 127.0.0.1 on a port the kernel picks, runs in its own
 * threads (one for accepting, one per connection) and stops cleanly. */
#ifndef HRI_TEST_HTTPD_H
#define HRI_TEST_HTTPD_H

#include <stddef.h>

typedef struct hri_httpd hri_httpd;

/* The faults the server can play (DROP, SLOW, CUT and GZIP serve the
 * path's document, or a stand-in when there is none). */
typedef enum hri_httpd_fault {
	HRI_HTTPD_STATUS,        /* answer status arg with a short body */
	HRI_HTTPD_RETRY_AFTER,   /* 429 with "Retry-After: arg" */
	HRI_HTTPD_DROP,          /* send the headers and half the body, close */
	HRI_HTTPD_SLOW,          /* send the body one byte every arg ms */
	HRI_HTTPD_REDIRECT_LOOP, /* 302 to the same path, forever */
	HRI_HTTPD_REDIRECT_FILE, /* 302 to file:///etc/passwd */
	HRI_HTTPD_HTML,          /* 200 text/html error page */
	HRI_HTTPD_HTML_AS_PDF,   /* 200 "application/pdf" but HTML bytes */
	HRI_HTTPD_ENDLESS_BODY,  /* 200 PDF magic then bytes without end (no
	                            Content-Length), until the client leaves */
	HRI_HTTPD_ENDLESS_HEADER,/* 200 then header lines without end */
	HRI_HTTPD_CUT,           /* the headers without Content-Length and half
	                            the body, then close: a cut the length
	                            cannot show */
	HRI_HTTPD_GZIP           /* the body gzip-encoded (Content-Encoding,
	                            and the Content-Length of what is sent);
	                            with arg 1 the gzip stream is cut in half */
} hri_httpd_fault_kind;

/* Starts a server for the files of directory root (borrowed; a request
 * path "/A_HRC_28_15.pdf" is root/A_HRC_28_15.pdf; the path is decoded
 * first and any "/" in it past the first becomes "_", so "/A%2FHRC%2F28%2F15"
 * is root/A_HRC_28_15). Returns NULL when it cannot listen. */
hri_httpd *hri_httpd_start(const char *root);

/* Stops the server, closes every connection and frees it; NULL does
 * nothing. */
void hri_httpd_stop(hri_httpd *h);

/* Returns the port it listens on. */
int hri_httpd_port(const hri_httpd *h);

/* Plays fault (with its arg) on the next count requests of path ("/..."),
 * or on all of them when count is 0. Faults on one path are played in the
 * order they were added. */
void hri_httpd_fault(hri_httpd *h, const char *path, hri_httpd_fault_kind fault,
                     int arg, int count);

/* Serves the len bytes of data (copied) with content_type at path, in place
 * of any file; a second call replaces the first. */
void hri_httpd_put(hri_httpd *h, const char *path, const void *data,
                   size_t len, const char *content_type);

/* Sends the header line (such as "Cache-Control: max-age=3600", no CRLF;
 * copied) with every 200 and 304 answer for path; "" sends none again. */
void hri_httpd_header(hri_httpd *h, const char *path, const char *line);

/* Requests received for path (NULL: all paths). */
unsigned hri_httpd_requests(hri_httpd *h, const char *path);

/* Responses that carried a document body (200 from a file or put bytes,
 * whole or cut) for path (NULL: all paths). */
unsigned hri_httpd_bodies(hri_httpd *h, const char *path);

/* The most HRI_HTTPD_SLOW bodies that were being sent at once since the
 * server started or the last call (which starts the count again): how
 * many transfers a client ran in parallel, told by the server, where a
 * clock would tell it only on an idle machine. */
unsigned hri_httpd_slow_peak(hri_httpd *h);

/* Requests for path (NULL: all) that were conditional (If-None-Match or
 * If-Modified-Since). */
unsigned hri_httpd_conditional(hri_httpd *h, const char *path);

#endif
