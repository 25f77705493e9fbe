/* test_xapian_shard.c - shards: the --shard keys and names (index/shard.c),
 * and the shim's sets of databases on real databases in a temporary
 * directory: stub files, a set equal to one database, the errors of a stub
 * and of a remote shard nobody serves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../../index/shard.h"
#include "xapian.h"
#include "../support/runexe.h"

/* A temporary directory. */
struct fx {
	char *dir;      /* temporary directory (hri_tmpdir_new) */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	f->dir = hri_tmpdir_new();
	if (!f->dir)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	hri_tmpdir_free(f->dir);
	free(f);
	return 0;
}

/* Writes text into dir/name. */
static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Creates the database dir/name holding segments "<sym>#1".."<sym>#n" with
 * the word "water" and country. */
static void
make_db(const char *dir, const char *name, const char *sym, int n,
        const char *country)
{
	char path[512], id[64];
	hri_db *db = NULL;
	hri_xdoc *x;
	int i;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(hri_db_open(path, HRI_DB_WRITE, 0, &db, NULL, 0), HRI_OK);
	x = hri_xdoc_new(db);
	assert_non_null(x);
	for (i = 1; i <= n; i++) {
		hri_xdoc_reset(x);
		snprintf(id, sizeof id, "%s#%d", sym, i);
		assert_int_equal(hri_xdoc_set_id(x, id), HRI_OK);
		assert_int_equal(hri_xdoc_term(x, "symbol", sym), HRI_OK);
		assert_int_equal(hri_xdoc_term(x, "country", country), HRI_OK);
		assert_int_equal(hri_xdoc_text(x, i % 2 ? "clean water" :
		                               "water and sanitation water", 1,
		                               HRI_TEXT_BODY), HRI_OK);
		assert_int_equal(hri_xdoc_numbers(x, 2014, i, i), HRI_OK);
		assert_int_equal(hri_xdoc_data(x, id, strlen(id)), HRI_OK);
		assert_int_equal(hri_db_replace(db, x), HRI_OK);
	}
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_xdoc_free(x);
	hri_db_free(db);
}

static void
test_hri_shard_key_parse_forms(void **state)
{
	hri_shard_key k = {0};

	(void)state;
	assert_int_equal(hri_shard_key_parse("session", &k), HRI_OK);
	assert_int_equal(k.kind, HRI_SHARD_SESSION);
	assert_int_equal(hri_shard_key_parse("year", &k), HRI_OK);
	assert_int_equal(k.kind, HRI_SHARD_YEAR);
	assert_int_equal(hri_shard_key_parse("hash:8", &k), HRI_OK);
	assert_int_equal(k.kind, HRI_SHARD_HASH);
	assert_int_equal(k.n, 8);
	assert_int_equal(hri_shard_key_parse("hash:0", &k), HRI_ERR_INVALID);
	assert_int_equal(hri_shard_key_parse("hash:-1", &k), HRI_ERR_INVALID);
	assert_int_equal(hri_shard_key_parse("hash:8x", &k), HRI_ERR_INVALID);
	assert_int_equal(hri_shard_key_parse("hash:99999", &k), HRI_ERR_INVALID);
	assert_int_equal(hri_shard_key_parse("date", &k), HRI_ERR_INVALID);
	assert_int_equal(k.n, 8); /* unchanged on failure */
}

static void
test_hri_shard_hash_stable(void **state)
{
	(void)state;
	/* FNV-1a, 32 bits: the same on every machine and in every release. */
	assert_int_equal(hri_shard_hash("A/HRC/28/15"), 1758641938UL);
	assert_int_equal(hri_shard_hash("a/hrc/28/15"), 1758641938UL);
	assert_int_equal(hri_shard_hash("A/HRC/28/ 15"), 1758641938UL);
	assert_int_not_equal(hri_shard_hash("A/HRC/28/16"), 1758641938UL);
}

