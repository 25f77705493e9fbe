/* test_segment_upr.c - the segmenter on UPR Working Group reports made of a
 * few synthetic lines in the layouts of each cycle: list items, their
 * States and positions, items that run into paragraph numbers or into each
 * other, recommendations named by the dialogue paragraph that made them,
 * the State under review and the Working Group's session. */
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
#include "../../parse/segment_int.h"
#include "jsonl.h"

/* Segments the lines (NULL-terminated; "" for a blank) as document sym;
 * returns the segment array and fills *mast with the masthead. */
static json_t *
segment(const char *sym, const char *const *lines, json_t **mast)
{
	hri_doctext *t = hri_doctext_new(0);
	hri_segment_meta meta;
	json_t *segs = NULL;
	size_t i;

	assert_non_null(t);
	for (i = 0; lines[i]; i++) {
		if (!lines[i][0])
			assert_int_equal(hri_doctext_blank(t, 0), HRI_OK);
		else
			assert_int_equal(hri_doctext_add(t, lines[i], strlen(lines[i]),
			                                 0, HRI_LINE_PLAIN, NULL), HRI_OK);
	}
	assert_int_equal(hri_segment_doc(t, sym, hri_states_default(), &segs,
	                                 &meta), HRI_OK);
	hri_doctext_free(t);
	*mast = meta.masthead;
	return segs;
}

/* Returns the segment with id sym#suffix, failing the test when none. */
static json_t *
seg(json_t *segs, const char *sym, const char *suffix)
{
	char id[128];
	size_t i;
	json_t *s;

	snprintf(id, sizeof id, "%s#%s", sym, suffix);
	json_array_foreach(segs, i, s)
		if (strcmp(hri_json_str(s, "id"), id) == 0)
			return s;
	fail_msg("no segment %s", id);
	return NULL;
}

/* Asserts the recommending States of s, joined by "|". */
static void
states_are(const json_t *s, const char *want)
{
	json_t *r = json_object_get(s, "recommending"), *v;
	char got[512] = "";
	size_t i, o = 0;

	json_array_foreach(r, i, v)
		o += (size_t)snprintf(got + o, sizeof got - o, "%s%s", i ? "|" : "",
		                      json_string_value(v));
	if (strcmp(got, want) != 0)
		fail_msg("%s: want (%s), got (%s)", hri_json_str(s, "id"), want, got);
}

/* Returns the position of s, or "-" when it has none. */
static const char *
pos(const json_t *s)
{
	const char *p = hri_json_str(s, "position");

	return p ? p : "-";
}

/* A first-cycle report: the masthead, a dialogue, and three lists. */
static const char *const first_cycle[] = {
	"Human Rights Council",
	"Report of the Working Group on the Universal Periodic Review*",
	"Djibouti",
	"",
	"Introduction",
	"1. The Working Group on the Universal Periodic Review, established in "
	"accordance with Human Rights Council resolution 5/1, held its fourth "
	"session from 2 to 13 February 2009. The review of Djibouti was held at "
	"the 2nd meeting.",
	"I. Summary of the proceedings of the review process",
	"2. France welcomed the report. France recommended (a) Djibouti take "
	"steps to guarantee trade union freedom. It recommended (b) Djibouti "
	"extend a standing invitation.",
	"3. While welcoming the report, the Netherlands noted progress. It "
	"recommended that Djibouti enforce its law on Additional Protocols I and",
	"II. It urged Djibouti to act.",
	"II. Conclusions and/or recommendations",
	"4. The recommendations formulated during the interactive dialogue "
	"have been examined by Djibouti and the recommendations listed below "
	"enjoy the support of Djibouti:",
	"1.Continue its efforts (Egypt); 2. Ratify (Brazil)/consider ratifying "
	"(Argentina) ICERD (Brazil, France, UK);",
	"3. Sign (Uganda) and ratify (Costa Rica, Netherlands, Sweden, Uganda)",
	"OP-CAT (Uganda);",
	"4. Establish an institution in line with the Paris Principles",
	"(Paris Principles) (Canada Austria);",
	"5. Strengthen the judiciary (Iran);",
	"5. The following recommendations will be examined by Djibouti, which "
	"will provide responses in due time:",
	"1. Extend an invitation to the special procedures (France);",
	"6. The recommendations noted in the present report at paragraphs 2 (a) "
	"and 3 above did not enjoy the support of Djibouti.",
	"7. All conclusions and/or recommendations contained in the present "
	"report reflect the position of the submitting State(s).",
	NULL};

