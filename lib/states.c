/* states.c - the States of the United Nations by name (see states.h).
 *
 * Every name form of data/countries.tsv (the short name and the other
 * names; adjectives are the extractor's business) is folded into a key of
 * lower-case words joined by single spaces, and kept in an open-addressing
 * hash table from key to short name. Text is folded the same way, so a
 * lookup is one hash probe per candidate run of words. */
#include "states.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "home.h"
#include "grow.h"

#define WORDS_MAX 12 /* words of the longest name form, with room */
#define TEXT_WORDS_MAX 512 /* words of one list read (longer: no list) */
#define TEXT_WORDS_STACK 64 /* words of a list read on the stack */

/* One name form: its folded key and the State's short name. */
struct slot {
	char *key;         /* NULL for an empty slot */
	const char *canon; /* borrowed from hri_states.names */
};

struct hri_states {
	struct slot *slots; /* cap slots, at most half full */
	size_t cap;
	size_t used;
	char **names;       /* the short names, in table order */
	size_t nnames;
	size_t names_cap;
};

/* A word of folded text: the bytes it covers in the source and its folded
 * form. A separator (",", ";", "/") is a word of its own. */
struct word {
	size_t start, end; /* byte offsets in the source */
	int depth;         /* parentheses open around it */
	char w[48];        /* folded, NUL-terminated; "," ";" "/" for
	                      separators */
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

/* Returns true for a byte that joins the letters of a word: a letter, a
 * digit, an apostrophe, or any byte of a multibyte UTF-8 letter (the table
 * holds "Côte d'Ivoire" as written). A hyphen parts words: "Timor-Leste"
 * and "Timor Leste" are one name. */
static int
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

/* Cuts the len bytes at s into at most max words (see struct word).
 * Returns the count, or max + 1 when there are more. */
static size_t
split_words(const char *s, size_t len, struct word *out, size_t max)
{
	size_t i = 0, n = 0, o;
	unsigned char c;
	int depth = 0;

	while (i < len) {
		c = (unsigned char)s[i];
		if (c == '(' || c == ')') {
			depth += c == '(' ? 1 : depth > 0 ? -1 : 0;
			i++;
			continue;
		}
		if (c == ',' || c == ';' || c == '/' || c == '&') {
			if (n == max)
				return max + 1;
			out[n].start = i;
			out[n].end = i + 1;
			out[n].depth = depth;
			snprintf(out[n].w, sizeof out[n].w, "%s",
			         c == '&' ? "and" : c == ',' ? "," : c == ';' ? ";" : "/");
			n++;
			i++;
			continue;
		}
		if (!word_byte(c)) {
			i++;
			continue;
		}
		if (n == max)
			return max + 1;
		out[n].start = i;
		out[n].depth = depth;
		o = 0;
		while (i < len && word_byte((unsigned char)s[i])) {
			c = (unsigned char)s[i];
			/* the typographic apostrophes U+2018, U+2019 read as ' */
			if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] == 0x98 ||
			     (unsigned char)s[i + 2] == 0x99)) {
				c = '\'';
				i += 2;
			} else if (c >= 'A' && c <= 'Z') {
				c = (unsigned char)(c - 'A' + 'a');
			}
			if (o + 1 < sizeof out[n].w)
				out[n].w[o++] = (char)c;
			i++;
		}
		out[n].w[o] = '\0';
		out[n].end = i;
		n++;
	}
	return n;
}

/* Returns true when word w is a list separator. */
static int
is_sep(const char *w)
{
	return strcmp(w, ",") == 0 || strcmp(w, ";") == 0 ||
	       strcmp(w, "/") == 0 || strcmp(w, "and") == 0;
}

/* Writes the key of words [a, b) into key (HRI_STATES_NAME_MAX bytes):
 * the words joined by single spaces, "st" first read as "saint". Returns
 * false when a separator other than "and" is among them or the key does
 * not fit. */
static int
make_key(const struct word *w, size_t a, size_t b, char *key)
{
	size_t i, o = 0, n;
	const char *x;

	for (i = a; i < b; i++) {
		x = w[i].w;
		if (x[0] == ',' || x[0] == ';' || x[0] == '/')
			return 0;
		if (i == a && b - a > 1 && strcmp(x, "st") == 0)
			x = "saint";
		n = strlen(x);
		if (o + n + 2 > HRI_STATES_NAME_MAX)
			return 0;
		if (o)
			key[o++] = ' ';
		memcpy(key + o, x, n);
		o += n;
	}
	key[o] = '\0';
	return o > 0;
}

/* Returns the short name stored under key, or NULL. */
static const char *
find(const hri_states *st, const char *key)
{
	size_t i;

	if (!st->cap)
		return NULL;
	for (i = hash_str(key) & (st->cap - 1); st->slots[i].key;
	     i = (i + 1) & (st->cap - 1))
		if (strcmp(st->slots[i].key, key) == 0)
			return st->slots[i].canon;
	return NULL;
}

