/* strbuf.c - capped growing strings. */
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

hri_status
hri_strbuf_add(hri_strbuf *b, const char *p, size_t len)
{
	size_t max = b->max ? b->max : (size_t)64 * 1024 * 1024;
	size_t ncap;
	char *ns;

	if (len > max || b->len + len > max)
		return HRI_ERR_TOO_BIG;
	if (b->len + len + 1 > b->cap) {
		ncap = b->cap ? b->cap : 64;
		while (ncap < b->len + len + 1)
			ncap *= 2;
		ns = realloc(b->s, ncap);
		if (!ns)
			return HRI_ERR_NOMEM;
		b->s = ns;
		b->cap = ncap;
	}
	if (len)
		memcpy(b->s + b->len, p, len);
	b->len += len;
	b->s[b->len] = '\0';
	return HRI_OK;
}

hri_status
hri_strbuf_puts(hri_strbuf *b, const char *p)
{
	return hri_strbuf_add(b, p, strlen(p));
}

void
hri_strbuf_reset(hri_strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
hri_strbuf_free(hri_strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}
