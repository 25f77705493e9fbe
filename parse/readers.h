/* readers.h - the readers of binary formats: each turns the bytes of one
 * document into doctext lines (see doctext.h). They share one contract:
 * buf (len bytes) is the whole file, t receives the lines, err (errsz
 * bytes) says what is wrong on failure ("page 4: ..."), and the return is
 * HRI_OK, HRI_ERR_NOMEM, HRI_ERR_TOO_BIG (a cap was passed), or
 * HRI_ERR_INVALID / HRI_ERR_FORMAT (the file is damaged or not of the
 * format). */
#ifndef HRI_READERS_H
#define HRI_READERS_H

#include <stddef.h>

#include "doctext.h"
#include "status.h"

/* PDF through poppler (the shim of pdftext.h); each line keeps its page
 * number. */
hri_status hri_pdfread(const unsigned char *buf, size_t len, hri_doctext *t,
                       char *err, size_t errsz);

/* Reads a small PDF of its own, so that poppler's state built on a first
 * document (its global parameters: fonts, encodings, unicode maps) is there
 * before any: each document's child process (sandbox.h) inherits it instead
 * of building it anew. */
void hri_pdfread_warm(void);

/* DOCX: the zip read with zlib, word/document.xml and word/footnotes.xml
 * with libxml2 (no network, no entities, no DTD), automatic numbering
 * rendered. */
hri_status hri_docxread(const unsigned char *buf, size_t len, hri_doctext *t,
                        char *err, size_t errsz);

/* HTML through libxml2's HTML parser; block elements become lines. */
hri_status hri_htmlread(const unsigned char *buf, size_t len, hri_doctext *t,
                        char *err, size_t errsz);

#endif
