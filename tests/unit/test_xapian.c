/* test_xapian.c - the Xapian shim on real databases in a temporary
 * directory: add, replace, delete, prefixes, facets, transactions, locks and
 * the error paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "xapian.h"
#include "../support/runexe.h"

/* A temporary directory and the database path in it. */
struct fx {
	char *dir;      /* temporary directory (hri_tmpdir_new) */
	char db[512];
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
	snprintf(f->db, sizeof f->db, "%s/db", f->dir);
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

/* Adds one segment: id, symbol, text, a country and SDG target, year. */
static void
add(hri_db *db, const char *id, const char *symbol, const char *text,
    const char *country, const char *sdg, int year)
{
	hri_xdoc *x = hri_xdoc_new(db);
	char data[512], y[8];

	assert_non_null(x);
	assert_int_equal(hri_xdoc_set_id(x, id), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "symbol", symbol), HRI_OK);
	if (country)
		assert_int_equal(hri_xdoc_term(x, "country", country), HRI_OK);
	if (sdg)
		assert_int_equal(hri_xdoc_term(x, "sdg", sdg), HRI_OK);
	snprintf(y, sizeof y, "%d", year);
	assert_int_equal(hri_xdoc_term(x, "year", y), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, text, 1, HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_xdoc_numbers(x, year, 1, 0), HRI_OK);
	snprintf(data, sizeof data, "{\"id\":\"%s\"}", id);
	assert_int_equal(hri_xdoc_data(x, data, strlen(data)), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	hri_xdoc_free(x);
}

/* Returns the number of matches of query on the database at path. */
static unsigned long
count(const char *path, const char *query)
{
	hri_db *db = NULL;
	hri_hits *h = NULL;
	hri_query_opts qo = {0};
	unsigned long n;
	char err[256];

	qo.limit = 100;
	assert_int_equal(hri_db_open(path, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_query(db, query, &qo, &h), HRI_OK);
	n = hri_hits_count(h);
	hri_hits_free(h);
	hri_db_free(db);
	return n;
}

/* Builds the small database most tests search. */
static void
build(const char *path)
{
	hri_db *db = NULL;
	char err[256];

	assert_int_equal(hri_db_open(path, HRI_DB_WRITE, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	add(db, "A/HRC/26/41#14", "A/HRC/26/41",
	    "South-South cooperation is already well recognized within the "
	    "United Nations system.", "Russian Federation", "17.9", 2014);
	add(db, "A/HRC/26/41#15", "A/HRC/26/41",
	    "The key feature of South-South cooperation is that it is "
	    "initiated by developing countries themselves.", "Nigeria", "16.2",
	    2014);
	add(db, "A/74/35#9", "A/74/35",
	    "The 2030 Agenda calls for a revitalized Global Partnership for "
	    "Sustainable Development and ratification of treaties.", "Nigeria",
	    "17", 2019);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
}

static void
test_hri_db_query_free_text_and_phrase(void **state)
{
	struct fx *f = *state;

	build(f->db);
	assert_int_equal(count(f->db, "cooperation"), 2);
	assert_int_equal(count(f->db, "\"developing countries\""), 1);
	assert_int_equal(count(f->db, "South-South"), 2);
	assert_int_equal(count(f->db, "cooperation -feature"), 1);
	assert_int_equal(count(f->db, "cooperation OR agenda"), 3);
	assert_int_equal(count(f->db, "ratif*"), 1);
	/* Stemming: "recognize" finds "recognized". */
	assert_int_equal(count(f->db, "recognize"), 1);
}

/* Adds segment id of symbol with text, the document title title and the
 * section heading heading (each may be NULL). */
static void
add_titled(hri_db *db, const char *id, const char *symbol, const char *text,
           const char *title, const char *heading)
{
	hri_xdoc *x = hri_xdoc_new(db);

	assert_non_null(x);
	assert_int_equal(hri_xdoc_set_id(x, id), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "symbol", symbol), HRI_OK);
	if (title)
		assert_int_equal(hri_xdoc_text(x, title, 0, HRI_TEXT_DOC_TITLE),
		                 HRI_OK);
	if (heading)
		assert_int_equal(hri_xdoc_text(x, heading, 0,
		                               HRI_TEXT_SECTION_TITLE), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, text, 1, HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_xdoc_numbers(x, 0, -1, 0), HRI_OK);
	assert_int_equal(hri_xdoc_data(x, "{}", 2), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	hri_xdoc_free(x);
}

/* title: finds every segment of a document whose title matches, whether
 * the title is on its first segment only (hri-index now) or on each (as
 * hri-index wrote it before), and the segments under a heading that
 * matches. */
static void
test_hri_db_query_title_first_or_every_segment(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	char err[256];

	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err,
	                             sizeof err), HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	add_titled(db, "A/1#1", "A/1", "Opening words.", "Seminar on water", NULL);
	add_titled(db, "A/1#2", "A/1", "Middle words.", NULL, NULL);
	add_titled(db, "A/1#3", "A/1", "Closing words.", NULL, NULL);
	add_titled(db, "B/2#1", "B/2", "Water words.", "Report on housing", NULL);
	add_titled(db, "B/2#2", "B/2", "More words.", "Report on housing", NULL);
	add_titled(db, "C/3#1", "C/3", "Other words.", NULL, "Seminar notes");
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	assert_int_equal(count(f->db, "title:seminar"), 4);
	assert_int_equal(count(f->db, "title:seminar symbol:A/1"), 3);
	assert_int_equal(count(f->db, "title:\"seminar on water\""), 3);
	assert_int_equal(count(f->db, "title:\"report on housing\""), 2);
	assert_int_equal(count(f->db, "title:\"reports on houses\""), 2);
	assert_int_equal(count(f->db, "title:\"report housing\""), 0);
	assert_int_equal(count(f->db, "title:hous*"), 2);
	assert_int_equal(count(f->db, "title:water OR title:housing"), 5);
	assert_int_equal(count(f->db, "words -title:water"), 3);
	assert_int_equal(count(f->db, "title:\"water seminar\""), 0);
}

static void
test_hri_db_query_boolean_prefixes_fold_case(void **state)
{
	struct fx *f = *state;

	build(f->db);
	assert_int_equal(count(f->db, "country:\"russian federation\""), 1);
	assert_int_equal(count(f->db, "country:\"RUSSIAN   Federation\""), 1);
	assert_int_equal(count(f->db, "country:nigeria"), 2);
	assert_int_equal(count(f->db, "symbol:a/hrc/26/41"), 2);
	assert_int_equal(count(f->db, "symbol:A/HRC/26/41 cooperation"), 2);
	/* Two filters on a field of several values: both must hold. */
	assert_int_equal(count(f->db, "country:nigeria country:cuba"), 0);
	assert_int_equal(count(f->db, "country:nigeria OR country:cuba"), 2);
	/* Two on a field of one value: either may hold. */
	assert_int_equal(count(f->db, "symbol:A/74/35 symbol:A/HRC/26/41"), 3);
	assert_int_equal(count(f->db, "sdg:16.2"), 1);
	assert_int_equal(count(f->db, "year:2019"), 1);
	assert_int_equal(count(f->db, "year:2013..2016"), 2);
	assert_int_equal(count(f->db, "year:2015..2020"), 1);
}

static void
test_hri_db_replace_same_id_replaces(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	char err[256];

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err,
	                             sizeof err), HRI_OK);
	add(db, "A/74/35#9", "A/74/35", "Entirely new words: migrants.", NULL,
	    NULL, 2019);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	assert_int_equal(count(f->db, "agenda"), 0);
	assert_int_equal(count(f->db, "migrants"), 1);
	assert_int_equal(count(f->db, ""), 3);
}

static void
test_hri_db_delete_symbol_removes_all_segments(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	unsigned long n = 0;
	char err[256];

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err,
	                             sizeof err), HRI_OK);
	assert_int_equal(hri_db_delete_symbol(db, "a/hrc/26/41", &n), HRI_OK);
	assert_int_equal(n, 2);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	assert_int_equal(count(f->db, ""), 1);
	assert_int_equal(count(f->db, "cooperation"), 0);
}

