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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "jsonmem.h"
#include "segment_int.h"
#include "swar.h"

static const char *kind_name[] = {"paragraph", "recommendation", "footnote",
                                  "summary", "concern"};

/* Returns byte c in lower case as the C locale's tolower() does: ASCII
 * letters only. */
static unsigned char
fold(unsigned char c)
{
	return (unsigned char)((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c);
}

char *
hri_seg_put_int(char *p, int v)
{
	/* unsigned: the negation of INT_MIN overflows an int */
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	char d[10];
	int n = 0;

	if (v < 0)
		*p++ = '-';
	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (n > 0)
		*p++ = d[--n];
	return p;
}

long
hri_seg_find_ci(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;
	unsigned char c0;

	if (n == 0)
		return 0;
	c0 = fold((unsigned char)needle[0]);
	/* the first byte alone rules out most places, before any call */
	for (i = 0; i + n <= len; i++)
		if (fold((unsigned char)hay[i]) == c0 &&
		    strncasecmp(hay + i + 1, needle + 1, n - 1) == 0)
			return (long)i;
	return -1;
}

#define ANY_CI_MAX 64 /* words hri_seg_any_ci() looks for in one pass */

bool
hri_seg_any_ci(const char *text, size_t len, const char *const *words)
{
	const unsigned char *t = (const unsigned char *)text;
	uint64_t bucket[27] = {0}; /* words by first letter; 26: any other */
	unsigned char w0[ANY_CI_MAX], w1[ANY_CI_MAX];
	size_t wl[ANY_CI_MAX], nw, i, k;
	unsigned idx;

	/* A paragraph is searched for some thirty phrases: each place is
	 * looked at once, and only the phrases starting with its letter are
	 * compared there (strncasecmp at every byte for every phrase was
	 * half of hri-parse's time on a concluding observation). */
	for (nw = 0; words[nw] && nw < ANY_CI_MAX; nw++) {
		wl[nw] = strlen(words[nw]);
		w0[nw] = fold((unsigned char)words[nw][0]);
		w1[nw] = wl[nw] > 1 ? fold((unsigned char)words[nw][1]) : 0;
		idx = (unsigned)(w0[nw] - 'a');
		bucket[idx < 26 ? idx : 26] |= 1ull << nw;
	}
	for (k = nw; words[k]; k++)
		if (hri_seg_find_ci(text, len, words[k]) >= 0)
			return true;
	for (i = 0; i < len; i++) {
		unsigned char c = fold(t[i]);
		uint64_t m;

		idx = (unsigned)(c - 'a');
		m = bucket[idx < 26 ? idx : 26];
		while (m) {
			k = (size_t)__builtin_ctzll(m);
			m &= m - 1;
			if (w0[k] != c || wl[k] > len - i)
				continue;
			if (wl[k] == 1)
				return true;
			if (fold(t[i + 1]) == w1[k] &&
			    strncasecmp(text + i + 2, words[k] + 2, wl[k] - 2) == 0)
				return true;
		}
	}
	return false;
}

/* Longest word looked up when a line ends in a hyphen. */
#define JOIN_WORD_MAX 64

/* FNV-1a of the n bytes of w, lower-cased. */
static uint64_t
word_hash(const char *w, size_t n)
{
	uint64_t h = HRI_FNV1A_BASIS;

	for (size_t i = 0; i < n; i++)
		h = hri_fnv1a_byte(h, (unsigned char)tolower((unsigned char)w[i]));
	return h;
}

/* The slot of h in the set of n slots (a power of two) at set: where it
 * is, or the empty slot (0) where it would go. */
static size_t
word_slot(const uint64_t *set, size_t n, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & (n - 1);

	while (set[i] && set[i] != h)
		i = (i + 1) & (n - 1);
	return i;
}

/* Adds h to the set of s (not 0), doubling the set past half full.
 * Returns false when out of memory. */
static bool
word_add(hri_seg *s, uint64_t h)
{
	size_t i = word_slot(s->words, s->nwords, h);

	if (s->words[i] == h)
		return true;
	s->words[i] = h;
	if (2 * ++s->nheld <= s->nwords)
		return true;
	uint64_t *g = calloc(2 * s->nwords, sizeof *g);
	if (!g)
		return false;
	for (i = 0; i < s->nwords; i++)
		if (s->words[i])
			g[word_slot(g, 2 * s->nwords, s->words[i])] = s->words[i];
	free(s->words);
	s->words = g;
	s->nwords *= 2;
	return true;
}

/* Makes the set of the document's words (see hri_seg_known_word()): a
 * hash set, not a sorted array, as sorting the document's words (qsort
 * through a comparison function) cost as much as the rest of the
 * segmenter on a long report; of the distinct words, grown as they come,
 * as a set of every occurrence (2 MB on A/HRC/14/37) cost 800 page
 * faults. Returns false when out of memory (the set then empty). */
static bool
known_words(hri_seg *s)
{
	s->nwords = 1024;
	s->nheld = 0;
	s->words = calloc(s->nwords, sizeof *s->words);
	if (!s->words)
		return false;
	for (size_t i = 0; i < s->doc->n; i++) {
		const char *p = s->doc->lines[i].text;
		while (*p) {
			const char *e = p;
			while (isalpha((unsigned char)*e))
				e++;
			/* a word of its own: not one half of "non-" or
			 * "-building", nor the start of a line-end break */
			if (e > p && *e != '-' &&
			    (p == s->doc->lines[i].text || p[-1] != '-')) {
				uint64_t h = word_hash(p, (size_t)(e - p));
				if (!h)
					s->word_zero = true; /* 0 marks an empty slot */
				else if (!word_add(s, h)) {
					free(s->words);
					s->words = NULL;
					return false;
				}
			}
			p = *e ? e + 1 : e;
		}
	}
	return true;
}

bool
hri_seg_known_word(hri_seg *s, const char *w, size_t n)
{
	uint64_t h;

	if (!s->doc)
		return false;
	if (!s->words && !known_words(s))
		return false;
	h = word_hash(w, n);
	if (!h)
		return s->word_zero;
	return s->words[word_slot(s->words, s->nwords, h)] == h;
}

/* Whether the hyphen ending b, between a letter and text's first letter,
 * is a line-end break to undo: the two halves are lower case and the
 * joined word is one the document writes. */
static bool
join_break(hri_seg *s, const hri_strbuf *b, const char *text)
{
	char w[JOIN_WORD_MAX];
	size_t start = b->len - 1, n = 0, m = 0;

	while (start > 0 && isalpha((unsigned char)b->s[start - 1]))
		start--;
	n = b->len - 1 - start;
	while (isalpha((unsigned char)text[m]))
		m++;
	if (!islower((unsigned char)b->s[b->len - 2]) ||
	    !islower((unsigned char)text[0]) || n + m > sizeof w)
		return false;
	memcpy(w, b->s + start, n);
	memcpy(w + n, text, m);
	return hri_seg_known_word(s, w, n + m);
}

hri_status
hri_seg_append(hri_seg *s, hri_strbuf *b, const char *text, int para)
{
	hri_status st = HRI_OK;
	const char *p = text, *q;
	char note[16];
	size_t n;

	if (b->len > 0) {
		char last = b->s[b->len - 1];

		if (last == '-' && b->len > 1 && isalpha((unsigned char)b->s[b->len - 2]) &&
		    isalpha((unsigned char)text[0])) {
			/* A word broken at the line's end: joined only when the
			 * document writes the joined word elsewhere
			 * ("recom-/mendations"); a compound keeps its hyphen
			 * ("non-/governmental", "capacity-/building"): joining
			 * every break made words no one writes. */
			if (join_break(s, b, text))
				b->s[--b->len] = '\0';
		} else if (last != ' ') {
			st = hri_strbuf_add(b, " ", 1);
		}
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

/* Returns the offset of the first of two spaces in a row in the len bytes
 * at p, or len; eight bytes at a time, since most text has none. */
static size_t
double_space(const char *p, size_t len)
{
	const uint64_t low7 = ~HRI_SWAR_HIGHS;
	uint64_t w, x, sp;
	size_t i = 0;

	for (; i + 9 <= len; i += 8) {
		w = hri_swar_load(p + i);
		x = w ^ (' ' * HRI_SWAR_ONES);
		/* the high bit of each byte that is a space, and no other */
		sp = ~(((x & low7) + low7) | x | low7);
		/* a space with a space after it, the ninth byte included */
		if ((sp & (sp >> 8)) || ((sp >> 63) && p[i + 8] == ' '))
			break;
	}
	for (; i + 1 < len; i++)
		if (p[i] == ' ' && p[i + 1] == ' ')
			return i;
	return len;
}

/* Collapses runs of spaces in b and trims it. */
static void
tidy(hri_strbuf *b)
{
	size_t i, o = 0;

	/* up to the first two spaces in a row, past the leading ones, the
	 * text stays where it is */
	while (o < b->len && b->s[o] == ' ')
		o++;
	if (o == 0) {
		o = double_space(b->s, b->len);
		if (o < b->len)
			o++; /* the first space of the two is kept */
	} else {
		o = 0;
	}
	for (i = o; i < b->len; i++) {
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

hri_status
hri_seg_close(hri_seg *s)
{
	hri_seg_cur *c = &s->cur;
	hri_status st = HRI_OK, st2;
	json_t *r;
	int pos;

	if (!c->rec)
		return HRI_OK;
	tidy(&c->text);
	st = hri_seg_tb_close(s);
	/* the text is whole doctext lines (valid UTF-8: hri_doctext_add
	 * sees to it) cut only at ASCII bytes, so jansson need not check
	 * every byte of it again */
	if (json_object_set_new_nocheck(c->rec, "text",
	                        json_stringn_nocheck(c->text.s ? c->text.s : "",
	                                             c->text.len)))
		st = HRI_ERR_NOMEM;
	if (c->kind == K_PARAGRAPH && c->para > 0 && c->para < HRI_SEG_PARA_MAX &&
	    c->text.s) {
		/* a paragraph introducing UPR recommendations says their
		 * position */
		st2 = hri_seg_upr_position(s, c->text.s, c->text.len, &pos);
		if (st2 && !st)
			st = st2;
		if (pos)
			s->position[c->para] = (signed char)pos;
		st2 = hri_seg_upr_paragraph(s, c->para, c->text.s, c->text.len, pos);
		if (st2 && !st)
			st = st2;
	}
	if (c->kind == K_RECOMMENDATION && json_object_get(c->rec, "recommending")) {
		r = hri_seg_recommending(s->states, c->text.s ? c->text.s : "");
		if (!r || json_object_set_new_nocheck(c->rec, "recommending", r))
			st = HRI_ERR_NOMEM;
	}
	json_decref(c->rec);
	c->rec = NULL;
	hri_strbuf_reset(&c->text);
	return st;
}

/* Returns a new JSON string of the NUL-terminated t (NULL when it is not
 * UTF-8, or out of memory). */
static json_t *
jstr(const char *t)
{
	return hri_jsonmem_string(t, strlen(t));
}

json_t *
hri_seg_record(hri_seg *s, enum hri_seg_kind k, int para, const char *label,
               const char *idsuffix, int page)
{
	char id[HRI_SEG_ID_MAX];
	json_t *r;
	int dup = 1;
	size_t a, b;

	/* "%s#%s" cut to the buffer as snprintf cuts, by hand: snprintf was
	 * a tenth of making the record */
	a = strlen(s->sym);
	b = strlen(idsuffix);
	if (a > sizeof id - 1)
		a = sizeof id - 1;
	memcpy(id, s->sym, a);
	if (a < sizeof id - 1)
		id[a++] = '#';
	if (b > sizeof id - 1 - a)
		b = sizeof id - 1 - a;
	memcpy(id + a, idsuffix, b);
	id[a + b] = '\0';
	while (json_object_get(s->ids, id)) {
		dup++;
		snprintf(id, sizeof id, "%s#%s-%d", s->sym, idsuffix, dup);
	}
	r = json_object();
	if (!r)
		return NULL;
	/* the keys are ASCII literals: jansson need not check them */
	json_object_set_new_nocheck(r, "type", jstr("segment"));
	json_object_set_new_nocheck(r, "symbol", jstr(s->sym));
	json_object_set_new_nocheck(r, "id", jstr(id));
	json_object_set_new_nocheck(r, "kind", jstr(kind_name[k]));
	json_object_set_new_nocheck(r, "para", para > 0 ? json_integer(para) : json_null());
	json_object_set_new_nocheck(r, "label", label ? jstr(label) : json_null());
	json_object_set_new_nocheck(r, "section", s->section[0] ? jstr(s->section)
	                                                  : json_null());
	json_object_set_new_nocheck(r, "section_title",
	                    s->title[0] ? jstr(s->title) : json_null());
	json_object_set_new_nocheck(r, "page", page > 0 ? json_integer(page) : json_null());
	json_object_set_new(s->ids, id, json_true());
	hri_seg_tb_opened(s, r);
	return r;
}

hri_status
hri_seg_open(hri_seg *s, enum hri_seg_kind k, int para, const char *label,
             const char *idsuffix, int page)
{
	json_t *r;
	hri_status st;

	st = hri_seg_close(s);
	if (st)
		return st;
	r = hri_seg_record(s, k, para, label, idsuffix, page);
	if (!r)
		return HRI_ERR_NOMEM;
	if (json_array_append(s->segs, r)) {
		json_decref(r);
		return HRI_ERR_NOMEM;
	}
	s->cur.rec = r;
	s->cur.kind = k;
	s->cur.para = para;
	switch (k) {
	case K_PARAGRAPH:
	case K_CONCERN:
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

void
hri_seg_set_title(hri_seg *s, const char *t)
{
	size_t n;

	while (*t == ' ')
		t++;
	snprintf(s->title, sizeof s->title, "%s", t);
	s->title_lines = s->title[0] ? 0 : -1;
	n = strlen(s->title);
	while (n > 0 && strchr(" *:", s->title[n - 1]))
		s->title[--n] = '\0';
	s->recs = hri_seg_find_ci(s->title, strlen(s->title),
	                          "recommendation") >= 0 ||
	          hri_seg_find_ci(s->title, strlen(s->title), "conclusion") >= 0;
	hri_seg_tb_title(s);
}

void
hri_seg_add_title(hri_seg *s, const char *t)
{
	size_t n = strlen(s->title);

	if (n + 2 + strlen(t) >= sizeof s->title)
		return;
	snprintf(s->title + n, sizeof s->title - n, "%s%s", n ? " " : "", t);
	n = strlen(s->title);
	while (n > 0 && s->title[n - 1] == ' ')
		s->title[--n] = '\0';
	s->recs = hri_seg_find_ci(s->title, strlen(s->title),
	                          "recommendation") >= 0 ||
	          hri_seg_find_ci(s->title, strlen(s->title), "conclusion") >= 0;
	hri_seg_tb_title(s);
}

hri_status
hri_seg_enter_roman(hri_seg *s, int v, const char *t)
{
	char r[16];
	hri_status st = hri_seg_close(s);

	hri_seg_roman_str(v, r);
	s->roman = v;
	s->letter = 0;
	s->sub = 0;
	if (s->annex[0])
		snprintf(s->section, sizeof s->section, "%s.%s", s->annex, r);
	else
		snprintf(s->section, sizeof s->section, "%s", r);
	hri_seg_set_title(s, t);
	s->title_open = true;
	s->mode = M_BODY;
	return st;
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
endnote_line(hri_seg *s, const hri_docline *l, const char *text)
{
	char *e, idsuf[32], note[16];
	long n = strtol(text, &e, 10);
	hri_status st;

	if (isdigit((unsigned char)text[0]) && *e == ' ' && n == s->last_note + 1) {
		snprintf(idsuf, sizeof idsuf, "fn%ld", n);
		snprintf(note, sizeof note, "%ld", n);
		st = hri_seg_open(s, K_FOOTNOTE, s->para, note, idsuf, l->page);
		if (st)
			return st;
		json_object_set_new_nocheck(s->cur.rec, "note_marker", json_string(note));
		s->last_note = (int)n;
		while (*e == ' ')
			e++;
		return hri_seg_append(s, &s->cur.text, e, 0);
	}
	if (!s->cur.rec)
		return HRI_OK;
	return hri_seg_append(s, &s->cur.text, text, 0);
}

/* Takes the lines that carry no text: a blank (ends a title; a block
 * boundary in the masthead), page furniture, and the notes marked "*" on
 * the title or a heading. Returns true when line l was one. */
static bool
skip_line(hri_seg *s, const hri_docline *l)
{
	const char *text = l->text;
	size_t stars = strspn(text, "*");

	if (l->style & HRI_LINE_BLANK) {
		s->title_open = false;
		if (s->mode == M_MASTHEAD)
			hri_seg_masthead_line(s, l);
		return true;
	}
	if (!(l->style & HRI_LINE_FOOTNOTE) &&
	    (hri_seg_is_furniture(text, s->sym) || hri_seg_is_rule(text)))
		return true;
	/* "* The annex ... circulated as received.": a note, which ends the
	 * title in a masthead */
	if (stars >= 1 && stars <= 3 && text[stars] == ' ') {
		if (s->mode == M_MASTHEAD && s->mastbuf.len < HRI_SEG_MAST_MAX)
			hri_strbuf_puts(&s->mastbuf, "\n*\n");
		return true;
	}
	/* "*" or "**" alone: the next line is a note on the title or a
	 * heading ("The annex ... circulated as received."), not text */
	if (stars == l->len && l->len <= 3) {
		s->skip_note = true;
		return true;
	}
	if (s->skip_note) {
		s->skip_note = false;
		if (s->mode != M_MASTHEAD || l->page > 0)
			return true;
	}
	return false;
}

/* Returns true when text is a marker alone on its line ("I.", "A.", "(a)",
 * "45.", "115.3") that belongs to the next line. */
static bool
lone_marker(const hri_seg *s, const char *text)
{
	size_t rl = strspn(text, "IVXLC");
	const char *rest;
	char lab[8];
	int n, n2;

	return (rl && text[rl] == '.' && text[rl + 1] == '\0') ||
	       (isupper((unsigned char)text[0]) && text[1] == '.' &&
	        text[2] == '\0') ||
	       (hri_seg_item_label(text, lab, &rest) && *rest == '\0') ||
	       (hri_seg_numbered(text, &n, &rest) && *rest == '\0' &&
	        ((n > s->para && n <= s->para + 5) || n == s->upr_item + 1)) ||
	       (hri_seg_upr_numbered(text, &n, &n2, &rest) && *rest == '\0');
}

/* Joins the lone marker of line *ip with the next line of text (within
 * three lines) into ml, whose text is merged (msz bytes), and moves *ip to
 * that line. Returns false, changing nothing, when there is none or the two
 * do not fit. */
static bool
join_marker(const hri_doctext *t, size_t *ip, hri_docline *ml, char *merged,
            size_t msz)
{
	const hri_docline *l = &t->lines[*ip];
	size_t i = *ip, j;

	for (j = i + 1; j < t->n && j < i + 4; j++)
		if (!(t->lines[j].style & HRI_LINE_BLANK))
			break;
	if (j >= t->n || j >= i + 4 ||
	    (t->lines[j].style & (HRI_LINE_BLANK | HRI_LINE_FOOTNOTE)) ||
	    l->len + t->lines[j].len + 2 >= msz)
		return false;
	/* "%s %s" by hand (snprintf was most of this join); strlen, not
	 * len, as "%s" stops at a NUL inside a line, and the two fit, as
	 * neither is longer than its len */
	size_t a = strlen(l->text), b = strlen(t->lines[j].text);
	memcpy(merged, l->text, a);
	merged[a] = ' ';
	memcpy(merged + a + 1, t->lines[j].text, b + 1);
	*ml = *l;
	ml->text = merged;
	ml->len = a + 1 + b;
	ml->style = l->style | t->lines[j].style;
	*ip = j;
	return true;
}

static hri_status one_line(hri_seg *s, const hri_doctext *t, size_t *ip);

/* Handles a line of a table of contents: entries are skipped (a section
 * numeral noted, in case the body opens without its own), and the body
 * begins after the last page with dot leaders, or at "1." or "I." in a
 * source without pages. */
static hri_status
toc_line(hri_seg *s, const hri_seg_line *ln, size_t *ip)
{
	const char *text = ln->text, *rest;
	const hri_docline *l = ln->l;
	size_t rl = strspn(text, "IVXLC");
	int n;

	if (strstr(text, "...") || strstr(text, ". . .") ||
	    strstr(text, "\xe2\x80\xa6") || strstr(text, "Paragraphs") ||
	    strstr(text, "Page"))
		return HRI_OK;
	/* in a paged source the contents end with the last page that has dot
	 * leaders */
	if (l->page > 0 && l->page == s->toc_page)
		return HRI_OK;
	if (l->page > 0 && page_has_leaders(ln->t, *ip)) {
		s->toc_page = l->page;
		return HRI_OK;
	}
	if (l->page > 0) {
		s->mode = M_BODY;
		return one_line(s, ln->t, ip);
	}
	if (hri_seg_numbered(text, &n, &rest) && n == 1 &&
	    isupper((unsigned char)*rest)) {
		if (s->pending_roman)
			hri_seg_enter_roman(s, s->pending_roman, s->pending_title);
		s->mode = M_BODY;
		return hri_seg_body_line(s, ln);
	}
	if (rl && hri_seg_roman_value(text, rl) == 1 && text[rl] == '.' &&
	    !isdigit((unsigned char)text[l->len - 1])) {
		s->mode = M_BODY;
		return hri_seg_body_line(s, ln);
	}
	if (rl && hri_seg_roman_value(text, rl) && text[rl] == '.') {
		s->pending_roman = hri_seg_roman_value(text, rl);
		snprintf(s->pending_title, sizeof s->pending_title, "%s",
		         text + rl + 1 + (text[rl + 1] == ' '));
	}
	return HRI_OK;
}

/* Returns true when text opens the body: "1. Upper...", "I." or
 * "Introduction". */
static bool
opens_body(const char *text)
{
	size_t rl = strspn(text, "IVXLC");
	const char *rest;
	int n;

	return (hri_seg_numbered(text, &n, &rest) && n == 1 &&
	        isupper((unsigned char)*rest)) ||
	       (rl && hri_seg_roman_value(text, rl) == 1 && text[rl] == '.') ||
	       strcmp(text, "Introduction") == 0 ||
	       strcmp(text, "INTRODUCTION") == 0;
}

/* Returns true when text ends the summary: a heading, "I.", "1." or
 * "Introduction". */
static bool
ends_summary(const hri_docline *l, const char *text)
{
	size_t rl = strspn(text, "IVXLC");
	const char *rest;
	int n;

	return (l->style & HRI_LINE_HEADING) ||
	       (rl && hri_seg_roman_value(text, rl) == 1 && text[rl] == '.') ||
	       (hri_seg_numbered(text, &n, &rest) && n == 1) ||
	       strcmp(text, "Introduction") == 0;
}

/* Handles the headings that change mode: "Notes" (endnotes follow, in a
 * paged body), "Contents", "Summary" (before the body). Sets *took when
 * text was one. */
static hri_status
mode_heading(hri_seg *s, const hri_docline *l, const char *text, bool *took)
{
	*took = true;
	/* the state first: it settles most lines without a strcmp() */
	if (s->mode == M_BODY && s->paged &&
	    (strcmp(text, "Notes") == 0 || strcmp(text, "Endnotes") == 0 ||
	     strcmp(text, "NOTES") == 0)) {
		s->mode = M_NOTES;
		s->last_note = 0;
		return hri_seg_close(s);
	}
	if (hri_seg_is_contents(text)) {
		hri_seg_close(s);
		if (s->mode == M_MASTHEAD)
			hri_seg_masthead_fields(s);
		s->mode = M_TOC;
		s->toc_page = l->page;
		return HRI_OK;
	}
	if (s->mode != M_BODY &&
	    (strcmp(text, "Summary") == 0 || strcmp(text, "SUMMARY") == 0)) {
		if (s->mode == M_MASTHEAD)
			hri_seg_masthead_fields(s);
		s->mode = M_SUMMARY;
		return hri_seg_open(s, K_SUMMARY, 0, NULL, "summary", l->page);
	}
	*took = false;
	return HRI_OK;
}

/* Handles one line of the document (two when a lone marker joins the
 * next: *ip then moves on). */
static hri_status
one_line(hri_seg *s, const hri_doctext *t, size_t *ip)
{
	hri_seg_line ln = {t, *ip, t->lines[*ip].text, &t->lines[*ip]};
	char merged[1024];
	hri_docline ml;
	bool took;
	hri_status st;

	if (skip_line(s, ln.l))
		return HRI_OK;
	if (s->mode != M_TOC && lone_marker(s, ln.text) &&
	    join_marker(t, ip, &ml, merged, sizeof merged)) {
		ln.i = *ip;
		ln.l = &ml;
		ln.text = merged;
	}
	if (s->mode == M_TOC)
		return toc_line(s, &ln, ip);
	if (s->mode == M_NOTES)
		return endnote_line(s, ln.l, ln.text);
	st = mode_heading(s, ln.l, ln.text, &took);
	if (st || took)
		return st;
	if (s->mode == M_MASTHEAD) {
		if (!opens_body(ln.text)) {
			hri_seg_masthead_line(s, ln.l);
			return HRI_OK;
		}
		hri_seg_masthead_fields(s);
		s->mode = M_BODY;
	}
	if (s->mode == M_SUMMARY) {
		if (!ends_summary(ln.l, ln.text))
			return (ln.l->style & HRI_LINE_FOOTNOTE)
			               ? HRI_OK
			               : hri_seg_append(s, &s->cur.text, ln.text, 0);
		hri_seg_close(s);
		s->mode = M_BODY;
	}
	if (!s->roman && !s->para &&
	    (strcmp(ln.text, "Introduction") == 0 ||
	     strcmp(ln.text, "INTRODUCTION") == 0)) {
		st = hri_seg_close(s);
		hri_seg_set_title(s, "Introduction");
		return st;
	}
	return hri_seg_body_line(s, &ln);
}

hri_seg *
hri_seg_new(const char *sym, const hri_states *states, hri_segment_meta *meta)
{
	hri_seg *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->sym = sym;
	s->states = states;
	s->response = strstr(sym, "/Add.") != NULL;
	s->segs = json_array();
	s->ids = json_object();
	s->calls = json_object();
	s->mast = json_object();
	s->meta = meta;
	s->cur.text.max = HRI_SEGMENT_TEXT_MAX;
	s->lower.max = HRI_SEGMENT_TEXT_MAX;
	if (!s->segs || !s->ids || !s->calls || !s->mast) {
		hri_seg_free(s);
		return NULL;
	}
	return s;
}

void
hri_seg_free(hri_seg *s)
{
	if (!s)
		return;
	json_decref(s->segs);
	json_decref(s->mast);
	json_decref(s->cur.rec);
	hri_strbuf_free(&s->cur.text);
	hri_strbuf_free(&s->mastbuf);
	hri_strbuf_free(&s->lower);
	free(s->words);
	json_decref(s->ids);
	json_decref(s->calls);
	hri_seg_tb_free(s->tb);
	free(s);
}

/* Reads every line of t, then closes the last segment. */
static hri_status
read_lines(hri_seg *s, const hri_doctext *t)
{
	hri_status st;
	size_t i;

	for (i = 0; i < t->n; i++) {
		st = one_line(s, t, &i);
		if (st)
			return st;
	}
	return hri_seg_close(s);
}

/* Links each footnote to the paragraph that calls it, and to that
 * paragraph's section. */
static void
link_footnotes(hri_seg *s)
{
	const char *k;
	json_t *v, *seg, *p;
	size_t i, j;

	json_array_foreach(s->segs, i, seg) {
		k = json_string_value(json_object_get(seg, "kind"));
		if (!k || strcmp(k, "footnote") != 0)
			continue;
		k = json_string_value(json_object_get(seg, "note_marker"));
		v = k ? json_object_get(s->calls, k) : NULL;
		if (v) {
			json_object_set_nocheck(seg, "para", v);
			/* the note belongs to the section of its paragraph */
			json_array_foreach(s->segs, j, p) {
				if (json_equal(json_object_get(p, "para"), v) &&
				    json_is_string(json_object_get(p, "kind")) &&
				    strcmp(json_string_value(json_object_get(p, "kind")),
				           "footnote") != 0) {
					json_object_set_nocheck(seg, "section", json_object_get(p, "section"));
					json_object_set_nocheck(seg, "section_title",
					                json_object_get(p, "section_title"));
					break;
				}
			}
		}
		json_object_del(seg, "note_marker");
	}
}

/* For a UPR report, says what the body told of it on the masthead (a UPR
 * report, its State under review, the Working Group's session) and puts
 * the State under review on every segment. */
static hri_status
finish_upr(hri_seg *s)
{
	json_t *seg;
	size_t i;

	if (!s->upr)
		return HRI_OK;
	if (json_object_set_new_nocheck(s->mast, "upr", json_true()))
		return HRI_ERR_NOMEM;
	if (s->wg_session > 0 &&
	    json_object_set_new_nocheck(s->mast, "wg_session", json_integer(s->wg_session)))
		return HRI_ERR_NOMEM;
	if (!s->sur[0])
		return HRI_OK;
	if (json_object_set_new_nocheck(s->mast, "state_under_review", json_string(s->sur)))
		return HRI_ERR_NOMEM;
	json_array_foreach(s->segs, i, seg)
		if (json_object_set_new_nocheck(seg, "state_under_review", jstr(s->sur)))
			return HRI_ERR_NOMEM;
	return HRI_OK;
}

hri_status
hri_segment_doc(const hri_doctext *t, const char *sym,
                const hri_states *states, json_t **segs,
                hri_segment_meta *meta)
{
	hri_seg *s;
	hri_status st;

	*segs = NULL;
	memset(meta, 0, sizeof *meta);
	s = hri_seg_new(sym, states, meta);
	if (!s)
		return HRI_ERR_NOMEM;
	s->doc = t;
	st = read_lines(s, t);
	if (st)
		goto out;
	if (s->mode == M_MASTHEAD) {
		hri_seg_masthead_fields(s);
		/* no body ever began (a document without the UN layout): read
		 * it all again as body text */
		if (json_array_size(s->segs) == 0) {
			s->mode = M_BODY;
			st = read_lines(s, t);
			if (st)
				goto out;
		}
	}
	link_footnotes(s);
	st = finish_upr(s);
	if (!st)
		st = hri_seg_tb_finish(s);
	if (st)
		goto out;
	if (json_array_size(s->segs) == 0 && !json_object_size(s->mast)) {
		st = HRI_ERR_INVALID;
		goto out;
	}
	*segs = s->segs;
	meta->masthead = s->mast;
	s->segs = NULL;
	s->mast = NULL;
out:
	hri_seg_free(s);
	return st;
}
