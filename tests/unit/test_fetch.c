/* test_fetch.c - the real hri-fetch executable against a real HTTP server on
 * the loopback interface (tests/support/httpd.c) serving the bundled corpus,
 * with faults injected on purpose: the records, the exit status, the store
 * after each run, and what went over the wire. */
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

#include "file.h"
#include "../support/httpd.h"
#include "../support/runexe.h"
#include "store.h"

/* Seconds any one run may take before the test kills it. */
#define RUN_LIMIT 30

typedef struct fx {
	hri_httpd *srv;
	char *dir;            /* temporary directory of the test */
	char store[PATH_MAX]; /* the store, in dir */
	char tmpl[128];       /* URL template on the server */
	char corpus[PATH_MAX];
	hri_run run;          /* the last run */
	json_t *recs;         /* its records, an array */
} fx;

static int
setup(void **state)
{
	fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	snprintf(f->corpus, sizeof f->corpus, "%s/corpus", hri_test_top());
	f->srv = hri_httpd_start(f->corpus);
	assert_non_null(f->srv);
	f->dir = hri_tmpdir_new();
	assert_non_null(f->dir);
	snprintf(f->store, sizeof f->store, "%s/store", f->dir);
	snprintf(f->tmpl, sizeof f->tmpl, "http://127.0.0.1:%d/{file}.pdf",
	         hri_httpd_port(f->srv));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx *f = *state;

	hri_httpd_stop(f->srv);
	hri_tmpdir_free(f->dir);
	hri_run_free(&f->run);
	json_decref(f->recs);
	free(f);
	return 0;
}

/* Runs hri-fetch on the test's store and server with the fast test manners
 * (no rate limit, short backoff) and then the NULL-ended arguments; parses
 * its records into f->recs. Returns the exit status. */
static int
fetch(fx *f, ...)
{
	char *argv[64];
	va_list ap;
	char *line, *save = NULL, *copy;
	int n = 0;

	argv[n++] = "hri-fetch";
	argv[n++] = "--store";
	argv[n++] = f->store;
	argv[n++] = "--source";
	argv[n++] = f->tmpl;
	argv[n++] = "--rate";
	argv[n++] = "0";
	argv[n++] = "--backoff";
	argv[n++] = "0.05";
	va_start(ap, f);
	while (n < 63) {
		argv[n] = va_arg(ap, char *);
		if (!argv[n])
			break;
		n++;
	}
	va_end(ap);
	argv[n] = NULL;
	hri_run_free(&f->run);
	json_decref(f->recs);
	f->recs = json_array();
	assert_int_equal(hri_run_tool("hri-fetch", argv, NULL, f->dir, RUN_LIMIT,
	                              &f->run), 0);
	if (getenv("HRI_TEST_VERBOSE"))
		fprintf(stderr, "# exit %d in %.2f s\n%s%s", f->run.status,
		        f->run.seconds, f->run.out, f->run.err);
	copy = strdup(f->run.out);
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *rec = json_loads(line, 0, NULL);

		if (!json_is_object(rec))
			fail_msg("not a JSON object on stdout: %s", line);
		json_array_append_new(f->recs, rec);
	}
	free(copy);
	return f->run.status;
}

/* Returns the record of symbol in the last run; fails when there is none
 * or more than one. */
static json_t *
rec_of(fx *f, const char *symbol)
{
	json_t *found = NULL, *rec;
	size_t i;

	json_array_foreach(f->recs, i, rec) {
		if (strcmp(json_string_value(json_object_get(rec, "symbol")), symbol))
			continue;
		if (found)
			fail_msg("two records for %s", symbol);
		found = rec;
	}
	if (!found)
		fail_msg("no record for %s; stdout: %s; stderr: %s", symbol,
		         f->run.out, f->run.err);
	return found;
}

/* Returns the string field key of rec, or "" when absent or null. */
static const char *
str(const json_t *rec, const char *key)
{
	const char *s = json_string_value(json_object_get(rec, key));

	return s ? s : "";
}

/* Returns the sha256 of a corpus file. */
static void
file_sha(fx *f, const char *name, char *hex)
{
	char path[PATH_MAX + 64];
	unsigned char *buf;
	size_t len;

	snprintf(path, sizeof path, "%s/%s", f->corpus, name);
	assert_int_equal(hri_file_read(path, 64u << 20, &buf, &len), HRI_OK);
	hri_sha256_hex(buf, len, hex);
	free(buf);
}

/* Asserts that the object at path holds bytes whose sha256 is sha. */
static void
assert_object(const char *path, const char *sha)
{
	unsigned char *buf;
	size_t len;
	char hex[HRI_SHA256_HEX];

	assert_int_equal(hri_file_read(path, 64u << 20, &buf, &len), HRI_OK);
	hri_sha256_hex(buf, len, hex);
	free(buf);
	assert_string_equal(hex, sha);
}

