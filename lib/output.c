/* output.c - hits and facets as text, JSON Lines or CSV. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "utf8.h"

/* The annotation arrays of a segment, in the order they are printed. */
static const char *const annotations[] = {
	"countries", "organizations", "persons", "themes", "sdgs", "affected",
	"issues", "cites", "instruments", "treaties", "recommending", "dates",
	"articles"};
#define NANNOT (sizeof annotations / sizeof annotations[0])

/* Scalar fields of the stored segment copied into a JSON hit, in order. */
static const char *const hit_fields[] = {
	"id", "symbol", "para", "label", "kind", "section", "section_title",
	"page", "title", "date", "body", "session", "doctype", "lang",
	"mechanism", "state_under_review", "cycle", "concern", "followup",
	"addressee"};

const hri_keyword hri_out_formats[] = {
	{"text", HRI_FMT_TEXT}, {"json", HRI_FMT_JSON}, {"csv", HRI_FMT_CSV},
	{NULL, 0}};

hri_status
hri_out_ods_url(const char *symbol, const char *lang, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *pre = "https://documents.un.org/api/symbol/access?s=";
	size_t n = strlen(pre), need;
	const unsigned char *p;

	if (n + 1 > outsz)
		return HRI_ERR_TOO_BIG;
	memcpy(out, pre, n);
	for (p = (const unsigned char *)symbol; *p; p++) {
		int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		            (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		            *p == '_' || *p == '~';
		need = plain ? 1 : 3;
		if (n + need + 1 > outsz)
			return HRI_ERR_TOO_BIG;
		if (plain) {
			out[n++] = (char)*p;
		} else {
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	need = (size_t)snprintf(out + n, outsz - n, "&l=%s&t=pdf",
	                        lang && *lang ? lang : "en");
	if (n + need >= outsz)
		return HRI_ERR_TOO_BIG;
	return HRI_OK;
}

/* Returns the text of one array element: a string, an object's member key,
 * or an instrument's "kind number" (written into buf). */
static const char *
element_text(const json_t *v, const char *key, char *buf, size_t bufsz)
{
	const char *k, *n;

	if (json_is_string(v))
		return json_string_value(v);
	if (!json_is_object(v))
		return NULL;
	if (key)
		return hri_json_str(v, key);
	k = hri_json_str(v, "kind");
	n = hri_json_str(v, "number");
	if (k && n) {
		snprintf(buf, bufsz, "%s %s", k, n);
		return buf;
	}
	k = hri_json_str(v, "treaty");
	n = hri_json_str(v, "article");
	if (k && n) {
		snprintf(buf, bufsz, "%s %s", k, n);
		return buf;
	}
	return hri_json_str(v, "symbol");
}

char *
hri_out_join(const json_t *a, const char *key)
{
	char buf[256], *out, *tmp;
	const char *s;
	const json_t *v;
	size_t i, len = 0, cap = 64, n;

	out = malloc(cap);
	if (!out)
		return NULL;
	out[0] = '\0';
	if (!json_is_array(a))
		return out;
	json_array_foreach(a, i, v) {
		s = element_text(v, key, buf, sizeof buf);
		if (!s)
			continue;
		n = strlen(s);
		if (len + n + 3 > cap) {
			cap = (len + n + 3) * 2;
			tmp = realloc(out, cap);
			if (!tmp) {
				free(out);
				return NULL;
			}
			out = tmp;
		}
		if (len) {
			memcpy(out + len, "; ", 2);
			len += 2;
		}
		memcpy(out + len, s, n);
		len += n;
		out[len] = '\0';
	}
	return out;
}

/* The member of an annotation's objects to print ("cites": "symbol"). */
static const char *
annotation_key(const char *name)
{
	return strcmp(name, "cites") == 0 ? "symbol" : NULL;
}

/* Returns the stored segment of hit i as a new JSON object, or NULL. */
static json_t *
stored(const hri_hits *hits, size_t i)
{
	size_t len;
	const char *d = hri_hits_data(hits, i, &len);
	json_t *seg = NULL;

	if (!d || hri_jsonl_parse(d, len, &seg, NULL, 0))
		return NULL;
	return seg;
}

/* Returns the snippet of text for hit printing; a new string to free(),
 * NULL when out of memory. */
static char *
snippet_of(const hri_out *o, const hri_hits *hits, const char *text)
{
	switch (o->format) {
	case HRI_FMT_JSON:
		return hri_hits_snippet(hits, text, strlen(text), o->snippet, "<b>",
		                        "</b>", 1);
	case HRI_FMT_CSV:
		return hri_hits_snippet(hits, text, strlen(text), o->snippet, "", "",
		                        0);
	default:
		if (o->ansi)
			return hri_hits_snippet(hits, text, strlen(text), o->snippet,
			                        "\033[1m", "\033[0m", 0);
		return hri_hits_snippet(hits, text, strlen(text), o->snippet,
		                        "\xc2\xab", "\xc2\xbb", 0);
	}
}

/* Returns the snippet of seg's text for hit printing, or a copy of the text
 * when o->full; a new string to free(), NULL when out of memory. */
static char *
snippet(const hri_out *o, const hri_hits *hits, const json_t *seg)
{
	const char *text = hri_json_str(seg, "text");

	if (!text)
		text = "";
	if (o->full)
		return strdup(text);
	return snippet_of(o, hits, text);
}

/* Sets rec's "concern_text" to the text of the concern its "concern"
 * names, when o->db holds it; a concern not found leaves rec as it is. */
static int
concern_text(const hri_out *o, json_t *rec)
{
	const char *id = hri_json_str(rec, "concern");
	char *data = NULL;
	json_t *c = NULL;
	size_t len;
	int rc = 0;

	if (!id || !o->db || hri_db_segment_data(o->db, id, &data, &len))
		return 0;
	if (!hri_jsonl_parse(data, len, &c, NULL, 0) && hri_json_str(c, "text"))
		rc = json_object_set(rec, "concern_text", json_object_get(c, "text"));
	json_decref(c);
	free(data);
	return rc;
}

json_t *
hri_out_hit_record(const hri_out *o, const hri_hits *hits, size_t i,
                   unsigned long rank)
{
	json_t *seg = stored(hits, i), *rec = NULL, *v;
	char url[512], *snip = NULL;
	const char *sym;
	size_t k;

	if (!seg)
		return NULL;
	rec = json_object();
	snip = snippet(o, hits, seg);
	sym = hri_json_str(seg, "symbol");
	if (!rec || !snip || !sym ||
	    hri_out_ods_url(sym, hri_json_str(seg, "lang"), url, sizeof url))
		goto fail;
	if (json_object_set_new(rec, "type", json_string("hit")) ||
	    json_object_set_new(rec, "rank", json_integer((json_int_t)rank)) ||
	    json_object_set_new(rec, "score",
	                        json_integer(hri_hits_percent(hits, i))) ||
	    json_object_set_new(rec, "weight", json_real(hri_hits_weight(hits, i))))
		goto fail;
	for (k = 0; k < sizeof hit_fields / sizeof hit_fields[0]; k++) {
		v = json_object_get(seg, hit_fields[k]);
		if (json_object_set_new(rec, hit_fields[k],
		                        v ? json_incref(v) : json_null()))
			goto fail;
	}
	if (json_object_set_new(rec, "url", json_string(url)) ||
	    hri_json_set_str(rec, "snippet", snip) || concern_text(o, rec))
		goto fail;
	for (k = 0; k < NANNOT; k++) {
		v = json_object_get(seg, annotations[k]);
		if (json_object_set_new(rec, annotations[k],
		                        v ? json_incref(v) : json_array()))
			goto fail;
	}
	v = json_object_get(seg, "position");
	if (json_object_set_new(rec, "position", v ? json_incref(v) : json_null()))
		goto fail;
	v = json_object_get(seg, "text");
	if (json_object_set_new(rec, "text", v ? json_incref(v) : json_string("")))
		goto fail;
	free(snip);
	json_decref(seg);
	return rec;
fail:
	free(snip);
	json_decref(seg);
	json_decref(rec);
	return NULL;
}

/* CSV columns: the hit's scalar fields, then the joined annotations. */
static const char *const csv_scalars[] = {
	"rank", "score", "symbol", "id", "para", "label", "kind", "section",
	"section_title", "title", "date", "url", "snippet", "position",
	"mechanism", "body", "state_under_review", "concern", "concern_text",
	"followup", "addressee"};

/* Writes the scalar member key of rec as CSV text. */
static void
csv_scalar(FILE *fp, const json_t *rec, const char *key)
{
	const json_t *v = json_object_get(rec, key);
	char buf[64];

	if (json_is_string(v)) {
		hri_out_csv_field(fp, json_string_value(v));
	} else if (json_is_true(v)) {
		fputs("yes", fp);
	} else if (json_is_integer(v)) {
		/* a number stays a number, never neutralised as text is */
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		fputs(buf, fp);
	}
}

void
hri_out_csv_field(FILE *fp, const char *s)
{
	const char *p;
	/* A cell a spreadsheet would take for a formula (OWASP, "CSV
	 * injection"): starting with = + - @, a tab or a CR. It is quoted and
	 * its text starts with an apostrophe, which shows it as text. */
	int formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;

	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	if (formula)
		putc('\'', fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', fp);
		putc(*p, fp);
	}
	putc('"', fp);
}

/* Prints rec as one CSV row, after the header row the first time. */
static hri_status
hit_csv(hri_out *o, const json_t *rec)
{
	size_t k;
	char *j;

	if (!o->header_done) {
		for (k = 0; k < sizeof csv_scalars / sizeof csv_scalars[0]; k++)
			fprintf(o->fp, "%s%s", k ? "," : "", csv_scalars[k]);
		for (k = 0; k < NANNOT; k++)
			fprintf(o->fp, ",%s", annotations[k]);
		fputs(",text\r\n", o->fp);
		o->header_done = 1;
	}
	for (k = 0; k < sizeof csv_scalars / sizeof csv_scalars[0]; k++) {
		if (k)
			putc(',', o->fp);
		csv_scalar(o->fp, rec, csv_scalars[k]);
	}
	for (k = 0; k < NANNOT; k++) {
		j = hri_out_join(json_object_get(rec, annotations[k]),
		                 annotation_key(annotations[k]));
		if (!j)
			return HRI_ERR_NOMEM;
		putc(',', o->fp);
		hri_out_csv_field(o->fp, j);
		free(j);
	}
	putc(',', o->fp);
	csv_scalar(o->fp, rec, "text");
	fputs("\r\n", o->fp);
	return ferror(o->fp) ? HRI_ERR_IO : HRI_OK;
}

/* Returns 1 when label starts with the paragraph number and a dot. */
static int
label_has_para(const char *label, const json_t *para)
{
	char num[32];
	size_t n;

	if (!label || !json_is_integer(para))
		return 0;
	n = (size_t)snprintf(num, sizeof num, "%lld.",
	                     (long long)json_integer_value(para));
	return strncmp(label, num, n) == 0;
}

size_t
hri_out_card_cut(const char *text)
{
	size_t n = strlen(text);

	if (n <= 320)
		return n;
	for (n = 300; n > 200 && text[n] != ' '; n--)
		;
	return n;
}

/* Prints rec for a reader. */
static hri_status
hit_text(hri_out *o, const json_t *rec)
{
	const char *b = o->ansi ? "\033[1m" : "", *e = o->ansi ? "\033[0m" : "";
	const char *label = hri_json_str(rec, "label");
	const char *kind = hri_json_str(rec, "kind");
	const char *sec = hri_json_str(rec, "section");
	const char *st = hri_json_str(rec, "section_title");
	const char *date = hri_json_str(rec, "date");
	const char *body = hri_json_str(rec, "body");
	const char *review = hri_json_str(rec, "state_under_review");
	const char *concern = hri_json_str(rec, "concern");
	const char *ctext = hri_json_str(rec, "concern_text");
	const json_t *para = json_object_get(rec, "para");
	size_t k;
	char *j;

	fprintf(o->fp, "%lld. %s%s", (long long)hri_json_int(rec, "rank", 0), b,
	        hri_json_str(rec, "symbol"));
	/* A UPR recommendation is known by its label alone ("115.3"), an item
	 * by its paragraph and label ("para. 45 (g)"). */
	if (json_is_integer(para) && !label_has_para(label, para))
		fprintf(o->fp, " para. %lld", (long long)json_integer_value(para));
	if (label)
		fprintf(o->fp, " %s", label);
	fprintf(o->fp, "%s", e);
	if (kind && strcmp(kind, "paragraph") != 0)
		fprintf(o->fp, " [%s]", kind);
	if (date)
		fprintf(o->fp, "  %s", date);
	if (!o->full)
		fprintf(o->fp, "  %lld%%", (long long)hri_json_int(rec, "score", 0));
	putc('\n', o->fp);
	/* a treaty body's or special procedure's: who, about which State */
	if (hri_json_str(rec, "mechanism") &&
	    strcmp(hri_json_str(rec, "mechanism"), "upr") != 0 && body)
		fprintf(o->fp, "   %s%s%s\n", body, review ? ": " : "",
		        review ? review : "");
	if (sec || st)
		fprintf(o->fp, "   %s%s%s\n", sec ? sec : "", sec && st ? " " : "",
		        st ? st : "");
	fprintf(o->fp, "   %s\n", hri_json_str(rec, "snippet"));
	/* the recommendation card: the concern it answers */
	if (ctext) {
		k = o->full ? strlen(ctext) : hri_out_card_cut(ctext);
		fprintf(o->fp, "   concern (%s): %.*s%s\n",
		        strchr(concern, '#') ? strchr(concern, '#') + 1 : concern,
		        (int)k, ctext, ctext[k] ? " ..." : "");
	}
	for (k = 0; k < NANNOT; k++) {
		j = hri_out_join(json_object_get(rec, annotations[k]),
		                 annotation_key(annotations[k]));
		if (!j)
			return HRI_ERR_NOMEM;
		if (*j)
			fprintf(o->fp, "   %s: %s\n", annotations[k], j);
		free(j);
	}
	if (hri_json_str(rec, "position"))
		fprintf(o->fp, "   position: %s\n", hri_json_str(rec, "position"));
	if (json_is_true(json_object_get(rec, "followup")))
		fputs("   followup: yes\n", o->fp);
	if (hri_json_str(rec, "addressee"))
		fprintf(o->fp, "   addressee: %s\n", hri_json_str(rec, "addressee"));
	fprintf(o->fp, "   %s\n\n", hri_json_str(rec, "url"));
	return ferror(o->fp) ? HRI_ERR_IO : HRI_OK;
}

/* Appends the JSON text of the string literal lit. */
#define PUT_LIT(w, lit) hri_jsonl_out_raw((w), (lit), sizeof(lit) - 1)

/* Members of a stored segment the JSON writer takes as they are; a
 * segment has some 35. */
#define STORED_MEMBERS 128

/* Decodes the string member key of the n members m into a new string
 * (NUL-terminated: what hri_json_str gives, cut at a NUL as it is). Sets
 * *out to NULL when the member is missing or no string. Returns HRI_OK or
 * HRI_ERR_NOMEM. */
static hri_status
stored_str(const hri_jsonl_span *m, size_t n, const char *key, char **out)
{
	const hri_jsonl_span *v = hri_jsonl_member(m, n, key, NULL);

	*out = NULL;
	if (!v || v->val[0] != '"')
		return HRI_OK;
	*out = malloc(v->vallen);
	if (!*out)
		return HRI_ERR_NOMEM;
	hri_jsonl_unescape(v, *out);
	return HRI_OK;
}

/* Appends ,"key": and the member's text as stored, or dflt when seg has
 * no such member; *at as hri_jsonl_member() takes it. */
static void
put_member(hri_jsonl_out *w, const hri_jsonl_span *m, size_t n,
           const char *key, const char *dflt, size_t *at)
{
	const hri_jsonl_span *v = hri_jsonl_member(m, n, key, at);

	PUT_LIT(w, ",\"");
	hri_jsonl_out_raw(w, key, strlen(key));
	PUT_LIT(w, "\":");
	if (v)
		hri_jsonl_out_raw(w, v->val, v->vallen);
	else
		hri_jsonl_out_raw(w, dflt, strlen(dflt));
}

/* Prints hit i as JSON straight from its stored bytes, when they are in
 * the writer's own form (hri_jsonl_members): the same line as
 * hri_jsonl_write(hri_out_hit_record()) without building the record.
 * Writes nothing and returns HRI_ERR_INVALID when the record is to be
 * built: the stored text is in another form, or a piece fails the checks
 * the record makes. */
static hri_status
hit_json_stored(hri_out *o, const hri_hits *hits, size_t i,
                unsigned long rank)
{
	hri_jsonl_span m[STORED_MEMBERS], cm[STORED_MEMBERS];
	const hri_jsonl_span *ct = NULL;
	char url[512], *sym = NULL, *lang = NULL, *text = NULL;
	char *snip = NULL, *concern = NULL, *cdata = NULL;
	size_t len, n, cn, k, at = 0;
	const char *d = hri_hits_data(hits, i, &len);
	json_t *weight = NULL;
	hri_jsonl_out w;
	hri_status st = HRI_ERR_INVALID;

	if (!d || hri_jsonl_members(d, len, m, STORED_MEMBERS, &n))
		return HRI_ERR_INVALID;
	if (stored_str(m, n, "symbol", &sym) || !sym ||
	    stored_str(m, n, "lang", &lang) ||
	    hri_out_ods_url(sym, lang, url, sizeof url) ||
	    !hri_utf8_valid(url, strlen(url)) ||
	    stored_str(m, n, "text", &text))
		goto out;
	if (o->full)
		snip = strdup(text ? text : "");
	else
		snip = snippet_of(o, hits, text ? text : "");
	if (!snip || !hri_utf8_valid(snip, strlen(snip)))
		goto out;
	/* the concern's text, when its record is in the same form */
	if (stored_str(m, n, "concern", &concern))
		goto out;
	if (concern && o->db &&
	    !hri_db_segment_data(o->db, concern, &cdata, &k)) {
		if (hri_jsonl_members(cdata, k, cm, STORED_MEMBERS, &cn))
			goto out;
		ct = hri_jsonl_member(cm, cn, "text", NULL);
		if (ct && ct->val[0] != '"')
			ct = NULL;
	}
	weight = json_real(hri_hits_weight(hits, i));
	if (!weight)
		goto out;
	hri_jsonl_out_start(&w, o->fp);
	PUT_LIT(&w, "{\"type\":\"hit\",\"rank\":");
	hri_jsonl_out_integer(&w, (json_int_t)rank);
	PUT_LIT(&w, ",\"score\":");
	hri_jsonl_out_integer(&w, hri_hits_percent(hits, i));
	PUT_LIT(&w, ",\"weight\":");
	if (hri_jsonl_out_value(&w, weight))
		goto out;
	for (k = 0; k < sizeof hit_fields / sizeof hit_fields[0]; k++)
		put_member(&w, m, n, hit_fields[k], "null", &at);
	PUT_LIT(&w, ",\"url\":");
	hri_jsonl_out_string(&w, url, strlen(url));
	PUT_LIT(&w, ",\"snippet\":");
	hri_jsonl_out_string(&w, snip, strlen(snip));
	if (ct) {
		PUT_LIT(&w, ",\"concern_text\":");
		hri_jsonl_out_raw(&w, ct->val, ct->vallen);
	}
	for (k = 0; k < NANNOT; k++)
		put_member(&w, m, n, annotations[k], "[]", &at);
	put_member(&w, m, n, "position", "null", &at);
	put_member(&w, m, n, "text", "\"\"", &at);
	PUT_LIT(&w, "}");
	st = hri_jsonl_out_end(&w);
out:
	json_decref(weight);
	free(sym);
	free(lang);
	free(text);
	free(snip);
	free(concern);
	free(cdata);
	return st;
}

hri_status
hri_out_hit(hri_out *o, const hri_hits *hits, size_t i, unsigned long rank)
{
	json_t *rec;
	hri_status st;

	if (o->format == HRI_FMT_JSON) {
		st = hit_json_stored(o, hits, i, rank);
		if (st != HRI_ERR_INVALID)
			return st;
	}
	rec = hri_out_hit_record(o, hits, i, rank);
	if (!rec)
		return HRI_ERR_FORMAT;
	switch (o->format) {
	case HRI_FMT_JSON: st = hri_jsonl_write(o->fp, rec); break;
	case HRI_FMT_CSV: st = hit_csv(o, rec); break;
	default: st = hit_text(o, rec); break;
	}
	json_decref(rec);
	return st;
}

json_t *
hri_out_facet_record(const hri_hits *hits, size_t f, const char *field)
{
	size_t j, n = hri_hits_facet_size(hits, f);
	const char *value;
	unsigned long count;
	json_t *rec, *counts = json_object();

	rec = json_pack("{s:s, s:s}", "type", "facet", "field", field);
	for (j = 0; j < n && rec && counts; j++) {
		hri_hits_facet_get(hits, f, j, &value, &count);
		if (json_object_set_new(counts, value,
		                        json_integer((json_int_t)count)))
			break;
	}
	if (!rec || !counts || j < n || json_object_set(rec, "counts", counts)) {
		json_decref(rec);
		rec = NULL;
	}
	json_decref(counts);
	return rec;
}

/* Prints facet f as JSON from the counts as they are: the line
 * hri_jsonl_write(hri_out_facet_record()) writes, without the record.
 * Writes nothing and returns HRI_ERR_INVALID when a name is no key jansson
 * keeps as it is (not UTF-8, or a value holding a NUL, which the record's
 * key would end at): the record is to be built. */
static hri_status
facet_json(hri_out *o, const hri_hits *hits, size_t f, const char *field)
{
	size_t j, len, n = hri_hits_facet_size(hits, f);
	const char *value;
	unsigned long count;
	hri_jsonl_out w;

	if (!hri_utf8_valid(field, strlen(field)))
		return HRI_ERR_INVALID;
	for (j = 0; j < n; j++) {
		hri_hits_facet_get(hits, f, j, &value, &count);
		len = strlen(value);
		if (len != hri_hits_facet_len(hits, f, j) ||
		    !hri_utf8_valid(value, len))
			return HRI_ERR_INVALID;
	}
	hri_jsonl_out_start(&w, o->fp);
	PUT_LIT(&w, "{\"type\":\"facet\",\"field\":");
	hri_jsonl_out_string(&w, field, strlen(field));
	PUT_LIT(&w, ",\"counts\":{");
	for (j = 0; j < n; j++) {
		hri_hits_facet_get(hits, f, j, &value, &count);
		if (j)
			PUT_LIT(&w, ",");
		hri_jsonl_out_string(&w, value, strlen(value));
		PUT_LIT(&w, ":");
		hri_jsonl_out_integer(&w, (json_int_t)count);
	}
	PUT_LIT(&w, "}}");
	return hri_jsonl_out_end(&w);
}

hri_status
hri_out_facet(hri_out *o, const hri_hits *hits, size_t f, const char *field)
{
	size_t j, n = hri_hits_facet_size(hits, f);
	const char *value;
	unsigned long count;
	json_t *rec;
	hri_status st;

	switch (o->format) {
	case HRI_FMT_JSON:
		st = facet_json(o, hits, f, field);
		if (st != HRI_ERR_INVALID)
			return st;
		rec = hri_out_facet_record(hits, f, field);
		st = rec ? hri_jsonl_write(o->fp, rec) : HRI_ERR_NOMEM;
		json_decref(rec);
		return st;
	case HRI_FMT_CSV:
		if (!o->header_done) {
			fputs("field,value,count\r\n", o->fp);
			o->header_done = 1;
		}
		for (j = 0; j < n; j++) {
			hri_hits_facet_get(hits, f, j, &value, &count);
			hri_out_csv_field(o->fp, field);
			putc(',', o->fp);
			hri_out_csv_field(o->fp, value);
			fprintf(o->fp, ",%lu\r\n", count);
		}
		break;
	default:
		fprintf(o->fp, "%s%s%s\n", o->ansi ? "\033[1m" : "", field,
		        o->ansi ? "\033[0m" : "");
		for (j = 0; j < n; j++) {
			hri_hits_facet_get(hits, f, j, &value, &count);
			fprintf(o->fp, "  %6lu  %s\n", count, value);
		}
		putc('\n', o->fp);
		break;
	}
	return ferror(o->fp) ? HRI_ERR_IO : HRI_OK;
}
