/* test_status.c - names of status codes, and the exit status each maps
 * to; every value up to HRI_STATUS_LAST, so a status added later is
 * covered without touching the tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "status.h"

static void
test_status_str_names_every_status(void **state)
{
	int a, b;

	(void)state;
	for (a = HRI_OK; a < HRI_STATUS_LAST; a++) {
		assert_string_not_equal(hri_status_str((hri_status)a), "unknown status");
		for (b = a + 1; b < HRI_STATUS_LAST; b++)
			assert_string_not_equal(hri_status_str((hri_status)a),
			                        hri_status_str((hri_status)b));
	}
	assert_string_equal(hri_status_str(HRI_STATUS_LAST), "unknown status");
}

static void
test_status_exit_of_every_status(void **state)
{
	int a, rc;

	(void)state;
	for (a = HRI_OK; a < HRI_STATUS_LAST; a++) {
		rc = hri_status_exit((hri_status)a);
		switch (a) {
		case HRI_OK: assert_int_equal(rc, HRI_EXIT_OK); break;
		case HRI_ERR_NOT_FOUND: assert_int_equal(rc, HRI_EXIT_NOTHING); break;
		case HRI_ERR_QUERY:
		case HRI_ERR_INVALID: assert_int_equal(rc, HRI_EXIT_USAGE); break;
		/* a failure never passes for success, nothing, or a partial run */
		default: assert_int_equal(rc, HRI_EXIT_FATAL); break;
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_str_names_every_status),
		cmocka_unit_test(test_status_exit_of_every_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
