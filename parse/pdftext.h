/* pdftext.h - the C face of the PDF shim (parse/pdftext.cc): the text of a
 * PDF's pages through poppler's core C++ API, with one text device for the
 * whole document, as pdftotext keeps one. Opaque handle, no C++ type, no
 * exception crossing into C; a failure's message stays on the handle
 * (hri_pdftext_errmsg()).
 *
 * Each page gives what poppler-glib's poppler_page_get_text(),
 * poppler_page_get_text_layout() and poppler_page_get_text_attributes()
 * gave: the page's text in poppler's reading order (words separated by
 * spaces, lines by newlines, UTF-8) and, for each character of that text,
 * the separators included, its box and font size. */
#ifndef HRI_PDFTEXT_H
#define HRI_PDFTEXT_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hri_pdftext hri_pdftext; /* an open document */

/* One character of a page's text: its box, in points from the page's top
 * left corner (y grows down the page), and its font size. */
typedef struct hri_pdfbox {
	double x1, y1, x2, y2;
	double size; /* points: the size of the character's word (of the word
	                before, for a space or a line end), as poppler-glib's
	                poppler_page_get_text_attributes() gave it */
} hri_pdfbox;

/* Opens the PDF of len bytes at buf, which is borrowed and must outlive the
 * handle. On HRI_OK *out is a new handle for hri_pdftext_free(). On error
 * *out is NULL and err (errsz bytes) says why: HRI_ERR_INVALID for a damaged,
 * encrypted or unreadable file ("PDF document is damaged", "Document is
 * encrypted", ...), HRI_ERR_NOMEM, HRI_ERR_INTERNAL. */
hri_status hri_pdftext_open(const unsigned char *buf, size_t len,
                            hri_pdftext **out, char *err, size_t errsz);

/* Frees the handle and what its pages gave; NULL does nothing. */
void hri_pdftext_free(hri_pdftext *p);

/* Returns the number of pages (0 or less for a document without any). */
int hri_pdftext_pages(const hri_pdftext *p);

/* Lays out page (1 to hri_pdftext_pages()) and gives its text and boxes:
 * *text is NUL-terminated UTF-8 ("" for a page without text); *boxes holds
 * *nboxes boxes, the k-th for the k-th UTF-8 character of *text, or is NULL
 * with *nboxes 0 when the page has no text layout. Both are borrowed from p,
 * valid until the next call on p. Returns HRI_ERR_INVALID when the page
 * cannot be read, HRI_ERR_TOO_BIG past HRI_PDFTEXT_CHARS_MAX characters,
 * HRI_ERR_NOMEM, HRI_ERR_INTERNAL (hri_pdftext_errmsg() says more); on
 * error *text is "" and *boxes NULL. */
hri_status hri_pdftext_page(hri_pdftext *p, int page, const char **text,
                            const hri_pdfbox **boxes, size_t *nboxes);

/* Characters one page may give: a page of dense body text has some 5,000. */
#define HRI_PDFTEXT_CHARS_MAX 1000000

/* Returns the message of the last failure on p ("" when none), borrowed
 * from p until its next call. */
const char *hri_pdftext_errmsg(const hri_pdftext *p);

#ifdef __cplusplus
}
#endif

#endif
