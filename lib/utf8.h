/* utf8.h - strict UTF-8 validation, the same rule jansson applies, so that
 * text that passes here is never refused when it becomes a record. */
#ifndef HRI_UTF8_H
#define HRI_UTF8_H

#include <stddef.h>

/* Returns the length (1 to 4) of the valid UTF-8 sequence at p, which has n
 * bytes left (n >= 1), or 0 when the bytes there are not one: a stray
 * continuation byte, a truncated sequence, an overlong form, a UTF-16
 * surrogate (U+D800..U+DFFF) or a code point past U+10FFFF. */
size_t hri_utf8_len(const unsigned char *p, size_t n);

/* Returns 1 when all len bytes at s are valid UTF-8 (NUL bytes included),
 * else 0. */
int hri_utf8_valid(const char *s, size_t len);

#endif