static void
test_hri_db_begin_uncommitted_is_dropped(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	char err[256];

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err,
	                             sizeof err), HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	add(db, "X/1#1", "X/1", "uncommitted words", NULL, NULL, 2020);
	hri_db_free(db); /* as if killed before the commit */
	assert_int_equal(count(f->db, "uncommitted"), 0);
	assert_int_equal(count(f->db, ""), 3);
}

static void
test_hri_db_query_facets_count_all_matches(void **state)
{
	struct fx *f = *state;
	const char *facets[] = {"country", "sdg"};
	hri_query_opts qo = {0};
	hri_db *db = NULL;
	hri_hits *h = NULL;
	const char *v;
	unsigned long c;
	char err[256];

	build(f->db);
	qo.limit = 1; /* a page of one, counts over all three */
	qo.facets = facets;
	qo.nfacets = 2;
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_query(db, "", &qo, &h), HRI_OK);
	assert_int_equal(hri_hits_count(h), 1);
	assert_int_equal(hri_hits_matches(h), 3);
	assert_int_equal(hri_hits_facet_size(h, 0), 2);
	assert_int_equal(hri_hits_facet_get(h, 0, 0, &v, &c), HRI_OK);
	assert_string_equal(v, "Nigeria"); /* as written, most frequent first */
	assert_int_equal(c, 2);
	assert_int_equal(hri_hits_facet_get(h, 0, 1, &v, &c), HRI_OK);
	assert_string_equal(v, "Russian Federation");
	assert_int_equal(c, 1);
	assert_int_equal(hri_hits_facet_get(h, 0, 2, &v, &c), HRI_ERR_NOT_FOUND);
	assert_int_equal(hri_hits_facet_size(h, 1), 3);
	hri_hits_free(h);
	hri_db_free(db);
}

