/* textread.h - the reader for plain text and markdown: one doctext line per
 * source line, markdown markup turned into style hints (headings, list
 * items, footnote texts, <sup>n</sup> footnote calls) and stripped. */
#ifndef HRI_TEXTREAD_H
#define HRI_TEXTREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "doctext.h"
#include "status.h"

/* Appends the lines of the len bytes at buf to t; with markdown true the
 * markup is interpreted, else only indentation is noted. Invalid UTF-8
 * bytes are replaced by U+FFFD. Returns HRI_ERR_NOMEM or HRI_ERR_TOO_BIG
 * (from the doctext's cap), else HRI_OK. */
hri_status hri_textread(const char *buf, size_t len, bool markdown,
                        hri_doctext *t);

/* Writes into out the markdown line of len bytes at in with its inline
 * markup removed: emphasis markers, backslash escapes and HTML tags, and
 * <sup>n</sup> turned into a footnote call marker. Returns the length. out
 * must have room for len + 1 bytes. */
size_t hri_textread_inline(const char *in, size_t len, char *out);

#endif
