/* test_segment_line.c - each body-line rule of the segmenter on a few
 * synthetic lines: what it takes, what it leaves to the next rule, and the
 * segment or section it opens. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../parse/segment_int.h"
#include "jsonl.h"

/* A segmenter state and the lines fed to it. */
typedef struct fixture {
	hri_segment_meta meta;
	hri_seg *s;
	hri_doctext *t;
} fixture;

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->s = hri_seg_new("A/HRC/1/1", hri_states_default(), &f->meta);
	f->t = hri_doctext_new(0);
	assert_non_null(f->s);
	assert_non_null(f->t);
	f->s->mode = M_BODY;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	hri_seg_free(f->s);
	hri_doctext_free(f->t);
	free(f);
	return 0;
}

/* Adds text as a line of page 1 with style bits; returns its index. */
static size_t
add(fixture *f, const char *text, unsigned style)
{
	assert_int_equal(hri_doctext_add(f->t, text, strlen(text), 1, style,
	                                 NULL), HRI_OK);
	return f->t->n - 1;
}

/* Runs rule on line i of f and returns whether it took it. */
static bool
run(fixture *f, hri_seg_rule rule, size_t i)
{
	hri_seg_line ln = {f->t, i, f->t->lines[i].text, &f->t->lines[i]};
	bool took = true;

	assert_int_equal(rule(f->s, &ln, &took), HRI_OK);
	return took;
}

/* Runs rule on a new plain line of text. */
static bool
run_text(fixture *f, hri_seg_rule rule, const char *text)
{
	return run(f, rule, add(f, text, 0));
}

/* Returns the id of the open segment, or "" when none is open. */
static const char *
open_id(const fixture *f)
{
	return f->s->cur.rec ? hri_json_str(f->s->cur.rec, "id") : "";
}

static void
test_rule_section_next_numeral(void **state)
{
	fixture *f = *state;

	f->s->roman = 7;
	assert_true(run_text(f, hri_seg_rule_section,
	                     "VIII. Conclusions and recommendations"));
	assert_int_equal(f->s->roman, 8);
	assert_string_equal(f->s->section, "VIII");
	assert_string_equal(f->s->title, "Conclusions and recommendations");
	assert_true(f->s->recs);
	/* the PDF text may lose the space */
	assert_true(run_text(f, hri_seg_rule_section, "IX.Annexes"));
	assert_string_equal(f->s->section, "IX");
	/* a numeral out of sequence, or followed by lower case, is text */
	assert_false(run_text(f, hri_seg_rule_section, "II. Back to two"));
	assert_false(run_text(f, hri_seg_rule_section, "X. and so on"));
	assert_false(run_text(f, hri_seg_rule_section, "XI"));
	assert_int_equal(f->s->roman, 9);
}

static void
test_rule_subsection_next_letter(void **state)
{
	fixture *f = *state;

	assert_false(run_text(f, hri_seg_rule_subsection, "A. Before any section"));
	f->s->roman = 2;
	assert_true(run_text(f, hri_seg_rule_subsection, "A. Presentation"));
	assert_string_equal(f->s->section, "II.A");
	assert_false(run_text(f, hri_seg_rule_subsection, "C. Skips a letter"));
	assert_false(run_text(f, hri_seg_rule_subsection, "B. lower case"));
	assert_true(run_text(f, hri_seg_rule_subsection, "B. Interactive dialogue"));
	assert_string_equal(f->s->section, "II.B");
	assert_string_equal(f->s->title, "Interactive dialogue");
}

static void
test_rule_numbered_paragraph(void **state)
{
	fixture *f = *state;

	f->s->para = 44;
	assert_true(run_text(f, hri_seg_rule_numbered,
	                     "45. The Council took note of the report."));
	assert_string_equal(open_id(f), "A/HRC/1/1#45");
	assert_int_equal(f->s->para, 45);
	/* a gap of more than three is no paragraph number; lower case after
	 * the number is a sentence running on */
	assert_false(run_text(f, hri_seg_rule_numbered, "50. The fifth after."));
	assert_false(run_text(f, hri_seg_rule_numbered, "46. and more."));
	assert_int_equal(f->s->para, 45);
	assert_int_equal(f->meta.paragraphs, 1);
}

static void
test_rule_numbered_subsubsection(void **state)
{
	fixture *f = *state;

	f->s->roman = 3;
	f->s->letter = 'A';
	f->s->para = 20;
	/* "1." with no full stop at its end, under a letter: a heading */
	assert_true(run_text(f, hri_seg_rule_numbered, "1. Legal framework"));
	assert_string_equal(f->s->section, "III.A.1");
	assert_string_equal(f->s->title, "Legal framework");
	assert_int_equal(f->s->para, 20);
}

