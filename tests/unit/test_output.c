/* test_output.c - the pieces of hri-query's output: ODS addresses, CSV
 * fields, joined annotations. */
#define _XOPEN_SOURCE 700 /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "output.h"

static void
test_hri_out_ods_url_encodes_symbol(void **state)
{
	char url[256];

	assert_int_equal(hri_out_ods_url("A/HRC/26/41", "en", url, sizeof url),
	                 HRI_OK);
	assert_string_equal(url, "https://documents.un.org/api/symbol/access?"
	                         "s=A%2FHRC%2F26%2F41&l=en&t=pdf");
	assert_int_equal(hri_out_ods_url("S/RES/1325 (2000)", NULL, url,
	                                 sizeof url), HRI_OK);
	assert_string_equal(url, "https://documents.un.org/api/symbol/access?"
	                         "s=S%2FRES%2F1325%20%282000%29&l=en&t=pdf");
	assert_int_equal(hri_out_ods_url("A/HRC/WG.6/20/SVN/1", "fr", url,
	                                 sizeof url), HRI_OK);
	assert_non_null(strstr(url, "s=A%2FHRC%2FWG.6%2F20%2FSVN%2F1&l=fr&"));
}

static void
test_hri_out_ods_url_too_small(void **state)
{
	char url[60];

	assert_int_equal(hri_out_ods_url("A/HRC/26/41", "en", url, sizeof url),
	                 HRI_ERR_TOO_BIG);
}

/* Returns what hri_out_csv_field() writes for s (a static buffer). */
static const char *
csv(const char *s)
{
	static char out[256];
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	hri_out_csv_field(fp, s);
	fclose(fp);
	snprintf(out, sizeof out, "%s", buf);
	free(buf);
	return out;
}

static void
test_hri_out_csv_field_quotes_when_needed(void **state)
{
	assert_string_equal(csv("plain text"), "plain text");
	assert_string_equal(csv("a, b"), "\"a, b\"");
	assert_string_equal(csv("say \"no\""), "\"say \"\"no\"\"\"");
	assert_string_equal(csv("two\nlines"), "\"two\nlines\"");
	assert_string_equal(csv(""), "");
}

/* CSV injection (OWASP): a cell starting = + - @ tab or CR is shown as
 * text, never run; the same characters further in change nothing. */
static void
test_hri_out_csv_field_neutralises_formulas(void **state)
{
	assert_string_equal(csv("=HYPERLINK(\"http://x\",\"y\")"),
	                    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_string_equal(csv("+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"");
	assert_string_equal(csv("-2+3"), "\"'-2+3\"");
	assert_string_equal(csv("@SUM(A1)"), "\"'@SUM(A1)\"");
	assert_string_equal(csv("\t=1"), "\"'\t=1\"");
	assert_string_equal(csv("\r=1"), "\"'\r=1\"");
	assert_string_equal(csv("a=b+c-d@e"), "a=b+c-d@e");
	assert_string_equal(csv("115.3"), "115.3");
}

static void
test_hri_out_join_strings_objects_instruments(void **state)
{
	json_t *a = json_pack("[s, s]", "Cuba", "Russian Federation");
	json_t *c = json_pack("[{s:s, s:n}, {s:s, s:s}]", "symbol", "A/HRC/19/74",
	                      "pinpoint", "symbol", "A/HRC/23/20", "pinpoint",
	                      "para. 3");
	json_t *i = json_pack("[{s:s, s:s, s:s}]", "kind", "resolution",
	                      "issuer", "Human Rights Council", "number", "13/23");
	char *s;

	s = hri_out_join(a, NULL);
	assert_string_equal(s, "Cuba; Russian Federation");
	free(s);
	s = hri_out_join(c, "symbol");
	assert_string_equal(s, "A/HRC/19/74; A/HRC/23/20");
	free(s);
	s = hri_out_join(i, NULL);
	assert_string_equal(s, "resolution 13/23");
	free(s);
	s = hri_out_join(NULL, NULL);
	assert_string_equal(s, "");
	free(s);
	json_decref(a);
	json_decref(c);
	json_decref(i);
	i = json_pack("[{s:s, s:s}, {s:s, s:s}]", "treaty", "ICCPR", "article",
	              "2", "treaty", "ICCPR", "article", "26");
	s = hri_out_join(i, NULL);
	assert_string_equal(s, "ICCPR 2; ICCPR 26");
	free(s);
	json_decref(i);
}

/* A card shows a short concern whole, a long one to a space near 300
 * bytes. */
static void
test_hri_out_card_cut(void **state)
{
	char text[1000];
	size_t n;

	assert_int_equal(hri_out_card_cut("The Committee is concerned."), 27);
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	text[250] = ' ';
	text[310] = ' ';
	n = hri_out_card_cut(text);
	assert_int_equal(n, 250);
	memset(text + 321, '\0', 1);
	assert_int_equal(hri_out_card_cut(text), 250);
	text[320] = '\0';
	assert_int_equal(hri_out_card_cut(text), 320);
}

/* --format, as hri-query reads it: the names of hri_out_formats. */
static void
test_hri_out_formats_names(void **state)
{
	int f = -1, first;
	const hri_opt opts[] = {
		{.name = "format", .kind = HRI_OPT_KEYWORD, .val = &f,
		 .keywords = hri_out_formats},
		{0}};
	char *csv[] = {"hri-query", "--format", "csv", NULL};
	char *json[] = {"hri-query", "--format", "json", NULL};
	char *xml[] = {"hri-query", "--format", "xml", NULL};

	(void)state;
	assert_int_equal(hri_opts_parse(3, csv, opts, "", &first), HRI_OPTS_GO_ON);
	assert_int_equal(f, HRI_FMT_CSV);
	assert_int_equal(hri_opts_parse(3, json, opts, "", &first),
	                 HRI_OPTS_GO_ON);
	assert_int_equal(f, HRI_FMT_JSON);
	assert_int_equal(hri_opts_parse(3, xml, opts, "", &first),
	                 HRI_EXIT_USAGE);
	assert_int_equal(f, HRI_FMT_JSON);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_out_ods_url_encodes_symbol),
		cmocka_unit_test(test_hri_out_ods_url_too_small),
		cmocka_unit_test(test_hri_out_csv_field_quotes_when_needed),
		cmocka_unit_test(test_hri_out_csv_field_neutralises_formulas),
		cmocka_unit_test(test_hri_out_join_strings_objects_instruments),
		cmocka_unit_test(test_hri_out_formats_names),
		cmocka_unit_test(test_hri_out_card_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
