/* test_segment.c - the segmenter on the four seed documents of the bundled
 * corpus: every numbered paragraph found, in order, with its first words;
 * items, footnotes, the summary and the table of contents handled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../parse/doctext.h"
#include "../../parse/document.h"
#include "../../parse/segment.h"
#include "jsonl.h"

/* A sample paragraph (or item) and the words its text starts with. */
typedef struct sample {
	const char *id;
	const char *start;
} sample;

/* Parses corpus file name; fails the test on error. */
static void
parse_seed(const char *name, json_t **doc, json_t **segs)
{
	const char *corpus = getenv("HRI_CORPUS");
	char path[1024], err[256];
	json_t *in;

	snprintf(path, sizeof path, "%s/%s", corpus ? corpus : "corpus", name);
	in = json_pack("{s:s}", "path", path);
	assert_non_null(in);
	if (hri_document_parse(in, doc, segs, err, sizeof err) != HRI_OK)
		fail_msg("%s: %s", name, err);
	json_decref(in);
}

/* Returns the segment with id, or NULL. */
static json_t *
find(json_t *segs, const char *id)
{
	size_t i;
	json_t *s;

	json_array_foreach(segs, i, s)
		if (strcmp(hri_json_str(s, "id"), id) == 0)
			return s;
	return NULL;
}

/* Asserts paragraphs 1..n appear once each, in order, ids unique, no
 * markup or footnote marker left in any text, and the samples hold. */
static void
check_seed(const char *name, long long n, const sample *sm)
{
	json_t *doc, *segs, *s, *ids = json_object();
	long long want = 1;
	const char *kind, *text, *id;
	size_t i;

	parse_seed(name, &doc, &segs);
	json_array_foreach(segs, i, s) {
		kind = hri_json_str(s, "kind");
		text = hri_json_str(s, "text");
		id = hri_json_str(s, "id");
		assert_non_null(text);
		assert_null(json_object_get(ids, id));
		json_object_set_new(ids, id, json_true());
		if (strchr(text, '\x01') || strstr(text, "<sup>") ||
		    strstr(text, "**"))
			fail_msg("%s: markup left in %s", name, id);
		if (strcmp(kind, "paragraph") == 0 &&
		    json_is_integer(json_object_get(s, "para"))) {
			if (hri_json_int(s, "para", 0) != want)
				fail_msg("%s: paragraph %lld found where %lld was due",
				         name, hri_json_int(s, "para", 0), want);
			want++;
		}
	}
	if (want - 1 != n)
		fail_msg("%s: %lld paragraphs found, %lld expected", name, want - 1, n);
	assert_int_equal(hri_json_int(doc, "paragraphs", 0), n);
	for (; sm->id; sm++) {
		s = find(segs, sm->id);
		if (!s)
			fail_msg("%s: no segment %s", name, sm->id);
		text = hri_json_str(s, "text");
		if (strncmp(text, sm->start, strlen(sm->start)) != 0)
			fail_msg("%s: %s starts \"%.60s\", not \"%s\"", name, sm->id,
			         text, sm->start);
	}
	json_decref(ids);
	json_decref(segs);
	json_decref(doc);
}

