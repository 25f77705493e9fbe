/* indexer.c - doc and segment records into Xapian documents. */
#include "indexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonl.h"
#include "record.h"

/* Fields of the doc record copied onto every segment's stored data. */
static const char *const doc_fields[] = {
	"title", "body", "session", "agenda", "date", "year", "doctype", "lang",
	"source", "format", "mechanism", "state_under_review", "next_report",
	"cycle"};

/* Prefix of the user metadata keys holding the positions of recommendations,
 * followed by the recommendation's segment id. */
static const char position_key[] = "position:";

/* Prefix of the user metadata keys listing, one id a line, the
 * recommendations a response gave positions to, followed by the response's
 * symbol in lower case: what deleting or reindexing the response takes
 * back. */
static const char source_key[] = "positions-of:";

#define NDOC_FIELDS (sizeof doc_fields / sizeof doc_fields[0])

struct hri_indexer {
	hri_db *db;            /* borrowed */
	hri_xdoc *xdoc;        /* reused for every segment */
	json_t *doc;           /* the current doc record, or NULL */
	/* ,"NAME":VALUE of each doc field the doc record has, written once
	 * for all its segments' stored data; NULL where it has none */
	char *frag[NDOC_FIELDS];
	char symbol[256];      /* its symbol, "" when none */
	long ord;              /* segments of the current document so far */
	hri_indexer_counts counts;
};

/* Forgets the current doc record. */
static void
drop_doc(hri_indexer *ix)
{
	json_decref(ix->doc);
	ix->doc = NULL;
	ix->symbol[0] = '\0';
	ix->ord = 0;
	for (size_t i = 0; i < NDOC_FIELDS; i++) {
		free(ix->frag[i]);
		ix->frag[i] = NULL;
	}
}

/* Writes the fragments of ix->frag from ix->doc. */
static hri_status
doc_fragments(hri_indexer *ix)
{
	for (size_t i = 0; i < NDOC_FIELDS; i++) {
		json_t *v = json_object_get(ix->doc, doc_fields[i]);
		char *val;
		size_t n;

		if (!v)
			continue;
		val = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
		                        JSON_PRESERVE_ORDER);
		if (!val)
			return HRI_ERR_NOMEM;
		n = strlen(doc_fields[i]) + strlen(val) + 5;
		ix->frag[i] = malloc(n);
		if (ix->frag[i])
			snprintf(ix->frag[i], n, ",\"%s\":%s", doc_fields[i], val);
		free(val);
		if (!ix->frag[i])
			return HRI_ERR_NOMEM;
	}
	return HRI_OK;
}

hri_indexer *
hri_indexer_new(hri_db *db)
{
	hri_indexer *ix = calloc(1, sizeof *ix);

	if (!ix)
		return NULL;
	ix->db = db;
	ix->xdoc = hri_xdoc_new(db);
	if (!ix->xdoc) {
		free(ix);
		return NULL;
	}
	return ix;
}

void
hri_indexer_free(hri_indexer *ix)
{
	if (!ix)
		return;
	hri_xdoc_free(ix->xdoc);
	drop_doc(ix);
	free(ix);
}

const hri_indexer_counts *
hri_indexer_counts_get(const hri_indexer *ix)
{
	return &ix->counts;
}

/* Writes a scalar member (string or integer) of obj as text into out;
 * returns out, or NULL when the member is missing or of another type. */
static const char *
scalar(const json_t *obj, const char *key, char *out, size_t outsz)
{
	const json_t *v = json_object_get(obj, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(out, outsz, "%lld", (long long)json_integer_value(v));
		return out;
	}
	return NULL;
}

/* Adds the term of field for value v, when there is one. */
static hri_status
term_opt(hri_xdoc *x, const char *field, const char *v)
{
	return v ? hri_xdoc_term(x, field, v) : HRI_OK;
}

/* Indexes the free text t, when there is one. */
static hri_status
text_opt(hri_xdoc *x, const char *t, unsigned weight, int kind)
{
	return t ? hri_xdoc_text(x, t, weight, kind) : HRI_OK;
}