/* Returns the State named by exactly the words [a, b), a leading "the"
 * allowed, or NULL. A plural "s" the name lacks is forgiven ("United States
 * of Americas"): a typing slip reports make. */
static const char *
name_of(const hri_states *st, const struct word *w, size_t a, size_t b)
{
	char key[HRI_STATES_NAME_MAX];
	const char *c;
	size_t n;

	if (b - a > 1 && strcmp(w[a].w, "the") == 0)
		a++;
	if (!make_key(w, a, b, key))
		return NULL;
	c = find(st, key);
	n = strlen(key);
	if (!c && n > 4 && key[n - 1] == 's' && key[n - 2] != 's') {
		key[n - 1] = '\0';
		c = find(st, key);
	}
	return c;
}

/* Returns true when a and b differ by at most one letter changed, added or
 * dropped. */
static int
near(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i = 0;

	if (na > nb + 1 || nb > na + 1)
		return 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (na == nb)
		return strcmp(a + i + (i < na), b + i + (i < nb)) == 0;
	return na > nb ? strcmp(a + i + 1, b + i) == 0
	               : strcmp(a + i, b + i + 1) == 0;
}

/* Returns the State whose name is one letter away from the words [a, b)
 * (a typing slip: "Azerbeijan"), when exactly one is and the name has six
 * letters or more; else NULL. */
static const char *
near_name(const hri_states *st, const struct word *w, size_t a, size_t b)
{
	char key[HRI_STATES_NAME_MAX];
	const char *c = NULL;
	size_t i;

	if (b - a > 1 && strcmp(w[a].w, "the") == 0)
		a++;
	if (!make_key(w, a, b, key) || strlen(key) < 6)
		return NULL;
	for (i = 0; i < st->cap; i++) {
		if (!st->slots[i].key || !near(key, st->slots[i].key))
			continue;
		if (c && c != st->slots[i].canon)
			return NULL;
		c = st->slots[i].canon;
	}
	return c;
}

/* Doubles the hash table. */
static hri_status
grow(hri_states *st)
{
	size_t cap = st->cap ? st->cap * 2 : 1024, i, j;
	struct slot *s = calloc(cap, sizeof *s);

	if (!s)
		return HRI_ERR_NOMEM;
	for (i = 0; i < st->cap; i++) {
		if (!st->slots[i].key)
			continue;
		for (j = hash_str(st->slots[i].key) & (cap - 1); s[j].key;
		     j = (j + 1) & (cap - 1))
			;
		s[j] = st->slots[i];
	}
	free(st->slots);
	st->slots = s;
	st->cap = cap;
	return HRI_OK;
}

/* Adds the name form of len bytes at p for the short name canon. A form
 * already given (to this State or, by the table's mistake, another) keeps
 * its first State. */
static hri_status
add_form(hri_states *st, const char *p, size_t len, const char *canon)
{
	struct word w[WORDS_MAX];
	char key[HRI_STATES_NAME_MAX];
	size_t n = split_words(p, len, w, WORDS_MAX), a = 0, i;
	hri_status s;

	if (n == 0 || n > WORDS_MAX)
		return n ? HRI_ERR_FORMAT : HRI_OK;
	if (n > 1 && strcmp(w[0].w, "the") == 0)
		a = 1;
	if (!make_key(w, a, n, key))
		return HRI_ERR_FORMAT;
	if (find(st, key))
		return HRI_OK;
	if ((st->used + 1) * 2 > st->cap) {
		s = grow(st);
		if (s)
			return s;
	}
	for (i = hash_str(key) & (st->cap - 1); st->slots[i].key;
	     i = (i + 1) & (st->cap - 1))
		;
	st->slots[i].key = strdup(key);
	if (!st->slots[i].key)
		return HRI_ERR_NOMEM;
	st->slots[i].canon = canon;
	st->used++;
	return HRI_OK;
}

/* hri_file_table_lines()'s callback: "short name <TAB> other|names <TAB> ...". */
static hri_status
table_line(const char *line, size_t len, int lineno, void *ud)
{
	hri_states *st = ud;
	const char *tab = memchr(line, '\t', len), *p, *e, *end;
	size_t n = tab ? (size_t)(tab - line) : len;
	char *canon;
	hri_status s;

	(void)lineno;
	if (n == 0)
		return HRI_ERR_FORMAT;
	if (hri_grow(&st->names, st->nnames, &st->names_cap,
	             sizeof *st->names, 256))
		return HRI_ERR_NOMEM;
	canon = strndup(line, n);
	if (!canon)
		return HRI_ERR_NOMEM;
	st->names[st->nnames++] = canon;
	s = add_form(st, line, n, canon);
	if (s || !tab)
		return s;
	/* the other names: the second column, "|"-separated */
	p = tab + 1;
	end = memchr(p, '\t', len - (size_t)(p - line));
	if (!end)
		end = line + len;
	for (; p < end && !s; p = e + 1) {
		e = memchr(p, '|', (size_t)(end - p));
		if (!e)
			e = end;
		if (e > p)
			s = add_form(st, p, (size_t)(e - p), canon);
	}
	return s;
}

