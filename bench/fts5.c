/* fts5.c - the SQLite FTS5 peer for the index and query benchmarks: loads
 * the same segment records hri-index loads, and runs the same query mix
 * hri-query runs, timing each query in process.
 *
 *   fts5 load DB [--text-only] < segments.jsonl
 *       Creates DB (which must not exist) and loads every "segment" record in
 *       one transaction: its text into an FTS5 table (porter stemming, as
 *       hri's English stemming), its id and symbol into a side table, and,
 *       unless --text-only, every annotation (arrays of strings, "cites"
 *       symbols, "kind") into a facet table (field, value, sid) indexed
 *       both ways. Prints
 *       "SEGMENTS SECONDS" on stdout.
 *
 *   fts5 query DB RUNS FACET,FACET,... < queries.tsv
 *       Each line: "HRI-QUERY<TAB>FTS5-MATCH<TAB>FIELD=VALUE-or-empty". For
 *       each, the ten best hits by bm25 with a snippet, and the ten top values
 *       of each facet over all matches (with the filter applied). One untimed
 *       warm-up pass, then RUNS timed passes. Prints one line per query,
 *       "N<TAB>HITS<TAB>MATCHES<TAB>P50_MS", then "all<TAB>SAMPLES<TAB>P50_MS
 *       <TAB>P99_MS<TAB>MEAN_MS".
 *
 *   fts5 rank DB LIMIT < queries.tsv
 *       Each line: "FTS5-MATCH<TAB>FIELD=VALUE-or-empty". Prints the ids of
 *       the LIMIT best segments by bm25, one line each, "N<TAB>RANK<TAB>ID"
 *       (N the query's line among the non-comment lines, from 1), for the
 *       ranking benchmark (bench/ranking.py). A query FTS5 cannot parse
 *       prints "N<TAB>error<TAB>MESSAGE".
 *
 * Exit status 0, 2 on usage, 4 on a database error. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "samples.h"

#define LINE_MAX_BYTES (4 << 20) /* longest JSON line read */
#define QUERIES_MAX 64
#define RUNS_MAX 1000
#define FACETS_MAX 8

/* Runs sql on db, printing the error; returns 0 or -1. */
static int
exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "fts5: %s: %s\n", sql, err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Prepares sql into *st, printing the error; returns 0 or -1. */
static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts5: %s: %s\n", sql, sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* Inserts one facet row (field, value, seg). */
static int
put_facet(sqlite3_stmt *ins, const char *field, const char *value,
          sqlite3_int64 seg)
{
	int rc;

	sqlite3_bind_text(ins, 1, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 3, seg);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	/* A value repeated in one segment is one facet row, as in Xapian. */
	return rc == SQLITE_DONE || rc == SQLITE_CONSTRAINT ? 0 : -1;
}

