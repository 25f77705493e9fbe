/* segment.c - the one segmenter: doctext lines into segment records.
 *
 * The rules follow how United Nations documents are written: roman numerals
 * open sections ("VIII."), capital letters subsections ("A."), numbered
 * paragraphs run 1..N through the body (a lost number is filled from the
 * gap around it), lettered and roman items "(g)(xiii)" stand alone only in
 * conclusions and recommendations, and UPR recommendations are numbered
 * "115.3" inside their paragraph. Everything else is page furniture or a
 * continuation of the paragraph before it. */
#define _GNU_SOURCE /* memmem */
#include "segment.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define TITLE_MAX 600   /* bytes kept of a section title */
#define TEXT_MAX (4u * 1024 * 1024) /* bytes of one segment's text */
#define ID_MAX 256      /* bytes of a segment id */

enum mode { M_MASTHEAD, M_SUMMARY, M_TOC, M_BODY, M_NOTES };
enum kind { K_PARAGRAPH, K_RECOMMENDATION, K_FOOTNOTE, K_SUMMARY };
static const char *kind_name[] = {"paragraph", "recommendation", "footnote",
                                  "summary"};

/* The segment being filled. */
typedef struct cur_seg {
	json_t *rec;     /* its record, already in the output array; NULL when
	                    none is open */
	enum kind kind;
	int para;        /* paragraph number, 0 for none */
	hri_strbuf text; /* its text so far */
} cur_seg;

typedef struct seg_state {
	const char *sym;
	json_t *segs;       /* output array */
	json_t *ids;        /* ids used so far, for uniqueness */
	json_t *calls;      /* footnote marker -> calling paragraph */
	json_t *mast;       /* masthead fields */
	enum mode mode;
	int roman;          /* value of the last section numeral */
	char letter;        /* last subsection letter, 0 for none */
	int sub;            /* last numbered sub-subsection, 0 for none */
	char section[128];  /* "VIII.A", "" before the first */
	char title[TITLE_MAX];
	bool title_open;    /* lines may still continue the title */
	int title_lines;    /* lines added to the title after its first */
	char annex[32];     /* "Annex I" inside an annex, else "" */
	bool recs;          /* in a conclusions or recommendations section */
	int para;           /* last numbered paragraph */
	char item[8];       /* letter label of the last item in para, "(g)" */
	int pending_roman;  /* section seen in a table of contents */
	char pending_title[TITLE_MAX];
	signed char position[1000]; /* UPR: per paragraph 1 supported,
	                               -1 noted, 0 unsaid */
	unsigned unnumbered; /* segments without a number so far */
	int upr_item;       /* last recommendation numbered "k." inside the
	                       paragraph (first-cycle UPR reports), 0 for none */
	bool upr;           /* a UPR Working Group report */
	int toc_page;       /* page of the table of contents */
	bool skip_note;     /* the next line is the text of a "*" note */
	bool paged;         /* the source has pages (a PDF): one line a block */
	int last_note;      /* last endnote number read under "Notes" */
	cur_seg cur;
	hri_segment_meta *meta;
	hri_strbuf mastbuf; /* masthead text, blocks split by "\n" */
	hri_strbuf lower;   /* scratch: a paragraph's text in lower case */
} seg_state;

static const char *months[] = {"January", "February", "March", "April",
                               "May", "June", "July", "August",
                               "September", "October", "November",
                               "December"};

int
hri_segment_date(const char *s, char out[11])
{
	const char *p;
	size_t m, ml;
	long d, y;
	char *e;

	for (p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) ||
		    (p > s && isalnum((unsigned char)p[-1])))
			continue;
		d = strtol(p, &e, 10);
		if (d < 1 || d > 31 || *e != ' ')
			continue;
		e++;
		for (m = 0; m < 12; m++) {
			ml = strlen(months[m]);
			if (strncmp(e, months[m], ml) == 0 && e[ml] == ' ')
				break;
		}
		if (m == 12)
			continue;
		e += strlen(months[m]) + 1;
		if (!isdigit((unsigned char)e[0]))
			continue;
		y = strtol(e, &e, 10);
		if (y < 1945 || y > 2100 || isdigit((unsigned char)*e))
			continue;
		snprintf(out, 11, "%04ld-%02zu-%02ld", y, m + 1, d);
		return 0;
	}
	return -1;
}

int
hri_segment_ordinal(const char *s, size_t len)
{
	static const char *units[] = {"first", "second", "third", "fourth",
	                              "fifth", "sixth", "seventh", "eighth",
	                              "ninth", "tenth", "eleventh", "twelfth",
	                              "thirteenth", "fourteenth", "fifteenth",
	                              "sixteenth", "seventeenth", "eighteenth",
	                              "nineteenth"};
	static const char *tens[] = {"twent", "thirt", "fort", "fift", "sixt",
	                             "sevent", "eight", "ninet"};
	char w[40];
	size_t i, n;
	int v = 0;
	const char *u;

	if (len >= sizeof w)
		return 0;
	for (i = 0; i < len; i++)
		w[i] = (char)tolower((unsigned char)s[i]);
	w[len] = '\0';
	u = w;
	for (i = 0; i < 8; i++) {
		n = strlen(tens[i]);
		if (strncmp(w, tens[i], n) != 0)
			continue;
		if (strcmp(w + n, "ieth") == 0)
			return 20 + 10 * (int)i;
		if (strncmp(w + n, "y-", 2) == 0) {
			v = 20 + 10 * (int)i;
			u = w + n + 2;
			break;
		}
	}
	for (i = 0; i < 19; i++)
		if (strcmp(u, units[i]) == 0)
			return (v && i >= 9) ? 0 : v + (int)i + 1;
	return 0;
}

