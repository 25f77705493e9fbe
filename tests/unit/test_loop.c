/* test_loop.c - the arguments-or-stdin loop and the exit status it implies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "loop.h"
#include "status.h"

/* Records what the loop handed over; fails items that start with "bad" and
 * stops at "fatal". */
struct seen {
	char items[16][64];
	char where[16][32];
	int n;
};

static hri_item_result
collect(const hri_item *it, void *ud)
{
	struct seen *s = ud;

	if (s->n < 16) {
		snprintf(s->items[s->n], sizeof s->items[0], "%s", it->text);
		snprintf(s->where[s->n], sizeof s->where[0], "%s", it->where);
		s->n++;
	}
	if (strncmp(it->text, "bad", 3) == 0)
		return HRI_ITEM_FAILED;
	if (strcmp(it->text, "fatal") == 0)
		return HRI_ITEM_FATAL;
	if (strcmp(it->text, "same") == 0)
		return HRI_ITEM_NOTHING;
	return HRI_ITEM_DONE;
}

/* Points stdin at a temporary file holding text. */
static void
stdin_from(const char *text)
{
	char path[] = "/tmp/hri-test-loop-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_non_null(freopen(path, "r", stdin));
	unlink(path);
}

static void
test_loop_arguments_in_order(void **state)
{
	char *argv[] = {"A/HRC/26/41", "bad/one", "A/74/35"};
	struct seen s = {0};
	hri_loop_stats st;

	hri_loop(3, argv, 0, collect, &s, &st);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.items[2], "A/74/35");
	assert_string_equal(s.where[1], "argument 2");
	assert_int_equal(st.items, 3);
	assert_int_equal(st.done, 2);
	assert_int_equal(st.failed, 1);
	assert_int_equal(hri_loop_exit(&st), HRI_EXIT_PARTIAL);
}

static void
test_loop_stdin_skips_blank_and_comments(void **state)
{
	struct seen s = {0};
	hri_loop_stats st;

	stdin_from("# session 26\nA/HRC/26/41  \n\n\t\nA/HRC/23/20\r\n");
	hri_loop(0, NULL, 0, collect, &s, &st);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.items[0], "A/HRC/26/41");
	assert_string_equal(s.items[1], "A/HRC/23/20");
	assert_string_equal(s.where[1], "<stdin>:5");
	assert_int_equal(hri_loop_exit(&st), HRI_EXIT_OK);
}

static void
test_loop_dash_reads_stdin_between_arguments(void **state)
{
	char *argv[] = {"first", "-", "last"};
	struct seen s = {0};
	hri_loop_stats st;

	stdin_from("middle\n");
	hri_loop(3, argv, 0, collect, &s, &st);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.items[1], "middle");
	assert_string_equal(s.items[2], "last");
}

static void
test_loop_overlong_line_counts_as_failed(void **state)
{
	struct seen s = {0};
	hri_loop_stats st;

	stdin_from("ok\nthis line is far too long\nalso ok\n");
	hri_loop(0, NULL, 10, collect, &s, &st);
	assert_int_equal(s.n, 2);
	assert_int_equal(st.failed, 1);
	assert_int_equal(hri_loop_exit(&st), HRI_EXIT_PARTIAL);
}

static void
test_loop_stops_at_fatal(void **state)
{
	char *argv[] = {"one", "fatal", "never"};
	struct seen s = {0};
	hri_loop_stats st;

	hri_loop(3, argv, 0, collect, &s, &st);
	assert_int_equal(s.n, 2);
	assert_int_equal(hri_loop_exit(&st), HRI_EXIT_FATAL);
}

static void
test_loop_exit_nothing_to_do(void **state)
{
	char *argv[] = {"same", "same"};
	struct seen s = {0};
	hri_loop_stats st;

	hri_loop(2, argv, 0, collect, &s, &st);
	assert_int_equal(st.nothing, 2);
	assert_int_equal(hri_loop_exit(&st), HRI_EXIT_NOTHING);
	stdin_from("");
	hri_loop(0, NULL, 0, collect, &s, &st);
	assert_int_equal(st.items, 0);
	assert_int_equal(hri_loop_exit(&st), HRI_EXIT_NOTHING);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loop_arguments_in_order),
		cmocka_unit_test(test_loop_stdin_skips_blank_and_comments),
		cmocka_unit_test(test_loop_dash_reads_stdin_between_arguments),
		cmocka_unit_test(test_loop_overlong_line_counts_as_failed),
		cmocka_unit_test(test_loop_stops_at_fatal),
		cmocka_unit_test(test_loop_exit_nothing_to_do),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
