/* segment_line.c - what a body line is. First its shapes: a section
 * numeral "VIII.", a subsection letter "A.", a numbered paragraph "45.", an
 * item "(g)" or "(xiii)", page furniture. Then one rule per kind of body
 * line, each deciding from the line and where the document stands (the
 * last numeral, letter and paragraph) whether the line is of its kind;
 * hri_seg_body_line() tries them in order. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "segment_int.h"

int
hri_seg_roman_value(const char *s, size_t len)
{
	int v = 0, prev = 0, c, i;

	if (len == 0 || len > 8)
		return 0;
	for (i = (int)len - 1; i >= 0; i--) {
		switch (s[i]) {
		case 'I': c = 1; break;
		case 'V': c = 5; break;
		case 'X': c = 10; break;
		case 'L': c = 50; break;
		case 'C': c = 100; break;
		default: return 0;
		}
		v += c < prev ? -c : c;
		if (c > prev)
			prev = c;
	}
	return v;
}

void
hri_seg_roman_str(int v, char *out)
{
	static const struct { int v; const char *s; } t[] = {
		{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"},
		{9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
	size_t i, o = 0, n;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		while (v >= t[i].v && o + 4 < 16) {
			n = strlen(t[i].s);
			memcpy(out + o, t[i].s, n);
			o += n;
			v -= t[i].v;
		}
	out[o] = '\0';
}

/* Returns true when the token of len bytes at s is page furniture. */
static bool
furniture_token(const char *s, size_t len, const char *sym)
{
	size_t i, d = 0, slash = 0, dash = 0;

	if (sym && len == strlen(sym) && strncmp(s, sym, len) == 0)
		return true;
	if (len == 3 && strncmp(s, "(E)", 3) == 0)
		return true;
	if ((len == 4 && strncmp(s, "page", 4) == 0) ||
	    (len == 4 && strncmp(s, "Page", 4) == 0))
		return true;
	if (len > 3 && strncmp(s, "GE.", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len > 2 && s[0] == '*' && s[len - 1] == '*') {
		s++;
		len -= 2;
	}
	for (i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i]))
			d++;
		else if (s[i] == '/')
			slash++;
		else if (s[i] == '-')
			dash++;
		else
			return false;
	}
	if (d == 0 || slash + dash > 1)
		return false;
	if (slash == 1)
		return s[0] != '/' && s[len - 1] != '/';
	if (dash == 1)
		return len >= 7 && s[2] == '-';
	return d <= 7;
}

bool
hri_seg_is_furniture(const char *s, const char *sym)
{
	const char *p = s, *q;
	int tokens = 0;

	if (strcmp(s, "Please recycle") == 0 || strcmp(s, "_") == 0)
		return true;
	/* the running head: the symbol, with the spaces a PDF may put in it
	 * ("A/HRC/ 8/29") and the marks of a reissue ("A/HRC/11/16*") */
	for (q = sym; q && *q && *p; p++)
		if (*p == *q)
			q++;
		else if (*p != ' ')
			break;
	if (q && !*q && (*p == '*' || *p == ' ' || !*p)) {
		while (*p == '*')
			p++;
	} else {
		p = s;
	}
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		q = p;
		while (*q && *q != ' ')
			q++;
		if (!furniture_token(p, (size_t)(q - p), sym))
			return false;
		tokens++;
		p = q;
	}
	if (tokens == 0)
		return true;
	/* a run of underscores: the footnote rule of a PDF page */
	return true;
}

bool
hri_seg_is_rule(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s != '_' && *s != '-' && *s != ' ')
			return false;
	return n >= 3;
}

bool
hri_seg_numbered(const char *s, int *n, const char **rest)
{
	char *e;
	long v;

	if (!isdigit((unsigned char)s[0]))
		return false;
	v = strtol(s, &e, 10);
	if (v < 1 || v > 9999 || e - s > 4 || *e != '.')
		return false;
	e++;
	/* the PDF text may lose the space: "1.Slovenia accepts" */
	if (*e != ' ' && *e != '\0' &&
	    !(isupper((unsigned char)e[0]) && islower((unsigned char)e[1])))
		return false;
	while (*e == ' ')
		e++;
	*n = (int)v;
	*rest = e;
	return true;
}

