/* pdfread.c - PDF into doctext lines through poppler-glib.
 *
 * poppler's own reading order breaks justified lines apart ("fight" and
 * "against" on lines of their own), so each page's words are rebuilt into
 * lines from their boxes: words whose boxes overlap vertically form a line,
 * read left to right. The boxes and the font sizes show what plain text
 * loses: a small number raised after a word is a footnote call, and lines
 * in a smaller size that open with a number are footnote texts. Font sizes
 * come from poppler's text attributes where the PDF has them (a glyph box
 * depends on the font's design: a 9-point footnote face may have taller
 * boxes than the 10-point body), else the box heights stand in. */
#include "readers.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

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

/* Orders words top to bottom. */
static int
by_top(const void *a, const void *b)
{
	const word *x = a, *y = b;

	return x->y1 < y->y1 ? -1 : x->y1 > y->y1;
}

/* Orders words by line, then left to right. */
static int
by_line_x(const void *a, const void *b)
{
	const word *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* Orders doubles ascending. */
static int
by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
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

/* The font size of a run of characters of the page text. */
typedef struct size_run {
	int start, end; /* character offsets, both included */
	double size;    /* points */
} size_run;

/* The font sizes of a page, in character order, and where a reader in
 * character order stands. */
typedef struct sizes {
	size_run *runs;
	size_t n, at;
} sizes;

/* Returns the font size of character ci, ci never decreasing from one call
 * to the next; 0 when unknown. */
static double
size_at(sizes *z, guint ci)
{
	while (z->at < z->n && z->runs[z->at].end < (int)ci)
		z->at++;
	if (z->at < z->n && z->runs[z->at].start <= (int)ci)
		return z->runs[z->at].size;
	return 0;
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

/* Splits the page text into words with their boxes and font sizes.
 * Returns the count, or -1 when out of memory or past the cap. */
static long
page_words(const char *text, PopplerRectangle *rects, guint nrects,
           sizes *z, word **out)
{
	word *w = NULL, *nw;
	size_t n = 0, cap = 0;
	const char *p = text, *start = NULL, *dstart = NULL, *pstart = NULL;
	guint ci = 0;
	double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
	/* the trailing run of digits of the word, and the height of the
	 * rest: "Programmes4" hides a raised call */
	double dx1 = 0, dy1 = 0, dy2 = 0, base_h = 0, dig_h = 0;
	double bx2 = 0, by1 = 0, by2 = 0;
	/* the largest font size of the word's digits, of the rest */
	double dig_s = 0, base_s = 0, fs;

	for (;; p = g_utf8_next_char(p), ci++) {
		bool space = *p == '\0' || *p == ' ' || *p == '\n' ||
		             *p == '\t' || *p == '\r';

		if (!space && ci < nrects) {
			PopplerRectangle *r = &rects[ci];
			double h = r->y2 - r->y1;

			fs = size_at(z, ci);
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
				if (cap > PDF_WORDS_MAX) {
					free(w);
					return -1;
				}
				nw = realloc(w, cap * sizeof *w);
				if (!nw) {
					free(w);
					return -1;
				}
				w = nw;
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
	*out = w;
	return (long)n;
}

/* Adds the lines of one page to t. */
static hri_status
page_lines(const char *text, PopplerRectangle *rects, guint nrects,
           sizes *z, int pg, hri_doctext *t)
{
	word *w = NULL;
	pline *lines = NULL;
	double *hs = NULL, body_h, body_s, ov, hmin;
	long nw;
	size_t i, j, nl = 0, k;
	hri_strbuf b = {0}, note_text = {0};
	char note[16] = "";
	hri_status st = HRI_OK;
	bool in_note = false;

	nw = page_words(text, rects, nrects, z, &w);
	if (nw < 0)
		return HRI_ERR_TOO_BIG;
	if (nw == 0)
		goto out;
	qsort(w, (size_t)nw, sizeof *w, by_top);
	lines = calloc((size_t)nw, sizeof *lines);
	hs = calloc((size_t)nw, sizeof *hs);
	if (!lines || !hs) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
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
	qsort(w, (size_t)nw, sizeof *w, by_line_x);
	for (i = 0; i < (size_t)nw; i = j) {
		size_t m = 0;

		for (j = i; j < (size_t)nw && w[j].line == w[i].line; j++)
			hs[m++] = w[j].y2 - w[j].y1;
		qsort(hs, m, sizeof *hs, by_double);
		lines[w[i].line].h = hs[m / 2];
		lines[w[i].line].first = i;
		lines[w[i].line].n = j - i;
		m = 0;
		for (j = i; j < (size_t)nw && w[j].line == w[i].line; j++)
			hs[m++] = w[j].size;
		qsort(hs, m, sizeof *hs, by_double);
		lines[w[i].line].size = hs[m / 2];
	}
	/* the body text size: the median line height and font size,
	 * weighted by words */
	for (i = 0; i < (size_t)nw; i++)
		hs[i] = lines[w[i].line].h;
	qsort(hs, (size_t)nw, sizeof *hs, by_double);
	body_h = hs[nw / 2];
	for (i = 0; i < (size_t)nw; i++)
		hs[i] = lines[w[i].line].size;
	qsort(hs, (size_t)nw, sizeof *hs, by_double);
	body_s = hs[nw / 2];
	for (k = 0; k < nl; k++) {
		pline *l = &lines[k];
		/* a footnote face is a point or two below the body's */
		bool small = body_s > 0 && l->size > 0 ? l->size < 0.95 * body_s
		                                       : l->h < 0.9 * body_h;
		word *first = &w[l->first];
		size_t start = 0;

		hri_strbuf_reset(&b);
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
				st = hri_strbuf_puts(&b, mk);
			} else {
				if (b.len && !w[i].glue)
					st = hri_strbuf_add(&b, " ", 1);
				if (!st)
					st = hri_strbuf_add(&b, w[i].s, w[i].len);
			}
			if (st)
				goto out;
		}
		if (!b.s)
			continue;
		/* a small line opening with a number starts a footnote text;
		 * small lines after it continue it */
		if (small && l->n > 1 && is_num(first->s, first->len) &&
		    !furniture_look(b.s)) {
			if (in_note) {
				st = hri_doctext_add(t, note_text.s, note_text.len, pg,
				                     HRI_LINE_FOOTNOTE, note);
				if (st)
					goto out;
			}
			in_note = true;
			snprintf(note, sizeof note, "%.*s", (int)first->len, first->s);
			hri_strbuf_reset(&note_text);
			start = first->len;
			while (b.s[start] == ' ' || b.s[start] == HRI_NOTE_CLOSE)
				start++;
			st = hri_strbuf_puts(&note_text, b.s + start);
			if (st)
				goto out;
			continue;
		}
		if (in_note && small && !furniture_look(b.s)) {
			st = hri_strbuf_add(&note_text, " ", 1);
			if (!st)
				st = hri_strbuf_puts(&note_text, b.s);
			if (st)
				goto out;
			continue;
		}
		if (in_note && !small) {
			in_note = false;
			st = hri_doctext_add(t, note_text.s, note_text.len, pg,
			                     HRI_LINE_FOOTNOTE, note);
		}
		if (!st)
			st = hri_doctext_add(t, b.s, b.len, pg, HRI_LINE_PLAIN, NULL);
		if (st)
			goto out;
	}
	if (in_note)
		st = hri_doctext_add(t, note_text.s, note_text.len, pg,
		                     HRI_LINE_FOOTNOTE, note);
out:
	hri_strbuf_free(&b);
	hri_strbuf_free(&note_text);
	free(lines);
	free(hs);
	free(w);
	return st;
}

/* Reads the font sizes of page into z (its runs for the caller to free).
 * A page without text attributes gives none. Returns HRI_ERR_NOMEM. */
static hri_status
page_sizes(PopplerPage *page, sizes *z)
{
	GList *attrs = poppler_page_get_text_attributes(page), *a;
	size_t n = g_list_length(attrs), k = 0;

	memset(z, 0, sizeof *z);
	if (n == 0)
		return HRI_OK;
	z->runs = malloc(n * sizeof *z->runs);
	if (!z->runs) {
		poppler_page_free_text_attributes(attrs);
		return HRI_ERR_NOMEM;
	}
	for (a = attrs; a; a = a->next) {
		const PopplerTextAttributes *at = a->data;

		z->runs[k++] = (size_run){at->start_index, at->end_index,
		                          at->font_size};
	}
	z->n = k;
	poppler_page_free_text_attributes(attrs);
	return HRI_OK;
}

hri_status
hri_pdfread(const unsigned char *buf, size_t len, hri_doctext *t, char *err,
            size_t errsz)
{
	GBytes *bytes = NULL;
	GError *gerr = NULL;
	PopplerDocument *doc = NULL;
	PopplerPage *page = NULL;
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	sizes z = {0};
	char *text = NULL;
	hri_status st = HRI_OK;
	int n, i;
	size_t before;

	bytes = g_bytes_new_static(buf, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		snprintf(err, errsz, "damaged PDF: %s",
		         gerr && gerr->message ? gerr->message : "cannot be opened");
		st = HRI_ERR_INVALID;
		goto out;
	}
	n = poppler_document_get_n_pages(doc);
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
		page = poppler_document_get_page(doc, i);
		if (!page) {
			snprintf(err, errsz, "page %d: cannot be read", i + 1);
			st = HRI_ERR_INVALID;
			goto out;
		}
		text = poppler_page_get_text(page);
		st = hri_doctext_blank(t, i + 1);
		if (!st && text && text[0] &&
		    poppler_page_get_text_layout(page, &rects, &nrects)) {
			st = page_sizes(page, &z);
			if (!st)
				st = page_lines(text, rects, nrects, &z, i + 1, t);
		}
		g_free(rects);
		rects = NULL;
		free(z.runs);
		z.runs = NULL;
		g_free(text);
		text = NULL;
		g_object_unref(page);
		page = NULL;
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
	g_free(text);
	if (page)
		g_object_unref(page);
	if (doc)
		g_object_unref(doc);
	if (gerr)
		g_error_free(gerr);
	g_bytes_unref(bytes);
	return st;
}

/* A one-page PDF (Helvetica text), to set poppler up. */
static const char warm_pdf[] =
	"%PDF-1.4\n"
	"%\342\343\317\323\n"
	"1 0 obj\n"
	"<< /Type /Catalog /Pages 2 0 R >>\n"
	"endobj\n"
	"2 0 obj\n"
	"<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
	"endobj\n"
	"3 0 obj\n"
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\n"
	"endobj\n"
	"4 0 obj\n"
	"<< /Length 51 >>\n"
	"stream\n"
	"BT /F1 12 Tf 72 720 Td (1. Secret paragraph.) Tj ET\n"
	"endstream\n"
	"endobj\n"
	"5 0 obj\n"
	"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	"endobj\n"
	"xref\n"
	"0 6\n"
	"0000000000 65535 f \n"
	"0000000015 00000 n \n"
	"0000000064 00000 n \n"
	"0000000121 00000 n \n"
	"0000000247 00000 n \n"
	"0000000348 00000 n \n"
	"trailer\n"
	"<< /Size 6 /Root 1 0 R  >>\n"
	"startxref\n"
	"418\n"
	"%%EOF\n";

void
hri_pdfread_warm(void)
{
	hri_doctext *t = hri_doctext_new(0);
	char err[64];

	if (!t)
		return;
	/* poppler builds its global tables (fonts, encodings, unicode maps)
	 * and GLib its types on a first document: done once here, every
	 * document's process (sandbox.h) starts with them */
	hri_pdfread((const unsigned char *)warm_pdf, sizeof warm_pdf - 1, t, err,
	            sizeof err);
	hri_doctext_free(t);
}
