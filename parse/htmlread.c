/* htmlread.c - HTML into doctext lines through libxml2's HTML parser: each
 * block element becomes a line, headings and list items keep their style,
 * a <sup> holding a number is a footnote call. Scripts, styles and the
 * head are left out; nothing is fetched (HTML_PARSE_NONET). */
#include "readers.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "strbuf.h"

#define HTML_LINE_MAX (1u << 20) /* bytes of one block's text */
#define HTML_DEPTH_MAX 200       /* element nesting walked */

typedef struct html {
	hri_doctext *t;
	hri_strbuf line;  /* the block being assembled */
	unsigned style;   /* its style */
} html;

/* Returns true for an element that starts a new line. */
static bool
is_block(const char *n)
{
	static const char *b[] = {"p", "div", "h1", "h2", "h3", "h4", "h5",
	                          "h6", "li", "tr", "td", "th", "br", "ul",
	                          "ol", "table", "blockquote", "section",
	                          "article", "header", "footer", "dd", "dt",
	                          "dl", "pre", "hr", "center", "main",
	                          "address", "figure", "caption", NULL};
	size_t i;

	for (i = 0; b[i]; i++)
		if (strcasecmp(n, b[i]) == 0)
			return true;
	return false;
}

/* Writes the pending line, if any, to the doctext. */
static hri_status
flush(html *h)
{
	hri_status st = HRI_OK;
	size_t i = 0;

	while (i < h->line.len && h->line.s[i] == ' ')
		i++;
	/* a block opening with a call is the footnote's own text */
	if (i < h->line.len && h->line.s[i] == HRI_NOTE_OPEN) {
		char note[16];
		size_t k = i + 1, o = 0;

		while (k < h->line.len && h->line.s[k] != HRI_NOTE_CLOSE &&
		       o + 1 < sizeof note)
			note[o++] = h->line.s[k++];
		note[o] = '\0';
		if (k < h->line.len && h->line.s[k] == HRI_NOTE_CLOSE) {
			k++;
			while (k < h->line.len && h->line.s[k] == ' ')
				k++;
			st = hri_doctext_add(h->t, h->line.s + k, h->line.len - k, 0,
			                     HRI_LINE_FOOTNOTE, note);
			hri_strbuf_reset(&h->line);
			h->style = HRI_LINE_PLAIN;
			return st;
		}
	}
	if (i < h->line.len)
		st = hri_doctext_add(h->t, h->line.s + i, h->line.len - i, 0,
		                     h->style, NULL);
	else if (h->t->n)
		st = hri_doctext_blank(h->t, 0);
	hri_strbuf_reset(&h->line);
	h->style = HRI_LINE_PLAIN;
	return st;
}

/* Appends text with its white space folded to single spaces. */
static hri_status
add_text(html *h, const char *s)
{
	hri_status st = HRI_OK;
	bool sp = h->line.len == 0 || h->line.s[h->line.len - 1] == ' ';

	for (; *s && !st; s++) {
		if (isspace((unsigned char)*s)) {
			if (!sp)
				st = hri_strbuf_add(&h->line, " ", 1);
			sp = true;
		} else {
			st = hri_strbuf_add(&h->line, s, 1);
			sp = false;
		}
	}
	return st;
}

/* Returns true when the text under n is 1 to 3 digits (a footnote call). */
static bool
note_call(xmlNode *n, char *out)
{
	xmlChar *c = xmlNodeGetContent(n);
	size_t k, len;
	bool ok;

	if (!c)
		return false;
	len = strlen((const char *)c);
	ok = len > 0 && len <= 3;
	for (k = 0; k < len && ok; k++)
		ok = isdigit(c[k]) != 0;
	if (ok)
		memcpy(out, c, len + 1);
	xmlFree(c);
	return ok;
}

/* Walks the siblings from n, writing their text as lines. */
static hri_status
walk(html *h, xmlNode *n, int depth)
{
	hri_status st = HRI_OK;
	const char *name;
	char num[8], mk[16];

	if (depth > HTML_DEPTH_MAX)
		return HRI_OK;
	for (; n && !st; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				st = add_text(h, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if (strcasecmp(name, "script") == 0 || strcasecmp(name, "style") == 0 ||
		    strcasecmp(name, "head") == 0 || strcasecmp(name, "noscript") == 0 ||
		    strcasecmp(name, "template") == 0)
			continue;
		if (strcasecmp(name, "sup") == 0 && note_call(n, num)) {
			snprintf(mk, sizeof mk, "%c%s%c", HRI_NOTE_OPEN, num, HRI_NOTE_CLOSE);
			st = hri_strbuf_puts(&h->line, mk);
			continue;
		}
		if (is_block(name)) {
			st = flush(h);
			if (st)
				break;
			if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
				h->style = HRI_LINE_HEADING;
			else if (strcasecmp(name, "li") == 0)
				h->style = HRI_LINE_ITEM;
			st = walk(h, n->children, depth + 1);
			if (!st)
				st = flush(h);
		} else {
			st = walk(h, n->children, depth + 1);
		}
		if (!st && h->line.len > HTML_LINE_MAX)
			st = HRI_ERR_TOO_BIG;
	}
	return st;
}

hri_status
hri_htmlread(const unsigned char *buf, size_t len, hri_doctext *t, char *err,
             size_t errsz)
{
	htmlDocPtr d;
	html h = {t, {0}, HRI_LINE_PLAIN};
	hri_status st;
	xmlNode *root;

	if (len > (size_t)0x7fffffff) {
		snprintf(err, errsz, "HTML too large");
		return HRI_ERR_TOO_BIG;
	}
	d = htmlReadMemory((const char *)buf, (int)len, NULL, NULL,
	                   HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                   HTML_PARSE_NOWARNING);
	if (!d) {
		snprintf(err, errsz, "HTML that cannot be parsed");
		return HRI_ERR_INVALID;
	}
	t->whole = 1;
	h.line.max = HTML_LINE_MAX + 64;
	root = xmlDocGetRootElement(d);
	st = root ? walk(&h, root, 0) : HRI_OK;
	if (!st)
		st = flush(&h);
	if (st)
		snprintf(err, errsz, "%s", hri_status_str(st));
	hri_strbuf_free(&h.line);
	xmlFreeDoc(d);
	return st;
}
