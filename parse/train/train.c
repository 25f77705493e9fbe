/* train.c - hri-train: learns data/classifier.model from UPR-info's labelled
 * recommendations, and measures it by cross-validation grouped by State
 * under review (a review is never both trained and tested on).
 *
 *   hri-train [options] UPR-INFO.CSV
 *
 * The CSV is UPR-info's database as kept in ../shared/corpus/upr-dev (one row
 * per recommendation and recommending State; columns symbol,
 * state_under_review, recommendation, issues, ...). Three label sets are
 * learned from it: "issues", UPR-info's own labels; "themes" and "affected",
 * the UHRI themes and affected persons data/labels.tsv links each issue to
 * (weak labels: a recommendation about "Detention" is about "Conditions of
 * detention" and "Persons deprived of their liberty & detainees").
 *
 * Each label is a logistic regression over the features of classify.c, fitted
 * by stochastic gradient descent with L2 decay, in an order fixed by --seed:
 * the same input gives the same model file, byte for byte. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../classify.h"
#include "file.h"
#include "labels.h"

#define CSV_MAX (64u << 20) /* bytes of the CSV */
#define FIELD_MAX 16384     /* bytes of one CSV field */
#define NSETS 3

static const char *const set_field[NSETS] = {"issues", "themes", "affected"};
/* The labels.tsv field of each set's labels. */
static const char *const set_labels[NSETS] = {"issue", "theme", "affected"};

typedef struct opts {
	int cv;              /* folds, 0: train and write the model */
	unsigned long seed;
	int epochs;
	double rate;         /* initial learning rate */
	double l2;           /* decay per update */
	int min_df;          /* documents a feature must occur in */
	double threshold[NSETS], fallback[NSETS];
	double prune;        /* weights below this (absolute) are not written */
	const char *out;
	const char *labels;  /* labels.tsv, or NULL for data/ */
	int sweep;           /* print micro-F1 at several thresholds */
	int only;            /* the one set --cv measures, -1: all */
	int text;            /* --text: the model in its text form */
} opts;

/* One labelled recommendation. */
typedef struct doc {
	char *text;
	char *group;        /* State under review */
	int *feat;          /* ids of its distinct features */
	size_t nfeat;       /* their number (the norm counts them all) */
	uint64_t y[NSETS][2]; /* label bits per set (at most 128 labels) */
	int fold;
} doc;

typedef struct corpus {
	doc *docs;
	size_t n, cap;
	/* feature dictionary: open addressing, string -> id */
	char **fname;
	size_t nf, capf;
	int *slot;          /* -1 empty, else id */
	size_t nslot;
	/* label names of each set */
	const char *lname[NSETS][HRI_CLASSIFY_LABELS_MAX];
	size_t nl[NSETS];
} corpus;

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("hri-train: out of memory\n", stderr);
		exit(4);
	}
	return p;
}

static void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p) {
		fputs("hri-train: out of memory\n", stderr);
		exit(4);
	}
	return p;
}

/* Returns the id of feature (s, n), adding it. */
static int
feature_id(corpus *c, const char *s, size_t n)
{
	if (c->nf * 2 >= c->nslot) {
		size_t ns = c->nslot ? c->nslot * 2 : 1 << 16;
		int *sl = xmalloc(ns * sizeof *sl);
		for (size_t i = 0; i < ns; i++)
			sl[i] = -1;
		for (size_t i = 0; i < c->nf; i++) {
			size_t k = hri_classify_hash(c->fname[i], strlen(c->fname[i])) & (ns - 1);
			while (sl[k] >= 0)
				k = (k + 1) & (ns - 1);
			sl[k] = (int)i;
		}
		free(c->slot);
		c->slot = sl;
		c->nslot = ns;
	}
	size_t k = hri_classify_hash(s, n) & (c->nslot - 1);
	while (c->slot[k] >= 0) {
		const char *f = c->fname[c->slot[k]];
		if (strlen(f) == n && !memcmp(f, s, n))
			return c->slot[k];
		k = (k + 1) & (c->nslot - 1);
	}
	if (c->nf == c->capf) {
		c->capf = c->capf ? c->capf * 2 : 1 << 15;
		c->fname = realloc(c->fname, c->capf * sizeof *c->fname);
		if (!c->fname) {
			fputs("hri-train: out of memory\n", stderr);
			exit(4);
		}
	}
	c->fname[c->nf] = xmalloc(n + 1);
	memcpy(c->fname[c->nf], s, n);
	c->fname[c->nf][n] = '\0';
	c->slot[k] = (int)c->nf;
	return (int)c->nf++;
}