/* Adds the term of field for each string in the array member key of seg;
 * objects in it give their member sub (cites: [{symbol, pinpoint}]). */
static hri_status
add_list(hri_xdoc *x, const char *field, const json_t *seg, const char *key,
         const char *sub)
{
	const json_t *arr = json_object_get(seg, key);
	const json_t *v;
	const char *s;
	size_t i;
	hri_status st;

	if (!json_is_array(arr))
		return HRI_OK;
	json_array_foreach(arr, i, v) {
		s = json_is_object(v) && sub ? hri_json_str(v, sub)
		                             : json_string_value(v);
		if (!s)
			continue;
		st = hri_xdoc_term(x, field, s);
		if (st)
			return st;
	}
	return HRI_OK;
}

/* Adds the SDG terms: each target ("16.2") and its goal ("16"). */
static hri_status
add_sdgs(hri_xdoc *x, const json_t *seg)
{
	const json_t *arr = json_object_get(seg, "sdgs");
	const json_t *v;
	char goal[16], buf[32];
	const char *s;
	size_t i, n;
	hri_status st;

	if (!json_is_array(arr))
		return HRI_OK;
	json_array_foreach(arr, i, v) {
		s = json_string_value(v);
		if (json_is_integer(v)) {
			snprintf(buf, sizeof buf, "%lld",
			         (long long)json_integer_value(v));
			s = buf;
		}
		if (!s)
			continue;
		st = hri_xdoc_term(x, "sdg", s);
		if (st)
			return st;
		n = strcspn(s, ".");
		if (s[n] == '.' && n > 0 && n < sizeof goal) {
			memcpy(goal, s, n);
			goal[n] = '\0';
			st = hri_xdoc_term(x, "sdg", goal);
			if (st)
				return st;
		}
	}
	return HRI_OK;
}

/* Adds a term of field for each object of the array member key of seg,
 * its members first and second joined by a space: instruments as "<kind>
 * <number>" ("resolution 13/23": the issuer is left out, since a
 * researcher knows a resolution by its number, and the number already says
 * the body's series), a treaty body's articles as "<treaty> <article>"
 * ("ICCPR 9"). */
static hri_status
add_pairs(hri_xdoc *x, const char *field, const json_t *seg, const char *key,
          const char *first, const char *second)
{
	const json_t *arr = json_object_get(seg, key);
	const json_t *v;
	const char *a, *b;
	char buf[256];
	size_t i;
	hri_status st;

	json_array_foreach(arr, i, v) {
		a = hri_json_str(v, first);
		b = hri_json_str(v, second);
		if (!a || !b)
			continue;
		snprintf(buf, sizeof buf, "%s %s", a, b);
		st = hri_xdoc_term(x, field, buf);
		if (st)
			return st;
	}
	return HRI_OK;
}

/* Returns the year of an ISO date ("2014-06-30"), or 0. */
static int
year_of(const char *date)
{
	int y = 0;

	if (!date)
		return 0;
	for (int i = 0; i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + (date[i] - '0');
	}
	return y;
}

/* Takes a doc record as the current document and deletes its old segments. */
static hri_status
add_doc(hri_indexer *ix, const json_t *rec, char *err, size_t errsz)
{
	const char *sym = hri_json_str(rec, "symbol");
	unsigned long n = 0, dropped;
	hri_status st;

	if (!sym || !*sym || strlen(sym) >= sizeof ix->symbol) {
		snprintf(err, errsz, "doc record without a symbol");
		return HRI_ERR_INVALID;
	}
	st = hri_db_delete_symbol(ix->db, sym, &n);
	if (st)
		return st;
	/* A response indexed again gives its positions anew: those it no
	 * longer gives must not stay. */
	st = hri_positions_drop(ix->db, sym, &dropped);
	if (st)
		return st;
	drop_doc(ix);
	ix->doc = json_deep_copy(rec);
	if (!ix->doc)
		return HRI_ERR_NOMEM;
	st = doc_fragments(ix);
	if (st) {
		drop_doc(ix);
		return st;
	}
	snprintf(ix->symbol, sizeof ix->symbol, "%s", sym);
	ix->counts.documents++;
	ix->counts.replaced += n;
	return HRI_OK;
}