/* Writes facet f of h as "value=count,..." into out. */
static void
facet_str(const hri_hits *h, size_t f, char *out, size_t outsz)
{
	size_t j, n = 0;
	const char *v;
	unsigned long c;

	out[0] = '\0';
	for (j = 0; hri_hits_facet_get(h, f, j, &v, &c) == HRI_OK; j++)
		n += (size_t)snprintf(out + n, outsz - n, "%s=%lu,", v, c);
}

/* Runs query with the country facet on db into out (facet_str()). */
static void
country_counts(hri_db *db, const char *query, char *out, size_t outsz)
{
	const char *facets[] = {"country"};
	hri_query_opts qo = {0};
	hri_hits *h = NULL;

	qo.limit = 1;
	qo.facets = facets;
	qo.nfacets = 1;
	assert_int_equal(hri_db_query(db, query, &qo, &h), HRI_OK);
	facet_str(h, 0, out, outsz);
	hri_hits_free(h);
}

static void
test_hri_db_query_facets_again_and_after_reopen(void **state)
{
	struct fx *f = *state;
	hri_db *rd = NULL, *wr = NULL;
	char err[256], a[256], b[256];
	int i;

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &rd, err, sizeof err),
	                 HRI_OK);
	/* The first count reads the value stream, the later ones the copy a
	 * handle keeps of a slot it counts again: the same counts, whatever
	 * the matches. */
	country_counts(rd, "", a, sizeof a);
	assert_string_equal(a, "Nigeria=2,Russian Federation=1,");
	for (i = 0; i < 3; i++) {
		country_counts(rd, "", b, sizeof b);
		assert_string_equal(b, a);
		country_counts(rd, "partnership", b, sizeof b);
		assert_string_equal(b, "Nigeria=1,");
		country_counts(rd, "zzzq", b, sizeof b);
		assert_string_equal(b, "");
	}
	/* A commit seen through reopen() is counted, not the kept copy. */
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &wr, err,
	                             sizeof err), HRI_OK);
	add(wr, "A/74/35#10", "A/74/35", "More partnership.", "Chile", NULL,
	    2019);
	add(wr, "A/74/35#11", "A/74/35", "Partnership again.", "Nigeria", NULL,
	    2019);
	assert_int_equal(hri_db_commit(wr), HRI_OK);
	hri_db_free(wr);
	assert_int_equal(hri_db_reopen(rd), HRI_OK);
	country_counts(rd, "partnership", b, sizeof b);
	assert_string_equal(b, "Nigeria=2,Chile=1,");
	country_counts(rd, "", b, sizeof b);
	assert_string_equal(b, "Nigeria=3,Chile=1,Russian Federation=1,");
	hri_db_free(rd);
}