/* Counts the regular files under dir whose name contains part (NULL: all). */
static int
count_files(const char *dir, const char *part)
{
	char cmd[PATH_MAX + 128];
	FILE *p;
	int n = -1;

	if (part)
		snprintf(cmd, sizeof cmd, "find '%s' -type f -name '*%s*' | wc -l", dir,
		         part);
	else
		snprintf(cmd, sizeof cmd, "find '%s' -type f | wc -l", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

/* Counts the objects of the store. */
static int
objects(fx *f)
{
	char dir[PATH_MAX + 16];

	snprintf(dir, sizeof dir, "%s/objects", f->store);
	return count_files(dir, ".gz");
}

static void
test_fetch_http_new_then_unchanged(void **state)
{
	fx *f = *state;
	char sha[HRI_SHA256_HEX];
	json_t *r;

	assert_int_equal(fetch(f, "A/HRC/28/15", "A/HRC/DEC/28/111",
	                       "A/HRC/WG.6/20/SVN/2", NULL), 0);
	assert_int_equal(json_array_size(f->recs), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "type"), "fetched");
	assert_string_equal(str(r, "status"), "new");
	assert_string_equal(str(r, "format"), "pdf");
	assert_string_equal(str(r, "content_type"), "application/pdf");
	assert_string_equal(str(r, "lang"), "en");
	assert_int_equal(json_integer_value(json_object_get(r, "http_status")), 200);
	assert_non_null(strstr(str(r, "url"), "/A_HRC_28_15.pdf"));
	assert_true(str(r, "etag")[0] == '"');
	assert_non_null(strstr(str(r, "last_modified"), "GMT"));
	file_sha(f, "A_HRC_28_15.pdf", sha);
	assert_string_equal(str(r, "sha256"), sha);
	assert_int_equal(json_integer_value(json_object_get(r, "bytes")), 324651);
	assert_true(strncmp(str(r, "path"), f->store, strlen(f->store)) == 0);
	assert_object(str(r, "path"), sha);
	assert_int_equal(objects(f), 3);
	assert_int_equal(count_files(f->store, ".tmp"), 0);
	assert_int_equal(hri_httpd_bodies(f->srv, NULL), 3);
	assert_non_null(strstr(f->run.err, "3 fetched: 3 new, 0 updated, 0 unchanged, 0 failed"));

	/* The rerun asks with validators and gets no body back. */
	assert_int_equal(fetch(f, "A/HRC/28/15", "A/HRC/DEC/28/111",
	                       "A/HRC/WG.6/20/SVN/2", NULL), 0);
	assert_int_equal(json_array_size(f->recs), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_int_equal(json_integer_value(json_object_get(r, "http_status")), 304);
	assert_string_equal(str(r, "sha256"), sha);
	assert_object(str(r, "path"), sha);
	assert_string_equal(str(rec_of(f, "A/HRC/DEC/28/111"), "status"), "unchanged");
	assert_int_equal(hri_httpd_bodies(f->srv, NULL), 3);
	assert_int_equal(hri_httpd_conditional(f->srv, NULL), 3);
	assert_non_null(strstr(f->run.err, "3 unchanged"));

	/* --force asks without validators and takes the body again. */
	assert_int_equal(fetch(f, "--force", "A/HRC/28/15", NULL), 0);
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "unchanged");
	assert_int_equal(hri_httpd_bodies(f->srv, "/A_HRC_28_15.pdf"), 2);
	assert_int_equal(objects(f), 3);
}

static void
test_fetch_retry_500_then_200(void **state)
{
	fx *f = *state;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_STATUS, 500, 1);
	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_STATUS, 503, 1);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "new");
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 3);
}

static void
test_fetch_retry_500_exhausted(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_STATUS, 500, 0);
	assert_int_equal(fetch(f, "--retries", "2", "A/HRC/28/15",
	                       "A/HRC/DEC/28/111", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_int_equal(json_integer_value(json_object_get(r, "http_status")), 500);
	assert_non_null(strstr(str(r, "error"), "HTTP 500"));
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 3);
	assert_string_equal(str(rec_of(f, "A/HRC/DEC/28/111"), "status"), "new");
	assert_int_equal(objects(f), 1);
}

static void
test_fetch_retry_after_429(void **state)
{
	fx *f = *state;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_RETRY_AFTER, 1, 1);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "new");
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 2);
	/* The backoff is 0.05 s; only Retry-After explains a second's wait. */
	assert_true(f->run.seconds >= 0.95);
	assert_true(f->run.seconds < 10);
}

/* Asserts that the last run stored A/HRC/28/15 whole, new: its record's
 * sha256 and its object are those of the corpus file. */
static void
assert_stored_whole(fx *f)
{
	char sha[HRI_SHA256_HEX];
	json_t *r = rec_of(f, "A/HRC/28/15");

	assert_string_equal(str(r, "status"), "new");
	file_sha(f, "A_HRC_28_15.pdf", sha);
	assert_string_equal(str(r, "sha256"), sha);
	assert_object(str(r, "path"), sha);
}

