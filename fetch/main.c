/* main.c - hri-fetch: fetch UN documents by symbol into the store and write
 * one "fetched" record per symbol and language. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "batch.h"
#include "discover.h"
#include "format.h"
#include "home.h"
#include "log.h"
#include "loop.h"
#include "options.h"
#include "status.h"
#include "store.h"
#include "verify.h"

/* Longest input line: a symbol or a range, with room for white space. */
#define LINE_MAX_BYTES 4096

static const char usage_text[] =
	"usage: hri-fetch [-fqvw] [-s SOURCE] [-l LANG] [-F FORMAT] [-m]\n"
	"                 [--catalogue URL] [-S DIR] [--max-age SECONDS] [-j N]\n"
	"                 [-r N] [-R N] [--backoff SECONDS] [-t SECONDS]\n"
	"                 [--max-size BYTES] [SYMBOL|RANGE|-]...\n"
	"       hri-fetch [--catalogue URL] --discover PATTERN\n"
	"       hri-fetch [-s SOURCE] [-l LANG] [-S DIR] --verify [SYMBOL...]\n"
	"       hri-fetch -h|-V\n"
	"Fetch UN documents by symbol into the store; one JSON record a line.\n"
	"  -s, --source DIR|URL     mirror directory or URL template with\n"
	"                           {symbol} {file} {lang} {format}\n"
	"                           (default: the UN Official Document System)\n"
	"  -l, --lang LANG          ar, zh, en, fr, ru or es (default en)\n"
	"  -F, --format FORMAT      pdf, docx, doc, html, text, markdown or any\n"
	"                           (default pdf)\n"
	"  -m, --metadata           add catalogue metadata (UN Digital Library)\n"
	"      --catalogue URL      catalogue URL template (default the UNDL)\n"
	"      --discover PATTERN   print the catalogue's symbols matching\n"
	"                           PATTERN (A/HRC/58/*), one a line; no fetch\n"
	"  -S, --store DIR          the store (default $HRI_HOME/store)\n"
	"  -f, --force              fetch again what looks unchanged\n"
	"      --verify             check every store object (or the SYMBOLs')\n"
	"                           against its sha256, fetch damaged ones\n"
	"                           again, remove what cannot be repaired\n"
	"      --max-age SECONDS    do not ask again for what was checked less\n"
	"                           than SECONDS ago (m, h, d: minutes, hours,\n"
	"                           days); report it unchanged (default: the\n"
	"                           server's Cache-Control max-age; 0: always)\n"
	"  -j, --jobs N             transfers at once (default 4)\n"
	"  -r, --rate N             requests a second per host, 0 unlimited\n"
	"                           (default 5)\n"
	"  -R, --retries N          retries of a failed transfer (default 3)\n"
	"      --backoff SECONDS    delay before the first retry (default 1)\n"
	"  -t, --timeout SECONDS    time for one transfer (default 120)\n"
	"      --max-size BYTES     largest document (default 100M; K, M, G)\n"
	"  -w, --wait               wait for the store lock instead of failing\n"
	"  -q, --quiet              errors only, no summary\n"
	"  -v, --verbose            say more\n"
	"  -h, --help               this help\n"
	"  -V, --version            the version\n";

/* The UN's six official languages. */
static const char *const langs[] = {"ar", "zh", "en", "fr", "ru", "es"};

/* Options not in the batch options. */
typedef struct cli {
	hri_batch_opts o;
	const char *store;
	const char *discover; /* --discover PATTERN, or NULL */
	int wait;
	int verify;           /* --verify */
} cli;

/* Parses a size with an optional K, M or G suffix (powers of 1024). */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v, mul = 1;

	errno = 0;
	if (*s == '-')
		return 1;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return 1;
	if (*end == 'K' || *end == 'k')
		mul = 1024ULL, end++;
	else if (*end == 'M' || *end == 'm')
		mul = 1024ULL * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		mul = 1024ULL * 1024 * 1024, end++;
	if (*end || v == 0 || v > (1ULL << 40) / mul)
		return 1;
	*out = (size_t)(v * mul);
	return 0;
}

