/* document.c - one document: file, format, reader, segmenter, doc record. */
#include "document.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctext.h"
#include "file.h"
#include "jsonl.h"
#include "readers.h"
#include "segment.h"
#include "states.h"
#include "store.h"
#include "swar.h"
#include "symbol.h"
#include "textread.h"

/* Returns true when the len bytes at p hold no NUL and are mostly UTF-8. */
static bool
looks_text(const unsigned char *p, size_t len)
{
	size_t i, bad = 0, n = len < 65536 ? len : 65536;

	for (i = 0; i < n; i++) {
		/* a word with no byte below 0x20 passes whole */
		if ((i & 7) == 0 && i + 8 <= n) {
			if (!hri_swar_below(hri_swar_load(p + i), 0x20)) {
				i += 7;
				continue;
			}
		}
		if (p[i] >= 0x20)
			continue; /* most bytes: one test */
		if (p[i] == 0)
			return false;
		if (p[i] != '\n' && p[i] != '\r' && p[i] != '\t' && p[i] != '\f')
			bad++;
	}
	return bad * 100 <= n;
}

/* Returns true when a line starting at q opens a markdown heading or list
 * item (q has two bytes). */
static bool
md_line_mark(const char *q)
{
	return q[0] == '#' || (q[0] == '-' && q[1] == ' ');
}

/* Returns true when the text at p (len bytes) has markdown markup: two
 * marks, each a line opening with "#" or "- ", or "<sup>", "**", "\*",
 * among the places up to 7 bytes before the end of its first 64 KiB. */
static bool
looks_markdown(const unsigned char *p, size_t len)
{
	const char *s = (const char *)p;
	size_t n = len < 65536 ? len : 65536, i;
	size_t end = n > 6 ? n - 6 : 0; /* the places looked at: i < end */
	int marks = 0;
	uint64_t w;

	if (end > 0 && md_line_mark(s))
		marks++;
	for (i = 0; i < end; i++) {
		/* a word with no newline, '<', '*' or '\\' has no mark */
		if ((i & 7) == 0 && i + 8 <= end) {
			w = hri_swar_load(p + i);
			if (!(hri_swar_has(w, '\n') | hri_swar_has(w, '<') |
			      hri_swar_has(w, '*') | hri_swar_has(w, '\\'))) {
				i += 7;
				continue;
			}
		}
		/* a line's mark is counted at the newline before it */
		if (s[i] == '\n') {
			if (i + 1 < end && md_line_mark(s + i + 1))
				marks++;
		} else if (s[i] == '<' || s[i] == '*' || s[i] == '\\') {
			if (strncmp(s + i, "<sup>", 5) == 0 || strncmp(s + i, "**", 2) == 0 ||
			    strncmp(s + i, "\\*", 2) == 0)
				marks++;
		}
		if (marks >= 2)
			return true;
	}
	return false;
}

