/* test_discover.c - hri-fetch --discover, the real executable, against a
 * real HTTP server on loopback serving MARCXML search pages: paging by
 * {jrec}, the announced total, an empty closing page, a server that ignores
 * paging, records outside the pattern, and a catalogue that fails; then
 * pipelines/ingest-session discovering a session through the same server
 * and fetching its documents from it, and probing when the catalogue is
 * down. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "file.h"
#include "../support/httpd.h"
#include "../support/runexe.h"
#include "../../fetch/discover.h"

#define RUN_LIMIT 30

typedef struct fx {
	hri_httpd *srv;
	char *dir;       /* temporary directory of the test */
	char tmpl[160];  /* catalogue template on the server, with {jrec} */
	char plain[160]; /* the same without {jrec} */
	hri_run run;     /* the last run */
} fx;

static int
setup(void **state)
{
	fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->dir = hri_tmpdir_new();
	assert_non_null(f->dir);
	f->srv = hri_httpd_start(f->dir);
	assert_non_null(f->srv);
	snprintf(f->tmpl, sizeof f->tmpl,
	         "http://127.0.0.1:%d/page{jrec}?p=191__a:{symbol}&of=xm",
	         hri_httpd_port(f->srv));
	snprintf(f->plain, sizeof f->plain,
	         "http://127.0.0.1:%d/search?p=191__a:{symbol}&of=xm",
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
	free(f);
	return 0;
}

/* One MARCXML record with symbol sym in 191 $a and a title. */
static void
record(char *buf, size_t bufsz, const char *sym)
{
	size_t len = strlen(buf);

	snprintf(buf + len, bufsz - len,
	         "<record><controlfield tag=\"001\">1</controlfield>"
	         "<datafield tag=\"191\" ind1=\" \" ind2=\" \">"
	         "<subfield code=\"a\">%s</subfield></datafield>"
	         "<datafield tag=\"245\" ind1=\" \" ind2=\" \">"
	         "<subfield code=\"a\">Report on %s</subfield></datafield>"
	         "</record>\n", sym, sym);
}

/* Serves at path a search page of the NULL-ended symbols, announcing total
 * results in Invenio's comment when total > 0. */
static void
serve_page(fx *f, const char *path, long total, ...)
{
	char buf[8192];
	const char *sym;
	va_list ap;

	snprintf(buf, sizeof buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (total > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
		         "<!-- Search-Engine-Total-Number-Of-Results: %ld -->\n", total);
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
	         "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n");
	va_start(ap, total);
	for (sym = va_arg(ap, const char *); sym; sym = va_arg(ap, const char *))
		record(buf, sizeof buf, sym);
	va_end(ap);
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "</collection>\n");
	hri_httpd_put(f->srv, path, buf, strlen(buf), "application/xml");
}

/* Runs hri-fetch --catalogue tmpl --discover pattern into f->run. */
static void
discover(fx *f, const char *tmpl, const char *pattern)
{
	char *argv[] = {"hri-fetch", "-R", "0", "--catalogue", (char *)tmpl,
	                "--discover", (char *)pattern, NULL};

	hri_run_free(&f->run);
	assert_int_equal(hri_run_tool("hri-fetch", argv, NULL, f->dir, RUN_LIMIT,
	                              &f->run), 0);
	if (getenv("HRI_TEST_VERBOSE"))
		fprintf(stderr, "# exit %d\n%s%s", f->run.status, f->run.out,
		        f->run.err);
}

static void
test_discover_pages_to_total(void **state)
{
	fx *f = *state;

	/* Four records on the first page (one of session 57, one twice), two on
	 * the second, six announced: the third page is never asked for. */
	serve_page(f, "/page1", 6, "A/HRC/58/10", "A/HRC/58/2", "A/HRC/58/1/Add.1",
	           "A/HRC/57/9", NULL);
	serve_page(f, "/page5", 6, "A/HRC/58/1", "a/hrc/58/2/corr.1", "A/HRC/58/2",
	           NULL);
	discover(f, f->tmpl, "A/HRC/58/*");
	assert_int_equal(f->run.status, 0);
	assert_string_equal(f->run.out, "A/HRC/58/1\nA/HRC/58/1/Add.1\n"
	                                "A/HRC/58/2\nA/HRC/58/2/Corr.1\n"
	                                "A/HRC/58/10\n");
	assert_int_equal(hri_httpd_requests(f->srv, "/page1"), 1);
	assert_int_equal(hri_httpd_requests(f->srv, "/page5"), 1);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), 2);
}

