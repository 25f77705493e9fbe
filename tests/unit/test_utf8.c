/* test_utf8.c - strict UTF-8 validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

#define LEN(s) hri_utf8_len((const unsigned char *)(s), sizeof(s) - 1)

static void
test_utf8_len_valid_sequences(void **state)
{
	assert_int_equal(LEN("a"), 1);
	assert_int_equal(LEN("\xc3\xbc"), 2);         /* ü of Türkiye */
	assert_int_equal(LEN("\xe2\x80\x94"), 3);     /* em dash */
	assert_int_equal(LEN("\xef\xbf\xbd"), 3);     /* U+FFFD */
	assert_int_equal(LEN("\xf0\x9f\x8c\x8d"), 4); /* U+1F30D */
	assert_int_equal(LEN("\xf4\x8f\xbf\xbf"), 4); /* U+10FFFF */
}

static void
test_utf8_len_rejects_what_jansson_rejects(void **state)
{
	assert_int_equal(LEN("\x80"), 0);             /* stray continuation */
	assert_int_equal(LEN("\xc0\xaf"), 0);         /* overlong "/" */
	assert_int_equal(LEN("\xe0\x8d\x90"), 0);     /* overlong, found by fuzzing */
	assert_int_equal(LEN("\xed\xa0\x80"), 0);     /* surrogate U+D800 */
	assert_int_equal(LEN("\xf4\x90\x80\x80"), 0); /* past U+10FFFF */
	assert_int_equal(LEN("\xf5\x80\x80\x80"), 0);
	assert_int_equal(LEN("\xe2\x80"), 0);         /* truncated */
	assert_int_equal(LEN("\xe2\x28\xa1"), 0);     /* bad continuation */
}

static void
test_utf8_valid_whole_strings(void **state)
{
	static const char ok[] = "Bolivia (Plurinational State of) \xe2\x80\x93 T\xc3\xbcrkiye";
	static const char caf[] = "caf\xe9";

	assert_true(hri_utf8_valid(ok, strlen(ok)));
	assert_true(hri_utf8_valid("", 0));
	assert_false(hri_utf8_valid(caf, strlen(caf)));
	assert_true(hri_utf8_valid("a\0b", 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_len_valid_sequences),
		cmocka_unit_test(test_utf8_len_rejects_what_jansson_rejects),
		cmocka_unit_test(test_utf8_valid_whole_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
