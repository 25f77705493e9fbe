/* docxread.c - DOCX into doctext lines: word/document.xml paragraph by
 * paragraph, Word's automatic numbering rendered from word/numbering.xml
 * (so "115.1" or "(a)" appear as the reader sees them), footnote calls as
 * markers and word/footnotes.xml as footnote lines. The XML is parsed with
 * no network, no entity substitution and no DTD: a DOCX that carries a DTD
 * is refused outright. */
#include "readers.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "strbuf.h"
#include "zip.h"

#define DOCX_TOTAL_MAX (256u * 1024 * 1024) /* inflated bytes of all members */
#define DOCX_LEVELS 9                       /* Word's list levels */
#define DOCX_LISTS_MAX 4096                 /* abstract lists kept */
#define DOCX_NOTES_MAX 10000                /* footnotes kept */
#define DOCX_PARA_MAX (1u << 20)            /* bytes of one paragraph */

typedef struct lvl {
	int start;      /* first value */
	char fmt[16];   /* decimal, lowerLetter, upperRoman, bullet, ... */
	char text[32];  /* "%1.%2", "(%1)" */
} lvl;

typedef struct alist {
	lvl lv[DOCX_LEVELS];
	int cnt[DOCX_LEVELS]; /* current values, 0 before the first */
} alist;

typedef struct docx {
	hri_doctext *t;
	alist *lists;       /* abstract lists, by abstractNumId */
	int nlists;
	int *num_to_abs;    /* numId -> abstractNumId, -1 when unknown */
	int nnums;
	int note_ids[DOCX_NOTES_MAX]; /* footnote w:id by call order */
	int nnotes;
	hri_strbuf para;    /* the paragraph being assembled */
} docx;

/* Returns attribute "val" (any namespace) of node as a new string, or NULL. */
static char *
attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Returns the integer attribute name of n, or dflt. */
static int
iattr(xmlNode *n, const char *name, int dflt)
{
	char *v = attr(n, name), *e;
	long r;

	if (!v)
		return dflt;
	r = strtol(v, &e, 10);
	if (e == v || r < -1000000 || r > 1000000)
		r = dflt;
	xmlFree(v);
	return (int)r;
}

