/* segment_upr.c - what is particular to the report of the Working Group on
 * the Universal Periodic Review: its recommendations, numbered "115.3"
 * inside paragraph 115 (second cycle on) or "1.", "2." inside their
 * paragraph (first cycle), the States that made each, written in
 * parentheses after it, and the position the paragraph above a list gives
 * them ("The following recommendations will be examined", "did not enjoy
 * the support of"). */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_int.h"

bool
hri_seg_upr_numbered(const char *s, int *para, int *num, const char **rest)
{
	char *e;
	long a, b;

	if (!isdigit((unsigned char)s[0]))
		return false;
	a = strtol(s, &e, 10);
	if (*e != '.' || !isdigit((unsigned char)e[1]) || a < 1 || a >= HRI_SEG_PARA_MAX)
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

/* Parses an item label "(a)" or "(xiii)" at s into lab (8 bytes). */

/* Adds to arr the States of first-cycle alternatives, "ratify (Egypt)/
 * consider (Argentina)": a parenthesis followed by "/" names a State. */
static void
slash_states(const char *text, json_t *arr)
{
	const char *p, *b;
	char name[128];
	size_t k, i;
	bool dup;

	for (p = strstr(text, ")/"); p; p = strstr(p + 2, ")/")) {
		b = p;
		while (b > text && b[-1] != '(' && p - b < (long)sizeof name)
			b--;
		if (b == text || b[-1] != '(')
			continue;
		k = (size_t)(p - b);
		if (k == 0 || k >= sizeof name || !isupper((unsigned char)*b) ||
		    strcspn(b, "0123456789/") < k)
			continue;
		memcpy(name, b, k);
		name[k] = '\0';
		dup = false;
		for (i = 0; i < json_array_size(arr); i++)
			if (strcmp(json_string_value(json_array_get(arr, i)), name) == 0)
				dup = true;
		if (!dup)
			json_array_append_new(arr, json_string(name));
	}
}

json_t *
hri_seg_recommending(const char *text)
{
	json_t *arr = json_array(), *tmp;
	size_t e = strlen(text), b, i, k, start;
	int depth;
	char name[256];

	if (!arr)
		return NULL;
	tmp = json_array();
	while (e > 0 && strchr(" ;.,", text[e - 1]))
		e--;
	while (e > 0 && text[e - 1] == ')' && tmp) {
		depth = 0;
		b = e;
		while (b > 0) {
			b--;
			if (text[b] == ')')
				depth++;
			else if (text[b] == '(' && --depth == 0)
				break;
		}
		if (depth != 0)
			break;
		/* the content text[b+1 .. e-1), split on commas at depth 0 */
		start = b + 1;
		depth = 0;
		for (i = b + 1; i <= e - 1; i++) {
			if (i < e - 1 && text[i] == '(')
				depth++;
			else if (i < e - 1 && text[i] == ')')
				depth--;
			if (i == e - 1 || (text[i] == ',' && depth == 0)) {
				k = i - start;
				while (k > 0 && text[start] == ' ') {
					start++;
					k--;
				}
				while (k > 0 && text[start + k - 1] == ' ')
					k--;
				/* as written: "the former Yugoslav Republic of
				 * Macedonia" starts in lower case */
				if (k > 0 && k < sizeof name &&
				    (isupper((unsigned char)text[start]) ||
				     (k > 4 && strncmp(text + start, "the ", 4) == 0 &&
				      isupper((unsigned char)text[start + 4]) == 0 &&
				      strncmp(text + start, "the former Yugoslav", 19) == 0)) &&
				    !memchr(text + start, '/', k) &&
				    strcspn(text + start, "0123456789") >= k) {
					memcpy(name, text + start, k);
					name[k] = '\0';
					/* an acronym "(ICRMW)" is no State */
					if (strpbrk(name, "abcdefghijklmnopqrstuvwxyz"))
						json_array_append_new(tmp, json_string(name));
				}
				start = i + 1;
			}
		}
		/* a parenthesis that is not a list of States ends the run */
		if (json_array_size(tmp) == 0)
			break;
		for (i = json_array_size(tmp); i > 0; i--)
			json_array_insert(arr, 0, json_array_get(tmp, i - 1));
		json_array_clear(tmp);
		e = b;
		while (e > 0 && text[e - 1] == ' ')
			e--;
	}
	json_decref(tmp);
	slash_states(text, arr);
	return arr;
}

hri_status
hri_seg_upr_position(hri_seg *s, const char *text, size_t len, int *pos)
{
	static const char *noted[] = {"did not enjoy", "not accepted",
	                              "not supported", "were noted",
	                              "been noted", "will be noted",
	                              "following recommendations noted", NULL};
	static const char *supported[] = {"enjoy its support",
	                                  "enjoys its support",
	                                  "enjoy the support",
	                                  "enjoys the support",
	                                  "enjoyed the support",
	                                  "been accepted", "are supported",
	                                  NULL};
	hri_strbuf *b = &s->lower;
	hri_status st;
	size_t i;

	*pos = 0;
	/* every paragraph is searched for fourteen phrases in any case: one
	 * lower-case copy and memmem cost far less than a case-insensitive
	 * compare at every byte for each phrase; and each phrase has "not",
	 * "support" or "accept" in it, which most paragraphs lack */
	hri_strbuf_reset(b);
	st = hri_strbuf_add(b, text, len);
	if (st)
		return st;
	for (i = 0; i < len; i++)
		if (b->s[i] >= 'A' && b->s[i] <= 'Z')
			b->s[i] = (char)(b->s[i] - 'A' + 'a');
	if (!memmem(b->s, len, "not", 3) && !memmem(b->s, len, "support", 7) &&
	    !memmem(b->s, len, "accept", 6))
		return HRI_OK;
	for (i = 0; noted[i]; i++)
		if (memmem(b->s, len, noted[i], strlen(noted[i]))) {
			*pos = -1;
			return HRI_OK;
		}
	for (i = 0; supported[i]; i++)
		if (memmem(b->s, len, supported[i], strlen(supported[i]))) {
			*pos = 1;
			return HRI_OK;
		}
	return HRI_OK;
}

/* Gives the recommendation just opened in paragraph para an empty
 * "recommending" (filled when it closes) and the position its paragraph
 * said. */
static void
mark_recommendation(hri_seg *s, int para, int num)
{
	s->upr_item = num;
	json_object_set_new(s->cur.rec, "recommending", json_array());
	if (para < HRI_SEG_PARA_MAX && s->position[para])
		json_object_set_new(s->cur.rec, "position",
		                    json_string(s->position[para] > 0 ? "supported"
		                                                      : "noted"));
	s->title_open = false;
}

hri_status
hri_seg_rule_upr_item(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *rest;
	char full[24];
	int rp, rn;
	hri_status st;

	*took = false;
	if (!hri_seg_upr_numbered(ln->text, &rp, &rn, &rest) || rp != s->para ||
	    !(s->upr || s->recs))
		return HRI_OK;
	*took = true;
	snprintf(full, sizeof full, "%d.%d", rp, rn);
	st = hri_seg_open(s, K_RECOMMENDATION, rp, full, full, ln->l->page);
	if (st)
		return st;
	mark_recommendation(s, rp, rn);
	return hri_seg_append(s, &s->cur.text, rest, rp);
}

hri_status
hri_seg_rule_upr_k_item(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *rest;
	char full[24];
	int n;
	hri_status st;

	*took = false;
	if (!(s->recs && s->upr && s->para > 0) ||
	    !hri_seg_numbered(ln->text, &n, &rest) || n != s->upr_item + 1 ||
	    (n > s->para && n <= s->para + 3) || !isupper((unsigned char)*rest))
		return HRI_OK;
	*took = true;
	snprintf(full, sizeof full, "%d.%d", s->para, n);
	st = hri_seg_open(s, K_RECOMMENDATION, s->para, full, full, ln->l->page);
	if (st)
		return st;
	mark_recommendation(s, s->para, n);
	return hri_seg_append(s, &s->cur.text, rest, s->para);
}
