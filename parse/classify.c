/* classify.c - features of a text and the linear model that scores them
 * (see classify.h). The features are the same for training (hri-train) and
 * scoring, which is why both live here. */
#include "classify.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"
#include "extract_int.h"
#include "file.h"
#include "labels.h"
#include "strbuf.h"


/* ---- features ---- */

/* Words too common in recommendations to tell one subject from another. */
static const char stop[][8] = {
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
	/* no stop word is as long as the row holding it: a longer word is
	 * none, without a search */
	if (n >= sizeof stop[0])
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2, i = 0;
		const char *s = stop[mid];
		int c;
		/* strncmp() then a check that the stop word ends there, byte
		 * by byte without a call: the words are short */
		while (i < n && s[i] == w[i])
			i++;
		c = i < n ? (unsigned char)s[i] - (unsigned char)w[i]
		          : s[n] != '\0';
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
	char **names;  /* per label; in the pool when the model is mapped */
} cset;

/* A feature's slot: the layout of the binary model file (see
 * hri_classifier_save()) as of the model read from text. */
typedef struct feat {
	uint64_t hash;  /* 0: empty slot */
	uint32_t name;  /* offset of its name in the pool (NUL-terminated) */
	uint32_t nlen;  /* bytes of the name */
	uint32_t first; /* first weight in the weight arrays */
	uint32_t count; /* weights */
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
	/* per weight: the place of its score, set * HRI_CLASSIFY_LABELS_MAX
	 * + label (made at load: the scan's inner loop, a weight of every
	 * feature met, then reads one index and no longer two bytes) */
	uint16_t *widx;
	/* the features' names, each NUL-terminated; in the map (cap 0,
	 * not freed here) when the model is mapped */
	hri_strbuf pool;
	void *map;           /* the binary file mapped, which the slots,
	                        weights and pool point into; NULL for text */
	size_t maplen;       /* bytes mapped */
};

_Static_assert(sizeof(feat) == 24, "a slot is 24 bytes in the model file");

void
hri_classifier_free(hri_classifier *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nsets; i++) {
		for (size_t j = 0; !c->map && j < c->sets[i].nlabels; j++)
			free(c->sets[i].names[j]);
		free(c->sets[i].names);
		free(c->sets[i].bias);
	}
	free(c->sets);
	free(c->widx);
	if (c->map) {
		munmap(c->map, c->maplen);
	} else {
		free(c->slots);
		free(c->wset);
		free(c->wlab);
		free(c->wval);
		hri_strbuf_free(&c->pool);
	}
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
		if (!s->hash || (s->hash == h && s->nlen == n &&
		                 !memcmp(c->pool.s + s->name, f, n)))
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
	if (c->nw >= UINT32_MAX / 2)
		return HRI_ERR_FORMAT;
	/* the name and its NUL; the pool's cap (64 MiB) keeps its offsets
	 * in 32 bits */
	const size_t at = c->pool.len;
	hri_status st = hri_strbuf_add(&c->pool, f, fn);
	if (!st)
		st = hri_strbuf_add(&c->pool, "", 1);
	if (st) {
		c->pool.len = at;
		return st == HRI_ERR_TOO_BIG ? HRI_ERR_FORMAT : st;
	}
	s->hash = h;
	s->name = (uint32_t)at;
	s->nlen = (uint32_t)fn;
	s->first = (uint32_t)c->nw;
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

/* What the text model's lines leave to check once all are read. */
static hri_status
text_done(hri_classifier *c, const struct load_ctx *x, const char *name,
          char *err, size_t errsz)
{
	for (size_t i = 0; i < c->nsets; i++)
		for (size_t j = 0; j < c->sets[i].nlabels; j++)
			if (!c->sets[i].names[j]) {
				snprintf(err, errsz, "%s: set %s lacks label %zu", name,
				         c->sets[i].field, j);
				return HRI_ERR_FORMAT;
			}
	if (!x->version_seen || !c->slots) {
		snprintf(err, errsz, "%s: not an hri-classifier model", name);
		return HRI_ERR_FORMAT;
	}
	return HRI_OK;
}

#define TEXT_LINE_MSG "not a line of an hri-classifier 1 model (hri-train " \
                      "writes them)"

_Static_assert(MAX_SETS * HRI_CLASSIFY_LABELS_MAX <= UINT16_MAX,
               "a score's place fits a weight's index");

