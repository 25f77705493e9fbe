/* main.c - hri-index: doc and segment records (JSON Lines) into a Xapian
 * database, one document per segment; also --stats, --delete, --compact. */
#define _XOPEN_SOURCE 700 /* nftw() */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "home.h"
#include "indexer.h"
#include "jobs.h"
#include "jsonl.h"
#include "lines.h"
#include "log.h"
#include "loop.h"
#include "options.h"
#include "record.h"
#include "shard.h"
#include "status.h"
#include "xapian.h"

static const char usage_text[] =
	"usage: hri-index [-d DB] [--shard KEY] [-j N] [--wait SECONDS]\n"
	"                 [--commit-every N] [-q] [-v] [FILE...]\n"
	"       hri-index [-d DB] --stats [--format text|json]\n"
	"       hri-index [-d DB] --delete SYMBOL...\n"
	"       hri-index [-d DB] --compact\n"
	"       hri-index --merge DEST SRC...\n"
	"       hri-index --shard hash:N --shard-of [SYMBOL...]\n"
	"       hri-index -h|-V\n"
	"Indexes doc and segment records (JSON Lines) from each FILE, or from\n"
	"standard input (\"-\" too), into the database DB (default\n"
	"$HRI_HOME/db). A document's records replace all it had in the index.\n"
	"  -d, --db DB         the Xapian database directory (with --shard, the\n"
	"                      directory of the shard set)\n"
	"      --shard KEY     write into the shard DB/<name> of each document:\n"
	"                      KEY is session, year or hash:N; DB/index.stub\n"
	"                      lists the shards for hri-query -d DB\n"
	"      --merge DEST    join the databases, shard sets or stubs SRC...\n"
	"                      into the new compact database DEST\n"
	"      --shard-of      print the hash shard of each SYMBOL (or line of\n"
	"                      standard input), to route documents to workers\n"
	"  -j, --jobs N        build a new DB with N processes, each indexing\n"
	"                      one hash shard, merged at the end (default: one\n"
	"                      a core when DB does not exist and the FILEs\n"
	"                      hold 16 MB or more, else 1); an existing DB is\n"
	"                      indexed in place by one process\n"
	"      --wait SECONDS  wait this long for another writer (default 30)\n"
	"      --commit-every N  commit at the first document boundary after\n"
	"                      each N segments: memory stays bounded, but a run\n"
	"                      killed midway keeps what it committed\n"
	"      --stats         print documents, segments, terms and size\n"
	"      --format FMT    text (default) or json, for --stats\n"
	"      --delete        remove the documents named by the arguments\n"
	"      --compact       rewrite the database compactly\n"
	"  -q, --quiet         errors only\n"
	"  -v, --verbose       say more\n"
	"  -h, --help          this help\n"
	"  -V, --version       the version\n";

/* What one run does. */
struct run {
	hri_db *db;
	hri_indexer *ix;
	hri_shardset *set;   /* with --shard, instead of db and ix */
	hri_jobs *jobs;      /* with --jobs N > 1, instead of db and ix */
	unsigned long sent;  /* segment records handed to the jobs */
	unsigned long bad;   /* records rejected */
	unsigned long upstream; /* doc records with the error of an earlier
	                           stage (a fetch or parse that failed) */
	int fatal;           /* the database failed */
	unsigned long every; /* --commit-every: segments between commits, 0
	                        for one transaction */
	unsigned long committed; /* segments counted at the last commit */
	unsigned long commits;   /* commits made before the last one */
};

/* With --commit-every, commits the open transaction and starts the next
 * when rec (a record about to be indexed) begins a document and at least
 * r->every segments came since the last commit: Xapian 1.4 keeps a
 * transaction's document values in memory until its commit (some 1.5 KB a
 * segment), so only a commit bounds the memory of a long run. A document
 * is never split between two commits. Returns HRI_OK or the failure. */
static hri_status
commit_between(struct run *r, const json_t *rec)
{
	unsigned long n = hri_indexer_counts_get(r->ix)->segments;
	const char *type = hri_json_str(rec, "type");
	hri_status st;

	if (!r->every || !type || strcmp(type, "doc") != 0 ||
	    n - r->committed < r->every)
		return HRI_OK;
	st = hri_db_commit(r->db);
	if (st)
		return st;
	r->committed = n;
	r->commits++;
	hri_debug(NULL, "committed after %lu segments", n);
	return hri_db_begin(r->db);
}

