/* extract_taxonomy.c - themes, SDGs and affected persons by the phrase rules
 * of data/taxonomy.tsv (one value a line, its phrases "|"-separated), all
 * phrases compiled into one caseless trie pattern, plus the Goals and
 * targets a text cites by number ("target 16.9", "Sustainable Development
 * Goal 5", "SDGs 1 and 10"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_gazetteer.h"
#include "extract_int.h"
#include "file.h"
#include "labels.h"
#include "grow.h"


enum {
	FIELD_THEME, FIELD_SDG, FIELD_AFFECTED,
	FIELD_CITED /* built in: "Goal", "target", "SDG" may cite numbers */
};

typedef struct rule {
	int field;     /* FIELD_* */
	char *value;   /* theme name, SDG number, affected group */
	int line;      /* line of the table, for explanations */
} rule;

struct hri_taxonomy {
	hri_gaz *gaz;
	rule *rules;
	size_t nrules, caprules;
	int *first;    /* first rule of each phrase id, -1 when none */
	int *next;     /* next rule of the same phrase, per (phrase, rule) link */
	int *link_rule;
	size_t nlinks, caplinks;
	size_t nphr;   /* phrase ids mapped in first[] */
	pcre2_code *cited; /* Goals and targets written by number */
	int g_goals, g_targets;
	char name[64]; /* file name, for explanations */
	const hri_labels *labels; /* the names a rule may give */
};

static const char cited_pattern[] =
	"\\b(?:Sustainable\\s+Development\\s+Goals?|SDGs?|[Gg]oals?)\\s+"
	"(?<goals>[0-9]{1,2}(?![0-9.])(?:\\s*(?:,|and|&)\\s*[0-9]{1,2}(?![0-9.]))*)"
	"|\\b(?:SDG\\s+)?[Tt]argets?\\s+"
	"(?<targets>[0-9]{1,2}\\.[0-9a-c]{1,2}(?:\\s*(?:,|and|&)\\s*"
	"[0-9]{1,2}\\.[0-9a-c]{1,2})*)";

static const char cited_rule[] = "cited\t\tgoal|goals|sdg|sdgs|target|targets";

void
hri_taxonomy_free(hri_taxonomy *t)
{
	if (!t)
		return;
	hri_gaz_free(t->gaz);
	for (size_t i = 0; i < t->nrules; i++)
		free(t->rules[i].value);
	free(t->rules);
	free(t->first);
	free(t->next);
	free(t->link_rule);
	pcre2_code_free(t->cited);
	free(t);
}

/* Links phrase id to rule r (a phrase may serve several rules). */
static hri_status
link_phrase(hri_taxonomy *t, int id, int r)
{
	if ((size_t)id >= t->nphr) {
		size_t n = (size_t)id + 1;
		int *f = realloc(t->first, n * sizeof *f);
		if (!f)
			return HRI_ERR_NOMEM;
		for (size_t i = t->nphr; i < n; i++)
			f[i] = -1;
		t->first = f;
		t->nphr = n;
	}
	if (t->nlinks == t->caplinks) {
		size_t cap = t->caplinks ? t->caplinks * 2 : 256;
		int *nx = realloc(t->next, cap * sizeof *nx);
		if (!nx)
			return HRI_ERR_NOMEM;
		t->next = nx;
		int *lr = realloc(t->link_rule, cap * sizeof *lr);
		if (!lr)
			return HRI_ERR_NOMEM;
		t->link_rule = lr;
		t->caplinks = cap;
	}
	/* Keep rules of one phrase in table order. */
	int l = (int)t->nlinks++;
	t->link_rule[l] = r;
	t->next[l] = -1;
	if (t->first[id] < 0) {
		t->first[id] = l;
	} else {
		int k = t->first[id];
		while (t->next[k] >= 0)
			k = t->next[k];
		t->next[k] = l;
	}
	return HRI_OK;
}

/* Returns nonzero when value is a label of field in labels.tsv under its
 * current name (an SDG target counts by its goal). */
static int
known_label(const hri_labels *l, int field, const char *value)
{
	static const char *const names[] = {"theme", "sdg", "affected"};
	size_t len = strlen(value);
	if (field == FIELD_SDG && strchr(value, '.'))
		len = (size_t)(strchr(value, '.') - value);
	const char *f = NULL;
	const char *cur = hri_labels_find(l, names[field], value, len, &f);
	return cur && strlen(cur) == len && !memcmp(cur, value, len) &&
	       !strcmp(f, names[field]);
}