/* The options that need more than storing their value: each parses arg
 * into the hri_batch_opts at val (--discover: the string at val) and
 * returns nonzero when arg is bad. */

/* -l: one of the UN's six languages. */
static int
opt_lang(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;
	size_t i;

	for (i = 0; i < sizeof langs / sizeof *langs; i++)
		if (strcmp(arg, langs[i]) == 0) {
			o->lang = langs[i];
			return 0;
		}
	return 1;
}

/* -F: a format name, or any. */
static int
opt_format(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;
	const char *f = strcmp(arg, "any") == 0 ? NULL : hri_format_name(arg);

	if (!f && strcmp(arg, "any") != 0)
		return 1;
	o->format = f;
	return 0;
}

/* --catalogue: the catalogue's URL template, which asks for metadata. */
static int
opt_catalogue(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;

	o->catalogue = arg;
	o->metadata = true;
	return 0;
}

/* --discover: a symbol pattern. */
static int
opt_discover(const char *arg, void *val, char *why, size_t whysz)
{
	if (!hri_discover_pattern_ok(arg))
		return 1;
	*(const char **)val = arg;
	return 0;
}

/* -r: requests a second per host; 0 is no limit. */
static int
opt_rate(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;
	double d;

	if (hri_opts_number(arg, 0, 1000, 0, &d))
		return 1;
	o->http.rate = d > 0 ? d : -1;
	return 0;
}

/* -R: retries of a failed transfer; 0 is none. */
static int
opt_retries(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;
	unsigned long n;

	if (hri_opts_count(arg, 0, 20, &n))
		return 1;
	o->http.retries = n ? (int)n : -1;
	return 0;
}

/* -t: seconds for one transfer, which also bound the connection's time
 * and, when short, the time allowed below the lowest speed. */
static int
opt_timeout(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;
	unsigned long n;

	if (hri_opts_count(arg, 1, 86400, &n))
		return 1;
	o->http.timeout = (long)n;
	if (o->http.connect_timeout == 0 || o->http.connect_timeout > (long)n)
		o->http.connect_timeout = n < 20 ? (long)n : 20;
	if (n < 30)
		o->http.low_speed_time = (long)n;
	return 0;
}

/* --max-size: the largest document. */
static int
opt_max_size(const char *arg, void *val, char *why, size_t whysz)
{
	hri_batch_opts *o = val;

	return parse_size(arg, &o->http.max_size);
}

/* --max-age: a duration, seconds or with an m, h or d suffix minutes,
 * hours or days; at most ten years. */
static int
opt_max_age(const char *arg, void *val, char *why, size_t whysz)
{
	static const long ten_years = 10L * 366 * 24 * 3600;
	hri_batch_opts *o = val;
	char *end;
	long v, mul = 1;

	errno = 0;
	if (*arg < '0' || *arg > '9')
		return 1;
	v = strtol(arg, &end, 10);
	if (errno || end == arg)
		return 1;
	if (*end == 's')
		end++;
	else if (*end == 'm')
		mul = 60, end++;
	else if (*end == 'h')
		mul = 3600, end++;
	else if (*end == 'd')
		mul = 24 * 3600, end++;
	if (*end || v > ten_years / mul)
		return 1;
	o->max_age = v * mul;
	return 0;
}

/* Parses the command line into c; *first gets the index of the first
 * operand. Returns HRI_OPTS_GO_ON, else an exit status. */
