/* options.c - one command-line layer for the hri tools: the tables of
 * options.h turned into getopt_long's, each value checked and stored. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

/* Most options one table may hold. */
#define OPTS_MAX 40

/* getopt_long's value for option i of a table that has no letter. */
#define LONG_ONLY(i) (256 + (int)(i))

/* The options of every tool. */
static const struct option common[] = {
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
};
#define NCOMMON (sizeof common / sizeof common[0])

int
hri_opts_bad(const char *name, const char *arg, const char *wanted)
{
	hri_error(NULL, "--%s: %s, not %s", name, wanted, arg);
	fprintf(stderr, "Try '%s --help'.\n", hri_log_prog());
	return HRI_EXIT_USAGE;
}

/* Says on stderr what is wrong with the command line (what, about the
 * option arg), with the "Try" line; returns HRI_EXIT_USAGE. */
static int
usage_error(const char *arg, const char *what)
{
	hri_error(arg, "%s", what);
	fprintf(stderr, "Try '%s --help'.\n", hri_log_prog());
	return HRI_EXIT_USAGE;
}

/* Writes into out (outsz bytes) what option o takes, for a message. */
static void
wanted(const hri_opt *o, char *out, size_t outsz)
{
	size_t n = 0, k;

	out[0] = '\0';
	if (o->want) {
		snprintf(out, outsz, "%s", o->want);
		return;
	}
	switch (o->kind) {
	case HRI_OPT_COUNT:
		snprintf(out, outsz, "a count from %.0f to %.0f", o->min, o->max);
		break;
	case HRI_OPT_SECONDS:
		snprintf(out, outsz, "a number of seconds");
		break;
	case HRI_OPT_KEYWORD:
		for (k = 0; o->keywords[k].name && n < outsz; k++)
			n += (size_t)snprintf(out + n, outsz - n, "%s%s",
			                      k == 0 ? "" :
			                      o->keywords[k + 1].name ? ", " : " or ",
			                      o->keywords[k].name);
		break;
	default:
		snprintf(out, outsz, "a value");
		break;
	}
}

/* Stores the argument arg of option o. Returns nonzero when it is bad,
 * why (whysz bytes) saying so when an HRI_OPT_FN did. */
static int
store(const hri_opt *o, const char *arg, char *why, size_t whysz)
{
	unsigned long u;
	double d;
	size_t k;

	switch (o->kind) {
	case HRI_OPT_FLAG:
		*(int *)o->val = 1;
		return 0;
	case HRI_OPT_STRING:
		*(const char **)o->val = arg;
		return 0;
	case HRI_OPT_COUNT:
		/* a double holds ULONG_MAX only rounded up, past it */
		if (hri_opts_count(arg, (unsigned long)o->min,
		                   o->max >= (double)ULONG_MAX
		                       ? ULONG_MAX : (unsigned long)o->max, &u))
			return 1;
		*(unsigned long *)o->val = u;
		return 0;
	case HRI_OPT_SECONDS:
		if (hri_opts_number(arg, o->min, o->max, o->above_min, &d))
			return 1;
		*(double *)o->val = d;
		return 0;
	case HRI_OPT_KEYWORD:
		for (k = 0; o->keywords[k].name; k++)
			if (strcmp(arg, o->keywords[k].name) == 0) {
				*(int *)o->val = o->keywords[k].value;
				return 0;
			}
		return 1;
	case HRI_OPT_FN:
		return o->fn(arg, o->val, why, whysz);
	}
	return 1;
}

int
hri_opts_count(const char *s, unsigned long min, unsigned long max,
               unsigned long *out)
{
	char *end;
	unsigned long v;

	/* digits only: strtoul would take " 5", "+5" and "-1" */
	if (*s < '0' || *s > '9')
		return 1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return 1;
	*out = v;
	return 0;
}

