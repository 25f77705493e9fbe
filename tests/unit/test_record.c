/* test_record.c - the field types of the records, checked at the stage
 * boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "record.h"

/* Checks the record given as JSON text; returns the message, "" when it
 * passes (a static buffer). */
static const char *
check(const char *text)
{
	static char err[512];
	json_t *rec = json_loads(text, 0, NULL);

	assert_non_null(rec);
	err[0] = '\0';
	if (hri_record_check(rec, err, sizeof err) == HRI_OK)
		assert_string_equal(err, "");
	else
		assert_string_not_equal(err, "");
	json_decref(rec);
	return err;
}

/* What the stages write passes, nulls and unknown fields included. */
static void
test_record_check_passes_good_records(void **state)
{
	assert_string_equal(check("{\"type\":\"fetched\",\"symbol\":\"A/HRC/28/15\","
	                          "\"url\":\"https://documents.un.org/x\",\"bytes\":12,"
	                          "\"http_status\":null,\"repaired\":true,"
	                          "\"subjects\":[\"HUMAN RIGHTS\"]}"), "");
	assert_string_equal(check("{\"type\":\"fetched\",\"url\":\"file:///srv/m/A.pdf\"}"), "");
	assert_string_equal(check("{\"type\":\"doc\",\"symbol\":\"A/HRC/99/1\","
	                          "\"session\":\"99\",\"agenda\":6,\"pages\":null,"
	                          "\"source\":\"corpus/A_HRC_99_1.html\"}"), "");
	assert_string_equal(check("{\"type\":\"segment\",\"id\":\"A/HRC/26/41#45(g)\","
	                          "\"para\":45,\"label\":\"(g)\",\"countries\":[],"
	                          "\"recommending\":null,"
	                          "\"cites\":[{\"symbol\":\"A/HRC/19/74\",\"pinpoint\":null}],"
	                          "\"instruments\":[{\"kind\":\"resolution\","
	                          "\"issuer\":\"Human Rights Council\",\"number\":\"13/23\"}],"
	                          "\"explain\":[{\"theme\":\"x\"}],\"more\":{\"any\":1}}"), "");
	assert_string_equal(check("{\"path\":\"a.pdf\"}"), "");
}

/* A wrong type is named with the record and the field. */
static void
test_record_check_names_record_and_field(void **state)
{
	assert_string_equal(check("{\"type\":\"doc\",\"symbol\":\"A/1\",\"title\":{\"a\":1}}"),
	                    "doc A/1: field \"title\": a string or null, not an object");
	assert_string_equal(check("{\"type\":\"segment\",\"id\":\"A/1#2\",\"countries\":\"Cuba\"}"),
	                    "segment A/1#2: field \"countries\": an array of strings or null, "
	                    "not a string \"Cuba\"");
	assert_string_equal(check("{\"type\":\"segment\",\"id\":\"A/1#2\",\"countries\":[\"Cuba\",3]}"),
	                    "segment A/1#2: field \"countries\": an array of strings or null, "
	                    "not an array");
	assert_string_equal(check("{\"type\":\"segment\",\"id\":\"A/1#2\",\"para\":1.5}"),
	                    "segment A/1#2: field \"para\": an integer or null, not a number "
	                    "with a fraction");
	assert_string_equal(check("{\"type\":7}"),
	                    "field \"type\": a string or null, not an integer");
	assert_non_null(strstr(check("{\"type\":\"segment\",\"cites\":[\"A/1\"]}"), "\"cites\""));
	assert_non_null(strstr(check("{\"type\":\"segment\",\"instruments\":[{\"number\":13}]}"),
	                       "\"instruments\""));
	assert_non_null(strstr(check("{\"type\":\"fetched\",\"repaired\":\"yes\"}"), "true or false"));
}

/* Addresses: only http, https and file, whatever the case; a source may
 * also be a path, even with a colon further in. */
static void
test_record_check_addresses(void **state)
{
	assert_string_equal(check("{\"type\":\"fetched\",\"url\":\"javascript:alert(1)\"}"),
	                    "fetched: field \"url\": an http, https or file address or null, "
	                    "not a string \"javascript:alert(1)\"");
	assert_string_not_equal(check("{\"url\":\"data:text/html,<script>\"}"), "");
	assert_string_not_equal(check("{\"url\":\"/etc/passwd\"}"), "");
	assert_string_equal(check("{\"url\":\"HTTPS://UN.ORG/\"}"), "");
	assert_string_not_equal(check("{\"source\":\"JavaScript:alert(1)\"}"), "");
	assert_string_not_equal(check("{\"source\":\"vbscript:x\"}"), "");
	assert_string_equal(check("{\"source\":\"/srv/store/objects/ab/ab.gz\"}"), "");
	assert_string_equal(check("{\"source\":\"reports/A:B.pdf\"}"), "");
	assert_string_equal(check("{\"source\":\"http://x/y\"}"), "");
}

/* A string field is capped, but for the text. */
static void
test_record_check_caps_strings(void **state)
{
	size_t n = HRI_RECORD_STR_MAX + 1;
	char *big = malloc(n + 1);
	json_t *rec;
	char err[256];

	assert_non_null(big);
	memset(big, 'x', n);
	big[n] = '\0';
	rec = json_pack("{s:s, s:s}", "type", "segment", "text", big);
	assert_int_equal(hri_record_check(rec, err, sizeof err), HRI_OK);
	json_decref(rec);
	rec = json_pack("{s:s, s:s}", "type", "segment", "section_title", big);
	assert_int_equal(hri_record_check(rec, err, sizeof err), HRI_ERR_INVALID);
	assert_non_null(strstr(err, "at most 65536 bytes"));
	json_decref(rec);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_check_passes_good_records),
		cmocka_unit_test(test_record_check_names_record_and_field),
		cmocka_unit_test(test_record_check_addresses),
		cmocka_unit_test(test_record_check_caps_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