static void
test_upr_first_cycle_lists(void **state)
{
	const char *sym = "A/HRC/11/16";
	json_t *mast, *segs = segment(sym, first_cycle, &mast), *s;

	(void)state;
	assert_true(json_is_true(json_object_get(mast, "upr")));
	assert_string_equal(hri_json_str(mast, "state_under_review"), "Djibouti");
	assert_int_equal(hri_json_int(mast, "wg_session", 0), 4);
	/* items run together on one line, each its own recommendation */
	s = seg(segs, sym, "4.1");
	assert_string_equal(hri_json_str(s, "text"), "Continue its efforts (Egypt);");
	states_are(s, "Egypt");
	assert_string_equal(pos(s), "supported");
	/* every parenthesis, in order, each State once, by its UN name */
	states_are(seg(segs, sym, "4.2"), "Brazil|Argentina|France|"
	           "United Kingdom of Great Britain and Northern Ireland");
	states_are(seg(segs, sym, "4.3"),
	           "Uganda|Costa Rica|Netherlands (Kingdom of the)|Sweden");
	states_are(seg(segs, sym, "4.4"), "Canada|Austria");
	/* item 5 of paragraph 4 is no paragraph 5 */
	s = seg(segs, sym, "4.5");
	states_are(s, "Iran (Islamic Republic of)");
	assert_string_equal(pos(s), "supported");
	s = seg(segs, sym, "5");
	assert_string_equal(hri_json_str(s, "kind"), "paragraph");
	s = seg(segs, sym, "5.1");
	assert_string_equal(pos(s), "-");
	/* a numeral after "and" continues the sentence: no section */
	s = seg(segs, sym, "3");
	assert_non_null(strstr(hri_json_str(s, "text"), "I and II. It urged"));
	assert_string_equal(hri_json_str(seg(segs, sym, "4"), "section"), "II");
	/* the State under review on every segment */
	assert_string_equal(hri_json_str(seg(segs, sym, "2"), "state_under_review"),
	                    "Djibouti");
	json_decref(segs);
	json_decref(mast);
}

static void
test_upr_first_cycle_named_paragraphs(void **state)
{
	const char *sym = "A/HRC/11/16";
	json_t *mast, *segs = segment(sym, first_cycle, &mast), *s;
	size_t i;

	(void)state;
	/* "2 (a)": from its marker to the end of the sentence */
	s = seg(segs, sym, "2(a)");
	assert_string_equal(hri_json_str(s, "kind"), "recommendation");
	assert_string_equal(hri_json_str(s, "label"), "(a)");
	assert_int_equal(hri_json_int(s, "para", 0), 2);
	assert_string_equal(hri_json_str(s, "text"),
	                    "Djibouti take steps to guarantee trade union freedom.");
	states_are(s, "France");
	assert_string_equal(pos(s), "noted");
	/* "3": from the sentence that recommends; the speaker comes after a
	 * clause */
	s = seg(segs, sym, "3.rec");
	assert_true(strncmp(hri_json_str(s, "text"), "It recommended that", 19) == 0);
	states_are(s, "Netherlands (Kingdom of the)");
	/* right after its paragraph, in document order */
	json_array_foreach(segs, i, s)
		if (strcmp(hri_json_str(s, "id"), "A/HRC/11/16#2") == 0)
			break;
	assert_string_equal(hri_json_str(json_array_get(segs, i + 1), "id"),
	                    "A/HRC/11/16#2(a)");
	/* (b) was not named */
	json_array_foreach(segs, i, s)
		assert_string_not_equal(hri_json_str(s, "id"), "A/HRC/11/16#2(b)");
	json_decref(segs);
	json_decref(mast);
}

