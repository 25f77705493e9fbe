/* upreval.c - how well hri-parse reads UPR Working Group reports, measured
 * against an answer key made without it: UPR-info's database of every
 * recommendation of the reviews (upr-info.csv of a folder such as
 * ../shared/corpus/upr-dev, one row per recommending State, rows and report
 * items not 1:1).
 *
 *   hri-parse -q DIR/A_HRC_*.pdf | upreval [--markdown] [--list WHAT]
 *                                    [--floor NAME=VALUE]... DIR [FILE]...
 *
 * DIR holds MANIFEST.tsv (symbol, file, state_under_review, wg_session,
 * cycle, year) and upr-info.csv (symbol, state_under_review, wg_session,
 * recommendation, recommending_state, response, ...); the records of
 * hri-parse come from the FILEs or standard input. Printed, for the first
 * cycle, the second and all reports:
 *
 *   recall      rows found: most (70%) of a row's distinct words inside one
 *               recommendation segment of its report
 *   state       of the rows found, those whose recommending State is among
 *               the "recommending" of that segment (of one of the segments
 *               matching it best)
 *   precision   recommendation segments that are the best match of a row
 *   coverage    reports with at least one recommendation
 *   doctype     reports whose doc record says "upr-report"
 *   review      reports whose state_under_review is the manifest's State
 *   cycle       reports whose cycle is the manifest's
 *   heading     list items ("115.3") whose position is what the paragraph
 *               introducing their list says, read here by a classifier of
 *               its own ("will be examined": none; "did not enjoy the
 *               support", "rejected", "noted": noted; "support", "accept",
 *               "implemented": supported)
 *   glued       recommendation segments holding the number of another item
 *               ("(Brazil); 2. To"), or page furniture (the report's symbol,
 *               a "GE.12-" job number)
 *   response    rows found whose segment has a position, and UPR-info's
 *               final response agrees (Accepted: supported; Noted: noted);
 *               for information: a State may change its mind later
 *
 * Names of States, UPR-info's ("Iran", "UK", "DPR Korea", "Macedonia FYR")
 * as hri's, go through the one table of data/countries.tsv. --list recall,
 * state, precision, glued or heading prints the failures of that measure.
 * --floor NAME=VALUE (a percentage) makes the exit status 1 when the figure
 * of all reports is below it; each failed floor is named on standard
 * error. Exit status 2 for a usage error, 4 when an input cannot be read. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "file.h"
#include "jsonl.h"
#include "lines.h"
#include "states.h"

#define THRESHOLD 0.7       /* share of a row's words a segment must hold */
#define FILE_MAX (64u << 20) /* bytes of the answer key or the manifest */
#define NCYC 3              /* columns: cycle 1, cycle 2, all */

/* The distinct words of a text, as sorted hashes. */
typedef struct words {
	unsigned long long *h;
	size_t n;
} words;

/* A recommendation segment of a report. */
typedef struct seg {
	const char *id;
	const char *text;
	const char *label;
	const char *position; /* NULL when none */
	json_t *recommending; /* borrowed from the record */
	long para;
	words w;
	bool matched;         /* the best match of some row */
} seg;

/* One report of the manifest. */
typedef struct report {
	char symbol[64];
	char state[128];     /* UN short name of the State under review */
	int cycle;
	json_t *doc;         /* its doc record, or NULL */
	json_t *records;     /* its segment records (all kinds) */
	seg *segs;           /* its recommendation segments */
	size_t nsegs;
} report;

/* One row of the answer key. */
typedef struct row {
	report *rep;
	char *text;
	const char *state;   /* UN short name, NULL when the table lacks it */
	char state_raw[128];
	char response[16];
	words w;
} row;

/* What is counted, per column. */
typedef struct counts {
	long reports, rows, found, state_ok, segs, segs_matched, covered,
	    doctype_ok, review_ok, cycle_ok, items, heading_ok, glued,
	    with_pos, response_ok, unknown_states, by_reference;
} counts;

static report *reports;
static size_t nreports;
static row *rows;
static size_t nrows;
static const hri_states *states;

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "upreval: %s: %s\n", what, why);
	exit(4);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		die("memory", strerror(ENOMEM));
	return p;
}

