/* test_jsonl.c - JSON Lines parsing, writing and accessors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonl.h"

static void
test_jsonl_parse_object(void **state)
{
	static const char line[] = "{\"type\":\"segment\",\"para\":14,\"text\":\"South-South\"}";
	json_t *rec;
	char err[128];

	assert_int_equal(hri_jsonl_parse(line, strlen(line), &rec, err, sizeof err), HRI_OK);
	assert_string_equal(hri_json_str(rec, "type"), "segment");
	assert_int_equal(hri_json_int(rec, "para", -1), 14);
	assert_int_equal(hri_json_int(rec, "missing", -1), -1);
	assert_null(hri_json_str(rec, "para"));
	json_decref(rec);
}

static void
test_jsonl_parse_malformed_names_column(void **state)
{
	static const char line[] = "{\"type\": \"doc\", oops}";
	json_t *rec = (json_t *)1;
	char err[128];

	assert_int_equal(hri_jsonl_parse(line, strlen(line), &rec, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_null(rec);
	assert_non_null(strstr(err, "column"));
}

static void
test_jsonl_parse_rejects_non_object_and_duplicates(void **state)
{
	json_t *rec;
	char err[128];

	assert_int_equal(hri_jsonl_parse("[1,2]", 5, &rec, err, sizeof err), HRI_ERR_INVALID);
	assert_string_equal(err, "a record must be a JSON object");
	assert_int_equal(hri_jsonl_parse("{\"a\":1,\"a\":2}", 13, &rec, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_jsonl_parse("", 0, &rec, err, sizeof err), HRI_ERR_INVALID);
}

static void
test_jsonl_parse_rejects_invalid_utf8(void **state)
{
	static const char line[] = "{\"text\":\"\xff\xfe\"}";
	json_t *rec;
	char err[128];

	assert_int_equal(hri_jsonl_parse(line, strlen(line), &rec, err, sizeof err),
	                 HRI_ERR_INVALID);
}

static void
test_jsonl_write_one_line_round_trip(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);
	json_t *rec = json_object(), *back;
	char err[64];

	assert_int_equal(hri_json_set_str(rec, "type", "doc"), HRI_OK);
	assert_int_equal(hri_json_set_str(rec, "text", "line one\nline two \xe2\x80\x94 T\xc3\xbcrkiye"), HRI_OK);
	assert_int_equal(hri_json_set_str(rec, "label", NULL), HRI_OK);
	assert_int_equal(hri_jsonl_write(fp, rec), HRI_OK);
	fclose(fp);
	/* One line: the only newline is the terminator. */
	assert_int_equal(strchr(buf, '\n') - buf, (long)size - 1);
	/* UTF-8 written as is, not escaped, so grep finds it. */
	assert_non_null(strstr(buf, "T\xc3\xbcrkiye"));
	assert_int_equal(hri_jsonl_parse(buf, size - 1, &back, err, sizeof err), HRI_OK);
	assert_true(json_equal(rec, back));
	assert_true(json_is_null(json_object_get(back, "label")));
	json_decref(back);
	json_decref(rec);
	free(buf);
}

static void
test_json_set_str_rejects_invalid_utf8(void **state)
{
	json_t *rec = json_object();

	assert_int_equal(hri_json_set_str(rec, "t", "\xc3("), HRI_ERR_INVALID);
	assert_null(json_object_get(rec, "t"));
	json_decref(rec);
}

static void
test_jsonl_write_reports_stream_error(void **state)
{
	FILE *fp = fopen("/dev/full", "w");
	json_t *rec = json_pack("{s:s}", "type", "doc");
	hri_status st;

	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	st = hri_jsonl_write(fp, rec);
	assert_int_equal(st, HRI_ERR_IO);
	fclose(fp);
	json_decref(rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_parse_object),
		cmocka_unit_test(test_jsonl_parse_malformed_names_column),
		cmocka_unit_test(test_jsonl_parse_rejects_non_object_and_duplicates),
		cmocka_unit_test(test_jsonl_parse_rejects_invalid_utf8),
		cmocka_unit_test(test_jsonl_write_one_line_round_trip),
		cmocka_unit_test(test_json_set_str_rejects_invalid_utf8),
		cmocka_unit_test(test_jsonl_write_reports_stream_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