/* ---- reading the CSV ---- */

/* Reads one CSV field at *p (quotes, "" inside them, embedded newlines) into
 * out (FIELD_MAX bytes, cut beyond); *eol is set when it ended its record.
 * Returns 0 at the end of the input. */
static int
csv_field(const char **p, const char *end, char *out, int *eol)
{
	const char *s = *p;
	size_t n = 0;
	*eol = 0;
	if (s >= end)
		return 0;
	if (*s == '"') {
		s++;
		while (s < end) {
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					if (n + 1 < FIELD_MAX)
						out[n++] = '"';
					s += 2;
					continue;
				}
				s++;
				break;
			}
			if (n + 1 < FIELD_MAX)
				out[n++] = *s;
			s++;
		}
	}
	while (s < end && *s != ',' && *s != '\n' && *s != '\r') {
		if (n + 1 < FIELD_MAX)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	if (s < end && *s == ',') {
		s++;
	} else {
		*eol = 1;
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
	}
	*p = s;
	return 1;
}

/* The state of collecting one document's features. */
struct feat_ctx {
	corpus *c;
	int *ids;
	size_t n;
};

static void
collect(const char *f, size_t n, void *ud)
{
	struct feat_ctx *x = ud;
	x->ids[x->n++] = feature_id(x->c, f, n);
}

/* Returns the index of name among set s's labels, or -1. */
static int
label_index(const corpus *c, int s, const char *name)
{
	for (size_t i = 0; i < c->nl[s]; i++)
		if (!strcmp(c->lname[s][i], name))
			return (int)i;
	return -1;
}

static void
set_bit(uint64_t y[2], int i)
{
	y[i / 64] |= (uint64_t)1 << (i % 64);
}

static int
has_bit(const uint64_t y[2], size_t i)
{
	return (int)((y[i / 64] >> (i % 64)) & 1);
}

/* What links_to_labels() fills: the doc, the corpus. */
struct link_ctx {
	corpus *c;
	doc *d;
};

/* hri_labels_links()'s callback: sets the weak theme or affected label. */
static void
link_label(const char *field, const char *value, void *ud)
{
	struct link_ctx *x = ud;
	for (int s = 1; s < NSETS; s++) {
		if (strcmp(field, set_labels[s]))
			continue;
		int i = label_index(x->c, s, value);
		if (i >= 0)
			set_bit(x->d->y[s], i);
	}
}

/* Adds (or merges into) the document of (symbol, text). Identical rows,
 * one per recommending State, are one recommendation. */
static doc *
find_or_add(corpus *c, const char *group, const char *text)
{
	/* Rows of one recommendation follow each other in the CSV. */
	for (size_t i = c->n; i > 0 && i + 50 > c->n; i--) {
		doc *d = &c->docs[i - 1];
		if (!strcmp(d->text, text) && !strcmp(d->group, group))
			return d;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->docs = realloc(c->docs, c->cap * sizeof *c->docs);
		if (!c->docs) {
			fputs("hri-train: out of memory\n", stderr);
			exit(4);
		}
	}
	doc *d = &c->docs[c->n++];
	memset(d, 0, sizeof *d);
	d->text = strdup(text);
	d->group = strdup(group);
	if (!d->text || !d->group) {
		fputs("hri-train: out of memory\n", stderr);
		exit(4);
	}
	struct feat_ctx x = {c, xmalloc(HRI_CLASSIFY_FEATURES_MAX * sizeof(int)),
	                     0};
	d->nfeat = hri_classify_distinct(text, strlen(text), collect, &x);
	d->feat = x.ids;
	return d;
}