/* Returns a pointing to room for n + 1 elements of size bytes, doubling
 * *cap when it has room for n only; dies when memory runs out. */
static void *
room(void *a, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return a;
	*cap *= 2;
	a = realloc(a, *cap * size);
	if (!a)
		die("memory", strerror(ENOMEM));
	return a;
}

static int
cmp_hash(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a,
	                   y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* Cuts text into lower-case words (letters, digits, any UTF-8 byte) and
 * keeps their distinct hashes. */
static words
words_of(const char *text)
{
	size_t cap = 64, n = 0, i, k;
	unsigned long long h, *a = xcalloc(cap, sizeof *a);
	const unsigned char *p = (const unsigned char *)text;
	words w;

	while (*p) {
		if (!isalnum(*p) && *p < 0x80) {
			p++;
			continue;
		}
		h = 1469598103934665603ull;
		while (*p && (isalnum(*p) || *p >= 0x80)) {
			h ^= (unsigned char)tolower(*p++);
			h *= 1099511628211ull;
		}
		a = room(a, n, &cap, sizeof *a);
		a[n++] = h;
	}
	qsort(a, n, sizeof *a, cmp_hash);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || a[k - 1] != a[i])
			a[k++] = a[i];
	w.h = a;
	w.n = k;
	return w;
}

