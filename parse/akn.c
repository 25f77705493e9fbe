/* akn.c - Akoma Ntoso (AKN4UN) output with libxml2's xmlTextWriter. */
#include "akn.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "file.h"
#include "jsonl.h"
#include "symbol.h"

#define AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

#define W(call) do { if ((call) < 0) goto fail; } while (0)

/* Writes into out (n bytes) an eId-safe form of s: letters, digits and "_"
 * kept, "." and "-" kept, everything else "_". */
static void
eid(const char *prefix, const char *s, char *out, size_t n)
{
	size_t o, i;

	o = (size_t)snprintf(out, n, "%s", prefix);
	for (i = 0; s && s[i] && o + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) || c == '.' || c == '-' || c == '_')
			out[o++] = (char)c;
		else if (o > 0 && out[o - 1] != '_')
			out[o++] = '_';
	}
	while (o > 0 && out[o - 1] == '_')
		o--;
	out[o] = '\0';
}

/* Writes the AKN URI of a symbol: "/akn/un/doc/A-HRC-19-74". */
static void
akn_uri(const char *sym, char *out, size_t n)
{
	size_t o, i;

	o = (size_t)snprintf(out, n, "/akn/un/doc/");
	for (i = 0; sym[i] && o + 1 < n; i++)
		out[o++] = sym[i] == '/' ? '-' : (sym[i] == ' ' ? '_' : sym[i]);
	out[o] = '\0';
}

/* Writes text, with each first occurrence of a cited symbol as a <ref>. */
static int
text_with_refs(xmlTextWriterPtr w, const char *text, const json_t *cites)
{
	const char *p = text, *best, *hit, *sym;
	size_t i, bl = 0;
	json_t *c;
	char href[256];

	while (*p) {
		best = NULL;
		json_array_foreach(cites, i, c) {
			sym = hri_json_str(c, "symbol");
			if (!sym || !*sym)
				continue;
			hit = strstr(p, sym);
			if (hit && (!best || hit < best)) {
				best = hit;
				bl = strlen(sym);
			}
		}
		if (!best)
			return xmlTextWriterWriteString(w, BAD_CAST p) < 0 ? -1 : 0;
		{
			char *pre = strndup(p, (size_t)(best - p)), *s2 = strndup(best, bl);
			int r = 0;

			if (!pre || !s2)
				r = -1;
			if (!r && xmlTextWriterWriteString(w, BAD_CAST pre) < 0)
				r = -1;
			akn_uri(s2 ? s2 : "", href, sizeof href);
			if (!r && (xmlTextWriterStartElement(w, BAD_CAST "ref") < 0 ||
			           xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href) < 0 ||
			           xmlTextWriterWriteString(w, BAD_CAST s2) < 0 ||
			           xmlTextWriterEndElement(w) < 0))
				r = -1;
			free(pre);
			free(s2);
			if (r)
				return -1;
		}
		p = best + bl;
	}
	return 0;
}

/* Writes <p>text [notes]</p> for a segment, with the footnotes (array of
 * segment records) whose calls it holds. */