static void
test_segment_doc_a_hrc_26_41(void **state)
{
	static const sample sm[] = {
		{"A/HRC/26/41#1", "In its resolution 13/23 on enhancement"},
		{"A/HRC/26/41#4", "In order to give effect to resolution 23/3"},
		{"A/HRC/26/41#11", "Many States agree that the post-2015"},
		{"A/HRC/26/41#22", "As the Advisory Committee noted in its first"},
		{"A/HRC/26/41#45", "The following practical suggestions"},
		{"A/HRC/26/41#45(a)", "The Committee on Non-Governmental"},
		{"A/HRC/26/41#45(g)(xiii)", "Shifting from the current voluntary"},
		{"A/HRC/26/41#45(h)", "There is also a need to enhance"},
		{NULL, NULL}};
	json_t *doc, *segs, *s;

	check_seed("A_HRC_26_41.txt", 45, sm);
	parse_seed("A_HRC_26_41.txt", &doc, &segs);
	/* the unnumbered lead-out stays with paragraph 4 */
	s = find(segs, "A/HRC/26/41#4");
	assert_non_null(strstr(hri_json_str(s, "text"),
	                       "Chinedu Okafor (Rapporteur)"));
	assert_non_null(strstr(hri_json_str(s, "text"),
	                       "That draft formed the basis for the present"));
	s = find(segs, "A/HRC/26/41#22");
	assert_string_equal(hri_json_str(s, "section"), "VIII.A");
	assert_string_equal(hri_json_str(s, "section_title"),
	                    "Universal adherence to human rights texts and bodies");
	s = find(segs, "A/HRC/26/41#5");
	assert_string_equal(hri_json_str(s, "section_title"),
	                    "Some key challenges to international cooperation in the field of human rights");
	s = find(segs, "A/HRC/26/41#45(g)(xiii)");
	assert_string_equal(hri_json_str(s, "kind"), "recommendation");
	assert_string_equal(hri_json_str(s, "label"), "(g)(xiii)");
	assert_int_equal(hri_json_int(s, "para", 0), 45);
	/* items outside the conclusions stay in their paragraph */
	assert_null(find(segs, "A/HRC/26/41#11(a)"));
	assert_non_null(strstr(hri_json_str(find(segs, "A/HRC/26/41#11"), "text"),
	                       "(e) Forge a new global partnership"));
	assert_string_equal(hri_json_str(doc, "symbol"), "A/HRC/26/41");
	json_decref(segs);
	json_decref(doc);
}

static void
test_segment_doc_a_74_35(void **state)
{
	static const sample sm[] = {
		{"A/74/35#summary", "The present report provides an overview"},
		{"A/74/35#1", "In its resolution 72/171, the General Assembly"},
		{"A/74/35#3", "International cooperation can help to realize"},
		{"A/74/35#4", "The critical role of international cooperation"},
		{"A/74/35#5", "In article 3 of the Declaration on the Right"},
		{"A/74/35#6", "The Vienna Declaration and Programme of Action"},
		{"A/74/35#16", "National human rights action plans place"},
		{"A/74/35#27", "In November 2018, the Office organized"},
		{"A/74/35#57", "In his report, the Special Rapporteur also"},
		{"A/74/35#81", "Member States should cooperate to rebuild"},
		{NULL, NULL}};
	json_t *doc, *segs;
	const char *t;

	check_seed("A_74_35.md", 81, sm);
	parse_seed("A_74_35.md", &doc, &segs);
	/* paragraphs split by a page break are joined, furniture gone */
	t = hri_json_str(find(segs, "A/74/35#57"), "text");
	assert_non_null(strstr(t, "development into the design, financing"));
	assert_null(strstr(t, "19-15622"));
	t = hri_json_str(find(segs, "A/74/35#4"), "text");
	assert_non_null(strstr(t, "recognition of the importance of international"));
	t = hri_json_str(find(segs, "A/74/35#8"), "text");
	assert_null(strstr(t, "3/17"));
	assert_string_equal(hri_json_str(find(segs, "A/74/35#16"), "section"),
	                    "IV.B.1");
	assert_string_equal(hri_json_str(doc, "date"), "2019-09-12");
	assert_string_equal(hri_json_str(doc, "agenda"), "72 (b)");
	assert_int_equal(hri_json_int(doc, "session", 0), 74);
	assert_string_equal(hri_json_str(doc, "body"), "General Assembly");
	assert_non_null(strstr(hri_json_str(doc, "title"),
	                       "Strengthening United Nations action"));
	json_decref(segs);
	json_decref(doc);
}

