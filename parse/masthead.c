/* masthead.c - the masthead of a UN document: the block before its body
 * that gives the symbol, the date, the session, the agenda item and the
 * title ("Report of the Working Group on the Universal Periodic Review*
 * Slovenia"). Lines are gathered while the segmenter is in its masthead
 * mode and read once the body begins. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "segment_int.h"

static const char *months[] = {"January", "February", "March", "April",
                               "May", "June", "July", "August",
                               "September", "October", "November",
                               "December"};

int
hri_segment_date(const char *s, char out[11])
{
	const char *p;
	size_t m, ml;
	long d, y;
	char *e;

	for (p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) ||
		    (p > s && isalnum((unsigned char)p[-1])))
			continue;
		d = strtol(p, &e, 10);
		if (d < 1 || d > 31 || *e != ' ')
			continue;
		e++;
		for (m = 0; m < 12; m++) {
			ml = strlen(months[m]);
			/* "5 July2013": a PDF may lose the space */
			if (strncmp(e, months[m], ml) == 0 &&
			    (e[ml] == ' ' || isdigit((unsigned char)e[ml])))
				break;
		}
		if (m == 12)
			continue;
		e += strlen(months[m]);
		if (*e == ' ')
			e++;
		if (!isdigit((unsigned char)e[0]))
			continue;
		y = strtol(e, &e, 10);
		if (y < 1945 || y > 2100 || isdigit((unsigned char)*e))
			continue;
		snprintf(out, 11, "%04ld-%02zu-%02ld", y, m + 1, d);
		return 0;
	}
	return -1;
}

int
hri_segment_ordinal(const char *s, size_t len)
{
	static const char *units[] = {"first", "second", "third", "fourth",
	                              "fifth", "sixth", "seventh", "eighth",
	                              "ninth", "tenth", "eleventh", "twelfth",
	                              "thirteenth", "fourteenth", "fifteenth",
	                              "sixteenth", "seventeenth", "eighteenth",
	                              "nineteenth"};
	static const char *tens[] = {"twent", "thirt", "fort", "fift", "sixt",
	                             "sevent", "eight", "ninet"};
	char w[40];
	size_t i, n;
	int v = 0;
	const char *u;

	if (len >= sizeof w)
		return 0;
	for (i = 0; i < len; i++)
		w[i] = (char)tolower((unsigned char)s[i]);
	w[len] = '\0';
	u = w;
	for (i = 0; i < 8; i++) {
		n = strlen(tens[i]);
		if (strncmp(w, tens[i], n) != 0)
			continue;
		if (strcmp(w + n, "ieth") == 0)
			return 20 + 10 * (int)i;
		if (strncmp(w + n, "y-", 2) == 0) {
			v = 20 + 10 * (int)i;
			u = w + n + 2;
			break;
		}
	}
	for (i = 0; i < 19; i++)
		if (strcmp(u, units[i]) == 0)
			return (v && i >= 9) ? 0 : v + (int)i + 1;
	return 0;
}

/* Returns true when b begins with the printing office's job number, which
 * every UN document carries on its first page and which is never part of
 * its title: "GE.19-07475(E)", "GE.14-14064 (E)", "GE:09-17825" and
 * "GE.09-16919" (Geneva), "19-15622" (New York), each maybe followed by
 * dates; or with its bar code, "*1907475*". b ends at a NUL or a newline. */
static bool
job_number(const char *b)
{
	const char *p = b;
	size_t i;

	if (*p == '*') {
		for (i = 1; isdigit((unsigned char)p[i]); i++)
			;
		return i >= 6 && p[i] == '*';
	}
	if (p[0] == 'G' && p[1] == 'E' && (p[2] == '.' || p[2] == ':')) {
		p += 3;
		if (*p == ' ')
			p++;
	}
	for (i = 0; i < 8; i++)
		if (!(i == 2 ? p[i] == '-' : isdigit((unsigned char)p[i])))
			return false;
	p += 8;
	return *p == '\0' || *p == '\n' || *p == ' ' || *p == '(';
}

