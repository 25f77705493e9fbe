/* classify.c - features of a text and the linear model that scores them
 * (see classify.h). The features are the same for training (hri-train) and
 * scoring, which is why both live here. */
#include "classify.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "file.h"
#include "labels.h"


/* ---- features ---- */

/* Words too common in recommendations to tell one subject from another. */
static const char *const stop[] = {
	"a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be",
	"been", "between", "both", "by", "can", "for", "from", "has", "have",
	"in", "into", "is", "it", "its", "itself", "made", "make", "may", "more",
	"most", "of", "on", "or", "other", "our", "s", "such", "that", "the",
	"their", "them", "there", "these", "they", "this", "those", "through",
	"to", "under", "upon", "was", "we", "were", "which", "while", "who",
	"whose", "will", "with", "within", "would",
};

/* Returns nonzero when the word (w, n) is a stop word. */
static int
is_stop(const char *w, size_t n)
{
	size_t lo = 0, hi = sizeof stop / sizeof stop[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		/* the first bytes settle most steps without a call */
		int c = (unsigned char)stop[mid][0] - (unsigned char)w[0];
		if (c == 0)
			c = strncmp(stop[mid], w, n);
		if (c == 0 && stop[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

/* Returns nonzero when the first n bytes of w hold a vowel. */
static int
has_vowel(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_vowel(w[i]))
			return 1;
	return 0;
}

/* Nonzero when the word (w, n) ends with the string literal suf. */
#define ENDS(w, n, suf) \
	((n) >= sizeof suf - 1 && !memcmp((w) + (n) - (sizeof suf - 1), suf, \
	                                  sizeof suf - 1))

/* Stems the lower-case word w of *n bytes in place: British -ise spellings
 * as -ize, plural -s, -ing, -ed and -ly removed ("ratifying", "ratified" ->
 * "ratify"; "children" stays). Inflections only: derivations ("ratification")
 * stay apart, the model weighs them on their own. */
static void
stem(char *w, size_t *n)
{
	size_t k = *n;
	/* criminalise, criminalised, organisation -> z */
	size_t from = k > 8 ? k - 8 : 0;
	if (k >= 7 && memchr(w + from, 's', k - from)) {
		static const struct {
			const char *s;
			size_t n;
		} ise[] = {{"isations", 8}, {"isation", 7}, {"ising", 5},
		           {"ised", 4}, {"ises", 4}, {"ise", 3}};
		for (size_t i = 0; i < sizeof ise / sizeof ise[0]; i++) {
			if (k >= ise[i].n + 4 &&
			    !memcmp(w + k - ise[i].n, ise[i].s, ise[i].n)) {
				w[k - ise[i].n + 1] = 'z';
				break;
			}
		}
	}
	if (k > 4 && ENDS(w, k, "ies")) {
		w[k - 3] = 'y';
		k -= 2;
	} else if (k > 4 && ENDS(w, k, "sses")) {
		k -= 2;
	} else if (k > 3 && w[k - 1] == 's' && w[k - 2] != 's' &&
	           w[k - 2] != 'u' && w[k - 2] != 'i') {
		k--;
	}
	size_t cut = 0;
	if (k > 5 && ENDS(w, k, "ied")) {
		w[k - 3] = 'y';
		k -= 2;
	} else if (k > 5 && ENDS(w, k, "ing") && has_vowel(w, k - 3)) {
		cut = 3;
	} else if (k > 4 && ENDS(w, k, "ed") && has_vowel(w, k - 2)) {
		cut = 2;
	} else if (k > 5 && ENDS(w, k, "ly")) {
		k -= 2;
	}
	if (cut) {
		k -= cut;
		/* committ -> commit; but fulfill, assess, quiz stay */
		if (k > 2 && w[k - 1] == w[k - 2] && !is_vowel(w[k - 1]) &&
		    w[k - 1] != 'l' && w[k - 1] != 's' && w[k - 1] != 'z')
			k--;
	}
	*n = k;
}

/* Returns nonzero when the byte at p (UTF-8, len left) begins a separator
 * that is not ASCII: the curly quotes and dashes E2 80 90-9F, the
 * no-break space C2 A0. Sets *skip to its length. */
static int
utf8_sep(const unsigned char *p, size_t left, size_t *skip)
{
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 &&
	    p[2] <= 0x9F) {
		*skip = 3;
		return 1;
	}
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
		*skip = 2;
		return 1;
	}
	return 0;
}

size_t
hri_classify_features(const char *text, size_t len,
                      void (*fn)(const char *f, size_t n, void *ud), void *ud)
{
	const unsigned char *s = (const unsigned char *)text;
	char prev[HRI_CLASSIFY_WORD_MAX + 1], word[HRI_CLASSIFY_WORD_MAX + 1];
	char pair[2 * HRI_CLASSIFY_WORD_MAX + 2];
	size_t pn = 0, calls = 0, i = 0;

	while (i < len) {
		size_t skip = 0;
		unsigned char c = s[i];
		if (c == ';' || c == ':' || c == '(' || c == ')' ||
		    (c == '.' && (i + 1 == len || s[i + 1] == ' ' ||
		                  s[i + 1] == '\n'))) {
			pn = 0; /* no pair across a clause */
			i++;
			continue;
		}
		int wordc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		            (c >= '0' && c <= '9') ||
		            (c >= 0x80 && !utf8_sep(s + i, len - i, &skip));
		if (!wordc) {
			i += skip ? skip : 1;
			continue;
		}
		size_t n = 0;
		int digit = 0;
		while (i < len) {
			c = s[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') ||
			      (c >= 0x80 && !utf8_sep(s + i, len - i, &skip))))
				break;
			digit |= c >= '0' && c <= '9';
			if (n < HRI_CLASSIFY_WORD_MAX)
				word[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
		}
		if (digit || n < 2 || is_stop(word, n))
			continue;
		stem(word, &n);
		word[n] = '\0';
		fn(word, n, ud);
		calls++;
		if (pn) {
			memcpy(pair, prev, pn);
			pair[pn] = ' ';
			memcpy(pair + pn + 1, word, n + 1);
			fn(pair, pn + 1 + n, ud);
			calls++;
		}
		memcpy(prev, word, n + 1);
		pn = n;
	}
	return calls;
}

uint64_t
hri_classify_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

#define SEEN_MAX (2 * HRI_CLASSIFY_FEATURES_MAX) /* slots, a power of two */
#define SEEN_STACK 1024 /* slots kept on the stack: a recommendation's fit */

/* A callback given each distinct feature with its hash. */
typedef void (*feature_fn)(const char *f, size_t n, uint64_t h, void *ud);

/* The state of distinct_run(). */
struct distinct_ctx {
	uint64_t *seen; /* hashes of the features met, 0 = empty */
	size_t mask;    /* slots - 1 */
	size_t n;
	feature_fn fn;
	void *ud;
};

static void
distinct_one(const char *f, size_t n, void *ud)
{
	struct distinct_ctx *d = ud;
	if (d->n >= HRI_CLASSIFY_FEATURES_MAX || d->n * 2 > d->mask)
		return;
	uint64_t h = hri_classify_hash(f, n);
	size_t k = (size_t)h & d->mask;
	while (d->seen[k]) {
		if (d->seen[k] == h)
			return;
		k = (k + 1) & d->mask;
	}
	d->seen[k] = h;
	d->n++;
	d->fn(f, n, h, d->ud);
}

/* Calls fn() for each distinct feature of text with its hash; returns
 * their number (see hri_classify_distinct()). */
static size_t
distinct_run(const char *text, size_t len, feature_fn fn, void *ud)
{
	/* A text of len bytes has at most len / 3 words (two letters and a
	 * separator), so at most 2 * len / 3 features: a table of twice that
	 * never fills, and a short text needs no big one cleared. */
	uint64_t stack[SEEN_STACK];
	size_t slots = 64;
	while (slots < SEEN_MAX && slots < len * 4 / 3 + 2)
		slots *= 2;
	struct distinct_ctx d = {stack, slots - 1, 0, fn, ud};
	if (slots > SEEN_STACK) {
		d.seen = calloc(slots, sizeof *d.seen);
		if (!d.seen)
			return 0;
	} else {
		memset(stack, 0, slots * sizeof *stack);
	}
	hri_classify_features(text, len, distinct_one, &d);
	if (d.seen != stack)
		free(d.seen);
	return d.n;
}

/* The caller's callback of hri_classify_distinct(). */
struct plain_ctx {
	void (*fn)(const char *f, size_t n, void *ud);
	void *ud;
};

static void
plain_one(const char *f, size_t n, uint64_t h, void *ud)
{
	const struct plain_ctx *p = ud;
	(void)h;
	p->fn(f, n, p->ud);
}

size_t
hri_classify_distinct(const char *text, size_t len,
                      void (*fn)(const char *f, size_t n, void *ud), void *ud)
{
	struct plain_ctx p = {fn, ud};
	return distinct_run(text, len, plain_one, &p);
}

/* ---- the model ---- */

#define MAX_SETS 8 /* sets of one model */

typedef struct cset {
	char field[16];
	size_t nlabels;
	double threshold, fallback;
	double *bias;  /* per label */
	char **names;  /* per label */
} cset;

typedef struct feat {
	uint64_t hash;  /* 0: empty slot */
	char *name;
	size_t first;   /* first weight in the weight arrays */
	size_t count;
} feat;

struct hri_classifier {
	cset *sets;
	size_t nsets;
	feat *slots;    /* open addressing on hash */
	size_t nslots;  /* a power of two */
	size_t nfeat;
	unsigned char *wset; /* per weight: set */
	unsigned char *wlab; /* label */
	float *wval;         /* weight */
	size_t nw, capw;
};

void
hri_classifier_free(hri_classifier *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nsets; i++) {
		for (size_t j = 0; j < c->sets[i].nlabels; j++)
			free(c->sets[i].names[j]);
		free(c->sets[i].names);
		free(c->sets[i].bias);
	}
	free(c->sets);
	for (size_t i = 0; i < c->nslots; i++)
		free(c->slots[i].name);
	free(c->slots);
	free(c->wset);
	free(c->wlab);
	free(c->wval);
	free(c);
}