static void
test_segment_doc_a_hrc_23_20(void **state)
{
	static const sample sm[] = {
		{"A/HRC/23/20#summary", "The present report, submitted pursuant"},
		{"A/HRC/23/20#1", "In its decision 4/104, adopted in 2007"},
		{"A/HRC/23/20#6", "Opening statements were delivered"},
		{"A/HRC/23/20#31", "Experts from United Nations agencies"},
		{"A/HRC/23/20#51", "Experts and speakers from the floor"},
		{"A/HRC/23/20#58", "Policy recommendations made for the"},
		{"A/HRC/23/20#58(e)", "There is room for the enhancement"},
		{"A/HRC/23/20#fn3", "E/C.12/1997/8."},
		{NULL, NULL}};
	json_t *doc, *segs, *s;
	size_t i;
	int annex = 0;

	check_seed("A_HRC_23_20.md", 58, sm);
	parse_seed("A_HRC_23_20.md", &doc, &segs);
	/* the table of contents is no paragraph: #1 comes right after the
	 * summary */
	assert_string_equal(hri_json_str(json_array_get(segs, 1), "id"),
	                    "A/HRC/23/20#1");
	json_array_foreach(segs, i, s)
		if (hri_json_str(s, "section") &&
		    strcmp(hri_json_str(s, "section"), "Annex") == 0)
			annex++;
	assert_true(annex > 0);
	assert_string_equal(hri_json_str(doc, "date"), "2013-04-23");
	assert_string_equal(hri_json_str(doc, "agenda"), "3");
	assert_non_null(strstr(hri_json_str(doc, "title"),
	                       "Seminar on the enhancement"));
	json_decref(segs);
	json_decref(doc);
}

static void
test_segment_doc_a_hrc_31_81(void **state)
{
	static const sample sm[] = {
		{"A/HRC/31/81#1", "In its resolution 28/2 on enhancement"},
		{"A/HRC/31/81#10", "Bahrain emphasized that international"},
		{"A/HRC/31/81#11", "The Russian Federation underscored"},
		{"A/HRC/31/81#36", "The potential to achieve universal"},
		{"A/HRC/31/81#38", "In September 2015, Member States adopted"},
		{"A/HRC/31/81#fn2", "For more information on this topic"},
		{"A/HRC/31/81#fn3", "Ibid."},
		{NULL, NULL}};
	json_t *doc, *segs, *s;

	check_seed("A_HRC_31_81.md", 38, sm);
	parse_seed("A_HRC_31_81.md", &doc, &segs);
	/* footnote 2 is called in paragraph 2, footnote 3 in paragraph 3 */
	s = find(segs, "A/HRC/31/81#fn2");
	assert_string_equal(hri_json_str(s, "kind"), "footnote");
	assert_string_equal(hri_json_str(s, "label"), "2");
	assert_int_equal(hri_json_int(s, "para", 0), 2);
	assert_int_equal(hri_json_int(find(segs, "A/HRC/31/81#fn3"), "para", 0), 3);
	/* the call is out of the running text */
	assert_non_null(strstr(hri_json_str(find(segs, "A/HRC/31/81#2"), "text"),
	                       "(sect. II); provides"));
	json_decref(segs);
	json_decref(doc);
}

static void
test_segment_ordinal_words(void **state)
{
	assert_int_equal(hri_segment_ordinal("Twenty-eighth", 13), 28);
	assert_int_equal(hri_segment_ordinal("first", 5), 1);
	assert_int_equal(hri_segment_ordinal("Seventy-fourth", 14), 74);
	assert_int_equal(hri_segment_ordinal("fortieth", 8), 40);
	assert_int_equal(hri_segment_ordinal("Thirteenth", 10), 13);
	assert_int_equal(hri_segment_ordinal("twenty-twelfth", 14), 0);
	assert_int_equal(hri_segment_ordinal("regular", 7), 0);
}

static void
test_segment_date_iso(void **state)
{
	char d[11];

	assert_int_equal(hri_segment_date("Distr.: General 12 September 2019", d), 0);
	assert_string_equal(d, "2019-09-12");
	assert_int_equal(hri_segment_date("GE.14-1234 on 5 January 2015.", d), 0);
	assert_string_equal(d, "2015-01-05");
	assert_int_equal(hri_segment_date("5 July2013", d), 0);
	assert_string_equal(d, "2013-07-05");
	assert_int_equal(hri_segment_date("5 Julyish 2013", d), -1);
	assert_int_equal(hri_segment_date("32 March 2015", d), -1);
	assert_int_equal(hri_segment_date("resolution 19/33", d), -1);
}

