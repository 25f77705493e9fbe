/* segment_upr.c - what is particular to the report of the Working Group on
 * the Universal Periodic Review.
 *
 * The report's conclusions hold one or more lists, each introduced by a
 * numbered paragraph that says what the State under review made of them
 * ("... enjoy the support of X:", "The following recommendations will be
 * examined by X", "The recommendations below did not enjoy the support of
 * X:"). From the second cycle on, items are numbered "115.3" within
 * paragraph 115; in the first cycle they are numbered "1.", "2.", ...
 * within their paragraph, so their numbers run into those of the
 * paragraphs, and PDF text may run two items together on one line. Each
 * item ends with the States that made it in parentheses, and clustered
 * items name several groups of States. First-cycle reports also name the
 * recommendations the State did not support by the paragraph of the
 * dialogue that made them ("paragraphs 26 (e), 29, 49 (b) above did not
 * enjoy the support of Burundi"). */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonl.h"
#include "segment_int.h"
#include "swar.h"

/* Returns true when the n bytes at s hold needle, regardless of case. */
static bool
has_ci(const char *s, size_t n, const char *needle)
{
	return hri_seg_find_ci(s, n, needle) >= 0;
}

/* One reference of "paragraphs 26 (e), 29, 49 (b), 23 (last sentence)". */
struct ref {
	int para;
	char what;  /* the item letter, 0 for the whole paragraph, 'L' for
	               its last sentence */
};

#define REFS_MAX 128 /* references one paragraph may make */

bool
hri_seg_upr_title(const char *s)
{
	static const char name[] =
		"report of the working group on the universal periodic review";
	size_t i = 0;
	const char *p;

	/* the title may be cut over lines, its words split by any spaces */
	for (; *s; s++) {
		p = s;
		i = 0;
		while (*p && name[i]) {
			if (name[i] == ' ') {
				if (*p != ' ' && *p != '\n')
					break;
				while (*p == ' ' || *p == '\n')
					p++;
				i++;
				continue;
			}
			if (tolower((unsigned char)*p) != name[i])
				break;
			p++;
			i++;
		}
		if (!name[i])
			return true;
	}
	return false;
}

/* The State under review from the title ("Report of the Working Group on
 * the Universal Periodic Review*: Djibouti"): the State the words after
 * "Review" begin with. Writes it into out (outsz bytes) or leaves out. */
static void
title_state(const hri_states *st, const char *title, char *out, size_t outsz)
{
	const char *p = strstr(title, "Periodic Review"), *c;
	size_t used;

	if (!p || !st)
		return;
	p += strlen("Periodic Review");
	/* note marks, "*" and U+2217, a colon and spaces */
	while (*p == '*' || *p == ':' || *p == ' ' ||
	       strncmp(p, "\xe2\x88\x97", 3) == 0)
		p += *p == '\xe2' ? 3 : 1;
	c = hri_states_prefix(st, p, strlen(p), &used);
	if (c)
		snprintf(out, outsz, "%s", c);
}

void
hri_seg_upr_masthead(hri_seg *s, const char *title)
{
	if (!s->upr && title && hri_seg_upr_title(title))
		s->upr = true;
	if (s->upr && title && !s->sur[0])
		title_state(s->states, title, s->sur, sizeof s->sur);
}

/* Reads the Working Group session of paragraph 1, "held its seventh
 * session" or "held its 18th session", into s->wg_session, and the State
 * under review of "The review of Angola was held" when the title did not
 * give it. Paragraph 1 of a report that the masthead did not show as a UPR
 * report, "The Working Group on the Universal Periodic Review ...
 * held its ...", makes it one. */
static void
upr_first_paragraph(hri_seg *s, const char *text)
{
	const char *p = strstr(text, "held its "), *w, *c;
	size_t used;
	char *e;
	long v;

	if (!p)
		return;
	if (!s->upr && strncmp(text, "The Working Group on the Universal "
	                           "Periodic Review", 50) == 0)
		s->upr = true;
	if (!s->upr)
		return;
	w = p + strlen("held its ");
	p = strstr(w, " session");
	if (p && p - w < 20) {
		v = strtol(w, &e, 10);
		if (e > w && (e == p || isalpha((unsigned char)*e)))
			s->wg_session = (int)v;
		else
			s->wg_session = hri_segment_ordinal(w, (size_t)(p - w));
	}
	p = strstr(text, "review of ");
	if (!s->sur[0] && p && s->states) {
		p += strlen("review of ");
		c = hri_states_prefix(s->states, p, strlen(p), &used);
		if (c)
			snprintf(s->sur, sizeof s->sur, "%s", c);
	}
}

