/* main.c - hri-query: searches the index, prints ranked hits with
 * snippets and ODS addresses, facet counts, a document's segments, and the
 * citation links between documents. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "home.h"
#include "jsonl.h"
#include "links.h"
#include "log.h"
#include "loop.h"
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
	"Searches the hri index (default $HRI_HOME/db). QUERY is Xapian's query\n"
	"syntax: words, \"phrases\", AND OR NOT, +word -word, wild*, and the\n"
	"prefixes symbol: body: session: year: (year:2013..2016) date: doctype:\n"
	"lang: kind: section: para: country: org: person: theme: sdg:\n"
	"affected: issue: cites: instrument: treaty: recommending: position:\n"
	"review: cycle: title: (theme: and affected: also take older label names,\n"
	"country:, recommending: and review: any name of a State: review:Iran)\n"
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
	"  -h, --help           this help\n";

/* Most hits --limit and --offset take. */
#define ALL_HITS HRI_SEARCH_ALL_HITS

/* Most databases -d may name. */
#define MAX_DBS 64

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

/* Splits the comma-separated list s (modified) into at most max names in
 * out; returns the count, or -1 when a name is not a facet field. */
static int
split_facets(char *s, const char **out, int max)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (strcmp(t, "org") == 0)
			t = "organization";
		if (!hri_field_is_facet(t)) {
			char names[512];
			hri_field_facet_names(names, sizeof names);
			hri_error("--facets", "not a facet field: %s (fields: %s)", t,
			          names);
			return -1;
		}
		if (n == max) {
			hri_error("--facets", "at most %d fields", max);
			return -1;
		}
		out[n++] = t;
	}
	return n;
}

/* Reports the shards left out (--partial): a warning, and in JSON a record
 * {"type":"partial","missing":[...]}. Returns 1 when some were. */
