/* main.c - hri-query: searches the index, prints ranked hits with
 * snippets and ODS addresses, facet counts, a document's segments, and the
 * citation links between documents. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "home.h"
#include "jsonl.h"
#include "links.h"
#include "log.h"
#include "loop.h"
#include "options.h"
#include "output.h"
#include "search.h"
#include "status.h"
#include "utf8.h"
#include "xapian.h"

static const char usage_text[] =
	"usage: hri-query [-d DB]... [--partial] [--timeout SECONDS]\n"
	"                 [--format text|json|csv] [--limit N]\n"
	"                 [--offset N] [--sort relevance|date]\n"
	"                 [--facets FIELD,...] [--full] [-q] [-v] QUERY...\n"
	"       hri-query [-d DB] [--format F] --show SYMBOL[#PARA]\n"
	"       hri-query [-d DB] [--format F] --cited-by SYMBOL [QUERY...]\n"
	"       hri-query [-d DB] [--format F] --cites SYMBOL\n"
	"       hri-query [-d DB] --graph [QUERY...]\n"
	"       hri-query [-d DB]... --batch [--limit N] [--facets FIELD,...]\n"
	"                 [OPTION...] < QUERIES\n"
	"       hri-query -h|-V\n"
	"Searches the hri index (default $HRI_HOME/db). QUERY is Xapian's query\n"
	"syntax: words (any is enough, the best first), \"phrases\", AND OR NOT,\n"
	"+word -word, wild*, abbreviations of data/synonyms.tsv (OP-CAT), and the\n"
	"prefixes symbol: body: session: year: (year:2013..2016) date: doctype:\n"
	"lang: kind: section: para: country: org: person: theme: sdg:\n"
	"affected: issue: cites: instrument: treaty: recommending: position:\n"
	"title: mechanism: review: cycle: article: followup: addressee: (theme:\n"
	"and affected: also take older label names; country:, recommending: and\n"
	"review: any name of a State, review:Iran; org:OHCHR: the other names of\n"
	"the tables in data/). '' or '   ' matches every segment. Nothing\n"
	"matched: exit 1, and why on stderr (an unknown prefix, a value or word\n"
	"the index lacks, with the closest it holds)\n"
	"  -d, --db DB          a Xapian database, shard set or stub file;\n"
	"                       repeated: search them all as one\n"
	"      --partial        search the shards that answer when a remote\n"
	"                       one does not (exit 3, a \"partial\" record)\n"
	"      --timeout SECS   wait this long for a remote shard (default 10)\n"
	"      --format FMT     text (default on a terminal), json (default\n"
	"                       otherwise: JSON Lines, one hit a line) or csv\n"
	"      --limit N        hits to print (default 10)\n"
	"      --offset N       hits to skip first\n"
	"      --sort ORDER     relevance (default) or date (newest first)\n"
	"      --facets LIST    count the values of these fields over all matches\n"
	"                       (csv: alone, with --limit 0)\n"
	"      --full           whole segment texts instead of snippets\n"
	"      --show SYM[#P]   a document's segments, or one paragraph\n"
	"      --cited-by SYM   the documents and paragraphs citing SYM\n"
	"      --cites SYM      the documents SYM cites\n"
	"      --graph          the citation network of the matches, in DOT\n"
	"      --batch          run each line of standard input as a query, in\n"
	"                       one process; JSON Lines, each answer closed by\n"
	"                       {\"type\":\"end\",\"query\",\"exit\"}\n"
	"  -q, --quiet          errors only\n"
	"  -v, --verbose        say more\n"
	"  -h, --help           this help\n"
	"  -V, --version        the version\n";

/* Most hits --limit and --offset take. */
#define ALL_HITS HRI_SEARCH_ALL_HITS

/* Most databases -d may name. */
#define MAX_DBS 64
#define STR_(x) #x
#define STR(x) STR_(x)

/* The databases -d names, in order. */
struct dbs {
	const char *paths[MAX_DBS];
	size_t n;
};

/* -d DB: adds arg to the struct dbs at val. Returns nonzero when it is
 * full. */
