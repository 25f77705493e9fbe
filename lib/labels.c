/* labels.c - the label table of data/labels.tsv (see labels.h). A few
 * hundred names: lookups are linear over folded names, which costs less
 * than one query's parse. */
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "grow.h"
#include "hash.h"
#include "home.h"

#define LABEL_MAX 256 /* bytes of one name, folded */

typedef struct label {
	char field[16]; /* theme, affected, sdg, issue */
	char *name;     /* as given */
	char *older;    /* its first older name of its own field, as given, or
	                   "" (an SDG goal's name) */
	char *links;    /* "field:value|..." or "" */
} label;

typedef struct alias {
	char field[16]; /* field the name is of */
	char *folded;   /* folded name */
	size_t label;   /* index of the label it names */
} alias;

struct hri_labels {
	label *labels;
	size_t n, cap;
	alias *aliases;
	size_t na, capa;
	size_t *index;     /* open addressing on (field, name): a label's
	                      number + 1, 0 when empty; hri_labels_links()
	                      runs for every theme of every segment */
	size_t index_size; /* slots, a power of two over twice n */
};

/* Returns the hash of a label's field and name. */
static uint64_t
label_hash(const char *field, const char *name)
{
	uint64_t h = hri_fnv1a(HRI_FNV1A_BASIS, field, strlen(field));

	h = hri_fnv1a_byte(h, '\t');
	return hri_fnv1a(h, name, strlen(name));
}

/* Builds l's index of labels by field and name; HRI_ERR_NOMEM. */
static hri_status
index_labels(hri_labels *l)
{
	size_t size = 16, k;

	while (size < 2 * l->n)
		size *= 2;
	l->index = calloc(size, sizeof *l->index);
	if (!l->index)
		return HRI_ERR_NOMEM;
	l->index_size = size;
	for (size_t i = 0; i < l->n; i++) {
		k = (size_t)label_hash(l->labels[i].field, l->labels[i].name) &
		    (size - 1);
		while (l->index[k])
			k = (k + 1) & (size - 1);
		l->index[k] = i + 1;
	}
	return HRI_OK;
}

static const char *const fields[] = {"theme", "affected", "sdg", "issue"};

/* Folds (s, len) into out (LABEL_MAX bytes): ASCII lower case, white space
 * runs as one space, trimmed. Returns 0 when it does not fit. */
static int
fold(const char *s, size_t len, char *out)
{
	size_t n = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (n + 2 >= LABEL_MAX)
			return 0;
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[n] = '\0';
	return 1;
}

/* Returns nonzero when (s, len) is one of the known fields. */
static int
known_field(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i]) == len && !memcmp(fields[i], s, len))
			return 1;
	return 0;
}

/* Records (field, name) as a name of label idx; HRI_ERR_FORMAT when the
 * name already names another label of that field (an older name that
 * differs from the label only in case is the label's own). */
static hri_status
add_alias(hri_labels *l, const char *field, size_t fl, const char *name,
          size_t len, size_t idx)
{
	char f[LABEL_MAX];
	if (!fold(name, len, f) || !f[0] || fl >= sizeof l->aliases->field)
		return HRI_ERR_FORMAT;
	for (size_t i = 0; i < l->na; i++)
		if (strlen(l->aliases[i].field) == fl &&
		    !memcmp(l->aliases[i].field, field, fl) &&
		    !strcmp(l->aliases[i].folded, f))
			return l->aliases[i].label == idx ? HRI_OK : HRI_ERR_FORMAT;
	if (hri_grow(&l->aliases, l->na, &l->capa, sizeof *l->aliases, 256))
		return HRI_ERR_NOMEM;
	alias *a = &l->aliases[l->na];
	memcpy(a->field, field, fl);
	a->field[fl] = '\0';
	a->folded = strdup(f);
	if (!a->folded)
		return HRI_ERR_NOMEM;
	a->label = idx;
	l->na++;
	return HRI_OK;
}

/* hri_file_table_lines()'s callback: one label line. */
static hri_status
table_line(const char *p, size_t len, int lineno, void *ud)
{
	hri_labels *l = ud;
	const char *col[4] = {0};
	size_t cl[4] = {0};
	int nc = 0;
	const char *c = p, *end = p + len;

	(void)lineno;
	while (nc < 4) {
		const char *tab = memchr(c, '\t', (size_t)(end - c));
		const char *ce = tab ? tab : end;
		col[nc] = c;
		cl[nc++] = (size_t)(ce - c);
		if (!tab)
			break;
		c = tab + 1;
	}
	if (nc < 2 || !known_field(col[0], cl[0]) || cl[1] == 0)
		return HRI_ERR_FORMAT;
	if (hri_grow(&l->labels, l->n, &l->cap, sizeof *l->labels, 256))
		return HRI_ERR_NOMEM;
	label *lb = &l->labels[l->n];
	memcpy(lb->field, col[0], cl[0]);
	lb->field[cl[0]] = '\0';
	lb->name = strndup(col[1], cl[1]);
	lb->links = strndup(nc > 3 ? col[3] : "", nc > 3 ? cl[3] : 0);
	/* the first older name, when it is of this field (no "field:") */
	size_t ol = 0;
	if (nc > 2) {
		const char *bar = memchr(col[2], '|', cl[2]);
		ol = bar ? (size_t)(bar - col[2]) : cl[2];
		const char *colon = memchr(col[2], ':', ol);
		if (colon && known_field(col[2], (size_t)(colon - col[2])))
			ol = 0;
	}
	lb->older = strndup(ol ? col[2] : "", ol);
	size_t idx = l->n++;
	if (!lb->name || !lb->links || !lb->older)
		return HRI_ERR_NOMEM;
	hri_status st = add_alias(l, col[0], cl[0], col[1], cl[1], idx);
	/* Older names: "name" of this field, or "field:name" of another. */
	const char *q = nc > 2 ? col[2] : NULL, *qe = q ? q + cl[2] : NULL;
	while (!st && q && q < qe) {
		const char *bar = memchr(q, '|', (size_t)(qe - q));
		const char *ne = bar ? bar : qe;
		const char *colon = memchr(q, ':', (size_t)(ne - q));
		if (colon && known_field(q, (size_t)(colon - q)))
			st = add_alias(l, q, (size_t)(colon - q), colon + 1,
			               (size_t)(ne - colon - 1), idx);
		else if (ne > q)
			st = add_alias(l, col[0], cl[0], q, (size_t)(ne - q), idx);
		q = ne + 1;
	}
	return st;
}