/* Parses one table line (s, len) numbered lineno into t. */
static hri_status
parse_line(hri_taxonomy *t, const char *s, size_t len, int lineno)
{
	const char *tab1 = memchr(s, '\t', len);
	if (!tab1)
		return HRI_ERR_FORMAT;
	const char *tab2 = memchr(tab1 + 1, '\t', (size_t)(s + len - tab1 - 1));
	if (!tab2)
		return HRI_ERR_FORMAT;
	size_t fl = (size_t)(tab1 - s);
	int field;
	if (fl == 5 && !memcmp(s, "theme", 5))
		field = FIELD_THEME;
	else if (fl == 3 && !memcmp(s, "sdg", 3))
		field = FIELD_SDG;
	else if (fl == 8 && !memcmp(s, "affected", 8))
		field = FIELD_AFFECTED;
	else if (fl == 5 && !memcmp(s, "cited", 5) && lineno == 0)
		field = FIELD_CITED;
	else
		return HRI_ERR_FORMAT;
	if (hri_grow(&t->rules, t->nrules, &t->caprules, sizeof *t->rules, 64))
		return HRI_ERR_NOMEM;
	rule *r = &t->rules[t->nrules];
	r->field = field;
	r->line = lineno;
	r->value = strndup(tab1 + 1, (size_t)(tab2 - tab1 - 1));
	if (!r->value)
		return HRI_ERR_NOMEM;
	if (field != FIELD_CITED && !known_label(t->labels, field, r->value)) {
		free(r->value);
		return HRI_ERR_NOT_FOUND;
	}
	int ri = (int)t->nrules++;
	const char *p = tab2 + 1, *end = s + len;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *pe = bar ? bar : end;
		if (pe > p) {
			int id;
			hri_status st = hri_gaz_add(t->gaz, p, (size_t)(pe - p), &id);
			if (!st)
				st = link_phrase(t, id, ri);
			if (st)
				return st == HRI_ERR_INVALID ? HRI_ERR_FORMAT : st;
		}
		p = pe + 1;
	}
	return HRI_OK;
}

/* hri_file_table_lines()'s callback: one rule line of the table. */
static hri_status
table_line(const char *line, size_t len, int lineno, void *ud)
{
	hri_status st = parse_line(ud, line, len, lineno);
	/* A value not in labels.tsv is a format error of this table. */
	return st == HRI_ERR_NOT_FOUND ? HRI_ERR_FORMAT : st;
}

hri_status
hri_taxonomy_new(const char *path, const hri_labels *labels,
                 hri_taxonomy **out, char *err, size_t errsz)
{
	*out = NULL;
	hri_taxonomy *t = calloc(1, sizeof *t);
	if (!t)
		return HRI_ERR_NOMEM;
	t->labels = labels;
	const char *base = strrchr(path, '/');
	snprintf(t->name, sizeof t->name, "%s", base ? base + 1 : path);
	hri_status st = hri_gaz_new(HRI_GAZ_CASELESS, &t->gaz);
	if (st)
		goto out;
	st = hri_file_table_lines(path, table_line, t,
	                       "expected field, value and phrases, tab-separated, the "
	                           "value a label of labels.tsv",
	                       err, errsz);
	if (st)
		goto out;
	/* The words that may cite Goals and targets by number: the phrase
	 * scan finds them, and the cited pattern is tried there only. */
	st = parse_line(t, cited_rule, strlen(cited_rule), 0);
	if (st) {
		snprintf(err, errsz, "built-in rule: %s", hri_status_str(st));
		goto out;
	}
	st = hri_gaz_compile(t->gaz, err, errsz);
	if (!st)
		st = hri_x_compile(cited_pattern, PCRE2_ANCHORED, &t->cited, err,
		                   errsz);
	if (st)
		goto out;
	t->g_goals = pcre2_substring_number_from_name(t->cited,
	                                              (PCRE2_SPTR) "goals");
	t->g_targets = pcre2_substring_number_from_name(t->cited,
	                                                (PCRE2_SPTR) "targets");
	*out = t;
	t = NULL;
out:
	hri_taxonomy_free(t);
	return st;
}

/* The state of one scan. */
typedef struct tx_ctx {
	const hri_taxonomy *t;
	hri_x_match *m;
	const char *text;
	size_t len;
	hri_x_list *arr[3]; /* themes, sdgs, affected */
	json_t *explain;  /* or NULL */
	hri_status st;
} tx_ctx;

/* Adds an SDG value (and its goal, for a target) to sdgs. */
static hri_status
push_sdg(hri_x_labels *lt, hri_x_list *sdgs, const char *v, size_t len)
{
	const char *dot = memchr(v, '.', len);
	hri_status st = HRI_OK;
	if (dot)
		st = hri_x_push_label(lt, sdgs, v, (size_t)(dot - v));
	if (!st)
		st = hri_x_push_label(lt, sdgs, v, len);
	return st;
}