/* Returns the summary's note on the documents earlier stages failed
 * (", 80 documents failed before hri-index"), or "": a static buffer. */
static const char *
failed_upstream(const struct run *r)
{
	static char note[96];

	if (!r->upstream)
		return "";
	snprintf(note, sizeof note, ", %lu document%s failed before hri-index",
	         r->upstream, r->upstream == 1 ? "" : "s");
	return note;
}

/* Indexes one record line; where names it in messages. */
static hri_item_result
index_line(struct run *r, const char *line, size_t len, const char *where)
{
	char err[256];
	json_t *rec = NULL;
	hri_status st;
	int what = HRI_INDEXED_SKIPPED;
	hri_item_result res;

	st = hri_jsonl_parse(line, len, &rec, err, sizeof err);
	if (!st)
		st = hri_record_check(rec, err, sizeof err);
	if (st) {
		hri_error(where, "%s", err);
		json_decref(rec);
		r->bad++;
		return HRI_ITEM_FAILED;
	}
	/* A document an earlier stage could not fetch or parse: it said so;
	 * counted here so that the pipeline's status says it too. */
	if (json_object_get(rec, "error") && hri_json_str(rec, "type") &&
	    strcmp(hri_json_str(rec, "type"), "doc") == 0) {
		hri_debug(where, "%s: not indexed: %s",
		          hri_json_str(rec, "symbol") ? hri_json_str(rec, "symbol")
		                                      : "a document",
		          hri_json_str(rec, "error") ? hri_json_str(rec, "error")
		                                     : "failed");
		json_decref(rec);
		r->upstream++;
		return HRI_ITEM_FAILED;
	}
	if (r->jobs) {
		st = hri_jobs_send(r->jobs, rec, line, len, where, err, sizeof err);
		/* the worker's indexer decides; the run counts what it sent */
		what = hri_json_str(rec, "type") &&
		               strcmp(hri_json_str(rec, "type"), "segment") == 0
		           ? HRI_INDEXED_SEGMENT : HRI_INDEXED_DOC;
		if (what == HRI_INDEXED_SEGMENT)
			r->sent++;
	} else if (r->set) {
		st = hri_shardset_add(r->set, rec, &what, err, sizeof err);
	} else {
		st = commit_between(r, rec);
		if (!st)
			st = hri_indexer_add_line(r->ix, rec, line, len, &what, err,
			                          sizeof err);
	}
	json_decref(rec);
	if (st == HRI_ERR_INVALID) {
		hri_error(where, "%s", err);
		r->bad++;
		return HRI_ITEM_FAILED;
	}
	if (st) {
		hri_error(where, "%s: %s", hri_status_str(st),
		          r->set || r->jobs ? err : hri_db_errmsg(r->db));
		r->fatal = 1;
		return HRI_ITEM_FATAL;
	}
	res = what == HRI_INDEXED_SKIPPED ? HRI_ITEM_NOTHING : HRI_ITEM_DONE;
	if (r->jobs)
		hri_progress("%lu segments", r->sent);
	else if (!r->set)
		hri_progress("%lu segments",
		             hri_indexer_counts_get(r->ix)->segments);
	return res;
}

/* The loop's callback: a record line from stdin, or a file of them. */
static hri_item_result
index_item(const hri_item *item, void *ud)
{
	struct run *r = ud;
	char where[PATH_MAX + 32];
	hri_lines *lines = NULL;
	const char *line;
	size_t len;
	hri_status st;
	FILE *fp;
	int any = 0, failed = 0;
	hri_item_result res;

	if (item->lineno)
		return index_line(r, item->text, item->len, item->where);
	fp = fopen(item->text, "r");
	if (!fp) {
		hri_error(item->text, "%s", strerror(errno));
		r->bad++;
		return HRI_ITEM_FAILED;
	}
	lines = hri_lines_new(fp, 0);
	if (!lines) {
		fclose(fp);
		r->fatal = 1;
		return HRI_ITEM_FATAL;
	}
	for (;;) {
		st = hri_lines_next(lines, &line, &len);
		if (st == HRI_ERR_NOT_FOUND)
			break;
		snprintf(where, sizeof where, "%s:%lu", item->text,
		         hri_lines_lineno(lines));
		if (st == HRI_ERR_TOO_BIG) {
			hri_error(where, "line too long, skipped");
			r->bad++;
			failed = 1;
			continue;
		}
		if (st) {
			hri_error(item->text, "%s", strerror(errno));
			r->bad++;
			failed = 1;
			break;
		}
		if (len == 0 || line[0] == '#')
			continue;
		res = index_line(r, line, len, where);
		if (res == HRI_ITEM_FATAL)
			break;
		if (res == HRI_ITEM_DONE)
			any = 1;
	}
	hri_lines_free(lines);
	fclose(fp);
	if (r->fatal)
		return HRI_ITEM_FATAL;
	if (failed && !any)
		return HRI_ITEM_FAILED;
	return any ? HRI_ITEM_DONE : HRI_ITEM_NOTHING;
}