static int
add_db(const char *arg, void *val, char *why, size_t whysz)
{
	struct dbs *d = val;

	if (d->n == MAX_DBS)
		return 1;
	d->paths[d->n++] = arg;
	return 0;
}

/* Joins argv into one query string (a new string to free()), or NULL when
 * out of memory. */
static char *
join_args(int argc, char **argv)
{
	size_t n = 1;
	char *q;
	int i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	q = malloc(n);
	if (!q)
		return NULL;
	q[0] = '\0';
	n = 0;
	for (i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]);
		if (i)
			q[n++] = ' ';
		memcpy(q + n, argv[i], l);
		n += l;
		q[n] = '\0';
	}
	return q;
}

/* Reports the shards left out (--partial): a warning for each from the
 * first'th on (those not yet warned of), and in JSON a record
 * {"type":"partial","missing":[...]} naming every one. Returns 1 when some
 * were. */
static int
report_missing(const hri_db *db, const hri_out *o, size_t first)
{
	size_t i, n = hri_db_missing_count(db);
	json_t *r = NULL, *m;

	if (!n)
		return 0;
	for (i = first; i < n; i++)
		hri_error(hri_db_missing(db, i), "did not answer; results are "
		                                 "partial");
	if (o->format != HRI_FMT_JSON)
		return 1;
	m = json_array();
	for (i = 0; m && i < n; i++)
		json_array_append_new(m, json_string(hri_db_missing(db, i)));
	if (m)
		r = json_pack("{s:s, s:o}", "type", "partial", "missing", m);
	if (r)
		hri_jsonl_write(o->fp, r);
	json_decref(r);
	fflush(o->fp);
	return 1;
}

/* Says on stderr why st failed (err), and returns the exit status of st:
 * nothing matched is no failure to report. */
static int
exit_of(hri_status st, const char *where, const char *err)
{
	if (st && st != HRI_ERR_NOT_FOUND)
		hri_error(where, "%s", err);
	return hri_status_exit(st);
}

/* Runs a search and prints its hits, facets and spelling suggestion. */
static int
cmd_search(hri_db *db, hri_out *o, const char *query, hri_query_opts *qo)
{
	char err[1024];

	return exit_of(hri_search_print(db, o, query, qo, err, sizeof err), NULL,
	               err);
}

/* What a --batch run shares between its queries. */
struct batch {
	hri_db *db;
	hri_out *o;
	hri_query_opts *qo;
	size_t warned; /* shards left out that were warned of */
};

/* Writes the record closing the answer to query: {"type":"end", "query",
 * "exit"}, exit the status hri-query would have ended with. Returns
 * HRI_ERR_IO when the output fails. */
static hri_status
batch_end(FILE *fp, const char *query, int rc)
{
	json_t *r = json_pack("{s:s, s:s, s:i}", "type", "end", "query", query,
	                      "exit", rc);
	hri_status st = r ? hri_jsonl_write(fp, r) : HRI_ERR_NOMEM;

	json_decref(r);
	if (!st && fflush(fp) != 0)
		st = HRI_ERR_IO;
	return st;
}

/* The loop's callback for --batch: one query line. */
static hri_item_result
batch_item(const hri_item *item, void *ud)
{
	struct batch *b = ud;
	char err[1024];
	int rc;

	if (!hri_utf8_valid(item->text, item->len)) {
		hri_error(item->where, "the query is not valid UTF-8");
		return batch_end(b->o->fp, "", HRI_EXIT_USAGE) ? HRI_ITEM_FATAL
		                                               : HRI_ITEM_FAILED;
	}
	/* A batch may outlive commits of hri-index: each query sees the
	 * latest (cheap when nothing changed). */
	if (hri_db_reopen(b->db)) {
		hri_error(item->where, "%s", hri_db_errmsg(b->db));
		return HRI_ITEM_FATAL;
	}
	rc = exit_of(hri_search_print(b->db, b->o, item->text, b->qo, err,
	                              sizeof err), item->where, err);
	if (rc == HRI_EXIT_FATAL)
		return HRI_ITEM_FATAL;
	/* Each answer a left-out shard is missing from says so, as a query of
	 * its own would. */
	if (rc != HRI_EXIT_USAGE && report_missing(b->db, b->o, b->warned)) {
		b->warned = hri_db_missing_count(b->db);
		if (rc == HRI_EXIT_OK)
			rc = HRI_EXIT_PARTIAL;
	}
	if (batch_end(b->o->fp, item->text, rc))
		return HRI_ITEM_FATAL;
	if (rc == HRI_EXIT_USAGE)
		return HRI_ITEM_FAILED;
	return rc == HRI_EXIT_NOTHING ? HRI_ITEM_NOTHING : HRI_ITEM_DONE;
}

