/* segcheck.h - the checks the document harnesses share: whatever a reader
 * made of its input, the segmenter turns it into well-formed segment
 * records, and neither ever reports running out of memory on inputs this
 * small (an HRI_ERR_NOMEM here has always meant a wrong status passed up). */
#ifndef HRI_FUZZ_SEGCHECK_H
#define HRI_FUZZ_SEGCHECK_H

#include <string.h>

#include "fuzz.h"

#include "../../parse/readers.h"
#include "../../parse/segment.h"

#define FUZZ_DOC_MAX (8u << 20) /* bytes of text a fuzzed doctext holds */
#define FUZZ_SYMBOL "A/HRC/1/1"

/* Checks a reader's status, then segments t and checks every record. */
static void
fuzz_check_doctext(hri_status st, hri_doctext *t, const char *err)
{
	hri_segment_meta meta;
	json_t *segs = NULL, *seg, *ids;
	const char *id, *kind;
	size_t i, k;

	FUZZ_CHECK(st != HRI_ERR_NOMEM && st != HRI_ERR_INTERNAL);
	if (st) {
		FUZZ_CHECK(err == NULL || err[0] != '\0');
		return;
	}
	for (i = 0; i < t->n; i++) {
		FUZZ_CHECK(t->lines[i].text != NULL);
		FUZZ_CHECK(strlen(t->lines[i].text) == t->lines[i].len);
		FUZZ_CHECK(memchr(t->lines[i].note, '\0',
		                  sizeof t->lines[i].note) != NULL);
	}
	FUZZ_CHECK(t->bytes <= t->max);
	memset(&meta, 0, sizeof meta);
	st = hri_segment_doc(t, FUZZ_SYMBOL, hri_states_default(), &segs, &meta);
	FUZZ_CHECK(st == HRI_OK || st == HRI_ERR_INVALID);
	if (st) {
		FUZZ_CHECK(segs == NULL);
		return;
	}
	FUZZ_CHECK(json_is_array(segs));
	FUZZ_CHECK(json_is_object(meta.masthead));
	ids = json_object();
	FUZZ_CHECK(ids != NULL);
	json_array_foreach(segs, k, seg) {
		FUZZ_CHECK(json_is_object(seg));
		id = json_string_value(json_object_get(seg, "id"));
		kind = json_string_value(json_object_get(seg, "kind"));
		FUZZ_CHECK(id != NULL && kind != NULL);
		FUZZ_CHECK(strncmp(id, FUZZ_SYMBOL "#",
		                   sizeof FUZZ_SYMBOL) == 0);
		/* ids are unique within a document */
		FUZZ_CHECK(json_object_get(ids, id) == NULL);
		json_object_set_new(ids, id, json_true());
		FUZZ_CHECK(!strcmp(kind, "paragraph") ||
		           !strcmp(kind, "recommendation") ||
		           !strcmp(kind, "footnote") ||
		           !strcmp(kind, "summary"));
		FUZZ_CHECK(json_is_string(json_object_get(seg, "text")));
	}
	json_decref(ids);
	json_decref(segs);
	json_decref(meta.masthead);
}

/* A reader of outside bytes (parse/readers.h: PDF, DOCX, HTML). */
typedef hri_status (*fuzz_reader)(const unsigned char *buf, size_t len,
                                  hri_doctext *t, char *err, size_t errsz);

/* The body of the reader harnesses: reads the input with read, then checks
 * the status, the lines and the segments made of them. */
static inline void
fuzz_read_and_check(fuzz_reader read, const uint8_t *data, size_t size)
{
	hri_doctext *t;
	char err[512];
	hri_status st;

	t = hri_doctext_new(FUZZ_DOC_MAX);
	FUZZ_CHECK(t != NULL);
	err[0] = '\0';
	st = read(data, size, t, err, sizeof err);
	fuzz_check_doctext(st, t, err);
	hri_doctext_free(t);
}

#endif