/* Returns the seconds since t0. */
static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Writes the directory part of path into out; returns -1 when there is
 * none ("db") or it does not fit. */
static int
parent_dir(const char *path, char *out, size_t outsz)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash || slash == path)
		return -1;
	n = (size_t)(slash - path);
	if (n >= outsz)
		return -1;
	memcpy(out, path, n);
	out[n] = '\0';
	return 0;
}

/* Opens db at path, reporting failure; returns the exit status to use. */
static int
open_db(const char *path, int mode, double wait, hri_db **db)
{
	char err[512];
	hri_status st = hri_db_open(path, mode, wait, db, err, sizeof err);

	if (!st)
		return HRI_EXIT_OK;
	if (st == HRI_ERR_LOCKED)
		hri_error(path, "%s (another hri-index is writing; try --wait)",
		          err);
	else
		hri_error(NULL, "%s", err);
	return HRI_EXIT_FATAL;
}

/* Indexes the records of the arguments or stdin in one transaction, or
 * one every so many segments (every, 0 for one). */
static int
cmd_index(const char *path, double wait, unsigned long every, int argc,
          char **argv)
{
	struct run r = {0};
	hri_loop_stats ls;
	const hri_indexer_counts *c;
	struct timespec t0;
	char parent[PATH_MAX];
	hri_status st;
	int rc;

	if (argc == 0 && isatty(STDIN_FILENO)) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Xapian creates the database directory but not its parents. */
	if (parent_dir(path, parent, sizeof parent) == 0 && hri_mkdir_p(parent)) {
		hri_error(parent, "cannot create: %s", strerror(errno));
		return HRI_EXIT_FATAL;
	}
	rc = open_db(path, HRI_DB_WRITE, wait, &r.db);
	if (rc)
		return rc;
	r.ix = hri_indexer_new(r.db);
	if (!r.ix) {
		hri_error(NULL, "%s", hri_status_str(HRI_ERR_NOMEM));
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	st = hri_db_begin(r.db);
	if (st) {
		hri_error(path, "%s", hri_db_errmsg(r.db));
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	r.every = every;
	hri_loop(argc, argv, 0, index_item, &r, &ls);
	hri_progress_end();
	if ((ls.fatal || r.fatal) && r.commits) {
		hri_error(path, "the documents of the first %lu segments are "
		          "committed, none after", r.committed);
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	if (ls.fatal || r.fatal) {
		hri_error(path, "nothing committed; the database is as it was");
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	st = hri_db_commit(r.db);
	if (st) {
		hri_error(path, "commit failed: %s", hri_db_errmsg(r.db));
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	c = hri_indexer_counts_get(r.ix);
	hri_info(NULL, "%lu documents, %lu segments, %lu positions (%lu "
	         "applied in place) in %.2f s%s%s", c->documents, c->segments,
	         c->positions, c->updated, since(&t0),
	         r.bad ? ", some records failed" : "", failed_upstream(&r));
	if (r.bad || ls.failed || r.upstream)
		rc = HRI_EXIT_PARTIAL;
	else if (c->documents == 0 && c->segments == 0 && c->positions == 0)
		rc = HRI_EXIT_NOTHING;
	else
		rc = HRI_EXIT_OK;
out:
	hri_indexer_free(r.ix);
	hri_db_free(r.db);
	return rc;
}

/* Indexes the records of the arguments or stdin into the new database path
 * with n worker processes (--jobs), each building one hash shard, merged at
 * the end; path is created only when every worker committed. */
static int
cmd_index_jobs(const char *path, unsigned n, int argc, char **argv)
{
	struct run r = {0};
	hri_loop_stats ls;
	hri_indexer_counts c;
	unsigned long bad = 0;
	struct timespec t0;
	char err[768];
	hri_status st;

	if (argc == 0 && isatty(STDIN_FILENO)) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = hri_jobs_start(path, n, &r.jobs, err, sizeof err);
	if (st) {
		hri_error(NULL, "%s", err);
		return HRI_EXIT_FATAL;
	}
	hri_debug(path, "indexing with %u jobs", n);
	hri_loop(argc, argv, 0, index_item, &r, &ls);
	hri_progress_end();
	if (ls.fatal || r.fatal) {
		hri_error(path, "nothing written");
		hri_jobs_free(r.jobs);
		return HRI_EXIT_FATAL;
	}
	st = hri_jobs_finish(r.jobs, &c, &bad, err, sizeof err);
	hri_jobs_free(r.jobs);
	if (st) {
		hri_error(path, "%s", err);
		return HRI_EXIT_FATAL;
	}
	r.bad += bad;
	hri_info(NULL, "%lu documents, %lu segments, %lu positions (%lu "
	         "applied in place) in %.2f s with %u jobs%s%s", c.documents,
	         c.segments, c.positions, c.updated, since(&t0), n,
	         r.bad ? ", some records failed" : "", failed_upstream(&r));
	if (r.bad || ls.failed || r.upstream)
		return HRI_EXIT_PARTIAL;
	if (c.documents == 0 && c.segments == 0 && c.positions == 0)
		return HRI_EXIT_NOTHING;
	return HRI_EXIT_OK;
}

/* Input at least this large (bytes of record files) is indexed by one
 * worker a core when --jobs is not given: below it, the workers' start and
 * the merge cost more than they save. */
#define JOBS_INPUT_MIN (16ul << 20)

/* Returns the bytes of the inputs that are regular files (the arguments,
 * or standard input when there are none or "-" names it); a pipe counts 0. */
static unsigned long long
input_bytes(int argc, char **argv)
{
	unsigned long long sum = 0;
	struct stat sb;
	int i;

	if (argc == 0)
		return fstat(STDIN_FILENO, &sb) == 0 && S_ISREG(sb.st_mode)
		           ? (unsigned long long)sb.st_size : 0;
	for (i = 0; i < argc; i++) {
		int ok = strcmp(argv[i], "-") == 0 ? fstat(STDIN_FILENO, &sb) == 0
		                                   : stat(argv[i], &sb) == 0;
		if (ok && S_ISREG(sb.st_mode))
			sum += (unsigned long long)sb.st_size;
	}
	return sum;
}

/* Returns how many processes index into db: jobs (0 when --jobs was not
 * given) or the rule of hri-index(1). Workers build a new database only:
 * one that exists is indexed in place by one process, where a document's
 * records replace what it had. */
static unsigned
jobs_for(const char *db, unsigned long jobs, int argc, char **argv)
{
	struct stat sb;
	long cores;

	if (jobs == 1)
		return 1;
	if (stat(db, &sb) == 0) {
		if (jobs > 1)
			hri_info(db, "exists: indexed in place by one process "
			             "(--jobs builds a new database)");
		return 1;
	}
	if (jobs > 1)
		return (unsigned)jobs;
	if (input_bytes(argc, argv) < JOBS_INPUT_MIN)
		return 1;
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores < 2 ? 1 : cores > HRI_JOBS_MAX ? HRI_JOBS_MAX
	                                             : (unsigned)cores;
}

/* Returns 1 when path is the directory of a shard set (holds index.stub). */
static int
is_shard_set(const char *path)
{
	char stub[PATH_MAX];
	struct stat sb;

	if (snprintf(stub, sizeof stub, "%s/index.stub", path) >= (int)sizeof stub)
		return 0;
	return stat(stub, &sb) == 0;
}

/* Indexes the records of the arguments or stdin into the shard set dir,
 * one transaction a shard. */
static int
cmd_index_shards(const char *dir, const hri_shard_key *key, double wait,
                 int argc, char **argv)
{
	struct run r = {0};
	hri_loop_stats ls;
	hri_indexer_counts c;
	struct timespec t0;
	char err[768];
	hri_status st;
	int rc;

	if (argc == 0 && isatty(STDIN_FILENO)) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = hri_shardset_open(dir, key, wait, &r.set, err, sizeof err);
	if (st) {
		hri_error(NULL, "%s", err);
		return st == HRI_ERR_INVALID ? HRI_EXIT_USAGE : HRI_EXIT_FATAL;
	}
	hri_loop(argc, argv, 0, index_item, &r, &ls);
	hri_progress_end();
	if (ls.fatal || r.fatal) {
		hri_error(dir, "nothing committed; the shards are as they were");
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	st = hri_shardset_commit(r.set, err, sizeof err);
	if (st) {
		hri_error(dir, "%s", err);
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	hri_shardset_counts(r.set, &c);
	hri_info(NULL, "%lu documents, %lu segments, %lu positions (%lu "
	         "applied in place) in %.2f s%s%s", c.documents, c.segments,
	         c.positions, c.updated, since(&t0),
	         r.bad ? ", some records failed" : "", failed_upstream(&r));
	if (r.bad || ls.failed || r.upstream)
		rc = HRI_EXIT_PARTIAL;
	else if (c.documents == 0 && c.segments == 0 && c.positions == 0)
		rc = HRI_EXIT_NOTHING;
	else
		rc = HRI_EXIT_OK;
out:
	hri_shardset_free(r.set);
	return rc;
}

/* Removes the documents named by argv from every shard of the set dir. */
static int
cmd_delete_shards(const char *dir, double wait, int argc, char **argv)
{
	hri_shardset *set = NULL;
	unsigned long n, total = 0;
	char err[768];
	int i;

	if (hri_shardset_open(dir, NULL, wait, &set, err, sizeof err))
		goto fail;
	for (i = 0; i < argc; i++) {
		if (hri_shardset_delete(set, argv[i], &n, err, sizeof err))
			goto fail;
		hri_info(argv[i], "%lu segments deleted", n);
		total += n;
	}
	if (hri_shardset_commit(set, err, sizeof err))
		goto fail;
	hri_shardset_free(set);
	return total ? HRI_EXIT_OK : HRI_EXIT_NOTHING;
fail:
	hri_error(dir, "%s", err);
	hri_shardset_free(set);
	return HRI_EXIT_FATAL;
}

/* Joins the databases srcs into the new database dest. */
static int
cmd_merge(const char *dest, int argc, char **argv)
{
	char err[768];
	struct timespec t0;

	if (argc == 0) {
		hri_error("--merge", "no source database");
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (hri_db_merge((const char *const *)argv, (size_t)argc, dest, err,
	                 sizeof err)) {
		hri_error("--merge", "%s", err);
		return HRI_EXIT_FATAL;
	}
	hri_info(dest, "%d sources merged in %.2f s", argc, since(&t0));
	return HRI_EXIT_OK;
}

/* The loop's callback for --shard-of: one symbol's shard as a record. */
static hri_item_result
shard_of_item(const hri_item *item, void *ud)
{
	const hri_shard_key *key = ud;
	json_t *rec = json_pack("{s:s, s:s}", "type", "doc", "symbol",
	                        item->text);
	char name[64];
	int bad;

	if (!rec)
		return HRI_ITEM_FATAL;
	bad = item->len == 0 || hri_shard_name(key, rec, name, sizeof name);
	json_decref(rec);
	if (bad) {
		hri_error(item->where, "no shard for \"%s\"", item->text);
		return HRI_ITEM_FAILED;
	}
	rec = json_pack("{s:s, s:s, s:s, s:I}", "type", "shard", "symbol",
	                item->text, "shard", name, "n",
	                (json_int_t)(hri_shard_hash(item->text) % key->n));
	if (!rec || hri_jsonl_write(stdout, rec)) {
		json_decref(rec);
		return HRI_ITEM_FATAL;
	}
	json_decref(rec);
	return HRI_ITEM_DONE;
}

/* Prints the hash shard of each symbol of the arguments or stdin. */
static int
cmd_shard_of(hri_shard_key *key, int argc, char **argv)
{
	hri_loop_stats ls;

	if (key->kind != HRI_SHARD_HASH) {
		hri_error("--shard-of", "needs --shard hash:N (a session or a year "
		                        "is known from the parsed document only)");
		return HRI_EXIT_USAGE;
	}
	hri_loop(argc, argv, 0, shard_of_item, key, &ls);
	if (ls.usage) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	if (fflush(stdout) != 0)
		return HRI_EXIT_FATAL;
	return hri_loop_exit(&ls);
}

static unsigned long long du_total; /* bytes, for nftw */

/* nftw callback: adds up file sizes. */
static int
du_add(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	if (flag == FTW_F)
		du_total += (unsigned long long)sb->st_size;
	return 0;
}

/* Prints the database's counts. */
static int
cmd_stats(const char *path, int json)
{
	hri_db *db = NULL;
	hri_db_stats s;
	json_t *o = NULL;
	int rc;

	rc = open_db(path, HRI_DB_READ, 0, &db);
	if (rc)
		return rc;
	if (hri_db_stats_get(db, &s)) {
		hri_error(path, "%s", hri_db_errmsg(db));
		rc = HRI_EXIT_FATAL;
		goto out;
	}
	du_total = 0;
	nftw(path, du_add, 16, FTW_PHYS);
	if (json) {
		o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "type", "stats",
		              "db", path, "documents", (json_int_t)s.documents,
		              "segments", (json_int_t)s.segments, "terms",
		              (json_int_t)s.terms, "postings", (json_int_t)s.postings,
		              "bytes", (json_int_t)du_total);
		if (!o || hri_jsonl_write(stdout, o)) {
			rc = HRI_EXIT_FATAL;
			goto out;
		}
	} else {
		printf("database   %s\ndocuments  %lu\nsegments   %lu\n"
		       "terms      %lu\npostings   %llu\nbytes      %llu\n",
		       path, s.documents, s.segments, s.terms, s.postings,
		       du_total);
	}
	rc = s.segments ? HRI_EXIT_OK : HRI_EXIT_NOTHING;
out:
	json_decref(o);
	hri_db_free(db);
	return rc;
}

/* Removes the documents named by argv. */
static int
cmd_delete(const char *path, double wait, int argc, char **argv)
{
	hri_db *db = NULL;
	unsigned long n, p, total = 0;
	int rc, i;

	if (argc == 0) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	rc = open_db(path, HRI_DB_WRITE, wait, &db);
	if (rc)
		return rc;
	if (hri_db_begin(db))
		goto fail;
	for (i = 0; i < argc; i++) {
		if (hri_db_delete_symbol(db, argv[i], &n) ||
		    hri_positions_drop(db, argv[i], &p))
			goto fail;
		hri_info(argv[i], "%lu segments deleted", n);
		if (p)
			hri_info(argv[i], "%lu positions it gave taken back", p);
		total += n + p;
	}
	if (hri_db_commit(db))
		goto fail;
	hri_db_free(db);
	return total ? HRI_EXIT_OK : HRI_EXIT_NOTHING;
fail:
	hri_error(path, "%s", hri_db_errmsg(db));
	hri_db_free(db);
	return HRI_EXIT_FATAL;
}

/* Compacts the database into a sibling directory, then swaps it in. The
 * writer lock is held throughout so no batch is lost. */
static int
cmd_compact(const char *path, double wait)
{
	char tmp[PATH_MAX], old[PATH_MAX];
	hri_db *db = NULL;
	int rc;

	if (snprintf(tmp, sizeof tmp, "%s.compact.%ld", path, (long)getpid()) >=
	        (int)sizeof tmp ||
	    snprintf(old, sizeof old, "%s.old.%ld", path, (long)getpid()) >=
	        (int)sizeof old) {
		hri_error(path, "path too long");
		return HRI_EXIT_FATAL;
	}
	rc = open_db(path, HRI_DB_WRITE, wait, &db);
	if (rc)
		return rc;
	if (hri_db_compact(db, tmp)) {
		hri_error(path, "compact: %s", hri_db_errmsg(db));
		hri_rm_tree(tmp);
		hri_db_free(db);
		return HRI_EXIT_FATAL;
	}
	if (rename(path, old) != 0 || rename(tmp, path) != 0) {
		hri_error(path, "rename: %s", strerror(errno));
		hri_db_free(db);
		return HRI_EXIT_FATAL;
	}
	hri_db_free(db);
	hri_rm_tree(old);
	hri_info(path, "compacted");
	return HRI_EXIT_OK;
}

/* --shard KEY: the shard key at val. Returns nonzero when arg is none. */
static int
parse_shard_key(const char *arg, void *val, char *why, size_t whysz)
{
	return hri_shard_key_parse(arg, val) != HRI_OK;
}

/* What a run does besides indexing: one of them at most. */
enum mode { INDEX, STATS, DELETE, COMPACT, MERGE, SHARD_OF };

int
main(int argc, char **argv)
{
	static const hri_keyword formats[] = {{"text", 0}, {"json", 1},
	                                      {NULL, 0}};
	char path[PATH_MAX];
	const char *db = NULL, *merge = NULL;
	hri_shard_key key = {0};
	double wait = 30;
	unsigned long every = 0, jobs = 0;
	unsigned n;
	int json = 0, stats = 0, delete = 0, compact = 0, shard_of = 0, rc;
	int first;
	enum mode mode;
	const hri_opt opts[] = {
		{.name = "db", .letter = 'd', .kind = HRI_OPT_STRING, .val = &db},
		{.name = "wait", .kind = HRI_OPT_SECONDS, .val = &wait,
		 .max = INFINITY},
		{.name = "stats", .kind = HRI_OPT_FLAG, .val = &stats},
		{.name = "delete", .kind = HRI_OPT_FLAG, .val = &delete},
		{.name = "compact", .kind = HRI_OPT_FLAG, .val = &compact},
		{.name = "format", .kind = HRI_OPT_KEYWORD, .val = &json,
		 .keywords = formats},
		{.name = "shard", .kind = HRI_OPT_FN, .val = &key,
		 .fn = parse_shard_key,
		 .want = "session, year or hash:N (N from 1 to 4096)"},
		{.name = "merge", .kind = HRI_OPT_STRING, .val = &merge},
		{.name = "shard-of", .kind = HRI_OPT_FLAG, .val = &shard_of},
		{.name = "jobs", .letter = 'j', .kind = HRI_OPT_COUNT, .val = &jobs,
		 .min = 1, .max = HRI_JOBS_MAX, .want = "a number of processes"},
		{.name = "commit-every", .kind = HRI_OPT_COUNT, .val = &every,
		 .min = 1, .max = (double)ULONG_MAX,
		 .want = "a number of segments"},
		{0}};

	hri_log_init("hri-index");
	rc = hri_opts_parse(argc, argv, opts, usage_text, &first);
	if (rc != HRI_OPTS_GO_ON)
		return rc;
	if (stats + delete + compact + !!merge + shard_of > 1) {
		hri_error(NULL, "--stats, --delete, --compact, --merge "
		                "and --shard-of exclude each other");
		return HRI_EXIT_USAGE;
	}
	mode = stats ? STATS : delete ? DELETE : compact ? COMPACT
	     : merge ? MERGE : shard_of ? SHARD_OF : INDEX;
	if (mode == SHARD_OF)
		return cmd_shard_of(&key, argc - first, argv + first);
	if (key.kind && mode != INDEX) {
		hri_error("--shard", "only for indexing");
		return HRI_EXIT_USAGE;
	}
	if (every && (mode != INDEX || key.kind)) {
		hri_error("--commit-every", "only for indexing into one database");
		return HRI_EXIT_USAGE;
	}
	if (jobs > 1 && (mode != INDEX || key.kind || every)) {
		hri_error("--jobs", "only for indexing into one database, without "
		                    "--commit-every");
		return HRI_EXIT_USAGE;
	}
	argc -= first;
	argv += first;
	if (mode == MERGE)
		return cmd_merge(merge, argc, argv);
	if (!db) {
		if (hri_home_path("db", path, sizeof path)) {
			hri_error(NULL, "no database: give -d DB or set HRI_HOME");
			return HRI_EXIT_USAGE;
		}
		db = path;
	}
	if (key.kind)
		return cmd_index_shards(db, &key, wait, argc, argv);
	if (mode != STATS && is_shard_set(db)) {
		if (mode == DELETE && argc)
			return cmd_delete_shards(db, wait, argc, argv);
		hri_error(db, "a shard set: index with --shard KEY, join with "
		              "--merge DEST %s", db);
		return HRI_EXIT_USAGE;
	}
	switch (mode) {
	case STATS: return cmd_stats(db, json);
	case DELETE: return cmd_delete(db, wait, argc, argv);
	case COMPACT: return cmd_compact(db, wait);
	default: break;
	}
	n = every ? 1 : jobs_for(db, jobs, argc, argv);
	if (n > 1)
		return cmd_index_jobs(db, n, argc, argv);
	return cmd_index(db, wait, every, argc, argv);
}
