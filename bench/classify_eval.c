/* classify_eval.c - measures hri-parse's themes, affected persons and SDGs
 * against OHCHR's own thematic lists of UPR recommendations.
 *
 *   classify-eval [--labels] LIST.tsv...
 *
 * Each LIST.tsv (bench/data/thematic-*.tsv) holds one recommendation a line:
 * id, text, themes, affected, SDG goals, the last three "|"-separated, as
 * OHCHR gave them. Every recommendation is annotated as hri-parse annotates a
 * recommendation segment; OHCHR's names are read through data/labels.tsv
 * (a 2020 spelling counts as the label it is now), SDG targets count as their
 * goals. Prints micro precision, recall and F1 per field and list, and with
 * --labels the figures of each label. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/extract.h"
#include "file.h"
#include "labels.h"

#define MAXL 256 /* labels of one field */

enum { THEMES, AFFECTED, SDGS, NF };
static const char *const seg_field[NF] = {"themes", "affected", "sdgs"};
static const char *const lab_field[NF] = {"theme", "affected", "sdg"};

/* Counts of one label. */
typedef struct count {
	char name[256];
	long tp, fp, fn;
} count;

typedef struct tally {
	count c[MAXL];
	size_t n;
	long tp, fp, fn;
} tally;

static count *
count_of(tally *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->c[i].name, name))
			return &t->c[i];
	if (t->n == MAXL)
		return NULL;
	count *c = &t->c[t->n++];
	memset(c, 0, sizeof *c);
	snprintf(c->name, sizeof c->name, "%s", name);
	return c;
}

/* Returns nonzero when arr holds s. */
static int
has(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (!strcmp(json_string_value(v), s))
			return 1;
	return 0;
}

/* Fills gold with OHCHR's labels of column (s, len), each by its current
 * name; an unknown name is kept and reported. */
static void
gold_labels(const hri_labels *lab, int f, const char *s, size_t len,
            json_t *gold[NF], const char *file, const char *id)
{
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *e = bar ? bar : end;
		if (e > p) {
			const char *lf = NULL;
			const char *cur = hri_labels_find(lab, lab_field[f], p,
			                                  (size_t)(e - p), &lf);
			int tf = f;
			if (cur && !strcmp(lf, "affected"))
				tf = AFFECTED;
			if (!cur)
				fprintf(stderr, "classify-eval: %s: %s: \"%.*s\" is no "
				        "%s of labels.tsv\n", file, id, (int)(e - p), p,
				        lab_field[f]);
			else if (!has(gold[tf], cur))
				json_array_append_new(gold[tf], json_string(cur));
		}
		p = e + 1;
	}
}

/* The goals of a segment's sdgs ("16.10" is Goal 16). */
static json_t *
goals(json_t *sdgs)
{
	json_t *out = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(sdgs, i, v) {
		const char *s = json_string_value(v);
		char g[8];
		snprintf(g, sizeof g, "%.*s", (int)strcspn(s, "."), s);
		if (!has(out, g))
			json_array_append_new(out, json_string(g));
	}
	return out;
}

static void
score(tally *t, json_t *got, json_t *want)
{
	size_t i;
	json_t *v;
	json_array_foreach(got, i, v) {
		count *c = count_of(t, json_string_value(v));
		int hit = has(want, json_string_value(v));
		t->tp += hit;
		t->fp += !hit;
		if (c) {
			c->tp += hit;
			c->fp += !hit;
		}
	}
	json_array_foreach(want, i, v) {
		if (has(got, json_string_value(v)))
			continue;
		count *c = count_of(t, json_string_value(v));
		t->fn++;
		if (c)
			c->fn++;
	}
}

static double
f1(long tp, long fp, long fn)
{
	return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
}