/* Returns the value of the roman numeral of len bytes at s (I..C), or 0. */
static int
roman_value(const char *s, size_t len)
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

/* Writes the roman numeral of v (1..399) into out (16 bytes). */
static void
roman_str(int v, char *out)
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

/* Returns true when line s is page furniture: page numbers, job numbers,
 * the symbol repeated, "Please recycle". */
static bool
is_furniture(const char *s, const char *sym)
{
	const char *p = s, *q;
	int tokens = 0;

	if (strcmp(s, "Please recycle") == 0 || strcmp(s, "_") == 0)
		return true;
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

/* Returns true when s is a line of underscores or dashes only. */
static bool
is_rule(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s != '_' && *s != '-' && *s != ' ')
			return false;
	return n >= 3;
}

/* Parses "N." or "N. text" at s: on success *n is the number and *rest the
 * text after the spaces. Returns false when s does not start so. */
static bool
numbered(const char *s, int *n, const char **rest)
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

/* Parses a UPR recommendation number "115.3" or "115.3." at s. */
static bool
upr_numbered(const char *s, int *para, int *num, const char **rest)
{
	char *e;
	long a, b;

	if (!isdigit((unsigned char)s[0]))
		return false;
	a = strtol(s, &e, 10);
	if (*e != '.' || !isdigit((unsigned char)e[1]) || a < 1 || a > 999)
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
static bool
item_label(const char *s, char *lab, const char **rest)
{
	size_t n = 1;

	if (s[0] != '(')
		return false;
	while (n < 7 && islower((unsigned char)s[n]))
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

/* Returns true when the label "(x)" reads as a roman numeral item. */
static bool
label_is_roman(const char *lab, const char *prev_letter)
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

/* Case-insensitive search of needle in hay. */
static bool
has_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Appends line text to b, joining with a space or undoing a hyphenation;
 * footnote call markers are removed and recorded in the state for para. */
static hri_status
append_text(seg_state *s, hri_strbuf *b, const char *text, int para)
{
	hri_status st = HRI_OK;
	const char *p = text, *q;
	char note[16];
	size_t n;

	if (b->len > 0) {
		char last = b->s[b->len - 1];

		if (last == '-' && b->len > 1 && islower((unsigned char)b->s[b->len - 2]) &&
		    islower((unsigned char)text[0]))
			b->s[--b->len] = '\0';
		else if (last != ' ')
			st = hri_strbuf_add(b, " ", 1);
		if (st)
			return st;
	}
	while (*p) {
		q = p;
		while (*q && *q != HRI_NOTE_OPEN)
			q++;
		st = hri_strbuf_add(b, p, (size_t)(q - p));
		if (st)
			return st;
		if (!*q)
			break;
		p = q + 1;
		q = p;
		while (*q && *q != HRI_NOTE_CLOSE)
			q++;
		n = (size_t)(q - p);
		if (n < sizeof note && para > 0) {
			memcpy(note, p, n);
			note[n] = '\0';
			if (!json_object_get(s->calls, note))
				json_object_set_new(s->calls, note, json_integer(para));
		}
		p = *q ? q + 1 : q;
	}
	return HRI_OK;
}

/* Collapses runs of spaces in b and trims it. */
static void
tidy(hri_strbuf *b)
{
	size_t i, o = 0;

	for (i = 0; i < b->len; i++) {
		if (b->s[i] == ' ' && (o == 0 || b->s[o - 1] == ' '))
			continue;
		b->s[o++] = b->s[i];
	}
	while (o > 0 && b->s[o - 1] == ' ')
		o--;
	b->len = o;
	if (b->s)
		b->s[o] = '\0';
}

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

/* Splits the trailing "(France) (Lithuania)" of a UPR recommendation into
 * an array of State names. */
static json_t *
recommending(const char *text)
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

/* Says in *pos the position a paragraph's text (len bytes) gives the UPR
 * recommendations under it: -1 noted, 1 supported, 0 unsaid. Returns
 * HRI_ERR_NOMEM or HRI_ERR_TOO_BIG (then *pos is 0). */
static hri_status
upr_position(seg_state *s, const char *text, size_t len, int *pos)
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

/* Closes the open segment: its text, and for a UPR recommendation its
 * recommending States and position. */
static hri_status
close_seg(seg_state *s)
{
	cur_seg *c = &s->cur;
	hri_status st = HRI_OK, st2;
	json_t *r;
	int pos;

	if (!c->rec)
		return HRI_OK;
	tidy(&c->text);
	/* the text is whole doctext lines (valid UTF-8: hri_doctext_add
	 * sees to it) cut only at ASCII bytes, so jansson need not check
	 * every byte of it again */
	if (json_object_set_new(c->rec, "text",
	                        json_stringn_nocheck(c->text.s ? c->text.s : "",
	                                             c->text.len)))
		st = HRI_ERR_NOMEM;
	if (c->kind == K_PARAGRAPH && c->para > 0 && c->para < 1000 &&
	    c->text.s) {
		/* a paragraph introducing UPR recommendations says their
		 * position */
		st2 = upr_position(s, c->text.s, c->text.len, &pos);
		if (st2 && !st)
			st = st2;
		if (pos)
			s->position[c->para] = (signed char)pos;
	}
	if (c->kind == K_RECOMMENDATION && json_object_get(c->rec, "recommending")) {
		r = recommending(c->text.s ? c->text.s : "");
		if (r)
			json_object_set_new(c->rec, "recommending", r);
	}
	json_decref(c->rec);
	c->rec = NULL;
	hri_strbuf_reset(&c->text);
	return st;
}

/* Opens a new segment of kind k with paragraph para (0: null), label (may
 * be NULL) and id suffix, made unique. */
static hri_status
open_seg(seg_state *s, enum kind k, int para, const char *label,
         const char *idsuffix, int page)
{
	char id[ID_MAX];
	json_t *r;
	int dup = 1;
	hri_status st;

	st = close_seg(s);
	if (st)
		return st;
	snprintf(id, sizeof id, "%s#%s", s->sym, idsuffix);
	while (json_object_get(s->ids, id)) {
		dup++;
		snprintf(id, sizeof id, "%s#%s-%d", s->sym, idsuffix, dup);
	}
	r = json_object();
	if (!r)
		return HRI_ERR_NOMEM;
	json_object_set_new(r, "type", json_string("segment"));
	json_object_set_new(r, "symbol", json_string(s->sym));
	json_object_set_new(r, "id", json_string(id));
	json_object_set_new(r, "kind", json_string(kind_name[k]));
	json_object_set_new(r, "para", para > 0 ? json_integer(para) : json_null());
	json_object_set_new(r, "label", label ? json_string(label) : json_null());
	json_object_set_new(r, "section", s->section[0] ? json_string(s->section)
	                                                  : json_null());
	json_object_set_new(r, "section_title",
	                    s->title[0] ? json_string(s->title) : json_null());
	json_object_set_new(r, "page", page > 0 ? json_integer(page) : json_null());
	json_object_set_new(s->ids, id, json_true());
	if (json_array_append(s->segs, r)) {
		json_decref(r);
		return HRI_ERR_NOMEM;
	}
	s->cur.rec = r;
	s->cur.kind = k;
	s->cur.para = para;
	switch (k) {
	case K_PARAGRAPH:
		if (para > 0)
			s->meta->paragraphs++;
		break;
	case K_RECOMMENDATION:
		s->meta->recommendations++;
		break;
	case K_FOOTNOTE:
		s->meta->footnotes++;
		break;
	case K_SUMMARY:
		break;
	}
	return HRI_OK;
}

/* Sets the section title, trimmed of markup leftovers. */
static void
set_title(seg_state *s, const char *t)
{
	size_t n;

	while (*t == ' ')
		t++;
	snprintf(s->title, sizeof s->title, "%s", t);
	s->title_lines = s->title[0] ? 0 : -1;
	n = strlen(s->title);
	while (n > 0 && strchr(" *:", s->title[n - 1]))
		s->title[--n] = '\0';
	s->recs = has_word(s->title, "recommendation") ||
	          has_word(s->title, "conclusion");
}

/* Appends a continuation line to the section title. */
static void
add_title(seg_state *s, const char *t)
{
	size_t n = strlen(s->title);

	if (n + 2 + strlen(t) >= sizeof s->title)
		return;
	snprintf(s->title + n, sizeof s->title - n, "%s%s", n ? " " : "", t);
	n = strlen(s->title);
	while (n > 0 && s->title[n - 1] == ' ')
		s->title[--n] = '\0';
	s->recs = has_word(s->title, "recommendation") ||
	          has_word(s->title, "conclusion");
}

/* Opens section numeral v with title t. */
static hri_status
enter_roman(seg_state *s, int v, const char *t)
{
	char r[16];
	hri_status st = close_seg(s);

	roman_str(v, r);
	s->roman = v;
	s->letter = 0;
	s->sub = 0;
	if (s->annex[0])
		snprintf(s->section, sizeof s->section, "%s.%s", s->annex, r);
	else
		snprintf(s->section, sizeof s->section, "%s", r);
	set_title(s, t);
	s->title_open = true;
	s->mode = M_BODY;
	return st;
}

/* Returns the number of the next numbered paragraph after line i, or 0. */
static int
next_para(const hri_doctext *t, size_t i)
{
	size_t j;
	int n;
	const char *rest;

	for (j = i + 1; j < t->n && j < i + 400; j++)
		if (numbered(t->lines[j].text, &n, &rest) && isupper((unsigned char)rest[0]))
			return n;
	return 0;
}

static bool masthead_skip(const char *b);

/* Records a masthead line for the title, session, agenda and date. */
static void
masthead_line(seg_state *s, const hri_docline *l)
{
	bool alone;

	if (l->style & HRI_LINE_BLANK) {
		if (s->mastbuf.len && s->mastbuf.s[s->mastbuf.len - 1] != '\n')
			hri_strbuf_add(&s->mastbuf, "\n", 1);
		return;
	}
	if (l->style & HRI_LINE_FOOTNOTE)
		return;
	if (s->mastbuf.len > 16384)
		return;
	/* a heading, and a line of the masthead's fixed furniture, stands
	 * alone; other lines join the block they continue */
	alone = (l->style & HRI_LINE_HEADING) || masthead_skip(l->text) ||
	        strstr(l->text, "Agenda item") != NULL || l->page > 0;
	if (l->page > 0)
		s->paged = true;
	if (s->mastbuf.len && s->mastbuf.s[s->mastbuf.len - 1] != '\n')
		hri_strbuf_add(&s->mastbuf, alone ? "\n" : " ", 1);
	hri_strbuf_add(&s->mastbuf, l->text, l->len);
	if (alone)
		hri_strbuf_add(&s->mastbuf, "\n", 1);
}

/* Returns true for a masthead block that is not the title. */
static bool
masthead_skip(const char *b)
{
	static const char *pfx[] = {"United Nations", "General Assembly",
	                            "Distr.", "Original:", "Human Rights Council",
	                            "Security Council", "Economic and Social",
	                            "Advance unedited", "Agenda item", "Item ",
	                            "Summary", "Contents", NULL};
	size_t i;

	for (i = 0; pfx[i]; i++)
		if (strncmp(b, pfx[i], strlen(pfx[i])) == 0)
			return true;
	if (strstr(b, " session") && strlen(b) < 60)
		return true;
	return strlen(b) < 3;
}

/* From a paged masthead (a PDF's, one line a block), takes the title: the
 * lines from the first that opens a title ("Report of", "Note by", ...)
 * up to a note mark or the end, written into title (n bytes). */
static void
paged_title(seg_state *s, const char *txt, char *title, size_t n)
{
	static const char *open[] = {"Report of", "Note by", "Summary prepared",
	                             "Compilation prepared", "National report",
	                             "Annual report", "Outcome of", "Study",
	                             "Letter dated", NULL};
	const char *p = txt, *e;
	size_t o = 0, k, i;
	bool on = false;

	title[0] = '\0';
	if (!s->paged)
		return;
	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		k = (size_t)(e - p);
		if (!on)
			for (i = 0; open[i]; i++)
				if (strncmp(p, open[i], strlen(open[i])) == 0)
					on = true;
		if (!on || k == 0)
			continue;
		if (p[0] == '*' || strncmp(p, "Summary", 7) == 0 ||
		    strncmp(p, "Contents", 8) == 0 || o + k + 3 >= n)
			break;
		/* "Review*" then "Slovenia": the note mark becomes a colon */
		if (o && title[o - 1] == '*') {
			title[o - 1] = ':';
			title[o++] = ' ';
		} else if (o) {
			title[o++] = ' ';
		}
		memcpy(title + o, p, k);
		o += k;
		title[o] = '\0';
	}
}

/* Reads title, session, agenda and date from the masthead text. */
static void
masthead_fields(seg_state *s)
{
	char *txt = s->mastbuf.s, *b, *e, *p, date[11];
	int ntitles = -1, v;
	char title[1024] = "";
	size_t n;

	if (!txt)
		return;
	if (hri_segment_date(txt, date) == 0)
		json_object_set_new(s->mast, "date", json_string(date));
	paged_title(s, txt, title, sizeof title);
	if (strstr(txt, "Report of the Working Group on the Universal Periodic"))
		s->upr = true;
	for (b = txt; b; b = e) {
		e = strchr(b, '\n');
		if (e)
			*e++ = '\0';
		while (*b == ' ')
			b++;
		p = strstr(b, " session");
		if (p && !json_object_get(s->mast, "session")) {
			char *w = p;

			while (w > b && w[-1] != ' ')
				w--;
			v = hri_segment_ordinal(w, (size_t)(p - w));
			if (v)
				json_object_set_new(s->mast, "session", json_integer(v));
		}
		p = strstr(b, "Agenda item");
		if (p && !json_object_get(s->mast, "agenda")) {
			char ag[128];

			p += strlen("Agenda item");
			if (*p == 's')
				p++;
			while (*p == ' ')
				p++;
			snprintf(ag, sizeof ag, "%s", p);
			n = strcspn(ag, "*\\");
			ag[n] = '\0';
			if (strstr(ag, " of the"))
				*strstr(ag, " of the") = '\0';
			n = strlen(ag);
			while (n > 0 && ag[n - 1] == ' ')
				ag[--n] = '\0';
			if (n) {
				json_object_set_new(s->mast, "agenda", json_string(ag));
				ntitles = strstr(ag, " and ") || strchr(ag, ',') ? 2 : 1;
			}
			continue;
		}
		if (masthead_skip(b) || (strlen(b) < 40 && hri_segment_date(b, date) == 0))
			continue;
		if (ntitles > 0) {
			ntitles--;
			continue;
		}
		if (s->paged)
			continue;
		if (title[0] == '\0') {
			snprintf(title, sizeof title, "%s", b);
		} else if (strncmp(title, "Report of the Working Group", 27) == 0 &&
		           !strchr(title, ':')) {
			n = strlen(title);
			while (n > 0 && strchr(" *", title[n - 1]))
				title[--n] = '\0';
			snprintf(title + n, sizeof title - n, ": %s", b);
		}
	}
	n = strlen(title);
	while (n > 0 && strchr(" *:", title[n - 1]))
		title[--n] = '\0';
	if (n && n < 400)
		json_object_set_new(s->mast, "title", json_string(title));
	if (s->upr)
		json_object_set_new(s->mast, "upr", json_true());
}

/* Returns true when line text is the heading of a table of contents. */
static bool
is_contents(const char *t)
{
	return strcmp(t, "Contents") == 0 || strcmp(t, "CONTENTS") == 0;
}

/* Returns true for "Annex", "Annex I", "ANNEX II", "Annexes"; writes the
 * section name into out (32 bytes). */
static bool
is_annex(const char *t, char *out)
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
	if (!roman_value(p, strlen(p)) && !isdigit((unsigned char)*p))
		return false;
	snprintf(out, 32, "Annex %s", p);
	return true;
}