static void
test_rule_lettered_item(void **state)
{
	fixture *f = *state;

	f->s->para = 12;
	assert_false(run_text(f, hri_seg_rule_lettered, "(a) Outside recommendations"));
	f->s->recs = true;
	assert_true(run_text(f, hri_seg_rule_lettered, "(h) Ensure that;"));
	assert_string_equal(open_id(f), "A/HRC/1/1#12(h)");
	/* "(i)" after "(h)" is the letter; after "(i)", "(ii)" is roman */
	assert_true(run_text(f, hri_seg_rule_lettered, "(i) Ratify;"));
	assert_string_equal(open_id(f), "A/HRC/1/1#12(i)");
	assert_true(run_text(f, hri_seg_rule_lettered, "(ii) Adopt;"));
	assert_string_equal(open_id(f), "A/HRC/1/1#12(i)(ii)");
	assert_false(run_text(f, hri_seg_rule_lettered, "(UPR) is no label"));
}

static void
test_rule_lost_number(void **state)
{
	fixture *f = *state;
	size_t i;

	f->s->para = 6;
	/* a list item, with paragraph 9 two lines on: this is paragraph 7 */
	i = add(f, "The Council decided to act.", HRI_LINE_ITEM);
	add(f, "more text", 0);
	add(f, "9. The ninth paragraph.", 0);
	assert_true(run(f, hri_seg_rule_lost_number, i));
	assert_string_equal(open_id(f), "A/HRC/1/1#7");
	/* paragraph 8 comes next: nothing lost */
	f->s->para = 8;
	assert_false(run(f, hri_seg_rule_lost_number, i));
	/* not marked as an item */
	f->s->para = 6;
	assert_false(run_text(f, hri_seg_rule_lost_number, "Plain text."));
}

static void
test_rule_upr_item(void **state)
{
	fixture *f = *state;
	json_t *r;

	f->s->para = 115;
	assert_false(run_text(f, hri_seg_rule_upr_item, "115.1 Not a UPR report"));
	f->s->upr = true;
	f->s->position[115] = -1;
	assert_true(run_text(f, hri_seg_rule_upr_item,
	                     "115.1 Ratify the Convention (France);"));
	r = f->s->cur.rec;
	assert_string_equal(hri_json_str(r, "id"), "A/HRC/1/1#115.1");
	assert_string_equal(hri_json_str(r, "label"), "115.1");
	assert_string_equal(hri_json_str(r, "position"), "noted");
	/* "115.9Consider": the PDF text lost the space */
	assert_true(run_text(f, hri_seg_rule_upr_item, "115.9Consider (Chile);"));
	assert_string_equal(open_id(f), "A/HRC/1/1#115.9");
	/* another paragraph's number is no item of this one */
	assert_false(run_text(f, hri_seg_rule_upr_item, "116.1 Elsewhere"));
	assert_int_equal(hri_seg_close(f->s), HRI_OK);
	assert_int_equal(f->meta.recommendations, 2);
}

static void
test_rule_upr_k_item(void **state)
{
	fixture *f = *state;

	f->s->upr = true;
	f->s->recs = true;
	f->s->para = 60;
	assert_true(run_text(f, hri_seg_rule_upr_k_item,
	                     "1. To examine the possibility (Brazil);"));
	assert_string_equal(open_id(f), "A/HRC/1/1#60.1");
	assert_true(run_text(f, hri_seg_rule_upr_k_item, "2. To ratify (Chile);"));
	assert_string_equal(open_id(f), "A/HRC/1/1#60.2");
	/* out of sequence, or lower case: not an item */
	assert_false(run_text(f, hri_seg_rule_upr_k_item, "4. To skip (Peru);"));
	assert_false(run_text(f, hri_seg_rule_upr_k_item, "3. to adopt (Peru);"));
}

static void
test_rule_footnote_keeps_paragraph(void **state)
{
	fixture *f = *state;
	size_t i;

	f->s->para = 3;
	assert_true(run_text(f, hri_seg_rule_numbered, "4. A paragraph."));
	assert_int_equal(hri_doctext_add(f->t, "See A/HRC/2/2.", 14, 1,
	                                 HRI_LINE_FOOTNOTE, "7"), HRI_OK);
	i = f->t->n - 1;
	assert_true(run(f, hri_seg_rule_footnote, i));
	assert_string_equal(open_id(f), "A/HRC/1/1#4");
	assert_int_equal(f->meta.footnotes, 1);
	assert_false(run_text(f, hri_seg_rule_footnote, "Plain text."));
}

