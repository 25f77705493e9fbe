/* test_fetch_format.c - the small modules of hri-fetch: formats told from
 * bytes (on the bundled corpus's real files), the check of an answer
 * against the format asked for, URL templates, and mirror look-ups. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../fetch/format.h"
#include "../../fetch/mirror.h"
#include "../../fetch/template.h"
#include "../support/runexe.h"
#include "file.h"

/* Returns the format hri_format_detect() gives a file of the source tree. */
static const char *
detect_file(const char *rel, const char *hint)
{
	char path[PATH_MAX];
	unsigned char *buf;
	size_t len;
	const char *f;

	snprintf(path, sizeof path, "%s/%s", hri_test_top(), rel);
	assert_int_equal(hri_file_read(path, 64u << 20, &buf, &len), HRI_OK);
	f = hri_format_detect(buf, len, hint);
	free(buf);
	return f;
}

static void
test_hri_format_detect_corpus(void **state)
{
	(void)state;
	assert_string_equal(detect_file("corpus/A_HRC_28_15.pdf", NULL), "pdf");
	/* The extension never overrides the bytes. */
	assert_string_equal(detect_file("corpus/A_HRC_28_15.pdf", "md"), "pdf");
	assert_string_equal(detect_file("tests/data/UPR20_Slovenia_advance_questions.docx",
	                                NULL), "docx");
	assert_string_equal(detect_file("corpus/A_HRC_26_41.txt", "txt"), "text");
	assert_string_equal(detect_file("corpus/A_74_35.md", ".md"), "markdown");
	assert_string_equal(detect_file("corpus/A_74_35.md", NULL), "text");
	assert_string_equal(detect_file("tests/data/marc_not_marc.xml", NULL), "html");
}