/* Reads the CSV at path into c; returns 0 on success. */
static int
read_csv(const char *path, const hri_labels *lab, corpus *c)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	hri_status st = hri_file_read(path, CSV_MAX, &buf, &len);
	if (st) {
		fprintf(stderr, "hri-train: %s: %s\n", path, hri_status_str(st));
		return -1;
	}
	const char *p = (const char *)buf, *end = p + len;
	char *f = xmalloc(FIELD_MAX);
	char *text = xmalloc(FIELD_MAX), *group = xmalloc(FIELD_MAX);
	char *issues = xmalloc(FIELD_MAX);
	int col_text = -1, col_group = -1, col_issues = -1, ncol = 0, eol = 0;
	while (!eol && csv_field(&p, end, f, &eol)) {
		if (!strcmp(f, "recommendation"))
			col_text = ncol;
		else if (!strcmp(f, "state_under_review"))
			col_group = ncol;
		else if (!strcmp(f, "issues"))
			col_issues = ncol;
		ncol++;
	}
	if (col_text < 0 || col_group < 0 || col_issues < 0) {
		fprintf(stderr, "hri-train: %s: no recommendation, "
		        "state_under_review and issues columns\n", path);
		free(f);
		free(text);
		free(group);
		free(issues);
		free(buf);
		return -1;
	}
	long row = 1, unknown = 0;
	while (p < end) {
		int col = 0;
		text[0] = group[0] = issues[0] = '\0';
		eol = 0;
		row++;
		while (!eol && csv_field(&p, end, f, &eol)) {
			if (col == col_text)
				snprintf(text, FIELD_MAX, "%s", f);
			else if (col == col_group)
				snprintf(group, FIELD_MAX, "%s", f);
			else if (col == col_issues)
				snprintf(issues, FIELD_MAX, "%s", f);
			col++;
		}
		if (!text[0] || !group[0])
			continue;
		doc *d = find_or_add(c, group, text);
		char *save = NULL;
		for (char *t = strtok_r(issues, ",", &save); t;
		     t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			size_t tl = strlen(t);
			while (tl && t[tl - 1] == ' ')
				t[--tl] = '\0';
			int i = label_index(c, 0, t);
			if (i < 0) {
				if (unknown++ < 5)
					fprintf(stderr, "hri-train: %s: row %ld: issue \"%s\" "
					        "is not in labels.tsv\n", path, row, t);
				continue;
			}
			set_bit(d->y[0], i);
			struct link_ctx x = {c, d};
			hri_labels_links(lab, "issue", c->lname[0][i], link_label, &x);
		}
	}
	free(f);
	free(text);
	free(group);
	free(issues);
	free(buf);
	return 0;
}

/* ---- learning ---- */

/* xorshift64*: the one source of order. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A model of one set: column of each feature (-1: not in the vocabulary),
 * weights [column][label], biases. */
typedef struct model {
	int *col;
	size_t ncol;
	size_t nl;
	float *w;
	double *b;
} model;

static void
model_free(model *m)
{
	free(m->col);
	free(m->w);
	free(m->b);
}