/* Handles one body line (furniture and masthead already taken out). */
static hri_status
body_line(seg_state *s, const hri_doctext *t, size_t i, const char *text,
          const hri_docline *l)
{
	const char *rest;
	char lab[8], idsuf[64], annex[32], full[24];
	int n, rp, rn, v;
	size_t rl, sp;

	/* a footnote text: its own segment, the paragraph stays open */
	if (l->style & HRI_LINE_FOOTNOTE) {
		json_t *saved = s->cur.rec;
		hri_strbuf tb = {0};
		json_t *rec;
		hri_status st;

		if (strcmp(l->note, "*") == 0)
			return HRI_OK;
		/* park the open paragraph while the note is built */
		s->cur.rec = NULL;
		{
			cur_seg keep = s->cur;

			s->cur.text = tb;
			snprintf(idsuf, sizeof idsuf, "fn%s", l->note);
			st = open_seg(s, K_FOOTNOTE, keep.para ? keep.para : s->para,
			              l->note, idsuf, l->page);
			if (!st)
				st = append_text(s, &s->cur.text, text, 0);
			rec = s->cur.rec;
			json_incref(rec);
			if (!st)
				st = close_seg(s);
			json_object_set_new(rec, "note_marker", json_string(l->note));
			json_decref(rec);
			hri_strbuf_free(&s->cur.text);
			s->cur = keep;
			s->cur.rec = saved;
		}
		return st;
	}
	if (text[0] == '[' && text[l->len - 1] == ']' && l->len < 40)
		return HRI_OK; /* "[English only]" */
	if (is_annex(text, annex) && strlen(text) < 12) {
		if (strcmp(annex, s->annex) == 0)
			return HRI_OK; /* a running header */
		snprintf(s->annex, sizeof s->annex, "%s", annex);
		snprintf(s->section, sizeof s->section, "%s", annex);
		s->title[0] = '\0';
		s->title_open = true;
		s->roman = 0;
		s->letter = 0;
		s->para = 0;
		s->recs = false;
		return close_seg(s);
	}
	/* section numeral */
	rl = strspn(text, "IVXLC");
	v = rl ? roman_value(text, rl) : 0;
	/* the PDF text may lose the space: "I.Summary" */
	if (v && text[rl] == '.' &&
	    (text[rl + 1] == ' ' || text[rl + 1] == '\0' ||
	     (isupper((unsigned char)text[rl + 1]) && islower((unsigned char)text[rl + 2]))) &&
	    (v == s->roman + 1 || v == s->roman + 2) && l->len < 300) {
		rest = text + rl + 1;
		while (*rest == ' ')
			rest++;
		if (*rest == '\0' || isupper((unsigned char)*rest))
			return enter_roman(s, v, rest);
	}
	/* subsection letter */
	sp = text[1] == '.' && text[2] == ' ' ? 3 : 2;
	if (isupper((unsigned char)text[0]) && text[1] == '.' &&
	    (text[2] == ' ' || (isupper((unsigned char)text[2]) &&
	                        islower((unsigned char)text[3]))) &&
	    text[0] == (s->letter ? s->letter + 1 : 'A') && l->len < 300 &&
	    isupper((unsigned char)text[sp]) && (s->roman || s->annex[0] || s->para)) {
		char r[16];
		hri_status st = close_seg(s);

		s->letter = text[0];
		s->sub = 0;
		roman_str(s->roman, r);
		if (s->roman)
			snprintf(s->section, sizeof s->section, "%s%s%s.%c",
			         s->annex, s->annex[0] ? "." : "", r, s->letter);
		else
			snprintf(s->section, sizeof s->section, "%s%s%c", s->annex,
			         s->annex[0] ? "." : "", s->letter);
		set_title(s, text + sp);
		s->title_open = true;
		return st;
	}
	/* UPR recommendation "115.3" inside paragraph 115 */
	if (upr_numbered(text, &rp, &rn, &rest) && rp == s->para && (s->upr || s->recs)) {
		hri_status st;

		snprintf(full, sizeof full, "%d.%d", rp, rn);
		st = open_seg(s, K_RECOMMENDATION, rp, full, full, l->page);
		if (st)
			return st;
		s->upr_item = rn;
		json_object_set_new(s->cur.rec, "recommending", json_array());
		if (rp < 1000 && s->position[rp])
			json_object_set_new(s->cur.rec, "position",
			                    json_string(s->position[rp] > 0 ? "supported"
			                                                    : "noted"));
		s->title_open = false;
		return append_text(s, &s->cur.text, rest, rp);
	}
	/* a recommendation numbered "k." inside its paragraph, as the first
	 * UPR cycle wrote them: "111. The recommendations ... 1. To examine" */
	if (s->recs && s->upr && s->para > 0 && numbered(text, &n, &rest) &&
	    n == s->upr_item + 1 && !(n > s->para && n <= s->para + 3) &&
	    isupper((unsigned char)*rest)) {
		hri_status st;

		snprintf(full, sizeof full, "%d.%d", s->para, n);
		st = open_seg(s, K_RECOMMENDATION, s->para, full, full, l->page);
		if (st)
			return st;
		s->upr_item = n;
		json_object_set_new(s->cur.rec, "recommending", json_array());
		if (s->para < 1000 && s->position[s->para])
			json_object_set_new(s->cur.rec, "position",
			                    json_string(s->position[s->para] > 0 ? "supported"
			                                                         : "noted"));
		s->title_open = false;
		return append_text(s, &s->cur.text, rest, s->para);
	}
	/* numbered paragraph, or numbered sub-subsection */
	if (numbered(text, &n, &rest)) {
		bool heading = (l->style & HRI_LINE_HEADING) ||
		               (n == s->sub + 1 && l->len < 160 &&
		                text[l->len - 1] != '.' && text[l->len - 1] != ';' &&
		                !(n > s->para && n <= s->para + 3));
		if (heading && n == s->sub + 1 && *rest) {
			hri_status st = close_seg(s);

			s->sub = n;
			if (s->letter || s->roman)
				snprintf(s->section + strcspn(s->section, "#"),
				         sizeof s->section - strcspn(s->section, "#"), "%s", "");
			{
				char base[64], r[16];

				roman_str(s->roman, r);
				snprintf(base, sizeof base, "%s%s%s", s->annex,
				         s->annex[0] && s->roman ? "." : "", s->roman ? r : "");
				if (s->letter)
					snprintf(s->section, sizeof s->section, "%s%s%c.%d",
					         base, base[0] ? "." : "", s->letter, n);
				else
					snprintf(s->section, sizeof s->section, "%s%s%d",
					         base, base[0] ? "." : "", n);
			}
			set_title(s, rest);
			s->title_open = true;
			return st;
		}
		if (n > s->para && n <= s->para + 3 &&
		    (*rest == '\0' || !islower((unsigned char)*rest))) {
			hri_status st;

			snprintf(idsuf, sizeof idsuf, "%d", n);
			st = open_seg(s, K_PARAGRAPH, n, NULL, idsuf, l->page);
			if (st)
				return st;
			s->para = n;
			s->item[0] = '\0';
			s->upr_item = 0;
			s->title_open = false;
			s->mode = M_BODY;
			return append_text(s, &s->cur.text, rest, n);
		}
	}
	/* an item "(g)" or "(g)(xiii)" of a conclusion or recommendation */
	if (item_label(text, lab, &rest) && s->recs && s->para > 0 &&
	    s->cur.kind != K_SUMMARY) {
		char label[24];
		hri_status st;

		if (s->item[0] && label_is_roman(lab, s->item)) {
			snprintf(label, sizeof label, "%s%s", s->item, lab);
		} else {
			snprintf(s->item, sizeof s->item, "%s", lab);
			snprintf(label, sizeof label, "%s", lab);
		}
		snprintf(idsuf, sizeof idsuf, "%d%s", s->para, label);
		st = open_seg(s, K_RECOMMENDATION, s->para, label, idsuf, l->page);
		if (st)
			return st;
		s->title_open = false;
		return append_text(s, &s->cur.text, rest, s->para);
	}
	/* a list item whose number the conversion lost: the gap tells */
	if ((l->style & HRI_LINE_ITEM) && s->para > 0 && !s->annex[0] &&
	    isupper((unsigned char)text[0])) {
		n = next_para(t, i);
		if (n > s->para + 1) {
			hri_status st;

			snprintf(idsuf, sizeof idsuf, "%d", s->para + 1);
			st = open_seg(s, K_PARAGRAPH, s->para + 1, NULL, idsuf, l->page);
			if (st)
				return st;
			s->para++;
			s->item[0] = '\0';
			s->title_open = false;
			return append_text(s, &s->cur.text, text, s->para);
		}
	}
	if (l->style & HRI_LINE_HEADING) {
		hri_status st = close_seg(s);

		if (s->annex[0] && !s->title[0])
			set_title(s, text);
		return st;
	}
	/* a title running on over more lines */
	if (s->title_open && !s->cur.rec && l->len < 200 && s->title_lines < 2 &&
	    text[l->len - 1] != ':' && text[l->len - 1] != ';' && text[0] != '[') {
		add_title(s, text);
		s->title_lines++;
		return HRI_OK;
	}
	if (!s->cur.rec || (t->whole && s->cur.kind == K_PARAGRAPH && s->cur.para == 0)) {
		hri_status st;

		s->unnumbered++;
		if (s->annex[0]) {
			char a[32];
			size_t k, o = 0;

			for (k = 0; s->annex[k] && o + 1 < sizeof a; k++)
				if (s->annex[k] != ' ')
					a[o++] = (char)tolower((unsigned char)s->annex[k]);
			a[o] = '\0';
			snprintf(idsuf, sizeof idsuf, "%s.p%u", a, s->unnumbered);
		} else {
			snprintf(idsuf, sizeof idsuf, "p%u", s->unnumbered);
		}
		st = open_seg(s, K_PARAGRAPH, 0, NULL, idsuf, l->page);
		if (st)
			return st;
	}
	return append_text(s, &s->cur.text, text, s->cur.para);
}

