/* options.h - the command line of every hri tool, after notmuch's
 * command-line-arguments.h: a tool lists its options in a table, and
 * hri_opts_parse() reads them with getopt_long, checks each value against
 * its kind and bounds, stores it, and reports a bad one in the same words
 * in every tool ("hri-query: --limit: a count from 0 to 1000000, not -3").
 * -q (--quiet), -v (--verbose), -h (--help) and -V (--version) are every
 * tool's, handled here: a table does not list them. */
#ifndef HRI_OPTIONS_H
#define HRI_OPTIONS_H

#include <stddef.h>

#include "status.h"

/* The version every tool prints with -V. */
#define HRI_VERSION "0.1"

/* What an option takes, and where its value goes (hri_opt.val). */
enum hri_opt_kind {
	HRI_OPT_FLAG,    /* no argument: *(int *)val = 1 */
	HRI_OPT_STRING,  /* *(const char **)val = the argument */
	HRI_OPT_COUNT,   /* *(unsigned long *)val = a decimal count in
	                    [min, max] */
	HRI_OPT_SECONDS, /* *(double *)val = a number in [min, max], or
	                    (min, max] when above_min */
	HRI_OPT_KEYWORD, /* *(int *)val = the value of the keyword given */
	HRI_OPT_FN       /* fn(argument, val, why, whysz) parses and stores
	                    it, returning nonzero when it is bad (and may say
	                    why, else want is said) */
};

/* A word an HRI_OPT_KEYWORD option takes, and what it stands for. */
typedef struct hri_keyword {
	const char *name; /* NULL ends a list */
	int value;
} hri_keyword;

/* One option of a tool. A table of them ends with an entry whose name is
 * NULL. */
typedef struct hri_opt {
	const char *name;      /* long name, without "--" */
	int letter;            /* short option, or 0 for none */
	enum hri_opt_kind kind;
	void *val;             /* where the value goes, as the kind says */
	double min, max;       /* COUNT and SECONDS: the bounds */
	int above_min;         /* SECONDS: min itself is refused */
	const hri_keyword *keywords; /* KEYWORD: the words, in the order a
	                                message lists them */
	int (*fn)(const char *arg, void *val, char *why, size_t whysz); /* FN */
	const char *want;      /* what a good value is, for the message
	                          ("a number of segments"); NULL: said from
	                          the kind, bounds or keywords */
} hri_opt;

/* hri_opts_parse() returns this when the tool is to go on. */
#define HRI_OPTS_GO_ON (-1)

/* Parses the options of argv by opts; the tool's name is hri_log_prog().
 * -q sets the log level to 0, -v raises it by one; -h prints usage on
 * standard output, -V "NAME VERSION". Options may come in any order and
 * be repeated (the last value wins); "--" ends them. Returns
 * HRI_OPTS_GO_ON with *first the index in argv of the first operand;
 * HRI_EXIT_OK after -h or -V; HRI_EXIT_USAGE after an unknown option, a
 * missing argument or a bad value, said on stderr with a line "Try 'NAME
 * --help'.". */
int hri_opts_parse(int argc, char **argv, const hri_opt *opts,
                   const char *usage, int *first);

/* Parses s, a decimal count (digits only), into *out when it is in
 * [min, max]. Returns nonzero, *out unchanged, when it is not: for an
 * HRI_OPT_FN that takes a count. */
int hri_opts_count(const char *s, unsigned long min, unsigned long max,
                   unsigned long *out);

/* Parses s, a decimal number, into *out when it is in [min, max] (above
 * min, not at it, when above_min). Returns nonzero, *out unchanged, when
 * it is not, or is no number. */
int hri_opts_number(const char *s, double min, double max, int above_min,
                    double *out);

/* Reports on stderr that the option name (without "--") was given the bad
 * value arg, wanted being what it takes, with the "Try" line, and returns
 * HRI_EXIT_USAGE: for the checks a tool makes after parsing. */
int hri_opts_bad(const char *name, const char *arg, const char *wanted);

#endif
