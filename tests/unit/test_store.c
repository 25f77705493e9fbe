/* test_store.c - the content-addressed store: objects, the lock, and the
 * per-document references that make reruns incremental. */
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "../support/runexe.h"
#include "file.h"
#include "store.h"

static int
setup(void **state)
{
	*state = hri_tmpdir_new();
	return *state ? 0 : -1;
}

static int
teardown(void **state)
{
	hri_tmpdir_free(*state);
	return 0;
}

/* Opens the store in dir/store. */
static hri_store *
open_store(const char *dir, int flags)
{
	char path[PATH_MAX], err[256];
	hri_store *s = NULL;

	snprintf(path, sizeof path, "%s/store", dir);
	assert_int_equal(hri_store_open(path, flags, &s, err, sizeof err), HRI_OK);
	return s;
}

static void
test_hri_store_put_object_round_trip(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	static const char doc[] = "%PDF-1.4\nsome bytes\n";
	char sha[HRI_SHA256_HEX], path[PATH_MAX], want[PATH_MAX + 128];
	unsigned char *buf;
	size_t len;
	int created = -1;

	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path, sizeof path,
	                               &created), HRI_OK);
	assert_int_equal(created, 1);
	assert_int_equal(strlen(sha), 64);
	snprintf(want, sizeof want, "%s/objects/%.2s/%s.gz", hri_store_dir(s), sha, sha);
	assert_string_equal(path, want);
	assert_true(hri_store_has(s, sha));
	/* gzip on disk, the document's bytes when read. */
	assert_int_equal(hri_file_read(path, 1 << 20, &buf, &len), HRI_OK);
	assert_int_equal(len, sizeof doc - 1);
	assert_memory_equal(buf, doc, len);
	free(buf);
	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path, sizeof path,
	                               &created), HRI_OK);
	assert_int_equal(created, 0);
	assert_false(hri_store_has(s, "0000000000000000000000000000000000000000000000000000000000000000"));
	assert_false(hri_store_has(s, "../../etc/passwd"));
	hri_store_free(s);
	hri_store_free(NULL);
}

static void
test_hri_store_open_locked(void **state)
{
	char path[PATH_MAX], err[256];
	hri_store *a = open_store(*state, HRI_STORE_LOCK), *b = (hri_store *)1;

	snprintf(path, sizeof path, "%s/store", (char *)*state);
	assert_int_equal(hri_store_open(path, HRI_STORE_LOCK, &b, err, sizeof err),
	                 HRI_ERR_LOCKED);
	assert_null(b);
	assert_non_null(strstr(err, "another run holds the store lock"));
	/* Readers do not need the lock. */
	assert_int_equal(hri_store_open(path, 0, &b, err, sizeof err), HRI_OK);
	hri_store_free(b);
	hri_store_free(a);
	assert_int_equal(hri_store_open(path, HRI_STORE_LOCK, &b, err, sizeof err),
	                 HRI_OK);
	hri_store_free(b);
}

static void
test_hri_store_ref_round_trip(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	json_t *ref = json_pack("{s:s,s:s,s:I}", "symbol", "A/HRC/28/15", "etag",
	                        "\"abc\"", "bytes", (json_int_t)324651);
	json_t *got = (json_t *)1;
	char path[PATH_MAX + 64];
	struct stat sb;

	assert_int_equal(hri_store_ref_read(s, "en", "A_HRC_28_15", &got),
	                 HRI_ERR_NOT_FOUND);
	assert_null(got);
	assert_int_equal(hri_store_ref_write(s, "en", "A_HRC_28_15", ref), HRI_OK);
	snprintf(path, sizeof path, "%s/refs/en/A_HRC_28_15.json", hri_store_dir(s));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(hri_store_ref_read(s, "en", "A_HRC_28_15", &got), HRI_OK);
	assert_true(json_equal(got, ref));
	json_decref(got);
	/* Another language is another reference. */
	assert_int_equal(hri_store_ref_read(s, "fr", "A_HRC_28_15", &got),
	                 HRI_ERR_NOT_FOUND);
	/* A rewrite replaces it. */
	json_object_set_new(ref, "etag", json_string("\"def\""));
	assert_int_equal(hri_store_ref_write(s, "en", "A_HRC_28_15", ref), HRI_OK);
	assert_int_equal(hri_store_ref_read(s, "en", "A_HRC_28_15", &got), HRI_OK);
	assert_string_equal(json_string_value(json_object_get(got, "etag")), "\"def\"");
	json_decref(got);
	json_decref(ref);
	hri_store_free(s);
}