/* Splits (p, len) at tabs into at most max columns; returns their number. */
static int
columns(const char *p, size_t len, const char **col, size_t *cl, int max)
{
	int nc = 0;
	const char *end = p + len;
	while (nc < max) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *ce = tab ? tab : end;
		col[nc] = p;
		cl[nc++] = (size_t)(ce - p);
		if (!tab)
			break;
		p = tab + 1;
	}
	return nc;
}

/* Parses a number of the columns (s, n); 0 when it is not one. */
static int
number(const char *s, size_t n, double *out)
{
	char buf[64], *e;
	if (n == 0 || n >= sizeof buf)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*out = strtod(buf, &e);
	return *e == '\0' && isfinite(*out);
}

/* Finds the slot of feature (f, n) with hash h: its own or the empty one
 * where it would go. */
static feat *
slot_of(const hri_classifier *c, uint64_t h, const char *f, size_t n)
{
	size_t k = (size_t)h & (c->nslots - 1);
	for (;;) {
		feat *s = &c->slots[k];
		if (!s->hash || (s->hash == h && strlen(s->name) == n &&
		                 !memcmp(s->name, f, n)))
			return s;
		k = (k + 1) & (c->nslots - 1);
	}
}

/* Reads the decimal digits at s (at most 6: sets and labels are few); *end
 * is set past them. */
