/* test_docxread.c - the DOCX reader on OHCHR's own files and on hostile
 * ones, and the UPR recommendations of A/HRC/28/15 (from its PDF) checked
 * against OHCHR's thematic list (a DOCX): every recommendation found, with
 * its recommending States. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../parse/document.h"
#include "../../parse/doctext.h"
#include "../../parse/readers.h"
#include "../../parse/zip.h"
#include "file.h"
#include "jsonl.h"
#include "states.h"

/* Reads tests/data/name (or corpus/name) into *buf. */
static void
load(const char *dir, const char *name, unsigned char **buf, size_t *len)
{
	const char *top = getenv("HRI_TOP");
	char path[1024];

	snprintf(path, sizeof path, "%s/%s/%s", top ? top : ".", dir, name);
	if (hri_file_read(path, 64u << 20, buf, len) != HRI_OK)
		fail_msg("cannot read %s", path);
}

/* Runs the DOCX reader on tests/data/name; returns its status. */
static hri_status
read_docx(const char *name, hri_doctext **t, char *err, size_t errsz)
{
	unsigned char *buf;
	size_t len;
	hri_status st;

	load("tests/data", name, &buf, &len);
	*t = hri_doctext_new(0);
	assert_non_null(*t);
	st = hri_docxread(buf, len, *t, err, errsz);
	free(buf);
	return st;
}

/* Writes into names (at most max) the UN short names of the States the
 * thematic list names in the parentheses of a recommendation, in order,
 * each once: "(Spain, Tunisia, Portugal);", "(Iran (Islamic Republic
 * of))", "(Egypt); continue ... (Peru)". The parentheses are found here,
 * independently of the segmenter; the names go through the States table.
 * Returns how many. */
static size_t
list_states(const char *s, const char **names, size_t max)
{
	const char *found[HRI_STATES_LIST_MAX], *b;
	size_t n = 0, k, i, j;
	int depth;

	for (; *s; s++) {
		if (*s != '(')
			continue;
		b = s + 1;
		for (depth = 1, s = b; *s && depth; s++)
			depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
		if (depth)
			break;
		k = hri_states_list(hri_states_default(), b, (size_t)(s - 1 - b),
		                    found, HRI_STATES_LIST_MAX);
		for (i = 0; i < k; i++) {
			for (j = 0; j < n && strcmp(names[j], found[i]) != 0; j++)
				;
			if (j == n && n < max)
				names[n++] = found[i];
		}
		s--;
	}
	return n;
}

static void
test_docxread_thematic_list_vs_pdf(void **state)
{
	hri_doctext *t;
	char err[256], path[1024];
	const char *top = getenv("HRI_TOP"), *label;
	json_t *in, *doc, *segs, *seg, *want = json_object(), *w;
	size_t i, k, found = 0, expected = 0, supported = 0, noted = 0, nn;
	const char *names[HRI_STATES_LIST_MAX];

	assert_int_equal(read_docx("UPR20_Slovenia_thematic_list_of_recommendations.docx",
	                           &t, err, sizeof err), HRI_OK);
	/* every line "115.N text (States);" of the list, with its position
	 * on a following line */
	for (i = 0; i < t->n; i++) {
		const char *s = t->lines[i].text;
		char lab[16];
		int a, b;

		if (sscanf(s, "%d.%d", &a, &b) != 2 || a != 115 || !strchr(s, ' '))
			continue;
		snprintf(lab, sizeof lab, "%d.%d", a, b);
		for (k = i + 1; k < t->n && k < i + 4; k++) {
			if (strcmp(t->lines[k].text, "Supported") == 0)
				supported++;
			if (strcmp(t->lines[k].text, "Noted") == 0)
				noted++;
		}
		json_object_set_new(want, lab, json_string(strchr(s, ' ') + 1));
	}
	hri_doctext_free(t);
	expected = json_object_size(want);
	assert_int_equal(expected, 163);
	assert_int_equal(supported + noted, 163);

	snprintf(path, sizeof path, "%s/corpus/A_HRC_28_15.pdf", top ? top : ".");
	in = json_pack("{s:s}", "path", path);
	if (hri_document_parse(in, &doc, &segs, err, sizeof err))
		fail_msg("A_HRC_28_15.pdf: %s", err);
	assert_string_equal(hri_json_str(doc, "doctype"), "upr-report");
	json_array_foreach(segs, i, seg) {
		json_t *rec;

		if (strcmp(hri_json_str(seg, "kind"), "recommendation") != 0)
			continue;
		label = hri_json_str(seg, "label");
		w = json_object_get(want, label);
		if (!w)
			fail_msg("%s is not in the thematic list", label);
		found++;
		assert_int_equal(hri_json_int(seg, "para", 0), 115);
		rec = json_object_get(seg, "recommending");
		nn = list_states(json_string_value(w), names, HRI_STATES_LIST_MAX);
		if (json_array_size(rec) != nn)
			fail_msg("%s: %zu recommending States, the list has %zu (%s)",
			         label, json_array_size(rec), nn, json_string_value(w));
		for (k = 0; k < nn; k++)
			if (strcmp(json_string_value(json_array_get(rec, k)), names[k]))
				fail_msg("%s: State %zu is \"%s\", the list has \"%s\"",
				         label, k + 1,
				         json_string_value(json_array_get(rec, k)), names[k]);
	}
	print_message("A/HRC/28/15: %zu recommendations found, %zu expected "
	              "(%zu supported, %zu noted in the list)\n",
	              found, expected, supported, noted);
	assert_int_equal(found, expected);
	json_decref(segs);
	json_decref(doc);
	json_decref(in);
	json_decref(want);
}

