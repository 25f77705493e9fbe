/* extract_date.c - calendar dates in a text, as ISO 8601: "15 February 2013"
 * -> "2013-02-15", "February 2014" -> "2014-02", "10 and 11 June 2014" and
 * "16-20 September 2013" -> both days, "29 September to 3 October 2014" ->
 * both days. Bare years are not dates (they are too often numbers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

#define MONTH "(?:" HRI_X_MONTHS ")"
#define DAY "(?:[0-9]{1,2})(?:st|nd|rd|th)?"
#define YEAR "(?:1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])"
#define TO "\\s*(?:-|\\x{2011}|\\x{2013}|to|and|until)\\s*"

static const char date_pattern[] =
	"\\b(?<d1>" DAY ")\\s+(?<m1>" MONTH ")" TO
	"(?<d2>" DAY ")\\s+(?<m2>" MONTH ")\\s+(?<y2>" YEAR ")"
	"|\\b(?<d3>" DAY ")(?:" TO "(?<d4>" DAY "))?\\s+(?<m3>" MONTH ")"
	",?\\s+(?<y3>" YEAR ")"
	"|\\b(?<m5>" MONTH ")\\s+(?<d5>[0-9]{1,2}),\\s+(?<y5>" YEAR ")"
	"|\\b(?<m4>" MONTH ")(?:\\s+of)?\\s+(?<y4>" YEAR ")";

struct hri_date_rules {
	pcre2_code *re;
	int g[14]; /* d1 m1 d2 m2 y2 d3 d4 m3 y3 m4 y4 m5 d5 y5 */
};

static const char *const group_names[14] = {
	"d1", "m1", "d2", "m2", "y2", "d3", "d4", "m3", "y3", "m4", "y4",
	"m5", "d5", "y5",
};

hri_status
hri_date_rules_new(hri_date_rules **out, char *err, size_t errsz)
{
	*out = NULL;
	hri_date_rules *r = calloc(1, sizeof *r);
	if (!r)
		return HRI_ERR_NOMEM;
	hri_status st = hri_x_compile(date_pattern, 0, &r->re, err, errsz);
	if (st) {
		free(r);
		return st;
	}
	for (int i = 0; i < 14; i++)
		r->g[i] = pcre2_substring_number_from_name(
			r->re, (PCRE2_SPTR)group_names[i]);
	*out = r;
	return HRI_OK;
}

void
hri_date_rules_free(hri_date_rules *r)
{
	if (!r)
		return;
	pcre2_code_free(r->re);
	free(r);
}

/* Returns the month number (1-12) of the month name (s, len), 0 if none. */
static int
month_of(const char *s, size_t len)
{
	const char *m = HRI_X_MONTHS, *bar;
	int i;

	for (i = 1; *m; i++) {
		bar = strchr(m, '|');
		if (!bar)
			bar = m + strlen(m);
		if ((size_t)(bar - m) == len && !memcmp(m, s, len))
			return i;
		m = *bar ? bar + 1 : bar;
	}
	return 0;
}

/* Appends the date of group numbers (gd, gm, gy) of the last match to out;
 * gd < 0 for a month. Invalid days are skipped. */
static hri_status
date_push(const hri_date_rules *r, hri_x_match *m, const char *text, int gd,
          int gm, int gy, json_t *out)
{
	const char *s;
	size_t sl;
	int day = 0, month, year;
	if (!hri_x_group(m->md, text, r->g[gm], &s, &sl))
		return HRI_OK;
	month = month_of(s, sl);
	if (!hri_x_group(m->md, text, r->g[gy], &s, &sl))
		return HRI_OK;
	year = (int)strtol(s, NULL, 10);
	if (gd >= 0) {
		if (!hri_x_group(m->md, text, r->g[gd], &s, &sl))
			return HRI_OK;
		day = (int)strtol(s, NULL, 10);
		static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		                            30, 31};
		if (day < 1 || day > mdays[month - 1])
			return HRI_OK;
	}
	char iso[16];
	int n = gd >= 0 ? snprintf(iso, sizeof iso, "%04d-%02d-%02d", year,
	                           month, day) :
	                  snprintf(iso, sizeof iso, "%04d-%02d", year, month);
	return hri_x_push_unique(out, iso, (size_t)n);
}

hri_status
hri_date_scan(const hri_date_rules *r, hri_x_match *m, const char *text,
              size_t len, json_t *out)
{
	size_t pos = 0;
	hri_status st = HRI_OK;
	enum { D1, M1, D2, M2, Y2, D3, D4, M3, Y3, M4, Y4, M5, D5, Y5 };
	while (!st) {
		st = hri_x_next(r->re, m, text, len, &pos, NULL, NULL);
		if (st)
			break;
		const char *s;
		size_t sl;
		if (hri_x_group(m->md, text, r->g[M1], &s, &sl)) {
			/* The first day takes the year of the second. */
			st = date_push(r, m, text, D1, M1, Y2, out);
			if (!st)
				st = date_push(r, m, text, D2, M2, Y2, out);
		} else if (hri_x_group(m->md, text, r->g[M3], &s, &sl)) {
			st = date_push(r, m, text, D3, M3, Y3, out);
			if (!st && hri_x_group(m->md, text, r->g[D4], &s, &sl))
				st = date_push(r, m, text, D4, M3, Y3, out);
		} else if (hri_x_group(m->md, text, r->g[M5], &s, &sl)) {
			st = date_push(r, m, text, D5, M5, Y5, out);
		} else {
			st = date_push(r, m, text, -1, M4, Y4, out);
		}
	}
	return st == HRI_ERR_NOT_FOUND ? HRI_OK : st;
}
