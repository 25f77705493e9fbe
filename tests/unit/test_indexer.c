/* test_indexer.c - doc and segment records into a real Xapian database:
 * the terms a researcher filters by, replacement of a document, bad
 * records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../../index/indexer.h"
#include "../support/runexe.h"
#include "../support/testdb.h"
#include "jsonl.h"
#include "xapian.h"

struct fx {
	char *dir;      /* temporary directory (hri_tmpdir_new) */
	hri_db *db;
	hri_indexer *ix;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[512], err[256];

	if (!f)
		return -1;
	f->dir = hri_tmpdir_new();
	if (!f->dir)
		return -1;
	snprintf(path, sizeof path, "%s/db", f->dir);
	if (hri_db_open(path, HRI_DB_WRITE, 0, &f->db, err, sizeof err))
		return -1;
	f->ix = hri_indexer_new(f->db);
	*state = f;
	return f->ix ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	hri_indexer_free(f->ix);
	hri_db_free(f->db);
	hri_tmpdir_free(f->dir);
	free(f);
	return 0;
}

static const char doc[] =
	"{\"type\":\"doc\",\"symbol\":\"A/HRC/26/41\",\"title\":\"Enhancement "
	"of international cooperation\",\"body\":\"Human Rights Council\","
	"\"session\":26,\"date\":\"2014-04-16\",\"lang\":\"en\","
	"\"doctype\":\"report\"}";
static const char seg1[] =
	"{\"type\":\"segment\",\"symbol\":\"A/HRC/26/41\",\"id\":\"A/HRC/26/41#1\","
	"\"kind\":\"paragraph\",\"para\":1,\"label\":null,\"section\":\"I\","
	"\"section_title\":\"Introduction\",\"text\":\"In its resolution 13/23 "
	"the Council requested the Advisory Committee (A/HRC/19/74).\","
	"\"cites\":[{\"symbol\":\"A/HRC/19/74\",\"pinpoint\":null}],"
	"\"instruments\":[{\"kind\":\"resolution\",\"issuer\":\"Human Rights "
	"Council\",\"number\":\"13/23\"}],\"countries\":[\"Russian "
	"Federation\"],\"sdgs\":[\"16.2\"],\"themes\":[\"International "
	"cooperation\"],\"recommending\":[],\"position\":null}";
static const char seg2[] =
	"{\"type\":\"segment\",\"symbol\":\"A/HRC/26/41\",\"id\":\"A/HRC/26/41#2\","
	"\"kind\":\"paragraph\",\"para\":2,\"text\":\"A seminar was organized "
	"on 15 February 2013 (A/HRC/23/20).\"}";

static void
test_hri_indexer_add_terms_of_every_field(void **state)
{
	struct fx *f = *state;
	int what = -1;

	assert_int_equal(hri_test_index_json(f->ix, doc, &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_DOC);
	assert_int_equal(hri_test_index_json(f->ix, seg1, &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_SEGMENT);
	assert_int_equal(hri_test_index_json(f->ix, seg2, NULL), HRI_OK);
	assert_int_equal(hri_test_count(f->db, "symbol:A/HRC/26/41"), 2);
	assert_int_equal(hri_test_count(f->db, "body:\"human rights council\""), 2);
	assert_int_equal(hri_test_count(f->db, "session:26"), 2);
	assert_int_equal(hri_test_count(f->db, "year:2014"), 2);
	assert_int_equal(hri_test_count(f->db, "doctype:report lang:en"), 2);
	assert_int_equal(hri_test_count(f->db, "kind:paragraph para:1"), 1);
	assert_int_equal(hri_test_count(f->db, "section:I"), 1);
	assert_int_equal(hri_test_count(f->db, "cites:a/hrc/19/74"), 1);
	assert_int_equal(hri_test_count(f->db, "instrument:\"resolution 13/23\""), 1);
	assert_int_equal(hri_test_count(f->db, "country:\"russian federation\""), 1);
	assert_int_equal(hri_test_count(f->db, "sdg:16.2"), 1);
	assert_int_equal(hri_test_count(f->db, "sdg:16"), 1);
	assert_int_equal(hri_test_count(f->db, "theme:\"international cooperation\""), 1);
	assert_int_equal(hri_test_count(f->db, "title:enhancement"), 2);
	/* The document title is not in the plain text of every paragraph. */
	assert_int_equal(hri_test_count(f->db, "enhancement"), 0);
	/* The section heading is. */
	assert_int_equal(hri_test_count(f->db, "introduction"), 1);
	assert_int_equal(hri_indexer_counts_get(f->ix)->segments, 2);
	assert_int_equal(hri_indexer_counts_get(f->ix)->documents, 1);
}

static void
test_hri_indexer_add_doc_replaces_its_segments(void **state)
{
	struct fx *f = *state;

	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, seg1, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, seg2, NULL), HRI_OK);
	assert_int_equal(hri_test_count(f->db, ""), 2);
	/* Indexed again with one paragraph only. */
	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, seg2, NULL), HRI_OK);
	assert_int_equal(hri_test_count(f->db, ""), 1);
	assert_int_equal(hri_test_count(f->db, "cites:A/HRC/19/74"), 0);
	assert_int_equal(hri_indexer_counts_get(f->ix)->replaced, 2);
}