/* A second-cycle report: items "13.3", one misprinted, two run together,
 * and a list whose position comes after it. */
static const char *const second_cycle[] = {
	"Report of the Working Group on the Universal Periodic Review",
	"Slovenia",
	"",
	"Introduction",
	"1. The Working Group on the Universal Periodic Review held its 20th "
	"session from 27 October to 7 November 2014.",
	"I. Summary of the proceedings",
	"2. Text.", "3. Text.", "4. Text.", "5. Text.", "6. Text.", "7. Text.",
	"8. Text.", "9. Text.", "10. Text.", "11. Text.", "12. Text.",
	"II. Conclusions and/or recommendations",
	"13. The following recommendations will be examined by Slovenia:",
	"13.1 Ratify the Convention (Spain);",
	"31.2 Consider the Protocol (Chile);",
	"13.3Adopt a plan (Peru); 13.4 Ensure access (USA);",
	"14. The recommendations below did not enjoy the support of Slovenia:",
	"14.1 Withdraw the reservation (Iran (Islamic Republic of);",
	"15. In the course of the discussion, the following recommendations "
	"were made:",
	"15.1 Combat racism (Russian Federation);",
	"16. These recommendations enjoy the support of Slovenia.",
	NULL};

static void
test_upr_second_cycle_lists(void **state)
{
	const char *sym = "A/HRC/28/15";
	json_t *mast, *segs = segment(sym, second_cycle, &mast), *s;

	(void)state;
	assert_string_equal(hri_json_str(mast, "state_under_review"), "Slovenia");
	assert_int_equal(hri_json_int(mast, "wg_session", 0), 20);
	assert_string_equal(pos(seg(segs, sym, "13.1")), "-");
	/* "31.2" in the list of 13, after 13.1: a misprint of 13 */
	s = seg(segs, sym, "13.2");
	assert_string_equal(hri_json_str(s, "text"), "Consider the Protocol (Chile);");
	s = seg(segs, sym, "13.3");
	assert_string_equal(hri_json_str(s, "text"), "Adopt a plan (Peru);");
	states_are(seg(segs, sym, "13.4"), "United States of America");
	/* a parenthesis left open at the end */
	s = seg(segs, sym, "14.1");
	states_are(s, "Iran (Islamic Republic of)");
	assert_string_equal(pos(s), "noted");
	/* the position said after the list */
	assert_string_equal(pos(seg(segs, sym, "15.1")), "supported");
	json_decref(segs);
	json_decref(mast);
}

/* Item numbers the PDF text damaged, and a list lettered "(a)". */
static void
test_upr_damaged_numbers_and_letters(void **state)
{
	static const char *const lines[] = {
		"Report of the Working Group on the Universal Periodic Review",
		"Chad",
		"",
		"Introduction",
		"1. The Working Group on the Universal Periodic Review held its "
		"fifth session from 4 to 15 May 2009.",
		"II. Conclusions and/or recommendations",
		"2. The following recommendations enjoy the support of Chad:",
		"1. To ratify the Convention (Brazil);",
		"o remove the reservations (France);",
		"3.A sustained effort against impunity (Spain);",
		"3. The recommendations below did not enjoy the support of Chad:",
		"(a) To abolish the death penalty (Italy);",
		"(b) To ratify the Rome Statute (Germany), in particular",
		"(c) and (d) of its article 8.",
		NULL};
	const char *sym = "A/HRC/12/5";
	json_t *mast, *segs = segment(sym, lines, &mast), *s;
	size_t i;

	(void)state;
	assert_string_equal(hri_json_str(mast, "state_under_review"), "Chad");
	s = seg(segs, sym, "2.2");
	assert_string_equal(hri_json_str(s, "text"), "o remove the reservations (France);");
	states_are(s, "France");
	assert_string_equal(hri_json_str(seg(segs, sym, "2.3"), "text"),
	                    "A sustained effort against impunity (Spain);");
	s = seg(segs, sym, "3(a)");
	states_are(s, "Italy");
	assert_string_equal(pos(s), "noted");
	s = seg(segs, sym, "3(b)");
	assert_non_null(strstr(hri_json_str(s, "text"), "(c) and (d) of its article"));
	json_array_foreach(segs, i, s)
		assert_string_not_equal(hri_json_str(s, "id"), "A/HRC/12/5#3(c)");
	json_decref(segs);
	json_decref(mast);
}

