/* test_status.c - names of status codes. */
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

	for (a = HRI_OK; a <= HRI_ERR_INTERNAL; a++) {
		assert_string_not_equal(hri_status_str((hri_status)a), "unknown status");
		for (b = a + 1; b <= HRI_ERR_INTERNAL; b++)
			assert_string_not_equal(hri_status_str((hri_status)a),
			                        hri_status_str((hri_status)b));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_str_names_every_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
