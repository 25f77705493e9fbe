/* test_html.c - hri-serve's escaping of untrusted text into HTML and URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../serve/html.h"

/* Returns what fn writes for s (a static buffer). */
static const char *
run(void (*fn)(FILE *, const char *), const char *s)
{
	static char out[512];
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	fn(fp, s);
	fclose(fp);
	snprintf(out, sizeof out, "%s", buf);
	free(buf);
	return out;
}

static void
test_hri_html_esc_markup(void **state)
{
	assert_string_equal(run(hri_html_esc, "<script>alert(1)</script>"),
	                    "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(run(hri_html_esc, "\"><img src=x onerror='a'>"),
	                    "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;");
	assert_string_equal(run(hri_html_esc, "R&D"), "R&amp;D");
	assert_string_equal(run(hri_html_esc, "Côte d’Ivoire"), "Côte d’Ivoire");
	assert_string_equal(run(hri_html_esc, NULL), "");
}

static void
test_hri_html_url_reserved(void **state)
{
	assert_string_equal(run(hri_html_url, "A/HRC/26/41#45(e)"),
	                    "A%2FHRC%2F26%2F41%2345%28e%29");
	assert_string_equal(run(hri_html_url, "a b&c=d\"<>"),
	                    "a%20b%26c%3Dd%22%3C%3E");
	assert_string_equal(run(hri_html_url, "Côte"), "C%C3%B4te");
	assert_string_equal(run(hri_html_url, "safe-._~09AZaz"), "safe-._~09AZaz");
	assert_string_equal(run(hri_html_url, NULL), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_html_esc_markup),
		cmocka_unit_test(test_hri_html_url_reserved),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