hri_status
hri_states_load(const char *path, hri_states **out, char *err, size_t errsz)
{
	char def[4096];
	hri_states *st;
	hri_status s;

	*out = NULL;
	if (!path) {
		s = hri_data_path("countries.tsv", def, sizeof def);
		if (s) {
			snprintf(err, errsz, "%.400s: no such table", def);
			return s;
		}
		path = def;
	}
	st = calloc(1, sizeof *st);
	if (!st)
		return HRI_ERR_NOMEM;
	s = hri_file_table_lines(path, table_line, st,
	                         "a State without a name, or a name of more "
	                         "than twelve words", err, errsz);
	if (s) {
		hri_states_free(st);
		return s;
	}
	*out = st;
	return HRI_OK;
}

void
hri_states_free(hri_states *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->cap; i++)
		free(st->slots[i].key);
	for (i = 0; i < st->nnames; i++)
		free(st->names[i]);
	free(st->slots);
	free(st->names);
	free(st);
}

const char *
hri_states_name(const hri_states *st, const char *name, size_t len)
{
	struct word w[WORDS_MAX];
	size_t n = split_words(name, len, w, WORDS_MAX);

	if (n == 0 || n > WORDS_MAX)
		return NULL;
	return name_of(st, w, 0, n);
}

size_t
hri_states_list(const hri_states *st, const char *s, size_t len,
                const char **names, size_t max)
{
	struct word stack[TEXT_WORDS_STACK], *w = stack;
	const char *found[HRI_STATES_LIST_MAX], *c;
	size_t n, i = 0, j, k = 0, top;

	/* a UPR recommendation's States fit the stack; the 36 KB of a long
	 * list, taken from malloc and given back, cost more than reading
	 * a short one */
	n = split_words(s, len, w, TEXT_WORDS_STACK);
	if (n > TEXT_WORDS_STACK) {
		w = malloc(TEXT_WORDS_MAX * sizeof *w);
		if (!w)
			return 0;
		n = split_words(s, len, w, TEXT_WORDS_MAX);
	}
	if (n > TEXT_WORDS_MAX)
		n = 0;
	while (i < n) {
		if (is_sep(w[i].w)) {
			i++;
			continue;
		}
		/* the longest run of words from i that names a State */
		c = NULL;
		top = i + WORDS_MAX < n ? i + WORDS_MAX : n;
		for (j = top; j > i; j--) {
			c = name_of(st, w, i, j);
			if (c)
				break;
		}
		if (!c)
			for (j = i + 4 < n ? i + 4 : n; j > i; j--) {
				c = near_name(st, w, i, j);
				if (c)
					break;
			}
		if (!c || k == HRI_STATES_LIST_MAX) {
			k = 0;
			break;
		}
		found[k++] = c;
		/* a qualifier the table does not know, in parentheses after
		 * the name: "Bolivia (Plurinational Republic of)" */
		for (i = j; i < n && w[i].depth > w[j - 1].depth; i++)
			;
	}
	if (w != stack)
		free(w);
	if (k > max)
		k = max;
	for (i = 0; i < k; i++)
		names[i] = found[i];
	return k;
}

const char *
hri_states_prefix(const hri_states *st, const char *s, size_t len,
                  size_t *used)
{
	struct word w[WORDS_MAX];
	size_t n = split_words(s, len, w, WORDS_MAX), j;
	const char *c;

	if (n > WORDS_MAX)
		n = WORDS_MAX;
	for (j = n; j > 0; j--) {
		c = name_of(st, w, 0, j);
		if (c) {
			*used = w[j - 1].end;
			return c;
		}
	}
	return NULL;
}

static hri_states *default_states; /* hri_states_default()'s table */
static char default_err[512];      /* why it could not be loaded */
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

/* Loads the default table once; a failure leaves it NULL and says why. */
static void
load_default(void)
{
	if (hri_states_load(NULL, &default_states, default_err,
	                    sizeof default_err))
		default_states = NULL;
}

const hri_states *
hri_states_default(void)
{
	pthread_once(&default_once, load_default);
	return default_states;
}

const char *
hri_states_default_error(void)
{
	pthread_once(&default_once, load_default);
	return default_states ? "" : default_err;
}