static void
test_hri_indexer_add_stores_doc_fields(void **state)
{
	struct fx *f = *state;
	hri_hits *h = NULL;
	json_t *rec = NULL;
	const char *d;
	size_t len;

	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, seg1, NULL), HRI_OK);
	assert_int_equal(hri_db_query(f->db, "para:1", NULL, &h), HRI_OK);
	d = hri_hits_data(h, 0, &len);
	assert_non_null(d);
	assert_int_equal(hri_jsonl_parse(d, len, &rec, NULL, 0), HRI_OK);
	assert_string_equal(hri_json_str(rec, "id"), "A/HRC/26/41#1");
	assert_string_equal(hri_json_str(rec, "title"),
	                    "Enhancement of international cooperation");
	assert_string_equal(hri_json_str(rec, "date"), "2014-04-16");
	assert_int_equal(hri_json_int(rec, "session", 0), 26);
	json_decref(rec);
	hri_hits_free(h);
}

/* A segment read from a line stores the line's own members (spaces,
 * escapes and all, as long as it parses to the same object) with the doc
 * fields it lacks after them; its own date wins over the doc's. */
static void
test_hri_indexer_add_line_splices_doc_fields(void **state)
{
	static const char line[] =
		"{ \"type\": \"segment\", \"symbol\": \"A/HRC/26/41\", "
		"\"id\": \"A/HRC/26/41#3\", \"para\": 3, \"date\": \"2015-01\", "
		"\"text\": \"Sp\\u00e9cial words.\" }\r\n";
	struct fx *f = *state;
	hri_hits *h = NULL;
	json_t *seg = NULL, *rec = NULL;
	const char *d;
	size_t len;

	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_jsonl_parse(line, sizeof line - 1, &seg, NULL, 0),
	                 HRI_OK);
	assert_int_equal(hri_indexer_add_line(f->ix, seg, line, sizeof line - 1,
	                                      NULL, NULL, 0), HRI_OK);
	json_decref(seg);
	assert_int_equal(hri_db_query(f->db, "para:3", NULL, &h), HRI_OK);
	d = hri_hits_data(h, 0, &len);
	assert_non_null(d);
	assert_int_equal(hri_jsonl_parse(d, len, &rec, NULL, 0), HRI_OK);
	assert_string_equal(hri_json_str(rec, "text"), "Sp\xc3\xa9" "cial words.");
	assert_string_equal(hri_json_str(rec, "date"), "2015-01");
	assert_string_equal(hri_json_str(rec, "title"),
	                    "Enhancement of international cooperation");
	assert_string_equal(hri_json_str(rec, "lang"), "en");
	assert_int_equal(hri_json_int(rec, "session", 0), 26);
	assert_int_equal(json_object_size(rec), 11); /* 6 + 5 of the doc */
	json_decref(rec);
	hri_hits_free(h);
}

static void
test_hri_indexer_add_bad_records(void **state)
{
	struct fx *f = *state;
	int what = -1;

	assert_int_equal(hri_test_index_json(f->ix, "{\"symbol\":\"A/1\"}", NULL), HRI_ERR_INVALID);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"doc\"}", NULL), HRI_ERR_INVALID);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"segment\",\"symbol\":\"A/1\"}",
	                     NULL), HRI_ERR_INVALID);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"segment\",\"id\":\"A/1#1\"}", NULL),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"segment\",\"id\":\"A/1#1\","
	                        "\"symbol\":\"A/1\",\"para\":\"one\"}", NULL),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"fetched\",\"symbol\":\"A/1\"}",
	                     &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_SKIPPED);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"doc\",\"symbol\":\"A/1\","
	                        "\"error\":\"no text\"}", &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_SKIPPED);
	assert_int_equal(hri_test_count(f->db, ""), 0);
	assert_int_equal(hri_indexer_counts_get(f->ix)->skipped, 2);
}

static void
test_hri_indexer_free_null(void **state)
{
	hri_indexer_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_hri_indexer_add_terms_of_every_field),
		T(test_hri_indexer_add_doc_replaces_its_segments),
		T(test_hri_indexer_add_stores_doc_fields),
		T(test_hri_indexer_add_line_splices_doc_fields),
		T(test_hri_indexer_add_bad_records),
		cmocka_unit_test(test_hri_indexer_free_null),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
