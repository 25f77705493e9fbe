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

/* Returns true for an element whose content is no text of the page. */
static bool
is_skipped(const char *n)
{
	return strcasecmp(n, "script") == 0 || strcasecmp(n, "style") == 0 ||
	       strcasecmp(n, "head") == 0 || strcasecmp(n, "noscript") == 0 ||
	       strcasecmp(n, "template") == 0;
}

/* Takes node n on the way down; sets *down when its children are to be
 * walked. */
static hri_status
enter(html *h, xmlNode *n, bool *down)
{
	const char *name;
	char num[8], mk[16];
	hri_status st = HRI_OK;

	*down = false;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return n->content ? add_text(h, (const char *)n->content) : HRI_OK;
	if (n->type != XML_ELEMENT_NODE)
		return HRI_OK;
	name = (const char *)n->name;
	if (is_skipped(name))
		return HRI_OK;
	if (strcasecmp(name, "sup") == 0 && note_call(n, num)) {
		snprintf(mk, sizeof mk, "%c%s%c", HRI_NOTE_OPEN, num, HRI_NOTE_CLOSE);
		return hri_strbuf_puts(&h->line, mk);
	}
	if (is_block(name)) {
		st = flush(h);
		if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
			h->style = HRI_LINE_HEADING;
		else if (strcasecmp(name, "li") == 0)
			h->style = HRI_LINE_ITEM;
	}
	*down = true;
	return st;
}

/* Takes node n, entered with its children to walk, on the way up: a block
 * ends its line. */
static hri_status
leave(html *h, xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && is_block((const char *)n->name))
		return flush(h);
	return HRI_OK;
}

/* Walks the tree from root and its siblings, writing their text as lines.
 * By the nodes' links, without recursion: however deep the nesting (a
 * crafted page of 10,000 levels), no paragraph is dropped and the stack
 * stays flat. */
static hri_status
walk(html *h, xmlNode *root)
{
	xmlNode *n = root, *top = root ? root->parent : NULL;
	hri_status st;
	bool down;

	while (n) {
		st = enter(h, n, &down);
		if (!st && h->line.len > HTML_LINE_MAX)
			st = HRI_ERR_TOO_BIG;
		if (st)
			return st;
		if (down && n->children) {
			n = n->children;
			continue;
		}
		/* n is done: leave it, and each parent whose last child it was */
		for (;;) {
			if (down) {
				st = leave(h, n);
				if (st)
					return st;
			}
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n || n == top)
				return HRI_OK;
			down = true; /* a parent is an element walked into */
		}
	}
	return HRI_OK;
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
	                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | XML_PARSE_HUGE |
	                   HTML_PARSE_NOWARNING);
	if (!d) {
		snprintf(err, errsz, "HTML that cannot be parsed");
		return HRI_ERR_INVALID;
	}
	t->whole = 1;
	h.line.max = HTML_LINE_MAX + 64;
	root = xmlDocGetRootElement(d);
	st = root ? walk(&h, root) : HRI_OK;
	if (!st)
		st = flush(&h);
	if (st)
		snprintf(err, errsz, "%s", hri_status_str(st));
	hri_strbuf_free(&h.line);
	xmlFreeDoc(d);
	return st;
}