static int
para_p(xmlTextWriterPtr w, const json_t *seg, const json_t *notes)
{
	const char *text = hri_json_str(seg, "text");
	json_t *n, *cites = json_object_get(seg, "cites");
	size_t i;
	char id[128];

	if (xmlTextWriterStartElement(w, BAD_CAST "p") < 0)
		return -1;
	if (json_is_array(cites) ? text_with_refs(w, text ? text : "", cites)
	                         : xmlTextWriterWriteString(w, BAD_CAST (text ? text : "")) < 0)
		return -1;
	json_array_foreach(notes, i, n) {
		eid("fn_", hri_json_str(n, "label"), id, sizeof id);
		if (xmlTextWriterStartElement(w, BAD_CAST "authorialNote") < 0 ||
		    xmlTextWriterWriteAttribute(w, BAD_CAST "marker",
		                                BAD_CAST hri_json_str(n, "label")) < 0 ||
		    xmlTextWriterWriteAttribute(w, BAD_CAST "eId", BAD_CAST id) < 0 ||
		    xmlTextWriterWriteAttribute(w, BAD_CAST "placement", BAD_CAST "bottom") < 0 ||
		    xmlTextWriterWriteElement(w, BAD_CAST "p",
		                              BAD_CAST hri_json_str(n, "text")) < 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* Returns the footnotes of paragraph para (a new array). */
static json_t *
notes_of(const json_t *segs, json_int_t para)
{
	json_t *out = json_array(), *s;
	size_t i;

	json_array_foreach(segs, i, s)
		if (strcmp(hri_json_str(s, "kind"), "footnote") == 0 &&
		    json_integer_value(json_object_get(s, "para")) == para && para > 0)
			json_array_append(out, s);
	return out;
}

/* Writes <name attr="value"/>. */
static int
empty_element(xmlTextWriterPtr w, const char *name, const char *attr,
              const char *value)
{
	W(xmlTextWriterStartElement(w, BAD_CAST name));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST value));
	W(xmlTextWriterEndElement(w));
	return 0;
fail:
	return -1;
}

/* Opens one FRBR level (FRBRWork, FRBRExpression, FRBRManifestation) and
 * writes what every level has: this, uri, the date (named date_name) and
 * the author; the caller adds the level's own elements and closes it. */
static int
frbr_level(xmlTextWriterPtr w, const char *level, const char *this,
           const char *uri, const char *date, const char *date_name,
           const char *author)
{
	W(xmlTextWriterStartElement(w, BAD_CAST level));
	W(empty_element(w, "FRBRthis", "value", this));
	W(empty_element(w, "FRBRuri", "value", uri));
	W(xmlTextWriterStartElement(w, BAD_CAST "FRBRdate"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "date", BAD_CAST date));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST date_name));
	W(xmlTextWriterEndElement(w));
	W(empty_element(w, "FRBRauthor", "href", author));
	return 0;
fail:
	return -1;
}

/* Writes the FRBR identification of the document. */
static int
meta(xmlTextWriterPtr w, const json_t *doc)
{
	const char *sym = hri_json_str(doc, "symbol");
	const char *date = hri_json_str(doc, "date");
	const char *lang = hri_json_str(doc, "lang");
	char work[512], expr[600], man[640], uri[256], this[700];
	const char *lang3 = lang && strcmp(lang, "fr") == 0 ? "fra" :
	                    lang && strcmp(lang, "es") == 0 ? "spa" :
	                    lang && strcmp(lang, "ar") == 0 ? "ara" :
	                    lang && strcmp(lang, "ru") == 0 ? "rus" :
	                    lang && strcmp(lang, "zh") == 0 ? "zho" : "eng";

	if (!date)
		date = "0001-01-01";
	akn_uri(sym ? sym : "unknown", uri, sizeof uri);
	snprintf(work, sizeof work, "%s", uri);
	snprintf(expr, sizeof expr, "%s/%s@", work, lang3);
	snprintf(man, sizeof man, "%s.akn", expr);
	W(xmlTextWriterStartElement(w, BAD_CAST "meta"));
	W(xmlTextWriterStartElement(w, BAD_CAST "identification"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "source", BAD_CAST "#hri"));
	snprintf(this, sizeof this, "%s/!main", work);
	W(frbr_level(w, "FRBRWork", this, work, date, "issued", "#author"));
	W(empty_element(w, "FRBRcountry", "value", "un"));
	W(empty_element(w, "FRBRnumber", "value", sym ? sym : ""));
	W(xmlTextWriterEndElement(w));
	snprintf(this, sizeof this, "%s/!main", expr);
	W(frbr_level(w, "FRBRExpression", this, expr, date, "issued", "#author"));
	W(empty_element(w, "FRBRlanguage", "language", lang3));
	W(xmlTextWriterEndElement(w));
	snprintf(this, sizeof this, "%s/!main.xml", expr);
	W(frbr_level(w, "FRBRManifestation", this, man, date, "transform", "#hri"));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w)); /* identification */
	W(xmlTextWriterStartElement(w, BAD_CAST "references"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "source", BAD_CAST "#hri"));
	W(xmlTextWriterStartElement(w, BAD_CAST "TLCOrganization"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "eId", BAD_CAST "hri"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST "/ontology/organization/hri"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "showAs", BAD_CAST "hri-parse"));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "TLCOrganization"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "eId", BAD_CAST "author"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST "/ontology/organization/un"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "showAs",
	                              BAD_CAST (hri_json_str(doc, "body") ? hri_json_str(doc, "body")
	                                                                  : "United Nations")));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w)); /* references */
	W(xmlTextWriterEndElement(w)); /* meta */
	return 0;