static void
test_fetch_dropped_connection_retried(void **state)
{
	fx *f = *state;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_DROP, 0, 1);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_stored_whole(f);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 2);
	assert_int_equal(objects(f), 1);
}

static void
test_fetch_failed_refetch_keeps_object(void **state)
{
	fx *f = *state;
	char sha[HRI_SHA256_HEX], path[PATH_MAX], ref[PATH_MAX + 64];
	unsigned char *before, *after;
	size_t blen, alen;
	json_t *r;

	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	snprintf(sha, sizeof sha, "%s", str(r, "sha256"));
	snprintf(path, sizeof path, "%s", str(r, "path"));
	snprintf(ref, sizeof ref, "%s/refs/en/A_HRC_28_15.json", f->store);
	assert_int_equal(hri_file_read(ref, 1 << 20, &before, &blen), HRI_OK);

	/* Every attempt is cut in the middle of the body. */
	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_DROP, 0, 0);
	assert_int_equal(fetch(f, "--force", "--retries", "1", "A/HRC/28/15", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "after 2 attempts"));
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 3);
	/* The good object and its reference are there, intact; nothing else. */
	assert_object(path, sha);
	assert_int_equal(objects(f), 1);
	assert_int_equal(count_files(f->store, ".tmp"), 0);
	assert_int_equal(hri_file_read(ref, 1 << 20, &after, &alen), HRI_OK);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	free(before);
	free(after);
}

/* Reads a store file (the object or a reference) raw, for comparing. */
static unsigned char *
raw_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = malloc(64u << 20);

	assert_non_null(fp);
	assert_non_null(buf);
	*len = fread(buf, 1, 64u << 20, fp);
	fclose(fp);
	return buf;
}

/* A body cut where no Content-Length shows it (the server closes half way)
 * and a gzip-encoded body whose stream is cut (its Content-Length true to
 * what was sent): both are failures, never an update; the good object and
 * its reference stay as they were, byte for byte. */
static void
test_fetch_cut_bodies_keep_object(void **state)
{
	static const struct {
		hri_httpd_fault_kind fault;
		int arg;
		const char *why;
	} cuts[] = {
		{HRI_HTTPD_CUT, 0, "PDF cut short"},
		{HRI_HTTPD_GZIP, 1, "gzip-encoded body cut short"},
	};
	fx *f = *state;
	char path[PATH_MAX], ref[PATH_MAX + 64];
	unsigned char *obj0, *ref0, *obj1, *ref1;
	size_t olen0, rlen0, olen1, rlen1, i;
	json_t *r;

	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	snprintf(path, sizeof path, "%s", str(rec_of(f, "A/HRC/28/15"), "path"));
	snprintf(ref, sizeof ref, "%s/refs/en/A_HRC_28_15.json", f->store);
	obj0 = raw_file(path, &olen0);
	ref0 = raw_file(ref, &rlen0);
	for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", cuts[i].fault,
		                cuts[i].arg, 1);
		assert_int_equal(fetch(f, "--force", "--retries", "0", "A/HRC/28/15",
		                       NULL), 3);
		r = rec_of(f, "A/HRC/28/15");
		assert_string_equal(str(r, "status"), "error");
		if (!strstr(str(r, "error"), cuts[i].why))
			fail_msg("error \"%s\" does not say \"%s\"", str(r, "error"),
			         cuts[i].why);
		obj1 = raw_file(path, &olen1);
		ref1 = raw_file(ref, &rlen1);
		assert_int_equal(olen1, olen0);
		assert_memory_equal(obj1, obj0, olen0);
		assert_int_equal(rlen1, rlen0);
		assert_memory_equal(ref1, ref0, rlen0);
		free(obj1);
		free(ref1);
		assert_int_equal(objects(f), 1);
	}
	free(obj0);
	free(ref0);
}

/* A whole gzip-encoded body is stored inflated: the document's own bytes. */
static void
test_fetch_gzip_encoding_inflated(void **state)
{
	fx *f = *state;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_GZIP, 0, 1);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_stored_whole(f);
}

/* An object cut short on disk is seen at the next run, without --force:
 * the document is fetched whole (no validators: a 304 would keep the
 * damage) and the object replaced; "unchanged", "repaired": true. With
 * --force an object damaged in its middle is replaced too. */