/* Makes c->widx from the weights' sets and labels, checked already. */
static hri_status
index_weights(hri_classifier *c)
{
	c->widx = malloc((c->nw ? c->nw : 1) * sizeof *c->widx);
	if (!c->widx)
		return HRI_ERR_NOMEM;
	for (size_t k = 0; k < c->nw; k++)
		c->widx[k] = (uint16_t)(c->wset[k] * HRI_CLASSIFY_LABELS_MAX +
		                        c->wlab[k]);
	return HRI_OK;
}

hri_status
hri_classifier_parse(const char *text, size_t len, const char *name,
                     hri_classifier **out, char *err, size_t errsz)
{
	*out = NULL;
	hri_classifier *c = calloc(1, sizeof *c);
	if (!c)
		return HRI_ERR_NOMEM;
	struct load_ctx x = {c, 0, 0};
	hri_status st = hri_table_lines(text, len, name, model_line, &x,
	                                TEXT_LINE_MSG, err, errsz);
	if (!st)
		st = text_done(c, &x, name, err, errsz);
	if (!st && (st = index_weights(c)))
		snprintf(err, errsz, "%s: %s", name, hri_status_str(st));
	if (st) {
		hri_classifier_free(c);
		return st;
	}
	*out = c;
	return HRI_OK;
}

/* ---- the binary model ----
 *
 * What hri-train writes (make model): the model laid out as the scorer
 * uses it, so that loading is a mapping and a check, with no parsing (the
 * text form cost a third of hri-parse's start-up: 21e6 instructions and
 * 880 page faults). Little-endian, each part 8-byte aligned:
 *   header (BIN_HEAD bytes): the magic, version, byte-order mark, the
 *     number of sets, of labels in all, of slots, of features, of weights
 *     and the pool's bytes;
 *   each set (BIN_SET): field (16 bytes, NUL-padded), labels, 0,
 *     threshold, fallback (doubles);
 *   each label of each set (BIN_LABEL): bias (double), name and its bytes
 *     (offsets in the pool);
 *   the slots (struct feat: hash, name, bytes, first weight, weights);
 *   the weights' values (floats), sets and labels (a byte each);
 *   the pool: names, each NUL-terminated; zeros to a multiple of 8. */
static const char bin_magic[16] = "hri-classifier\tB";
#define BIN_HEAD 64
#define BIN_SET 40
#define BIN_LABEL 16
#define BIN_ORDER 0x01020304u
#define BIN_COUNT_MAX (1u << 30) /* slots, weights, pool bytes */

static void
putf64(unsigned char *p, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	hri_le_put(p, v, 8);
}

static double
getf64(const unsigned char *p)
{
	uint64_t v = hri_le_get(p, 8);
	double d;
	memcpy(&d, &v, sizeof d);
	return d;
}

/* The parts of a binary model of these counts: offsets and the total. */
typedef struct bin_layout {
	size_t sets, labels, slots, wval, wset, wlab, pool, total;
} bin_layout;

static void
bin_layout_of(size_t nsets, size_t nlabels, size_t nslots, size_t nw,
              size_t npool, bin_layout *l)
{
	l->sets = BIN_HEAD;
	l->labels = l->sets + nsets * BIN_SET;
	l->slots = l->labels + nlabels * BIN_LABEL;
	l->wval = l->slots + nslots * sizeof(feat);
	l->wset = l->wval + nw * sizeof(float);
	l->wlab = l->wset + nw;
	l->pool = l->wlab + nw;
	l->total = (l->pool + npool + 7) / 8 * 8;
}

/* Returns nonzero when this machine stores numbers little-endian, as the
 * binary model does. */
static int
little_endian(void)
{
	const uint32_t one = 1;
	return *(const unsigned char *)&one == 1;
}

