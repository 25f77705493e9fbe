/* html.h - writing untrusted text into HTML and URLs: every value the
 * server puts in a page goes through one of these. */
#ifndef HRI_HTML_H
#define HRI_HTML_H

#include <stdio.h>

/* Writes s with & < > " ' as character references, safe in element content
 * and in quoted attribute values. NULL writes nothing. */
void hri_html_esc(FILE *fp, const char *s);

/* Writes s percent-encoded for a URL query value: every byte but
 * A-Z a-z 0-9 - . _ ~ as %XX (so no & ; " < > survive). NULL writes
 * nothing. */
void hri_html_url(FILE *fp, const char *s);

#endif
