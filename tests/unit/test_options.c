/* test_options.c - the option layer every hri tool parses its command line
 * with: each kind of option stored, bounds and keywords enforced, the four
 * options of every tool, and the errors of a bad command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "log.h"
#include "options.h"

/* What the table of the tests fills. */
struct vals {
	int flag;
	const char *str;
	unsigned long count;
	double secs;
	int word;
	int fn_calls;
};

static const hri_keyword words[] = {{"text", 1}, {"json", 2}, {"csv", 3},
                                    {NULL, 0}};

/* An HRI_OPT_FN that takes "even" numbers' names only. */
static int
even(const char *arg, void *val, char *why, size_t whysz)
{
	struct vals *v = val;

	v->fn_calls++;
	return strcmp(arg, "two") != 0 && strcmp(arg, "four") != 0;
}

/* Parses argv (NULL-ended) with the table of the tests into *v. */
static int
parse(char **argv, struct vals *v, int *first)
{
	const hri_opt opts[] = {
		{.name = "flag", .letter = 'f', .kind = HRI_OPT_FLAG,
		 .val = &v->flag},
		{.name = "str", .letter = 's', .kind = HRI_OPT_STRING,
		 .val = &v->str},
		{.name = "count", .kind = HRI_OPT_COUNT, .val = &v->count,
		 .min = 1, .max = 64},
		{.name = "secs", .kind = HRI_OPT_SECONDS, .val = &v->secs,
		 .min = 0, .max = INFINITY, .above_min = 1},
		{.name = "word", .kind = HRI_OPT_KEYWORD, .val = &v->word,
		 .keywords = words},
		{.name = "even", .kind = HRI_OPT_FN, .val = v, .fn = even,
		 .want = "two or four"},
		{0}};
	int argc = 0;

	while (argv[argc])
		argc++;
	memset(v, 0, sizeof *v);
	*first = -1;
	return hri_opts_parse(argc, argv, opts, "usage: hri-test\n", first);
}

static void
test_hri_opts_parse_stores_every_kind(void **state)
{
	char *argv[] = {"hri-test", "-f", "--str", "x", "--count", "64",
	                "--secs", "0.5", "--word", "csv", "--even", "four",
	                "a", "b", NULL};
	struct vals v;
	int first;

	(void)state;
	assert_int_equal(parse(argv, &v, &first), HRI_OPTS_GO_ON);
	assert_int_equal(v.flag, 1);
	assert_string_equal(v.str, "x");
	assert_int_equal(v.count, 64);
	assert_true(v.secs == 0.5);
	assert_int_equal(v.word, 3);
	assert_int_equal(v.fn_calls, 1);
	assert_int_equal(first, 12);
	assert_string_equal(argv[first], "a");
}

static void
test_hri_opts_parse_operands_and_double_dash(void **state)
{
	/* GNU order: options after operands count; "--" ends them */
	char *argv[] = {"hri-test", "a", "-s", "y", "--", "--flag", NULL};
	struct vals v;
	int first;

	(void)state;
	assert_int_equal(parse(argv, &v, &first), HRI_OPTS_GO_ON);
	assert_string_equal(v.str, "y");
	assert_int_equal(v.flag, 0);
	assert_string_equal(argv[first], "a");
	assert_string_equal(argv[first + 1], "--flag");
}