hri_status
hri_indexer_doc_elsewhere(hri_indexer *ix, const char *symbol)
{
	unsigned long dropped;

	drop_doc(ix);
	return hri_positions_drop(ix->db, symbol, &dropped);
}

/* Builds the stored data of seg, parsed from line (len bytes; NULL when
 * seg was not read from a line as it is): the segment, plus the fields of
 * the current doc record (doc, NULL when none) it lacks. Returns a new
 * string to free(), or NULL when out of memory. */
static char *
stored_data(const hri_indexer *ix, const json_t *seg, const json_t *doc,
            const char *line, size_t len)
{
	json_t *d;
	char *s;
	size_t i, n, end;

	if (line) {
		/* the line up to its closing brace, then the fragments */
		end = len;
		while (end > 0 && line[end - 1] != '}')
			end--;
		if (end == 0)
			return NULL;
		n = end;
		for (i = 0; doc && i < NDOC_FIELDS; i++)
			if (ix->frag[i] && !json_object_get(seg, doc_fields[i]))
				n += strlen(ix->frag[i]);
		s = malloc(n + 1);
		if (!s)
			return NULL;
		memcpy(s, line, end - 1);
		n = end - 1;
		/* a segment has members (id and symbol are checked before),
		 * so each fragment's leading comma is in place */
		for (i = 0; doc && i < NDOC_FIELDS; i++) {
			if (!ix->frag[i] || json_object_get(seg, doc_fields[i]))
				continue;
			size_t k = strlen(ix->frag[i]);
			memcpy(s + n, ix->frag[i], k);
			n += k;
		}
		s[n++] = '}';
		s[n] = '\0';
		return s;
	}
	d = json_copy((json_t *)seg);
	if (!d)
		return NULL;
	for (i = 0; doc && i < NDOC_FIELDS; i++) {
		json_t *v = json_object_get(doc, doc_fields[i]);
		if (v && !json_object_get(d, doc_fields[i]))
			json_object_set(d, doc_fields[i], v);
	}
	s = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	return s;
}

/* Adds the document-level terms of doc (may be NULL) and of the segment. */
static hri_status
add_fields(hri_xdoc *x, const json_t *seg, const json_t *doc, int *year)
{
	static const char *const doc_terms[][2] = {
		{"body", "body"}, {"session", "session"}, {"doctype", "doctype"},
		{"lang", "lang"}, {"mechanism", "mechanism"},
		{"state_under_review", "state_under_review"}, {"cycle", "cycle"}};
	static const char *const seg_lists[][2] = {
		{"country", "countries"}, {"organization", "organizations"},
		{"person", "persons"}, {"theme", "themes"}, {"affected", "affected"},
		{"treaty", "treaties"}, {"recommending", "recommending"},
		{"issue", "issues"}};
	char buf[64];
	const char *v, *date;
	size_t i;
	hri_status st = HRI_OK;

	for (i = 0; i < sizeof doc_terms / sizeof doc_terms[0] && !st; i++) {
		v = scalar(seg, doc_terms[i][1], buf, sizeof buf);
		if (!v && doc)
			v = scalar(doc, doc_terms[i][1], buf, sizeof buf);
		if (v)
			st = hri_xdoc_term(x, doc_terms[i][0], v);
	}
	if (st)
		return st;
	date = hri_json_str(doc, "date");
	*year = (int)hri_json_int(doc, "year", year_of(date));
	if (*year > 0) {
		snprintf(buf, sizeof buf, "%d", *year);
		st = hri_xdoc_term(x, "year", buf);
		if (st)
			return st;
	}
	if (date) {
		st = hri_xdoc_date(x, date);
		if (st)
			return st;
	}
	st = term_opt(x, "kind", hri_json_str(seg, "kind"));
	if (st)
		return st;
	st = term_opt(x, "section", hri_json_str(seg, "section"));
	if (st)
		return st;
	st = term_opt(x, "position", hri_json_str(seg, "position"));
	if (st)
		return st;
	st = term_opt(x, "addressee", hri_json_str(seg, "addressee"));
	if (!st && json_is_true(json_object_get(seg, "followup")))
		st = hri_xdoc_term(x, "followup", "yes");
	if (!st)
		st = add_pairs(x, "article", seg, "articles", "treaty", "article");
	if (st)
		return st;
	for (i = 0; i < sizeof seg_lists / sizeof seg_lists[0]; i++) {
		st = add_list(x, seg_lists[i][0], seg, seg_lists[i][1], NULL);
		if (st)
			return st;
	}
	st = add_list(x, "cites", seg, "cites", "symbol");
	if (st)
		return st;
	st = add_sdgs(x, seg);
	if (st)
		return st;
	return add_pairs(x, "instrument", seg, "instruments", "kind", "number");
}