bool
hri_seg_item_label(const char *s, char *lab, const char **rest)
{
	size_t n = 1;

	if (s[0] != '(')
		return false;
	/* "(" + at most 5 letters + ")" + NUL fill lab's 8 bytes: "(xviii)" */
	while (n < 6 && islower((unsigned char)s[n]))
		n++;
	if (n == 1 || s[n] != ')' || (s[n + 1] != ' ' && s[n + 1] != '\0'))
		return false;
	memcpy(lab, s, n + 1);
	lab[n + 1] = '\0';
	s += n + 1;
	while (*s == ' ')
		s++;
	*rest = s;
	return true;
}

bool
hri_seg_label_is_roman(const char *lab, const char *prev_letter)
{
	size_t n = strlen(lab) - 2, i;

	for (i = 0; i < n; i++)
		if (!strchr("ivxl", lab[1 + i]))
			return false;
	/* "(i)" after "(h)" is the letter i */
	if (n == 1 && lab[1] == 'i' && prev_letter[0] && prev_letter[1] == 'h')
		return false;
	if (n == 1 && (lab[1] == 'v' || lab[1] == 'x') && prev_letter[0] &&
	    prev_letter[1] == lab[1] - 1)
		return false;
	return true;
}


int
hri_seg_next_para(const hri_doctext *t, size_t i)
{
	size_t j;
	int n;
	const char *rest;

	for (j = i + 1; j < t->n && j < i + 400; j++)
		if (hri_seg_numbered(t->lines[j].text, &n, &rest) && isupper((unsigned char)rest[0]))
			return n;
	return 0;
}

bool
hri_seg_is_contents(const char *t)
{
	return strcmp(t, "Contents") == 0 || strcmp(t, "CONTENTS") == 0;
}

bool
hri_seg_is_annex(const char *t, char *out)
{
	const char *p;

	if (strncasecmp(t, "annex", 5) != 0)
		return false;
	p = t + 5;
	if (strncasecmp(p, "es", 2) == 0)
		p += 2;
	if (*p == '\0') {
		snprintf(out, 32, "Annex");
		return true;
	}
	if (*p != ' ')
		return false;
	while (*p == ' ')
		p++;
	if (strlen(p) > 6)
		return false;
	if (!hri_seg_roman_value(p, strlen(p)) && !isdigit((unsigned char)*p))
		return false;
	snprintf(out, 32, "Annex %s", p);
	return true;
}


hri_status
hri_seg_rule_footnote(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const hri_docline *l = ln->l;
	json_t *saved = s->cur.rec, *rec;
	hri_seg_cur keep;
	char idsuf[64];
	hri_status st;

	*took = (l->style & HRI_LINE_FOOTNOTE) != 0;
	if (!*took || strcmp(l->note, "*") == 0)
		return HRI_OK;
	/* park the open paragraph while the note is built */
	s->cur.rec = NULL;
	keep = s->cur;
	memset(&s->cur.text, 0, sizeof s->cur.text);
	snprintf(idsuf, sizeof idsuf, "fn%s", l->note);
	st = hri_seg_open(s, K_FOOTNOTE, keep.para ? keep.para : s->para,
	                  l->note, idsuf, l->page);
	if (!st)
		st = hri_seg_append(s, &s->cur.text, ln->text, 0);
	rec = s->cur.rec;
	json_incref(rec);
	if (!st)
		st = hri_seg_close(s);
	json_object_set_new(rec, "note_marker", json_string(l->note));
	json_decref(rec);
	hri_strbuf_free(&s->cur.text);
	s->cur = keep;
	s->cur.rec = saved;
	return st;
}

hri_status
hri_seg_rule_bracketed(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	*took = ln->text[0] == '[' && ln->text[ln->l->len - 1] == ']' &&
	        ln->l->len < 40;
	return HRI_OK;
}

