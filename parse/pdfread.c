/* pdfread.c - PDF into doctext lines through poppler-glib, one line per
 * text line of a page, each with its page number. */
#include "readers.h"

#include <stdio.h>
#include <string.h>

#include <poppler.h>

#define PDF_PAGES_MAX 5000 /* pages read from one document */

hri_status
hri_pdfread(const unsigned char *buf, size_t len, hri_doctext *t, char *err,
            size_t errsz)
{
	GBytes *bytes = NULL;
	GError *gerr = NULL;
	PopplerDocument *doc = NULL;
	PopplerPage *page = NULL;
	char *text = NULL, *p, *e;
	hri_status st = HRI_OK;
	int n, i, chars = 0;

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
	for (i = 0; i < n; i++) {
		page = poppler_document_get_page(doc, i);
		if (!page) {
			snprintf(err, errsz, "page %d: cannot be read", i + 1);
			st = HRI_ERR_INVALID;
			goto out;
		}
		text = poppler_page_get_text(page);
		st = hri_doctext_blank(t, i + 1);
		for (p = text; !st && p && *p; p = *e ? e + 1 : e) {
			e = strchr(p, '\n');
			if (!e)
				e = p + strlen(p);
			while (p < e && (*p == ' ' || *p == '\t'))
				p++;
			if (e > p) {
				chars += (int)(e - p);
				st = hri_doctext_add(t, p, (size_t)(e - p), i + 1,
				                     HRI_LINE_PLAIN, NULL);
			}
		}
		g_free(text);
		text = NULL;
		g_object_unref(page);
		page = NULL;
		if (st) {
			snprintf(err, errsz, "page %d: %s", i + 1, hri_status_str(st));
			goto out;
		}
	}
	if (chars == 0) {
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
