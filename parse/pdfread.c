/* pdfread.c - PDF into doctext lines, from the page texts, character
 * boxes and font sizes of the poppler shim (pdftext.h).
 *
 * poppler's own reading order breaks justified lines apart ("fight" and
 * "against" on lines of their own), so each page's words are rebuilt into
 * lines from their boxes: words whose boxes overlap vertically form a line,
 * read left to right. The boxes and the font sizes show what plain text
 * loses: a small number raised after a word is a footnote call, and lines
 * in a smaller size that open with a number are footnote texts. Font sizes
 * come from poppler's text words where the PDF has them (a glyph box
 * depends on the font's design: a 9-point footnote face may have taller
 * boxes than the 10-point body), else the box heights stand in. */
#include "readers.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdftext.h"
#include "strbuf.h"

#define PDF_PAGES_MAX 5000     /* pages read from one document */
#define PDF_WORDS_MAX 200000   /* words on one page */

typedef struct word {
	double x1, y1, x2, y2; /* box, points, y down the page */
	double size;           /* font size, points; 0 when unknown */
	const char *s;         /* bytes in the page text */
	size_t len;
	int line;              /* index of its line */
	bool raised;           /* a raised small number: a footnote call */
	bool glue;             /* joins the word before without a space */
} word;

typedef struct pline {
	double y1, y2;   /* vertical extent, points */
	double h;        /* median word height, points */
	double size;     /* median word font size, points; 0 when unknown */
	size_t first, n; /* its words in the sorted word array */
} pline;

/* The buffers of page_lines(), kept from page to page of a document:
 * allocating them anew for each page cost more than filling them. */
typedef struct pagebufs {
	word *w;       /* the words of the page */
	size_t wcap;   /* words allocated */
	pline *lines;  /* its lines, at most one a word */
	double *hs;    /* heights, one a word */
	word *wtmp;    /* room for sorting the words */
	double *htmp;  /* and the heights */
	size_t lcap;   /* lines, heights and both rooms allocated */
	hri_strbuf b, note_text;
} pagebufs;

/* Frees the buffers of pb. */
static void
pagebufs_free(pagebufs *pb)
{
	free(pb->w);
	free(pb->lines);
	free(pb->hs);
	free(pb->wtmp);
	free(pb->htmp);
	hri_strbuf_free(&pb->b);
	hri_strbuf_free(&pb->note_text);
}

/* The orders the line rebuilder sorts words in. */
enum word_order {
	BY_TOP,   /* top to bottom */
	BY_LINE_X /* by line, then left to right */
};

/* Returns true when x may stay before y in order o (x is not after y). */
static bool
word_le(const word *x, const word *y, enum word_order o)
{
	if (o == BY_LINE_X) {
		if (x->line != y->line)
			return x->line < y->line;
		return !(x->x1 > y->x1);
	}
	return !(x->y1 > y->y1);
}

/* Below this many, the sorts below insert rather than merge. */
#define SORT_INSERT_MAX 12

/* Sorts the n words at w in order o, stably, with tmp (n words) to merge
 * in. The merge sort of glibc's qsort(), which this replaced (a quarter of
 * the reader's own time went to its calls through the comparison
 * function): the left half first, the left word first when neither is
 * after the other, so every order, ties and boxes that compare with nothing
 * (NaN) included, is what it was. When no key is NaN (total set: the
 * order is then total, and a stable sort has one result), short runs are
 * sorted by insertion and halves already in order are not merged: most
 * of a page comes in reading order, and this halved the sorts' cost. */
static void
sort_words_run(word *w, word *tmp, size_t n, enum word_order o, bool total)
{
	size_t n1 = n / 2, n2 = n - n1, i = 0, j = n1, k = 0;

	if (n <= 1)
		return;
	if (total && n <= SORT_INSERT_MAX) {
		for (i = 1; i < n; i++) {
			word x = w[i];

			for (j = i; j > 0 && !word_le(&w[j - 1], &x, o); j--)
				w[j] = w[j - 1];
			w[j] = x;
		}
		return;
	}
	sort_words_run(w, tmp, n1, o, total);
	sort_words_run(w + n1, tmp, n2, o, total);
	if (total && word_le(&w[n1 - 1], &w[n1], o))
		return;
	while (i < n1 && j < n)
		tmp[k++] = word_le(&w[i], &w[j], o) ? w[i++] : w[j++];
	while (i < n1)
		tmp[k++] = w[i++];
	memcpy(w, tmp, k * sizeof *w);
}

