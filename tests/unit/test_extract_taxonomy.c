/* test_extract_taxonomy.c - themes and affected persons measured against
 * OHCHR's own annotation: tests/data/UPR20_Slovenia_thematic_list_of_
 * recommendations.docx lists each recommendation of A/HRC/28/15 with the
 * themes and affected persons OHCHR gave it, under the names of 2015, which
 * data/labels.tsv maps to the current ones. The test reads the DOCX (a zip
 * holding word/document.xml), runs the extractor on every recommendation
 * and prints micro-averaged precision and recall; the floors are set some
 * points under the figures reached when the rules were written (the rules
 * were written after reading this list, so the figures measure fit to
 * OHCHR's practice on this review, not performance on unseen text). The
 * list carries no SDGs (it predates them), so SDGs are checked by the unit
 * tests of test_extract.c only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "../../parse/extract.h"
#include "file.h"
#include "jsonl.h"
#include "labels.h"

#define DOCX "UPR20_Slovenia_thematic_list_of_recommendations.docx"
#define MEMBER_MAX (16u << 20) /* bytes of word/document.xml, inflated */

/* Reached when written: themes 86.0/83.3, affected 86.3/79.7 (precision/
 * recall, per cent). With the current UHRI labels (OHCHR's 2015 names read
 * through labels.tsv), the learned model beside the rules and the rules for
 * labels OHCHR has added since: themes 76.5/84.5, affected 73.2/86.1; the
 * 2015 list's taxonomy is not today's, and the rules are no longer fitted
 * to this list alone (bench/classify measures lists hri never trained on).
 * The floors sit about five points under. */
static const double floor_theme_p = 71, floor_theme_r = 79;
static const double floor_aff_p = 68, floor_aff_r = 81;

/* Reads a little-endian integer of n bytes at p. */
static uint32_t
le(const unsigned char *p, int n)
{
	uint32_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Inflates the member name of the zip (z, zl) into a new NUL-terminated
 * buffer; NULL when missing or corrupt. */
static char *
zip_member(const unsigned char *z, size_t zl, const char *name)
{
	size_t eocd = zl >= 22 ? zl - 22 : 0;
	while (eocd > 0 && le(z + eocd, 4) != 0x06054b50)
		eocd--;
	if (le(z + eocd, 4) != 0x06054b50)
		return NULL;
	size_t n = le(z + eocd + 10, 2), off = le(z + eocd + 16, 4);
	for (size_t i = 0; i < n && off + 46 <= zl; i++) {
		const unsigned char *c = z + off;
		if (le(c, 4) != 0x02014b50)
			return NULL;
		size_t nl = le(c + 28, 2), xl = le(c + 30, 2), cl = le(c + 32, 2);
		size_t csize = le(c + 20, 4), usize = le(c + 24, 4);
		size_t loc = le(c + 42, 4);
		if (nl == strlen(name) && !memcmp(c + 46, name, nl) &&
		    loc + 30 <= zl && usize < MEMBER_MAX) {
			const unsigned char *l = z + loc;
			size_t data = loc + 30 + le(l + 26, 2) + le(l + 28, 2);
			if (data + csize > zl)
				return NULL;
			char *out = malloc(usize + 1);
			if (!out)
				return NULL;
			z_stream s;
			memset(&s, 0, sizeof s);
			s.next_in = (unsigned char *)(z + data);
			s.avail_in = (uInt)csize;
			s.next_out = (unsigned char *)out;
			s.avail_out = (uInt)usize;
			if (le(c + 10, 2) == 0) {
				memcpy(out, z + data, usize);
			} else if (inflateInit2(&s, -15) != Z_OK ||
			           inflate(&s, Z_FINISH) != Z_STREAM_END) {
				inflateEnd(&s);
				free(out);
				return NULL;
			} else {
				inflateEnd(&s);
			}
			out[usize] = '\0';
			return out;
		}
		off += 46 + nl + xl + cl;
	}
	return NULL;
}

/* Appends the text of every w:t under node to buf (cap bytes). */
static void
text_of(xmlNode *node, char *buf, size_t cap)
{
	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			size_t have = strlen(buf);
			if (t)
				snprintf(buf + have, cap - have, "%s", (const char *)t);
			xmlFree(t);
		} else if (c->type == XML_ELEMENT_NODE) {
			text_of(c, buf, cap);
		}
	}
}

/* Collects the paragraphs (w:p) under node into arr, in order. */
static void
paragraphs(xmlNode *node, json_t *arr)
{
	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "p")) {
			char buf[8192] = "";
			text_of(c, buf, sizeof buf);
			/* Trim. */
			size_t n = strlen(buf);
			while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
				buf[--n] = '\0';
			json_array_append_new(arr, json_string(buf));
		} else {
			paragraphs(c, arr);
		}
	}
}

/* Returns nonzero when arr holds s, compared without case. */
static int
has_ci(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (!strcasecmp(json_string_value(v), s))
			return 1;
	return 0;
}

/* Appends to arr OHCHR's 2015 name (field "theme" or "affected") as the
 * label it is now (labels.tsv); "general" (no group named) is left out, and
 * so is a name labels.tsv does not know, which the caller counts. */
