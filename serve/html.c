/* html.c - escaping for HTML text, attributes and URL query values. */
#include "html.h"

void
hri_html_esc(FILE *fp, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: putc(*s, fp); break;
		}
	}
}

void
hri_html_url(FILE *fp, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (!s)
		return;
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			putc(*p, fp);
		} else {
			putc('%', fp);
			putc(hex[*p >> 4], fp);
			putc(hex[*p & 15], fp);
		}
	}
}
