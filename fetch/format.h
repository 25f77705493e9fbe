/* format.h - what kind of document a body of bytes is: PDF, DOCX, DOC, HTML,
 * plain text or Markdown, told by its first bytes (magic), with a file
 * extension or a Content-Type only as a hint where the bytes cannot tell
 * (text and Markdown look alike). Also whether a server's answer is the kind
 * of document that was asked for: an HTML error page is not a PDF. */
#ifndef HRI_FETCH_FORMAT_H
#define HRI_FETCH_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

/* The format names of the fetched record ("pdf", "docx", "doc", "html",
 * "text", "markdown"); static storage. */
#define HRI_FORMAT_NAMES "pdf, docx, doc, html, text, markdown"

/* Returns the format of the len bytes at data: "pdf", "docx", "doc", "html",
 * "text" or "markdown" (static strings), or NULL when the bytes are none of
 * these (binary data of another kind, or empty). hint is a format name, a
 * file extension ("md", ".txt") or NULL; it only decides between text and
 * Markdown, never overrides the bytes. */
const char *hri_format_detect(const unsigned char *data, size_t len,
                              const char *hint);

/* Returns the format name for a file extension with or without its dot
 * ("pdf", ".md" -> "markdown", "txt" -> "text"), or NULL when unknown. */
const char *hri_format_from_ext(const char *ext);

/* Returns the canonical format name for a user's word ("pdf", "txt",
 * "md", "markdown", ...), or NULL when it names no format hri reads. */
const char *hri_format_name(const char *word);

/* Returns the usual file extension for a format name ("markdown" -> "md"),
 * or "bin" when unknown. */
const char *hri_format_ext(const char *format);

/* Returns the MIME type for a format name ("pdf" -> "application/pdf"),
 * or "application/octet-stream" when unknown. */
const char *hri_format_mime(const char *format);

/* Returns the format name for a Content-Type, parameters ignored
 * ("text/markdown; charset=utf-8" -> "markdown"), or NULL when content_type
 * is NULL or names no format hri reads. */
const char *hri_format_from_mime(const char *content_type);

/* Checks an answer against the format asked for (a format name, or NULL for
 * any). content_type is the server's Content-Type or NULL; detected what
 * hri_format_detect() said of the body. Returns true when acceptable; else
 * false with a reason in why (whysz bytes), e.g. "got text/html where pdf
 * was asked". */
bool hri_format_check(const char *asked, const char *content_type,
                      const char *detected, char *why, size_t whysz);

/* Returns true when the len bytes at data, a document of format (as
 * hri_format_detect() said), end as a whole one does: a PDF with "%%EOF" in
 * its last 1024 bytes (where readers look for it), a DOCX with a zip's
 * end-of-central-directory record; any other format is taken as whole.
 * Else false with a reason in why: a body cut mid-transfer, where the
 * server gave no length to check it by. */
bool hri_format_whole(const char *format, const unsigned char *data,
                      size_t len, char *why, size_t whysz);

#endif