/* The hex sha256 is the standard one (FIPS 180-2 test vectors). */
static void
test_hri_sha256_hex_known_answers(void **state)
{
	char hex[HRI_SHA256_HEX];
	static const char two_blocks[] =
	        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	(void)state;
	hri_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	                         "27ae41e4649b934ca495991b7852b855");
	hri_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	                         "b00361a396177a9cb410ff61f20015ad");
	hri_sha256_hex(two_blocks, sizeof two_blocks - 1, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
	                         "a33ce45964ff2167f6ecedd419db06c1");
}

/* A reference's check time is its modification time: marking it checked
 * moves the time and changes nothing else. */
static void
test_hri_store_ref_touch_and_checked(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	json_t *ref = json_pack("{s:s}", "symbol", "A/HRC/28/15"), *got = NULL;
	char path[PATH_MAX + 64];
	struct timespec ts[2];
	time_t when = 1, before;

	assert_int_equal(hri_store_ref_checked(s, "en", "A_HRC_28_15", &when),
	                 HRI_ERR_NOT_FOUND);
	assert_int_equal(when, 0);
	assert_int_equal(hri_store_ref_touch(s, "en", "A_HRC_28_15"),
	                 HRI_ERR_NOT_FOUND);
	assert_int_equal(hri_store_ref_touch(s, "en", "../A_HRC_28_15"),
	                 HRI_ERR_INVALID);
	before = time(NULL);
	assert_int_equal(hri_store_ref_write(s, "en", "A_HRC_28_15", ref), HRI_OK);
	assert_int_equal(hri_store_ref_checked(s, "en", "A_HRC_28_15", &when), HRI_OK);
	assert_true(when >= before && when <= time(NULL));
	/* a day old, then marked checked: now again, the content as it was */
	snprintf(path, sizeof path, "%s/refs/en/A_HRC_28_15.json", hri_store_dir(s));
	ts[0].tv_sec = ts[1].tv_sec = before - 86400;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	assert_int_equal(hri_store_ref_checked(s, "en", "A_HRC_28_15", &when), HRI_OK);
	assert_int_equal(when, before - 86400);
	assert_int_equal(hri_store_ref_touch(s, "en", "A_HRC_28_15"), HRI_OK);
	assert_int_equal(hri_store_ref_checked(s, "en", "A_HRC_28_15", &when), HRI_OK);
	assert_true(when >= before);
	assert_int_equal(hri_store_ref_read(s, "en", "A_HRC_28_15", &got), HRI_OK);
	assert_true(json_equal(got, ref));
	json_decref(got);
	json_decref(ref);
	hri_store_free(s);
}

static void
test_hri_store_ref_refuses_escapes(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	json_t *ref = json_object(), *got = (json_t *)1;
	static const char *const bad[] = {"", ".", "..", "../x", "a/b", ".hidden"};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(hri_store_ref_write(s, "en", bad[i], ref), HRI_ERR_INVALID);
		assert_int_equal(hri_store_ref_write(s, bad[i], "A_1", ref), HRI_ERR_INVALID);
		assert_int_equal(hri_store_ref_read(s, "en", bad[i], &got), HRI_ERR_INVALID);
		assert_null(got);
	}
	json_decref(ref);
	hri_store_free(s);
}

static void
test_hri_store_ref_read_corrupt(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	char path[PATH_MAX + 64];
	json_t *got = (json_t *)1;

	snprintf(path, sizeof path, "%s/refs/en", hri_store_dir(s));
	assert_int_equal(hri_mkdir_p(path), HRI_OK);
	snprintf(path, sizeof path, "%s/refs/en/A_1.json", hri_store_dir(s));
	assert_int_equal(hri_file_write_atomic(path, "{\"trunc", 7, 0), HRI_OK);
	assert_int_equal(hri_store_ref_read(s, "en", "A_1", &got), HRI_ERR_INVALID);
	assert_null(got);
	assert_int_equal(hri_file_write_atomic(path, "[1,2]", 5, 0), HRI_OK);
	assert_int_equal(hri_store_ref_read(s, "en", "A_1", &got), HRI_ERR_INVALID);
	assert_null(got);
	hri_store_free(s);
}

/* The object check: quick (size from the gzip trailer) catches a cut
 * object, full (inflate and hash) bytes changed in the middle too; putting
 * the same bytes again replaces a damaged object. */