static void
test_discover_pages_to_empty(void **state)
{
	fx *f = *state;

	/* No announced total: the pages go on until one has no record. */
	serve_page(f, "/page1", 0, "A/HRC/58/3", "A/HRC/58/4", NULL);
	serve_page(f, "/page3", 0, "A/HRC/58/5", NULL);
	serve_page(f, "/page4", 0, NULL);
	discover(f, f->tmpl, "A/HRC/58/*");
	assert_int_equal(f->run.status, 0);
	assert_string_equal(f->run.out, "A/HRC/58/3\nA/HRC/58/4\nA/HRC/58/5\n");
	assert_int_equal(hri_httpd_requests(f->srv, "/page4"), 1);
	assert_int_equal(hri_httpd_requests(f->srv, NULL), 3);
}

static void
test_discover_server_without_paging(void **state)
{
	fx *f = *state;

	/* A template without {jrec}: the second page repeats the first, and
	 * the search stops there instead of asking 200 times. */
	serve_page(f, "/search", 0, "A/HRC/58/7", "A/HRC/58/7/Add.2", NULL);
	discover(f, f->plain, "A/HRC/58/7*");
	assert_int_equal(f->run.status, 0);
	assert_string_equal(f->run.out, "A/HRC/58/7\nA/HRC/58/7/Add.2\n");
	assert_int_equal(hri_httpd_requests(f->srv, "/search"), 2);
}

static void
test_discover_nothing_matches(void **state)
{
	fx *f = *state;

	serve_page(f, "/page1", 1, "A/HRC/57/1", NULL);
	discover(f, f->tmpl, "A/HRC/58/*");
	assert_int_equal(f->run.status, 1);
	assert_string_equal(f->run.out, "");
}

static void
test_discover_catalogue_fails(void **state)
{
	fx *f = *state;
	static const char junk[] = "<html><body>maintenance</body></html>";

	/* No page at all: 404, exit 4, the URL named, nothing on stdout. */
	discover(f, f->tmpl, "A/HRC/58/*");
	assert_int_equal(f->run.status, 4);
	assert_string_equal(f->run.out, "");
	assert_non_null(strstr(f->run.err, "/page1"));
	assert_non_null(strstr(f->run.err, "HTTP 404"));
	/* A failing second page loses the first one's symbols too: a partial
	 * list would look whole to a script. */
	serve_page(f, "/page1", 0, "A/HRC/58/3", NULL);
	hri_httpd_fault(f->srv, "/page2", HRI_HTTPD_STATUS, 503, 0);
	discover(f, f->tmpl, "A/HRC/58/*");
	assert_int_equal(f->run.status, 4);
	assert_string_equal(f->run.out, "");
	assert_non_null(strstr(f->run.err, "HTTP 503"));
	/* An HTML page where MARCXML should be. */
	hri_httpd_put(f->srv, "/page1", junk, sizeof junk - 1, "text/html");
	discover(f, f->tmpl, "A/HRC/58/*");
	assert_int_equal(f->run.status, 4);
	assert_non_null(strstr(f->run.err, "not MARCXML"));
}

static void
test_discover_bad_pattern(void **state)
{
	fx *f = *state;

	discover(f, f->tmpl, "A HRC 58");
	assert_int_equal(f->run.status, 2);
	assert_non_null(strstr(f->run.err, "--discover: a symbol pattern such as "
	                                   "A/HRC/58/*, not A HRC 58"));
	assert_int_equal(hri_httpd_requests(f->srv, NULL), 0);
}

/* Runs pipelines/ingest-session with argv (NULL-ended, after the name)
 * into f->run, with HRI_HOME in the test's directory and the tools of
 * HRI_BIN first on PATH. */
static void
ingest(fx *f, ...)
{
	char *argv[16], home[PATH_MAX], bin[PATH_MAX], path[2 * PATH_MAX];
	const char *b = getenv("HRI_BIN"), *old = getenv("PATH");
	va_list ap;
	int n = 1;

	argv[0] = "ingest-session";
	va_start(ap, f);
	while (n < 15) {
		argv[n] = va_arg(ap, char *);
		if (!argv[n])
			break;
		n++;
	}
	va_end(ap);
	argv[n] = NULL;
	assert_non_null(realpath(b && *b ? b : "build/bin", bin));
	snprintf(path, sizeof path, "%s:%s", bin, old ? old : "/usr/bin:/bin");
	snprintf(home, sizeof home, "%s/home", f->dir);
	setenv("HRI_HOME", home, 1);
	setenv("PATH", path, 1);
	hri_run_free(&f->run);
	assert_int_equal(hri_run_tool("../../pipelines/ingest-session", argv,
	                              NULL, f->dir, RUN_LIMIT * 4, &f->run), 0);
	if (old)
		setenv("PATH", old, 1);
	if (getenv("HRI_TEST_VERBOSE"))
		fprintf(stderr, "# exit %d\n%s%s", f->run.status, f->run.out,
		        f->run.err);
}

