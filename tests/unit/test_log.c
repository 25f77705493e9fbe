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
	static char buf[1024];
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_names_program_and_context),
		cmocka_unit_test(test_levels_gate_info_and_debug),
		cmocka_unit_test(test_progress_silent_when_not_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