/* Runs every line of standard input as a query (--batch). */
static int
cmd_batch(hri_db *db, hri_out *o, hri_query_opts *qo)
{
	struct batch b = {db, o, qo, 0};
	hri_loop_stats ls;

	hri_loop(0, NULL, 0, batch_item, &b, &ls);
	if (ls.usage)
		fputs(usage_text, stderr);
	return hri_loop_exit(&ls);
}

/* Prints the segments of a document, one paragraph ("SYM#14") with its
 * items, or one segment by its id ("SYM#115.3", "SYM#45(e)", "SYM#fn3"). */
static int
cmd_show(hri_db *db, hri_out *o, const char *what)
{
	char msg[1024];
	hri_show sh;
	int rc;

	if (hri_search_show_init(&sh, what)) {
		hri_error("--show", "too long: %s", what);
		return HRI_EXIT_USAGE;
	}
	o->full = 1;
	rc = cmd_search(db, o, "", &sh.qo);
	if (rc == HRI_EXIT_NOTHING) {
		hri_search_show_missing(db, &sh, what, msg, sizeof msg);
		hri_error("--show", "%s", msg);
	}
	return rc;
}

int
main(int argc, char **argv)
{
	static const hri_keyword sorts[] = {
		{"relevance", HRI_SORT_RELEVANCE}, {"date", HRI_SORT_DATE},
		{NULL, 0}};
	char path[PATH_MAX], err[1024];
	const char *show = NULL, *cited_by = NULL, *cites = NULL;
	struct dbs dbs = {{NULL}, 0};
	hri_db_set_opts so = {0};
	const char *facets[32];
	const char *facet_arg = NULL;
	char *query = NULL;
	hri_out o = {stdout, -1, 0, 0, HRI_OUT_SNIPPET, 0, NULL, 1};
	hri_query_opts qo = {0};
	hri_db *db = NULL;
	unsigned long limit = 10, offset = 0;
	int graph = 0, batch = 0, rc, first;
	hri_status st;
	const hri_opt opts[] = {
		{.name = "db", .letter = 'd', .kind = HRI_OPT_FN, .val = &dbs,
		 .fn = add_db, .want = "at most " STR(MAX_DBS) " databases"},
		{.name = "partial", .kind = HRI_OPT_FLAG, .val = &so.partial},
		{.name = "timeout", .kind = HRI_OPT_SECONDS, .val = &so.timeout,
		 .min = 0, .max = INFINITY, .above_min = 1,
		 .want = "a number of seconds above 0"},
		{.name = "format", .kind = HRI_OPT_KEYWORD, .val = &o.format,
		 .keywords = hri_out_formats},
		{.name = "limit", .kind = HRI_OPT_COUNT, .val = &limit,
		 .max = ALL_HITS},
		{.name = "offset", .kind = HRI_OPT_COUNT, .val = &offset,
		 .max = ALL_HITS},
		{.name = "sort", .kind = HRI_OPT_KEYWORD, .val = &qo.sort,
		 .keywords = sorts},
		{.name = "facets", .kind = HRI_OPT_STRING, .val = &facet_arg},
		{.name = "full", .kind = HRI_OPT_FLAG, .val = &o.full},
		{.name = "show", .kind = HRI_OPT_STRING, .val = &show},
		{.name = "cited-by", .kind = HRI_OPT_STRING, .val = &cited_by},
		{.name = "cites", .kind = HRI_OPT_STRING, .val = &cites},
		{.name = "graph", .kind = HRI_OPT_FLAG, .val = &graph},
		{.name = "batch", .kind = HRI_OPT_FLAG, .val = &batch},
		{0}};

	hri_log_init("hri-query");
	rc = hri_opts_parse(argc, argv, opts, usage_text, &first);
	if (rc != HRI_OPTS_GO_ON)
		return rc;
	qo.limit = (unsigned)limit;
	qo.offset = (unsigned)offset;
	argc -= first;
	argv += first;
	if (!!show + !!cited_by + !!cites + graph > 1) {
		hri_error(NULL, "--show, --cited-by, --cites and --graph exclude "
		                "each other");
		return HRI_EXIT_USAGE;
	}
	if (batch && (show || cited_by || cites || graph || argc > 0 ||
	              (o.format >= 0 && o.format != HRI_FMT_JSON))) {
		hri_error(NULL, "--batch reads its queries from standard input "
		                "and writes JSON Lines: no QUERY argument, --format "
		                "json only, no --show, --cited-by, --cites or --graph");
		return HRI_EXIT_USAGE;
	}
	if (argc == 0 && !show && !cited_by && !cites && !graph && !facet_arg &&
	    !batch) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	if (o.format < 0)
		o.format = isatty(STDOUT_FILENO) && !batch ? HRI_FMT_TEXT
		                                           : HRI_FMT_JSON;
	o.ansi = o.format == HRI_FMT_TEXT && isatty(STDOUT_FILENO);
	if (facet_arg) {
		if (hri_search_facets(facet_arg, facets,
		                      sizeof facets / sizeof facets[0], &qo.nfacets,
		                      err, sizeof err)) {
			hri_error("--facets", "%s", err);
			return HRI_EXIT_USAGE;
		}
		qo.facets = facets;
	}
	if (!dbs.n) {
		if (hri_home_path("db", path, sizeof path)) {
			hri_error(NULL, "no database: give -d DB or set HRI_HOME");
			return HRI_EXIT_USAGE;
		}
		dbs.paths[dbs.n++] = path;
	}
	query = join_args(argc, argv);
	if (!query) {
		hri_error(NULL, "%s", hri_status_str(HRI_ERR_NOMEM));
		return HRI_EXIT_FATAL;
	}
	/* Xapian and the JSON output take UTF-8 only: refuse anything else
	 * here rather than fail later without a word. */
	if (!hri_utf8_valid(query, strlen(query))) {
		hri_error(NULL, "the query is not valid UTF-8");
		free(query);
		return HRI_EXIT_USAGE;
	}
	st = hri_db_open_set(dbs.paths, dbs.n, &so, &db, err, sizeof err);
	if (st) {
		hri_error(NULL, "%s%s", err,
		          st == HRI_ERR_NOT_FOUND ? " (build it with hri-index)" : "");
		free(query);
		return HRI_EXIT_FATAL;
	}
	if (batch)
		rc = cmd_batch(db, &o, &qo);
	else if (show)
		rc = cmd_show(db, &o, show);
	else if (cited_by)
		rc = exit_of(hri_links_cited_by(db, &o, cited_by, query, err,
		                                sizeof err), NULL, err);
	else if (cites)
		rc = exit_of(hri_links_cites(db, &o, cites, err, sizeof err), NULL,
		             err);
	else if (graph)
		rc = exit_of(hri_links_graph(db, o.fp, query, err, sizeof err), NULL,
		             err);
	else
		rc = cmd_search(db, &o, query, &qo);
	/* A batch said it after each answer. */
	if (batch && rc == HRI_EXIT_OK && hri_db_missing_count(db))
		rc = HRI_EXIT_PARTIAL;
	else if (!batch && rc != HRI_EXIT_USAGE && rc != HRI_EXIT_FATAL &&
	         report_missing(db, &o, 0))
		rc = HRI_EXIT_PARTIAL;
	hri_db_free(db);
	free(query);
	return rc;
}