static void
test_hri_db_query_bad_facet_and_filter(void **state)
{
	struct fx *f = *state;
	const char *facets[] = {"text"};
	hri_filter flt = {"nonsense", "x"};
	hri_query_opts qo = {0};
	hri_db *db = NULL;
	hri_hits *h = NULL;
	char err[256];

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	qo.facets = facets;
	qo.nfacets = 1;
	assert_int_equal(hri_db_query(db, "", &qo, &h), HRI_ERR_INVALID);
	assert_null(h);
	assert_non_null(strstr(hri_db_errmsg(db), "text"));
	qo.nfacets = 0;
	qo.filters = &flt;
	qo.nfilters = 1;
	assert_int_equal(hri_db_query(db, "", &qo, &h), HRI_ERR_INVALID);
	hri_db_free(db);
}

static void
test_hri_db_query_syntax_error(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	hri_hits *h = NULL;
	char err[256];

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_query(db, "cooperation AND (", NULL, &h),
	                 HRI_ERR_QUERY);
	assert_null(h);
	assert_true(strlen(hri_db_errmsg(db)) > 0);
	hri_db_free(db);
}

static void
test_hri_db_open_missing_and_not_a_database(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	char err[256], path[128];
	FILE *fp;

	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_ERR_NOT_FOUND);
	assert_null(db);
	assert_non_null(strstr(err, f->db));
	/* A directory holding something else. */
	snprintf(path, sizeof path, "%s/junk", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("not xapian\n", fp);
	fclose(fp);
	assert_int_equal(hri_db_open(f->dir, HRI_DB_READ, 0, &db, err,
	                             sizeof err), HRI_ERR_DB);
	assert_null(db);
	assert_non_null(strstr(err, "not a Xapian database"));
	/* A file. */
	assert_int_equal(hri_db_open(path, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_ERR_DB);
	assert_null(db);
}

static void
test_hri_db_open_second_writer_locked(void **state)
{
	struct fx *f = *state;
	hri_db *a = NULL, *b = NULL;
	char err[256];

	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &a, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0.2, &b, err,
	                             sizeof err), HRI_ERR_LOCKED);
	assert_null(b);
	assert_non_null(strstr(err, "locked"));
	hri_db_free(a);
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &b, err, sizeof err),
	                 HRI_OK);
	hri_db_free(b);
}

static void
test_hri_hits_snippet_highlights(void **state)
{
	struct fx *f = *state;
	const char *text = "Ratification & South-South cooperation <now>.";
	hri_db *db = NULL;
	hri_hits *h = NULL;
	char err[256], *s;

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_query(db, "cooperation", NULL, &h), HRI_OK);
	s = hri_hits_snippet(h, text, strlen(text), 200, "[", "]", 0);
	assert_string_equal(s, "Ratification & South-South [cooperation] <now>.");
	free(s);
	s = hri_hits_snippet(h, text, strlen(text), 200, "<b>", "</b>", 1);
	assert_non_null(strstr(s, "&amp;"));
	assert_non_null(strstr(s, "<b>cooperation</b>"));
	assert_non_null(strstr(s, "&lt;now&gt;"));
	free(s);
	hri_hits_free(h);
	hri_db_free(db);
}

