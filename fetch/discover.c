/* discover.c - symbols of a pattern from the catalogue's search pages. */
#define _GNU_SOURCE /* strverscmp: A/HRC/58/2 before A/HRC/58/10 */
#include "discover.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "marc.h"
#include "symbol.h"
#include "template.h"
#include "grow.h"

/* Where one page's answer is kept between the transfer and the parse. */
typedef struct page {
	hri_status st;   /* HRI_OK when a 200 came */
	char why[256];   /* with st: why, for people */
	char *body;      /* the MARCXML (malloc'd), or NULL */
	size_t len;      /* bytes of body */
} page;

/* The symbols found so far, distinct. */
typedef struct found_set {
	const char *pattern; /* borrowed */
	char **sym;          /* normalised symbols (malloc'd each) */
	size_t n, cap;
	size_t added;        /* symbols new on the current page */
} found_set;

int
hri_discover_pattern_ok(const char *pattern)
{
	size_t n = 0;
	const char *p;

	if (!pattern || !strchr(pattern, '/'))
		return 0;
	for (p = pattern; *p; p++, n++) {
		unsigned char c = (unsigned char)*p;

		if (n + 1 >= HRI_DISCOVER_PATTERN_MAX)
			return 0;
		if (!isalnum(c) && !strchr("/.-_()*?", c))
			return 0;
	}
	return n > 0;
}

/* http done callback: copies the body of a 200 answer into the page. */
static void
page_done(const hri_http_result *r, void *item_ud, void *ud)
{
	page *pg = item_ud;

	(void)ud;
	if (r->st) {
		pg->st = HRI_ERR_NETWORK;
		snprintf(pg->why, sizeof pg->why, "%s", r->error ? r->error : "no answer");
		return;
	}
	if (r->status != 200) {
		pg->st = HRI_ERR_NETWORK;
		snprintf(pg->why, sizeof pg->why, "HTTP %ld", r->status);
		return;
	}
	pg->body = malloc(r->len + 1);
	if (!pg->body) {
		pg->st = HRI_ERR_NOMEM;
		snprintf(pg->why, sizeof pg->why, "out of memory");
		return;
	}
	memcpy(pg->body, r->body ? (const char *)r->body : "", r->len);
	pg->body[r->len] = '\0';
	pg->len = r->len;
	pg->st = HRI_OK;
}

/* hri_marc_each callback: keeps the record's symbol when it matches the
 * pattern and is not yet in the set. */
static hri_status
keep_symbol(const json_t *meta, void *ud)
{
	found_set *f = ud;
	const char *s = hri_json_str(meta, "symbol");
	char norm[HRI_SYMBOL_MAX];
	size_t i;

	if (!s || hri_symbol_normalize(s, strlen(s), norm, sizeof norm) != HRI_OK)
		return HRI_OK; /* a record without a usable symbol says nothing */
	if (fnmatch(f->pattern, norm, 0) != 0)
		return HRI_OK;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->sym[i], norm) == 0)
			return HRI_OK;
	if (f->n == HRI_DISCOVER_SYMBOLS_MAX)
		return HRI_ERR_TOO_BIG;
	if (hri_grow(&f->sym, f->n, &f->cap, sizeof *f->sym, 64))
		return HRI_ERR_NOMEM;
	f->sym[f->n] = strdup(norm);
	if (!f->sym[f->n])
		return HRI_ERR_NOMEM;
	f->n++;
	f->added++;
	return HRI_OK;
}

