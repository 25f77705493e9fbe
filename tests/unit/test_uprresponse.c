/* test_uprresponse.c - positions on UPR recommendations read from the
 * State's response: the real A/HRC/28/15/Add.1 of the bundled corpus (142
 * supported, 21 noted, every recommendation 115.1..115.163 settled once, the
 * odd dashes and spaces of its ranges), the first-cycle response that lists
 * no numbers, and short responses written for the cases the corpus lacks
 * (full numbers, negation, a number under both positions, no paragraph). */
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
#include "../../parse/uprresponse.h"
#include "jsonl.h"

static int
setup(void **state)
{
	hri_uprresp *r = NULL;
	char err[256];

	if (hri_uprresp_new(&r, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = r;
	return 0;
}

static int
teardown(void **state)
{
	hri_uprresp_free(*state);
	return 0;
}

/* Parses the corpus file name and reads its positions; fails on error. */
static void
read_corpus(hri_uprresp *r, const char *name, json_t **pos, json_t **notes)
{
	const char *corpus = getenv("HRI_CORPUS");
	char path[1024], err[256];
	json_t *in, *doc = NULL, *segs = NULL;

	snprintf(path, sizeof path, "%s/%s", corpus ? corpus : "corpus", name);
	in = json_pack("{s:s}", "path", path);
	assert_non_null(in);
	if (hri_document_parse(in, &doc, &segs, err, sizeof err) != HRI_OK)
		fail_msg("%s: %s", name, err);
	assert_int_equal(hri_uprresp_read(r, doc, segs, pos, notes), HRI_OK);
	json_decref(in);
	json_decref(doc);
	json_decref(segs);
}

/* Reads a response made of the paragraphs texts (NULL-terminated, numbered
 * from 1) of the document sym with doctype. */
static void
read_texts(hri_uprresp *r, const char *sym, const char *doctype,
           const char *const *texts, json_t **pos, json_t **notes)
{
	json_t *doc, *segs = json_array();
	size_t i;

	doc = json_pack("{s:s, s:s, s:s}", "type", "doc", "symbol", sym,
	                "doctype", doctype);
	assert_non_null(doc);
	for (i = 0; texts[i]; i++)
		json_array_append_new(segs,
		                      json_pack("{s:s, s:s, s:s, s:I, s:s}", "type",
		                                "segment", "symbol", sym, "kind",
		                                "paragraph", "para",
		                                (json_int_t)(i + 1), "text",
		                                texts[i]));
	assert_int_equal(hri_uprresp_read(r, doc, segs, pos, notes), HRI_OK);
	json_decref(doc);
	json_decref(segs);
}

/* Returns the position record with label, or NULL; fails when there are
 * several. */
static const json_t *
find(const json_t *pos, const char *label)
{
	const json_t *p, *found = NULL;
	size_t i;

	json_array_foreach(pos, i, p) {
		if (strcmp(hri_json_str(p, "label"), label) == 0) {
			if (found)
				fail_msg("%s settled twice", label);
			found = p;
		}
	}
	return found;
}

/* Asserts the position of label. */
static void
assert_position(const json_t *pos, const char *label, const char *want)
{
	const json_t *p = find(pos, label);

	if (!p)
		fail_msg("%s not settled", label);
	assert_string_equal(hri_json_str(p, "position"), want);
}

/* Returns whether some note contains needle. */
static int
noted_that(const json_t *notes, const char *needle)
{
	const json_t *n;
	size_t i;

	json_array_foreach(notes, i, n)
		if (strstr(json_string_value(n), needle))
			return 1;
	return 0;
}

static void
test_hri_uprresp_read_slovenia_second_cycle(void **state)
{
	json_t *pos, *notes;
	const json_t *p;
	char label[16];
	size_t i;
	int supported = 0, noted = 0, n;

	read_corpus(*state, "A_HRC_28_15_Add.1.pdf", &pos, &notes);
	/* the response's own totals agree with its lists: no note at all */
	if (json_array_size(notes))
		fail_msg("unexpected note: %s",
		         json_string_value(json_array_get(notes, 0)));
	assert_int_equal(json_array_size(pos), 163);
	json_array_foreach(pos, i, p) {
		assert_string_equal(hri_json_str(p, "type"), "position");
		assert_string_equal(hri_json_str(p, "symbol"), "A/HRC/28/15");
		assert_string_equal(hri_json_str(p, "source"), "A/HRC/28/15/Add.1");
		if (strcmp(hri_json_str(p, "position"), "supported") == 0)
			supported++;
		else if (strcmp(hri_json_str(p, "position"), "noted") == 0)
			noted++;
	}
	assert_int_equal(supported, 142);
	assert_int_equal(noted, 21);
	/* every recommendation of paragraph 115 once, in order */
	for (n = 1; n <= 163; n++) {
		snprintf(label, sizeof label, "115.%d", n);
		p = json_array_get(pos, (size_t)n - 1);
		assert_string_equal(hri_json_str(p, "label"), label);
		assert_non_null(find(pos, label));
	}
	p = find(pos, "115.3");
	assert_string_equal(hri_json_str(p, "id"), "A/HRC/28/15#115.3");
	assert_int_equal(hri_json_int(p, "source_para", 0), 3);
	/* "14– 16": a dash with a space after it */
	assert_position(pos, "115.14", "supported");
	assert_position(pos, "115.15", "supported");
	assert_position(pos, "115.16", "supported");
	assert_position(pos, "115.17", "noted");
	/* "80– 93" and "150 – 152" in the already-implemented paragraph 4 */
	assert_position(pos, "115.80", "supported");
	assert_position(pos, "115.93", "supported");
	assert_position(pos, "115.150", "supported");
	assert_position(pos, "115.151", "supported");
	assert_position(pos, "115.152", "supported");
	assert_int_equal(hri_json_int(find(pos, "115.151"), "source_para", 0), 4);
	/* "notes recommendations 6–13, 17, 19, 26–28, ..." in paragraph 5 */
	assert_position(pos, "115.6", "noted");
	assert_position(pos, "115.13", "noted");
	assert_position(pos, "115.163", "noted");
	assert_int_equal(hri_json_int(find(pos, "115.163"), "source_para", 0), 5);
	/* "Rec. 30 See recommendation 24" settles nothing by itself */
	assert_position(pos, "115.30", "supported");
	json_decref(pos);
	json_decref(notes);
}

/* The first-cycle response answers in prose, one number at a time, and
 * names no paragraph of the report: nothing is settled from it. */
static void
test_hri_uprresp_read_first_cycle_prose_settles_nothing(void **state)
{
	json_t *pos, *notes;

	read_corpus(*state, "A_HRC_14_15_Add.1.pdf", &pos, &notes);
	assert_int_equal(json_array_size(pos), 0);
	assert_true(noted_that(notes, "no list of recommendation numbers"));
	json_decref(pos);
	json_decref(notes);
}

/* The report itself is no response. */
static void
test_hri_uprresp_read_report_is_no_response(void **state)
{
	json_t *pos, *notes;

	read_corpus(*state, "A_HRC_28_15.pdf", &pos, &notes);
	assert_int_equal(json_array_size(pos), 0);
	assert_int_equal(json_array_size(notes), 0);
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_read_dashes_and_full_numbers(void **state)
{
	static const char *const texts[] = {
		"The Government accepts the recommendations 1\xe2\x80\x90" "3, "
		"4 \xe2\x80\x94 5, 6-7 and 8; 9.",
		"It supports recommendations 99.10\xe2\x80\x93" "99.11.",
		"It takes note of recommendations nos. 12, 13\xe2\x88\x92" "14.",
		"The numbers follow the recommendations in paragraph 99 of the "
		"report.",
		NULL};
	json_t *pos, *notes;
	char label[16];
	int n;

	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts, &pos,
	           &notes);
	assert_int_equal(json_array_size(pos), 14);
	for (n = 1; n <= 11; n++) {
		snprintf(label, sizeof label, "99.%d", n);
		assert_position(pos, label, "supported");
	}
	for (n = 12; n <= 14; n++) {
		snprintf(label, sizeof label, "99.%d", n);
		assert_position(pos, label, "noted");
	}
	assert_string_equal(hri_json_str(find(pos, "99.12"), "id"),
	                    "A/HRC/40/9#99.12");
	assert_int_equal(json_array_size(notes), 0);
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_read_negation_is_noted(void **state)
{
	static const char *const texts[] = {
		"Paragraph 80 holds the recommendations.",
		"The State does not accept recommendations 3 and 4. It accepts "
		"recommendation 5.",
		NULL};
	json_t *pos, *notes;

	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts, &pos,
	           &notes);
	/* "Paragraph 80 holds the recommendations" names no paragraph the
	 * numbers follow: "recommendations" comes after it */
	assert_int_equal(json_array_size(pos), 0);
	assert_true(noted_that(notes, "without the paragraph"));
	json_decref(pos);
	json_decref(notes);

	static const char *const texts2[] = {
		"The recommendations are numbered as in paragraph 80 of the report.",
		"The State does not accept recommendations 3 and 4. It accepts "
		"recommendation 5.",
		NULL};
	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts2, &pos,
	           &notes);
	assert_int_equal(json_array_size(pos), 3);
	assert_position(pos, "80.3", "noted");
	assert_position(pos, "80.4", "noted");
	assert_position(pos, "80.5", "supported");
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_read_both_positions_left_unsettled(void **state)
{
	static const char *const texts[] = {
		"The recommendations follow paragraph 80 of the report. The State "
		"accepts 3 recommendations and notes 2 recommendations.",
		"It accepts recommendations 1\xe2\x80\x93" "3.",
		"It notes recommendations 3, 4.",
		NULL};
	json_t *pos, *notes;

	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts, &pos,
	           &notes);
	assert_int_equal(json_array_size(pos), 3);
	assert_null(find(pos, "80.3"));
	assert_position(pos, "80.4", "noted");
	assert_true(noted_that(notes, "A/HRC/40/9#80.3 listed both"));
	/* the stated totals then disagree with what was settled */
	assert_true(noted_that(notes, "states 3 supported"));
	assert_true(noted_that(notes, "states 2 noted"));
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_read_to_ranges_and_partial(void **state)
{
	static const char *const texts[] = {
		"The numbers follow the list of recommendations in paragraph 90.",
		"It accepts recommendations 1 to 3 and 7. It partially accepts "
		"recommendations 4 and 5. It notes recommendation 6.",
		NULL};
	json_t *pos, *notes;

	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts, &pos,
	           &notes);
	assert_int_equal(json_array_size(pos), 5);
	assert_position(pos, "90.1", "supported");
	assert_position(pos, "90.3", "supported");
	assert_position(pos, "90.7", "supported");
	assert_position(pos, "90.6", "noted");
	assert_null(find(pos, "90.4"));
	assert_null(find(pos, "90.5"));
	assert_true(noted_that(notes, "recommendations 4 and 5 accepted or "
	                              "noted only in part"));
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_read_bad_ranges_skipped(void **state)
{
	static const char *const texts[] = {
		"The recommendations follow paragraph 80 of the report.",
		"It accepts recommendations 9\xe2\x80\x93" "7, 2, 81.4\xe2\x80\x93"
		"82.5, 0.",
		NULL};
	json_t *pos, *notes;

	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts, &pos,
	           &notes);
	assert_int_equal(json_array_size(pos), 1);
	assert_position(pos, "80.2", "supported");
	assert_true(noted_that(notes, "range 9"));
	assert_true(noted_that(notes, "range 81.4"));
	assert_true(noted_that(notes, "number 0 out of range"));
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_read_only_upr_addenda(void **state)
{
	static const char *const texts[] = {
		"The recommendations follow paragraph 80 of the report.",
		"It accepts recommendations 1\xe2\x80\x93" "3.",
		NULL};
	json_t *pos, *notes;

	/* a report, not its addendum */
	read_texts(*state, "A/HRC/40/9", "upr-report", texts, &pos, &notes);
	assert_int_equal(json_array_size(pos), 0);
	json_decref(pos);
	json_decref(notes);
	/* an addendum of another kind of report */
	read_texts(*state, "A/HRC/40/50/Add.1", "report", texts, &pos, &notes);
	assert_int_equal(json_array_size(pos), 0);
	json_decref(pos);
	json_decref(notes);
	/* the same text as a UPR response */
	read_texts(*state, "A/HRC/40/9/Add.1", "upr-response", texts, &pos,
	           &notes);
	assert_int_equal(json_array_size(pos), 3);
	json_decref(pos);
	json_decref(notes);
}

static void
test_hri_uprresp_free_null(void **state)
{
	(void)state;
	hri_uprresp_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_hri_uprresp_read_slovenia_second_cycle),
		T(test_hri_uprresp_read_first_cycle_prose_settles_nothing),
		T(test_hri_uprresp_read_report_is_no_response),
		T(test_hri_uprresp_read_dashes_and_full_numbers),
		T(test_hri_uprresp_read_negation_is_noted),
		T(test_hri_uprresp_read_both_positions_left_unsettled),
		T(test_hri_uprresp_read_to_ranges_and_partial),
		T(test_hri_uprresp_read_bad_ranges_skipped),
		T(test_hri_uprresp_read_only_upr_addenda),
		cmocka_unit_test(test_hri_uprresp_free_null),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
