/* links.c - citation links from the cites annotations. */
#include "links.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonl.h"
#include "grow.h"

/* Most segments a link command looks at. */
#define LINK_HITS 1000000u

/* One pair of documents and the paragraphs that link them. */
struct tally {
	char *from;     /* citing symbol */
	char *to;       /* cited symbol */
	json_t *ids;    /* ids of the citing segments, in order */
	unsigned long count;
};

/* A growable list of tallies. */
struct tallies {
	struct tally *v;
	size_t n, cap;
};

static void
tallies_free(struct tallies *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].from);
		free(t->v[i].to);
		json_decref(t->v[i].ids);
	}
	free(t->v);
}

/* Counts segment id as a link from -> to. Returns HRI_ERR_NOMEM. */
static hri_status
tallies_add(struct tallies *t, const char *from, const char *to,
            const char *id)
{
	struct tally *x = NULL;
	size_t i;

	for (i = 0; i < t->n && !x; i++)
		if (strcmp(t->v[i].from, from) == 0 && strcmp(t->v[i].to, to) == 0)
			x = &t->v[i];
	if (!x) {
		if (hri_grow(&t->v, t->n, &t->cap, sizeof *t->v, 16))
			return HRI_ERR_NOMEM;
		x = &t->v[t->n];
		memset(x, 0, sizeof *x);
		x->from = strdup(from);
		x->to = strdup(to);
		x->ids = json_array();
		t->n++;
		if (!x->from || !x->to || !x->ids)
			return HRI_ERR_NOMEM;
	}
	x->count++;
	/* A paragraph citing twice counts once in ids. */
	if (json_array_size(x->ids) == 0 ||
	    strcmp(json_string_value(json_array_get(
	               x->ids, json_array_size(x->ids) - 1)), id) != 0)
		return json_array_append_new(x->ids, json_string(id)) ? HRI_ERR_NOMEM
		                                                       : HRI_OK;
	x->count--;
	return HRI_OK;
}

/* Orders tallies by count, most first; stable on the order of discovery. */
static int
by_count(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x < y ? -1 : (x > y);
}

/* Runs query with filter f (may be NULL) and counts, for each matching
 * segment, a link from its symbol to each symbol it cites into t; with
 * matched, also records the symbols of the matching segments as its keys.
 * Returns a status as hri_links_cited_by_list() does. */
static hri_status
collect(hri_db *db, const char *query, const hri_filter *f,
        struct tallies *t, json_t *matched, char *err, size_t errsz)
{
	hri_query_opts qo = {0};
	hri_hits *hits = NULL;
	hri_status st, res = HRI_OK;
	size_t i, j, len;

	qo.limit = LINK_HITS;
	qo.sort = HRI_SORT_DOC;
	qo.filters = f;
	qo.nfilters = f ? 1 : 0;
	st = hri_db_query(db, query, &qo, &hits);
	if (st) {
		snprintf(err, errsz, "%s", hri_db_errmsg(db));
		return st == HRI_ERR_NOT_FOUND ? HRI_ERR_DB : st;
	}
	for (i = 0; i < hri_hits_count(hits) && !res; i++) {
		const char *d = hri_hits_data(hits, i, &len);
		json_t *seg = NULL, *c;
		const char *sym, *id, *to;

		if (hri_jsonl_parse(d, len, &seg, NULL, 0))
			continue;
		sym = hri_json_str(seg, "symbol");
		id = hri_json_str(seg, "id");
		if (sym && matched)
			json_object_set_new(matched, sym, json_true());
		json_array_foreach(json_object_get(seg, "cites"), j, c) {
			to = hri_json_str(c, "symbol");
			if (!sym || !id || !to)
				continue;
			if (tallies_add(t, sym, to, id)) {
				snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
				res = HRI_ERR_NOMEM;
			}
		}
		json_decref(seg);
	}
	hri_hits_free(hits);
	return res;
}

/* Sorts the tallies, most citing paragraphs first, and turns them into a
 * new JSON array of records of type (in *out). Returns HRI_ERR_NOMEM, with
 * the message in err (errsz bytes). */
static hri_status
tallies_records(struct tallies *t, const char *type, json_t **out, char *err,
                size_t errsz)
{
	json_t *a = json_array(), *r;
	size_t i;

	*out = NULL;
	if (!a)
		goto nomem;
	if (t->n)
		qsort(t->v, t->n, sizeof *t->v, by_count);
	for (i = 0; i < t->n; i++) {
		struct tally *x = &t->v[i];
		r = json_pack("{s:s, s:s, s:s, s:I, s:O}", "type", type, "symbol",
		              x->from, "cites", x->to, "count", (json_int_t)x->count,
		              "ids", x->ids);
		if (!r || json_array_append_new(a, r)) {
			json_decref(a);
			goto nomem;
		}
	}
	*out = a;
	return HRI_OK;
nomem:
	snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
	return HRI_ERR_NOMEM;
}

/* Prints the records of list; text shows the citing end when from is
 * nonzero, else the cited end. Returns HRI_ERR_NOT_FOUND when there is
 * none, HRI_ERR_IO (the message in err, errsz bytes) when the output
 * failed. */