hri_status
hri_seg_rule_annex(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	char annex[32];

	*took = hri_seg_is_annex(ln->text, annex) && strlen(ln->text) < 12;
	if (!*took || strcmp(annex, s->annex) == 0)
		return HRI_OK; /* not an annex, or a running header */
	snprintf(s->annex, sizeof s->annex, "%s", annex);
	snprintf(s->section, sizeof s->section, "%s", annex);
	s->title[0] = '\0';
	s->title_open = true;
	s->roman = 0;
	s->letter = 0;
	s->para = 0;
	s->recs = false;
	return hri_seg_close(s);
}

/* Returns true when the open segment's text stops mid-sentence: on a comma
 * or a word no sentence ends with ("and", "of", "the"). A numeral or letter
 * at the start of the next line then continues it ("Additional Protocols I
 * and" / "II. It urged"). */
static bool
mid_sentence(const hri_seg *s)
{
	static const char *const joins[] = {"and", "or", "of", "the", "a", "an",
	                                    "to", "in", "on", "at", "by", "for",
	                                    "with", "from", "under", "between",
	                                    "its", "their", "nor", NULL};
	const hri_strbuf *b = &s->cur.text;
	size_t e, w, i;

	if (!s->cur.rec || s->cur.kind == K_SUMMARY || b->len == 0)
		return false;
	for (e = b->len; e > 0 && b->s[e - 1] == ' '; e--)
		;
	if (e == 0)
		return false;
	if (b->s[e - 1] == ',')
		return true;
	for (w = e; w > 0 && islower((unsigned char)b->s[w - 1]); w--)
		;
	if (w > 0 && b->s[w - 1] != ' ')
		return false;
	for (i = 0; joins[i]; i++)
		if (strlen(joins[i]) == e - w && strncmp(b->s + w, joins[i], e - w) == 0)
			return true;
	return false;
}

hri_status
hri_seg_rule_section(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *text = ln->text, *rest;
	size_t rl = strspn(text, "IVXLC");
	int v = rl ? hri_seg_roman_value(text, rl) : 0;

	*took = false;
	/* the PDF text may lose the space: "I.Summary" */
	if (!v || text[rl] != '.' ||
	    !(text[rl + 1] == ' ' || text[rl + 1] == '\0' ||
	      (isupper((unsigned char)text[rl + 1]) &&
	       islower((unsigned char)text[rl + 2]))) ||
	    !(v == s->roman + 1 || v == s->roman + 2) || ln->l->len >= 300 ||
	    mid_sentence(s))
		return HRI_OK;
	rest = text + rl + 1;
	while (*rest == ' ')
		rest++;
	if (*rest != '\0' && !isupper((unsigned char)*rest))
		return HRI_OK;
	*took = true;
	return hri_seg_enter_roman(s, v, rest);
}

hri_status
hri_seg_rule_subsection(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *text = ln->text;
	size_t sp = text[1] == '.' && text[2] == ' ' ? 3 : 2;
	char r[16];
	hri_status st;

	*took = isupper((unsigned char)text[0]) && text[1] == '.' &&
	        (text[2] == ' ' || (isupper((unsigned char)text[2]) &&
	                            islower((unsigned char)text[3]))) &&
	        text[0] == (s->letter ? s->letter + 1 : 'A') && ln->l->len < 300 &&
	        isupper((unsigned char)text[sp]) &&
	        (s->roman || s->annex[0] || s->para) && !mid_sentence(s);
	if (!*took)
		return HRI_OK;
	st = hri_seg_close(s);
	s->letter = text[0];
	s->sub = 0;
	hri_seg_roman_str(s->roman, r);
	if (s->roman)
		snprintf(s->section, sizeof s->section, "%s%s%s.%c", s->annex,
		         s->annex[0] ? "." : "", r, s->letter);
	else
		snprintf(s->section, sizeof s->section, "%s%s%c", s->annex,
		         s->annex[0] ? "." : "", s->letter);
	hri_seg_set_title(s, text + sp);
	s->title_open = true;
	return st;
}

