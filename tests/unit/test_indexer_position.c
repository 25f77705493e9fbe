/* test_indexer_position.c - position records in a real Xapian database: kept
 * in the metadata, applied to a recommendation indexed before or after them,
 * changed in place without losing the segment's other terms; the shim's
 * metadata and in-place calls under them. */
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
	char path[512];
	hri_db *db;
	hri_indexer *ix;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[256];

	if (!f)
		return -1;
	f->dir = hri_tmpdir_new();
	if (!f->dir)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/db", f->dir);
	if (hri_db_open(f->path, HRI_DB_WRITE, 0, &f->db, err, sizeof err))
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

/* Returns the count of value in the position facet over query's matches. */
static unsigned long
facet(struct fx *f, const char *query, const char *value)
{
	static const char *const facets[] = {"position"};
	hri_query_opts qo = {0};
	hri_hits *h = NULL;
	const char *v;
	unsigned long c, n = 0;
	size_t j;

	qo.facets = facets;
	qo.nfacets = 1;
	assert_int_equal(hri_db_query(f->db, query, &qo, &h), HRI_OK);
	for (j = 0; j < hri_hits_facet_size(h, 0); j++) {
		assert_int_equal(hri_hits_facet_get(h, 0, j, &v, &c), HRI_OK);
		if (strcmp(v, value) == 0)
			n = c;
	}
	hri_hits_free(h);
	return n;
}

/* Returns the stored data of segment id as a new JSON object. */
static json_t *
stored(struct fx *f, const char *id)
{
	char *data = NULL;
	size_t len = 0;
	json_t *o;

	assert_int_equal(hri_db_segment_data(f->db, id, &data, &len), HRI_OK);
	o = json_loadb(data, len, 0, NULL);
	free(data);
	assert_non_null(o);
	return o;
}

static const char doc[] =
	"{\"type\":\"doc\",\"symbol\":\"A/HRC/28/15\",\"title\":\"Report of the "
	"Working Group on the Universal Periodic Review: Slovenia\",\"body\":"
	"\"Human Rights Council\",\"session\":28,\"date\":\"2014-12-10\","
	"\"lang\":\"en\",\"doctype\":\"upr-report\"}";
static const char rec3[] =
	"{\"type\":\"segment\",\"symbol\":\"A/HRC/28/15\",\"id\":"
	"\"A/HRC/28/15#115.3\",\"kind\":\"recommendation\",\"para\":115,"
	"\"label\":\"115.3\",\"text\":\"Ratify the Optional Protocol to the "
	"Convention on the Rights of the Child on a communications procedure\","
	"\"countries\":[\"Portugal\"],\"recommending\":[\"Portugal\","
	"\"Slovakia\"],\"cites\":[{\"symbol\":\"A/HRC/19/74\"}]}";
static const char rec6[] =
	"{\"type\":\"segment\",\"symbol\":\"A/HRC/28/15\",\"id\":"
	"\"A/HRC/28/15#115.6\",\"kind\":\"recommendation\",\"para\":115,"
	"\"label\":\"115.6\",\"text\":\"Ratify the International Convention on "
	"the Protection of the Rights of All Migrant Workers\","
	"\"recommending\":[\"Egypt\"],\"position\":\"supported\"}";
static const char para1[] =
	"{\"type\":\"segment\",\"symbol\":\"A/HRC/28/15\",\"id\":"
	"\"A/HRC/28/15#1\",\"kind\":\"paragraph\",\"para\":1,\"text\":\"The "
	"Working Group held its twentieth session.\"}";
static const char pos3[] =
	"{\"type\":\"position\",\"symbol\":\"A/HRC/28/15\",\"id\":"
	"\"A/HRC/28/15#115.3\",\"label\":\"115.3\",\"position\":\"supported\","
	"\"source\":\"A/HRC/28/15/Add.1\",\"source_para\":3}";
static const char pos6[] =
	"{\"type\":\"position\",\"symbol\":\"A/HRC/28/15\",\"id\":"
	"\"A/HRC/28/15#115.6\",\"label\":\"115.6\",\"position\":\"noted\","
	"\"source\":\"A/HRC/28/15/Add.1\",\"source_para\":5}";
/* A paragraph's id: a position is never applied to one. */
static const char pos_para1[] =
	"{\"type\":\"position\",\"symbol\":\"A/HRC/28/15\",\"id\":"
	"\"A/HRC/28/15#1\",\"position\":\"noted\"}";