/* Returns the share of row's words that seg holds. */
static double
containment(const words *r, const words *s)
{
	size_t i = 0, j = 0, both = 0;

	if (r->n == 0)
		return 0;
	while (i < r->n && j < s->n) {
		if (r->h[i] == s->h[j]) {
			both++;
			i++;
			j++;
		} else if (r->h[i] < s->h[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)both / (double)r->n;
}

static report *
find_report(const char *symbol)
{
	size_t i;

	for (i = 0; i < nreports; i++)
		if (strcmp(reports[i].symbol, symbol) == 0)
			return &reports[i];
	return NULL;
}

/* Reads a whole file; dies when it cannot. */
static char *
slurp(const char *dir, const char *name)
{
	char path[4096];
	unsigned char *buf;
	size_t len;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (hri_file_read(path, FILE_MAX, &buf, &len))
		die(path, errno ? strerror(errno) : "cannot read");
	return (char *)buf;
}

/* Reads the manifest: symbol, file, state, wg_session, cycle, year. */
static void
read_manifest(const char *dir)
{
	char *buf = slurp(dir, "MANIFEST.tsv"), *line, *next, *col[6];
	size_t cap = 128, k;
	const char *c;

	reports = xcalloc(cap, sizeof *reports);
	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (k = 0; k < 6; k++) {
			col[k] = line;
			line = line ? strchr(line, '\t') : NULL;
			if (line)
				*line++ = '\0';
		}
		if (!col[4] || strcmp(col[0], "symbol") == 0)
			continue;
		reports = room(reports, nreports, &cap, sizeof *reports);
		report *r = &reports[nreports++];
		memset(r, 0, sizeof *r);
		snprintf(r->symbol, sizeof r->symbol, "%s", col[0]);
		c = hri_states_name(states, col[2], strlen(col[2]));
		snprintf(r->state, sizeof r->state, "%s", c ? c : col[2]);
		r->cycle = (int)strtol(col[4], NULL, 10);
		r->records = json_array();
	}
	free(buf);
}

/* Reads one CSV field at *p into a new string (quotes undone); *p moves
 * past it and its comma; *eol says whether it ended the record. */
static char *
csv_field(char **p, bool *eol)
{
	char *s = *p, *e = s, *out, *o;

	/* the field's extent first: its text is never longer */
	if (*e == '"')
		for (e++; *e && !(*e == '"' && e[1] != '"'); e += *e == '"' ? 2 : 1)
			;
	else
		e += strcspn(e, ",\r\n");
	out = xcalloc((size_t)(e - s) + 1, 1);
	o = out;

	if (*s == '"') {
		for (s++; *s; s++) {
			if (*s == '"' && s[1] == '"') {
				*o++ = '"';
				s++;
			} else if (*s == '"') {
				s++;
				break;
			} else {
				*o++ = *s;
			}
		}
	} else {
		while (*s && *s != ',' && *s != '\n' && *s != '\r')
			*o++ = *s++;
	}
	if (*s == '\r')
		s++;
	*eol = *s != ',';
	if (*s)
		s++;
	*o = '\0';
	*p = s;
	return out;
}

/* Reads the answer key: symbol, state_under_review, wg_session,
 * recommendation, recommending_state, response, ... */
static void
read_key(const char *dir)
{
	char *buf = slurp(dir, "upr-info.csv"), *p = buf, *f[16];
	size_t cap = 1024, k, lineno = 0;
	bool eol;
	report *rep;

	rows = xcalloc(cap, sizeof *rows);
	while (*p) {
		k = 0;
		do {
			char *v = csv_field(&p, &eol);

			if (k < 16)
				f[k++] = v;
			else
				free(v);
		} while (!eol && *p);
		lineno++;
		rep = k >= 6 && lineno > 1 ? find_report(f[0]) : NULL;
		if (rep) {
			rows = room(rows, nrows, &cap, sizeof *rows);
			row *r = &rows[nrows++];
			memset(r, 0, sizeof *r);
			r->rep = rep;
			r->text = f[3];
			f[3] = NULL;
			snprintf(r->state_raw, sizeof r->state_raw, "%s", f[4]);
			r->state = hri_states_name(states, f[4], strlen(f[4]));
			snprintf(r->response, sizeof r->response, "%s", f[5]);
			r->w = words_of(r->text);
		}
		while (k > 0)
			free(f[--k]);
	}
	free(buf);
}

/* Reads the records of hri-parse from fp into the reports they belong to. */
static void
read_records(FILE *fp, const char *name)
{
	hri_lines *lr = hri_lines_new(fp, 0);
	const char *line, *type;
	char err[256];
	size_t len;
	json_t *rec;
	report *rep;
	hri_status st;

	if (!lr)
		die("memory", strerror(ENOMEM));
	while ((st = hri_lines_next(lr, &line, &len)) != HRI_ERR_NOT_FOUND) {
		if (st)
			die(name, hri_status_str(st));
		if (hri_jsonl_parse(line, len, &rec, err, sizeof err))
			die(name, err);
		type = hri_json_str(rec, "type");
		rep = find_report(hri_json_str(rec, "symbol") ? hri_json_str(rec, "symbol") : "");
		if (rep && type && strcmp(type, "doc") == 0 && !rep->doc)
			rep->doc = json_incref(rec);
		else if (rep && type && strcmp(type, "segment") == 0)
			json_array_append(rep->records, rec);
		json_decref(rec);
	}
	hri_lines_free(lr);
}

/* Gathers each report's recommendation segments. */
static void
index_segments(void)
{
	size_t i, k;
	json_t *rec;
	const char *kind;

	for (i = 0; i < nreports; i++) {
		report *r = &reports[i];

		r->segs = xcalloc(json_array_size(r->records), sizeof *r->segs);
		json_array_foreach(r->records, k, rec) {
			kind = hri_json_str(rec, "kind");
			if (!kind || strcmp(kind, "recommendation") != 0)
				continue;
			seg *s = &r->segs[r->nsegs++];
			s->id = hri_json_str(rec, "id");
			s->text = hri_json_str(rec, "text") ? hri_json_str(rec, "text") : "";
			s->label = hri_json_str(rec, "label");
			s->position = hri_json_str(rec, "position");
			s->recommending = json_object_get(rec, "recommending");
			s->para = (long)hri_json_int(rec, "para", 0);
			s->w = words_of(s->text);
		}
	}
}

/* Returns the text of paragraph para of r (its "paragraph" segment). */
static const char *
paragraph_text(const report *r, long para)
{
	size_t k;
	json_t *rec;
	const char *kind;

	json_array_foreach(r->records, k, rec) {
		kind = hri_json_str(rec, "kind");
		if (kind && strcmp(kind, "paragraph") == 0 &&
		    hri_json_int(rec, "para", 0) == para)
			return hri_json_str(rec, "text");
	}
	return NULL;
}

/* Returns true when lower-cased hay holds needle. */
static bool
has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* The position the text introducing a list gives it: "supported",
 * "noted", or NULL (a position to come, or none said). */
static const char *
heading_position(const char *text)
{
	size_t n = strlen(text), i;
	char *t = xcalloc(n + 1, 1);
	const char *pos = NULL;

	for (i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)text[i]);
	if (has(t, "will be examined") || has(t, "will provide") ||
	    has(t, "will respond") || has(t, "responses to") ||
	    has(t, "were made to"))
		pos = NULL;
	else if (has(t, "not enjoy") || has(t, "not accept") ||
	         has(t, "not support") || has(t, "not be accepted") ||
	         has(t, "rejected") || has(t, "noted"))
		pos = "noted";
	else if (has(t, "support") || has(t, "accept") || has(t, "implement") ||
	         has(t, "follow up"))
		pos = "supported";
	free(t);
	return pos;
}