/* Returns true when the page of line i has a line with dot leaders (a
 * table of contents runs on). */
static bool
page_has_leaders(const hri_doctext *t, size_t i)
{
	int pg = t->lines[i].page;
	size_t j;

	for (j = i; j < t->n && t->lines[j].page == pg; j++)
		if (strstr(t->lines[j].text, "....") ||
		    strstr(t->lines[j].text, "\xe2\x80\xa6\xe2\x80\xa6"))
			return true;
	return false;
}

/* Handles a line of the endnotes at the end of a document: "12 Text"
 * opens note 12 when 11 came before; other lines continue the note. */
static hri_status
endnote_line(seg_state *s, const hri_docline *l, const char *text)
{
	char *e, idsuf[32], note[16];
	long n = strtol(text, &e, 10);
	hri_status st;

	if (isdigit((unsigned char)text[0]) && *e == ' ' && n == s->last_note + 1) {
		snprintf(idsuf, sizeof idsuf, "fn%ld", n);
		snprintf(note, sizeof note, "%ld", n);
		st = open_seg(s, K_FOOTNOTE, s->para, note, idsuf, l->page);
		if (st)
			return st;
		json_object_set_new(s->cur.rec, "note_marker", json_string(note));
		s->last_note = (int)n;
		while (*e == ' ')
			e++;
		return append_text(s, &s->cur.text, e, 0);
	}
	if (!s->cur.rec)
		return HRI_OK;
	return append_text(s, &s->cur.text, text, 0);
}

