/* test_indexer.c - doc and segment records into a real Xapian database:
 * the terms a researcher filters by, replacement of a document, bad
 * records. */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../../index/indexer.h"
#include "jsonl.h"
#include "xapian.h"

struct fx {
	char dir[64];
	hri_db *db;
	hri_indexer *ix;
};

static int
rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(p);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[96], err[256];

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/hri-test-indexer.XXXXXX");
	if (!mkdtemp(f->dir))
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
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* Indexes one record given as JSON text; returns the status. */
static hri_status
add(struct fx *f, const char *json, int *what)
{
	json_t *rec = NULL;
	char err[256];
	hri_status st;

	assert_int_equal(hri_jsonl_parse(json, strlen(json), &rec, err,
	                                 sizeof err), HRI_OK);
	st = hri_indexer_add(f->ix, rec, what, err, sizeof err);
	json_decref(rec);
	return st;
}

/* Returns the number of segments matching query. */
static unsigned long
count(struct fx *f, const char *query)
{
	hri_query_opts qo = {0};
	hri_hits *h = NULL;
	unsigned long n;

	qo.limit = 100;
	assert_int_equal(hri_db_query(f->db, query, &qo, &h), HRI_OK);
	n = hri_hits_count(h);
	hri_hits_free(h);
	return n;
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

	assert_int_equal(add(f, doc, &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_DOC);
	assert_int_equal(add(f, seg1, &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_SEGMENT);
	assert_int_equal(add(f, seg2, NULL), HRI_OK);
	assert_int_equal(count(f, "symbol:A/HRC/26/41"), 2);
	assert_int_equal(count(f, "body:\"human rights council\""), 2);
	assert_int_equal(count(f, "session:26"), 2);
	assert_int_equal(count(f, "year:2014"), 2);
	assert_int_equal(count(f, "doctype:report lang:en"), 2);
	assert_int_equal(count(f, "kind:paragraph para:1"), 1);
	assert_int_equal(count(f, "section:I"), 1);
	assert_int_equal(count(f, "cites:a/hrc/19/74"), 1);
	assert_int_equal(count(f, "instrument:\"resolution 13/23\""), 1);
	assert_int_equal(count(f, "country:\"russian federation\""), 1);
	assert_int_equal(count(f, "sdg:16.2"), 1);
	assert_int_equal(count(f, "sdg:16"), 1);
	assert_int_equal(count(f, "theme:\"international cooperation\""), 1);
	assert_int_equal(count(f, "title:enhancement"), 2);
	/* The document title is not in the plain text of every paragraph. */
	assert_int_equal(count(f, "enhancement"), 0);
	/* The section heading is. */
	assert_int_equal(count(f, "introduction"), 1);
	assert_int_equal(hri_indexer_counts_get(f->ix)->segments, 2);
	assert_int_equal(hri_indexer_counts_get(f->ix)->documents, 1);
}

static void
test_hri_indexer_add_doc_replaces_its_segments(void **state)
{
	struct fx *f = *state;

	assert_int_equal(add(f, doc, NULL), HRI_OK);
	assert_int_equal(add(f, seg1, NULL), HRI_OK);
	assert_int_equal(add(f, seg2, NULL), HRI_OK);
	assert_int_equal(count(f, ""), 2);
	/* Indexed again with one paragraph only. */
	assert_int_equal(add(f, doc, NULL), HRI_OK);
	assert_int_equal(add(f, seg2, NULL), HRI_OK);
	assert_int_equal(count(f, ""), 1);
	assert_int_equal(count(f, "cites:A/HRC/19/74"), 0);
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

	assert_int_equal(add(f, doc, NULL), HRI_OK);
	assert_int_equal(add(f, seg1, NULL), HRI_OK);
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

static void
test_hri_indexer_add_bad_records(void **state)
{
	struct fx *f = *state;
	int what = -1;

	assert_int_equal(add(f, "{\"symbol\":\"A/1\"}", NULL), HRI_ERR_INVALID);
	assert_int_equal(add(f, "{\"type\":\"doc\"}", NULL), HRI_ERR_INVALID);
	assert_int_equal(add(f, "{\"type\":\"segment\",\"symbol\":\"A/1\"}",
	                     NULL), HRI_ERR_INVALID);
	assert_int_equal(add(f, "{\"type\":\"segment\",\"id\":\"A/1#1\"}", NULL),
	                 HRI_ERR_INVALID);
	assert_int_equal(add(f, "{\"type\":\"segment\",\"id\":\"A/1#1\","
	                        "\"symbol\":\"A/1\",\"para\":\"one\"}", NULL),
	                 HRI_ERR_INVALID);
	assert_int_equal(add(f, "{\"type\":\"fetched\",\"symbol\":\"A/1\"}",
	                     &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_SKIPPED);
	assert_int_equal(add(f, "{\"type\":\"doc\",\"symbol\":\"A/1\","
	                        "\"error\":\"no text\"}", &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_SKIPPED);
	assert_int_equal(count(f, ""), 0);
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
		T(test_hri_indexer_add_bad_records),
		cmocka_unit_test(test_hri_indexer_free_null),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
