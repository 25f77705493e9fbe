/* doctext.h - the one intermediate form every reader produces and the
 * segmenter consumes: the document as a list of lines, each with its page
 * and style hints from the source's markup. Footnote calls found by a reader
 * stay in the running text as HRI_NOTE_OPEN marker HRI_NOTE_CLOSE, so that
 * the segmenter can link a footnote to the paragraph calling it. */
#ifndef HRI_DOCTEXT_H
#define HRI_DOCTEXT_H

#include <stddef.h>

#include "status.h"

#define HRI_NOTE_OPEN '\x01'  /* starts an in-text footnote call */
#define HRI_NOTE_CLOSE '\x02' /* ends it */

/* Style hints a reader can give; the segmenter also reads the text itself,
 * so plain text from a PDF needs none. */
enum hri_line_style {
	HRI_LINE_PLAIN = 0,
	HRI_LINE_HEADING = 1,  /* a heading by markup (markdown "#", a wholly
	                          bold line, a Word or HTML heading) */
	HRI_LINE_ITEM = 2,     /* a list item by markup ("- ", <li>) */
	HRI_LINE_FOOTNOTE = 4, /* the text of a footnote; its marker in note */
	HRI_LINE_BLANK = 8,    /* a block boundary; text is "" */
	HRI_LINE_INDENT = 16   /* the source line was indented (a continuation
	                          in text from a PDF) */
};

typedef struct hri_docline {
	char *text;     /* clean UTF-8, NUL-terminated, owned by the doctext */
	size_t len;     /* bytes, excluding the NUL */
	int page;       /* page number from 1, 0 when the source has none */
	unsigned style; /* hri_line_style bits */
	char note[16];  /* footnote marker of a HRI_LINE_FOOTNOTE line */
} hri_docline;

struct hri_textblock;

typedef struct hri_doctext {
	hri_docline *lines; /* n lines in document order */
	size_t n;
	size_t cap;         /* lines allocated */
	size_t bytes;       /* text bytes held, checked against max */
	size_t max;         /* cap on bytes held */
	int pages;          /* pages in the source, 0 when it has none */
	int whole;          /* nonzero when each line is a whole paragraph of
	                       the source (DOCX, HTML), not a wrapped line */
	struct hri_textblock *block; /* the text of the lines, newest block
	                                first */
} hri_doctext;

/* Creates an empty doctext holding at most max bytes of text (0: 64 MiB).
 * Returns NULL when out of memory. */
hri_doctext *hri_doctext_new(size_t max);

/* Frees t and its lines; hri_doctext_free(NULL) does nothing. */
void hri_doctext_free(hri_doctext *t);

/* Appends a copy of len bytes at text as a line of the given page and
 * style; note (may be NULL) is the footnote marker. Trailing white space is
 * dropped. Returns HRI_ERR_NOMEM, or HRI_ERR_TOO_BIG past the cap. */
hri_status hri_doctext_add(hri_doctext *t, const char *text, size_t len,
                           int page, unsigned style, const char *note);

/* Appends a block boundary, unless the last line already is one. */
hri_status hri_doctext_blank(hri_doctext *t, int page);

#endif