static unsigned long
digits(const char *s, char **end)
{
	unsigned long v = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && p - s < 6)
		v = v * 10 + (unsigned long)(*p++ - '0');
	*end = (char *)p;
	return v;
}

/* Reads a decimal number "-1.234" at s as strtod() would, faster (hri-train
 * writes them so; anything else goes to strtod()); *end is set past it. */
static double
decimal(const char *s, char **end)
{
	const char *p = s;
	int neg = *p == '-';
	p += neg;
	double v = 0, scale = 1;
	const char *d = p;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			scale /= 10;
			v += (*p++ - '0') * scale;
		}
	}
	if (p == d || (*p != '\0' && *p != ' '))
		return strtod(s, end);
	*end = (char *)p;
	return neg ? -v : v;
}

/* Adds a "w" line's weights (after the feature) to c. */
static hri_status
add_weights(hri_classifier *c, const char *f, size_t fn, const char *p,
            size_t len)
{
	if (c->nfeat * 2 >= c->nslots)
		return HRI_ERR_FORMAT; /* more features than the header said */
	uint64_t h = hri_classify_hash(f, fn);
	feat *s = slot_of(c, h, f, fn);
	if (s->hash)
		return HRI_ERR_FORMAT; /* a feature given twice */
	s->hash = h;
	s->name = strndup(f, fn);
	if (!s->name)
		return HRI_ERR_NOMEM;
	s->first = c->nw;
	c->nfeat++;
	const char *end = p + len;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		const char *e = memchr(p, ' ', (size_t)(end - p));
		if (!e)
			e = end;
		/* "set.label:weight", read by hand: a model has tens of thousands */
		char buf[64], *e2;
		if ((size_t)(e - p) >= sizeof buf)
			return HRI_ERR_FORMAT;
		memcpy(buf, p, (size_t)(e - p));
		buf[e - p] = '\0';
		unsigned long si = digits(buf, &e2), li;
		if (e2 == buf || *e2 != '.')
			return HRI_ERR_FORMAT;
		char *q = e2 + 1;
		li = digits(q, &e2);
		if (e2 == q || *e2 != ':')
			return HRI_ERR_FORMAT;
		q = e2 + 1;
		double w = decimal(q, &e2);
		if (e2 == q || *e2 != '\0' || si >= c->nsets ||
		    li >= c->sets[si].nlabels || !isfinite(w))
			return HRI_ERR_FORMAT;
		if (c->nw == c->capw) {
			size_t cap = c->capw ? c->capw * 2 : 4096;
			unsigned char *a = realloc(c->wset, cap);
			if (!a)
				return HRI_ERR_NOMEM;
			c->wset = a;
			a = realloc(c->wlab, cap);
			if (!a)
				return HRI_ERR_NOMEM;
			c->wlab = a;
			float *v = realloc(c->wval, cap * sizeof *v);
			if (!v)
				return HRI_ERR_NOMEM;
			c->wval = v;
			c->capw = cap;
		}
		c->wset[c->nw] = (unsigned char)si;
		c->wlab[c->nw] = (unsigned char)li;
		c->wval[c->nw] = (float)w;
		c->nw++;
		s->count++;
		p = e;
	}
	return HRI_OK;
}