static void
test_hri_shard_name_keys(void **state)
{
	hri_shard_key ses = {HRI_SHARD_SESSION, 0}, yr = {HRI_SHARD_YEAR, 0};
	hri_shard_key h8 = {HRI_SHARD_HASH, 8};
	json_t *doc = json_pack("{s:s, s:s, s:i, s:s}", "type", "doc", "symbol",
	                        "A/HRC/28/15", "session", 28, "date",
	                        "2014-12-10");
	json_t *bare = json_pack("{s:s, s:s}", "type", "segment", "symbol",
	                         "A/HRC/28/15");
	json_t *odd = json_pack("{s:s, s:s}", "symbol", "X", "session",
	                        "ES-10/../x");
	char name[64];

	(void)state;
	assert_int_equal(hri_shard_name(&ses, doc, name, sizeof name), HRI_OK);
	assert_string_equal(name, "session-28");
	assert_int_equal(hri_shard_name(&yr, doc, name, sizeof name), HRI_OK);
	assert_string_equal(name, "year-2014");
	assert_int_equal(hri_shard_name(&h8, doc, name, sizeof name), HRI_OK);
	assert_string_equal(name, "hash-2-of-8");
	assert_int_equal(hri_shard_name(&ses, bare, name, sizeof name), HRI_OK);
	assert_string_equal(name, "session-none");
	assert_int_equal(hri_shard_name(&yr, bare, name, sizeof name), HRI_OK);
	assert_string_equal(name, "year-none");
	/* Never a path: "/" and the like become "_". */
	assert_int_equal(hri_shard_name(&ses, odd, name, sizeof name), HRI_OK);
	assert_string_equal(name, "session-es-10_.._x");
	assert_int_equal(hri_shard_name(&h8, doc, name, 8), HRI_ERR_INVALID);
	json_decref(doc);
	json_decref(bare);
	json_decref(odd);
}

static void
test_hri_db_open_set_equals_one_database(void **state)
{
	struct fx *f = *state;
	char stub[160], all[160];
	const char *two[2];
	hri_db *set = NULL, *one = NULL;
	hri_hits *a = NULL, *b = NULL;
	const char *facets[] = {"country"};
	hri_query_opts qo = {0, 20, HRI_SORT_RELEVANCE, NULL, 0, facets, 1};
	size_t i;

	make_db(f->dir, "s0", "A/1", 5, "Chile");
	make_db(f->dir, "s1", "B/2", 4, "Peru");
	/* The same segments in one database. */
	snprintf(all, sizeof all, "%s/all", f->dir);
	snprintf(stub, sizeof stub, "%s/s0", f->dir);
	two[0] = stub;
	snprintf(stub + 80, 80, "%s/s1", f->dir);
	two[1] = stub + 80;
	assert_int_equal(hri_db_merge(two, 2, all, NULL, 0), HRI_OK);
	write_file(f->dir, "set.stub", "# two shards\n\nauto s0\nglass s1\n");
	snprintf(stub, sizeof stub, "%s/set.stub", f->dir);
	two[0] = stub;
	assert_int_equal(hri_db_open_set(two, 1, NULL, &set, NULL, 0), HRI_OK);
	assert_int_equal(hri_db_open(all, HRI_DB_READ, 0, &one, NULL, 0), HRI_OK);
	assert_int_equal(hri_db_query(set, "water", &qo, &a), HRI_OK);
	assert_int_equal(hri_db_query(one, "water", &qo, &b), HRI_OK);
	assert_int_equal(hri_hits_count(a), 9);
	assert_int_equal(hri_hits_count(b), 9);
	for (i = 0; i < 9; i++) {
		assert_string_equal(hri_hits_data(a, i, NULL),
		                    hri_hits_data(b, i, NULL));
		assert_true(hri_hits_weight(a, i) == hri_hits_weight(b, i));
		assert_int_equal(hri_hits_percent(a, i), hri_hits_percent(b, i));
	}
	assert_int_equal(hri_hits_facet_size(a, 0), 2);
	for (i = 0; i < 2; i++) {
		const char *va, *vb;
		unsigned long ca, cb;
		assert_int_equal(hri_hits_facet_get(a, 0, i, &va, &ca), HRI_OK);
		assert_int_equal(hri_hits_facet_get(b, 0, i, &vb, &cb), HRI_OK);
		assert_string_equal(va, vb);
		assert_int_equal(ca, cb);
	}
	assert_int_equal(hri_db_missing_count(set), 0);
	hri_hits_free(a);
	hri_hits_free(b);
	hri_db_free(set);
	hri_db_free(one);
}