static void
test_hri_opts_parse_refuses_bad_values(void **state)
{
	char *count0[] = {"hri-test", "--count", "0", NULL};
	char *count65[] = {"hri-test", "--count", "65", NULL};
	char *minus[] = {"hri-test", "--count", "-1", NULL};
	char *plus[] = {"hri-test", "--count", "+5", NULL};
	char *secs0[] = {"hri-test", "--secs", "0", NULL};
	char *nan[] = {"hri-test", "--secs", "nan", NULL};
	char *word[] = {"hri-test", "--word", "xml", NULL};
	char *fn[] = {"hri-test", "--even", "three", NULL};
	struct vals v;
	int first;

	(void)state;
	assert_int_equal(parse(count0, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(count65, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(minus, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(plus, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(secs0, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(nan, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(word, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(v.word, 0); /* unchanged */
	assert_int_equal(parse(fn, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(first, -1);
}

static void
test_hri_opts_parse_refuses_bad_command_lines(void **state)
{
	char *unknown[] = {"hri-test", "--nope", NULL};
	char *unknown_short[] = {"hri-test", "-x", NULL};
	char *missing[] = {"hri-test", "--str", NULL};
	char *missing_short[] = {"hri-test", "-s", NULL};
	char *flag_value[] = {"hri-test", "--flag=1", NULL};
	struct vals v;
	int first;

	(void)state;
	assert_int_equal(parse(unknown, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(unknown_short, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(missing, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(missing_short, &v, &first), HRI_EXIT_USAGE);
	assert_int_equal(parse(flag_value, &v, &first), HRI_EXIT_USAGE);
}

static void
test_hri_opts_parse_common_options(void **state)
{
	char *quiet[] = {"hri-test", "-q", NULL};
	char *loud[] = {"hri-test", "-v", "--verbose", NULL};
	char *quiet_then_v[] = {"hri-test", "--quiet", "-v", NULL};
	char *help[] = {"hri-test", "-s", "x", "--help", NULL};
	char *version[] = {"hri-test", "-V", "--bogus", NULL};
	struct vals v;
	int first;

	(void)state;
	hri_log_set_level(1);
	assert_int_equal(parse(quiet, &v, &first), HRI_OPTS_GO_ON);
	assert_int_equal(hri_log_level(), 0);
	hri_log_set_level(1);
	assert_int_equal(parse(loud, &v, &first), HRI_OPTS_GO_ON);
	assert_int_equal(hri_log_level(), 3);
	assert_int_equal(parse(quiet_then_v, &v, &first), HRI_OPTS_GO_ON);
	assert_int_equal(hri_log_level(), 1);
	/* -h and -V answer at once: what follows is not read */
	assert_int_equal(parse(help, &v, &first), HRI_EXIT_OK);
	assert_int_equal(parse(version, &v, &first), HRI_EXIT_OK);
	assert_int_equal(first, -1);
}

static void
test_hri_opts_count_and_number(void **state)
{
	unsigned long u = 7;
	double d = 7;

	(void)state;
	assert_int_equal(hri_opts_count("20", 0, 20, &u), 0);
	assert_int_equal(u, 20);
	assert_int_not_equal(hri_opts_count("21", 0, 20, &u), 0);
	assert_int_not_equal(hri_opts_count("", 0, 20, &u), 0);
	assert_int_not_equal(hri_opts_count(" 3", 0, 20, &u), 0);
	assert_int_not_equal(hri_opts_count("99999999999999999999999", 0,
	                                    (unsigned long)-1, &u), 0);
	assert_int_equal(u, 20);
	assert_int_equal(hri_opts_number("600", 0, 600, 1, &d), 0);
	assert_true(d == 600);
	assert_int_not_equal(hri_opts_number("600.5", 0, 600, 1, &d), 0);
	assert_int_not_equal(hri_opts_number("0", 0, 600, 1, &d), 0);
	assert_int_equal(hri_opts_number("0", 0, 600, 0, &d), 0);
	assert_int_not_equal(hri_opts_number("1s", 0, 600, 0, &d), 0);
	assert_true(d == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_opts_parse_stores_every_kind),
		cmocka_unit_test(test_hri_opts_parse_operands_and_double_dash),
		cmocka_unit_test(test_hri_opts_parse_refuses_bad_values),
		cmocka_unit_test(test_hri_opts_parse_refuses_bad_command_lines),
		cmocka_unit_test(test_hri_opts_parse_common_options),
		cmocka_unit_test(test_hri_opts_count_and_number),
	};

	hri_log_init("hri-test");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