/* The report indexed first: the position changes the segment in place. */
static void
test_hri_indexer_add_position_after_report(void **state)
{
	struct fx *f = *state;
	json_t *o;
	int what = -1;

	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, rec3, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, rec6, NULL), HRI_OK);
	assert_int_equal(hri_test_count(f->db, "position:noted"), 0);
	assert_int_equal(hri_test_count(f->db, "position:supported"), 1);
	assert_int_equal(hri_test_index_json(f->ix, para1, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, pos3, &what), HRI_OK);
	assert_int_equal(what, HRI_INDEXED_POSITION);
	assert_int_equal(hri_test_index_json(f->ix, pos6, NULL), HRI_OK);
	/* kept, but a paragraph is no recommendation: left as it is */
	assert_int_equal(hri_test_index_json(f->ix, pos_para1, NULL), HRI_OK);
	assert_int_equal(hri_indexer_counts_get(f->ix)->positions, 3);
	assert_int_equal(hri_indexer_counts_get(f->ix)->updated, 2);
	assert_int_equal(hri_test_count(f->db, "kind:paragraph position:noted"), 0);
	/* the response wins over the position the segment carried */
	assert_int_equal(hri_test_count(f->db, "position:noted"), 1);
	assert_int_equal(hri_test_count(f->db, "position:supported"), 1);
	assert_int_equal(facet(f, "symbol:A/HRC/28/15", "noted"), 1);
	assert_int_equal(facet(f, "symbol:A/HRC/28/15", "supported"), 1);
	/* nothing else of the segment was lost in the change */
	assert_int_equal(hri_test_count(f->db, "position:supported recommending:slovakia "
	                          "country:portugal cites:A/HRC/19/74 "
	                          "symbol:A/HRC/28/15 session:28 year:2014 "
	                          "communications procedure"), 1);
	assert_int_equal(hri_test_count(f->db, "position:noted recommending:egypt "
	                          "\"migrant workers\""), 1);
	o = stored(f, "A/HRC/28/15#115.6");
	assert_string_equal(hri_json_str(o, "position"), "noted");
	assert_string_equal(hri_json_str(o, "position_source"),
	                    "A/HRC/28/15/Add.1");
	assert_string_equal(hri_json_str(o, "title"), "Report of the Working "
	                    "Group on the Universal Periodic Review: Slovenia");
	json_decref(o);
	/* committed and reopened, the same */
	assert_int_equal(hri_db_commit(f->db), HRI_OK);
	assert_int_equal(hri_test_count(f->db, "position:noted symbol:A/HRC/28/15"), 1);
}

/* The response indexed first: the report's recommendations take the kept
 * positions when they come, also after the report is indexed anew. */
static void
test_hri_indexer_add_position_before_report(void **state)
{
	struct fx *f = *state;
	json_t *o;
	char *meta = NULL;

	assert_int_equal(hri_test_index_json(f->ix, pos3, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, pos6, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, pos_para1, NULL), HRI_OK);
	assert_int_equal(hri_indexer_counts_get(f->ix)->positions, 3);
	assert_int_equal(hri_indexer_counts_get(f->ix)->updated, 0);
	assert_int_equal(hri_db_metadata_get(f->db, "position:A/HRC/28/15#115.6",
	                                     &meta), HRI_OK);
	assert_non_null(meta);
	assert_non_null(strstr(meta, "\"noted\""));
	free(meta);
	assert_int_equal(hri_db_commit(f->db), HRI_OK);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
		assert_int_equal(hri_test_index_json(f->ix, para1, NULL), HRI_OK);
		assert_int_equal(hri_test_index_json(f->ix, rec3, NULL), HRI_OK);
		assert_int_equal(hri_test_index_json(f->ix, rec6, NULL), HRI_OK);
		assert_int_equal(hri_test_count(f->db, "position:noted"), 1);
		assert_int_equal(hri_test_count(f->db, "position:supported"), 1);
		assert_int_equal(hri_test_count(f->db, "position:noted recommending:egypt"), 1);
		/* the paragraph is no recommendation: no position */
		assert_int_equal(hri_test_count(f->db, "position:noted kind:paragraph"), 0);
		o = stored(f, "A/HRC/28/15#115.3");
		assert_string_equal(hri_json_str(o, "position"), "supported");
		assert_string_equal(hri_json_str(o, "position_source"),
		                    "A/HRC/28/15/Add.1");
		json_decref(o);
	}
}

/* A later response replaces the position, its old term gone. */
static void
test_hri_indexer_add_position_changes(void **state)
{
	struct fx *f = *state;
	static const char pos3_noted[] =
		"{\"type\":\"position\",\"id\":\"A/HRC/28/15#115.3\","
		"\"position\":\"noted\",\"source\":\"A/HRC/28/15/Add.2\"}";

	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, rec3, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, pos3, NULL), HRI_OK);
	assert_int_equal(hri_test_count(f->db, "position:supported"), 1);
	assert_int_equal(hri_test_index_json(f->ix, pos3_noted, NULL), HRI_OK);
	assert_int_equal(hri_test_count(f->db, "position:supported"), 0);
	assert_int_equal(hri_test_count(f->db, "position:noted"), 1);
	assert_int_equal(facet(f, "", "supported"), 0);
	assert_int_equal(facet(f, "", "noted"), 1);
}