/* qsort comparison of two symbols in natural order. */
static int
by_symbol(const void *a, const void *b)
{
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the result count Invenio announces in a comment of its MARCXML
 * ("Search-Engine-Total-Number-Of-Results: 143"). Returns 0 when absent. */
static unsigned long
announced_total(const char *xml)
{
	static const char key[] = "Search-Engine-Total-Number-Of-Results:";
	const char *p = strstr(xml, key);

	if (!p)
		return 0;
	return strtoul(p + sizeof key - 1, NULL, 10);
}

/* Writes into a new string *out (caller frees) the URL of the page whose
 * first record has rank jrec: tmpl expanded for pattern, {jrec} replaced. */
static hri_status
page_url(const char *tmpl, const char *pattern, unsigned long jrec, char **out)
{
	hri_template_vars v = {pattern, NULL, NULL, NULL};
	char *url = NULL, *full = NULL, num[24];
	const char *at;
	size_t n;
	hri_status st;

	*out = NULL;
	st = hri_template_expand(tmpl, &v, &url);
	if (st)
		return st;
	snprintf(num, sizeof num, "%lu", jrec);
	at = strstr(url, "{jrec}");
	n = strlen(url) + sizeof "&rg=200&jrec=" + strlen(num);
	full = malloc(n);
	if (!full) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	if (at)
		snprintf(full, n, "%.*s%s%s", (int)(at - url), url, num,
		         at + sizeof "{jrec}" - 1);
	else
		snprintf(full, n, "%s%crg=200&jrec=%s", url,
		         strchr(url, '?') ? '&' : '?', num);
	*out = full;
out:
	free(url);
	return st;
}

hri_status
hri_discover_run(const char *pattern, const hri_discover_opts *o,
                 size_t *found, char *err, size_t errsz)
{
	const char *tmpl = o->catalogue ? o->catalogue : HRI_DISCOVER_CATALOGUE;
	found_set f = {0};
	hri_http *h = NULL;
	page pg = {0};
	char *url = NULL, why[256];
	unsigned long jrec = 1, total = 0;
	size_t records, i, pages;
	hri_status st = HRI_OK;

	*found = 0;
	err[0] = '\0';
	f.pattern = pattern;
	h = hri_http_new(&o->http);
	if (!h) {
		snprintf(err, errsz, "libcurl cannot start");
		return HRI_ERR_NOMEM;
	}
	for (pages = 0; pages < HRI_DISCOVER_PAGES_MAX; pages++) {
		st = page_url(tmpl, pattern, jrec, &url);
		if (st) {
			snprintf(err, errsz, "%s: %s", tmpl, hri_status_str(st));
			goto out;
		}
		memset(&pg, 0, sizeof pg);
		pg.st = HRI_ERR_NETWORK;
		snprintf(pg.why, sizeof pg.why, "no answer");
		st = hri_http_add(h, url, NULL, NULL, &pg);
		if (st == HRI_OK)
			st = hri_http_run(h, page_done, NULL);
		if (st == HRI_OK)
			st = pg.st;
		if (st) {
			snprintf(err, errsz, "%s: %s", url,
			         st == pg.st ? pg.why : hri_status_str(st));
			goto out;
		}
		f.added = 0;
		st = hri_marc_each(pg.body, pg.len, keep_symbol, &f, &records, why,
		                   sizeof why);
		if (st == HRI_ERR_INVALID)
			st = HRI_ERR_FORMAT;
		if (st) {
			snprintf(err, errsz, "%s: %s", url,
			         why[0] ? why : hri_status_str(st));
			goto out;
		}
		if (pages == 0)
			total = announced_total(pg.body);
		free(pg.body);
		pg.body = NULL;
		free(url);
		url = NULL;
		/* An empty page, a page that repeats the last (a server without
		 * paging), or the announced count reached: the list is whole. */
		if (records == 0 || f.added == 0)
			break;
		jrec += records;
		if (total && jrec > total)
			break;
	}
	if (pages == HRI_DISCOVER_PAGES_MAX) {
		snprintf(err, errsz, "%s: more than %d pages of results", pattern,
		         HRI_DISCOVER_PAGES_MAX);
		st = HRI_ERR_TOO_BIG;
		goto out;
	}
	if (f.n > 0)
		qsort(f.sym, f.n, sizeof *f.sym, by_symbol);
	for (i = 0; i < f.n; i++)
		if (fprintf(o->out, "%s\n", f.sym[i]) < 0)
			break;
	if (i < f.n || fflush(o->out) != 0) {
		snprintf(err, errsz, "standard output: write error");
		st = HRI_ERR_IO;
		goto out;
	}
	*found = f.n;
out:
	free(pg.body);
	free(url);
	for (i = 0; i < f.n; i++)
		free(f.sym[i]);
	free(f.sym);
	hri_http_free(h);
	return st;
}