/* Opens numbered sub-subsection n ("2. Title" under "A.") titled rest. */
static hri_status
enter_sub(hri_seg *s, int n, const char *rest)
{
	hri_status st = hri_seg_close(s);
	char base[64], r[16];

	s->sub = n;
	if (s->letter || s->roman)
		snprintf(s->section + strcspn(s->section, "#"),
		         sizeof s->section - strcspn(s->section, "#"), "%s", "");
	hri_seg_roman_str(s->roman, r);
	snprintf(base, sizeof base, "%s%s%s", s->annex,
	         s->annex[0] && s->roman ? "." : "", s->roman ? r : "");
	if (s->letter)
		snprintf(s->section, sizeof s->section, "%s%s%c.%d", base,
		         base[0] ? "." : "", s->letter, n);
	else
		snprintf(s->section, sizeof s->section, "%s%s%d", base,
		         base[0] ? "." : "", n);
	hri_seg_set_title(s, rest);
	s->title_open = true;
	return st;
}

hri_status
hri_seg_rule_numbered(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *text = ln->text, *rest;
	const hri_docline *l = ln->l;
	char idsuf[64];
	bool heading;
	int n;
	hri_status st;

	*took = false;
	if (!hri_seg_numbered(text, &n, &rest))
		return HRI_OK;
	/* a UPR report has no numbered sub-subsections: there "1. Ratify"
	 * is a list item the item rules did not take */
	heading = (l->style & HRI_LINE_HEADING) ||
	          (!s->upr && n == s->sub + 1 && l->len < 160 &&
	           text[l->len - 1] != '.' && text[l->len - 1] != ';' &&
	           !(n > s->para && n <= s->para + 3));
	if (heading && n == s->sub + 1 && *rest) {
		*took = true;
		return enter_sub(s, n, rest);
	}
	if (!(n > s->para && n <= s->para + 3) ||
	    (*rest != '\0' && islower((unsigned char)*rest)))
		return HRI_OK;
	*took = true;
	*hri_seg_put_int(idsuf, n) = '\0';
	st = hri_seg_open(s, K_PARAGRAPH, n, NULL, idsuf, l->page);
	if (st)
		return st;
	s->para = n;
	s->item[0] = '\0';
	s->upr_item = 0;
	s->dotted = false;
	s->title_open = false;
	s->mode = M_BODY;
	return hri_seg_append(s, &s->cur.text, rest, n);
}

hri_status
hri_seg_rule_lettered(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *rest;
	char lab[8], label[24], idsuf[64];
	hri_status st;

	*took = hri_seg_item_label(ln->text, lab, &rest) && s->recs &&
	        s->para > 0 && s->cur.kind != K_SUMMARY &&
	        (!s->upr || (hri_seg_upr_lettered(s) &&
	                     isupper((unsigned char)*rest)));
	if (!*took)
		return HRI_OK;
	if (s->item[0] && hri_seg_label_is_roman(lab, s->item)) {
		snprintf(label, sizeof label, "%s%s", s->item, lab);
	} else {
		snprintf(s->item, sizeof s->item, "%s", lab);
		snprintf(label, sizeof label, "%s", lab);
	}
	snprintf(idsuf, sizeof idsuf, "%d%s", s->para, label);
	st = hri_seg_open(s, K_RECOMMENDATION, s->para, label, idsuf,
	                  ln->l->page);
	if (st)
		return st;
	if (s->upr)
		hri_seg_upr_mark(s, s->para);
	s->title_open = false;
	return hri_seg_append(s, &s->cur.text, rest, s->para);
}

hri_status
hri_seg_rule_lost_number(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	char idsuf[64];
	hri_status st;

	*took = (ln->l->style & HRI_LINE_ITEM) && s->para > 0 && !s->annex[0] &&
	        isupper((unsigned char)ln->text[0]) &&
	        hri_seg_next_para(ln->t, ln->i) > s->para + 1;
	if (!*took)
		return HRI_OK;
	snprintf(idsuf, sizeof idsuf, "%d", s->para + 1);
	st = hri_seg_open(s, K_PARAGRAPH, s->para + 1, NULL, idsuf, ln->l->page);
	if (st)
		return st;
	s->para++;
	s->item[0] = '\0';
	s->upr_item = 0;
	s->dotted = false;
	s->title_open = false;
	return hri_seg_append(s, &s->cur.text, ln->text, s->para);
}

hri_status
hri_seg_rule_heading(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	hri_status st;

	*took = (ln->l->style & HRI_LINE_HEADING) != 0;
	if (!*took)
		return HRI_OK;
	st = hri_seg_close(s);
	if (s->annex[0] && !s->title[0])
		hri_seg_set_title(s, ln->text);
	return st;
}