/* The addendum, the State's response, holds no recommendations. */
static void
test_upr_response_has_no_items(void **state)
{
	static const char *const lines[] = {
		"Report of the Working Group on the Universal Periodic Review",
		"Slovenia",
		"Addendum",
		"",
		"1. Slovenia has examined the recommendations, sorted as:",
		"1. Accepted recommendations;",
		"2. Noted recommendations.",
		NULL};
	json_t *mast, *segs = segment("A/HRC/28/15/Add.1", lines, &mast), *s;
	size_t i;

	(void)state;
	assert_string_equal(hri_json_str(mast, "state_under_review"), "Slovenia");
	json_array_foreach(segs, i, s)
		assert_string_not_equal(hri_json_str(s, "kind"), "recommendation");
	json_decref(segs);
	json_decref(mast);
}

static void
test_upr_position_headings(void **state)
{
	static const struct {
		const char *text;
		int pos;
	} cases[] = {
		{"The recommendations listed below enjoy the support of X:", 1},
		{"The following recommendations did not enjoy the support of X:", -1},
		{"The recommendations listed below were rejected by X:", -1},
		{"X considers that the recommendations below cannot be accepted "
		 "and will thus be noted:", -1},
		{"The following recommendations enjoyed its support:", 1},
		{"The following recommendations are already implemented:", 1},
		{"X notes the following recommendations and will provide "
		 "responses in due time:", 0},
		{"The following recommendations will be examined by X:", 0},
		{"X takes note of the recommendations in paragraphs 23, 27:", -1},
		{"The Council noted the report.", 0},
		{NULL, 0}};
	hri_segment_meta meta = {0};
	hri_seg *s = hri_seg_new("A/HRC/1/1", NULL, &meta);
	size_t i;
	int p;

	(void)state;
	assert_non_null(s);
	for (i = 0; cases[i].text; i++) {
		assert_int_equal(hri_seg_upr_position(s, cases[i].text,
		                                      strlen(cases[i].text), &p),
		                 HRI_OK);
		if (p != cases[i].pos)
			fail_msg("\"%s\": %d, want %d", cases[i].text, p, cases[i].pos);
	}
	hri_seg_free(s);
}

static void
test_upr_title_and_cycle(void **state)
{
	(void)state;
	assert_true(hri_seg_upr_title("Report of the Working Group on the "
	                              "Universal\nPeriodic Review**"));
	assert_false(hri_seg_upr_title("Working Group on the Universal Periodic "
	                               "Review Seventh session"));
	assert_int_equal(hri_document_upr_cycle(1, 0), 1);
	assert_int_equal(hri_document_upr_cycle(12, 19), 1);
	assert_int_equal(hri_document_upr_cycle(13, 0), 2);
	assert_int_equal(hri_document_upr_cycle(26, 0), 2);
	assert_int_equal(hri_document_upr_cycle(27, 0), 3);
	assert_int_equal(hri_document_upr_cycle(41, 0), 4);
	assert_int_equal(hri_document_upr_cycle(0, 28), 2);
	assert_int_equal(hri_document_upr_cycle(0, 19), 1);
	assert_int_equal(hri_document_upr_cycle(0, 20), 0);
	assert_int_equal(hri_document_upr_cycle(0, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upr_first_cycle_lists),
		cmocka_unit_test(test_upr_first_cycle_named_paragraphs),
		cmocka_unit_test(test_upr_second_cycle_lists),
		cmocka_unit_test(test_upr_damaged_numbers_and_letters),
		cmocka_unit_test(test_upr_response_has_no_items),
		cmocka_unit_test(test_upr_position_headings),
		cmocka_unit_test(test_upr_title_and_cycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
