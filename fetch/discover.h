/* discover.h - the document symbols matching a pattern (A/HRC/58/ and a
 * star: every document of the 58th session of the Council), from
 * the UN Digital Library's search by symbol (191 $a) in MARCXML, page by
 * page, read with the catalogue reader of marc.h. */
#ifndef HRI_FETCH_DISCOVER_H
#define HRI_FETCH_DISCOVER_H

#include <stddef.h>
#include <stdio.h>

#include "http.h"
#include "status.h"

/* The UN Digital Library's search by symbol pattern, 200 records a page;
 * {jrec} is the rank of the page's first record (1, 201, ...). */
#define HRI_DISCOVER_CATALOGUE                                                \
	"https://digitallibrary.un.org/search?p=191__a%3A%22{symbol}%22"      \
	"&of=xm&rg=200&jrec={jrec}"

#define HRI_DISCOVER_PATTERN_MAX 128   /* bytes of a pattern, NUL included */
#define HRI_DISCOVER_PAGES_MAX 200     /* pages read at most (40000 records) */
#define HRI_DISCOVER_SYMBOLS_MAX 50000 /* distinct symbols kept at most */

/* How to search. Strings are borrowed. */
typedef struct hri_discover_opts {
	const char *catalogue; /* URL template with {symbol} (the pattern) and
	                          {jrec}; NULL for HRI_DISCOVER_CATALOGUE. A
	                          template without {jrec} gets "rg=200&jrec=N"
	                          appended to its query. */
	hri_http_opts http;    /* limits of the transfers */
	FILE *out;             /* where the symbols go, one a line */
} hri_discover_opts;

/* Returns nonzero when pattern is usable: 1 to HRI_DISCOVER_PATTERN_MAX - 1
 * printable ASCII bytes without white space, at least one "/" and no
 * character a symbol cannot hold besides "*" and "?". */
int hri_discover_pattern_ok(const char *pattern);

/* Searches the catalogue for the symbols matching pattern (a shell pattern
 * as fnmatch(3) reads it, a star crossing "/": A/HRC/58/ and a star takes
 * A/HRC/58/1 and A/HRC/58/1/Add.1), reading pages until one is empty, adds nothing
 * new, or the result count the catalogue announces is reached, then writes
 * the distinct symbols in normal form, in natural order, one a line, to
 * o->out, and sets *found to their number. Nothing is written unless every
 * page was read. Returns HRI_OK (also when nothing matched: *found is 0),
 * HRI_ERR_NETWORK when a page could not be had (err says which and why),
 * HRI_ERR_FORMAT when a page is not MARCXML, HRI_ERR_TOO_BIG past the caps,
 * HRI_ERR_IO when the output failed, HRI_ERR_NOMEM. */
hri_status hri_discover_run(const char *pattern, const hri_discover_opts *o,
                            size_t *found, char *err, size_t errsz);

#endif