/* ---- recommendation numbers ---- */

bool
hri_seg_upr_numbered(const char *s, int *para, int *num, const char **rest)
{
	char *e;
	long a, b;

	if (!isdigit((unsigned char)s[0]))
		return false;
	a = strtol(s, &e, 10);
	if (*e != '.' || !isdigit((unsigned char)e[1]) || a < 1 ||
	    a >= HRI_SEG_PARA_MAX)
		return false;
	b = strtol(e + 1, &e, 10);
	if (b < 1 || b > 999)
		return false;
	if (*e == '.')
		e++;
	/* the PDF text may lose the space: "115.9Consider" */
	if (*e != ' ' && *e != '\0' && !isupper((unsigned char)*e))
		return false;
	while (*e == ' ')
		e++;
	*para = (int)a;
	*num = (int)b;
	*rest = e;
	return true;
}

bool
hri_seg_upr_k_numbered(const char *s, int *n, const char **rest)
{
	const char *e = s;
	long v = 0;

	while (isdigit((unsigned char)*e) && e - s < 3)
		v = v * 10 + (*e++ - '0');
	if (e == s || isdigit((unsigned char)*e) || *e != '.' || v < 1)
		return false;
	e++;
	while (*e == ' ')
		e++;
	/* an item opens with a capital, "(a)", a quote, or nothing (its text
	 * on the next line); "1.5" and "3. and" are no items */
	if (*e != '\0' && !isupper((unsigned char)*e) && *e != '(' &&
	    strncmp(e, "\xe2\x80\x9c", 3) != 0 && *e != '"')
		return false;
	*n = (int)v;
	*rest = e;
	return true;
}

/* Returns true when the digits of a (a misprint, "214") are those of b
 * ("124") with two swapped or one changed: a report's typing slip in an
 * item number, which still says which paragraph it belongs to. */
static bool
misprint_of(int a, int b)
{
	char x[16], y[16];
	size_t n, i, diff = 0, d[2] = {0, 0};

	snprintf(x, sizeof x, "%d", a);
	snprintf(y, sizeof y, "%d", b);
	n = strlen(x);
	if (n != strlen(y) || n < 2)
		return false;
	for (i = 0; i < n; i++)
		if (x[i] != y[i]) {
			if (diff < 2)
				d[diff] = i;
			diff++;
		}
	if (diff == 1)
		return true;
	return diff == 2 && x[d[0]] == y[d[1]] && x[d[1]] == y[d[0]];
}

/* Returns true when text, the start of a numbered paragraph, reads like a
 * paragraph of a report's conclusions ("The following recommendations
 * ...", "All conclusions and/or recommendations ...", "Estonia considers
 * that the recommendations ...") rather than like a recommendation, which
 * opens with what to do. */
static bool
paragraph_like(const hri_seg *s, const char *text)
{
	static const char *open[] = {"The ", "All ", "These ", "Those ",
	                             "Other ", "In ", "Recommendations ",
	                             "Responses ", "Response ", "Following ",
	                             NULL};
	size_t n = strnlen(text, 240), i, used;
	bool opens = false;
	const char *c;

	for (i = 0; open[i] && !opens; i++)
		opens = strncmp(text, open[i], strlen(open[i])) == 0;
	if (!opens && s->states && s->sur[0]) {
		c = hri_states_prefix(s->states, text, n, &used);
		opens = c && strcmp(c, s->sur) == 0;
	}
	return opens && (has_ci(text, n, "recommendation") ||
	                 has_ci(text, n, "conclusion"));
}

static size_t read_refs(const char *text, int last, struct ref *refs);

/* Returns true when text (of paragraph para) names earlier paragraphs of
 * the report by number, "paragraphs 26 (e), 29, 49 (b)". */
static bool
names_paragraphs(const char *text, int para)
{
	struct ref refs[REFS_MAX];

	return read_refs(text, para, refs) > 0;
}

/* Returns true when the paragraph text so far introduces a list of
 * recommendations: it ends with a colon, or says "following
 * recommendations", "listed below", "recommendations below". */