/* Writes the metadata key of the position of segment id into key (keysz
 * bytes); returns -1 when it does not fit. */
static int
position_key_of(const char *id, char *key, size_t keysz)
{
	int n = snprintf(key, keysz, "%s%s", position_key, id);

	return n < 0 || (size_t)n >= keysz ? -1 : 0;
}

/* Reads the position kept for the recommendation id: on HRI_OK *m is a
 * new object {position, source}, or NULL when none is kept (or the entry
 * is not hri's, which is left alone). */
static hri_status
position_get(hri_db *db, const char *id, json_t **m)
{
	char key[512], *meta = NULL;
	hri_status st;

	*m = NULL;
	if (position_key_of(id, key, sizeof key))
		return HRI_OK;
	st = hri_db_metadata_get(db, key, &meta);
	if (st || !meta)
		return st;
	*m = json_loads(meta, 0, NULL);
	free(meta);
	if (!json_is_object(*m) || !hri_json_str(*m, "position")) {
		json_decref(*m);
		*m = NULL;
	}
	return HRI_OK;
}

/* Writes the metadata key listing the positions given by the response
 * source into key (keysz bytes); returns -1 when it does not fit. */
static int
source_key_of(const char *source, char *key, size_t keysz)
{
	size_t n = sizeof source_key - 1, i;

	if (n + strlen(source) >= keysz)
		return -1;
	memcpy(key, source_key, n);
	for (i = 0; source[i]; i++)
		key[n + i] = (source[i] >= 'A' && source[i] <= 'Z')
		                 ? (char)(source[i] - 'A' + 'a') : source[i];
	key[n + i] = '\0';
	return 0;
}

/* Adds id to the list of the positions given by the response source,
 * once. */
