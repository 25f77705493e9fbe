/* lines.c - capped line reader. */
#include "lines.h"

#include <stdlib.h>
#include <string.h>

struct hri_lines {
	FILE *fp;             /* borrowed */
	size_t max;           /* bytes, longest line accepted */
	char *buf;            /* current line, NUL-terminated */
	size_t cap;           /* bytes allocated for buf */
	unsigned long lineno; /* number of the line last returned */
};

hri_lines *
hri_lines_new(FILE *fp, size_t max)
{
	hri_lines *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->fp = fp;
	r->max = max ? max : HRI_LINE_MAX;
	return r;
}

void
hri_lines_free(hri_lines *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r);
}

/* Grows buf to hold at least need bytes. */
static hri_status
reserve(hri_lines *r, size_t need)
{
	size_t ncap;
	char *nbuf;

	if (need <= r->cap)
		return HRI_OK;
	ncap = r->cap ? r->cap : 256;
	while (ncap < need)
		ncap *= 2;
	nbuf = realloc(r->buf, ncap);
	if (!nbuf)
		return HRI_ERR_NOMEM;
	r->buf = nbuf;
	r->cap = ncap;
	return HRI_OK;
}

hri_status
hri_lines_next(hri_lines *r, const char **line, size_t *len)
{
	size_t n = 0;
	int too_big = 0;
	int c;
	hri_status st;

	*line = NULL;
	*len = 0;
	c = getc_unlocked(r->fp);
	if (c == EOF)
		return ferror(r->fp) ? HRI_ERR_IO : HRI_ERR_NOT_FOUND;
	r->lineno++;
	for (; c != EOF && c != '\n'; c = getc_unlocked(r->fp)) {
		if (too_big)
			continue;
		if (n >= r->max) {
			too_big = 1;
			continue;
		}
		st = reserve(r, n + 2);
		if (st)
			return st;
		r->buf[n++] = (char)c;
	}
	if (c == EOF && ferror(r->fp))
		return HRI_ERR_IO;
	if (too_big)
		return HRI_ERR_TOO_BIG;
	st = reserve(r, n + 1);
	if (st)
		return st;
	if (n > 0 && r->buf[n - 1] == '\r')
		n--;
	r->buf[n] = '\0';
	*line = r->buf;
	*len = n;
	return HRI_OK;
}

unsigned long
hri_lines_lineno(const hri_lines *r)
{
	return r->lineno;
}