static void
test_docxread_advance_questions(void **state)
{
	hri_doctext *t;
	char err[256];
	size_t i;
	int belgium = 0, norway = 0;

	assert_int_equal(read_docx("UPR20_Slovenia_advance_questions.docx", &t,
	                           err, sizeof err), HRI_OK);
	for (i = 0; i < t->n; i++) {
		if (strcmp(t->lines[i].text, "BELGIUM") == 0)
			belgium = 1;
		if (strncmp(t->lines[i].text, "Norway welcomes Slovenia", 24) == 0)
			norway = 1;
	}
	assert_true(belgium);
	assert_true(norway);
	hri_doctext_free(t);
}

static void
test_docxread_truncated(void **state)
{
	hri_doctext *t;
	char err[256];

	assert_int_equal(read_docx("truncated.docx", &t, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_non_null(strstr(err, "truncated"));
	hri_doctext_free(t);
}

static void
test_docxread_zip_bomb(void **state)
{
	hri_doctext *t;
	char err[256];

	assert_int_equal(read_docx("zipbomb.docx", &t, err, sizeof err),
	                 HRI_ERR_TOO_BIG);
	assert_non_null(strstr(err, "zip bomb"));
	assert_int_equal(t->n, 0);
	hri_doctext_free(t);
}

static void
test_docxread_external_entity(void **state)
{
	hri_doctext *t;
	char err[256];
	size_t i;

	assert_int_equal(read_docx("external_entity.docx", &t, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_non_null(strstr(err, "DTD"));
	for (i = 0; i < t->n; i++)
		assert_null(strstr(t->lines[i].text, "root:"));
	hri_doctext_free(t);
}

static void
test_zip_read_missing_member(void **state)
{
	unsigned char *buf, *out = (unsigned char *)"x";
	size_t len, outlen = 7;
	char err[256];

	load("tests/data", "UPR20_Slovenia_advance_questions.docx", &buf, &len);
	assert_int_equal(hri_zip_read(buf, len, "word/nothing.xml", 0, &out,
	                              &outlen, err, sizeof err),
	                 HRI_ERR_NOT_FOUND);
	assert_null(out);
	assert_int_equal(hri_zip_read(buf, len, "word/document.xml", 1000, &out,
	                              &outlen, err, sizeof err),
	                 HRI_ERR_TOO_BIG);
	assert_null(out);
	assert_int_equal(hri_zip_read(buf, len, "word/document.xml", 0, &out,
	                              &outlen, err, sizeof err), HRI_OK);
	assert_memory_equal(out, "<?xml", 5);
	free(out);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docxread_thematic_list_vs_pdf),
		cmocka_unit_test(test_docxread_advance_questions),
		cmocka_unit_test(test_docxread_truncated),
		cmocka_unit_test(test_docxread_zip_bomb),
		cmocka_unit_test(test_docxread_external_entity),
		cmocka_unit_test(test_zip_read_missing_member),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