fail:
	return -1;
}

/* Writes the mainBody: sections, paragraphs with their points, notes. */
static int
body(xmlTextWriterPtr w, const json_t *segs)
{
	const char *cur_sec = NULL, *sec, *kind;
	json_t *s, *notes = NULL;
	size_t i;
	int in_sec = 0, in_para = 0, in_list = 0, inner = 0, k;
	json_int_t para = 0, p;
	char id[160];

	W(xmlTextWriterStartElement(w, BAD_CAST "mainBody"));
	json_array_foreach(segs, i, s) {
		kind = hri_json_str(s, "kind");
		if (strcmp(kind, "footnote") == 0)
			continue;
		sec = hri_json_str(s, "section");
		p = json_integer_value(json_object_get(s, "para"));
		/* a point belongs to the open paragraph of its number */
		if (strcmp(kind, "recommendation") == 0 && in_para && p == para) {
			if (!in_list && inner == 2) {
				W(xmlTextWriterEndElement(w)); /* intro */
				inner = 1;
				in_list = 1;
			}
			eid("", hri_json_str(s, "id") ? strchr(hri_json_str(s, "id"), '#') + 1 : "", id + 0, sizeof id);
			{
				char pid[176];

				snprintf(pid, sizeof pid, "para_%s", id);
				W(xmlTextWriterStartElement(w, BAD_CAST "point"));
				W(xmlTextWriterWriteAttribute(w, BAD_CAST "eId", BAD_CAST pid));
			}
			/* an unlabelled recommendation of the paragraph (a
			 * concluding observation's "45.rec") has no number */
			if (hri_json_str(s, "label"))
				W(xmlTextWriterWriteElement(w, BAD_CAST "num",
				                            BAD_CAST hri_json_str(s, "label")));
			W(xmlTextWriterStartElement(w, BAD_CAST "content"));
			W(para_p(w, s, NULL));
			W(xmlTextWriterEndElement(w));
			W(xmlTextWriterEndElement(w));
			continue;
		}
		if (in_para) {
			for (k = 0; k <= inner; k++) /* content, or intro and list */
				W(xmlTextWriterEndElement(w));
			in_para = in_list = inner = 0;
		}
		if ((sec && (!cur_sec || strcmp(sec, cur_sec) != 0)) ||
		    (!sec && cur_sec)) {
			if (in_sec)
				W(xmlTextWriterEndElement(w));
			in_sec = 0;
			cur_sec = sec;
			if (sec) {
				eid("sec_", sec, id, sizeof id);
				W(xmlTextWriterStartElement(w, BAD_CAST "section"));
				W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "eId", "%s_%zu", id, i));
				W(xmlTextWriterWriteElement(w, BAD_CAST "num", BAD_CAST sec));
				if (hri_json_str(s, "section_title"))
					W(xmlTextWriterWriteElement(w, BAD_CAST "heading",
					                            BAD_CAST hri_json_str(s, "section_title")));
				in_sec = 1;
			}
		}
		eid("", strchr(hri_json_str(s, "id"), '#') + 1, id, sizeof id);
		if (strcmp(kind, "summary") == 0) {
			W(xmlTextWriterStartElement(w, BAD_CAST "hcontainer"));
			W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "summary"));
			W(xmlTextWriterWriteAttribute(w, BAD_CAST "eId", BAD_CAST "summary"));
			W(xmlTextWriterStartElement(w, BAD_CAST "content"));
			W(para_p(w, s, NULL));
			W(xmlTextWriterEndElement(w));
			W(xmlTextWriterEndElement(w));
			continue;
		}
		json_decref(notes);
		notes = notes_of(segs, p);
		W(xmlTextWriterStartElement(w, BAD_CAST "paragraph"));
		W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "eId", "para_%s", id));
		if (p > 0)
			W(xmlTextWriterWriteFormatElement(w, BAD_CAST "num", "%lld.", (long long)p));
		/* a paragraph with points opens a list with its text as intro;
		 * known only once a point comes, so the choice is made by
		 * looking ahead */
		{
			json_t *nx = json_array_get(segs, i + 1);
			size_t j = i + 1;

			while (nx && strcmp(hri_json_str(nx, "kind"), "footnote") == 0)
				nx = json_array_get(segs, ++j);
			if (nx && strcmp(hri_json_str(nx, "kind"), "recommendation") == 0 &&
			    p > 0 && json_integer_value(json_object_get(nx, "para")) == p) {
				W(xmlTextWriterStartElement(w, BAD_CAST "list"));
				W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "eId", "para_%s__list", id));
				W(xmlTextWriterStartElement(w, BAD_CAST "intro"));
				in_list = 0;
				inner = 2;
			} else {
				W(xmlTextWriterStartElement(w, BAD_CAST "content"));
				inner = 1;
			}
		}
		W(para_p(w, s, notes));
		in_para = 1;
		para = p;
	}
	if (in_para)
		for (k = 0; k <= inner; k++)
			W(xmlTextWriterEndElement(w));
	if (in_sec)
		W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w)); /* mainBody */
	json_decref(notes);
	return 0;