static hri_status
list_position(hri_db *db, const char *source, const char *id)
{
	char key[300], *list = NULL, *grown = NULL;
	size_t idlen = strlen(id), len;
	const char *p;
	hri_status st;

	if (source_key_of(source, key, sizeof key))
		return HRI_OK; /* no symbol is that long: nothing to take back */
	st = hri_db_metadata_get(db, key, &list);
	if (st)
		return st;
	for (p = list; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
		if (strncmp(p, id, idlen) == 0 && (p[idlen] == '\n' || !p[idlen])) {
			free(list);
			return HRI_OK;
		}
	len = list ? strlen(list) : 0;
	grown = malloc(len + idlen + 2);
	if (!grown) {
		free(list);
		return HRI_ERR_NOMEM;
	}
	snprintf(grown, len + idlen + 2, "%s%s%s", list ? list : "",
	         len ? "\n" : "", id);
	st = hri_db_metadata_set(db, key, grown);
	free(grown);
	free(list);
	return st;
}

/* Takes back the position kept for the recommendation id when the
 * response source gave it: the metadata entry goes, and the indexed
 * recommendation loses its position. Sets *dropped when it did. */
static hri_status
drop_position(hri_db *db, const char *source, const char *id, int *dropped)
{
	char key[512], *data = NULL, *out = NULL;
	json_t *m = NULL, *stored = NULL;
	const char *was;
	size_t len;
	hri_status st;

	*dropped = 0;
	st = position_get(db, id, &m);
	was = m ? hri_json_str(m, "source") : NULL;
	/* a later response may have given it again: then it stays */
	if (st || !was || strcasecmp(was, source) != 0)
		goto out;
	position_key_of(id, key, sizeof key); /* fits: position_get read it */
	st = hri_db_metadata_set(db, key, "");
	if (st)
		goto out;
	*dropped = 1;
	st = hri_db_segment_data(db, id, &data, &len);
	if (st == HRI_ERR_NOT_FOUND) {
		st = HRI_OK; /* the report is not indexed */
		goto out;
	}
	if (st)
		goto out;
	stored = json_loadb(data, len, 0, NULL);
	if (!json_is_object(stored))
		goto out; /* not hri's: left alone */
	json_object_del(stored, "position");
	json_object_del(stored, "position_source");
	out = json_dumps(stored, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!out) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	st = hri_db_segment_set_field(db, id, "position", "", out, strlen(out));
out:
	free(out);
	free(data);
	json_decref(stored);
	json_decref(m);
	return st;
}

hri_status
hri_positions_drop(hri_db *db, const char *source, unsigned long *dropped)
{
	char key[300], *list = NULL, *line, *next;
	int one;
	hri_status st;

	*dropped = 0;
	if (source_key_of(source, key, sizeof key))
		return HRI_OK;
	st = hri_db_metadata_get(db, key, &list);
	if (st || !list)
		return st;
	for (line = list; line && *line && !st; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		st = drop_position(db, source, line, &one);
		*dropped += (unsigned long)one;
	}
	free(list);
	return st ? st : hri_db_metadata_set(db, key, "");
}

/* Sets the position of the recommendation rec (a segment record, or its
 * stored data) from the kept position m ({position, source}). */
static hri_status
set_position(json_t *rec, const json_t *m)
{
	if (hri_json_set_str(rec, "position", hri_json_str(m, "position")))
		return HRI_ERR_NOMEM;
	if (hri_json_str(m, "source") &&
	    hri_json_set_str(rec, "position_source", hri_json_str(m, "source")))
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

/* Returns, in *out, a new copy of the recommendation seg carrying the
 * position kept for its id, or NULL when none is kept. */
static hri_status
kept_position(hri_indexer *ix, const json_t *seg, const char *id,
              json_t **out)
{
	const char *kind = hri_json_str(seg, "kind");
	json_t *m = NULL, *copy = NULL;
	hri_status st;

	*out = NULL;
	if (!kind || strcmp(kind, "recommendation") != 0)
		return HRI_OK;
	st = position_get(ix->db, id, &m);
	if (st || !m)
		return st;
	copy = json_copy((json_t *)seg);
	st = copy ? set_position(copy, m) : HRI_ERR_NOMEM;
	json_decref(m);
	if (st) {
		json_decref(copy);
		return st;
	}
	*out = copy;
	return HRI_OK;
}

/* Keeps a position record in the metadata and gives it to its
 * recommendation when that is indexed already. */
static hri_status
add_position(hri_indexer *ix, const json_t *rec, char *err, size_t errsz)
{
	const char *id = hri_json_str(rec, "id");
	const char *pos = hri_json_str(rec, "position");
	const char *src = hri_json_str(rec, "source");
	const char *kind;
	char key[256], *meta = NULL, *data = NULL, *out = NULL;
	json_t *m = NULL, *stored = NULL;
	size_t len;
	hri_status st;

	if (!id || !*id || position_key_of(id, key, sizeof key)) {
		snprintf(err, errsz, "position record without a usable id");
		return HRI_ERR_INVALID;
	}
	if (!pos || (strcmp(pos, "supported") != 0 && strcmp(pos, "noted") != 0)) {
		snprintf(err, errsz, "position record %s: position is neither "
		                     "supported nor noted", id);
		return HRI_ERR_INVALID;
	}
	m = json_pack("{s:s}", "position", pos);
	if (!m || (src && hri_json_set_str(m, "source", src))) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	meta = json_dumps(m, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!meta) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	st = hri_db_metadata_set(ix->db, key, meta);
	if (!st && src)
		st = list_position(ix->db, src, id);
	if (st)
		goto out;
	ix->counts.positions++;
	st = hri_db_segment_data(ix->db, id, &data, &len);
	if (st == HRI_ERR_NOT_FOUND) {
		st = HRI_OK; /* the report comes later and takes it then */
		goto out;
	}
	if (st)
		goto out;
	stored = json_loadb(data, len, 0, NULL);
	if (!json_is_object(stored)) {
		snprintf(err, errsz, "segment %s: stored data is not a JSON object",
		         id);
		st = HRI_ERR_INVALID;
		goto out;
	}
	/* only a recommendation has a position, as in kept_position() */
	kind = hri_json_str(stored, "kind");
	if (!kind || strcmp(kind, "recommendation") != 0)
		goto out;
	st = set_position(stored, m);
	if (st)
		goto out;
	out = json_dumps(stored, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!out) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	st = hri_db_segment_set_field(ix->db, id, "position", pos, out,
	                              strlen(out));
	if (st)
		goto out;
	ix->counts.updated++;
out:
	free(out);
	free(data);
	free(meta);
	json_decref(stored);
	json_decref(m);
	return st;
}

/* Indexes one segment record, read from line (len bytes; may be NULL). */
static hri_status
add_segment(hri_indexer *ix, const json_t *seg, const char *line,
            size_t len, char *err, size_t errsz)
{
	hri_xdoc *x = ix->xdoc;
	const json_t *doc;
	const char *id = hri_json_str(seg, "id");
	const char *sym = hri_json_str(seg, "symbol");
	const char *text = hri_json_str(seg, "text");
	const char *kind;
	const json_t *para = json_object_get(seg, "para");
	char buf[32], *data = NULL;
	json_t *positioned = NULL;
	int year = 0;
	hri_status st;

	if (!id || !*id) {
		snprintf(err, errsz, "segment without an id");
		return HRI_ERR_INVALID;
	}
	if (!sym || !*sym) {
		snprintf(err, errsz, "segment %s without a symbol", id);
		return HRI_ERR_INVALID;
	}
	if (para && !json_is_null(para) && !json_is_integer(para)) {
		snprintf(err, errsz, "segment %s: para is not an integer", id);
		return HRI_ERR_INVALID;
	}
	if (text && strlen(text) > HRI_SEGMENT_TEXT_MAX) {
		snprintf(err, errsz, "segment %s: text over %u MiB", id,
		         HRI_SEGMENT_TEXT_MAX >> 20);
		return HRI_ERR_INVALID;
	}
	/* A segment belongs to the doc record before it; one of another symbol
	 * is indexed without document fields. */
	doc = ix->doc && strcmp(ix->symbol, sym) == 0 ? ix->doc : NULL;
	/* A recommendation whose State's response came first takes its
	 * position from the metadata. */
	st = kept_position(ix, seg, id, &positioned);
	if (st)
		return st;
	if (positioned) {
		seg = positioned;
		line = NULL; /* not the line's any more */
	}

	hri_xdoc_reset(x);
	st = hri_xdoc_set_id(x, id);
	if (st == HRI_ERR_TOO_BIG) {
		snprintf(err, errsz, "segment id too long");
		st = HRI_ERR_INVALID;
		goto out;
	}
	if (st)
		goto out;
	st = hri_xdoc_term(x, "symbol", sym);
	if (st)
		goto out;
	if (json_is_integer(para)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(para));
		st = hri_xdoc_term(x, "para", buf);
		if (st)
			goto out;
	}
	st = add_fields(x, seg, doc, &year);
	if (st)
		goto out;
	/* Weights chosen on the judged queries of bench/judged.tsv
	 * (bench/RANKING.md). The document title is under title: only, with
	 * weight 0: the same ten words on every segment of a report only
	 * lengthened each, and blunted the length normalisation that keeps
	 * long dialogue paragraphs below the recommendations (+0.04 nDCG@10).
	 * A section heading's words count twice in the text of every
	 * paragraph under it (a paragraph under "Deepening South-South
	 * cooperation" is about it, even when its own text does not repeat the
	 * words); four times, as before, let the fragments under a heading
	 * outrank whole paragraphs on the heading's words. A footnote is
	 * about what it cites, not about the heading over the paragraph that
	 * calls it: with the heading's words, a note of four words ("Ur.l.RS
	 * No. 99/2013.") ranked above whole paragraphs for "right to
	 * development" under "Developments regarding ... human rights"; its
	 * heading stays under title: (weight 0).
	 * The document title's words go on the document's first segment
	 * only (ord 0, which exists whenever any does: a document is always
	 * replaced whole): title: finds the documents through them and
	 * filters the segments by symbol (xapian_query.cc). On every segment
	 * they took some 15% of the indexing time (issue 22). */
	st = text_opt(x, ix->ord == 0 ? hri_json_str(doc, "title") : NULL, 0,
	              HRI_TEXT_DOC_TITLE);
	if (st)
		goto out;
	kind = hri_json_str(seg, "kind");
	st = text_opt(x, hri_json_str(seg, "section_title"),
	              kind && strcmp(kind, "footnote") == 0 ? 0 : 2,
	              HRI_TEXT_SECTION_TITLE);
	if (st)
		goto out;
	st = text_opt(x, text, 1, HRI_TEXT_BODY);
	if (st)
		goto out;
	st = hri_xdoc_numbers(x, year,
	                      json_is_integer(para) ? (long)json_integer_value(para)
	                                            : -1,
	                      doc ? ix->ord : 0);
	if (st)
		goto out;
	data = stored_data(ix, seg, doc, line, len);
	if (!data) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	st = hri_xdoc_data(x, data, strlen(data));
	if (st)
		goto out;
	st = hri_db_replace(ix->db, x);
	if (st)
		goto out;
	if (doc)
		ix->ord++;
	ix->counts.segments++;
out:
	free(data);
	json_decref(positioned);
	return st;
}

hri_status
hri_indexer_add(hri_indexer *ix, const json_t *rec, int *what, char *err,
                size_t errsz)
{
	return hri_indexer_add_line(ix, rec, NULL, 0, what, err, errsz);
}

hri_status
hri_indexer_add_line(hri_indexer *ix, const json_t *rec, const char *line,
                     size_t len, int *what, char *err, size_t errsz)
{
	const char *type = hri_json_str(rec, "type");
	int w = HRI_INDEXED_SKIPPED;
	hri_status st = HRI_OK;

	if (!type) {
		snprintf(err, errsz, "record without a \"type\"");
		return HRI_ERR_INVALID;
	}
	if (json_object_get(rec, "error")) {
		ix->counts.skipped++;
	} else if (strcmp(type, "doc") == 0) {
		st = add_doc(ix, rec, err, errsz);
		w = HRI_INDEXED_DOC;
	} else if (strcmp(type, "segment") == 0) {
		st = add_segment(ix, rec, line, len, err, errsz);
		w = HRI_INDEXED_SEGMENT;
	} else if (strcmp(type, "position") == 0) {
		st = add_position(ix, rec, err, errsz);
		w = HRI_INDEXED_POSITION;
	} else {
		ix->counts.skipped++;
	}
	if (!st && what)
		*what = w;
	return st;
}