static void
test_hri_format_detect_bytes(void **state)
{
	static const unsigned char doc[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0";
	static const unsigned char bin[] = "\x89PNG\r\n\x1a\n\0\0";
	static const unsigned char html[] = "\xef\xbb\xbf\n  <!DOCTYPE HTML><p>x";
	static const unsigned char text[] = "Caf\xc3\xa9 et th\xc3\xa9\n";
	static const unsigned char latin1[] = "Caf\xe9 et th\xe9\n";

	(void)state;
	assert_string_equal(hri_format_detect(doc, sizeof doc - 1, NULL), "doc");
	assert_null(hri_format_detect(bin, sizeof bin - 1, NULL));
	assert_string_equal(hri_format_detect(html, sizeof html - 1, NULL), "html");
	assert_string_equal(hri_format_detect(text, sizeof text - 1, NULL), "text");
	assert_null(hri_format_detect(latin1, sizeof latin1 - 1, NULL));
	assert_null(hri_format_detect((const unsigned char *)"", 0, NULL));
	/* A UTF-8 sequence cut by the sniffing window is still text. */
	assert_string_equal(hri_format_detect(text, 4, NULL), "text");
}

static void
test_hri_format_check_answers(void **state)
{
	char why[256];

	(void)state;
	assert_true(hri_format_check("pdf", "application/pdf", "pdf", why, sizeof why));
	assert_true(hri_format_check("pdf", NULL, "pdf", why, sizeof why));
	assert_true(hri_format_check("pdf", "application/octet-stream", "pdf", why,
	                             sizeof why));
	assert_true(hri_format_check(NULL, "text/html", "html", why, sizeof why));
	assert_true(hri_format_check("markdown", "text/plain", "text", why, sizeof why));
	assert_false(hri_format_check("pdf", "text/html; charset=utf-8", "html", why,
	                              sizeof why));
	assert_string_equal(why, "got an HTML page (Content-Type: text/html; "
	                         "charset=utf-8) where pdf was asked");
	/* Either witness is enough: the header ... */
	assert_false(hri_format_check("pdf", "text/html", "pdf", why, sizeof why));
	/* ... or the bytes. */
	assert_false(hri_format_check("pdf", "application/pdf", "html", why, sizeof why));
	assert_false(hri_format_check("pdf", "application/vnd.openxmlformats-"
	                              "officedocument.wordprocessingml.document",
	                              "docx", why, sizeof why));
	assert_non_null(strstr(why, "got docx"));
	assert_false(hri_format_check(NULL, "image/png", NULL, why, sizeof why));
	assert_non_null(strstr(why, "none of"));
}

static void
test_hri_format_names(void **state)
{
	(void)state;
	assert_string_equal(hri_format_name("md"), "markdown");
	assert_string_equal(hri_format_name(".TXT"), "text");
	assert_string_equal(hri_format_name("htm"), "html");
	assert_null(hri_format_name("exe"));
	assert_null(hri_format_name(NULL));
	assert_string_equal(hri_format_ext("markdown"), "md");
	assert_string_equal(hri_format_ext("pdf"), "pdf");
	assert_string_equal(hri_format_ext("nonsense"), "bin");
	assert_string_equal(hri_format_mime("docx"),
	                    "application/vnd.openxmlformats-officedocument."
	                    "wordprocessingml.document");
	assert_string_equal(hri_format_mime(NULL), "application/octet-stream");
	assert_string_equal(hri_format_from_mime("text/markdown; charset=UTF-8"),
	                    "markdown");
	assert_string_equal(hri_format_from_mime(" Application/PDF"), "pdf");
	assert_null(hri_format_from_mime("text/markdownish"));
	assert_null(hri_format_from_mime(NULL));
}

static void
test_hri_template_expand_encodes(void **state)
{
	hri_template_vars v = {"A/HRC/28/15/Add.1", "A_HRC_28_15_Add.1", "fr", "pdf"};
	char *url = NULL;

	(void)state;
	assert_int_equal(hri_template_expand(
	                         "https://documents.un.org/api/symbol/access?s={symbol}"
	                         "&l={lang}&t={format}", &v, &url), HRI_OK);
	assert_string_equal(url, "https://documents.un.org/api/symbol/access?"
	                         "s=A%2FHRC%2F28%2F15%2FAdd.1&l=fr&t=pdf");
	free(url);
	assert_int_equal(hri_template_expand("http://m/{file}.{format}{unknown}{",
	                                     &v, &url), HRI_OK);
	assert_string_equal(url, "http://m/A_HRC_28_15_Add.1.pdf{unknown}{");
	free(url);
	/* A value cannot add a query parameter, a path or a fragment. */
	v.symbol = "S/RES/1325 (2000)&x=1#f?";
	assert_int_equal(hri_template_expand("http://m/?s={symbol}", &v, &url), HRI_OK);
	assert_string_equal(url, "http://m/?s=S%2FRES%2F1325%20%282000%29%26x%3D1%23f%3F");
	free(url);
	v.lang = NULL;
	assert_int_equal(hri_template_expand("http://m/{lang}", &v, &url), HRI_OK);
	assert_string_equal(url, "http://m/");
	free(url);
}

static void
test_hri_template_expand_too_long(void **state)
{
	char big[4000];
	hri_template_vars v = {big, NULL, NULL, NULL};
	char *url = (char *)1;

	(void)state;
	memset(big, '/', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(hri_template_expand("http://m/{symbol}", &v, &url),
	                 HRI_ERR_TOO_BIG);
	assert_null(url);
}

static void
test_hri_template_is_url_forms(void **state)
{
	(void)state;
	assert_true(hri_template_is_url("http://x/{file}"));
	assert_true(hri_template_is_url("file:///etc/{file}"));
	assert_false(hri_template_is_url("corpus/"));
	assert_false(hri_template_is_url("/srv/mirror"));
	assert_false(hri_template_is_url("./http://x"));
}

static void
test_hri_mirror_find_corpus(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 64], want[PATH_MAX + 64];
	const char *ext;

	(void)state;
	snprintf(dir, sizeof dir, "%s/corpus", hri_test_top());
	assert_int_equal(hri_mirror_find(dir, "A_HRC_26_41", "en", "pdf", path,
	                                 sizeof path, &ext), HRI_OK);
	assert_string_equal(ext, "txt");
	snprintf(want, sizeof want, "%s/A_HRC_26_41.txt", dir);
	assert_string_equal(path, want);
	assert_int_equal(hri_mirror_find(dir, "A_74_35", "en", NULL, path,
	                                 sizeof path, &ext), HRI_OK);
	assert_string_equal(ext, "md");
	assert_int_equal(hri_mirror_find(dir, "A_HRC_99_1", "en", NULL, path,
	                                 sizeof path, &ext), HRI_ERR_NOT_FOUND);
	assert_null(ext);
	assert_int_equal(hri_mirror_find(dir, "../corpus/A_74_35", "en", NULL, path,
	                                 sizeof path, &ext), HRI_ERR_INVALID);
	assert_int_equal(hri_mirror_find(dir, ".hidden", "en", NULL, path,
	                                 sizeof path, &ext), HRI_ERR_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_format_detect_corpus),
		cmocka_unit_test(test_hri_format_detect_bytes),
		cmocka_unit_test(test_hri_format_check_answers),
		cmocka_unit_test(test_hri_format_names),
		cmocka_unit_test(test_hri_template_expand_encodes),
		cmocka_unit_test(test_hri_template_expand_too_long),
		cmocka_unit_test(test_hri_template_is_url_forms),
		cmocka_unit_test(test_hri_mirror_find_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
