/* test_extract_gold.c - precision and recall of the extractor against a
 * hand-labelled sample: tests/data/extract-gold.jsonl holds real paragraphs
 * of the bundled corpus (A/HRC/23/20, A/HRC/31/81, A/74/35, A/HRC/28/15)
 * with every citation, instrument, State and treaty in them labelled by
 * reading the text. The figures are printed; the floors below are set a few
 * points under what the extractor reached when the sample was written, so a
 * regression fails while a better table passes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../parse/extract.h"
#include "file.h"
#include "jsonl.h"

enum { F_CITES, F_INSTR, F_COUNTRIES, F_TREATIES, F_N };
static const char *const field[F_N] = {"cites", "instruments", "countries",
                                       "treaties"};
/* Floors (per cent). First measured (41 paragraphs): cites 100/100,
 * instruments 94/94, countries 100/100, treaties 93/82; after the fixes and
 * table entries that measurement showed missing, 100/100, 100/100,
 * 100/100, 97/97. The floors sit a few points under, not at, the result. */
static const double floor_p[F_N] = {90, 90, 95, 88};
static const double floor_r[F_N] = {90, 90, 95, 88};

/* Writes a comparable key for one annotation value into out. */
static void
key_of(int f, json_t *v, char *out, size_t n)
{
	if (f == F_CITES) {
		const char *p = hri_json_str(v, "pinpoint");
		snprintf(out, n, "%s|%s", hri_json_str(v, "symbol"), p ? p : "");
	} else if (f == F_INSTR) {
		const char *is = hri_json_str(v, "issuer");
		snprintf(out, n, "%s|%s|%s", hri_json_str(v, "kind"),
		         is ? is : "", hri_json_str(v, "number"));
	} else {
		snprintf(out, n, "%s", json_string_value(v));
	}
}

/* Returns nonzero when arr holds a value with key k. */
static int
has_key(int f, json_t *arr, const char *k)
{
	size_t i;
	json_t *v;
	char buf[512];
	json_array_foreach(arr, i, v) {
		key_of(f, v, buf, sizeof buf);
		if (!strcmp(buf, k))
			return 1;
	}
	return 0;
}

static void
test_extract_gold_precision_recall(void **state)
{
	(void)state;
	char path[4096], err[512];
	const char *top = getenv("HRI_TOP");
	snprintf(path, sizeof path, "%s/tests/data/extract-gold.jsonl",
	         top ? top : ".");
	unsigned char *buf = NULL;
	size_t len = 0;
	assert_int_equal(hri_file_read(path, 1 << 24, &buf, &len), HRI_OK);
	hri_extractor *ex = NULL;
	hri_status st = hri_extractor_new(&ex, err, sizeof err);
	if (st)
		fail_msg("%s", err);
	long tp[F_N] = {0}, fp[F_N] = {0}, fn[F_N] = {0};
	int records = 0;
	char *p = (char *)buf, *end = p + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl == p) {
			p++;
			continue;
		}
		json_t *gold = NULL;
		assert_int_equal(hri_jsonl_parse(p, (size_t)(nl - p), &gold, err,
		                                 sizeof err), HRI_OK);
		records++;
		hri_extract_doc *d = NULL;
		assert_int_equal(hri_extract_doc_new(ex, hri_json_str(gold, "symbol"),
		                                     hri_json_str(gold, "body"), &d),
		                 HRI_OK);
		json_t *seg = json_pack("{s:s, s:s}", "text",
		                        hri_json_str(gold, "text"), "kind",
		                        hri_json_str(gold, "kind"));
		assert_non_null(seg);
		assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
		for (int f = 0; f < F_N; f++) {
			json_t *want = json_object_get(gold, field[f]);
			json_t *got = json_object_get(seg, field[f]);
			size_t i;
			json_t *v;
			char k[512];
			json_array_foreach(got, i, v) {
				key_of(f, v, k, sizeof k);
				if (has_key(f, want, k)) {
					tp[f]++;
				} else {
					fp[f]++;
					printf("# %s: %s: extra %s\n", hri_json_str(gold, "id"),
					       field[f], k);
				}
			}
			json_array_foreach(want, i, v) {
				key_of(f, v, k, sizeof k);
				if (!has_key(f, got, k)) {
					fn[f]++;
					printf("# %s: %s: missed %s\n", hri_json_str(gold, "id"),
					       field[f], k);
				}
			}
		}
		json_decref(seg);
		json_decref(gold);
		hri_extract_doc_free(d);
		p = nl + 1;
	}
	assert_true(records >= 25);
	printf("# gold sample: %d paragraphs\n", records);
	for (int f = 0; f < F_N; f++) {
		double pr = tp[f] + fp[f] ? 100.0 * tp[f] / (tp[f] + fp[f]) : 100;
		double rc = tp[f] + fn[f] ? 100.0 * tp[f] / (tp[f] + fn[f]) : 100;
		printf("# %-12s precision %5.1f%%  recall %5.1f%%  (%ld found, %ld "
		       "extra, %ld missed)\n", field[f], pr, rc, tp[f], fp[f], fn[f]);
		assert_true(tp[f] + fn[f] > 0);
		if (pr < floor_p[f] || rc < floor_r[f])
			fail_msg("%s below its floor (precision %.1f < %.0f or recall "
			         "%.1f < %.0f)", field[f], pr, floor_p[f], rc,
			         floor_r[f]);
	}
	hri_extractor_free(ex);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract_gold_precision_recall),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