/* Handles one line of the document. */
static hri_status
one_line(seg_state *s, const hri_doctext *t, size_t *ip)
{
	size_t i = *ip, j;
	const hri_docline *l = &t->lines[i];
	const char *text = l->text, *rest;
	char merged[1024], lab[8];
	int n, n2;
	size_t rl;
	hri_docline ml;

	if (l->style & HRI_LINE_BLANK) {
		s->title_open = false;
		if (s->mode == M_MASTHEAD)
			masthead_line(s, l);
		return HRI_OK;
	}
	if (!(l->style & HRI_LINE_FOOTNOTE) &&
	    (is_furniture(text, s->sym) || is_rule(text)))
		return HRI_OK;
	/* "*" or "**" alone: the next line is a note on the title or a
	 * heading ("The annex ... circulated as received."), not text */
	if (strspn(text, "*") >= 1 && strspn(text, "*") <= 3 &&
	    text[strspn(text, "*")] == ' ') {
		/* "* The annex ... circulated as received.": a note, which
		 * ends the title in a masthead */
		if (s->mode == M_MASTHEAD && s->mastbuf.len < 16384)
			hri_strbuf_puts(&s->mastbuf, "\n*\n");
		return HRI_OK;
	}
	if (strspn(text, "*") == l->len && l->len <= 3) {
		s->skip_note = true;
		return HRI_OK;
	}
	if (s->skip_note) {
		s->skip_note = false;
		if (s->mode != M_MASTHEAD || l->page > 0)
			return HRI_OK;
	}
	/* a marker alone on its line ("I.", "A.", "(a)", "45.") belongs to
	 * the next line */
	rl = strspn(text, "IVXLC");
	if (s->mode != M_TOC && ((rl && text[rl] == '.' && text[rl + 1] == '\0') ||
	    (isupper((unsigned char)text[0]) && text[1] == '.' && text[2] == '\0') ||
	    (item_label(text, lab, &rest) && *rest == '\0') ||
	    (numbered(text, &n, &rest) && *rest == '\0' &&
	     ((n > s->para && n <= s->para + 5) || n == s->upr_item + 1)) ||
	    (upr_numbered(text, &n, &n2, &rest) && *rest == '\0'))) {
		for (j = i + 1; j < t->n && j < i + 4; j++)
			if (!(t->lines[j].style & HRI_LINE_BLANK))
				break;
		if (j < t->n && j < i + 4 &&
		    !(t->lines[j].style & (HRI_LINE_BLANK | HRI_LINE_FOOTNOTE)) &&
		    l->len + t->lines[j].len + 2 < sizeof merged) {
			snprintf(merged, sizeof merged, "%s %s", text, t->lines[j].text);
			ml = *l;
			ml.text = merged;
			ml.len = strlen(merged);
			ml.style = l->style | t->lines[j].style;
			*ip = j;
			l = &ml;
			text = merged;
		}
	}
	if (s->mode == M_TOC) {
		rl = strspn(text, "IVXLC");
		if (strstr(text, "...") || strstr(text, ". . .") ||
		    strstr(text, "\xe2\x80\xa6") ||
		    strstr(text, "Paragraphs") || strstr(text, "Page"))
			return HRI_OK;
		/* in a paged source the contents end with the last page that
		 * has dot leaders */
		if (l->page > 0 && l->page == s->toc_page)
			return HRI_OK;
		if (l->page > 0 && page_has_leaders(t, *ip)) {
			s->toc_page = l->page;
			return HRI_OK;
		}
		if (l->page > 0) {
			s->mode = M_BODY;
			return one_line(s, t, ip);
		}
		if (numbered(text, &n, &rest) && n == 1 && isupper((unsigned char)*rest)) {
			if (s->pending_roman)
				enter_roman(s, s->pending_roman, s->pending_title);
			s->mode = M_BODY;
			return body_line(s, t, *ip, text, l);
		}
		if (rl && roman_value(text, rl) == 1 && text[rl] == '.' &&
		    !isdigit((unsigned char)text[l->len - 1])) {
			s->mode = M_BODY;
			return body_line(s, t, *ip, text, l);
		}
		if (rl && roman_value(text, rl) && text[rl] == '.') {
			s->pending_roman = roman_value(text, rl);
			snprintf(s->pending_title, sizeof s->pending_title, "%s",
			         text + rl + 1 + (text[rl + 1] == ' '));
		}
		return HRI_OK;
	}
	if (s->mode == M_NOTES)
		return endnote_line(s, l, text);
	if ((strcmp(text, "Notes") == 0 || strcmp(text, "Endnotes") == 0 ||
	     strcmp(text, "NOTES") == 0) && s->mode == M_BODY && s->paged) {
		s->mode = M_NOTES;
		s->last_note = 0;
		return close_seg(s);
	}
	if (is_contents(text)) {
		close_seg(s);
		if (s->mode == M_MASTHEAD)
			masthead_fields(s);
		s->mode = M_TOC;
		s->toc_page = l->page;
		return HRI_OK;
	}
	if ((strcmp(text, "Summary") == 0 || strcmp(text, "SUMMARY") == 0) &&
	    s->mode != M_BODY) {
		hri_status st;

		if (s->mode == M_MASTHEAD)
			masthead_fields(s);
		s->mode = M_SUMMARY;
		st = open_seg(s, K_SUMMARY, 0, NULL, "summary", l->page);
		return st;
	}
	if (s->mode == M_MASTHEAD) {
		rl = strspn(text, "IVXLC");
		if ((numbered(text, &n, &rest) && n == 1 && isupper((unsigned char)*rest)) ||
		    (rl && roman_value(text, rl) == 1 && text[rl] == '.') ||
		    strcmp(text, "Introduction") == 0 ||
		    strcmp(text, "INTRODUCTION") == 0) {
			masthead_fields(s);
			s->mode = M_BODY;
		} else {
			masthead_line(s, l);
			return HRI_OK;
		}
	}
	if (s->mode == M_SUMMARY) {
		rl = strspn(text, "IVXLC");
		if ((l->style & HRI_LINE_HEADING) ||
		    (rl && roman_value(text, rl) == 1 && text[rl] == '.') ||
		    (numbered(text, &n, &rest) && n == 1) ||
		    strcmp(text, "Introduction") == 0) {
			close_seg(s);
			s->mode = M_BODY;
		} else if (l->style & HRI_LINE_FOOTNOTE) {
			return HRI_OK;
		} else {
			return append_text(s, &s->cur.text, text, 0);
		}
	}
	if (strcmp(text, "Introduction") == 0 || strcmp(text, "INTRODUCTION") == 0) {
		if (!s->roman && !s->para) {
			hri_status st = close_seg(s);

			set_title(s, "Introduction");
			return st;
		}
	}
	return body_line(s, t, *ip, text, l);
}