static hri_status
print_records(hri_out *o, const json_t *list, int from, char *err,
              size_t errsz)
{
	size_t i, k;
	const json_t *r, *ids;
	char *joined;

	if (o->format == HRI_FMT_CSV)
		fputs("symbol,cites,count,ids\r\n", o->fp);
	json_array_foreach(list, i, r) {
		ids = json_object_get(r, "ids");
		switch (o->format) {
		case HRI_FMT_JSON:
			if (hri_jsonl_write(o->fp, r))
				goto failed;
			break;
		case HRI_FMT_CSV:
			joined = hri_out_join(ids, NULL);
			if (!joined)
				goto failed;
			hri_out_csv_field(o->fp, hri_json_str(r, "symbol"));
			putc(',', o->fp);
			hri_out_csv_field(o->fp, hri_json_str(r, "cites"));
			fprintf(o->fp, ",%lld,", (long long)hri_json_int(r, "count", 0));
			hri_out_csv_field(o->fp, joined);
			fputs("\r\n", o->fp);
			free(joined);
			break;
		default:
			fprintf(o->fp, "%6lld  %s  (",
			        (long long)hri_json_int(r, "count", 0),
			        hri_json_str(r, from ? "symbol" : "cites"));
			for (k = 0; k < json_array_size(ids); k++)
				fprintf(o->fp, "%s%s", k ? ", " : "",
				        json_string_value(json_array_get(ids, k)));
			fputs(")\n", o->fp);
			break;
		}
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		goto failed;
	return json_array_size(list) ? HRI_OK : HRI_ERR_NOT_FOUND;
failed:
	snprintf(err, errsz, "cannot write the output");
	return HRI_ERR_IO;
}

hri_status
hri_links_cited_by_list(hri_db *db, const char *symbol, const char *query,
                        json_t **out, char *err, size_t errsz)
{
	struct tallies t = {0};
	hri_filter f = {"cites", symbol};
	hri_status st;

	*out = NULL;
	st = collect(db, query, &f, &t, NULL, err, errsz);
	/* The segments found cite other documents too: keep the links to
	 * symbol (the filter matched it case-insensitively, so compare so). */
	if (!st) {
		size_t i, k = 0;
		for (i = 0; i < t.n; i++) {
			if (strcasecmp(t.v[i].to, symbol) == 0) {
				t.v[k++] = t.v[i];
			} else {
				free(t.v[i].from);
				free(t.v[i].to);
				json_decref(t.v[i].ids);
			}
		}
		t.n = k;
		st = tallies_records(&t, "citing", out, err, errsz);
	}
	tallies_free(&t);
	return st;
}

hri_status
hri_links_cites_list(hri_db *db, const char *symbol, json_t **out, char *err,
                     size_t errsz)
{
	struct tallies t = {0};
	hri_filter f = {"symbol", symbol};
	hri_status st;

	*out = NULL;
	st = collect(db, "", &f, &t, NULL, err, errsz);
	if (!st)
		st = tallies_records(&t, "cited", out, err, errsz);
	tallies_free(&t);
	return st;
}

hri_status
hri_links_cited_by(hri_db *db, hri_out *o, const char *symbol,
                   const char *query, char *err, size_t errsz)
{
	json_t *list = NULL;
	hri_status st;

	st = hri_links_cited_by_list(db, symbol, query, &list, err, errsz);
	if (!st)
		st = print_records(o, list, 1, err, errsz);
	json_decref(list);
	return st;
}

hri_status
hri_links_cites(hri_db *db, hri_out *o, const char *symbol, char *err,
                size_t errsz)
{
	json_t *list = NULL;
	hri_status st;

	st = hri_links_cites_list(db, symbol, &list, err, errsz);
	if (!st)
		st = print_records(o, list, 0, err, errsz);
	json_decref(list);
	return st;
}

/* Writes s as a DOT string (quoted, quotes and backslashes escaped). */
static void
dot_str(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putc('\\', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

hri_status
hri_links_graph(hri_db *db, FILE *fp, const char *query, char *err,
                size_t errsz)
{
	struct tallies t = {0};
	json_t *matched = json_object();
	const char *sym;
	json_t *v;
	size_t i;
	hri_status st;

	if (!matched) {
		snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
		return HRI_ERR_NOMEM;
	}
	st = collect(db, query, NULL, &t, matched, err, errsz);
	if (st)
		goto out;
	fputs("digraph citations {\n\trankdir=LR;\n\tnode [shape=box];\n", fp);
	json_object_foreach(matched, sym, v) {
		putc('\t', fp);
		dot_str(fp, sym);
		fputs(";\n", fp);
	}
	for (i = 0; i < t.n; i++) {
		if (!json_object_get(matched, t.v[i].to)) {
			putc('\t', fp);
			dot_str(fp, t.v[i].to);
			fputs(" [shape=ellipse, style=dashed];\n", fp);
			json_object_set_new(matched, t.v[i].to, json_false());
		}
	}
	for (i = 0; i < t.n; i++) {
		putc('\t', fp);
		dot_str(fp, t.v[i].from);
		fputs(" -> ", fp);
		dot_str(fp, t.v[i].to);
		fprintf(fp, " [label=%lu];\n", t.v[i].count);
	}
	fputs("}\n", fp);
	if (fflush(fp) != 0 || ferror(fp)) {
		snprintf(err, errsz, "cannot write the output");
		st = HRI_ERR_IO;
	} else if (json_object_size(matched) == 0) {
		st = HRI_ERR_NOT_FOUND;
	}
out:
	json_decref(matched);
	tallies_free(&t);
	return st;
}
