/* strbuf.h - a growing NUL-terminated byte string with a cap, for text
 * assembled from untrusted documents. */
#ifndef HRI_STRBUF_H
#define HRI_STRBUF_H

#include <stddef.h>

#include "status.h"

typedef struct hri_strbuf {
	char *s;    /* NUL-terminated when cap > 0, else NULL */
	size_t len; /* bytes, excluding the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* longest string accepted, bytes; 0: 64 MiB */
} hri_strbuf;

/* Appends len bytes at p. Returns HRI_ERR_NOMEM, or HRI_ERR_TOO_BIG past
 * max (the string is then unchanged). */
hri_status hri_strbuf_add(hri_strbuf *b, const char *p, size_t len);

/* Appends the NUL-terminated string p. */
hri_status hri_strbuf_puts(hri_strbuf *b, const char *p);

/* Empties b, keeping its memory. */
void hri_strbuf_reset(hri_strbuf *b);

/* Frees the memory of b and zeroes it (max is kept). */
void hri_strbuf_free(hri_strbuf *b);

#endif