/* Returns true when the segment holds another item's number or page
 * furniture. */
static bool
glued(const report *r, const seg *s)
{
	const char *p = s->text, *q;

	if (strstr(p, r->symbol) || strstr(p, "GE."))
		return true;
	for (; *p; p++) {
		/* "(Brazil); 2. To", "(Chile). 115.4 Ratify" */
		if (!strchr(";.)", *p) || p[1] != ' ' || !isdigit((unsigned char)p[2]))
			continue;
		q = p + 2;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q == '.' && isdigit((unsigned char)q[1]))
			for (q++; isdigit((unsigned char)*q); q++)
				;
		if (*q == '.')
			q++;
		if (((*q == ' ' && isupper((unsigned char)q[1])) || *q == '(' ||
		     isupper((unsigned char)*q)) && q - p < 12 && q[-1] == '.')
			return true;
		if (*q == ' ' && isupper((unsigned char)q[1]) && q - p < 12)
			return true;
	}
	return false;
}

/* Returns true when arr holds the string v. */
static bool
holds(const json_t *arr, const char *v)
{
	size_t i;
	json_t *x;

	json_array_foreach(arr, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), v) == 0)
			return true;
	return false;
}

/* Adds to the column of r's cycle and to "all". */
#define ADD(c, r, field) do { (c)[(r)->cycle == 1 ? 0 : (r)->cycle == 2 ? 1 : 2].field++; \
                              if ((r)->cycle == 1 || (r)->cycle == 2) (c)[2].field++; } while (0)

static void
measure(counts *c, const char *list)
{
	size_t i, k, *best = xcalloc(1024, sizeof *best), nbest;
	double b, v;
	bool ok;

	for (i = 0; i < nrows; i++) {
		row *w = &rows[i];
		report *r = w->rep;

		ADD(c, r, rows);
		if (!w->state)
			ADD(c, r, unknown_states);
		b = 0;
		nbest = 0;
		for (k = 0; k < r->nsegs; k++) {
			v = containment(&w->w, &r->segs[k].w);
			if (v > b + 1e-9) {
				b = v;
				nbest = 0;
			}
			if (v >= b - 1e-9 && nbest < 1024 && v > 0)
				best[nbest++] = k;
		}
		if (b < THRESHOLD) {
			if (list && strcmp(list, "recall") == 0)
				printf("recall\t%s\t%.2f\t%s\n", r->symbol, b, w->text);
			continue;
		}
		ADD(c, r, found);
		ok = false;
		for (k = 0; k < nbest; k++) {
			seg *s = &r->segs[best[k]];

			s->matched = true;
			if (w->state && holds(s->recommending, w->state))
				ok = true;
		}
		if (ok)
			ADD(c, r, state_ok);
		else if (list && strcmp(list, "state") == 0) {
			char *who = json_dumps(r->segs[best[0]].recommending, JSON_COMPACT);

			printf("state\t%s\t%s\t%s\t%s\n", r->symbol, w->state_raw,
			       r->segs[best[0]].id, who ? who : "null");
			free(who);
		}
		seg *s = &r->segs[best[0]];
		if (s->position) {
			ADD(c, r, with_pos);
			if ((strcmp(s->position, "supported") == 0) ==
			    (strcmp(w->response, "Accepted") == 0))
				ADD(c, r, response_ok);
		}
	}
	free(best);
	for (i = 0; i < nreports; i++) {
		report *r = &reports[i];
		const char *v2;

		ADD(c, r, reports);
		if (r->nsegs)
			ADD(c, r, covered);
		v2 = r->doc ? hri_json_str(r->doc, "doctype") : NULL;
		if (v2 && strcmp(v2, "upr-report") == 0)
			ADD(c, r, doctype_ok);
		v2 = r->doc ? hri_json_str(r->doc, "state_under_review") : NULL;
		if (v2 && strcmp(v2, r->state) == 0)
			ADD(c, r, review_ok);
		if (r->doc && hri_json_int(r->doc, "cycle", 0) == r->cycle)
			ADD(c, r, cycle_ok);
		for (k = 0; k < r->nsegs; k++) {
			seg *s = &r->segs[k];
			const char *want, *intro;

			ADD(c, r, segs);
			if (s->matched)
				ADD(c, r, segs_matched);
			else if (list && strcmp(list, "precision") == 0)
				printf("precision\t%s\t%s\n", s->id, s->text);
			if (glued(r, s)) {
				ADD(c, r, glued);
				if (list && strcmp(list, "glued") == 0)
					printf("glued\t%s\t%s\n", s->id, s->text);
			}
			/* list items "115.3"; the others are noted by reference */
			if (!s->label || !isdigit((unsigned char)s->label[0])) {
				ADD(c, r, by_reference);
				continue;
			}
			ADD(c, r, items);
			intro = paragraph_text(r, s->para);
			want = intro ? heading_position(intro) : NULL;
			if ((!want && !s->position) ||
			    (want && s->position && strcmp(want, s->position) == 0))
				ADD(c, r, heading_ok);
			else if (list && strcmp(list, "heading") == 0)
				printf("heading\t%s\t%s\t%s\t%s\n", s->id,
				       s->position ? s->position : "-", want ? want : "-",
				       intro ? intro : "");
		}
	}
}

