/* test_robust_fetch.c - the real hri-fetch against a hostile HTTP server
 * (the loopback server of tests/support/httpd.c, serving the bundled
 * corpus): in one batch, a redirect to file://, a redirect loop, endless
 * headers, an endless body, a dropped connection and a body slower than the
 * timeout, among good documents. Each hostile answer gets an error record
 * and a message naming its symbol, the good documents are stored, the run
 * ends in bounded time, no byte of the redirect's target is stored, and
 * nothing in the test's directory outside the store is touched. */
#define _GNU_SOURCE /* memmem, st_mtim */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "../support/httpd.h"
#include "../support/runexe.h"
#include "file.h"
#include "store.h"

#define RUN_LIMIT 60 /* seconds the whole batch may take */

static const char *walk_store;  /* the store's path, for walk_check */
static struct timespec walk_t0; /* when the run started */
static int walk_outside;        /* files changed outside the store */
static int walk_bad;            /* objects not what their name says */

/* Returns nonzero when a is at or after b. */
static int
ts_ge(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

/* nftw callback: counts files changed since walk_t0 outside the store, and
 * store objects whose content is not their name or holds /etc/passwd. */
static int
walk_check(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	unsigned char *buf = NULL;
	char sha[HRI_SHA256_HEX];
	const char *base;
	size_t len;

	if (flag != FTW_F)
		return 0;
	if (strncmp(path, walk_store, strlen(walk_store)) != 0) {
		if (ts_ge(&sb->st_mtim, &walk_t0)) {
			fprintf(stderr, "# changed outside the store: %s\n", path);
			walk_outside++;
		}
		return 0;
	}
	if (!strstr(path, "/objects/") || strstr(path, ".tmp"))
		return 0;
	if (hri_file_read(path, 1u << 30, &buf, &len) != HRI_OK) {
		walk_bad++;
		return 0;
	}
	hri_sha256_hex(buf, len, sha);
	base = strrchr(path, '/') + 1;
	if (strncmp(base, sha, 64) != 0 || memmem(buf, len, "root:x:0:", 9)) {
		fprintf(stderr, "# bad object: %s\n", path);
		walk_bad++;
	}
	free(buf);
	return 0;
}

/* Returns the record of symbol among the lines of out, or NULL. */
static json_t *
record_of(const char *out, const char *symbol)
{
	const char *p = out, *nl;
	const char *s;
	json_t *rec;

	while (*p) {
		nl = strchr(p, '\n');
		rec = json_loadb(p, nl ? (size_t)(nl - p) : strlen(p), 0, NULL);
		s = json_string_value(json_object_get(rec, "symbol"));
		if (s && !strcmp(s, symbol))
			return rec;
		json_decref(rec);
		if (!nl)
			break;
		p = nl + 1;
	}
	return NULL;
}

static void
test_fetch_hostile_server_batch(void **state)
{
	static const struct {
		const char *symbol, *path;
		hri_httpd_fault_kind fault;
		int arg;
	} bad[] = {
		{"A/HRC/28/15", "/A_HRC_28_15.pdf", HRI_HTTPD_REDIRECT_FILE, 0},
		{"A/HRC/14/15", "/A_HRC_14_15.pdf", HRI_HTTPD_REDIRECT_LOOP, 0},
		{"A/HRC/14/37", "/A_HRC_14_37.pdf", HRI_HTTPD_ENDLESS_HEADER, 0},
		{"A/HRC/28/2", "/A_HRC_28_2.pdf", HRI_HTTPD_ENDLESS_BODY, 0},
		{"A/HRC/DEC/28/111", "/A_HRC_DEC_28_111.pdf", HRI_HTTPD_DROP, 0},
		{"A/HRC/DEC/14/105", "/A_HRC_DEC_14_105.pdf", HRI_HTTPD_SLOW,
		 1000},
	};
	static const char *const good[] = {"A/HRC/WG.6/20/SVN/1",
	                                   "A/HRC/28/15/Add.1"};
	char corpus[PATH_MAX], store[PATH_MAX], home[PATH_MAX], tmpl[128];
	char *argv[32], *dir;
	hri_run r = {0};
	json_t *rec;
	size_t i;
	int n = 0;

	(void)state;
	snprintf(corpus, sizeof corpus, "%s/corpus", hri_test_top());
	hri_httpd *srv = hri_httpd_start(corpus);
	assert_non_null(srv);
	dir = hri_tmpdir_new();
	assert_non_null(dir);
	snprintf(store, sizeof store, "%s/store", dir);
	snprintf(home, sizeof home, "%s/home", dir);
	setenv("HRI_HOME", home, 1);
	snprintf(tmpl, sizeof tmpl, "http://127.0.0.1:%d/{file}.pdf",
	         hri_httpd_port(srv));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		hri_httpd_fault(srv, bad[i].path, bad[i].fault, bad[i].arg, 0);

	argv[n++] = "hri-fetch";
	argv[n++] = "--store";
	argv[n++] = store;
	argv[n++] = "--source";
	argv[n++] = tmpl;
	argv[n++] = "--rate=0";
	argv[n++] = "--backoff=0.05";
	argv[n++] = "--retries=1";
	argv[n++] = "--timeout=3";
	argv[n++] = "--max-size=4M";
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		argv[n++] = (char *)bad[i].symbol;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		argv[n++] = (char *)good[i];
	argv[n] = NULL;

	clock_gettime(CLOCK_REALTIME, &walk_t0);
	assert_int_equal(hri_run_tool("hri-fetch", argv, NULL, dir, RUN_LIMIT,
	                              &r), 0);
	if (getenv("HRI_TEST_VERBOSE"))
		fprintf(stderr, "# exit %d in %.2f s\n%s%s", r.status,
		        r.seconds, r.out, r.err);
	assert_int_equal(r.status, 3);
	assert_true(r.seconds < RUN_LIMIT);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rec = record_of(r.out, bad[i].symbol);
		if (!rec)
			fail_msg("no record for %s", bad[i].symbol);
		assert_string_equal(json_string_value(json_object_get(rec,
		                                                      "status")),
		                    "error");
		assert_non_null(json_string_value(json_object_get(rec,
		                                                  "error")));
		json_decref(rec);
		if (!strstr(r.err, bad[i].symbol))
			fail_msg("%s not named on stderr", bad[i].symbol);
	}
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		rec = record_of(r.out, good[i]);
		if (!rec)
			fail_msg("no record for %s", good[i]);
		assert_string_equal(json_string_value(json_object_get(rec,
		                                                      "status")),
		                    "new");
		json_decref(rec);
	}

	walk_store = store;
	walk_outside = walk_bad = 0;
	assert_int_equal(nftw(dir, walk_check, 16, FTW_PHYS), 0);
	assert_int_equal(walk_outside, 0);
	assert_int_equal(walk_bad, 0);

	hri_run_free(&r);
	hri_httpd_stop(srv);
	hri_tmpdir_free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_hostile_server_batch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