/* Returns the suggestion for query on the database at path, "" when none. */
static void
suggest(const char *path, const char *query, char *out, size_t outsz)
{
	hri_db *db = NULL;
	hri_hits *h = NULL;
	const char *s;
	char err[256];

	assert_int_equal(hri_db_open(path, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_query(db, query, NULL, &h), HRI_OK);
	s = hri_hits_suggestion(h);
	snprintf(out, outsz, "%s", s ? s : "");
	hri_hits_free(h);
	hri_db_free(db);
}

static void
test_hri_db_query_spelling_suggestion(void **state)
{
	struct fx *f = *state;
	char s[64];

	build(f->db);
	assert_int_equal(count(f->db, "cooperaton"), 0);
	suggest(f->db, "cooperaton", s, sizeof s);
	assert_string_equal(s, "cooperation");
}

static void
test_hri_db_query_spelling_keeps_known_words(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	hri_hits *h = NULL;
	char err[256];

	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err, sizeof err),
	                 HRI_OK);
	add(db, "X/1#1", "X/1", "national national national", NULL, NULL, 2020);
	add(db, "X/1#2", "X/1", "national institutions", NULL, NULL, 2020);
	add(db, "X/1#3", "X/1", "an optional protocol", NULL, NULL, 2020);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	/* Xapian alone would offer the more frequent "national". */
	assert_int_equal(hri_db_query(db, "optional zzzq", NULL, &h), HRI_OK);
	assert_null(hri_hits_suggestion(h));
	hri_hits_free(h);
	assert_int_equal(hri_db_query(db, "optionel protocol", NULL, &h), HRI_OK);
	assert_non_null(hri_hits_suggestion(h));
	assert_string_equal(hri_hits_suggestion(h), "optional protocol");
	hri_hits_free(h);
	hri_db_free(db);
}

/* Adds a segment of text whose words feed the spelling table of speller
 * (NULL: none), as hri_db_segment_set_field()'s scratch segment does. */
static void
add_text(hri_db *db, hri_db *speller, const char *id, const char *symbol,
         const char *text)
{
	hri_xdoc *x = hri_xdoc_new(speller);

	assert_non_null(x);
	assert_int_equal(hri_xdoc_set_id(x, id), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "symbol", symbol), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, text, 1, HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	hri_xdoc_free(x);
}

/* A transaction begun on an empty database adds new segments without
 * looking their ids up and counts the spelling from the whole vocabulary
 * at commit: a repeated id must still replace, and the spelling table
 * must count what the segment-by-segment count did (the words of segments
 * replaced or deleted since, not those of segments added without
 * spelling). Then a second transaction, on the database no longer empty,
 * counts segment by segment as before. */
static void
test_hri_db_fresh_load_replaces_and_spells(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	char err[256], s[64];

	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	add_text(db, db, "X/1#1", "X/1", "tract tract");
	add_text(db, db, "X/1#1", "X/1", "trait"); /* replaces it */
	add_text(db, db, "X/2#1", "X/2", "trait trait");
	add_text(db, NULL, "X/3#1", "X/3", "trait trait trait trait trait");
	add_text(db, db, "X/4#1", "X/4", "tract tract");
	assert_int_equal(hri_db_delete_symbol(db, "X/4", NULL), HRI_OK);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	assert_int_equal(count(f->db, "symbol:X/1"), 1);
	assert_int_equal(count(f->db, "trait"), 3);
	assert_int_equal(count(f->db, "tract"), 0);
	/* tract 2 + 2, trait 1 + 2: the nearest word that was indexed most */
	suggest(f->db, "trabt", s, sizeof s);
	assert_string_equal(s, "tract");

	/* not empty now: counted segment by segment, replacing looked up */
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	add_text(db, db, "X/2#1", "X/2", "trait trait trait trait");
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	assert_int_equal(count(f->db, "symbol:X/2"), 1);
	suggest(f->db, "trabt", s, sizeof s); /* trait 3 + 4 */
	assert_string_equal(s, "trait");
}