hri_status
hri_classifier_save(const hri_classifier *c, const char *path, char *err,
                    size_t errsz)
{
	size_t nlabels = 0, npool = c->pool.len;
	bin_layout l;

	/* a model read from text has its labels' names apart, one mapped
	 * has them in the pool */
	for (size_t i = 0; i < c->nsets; i++)
		for (size_t j = 0; j < c->sets[i].nlabels; j++) {
			nlabels++;
			if (!c->map)
				npool += strlen(c->sets[i].names[j]) + 1;
		}
	if (npool >= BIN_COUNT_MAX || c->nslots >= BIN_COUNT_MAX ||
	    c->nw >= BIN_COUNT_MAX) {
		snprintf(err, errsz, "%s: %s", path, hri_status_str(HRI_ERR_TOO_BIG));
		return HRI_ERR_TOO_BIG;
	}
	bin_layout_of(c->nsets, nlabels, c->nslots, c->nw, npool, &l);
	unsigned char *b = calloc(1, l.total);
	if (!b) {
		snprintf(err, errsz, "%s: %s", path, hri_status_str(HRI_ERR_NOMEM));
		return HRI_ERR_NOMEM;
	}
	memcpy(b, bin_magic, sizeof bin_magic);
	hri_le_put(b + 16, HRI_CLASSIFY_VERSION, 4);
	hri_le_put(b + 20, BIN_ORDER, 4);
	hri_le_put(b + 24, (uint32_t)c->nsets, 4);
	hri_le_put(b + 28, (uint32_t)nlabels, 4);
	hri_le_put(b + 32, c->nslots, 8);
	hri_le_put(b + 40, c->nfeat, 8);
	hri_le_put(b + 48, c->nw, 8);
	hri_le_put(b + 56, npool, 8);
	memcpy(b + l.pool, c->pool.s, c->pool.len);
	size_t pool = c->pool.len, lab = l.labels;
	for (size_t i = 0; i < c->nsets; i++) {
		const cset *s = &c->sets[i];
		unsigned char *p = b + l.sets + i * BIN_SET;
		memcpy(p, s->field, strnlen(s->field, sizeof s->field - 1));
		hri_le_put(p + 16, (uint32_t)s->nlabels, 4);
		putf64(p + 24, s->threshold);
		putf64(p + 32, s->fallback);
		for (size_t j = 0; j < s->nlabels; j++, lab += BIN_LABEL) {
			size_t n = strlen(s->names[j]);
			putf64(b + lab, s->bias[j]);
			hri_le_put(b + lab + 12, (uint32_t)n, 4);
			if (c->map) {
				hri_le_put(b + lab + 8, (uint32_t)(s->names[j] - c->pool.s), 4);
				continue;
			}
			hri_le_put(b + lab + 8, (uint32_t)pool, 4);
			memcpy(b + l.pool + pool, s->names[j], n + 1);
			pool += n + 1;
		}
	}
	for (size_t i = 0; i < c->nslots; i++) {
		const feat *f = &c->slots[i];
		unsigned char *p = b + l.slots + i * sizeof(feat);
		hri_le_put(p, f->hash, 8);
		hri_le_put(p + 8, f->name, 4);
		hri_le_put(p + 12, f->nlen, 4);
		hri_le_put(p + 16, f->first, 4);
		hri_le_put(p + 20, f->count, 4);
	}
	for (size_t k = 0; k < c->nw; k++) {
		uint32_t v;
		memcpy(&v, &c->wval[k], sizeof v);
		hri_le_put(b + l.wval + 4 * k, v, 4);
	}
	memcpy(b + l.wset, c->wset, c->nw);
	memcpy(b + l.wlab, c->wlab, c->nw);
	hri_status st = hri_file_write_atomic(path, b, l.total, 0);
	if (st)
		snprintf(err, errsz, "%s: %s", path, hri_status_str(st));
	free(b);
	return st;
}

/* Returns nonzero when the name of n bytes at off lies in c's pool,
 * NUL-terminated. */
static int
pool_name(const hri_classifier *c, uint64_t off, uint64_t n)
{
	return n > 0 && off < c->pool.len && n < c->pool.len - off &&
	       c->pool.s[off + n] == '\0' && !memchr(c->pool.s + off, '\0', n);
}

/* Makes c of the binary model of len bytes at b (mapped by the caller,
 * whose pointers c takes); on HRI_ERR_FORMAT why names the part that is
 * wrong. Every offset and index is checked, so that a damaged file can
 * mislead no read. */