static void
test_fetch_damaged_object_repaired(void **state)
{
	fx *f = *state;
	char sha[HRI_SHA256_HEX], path[PATH_MAX];
	unsigned cond;
	FILE *fp;
	json_t *r;

	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	snprintf(sha, sizeof sha, "%s", str(r, "sha256"));
	snprintf(path, sizeof path, "%s", str(r, "path"));
	assert_int_equal(truncate(path, 1000), 0);
	cond = hri_httpd_conditional(f->srv, "/A_HRC_28_15.pdf");
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_true(json_is_true(json_object_get(r, "repaired")));
	assert_int_equal(hri_httpd_conditional(f->srv, "/A_HRC_28_15.pdf"), cond);
	assert_non_null(strstr(f->run.err, "damaged"));
	assert_object(path, sha);
	/* sound: the next run is a plain conditional "unchanged" */
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_null(json_object_get(rec_of(f, "A/HRC/28/15"), "repaired"));
	/* bytes changed in the middle, the size kept: --force replaces it */
	fp = fopen(path, "r+b");
	assert_non_null(fp);
	fseek(fp, 300, SEEK_SET);
	fputs("XXXXXXXX", fp);
	fclose(fp);
	assert_int_equal(fetch(f, "--force", "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_true(json_is_true(json_object_get(r, "repaired")));
	assert_object(path, sha);
}

static void
test_fetch_slow_body_times_out(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_SLOW, 200, 0);
	assert_int_equal(fetch(f, "--timeout", "1", "--retries", "1",
	                       "A/HRC/28/15", "A/HRC/DEC/28/111", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "imed out"));
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 2);
	assert_string_equal(str(rec_of(f, "A/HRC/DEC/28/111"), "status"), "new");
	assert_true(f->run.seconds < 8);
	assert_int_equal(objects(f), 1);
}

static void
test_fetch_redirect_loop_stops(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_REDIRECT_LOOP, 0, 0);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "edirect"));
	/* The first request and ten redirects, no retry. */
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 11);
	assert_int_equal(objects(f), 0);
}

static void
test_fetch_redirect_to_file_refused(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_REDIRECT_FILE, 0, 0);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "file"));
	assert_int_equal(objects(f), 0);
}

static void
test_fetch_404_not_retried(void **state)
{
	fx *f = *state;
	json_t *r;

	assert_int_equal(fetch(f, "A/HRC/99/1", "A/HRC/28/15", NULL), 3);
	r = rec_of(f, "A/HRC/99/1");
	assert_string_equal(str(r, "status"), "error");
	assert_string_equal(str(r, "error"), "not found");
	assert_int_equal(json_integer_value(json_object_get(r, "http_status")), 404);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_99_1.pdf"), 1);
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "new");
	assert_non_null(strstr(f->run.err, "A/HRC/99/1"));
	assert_non_null(strstr(f->run.err, "1 fetched: 1 new, 0 updated, 0 unchanged, 1 failed"));
}

static void
test_fetch_html_for_pdf_refused(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_HTML, 0, 0);
	/* The lie is in the bytes only: Content-Type says PDF. */
	hri_httpd_fault(f->srv, "/A_HRC_28_2.pdf", HRI_HTTPD_HTML_AS_PDF, 0, 0);
	assert_int_equal(fetch(f, "A/HRC/28/15", "A/HRC/28/2", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "HTML"));
	assert_non_null(strstr(str(r, "error"), "text/html"));
	r = rec_of(f, "A/HRC/28/2");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "HTML"));
	assert_int_equal(objects(f), 0);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 1);
}

static void
test_fetch_oversized_body_cut(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_ENDLESS_BODY, 0, 0);
	assert_int_equal(fetch(f, "--max-size", "1M", "A/HRC/28/15",
	                       "A/HRC/DEC/28/111", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "larger than 1048576"));
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 1);
	assert_true(f->run.seconds < 10);
	/* A file with a Content-Length over the cap is refused too. */
	assert_int_equal(fetch(f, "--max-size", "100K", "A/HRC/14/37", NULL), 3);
	assert_non_null(strstr(str(rec_of(f, "A/HRC/14/37"), "error"), "larger than"));
	assert_int_equal(objects(f), 1);
}

static void
test_fetch_endless_header_cut(void **state)
{
	fx *f = *state;
	json_t *r;

	hri_httpd_fault(f->srv, "/A_HRC_28_15.pdf", HRI_HTTPD_ENDLESS_HEADER, 0, 0);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "headers larger than"));
	assert_true(f->run.seconds < 10);
	assert_int_equal(objects(f), 0);
}

static void
test_fetch_updated_document(void **state)
{
	fx *f = *state;
	static const char v1[] = "%PDF-1.4\nfirst version\n%%EOF\n";
	static const char v2[] = "%PDF-1.4\nsecond version, corrected\n%%EOF\n";
	char old[PATH_MAX], sha[HRI_SHA256_HEX];
	json_t *r;

	hri_httpd_put(f->srv, "/A_HRC_58_1.pdf", v1, sizeof v1 - 1, "application/pdf");
	assert_int_equal(fetch(f, "A/HRC/58/1", NULL), 0);
	r = rec_of(f, "A/HRC/58/1");
	assert_string_equal(str(r, "status"), "new");
	snprintf(old, sizeof old, "%s", str(r, "path"));
	hri_sha256_hex(v1, sizeof v1 - 1, sha);
	assert_string_equal(str(r, "sha256"), sha);

	hri_httpd_put(f->srv, "/A_HRC_58_1.pdf", v2, sizeof v2 - 1, "application/pdf");
	assert_int_equal(fetch(f, "A/HRC/58/1", NULL), 0);
	r = rec_of(f, "A/HRC/58/1");
	assert_string_equal(str(r, "status"), "updated");
	hri_sha256_hex(v2, sizeof v2 - 1, sha);
	assert_string_equal(str(r, "sha256"), sha);
	assert_object(str(r, "path"), sha);
	assert_int_equal(json_integer_value(json_object_get(r, "bytes")), sizeof v2 - 1);
	/* The conditional request did not match, so the body came. */
	assert_int_equal(hri_httpd_conditional(f->srv, "/A_HRC_58_1.pdf"), 1);
	assert_int_equal(hri_httpd_bodies(f->srv, "/A_HRC_58_1.pdf"), 2);
	hri_sha256_hex(v1, sizeof v1 - 1, sha);
	assert_object(old, sha);
	assert_int_equal(objects(f), 2);
}

