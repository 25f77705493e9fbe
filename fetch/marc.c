/* marc.c - MARCXML catalogue records of the UN Digital Library. */
#include "marc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "jsonl.h"
#include "symbol.h"

/* The MARC 21 slim namespace; elements without a namespace are taken too,
 * as some exports leave it out. */
static const char marc_ns[] = "http://www.loc.gov/MARC21/slim";

/* Returns true when n is the MARC element local name. */
static bool
is_elem(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return false;
	return !n->ns || !n->ns->href ||
	       strcmp((const char *)n->ns->href, marc_ns) == 0;
}

/* Returns the attribute name of n as a new string (xmlFree), or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Writes the text of a subfield into out, its white space folded and ISBD
 * punctuation (" :", " /", " ;", ",", ".") cut from its end when trim is
 * set. */
static void
text_of(xmlNode *n, char *out, size_t outsz, bool trim)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *p = (const char *)t;
	size_t len = 0;
	bool space = false;

	out[0] = '\0';
	if (!t)
		return;
	for (; *p && len + 1 < outsz; p++) {
		if (isspace((unsigned char)*p)) {
			space = len > 0;
			continue;
		}
		if (space && len + 2 < outsz)
			out[len++] = ' ';
		space = false;
		out[len++] = *p;
	}
	while (trim && len > 0 && strchr(" :/;,=", out[len - 1]))
		len--;
	out[len] = '\0';
	xmlFree(t);
}

/* Calls fn for every subfield of code (a letter; 0 for any) of every
 * datafield of tag in record rec. */
static void
each_sub(xmlNode *rec, const char *tag, char code,
         void (*fn)(xmlNode *df, xmlNode *sf, char code, void *ud), void *ud)
{
	xmlNode *df, *sf;
	char *t, *c;

	for (df = rec->children; df; df = df->next) {
		if (!is_elem(df, "datafield"))
			continue;
		t = attr(df, "tag");
		if (!t || strcmp(t, tag) != 0) {
			xmlFree(t);
			continue;
		}
		xmlFree(t);
		for (sf = df->children; sf; sf = sf->next) {
			if (!is_elem(sf, "subfield"))
				continue;
			c = attr(sf, "code");
			if (c && c[0] && !c[1] && (code == 0 || c[0] == code))
				fn(df, sf, c[0], ud);
			xmlFree(c);
		}
	}
}

/* Context for collecting subfields. */
typedef struct collect {
	json_t *arr;      /* strings collected (for arrays) */
	char buf[2048];   /* a joined string */
	const void *last; /* the datafield of the last piece */
	bool trim;
} collect;

/* Appends a subfield's text to an array, once. */
static void
to_array(xmlNode *df, xmlNode *sf, char code, void *ud)
{
	collect *c = ud;
	char text[2048];
	size_t i;
	json_t *v;

	(void)df;
	(void)code;
	text_of(sf, text, sizeof text, c->trim);
	if (!text[0])
		return;
	json_array_foreach(c->arr, i, v)
		if (strcmp(json_string_value(v), text) == 0)
			return;
	v = json_string(text);
	if (v)
		json_array_append_new(c->arr, v);
}

/* Joins the title's subfields: $a and $b with ": ". */
static void
to_title(xmlNode *df, xmlNode *sf, char code, void *ud)
{
	collect *c = ud;
	char text[1024];
	size_t len = strlen(c->buf);

	if (code != 'a' && code != 'b')
		return;
	if (c->last && c->last != df)
		return; /* only the first 245 */
	c->last = df;
	text_of(sf, text, sizeof text, true);
	if (!text[0])
		return;
	snprintf(c->buf + len, sizeof c->buf - len, "%s%s", len ? ": " : "", text);
}

/* Collects agenda items (991 $b, the item number, into c->arr) and their
 * titles (991 $d, joined into c->buf with "; "). */