static void
test_hri_db_open_set_errors(void **state)
{
	struct fx *f = *state;
	char path[160], err[256];
	const char *p[1] = {path};
	hri_db *db = NULL;
	hri_db_set_opts partial = {2, 1};

	make_db(f->dir, "s0", "A/1", 2, "Chile");
	/* A stub naming a database that is not there. */
	write_file(f->dir, "gone.stub", "auto s0\nauto nowhere\n");
	snprintf(path, sizeof path, "%s/gone.stub", f->dir);
	assert_int_equal(hri_db_open_set(p, 1, NULL, &db, err, sizeof err),
	                 HRI_ERR_NOT_FOUND);
	assert_null(db);
	assert_non_null(strstr(err, "nowhere"));
	/* A line of another syntax. */
	write_file(f->dir, "bad.stub", "auto s0\nremote tcp 127.0.0.1 1\n");
	snprintf(path, sizeof path, "%s/bad.stub", f->dir);
	assert_int_equal(hri_db_open_set(p, 1, NULL, &db, err, sizeof err),
	                 HRI_ERR_DB);
	assert_non_null(strstr(err, "bad.stub:2: bad line"));
	/* A stub listing nothing. */
	write_file(f->dir, "empty.stub", "# nothing\n");
	snprintf(path, sizeof path, "%s/empty.stub", f->dir);
	assert_int_equal(hri_db_open_set(p, 1, NULL, &db, err, sizeof err),
	                 HRI_ERR_NOT_FOUND);
	/* A remote shard nobody serves (port 1 on loopback): refused at
	 * once; with partial, left out and named. */
	write_file(f->dir, "down.stub", "auto s0\nremote 127.0.0.1:1\n");
	snprintf(path, sizeof path, "%s/down.stub", f->dir);
	assert_int_equal(hri_db_open_set(p, 1, NULL, &db, err, sizeof err),
	                 HRI_ERR_NETWORK);
	assert_null(db);
	assert_non_null(strstr(err, "remote shard 127.0.0.1:1: "));
	assert_int_equal(hri_db_open_set(p, 1, &partial, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_missing_count(db), 1);
	assert_string_equal(hri_db_missing(db, 0), "127.0.0.1:1");
	assert_null(hri_db_missing(db, 1));
	hri_db_free(db);
	db = NULL;
	/* Nothing answered at all. */
	write_file(f->dir, "none.stub", "remote 127.0.0.1:1\n");
	snprintf(path, sizeof path, "%s/none.stub", f->dir);
	assert_int_equal(hri_db_open_set(p, 1, &partial, &db, err, sizeof err),
	                 HRI_ERR_NETWORK);
	assert_null(db);
	/* --merge onto a database that exists. */
	snprintf(path, sizeof path, "%s/s0", f->dir);
	assert_int_equal(hri_db_merge(p, 1, path, err, sizeof err), HRI_ERR_DB);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_shard_key_parse_forms),
		cmocka_unit_test(test_hri_shard_hash_stable),
		cmocka_unit_test(test_hri_shard_name_keys),
		cmocka_unit_test_setup_teardown(
		    test_hri_db_open_set_equals_one_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_db_open_set_errors, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
