/* test_marc.c - MARCXML catalogue records: the fields hri takes from real
 * shaped UN Digital Library records, and records that are malformed, empty,
 * hostile or not MARC at all. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../fetch/marc.h"
#include "../support/runexe.h"
#include "file.h"

/* Parses tests/data/name for symbol; returns the status, *meta set. */
static hri_status
parse_file(const char *name, const char *symbol, json_t **meta, char *err,
           size_t errsz)
{
	char path[PATH_MAX];
	unsigned char *buf;
	size_t len;
	hri_status st;

	snprintf(path, sizeof path, "%s/tests/data/%s", hri_test_top(), name);
	assert_int_equal(hri_file_read(path, 1 << 20, &buf, &len), HRI_OK);
	st = hri_marc_parse((const char *)buf, len, symbol, meta, err, errsz);
	free(buf);
	return st;
}

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static void
test_hri_marc_parse_picks_record_of_symbol(void **state)
{
	json_t *m, *a;
	char err[256];

	(void)state;
	assert_int_equal(parse_file("marc_A_HRC_28_15.xml", "A/HRC/28/15", &m, err,
	                            sizeof err), HRI_OK);
	assert_string_equal(str(m, "symbol"), "A/HRC/28/15");
	/* $a and $b joined, ISBD punctuation cut, $c and the second 245 left. */
	assert_string_equal(str(m, "title"),
	                    "Report of the Working Group on the Universal Periodic "
	                    "Review: Slovenia");
	assert_string_equal(str(m, "date"), "2014-12-22");
	assert_string_equal(str(m, "agenda"), "6");
	assert_string_equal(str(m, "agenda_title"), "Universal periodic review");
	a = json_object_get(m, "subjects");
	assert_int_equal(json_array_size(a), 2); /* the repeated one once */
	assert_string_equal(json_string_value(json_array_get(a, 0)),
	                    "HUMAN RIGHTS ADVANCEMENT");
	assert_string_equal(json_string_value(json_array_get(a, 1)), "SLOVENIA");
	a = json_object_get(m, "files");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(json_string_value(json_array_get(a, 1)),
	                    "https://digitallibrary.un.org/record/792966/files/"
	                    "A_HRC_28_15-FR.pdf");
	json_decref(m);

	/* The addendum is the first record of the same answer. */
	assert_int_equal(parse_file("marc_A_HRC_28_15.xml", "A/HRC/28/15/Add.1", &m,
	                            err, sizeof err), HRI_OK);
	assert_string_equal(str(m, "title"),
	                    "Report of the Working Group on the Universal Periodic "
	                    "Review: Slovenia : addendum");
	assert_string_equal(str(m, "date"), "2015-03-04");
	assert_null(json_object_get(m, "agenda"));
	assert_null(json_object_get(m, "subjects"));
	json_decref(m);
}

static void
test_hri_marc_parse_single_record(void **state)
{
	json_t *m;
	char err[256];

	(void)state;
	assert_int_equal(parse_file("marc_A_HRC_26_41.xml", "A/HRC/26/41", &m, err,
	                            sizeof err), HRI_OK);
	/* White space folded, &amp; decoded, the trailing " /" cut. */
	assert_string_equal(str(m, "title"),
	                    "Progress report of the Human Rights Council Advisory "
	                    "Committee on the promotion of human rights through a "
	                    "better understanding of traditional values of humankind "
	                    "& best practices");
	assert_string_equal(str(m, "date"), "2014-04");
	assert_string_equal(str(m, "agenda"), "3 and 5");
	assert_string_equal(str(m, "agenda_title"),
	                    "Promotion and protection of all human rights; "
	                    "Human rights bodies and mechanisms");
	json_decref(m);
	/* NULL takes the first record. */
	assert_int_equal(parse_file("marc_A_HRC_28_15.xml", NULL, &m, err,
	                            sizeof err), HRI_OK);
	assert_string_equal(str(m, "symbol"), "A/HRC/28/15/Add.1");
	json_decref(m);
}