static void
to_agenda(xmlNode *df, xmlNode *sf, char code, void *ud)
{
	collect *c = ud;
	char text[1024];
	size_t len = strlen(c->buf), i;
	json_t *v;

	(void)df;
	if (code != 'b' && code != 'd')
		return;
	text_of(sf, text, sizeof text, true);
	if (text[0] && text[strlen(text) - 1] == '.')
		text[strlen(text) - 1] = '\0';
	if (!text[0])
		return;
	if (code == 'd') {
		snprintf(c->buf + len, sizeof c->buf - len, "%s%s", len ? "; " : "",
		         text);
		return;
	}
	json_array_foreach(c->arr, i, v)
		if (strcmp(json_string_value(v), text) == 0)
			return;
	json_array_append_new(c->arr, json_string(text));
}

/* Writes the agenda items of arr as the masthead says them: "6", "2 and 3",
 * "2, 3 and 5". */
static void
agenda_items(const json_t *arr, char *out, size_t outsz)
{
	size_t i, n = json_array_size(arr), len;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		len = strlen(out);
		snprintf(out + len, outsz - len, "%s%s",
		         i == 0 ? "" : i + 1 == n ? " and " : ", ",
		         json_string_value(json_array_get(arr, i)));
	}
}

/* Keeps the first subfield's text. */
static void
to_first(xmlNode *df, xmlNode *sf, char code, void *ud)
{
	collect *c = ud;

	(void)df;
	(void)code;
	if (!c->buf[0])
		text_of(sf, c->buf, sizeof c->buf, c->trim);
}

/* Returns true when one of the 191 $a of rec is symbol (compared in normal
 * form). */
static bool
has_symbol(xmlNode *rec, const char *symbol)
{
	collect c = {0};
	char norm[HRI_SYMBOL_MAX];
	size_t i;
	json_t *v;
	bool found = false;

	c.arr = json_array();
	if (!c.arr)
		return false;
	each_sub(rec, "191", 'a', to_array, &c);
	json_array_foreach(c.arr, i, v) {
		const char *s = json_string_value(v);

		if (hri_symbol_normalize(s, strlen(s), norm, sizeof norm) == HRI_OK &&
		    strcmp(norm, symbol) == 0)
			found = true;
	}
	json_decref(c.arr);
	return found;
}