/* Loads segments from stdin into a new database at path. */
static int
load(const char *path, int text_only)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins_seg = NULL, *ins_meta = NULL, *ins_facet = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long n = 0;
	double t0 = now();
	int rc = 4;

	if (sqlite3_open(path, &db) != SQLITE_OK) {
		fprintf(stderr, "fts5: %s: %s\n", path, sqlite3_errmsg(db));
		goto out;
	}
	if (exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	             "CREATE VIRTUAL TABLE seg USING fts5(text,"
	             " tokenize='porter unicode61');"
	             "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT,"
	             " symbol TEXT);"
	             "CREATE TABLE facet(field TEXT, value TEXT, sid INTEGER,"
	             " PRIMARY KEY(field, sid, value)) WITHOUT ROWID;"
	             "BEGIN;") ||
	    prepare(db, "INSERT INTO seg(rowid, text) VALUES(?1, ?2)",
	            &ins_seg) ||
	    prepare(db, "INSERT INTO meta(rowid, id, symbol) VALUES(?1,?2,?3)",
	            &ins_meta) ||
	    prepare(db, "INSERT OR IGNORE INTO facet(field, value, sid)"
	            " VALUES(?1, ?2, ?3)", &ins_facet))
		goto out;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		json_error_t jerr;
		json_t *o, *v;
		const char *key, *type, *text;
		sqlite3_int64 seg = n + 1;

		if (len > LINE_MAX_BYTES)
			continue;
		o = json_loadb(line, (size_t)len, 0, &jerr);
		if (!o)
			continue;
		type = json_string_value(json_object_get(o, "type"));
		text = json_string_value(json_object_get(o, "text"));
		if (!type || strcmp(type, "segment") || !text) {
			json_decref(o);
			continue;
		}
		sqlite3_bind_int64(ins_seg, 1, seg);
		sqlite3_bind_text(ins_seg, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins_meta, 1, seg);
		sqlite3_bind_text(ins_meta, 2,
		                  json_string_value(json_object_get(o, "id")),
		                  -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_meta, 3,
		                  json_string_value(json_object_get(o, "symbol")),
		                  -1, SQLITE_STATIC);
		if (sqlite3_step(ins_seg) != SQLITE_DONE ||
		    sqlite3_step(ins_meta) != SQLITE_DONE) {
			fprintf(stderr, "fts5: insert: %s\n", sqlite3_errmsg(db));
			json_decref(o);
			goto out;
		}
		sqlite3_reset(ins_seg);
		sqlite3_reset(ins_meta);
		json_object_foreach(o, key, v) {
			size_t i;
			json_t *e;

			if (text_only)
				break;
			if (json_is_string(v) && strcmp(key, "kind") == 0 &&
			    put_facet(ins_facet, key, json_string_value(v), seg))
				goto fail;
			if (!json_is_array(v))
				continue;
			json_array_foreach(v, i, e) {
				const char *s = json_string_value(e);
				if (!s && json_is_object(e))
					s = json_string_value(
					    json_object_get(e, "symbol"));
				if (s && put_facet(ins_facet, key, s, seg))
					goto fail;
			}
		}
		json_decref(o);
		n++;
		continue;
fail:
		fprintf(stderr, "fts5: facet: %s\n", sqlite3_errmsg(db));
		json_decref(o);
		goto out;
	}
	if (exec(db, "CREATE INDEX facet_value ON facet(field, value, sid);"
	             "COMMIT;"))
		goto out;
	printf("%ld %.3f\n", n, now() - t0);
	rc = 0;
out:
	free(line);
	sqlite3_finalize(ins_seg);
	sqlite3_finalize(ins_meta);
	sqlite3_finalize(ins_facet);
	sqlite3_close(db);
	return rc;
}

struct query {
	char match[512];  /* FTS5 expression */
	char field[64];   /* filter field or "" */
	char value[128];  /* filter value */
};

/* Runs one query: hits, and the top values of each facet. Sets *hits and
 * *matches (segments matching). Returns 0 or -1. */
