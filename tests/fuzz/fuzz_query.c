/* fuzz_query.c - hri-query's query string through the Xapian shim: on a
 * small real database, any query parses and runs, or is refused with
 * HRI_ERR_QUERY and a message; no exception escapes, hits and facets are
 * well-formed. The database is built once, in a temporary directory. */
#define _GNU_SOURCE /* mkdtemp, nftw */
#include <ftw.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#include "../../lib/xapian.h"

static hri_db *db;           /* read-only, over dbdir */
static char dbdir[] = "/tmp/hri-fuzz-query-XXXXXX";

/* nftw callback removing one entry. */
static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* Closes and removes the database at exit. */
static void
cleanup(void)
{
	hri_db_free(db);
	nftw(dbdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Adds one segment to the writable database w. */
static void
add(hri_db *w, const char *id, const char *symbol, const char *country,
    int year, const char *text)
{
	hri_xdoc *d = hri_xdoc_new(w);

	FUZZ_CHECK(d != NULL);
	FUZZ_CHECK(hri_xdoc_set_id(d, id) == HRI_OK);
	FUZZ_CHECK(hri_xdoc_text(d, text, 1, HRI_TEXT_BODY) == HRI_OK);
	FUZZ_CHECK(hri_xdoc_term(d, "symbol", symbol) == HRI_OK);
	FUZZ_CHECK(hri_xdoc_term(d, "country", country) == HRI_OK);
	FUZZ_CHECK(hri_xdoc_numbers(d, year, 1, 1) == HRI_OK);
	FUZZ_CHECK(hri_xdoc_date(d, "2014-06-01") == HRI_OK);
	FUZZ_CHECK(hri_xdoc_data(d, "{}", 2) == HRI_OK);
	FUZZ_CHECK(hri_db_replace(w, d) == HRI_OK);
	hri_xdoc_free(d);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	hri_db *w = NULL;
	char err[512];

	FUZZ_CHECK(mkdtemp(dbdir) != NULL);
	atexit(cleanup);
	FUZZ_CHECK(hri_db_open(dbdir, HRI_DB_WRITE, 0, &w, err,
	                       sizeof err) == HRI_OK);
	FUZZ_CHECK(hri_db_begin(w) == HRI_OK);
	add(w, "A/HRC/26/41#1", "A/HRC/26/41", "Slovenia", 2014,
	    "International cooperation in the field of human rights.");
	add(w, "A/HRC/28/15#115.3", "A/HRC/28/15", "Ghana", 2015,
	    "Ratify the Optional Protocol to the Convention against Torture.");
	add(w, "A/74/35#6", "A/74/35", "Russian Federation", 2019,
	    "The Vienna Declaration and Programme of Action; migrants.");
	FUZZ_CHECK(hri_db_commit(w) == HRI_OK);
	hri_db_free(w);
	FUZZ_CHECK(hri_db_open(dbdir, HRI_DB_READ, 0, &db, err,
	                       sizeof err) == HRI_OK);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const facets[] = {"country"};
	hri_query_opts o;
	hri_hits *hits = NULL;
	const char *d;
	char *q;
	size_t i, len;
	hri_status st;

	if (size > 4096)
		return 0;
	q = malloc(size + 1);
	FUZZ_CHECK(q != NULL);
	memcpy(q, data, size);
	q[size] = '\0';
	memset(&o, 0, sizeof o);
	o.limit = 5;
	o.facets = facets;
	o.nfacets = 1;
	o.sort = size % 3;
	st = hri_db_query(db, q, &o, &hits);
	if (st == HRI_OK) {
		FUZZ_CHECK(hits != NULL);
		FUZZ_CHECK(hri_hits_count(hits) <= 5);
		FUZZ_CHECK(hri_hits_count(hits) <= hri_hits_matches(hits));
		for (i = 0; i < hri_hits_count(hits); i++) {
			d = hri_hits_data(hits, i, &len);
			FUZZ_CHECK(d != NULL && len == 2);
		}
		FUZZ_CHECK(hri_hits_data(hits, i, &len) == NULL);
	} else {
		FUZZ_CHECK(hits == NULL);
		FUZZ_CHECK(st == HRI_ERR_QUERY);
		FUZZ_CHECK(hri_db_errmsg(db)[0] != '\0');
	}
	hri_hits_free(hits);
	free(q);
	return 0;
}