static void
test_rule_annex_and_bracketed(void **state)
{
	fixture *f = *state;

	f->s->roman = 4;
	f->s->para = 30;
	assert_true(run_text(f, hri_seg_rule_annex, "Annex II"));
	assert_string_equal(f->s->annex, "Annex II");
	assert_int_equal(f->s->para, 0);
	assert_int_equal(f->s->roman, 0);
	assert_false(run_text(f, hri_seg_rule_annex, "Annex to the report of the"));
	assert_true(run_text(f, hri_seg_rule_bracketed, "[English only]"));
	assert_false(run_text(f, hri_seg_rule_bracketed, "[a] long note"));
}

static void
test_body_line_order(void **state)
{
	fixture *f = *state;
	size_t i;

	/* a UPR item number is tried before the paragraph number it also
	 * reads as, and text runs on into the open segment */
	f->s->upr = true;
	f->s->para = 89;
	i = add(f, "89.1 Ratify (Spain);", 0);
	hri_seg_line ln = {f->t, i, f->t->lines[i].text, &f->t->lines[i]};
	assert_int_equal(hri_seg_body_line(f->s, &ln), HRI_OK);
	assert_string_equal(open_id(f), "A/HRC/1/1#89.1");
	i = add(f, "and run on", 0);
	ln = (hri_seg_line){f->t, i, f->t->lines[i].text, &f->t->lines[i]};
	assert_int_equal(hri_seg_body_line(f->s, &ln), HRI_OK);
	assert_string_equal(f->s->cur.text.s, "Ratify (Spain); and run on");
}

static void
test_line_shapes(void **state)
{
	const char *rest;
	char lab[8];
	int n, p;

	assert_int_equal(hri_seg_roman_value("XIV", 3), 14);
	assert_int_equal(hri_seg_roman_value("IIX", 2), 2);
	assert_int_equal(hri_seg_roman_value("ABC", 3), 0);
	assert_true(hri_seg_numbered("12. Text", &n, &rest) && n == 12);
	assert_string_equal(rest, "Text");
	assert_true(hri_seg_numbered("1.Slovenia accepts", &n, &rest));
	assert_false(hri_seg_numbered("1.5 million", &n, &rest));
	assert_true(hri_seg_upr_numbered("115.3. Ratify", &p, &n, &rest));
	assert_int_equal(p * 1000 + n, 115003);
	assert_false(hri_seg_upr_numbered("1000.3 Ratify", &p, &n, &rest));
	assert_true(hri_seg_item_label("(xiii) Text", lab, &rest));
	assert_string_equal(lab, "(xiii)");
	assert_true(hri_seg_item_label("(xviii) Text", lab, &rest));
	assert_string_equal(lab, "(xviii)");
	/* six letters would not fit the label's 8 bytes: no label */
	assert_false(hri_seg_item_label("(abcdef) Text", lab, &rest));
	assert_false(hri_seg_item_label("(continued)", lab, &rest));
	assert_false(hri_seg_label_is_roman("(i)", "(h)"));
	assert_true(hri_seg_label_is_roman("(iv)", "(c)"));
	assert_true(hri_seg_is_furniture("GE.14-12345", "A/HRC/1/1"));
	assert_true(hri_seg_is_furniture("A/HRC/1/1 11/17", "A/HRC/1/1"));
	assert_false(hri_seg_is_furniture("12 States", "A/HRC/1/1"));
}

/* hri_seg_put_int writes what "%d" writes, signs and both ends of int
 * included. */
static void
test_put_int_as_printf(void **state)
{
	static const int v[] = {0, 7, 10, 99, 115, 2024, INT_MAX, -1, -42,
	                        INT_MIN};
	char got[16], want[16];

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		memset(got, 'x', sizeof got);
		*hri_seg_put_int(got, v[i]) = '\0';
		snprintf(want, sizeof want, "%d", v[i]);
		assert_string_equal(got, want);
	}
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_rule_section_next_numeral),
		T(test_rule_subsection_next_letter),
		T(test_rule_numbered_paragraph),
		T(test_rule_numbered_subsubsection),
		T(test_rule_lettered_item),
		T(test_rule_lost_number),
		T(test_rule_upr_item),
		T(test_rule_upr_k_item),
		T(test_rule_footnote_keeps_paragraph),
		T(test_rule_annex_and_bracketed),
		T(test_body_line_order),
		cmocka_unit_test(test_line_shapes),
		cmocka_unit_test(test_put_int_as_printf),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