/* The state of loading: the set whose labels come next. */
struct load_ctx {
	hri_classifier *c;
	int version_seen;
	size_t next_label;
};

/* hri_file_table_lines()'s callback: one line of the model file. */
static hri_status
model_line(const char *p, size_t len, int lineno, void *ud)
{
	struct load_ctx *x = ud;
	hri_classifier *c = x->c;
	const char *col[6];
	size_t cl[6];
	int nc = columns(p, len, col, cl, 6);
	double v;

	if (!x->version_seen) {
		if (nc != 2 || cl[0] != 14 || memcmp(col[0], "hri-classifier", 14) ||
		    !number(col[1], cl[1], &v) || v != HRI_CLASSIFY_VERSION)
			return HRI_ERR_FORMAT;
		x->version_seen = 1;
		return HRI_OK;
	}
	if (cl[0] == 8 && !memcmp(col[0], "features", 8)) {
		/* "features N": sizes the table before the "w" lines. */
		if (nc != 2 || !number(col[1], cl[1], &v) || v < 0 || v > 1e8 ||
		    c->slots)
			return HRI_ERR_FORMAT;
		size_t n = 64;
		while (n < (size_t)v * 2 + 2)
			n *= 2;
		c->slots = calloc(n, sizeof *c->slots);
		if (!c->slots)
			return HRI_ERR_NOMEM;
		c->nslots = n;
		return HRI_OK;
	}
	if (cl[0] == 3 && !memcmp(col[0], "set", 3)) {
		double nl, th, fb;
		if (nc != 5 || cl[1] == 0 || cl[1] >= sizeof c->sets->field ||
		    !number(col[2], cl[2], &nl) || nl < 1 ||
		    nl > HRI_CLASSIFY_LABELS_MAX || !number(col[3], cl[3], &th) ||
		    !number(col[4], cl[4], &fb) || c->nsets >= MAX_SETS ||
		    c->slots || th <= 0 || th >= 1 || fb <= 0)
			return HRI_ERR_FORMAT;
		cset *ns = realloc(c->sets, (c->nsets + 1) * sizeof *ns);
		if (!ns)
			return HRI_ERR_NOMEM;
		c->sets = ns;
		cset *s = &c->sets[c->nsets++];
		memset(s, 0, sizeof *s);
		memcpy(s->field, col[1], cl[1]);
		s->nlabels = (size_t)nl;
		s->threshold = th;
		s->fallback = fb;
		s->bias = calloc(s->nlabels, sizeof *s->bias);
		s->names = calloc(s->nlabels, sizeof *s->names);
		if (!s->bias || !s->names)
			return HRI_ERR_NOMEM;
		x->next_label = 0;
		return HRI_OK;
	}
	if (cl[0] == 5 && !memcmp(col[0], "label", 5)) {
		cset *s = c->nsets ? &c->sets[c->nsets - 1] : NULL;
		if (nc != 4 || !s || x->next_label >= s->nlabels ||
		    !number(col[1], cl[1], &v) || v != (double)x->next_label ||
		    !number(col[2], cl[2], &s->bias[x->next_label]) || cl[3] == 0)
			return HRI_ERR_FORMAT;
		s->names[x->next_label] = strndup(col[3], cl[3]);
		if (!s->names[x->next_label])
			return HRI_ERR_NOMEM;
		x->next_label++;
		return HRI_OK;
	}
	if (cl[0] == 1 && col[0][0] == 'w') {
		if (nc < 2 || cl[1] == 0 || !c->slots)
			return HRI_ERR_FORMAT;
		return add_weights(c, col[1], cl[1], nc > 2 ? col[2] : "",
		                   nc > 2 ? (size_t)(p + len - col[2]) : 0);
	}
	(void)lineno;
	return HRI_ERR_FORMAT;
}