hri_status
hri_segment_doc(const hri_doctext *t, const char *sym, json_t **segs,
                hri_segment_meta *meta)
{
	seg_state *s;
	hri_status st = HRI_OK;
	size_t i;
	const char *k;
	json_t *v, *seg;

	*segs = NULL;
	memset(meta, 0, sizeof *meta);
	s = calloc(1, sizeof *s);
	if (!s)
		return HRI_ERR_NOMEM;
	s->sym = sym;
	s->segs = json_array();
	s->ids = json_object();
	s->calls = json_object();
	s->mast = json_object();
	s->meta = meta;
	s->cur.text.max = TEXT_MAX;
	s->lower.max = TEXT_MAX;
	if (!s->segs || !s->ids || !s->calls || !s->mast) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < t->n; i++) {
		st = one_line(s, t, &i);
		if (st)
			goto out;
	}
	st = close_seg(s);
	if (st)
		goto out;
	if (s->mode == M_MASTHEAD) {
		masthead_fields(s);
		/* no body ever began (a document without the UN layout): read
		 * it all again as body text */
		if (json_array_size(s->segs) == 0) {
			s->mode = M_BODY;
			for (i = 0; i < t->n; i++) {
				st = one_line(s, t, &i);
				if (st)
					goto out;
			}
			st = close_seg(s);
			if (st)
				goto out;
		}
	}
	/* link each footnote to the paragraph that calls it */
	json_array_foreach(s->segs, i, seg) {
		k = json_string_value(json_object_get(seg, "kind"));
		if (!k || strcmp(k, "footnote") != 0)
			continue;
		k = json_string_value(json_object_get(seg, "note_marker"));
		v = k ? json_object_get(s->calls, k) : NULL;
		if (v) {
			json_t *p;
			size_t j;

			json_object_set(seg, "para", v);
			/* the note belongs to the section of its paragraph */
			json_array_foreach(s->segs, j, p) {
				if (json_equal(json_object_get(p, "para"), v) &&
				    json_is_string(json_object_get(p, "kind")) &&
				    strcmp(json_string_value(json_object_get(p, "kind")),
				           "paragraph") == 0) {
					json_object_set(seg, "section", json_object_get(p, "section"));
					json_object_set(seg, "section_title",
					                json_object_get(p, "section_title"));
					break;
				}
			}
		}
		json_object_del(seg, "note_marker");
	}
	if (json_array_size(s->segs) == 0 && !json_object_size(s->mast))
		st = HRI_ERR_INVALID;
out:
	if (st) {
		json_decref(s->segs);
		json_decref(s->mast);
		meta->masthead = NULL;
	} else {
		*segs = s->segs;
		meta->masthead = s->mast;
	}
	json_decref(s->cur.rec);
	hri_strbuf_free(&s->cur.text);
	hri_strbuf_free(&s->mastbuf);
	hri_strbuf_free(&s->lower);
	json_decref(s->ids);
	json_decref(s->calls);
	free(s);
	return st;
}