static bool
introduces_list(const hri_strbuf *b)
{
	size_t n = b->len;

	while (n > 0 && b->s[n - 1] == ' ')
		n--;
	if (n == 0)
		return false;
	return b->s[n - 1] == ':' ||
	       has_ci(b->s, n, "following recommendation") ||
	       has_ci(b->s, n, "listed below") ||
	       has_ci(b->s, n, "recommendations below") ||
	       has_ci(b->s, n, "recommendation below");
}

void
hri_seg_upr_mark(hri_seg *s, int para)
{
	json_object_set_new_nocheck(s->cur.rec, "recommending", json_array());
	if (para < HRI_SEG_PARA_MAX && s->position[para])
		json_object_set_new_nocheck(s->cur.rec, "position",
		                    json_string(s->position[para] > 0 ? "supported"
		                                                      : "noted"));
	s->title_open = false;
}

bool
hri_seg_upr_lettered(const hri_seg *s)
{
	const hri_strbuf *b = &s->cur.text;

	if (s->response || s->upr_item > 0 || !s->cur.rec)
		return false;
	/* the first, after the paragraph's colon; the next, after one */
	if (s->cur.kind == K_PARAGRAPH)
		return !s->item[0] && introduces_list(b) && b->len &&
		       b->s[b->len - 1] != ',';
	return s->cur.kind == K_RECOMMENDATION && s->item[0] &&
	       !(b->len && b->s[b->len - 1] == ',');
}

/* Marks the recommendation just opened as item num of paragraph para. */
static void
mark_recommendation(hri_seg *s, int para, int num)
{
	s->upr_item = num;
	hri_seg_upr_mark(s, para);
}

/* Opens recommendation num of paragraph para with its first text. */
static hri_status
open_item(hri_seg *s, int para, int num, const char *rest, int page)
{
	char full[24], *e; /* "%d.%d" */
	hri_status st;

	e = hri_seg_put_int(full, para);
	*e++ = '.';
	*hri_seg_put_int(e, num) = '\0';
	st = hri_seg_open(s, K_RECOMMENDATION, para, full, full, page);
	if (st)
		return st;
	mark_recommendation(s, para, num);
	return hri_seg_append(s, &s->cur.text, rest, para);
}

hri_status
hri_seg_rule_upr_item(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *rest;
	int rp, rn;

	*took = false;
	if (!hri_seg_upr_numbered(ln->text, &rp, &rn, &rest) ||
	    !(s->upr || s->recs) || s->para <= 0 || s->response)
		return HRI_OK;
	/* "214.60" in the list of paragraph 124, after 124.59 */
	if (rp != s->para &&
	    !(s->upr && s->upr_item > 0 && rn == s->upr_item + 1 &&
	      misprint_of(rp, s->para)))
		return HRI_OK;
	*took = true;
	s->dotted = true;
	return open_item(s, s->para, rn, rest, ln->l->page);
}

/* Returns true when text opens an item whose number the PDF text lost
 * with the first letter of "To": "o remove ..." after an item that ended
 * (";" or "."). No English line opens with a lone "o". */
static bool
lost_number(const hri_seg *s, const char *text)
{
	const hri_strbuf *b = &s->cur.text;

	return s->upr_item > 0 && s->cur.kind == K_RECOMMENDATION && b->len &&
	       (b->s[b->len - 1] == ';' || b->s[b->len - 1] == '.') &&
	       text[0] == 'o' && text[1] == ' ' && islower((unsigned char)text[2]);
}

hri_status
hri_seg_rule_upr_k_item(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *rest;
	int n;

	*took = false;
	if (!s->upr || s->response || s->para <= 0 || s->dotted)
		return HRI_OK;
	if (lost_number(s, ln->text)) {
		*took = true;
		return open_item(s, s->para, s->upr_item + 1, ln->text,
		                 ln->l->page);
	}
	if (!hri_seg_upr_k_numbered(ln->text, &n, &rest) || n != s->upr_item + 1)
		return HRI_OK;
	/* the first item needs a list to open: a recommendations section, or
	 * a paragraph that introduces one */
	if (n == 1 && !s->recs &&
	    !(s->cur.kind == K_PARAGRAPH && introduces_list(&s->cur.text)))
		return HRI_OK;
	/* what follows a paragraph naming dialogue paragraphs ("paragraphs 26
	 * (e), 29 ... did not enjoy the support of Burundi:") explains why,
	 * item by item: "1. With regard to recommendations ..." */
	if (n == 1 && s->cur.kind == K_PARAGRAPH && s->cur.text.s &&
	    names_paragraphs(s->cur.text.s, s->para))
		return HRI_OK;
	/* item 68 of paragraph 67 or paragraph 68: what it says tells */
	if (n > s->para && n <= s->para + 3 && paragraph_like(s, rest))
		return HRI_OK;
	/* a sub-subsection "1. Title" would be a heading elsewhere */
	*took = true;
	return open_item(s, s->para, n, rest, ln->l->page);
}

