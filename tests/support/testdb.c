/* testdb.c - helpers for unit tests on a real Xapian database. */
#include "testdb.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "jsonl.h"

hri_status
hri_test_index_json(hri_indexer *ix, const char *json, int *what)
{
	json_t *rec = NULL;
	char err[256];
	hri_status st;

	assert_int_equal(hri_jsonl_parse(json, strlen(json), &rec, err,
	                                 sizeof err), HRI_OK);
	st = hri_indexer_add(ix, rec, what, err, sizeof err);
	json_decref(rec);
	return st;
}

unsigned long
hri_test_count(hri_db *db, const char *query)
{
	hri_query_opts qo = {0};
	hri_hits *h = NULL;
	unsigned long n;

	qo.limit = 100;
	assert_int_equal(hri_db_query(db, query, &qo, &h), HRI_OK);
	n = hri_hits_count(h);
	hri_hits_free(h);
	return n;
}