fail:
	json_decref(notes);
	return -1;
}

hri_status
hri_akn_build(const json_t *doc, const json_t *segs, char **xml, size_t *len)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = NULL;
	const char *title = hri_json_str(doc, "title");
	const char *type = hri_json_str(doc, "doctype");

	*xml = NULL;
	*len = 0;
	if (!buf)
		return HRI_ERR_NOMEM;
	w = xmlNewTextWriterMemory(buf, 0);
	if (!w) {
		xmlBufferFree(buf);
		return HRI_ERR_NOMEM;
	}
	xmlTextWriterSetIndent(w, 1);
	W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "akomaNtoso"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST AKN_NS));
	W(xmlTextWriterStartElement(w, BAD_CAST "doc"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST (type ? type : "report")));
	W(meta(w, doc));
	W(xmlTextWriterStartElement(w, BAD_CAST "preface"));
	W(xmlTextWriterStartElement(w, BAD_CAST "p"));
	W(xmlTextWriterWriteElement(w, BAD_CAST "docNumber",
	                            BAD_CAST (hri_json_str(doc, "symbol") ? hri_json_str(doc, "symbol") : "")));
	W(xmlTextWriterEndElement(w));
	if (title) {
		W(xmlTextWriterStartElement(w, BAD_CAST "p"));
		W(xmlTextWriterWriteElement(w, BAD_CAST "docTitle", BAD_CAST title));
		W(xmlTextWriterEndElement(w));
	}
	if (hri_json_str(doc, "date")) {
		W(xmlTextWriterStartElement(w, BAD_CAST "p"));
		W(xmlTextWriterStartElement(w, BAD_CAST "docDate"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "date", BAD_CAST hri_json_str(doc, "date")));
		W(xmlTextWriterWriteString(w, BAD_CAST hri_json_str(doc, "date")));
		W(xmlTextWriterEndElement(w));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w)); /* preface */
	W(body(w, segs));
	W(xmlTextWriterEndElement(w)); /* doc */
	W(xmlTextWriterEndElement(w)); /* akomaNtoso */
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	w = NULL;
	*xml = malloc((size_t)xmlBufferLength(buf) + 1);
	if (!*xml) {
		xmlBufferFree(buf);
		return HRI_ERR_NOMEM;
	}
	*len = (size_t)xmlBufferLength(buf);
	memcpy(*xml, xmlBufferContent(buf), *len);
	(*xml)[*len] = '\0';
	xmlBufferFree(buf);
	return HRI_OK;
fail:
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return HRI_ERR_INTERNAL;
}

hri_status
hri_akn_write(const char *dir, const json_t *doc, const json_t *segs,
              char *path, size_t pathsz)
{
	char name[HRI_SYMBOL_MAX * 3], *xml = NULL;
	size_t len;
	hri_status st;

	st = hri_symbol_filename(hri_json_str(doc, "symbol"), name, sizeof name);
	if (st)
		return st;
	if ((size_t)snprintf(path, pathsz, "%s/%s.xml", dir, name) >= pathsz)
		return HRI_ERR_TOO_BIG;
	st = hri_mkdir_p(dir);
	if (!st)
		st = hri_akn_build(doc, segs, &xml, &len);
	if (!st)
		st = hri_file_write_atomic(path, xml, len, 0);
	free(xml);
	return st;
}
