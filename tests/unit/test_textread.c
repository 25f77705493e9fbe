/* test_textread.c - the text and markdown reader: markup into style hints,
 * inline markup stripped, footnote calls kept as markers, bad bytes made
 * safe; and the doctext it fills. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../parse/doctext.h"
#include "../../parse/textread.h"

static void
test_textread_inline_markup(void **state)
{
	char out[128];
	const char *in = "**Bold** and *inter alia* rights<sup>12</sup>, \\* kept, <i>x</i> 5 * 3";

	hri_textread_inline(in, strlen(in), out);
	assert_string_equal(out, "Bold and inter alia rights\x01" "12\x02, * kept, x 5 * 3");
}

static void
test_textread_markdown_styles(void **state)
{
	static const char md[] =
		"# General Assembly\n"
		"\n"
		"- 4. A list item\n"
		"**Russian Federation**\n"
		"<sup>3</sup> Ibid.\n"
		"---\n"
		"plain \xff line\n";
	hri_doctext *t = hri_doctext_new(0);

	assert_int_equal(hri_textread(md, sizeof md - 1, true, t), HRI_OK);
	assert_int_equal(t->n, 7);
	assert_string_equal(t->lines[0].text, "General Assembly");
	assert_true(t->lines[0].style & HRI_LINE_HEADING);
	assert_true(t->lines[1].style & HRI_LINE_BLANK);
	assert_string_equal(t->lines[2].text, "4. A list item");
	assert_true(t->lines[2].style & HRI_LINE_ITEM);
	assert_string_equal(t->lines[3].text, "Russian Federation");
	assert_true(t->lines[3].style & HRI_LINE_HEADING);
	assert_true(t->lines[4].style & HRI_LINE_FOOTNOTE);
	assert_string_equal(t->lines[4].note, "3");
	assert_string_equal(t->lines[4].text, "Ibid.");
	assert_true(t->lines[5].style & HRI_LINE_BLANK);
	assert_string_equal(t->lines[6].text, "plain \xef\xbf\xbd line");
	hri_doctext_free(t);
}

static void
test_textread_plain_indent(void **state)
{
	static const char txt[] = " I.\nIntroduction\n That draft formed\n";
	hri_doctext *t = hri_doctext_new(0);

	assert_int_equal(hri_textread(txt, sizeof txt - 1, false, t), HRI_OK);
	assert_int_equal(t->n, 3);
	assert_string_equal(t->lines[0].text, "I.");
	assert_true(t->lines[2].style & HRI_LINE_INDENT);
	assert_string_equal(t->lines[2].text, "That draft formed");
	hri_doctext_free(t);
}

static void
test_doctext_add_cap(void **state)
{
	hri_doctext *t = hri_doctext_new(16);

	assert_int_equal(hri_doctext_add(t, "0123456789", 10, 1, 0, NULL), HRI_OK);
	assert_int_equal(hri_doctext_add(t, "0123456789", 10, 1, 0, NULL),
	                 HRI_ERR_TOO_BIG);
	assert_int_equal(t->n, 1);
	/* private-use glyphs of symbol fonts are dropped */
	hri_doctext_free(t);
	t = hri_doctext_new(0);
	assert_int_equal(hri_doctext_add(t, "Slovenia \xef\x80\xaa", 12, 1, 0, NULL), HRI_OK);
	assert_string_equal(t->lines[0].text, "Slovenia");
	hri_doctext_free(t);
	hri_doctext_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textread_inline_markup),
		cmocka_unit_test(test_textread_markdown_styles),
		cmocka_unit_test(test_textread_plain_indent),
		cmocka_unit_test(test_doctext_add_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