/* Fits set s on the documents whose fold is not test (test < 0: all). */
static void
fit(const corpus *c, int s, int test, const opts *o, model *m)
{
	size_t nl = c->nl[s];
	int *df = xcalloc(c->nf, sizeof *df);
	size_t *order = xmalloc(c->n * sizeof *order), ntrain = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (c->docs[i].fold == test)
			continue;
		order[ntrain++] = i;
		for (size_t k = 0; k < c->docs[i].nfeat; k++)
			df[c->docs[i].feat[k]]++;
	}
	m->col = xmalloc(c->nf * sizeof *m->col);
	m->ncol = 0;
	for (size_t f = 0; f < c->nf; f++)
		m->col[f] = df[f] >= o->min_df ? (int)m->ncol++ : -1;
	free(df);
	m->nl = nl;
	m->w = xcalloc(m->ncol * nl, sizeof *m->w);
	m->b = xcalloc(nl, sizeof *m->b);
	double *z = xmalloc(nl * sizeof *z);
	uint64_t seed = o->seed * 2654435761ULL + 1;
	long t = 0;
	for (int e = 0; e < o->epochs; e++) {
		for (size_t i = ntrain; i > 1; i--) {
			size_t j = (size_t)(rnd(&seed) % i);
			size_t tmp = order[i - 1];
			order[i - 1] = order[j];
			order[j] = tmp;
		}
		for (size_t oi = 0; oi < ntrain; oi++, t++) {
			const doc *d = &c->docs[order[oi]];
			double x = d->nfeat ? 1 / sqrt((double)d->nfeat) : 0;
			double lr = o->rate / (1 + (double)t / (double)ntrain);
			for (size_t l = 0; l < nl; l++)
				z[l] = m->b[l];
			for (size_t k = 0; k < d->nfeat; k++) {
				int col = m->col[d->feat[k]];
				if (col < 0)
					continue;
				const float *wr = m->w + (size_t)col * nl;
				for (size_t l = 0; l < nl; l++)
					z[l] += wr[l] * x;
			}
			for (size_t l = 0; l < nl; l++) {
				double p = 1 / (1 + exp(-z[l]));
				z[l] = p - has_bit(d->y[s], l); /* the gradient */
				m->b[l] -= lr * z[l];
			}
			for (size_t k = 0; k < d->nfeat; k++) {
				int col = m->col[d->feat[k]];
				if (col < 0)
					continue;
				float *wr = m->w + (size_t)col * nl;
				for (size_t l = 0; l < nl; l++)
					wr[l] -= (float)(lr * (z[l] * x + o->l2 * wr[l]));
			}
		}
	}
	free(z);
	free(order);
	/* Small weights go: the file stays small, and what is measured is
	 * what is written. */
	for (size_t k = 0; k < m->ncol * nl; k++)
		if (fabsf(m->w[k]) < o->prune)
			m->w[k] = 0;
}

/* Writes the probability of each label of m for d into p. */
static void
predict(const model *m, const doc *d, double *p)
{
	double x = d->nfeat ? 1 / sqrt((double)d->nfeat) : 0;
	for (size_t l = 0; l < m->nl; l++)
		p[l] = m->b[l];
	for (size_t k = 0; k < d->nfeat; k++) {
		int col = m->col[d->feat[k]];
		if (col < 0)
			continue;
		const float *wr = m->w + (size_t)col * m->nl;
		for (size_t l = 0; l < m->nl; l++)
			p[l] += wr[l] * x;
	}
	for (size_t l = 0; l < m->nl; l++)
		p[l] = 1 / (1 + exp(-p[l]));
}

/* Sets bit l of got for each label m gives d at (threshold, fallback), as
 * hri_classifier_scan() does. */
static void
decide(const double *p, size_t nl, double th, double fb, uint64_t got[2])
{
	size_t best = 0, given = 0;
	got[0] = got[1] = 0;
	for (size_t l = 0; l < nl; l++) {
		if (p[l] > p[best])
			best = l;
		if (p[l] >= th) {
			set_bit(got, (int)l);
			given++;
		}
	}
	if (!given && p[best] >= fb)
		set_bit(got, (int)best);
}

/* ---- cross-validation ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Gives each document the fold of its State: the States in name order,
 * shuffled by the seed, dealt round the folds. */