/* A figure: its name, for --floor, and how it is computed. */
typedef struct figure {
	const char *name;
	const char *label;
	double (*value)(const counts *c);
} figure;

static double pct(long a, long b) { return b ? 100.0 * (double)a / (double)b : 100.0; }
#define FIG(n, a, b) \
	static double f_##n(const counts *c) { return pct(c->a, c->b); }
FIG(recall, found, rows)
FIG(state, state_ok, found)
FIG(precision, segs_matched, segs)
FIG(coverage, covered, reports)
FIG(doctype, doctype_ok, reports)
FIG(review, review_ok, reports)
FIG(cycle, cycle_ok, reports)
FIG(heading, heading_ok, items)
FIG(response, response_ok, with_pos)
static double f_clean(const counts *c) { return pct(c->segs - c->glued, c->segs); }

static const figure figures[] = {
	{"recall", "recommendation recall (rows found)", f_recall},
	{"state", "recommending State right (of rows found)", f_state},
	{"precision", "precision (segments matching a row)", f_precision},
	{"clean", "segments without glued items or furniture", f_clean},
	{"heading", "list items whose position is their heading's", f_heading},
	{"coverage", "reports with recommendations", f_coverage},
	{"doctype", "doctype upr-report", f_doctype},
	{"review", "state_under_review right", f_review},
	{"cycle", "cycle right", f_cycle},
	{"response", "position agrees with UPR-info's response", f_response},
};
#define NFIG (sizeof figures / sizeof figures[0])

static void
print_table(const counts *c, bool md)
{
	static const char *col[NCYC] = {"cycle 1", "cycle 2", "all"};
	size_t i, k;

	if (md) {
		printf("| measure | %s | %s | %s |\n|---|---:|---:|---:|\n", col[0],
		       col[1], col[2]);
		printf("| reports | %ld | %ld | %ld |\n", c[0].reports, c[1].reports,
		       c[2].reports);
		printf("| UPR-info rows | %ld | %ld | %ld |\n", c[0].rows, c[1].rows,
		       c[2].rows);
		printf("| recommendation segments | %ld | %ld | %ld |\n", c[0].segs,
		       c[1].segs, c[2].segs);
		printf("| of which noted by paragraph reference | %ld | %ld | %ld |\n",
		       c[0].by_reference, c[1].by_reference, c[2].by_reference);
	} else {
		printf("%-56s %10s %10s %10s\n", "", col[0], col[1], col[2]);
		printf("%-56s %10ld %10ld %10ld\n", "reports", c[0].reports,
		       c[1].reports, c[2].reports);
		printf("%-56s %10ld %10ld %10ld\n", "UPR-info rows", c[0].rows,
		       c[1].rows, c[2].rows);
		printf("%-56s %10ld %10ld %10ld\n", "recommendation segments",
		       c[0].segs, c[1].segs, c[2].segs);
		printf("%-56s %10ld %10ld %10ld\n",
		       "  of which noted by paragraph reference", c[0].by_reference,
		       c[1].by_reference, c[2].by_reference);
	}
	for (i = 0; i < NFIG; i++) {
		printf(md ? "| %s (`%s`) |" : "%-46s %-9s", figures[i].label,
		       figures[i].name);
		for (k = 0; k < NCYC; k++)
			printf(md ? " %.1f%% |" : " %9.1f%%", figures[i].value(&c[k]));
		printf("\n");
	}
	if (c[2].unknown_states)
		printf(md ? "\n%ld rows name a State the table does not know\n"
		          : "%ld rows name a State the table does not know\n",
		       c[2].unknown_states);
}