/* Returns true for a masthead block that is not the title. */
static bool
masthead_skip(const char *b)
{
	/* a treaty body's masthead also names its treaty and itself */
	static const char *pfx[] = {"United Nations", "General Assembly",
	                            "Distr.", "Original:", "Human Rights Council",
	                            "Security Council", "Economic and Social",
	                            "Advance unedited", "Agenda item", "Item ",
	                            "Summary", "Contents",
	                            "International Covenant on",
	                            "International Convention on",
	                            "International Convention for",
	                            "Convention on the", "Convention against",
	                            "Human Rights Committee", "Committee on the",
	                            "Committee against", "Committee on Economic",
	                            "Committee on Enforced",
	                            "Committee on Migrant", NULL};
	size_t i;

	for (i = 0; pfx[i]; i++)
		if (strncmp(b, pfx[i], strlen(pfx[i])) == 0)
			return true;
	if (strstr(b, " session") && strlen(b) < 60)
		return true;
	return strlen(b) < 3 || job_number(b);
}

void
hri_seg_masthead_line(hri_seg *s, const hri_docline *l)
{
	bool alone;

	if (l->style & HRI_LINE_BLANK) {
		if (s->mastbuf.len && s->mastbuf.s[s->mastbuf.len - 1] != '\n')
			hri_strbuf_add(&s->mastbuf, "\n", 1);
		return;
	}
	if (l->style & HRI_LINE_FOOTNOTE) {
		/* The date under "Distr.: General" is set in the small size of
		 * notes, so "4 March 2015" reads as note 4, "March 2015": a
		 * note that makes a date alone with its mark is the date. */
		char line[64], date[11];

		if (l->len > 40 ||
		    snprintf(line, sizeof line, "%s %s", l->note, l->text) >=
		            (int)sizeof line ||
		    hri_segment_date(line, date) != 0 ||
		    s->mastbuf.len > HRI_SEG_MAST_MAX)
			return;
		if (s->mastbuf.len && s->mastbuf.s[s->mastbuf.len - 1] != '\n')
			hri_strbuf_add(&s->mastbuf, "\n", 1);
		hri_strbuf_puts(&s->mastbuf, line);
		hri_strbuf_add(&s->mastbuf, "\n", 1);
		return;
	}
	if (s->mastbuf.len > HRI_SEG_MAST_MAX)
		return;
	/* a heading, and a line of the masthead's fixed furniture, stands
	 * alone; other lines join the block they continue */
	alone = (l->style & HRI_LINE_HEADING) || masthead_skip(l->text) ||
	        strstr(l->text, "Agenda item") != NULL || l->page > 0;
	if (l->page > 0)
		s->paged = true;
	if (s->mastbuf.len && s->mastbuf.s[s->mastbuf.len - 1] != '\n')
		hri_strbuf_add(&s->mastbuf, alone ? "\n" : " ", 1);
	hri_strbuf_add(&s->mastbuf, l->text, l->len);
	if (alone)
		hri_strbuf_add(&s->mastbuf, "\n", 1);
}

/* From a paged masthead (a PDF's, one line a block), takes the title: the
 * lines from the first that opens a title ("Report of", "Note by", ...)
 * up to a note mark or the end, written into title (n bytes). */