static void
test_ingest_session_discovers(void **state)
{
	fx *f = *state;
	char corpus[PATH_MAX], cat[160], src[160], down[160], log[PATH_MAX];
	hri_httpd *docs;
	unsigned char *text = NULL;
	size_t len;

	/* A second server holds the documents: the bundled corpus. */
	snprintf(corpus, sizeof corpus, "%s/corpus", hri_test_top());
	docs = hri_httpd_start(corpus);
	assert_non_null(docs);
	snprintf(src, sizeof src, "http://127.0.0.1:%d/{file}.pdf",
	         hri_httpd_port(docs));
	snprintf(cat, sizeof cat, "http://127.0.0.1:%d/cat/{jrec}/{symbol}",
	         hri_httpd_port(f->srv));
	snprintf(down, sizeof down, "http://127.0.0.1:%d/down/{jrec}/{symbol}",
	         hri_httpd_port(f->srv));
	serve_page(f, "/cat/1/A/HRC/28/*", 3, "A/HRC/28/15/Add.1", "A/HRC/28/15",
	           "A/HRC/28/99", NULL);
	serve_page(f, "/cat/1/A/HRC/RES/28/*", 0, NULL);
	serve_page(f, "/cat/1/A/HRC/DEC/28/*", 1, "A/HRC/DEC/28/111", NULL);

	/* The catalogue lists four documents: those are fetched, and nothing
	 * is probed; the one the source lacks is logged, not failed. */
	ingest(f, "--catalogue", cat, "-s", src, "28", NULL);
	assert_int_equal(f->run.status, 0);
	assert_non_null(strstr(f->run.err, "session 28: 3 new, 0 updated, "
	                                   "0 unchanged, 0 failed; 3 indexed"));
	snprintf(log, sizeof log, "%s/home/log/ingest.log", f->dir);
	assert_int_equal(hri_file_read(log, 1 << 20, &text, &len), HRI_OK);
	assert_non_null(strstr((const char *)text, "listed by the catalogue, not found: "
	                             "A/HRC/28/99"));
	free(text);
	assert_int_equal(hri_httpd_requests(docs, "/A_HRC_28_99.pdf"), 1);
	assert_int_equal(hri_httpd_bodies(docs, "/A_HRC_28_15.pdf"), 1);
	assert_int_equal(hri_httpd_bodies(docs, "/A_HRC_DEC_28_111.pdf"), 1);
	assert_int_equal(hri_httpd_requests(docs, "/A_HRC_28_1.pdf"), 0);
	assert_int_equal(hri_httpd_requests(docs, NULL), 4);

	/* Again: the documents are asked for conditionally, nothing is new. */
	ingest(f, "--catalogue", cat, "-s", src, "28", NULL);
	assert_int_equal(f->run.status, 1);
	assert_non_null(strstr(f->run.err, "0 new, 0 updated, 3 unchanged, "
	                                   "0 failed; nothing to do"));
	assert_int_equal(hri_httpd_conditional(docs, "/A_HRC_28_15.pdf"), 1);
	assert_int_equal(hri_httpd_bodies(docs, NULL), 3);

	/* The catalogue down (404 on every page): the run says so and probes
	 * the numbered symbols instead, finding the same documents and one
	 * the catalogue pages above left out, A/HRC/28/2. Some 90 requests:
	 * at hri-fetch's default five a second they took 18 s of waiting, so
	 * this run lifts the limit (-r 0, passed to hri-fetch; the limit is
	 * test_fetch's to check). */
	ingest(f, "--catalogue", down, "-s", src, "--misses", "11", "-r", "0",
	       "28", NULL);
	assert_int_equal(f->run.status, 0);
	assert_non_null(strstr(f->run.err, "catalogue unreachable"));
	assert_non_null(strstr(f->run.err, "HTTP 404"));
	assert_non_null(strstr(f->run.err, "1 new, 0 updated, 3 unchanged, "
	                                   "0 failed; 1 indexed"));
	assert_int_equal(hri_httpd_bodies(docs, "/A_HRC_28_2.pdf"), 1);
	assert_int_equal(hri_httpd_requests(docs, "/A_HRC_28_1.pdf"), 1);
	assert_int_equal(hri_httpd_requests(docs, "/A_HRC_28_15_Corr.1.pdf"), 1);
	hri_httpd_stop(docs);
}

static void
test_hri_discover_pattern_ok_cases(void **state)
{
	(void)state;
	assert_true(hri_discover_pattern_ok("A/HRC/58/*"));
	assert_true(hri_discover_pattern_ok("A/HRC/WG.6/20/SVN/?"));
	assert_false(hri_discover_pattern_ok(""));
	assert_false(hri_discover_pattern_ok("*"));
	assert_false(hri_discover_pattern_ok("A/HRC/58/\"*"));
	assert_false(hri_discover_pattern_ok("A/HRC/58/ *"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_discover_pages_to_total, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_discover_pages_to_empty, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_discover_server_without_paging,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_discover_nothing_matches, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_discover_catalogue_fails, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_discover_bad_pattern, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_ingest_session_discovers, setup,
		                                teardown),
		cmocka_unit_test(test_hri_discover_pattern_ok_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