static void
assign_folds(corpus *c, int k, unsigned long seed)
{
	char **g = xmalloc(c->n * sizeof *g);
	size_t ng = 0;
	for (size_t i = 0; i < c->n; i++)
		g[ng++] = c->docs[i].group;
	qsort(g, ng, sizeof *g, cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < ng; i++)
		if (!u || strcmp(g[u - 1], g[i]))
			g[u++] = g[i];
	uint64_t s = seed * 40503ULL + 7;
	for (size_t i = u; i > 1; i--) {
		size_t j = (size_t)(rnd(&s) % i);
		char *tmp = g[i - 1];
		g[i - 1] = g[j];
		g[j] = tmp;
	}
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < u; j++)
			if (!strcmp(c->docs[i].group, g[j])) {
				c->docs[i].fold = (int)(j % (size_t)k);
				break;
			}
	free(g);
}

static double
f1(long tp, long fp, long fn)
{
	return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
}

/* Cross-validates set s: prints per-label and micro/macro figures. Returns
 * the micro-F1. */
static double
cross_validate(corpus *c, int s, const opts *o)
{
	size_t nl = c->nl[s];
	enum { NTH = 9 };
	static const double sweep[NTH] = {0.2, 0.25, 0.3, 0.35, 0.4,
	                                  0.45, 0.5, 0.55, 0.6};
	long *tp = xcalloc(nl, sizeof *tp), *fp = xcalloc(nl, sizeof *fp);
	long *fn = xcalloc(nl, sizeof *fn);
	long stp[NTH] = {0}, sfp[NTH] = {0}, sfn[NTH] = {0};
	double *p = xmalloc(nl * sizeof *p);
	for (int k = 0; k < o->cv; k++) {
		model m;
		fit(c, s, k, o, &m);
		for (size_t i = 0; i < c->n; i++) {
			const doc *d = &c->docs[i];
			if (d->fold != k)
				continue;
			uint64_t got[2];
			predict(&m, d, p);
			decide(p, nl, o->threshold[s], o->fallback[s], got);
			for (size_t l = 0; l < nl; l++) {
				int g = has_bit(got, l), w = has_bit(d->y[s], l);
				tp[l] += g && w;
				fp[l] += g && !w;
				fn[l] += !g && w;
			}
			for (int t = 0; o->sweep && t < NTH; t++) {
				decide(p, nl, sweep[t], o->fallback[s], got);
				for (size_t l = 0; l < nl; l++) {
					int g = has_bit(got, l), w = has_bit(d->y[s], l);
					stp[t] += g && w;
					sfp[t] += g && !w;
					sfn[t] += !g && w;
				}
			}
		}
		model_free(&m);
	}
	long TP = 0, FP = 0, FN = 0;
	double macro = 0;
	size_t nmacro = 0;
	printf("# %s: %d-fold cross-validation by State under review, "
	       "threshold %.2f, fallback %.2f\n", set_field[s], o->cv,
	       o->threshold[s], o->fallback[s]);
	printf("%-60s %7s %7s %7s %6s\n", "label", "P", "R", "F1", "n");
	for (size_t l = 0; l < nl; l++) {
		TP += tp[l];
		FP += fp[l];
		FN += fn[l];
		if (tp[l] + fn[l] == 0)
			continue;
		double pr = tp[l] + fp[l] ? (double)tp[l] / (tp[l] + fp[l]) : 0;
		double re = (double)tp[l] / (tp[l] + fn[l]);
		macro += f1(tp[l], fp[l], fn[l]);
		nmacro++;
		printf("%-60.60s %7.3f %7.3f %7.3f %6ld\n", c->lname[s][l], pr, re,
		       f1(tp[l], fp[l], fn[l]), tp[l] + fn[l]);
	}
	double micro = f1(TP, FP, FN);
	printf("%s micro-P %.3f micro-R %.3f micro-F1 %.3f macro-F1 %.3f "
	       "(%zu labels)\n", set_field[s],
	       TP + FP ? (double)TP / (TP + FP) : 0,
	       TP + FN ? (double)TP / (TP + FN) : 0, micro,
	       nmacro ? macro / nmacro : 0, nmacro);
	for (int t = 0; o->sweep && t < NTH; t++)
		printf("%s threshold %.2f micro-F1 %.3f\n", set_field[s], sweep[t],
		       f1(stp[t], sfp[t], sfn[t]));
	free(tp);
	free(fp);
	free(fn);
	free(p);
	return micro;
}