/* With any format asked, Markdown and plain text are told apart by the
 * server's Content-Type: their bytes look alike. */
static void
test_fetch_markdown_by_content_type(void **state)
{
	fx *f = *state;
	static const char md[] = "# Report of the Working Group\n\n1. The Council...\n";
	json_t *r;

	snprintf(f->tmpl, sizeof f->tmpl, "http://127.0.0.1:%d/{file}",
	         hri_httpd_port(f->srv));
	hri_httpd_put(f->srv, "/A_HRC_58_2", md, sizeof md - 1,
	              "text/markdown; charset=utf-8");
	hri_httpd_put(f->srv, "/A_HRC_58_3", md, sizeof md - 1, "text/plain");
	assert_int_equal(fetch(f, "-F", "any", "A/HRC/58/2", "A/HRC/58/3", NULL), 0);
	r = rec_of(f, "A/HRC/58/2");
	assert_string_equal(str(r, "format"), "markdown");
	assert_string_equal(str(r, "content_type"), "text/markdown; charset=utf-8");
	assert_string_equal(str(rec_of(f, "A/HRC/58/3"), "format"), "text");
}

static void
test_fetch_symbol_template_encoded(void **state)
{
	fx *f = *state;
	json_t *r;

	/* {symbol} is URL-encoded: A%2FHRC%2F28%2F15; the server decodes it. */
	snprintf(f->tmpl, sizeof f->tmpl,
	         "http://127.0.0.1:%d/{symbol}.{format}?lang={lang}",
	         hri_httpd_port(f->srv));
	assert_int_equal(fetch(f, "--lang", "fr", "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "new");
	assert_string_equal(str(r, "lang"), "fr");
	assert_non_null(strstr(str(r, "url"), "/A%2FHRC%2F28%2F15.pdf?lang=fr"));
	assert_int_equal(hri_httpd_requests(f->srv, "/A/HRC/28/15.pdf"), 1);
}

static void
test_fetch_rate_limit_spaces_requests(void **state)
{
	fx *f = *state;
	char *argv[] = {"hri-fetch", "--store", f->store, "--source", f->tmpl,
	                "--rate", "10", "-j", "4", "A/HRC/DEC/28/111",
	                "A/HRC/DEC/14/105", "A/HRC/WG.6/7/SVN/2/Corr.1",
	                "A/HRC/28/15/Add.1", "A/HRC/14/15/Add.1", "A/HRC/28/15",
	                NULL};

	/* Six requests at ten a second: the last starts half a second after
	 * the first. */
	assert_int_equal(hri_run_tool("hri-fetch", argv, NULL, f->dir, RUN_LIMIT,
	                              &f->run), 0);
	assert_int_equal(hri_httpd_bodies(f->srv, NULL), 6);
	assert_true(f->run.seconds >= 0.45);
}

/* Serves tests/data/name at path on the test's server. */
static void
serve_data(fx *f, const char *path, const char *name)
{
	char file[PATH_MAX];
	unsigned char *buf;
	size_t len;

	snprintf(file, sizeof file, "%s/tests/data/%s", hri_test_top(), name);
	assert_int_equal(hri_file_read(file, 1 << 20, &buf, &len), HRI_OK);
	hri_httpd_put(f->srv, path, buf, len, "application/xml; charset=utf-8");
	free(buf);
}

static void
test_fetch_metadata_from_catalogue(void **state)
{
	fx *f = *state;
	char cat[128];
	json_t *r, *subj;

	serve_data(f, "/marc/A_HRC_28_15.xml", "marc_A_HRC_28_15.xml");
	serve_data(f, "/marc/A_HRC_28_15_Add.1.xml", "marc_truncated.xml");
	snprintf(cat, sizeof cat, "http://127.0.0.1:%d/marc/{file}.xml",
	         hri_httpd_port(f->srv));
	assert_int_equal(fetch(f, "--metadata", "--catalogue", cat, "A/HRC/28/15",
	                       "A/HRC/28/15/Add.1", "A/HRC/DEC/28/111", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "new");
	assert_string_equal(str(r, "title"), "Report of the Working Group on the "
	                    "Universal Periodic Review: Slovenia");
	assert_string_equal(str(r, "date"), "2014-12-22");
	assert_string_equal(str(r, "agenda"), "6");
	assert_string_equal(str(r, "agenda_title"), "Universal periodic review");
	assert_string_equal(str(r, "body"), "Human Rights Council");
	assert_int_equal(json_integer_value(json_object_get(r, "session")), 28);
	subj = json_object_get(r, "subjects");
	assert_int_equal(json_array_size(subj), 2);
	/* No catalogue record, or a broken one, costs only the metadata. */
	r = rec_of(f, "A/HRC/DEC/28/111");
	assert_string_equal(str(r, "status"), "new");
	assert_null(json_object_get(r, "title"));
	r = rec_of(f, "A/HRC/28/15/Add.1");
	assert_string_equal(str(r, "status"), "new");
	assert_null(json_object_get(r, "title"));
	assert_non_null(strstr(f->run.err, "A/HRC/28/15/Add.1: catalogue: "));
	assert_non_null(strstr(f->run.err, "malformed XML"));
	assert_non_null(strstr(f->run.err, "A/HRC/DEC/28/111: catalogue: "));
	assert_int_equal(hri_httpd_requests(f->srv, "/marc/A_HRC_28_15.xml"), 1);

	/* The store remembers the metadata: a rerun without the catalogue
	 * still reports it. */
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_string_equal(str(r, "date"), "2014-12-22");
	assert_int_equal(hri_httpd_requests(f->srv, "/marc/A_HRC_28_15.xml"), 1);
}

static void
test_fetch_invalid_symbols_refused(void **state)
{
	fx *f = *state;
	json_t *r;

	assert_int_equal(fetch(f, "../etc/passwd", "A/HRC/28/15", "A/HRC/58/9-1",
	                       NULL), 3);
	r = rec_of(f, "../etc/passwd");
	assert_string_equal(str(r, "status"), "error");
	assert_string_equal(str(r, "error"), "not a UN document symbol");
	r = rec_of(f, "A/HRC/58/9-1");
	assert_string_equal(str(r, "status"), "error");
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "new");
	/* Nothing was asked of the server for them. */
	assert_int_equal(hri_httpd_requests(f->srv, NULL), 1);
}

static void
test_fetch_jobs_bound_parallel_transfers(void **state)
{
	fx *f = *state;
	static const char doc[] = "%PDF-1.4\n%%EOF\n"; /* 15 bytes */
	static const char *const paths[] = {"/A_HRC_58_1.pdf", "/A_HRC_58_2.pdf",
	                                    "/A_HRC_58_3.pdf", "/A_HRC_58_4.pdf"};
	size_t i;

	/* Each body takes 15 x 40 ms = 0.6 s to arrive: the transfers a run
	 * starts together overlap, whatever the machine's load. */
	for (i = 0; i < 4; i++) {
		hri_httpd_put(f->srv, paths[i], doc, sizeof doc - 1, "application/pdf");
		hri_httpd_fault(f->srv, paths[i], HRI_HTTPD_SLOW, 40, 0);
	}
	assert_int_equal(fetch(f, "-j", "4", "A/HRC/58/1-4", NULL), 0);
	assert_int_equal(json_array_size(f->recs), 4);
	/* Four at once, as the server saw them. */
	assert_int_equal(hri_httpd_slow_peak(f->srv), 4);
	assert_int_equal(fetch(f, "-j", "2", "--force", "A/HRC/58/1-4", NULL), 0);
	assert_int_equal(json_array_size(f->recs), 4);
	/* Never more than two; two at once take at least two bodies' time (a
	 * lower bound: load only adds to it). */
	assert_int_equal(hri_httpd_slow_peak(f->srv), 2);
	assert_true(f->run.seconds >= 1.15);
	assert_int_equal(hri_httpd_bodies(f->srv, NULL), 8);
}

static void
test_fetch_connection_refused_retried(void **state)
{
	fx *f = *state;
	hri_httpd *gone = hri_httpd_start(f->corpus);
	json_t *r;

	/* A port that was just listened on and is closed now. */
	assert_non_null(gone);
	snprintf(f->tmpl, sizeof f->tmpl, "http://127.0.0.1:%d/{file}.pdf",
	         hri_httpd_port(gone));
	hri_httpd_stop(gone);
	assert_int_equal(fetch(f, "--retries", "2", "A/HRC/28/15", NULL), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "error");
	assert_non_null(strstr(str(r, "error"), "after 3 attempts"));
	assert_null(json_object_get(r, "path"));
	assert_true(json_is_null(json_object_get(r, "http_status")));
	assert_int_equal(objects(f), 0);
}

/* Sets the time the store last checked the document of file (its name
 * form, A_HRC_28_15) to secs seconds from now (negative: ago). */
static void
set_checked(fx *f, const char *file, long secs)
{
	char path[PATH_MAX + 64];
	struct timespec ts[2];

	snprintf(path, sizeof path, "%s/refs/en/%s.json", f->store, file);
	ts[0].tv_sec = ts[1].tv_sec = time(NULL) + secs;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Returns the store reference of file, parsed (the caller frees it). */
static json_t *
ref_of(fx *f, const char *file)
{
	char path[PATH_MAX + 64];
	json_t *ref;

	snprintf(path, sizeof path, "%s/refs/en/%s.json", f->store, file);
	ref = json_load_file(path, 0, NULL);
	assert_non_null(ref);
	return ref;
}

/* --max-age: a document checked within the window is reported unchanged
 * without a request; past it, with --force, or when the store's copy is
 * damaged, it is asked again. */
static void
test_fetch_max_age_sends_no_request(void **state)
{
	fx *f = *state;
	char sha[HRI_SHA256_HEX], when[32], path[PATH_MAX];
	unsigned before;
	json_t *r;

	assert_int_equal(fetch(f, "A/HRC/28/15", "A/HRC/DEC/28/111",
	                       "A/HRC/WG.6/20/SVN/2", NULL), 0);
	file_sha(f, "A_HRC_28_15.pdf", sha);
	before = hri_httpd_requests(f->srv, NULL);
	assert_int_equal(before, 3);

	/* Checked a moment ago: nothing goes over the wire. */
	assert_int_equal(fetch(f, "--max-age", "1h", "A/HRC/28/15",
	                       "A/HRC/DEC/28/111", "A/HRC/WG.6/20/SVN/2", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before);
	assert_int_equal(json_array_size(f->recs), 3);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_string_equal(str(r, "sha256"), sha);
	assert_object(str(r, "path"), sha);
	assert_true(json_is_null(json_object_get(r, "http_status")));
	assert_true(str(r, "etag")[0] == '"');
	assert_non_null(strstr(str(r, "url"), "/A_HRC_28_15.pdf"));
	assert_int_equal(strlen(str(r, "checked_at")), 20);
	assert_true(strcmp(str(r, "checked_at"), str(r, "fetched_at")) <= 0);
	assert_non_null(strstr(f->run.err, "3 unchanged"));
	assert_non_null(strstr(f->run.err, "3 of the unchanged not asked"));

	/* Checked two hours ago: asked again (conditionally), and the check
	 * time moves, so the next run within the hour asks nothing. */
	set_checked(f, "A_HRC_28_15", -7200);
	assert_int_equal(fetch(f, "--max-age", "3600", "A/HRC/28/15",
	                       "A/HRC/DEC/28/111", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 1);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 2);
	assert_int_equal(hri_httpd_conditional(f->srv, "/A_HRC_28_15.pdf"), 1);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_int_equal(json_integer_value(json_object_get(r, "http_status")), 304);
	assert_null(json_object_get(r, "checked_at"));
	assert_true(json_is_null(json_object_get(rec_of(f, "A/HRC/DEC/28/111"),
	                                         "http_status")));
	assert_int_equal(fetch(f, "--max-age", "3600", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 1);

	/* An object cut short on disk is fetched whole whatever the window. */
	snprintf(path, sizeof path, "%s", str(rec_of(f, "A/HRC/28/15"), "path"));
	assert_int_equal(truncate(path, 1000), 0);
	assert_int_equal(fetch(f, "--max-age", "1d", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 2);
	assert_int_equal(hri_httpd_bodies(f->srv, "/A_HRC_28_15.pdf"), 2);
	assert_true(json_is_true(json_object_get(rec_of(f, "A/HRC/28/15"),
	                                         "repaired")));
	assert_object(path, sha);
	before++;

	/* A check time in the future (a clock set back) is no check. */
	set_checked(f, "A_HRC_28_15", 600);
	assert_int_equal(fetch(f, "--max-age", "1d", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 2);

	/* --force asks whatever the window; --max-age 0 asks every time. */
	assert_int_equal(fetch(f, "--max-age", "1d", "-f", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 3);
	assert_int_equal(hri_httpd_bodies(f->srv, "/A_HRC_28_15.pdf"), 3);
	assert_int_equal(fetch(f, "--max-age", "0", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 4);

	/* Another address is another source: asked, whatever the window. */
	snprintf(f->tmpl, sizeof f->tmpl, "http://127.0.0.1:%d/{file}.pdf?v=2",
	         hri_httpd_port(f->srv));
	assert_int_equal(fetch(f, "--max-age", "1d", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 5);

	/* Nonsense is a usage error. */
	assert_int_equal(fetch(f, "--max-age", "soon", "A/HRC/28/15", NULL), 2);
	assert_int_equal(fetch(f, "--max-age", "-5", "A/HRC/28/15", NULL), 2);
	snprintf(when, sizeof when, "%ldd", 4000L);
	assert_int_equal(fetch(f, "--max-age", when, "A/HRC/28/15", NULL), 2);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), before + 5);
}

/* The server's Cache-Control max-age is remembered with the document and
 * is the window when no --max-age is given; --max-age wins over it;
 * no-cache means ask every time. */
static void
test_fetch_cache_control_max_age(void **state)
{
	fx *f = *state;
	json_t *ref;

	hri_httpd_header(f->srv, "/A_HRC_28_15.pdf", "Cache-Control: public, max-age=3600");
	hri_httpd_header(f->srv, "/A_HRC_DEC_28_111.pdf",
	                 "Cache-Control: max-age=3600, no-cache");
	assert_int_equal(fetch(f, "A/HRC/28/15", "A/HRC/DEC/28/111",
	                       "A/HRC/WG.6/20/SVN/2", NULL), 0);
	ref = ref_of(f, "A_HRC_28_15");
	assert_int_equal(json_integer_value(json_object_get(ref, "max_age")), 3600);
	json_decref(ref);
	ref = ref_of(f, "A_HRC_DEC_28_111");
	assert_int_equal(json_integer_value(json_object_get(ref, "max_age")), 0);
	json_decref(ref);
	ref = ref_of(f, "A_HRC_WG.6_20_SVN_2");
	assert_null(json_object_get(ref, "max_age"));
	json_decref(ref);

	/* A plain rerun: only what the server allowed to keep is not asked. */
	assert_int_equal(fetch(f, "A/HRC/28/15", "A/HRC/DEC/28/111",
	                       "A/HRC/WG.6/20/SVN/2", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 1);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_DEC_28_111.pdf"), 2);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_WG.6_20_SVN_2.pdf"), 2);
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "unchanged");
	assert_non_null(json_object_get(rec_of(f, "A/HRC/28/15"), "checked_at"));

	/* Past the server's hour, asked again; the 304 keeps the max-age. */
	set_checked(f, "A_HRC_28_15", -4000);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 2);
	ref = ref_of(f, "A_HRC_28_15");
	assert_int_equal(json_integer_value(json_object_get(ref, "max_age")), 3600);
	json_decref(ref);

	/* --max-age wins over the server's, either way. */
	assert_int_equal(fetch(f, "--max-age", "0", "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 3);
	assert_int_equal(fetch(f, "--max-age", "1h", "A/HRC/DEC/28/111", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_DEC_28_111.pdf"), 2);

	/* The server takes its word back: the next answer's header counts. */
	hri_httpd_header(f->srv, "/A_HRC_28_15.pdf", "Cache-Control: no-store");
	set_checked(f, "A_HRC_28_15", -4000);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_int_equal(fetch(f, "A/HRC/28/15", NULL), 0);
	assert_int_equal(hri_httpd_requests(f->srv, "/A_HRC_28_15.pdf"), 5);
}

/* With a mirror directory, a document checked within the window is not
 * even looked at, and the catalogue is not asked for what the store
 * already has its metadata of. */
static void
test_fetch_max_age_mirror_and_catalogue(void **state)
{
	fx *f = *state;
	char cat[128];
	json_t *r;

	serve_data(f, "/marc/A_HRC_28_15.xml", "marc_A_HRC_28_15.xml");
	snprintf(cat, sizeof cat, "http://127.0.0.1:%d/marc/{file}.xml",
	         hri_httpd_port(f->srv));
	assert_int_equal(fetch(f, "--source", f->corpus, "--catalogue", cat,
	                       "A/HRC/28/15", NULL), 0);
	assert_string_equal(str(rec_of(f, "A/HRC/28/15"), "status"), "new");
	assert_int_equal(fetch(f, "--source", f->corpus, "--catalogue", cat,
	                       "--max-age", "1h", "A/HRC/28/15", NULL), 0);
	r = rec_of(f, "A/HRC/28/15");
	assert_string_equal(str(r, "status"), "unchanged");
	assert_non_null(json_object_get(r, "checked_at"));
	assert_string_equal(str(r, "date"), "2014-12-22");
	assert_int_equal(hri_httpd_requests(f->srv, NULL), 1);
	/* Without the window, the catalogue is asked again. */
	assert_int_equal(fetch(f, "--source", f->corpus, "--catalogue", cat,
	                       "A/HRC/28/15", NULL), 0);
	assert_null(json_object_get(rec_of(f, "A/HRC/28/15"), "checked_at"));
	assert_int_equal(hri_httpd_requests(f->srv, NULL), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fetch_http_new_then_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_retry_500_then_200, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_retry_500_exhausted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_retry_after_429, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_dropped_connection_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_failed_refetch_keeps_object, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_cut_bodies_keep_object, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_gzip_encoding_inflated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_damaged_object_repaired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_slow_body_times_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_redirect_loop_stops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_redirect_to_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_404_not_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_html_for_pdf_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_oversized_body_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_endless_header_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_updated_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_markdown_by_content_type,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_symbol_template_encoded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_rate_limit_spaces_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_metadata_from_catalogue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_invalid_symbols_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_jobs_bound_parallel_transfers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_connection_refused_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_max_age_sends_no_request, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_cache_control_max_age, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_max_age_mirror_and_catalogue,
		                                setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