static void
test_hri_indexer_add_position_bad_records(void **state)
{
	struct fx *f = *state;
	char id[400];
	char rec[600];

	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"position\",\"id\":\"A/HRC/28/15#1"
	                        "15.3\",\"position\":\"partially\"}", NULL),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_test_index_json(f->ix, "{\"type\":\"position\",\"position\":\"noted\"}",
	                     NULL), HRI_ERR_INVALID);
	memset(id, 'x', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	snprintf(rec, sizeof rec,
	         "{\"type\":\"position\",\"id\":\"%s\",\"position\":\"noted\"}",
	         id);
	assert_int_equal(hri_test_index_json(f->ix, rec, NULL), HRI_ERR_INVALID);
	assert_int_equal(hri_indexer_counts_get(f->ix)->positions, 0);
}

static void
test_hri_db_segment_set_field_errors(void **state)
{
	struct fx *f = *state;
	char *data = (char *)"x";

	assert_int_equal(hri_db_segment_set_field(f->db, "A/HRC/1/1#1",
	                                          "position", "noted", "{}", 2),
	                 HRI_ERR_NOT_FOUND);
	assert_int_equal(hri_test_index_json(f->ix, doc, NULL), HRI_OK);
	assert_int_equal(hri_test_index_json(f->ix, rec3, NULL), HRI_OK);
	/* multi-valued and unknown fields cannot be set this way */
	assert_int_equal(hri_db_segment_set_field(f->db, "A/HRC/28/15#115.3",
	                                          "country", "France", "{}", 2),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_db_segment_set_field(f->db, "A/HRC/28/15#115.3",
	                                          "nosuch", "x", "{}", 2),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_db_segment_data(f->db, "A/HRC/1/1#1", &data, NULL),
	                 HRI_ERR_NOT_FOUND);
	assert_null(data);
}

static void
test_hri_db_metadata_roundtrip(void **state)
{
	struct fx *f = *state;
	char *v = (char *)"x";
	char key[300];

	assert_int_equal(hri_db_metadata_get(f->db, "k", &v), HRI_OK);
	assert_null(v);
	assert_int_equal(hri_db_metadata_set(f->db, "k", "value"), HRI_OK);
	assert_int_equal(hri_db_metadata_get(f->db, "k", &v), HRI_OK);
	assert_string_equal(v, "value");
	free(v);
	assert_int_equal(hri_db_metadata_set(f->db, "k", ""), HRI_OK);
	assert_int_equal(hri_db_metadata_get(f->db, "k", &v), HRI_OK);
	assert_null(v);
	memset(key, 'k', sizeof key - 1);
	key[sizeof key - 1] = '\0';
	assert_int_equal(hri_db_metadata_set(f->db, key, "v"), HRI_ERR_INVALID);
	assert_int_equal(hri_db_metadata_set(f->db, "", "v"), HRI_ERR_INVALID);
}

/* A read-only handle reads what a writer committed but cannot write. */
static void
test_hri_db_metadata_read_only(void **state)
{
	struct fx *f = *state;
	hri_db *ro = NULL;
	char err[256], *v = NULL;

	assert_int_equal(hri_db_metadata_set(f->db, "k", "value"), HRI_OK);
	assert_int_equal(hri_db_commit(f->db), HRI_OK);
	assert_int_equal(hri_db_open(f->path, HRI_DB_READ, 0, &ro, err,
	                             sizeof err), HRI_OK);
	assert_int_equal(hri_db_metadata_get(ro, "k", &v), HRI_OK);
	assert_string_equal(v, "value");
	free(v);
	assert_int_equal(hri_db_metadata_set(ro, "k", "v"), HRI_ERR_INVALID);
	assert_int_equal(hri_db_segment_set_field(ro, "A/HRC/28/15#115.3",
	                                          "position", "noted", "{}", 2),
	                 HRI_ERR_INVALID);
	hri_db_free(ro);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_hri_indexer_add_position_after_report),
		T(test_hri_indexer_add_position_before_report),
		T(test_hri_indexer_add_position_changes),
		T(test_hri_indexer_add_position_bad_records),
		T(test_hri_db_segment_set_field_errors),
		T(test_hri_db_metadata_roundtrip),
		T(test_hri_db_metadata_read_only),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
