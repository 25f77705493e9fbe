/* document.h - one document from its fetched record (or a bare file) to its
 * doc record and segment records: reads the file, tells its format from
 * its bytes, runs the reader of that format and the segmenter. */
#ifndef HRI_DOCUMENT_H
#define HRI_DOCUMENT_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"

#define HRI_DOC_MAX (256u * 1024 * 1024) /* bytes of one document file,
                                            after gzip inflation */

/* Parses the document the input record in describes: in has "path" and
 * optionally "symbol", "lang", "format", "sha256", "url" and the catalogue
 * metadata "title", "date", "body", "session", "agenda", which win over the
 * masthead. On HRI_OK *doc is a new doc record and *segs a new array of
 * segment records, both for the caller to json_decref. On error *doc is a
 * doc record carrying "error" (for the output), *segs is NULL, and err
 * (errsz bytes) says why; the return is HRI_ERR_IO (unreadable file),
 * HRI_ERR_FORMAT (a format hri cannot read), HRI_ERR_INVALID (a damaged
 * file or no symbol), HRI_ERR_TOO_BIG, or HRI_ERR_NOMEM (*doc may then be
 * NULL). */
hri_status hri_document_parse(const json_t *in, json_t **doc, json_t **segs,
                              char *err, size_t errsz);

/* Returns a new doc record carrying why as its "error", for a document
 * that could not be parsed at all (hri-parse's sandbox: a limit reached, a
 * crash): its "symbol" from in (or its file name; null when neither gives
 * one) and its "source", in's path. NULL when out of memory. */
json_t *hri_document_error(const json_t *in, const char *why);

/* Returns the format the bytes at buf (len) are in, by their magic:
 * "pdf", "docx", "doc", "html", "markdown", "text", or "binary" for data
 * that is no text. hint (may be NULL) is the format a record claims; it
 * decides between text, markdown and html only. */
const char *hri_document_sniff(const unsigned char *buf, size_t len,
                               const char *hint);

/* Returns the UPR cycle (1, 2, ...) of a Working Group report from the
 * Working Group's session, else (wg_session 0) from the Human Rights
 * Council session it went to; 0 when neither tells. */
int hri_document_upr_cycle(int wg_session, int hrc_session);

#endif
