/* test_home.c - the data directory and table lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "home.h"

static void
test_home_dir_order_of_variables(void **state)
{
	char out[256];

	setenv("HRI_HOME", "/srv/hri", 1);
	setenv("XDG_DATA_HOME", "/x", 1);
	assert_int_equal(hri_home_dir(out, sizeof out), HRI_OK);
	assert_string_equal(out, "/srv/hri");
	unsetenv("HRI_HOME");
	assert_int_equal(hri_home_dir(out, sizeof out), HRI_OK);
	assert_string_equal(out, "/x/hri");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/r", 1);
	assert_int_equal(hri_home_dir(out, sizeof out), HRI_OK);
	assert_string_equal(out, "/home/r/.local/share/hri");
	assert_int_equal(hri_home_path("db", out, sizeof out), HRI_OK);
	assert_string_equal(out, "/home/r/.local/share/hri/db");
	assert_int_equal(hri_home_path("db", out, 10), HRI_ERR_TOO_BIG);
	unsetenv("HOME");
	assert_int_equal(hri_home_dir(out, sizeof out), HRI_ERR_NOT_FOUND);
}

static void
test_data_path_honours_hri_data(void **state)
{
	char dir[] = "/tmp/hri-test-data-XXXXXX";
	char path[512], out[512];
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/table.tsv", dir);
	fp = fopen(path, "w");
	fputs("x\n", fp);
	fclose(fp);
	setenv("HRI_DATA", dir, 1);
	assert_int_equal(hri_data_path("table.tsv", out, sizeof out), HRI_OK);
	assert_string_equal(out, path);
	assert_int_equal(hri_data_path("absent.tsv", out, sizeof out), HRI_ERR_NOT_FOUND);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_dir_order_of_variables),
		cmocka_unit_test(test_data_path_honours_hri_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