hri_status
hri_labels_load(const char *path, hri_labels **out, char *err, size_t errsz)
{
	char buf[4096];
	hri_status st;
	*out = NULL;
	if (!path) {
		st = hri_data_path("labels.tsv", buf, sizeof buf);
		if (st) {
			snprintf(err, errsz, "%s: table not found", buf);
			return st;
		}
		path = buf;
	}
	hri_labels *l = calloc(1, sizeof *l);
	if (!l)
		return HRI_ERR_NOMEM;
	st = hri_file_table_lines(path, table_line, l,
	                          "expected a field (theme, affected, sdg, "
	                          "issue) and a label not named before",
	                          err, errsz);
	if (!st)
		st = index_labels(l);
	if (st) {
		hri_labels_free(l);
		return st;
	}
	*out = l;
	return HRI_OK;
}

void
hri_labels_free(hri_labels *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->labels[i].name);
		free(l->labels[i].older);
		free(l->labels[i].links);
	}
	for (size_t i = 0; i < l->na; i++)
		free(l->aliases[i].folded);
	free(l->labels);
	free(l->aliases);
	free(l->index);
	free(l);
}

const char *
hri_labels_find(const hri_labels *l, const char *field, const char *name,
                size_t len, const char **field_out)
{
	char f[LABEL_MAX];
	if (!l || !fold(name, len, f))
		return NULL;
	for (size_t i = 0; i < l->na; i++) {
		const alias *a = &l->aliases[i];
		if (!strcmp(a->field, field) && !strcmp(a->folded, f)) {
			const label *lb = &l->labels[a->label];
			if (field_out)
				*field_out = lb->field;
			return lb->name;
		}
	}
	return NULL;
}

const char *
hri_labels_older(const hri_labels *l, const char *field, const char *name)
{
	for (size_t j = 0; l && j < l->n; j++) {
		const label *lb = &l->labels[j];
		if (!strcmp(lb->field, field) && !strcmp(lb->name, name))
			return lb->older[0] ? lb->older : NULL;
	}
	return NULL;
}

size_t
hri_labels_count(const hri_labels *l, const char *field)
{
	size_t n = 0;
	for (size_t i = 0; l && i < l->n; i++)
		n += !strcmp(l->labels[i].field, field);
	return n;
}

const char *
hri_labels_name(const hri_labels *l, const char *field, size_t i)
{
	for (size_t j = 0; l && j < l->n; j++)
		if (!strcmp(l->labels[j].field, field) && i-- == 0)
			return l->labels[j].name;
	return NULL;
}

size_t
hri_labels_links(const hri_labels *l, const char *field, const char *name,
                 void (*fn)(const char *lfield, const char *value, void *ud),
                 void *ud)
{
	size_t n = 0, k;
	if (!l || !l->index_size)
		return 0;
	/* the first label of that field and name, as a walk in table order
	 * would find: the table names a label once in its field */
	k = (size_t)label_hash(field, name) & (l->index_size - 1);
	for (; l->index[k]; k = (k + 1) & (l->index_size - 1)) {
		const label *lb = &l->labels[l->index[k] - 1];
		if (strcmp(lb->name, name) || strcmp(lb->field, field))
			continue;
		const char *q = lb->links;
		while (*q) {
			const char *bar = strchr(q, '|');
			size_t ql = bar ? (size_t)(bar - q) : strlen(q);
			const char *colon = memchr(q, ':', ql);
			char lf[16], v[LABEL_MAX];
			if (colon && (size_t)(colon - q) < sizeof lf &&
			    ql - (size_t)(colon - q) - 1 < sizeof v) {
				/* copied, not snprintf'd: this runs for every theme
				 * of every segment */
				size_t fl = (size_t)(colon - q);
				size_t vl = ql - fl - 1;
				memcpy(lf, q, fl);
				lf[fl] = '\0';
				memcpy(v, colon + 1, vl);
				v[vl] = '\0';
				if (fn)
					fn(lf, v, ud);
				n++;
			}
			q += ql + (bar ? 1 : 0);
		}
		break;
	}
	return n;
}