static void
test_hri_db_stats_get_counts(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	hri_db_stats s;
	char err[256];

	build(f->db);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_db_stats_get(db, &s), HRI_OK);
	assert_int_equal(s.segments, 3);
	assert_int_equal(s.documents, 2);
	assert_true(s.terms > 20);
	hri_db_free(db);
}

static void
test_hri_xdoc_term_unknown_field_and_free_null(void **state)
{
	hri_xdoc *x = hri_xdoc_new(NULL);

	assert_non_null(x);
	assert_int_equal(hri_xdoc_term(x, "nonsense", "x"), HRI_ERR_INVALID);
	assert_int_equal(hri_xdoc_term(x, "title", "x"), HRI_ERR_INVALID);
	assert_int_equal(hri_xdoc_term(x, "country", ""), HRI_OK);
	hri_xdoc_free(x);
	hri_xdoc_free(NULL);
	hri_db_free(NULL);
	hri_hits_free(NULL);
	assert_true(hri_field_is_facet("theme"));
	assert_false(hri_field_is_facet("para"));
	assert_true(hri_field_is_term("para"));
}

/* One hri_xdoc serves every segment, as in hri-index: the stems it keeps
 * from one segment serve the next, and a facet value given twice in two spellings is listed
 * once, as first written, with the list starting afresh on each segment. */
static void
test_hri_xdoc_reused_stems_and_facet_values(void **state)
{
	struct fx *f = *state;
	hri_db *db = NULL;
	hri_xdoc *x;
	char err[256], out[256];

	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err,
	                             sizeof err), HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	x = hri_xdoc_new(db);
	assert_non_null(x);
	assert_int_equal(hri_xdoc_set_id(x, "A/1#1"), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "symbol", "A/1"), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "country", "Nigeria"), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "country", "NIGERIA "), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "country", "Chad"), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, "Standing invitations were extended "
	                                  "to the mandate holders.", 1,
	                               HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_xdoc_data(x, "{}", 2), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	hri_xdoc_reset(x);
	assert_int_equal(hri_xdoc_set_id(x, "A/1#2"), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "symbol", "A/1"), HRI_OK);
	assert_int_equal(hri_xdoc_term(x, "country", "Chad"), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, "It extends a standing invitation.",
	                               1, HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_xdoc_data(x, "{}", 2), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	hri_xdoc_free(x);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);

	/* "standing" of the second segment is stemmed from what the first
	 * left: "stand" finds both */
	assert_int_equal(count(f->db, "stand"), 2);
	assert_int_equal(count(f->db, "invitations"), 2);
	assert_int_equal(count(f->db, "extend"), 2);
	/* a phrase finds the inflected forms of all its words, the last one
	 * too (Xapian leaves a word before '"' unstemmed unless told) */
	assert_int_equal(count(f->db, "\"standing invitation\""), 2);
	assert_int_equal(count(f->db, "\"standing invitations\""), 2);
	assert_int_equal(count(f->db, "\"invitations extended\""), 0);
	assert_int_equal(count(f->db, "country:nigeria"), 1);
	assert_int_equal(hri_db_open(f->db, HRI_DB_READ, 0, &db, err, sizeof err),
	                 HRI_OK);
	country_counts(db, "", out, sizeof out);
	assert_string_equal(out, "Chad=2,Nigeria=1,");
	hri_db_free(db);
}

/* Writes the n-th of the memo test's words (a distinct one for each n under
 * 26^5) into w, which has room for 12 bytes. */