static void
paged_title(hri_seg *s, const char *txt, char *title, size_t n)
{
	static const char *open[] = {"Report of", "Note by", "Summary prepared",
	                             "Compilation prepared", "National report",
	                             "Annual report", "Outcome of", "Study",
	                             "Letter dated", "Concluding observations",
	                             "Concluding comments", NULL};
	/* what ends a title: the rapporteur of a session report, who is
	 * named under its title */
	static const char *stop[] = {"Vice-President", "President:",
	                             "Rapporteur:", NULL};
	const char *p = txt, *e;
	size_t o = 0, k, i;
	bool on = false;

	title[0] = '\0';
	if (!s->paged)
		return;
	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		k = (size_t)(e - p);
		/* before 2010 titles were set in capitals */
		if (!on)
			for (i = 0; open[i]; i++)
				if (strncasecmp(p, open[i], strlen(open[i])) == 0)
					on = true;
		if (!on || k == 0)
			continue;
		/* the title ends at a note mark (* or U+2217), a heading, the job
		 * number, the rapporteur, or the body's first line: a line as
		 * wide as the page, or one ending a clause ("The Human Rights
		 * Council,") */
		if (p[0] == '*' || strncmp(p, "\xe2\x88\x97", 3) == 0 ||
		    (k == 7 && strncmp(p, "Summary", 7) == 0) ||
		    strncmp(p, "Contents", 8) == 0 || job_number(p) ||
		    k > HRI_SEG_TITLE_LINE_MAX || strchr(",;.", p[k - 1]) ||
		    o + k + 3 >= n)
			break;
		for (i = 0; stop[i]; i++)
			if (strncmp(p, stop[i], strlen(stop[i])) == 0)
				break;
		if (stop[i])
			break;
		/* "Review*" then "Slovenia": the note mark becomes a colon */
		if (o && title[o - 1] == '*') {
			title[o - 1] = ':';
			title[o++] = ' ';
		} else if (o) {
			title[o++] = ' ';
		}
		memcpy(title + o, p, k);
		o += k;
		/* the note mark as U+2217 (A/HRC/8/24) is the same '*' */
		if (k >= 3 && memcmp(title + o - 3, "\xe2\x88\x97", 3) == 0) {
			o -= 3;
			while (o > 0 && title[o - 1] == ' ')
				o--;
			title[o++] = '*';
		}
		title[o] = '\0';
	}
}

void
hri_seg_masthead_fields(hri_seg *s)
{
	char *txt = s->mastbuf.s, *b, *e, *p, date[11];
	int ntitles = -1, v;
	char title[1024] = "";
	size_t n;

	if (!txt)
		return;
	if (hri_segment_date(txt, date) == 0)
		json_object_set_new(s->mast, "date", json_string(date));
	paged_title(s, txt, title, sizeof title);
	/* a UPR report says so in its title, which a paged masthead may cut
	 * over lines */
	if (hri_seg_upr_title(txt))
		s->upr = true;
	for (b = txt; b; b = e) {
		e = strchr(b, '\n');
		if (e)
			*e++ = '\0';
		while (*b == ' ')
			b++;
		p = strstr(b, " session");
		if (p && !json_object_get(s->mast, "session")) {
			char *w = p;

			while (w > b && w[-1] != ' ')
				w--;
			v = hri_segment_ordinal(w, (size_t)(p - w));
			if (v)
				json_object_set_new(s->mast, "session", json_integer(v));
		}
		p = strstr(b, "Agenda item");
		if (p && !json_object_get(s->mast, "agenda")) {
			char ag[128];

			p += strlen("Agenda item");
			if (*p == 's')
				p++;
			while (*p == ' ')
				p++;
			snprintf(ag, sizeof ag, "%s", p);
			n = strcspn(ag, "*\\");
			ag[n] = '\0';
			if (strstr(ag, " of the"))
				*strstr(ag, " of the") = '\0';
			n = strlen(ag);
			while (n > 0 && ag[n - 1] == ' ')
				ag[--n] = '\0';
			if (n) {
				json_object_set_new(s->mast, "agenda", json_string(ag));
				ntitles = strstr(ag, " and ") || strchr(ag, ',') ? 2 : 1;
			}
			continue;
		}
		if (masthead_skip(b) || (strlen(b) < 40 && hri_segment_date(b, date) == 0))
			continue;
		if (ntitles > 0) {
			ntitles--;
			continue;
		}
		if (s->paged)
			continue;
		if (title[0] == '\0') {
			snprintf(title, sizeof title, "%s", b);
		} else if (strncmp(title, "Report of the Working Group", 27) == 0 &&
		           !strchr(title, ':')) {
			n = strlen(title);
			while (n > 0 && strchr(" *", title[n - 1]))
				title[--n] = '\0';
			snprintf(title + n, sizeof title - n, ": %s", b);
		}
	}
	n = strlen(title);
	while (n > 0 && strchr(" *:", title[n - 1]))
		title[--n] = '\0';
	if (n && n < 400)
		json_object_set_new(s->mast, "title", json_string(title));
	hri_seg_upr_masthead(s, title);
	hri_seg_tb_begin(s);
}

/* Returns true when line text is the heading of a table of contents. */