static hri_status
bin_read(hri_classifier *c, const unsigned char *b, size_t len,
         const char **why)
{
	bin_layout l;
	*why = "not an hri-classifier model";
	if (len < BIN_HEAD || memcmp(b, bin_magic, sizeof bin_magic))
		return HRI_ERR_FORMAT;
	*why = "a binary model of another version (make model writes this "
	       "one's)";
	if (hri_le_get(b + 16, 4) != HRI_CLASSIFY_VERSION ||
	    hri_le_get(b + 20, 4) != BIN_ORDER)
		return HRI_ERR_FORMAT;
	uint64_t nsets = hri_le_get(b + 24, 4), nlabels = hri_le_get(b + 28, 4),
	         nslots = hri_le_get(b + 32, 8), nfeat = hri_le_get(b + 40, 8),
	         nw = hri_le_get(b + 48, 8), npool = hri_le_get(b + 56, 8);
	*why = "damaged: counts out of range";
	if (nsets < 1 || nsets > MAX_SETS ||
	    nlabels > nsets * HRI_CLASSIFY_LABELS_MAX || nslots < 64 ||
	    nslots >= BIN_COUNT_MAX || (nslots & (nslots - 1)) ||
	    nfeat * 2 >= nslots || nw >= BIN_COUNT_MAX || npool >= BIN_COUNT_MAX)
		return HRI_ERR_FORMAT;
	bin_layout_of(nsets, nlabels, nslots, nw, npool, &l);
	*why = "damaged: not the size its counts give";
	if (l.total != len)
		return HRI_ERR_FORMAT;
	c->nslots = nslots;
	c->nw = nw;
	c->pool.s = (char *)b + l.pool;
	c->pool.len = npool;
	c->wset = (unsigned char *)b + l.wset;
	c->wlab = (unsigned char *)b + l.wlab;
	c->wval = (float *)(void *)(b + l.wval);
	c->slots = (feat *)(void *)(b + l.slots);
	c->sets = calloc(nsets, sizeof *c->sets);
	if (!c->sets)
		return HRI_ERR_NOMEM;
	*why = "damaged: a set or a label";
	size_t lab = l.labels, given = 0;
	for (size_t i = 0; i < nsets; i++) {
		const unsigned char *p = b + l.sets + i * BIN_SET;
		cset *s = &c->sets[c->nsets++];
		memcpy(s->field, p, sizeof s->field);
		s->nlabels = hri_le_get(p + 16, 4);
		s->threshold = getf64(p + 24);
		s->fallback = getf64(p + 32);
		if (!s->field[0] || s->field[sizeof s->field - 1] ||
		    s->nlabels < 1 || s->nlabels > HRI_CLASSIFY_LABELS_MAX ||
		    given + s->nlabels > nlabels || !(s->threshold > 0) ||
		    !(s->threshold < 1) || !(s->fallback > 0))
			return HRI_ERR_FORMAT;
		given += s->nlabels;
		s->bias = calloc(s->nlabels, sizeof *s->bias);
		s->names = calloc(s->nlabels, sizeof *s->names);
		if (!s->bias || !s->names)
			return HRI_ERR_NOMEM;
		for (size_t j = 0; j < s->nlabels; j++, lab += BIN_LABEL) {
			uint64_t off = hri_le_get(b + lab + 8, 4);
			s->bias[j] = getf64(b + lab);
			if (!isfinite(s->bias[j]) ||
			    !pool_name(c, off, hri_le_get(b + lab + 12, 4)))
				return HRI_ERR_FORMAT;
			s->names[j] = c->pool.s + off;
		}
	}
	if (given != nlabels)
		return HRI_ERR_FORMAT;
	*why = "damaged: a feature's slot";
	for (size_t i = 0; i < nslots; i++) {
		const feat *f = &c->slots[i];
		if (!f->hash)
			continue;
		c->nfeat++;
		if (!pool_name(c, f->name, f->nlen) || f->first > nw ||
		    f->count > nw - f->first ||
		    f->hash != hri_classify_hash(c->pool.s + f->name, f->nlen))
			return HRI_ERR_FORMAT;
	}
	if (c->nfeat != nfeat)
		return HRI_ERR_FORMAT;
	*why = "damaged: a weight";
	for (size_t k = 0; k < nw; k++)
		if (c->wset[k] >= nsets || c->wlab[k] >= c->sets[c->wset[k]].nlabels ||
		    !isfinite(c->wval[k]))
			return HRI_ERR_FORMAT;
	return HRI_OK;
}

