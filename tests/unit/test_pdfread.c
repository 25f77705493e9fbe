/* test_pdfread.c - the PDF reader on corpus documents: lines rebuilt in
 * reading order with their pages, raised footnote calls found, damaged
 * files refused with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../parse/doctext.h"
#include "../../parse/readers.h"
#include "file.h"

/* Reads HRI_TOP/rel with the PDF reader into *t; returns its status. */
static hri_status
read_pdf(const char *rel, hri_doctext **t, char *err, size_t errsz)
{
	const char *top = getenv("HRI_TOP");
	char path[1024];
	unsigned char *buf;
	size_t len;
	hri_status st;

	snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
	if (hri_file_read(path, 64u << 20, &buf, &len) != HRI_OK)
		fail_msg("cannot read %s", path);
	*t = hri_doctext_new(0);
	assert_non_null(*t);
	st = hri_pdfread(buf, len, *t, err, errsz);
	free(buf);
	return st;
}

/* Returns the index of the first line starting with s, or -1. */
static long
find(const hri_doctext *t, const char *s)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strncmp(t->lines[i].text, s, strlen(s)) == 0)
			return (long)i;
	return -1;
}

static void
test_pdfread_justified_lines_in_order(void **state)
{
	hri_doctext *t;
	char err[256];
	long i;

	assert_int_equal(read_pdf("corpus/A_HRC_28_15.pdf", &t, err, sizeof err), HRI_OK);
	assert_int_equal(t->pages, 25);
	i = find(t, "115.51 Take the necessary measures to effectively fight against");
	assert_true(i >= 0);
	assert_int_equal(t->lines[i].page, 16);
	i = find(t, "United Nations A/HRC/28/15");
	assert_true(i >= 0);
	assert_int_equal(t->lines[i].page, 1);
	hri_doctext_free(t);
}

static void
test_pdfread_raised_calls(void **state)
{
	hri_doctext *t;
	char err[256];
	size_t i;
	int found = 0, glued = 0;

	assert_int_equal(read_pdf("corpus/A_HRC_WG.6_20_SVN_1.pdf", &t, err, sizeof err),
	                 HRI_OK);
	for (i = 0; i < t->n; i++) {
		if (strstr(t->lines[i].text, "Reform Programmes\x01" "4\x02, Slovenia"))
			found = 1;
		/* years and figures are not calls */
		if (strstr(t->lines[i].text, "\x01" "2013\x02") ||
		    strstr(t->lines[i].text, "\x01" "000\x02"))
			glued = 1;
	}
	assert_true(found);
	assert_false(glued);
	hri_doctext_free(t);
}

static void
test_pdfread_broken_xref(void **state)
{
	hri_doctext *t;
	char err[256] = "";

	assert_int_equal(read_pdf("tests/data/broken_xref.pdf", &t, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_non_null(strstr(err, "damaged PDF"));
	assert_int_equal(t->n, 0);
	hri_doctext_free(t);
}

static void
test_pdfread_not_a_pdf(void **state)
{
	hri_doctext *t = hri_doctext_new(0);
	char err[256] = "";
	static const unsigned char junk[] = "%PDF-1.4\nthis is no PDF at all\n";

	assert_int_equal(hri_pdfread(junk, sizeof junk - 1, t, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_true(err[0] != '\0');
	hri_doctext_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdfread_justified_lines_in_order),
		cmocka_unit_test(test_pdfread_raised_calls),
		cmocka_unit_test(test_pdfread_broken_xref),
		cmocka_unit_test(test_pdfread_not_a_pdf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
