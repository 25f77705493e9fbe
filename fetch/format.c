/* format.c - document formats from magic bytes. */
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* How many leading bytes are looked at: magic numbers and the start of an
 * HTML page are all near the top. */
#define SNIFF_BYTES 1024

/* Returns true when the n bytes at p start with the len bytes of magic. */
static bool
starts(const unsigned char *p, size_t n, const char *magic, size_t len)
{
	return n >= len && memcmp(p, magic, len) == 0;
}

/* Returns true when the first bytes hold only UTF-8 text (no NUL, no
 * control bytes other than white space, well-formed sequences; a sequence
 * cut by the end of the window is allowed). */
static bool
looks_text(const unsigned char *p, size_t n)
{
	size_t i = 0, k, need;

	while (i < n) {
		unsigned char c = p[i];

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
			    c != '\f')
				return false;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3;
		else
			return false;
		for (k = 1; k <= need; k++) {
			if (i + k >= n)
				return true; /* cut by the window */
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		}
		i += need + 1;
	}
	return true;
}

/* Returns true when the n bytes at p contain word, ignoring case. */
static bool
contains_ci(const unsigned char *p, size_t n, const char *word)
{
	size_t len = strlen(word), i;

	for (i = 0; i + len <= n; i++)
		if (strncasecmp((const char *)p + i, word, len) == 0)
			return true;
	return false;
}

/* Returns true when the text starts like an HTML page, after white space,
 * a byte order mark and comments are passed over. */
static bool
looks_html(const unsigned char *p, size_t n)
{
	static const char *const tags[] = {"<!doctype html", "<html", "<head",
	                                   "<body", "<title", "<?xml"};
	size_t i = 0, k;

	if (starts(p, n, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	                 p[i] == '\n'))
		i++;
	for (k = 0; k < sizeof tags / sizeof *tags; k++) {
		size_t len = strlen(tags[k]);

		if (n - i >= len && strncasecmp((const char *)p + i, tags[k], len) == 0)
			return k < 5 || contains_ci(p, n, "<html");
	}
	return false;
}

const char *
hri_format_detect(const unsigned char *data, size_t len, const char *hint)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	const char *h = hint ? hri_format_name(hint) : NULL;

	if (len == 0)
		return NULL;
	if (starts(data, n, "%PDF-", 5))
		return "pdf";
	/* A DOCX is a ZIP; its first member is [Content_Types].xml or word/. */
	if (starts(data, n, "PK\x03\x04", 4))
		return "docx";
	/* Word 97-2003: an OLE2 compound file. */
	if (starts(data, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return "doc";
	if (!looks_text(data, n))
		return NULL;
	if (looks_html(data, n))
		return "html";
	if (h && strcmp(h, "markdown") == 0)
		return "markdown";
	return "text";
}

/* Word and format pairs: user words and extensions alike. */
static const struct {
	const char *word;
	const char *format;
} names[] = {
	{"pdf", "pdf"},   {"docx", "docx"},     {"doc", "doc"},
	{"html", "html"}, {"htm", "html"},      {"text", "text"},
	{"txt", "text"},  {"markdown", "markdown"}, {"md", "markdown"},
};

const char *
hri_format_name(const char *word)
{
	size_t i;

	if (!word)
		return NULL;
	if (word[0] == '.')
		word++;
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(word, names[i].word) == 0)
			return names[i].format;
	return NULL;
}

const char *
hri_format_from_ext(const char *ext)
{
	return hri_format_name(ext);
}

const char *
hri_format_ext(const char *format)
{
	if (!format)
		return "bin";
	if (strcmp(format, "markdown") == 0)
		return "md";
	if (strcmp(format, "text") == 0)
		return "txt";
	if (hri_format_name(format))
		return format;
	return "bin";
}