/* ---- writing the model ---- */

/* A growing text buffer. */
typedef struct sbuf {
	char *p;
	size_t n, cap;
} sbuf;

static void
sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int w = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (w < 0) {
			fputs("hri-train: format error\n", stderr);
			exit(4);
		}
		if ((size_t)w < b->cap - b->n) {
			b->n += (size_t)w;
			return;
		}
		b->cap = b->cap ? b->cap * 2 : 1 << 20;
		while (b->cap - b->n <= (size_t)w)
			b->cap *= 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			fputs("hri-train: out of memory\n", stderr);
			exit(4);
		}
	}
}

static int
cmp_fname(const void *a, const void *b, void *names)
{
	char **n = names;
	return strcmp(n[*(const int *)a], n[*(const int *)b]);
}

/* Sorts ids by feature name (insertion sort is too slow; a merge sort). */
static void
sort_ids(int *ids, size_t n, char **names)
{
	if (n < 2)
		return;
	int *tmp = xmalloc(n * sizeof *tmp);
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t i = 0; i < n; i += 2 * width) {
			size_t a = i, am = i + width < n ? i + width : n;
			size_t b = am, bm = i + 2 * width < n ? i + 2 * width : n, o = i;
			while (a < am && b < bm)
				tmp[o++] = cmp_fname(&ids[a], &ids[b], names) <= 0 ?
				           ids[a++] : ids[b++];
			while (a < am)
				tmp[o++] = ids[a++];
			while (b < bm)
				tmp[o++] = ids[b++];
		}
		memcpy(ids, tmp, n * sizeof *ids);
	}
	free(tmp);
}

/* Fits every set on all documents and writes the model file. */
static int
write_model(corpus *c, const opts *o, const char *csv)
{
	model m[NSETS];
	for (int s = 0; s < NSETS; s++)
		fit(c, s, -1, o, &m[s]);
	sbuf b = {0};
	sb_printf(&b, "hri-classifier\t%d\n", HRI_CLASSIFY_VERSION);
	sb_printf(&b, "# Written by hri-train (make model) from %zu "
	          "recommendations of %s:\n# %d epochs, rate %g, l2 %g, "
	          "min-df %d, seed %lu, weights under %g left out.\n", c->n,
	          strrchr(csv, '/') ? strrchr(csv, '/') + 1 : csv, o->epochs,
	          o->rate, o->l2, o->min_df, o->seed, o->prune);
	for (int s = 0; s < NSETS; s++) {
		sb_printf(&b, "set\t%s\t%zu\t%g\t%g\n", set_field[s], c->nl[s],
		          o->threshold[s], o->fallback[s]);
		for (size_t l = 0; l < c->nl[s]; l++)
			sb_printf(&b, "label\t%zu\t%.4f\t%s\n", l, m[s].b[l],
			          c->lname[s][l]);
	}
	/* Features with a weight worth writing, in name order. */
	int *ids = xmalloc(c->nf * sizeof *ids);
	size_t n = 0;
	for (size_t f = 0; f < c->nf; f++) {
		int keep = 0;
		for (int s = 0; s < NSETS && !keep; s++) {
			int col = m[s].col[f];
			for (size_t l = 0; col >= 0 && l < c->nl[s] && !keep; l++)
				keep = fabsf(m[s].w[(size_t)col * c->nl[s] + l]) >= o->prune;
		}
		if (keep)
			ids[n++] = (int)f;
	}
	sort_ids(ids, n, c->fname);
	sb_printf(&b, "features\t%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		int f = ids[i];
		sb_printf(&b, "w\t%s\t", c->fname[f]);
		int first = 1;
		for (int s = 0; s < NSETS; s++) {
			int col = m[s].col[f];
			for (size_t l = 0; col >= 0 && l < c->nl[s]; l++) {
				float w = m[s].w[(size_t)col * c->nl[s] + l];
				if (fabsf(w) < o->prune)
					continue;
				sb_printf(&b, "%s%d.%zu:%.3f", first ? "" : " ", s, l, w);
				first = 0;
			}
		}
		sb_printf(&b, "\n");
	}
	free(ids);
	for (int s = 0; s < NSETS; s++)
		model_free(&m[s]);
	/* The text is the model's one description; the binary form is read
	 * back from it, so both hold the same numbers. */
	hri_status st;
	char err[512];
	if (o->text) {
		st = hri_file_write_atomic(o->out, b.p, b.n, 0);
		if (st)
			snprintf(err, sizeof err, "%s: %s", o->out, hri_status_str(st));
	} else {
		hri_classifier *cl = NULL;
		st = hri_classifier_parse(b.p, b.n, "the model written", &cl, err,
		                          sizeof err);
		if (!st)
			st = hri_classifier_save(cl, o->out, err, sizeof err);
		hri_classifier_free(cl);
	}
	free(b.p);
	if (st) {
		fprintf(stderr, "hri-train: %s\n", err);
		return -1;
	}
	fprintf(stderr, "hri-train: %s: %zu features, %zu recommendations\n",
	        o->out, n, c->n);
	return 0;
}

