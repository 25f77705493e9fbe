/* test_grow.c - hri_grow(): room for one more element, doubling, and an
 * array left whole when it cannot grow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "grow.h"

static void
test_grow_doubles_from_first(void **state)
{
	int *a = NULL;
	size_t n, cap = 0;

	(void)state;
	for (n = 0; n < 100; n++) {
		assert_int_equal(hri_grow(&a, n, &cap, sizeof *a, 4), HRI_OK);
		assert_true(n < cap);
		a[n] = (int)n;
		if (n == 0)
			assert_int_equal(cap, 4);
	}
	assert_int_equal(cap, 128); /* 4, 8, ..., 128 */
	for (n = 0; n < 100; n++)
		assert_int_equal(a[n], (int)n);
	free(a);
}

static void
test_grow_leaves_room_alone(void **state)
{
	int *a = malloc(8 * sizeof *a), *was = a;
	size_t cap = 8;

	(void)state;
	assert_non_null(a);
	assert_int_equal(hri_grow(&a, 7, &cap, sizeof *a, 4), HRI_OK);
	assert_ptr_equal(a, was);
	assert_int_equal(cap, 8);
	free(a);
}

static void
test_grow_too_big_keeps_the_array(void **state)
{
	char *a = malloc(2), *was = a;
	size_t cap = 2;

	(void)state;
	assert_non_null(a);
	a[0] = 'x';
	assert_int_equal(hri_grow(&a, 2, &cap, SIZE_MAX / 3, 1), HRI_ERR_NOMEM);
	assert_ptr_equal(a, was);
	assert_int_equal(cap, 2);
	assert_int_equal(a[0], 'x');
	free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_doubles_from_first),
		cmocka_unit_test(test_grow_leaves_room_alone),
		cmocka_unit_test(test_grow_too_big_keeps_the_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