hri_status
hri_seg_rule_title_cont(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *text = ln->text;
	size_t len = ln->l->len;

	*took = s->title_open && !s->cur.rec && len < 200 && s->title_lines < 2 &&
	        text[len - 1] != ':' && text[len - 1] != ';' && text[0] != '[';
	if (!*took)
		return HRI_OK;
	hri_seg_add_title(s, text);
	s->title_lines++;
	return HRI_OK;
}

/* Text that is no marker: it continues the open segment, or opens an
 * unnumbered paragraph ("p3", "annexi.p2") where none is open or, in a
 * source of whole paragraphs, after an unnumbered one. */
static hri_status
plain_text(hri_seg *s, const hri_seg_line *ln)
{
	char idsuf[64], a[32];
	size_t k, o = 0;
	hri_status st;

	if (s->cur.rec && !(ln->t->whole && s->cur.kind == K_PARAGRAPH &&
	                    s->cur.para == 0))
		return hri_seg_append(s, &s->cur.text, ln->text, s->cur.para);
	s->unnumbered++;
	if (s->annex[0]) {
		for (k = 0; s->annex[k] && o + 1 < sizeof a; k++)
			if (s->annex[k] != ' ')
				a[o++] = (char)tolower((unsigned char)s->annex[k]);
		a[o] = '\0';
		snprintf(idsuf, sizeof idsuf, "%s.p%u", a, s->unnumbered);
	} else {
		snprintf(idsuf, sizeof idsuf, "p%u", s->unnumbered);
	}
	st = hri_seg_open(s, K_PARAGRAPH, 0, NULL, idsuf, ln->l->page);
	if (st)
		return st;
	return hri_seg_append(s, &s->cur.text, ln->text, s->cur.para);
}

/* Tries the rules on one line, then takes it as plain text. */
static hri_status
body_rules(hri_seg *s, const hri_seg_line *ln)
{
	static const hri_seg_rule rules[] = {
		hri_seg_rule_footnote, hri_seg_rule_bracketed, hri_seg_rule_annex,
		hri_seg_rule_section, hri_seg_rule_subsection,
		hri_seg_rule_tb_line,
		hri_seg_rule_upr_item, hri_seg_rule_upr_k_item,
		hri_seg_rule_numbered, hri_seg_rule_tb_item, hri_seg_rule_lettered,
		hri_seg_rule_lost_number, hri_seg_rule_heading,
		hri_seg_rule_title_cont};
	size_t i;
	bool took;
	hri_status st;

	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		st = rules[i](s, ln, &took);
		if (st || took)
			return st;
	}
	return plain_text(s, ln);
}

hri_status
hri_seg_body_line(hri_seg *s, const hri_seg_line *ln)
{
	const json_t *rec = s->cur.rec;
	size_t from = s->cur.text.len, cut;
	hri_docline tl;
	hri_seg_line tail;
	char *rest;
	int item;
	hri_status st;

	st = body_rules(s, ln);
	/* UPR items run together on the line: each cut off the text of the
	 * segment it ran into and read as a line of its own */
	from = s->cur.rec == rec && from > 16 ? from - 16 : 0;
	while (!st && s->cur.text.s &&
	       (cut = hri_seg_upr_next_marker(s, s->cur.text.s, from)) > 0) {
		rest = strdup(s->cur.text.s + cut);
		if (!rest)
			return HRI_ERR_NOMEM;
		while (cut > 0 && s->cur.text.s[cut - 1] == ' ')
			cut--;
		s->cur.text.len = cut;
		s->cur.text.s[cut] = '\0';
		tl = *ln->l;
		tl.text = rest;
		tl.len = strlen(rest);
		tl.style = HRI_LINE_PLAIN;
		tail = (hri_seg_line){ln->t, ln->i, rest, &tl};
		rec = s->cur.rec;
		item = s->upr_item;
		st = body_rules(s, &tail);
		free(rest);
		/* no rule took it as an item: it went back where it was */
		if (s->cur.rec == rec && s->upr_item == item)
			break;
		from = 0;
	}
	return st;
}