static void
test_hri_marc_parse_no_record(void **state)
{
	json_t *m = (json_t *)1;
	char err[256];

	(void)state;
	assert_int_equal(parse_file("marc_empty.xml", "A/HRC/28/15", &m, err,
	                            sizeof err), HRI_ERR_NOT_FOUND);
	assert_null(m);
	assert_int_equal(parse_file("marc_A_HRC_28_15.xml", "A/HRC/28/16", &m, err,
	                            sizeof err), HRI_ERR_NOT_FOUND);
	assert_null(m);
	assert_non_null(strstr(err, "A/HRC/28/16"));
}

static void
test_hri_marc_parse_malformed(void **state)
{
	json_t *m = (json_t *)1;
	char err[256];

	(void)state;
	assert_int_equal(parse_file("marc_truncated.xml", "A/HRC/28/15", &m, err,
	                            sizeof err), HRI_ERR_INVALID);
	assert_null(m);
	assert_non_null(strstr(err, "malformed XML: line "));
	assert_int_equal(hri_marc_parse("", 0, NULL, &m, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_marc_parse("<collection", 11, NULL, &m, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_int_equal(parse_file("marc_not_marc.xml", "A/HRC/28/15", &m, err,
	                            sizeof err), HRI_ERR_INVALID);
	assert_string_equal(err, "not MARCXML (root <html>)");
}

static void
test_hri_marc_parse_refuses_doctype(void **state)
{
	json_t *m = (json_t *)1;
	char err[256];

	(void)state;
	/* An entity bomb and an external entity: neither is ever expanded. */
	assert_int_equal(parse_file("marc_entities.xml", "A/HRC/28/15", &m, err,
	                            sizeof err), HRI_ERR_INVALID);
	assert_null(m);
	assert_non_null(strstr(err, "DOCTYPE"));
}

static void
test_hri_marc_parse_too_big(void **state)
{
	json_t *m = (json_t *)1;
	char err[256];

	(void)state;
	assert_int_equal(hri_marc_parse("<x/>", (size_t)HRI_MARC_MAX + 1, NULL, &m,
	                                err, sizeof err), HRI_ERR_TOO_BIG);
	assert_null(m);
}

static void
test_hri_marc_date_forms(void **state)
{
	char d[16];

	(void)state;
	assert_int_equal(hri_marc_date("20150312", d, sizeof d), HRI_OK);
	assert_string_equal(d, "2015-03-12");
	assert_int_equal(hri_marc_date("2015-03-12", d, sizeof d), HRI_OK);
	assert_string_equal(d, "2015-03-12");
	assert_int_equal(hri_marc_date("201503", d, sizeof d), HRI_OK);
	assert_string_equal(d, "2015-03");
	assert_int_equal(hri_marc_date("2015", d, sizeof d), HRI_OK);
	assert_string_equal(d, "2015");
	assert_int_equal(hri_marc_date("2015-13-01", d, sizeof d), HRI_ERR_INVALID);
	assert_int_equal(hri_marc_date("12 March 2015", d, sizeof d), HRI_ERR_INVALID);
	assert_int_equal(hri_marc_date("", d, sizeof d), HRI_ERR_INVALID);
	assert_int_equal(hri_marc_date("20150312x", d, sizeof d), HRI_ERR_INVALID);
	assert_string_equal(d, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_marc_parse_picks_record_of_symbol),
		cmocka_unit_test(test_hri_marc_parse_single_record),
		cmocka_unit_test(test_hri_marc_parse_no_record),
		cmocka_unit_test(test_hri_marc_parse_malformed),
		cmocka_unit_test(test_hri_marc_parse_refuses_doctype),
		cmocka_unit_test(test_hri_marc_parse_too_big),
		cmocka_unit_test(test_hri_marc_date_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