hri_status
hri_classifier_load(const char *path, hri_classifier **out, char *err,
                    size_t errsz)
{
	unsigned char head[sizeof bin_magic];
	struct stat sb;
	hri_classifier *c = NULL;
	const char *why = NULL;
	hri_status st = HRI_OK;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) ||
	    pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head ||
	    memcmp(head, bin_magic, sizeof head)) {
		/* the text form (or no file: its reader says so) */
		if (fd >= 0)
			close(fd);
		c = calloc(1, sizeof *c);
		if (!c)
			return HRI_ERR_NOMEM;
		struct load_ctx x = {c, 0, 0};
		st = hri_file_table_lines(path, model_line, &x, TEXT_LINE_MSG, err,
		                          errsz);
		if (!st)
			st = text_done(c, &x, path, err, errsz);
		goto out;
	}
	c = calloc(1, sizeof *c);
	if (!c) {
		close(fd);
		return HRI_ERR_NOMEM;
	}
	if ((uintmax_t)sb.st_size > (uintmax_t)64 * BIN_COUNT_MAX) {
		close(fd);
		why = "damaged: too large";
		st = HRI_ERR_FORMAT;
		goto out;
	}
	c->maplen = (size_t)sb.st_size;
	c->map = mmap(NULL, c->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (c->map == MAP_FAILED) {
		c->map = NULL;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		st = HRI_ERR_IO;
		goto out;
	}
	if (!little_endian()) {
		why = "a little-endian binary model on a big-endian machine";
		st = HRI_ERR_FORMAT;
	} else {
		st = bin_read(c, c->map, c->maplen, &why);
	}
	if (st == HRI_ERR_NOMEM)
		snprintf(err, errsz, "%s: %s", path, hri_status_str(st));
	else if (st)
		snprintf(err, errsz, "%s: %s", path, why);
out:
	if (!st && (st = index_weights(c)))
		snprintf(err, errsz, "%s: %s", path, hri_status_str(st));
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
#define HIT_STACK 256 /* known features kept on the stack: a
                         recommendation meets some 30 */

/* The state of one scan, on the stack: taking its 40 KB from malloc and
 * giving it back cost more than scoring a recommendation's features. */
struct scan_ctx {
	const hri_classifier *c;
	hri_x_labels *shared;    /* the label values, or NULL */
	int set;                 /* the set explain_label() speaks of */
	int nomem;               /* hit could not grow */
	/* label l of set k at k * HRI_CLASSIFY_LABELS_MAX + l (c->widx) */
	double score[MAX_SETS * HRI_CLASSIFY_LABELS_MAX];
	const feat **hit;        /* known features met: hit_stack, or on the
	                            heap past HIT_STACK */
	size_t nhit;
	const feat *hit_stack[HIT_STACK];
};

static void
scan_one(const char *f, size_t n, uint64_t h, void *ud)
{
	struct scan_ctx *x = ud;
	const feat *s = slot_of(x->c, h, f, n);
	if (!s->hash || x->nhit >= HRI_CLASSIFY_FEATURES_MAX)
		return;
	if (x->nhit == HIT_STACK) {
		/* a long text: room for as many as it may meet */
		const feat **big = malloc(HRI_CLASSIFY_FEATURES_MAX * sizeof *big);
		if (!big) {
			x->nomem = 1;
			return;
		}
		memcpy(big, x->hit, HIT_STACK * sizeof *big);
		x->hit = big;
	}
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
		                 k ? ", " : "", x->c->pool.s + top[k]->name);
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
give_set(struct scan_ctx *x, int set, size_t n, hri_x_list *out,
         json_t *explain)
{
	const cset *s = &x->c->sets[set];
	const double *score = x->score + (size_t)set * HRI_CLASSIFY_LABELS_MAX;
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
		st = hri_x_push_label(x->shared, out, s->names[l],
		                      strlen(s->names[l]));
		if (!st && explain)
			st = explain_label(x, l, 1 / (1 + exp(-score[l])), explain);
	}
	if (!st && !given && n && score[best] >= fb) {
		st = hri_x_push_label(x->shared, out, s->names[best],
		                      strlen(s->names[best]));
		if (!st && explain)
			st = explain_label(x, best, 1 / (1 + exp(-score[best])),
			                   explain);
	}
	return st;
}

hri_status
hri_classifier_scan(const hri_classifier *c, struct hri_x_labels *shared,
                    const char *text, size_t len, const char *const *fields,
                    hri_x_list *const *outs, size_t nfields, json_t *explain)
{
	struct scan_ctx ctx, *x = &ctx;
	x->c = c;
	x->shared = shared;
	x->nomem = 0;
	x->hit = x->hit_stack;
	x->nhit = 0;
	/* One pass over the text, and one over the weights, serve every set. */
	size_t n = distinct_run(text, len, scan_one, x);
	double norm = n ? 1 / sqrt((double)n) : 0;
	for (size_t k = 0; k < c->nsets; k++)
		for (size_t l = 0; l < c->sets[k].nlabels; l++)
			x->score[k * HRI_CLASSIFY_LABELS_MAX + l] = c->sets[k].bias[l];
	for (size_t i = 0; i < x->nhit; i++) {
		const feat *f = x->hit[i];
		for (size_t k = f->first, e = k + f->count; k < e; k++)
			x->score[c->widx[k]] += c->wval[k] * norm;
	}
	hri_status st = x->nomem ? HRI_ERR_NOMEM : HRI_OK;
	for (size_t i = 0; i < nfields && !st; i++) {
		int set = set_index(c, fields[i]);
		if (set >= 0 && c->sets[set].nlabels > 0)
			st = give_set(x, set, n, outs[i], explain);
	}
	if (x->hit != x->hit_stack)
		free(x->hit);
	return st;
}