hri_status
hri_classifier_load(const char *path, hri_classifier **out, char *err,
                    size_t errsz)
{
	*out = NULL;
	hri_classifier *c = calloc(1, sizeof *c);
	if (!c)
		return HRI_ERR_NOMEM;
	struct load_ctx x = {c, 0, 0};
	hri_status st = hri_file_table_lines(
		path, model_line, &x,
		"not a line of an hri-classifier 1 model (hri-train writes them)",
		err, errsz);
	for (size_t i = 0; !st && i < c->nsets; i++)
		for (size_t j = 0; j < c->sets[i].nlabels; j++)
			if (!c->sets[i].names[j]) {
				snprintf(err, errsz, "%s: set %s lacks label %zu", path,
				         c->sets[i].field, j);
				st = HRI_ERR_FORMAT;
				break;
			}
	if (!st && (!x.version_seen || !c->slots)) {
		snprintf(err, errsz, "%s: not an hri-classifier model", path);
		st = HRI_ERR_FORMAT;
	}
	if (st) {
		hri_classifier_free(c);
		return st;
	}
	*out = c;
	return HRI_OK;
}

/* Returns the index of the set of field, or -1. */
static int
set_index(const hri_classifier *c, const char *field)
{
	for (size_t i = 0; c && i < c->nsets; i++)
		if (!strcmp(c->sets[i].field, field))
			return (int)i;
	return -1;
}

int
hri_classifier_has(const hri_classifier *c, const char *field)
{
	return set_index(c, field) >= 0;
}

const char *
hri_classifier_unknown(const hri_classifier *c, const char *field,
                       const hri_labels *l, const char *lfield)
{
	int set = set_index(c, field);
	if (set < 0)
		return NULL;
	for (size_t i = 0; i < c->sets[set].nlabels; i++) {
		const char *n = c->sets[set].names[i];
		const char *f = NULL;
		const char *cur = hri_labels_find(l, lfield, n, strlen(n), &f);
		if (!cur || strcmp(cur, n) || strcmp(f, lfield))
			return n;
	}
	return NULL;
}

#define TOP_TERMS 3 /* features an explanation names */

/* The state of one scan. */
struct scan_ctx {
	const hri_classifier *c;
	int set;                 /* the set explain_label() speaks of */
	double score[MAX_SETS][HRI_CLASSIFY_LABELS_MAX];
	const feat *hit[HRI_CLASSIFY_FEATURES_MAX]; /* known features met */
	size_t nhit;
};

static void
scan_one(const char *f, size_t n, uint64_t h, void *ud)
{
	struct scan_ctx *x = ud;
	const feat *s = slot_of(x->c, h, f, n);
	if (s->hash && x->nhit < HRI_CLASSIFY_FEATURES_MAX)
		x->hit[x->nhit++] = s;
}