hri_status
hri_marc_date(const char *text, char *out, size_t outsz)
{
	char d[9];
	size_t n = 0;
	const char *p;

	out[0] = '\0';
	/* Digits only, dashes dropped: 2015-03-12, 20150312, 2015-03, 2015. */
	for (p = text; *p && n < 8; p++) {
		if (isdigit((unsigned char)*p))
			d[n++] = *p;
		else if (*p != '-')
			break;
	}
	d[n] = '\0';
	if ((*p && *p != ' ' && *p != 'T') || (n != 4 && n != 6 && n != 8))
		return HRI_ERR_INVALID;
	if (d[0] != '1' && d[0] != '2')
		return HRI_ERR_INVALID;
	if (n >= 6 && (memcmp(d + 4, "01", 2) < 0 || memcmp(d + 4, "12", 2) > 0))
		return HRI_ERR_INVALID;
	if (n == 8 && (memcmp(d + 6, "01", 2) < 0 || memcmp(d + 6, "31", 2) > 0))
		return HRI_ERR_INVALID;
	if (outsz < 11)
		return HRI_ERR_TOO_BIG;
	if (n == 4)
		snprintf(out, outsz, "%.4s", d);
	else if (n == 6)
		snprintf(out, outsz, "%.4s-%.2s", d, d + 4);
	else
		snprintf(out, outsz, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
	return HRI_OK;
}

/* Builds the metadata object of one record. */
static hri_status
record_meta(xmlNode *rec, json_t **out)
{
	json_t *m = json_object();
	collect c;
	char date[16], items[256];

	if (!m)
		return HRI_ERR_NOMEM;
	memset(&c, 0, sizeof c);
	c.trim = true;
	each_sub(rec, "191", 'a', to_first, &c);
	if (c.buf[0])
		hri_json_set_str(m, "symbol", c.buf);
	memset(&c, 0, sizeof c);
	each_sub(rec, "245", 0, to_title, &c);
	if (c.buf[0])
		hri_json_set_str(m, "title", c.buf);
	memset(&c, 0, sizeof c);
	each_sub(rec, "269", 'a', to_first, &c);
	if (c.buf[0] && hri_marc_date(c.buf, date, sizeof date) == HRI_OK)
		hri_json_set_str(m, "date", date);
	memset(&c, 0, sizeof c);
	c.arr = json_array();
	each_sub(rec, "991", 0, to_agenda, &c);
	if (c.arr && json_array_size(c.arr)) {
		agenda_items(c.arr, items, sizeof items);
		hri_json_set_str(m, "agenda", items);
	}
	if (c.buf[0])
		hri_json_set_str(m, "agenda_title", c.buf);
	json_decref(c.arr);
	memset(&c, 0, sizeof c);
	c.trim = true;
	c.arr = json_array();
	each_sub(rec, "650", 'a', to_array, &c);
	if (c.arr && json_array_size(c.arr))
		json_object_set(m, "subjects", c.arr);
	json_decref(c.arr);
	c.trim = false;
	c.arr = json_array();
	each_sub(rec, "856", 'u', to_array, &c);
	if (c.arr && json_array_size(c.arr))
		json_object_set(m, "files", c.arr);
	json_decref(c.arr);
	*out = m;
	return HRI_OK;
}

/* Returns true when the len bytes at p contain the string word. */
static bool
contains(const char *p, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	for (i = 0; i + n <= len; i++)
		if (p[i] == word[0] && memcmp(p + i, word, n) == 0)
			return true;
	return false;
}

hri_status
hri_marc_parse(const char *xml, size_t len, const char *symbol, json_t **meta,
               char *err, size_t errsz)
{
	xmlDoc *doc = NULL;
	xmlNode *root, *rec, *pick = NULL;
	const xmlError *e;
	hri_status st = HRI_OK;

	*meta = NULL;
	err[0] = '\0';
	if (len > HRI_MARC_MAX) {
		snprintf(err, errsz, "larger than %u bytes", HRI_MARC_MAX);
		return HRI_ERR_TOO_BIG;
	}
	/* A catalogue record has no business declaring entities: refusing any
	 * DTD before parsing rules out entity bombs and external entities,
	 * whatever reads the tree later. */
	if (contains(xml, len, "<!DOCTYPE") || contains(xml, len, "<!ENTITY")) {
		snprintf(err, errsz, "a DOCTYPE in a MARCXML record");
		return HRI_ERR_INVALID;
	}
	/* No network, no DTD loading, no entity substitution; errors are
	 * reported here, not printed by libxml2. */
	doc = xmlReadMemory(xml, (int)len, "catalogue.xml", NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (!doc) {
		e = xmlGetLastError();
		snprintf(err, errsz, "malformed XML: line %d: %s", e ? e->line : 0,
		         e && e->message ? e->message : "parse error");
		/* libxml2's message ends with a newline. */
		if (strlen(err) > 0 && err[strlen(err) - 1] == '\n')
			err[strlen(err) - 1] = '\0';
		xmlResetLastError();
		return HRI_ERR_INVALID;
	}
	if (doc->intSubset || doc->extSubset) {
		snprintf(err, errsz, "a DOCTYPE in a MARCXML record");
		st = HRI_ERR_INVALID;
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || (!is_elem(root, "collection") && !is_elem(root, "record"))) {
		snprintf(err, errsz, "not MARCXML (root <%s>)",
		         root ? (const char *)root->name : "none");
		st = HRI_ERR_INVALID;
		goto out;
	}
	if (is_elem(root, "record")) {
		if (!symbol || has_symbol(root, symbol))
			pick = root;
	} else {
		for (rec = root->children; rec && !pick; rec = rec->next)
			if (is_elem(rec, "record") && (!symbol || has_symbol(rec, symbol)))
				pick = rec;
	}
	if (!pick) {
		snprintf(err, errsz, "no record for %s", symbol ? symbol : "any symbol");
		st = HRI_ERR_NOT_FOUND;
		goto out;
	}
	st = record_meta(pick, meta);
out:
	xmlFreeDoc(doc);
	return st;
}