static int
parse_args(int argc, char **argv, cli *c, int *first)
{
	int metadata = 0, force = 0, rc;
	unsigned long jobs = 0;
	const hri_opt opts[] = {
		{.name = "source", .letter = 's', .kind = HRI_OPT_STRING,
		 .val = &c->o.source},
		{.name = "lang", .letter = 'l', .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_lang, .want = "one of ar, zh, en, fr, ru, es"},
		{.name = "format", .letter = 'F', .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_format, .want = "one of " HRI_FORMAT_NAMES ", any"},
		{.name = "metadata", .letter = 'm', .kind = HRI_OPT_FLAG,
		 .val = &metadata},
		{.name = "catalogue", .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_catalogue},
		{.name = "discover", .kind = HRI_OPT_FN, .val = &c->discover,
		 .fn = opt_discover, .want = "a symbol pattern such as A/HRC/58/*"},
		{.name = "store", .letter = 'S', .kind = HRI_OPT_STRING,
		 .val = &c->store},
		{.name = "force", .letter = 'f', .kind = HRI_OPT_FLAG, .val = &force},
		{.name = "verify", .kind = HRI_OPT_FLAG, .val = &c->verify},
		{.name = "max-age", .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_max_age,
		 .want = "a duration such as 3600, 90m, 20h or 7d"},
		{.name = "jobs", .letter = 'j', .kind = HRI_OPT_COUNT, .val = &jobs,
		 .min = 1, .max = 64},
		{.name = "rate", .letter = 'r', .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_rate, .want = "a rate from 0 to 1000"},
		{.name = "retries", .letter = 'R', .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_retries, .want = "a count from 0 to 20"},
		{.name = "backoff", .kind = HRI_OPT_SECONDS,
		 .val = &c->o.http.backoff, .min = 0, .max = 600, .above_min = 1,
		 .want = "a number of seconds above 0, up to 600"},
		{.name = "timeout", .letter = 't', .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_timeout, .want = "a number of seconds from 1 to 86400"},
		{.name = "max-size", .kind = HRI_OPT_FN, .val = &c->o,
		 .fn = opt_max_size, .want = "a size such as 50M"},
		{.name = "wait", .letter = 'w', .kind = HRI_OPT_FLAG, .val = &c->wait},
		{0}};

	rc = hri_opts_parse(argc, argv, opts, usage_text, first);
	if (metadata)
		c->o.metadata = true;
	if (force)
		c->o.force = true;
	if (jobs)
		c->o.http.jobs = (int)jobs;
	return rc;
}

/* Runs --discover: prints the catalogue's symbols of the pattern. Returns
 * the exit status: 0 some found, 1 none, 4 the catalogue failed. */
static int
discover(const cli *c)
{
	hri_discover_opts o;
	char err[1024];
	size_t found;
	hri_status st;

	memset(&o, 0, sizeof o);
	o.catalogue = c->o.catalogue;
	o.http = c->o.http;
	o.out = stdout;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		hri_error(NULL, "libcurl cannot start");
		return HRI_EXIT_FATAL;
	}
	st = hri_discover_run(c->discover, &o, &found, err, sizeof err);
	curl_global_cleanup();
	if (st) {
		hri_error("catalogue", "%s", err);
		return HRI_EXIT_FATAL;
	}
	hri_info(NULL, "%s: %zu symbols", c->discover, found);
	return found ? HRI_EXIT_OK : HRI_EXIT_NOTHING;
}

/* Runs --verify on the open store. Returns the exit status: 0 the store
 * is sound (or was repaired), 3 something could not be repaired, 4 the
 * store or the output failed. */
static int
verify(const cli *c, hri_store *store, int n, char **syms)
{
	hri_verify_stats vs;
	char err[PATH_MAX + 128] = "";
	hri_status st;

	st = hri_verify_run(store, &c->o, n, syms, &vs, err, sizeof err);
	if (st) {
		if (st != HRI_ERR_IO || err[0])
			hri_error(NULL, "--verify: %s", err);
		return st == HRI_ERR_INVALID ? HRI_EXIT_USAGE : HRI_EXIT_FATAL;
	}
	hri_info(NULL, "verify: %lu objects read: %lu damaged, %lu missing; "
	         "%lu fetched again, %lu failed, %lu damaged removed; %lu "
	         "unreadable references and %lu temporary files removed",
	         vs.objects, vs.damaged, vs.missing, vs.fetched, vs.failed,
	         vs.removed, vs.bad_refs, vs.temps);
	return vs.failed || vs.unknown ? HRI_EXIT_PARTIAL : HRI_EXIT_OK;
}