/* Returns true when n is an element with the local name name. */
static bool
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Returns the first child element of n called name, or NULL. */
static xmlNode *
child(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

/* Parses an XML member safely. Returns NULL and fills err on failure. */
static xmlDoc *
parse_xml(const unsigned char *x, size_t len, const char *name, char *err,
          size_t errsz)
{
	xmlDoc *d;

	if (len > (size_t)0x7fffffff) {
		snprintf(err, errsz, "%s: too large", name);
		return NULL;
	}
	d = xmlReadMemory((const char *)x, (int)len, name, NULL,
	                  XML_PARSE_NONET | XML_PARSE_NOERROR |
	                  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (!d) {
		snprintf(err, errsz, "%s: not well-formed XML", name);
		return NULL;
	}
	if (d->intSubset || d->extSubset) {
		snprintf(err, errsz, "%s: a DTD (entities) in DOCX XML is refused", name);
		xmlFreeDoc(d);
		return NULL;
	}
	return d;
}

/* Loads word/numbering.xml, when there is one, into dx. */
static hri_status
load_numbering(docx *dx, const unsigned char *buf, size_t len, size_t *total,
               char *err, size_t errsz)
{
	unsigned char *x = NULL;
	size_t xl = 0;
	xmlDoc *d = NULL;
	xmlNode *root, *n, *l, *c;
	hri_status st;
	int id, k, maxabs = -1, maxnum = -1;
	char *v;

	st = hri_zip_read(buf, len, "word/numbering.xml", 0, &x, &xl, err, errsz);
	if (st == HRI_ERR_NOT_FOUND)
		return HRI_OK;
	if (st)
		return st;
	*total += xl;
	d = parse_xml(x, xl, "word/numbering.xml", err, errsz);
	if (!d) {
		st = HRI_ERR_INVALID;
		goto out;
	}
	root = xmlDocGetRootElement(d);
	for (n = root ? root->children : NULL; n; n = n->next) {
		if (is(n, "abstractNum")) {
			id = iattr(n, "abstractNumId", -1);
			if (id > maxabs)
				maxabs = id;
		} else if (is(n, "num")) {
			id = iattr(n, "numId", -1);
			if (id > maxnum)
				maxnum = id;
		}
	}
	if (maxabs >= DOCX_LISTS_MAX || maxnum >= DOCX_LISTS_MAX) {
		snprintf(err, errsz, "word/numbering.xml: too many lists");
		st = HRI_ERR_TOO_BIG;
		goto out;
	}
	dx->nlists = maxabs + 1;
	dx->nnums = maxnum + 1;
	dx->lists = calloc((size_t)dx->nlists + 1, sizeof *dx->lists);
	dx->num_to_abs = malloc(((size_t)dx->nnums + 1) * sizeof *dx->num_to_abs);
	if (!dx->lists || !dx->num_to_abs) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	for (k = 0; k < dx->nnums; k++)
		dx->num_to_abs[k] = -1;
	for (n = root ? root->children : NULL; n; n = n->next) {
		if (is(n, "abstractNum")) {
			id = iattr(n, "abstractNumId", -1);
			if (id < 0)
				continue;
			for (l = n->children; l; l = l->next) {
				if (!is(l, "lvl"))
					continue;
				k = iattr(l, "ilvl", -1);
				if (k < 0 || k >= DOCX_LEVELS)
					continue;
				c = child(l, "start");
				dx->lists[id].lv[k].start = c ? iattr(c, "val", 1) : 1;
				c = child(l, "numFmt");
				v = c ? attr(c, "val") : NULL;
				snprintf(dx->lists[id].lv[k].fmt, sizeof dx->lists[id].lv[k].fmt,
				         "%s", v ? v : "decimal");
				xmlFree(v);
				c = child(l, "lvlText");
				v = c ? attr(c, "val") : NULL;
				snprintf(dx->lists[id].lv[k].text, sizeof dx->lists[id].lv[k].text,
				         "%s", v ? v : "");
				xmlFree(v);
			}
		} else if (is(n, "num")) {
			id = iattr(n, "numId", -1);
			c = child(n, "abstractNumId");
			if (id >= 0 && c)
				dx->num_to_abs[id] = iattr(c, "val", -1);
		}
	}
out:
	xmlFreeDoc(d);
	free(x);
	return st;
}

/* Writes value v in Word's format fmt into out (16 bytes). */
static void
format_num(int v, const char *fmt, char *out)
{
	static const struct { int v; const char *s; } r[] = {
		{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
		{90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"},
		{4, "iv"}, {1, "i"}};
	size_t i, o = 0, k;

	out[0] = '\0';
	if (strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) {
		char c = (char)((fmt[0] == 'l' ? 'a' : 'A') + (v - 1) % 26);

		for (k = 0; k <= (size_t)((v - 1) / 26) && k < 4; k++)
			out[k] = c;
		out[k] = '\0';
	} else if (strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0) {
		for (i = 0; i < sizeof r / sizeof r[0] && v > 0 && v < 4000; i++)
			while (v >= r[i].v && o + 3 < 16) {
				for (k = 0; r[i].s[k]; k++)
					out[o++] = fmt[0] == 'u' ? (char)(r[i].s[k] - 32) : r[i].s[k];
				v -= r[i].v;
			}
		out[o] = '\0';
	} else if (strcmp(fmt, "bullet") == 0 || strcmp(fmt, "none") == 0) {
		out[0] = '\0';
	} else {
		snprintf(out, 16, "%d", v);
	}
}

/* Renders the number of a paragraph in list numId at level ilvl into out
 * (64 bytes), advancing the list's counters. Sets *bullet for bullets. */
static void
render_number(docx *dx, int numId, int ilvl, char *out, bool *bullet)
{
	alist *a;
	lvl *lv;
	int abs, k;
	const char *p;
	size_t o = 0;
	char num[16];

	out[0] = '\0';
	*bullet = false;
	if (numId <= 0 || numId >= dx->nnums || ilvl < 0 || ilvl >= DOCX_LEVELS)
		return;
	abs = dx->num_to_abs[numId];
	if (abs < 0 || abs >= dx->nlists)
		return;
	a = &dx->lists[abs];
	lv = &a->lv[ilvl];
	a->cnt[ilvl] = a->cnt[ilvl] ? a->cnt[ilvl] + 1 : lv->start;
	for (k = ilvl + 1; k < DOCX_LEVELS; k++)
		a->cnt[k] = 0;
	if (strcmp(lv->fmt, "bullet") == 0) {
		*bullet = true;
		return;
	}
	for (p = lv->text; *p && o + 16 < 64; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			k = p[1] - '1';
			format_num(a->cnt[k] ? a->cnt[k] : a->lv[k].start, a->lv[k].fmt, num);
			memcpy(out + o, num, strlen(num));
			o += strlen(num);
			p++;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

/* Appends the text under node n (runs, hyperlinks, fields' results) to b. */
static hri_status
run_text(docx *dx, xmlNode *n, hri_strbuf *b, int depth)
{
	hri_status st = HRI_OK;
	xmlChar *c;
	char mk[24];
	int id, k;

	if (depth > 64)
		return HRI_OK;
	for (; n && !st; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "t")) {
			c = xmlNodeGetContent(n);
			if (c)
				st = hri_strbuf_puts(b, (const char *)c);
			xmlFree(c);
		} else if (is(n, "tab") || is(n, "br") || is(n, "cr")) {
			st = hri_strbuf_add(b, " ", 1);
		} else if (is(n, "noBreakHyphen")) {
			st = hri_strbuf_add(b, "-", 1);
		} else if (is(n, "footnoteReference")) {
			id = iattr(n, "id", -1);
			for (k = 0; k < dx->nnotes && dx->note_ids[k] != id; k++)
				;
			if (k == dx->nnotes && k < DOCX_NOTES_MAX)
				dx->note_ids[dx->nnotes++] = id;
			snprintf(mk, sizeof mk, "%c%d%c", HRI_NOTE_OPEN, k + 1,
			         HRI_NOTE_CLOSE);
			st = hri_strbuf_puts(b, mk);
		} else if (is(n, "pPr") || is(n, "rPr") || is(n, "delText") ||
		           is(n, "instrText")) {
			continue;
		} else {
			st = run_text(dx, n->children, b, depth + 1);
		}
		if (b->len > DOCX_PARA_MAX)
			st = HRI_ERR_TOO_BIG;
	}
	return st;
}

/* Returns true when the Word style names a heading. */
static bool
heading_style(const char *s)
{
	return strncmp(s, "Heading", 7) == 0 || strncmp(s, "heading", 7) == 0 ||
	       strcmp(s, "Title") == 0 || strcmp(s, "HChG") == 0 ||
	       strcmp(s, "H1G") == 0 || strcmp(s, "H23G") == 0;
}

/* Emits one w:p as a line. */
static hri_status
paragraph(docx *dx, xmlNode *p, unsigned extra, const char *note)
{
	xmlNode *ppr = child(p, "pPr"), *np, *c;
	char num[64] = "", *sty;
	unsigned style = extra;
	bool bullet = false;
	hri_status st;

	hri_strbuf_reset(&dx->para);
	if (ppr) {
		c = child(ppr, "pStyle");
		sty = c ? attr(c, "val") : NULL;
		if (sty && heading_style(sty))
			style |= HRI_LINE_HEADING;
		xmlFree(sty);
		np = child(ppr, "numPr");
		if (np) {
			xmlNode *il = child(np, "ilvl"), *ni = child(np, "numId");

			render_number(dx, ni ? iattr(ni, "val", 0) : 0,
			              il ? iattr(il, "val", 0) : 0, num, &bullet);
			if (bullet)
				style |= HRI_LINE_ITEM;
		}
	}
	if (num[0]) {
		st = hri_strbuf_puts(&dx->para, num);
		if (!st)
			st = hri_strbuf_add(&dx->para, " ", 1);
		if (st)
			return st;
	}
	st = run_text(dx, p->children, &dx->para, 0);
	if (st)
		return st;
	if (dx->para.len == 0 || dx->para.len == strlen(num) + (num[0] ? 1 : 0))
		return hri_doctext_blank(dx->t, 0);
	return hri_doctext_add(dx->t, dx->para.s, dx->para.len, 0, style, note);
}

/* Walks the body: paragraphs, and the paragraphs in tables and boxes. */
static hri_status
walk(docx *dx, xmlNode *n, int depth)
{
	hri_status st = HRI_OK;

	if (depth > 64)
		return HRI_OK;
	for (; n && !st; n = n->next) {
		if (is(n, "p"))
			st = paragraph(dx, n, 0, NULL);
		else if (n->type == XML_ELEMENT_NODE)
			st = walk(dx, n->children, depth + 1);
	}
	return st;
}

/* Adds the footnotes called in the text, in call order, as footnote lines. */
static hri_status
footnotes(docx *dx, const unsigned char *buf, size_t len, size_t *total,
          char *err, size_t errsz)
{
	unsigned char *x = NULL;
	size_t xl = 0;
	xmlDoc *d = NULL;
	xmlNode *root, *n, *p;
	hri_status st;
	hri_strbuf all = {0};
	int k, id;
	char note[16];

	if (dx->nnotes == 0)
		return HRI_OK;
	st = hri_zip_read(buf, len, "word/footnotes.xml", 0, &x, &xl, err, errsz);
	if (st == HRI_ERR_NOT_FOUND)
		return HRI_OK;
	if (st)
		return st;
	*total += xl;
	d = parse_xml(x, xl, "word/footnotes.xml", err, errsz);
	if (!d) {
		st = HRI_ERR_INVALID;
		goto out;
	}
	root = xmlDocGetRootElement(d);
	for (k = 0; k < dx->nnotes && !st; k++) {
		for (n = root ? root->children : NULL; n; n = n->next) {
			if (!is(n, "footnote"))
				continue;
			id = iattr(n, "id", -9);
			if (id != dx->note_ids[k])
				continue;
			hri_strbuf_reset(&all);
			for (p = n->children; p && !st; p = p->next)
				if (is(p, "p")) {
					if (all.len)
						st = hri_strbuf_add(&all, " ", 1);
					if (!st)
						st = run_text(dx, p->children, &all, 0);
				}
			/* the note's own reference mark is not its text */
			if (!st && all.len) {
				char *s = all.s, *q;
				size_t o = 0;

				for (q = s; *q; q++) {
					if (*q == HRI_NOTE_OPEN) {
						while (*q && *q != HRI_NOTE_CLOSE)
							q++;
						if (!*q)
							break;
						continue;
					}
					s[o++] = *q;
				}
				s[o] = '\0';
				all.len = o;
				snprintf(note, sizeof note, "%d", k + 1);
				st = hri_doctext_add(dx->t, s, o, 0, HRI_LINE_FOOTNOTE, note);
			}
			break;
		}
	}
out:
	hri_strbuf_free(&all);
	xmlFreeDoc(d);
	free(x);
	return st;
}

hri_status
hri_docxread(const unsigned char *buf, size_t len, hri_doctext *t, char *err,
             size_t errsz)
{
	docx *dx;
	unsigned char *x = NULL;
	size_t xl = 0, total = 0;
	xmlDoc *d = NULL;
	xmlNode *root, *body;
	hri_status st;

	dx = calloc(1, sizeof *dx);
	if (!dx)
		return HRI_ERR_NOMEM;
	dx->t = t;
	t->whole = 1;
	dx->para.max = DOCX_PARA_MAX + 64;
	st = hri_zip_read(buf, len, "word/document.xml", 0, &x, &xl, err, errsz);
	if (st == HRI_ERR_NOT_FOUND)
		snprintf(err, errsz, "a zip archive without word/document.xml: not a DOCX");
	if (st)
		goto out;
	total += xl;
	st = load_numbering(dx, buf, len, &total, err, errsz);
	if (st)
		goto out;
	d = parse_xml(x, xl, "word/document.xml", err, errsz);
	if (!d) {
		st = HRI_ERR_INVALID;
		goto out;
	}
	root = xmlDocGetRootElement(d);
	body = child(root, "body");
	if (!body) {
		snprintf(err, errsz, "word/document.xml: no w:body");
		st = HRI_ERR_INVALID;
		goto out;
	}
	st = walk(dx, body->children, 0);
	if (st) {
		snprintf(err, errsz, "word/document.xml: %s", hri_status_str(st));
		goto out;
	}
	st = footnotes(dx, buf, len, &total, err, errsz);
	if (!st && total > DOCX_TOTAL_MAX) {
		snprintf(err, errsz, "inflates past %u MiB", DOCX_TOTAL_MAX >> 20);
		st = HRI_ERR_TOO_BIG;
	}
out:
	xmlFreeDoc(d);
	free(x);
	hri_strbuf_free(&dx->para);
	free(dx->lists);
	free(dx->num_to_abs);
	free(dx);
	return st;
}