/* Format names and their MIME types, both ways. */
static const struct {
	const char *format, *mime;
} mimes[] = {
	{"pdf", "application/pdf"},
	{"docx", "application/vnd.openxmlformats-officedocument."
	         "wordprocessingml.document"},
	{"doc", "application/msword"},
	{"html", "text/html"},
	{"text", "text/plain"},
	{"markdown", "text/markdown"},
};

static bool mime_is(const char *ct, const char *mime);

const char *
hri_format_mime(const char *format)
{
	size_t i;

	for (i = 0; format && i < sizeof mimes / sizeof *mimes; i++)
		if (strcmp(format, mimes[i].format) == 0)
			return mimes[i].mime;
	return "application/octet-stream";
}

const char *
hri_format_from_mime(const char *content_type)
{
	size_t i;

	for (i = 0; content_type && i < sizeof mimes / sizeof *mimes; i++)
		if (mime_is(content_type, mimes[i].mime))
			return mimes[i].format;
	return NULL;
}

/* Returns true when the media type (a Content-Type without its parameters)
 * of ct equals mime. */
static bool
mime_is(const char *ct, const char *mime)
{
	size_t len = strlen(mime);

	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, mime, len) == 0 &&
	       (ct[len] == '\0' || ct[len] == ';' || ct[len] == ' ');
}

bool
hri_format_check(const char *asked, const char *content_type,
                 const char *detected, char *why, size_t whysz)
{
	bool ct_html;

	if (!detected) {
		snprintf(why, whysz, "%s%s%s",
		         "content is none of " HRI_FORMAT_NAMES,
		         content_type ? " but " : "", content_type ? content_type : "");
		return false;
	}
	if (!asked)
		return true;
	/* An HTML page where a document was asked is the usual way a server
	 * says "not found" or "log in" with a 200: refuse it, whichever of the
	 * header or the bytes says so. */
	ct_html = content_type && (mime_is(content_type, "text/html") ||
	                           mime_is(content_type, "application/xhtml+xml"));
	if (strcmp(asked, "html") != 0 && (ct_html || strcmp(detected, "html") == 0)) {
		snprintf(why, whysz, "got an HTML page (Content-Type: %s) where %s "
		         "was asked", content_type ? content_type : "none", asked);
		return false;
	}
	if (strcmp(asked, detected) == 0)
		return true;
	/* The bytes of Markdown and plain text look alike. */
	if ((strcmp(asked, "markdown") == 0 && strcmp(detected, "text") == 0) ||
	    (strcmp(asked, "text") == 0 && strcmp(detected, "markdown") == 0))
		return true;
	snprintf(why, whysz, "got %s%s%s%s where %s was asked", detected,
	         content_type ? " (" : "", content_type ? content_type : "",
	         content_type ? ")" : "", asked);
	return false;
}

/* Returns true when the len bytes at p contain the n bytes of what. */
static bool
contains(const unsigned char *p, size_t len, const char *what, size_t n)
{
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (p[i] == (unsigned char)what[0] && memcmp(p + i, what, n) == 0)
			return true;
	return false;
}

bool
hri_format_whole(const char *format, const unsigned char *data, size_t len,
                 char *why, size_t whysz)
{
	/* a zip's end record: 22 bytes and a comment of up to 65535 */
	size_t tail = format && strcmp(format, "docx") == 0 ? 22 + 65535 : 1024;
	const unsigned char *end = data + (len > tail ? len - tail : 0);
	size_t n = len > tail ? tail : len;

	if (!format)
		return true;
	if (strcmp(format, "pdf") == 0 && !contains(end, n, "%%EOF", 5)) {
		snprintf(why, whysz, "PDF cut short: no %%%%EOF at its end (%zu bytes)",
		         len);
		return false;
	}
	if (strcmp(format, "docx") == 0 && !contains(end, n, "PK\5\6", 4)) {
		snprintf(why, whysz, "DOCX cut short: no end of its zip directory "
		         "(%zu bytes)", len);
		return false;
	}
	return true;
}