/* ---- main ---- */

static void
corpus_free(corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->docs[i].text);
		free(c->docs[i].group);
		free(c->docs[i].feat);
	}
	free(c->docs);
	for (size_t i = 0; i < c->nf; i++)
		free(c->fname[i]);
	free(c->fname);
	free(c->slot);
}

/* What is_linked() looks for: a label some issue links to. */
struct linked_ctx {
	const char *field, *value;
	int hit;
};

static void
is_linked(const char *field, const char *value, void *ud)
{
	struct linked_ctx *q = ud;
	q->hit |= !strcmp(field, q->field) && !strcmp(value, q->value);
}

static void
usage(FILE *f)
{
	fputs("usage: hri-train [--cv K [--only SET] [--sweep]] [--seed N]\n"
	      "                 [--epochs N]\n"
	      "                 [--rate R] [--l2 L] [--min-df N] [--prune W]\n"
	      "                 [--threshold SET=T] [--fallback SET=F]\n"
	      "                 [--labels FILE] [--text] [-o MODEL] UPR-INFO.CSV\n"
	      "Learns the issues, themes and affected persons of UPR\n"
	      "recommendations from UPR-info's labelled CSV and writes MODEL\n"
	      "(default data/classifier.model), in the binary form hri-parse\n"
	      "maps without parsing, or with --text as text (hri-parse reads\n"
	      "both); with --cv K, measures instead by K-fold cross-validation\n"
	      "grouped by State under review.\n",
	      f);
}

/* Parses "SET=V" of --threshold and --fallback into v[set]. */
static int
set_value(const char *arg, double *v)
{
	const char *eq = strchr(arg, '=');
	for (int s = 0; eq && s < NSETS; s++)
		if (strlen(set_field[s]) == (size_t)(eq - arg) &&
		    !memcmp(set_field[s], arg, (size_t)(eq - arg))) {
			char *e;
			v[s] = strtod(eq + 1, &e);
			return *e == '\0';
		}
	return 0;
}