/* sort_words_run() over the n words at w, told whether a key is NaN. */
static void
sort_words(word *w, word *tmp, size_t n, enum word_order o)
{
	bool total = true;

	for (size_t i = 0; i < n && total; i++)
		total = o == BY_LINE_X ? w[i].x1 == w[i].x1 : w[i].y1 == w[i].y1;
	sort_words_run(w, tmp, n, o, total);
}

/* Sorts the n doubles at a ascending as sort_words_run() sorts words. */
static void
sort_doubles_run(double *a, double *tmp, size_t n, bool total)
{
	size_t n1 = n / 2, n2 = n - n1, i = 0, j = n1, k = 0;

	if (n <= 1)
		return;
	if (total && n <= SORT_INSERT_MAX) {
		for (i = 1; i < n; i++) {
			double x = a[i];

			for (j = i; j > 0 && a[j - 1] > x; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
		return;
	}
	sort_doubles_run(a, tmp, n1, total);
	sort_doubles_run(a + n1, tmp, n2, total);
	if (total && !(a[n1 - 1] > a[n1]))
		return;
	while (i < n1 && j < n)
		tmp[k++] = !(a[i] > a[j]) ? a[i++] : a[j++];
	while (i < n1)
		tmp[k++] = a[i++];
	memcpy(a, tmp, k * sizeof *a);
}

/* sort_doubles_run() over the n doubles at a, told whether one is NaN. */
static void
sort_doubles(double *a, double *tmp, size_t n)
{
	bool total = true;

	for (size_t i = 0; i < n && total; i++)
		total = a[i] == a[i];
	sort_doubles_run(a, tmp, n, total);
}

/* Returns true when the len bytes at s are 1 to 3 digits. */
static bool
is_num(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 3)
		return false;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Returns true when the line is page furniture by its look (digits, job
 * numbers), so that it never joins a footnote. */
static bool
furniture_look(const char *s)
{
	for (; *s; s++)
		if (!strchr("0123456789/-.() GE", *s))
			return false;
	return true;
}

/* Returns the byte after the UTF-8 character at p (a stray byte counts as
 * one character), as the boxes count them. */
static const char *
utf8_next(const char *p)
{
	unsigned char c = (unsigned char)*p;

	if (c >= 0xfc && c <= 0xfd)
		return p + 6;
	if (c >= 0xf8 && c <= 0xfb)
		return p + 5;
	if (c >= 0xf0 && c <= 0xf7)
		return p + 4;
	if (c >= 0xe0 && c <= 0xef)
		return p + 3;
	if (c >= 0xc0 && c <= 0xdf)
		return p + 2;
	return p + 1;
}

/* Returns true when a is smaller than ratio times b: by font size when
 * both are known, else by box height (ha, hb). */
static bool
smaller(double a, double b, double ha, double hb, double ratio)
{
	if (a > 0 && b > 0)
		return a < ratio * b;
	return ha < ratio * hb;
}

/* Splits the page text into words with their boxes and font sizes, into
 * pb->w. Returns the count, or -1 when out of memory or past the cap. */
static long
page_words(const char *text, const hri_pdfbox *rects, size_t nrects,
           pagebufs *pb)
{
	word *w = pb->w, *nw;
	size_t n = 0, cap = pb->wcap;
	const char *p = text, *start = NULL, *dstart = NULL, *pstart = NULL;
	size_t ci = 0;
	double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
	/* the trailing run of digits of the word, and the height of the
	 * rest: "Programmes4" hides a raised call */
	double dx1 = 0, dy1 = 0, dy2 = 0, base_h = 0, dig_h = 0;
	double bx2 = 0, by1 = 0, by2 = 0;
	/* the largest font size of the word's digits, of the rest */
	double dig_s = 0, base_s = 0, fs;

	for (;; p = utf8_next(p), ci++) {
		bool space = *p == '\0' || *p == ' ' || *p == '\n' ||
		             *p == '\t' || *p == '\r';

		if (!space && ci < nrects) {
			const hri_pdfbox *r = &rects[ci];
			double h = r->y2 - r->y1;

			fs = r->size;
			if (*p >= '0' && *p <= '9' && !pstart) {
				if (!dstart) {
					dstart = p;
					dx1 = r->x1;
					dy1 = r->y1;
					dy2 = r->y2;
					dig_h = 0;
					dig_s = 0;
				}
				dig_h = h > dig_h ? h : dig_h;
				dig_s = fs > dig_s ? fs : dig_s;
				dy1 = r->y1 < dy1 ? r->y1 : dy1;
				dy2 = r->y2 > dy2 ? r->y2 : dy2;
			} else if (dstart && strchr(".,;:)", *p)) {
				/* "Programmes4," the call before punctuation */
				if (!pstart)
					pstart = p;
			} else {
				if (dstart) {
					base_h = dig_h > base_h ? dig_h : base_h;
					base_s = dig_s > base_s ? dig_s : base_s;
				}
				dstart = NULL;
				pstart = NULL;
				base_h = h > base_h ? h : base_h;
				base_s = fs > base_s ? fs : base_s;
				bx2 = r->x2;
				by1 = start ? (r->y1 < by1 ? r->y1 : by1) : r->y1;
				by2 = start ? (r->y2 > by2 ? r->y2 : by2) : r->y2;
			}
			if (!start) {
				start = p;
				x1 = r->x1;
				y1 = r->y1;
				x2 = r->x2;
				y2 = r->y2;
			} else {
				x1 = r->x1 < x1 ? r->x1 : x1;
				y1 = r->y1 < y1 ? r->y1 : y1;
				x2 = r->x2 > x2 ? r->x2 : x2;
				y2 = r->y2 > y2 ? r->y2 : y2;
			}
		} else if (start) {
			if (n + 3 > cap) {
				cap = cap ? cap * 2 : 512;
				if (cap > PDF_WORDS_MAX)
					return -1;
				nw = realloc(w, cap * sizeof *w);
				if (!nw)
					return -1;
				w = pb->w = nw;
				pb->wcap = cap;
			}
			const char *dend = pstart ? pstart : p;

			/* "A/HRC/28/15" set in a larger face is no call */
			if (dstart && dstart > start && dstart[-1] != '/' &&
			    dstart[-1] != '-' &&
			    smaller(dig_s, base_s, dig_h, base_h, 0.8) &&
			    dend - dstart <= 3 && n + 2 < cap) {
				/* split the raised digits off as their own word */
				w[n] = (word){x1, by1, bx2, by2, base_s, start,
				              (size_t)(dstart - start), 0, false, false};
				n++;
				w[n] = (word){dx1, dy1, dx1 + 0.1, dy2, dig_s, dstart,
				              (size_t)(dend - dstart), 0, true, false};
				if (pstart) {
					n++;
					w[n] = (word){dx1 + 0.2, by1, x2, by2, base_s, pstart,
					              (size_t)(p - pstart), 0, false, true};
				}
			} else {
				w[n] = (word){x1, y1, x2, y2,
				              base_s > dig_s ? base_s : dig_s, start,
				              (size_t)(p - start), 0, false, false};
			}
			n++;
			start = NULL;
			dstart = NULL;
			pstart = NULL;
			base_h = 0;
			base_s = 0;
			dig_s = 0;
		}
		if (*p == '\0')
			break;
	}
	return (long)n;
}

/* Adds the lines of one page to t, with the buffers of pb. */
static hri_status
page_lines(const char *text, const hri_pdfbox *rects, size_t nrects, int pg,
           hri_doctext *t, pagebufs *pb)
{
	word *w;
	pline *lines;
	double *hs, body_h, body_s, ov, hmin;
	long nw;
	size_t i, j, nl = 0, k;
	hri_strbuf *bp = &pb->b, *notep = &pb->note_text;
	char note[16] = "";
	hri_status st = HRI_OK;
	bool in_note = false;

	nw = page_words(text, rects, nrects, pb);
	if (nw < 0)
		return HRI_ERR_TOO_BIG;
	if (nw == 0)
		return HRI_OK;
	w = pb->w;
	if ((size_t)nw > pb->lcap) {
		/* freed first: their contents need not survive */
		free(pb->lines);
		free(pb->hs);
		free(pb->wtmp);
		free(pb->htmp);
		pb->lines = malloc((size_t)nw * sizeof *pb->lines);
		pb->hs = malloc((size_t)nw * sizeof *pb->hs);
		pb->wtmp = malloc((size_t)nw * sizeof *pb->wtmp);
		pb->htmp = malloc((size_t)nw * sizeof *pb->htmp);
		pb->lcap = (size_t)nw;
		if (!pb->lines || !pb->hs || !pb->wtmp || !pb->htmp) {
			pb->lcap = 0;
			return HRI_ERR_NOMEM;
		}
	}
	lines = pb->lines;
	hs = pb->hs;
	memset(lines, 0, (size_t)nw * sizeof *lines);
	sort_words(w, pb->wtmp, (size_t)nw, BY_TOP);
	/* words overlapping the current line vertically by 30% join it */
	for (i = 0; i < (size_t)nw; i++) {
		double h = w[i].y2 - w[i].y1;

		if (nl > 0) {
			pline *l = &lines[nl - 1];
			double lh = l->y2 - l->y1;

			ov = (w[i].y2 < l->y2 ? w[i].y2 : l->y2) -
			     (w[i].y1 > l->y1 ? w[i].y1 : l->y1);
			hmin = h < lh ? h : lh;
			if (ov > 0.3 * hmin) {
				w[i].line = (int)(nl - 1);
				if (w[i].y1 < l->y1)
					l->y1 = w[i].y1;
				if (w[i].y2 > l->y2)
					l->y2 = w[i].y2;
				continue;
			}
		}
		lines[nl].y1 = w[i].y1;
		lines[nl].y2 = w[i].y2;
		w[i].line = (int)nl++;
	}
	sort_words(w, pb->wtmp, (size_t)nw, BY_LINE_X);
	for (i = 0; i < (size_t)nw; i = j) {
		size_t m = 0;

		for (j = i; j < (size_t)nw && w[j].line == w[i].line; j++)
			hs[m++] = w[j].y2 - w[j].y1;
		sort_doubles(hs, pb->htmp, m);
		lines[w[i].line].h = hs[m / 2];
		lines[w[i].line].first = i;
		lines[w[i].line].n = j - i;
		m = 0;
		for (j = i; j < (size_t)nw && w[j].line == w[i].line; j++)
			hs[m++] = w[j].size;
		sort_doubles(hs, pb->htmp, m);
		lines[w[i].line].size = hs[m / 2];
	}
	/* the body text size: the median line height and font size,
	 * weighted by words */
	for (i = 0; i < (size_t)nw; i++)
		hs[i] = lines[w[i].line].h;
	sort_doubles(hs, pb->htmp, (size_t)nw);
	body_h = hs[nw / 2];
	for (i = 0; i < (size_t)nw; i++)
		hs[i] = lines[w[i].line].size;
	sort_doubles(hs, pb->htmp, (size_t)nw);
	body_s = hs[nw / 2];
	for (k = 0; k < nl; k++) {
		pline *l = &lines[k];
		/* a footnote face is a point or two below the body's */
		bool small = body_s > 0 && l->size > 0 ? l->size < 0.95 * body_s
		                                       : l->h < 0.9 * body_h;
		word *first = &w[l->first];
		size_t start = 0;

		hri_strbuf_reset(bp);
		for (i = l->first; i < l->first + l->n; i++) {
			double h = w[i].y2 - w[i].y1;
			double mid = (w[i].y1 + w[i].y2) / 2;

			/* a raised small number after a word: a footnote call */
			if (i > l->first && is_num(w[i].s, w[i].len) &&
			    (w[i].raised ||
			     (smaller(w[i].size, l->size, h, l->h, 0.8) &&
			      (mid < (l->y1 + l->y2) / 2 - 0.1 * l->h ||
			       (w[i].size > 0 && l->size > 0)) &&
			      w[i].x1 - w[i - 1].x2 < 0.3 * l->h))) {
				char mk[8];

				snprintf(mk, sizeof mk, "%c%.*s%c", HRI_NOTE_OPEN,
				         (int)w[i].len, w[i].s, HRI_NOTE_CLOSE);
				st = hri_strbuf_puts(bp, mk);
			} else {
				if (bp->len && !w[i].glue)
					st = hri_strbuf_add(bp, " ", 1);
				if (!st)
					st = hri_strbuf_add(bp, w[i].s, w[i].len);
			}
			if (st)
				goto out;
		}
		if (!bp->len)
			continue;
		/* a small line opening with a number starts a footnote text;
		 * small lines after it continue it */
		if (small && l->n > 1 && is_num(first->s, first->len) &&
		    !furniture_look(bp->s)) {
			if (in_note) {
				st = hri_doctext_add(t, notep->s, notep->len, pg,
				                     HRI_LINE_FOOTNOTE, note);
				if (st)
					goto out;
			}
			in_note = true;
			snprintf(note, sizeof note, "%.*s", (int)first->len, first->s);
			hri_strbuf_reset(notep);
			start = first->len;
			while (bp->s[start] == ' ' || bp->s[start] == HRI_NOTE_CLOSE)
				start++;
			st = hri_strbuf_puts(notep, bp->s + start);
			if (st)
				goto out;
			continue;
		}
		if (in_note && small && !furniture_look(bp->s)) {
			st = hri_strbuf_add(notep, " ", 1);
			if (!st)
				st = hri_strbuf_puts(notep, bp->s);
			if (st)
				goto out;
			continue;
		}
		if (in_note && !small) {
			in_note = false;
			st = hri_doctext_add(t, notep->s, notep->len, pg,
			                     HRI_LINE_FOOTNOTE, note);
		}
		if (!st)
			st = hri_doctext_add(t, bp->s, bp->len, pg, HRI_LINE_PLAIN, NULL);
		if (st)
			goto out;
	}
	if (in_note)
		st = hri_doctext_add(t, notep->s, notep->len, pg,
		                     HRI_LINE_FOOTNOTE, note);
out:
	return st;
}

hri_status
hri_pdfread(const unsigned char *buf, size_t len, hri_doctext *t, char *err,
            size_t errsz)
{
	hri_pdftext *doc = NULL;
	pagebufs pb = {0};
	const hri_pdfbox *rects;
	size_t nrects;
	const char *text;
	char why[256];
	hri_status st;
	int n, i;
	size_t before;

	st = hri_pdftext_open(buf, len, &doc, why, sizeof why);
	if (st == HRI_ERR_INVALID) {
		snprintf(err, errsz, "damaged PDF: %s", why);
		goto out;
	}
	if (st) {
		snprintf(err, errsz, "%s", why);
		goto out;
	}
	n = hri_pdftext_pages(doc);
	if (n <= 0) {
		snprintf(err, errsz, "damaged PDF: no pages");
		st = HRI_ERR_INVALID;
		goto out;
	}
	if (n > PDF_PAGES_MAX) {
		snprintf(err, errsz, "%d pages, more than %d", n, PDF_PAGES_MAX);
		st = HRI_ERR_TOO_BIG;
		goto out;
	}
	t->pages = n;
	before = t->bytes;
	for (i = 0; i < n; i++) {
		st = hri_pdftext_page(doc, i + 1, &text, &rects, &nrects);
		if (st) {
			snprintf(err, errsz, "page %d: %s", i + 1, hri_pdftext_errmsg(doc));
			goto out;
		}
		st = hri_doctext_blank(t, i + 1);
		if (!st && text[0] && rects)
			st = page_lines(text, rects, nrects, i + 1, t, &pb);
		if (st) {
			snprintf(err, errsz, "page %d: %s", i + 1, hri_status_str(st));
			goto out;
		}
	}
	if (t->bytes - before <= (size_t)n) {
		snprintf(err, errsz, "no text in %d pages (a scanned PDF?)", n);
		st = HRI_ERR_INVALID;
	}
out:
	pagebufs_free(&pb);
	hri_pdftext_free(doc);
	return st;
}