static int
report_missing(const hri_db *db, const hri_out *o)
{
	size_t i, n = hri_db_missing_count(db);
	json_t *r = NULL, *m;

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
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

/* Runs a search and prints its hits, facets and spelling suggestion. */
static int
cmd_search(hri_db *db, hri_out *o, const char *query, hri_query_opts *qo)
{
	char err[1024];
	int rc;

	rc = hri_search_print(db, o, query, qo, err, sizeof err);
	if (rc == HRI_EXIT_USAGE || rc == HRI_EXIT_FATAL)
		hri_error(NULL, "%s", err);
	return rc;
}

/* What a --batch run shares between its queries. */
struct batch {
	hri_db *db;
	hri_out *o;
	hri_query_opts *qo;
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
	rc = hri_search_print(b->db, b->o, item->text, b->qo, err, sizeof err);
	if (rc == HRI_EXIT_USAGE || rc == HRI_EXIT_FATAL)
		hri_error(item->where, "%s", err);
	if (rc == HRI_EXIT_FATAL)
		return HRI_ITEM_FATAL;
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
	struct batch b = {db, o, qo};
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
	hri_show sh;

	if (hri_search_show_init(&sh, what)) {
		hri_error("--show", "too long: %s", what);
		return HRI_EXIT_USAGE;
	}
	o->full = 1;
	return cmd_search(db, o, "", &sh.qo);
}

int
main(int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_LIMIT, OPT_OFFSET, OPT_SORT, OPT_FACETS,
	       OPT_SHOW, OPT_CITED_BY, OPT_CITES, OPT_GRAPH, OPT_FULL,
	       OPT_PARTIAL, OPT_TIMEOUT, OPT_BATCH };
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"offset", required_argument, NULL, OPT_OFFSET},
		{"sort", required_argument, NULL, OPT_SORT},
		{"facets", required_argument, NULL, OPT_FACETS},
		{"full", no_argument, NULL, OPT_FULL},
		{"show", required_argument, NULL, OPT_SHOW},
		{"cited-by", required_argument, NULL, OPT_CITED_BY},
		{"cites", required_argument, NULL, OPT_CITES},
		{"graph", no_argument, NULL, OPT_GRAPH},
		{"batch", no_argument, NULL, OPT_BATCH},
		{"partial", no_argument, NULL, OPT_PARTIAL},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	char path[PATH_MAX], err[512];
	const char *dbpaths[MAX_DBS], *show = NULL, *cited_by = NULL;
	const char *cites = NULL;
	size_t ndb = 0;
	hri_db_set_opts so = {0};
	const char *facets[32];
	char *facet_arg = NULL, *query = NULL, *end;
	hri_out o = {stdout, HRI_FMT_TEXT, 0, 0, 300, 0};
	hri_query_opts qo = {0};
	hri_db *db = NULL;
	int c, level = 1, fmt_set = 0, graph = 0, batch = 0, nf, rc;
	unsigned long v;
	hri_status st;

	hri_log_init("hri-query");
	qo.limit = 10;
	for (;;) {
		c = getopt_long(argc, argv, "d:qvh", opts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'd':
			if (ndb == MAX_DBS) {
				hri_error(NULL, "-d: at most %d databases", MAX_DBS);
				return HRI_EXIT_USAGE;
			}
			dbpaths[ndb++] = optarg;
			break;
		case OPT_PARTIAL: so.partial = 1; break;
		case OPT_TIMEOUT:
			so.timeout = strtod(optarg, &end);
			if (*end || !*optarg || !(so.timeout > 0)) {
				hri_error(NULL, "--timeout: not a number of seconds: %s",
				          optarg);
				return HRI_EXIT_USAGE;
			}
			break;
		case OPT_FORMAT:
			if (hri_out_format(optarg, &o.format)) {
				hri_error(NULL, "--format: text, json or csv, not %s",
				          optarg);
				return HRI_EXIT_USAGE;
			}
			fmt_set = 1;
			break;
		case OPT_LIMIT:
		case OPT_OFFSET:
			v = strtoul(optarg, &end, 10);
			if (*end || !*optarg || *optarg == '-' || v > ALL_HITS) {
				hri_error(NULL, "%s: not a count: %s",
				          c == OPT_LIMIT ? "--limit" : "--offset", optarg);
				return HRI_EXIT_USAGE;
			}
			if (c == OPT_LIMIT)
				qo.limit = (unsigned)v;
			else
				qo.offset = (unsigned)v;
			break;
		case OPT_SORT:
			if (strcmp(optarg, "relevance") == 0) {
				qo.sort = HRI_SORT_RELEVANCE;
			} else if (strcmp(optarg, "date") == 0) {
				qo.sort = HRI_SORT_DATE;
			} else {
				hri_error(NULL, "--sort: relevance or date, not %s", optarg);
				return HRI_EXIT_USAGE;
			}
			break;
		case OPT_FACETS: facet_arg = optarg; break;
		case OPT_FULL: o.full = 1; break;
		case OPT_SHOW: show = optarg; break;
		case OPT_CITED_BY: cited_by = optarg; break;
		case OPT_CITES: cites = optarg; break;
		case OPT_GRAPH: graph = 1; break;
		case OPT_BATCH: batch = 1; break;
		case 'q': level = 0; break;
		case 'v': level++; break;
		case 'h': fputs(usage_text, stdout); return HRI_EXIT_OK;
		default: fputs(usage_text, stderr); return HRI_EXIT_USAGE;
		}
	}
	hri_log_set_level(level);
	argc -= optind;
	argv += optind;
	if (!!show + !!cited_by + !!cites + graph > 1) {
		hri_error(NULL, "--show, --cited-by, --cites and --graph exclude "
		                "each other");
		return HRI_EXIT_USAGE;
	}
	if (batch && (show || cited_by || cites || graph || argc > 0 ||
	              (fmt_set && o.format != HRI_FMT_JSON))) {
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
	if (!fmt_set)
		o.format = isatty(STDOUT_FILENO) && !batch ? HRI_FMT_TEXT
		                                           : HRI_FMT_JSON;
	o.ansi = o.format == HRI_FMT_TEXT && isatty(STDOUT_FILENO);
	if (facet_arg) {
		nf = split_facets(facet_arg, facets, 32);
		if (nf < 0)
			return HRI_EXIT_USAGE;
		qo.facets = facets;
		qo.nfacets = (size_t)nf;
	}
	if (!ndb) {
		if (hri_home_path("db", path, sizeof path)) {
			hri_error(NULL, "no database: give -d DB or set HRI_HOME");
			return HRI_EXIT_USAGE;
		}
		dbpaths[ndb++] = path;
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
	st = hri_db_open_set(dbpaths, ndb, &so, &db, err, sizeof err);
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
		rc = hri_links_cited_by(db, &o, cited_by, query);
	else if (cites)
		rc = hri_links_cites(db, &o, cites);
	else if (graph)
		rc = hri_links_graph(db, o.fp, query);
	else
		rc = cmd_search(db, &o, query, &qo);
	if (rc != HRI_EXIT_USAGE && rc != HRI_EXIT_FATAL && report_missing(db, &o))
		rc = HRI_EXIT_PARTIAL;
	hri_db_free(db);
	free(query);
	return rc;
}