static void
report(const char *name, int f, const tally *t, int per_label)
{
	printf("%-24s %-9s P %.3f R %.3f F1 %.3f (%ld right, %ld extra, %ld "
	       "missed)\n", name, seg_field[f],
	       t->tp + t->fp ? (double)t->tp / (t->tp + t->fp) : 0,
	       t->tp + t->fn ? (double)t->tp / (t->tp + t->fn) : 0,
	       f1(t->tp, t->fp, t->fn), t->tp, t->fp, t->fn);
	for (size_t i = 0; per_label && i < t->n; i++)
		printf("    %-70.70s %4ld %4ld %4ld  F1 %.2f\n", t->c[i].name,
		       t->c[i].tp, t->c[i].fp, t->c[i].fn,
		       f1(t->c[i].tp, t->c[i].fp, t->c[i].fn));
}

int
main(int argc, char **argv)
{
	int per_label = 0, rc = 0;
	char err[512];
	hri_labels *lab = NULL;
	hri_extractor *ex = NULL;
	if (hri_labels_load(NULL, &lab, err, sizeof err) ||
	    hri_extractor_new(&ex, err, sizeof err)) {
		fprintf(stderr, "classify-eval: %s\n", err);
		return 4;
	}
	static tally all[NF];
	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--labels")) {
			per_label = 1;
			continue;
		}
		unsigned char *buf = NULL;
		size_t len = 0;
		hri_status st = hri_file_read(argv[a], 16u << 20, &buf, &len);
		if (st) {
			fprintf(stderr, "classify-eval: %s: %s\n", argv[a],
			        hri_status_str(st));
			rc = 3;
			continue;
		}
		static tally t[NF];
		memset(t, 0, sizeof t);
		hri_extract_doc *d = NULL;
		if (hri_extract_doc_new(ex, NULL, "Human Rights Council", &d))
			return 4;
		const char *p = (const char *)buf, *end = p + len;
		long recs = 0;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *le = nl ? nl : end;
			const char *col[5];
			size_t cl[5];
			int nc = 0;
			for (const char *c = p; nc < 5;) {
				const char *tab = memchr(c, '\t', (size_t)(le - c));
				col[nc] = c;
				cl[nc++] = (size_t)((tab ? tab : le) - c);
				if (!tab)
					break;
				c = tab + 1;
			}
			if (*p != '#' && le > p && nc == 5) {
				char id[64];
				snprintf(id, sizeof id, "%.*s", (int)cl[0], col[0]);
				json_t *gold[NF] = {json_array(), json_array(), json_array()};
				for (int f = 0; f < NF; f++)
					gold_labels(lab, f, col[2 + f], cl[2 + f], gold,
					            argv[a], id);
				json_t *seg = json_object();
				json_object_set_new(seg, "text", json_stringn(col[1], cl[1]));
				json_object_set_new(seg, "kind", json_string("recommendation"));
				/* A UPR recommendation: its States (not needed here). */
				json_object_set_new(seg, "recommending", json_array());
				if (hri_extract_segment(d, seg))
					return 4;
				json_t *g = goals(json_object_get(seg, "sdgs"));
				for (int f = 0; f < NF; f++) {
					json_t *got = f == SDGS ? g :
					              json_object_get(seg, seg_field[f]);
					score(&t[f], got, gold[f]);
					score(&all[f], got, gold[f]);
					json_decref(gold[f]);
				}
				json_decref(g);
				json_decref(seg);
				recs++;
			}
			p = nl ? nl + 1 : end;
		}
		hri_extract_doc_free(d);
		free(buf);
		const char *base = strrchr(argv[a], '/');
		printf("# %s: %ld recommendations\n", base ? base + 1 : argv[a],
		       recs);
		for (int f = 0; f < NF; f++)
			report(base ? base + 1 : argv[a], f, &t[f], per_label);
	}
	for (int f = 0; f < NF; f++)
		report("all lists", f, &all[f], 0);
	hri_extractor_free(ex);
	hri_labels_free(lab);
	return rc;
}