/* The weight of feature s for label l of set, 0 when none. */
static double
weight_of(const hri_classifier *c, const feat *s, int set, size_t l)
{
	for (size_t k = s->first; k < s->first + s->count; k++)
		if (c->wset[k] == set && c->wlab[k] == l)
			return c->wval[k];
	return 0;
}

/* Appends {field, value, rule, match} for label l (probability p). */
static hri_status
explain_label(const struct scan_ctx *x, size_t l, double p, json_t *explain)
{
	const cset *s = &x->c->sets[x->set];
	const feat *top[TOP_TERMS] = {0};
	double topw[TOP_TERMS] = {0};
	for (size_t i = 0; i < x->nhit; i++) {
		double w = weight_of(x->c, x->hit[i], x->set, l);
		for (int k = 0; k < TOP_TERMS; k++) {
			if (w > topw[k]) {
				for (int m = TOP_TERMS - 1; m > k; m--) {
					top[m] = top[m - 1];
					topw[m] = topw[m - 1];
				}
				top[k] = x->hit[i];
				topw[k] = w;
				break;
			}
		}
	}
	char match[3 * (2 * HRI_CLASSIFY_WORD_MAX + 4)] = "";
	size_t ml = 0;
	for (int k = 0; k < TOP_TERMS && top[k]; k++) {
		int w = snprintf(match + ml, sizeof match - ml, "%s%s",
		                 k ? ", " : "", top[k]->name);
		if (w < 0 || (size_t)w >= sizeof match - ml)
			break;
		ml += (size_t)w;
	}
	char rule[64];
	snprintf(rule, sizeof rule, "classifier.model p=%.2f", p);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "field", s->field, "value",
	                      s->names[l], "rule", rule, "match", match);
	if (!o || json_array_append_new(explain, o))
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

/* Gives text the labels of set, whose scores x holds; see
 * hri_classifier_scan(). */
static hri_status
give_set(struct scan_ctx *x, int set, size_t n, json_t *out, json_t *explain)
{
	const cset *s = &x->c->sets[set];
	const double *score = x->score[set];
	/* p >= t is score >= logit(t): no exp() for the labels not given. */
	double th = log(s->threshold / (1 - s->threshold));
	double fb = s->fallback >= 1 ? INFINITY :
	            log(s->fallback / (1 - s->fallback));
	hri_status st = HRI_OK;
	size_t best = 0, given = 0;
	x->set = set;
	for (size_t l = 0; l < s->nlabels && !st; l++) {
		if (score[l] > score[best])
			best = l;
		if (score[l] < th)
			continue;
		given++;
		st = hri_x_push_unique(out, s->names[l], strlen(s->names[l]));
		if (!st && explain)
			st = explain_label(x, l, 1 / (1 + exp(-score[l])), explain);
	}
	if (!st && !given && n && score[best] >= fb) {
		st = hri_x_push_unique(out, s->names[best], strlen(s->names[best]));
		if (!st && explain)
			st = explain_label(x, best, 1 / (1 + exp(-score[best])),
			                   explain);
	}
	return st;
}

hri_status
hri_classifier_scan(const hri_classifier *c, const char *text, size_t len,
                    const char *const *fields, json_t *const *outs,
                    size_t nfields, json_t *explain)
{
	struct scan_ctx *x = malloc(sizeof *x);
	if (!x)
		return HRI_ERR_NOMEM;
	x->c = c;
	x->nhit = 0;
	/* One pass over the text, and one over the weights, serve every set. */
	size_t n = distinct_run(text, len, scan_one, x);
	double norm = n ? 1 / sqrt((double)n) : 0;
	for (size_t k = 0; k < c->nsets; k++)
		for (size_t l = 0; l < c->sets[k].nlabels; l++)
			x->score[k][l] = c->sets[k].bias[l];
	for (size_t i = 0; i < x->nhit; i++) {
		const feat *f = x->hit[i];
		for (size_t k = f->first; k < f->first + f->count; k++)
			x->score[c->wset[k]][c->wlab[k]] += c->wval[k] * norm;
	}
	hri_status st = HRI_OK;
	for (size_t i = 0; i < nfields && !st; i++) {
		int set = set_index(c, fields[i]);
		if (set >= 0 && c->sets[set].nlabels > 0)
			st = give_set(x, set, n, outs[i], explain);
	}
	free(x);
	return st;
}
