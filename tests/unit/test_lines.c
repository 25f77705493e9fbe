/* test_lines.c - the capped line reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lines.h"

/* Opens a memory stream over the len bytes at s. */
static FILE *
mem(const char *s, size_t len)
{
	FILE *fp = fmemopen((void *)s, len, "r");

	assert_non_null(fp);
	return fp;
}

static void
test_lines_next_splits_and_strips_line_ends(void **state)
{
	static const char in[] = "one\r\ntwo\n\nthree";
	FILE *fp = mem(in, sizeof in - 1);
	hri_lines *r = hri_lines_new(fp, 0);
	const char *line;
	size_t len;

	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_string_equal(line, "one");
	assert_int_equal(len, 3);
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_string_equal(line, "two");
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_string_equal(line, "");
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_string_equal(line, "three");
	assert_int_equal(hri_lines_lineno(r), 4);
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_ERR_NOT_FOUND);
	hri_lines_free(r);
	fclose(fp);
}

static void
test_lines_next_skips_overlong_line_and_goes_on(void **state)
{
	size_t big = 100000;
	char *in = malloc(big + 32);
	FILE *fp;
	hri_lines *r;
	const char *line;
	size_t len;

	memcpy(in, "short\n", 6);
	memset(in + 6, 'x', big);
	memcpy(in + 6 + big, "\nafter\n", 7);
	fp = mem(in, 6 + big + 7);
	r = hri_lines_new(fp, 1000);
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_string_equal(line, "short");
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_ERR_TOO_BIG);
	assert_null(line);
	assert_int_equal(hri_lines_lineno(r), 2);
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_string_equal(line, "after");
	assert_int_equal(hri_lines_lineno(r), 3);
	hri_lines_free(r);
	fclose(fp);
	free(in);
}

static void
test_lines_next_accepts_line_exactly_at_cap(void **state)
{
	static const char in[] = "abcde\nabcdef\n";
	FILE *fp = mem(in, sizeof in - 1);
	hri_lines *r = hri_lines_new(fp, 5);
	const char *line;
	size_t len;

	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_int_equal(len, 5);
	assert_int_equal(hri_lines_next(r, &line, &len), HRI_ERR_TOO_BIG);
	hri_lines_free(r);
	fclose(fp);
}

static void
test_lines_next_keeps_nul_bytes_in_length(void **state)
{
	static const char in[] = "a\0b\n";
	FILE *fp = mem(in, sizeof in - 1);
	hri_lines *r = hri_lines_new(fp, 0);
	const char *line;
	size_t len;

	assert_int_equal(hri_lines_next(r, &line, &len), HRI_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(line, "a\0b", 3);
	hri_lines_free(r);
	fclose(fp);
}

static void
test_lines_free_null_is_noop(void **state)
{
	hri_lines_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_next_splits_and_strips_line_ends),
		cmocka_unit_test(test_lines_next_skips_overlong_line_and_goes_on),
		cmocka_unit_test(test_lines_next_accepts_line_exactly_at_cap),
		cmocka_unit_test(test_lines_next_keeps_nul_bytes_in_length),
		cmocka_unit_test(test_lines_free_null_is_noop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