/* hri_loop's callback: adds one argument or line to the batch. */
static hri_item_result
add_item(const hri_item *item, void *ud)
{
	hri_batch *b = ud;
	const hri_batch_stats *s = hri_batch_stats_get(b);
	unsigned long failed = s->failed;
	hri_status st;

	st = hri_batch_add(b, item->text, item->len);
	if (st == HRI_ERR_IO)
		return HRI_ITEM_FATAL;
	if (st == HRI_ERR_TOO_BIG) {
		hri_error(item->where, "too many symbols for one run; split the input");
		return HRI_ITEM_FATAL;
	}
	if (st) {
		hri_error(item->where, "%s", hri_status_str(st));
		return HRI_ITEM_FATAL;
	}
	return s->failed > failed ? HRI_ITEM_FAILED : HRI_ITEM_DONE;
}

int
main(int argc, char **argv)
{
	cli c;
	char dir[PATH_MAX], err[PATH_MAX + 128];
	hri_store *store = NULL;
	hri_batch *b = NULL;
	hri_loop_stats ls;
	const hri_batch_stats *s;
	unsigned long fetched;
	hri_status st;
	int rc, first;

	hri_log_init("hri-fetch");
	/* A closed output pipe, or a file past the size limit, is a write
	 * error to report, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	memset(&c, 0, sizeof c);
	c.o.lang = "en";
	c.o.format = "pdf";
	c.o.max_age = -1;
	c.o.out = stdout;
	rc = parse_args(argc, argv, &c, &first);
	if (rc != HRI_OPTS_GO_ON)
		return rc;
	if (c.discover) {
		if (first < argc) {
			hri_error(NULL, "--discover takes no symbols");
			return HRI_EXIT_USAGE;
		}
		return discover(&c);
	}
	if (first == argc && isatty(0) && !c.verify) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	if (c.store) {
		snprintf(dir, sizeof dir, "%s", c.store);
	} else {
		st = hri_home_path("store", dir, sizeof dir);
		if (st) {
			hri_error(NULL, "no store: set HRI_HOME or use --store");
			return HRI_EXIT_FATAL;
		}
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		hri_error(NULL, "libcurl cannot start");
		return HRI_EXIT_FATAL;
	}
	rc = HRI_EXIT_FATAL;
	st = hri_store_open(dir, HRI_STORE_LOCK | (c.wait ? HRI_STORE_WAIT : 0),
	                    &store, err, sizeof err);
	if (st) {
		hri_error(NULL, "%s%s", err,
		          st == HRI_ERR_LOCKED ? " (use --wait to wait for it)" : "");
		goto out;
	}
	if (c.verify) {
		rc = verify(&c, store, argc - first, argv + first);
		goto out;
	}
	st = hri_batch_new(&c.o, store, &b, err, sizeof err);
	if (st) {
		hri_error(NULL, "--source %s", err);
		rc = st == HRI_ERR_INVALID ? HRI_EXIT_USAGE : HRI_EXIT_FATAL;
		goto out;
	}
	hri_loop(argc - first, argv + first, LINE_MAX_BYTES, add_item, b,
	         &ls);
	if (ls.usage) {
		fputs(usage_text, stderr);
		rc = HRI_EXIT_USAGE;
		goto out;
	}
	if (ls.fatal)
		goto out;
	st = hri_batch_run(b);
	if (st)
		goto out;
	s = hri_batch_stats_get(b);
	fetched = s->added + s->updated + s->unchanged;
	if (s->symbols || ls.failed)
		hri_info(NULL, "%lu fetched: %lu new, %lu updated, %lu unchanged, "
		         "%lu failed", fetched, s->added, s->updated, s->unchanged,
		         s->failed);
	if (s->fresh)
		hri_info(NULL, "%lu of the unchanged not asked: checked within "
		         "their max-age", s->fresh);
	/* Offline: the source could not be reached for anything. */
	if (s->unresolved && fetched == 0)
		rc = HRI_EXIT_FATAL;
	else if (s->failed || ls.failed)
		rc = HRI_EXIT_PARTIAL;
	else if (fetched == 0)
		rc = HRI_EXIT_NOTHING;
	else
		rc = HRI_EXIT_OK;
out:
	hri_batch_free(b);
	hri_store_free(store);
	curl_global_cleanup();
	return rc;
}