int
main(int argc, char **argv)
{
	opts o = {0, 1, 20, 4.0, 1e-5, 2, {0.35, 0.4, 0.4}, {0.15, 1, 1}, 1.0,
	          "data/classifier.model", NULL, 0, -1, 0};
	const char *csv = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *e = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--sweep")) {
			o.sweep = 1;
			continue;
		} else if (!strcmp(a, "--text")) {
			o.text = 1;
			continue;
		} else if (!v && a[0] == '-') {
			usage(stderr);
			return 2;
		} else if (!strcmp(a, "--cv")) {
			o.cv = (int)strtol(v, &e, 10);
			i++;
		} else if (!strcmp(a, "--seed")) {
			o.seed = strtoul(v, &e, 10);
			i++;
		} else if (!strcmp(a, "--epochs")) {
			o.epochs = (int)strtol(v, &e, 10);
			i++;
		} else if (!strcmp(a, "--rate")) {
			o.rate = strtod(v, &e);
			i++;
		} else if (!strcmp(a, "--l2")) {
			o.l2 = strtod(v, &e);
			i++;
		} else if (!strcmp(a, "--min-df")) {
			o.min_df = (int)strtol(v, &e, 10);
			i++;
		} else if (!strcmp(a, "--prune")) {
			o.prune = strtod(v, &e);
			i++;
		} else if (!strcmp(a, "--threshold") || !strcmp(a, "--fallback")) {
			if (!set_value(v, a[2] == 't' ? o.threshold : o.fallback)) {
				fprintf(stderr, "hri-train: %s: expected SET=VALUE, SET one "
				        "of issues, themes, affected\n", v);
				return 2;
			}
			i++;
			continue;
		} else if (!strcmp(a, "--only")) {
			for (int k = 0; k < NSETS; k++)
				if (!strcmp(v, set_field[k]))
					o.only = k;
			if (o.only < 0) {
				fprintf(stderr, "hri-train: --only %s: not one of issues, "
				        "themes, affected\n", v);
				return 2;
			}
			i++;
			continue;
		} else if (!strcmp(a, "--labels")) {
			o.labels = v;
			i++;
			continue;
		} else if (!strcmp(a, "-o")) {
			o.out = v;
			i++;
			continue;
		} else if (a[0] == '-' || csv) {
			usage(stderr);
			return 2;
		} else {
			csv = a;
			continue;
		}
		if (!e || *e || (o.cv && o.cv < 2) || o.epochs < 1 || o.min_df < 1) {
			fprintf(stderr, "hri-train: %s %s: not a valid value\n", a, v);
			return 2;
		}
	}
	if (!csv) {
		usage(stderr);
		return 2;
	}
	char err[512];
	hri_labels *lab = NULL;
	if (hri_labels_load(o.labels, &lab, err, sizeof err)) {
		fprintf(stderr, "hri-train: %s\n", err);
		return 4;
	}
	corpus c;
	memset(&c, 0, sizeof c);
	/* issues: every issue; themes, affected: those an issue links to, in
	 * the table's order. */
	for (int s = 0; s < NSETS; s++) {
		size_t n = hri_labels_count(lab, set_labels[s]);
		for (size_t i = 0; i < n; i++) {
			struct linked_ctx q = {set_labels[s],
			                       hri_labels_name(lab, set_labels[s], i), 0};
			size_t ni = hri_labels_count(lab, "issue");
			for (size_t j = 0; s > 0 && j < ni && !q.hit; j++)
				hri_labels_links(lab, "issue",
				                 hri_labels_name(lab, "issue", j), is_linked,
				                 &q);
			if ((s == 0 || q.hit) && c.nl[s] < HRI_CLASSIFY_LABELS_MAX)
				c.lname[s][c.nl[s]++] = q.value;
		}
	}
	if (read_csv(csv, lab, &c)) {
		corpus_free(&c);
		hri_labels_free(lab);
		return 4;
	}
	int rc = 0;
	if (o.cv) {
		assign_folds(&c, o.cv, o.seed);
		printf("# %zu recommendations of %s, %zu features\n", c.n, csv, c.nf);
		for (int s = 0; s < NSETS; s++)
			if (o.only < 0 || o.only == s)
				cross_validate(&c, s, &o);
	} else {
		for (size_t i = 0; i < c.n; i++)
			c.docs[i].fold = -2;
		rc = write_model(&c, &o, csv) ? 4 : 0;
	}
	corpus_free(&c);
	hri_labels_free(lab);
	return rc;
}
