/* test_log.c - the message form "prog: context: reason" and its levels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

static char path[] = "/tmp/hri-test-log-XXXXXX";
static int saved = -1;

/* Sends stderr to a fresh temporary file. */
static int
capture(void **state)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	return 0;
}

/* Puts stderr back and returns what was written to it (static buffer). */
static const char *
captured(void)
{
	static char buf[HRI_LOG_LINE_MAX * 3];
	FILE *fp;
	size_t n;

	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	fp = fopen(path, "r");
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	unlink(path);
	strcpy(path + strlen(path) - 6, "XXXXXX");
	return buf;
}

static void
test_error_names_program_and_context(void **state)
{
	hri_log_init("hri-parse");
	assert_int_equal(capture(state), 0);
	hri_error("A_HRC_28_15.pdf", "page %d: %s", 4, "damaged");
	hri_error(NULL, "no context");
	hri_error("", "empty context");
	assert_string_equal(captured(),
	                    "hri-parse: A_HRC_28_15.pdf: page 4: damaged\n"
	                    "hri-parse: no context\n"
	                    "hri-parse: empty context\n");
	assert_string_equal(hri_log_prog(), "hri-parse");
}

static void
test_levels_gate_info_and_debug(void **state)
{
	hri_log_init("hri-index");
	assert_int_equal(capture(state), 0);
	hri_log_set_level(0);
	hri_info(NULL, "quiet info");
	hri_debug(NULL, "quiet debug");
	hri_error(NULL, "always");
	hri_log_set_level(1);
	hri_info(NULL, "info");
	hri_debug(NULL, "hidden debug");
	hri_log_set_level(2);
	hri_debug("db", "debug");
	assert_string_equal(captured(), "hri-index: always\n"
	                                "hri-index: info\n"
	                                "hri-index: db: debug\n");
	assert_int_equal(hri_log_level(), 2);
	hri_log_set_level(1);
}

static void
test_progress_silent_when_not_a_terminal(void **state)
{
	hri_log_init("hri-fetch");
	assert_int_equal(capture(state), 0);
	assert_false(hri_progress_enabled());
	hri_progress("%d of %d", 1, 2);
	hri_progress_end();
	assert_string_equal(captured(), "");
}

/* Outside input in a message cannot drive the terminal: a query or a
 * symbol with CR, ESC, BEL or a C1 control comes out escaped, UTF-8 text
 * as it is, and a library's trailing newline is dropped. */
static void
test_error_escapes_control_characters(void **state)
{
	hri_log_init("hri-query");
	assert_int_equal(capture(state), 0);
	hri_error("A/HRC/1/1\r\033[2J", "query \"%s\"", "a\nb\ac\xc2\x9b[31m\x7f");
	hri_error(NULL, "caf\xc3\xa9\tbar: %s", "parse error\n");
	assert_string_equal(captured(),
	                    "hri-query: A/HRC/1/1\\r\\x1b[2J: query "
	                    "\"a\\nb\\x07c\\u009b[31m\\x7f\"\n"
	                    "hri-query: caf\xc3\xa9\\tbar: parse error\n");
}

/* A 10 MB symbol or message is cut to the caps, marked, on one line; a cut
 * never splits a UTF-8 sequence. */
static void
test_error_cuts_long_values(void **state)
{
	size_t big = 10u << 20;
	char *huge = malloc(big + 1), ctx[HRI_LOG_CONTEXT_MAX + 8];
	const char *out;

	assert_non_null(huge);
	memset(huge, 'A', big);
	huge[big] = '\0';
	hri_log_init("hri-fetch");
	assert_int_equal(capture(state), 0);
	hri_error(huge, "not a symbol: %s", huge);
	out = captured();
	assert_true(strlen(out) < HRI_LOG_CONTEXT_MAX + HRI_LOG_MSG_MAX + 64);
	assert_true(strncmp(out, "hri-fetch: AAAA", 15) == 0);
	assert_non_null(strstr(out, "A[...]: not a symbol: AAAA"));
	assert_string_equal(out + strlen(out) - 7, "A[...]\n");
	assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
	free(huge);

	/* 255 bytes then a two-byte sequence across the cap: dropped whole */
	memset(ctx, 'a', HRI_LOG_CONTEXT_MAX - 1);
	memcpy(ctx + HRI_LOG_CONTEXT_MAX - 1, "\xc3\xa9z", 4);
	assert_int_equal(capture(state), 0);
	hri_error(ctx, "x");
	out = captured();
	assert_int_equal(strspn(out + 11, "a"), HRI_LOG_CONTEXT_MAX - 1);
	assert_string_equal(out + 11 + HRI_LOG_CONTEXT_MAX - 1, "[...]: x\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_names_program_and_context),
		cmocka_unit_test(test_levels_gate_info_and_debug),
		cmocka_unit_test(test_progress_silent_when_not_a_terminal),
		cmocka_unit_test(test_error_escapes_control_characters),
		cmocka_unit_test(test_error_cuts_long_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