size_t
hri_seg_upr_next_marker(const hri_seg *s, const char *text, size_t from)
{
	char want[24], *e;
	const char *p, *q, *rest;
	int a, b, n;
	bool first;

	if (!s->upr || s->response || s->para <= 0 || !s->cur.rec)
		return 0;
	/* inside a list, or in the paragraph that introduces one */
	first = s->cur.kind == K_PARAGRAPH && s->upr_item == 0;
	if (!first && !(s->cur.kind == K_RECOMMENDATION && s->upr_item > 0))
		return 0;
	/* "%d.%d" or "%d.", by hand: snprintf was a third of this search */
	e = want;
	if (s->dotted) {
		e = hri_seg_put_int(e, s->para);
		*e++ = '.';
		e = hri_seg_put_int(e, s->upr_item + 1);
	} else {
		e = hri_seg_put_int(e, s->upr_item + 1);
		*e++ = '.';
	}
	*e = '\0';
	for (p = strstr(text + from, want); p; p = strstr(p + 1, want)) {
		if (p == text || isdigit((unsigned char)p[-1]))
			continue;
		/* what comes before ends an item, "(Brazil); 2.", or is the
		 * colon of the paragraph introducing the list */
		q = p;
		while (q > text && q[-1] == ' ')
			q--;
		if (q == text || !(first ? q[-1] == ':' : strchr(";.)", q[-1]) != NULL))
			continue;
		if (first && !has_ci(text, (size_t)(q - text), "recommendation"))
			return 0;
		if (s->dotted ? hri_seg_upr_numbered(p, &a, &b, &rest)
		              : (hri_seg_upr_k_numbered(p, &n, &rest) && *rest))
			return (size_t)(p - text);
	}
	return 0;
}

/* ---- the States that made a recommendation ---- */

/* Appends to arr the States the parenthesis of len bytes at g lists, in
 * order, each once; a parenthesis that lists no States is searched for
 * inner ones ("(as the Committee (CEDAW) asked)"). */
static void
group_states(const hri_states *st, const char *g, size_t len, json_t *arr)
{
	const char *names[HRI_STATES_LIST_MAX];
	size_t n = hri_states_list(st, g, len, names, HRI_STATES_LIST_MAX), i, j;
	const char *b;
	int depth;
	bool dup;

	for (i = 0; i < n; i++) {
		dup = false;
		for (j = 0; j < json_array_size(arr) && !dup; j++)
			dup = strcmp(json_string_value(json_array_get(arr, j)),
			             names[i]) == 0;
		if (!dup)
			json_array_append_new(arr, json_string(names[i]));
	}
	if (n)
		return;
	for (i = 0; i < len; i++) {
		if (g[i] != '(')
			continue;
		b = g + i + 1;
		depth = 1;
		for (j = i + 1; j < len && depth; j++)
			depth += g[j] == '(' ? 1 : g[j] == ')' ? -1 : 0;
		if (depth == 0)
			group_states(st, b, (size_t)(g + j - 1 - b), arr);
		i = j - 1;
	}
}

json_t *
hri_seg_recommending(const hri_states *st, const char *text)
{
	json_t *arr = json_array();
	const char *p, *b;
	int depth;

	if (!arr || !st)
		return arr;
	/* every parenthesis at the top level, in order */
	for (p = text; *p; p++) {
		if (*p != '(')
			continue;
		b = p + 1;
		depth = 1;
		for (p = b; *p && depth; p++)
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (depth) {
			/* a parenthesis the report left open at the end:
			 * "(Iran (Islamic Republic of);" */
			group_states(st, b, strlen(b), arr);
			break;
		}
		group_states(st, b, (size_t)(p - 1 - b), arr);
		p--;
	}
	return arr;
}