int
hri_opts_number(const char *s, double min, double max, int above_min,
                double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || isnan(v) || v < min || v > max ||
	    (above_min && v == min))
		return 1;
	*out = v;
	return 0;
}

/* Returns the entry of opts that getopt_long's value c stands for, or
 * NULL. */
static const hri_opt *
find(const hri_opt *opts, int c)
{
	size_t i;

	for (i = 0; opts[i].name; i++)
		if (opts[i].letter ? opts[i].letter == c : LONG_ONLY(i) == c)
			return &opts[i];
	return NULL;
}

/* Says why getopt_long refused an option ('?'): last is the argument it
 * read last, lo its table. Returns HRI_EXIT_USAGE. */
static int
refused(const char *last, const struct option *lo)
{
	char name[64];
	size_t n = strcspn(last, "=");
	size_t i;

	snprintf(name, sizeof name, "%.*s", (int)n, last);
	/* "--flag=1": a known flag given a value, which getopt_long reports
	 * with the flag's code (the name may be abbreviated) */
	if (optopt && strncmp(last, "--", 2) == 0 && last[n] == '=')
		for (i = 0; lo[i].name; i++)
			if (lo[i].val == optopt &&
			    strncmp(lo[i].name, last + 2, n - 2) == 0)
				return usage_error(name, "takes no value");
	if (optopt) {
		snprintf(name, sizeof name, "-%c", optopt);
		return usage_error(name, "unknown option");
	}
	return usage_error(name, "unknown option");
}

int
hri_opts_parse(int argc, char **argv, const hri_opt *opts, const char *usage,
               int *first)
{
	struct option lo[OPTS_MAX + NCOMMON + 1];
	char so[3 * OPTS_MAX + 16], want[256], name[64];
	const hri_opt *o;
	size_t n, k = 0;
	int c;

	so[k++] = ':'; /* a missing argument is ':', an unknown option '?' */
	for (n = 0; opts[n].name; n++) {
		if (n == OPTS_MAX)
			return usage_error(NULL, "too many options (a bug)");
		lo[n].name = opts[n].name;
		lo[n].has_arg = opts[n].kind == HRI_OPT_FLAG ? no_argument
		                                             : required_argument;
		lo[n].flag = NULL;
		lo[n].val = opts[n].letter ? opts[n].letter : LONG_ONLY(n);
		if (opts[n].letter) {
			so[k++] = (char)opts[n].letter;
			if (opts[n].kind != HRI_OPT_FLAG)
				so[k++] = ':';
		}
	}
	memcpy(lo + n, common, sizeof common);
	memset(&lo[n + NCOMMON], 0, sizeof lo[0]);
	memcpy(so + k, "qvhV", 5);
	opterr = 0;
	optind = 0; /* from the start, even when parsed before */
	for (;;) {
		c = getopt_long(argc, argv, so, lo, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'q':
			hri_log_set_level(0);
			continue;
		case 'v':
			hri_log_set_level(hri_log_level() + 1);
			continue;
		case 'h':
			fputs(usage, stdout);
			return HRI_EXIT_OK;
		case 'V':
			printf("%s %s\n", hri_log_prog(), HRI_VERSION);
			return HRI_EXIT_OK;
		case ':':
			o = find(opts, optopt);
			snprintf(name, sizeof name, "--%s", o ? o->name : "?");
			return usage_error(name, "needs a value");
		case '?':
			return refused(argv[optind - 1], lo);
		default:
			break;
		}
		o = find(opts, c);
		if (!o)
			return usage_error(NULL, "unknown option (a bug)");
		want[0] = '\0';
		if (store(o, optarg, want, sizeof want)) {
			if (want[0]) {
				snprintf(name, sizeof name, "--%s", o->name);
				return usage_error(name, want);
			}
			wanted(o, want, sizeof want);
			return hri_opts_bad(o->name, optarg, want);
		}
	}
	*first = optind;
	return HRI_OPTS_GO_ON;
}