/* Segments the NULL-ended lines (one page, the UN layout absent) and
 * returns the text of paragraph 1 in buf. */
static const char *
para1(const char *const *lines, char *buf, size_t bufsz)
{
	hri_doctext *t = hri_doctext_new(0);
	hri_segment_meta meta;
	json_t *segs = NULL, *s;

	assert_non_null(t);
	for (; *lines; lines++)
		assert_int_equal(hri_doctext_add(t, *lines, strlen(*lines), 1, 0,
		                                 NULL), HRI_OK);
	assert_int_equal(hri_segment_doc(t, "A/HRC/99/9", hri_states_default(), &segs,
	                                 &meta), HRI_OK);
	s = find(segs, "A/HRC/99/9#1");
	assert_non_null(s);
	snprintf(buf, bufsz, "%s", hri_json_str(s, "text"));
	json_decref(segs);
	json_decref(meta.masthead);
	hri_doctext_free(t);
	return buf;
}

/* A word broken at a line's end is joined when the document writes the
 * joined word elsewhere. */
static void
test_segment_hyphen_known_word_joined(void **state)
{
	const char *lines[] = {
		"1. The Committee made several recom-",
		"mendations to the State.",
		"2. The recommendations were accepted.", NULL};
	char buf[512];

	(void)state;
	assert_string_equal(para1(lines, buf, sizeof buf),
	                    "The Committee made several recommendations to "
	                    "the State.");
}

/* A compound broken at its hyphen keeps it: the joined form is no word the
 * document writes ("nongovernmental", "samesex", "capacitybuilding"). */
static void
test_segment_hyphen_compound_kept(void **state)
{
	const char *lines[] = {
		"1. It thanked the non-",
		"governmental organizations for their same-",
		"sex partnership work and capacity-",
		"building.", NULL};
	char buf[512];

	(void)state;
	assert_string_equal(para1(lines, buf, sizeof buf),
	                    "It thanked the non-governmental organizations for "
	                    "their same-sex partnership work and "
	                    "capacity-building.");
}

/* A compound the document also writes joined elsewhere is joined: the
 * document's own spelling decides ("cooperation", not "co-operation"). */
static void
test_segment_hyphen_document_spelling(void **state)
{
	const char *lines[] = {
		"1. International co-",
		"operation matters.",
		"2. Cooperation is the subject.", NULL};
	char buf[512];

	(void)state;
	assert_string_equal(para1(lines, buf, sizeof buf),
	                    "International cooperation matters.");
}

/* A capitalised half keeps the hyphen and takes no space ("South-South"),
 * and a figure before a line-end hyphen is not a word ("2010- 2015"). */
static void
test_segment_hyphen_capital_and_figures(void **state)
{
	const char *lines[] = {
		"1. South-",
		"South cooperation in 2010-",
		"2015.", NULL};
	char buf[512];

	(void)state;
	assert_string_equal(para1(lines, buf, sizeof buf),
	                    "South-South cooperation in 2010- 2015.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_segment_doc_a_hrc_26_41),
		cmocka_unit_test(test_segment_doc_a_74_35),
		cmocka_unit_test(test_segment_doc_a_hrc_23_20),
		cmocka_unit_test(test_segment_doc_a_hrc_31_81),
		cmocka_unit_test(test_segment_ordinal_words),
		cmocka_unit_test(test_segment_date_iso),
		cmocka_unit_test(test_segment_hyphen_known_word_joined),
		cmocka_unit_test(test_segment_hyphen_compound_kept),
		cmocka_unit_test(test_segment_hyphen_document_spelling),
		cmocka_unit_test(test_segment_hyphen_capital_and_figures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