static void
test_hri_store_check_and_repair(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	static const char doc[] = "%PDF-1.4\n1. A paragraph of a report.\n%%EOF\n";
	char sha[HRI_SHA256_HEX], path[PATH_MAX];
	struct stat sb;
	int created = -1;
	FILE *fp;

	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path,
	                               sizeof path, &created), HRI_OK);
	assert_int_equal(hri_store_check(s, sha, sizeof doc - 1, 0), HRI_OK);
	assert_int_equal(hri_store_check(s, sha, 0, 1), HRI_OK);
	assert_int_equal(hri_store_check(s, "0000000000000000000000000000000000000000000000000000000000000000", 0, 1),
	                 HRI_ERR_NOT_FOUND);
	/* cut: both checks see it */
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(truncate(path, sb.st_size - 6), 0);
	assert_int_equal(hri_store_check(s, sha, sizeof doc - 1, 0), HRI_ERR_INVALID);
	assert_int_equal(hri_store_check(s, sha, 0, 1), HRI_ERR_INVALID);
	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path,
	                               sizeof path, &created), HRI_OK);
	assert_int_equal(created, HRI_STORE_REPAIRED);
	assert_int_equal(hri_store_check(s, sha, 0, 1), HRI_OK);
	/* a byte changed, the size kept: only the full check sees it */
	fp = fopen(path, "r+b");
	assert_non_null(fp);
	fseek(fp, 12, SEEK_SET);
	fputc('Z', fp);
	fclose(fp);
	assert_int_equal(hri_store_check(s, sha, sizeof doc - 1, 0), HRI_OK);
	assert_int_equal(hri_store_check(s, sha, 0, 1), HRI_ERR_INVALID);
	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path,
	                               sizeof path, &created), HRI_OK);
	assert_int_equal(created, HRI_STORE_REPAIRED);
	assert_int_equal(hri_store_check(s, sha, 0, 1), HRI_OK);
	/* sound: kept, nothing written */
	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path,
	                               sizeof path, &created), HRI_OK);
	assert_int_equal(created, HRI_STORE_KEPT);
	hri_store_free(s);
}

/* Counts what a walk is handed. */
static int
count_one(const char *sha, void *ud)
{
	(void)sha;
	(*(int *)ud)++;
	return 0;
}

static int
count_ref(const char *lang, const char *name, void *ud)
{
	(void)lang;
	(void)name;
	(*(int *)ud)++;
	return 0;
}

/* The temporary files of a killed writer are removed (only they); the
 * walks see every object and reference, and no temporary file. */
static void
test_hri_store_temps_and_walks(void **state)
{
	hri_store *s = open_store(*state, HRI_STORE_LOCK);
	static const char doc[] = "some bytes";
	char sha[HRI_SHA256_HEX], path[PATH_MAX], tmp[PATH_MAX + 32];
	json_t *ref = json_pack("{s:s}", "sha256", "x");
	unsigned long removed = 0;
	int created, n = 0;

	assert_int_equal(hri_store_put(s, doc, sizeof doc - 1, sha, path,
	                               sizeof path, &created), HRI_OK);
	assert_int_equal(hri_store_ref_write(s, "en", "A_1", ref), HRI_OK);
	assert_int_equal(hri_store_ref_write(s, "fr", "A_1", ref), HRI_OK);
	snprintf(tmp, sizeof tmp, "%s.tmpAb12Cd", path);
	assert_int_equal(hri_file_write_atomic(tmp, "x", 1, 0), HRI_OK);
	snprintf(tmp, sizeof tmp, "%s/refs/en/A_2.json.tmpZZ99zz", hri_store_dir(s));
	assert_int_equal(hri_file_write_atomic(tmp, "x", 1, 0), HRI_OK);
	/* not a temporary file: kept */
	snprintf(tmp, sizeof tmp, "%s/refs/en/notes.tmp", hri_store_dir(s));
	assert_int_equal(hri_file_write_atomic(tmp, "x", 1, 0), HRI_OK);
	assert_int_equal(hri_store_remove_temps(s, &removed), HRI_OK);
	assert_int_equal(removed, 2);
	assert_int_equal(access(tmp, F_OK), 0);
	assert_int_equal(hri_store_each_object(s, count_one, &n), HRI_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(hri_store_each_ref(s, NULL, count_ref, &n), HRI_OK);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(hri_store_each_ref(s, "fr", count_ref, &n), HRI_OK);
	assert_int_equal(n, 1);
	assert_int_equal(hri_store_ref_remove(s, "fr", "A_1"), HRI_OK);
	assert_int_equal(hri_store_ref_remove(s, "fr", "A_1"), HRI_ERR_NOT_FOUND);
	assert_int_equal(hri_store_remove_object(s, sha), HRI_OK);
	assert_false(hri_store_has(s, sha));
	json_decref(ref);
	hri_store_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hri_store_put_object_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_store_open_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_store_ref_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_store_ref_refuses_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_store_ref_read_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_store_check_and_repair, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hri_store_temps_and_walks, setup, teardown),
		cmocka_unit_test(test_hri_sha256_hex_known_answers),
		cmocka_unit_test_setup_teardown(test_hri_store_ref_touch_and_checked, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