const char *
hri_document_sniff(const unsigned char *buf, size_t len, const char *hint)
{
	size_t i;

	if (len >= 5 && memcmp(buf, "%PDF-", 5) == 0)
		return "pdf";
	if (len >= 4 && memcmp(buf, "PK\3\4", 4) == 0)
		return "docx";
	if (len >= 8 && memcmp(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return "doc";
	/* a PDF may have bytes before its header */
	for (i = 0; i + 5 <= len && i < 1024; i++)
		if (memcmp(buf + i, "%PDF-", 5) == 0)
			return "pdf";
	if (!looks_text(buf, len))
		return "binary";
	for (i = 0; i < len && i < 512 && (buf[i] == ' ' || buf[i] == '\n' ||
	                                   buf[i] == '\r' || buf[i] == '\t'); i++)
		;
	if (len - i >= 5 && (strncasecmp((const char *)buf + i, "<!doc", 5) == 0 ||
	                     strncasecmp((const char *)buf + i, "<html", 5) == 0))
		return "html";
	if (hint && (strcmp(hint, "html") == 0 || strcmp(hint, "markdown") == 0 ||
	             strcmp(hint, "text") == 0))
		return hint;
	return looks_markdown(buf, len) ? "markdown" : "text";
}

/* Works out the symbol: the record's, else from the file's base name. */
static hri_status
doc_symbol(const json_t *in, const char *path, char *sym, size_t symsz,
           char *err, size_t errsz)
{
	const char *given = hri_json_str(in, "symbol"), *base;
	char name[512];
	size_t n;

	if (given) {
		if (hri_symbol_normalize(given, strlen(given), sym, symsz) == HRI_OK)
			return HRI_OK;
		snprintf(err, errsz, "'%s' is not a UN document symbol", given);
		return HRI_ERR_INVALID;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(name, sizeof name, "%s", base);
	n = strlen(name);
	if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
		name[n -= 3] = '\0';
	/* drop the extension: "A_HRC_26_41.txt", but keep "Add.1" */
	base = strrchr(name, '.');
	if (base && strlen(base) <= 5 && strspn(base + 1, "abcdefghijklmnopqrstuvwxyz") ==
	    strlen(base + 1) && strlen(base + 1) > 0)
		n = (size_t)(base - name);
	if (hri_symbol_from_filename(name, n, sym, symsz) == HRI_OK)
		return HRI_OK;
	snprintf(err, errsz, "no symbol in the file name; give one with --symbol");
	return HRI_ERR_INVALID;
}

/* Copies a catalogue field from in, else the masthead's, into doc. */
static void
take(json_t *doc, const char *key, const json_t *in, const json_t *mast)
{
	json_t *v = json_object_get(in, key);

	if (!v || json_is_null(v))
		v = json_object_get(mast, key);
	json_object_set(doc, key, v ? v : json_null());
}

/* Completes d, a doc record, as the record of a document that failed with
 * err: its symbol (null when unknown), its source (the path) and err. */
static void
doc_failed(json_t *d, const char *path, const char *err)
{
	if (!json_object_get(d, "symbol"))
		json_object_set_new(d, "symbol", json_null());
	json_object_set_new(d, "source", path ? json_string(path) : json_null());
	json_object_set_new(d, "error", json_string(err));
}

json_t *
hri_document_error(const json_t *in, const char *why)
{
	const char *path = hri_json_str(in, "path");
	char sym[HRI_SYMBOL_MAX] = "", err[256];
	json_t *d = json_object();

	if (!d)
		return NULL;
	json_object_set_new(d, "type", json_string("doc"));
	/* a fetch that failed has a symbol and no path */
	if (doc_symbol(in, path ? path : "", sym, sizeof sym, err, sizeof err) ==
	    HRI_OK)
		json_object_set_new(d, "symbol", json_string(sym));
	doc_failed(d, path ? path : hri_json_str(in, "url"), why);
	return d;
}

/* Returns the UPR cycle of a Working Group report: from the Working
 * Group's session (sessions 1-12 were the first cycle, 2008-2011; each
 * later cycle has 14: 13-26, 27-40, 41-54, ...), else from the session of
 * the Human Rights Council the report went to (8-19 first, 21-34 second,
 * 36-49 third, 52-65 fourth; the Council sessions between cycles had no
 * Working Group reports, and give none). 0 when neither says. */
int
hri_document_upr_cycle(int wg_session, int hrc_session)
{
	if (wg_session >= 1)
		return wg_session <= 12 ? 1 : 2 + (wg_session - 13) / 14;
	if (hrc_session >= 8 && hrc_session <= 19)
		return 1;
	if (hrc_session >= 21 && hrc_session <= 34)
		return 2;
	if (hrc_session >= 36 && hrc_session <= 49)
		return 3;
	if (hrc_session >= 52 && hrc_session <= 65)
		return 4;
	return 0;
}

/* Sets the doctype of doc record d, and for a UPR Working Group report or
 * its addendum (the State's response) the State under review and the
 * cycle: what the masthead and body said, else what the symbol tells, else
 * "upr-report" for a document whose recommendations name their States. */
static void
set_doctype(json_t *d, const hri_symbol_info *info,
            const hri_segment_meta *meta, const json_t *segs)
{
	const json_t *mast = meta->masthead, *last;
	const char *type = info->doctype ? info->doctype : "report";
	int cycle;

	last = json_array_get(segs, json_array_size(segs) - 1);
	if (json_is_true(json_object_get(mast, "upr")))
		type = info->addendum ? "upr-response" : "upr-report";
	else if (meta->recommendations > 0 &&
	         json_object_get(last, "recommending"))
		type = "upr-report";
	json_object_set_new(d, "doctype", json_string(type));
	if (!json_is_true(json_object_get(mast, "upr")))
		return;
	if (json_is_string(json_object_get(mast, "state_under_review")))
		json_object_set(d, "state_under_review",
		                json_object_get(mast, "state_under_review"));
	cycle = hri_document_upr_cycle(
		(int)json_integer_value(json_object_get(mast, "wg_session")),
		(int)json_integer_value(json_object_get(d, "session")));
	if (cycle)
		json_object_set_new(d, "cycle", json_integer(cycle));
}

hri_status
hri_document_parse(const json_t *in, json_t **doc, json_t **segs, char *err,
                   size_t errsz)
{
	const char *path = hri_json_str(in, "path");
	const char *hint = hri_json_str(in, "format"), *fmt = NULL;
	const char *lang = hri_json_str(in, "lang");
	const char *sha = hri_json_str(in, "sha256");
	char sym[HRI_SYMBOL_MAX] = "", hex[HRI_SHA256_HEX], sym_err[256];
	unsigned char *buf = NULL;
	size_t len = 0;
	hri_doctext *t = NULL;
	hri_segment_meta meta = {0};
	hri_symbol_info info;
	json_t *d = NULL;
	hri_status st, sym_st;

	*doc = NULL;
	*segs = NULL;
	err[0] = '\0';
	d = json_object();
	if (!d)
		return HRI_ERR_NOMEM;
	json_object_set_new(d, "type", json_string("doc"));
	if (!path) {
		snprintf(err, errsz, "record has no \"path\"");
		st = HRI_ERR_INVALID;
		goto out;
	}
	sym_st = doc_symbol(in, path, sym, sizeof sym, sym_err, sizeof sym_err);
	json_object_set_new(d, "symbol", sym[0] ? json_string(sym) : json_null());
	/* A file that is missing or no file is said first: its name need not
	 * be a symbol's for that ("/tmp": "not a regular file but a
	 * directory", not "no symbol in the file name"). */
	st = hri_file_read(path, HRI_DOC_MAX, &buf, &len);
	if (!st && sym_st) {
		snprintf(err, errsz, "%s", sym_err);
		st = sym_st;
		goto out;
	}
	if (st) {
		if (st == HRI_ERR_IO)
			snprintf(err, errsz, "%s", strerror(errno));
		else if (st == HRI_ERR_NOT_FOUND)
			snprintf(err, errsz, "no such file");
		else if (st == HRI_ERR_NOT_FILE)
			snprintf(err, errsz, "not a regular file but %s",
			         hri_file_kind(path) ? hri_file_kind(path) : "unknown");
		else if (st == HRI_ERR_TOO_BIG)
			snprintf(err, errsz, "larger than %u MiB", HRI_DOC_MAX >> 20);
		else if (st == HRI_ERR_INVALID)
			snprintf(err, errsz, "corrupt gzip data");
		else
			snprintf(err, errsz, "%s", hri_status_str(st));
		goto out;
	}
	if (len == 0) {
		snprintf(err, errsz, "empty file");
		st = HRI_ERR_INVALID;
		goto out;
	}
	fmt = hri_document_sniff(buf, len, hint);
	json_object_set_new(d, "format", json_string(fmt));
	t = hri_doctext_new(0);
	if (!t) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	if (strcmp(fmt, "pdf") == 0) {
		st = hri_pdfread(buf, len, t, err, errsz);
	} else if (strcmp(fmt, "docx") == 0) {
		st = hri_docxread(buf, len, t, err, errsz);
	} else if (strcmp(fmt, "html") == 0) {
		st = hri_htmlread(buf, len, t, err, errsz);
	} else if (strcmp(fmt, "markdown") == 0 || strcmp(fmt, "text") == 0) {
		st = hri_textread((const char *)buf, len, fmt[0] == 'm', t);
		if (st)
			snprintf(err, errsz, "%s", hri_status_str(st));
	} else if (strcmp(fmt, "doc") == 0) {
		snprintf(err, errsz, "legacy Word .doc is not supported; fetch the PDF");
		st = HRI_ERR_FORMAT;
	} else {
		snprintf(err, errsz, "binary data of an unknown format, not a document hri can read");
		st = HRI_ERR_FORMAT;
	}
	if (st)
		goto out;
	st = hri_segment_doc(t, sym, hri_states_default(), segs, &meta);
	if (st) {
		snprintf(err, errsz, "%s", st == HRI_ERR_INVALID ? "no text found"
		                                                 : hri_status_str(st));
		goto out;
	}
	if (meta.paragraphs == 0 && meta.recommendations == 0 &&
	    json_array_size(*segs) == 0) {
		snprintf(err, errsz, "no text found");
		st = HRI_ERR_INVALID;
		goto out;
	}
	take(d, "title", in, meta.masthead);
	if (hri_symbol_parse(sym, &info) != HRI_OK)
		memset(&info, 0, sizeof info);
	if (hri_json_str(in, "body"))
		json_object_set(d, "body", json_object_get(in, "body"));
	else
		json_object_set_new(d, "body", info.body ? json_string(info.body)
		                                         : json_null());
	take(d, "session", in, meta.masthead);
	if (json_is_null(json_object_get(d, "session")) && info.session)
		json_object_set_new(d, "session", json_integer(info.session));
	take(d, "agenda", in, meta.masthead);
	take(d, "date", in, meta.masthead);
	json_object_set_new(d, "lang", json_string(lang ? lang : "en"));
	json_object_set_new(d, "source",
	                    json_string(hri_json_str(in, "url") ? hri_json_str(in, "url")
	                                                        : path));
	if (!sha) {
		hri_sha256_hex(buf, len, hex);
		sha = hex;
	}
	json_object_set_new(d, "sha256", json_string(sha));
	json_object_set_new(d, "pages", t->pages ? json_integer(t->pages) : json_null());
	json_object_set_new(d, "paragraphs", json_integer(meta.paragraphs));
	set_doctype(d, &info, &meta, *segs);
	hri_segment_doc_mechanism(d, meta.masthead, sym);
	json_object_set_new(d, "recommendations", json_integer(meta.recommendations));
	json_object_set_new(d, "footnotes", json_integer(meta.footnotes));
out:
	if (st) {
		json_decref(*segs);
		*segs = NULL;
		doc_failed(d, path, err[0] ? err : hri_status_str(st));
	}
	*doc = d;
	json_decref(meta.masthead);
	hri_doctext_free(t);
	free(buf);
	return st;
}