/* ---- positions ---- */

/* Phrases of a list's introduction, lower case, by what they say. */
static const char *const examined[] = {"will be examined",
                                       "will be further examined",
                                       "will provide responses",
                                       "will provide its responses",
                                       "will provide appropriate responses",
                                       "will respond", "responses to the following",
                                       "were made to", NULL};
static const char *const noted[] = {"did not enjoy", "do not enjoy",
                                    "takes note of", "take note of",
                                    "took note of",
                                    "does not enjoy", "not accepted",
                                    "not be accepted", "not supported",
                                    "were noted", "been noted", "be noted",
                                    "are noted", "is noted", "rejected",
                                    "cannot accept", "cannot support",
                                    "does not accept", "does not support",
                                    "following recommendations noted",
                                    NULL};
static const char *const supported[] = {"enjoy its support",
                                        "enjoys its support",
                                        "enjoyed its support",
                                        "enjoy the support",
                                        "enjoys the support",
                                        "enjoyed the support",
                                        "been accepted", "are accepted",
                                        "were accepted", "is accepted",
                                        "accepts the following",
                                        "accepted the following",
                                        "are supported", "were supported",
                                        "supports the following",
                                        "agrees to follow up",
                                        "already implemented",
                                        "already been implemented",
                                        "already being implemented",
                                        "process of implementation",
                                        NULL};

/* The three lists, in the order their answers rule. */
static const char *const *const lists[] = {examined, noted, supported};
enum {
	LISTS = sizeof lists / sizeof lists[0],
	/* every phrase of the lists (the NULLs counted out) */
	PHRASES_MAX = sizeof examined / sizeof examined[0] +
	              sizeof noted / sizeof noted[0] +
	              sizeof supported / sizeof supported[0] - LISTS
};

/* The phrases by their first two bytes, for one pass over a paragraph in
 * place of a memmem a phrase (forty passes): first2[b0 | b1 << 8] is 0, or
 * 1 + the first of the phrases opening so in by_first2, which are sorted
 * by their first two bytes. */
static struct phrase {
	const char *s;    /* the phrase, lower case */
	size_t len;       /* its bytes */
	unsigned key;     /* its first two bytes, b0 | b1 << 8 */
	unsigned char in; /* the index of its list in lists */
} by_first2[PHRASES_MAX];
static size_t n_phrases;
static unsigned char first2[65536];