static int
run_query(sqlite3_stmt *hit, sqlite3_stmt *hitf, sqlite3_stmt *fac,
          sqlite3_stmt *facf, sqlite3_stmt *cnt, sqlite3_stmt *cntf,
          const struct query *q, char **facets, int nfacets, int *hits,
          long *matches)
{
	int filtered = q->field[0] != '\0', f, rc;
	sqlite3_stmt *h = filtered ? hitf : hit, *fc = filtered ? facf : fac;
	sqlite3_stmt *c = filtered ? cntf : cnt;

	*hits = 0;
	sqlite3_bind_text(h, 1, q->match, -1, SQLITE_STATIC);
	if (filtered) {
		sqlite3_bind_text(h, 2, q->field, -1, SQLITE_STATIC);
		sqlite3_bind_text(h, 3, q->value, -1, SQLITE_STATIC);
	}
	while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
		/* Touch the columns so that the snippet is really built. */
		if (sqlite3_column_text(h, 2))
			(*hits)++;
	}
	sqlite3_reset(h);
	if (rc != SQLITE_DONE)
		return -1;
	sqlite3_bind_text(c, 1, q->match, -1, SQLITE_STATIC);
	if (filtered) {
		sqlite3_bind_text(c, 2, q->field, -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 3, q->value, -1, SQLITE_STATIC);
	}
	*matches = sqlite3_step(c) == SQLITE_ROW ? sqlite3_column_int64(c, 0)
	                                         : -1;
	sqlite3_reset(c);
	for (f = 0; f < nfacets; f++) {
		sqlite3_bind_text(fc, 1, facets[f], -1, SQLITE_STATIC);
		sqlite3_bind_text(fc, 2, q->match, -1, SQLITE_STATIC);
		if (filtered) {
			sqlite3_bind_text(fc, 3, q->field, -1, SQLITE_STATIC);
			sqlite3_bind_text(fc, 4, q->value, -1, SQLITE_STATIC);
		}
		while ((rc = sqlite3_step(fc)) == SQLITE_ROW)
			;
		sqlite3_reset(fc);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* Times the query mix from stdin on the database at path. */
static int
query(const char *path, int runs, char *facetlist)
{
	static struct query qs[QUERIES_MAX];
	static double all[QUERIES_MAX * RUNS_MAX], one[RUNS_MAX];
	char *facets[FACETS_MAX], *save = NULL, *tok, line[1024];
	sqlite3 *db = NULL;
	sqlite3_stmt *hit = NULL, *hitf = NULL, *fac = NULL, *facf = NULL;
	sqlite3_stmt *cnt = NULL, *cntf = NULL;
	int nq = 0, nfacets = 0, i, r, rc = 4, hits;
	size_t nall = 0;
	long matches;
	double sum = 0;

	for (tok = strtok_r(facetlist, ",", &save); tok && nfacets < FACETS_MAX;
	     tok = strtok_r(NULL, ",", &save))
		facets[nfacets++] = tok;
	while (nq < QUERIES_MAX && fgets(line, sizeof line, stdin)) {
		char *f1 = strchr(line, '\t'), *f2, *eq;
		line[strcspn(line, "\n")] = '\0';
		if (!f1 || line[0] == '#')
			continue;
		f2 = strchr(f1 + 1, '\t');
		if (f2)
			*f2++ = '\0';
		memset(&qs[nq], 0, sizeof qs[nq]);
		snprintf(qs[nq].match, sizeof qs[nq].match, "%s", f1 + 1);
		eq = f2 ? strchr(f2, '=') : NULL;
		if (eq) {
			*eq = '\0';
			snprintf(qs[nq].field, sizeof qs[nq].field, "%s", f2);
			snprintf(qs[nq].value, sizeof qs[nq].value, "%s", eq + 1);
		}
		nq++;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts5: %s: %s\n", path, sqlite3_errmsg(db));
		goto out;
	}
	/* The filter is a correlated EXISTS and the facet counts a join, both
	 * led by the FTS5 matches and probing the facet table's primary key for
	 * each: SQLite's plans for "rowid IN (subquery)" run up to ten times
	 * slower on this data. */
	if (prepare(db, "SELECT m.id, m.symbol, snippet(seg, 0, '[', ']',"
	            " '...', 16) FROM seg JOIN meta m ON m.rowid = seg.rowid"
	            " WHERE seg MATCH ?1 ORDER BY rank LIMIT 10", &hit) ||
	    prepare(db, "SELECT m.id, m.symbol, snippet(seg, 0, '[', ']',"
	            " '...', 16) FROM seg JOIN meta m ON m.rowid = seg.rowid"
	            " WHERE seg MATCH ?1 AND EXISTS (SELECT 1 FROM facet f WHERE"
	            " f.field=?2 AND f.sid=seg.rowid AND f.value=?3)"
	            " ORDER BY rank LIMIT 10",
	            &hitf) ||
	    prepare(db, "SELECT count(*) FROM seg WHERE seg MATCH ?1", &cnt) ||
	    prepare(db, "SELECT count(*) FROM seg WHERE seg MATCH ?1 AND"
	            " EXISTS (SELECT 1 FROM facet f WHERE f.field=?2 AND"
	            " f.sid=seg.rowid AND f.value=?3)", &cntf) ||
	    prepare(db, "SELECT g.value, count(*) FROM seg CROSS JOIN facet g"
	            " ON g.field=?1 AND g.sid=seg.rowid WHERE seg MATCH ?2"
	            " GROUP BY g.value ORDER BY 2 DESC LIMIT 10", &fac) ||
	    prepare(db, "SELECT g.value, count(*) FROM seg CROSS JOIN facet g"
	            " ON g.field=?1 AND g.sid=seg.rowid WHERE seg MATCH ?2 AND"
	            " EXISTS (SELECT 1 FROM facet f WHERE f.field=?3 AND"
	            " f.sid=seg.rowid AND f.value=?4) GROUP BY g.value"
	            " ORDER BY 2 DESC LIMIT 10", &facf))
		goto out;
	for (i = 0; i < nq; i++) /* warm-up, untimed */
		if (run_query(hit, hitf, fac, facf, cnt, cntf, &qs[i], facets,
		              nfacets, &hits, &matches))
			goto dberr;
	for (i = 0; i < nq; i++) {
		for (r = 0; r < runs; r++) {
			double t0 = now();
			if (run_query(hit, hitf, fac, facf, cnt, cntf, &qs[i],
			              facets, nfacets, &hits, &matches))
				goto dberr;
			one[r] = (now() - t0) * 1000;
			all[nall++] = one[r];
			sum += one[r];
		}
		qsort(one, (size_t)runs, sizeof one[0], cmp_double);
		printf("%d\t%d\t%ld\t%.3f\n", i + 1, hits, matches,
		       quantile(one, (size_t)runs, 0.5));
	}
	qsort(all, nall, sizeof all[0], cmp_double);
	if (nall)
		printf("all\t%zu\t%.3f\t%.3f\t%.3f\n", nall,
		       quantile(all, nall, 0.5), quantile(all, nall, 0.99),
		       sum / nall);
	rc = 0;
	goto out;
dberr:
	fprintf(stderr, "fts5: query: %s\n", sqlite3_errmsg(db));
out:
	sqlite3_finalize(hit);
	sqlite3_finalize(hitf);
	sqlite3_finalize(fac);
	sqlite3_finalize(facf);
	sqlite3_finalize(cnt);
	sqlite3_finalize(cntf);
	sqlite3_close(db);
	return rc;
}

/* Prints the ids of the limit best segments of each query from stdin. */
static int
rank(const char *path, int limit)
{
	char line[1024];
	sqlite3 *db = NULL;
	sqlite3_stmt *hit = NULL, *hitf = NULL;
	int n = 0, rc = 4;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts5: %s: %s\n", path, sqlite3_errmsg(db));
		goto out;
	}
	if (prepare(db, "SELECT m.id FROM seg JOIN meta m ON m.rowid = seg.rowid"
	            " WHERE seg MATCH ?1 ORDER BY rank LIMIT ?2", &hit) ||
	    prepare(db, "SELECT m.id FROM seg JOIN meta m ON m.rowid = seg.rowid"
	            " WHERE seg MATCH ?1 AND EXISTS (SELECT 1 FROM facet f WHERE"
	            " f.field=?3 AND f.sid=seg.rowid AND f.value=?4)"
	            " ORDER BY rank LIMIT ?2", &hitf))
		goto out;
	while (fgets(line, sizeof line, stdin)) {
		char *tab, *eq = NULL;
		sqlite3_stmt *h = hit;
		int r = 0, st;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		n++;
		tab = strchr(line, '\t');
		if (tab) {
			*tab++ = '\0';
			eq = strchr(tab, '=');
		}
		if (eq) {
			*eq = '\0';
			h = hitf;
			sqlite3_bind_text(h, 3, tab, -1, SQLITE_STATIC);
			sqlite3_bind_text(h, 4, eq + 1, -1, SQLITE_STATIC);
		}
		sqlite3_bind_text(h, 1, line, -1, SQLITE_STATIC);
		sqlite3_bind_int(h, 2, limit);
		while ((st = sqlite3_step(h)) == SQLITE_ROW)
			printf("%d\t%d\t%s\n", n, ++r,
			       (const char *)sqlite3_column_text(h, 0));
		if (st != SQLITE_DONE)
			printf("%d\terror\t%s\n", n, sqlite3_errmsg(db));
		sqlite3_reset(h);
		sqlite3_clear_bindings(h);
	}
	rc = 0;
out:
	sqlite3_finalize(hit);
	sqlite3_finalize(hitf);
	sqlite3_close(db);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "load") == 0)
		return load(argv[2], argc > 3 && strcmp(argv[3], "--text-only") == 0);
	if (argc == 5 && strcmp(argv[1], "query") == 0) {
		int runs = (int)strtol(argv[3], NULL, 10);
		if (runs >= 1 && runs <= RUNS_MAX)
			return query(argv[2], runs, argv[4]);
	}
	if (argc == 4 && strcmp(argv[1], "rank") == 0) {
		int limit = (int)strtol(argv[3], NULL, 10);
		if (limit >= 1 && limit <= RUNS_MAX)
			return rank(argv[2], limit);
	}
	fputs("usage: fts5 load DB [--text-only] < segments.jsonl\n"
	      "       fts5 query DB RUNS FACET,... < queries.tsv\n"
	      "       fts5 rank DB LIMIT < queries.tsv\n", stderr);
	return 2;
}