static void
usage(void)
{
	fprintf(stderr, "usage: upreval [--markdown] [--list recall|state|precision|"
	                "glued|heading] [--floor NAME=PERCENT]... DIR [FILE]...\n");
	exit(2);
}

/* Reads "NAME=PERCENT" into the figure's index and the value; usage() when
 * NAME is no figure. */
static void
read_floor(const char *arg, size_t *fig, double *value)
{
	const char *eq = strchr(arg, '=');
	char *end;
	size_t k;

	for (k = 0; eq && k < NFIG; k++)
		if (strlen(figures[k].name) == (size_t)(eq - arg) &&
		    strncmp(figures[k].name, arg, (size_t)(eq - arg)) == 0)
			break;
	if (!eq || k == NFIG)
		usage();
	*value = strtod(eq + 1, &end);
	if (end == eq + 1 || *end)
		usage();
	*fig = k;
}

int
main(int argc, char **argv)
{
	counts c[NCYC];
	const char *list = NULL;
	size_t floor_fig[32], nfloors = 0, i, k;
	double floor_val[32];
	bool md = false;
	int a, rc = 0;
	char err[512];
	hri_states *st;
	FILE *fp;

	for (a = 1; a < argc && argv[a][0] == '-' && argv[a][1]; a++) {
		if (strcmp(argv[a], "--markdown") == 0) {
			md = true;
		} else if (strcmp(argv[a], "--list") == 0 && a + 1 < argc) {
			list = argv[++a];
		} else if (strcmp(argv[a], "--floor") == 0 && a + 1 < argc &&
		           nfloors < 32) {
			read_floor(argv[++a], &floor_fig[nfloors], &floor_val[nfloors]);
			nfloors++;
		} else {
			usage();
		}
	}
	if (a >= argc)
		usage();
	if (hri_states_load(NULL, &st, err, sizeof err))
		die("countries.tsv", err);
	states = st;
	read_manifest(argv[a]);
	read_key(argv[a]);
	if (a + 1 == argc) {
		read_records(stdin, "standard input");
	} else {
		for (k = (size_t)a + 1; k < (size_t)argc; k++) {
			fp = fopen(argv[k], "r");
			if (!fp)
				die(argv[k], strerror(errno));
			read_records(fp, argv[k]);
			fclose(fp);
		}
	}
	index_segments();
	memset(c, 0, sizeof c);
	measure(c, list);
	if (!list)
		print_table(c, md);
	for (i = 0; i < nfloors; i++) {
		const figure *f = &figures[floor_fig[i]];

		if (f->value(&c[2]) < floor_val[i]) {
			fprintf(stderr, "upreval: %s is %.1f%%, below its floor of %.1f%%\n",
			        f->name, f->value(&c[2]), floor_val[i]);
			rc = 1;
		}
	}
	for (i = 0; i < nreports; i++) {
		for (k = 0; k < reports[i].nsegs; k++)
			free(reports[i].segs[k].w.h);
		free(reports[i].segs);
		json_decref(reports[i].doc);
		json_decref(reports[i].records);
	}
	for (i = 0; i < nrows; i++) {
		free(rows[i].text);
		free(rows[i].w.h);
	}
	free(reports);
	free(rows);
	hri_states_free(st);
	return rc;
}