/* Orders phrases by their first two bytes. */
static int
cmp_phrase(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* Fills by_first2 and first2, once a process. */
static void
phrases_index(void)
{
	size_t l, i;
	const char *p;

	if (n_phrases)
		return;
	for (l = 0; l < LISTS; l++)
		for (i = 0; lists[l][i]; i++) {
			p = lists[l][i];
			by_first2[n_phrases++] = (struct phrase){
				p, strlen(p),
				(unsigned char)p[0] | (unsigned)(unsigned char)p[1] << 8,
				(unsigned char)l};
		}
	qsort(by_first2, n_phrases, sizeof by_first2[0], cmp_phrase);
	for (i = n_phrases; i-- > 0;)
		first2[by_first2[i].key] = (unsigned char)(i + 1);
}

/* Sets found[l] when the len bytes at b hold a phrase of lists[l]. */
static void
find_phrases(const char *b, size_t len, bool found[LISTS])
{
	const unsigned char *u = (const unsigned char *)b;
	const struct phrase *ph;
	size_t i, k;
	unsigned key;

	phrases_index();
	for (i = 0; i + 1 < len; i++) {
		key = u[i] | (unsigned)u[i + 1] << 8;
		if (!first2[key])
			continue;
		for (k = first2[key] - 1u; k < n_phrases && by_first2[k].key == key; k++) {
			ph = &by_first2[k];
			if (ph->len <= len - i && memcmp(b + i, ph->s, ph->len) == 0)
				found[ph->in] = true;
		}
	}
}

hri_status
hri_seg_upr_position(hri_seg *s, const char *text, size_t len, int *pos)
{
	hri_strbuf *b = &s->lower;
	bool found[LISTS] = {false};
	hri_status st;
	size_t i;
	unsigned char c;
	uint64_t w, low7;

	*pos = 0;
	/* every paragraph is searched for some forty phrases in any case: one
	 * lower-case copy and one pass over it (find_phrases) cost far less
	 * than a case-insensitive compare at every byte for each phrase; most
	 * paragraphs stop at "recommendation" */
	hri_strbuf_reset(b);
	st = hri_strbuf_add(b, text, len);
	if (st)
		return st;
	/* eight bytes at a time: a byte of 'A'..'Z' (high bit clear, at
	 * least 'A' and not past 'Z') gets its 0x20 bit */
	for (i = 0; i + 8 <= len; i += 8) {
		w = hri_swar_load(b->s + i);
		low7 = w & ~HRI_SWAR_HIGHS;
		w |= (((low7 + (0x80 - 'A') * HRI_SWAR_ONES) ^
		       (low7 + (0x80 - 'Z' - 1) * HRI_SWAR_ONES)) &
		      ~w & HRI_SWAR_HIGHS) >> 2;
		memcpy(b->s + i, &w, sizeof w);
	}
	for (; i < len; i++) {
		c = (unsigned char)b->s[i];
		b->s[i] = (char)(c + (((unsigned)(c - 'A') < 26u) << 5));
	}
	if (!memmem(b->s, len, "recommendation", 14))
		return HRI_OK;
	find_phrases(b->s, len, found);
	/* "notes the following recommendations and will provide responses":
	 * a position to come */
	if (found[0])
		return HRI_OK;
	if (found[1])
		*pos = -1;
	else if (found[2])
		*pos = 1;
	return HRI_OK;
}

/* ---- recommendations named by the paragraph that made them ---- */


/* Skips spaces at *p. */
static const char *
skip_sp(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Reads the references after "paragraph(s)" in text into refs (at most
 * REFS_MAX), each to a paragraph before last; returns how many. */
static size_t
read_refs(const char *text, int last, struct ref *refs)
{
	const char *p = strstr(text, "paragraph"), *q;
	size_t n = 0;
	int para = 0;
	char *e;
	long v;

	if (!p)
		return 0;
	p += strlen("paragraph");
	if (*p == 's')
		p++;
	/* "paragraphs numbers 26 (a)", "paragraphs nos. 23" */
	p = skip_sp(p);
	if (strncmp(p, "numbers ", 8) == 0 || strncmp(p, "nos. ", 5) == 0 ||
	    strncmp(p, "No. ", 4) == 0 || strncmp(p, "Nos. ", 5) == 0)
		p = strchr(p, ' ');
	for (;;) {
		p = skip_sp(p);
		if (isdigit((unsigned char)*p)) {
			v = strtol(p, &e, 10);
			/* "77.13": a second-cycle item, not a paragraph */
			if (v < 1 || v >= last || (*e == '.' && isdigit((unsigned char)e[1])))
				break;
			para = (int)v;
			p = e;
			q = skip_sp(p);
			if (*q != '(' && n < REFS_MAX)
				refs[n++] = (struct ref){para, 0};
			continue;
		}
		if (*p == '(' && para) {
			q = p + 1;
			if (strncmp(q, "last sentence)", 14) == 0) {
				if (n < REFS_MAX)
					refs[n++] = (struct ref){para, 'L'};
				p = q + 14;
				continue;
			}
			/* "(b)", "(a, d)", "(b, c, d, e, f)" */
			while (islower((unsigned char)*q) &&
			       (q[1] == ')' || q[1] == ',')) {
				if (n < REFS_MAX)
					refs[n++] = (struct ref){para, *q};
				q = skip_sp(q + 1 + (q[1] == ','));
				if (q[-1] == ')' || *q == ')')
					break;
			}
			if (*q == ')')
				q++;
			if (q[-1] != ')')
				break;
			p = q;
			continue;
		}
		if (*p == ',' || *p == ';') {
			p++;
			continue;
		}
		if (strncmp(p, "and ", 4) == 0) {
			p += 4;
			continue;
		}
		break;
	}
	return n;
}

/* Finds the item marker "(x)" in text: preceded by a space or the start,
 * followed by a space. Returns it or NULL. */
static const char *
find_marker(const char *text, char x)
{
	const char *p;
	char m[4] = {'(', x, ')', '\0'};

	for (p = strstr(text, m); p; p = strstr(p + 1, m))
		if ((p == text || p[-1] == ' ') && (p[3] == ' ' || !p[3]))
			return p;
	return NULL;
}

/* Returns the end of the first sentence that starts at p: after ". " and
 * before a capital, or the end of the text. */
static const char *
sentence_end(const char *p)
{
	for (; *p; p++)
		if (*p == '.' && p[1] == ' ' && isupper((unsigned char)p[2]))
			return p + 1;
	return p;
}

/* Sets *b and *e to the text of reference r in paragraph text: from its
 * marker "(b)" to the end of that sentence (or the next marker); the last
 * sentence; or, for a whole paragraph, from the first sentence that
 * recommends to the end. A marker the text lacks (the report's final text
 * dropped the letters its draft had) makes r a whole-paragraph one. */
static void
ref_span(const char *text, struct ref *r, const char **b, const char **e)
{
	const char *m = NULL, *p, *next;

	if (r->what && r->what != 'L') {
		m = find_marker(text, r->what);
		if (!m)
			r->what = 0;
	}
	if (m) {
		*b = skip_sp(m + 3);
		*e = sentence_end(*b);
		next = find_marker(*b, (char)(r->what + 1));
		if (next && next < *e)
			*e = next;
		return;
	}
	*b = text;
	*e = text + strlen(text);
	if (r->what == 'L') {
		for (p = text; *p; p++)
			if (p[0] == '.' && p[1] == ' ' && isupper((unsigned char)p[2]))
				*b = p + 2;
		return;
	}
	for (p = text; *p; p = skip_sp(next)) {
		next = sentence_end(p);
		if (has_ci(p, (size_t)(next - p), "recommend")) {
			*b = p;
			return;
		}
	}
}

/* Returns the State that speaks in a dialogue paragraph: the one it opens
 * with ("The Netherlands welcomed ..."), else the first named before it
 * recommends ("While appreciating ..., the Czech Republic recommended"),
 * never the State under review; NULL when none. */
static const char *
speaker(const hri_seg *s, const char *text)
{
	const char *p, *stop = strstr(text, "ecommend"), *c;
	size_t used;

	if (!s->states)
		return NULL;
	if (!stop)
		stop = text + strlen(text);
	for (p = text; p < stop; p++) {
		if (p > text && (p[-1] != ' ' || !isupper((unsigned char)*p)))
			continue;
		c = hri_states_prefix(s->states, p, strnlen(p, 200), &used);
		if (c && strcmp(c, s->sur) != 0)
			return c;
	}
	return NULL;
}

/* Orders the recommendations of one paragraph: the whole paragraph's,
 * then by item letter, then its last sentence. */
static int
ref_rank(const char *label)
{
	if (!label)
		return 0;
	if (label[1] == 'l' && label[2] == 'a')
		return 'z' + 1;
	return label[1];
}

/* Adds the recommendation that reference r names in the paragraph at index
 * pi of s->segs, with position pos (-1 noted, 1 supported, 0 none), after
 * the paragraph and the recommendations of it already added that come
 * before; one that is there already is not added again. */
static hri_status
add_ref(hri_seg *s, size_t pi, struct ref *r, int pos)
{
	json_t *para = json_array_get(s->segs, pi), *rec, *who, *next;
	const char *text = hri_json_str(para, "text"), *b, *e, *c, *kind;
	char id[HRI_SEG_ID_MAX], label[24], suffix[48];
	size_t at;

	if (!text)
		return HRI_OK;
	ref_span(text, r, &b, &e);
	while (e > b && e[-1] == ' ')
		e--;
	if (e <= b)
		return HRI_OK;
	if (r->what == 'L')
		snprintf(label, sizeof label, "(last sentence)");
	else if (r->what)
		snprintf(label, sizeof label, "(%c)", r->what);
	else
		label[0] = '\0';
	snprintf(suffix, sizeof suffix, "%d%s", r->para,
	         r->what == 'L' ? "(last-sentence)" : r->what ? label : ".rec");
	snprintf(id, sizeof id, "%s#%s", s->sym, suffix);
	if (json_object_get(s->ids, id))
		return HRI_OK; /* named twice, by two lists */
	for (at = pi + 1; at < json_array_size(s->segs); at++) {
		next = json_array_get(s->segs, at);
		kind = hri_json_str(next, "kind");
		if (!kind || strcmp(kind, "recommendation") != 0 ||
		    hri_json_int(next, "para", 0) != r->para ||
		    ref_rank(hri_json_str(next, "label")) > ref_rank(label[0] ? label : NULL))
			break;
	}
	who = json_array();
	c = speaker(s, text);
	if (who && c)
		json_array_append_new(who, json_string(c));
	rec = json_pack("{s:s,s:s,s:s,s:s,s:O,s:s?,s:O,s:O,s:O,s:s#,s:o,s:s?}",
	                "type", "segment", "symbol", s->sym, "id", id, "kind",
	                "recommendation", "para", json_object_get(para, "para"),
	                "label", label[0] ? label : NULL, "section",
	                json_object_get(para, "section"), "section_title",
	                json_object_get(para, "section_title"), "page",
	                json_object_get(para, "page"), "text", b, (int)(e - b),
	                "recommending", who, "position",
	                pos < 0 ? "noted" : pos > 0 ? "supported" : NULL);
	if (!rec || json_array_insert_new(s->segs, at, rec) ||
	    json_object_set_new(s->ids, id, json_true()))
		return HRI_ERR_NOMEM;
	s->meta->recommendations++;
	return HRI_OK;
}

hri_status
hri_seg_upr_refs(hri_seg *s, const char *text, int para, int pos)
{
	struct ref refs[REFS_MAX];
	size_t n = read_refs(text, para, refs), i, k;
	json_t *seg = NULL;
	const char *kind, *t;
	hri_status st;

	for (i = 0; i < n; i++) {
		/* the dialogue paragraph: not one of the conclusions' lists */
		json_array_foreach(s->segs, k, seg) {
			kind = hri_json_str(seg, "kind");
			if (kind && strcmp(kind, "paragraph") == 0 &&
			    hri_json_int(seg, "para", 0) == refs[i].para)
				break;
		}
		if (k == json_array_size(s->segs))
			continue;
		t = hri_json_str(seg, "section_title");
		if (t && (has_ci(t, strlen(t), "recommendation") ||
		          has_ci(t, strlen(t), "conclusion")))
			continue;
		st = add_ref(s, k, &refs[i], pos);
		if (st)
			return st;
	}
	return HRI_OK;
}

/* Returns true when text names recommendations by their number, "77.13"
 * or "136.1-136.3". */
static bool
names_items(const char *text)
{
	const char *p;

	for (p = text; *p; p++)
		if (isdigit((unsigned char)p[0]) && p[1] == '.' &&
		    (isdigit((unsigned char)p[2]) ||
		     (p[2] == ' ' && isdigit((unsigned char)p[3]))) &&
		    p > text && isdigit((unsigned char)p[-1]))
			return true;
	return false;
}

/* A paragraph after a list that gives its position, "These
 * recommendations enjoy the support of X", "The recommendations listed
 * above ...": the items of paragraph para - 1 that the list's own
 * introduction left without one take it. */
static void
position_after(hri_seg *s, int para, const char *text, size_t len, int pos)
{
	const char *name = pos > 0 ? "supported" : "noted", *k;
	json_t *seg;
	size_t i;
	int prev = para - 1;

	if (pos == 0 || prev < 1 || prev >= HRI_SEG_PARA_MAX ||
	    s->position[prev] != 0 ||
	    !(strncmp(text, "These recommendations", 21) == 0 ||
	      has_ci(text, len, "recommendations above") ||
	      has_ci(text, len, "listed above")) ||
	    names_items(text) || names_paragraphs(text, para))
		return;
	s->position[prev] = (signed char)pos;
	json_array_foreach(s->segs, i, seg) {
		k = hri_json_str(seg, "kind");
		if (k && strcmp(k, "recommendation") == 0 &&
		    hri_json_int(seg, "para", 0) == prev &&
		    !json_object_get(seg, "position"))
			json_object_set_new_nocheck(seg, "position", json_string(name));
	}
}

hri_status
hri_seg_upr_paragraph(hri_seg *s, int para, const char *text, size_t len,
                      int pos)
{
	if (para == 1)
		upr_first_paragraph(s, text);
	if (s->upr && s->recs)
		position_after(s, para, text, len, pos);
	if (!s->upr || !s->recs || !has_ci(text, len, "paragraph") ||
	    !has_ci(text, len, "recommendation"))
		return HRI_OK;
	return hri_seg_upr_refs(s, text, para, pos);
}