static void
add_gold(const hri_labels *lab, const char *field, const char *name,
         json_t *themes, json_t *aff, int *unknown)
{
	const char *lf = NULL;
	const char *cur = hri_labels_find(lab, field, name, strlen(name), &lf);
	if (!strcasecmp(name, "general"))
		return;
	if (!cur) {
		printf("# not in labels.tsv: %s \"%s\"\n", field, name);
		(*unknown)++;
		return;
	}
	json_t *arr = !strcmp(lf, "affected") ? aff : themes;
	if (!has_ci(arr, cur))
		json_array_append_new(arr, json_string(cur));
}

/* Counts true and false positives and misses of got against want. */
static void
score(json_t *got, json_t *want, long *tp, long *fp, long *fn)
{
	size_t i;
	json_t *v;
	json_array_foreach(got, i, v) {
		/* OHCHR's 2015 lists did not yet give the officials every
		 * recommendation concerns. */
		if (!strcmp(json_string_value(v), "Public officials"))
			continue;
		if (has_ci(want, json_string_value(v)))
			(*tp)++;
		else
			(*fp)++;
	}
	json_array_foreach(want, i, v)
		if (!has_ci(got, json_string_value(v)))
			(*fn)++;
}

static void
test_extract_taxonomy_ohchr_annotation(void **state)
{
	(void)state;
	char path[4096], err[512];
	const char *top = getenv("HRI_TOP");
	snprintf(path, sizeof path, "%s/tests/data/%s", top ? top : ".", DOCX);
	unsigned char *z = NULL;
	size_t zl = 0;
	assert_int_equal(hri_file_read(path, 1 << 26, &z, &zl), HRI_OK);
	char *xml = zip_member(z, zl, "word/document.xml");
	assert_non_null(xml);
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "document.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	assert_non_null(doc);
	json_t *paras = json_array();
	paragraphs(xmlDocGetRootElement(doc), paras);
	xmlFreeDoc(doc);
	free(xml);
	free(z);

	hri_extractor *ex = NULL;
	if (hri_extractor_new(&ex, err, sizeof err))
		fail_msg("%s", err);
	hri_labels *lab = NULL;
	if (hri_labels_load(NULL, &lab, err, sizeof err))
		fail_msg("%s", err);
	int unknown = 0;
	hri_extract_doc *d = NULL;
	assert_int_equal(hri_extract_doc_new(ex, "A/HRC/28/15",
	                                     "Human Rights Council", &d), HRI_OK);
	long ttp = 0, tfp = 0, tfn = 0, atp = 0, afp = 0, afn = 0;
	int recs = 0;
	size_t n = json_array_size(paras);
	for (size_t i = 0; i < n; i++) {
		const char *p = json_string_value(json_array_get(paras, i));
		unsigned a, b;
		int used = 0;
		if (sscanf(p, "%u.%u %n", &a, &b, &used) != 2 || a < 110 || a > 119 ||
		    !used)
			continue;
		/* The recommendation, then its position, themes ("B31 Equality &
		 * non-discrimination") and affected persons ("- women") until the
		 * next recommendation or theme heading. */
		json_t *themes = json_array(), *aff = json_array();
		int in_aff = 0;
		size_t j;
		for (j = i + 1; j < n; j++) {
			const char *q = json_string_value(json_array_get(paras, j));
			unsigned x, y;
			if (sscanf(q, "%u.%u ", &x, &y) == 2 && x >= 110 && x <= 119)
				break;
			if (!strncmp(q, "Theme:", 6))
				break;
			if (!strncmp(q, "Affected persons", 16)) {
				in_aff = 1;
			} else if (in_aff && !strncmp(q, "- ", 2)) {
				add_gold(lab, "affected", q + 2, themes, aff, &unknown);
			} else if (!in_aff && q[0] >= 'A' && q[0] <= 'H' && q[1] >= '0' &&
			           q[1] <= '9' && strchr(q, ' ')) {
				add_gold(lab, "theme", strchr(q, ' ') + 1, themes, aff,
				         &unknown);
			}
		}
		json_t *seg = json_pack("{s:s, s:s, s:[]}", "text", p + used, "kind",
		                        "recommendation", "recommending");
		assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
		score(json_object_get(seg, "themes"), themes, &ttp, &tfp, &tfn);
		score(json_object_get(seg, "affected"), aff, &atp, &afp, &afn);
		recs++;
		json_decref(seg);
		json_decref(themes);
		json_decref(aff);
		i = j - 1;
	}
	double tp_ = 100.0 * ttp / (ttp + tfp), tr = 100.0 * ttp / (ttp + tfn);
	double ap = 100.0 * atp / (atp + afp), ar = 100.0 * atp / (atp + afn);
	printf("# %d recommendations of A/HRC/28/15 against OHCHR's annotation\n",
	       recs);
	printf("# themes    precision %5.1f%%  recall %5.1f%%  (%ld right, %ld "
	       "extra, %ld missed)\n", tp_, tr, ttp, tfp, tfn);
	printf("# affected  precision %5.1f%%  recall %5.1f%%  (%ld right, %ld "
	       "extra, %ld missed)\n", ap, ar, atp, afp, afn);
	assert_int_equal(recs, 163);
	/* Every name OHCHR used in 2015 is a label of labels.tsv, under its
	 * current name or as an older one. */
	assert_int_equal(unknown, 0);
	assert_true(tp_ >= floor_theme_p);
	assert_true(tr >= floor_theme_r);
	assert_true(ap >= floor_aff_p);
	assert_true(ar >= floor_aff_r);
	hri_extract_doc_free(d);
	hri_extractor_free(ex);
	hri_labels_free(lab);
	json_decref(paras);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract_taxonomy_ohchr_annotation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
