/* main.c - hri-fetch: fetch UN documents by symbol into the store and write
 * one "fetched" record per symbol and language. */
#include <errno.h>
#include <getopt.h>
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
#include "status.h"
#include "store.h"
#include "verify.h"

/* Longest input line: a symbol or a range, with room for white space. */
#define LINE_MAX_BYTES 4096

static const char usage_text[] =
	"usage: hri-fetch [-fqvw] [-s SOURCE] [-l LANG] [-F FORMAT] [-m]\n"
	"                 [--catalogue URL] [-S DIR] [-j N] [-r N] [-R N]\n"
	"                 [--backoff SECONDS] [-t SECONDS] [--max-size BYTES]\n"
	"                 [SYMBOL|RANGE|-]...\n"
	"       hri-fetch [--catalogue URL] --discover PATTERN\n"
	"       hri-fetch [-s SOURCE] [-l LANG] [-S DIR] --verify [SYMBOL...]\n"
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
	"  -h, --help               this help\n";

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

/* Parses a count in [min, max] from s into *out. Returns nonzero when bad. */
static int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return 1;
	*out = v;
	return 0;
}

/* Parses a non-negative number of seconds (fractions allowed). */
static int
parse_secs(const char *s, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0) || v > max)
		return 1;
	*out = v;
	return 0;
}

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

/* Prints a usage error about option opt and returns the usage exit. */
static int
bad(const char *opt, const char *arg, const char *want)
{
	hri_error(NULL, "%s %s: %s", opt, arg, want);
	fputs("Try 'hri-fetch --help'.\n", stderr);
	return HRI_EXIT_USAGE;
}

/* Parses the command line into c. Returns -1 to go on, else an exit. */
static int
parse_args(int argc, char **argv, cli *c)
{
	enum { OPT_CATALOGUE = 256, OPT_BACKOFF, OPT_MAX_SIZE, OPT_DISCOVER,
	       OPT_VERIFY };
	static const struct option longopts[] = {
		{"source", required_argument, NULL, 's'},
		{"lang", required_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'F'},
		{"metadata", no_argument, NULL, 'm'},
		{"catalogue", required_argument, NULL, OPT_CATALOGUE},
		{"discover", required_argument, NULL, OPT_DISCOVER},
		{"store", required_argument, NULL, 'S'},
		{"force", no_argument, NULL, 'f'},
		{"verify", no_argument, NULL, OPT_VERIFY},
		{"jobs", required_argument, NULL, 'j'},
		{"rate", required_argument, NULL, 'r'},
		{"retries", required_argument, NULL, 'R'},
		{"backoff", required_argument, NULL, OPT_BACKOFF},
		{"timeout", required_argument, NULL, 't'},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"wait", no_argument, NULL, 'w'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	long n;
	double d;
	size_t i;
	int ch;

	while (1) {
		ch = getopt_long(argc, argv, "s:l:F:mS:fj:r:R:t:wqvh", longopts,
		                 NULL);
		if (ch == -1)
			break;
		switch (ch) {
		case 's':
			c->o.source = optarg;
			break;
		case 'l':
			for (i = 0; i < sizeof langs / sizeof *langs; i++)
				if (strcmp(optarg, langs[i]) == 0)
					break;
			if (i == sizeof langs / sizeof *langs)
				return bad("--lang", optarg, "not one of ar, zh, en, fr, ru, es");
			c->o.lang = langs[i];
			break;
		case 'F':
			if (strcmp(optarg, "any") == 0) {
				c->o.format = NULL;
				break;
			}
			c->o.format = hri_format_name(optarg);
			if (!c->o.format)
				return bad("--format", optarg,
				           "not one of " HRI_FORMAT_NAMES ", any");
			break;
		case 'm':
			c->o.metadata = true;
			break;
		case OPT_CATALOGUE:
			c->o.catalogue = optarg;
			c->o.metadata = true;
			break;
		case OPT_DISCOVER:
			if (!hri_discover_pattern_ok(optarg))
				return bad("--discover", optarg,
				           "not a symbol pattern such as A/HRC/58/*");
			c->discover = optarg;
			break;
		case 'S':
			c->store = optarg;
			break;
		case 'f':
			c->o.force = true;
			break;
		case OPT_VERIFY:
			c->verify = 1;
			break;
		case 'j':
			if (parse_long(optarg, 1, 64, &n))
				return bad("--jobs", optarg, "not a count from 1 to 64");
			c->o.http.jobs = (int)n;
			break;
		case 'r':
			if (parse_secs(optarg, 1000, &d))
				return bad("--rate", optarg, "not a rate from 0 to 1000");
			c->o.http.rate = d > 0 ? d : -1;
			break;
		case 'R':
			if (parse_long(optarg, 0, 20, &n))
				return bad("--retries", optarg, "not a count from 0 to 20");
			c->o.http.retries = n ? (int)n : -1;
			break;
		case OPT_BACKOFF:
			if (parse_secs(optarg, 600, &d) || d == 0)
				return bad("--backoff", optarg,
				           "not a number of seconds above 0, up to 600");
			c->o.http.backoff = d;
			break;
		case 't':
			if (parse_long(optarg, 1, 86400, &n))
				return bad("--timeout", optarg, "not seconds from 1 to 86400");
			c->o.http.timeout = n;
			if (c->o.http.connect_timeout == 0 || c->o.http.connect_timeout > n)
				c->o.http.connect_timeout = n < 20 ? n : 20;
			if (n < 30)
				c->o.http.low_speed_time = n;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &c->o.http.max_size))
				return bad("--max-size", optarg, "not a size such as 50M");
			break;
		case 'w':
			c->wait = 1;
			break;
		case 'q':
			hri_log_set_level(0);
			break;
		case 'v':
			hri_log_set_level(hri_log_level() + 1);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return HRI_EXIT_OK;
		default:
			fputs("Try 'hri-fetch --help'.\n", stderr);
			return HRI_EXIT_USAGE;
		}
	}
	return -1;
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
	int rc;

	hri_log_init("hri-fetch");
	/* A closed output pipe, or a file past the size limit, is a write
	 * error to report, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	memset(&c, 0, sizeof c);
	c.o.lang = "en";
	c.o.format = "pdf";
	c.o.out = stdout;
	rc = parse_args(argc, argv, &c);
	if (rc >= 0)
		return rc;
	if (c.discover) {
		if (optind < argc) {
			hri_error(NULL, "--discover takes no symbols");
			return HRI_EXIT_USAGE;
		}
		return discover(&c);
	}
	if (optind == argc && isatty(0) && !c.verify) {
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
		rc = verify(&c, store, argc - optind, argv + optind);
		goto out;
	}
	st = hri_batch_new(&c.o, store, &b, err, sizeof err);
	if (st) {
		hri_error(NULL, "--source %s", err);
		rc = st == HRI_ERR_INVALID ? HRI_EXIT_USAGE : HRI_EXIT_FATAL;
		goto out;
	}
	hri_loop(argc - optind, argv + optind, LINE_MAX_BYTES, add_item, b,
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
	if (s->failed || ls.failed)
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