static void
memo_word(unsigned n, char *w)
{
	w[0] = 'b';
	w[1] = 'a';
	for (int i = 0; i < 5; i++, n /= 26)
		w[2 + i] = (char)('a' + n % 26);
	/* "y" after a consonant: Snowball's stem ends in "i", so a stem is
	 * never the word nor a prefix of it */
	memcpy(w + 7, "ty", 3);
}

/* The stemmer memo (a flat table, lib/xapian_document.cc) gives Snowball's
 * stem for every word: through its growth (it starts at 4,096 slots) and
 * past its cap of 131,072 words, where it starts again. Each word below is
 * stemmed by the memo in two segments (the second time after the restart
 * for the early ones), and the query parser stems it with Xapian's own
 * stemmer: a stem the memo got wrong would leave a segment unfound. */
static void
test_hri_xdoc_memo_stems_past_its_cap(void **state)
{
	struct fx *f = *state;
	const unsigned nwords = 140000;
	const unsigned probe[] = {0, 1, 2047, 2048, 4095, 70000, 131071,
	                          131072, 139999};
	hri_db *db = NULL;
	hri_xdoc *x;
	char err[256], w[12], *text;
	size_t i, n = 0;

	text = malloc((size_t)nwords * 12 + 1);
	assert_non_null(text);
	for (i = 0; i < nwords; i++) {
		memo_word((unsigned)i, text + n);
		n += strlen(text + n);
		text[n++] = ' ';
	}
	text[n] = '\0';
	assert_int_equal(hri_db_open(f->db, HRI_DB_WRITE, 0, &db, err,
	                             sizeof err), HRI_OK);
	assert_int_equal(hri_db_begin(db), HRI_OK);
	x = hri_xdoc_new(NULL); /* no spelling: not what is tested */
	assert_non_null(x);
	assert_int_equal(hri_xdoc_set_id(x, "A/1#1"), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, text, 1, HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_xdoc_data(x, "{}", 2), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	n = 0;
	for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		memo_word(probe[i], text + n);
		n += strlen(text + n);
		text[n++] = ' ';
	}
	text[n] = '\0';
	hri_xdoc_reset(x);
	assert_int_equal(hri_xdoc_set_id(x, "A/1#2"), HRI_OK);
	assert_int_equal(hri_xdoc_text(x, text, 1, HRI_TEXT_BODY), HRI_OK);
	assert_int_equal(hri_xdoc_data(x, "{}", 2), HRI_OK);
	assert_int_equal(hri_db_replace(db, x), HRI_OK);
	hri_xdoc_free(x);
	assert_int_equal(hri_db_commit(db), HRI_OK);
	hri_db_free(db);
	free(text);

	for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		memo_word(probe[i], w);
		assert_int_equal(count(f->db, w), 2);
	}
	memo_word(5, w); /* in the first segment only */
	assert_int_equal(count(f->db, w), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_hri_db_query_free_text_and_phrase),
	T(test_hri_db_query_title_first_or_every_segment),
		T(test_hri_db_query_boolean_prefixes_fold_case),
		T(test_hri_db_replace_same_id_replaces),
		T(test_hri_db_delete_symbol_removes_all_segments),
		T(test_hri_db_begin_uncommitted_is_dropped),
		T(test_hri_db_query_facets_count_all_matches),
		T(test_hri_db_query_facets_again_and_after_reopen),
		T(test_hri_db_query_bad_facet_and_filter),
		T(test_hri_db_query_syntax_error),
		T(test_hri_db_open_missing_and_not_a_database),
		T(test_hri_db_open_second_writer_locked),
		T(test_hri_hits_snippet_highlights),
		T(test_hri_db_query_spelling_suggestion),
		T(test_hri_db_query_spelling_keeps_known_words),
		T(test_hri_db_fresh_load_replaces_and_spells),
		T(test_hri_db_stats_get_counts),
		T(test_hri_xdoc_term_unknown_field_and_free_null),
		T(test_hri_xdoc_reused_stems_and_facet_values),
		T(test_hri_xdoc_memo_stems_past_its_cap),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