/* Records an explanation {field, value, rule, match}. */
static hri_status
explain_add(tx_ctx *c, int field, const char *value, const char *rulename,
            const char *m, size_t ml)
{
	static const char *const names[] = {"themes", "sdgs", "affected"};
	size_t i;
	json_t *v;
	json_array_foreach(c->explain, i, v) {
		const char *f = json_string_value(json_object_get(v, "field"));
		const char *val = json_string_value(json_object_get(v, "value"));
		if (f && val && !strcmp(f, names[field]) && !strcmp(val, value))
			return HRI_OK;
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:s%}", "field", names[field],
	                      "value", value, "rule", rulename, "match", m, ml);
	if (!o || json_array_append_new(c->explain, o))
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

/* Adds the Goals and targets cited by number at byte at of the text
 * ("Goal 17", "targets 16.9 and 16.10", "SDG 5"), if any. */
static hri_status
cited_at(tx_ctx *c, size_t at)
{
	const hri_taxonomy *t = c->t;
	hri_x_match *m = c->m;
	int rc = pcre2_match(t->cited, (PCRE2_SPTR)c->text, c->len, at,
	                     PCRE2_NO_UTF_CHECK, m->md, m->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return HRI_OK;
	if (rc < 0)
		return HRI_ERR_INTERNAL;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	const char *s;
	size_t sl;
	int target = 0;
	/* "Millennium Development Goal 5" is not an SDG. */
	static const char mdg[] = "Millennium Development ";
	if (ov[0] >= sizeof mdg - 1 &&
	    !memcmp(c->text + ov[0] - (sizeof mdg - 1), mdg, sizeof mdg - 1))
		return HRI_OK;
	if (hri_x_group(m->md, c->text, t->g_targets, &s, &sl))
		target = 1;
	else if (!hri_x_group(m->md, c->text, t->g_goals, &s, &sl))
		return HRI_OK;
	size_t ms = ov[0], me = ov[1];
	/* Each number of the list: digits, with ".x" for a target. */
	size_t i = 0;
	while (i < sl) {
		while (i < sl && (s[i] < '0' || s[i] > '9'))
			i++;
		size_t j = i;
		while (j < sl && ((s[j] >= '0' && s[j] <= '9') ||
		                  (target && (s[j] == '.' ||
		                              (s[j] >= 'a' && s[j] <= 'c')))))
			j++;
		if (j > i) {
			long goal = strtol(s + i, NULL, 10);
			if (goal >= 1 && goal <= 17) {
				hri_status st = push_sdg(m->labels, c->arr[FIELD_SDG], s + i,
				                         j - i);
				if (!st && c->explain) {
					char v[16];
					snprintf(v, sizeof v, "%.*s", (int)(j - i), s + i);
					st = explain_add(c, FIELD_SDG, v, "cited by number",
					                 c->text + ms, me - ms);
				}
				if (st)
					return st;
			}
		}
		i = j;
	}
	return HRI_OK;
}

/* The gazetteer callback: applies every rule of phrase id. */
static int
on_phrase(void *ud, int id, size_t s, size_t e)
{
	tx_ctx *c = ud;
	const hri_taxonomy *t = c->t;
	if (id < 0 || (size_t)id >= t->nphr)
		return 0;
	for (int l = t->first[id]; l >= 0; l = t->next[l]) {
		const rule *r = &t->rules[t->link_rule[l]];
		if (r->field == FIELD_CITED) {
			c->st = cited_at(c, s);
			if (c->st)
				return 1;
			continue;
		}
		size_t vl = strlen(r->value);
		hri_x_labels *lt = c->m->labels;
		c->st = r->field == FIELD_SDG ?
		        push_sdg(lt, c->arr[FIELD_SDG], r->value, vl) :
		        hri_x_push_label(lt, c->arr[r->field], r->value, vl);
		if (!c->st && c->explain) {
			char name[96];
			snprintf(name, sizeof name, "%s:%d", t->name, r->line);
			c->st = explain_add(c, r->field, r->value, name, c->text + s,
			                    e - s);
		}
		if (c->st)
			return 1;
	}
	return 0;
}

hri_status
hri_taxonomy_scan(const hri_taxonomy *t, hri_x_match *m, const char *text,
                  size_t len, const hri_gaz_words *ws, hri_x_list *themes,
                  hri_x_list *sdgs, hri_x_list *affected, json_t *explain)
{
	tx_ctx c = {t, m, text, len, {themes, sdgs, affected}, explain, HRI_OK};
	hri_status st = ws ? hri_gaz_scan_words(t->gaz, text, len, ws, m->md,
	                                        m->mc, on_phrase, &c)
	                   : hri_gaz_scan(t->gaz, text, len, m->md, m->mc,
	                                  on_phrase, &c);
	return st ? st : c.st;
}
