/* test_records.c - the limits of record.h hold on both sides of the pipe:
 * a segment the real hri-parse writes (segmenter and extractor), the real
 * hri-index accepts, and what one refuses the other refuses too (hri-parse once wrote segments of
 * up to 4 MiB that hri-index then rejected past 1 MiB). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../support/runexe.h"
#include "jsonl.h"
#include "record.h"

/* Seconds one run may take (a 4 MiB document, sanitized builds too). */
#define RUN_LIMIT 120

/* Margin around a limit, bytes: the segmenter's joins and trims move a
 * paragraph's length by a few bytes a line, never by this much. */
#define MARGIN 4096

/* Writes into dir a plain text document A/HRC/99/1 whose paragraph 1 is
 * about len bytes of 80-byte lines and whose paragraph 2 is short; returns
 * its path (malloc'd). */
static char *
write_doc(const char *dir, size_t len)
{
	static const char line[] = "cooperation among States in the field of "
	                           "human rights and development assistance\n";
	size_t sz = strlen(dir) + 32, n;
	char *path = malloc(sz);
	FILE *fp;

	assert_non_null(path);
	snprintf(path, sz, "%s/A_HRC_99_1.txt", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("I. Introduction\n\n1. The opening words of the paragraph.\n", fp);
	for (n = 0; n < len; n += sizeof line - 1)
		fputs(line, fp);
	fputs("\n2. A short second paragraph.\n", fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* Returns the length of the longest segment text in the records of out. */
static size_t
longest_text(const char *out)
{
	const char *p = out, *e;
	size_t best = 0;
	json_t *rec;
	char err[256];

	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		if (e == p)
			continue;
		assert_int_equal(hri_jsonl_parse(p, (size_t)(e - p), &rec, err,
		                                 sizeof err), HRI_OK);
		const char *t = hri_json_str(rec, "text");
		if (t && strlen(t) > best)
			best = strlen(t);
		json_decref(rec);
	}
	return best;
}

static void
test_segment_text_max_under_passes_parse_and_index(void **state)
{
	char *dir = hri_tmpdir_new(), *path, db[512];
	hri_run p, x;

	(void)state;
	assert_non_null(dir);
	path = write_doc(dir, HRI_SEGMENT_TEXT_MAX - MARGIN);
	char *pargv[] = {"hri-parse", path, NULL};
	assert_int_equal(hri_run_tool("hri-parse", pargv, NULL, dir, RUN_LIMIT,
	                              &p), 0);
	assert_int_equal(p.status, 0);
	/* the paragraph is whole, longer than the 1 MiB hri-index took */
	assert_true(longest_text(p.out) > HRI_SEGMENT_TEXT_MAX - 2 * MARGIN);
	snprintf(db, sizeof db, "%s/db", dir);
	char *xargv[] = {"hri-index", "-q", "-d", db, NULL};
	assert_int_equal(hri_run_tool("hri-index", xargv, p.out, dir, RUN_LIMIT,
	                              &x), 0);
	if (x.status != 0)
		fprintf(stderr, "hri-index: %s", x.err);
	assert_int_equal(x.status, 0);
	hri_run_free(&p);
	hri_run_free(&x);
	free(path);
	hri_tmpdir_free(dir);
}

static void
test_segment_text_max_over_fails_parse_and_index(void **state)
{
	char *dir = hri_tmpdir_new(), *path, db[512], *rec;
	hri_run p, x;
	size_t n = HRI_SEGMENT_TEXT_MAX + 1, k;

	(void)state;
	assert_non_null(dir);
	path = write_doc(dir, HRI_SEGMENT_TEXT_MAX + MARGIN);
	char *pargv[] = {"hri-parse", path, NULL};
	assert_int_equal(hri_run_tool("hri-parse", pargv, NULL, dir, RUN_LIMIT,
	                              &p), 0);
	assert_int_equal(p.status, 3);
	assert_non_null(strstr(p.err, "A_HRC_99_1.txt: input too large"));
	hri_run_free(&p);

	/* the record hri-parse refused to write: one byte over */
	rec = malloc(n + 256);
	assert_non_null(rec);
	k = (size_t)snprintf(rec, 256, "{\"type\":\"segment\",\"symbol\":"
	                     "\"A/HRC/99/1\",\"id\":\"A/HRC/99/1#1\",\"text\":\"");
	memset(rec + k, 'a', n);
	snprintf(rec + k + n, 256 - k, "\"}\n");
	snprintf(db, sizeof db, "%s/db", dir);
	char *xargv[] = {"hri-index", "-q", "-d", db, NULL};
	assert_int_equal(hri_run_tool("hri-index", xargv, rec, dir, RUN_LIMIT,
	                              &x), 0);
	assert_int_equal(x.status, 3);
	assert_non_null(strstr(x.err, "segment A/HRC/99/1#1: text over"));
	hri_run_free(&x);
	free(rec);
	free(path);
	hri_tmpdir_free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_segment_text_max_under_passes_parse_and_index),
		cmocka_unit_test(test_segment_text_max_over_fails_parse_and_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
