/* segment_treaty.c - what is particular to a treaty body's concluding
 * observations (CCPR/C/USA/CO/4) and to a special procedure's report
 * (A/HRC/34/51/Add.1).
 *
 * Concluding observations: after the introduction and the positive aspects
 * comes the part on "concerns and recommendations" (its heading varies by
 * committee and year: "Principal matters of concern and recommendations",
 * "Principal subjects of concern", "Main areas of concern and
 * recommendations", "Concerns and recommendations"). In it a subject line
 * ("Death penalty") stands before numbered paragraphs; a paragraph holds
 * the Committee's concern and, after it, its recommendation ("The State
 * party should:", "The Committee recommends that the State party ..."),
 * sometimes in the same numbered paragraph, sometimes in the next, items
 * (a), (b) ... being the recommendation's own or the concern's. Article
 * references "(arts. 2, 9 and 26)" tie a concern to the treaty; a late
 * paragraph names the recommendations under follow-up ("paragraphs 5, 10
 * and 21 above") and the date of the next report.
 *
 * A special procedure's report ends in "Conclusions and recommendations":
 * its recommendations are the paragraphs that recommend and their items,
 * addressed to the Government, the international community or others, as a
 * heading or the paragraph's lead-in says.
 *
 * Both shapes are read from the text alone, so that a committee or year
 * not seen before reads the same way. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonl.h"
#include "segment_int.h"
#include "symbol.h"

#define SUBJECT_MAX 200   /* bytes of a subject line */
#define ADDRESSEE_MAX 128 /* bytes of an addressee */
#define ARTICLE_SPAN 30   /* widest range of articles expanded ("13-17") */

enum tb_family { TB_CO = 1, TB_SP = 2 };

struct hri_seg_tb {
	enum tb_family family;
	const char *treaty;      /* "ICCPR" for article references, or NULL */
	bool in_part;            /* CO: in the concerns and recommendations
	                            part, from its heading to the end; SP: in a
	                            section on recommendations */
	bool rec_section;        /* SP: a section of recommendations only */
	char subject[HRI_SEG_TITLE_MAX]; /* the subject line in force, or "" */
	size_t subject_next;     /* a subject's second line, or 0 */
	bool fresh;              /* no numbered paragraph has closed under
	                            the subject line yet */
	bool inline_rec;         /* the subject's concern paragraph held its
	                            recommendation: a later paragraph that only
	                            recommends is past the subject */
	char concern[HRI_SEG_ID_MAX]; /* id of the concern recommendations
	                                 answer, or "" */
	json_t *concern_articles; /* the articles of that concern */
	json_t *heading_articles; /* the articles a heading names */
	json_t *subject_articles; /* the articles the subject line names
	                             ("Equality and non-discrimination (art.
	                             5)"): they narrow the heading's */
	char addressee[ADDRESSEE_MAX]; /* SP: a heading's addressee, or "" */
	char para_addressee[ADDRESSEE_MAX]; /* SP: the paragraph's, or "" */
	int rec_n;               /* unlabelled recommendations split off the
	                            numbered paragraph so far */
};

/* ---- words ---- */

/* Case-insensitive search of needle in the len bytes at hay; returns its
 * offset or -1. */
static long
find_ci(const char *hay, size_t len, const char *needle)
{
	return hri_seg_find_ci(hay, len, needle);
}

/* Returns true when one of the words (NULL-terminated) is in the len bytes
 * at text, whatever the case. */
static bool
any_ci(const char *text, size_t len, const char *const *words)
{
	return hri_seg_any_ci(text, len, words);
}

/* Returns true when the word ending just before offset end of text is an
 * abbreviation after which a full stop ends no sentence. */
static bool
abbreviation(const char *text, size_t end)
{
	static const char *const abbr[] = {
		"No", "Nos", "no", "art", "arts", "para", "paras", "Mr", "Ms",
		"Mrs", "Dr", "e.g", "i.e", "etc", "vol", "p", "pp", "cf", "Add",
		"Corr", "Rev", "St", "v", "vs", "Inc", "Co", "Ltd", "Jr", "Sr",
		"resp", "approx", "Art", "Arts", "Para", "Paras", "U.S", "U.N",
		NULL};
	size_t b = end, i;

	while (b > 0 && !isspace((unsigned char)text[b - 1]) && text[b - 1] != '(')
		b--;
	for (i = 0; abbr[i]; i++)
		if (strlen(abbr[i]) == end - b && memcmp(text + b, abbr[i], end - b) == 0)
			return true;
	/* an initial: "J. Smith" */
	return end - b == 1 && isupper((unsigned char)text[b]);
}

/* Returns the offset just past the sentence that starts at offset from in
 * text (len bytes): after ". " (or "; ", ": ") before a capital letter, an
 * opening bracket or a quote, unless the full stop ends an abbreviation. */
static size_t
sentence_end(const char *text, size_t len, size_t from)
{
	size_t i, j;

	for (i = from; i < len; i++) {
		if (text[i] != '.' && text[i] != ':' && text[i] != ';')
			continue;
		j = i + 1;
		/* "(art. 2)." and '."' end a sentence as well */
		while (j < len && (text[j] == ')' || text[j] == '"'))
			j++;
		if (j >= len)
			return len;
		if (text[j] != ' ')
			continue;
		while (j < len && text[j] == ' ')
			j++;
		if (j >= len)
			return len;
		if (!(isupper((unsigned char)text[j]) || text[j] == '(' ||
		      text[j] == '"' || (unsigned char)text[j] >= 0xc3))
			continue;
		if (text[i] == '.' && abbreviation(text, i))
			continue;
		return j;
	}
	return len;
}

/* The phrases that make a sentence of a concluding observation a
 * recommendation: the State party is told what to do, by "should" or by
 * the Committee's verb with the State party as its object. */
static const char *const co_marks[] = {
	"state party should", "state party must", "state party is urged",
	"state party is requested", "state party is encouraged",
	"state party is invited", "state party is called upon",
	"state party is recommended", "recommends that the state party",
	"recommends to the state party", "recommends the state party",
	"urges the state party", "calls upon the state party",
	"calls on the state party", "encourages the state party",
	"requests the state party", "invites the state party",
	"reiterates its recommendation", "reiterates its previous recommendation",
	"recommends that it ", "urges it to", "encourages it to",
	"calls upon it to", "calls on it to", "requests it to", "invites it to",
	"invites the parliament", "invites parliament", NULL};

/* The verbs with which a special procedure recommends. */
static const char *const sp_marks[] = {
	"recommend", "urges", "urge the", "calls upon", "calls on",
	"call upon", "call on", "encourages", "invites", "requests", NULL};

/* Returns true when the sentence of len bytes at text recommends. */
static bool
recommends(const hri_seg_tb *tb, const char *text, size_t len)
{
	const char *p;
	size_t i;

	if (any_ci(text, len, tb->family == TB_CO ? co_marks : sp_marks))
		return true;
	if (tb->family == TB_CO)
		return false;
	/* "The Government should ...": an actor, then "should", early on */
	p = memchr(text, ' ', len);
	for (i = 0; p && i < 8; i++) {
		if ((size_t)(p - text) + 8 <= len && strncmp(p, " should ", 8) == 0)
			return isupper((unsigned char)text[0]);
		p = memchr(p + 1, ' ', len - (size_t)(p + 1 - text));
	}
	return false;
}

/* Says whether the text of len bytes opens with a recommendation (its first
 * sentence recommends) and where a later sentence that recommends starts
 * (*split, 0 when none or when the first does). */
static bool
rec_sentences(const hri_seg_tb *tb, const char *text, size_t len,
              size_t *split)
{
	size_t b = 0, e;

	*split = 0;
	e = sentence_end(text, len, 0);
	if (recommends(tb, text, e))
		return true;
	for (b = e; b < len; b = e) {
		e = sentence_end(text, len, b);
		if (recommends(tb, text + b, e - b)) {
			*split = b;
			return false;
		}
	}
	return false;
}

/* Returns true when a line of text opens a recommendation of a concluding
 * observation: "The State party should", "The Committee recommends", "It
 * should". */
static bool
opens_rec(const hri_seg_tb *tb, const char *text)
{
	size_t len = strlen(text);

	if (strncmp(text, "It should", 9) == 0 ||
	    strncmp(text, "It also recommends", 18) == 0)
		return true;
	if (strncmp(text, "The State party", 15) != 0 &&
	    strncmp(text, "The State Party", 15) != 0 &&
	    strncmp(text, "The Committee", 13) != 0)
		return false;
	return recommends(tb, text, sentence_end(text, len, 0));
}

/* Returns true when text voices a concern. */
static bool
concerned(const char *text, size_t len)
{
	static const char *const w[] = {"concern", "regret", "deplore",
	                                "alarm", "disturb", "worried", NULL};

	return any_ci(text, len, w);
}

/* ---- articles ---- */

/* Appends {treaty, article} for article a (n bytes at a) to arr once. */
static void
add_article(json_t *arr, const char *treaty, const char *a, size_t n)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		const char *x = hri_json_str(v, "article");

		if (x && strlen(x) == n && memcmp(x, a, n) == 0)
			return;
	}
	v = json_object();
	if (!v || hri_json_set_str(v, "treaty", treaty) ||
	    hri_json_set_strn(v, "article", a, n) || json_array_append_new(arr, v))
		json_decref(v);
}

/* Appends to arr the articles of treaty the references "(art. 2)",
 * "(arts. 2, 5 (1) and 17)", "(arts. 13-17)" in the len bytes at text name:
 * each article by its number, paragraphs and subparagraphs left out. */
static void
scan_articles(json_t *arr, const char *treaty, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *d;
	char num[24];
	long lo, hi, k;
	int depth;

	if (!treaty || !arr)
		return;
	while (p < end) {
		long at = find_ci(p, (size_t)(end - p), "(art");

		if (at < 0)
			return;
		p += at + 4;
		if (p < end && *p == 's')
			p++;
		if (p >= end || *p != '.')
			continue;
		p++;
		depth = 1;
		lo = 0;
		while (p < end && depth > 0) {
			while (p < end && (*p == ' ' || *p == ','))
				p++;
			if (p >= end)
				break;
			if (*p == '(') {
				depth++;
				p++;
			} else if (*p == ')') {
				depth--;
				p++;
			} else if (isdigit((unsigned char)*p)) {
				d = p;
				while (p < end && isdigit((unsigned char)*p))
					p++;
				if (depth > 1 || p - d > 3)
					continue; /* "5 (1)": a paragraph */
				/* a range: "13-17", "13–17" */
				if (lo && d >= text + 1 && (d[-1] == '-' ||
				    (d >= text + 3 && !memcmp(d - 3, "\xe2\x80\x93", 3)))) {
					hi = strtol(d, NULL, 10);
					for (k = lo + 1; k <= hi && hi - lo <= ARTICLE_SPAN; k++) {
						snprintf(num, sizeof num, "%ld", k);
						add_article(arr, treaty, num, strlen(num));
					}
					lo = 0;
					continue;
				}
				lo = strtol(d, NULL, 10);
				add_article(arr, treaty, d, (size_t)(p - d));
			} else if (*p == '-') {
				p++;
			} else if ((unsigned char)*p == 0xe2 && end - p >= 3 &&
			           !memcmp(p, "\xe2\x80\x93", 3)) {
				p += 3;
			} else if (end - p >= 4 && !strncmp(p, "and ", 4)) {
				p += 4;
				lo = 0;
			} else if (depth > 1) {
				p++; /* "(a)", "(1)" of a subparagraph */
			} else {
				break; /* a word that is no article: the list ends */
			}
		}
	}
}

/* Returns a new array: the articles of a and of b, each once. */
static json_t *
merge_articles(const json_t *a, const json_t *b)
{
	json_t *out = json_array(), *v;
	size_t i;

	if (!out)
		return NULL;
	json_array_foreach(a, i, v)
		add_article(out, hri_json_str(v, "treaty"), hri_json_str(v, "article"),
		            strlen(hri_json_str(v, "article")));
	json_array_foreach(b, i, v)
		add_article(out, hri_json_str(v, "treaty"), hri_json_str(v, "article"),
		            strlen(hri_json_str(v, "article")));
	return out;
}

/* ---- addressees (special procedures) ---- */

/* Who special procedures address, and the name each is filed under. */
static const struct {
	const char *phrase, *name;
} addressees[] = {
	{"federal Government", "Government"},
	{"Government", "Government"},
	{"competent authorities", "Government"},
	{"national authorities", "Government"},
	{"State authorities", "Government"},
	{"de facto authorities", "de facto authorities"},
	{"authorities", "Government"},
	{"State party", "Government"},
	{"international community", "international community"},
	{"donor community", "donors"},
	{"donors", "donors"},
	{"United Nations country team", "United Nations"},
	{"United Nations", "United Nations"},
	{"civil society", "civil society"},
	{"national human rights institution", "national human rights institution"},
	{"Parliament", "Parliament"},
	{"National Assembly", "Parliament"},
	{"legislature", "Parliament"},
	{"judiciary", "judiciary"},
	{"business enterprises", "business enterprises"},
	{"private sector", "business enterprises"},
	{"companies", "business enterprises"},
	{"non-State armed groups", "non-State armed groups"},
	{"armed groups", "non-State armed groups"},
	{"States", "States"},
	{"State", "Government"},
};

/* Writes into out (ADDRESSEE_MAX bytes) the name of the addressee whose
 * phrase starts text (after "the "); returns false when none does. */
static bool
addressee_at(const char *text, char *out)
{
	size_t i, n;

	if (strncasecmp(text, "the ", 4) == 0)
		text += 4;
	for (i = 0; i < sizeof addressees / sizeof addressees[0]; i++) {
		n = strlen(addressees[i].phrase);
		if (strncmp(text, addressees[i].phrase, n) == 0 &&
		    !isalnum((unsigned char)text[n])) {
			snprintf(out, ADDRESSEE_MAX, "%s", addressees[i].name);
			return true;
		}
	}
	return false;
}

/* Finds the addressee of a special procedure's recommendation in its first
 * sentence (len bytes at text): "recommends that the Government", "urges
 * the international community to", "The authorities should". Writes it
 * into out (ADDRESSEE_MAX bytes, "" when the sentence names none). */
static void
sentence_addressee(const char *text, size_t len, char *out)
{
	static const char *const after[] = {
		"recommends that ", "recommends to ", "recommend that ",
		"recommend to ", "urges ", "calls upon ", "calls on ",
		"encourages ", "invites ", "requests ", NULL};
	size_t i;
	long at;

	out[0] = '\0';
	for (i = 0; after[i]; i++) {
		at = find_ci(text, len, after[i]);
		if (at >= 0 && addressee_at(text + at + strlen(after[i]), out))
			return;
	}
	if (find_ci(text, len, " should ") > 0)
		addressee_at(text, out);
}

/* Reads the addressee a heading names ("Recommendations to the
 * Government", "To the international community") into out, or "". */
static void
heading_addressee(const char *title, char *out)
{
	long at;

	out[0] = '\0';
	if (strncasecmp(title, "to ", 3) == 0) {
		if (!addressee_at(title + 3, out))
			snprintf(out, ADDRESSEE_MAX, "%s",
			         title + 3 + (strncasecmp(title + 3, "the ", 4) ? 0 : 4));
		return;
	}
	at = find_ci(title, strlen(title), "recommendations to ");
	if (at < 0)
		at = find_ci(title, strlen(title), "recommendations addressed to ");
	if (at < 0)
		return;
	title += at + strcspn(title + at, " ") + 1;
	title += strcspn(title, " ") + 1;
	if (strncmp(title, "to ", 3) == 0)
		title += 3;
	if (!addressee_at(title, out))
		snprintf(out, ADDRESSEE_MAX, "%s",
		         title + (strncasecmp(title, "the ", 4) ? 0 : 4));
}

/* ---- the document ---- */

/* Copies into out (outsz bytes) the words of title after needle up to the
 * first of stops; returns false when needle is not in title. */
static bool
title_part(const char *title, const char *needle, const char *const *stops,
           char *out, size_t outsz)
{
	long at = find_ci(title, strlen(title), needle);
	const char *p, *e;
	size_t i;
	long k;

	out[0] = '\0';
	if (at < 0)
		return false;
	p = title + at + strlen(needle);
	while (*p == ' ')
		p++;
	e = p + strlen(p);
	for (i = 0; stops[i]; i++) {
		k = find_ci(p, (size_t)(e - p), stops[i]);
		if (k >= 0 && p + k < e)
			e = p + k;
	}
	while (e > p && strchr(" *:,.", e[-1]))
		e--;
	if (e <= p || (size_t)(e - p) >= outsz)
		return false;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return true;
}

/* Finds in a report's title, or in its masthead (mast, lines split by
 * "\n"), the special procedure that wrote it ("Special Rapporteur on the
 * right to food") and the State it reports on (as written): the State of a
 * visit ("on her mission to Zambia", "Visit to Ethiopia" above the title),
 * or of a country mandate ("on the situation of human rights in Belarus").
 * Returns false when no special procedure wrote it. */
static bool
sp_title(const char *title, const char *mast, char *mandate, size_t msz,
         char *state, size_t ssz)
{
	static const char *const reports[] = {
		"report of the ", "report submitted by the ", "report by the ",
		NULL};
	static const char *const kinds[] = {
		"Special Rapporteur", "Independent Expert", "Working Group",
		"Special Representative", NULL};
	static const char *const mstops[] = {
		" on his mission", " on her mission", " on its mission",
		" on their mission", " on his visit", " on her visit",
		" on its visit", " on their visit", " on the mission",
		" on the visit", " on his follow-up", " on her follow-up",
		" on its follow-up", " on their follow-up", " Addendum",
		" Mission to", " Visit to", " mission to", " visit to", ":",
		"*", " Note by", "\n", " submitted ", " on its ", " at its ",
		NULL};
	/* working groups of the Council, of States, not of experts */
	static const char *const not_sp[] = {
		"Working Group on the Universal", "Working Group on the Right to "
		"Development", "Working Group on Communications",
		"Working Group on Situations", "Working Group of the Whole",
		"open-ended", "intergovernmental", "drafting", NULL};
	static const char *const sstops[] = {"(", "*", ":", ",", ".", " Note by",
	                                     " Addendum", "\n", " from ", " on ",
	                                     " in ", " and the ", NULL};
	const char *src[2] = {title, mast}, *p = NULL;
	char pat[96];
	size_t i, k, n;
	long at = -1;

	mandate[0] = state[0] = '\0';
	for (n = 0; n < 2 && at < 0; n++)
		for (i = 0; reports[i] && at < 0; i++)
			for (k = 0; kinds[k] && at < 0; k++) {
				snprintf(pat, sizeof pat, "%s%s", reports[i], kinds[k]);
				at = find_ci(src[n], strlen(src[n]), pat);
				if (at >= 0)
					p = src[n] + at + strlen(reports[i]);
			}
	if (at < 0 || !title_part(p, "", mstops, mandate, msz) ||
	    any_ci(mandate, strlen(mandate), not_sp) ||
	    find_ci(src[n - 1], strlen(src[n - 1]), "intergovernmental") >= 0) {
		mandate[0] = '\0';
		return false;
	}
	/* the mandate holder's name follows a comma before a capital letter:
	 * "on the right to food, Hilal Elver"; a comma before a small letter
	 * is the mandate's own ("torture and other cruel, inhuman ...") */
	for (p = mandate; (p = strchr(p, ',')) != NULL; p++)
		if (p[1] == ' ' && isupper((unsigned char)p[2])) {
			mandate[p - mandate] = '\0';
			break;
		}
	n = strlen(mandate);
	while (n > 0 && strchr(" ,", mandate[n - 1]))
		mandate[--n] = '\0';
	/* a line break cut it short: "Working Group on the" */
	if ((n > 3 && !strcmp(mandate + n - 3, " on")) ||
	    (n > 3 && !strcmp(mandate + n - 3, " of")) ||
	    (n > 4 && !strcmp(mandate + n - 4, " the"))) {
		mandate[0] = '\0';
		return false;
	}
	for (i = 0; i < 2 && !state[0]; i++)
		if (!title_part(src[i], "mission to ", sstops, state, ssz))
			title_part(src[i], "visit to ", sstops, state, ssz);
	if (!state[0])
		title_part(mandate, "situation of human rights in ", sstops, state,
		           ssz);
	return mandate[0] != '\0';
}

/* Finds in a concluding observation's title the State reviewed, as written
 * after "report of"/"reports of" ("Concluding observations on the fourth
 * periodic report of the United States of America") or its last colon. */
static void
co_title_state(const char *title, char *state, size_t ssz)
{
	static const char *const stops[] = {"*", " adopted", ",", "(", NULL};

	const char *colon = strrchr(title, ':');

	/* "Concluding observations of the Committee on the Rights of the
	 * Child: Slovenia" */
	if (!title_part(title, " reports of ", stops, state, ssz) &&
	    !title_part(title, " report of ", stops, state, ssz) && colon)
		title_part(colon + 1, "", stops, state, ssz);
}

void
hri_seg_tb_begin(hri_seg *s)
{
	const char *title = hri_json_str(s->mast, "title");
	char mandate[HRI_SEG_TITLE_MAX], state[HRI_SEG_TITLE_MAX], *mb;
	hri_symbol_info info;
	hri_seg_tb *tb;
	enum tb_family fam = 0;
	size_t i;

	if (s->tb)
		return;
	/* the masthead's blocks, which reading its fields cut apart with
	 * NULs, as lines again */
	mb = calloc(1, s->mastbuf.len + 1);
	if (!mb)
		return;
	for (i = 0; i < s->mastbuf.len; i++)
		mb[i] = s->mastbuf.s[i] ? s->mastbuf.s[i] : '\n';
	if (hri_symbol_parse(s->sym, &info) != HRI_OK)
		memset(&info, 0, sizeof info);
	/* by the symbol (CCPR/C/USA/CO/4), or by a masthead line that opens
	 * with the words (CRC/C/15/Add.230, E/C.12/1/Add.98) */
	if ((info.doctype && strcmp(info.doctype, "concluding-observations") == 0) ||
	    strncasecmp(mb, "concluding observations", 23) == 0 ||
	    strncasecmp(mb, "concluding comments", 19) == 0 ||
	    find_ci(mb, s->mastbuf.len, "\nconcluding observations") >= 0 ||
	    find_ci(mb, s->mastbuf.len, "\nconcluding comments") >= 0)
		fam = TB_CO;
	/* a report, not the resolution or decision that takes note of it */
	else if (!info.mechanism &&
	         (!info.doctype || strcmp(info.doctype, "report") == 0) &&
	         sp_title(title ? title : "", mb, mandate, sizeof mandate, state,
	                  sizeof state))
		fam = TB_SP;
	free(mb);
	if (!fam)
		return;
	tb = calloc(1, sizeof *tb);
	if (!tb)
		return;
	tb->family = fam;
	tb->treaty = info.treaty;
	tb->concern_articles = json_array();
	tb->heading_articles = json_array();
	tb->subject_articles = json_array();
	s->tb = tb;
	if (fam == TB_SP) {
		json_object_set_new(s->mast, "mechanism",
		                    json_string("special-procedure"));
		json_object_set_new(s->mast, "mandate", json_string(mandate));
		if (state[0])
			json_object_set_new(s->mast, "review_of", json_string(state));
		return;
	}
	json_object_set_new(s->mast, "mechanism", json_string("treaty-body"));
	co_title_state(title ? title : "", state, sizeof state);
	if (state[0])
		json_object_set_new(s->mast, "review_of", json_string(state));
}

void
hri_seg_tb_free(hri_seg_tb *tb)
{
	if (!tb)
		return;
	json_decref(tb->concern_articles);
	json_decref(tb->heading_articles);
	json_decref(tb->subject_articles);
	free(tb);
}

/* Forgets the subject and its concern. */
static void
end_subject(hri_seg_tb *tb)
{
	tb->subject[0] = '\0';
	tb->concern[0] = '\0';
	tb->inline_rec = false;
	json_array_clear(tb->concern_articles);
	json_array_clear(tb->subject_articles);
}

/* Returns the articles the context of a concern gives: its subject line's,
 * else its heading's (borrowed). */
static const json_t *
context_articles(const hri_seg_tb *tb)
{
	return json_array_size(tb->subject_articles) ? tb->subject_articles
	                                             : tb->heading_articles;
}

void
hri_seg_tb_title(hri_seg *s)
{
	hri_seg_tb *tb = s->tb;
	size_t n = strlen(s->title);

	if (!tb)
		return;
	if (tb->family == TB_CO) {
		/* the part begins with its heading and runs to the end: the
		 * closing sections (dissemination, follow-up, next report)
		 * recommend too */
		if (find_ci(s->title, n, "concern") >= 0 ||
		    find_ci(s->title, n, "recommendation") >= 0)
			tb->in_part = true;
	} else {
		tb->in_part = find_ci(s->title, n, "recommendation") >= 0;
		tb->rec_section = tb->in_part && find_ci(s->title, n, "conclusion") < 0;
		heading_addressee(s->title, tb->addressee);
	}
	end_subject(tb);
	json_array_clear(tb->heading_articles);
	scan_articles(tb->heading_articles, tb->treaty, s->title, n);
}

void
hri_seg_tb_opened(hri_seg *s, json_t *r)
{
	const char *id = hri_json_str(r, "id"), *kind = hri_json_str(r, "kind");

	if (!s->tb)
		return;
	if (s->tb->in_part && s->tb->subject[0])
		json_object_set_new(r, "section_title", json_string(s->tb->subject));
	/* a numbered paragraph ("#45", not "#45(a)" or "#fn3") starts afresh */
	id = id ? strchr(id, '#') : NULL;
	if (kind && strcmp(kind, "paragraph") == 0 && id &&
	    strspn(id + 1, "0123456789") == strlen(id + 1)) {
		s->tb->rec_n = 0;
		s->tb->para_addressee[0] = '\0';
	}
}

/* Sets a recommendation's concern, articles (its concern's, its heading's
 * and its own) and addressee. */
static void
mark_rec(hri_seg *s, json_t *r, const char *text, size_t len)
{
	hri_seg_tb *tb = s->tb;
	json_t *arts;

	if (tb->family == TB_CO) {
		if (tb->concern[0])
			json_object_set_new(r, "concern", json_string(tb->concern));
		arts = merge_articles(tb->concern_articles, context_articles(tb));
		scan_articles(arts, tb->treaty, text, len);
		if (json_array_size(arts))
			json_object_set(r, "articles", arts);
		json_decref(arts);
		return;
	}
	if (tb->para_addressee[0])
		json_object_set_new(r, "addressee", json_string(tb->para_addressee));
	else if (tb->addressee[0])
		json_object_set_new(r, "addressee", json_string(tb->addressee));
}

/* Makes the numbered paragraph being closed a concern, its articles those
 * of its text and heading, and the concern recommendations answer. */
static void
mark_concern(hri_seg *s, const char *text, size_t len)
{
	hri_seg_tb *tb = s->tb;
	json_t *r = s->cur.rec;

	s->cur.kind = K_CONCERN;
	json_object_set_new(r, "kind", json_string("concern"));
	snprintf(tb->concern, sizeof tb->concern, "%s", hri_json_str(r, "id"));
	json_array_clear(tb->concern_articles);
	json_array_extend(tb->concern_articles, (json_t *)context_articles(tb));
	scan_articles(tb->concern_articles, tb->treaty, text, len);
	if (json_array_size(tb->concern_articles))
		json_object_set_new(r, "articles",
		                    json_deep_copy(tb->concern_articles));
}

/* Inserts after the open record a recommendation of the same paragraph,
 * unlabelled ("45.rec", "45.rec2"), with the len bytes at text; the open
 * record stays open. */
static hri_status
split_rec(hri_seg *s, const char *text, size_t len)
{
	hri_seg_tb *tb = s->tb;
	char idsuf[64];
	json_t *r, *v;
	size_t i, at = json_array_size(s->segs);

	tb->rec_n++;
	if (tb->rec_n > 1)
		snprintf(idsuf, sizeof idsuf, "%d.rec%d", s->cur.para, tb->rec_n);
	else
		snprintf(idsuf, sizeof idsuf, "%d.rec", s->cur.para);
	r = hri_seg_record(s, K_RECOMMENDATION, s->cur.para, NULL, idsuf,
	                   (int)hri_json_int(s->cur.rec, "page", 0));
	if (!r)
		return HRI_ERR_NOMEM;
	json_object_set(r, "section", json_object_get(s->cur.rec, "section"));
	json_object_set(r, "section_title",
	                json_object_get(s->cur.rec, "section_title"));
	json_object_set_new(r, "text", json_stringn(text, len));
	mark_rec(s, r, text, len);
	json_array_foreach(s->segs, i, v)
		if (v == s->cur.rec)
			at = i + 1;
	if (json_array_insert_new(s->segs, at, r))
		return HRI_ERR_NOMEM;
	s->meta->recommendations++;
	return HRI_OK;
}

/* Returns true when the sentence of len bytes at text asks for what closes
 * every concluding observation, whatever its subjects: dissemination,
 * information under the follow-up procedure, the next report. */
static bool
closing(const char *text, size_t len)
{
	static const char *const w[] = {
		"present concluding observations", "rules of procedure",
		"disseminate", "next periodic report", "periodic report by", NULL};

	return any_ci(text, len, w);
}

/* Closes a numbered paragraph of a concluding observation's concerns and
 * recommendations: it recommends, or voices a concern (a recommendation
 * later in it becomes a segment of its own), or is neither. */
static hri_status
close_co_para(hri_seg *s)
{
	hri_seg_tb *tb = s->tb;
	hri_strbuf *b = &s->cur.text;
	json_t *r = s->cur.rec;
	size_t split, n;
	hri_status st;

	if (rec_sentences(tb, b->s, b->len, &split)) {
		/* past a subject whose only paragraph held its own
		 * recommendation, or asking for what closes every concluding
		 * observation (dissemination, follow-up, the next report):
		 * the subject is over */
		if (!tb->fresh && (tb->inline_rec ||
		                   closing(b->s, sentence_end(b->s, b->len, 0)))) {
			end_subject(tb);
			json_object_set_new(r, "section_title",
			                    s->title[0] ? json_string(s->title)
			                                : json_null());
		}
		s->cur.kind = K_RECOMMENDATION;
		json_object_set_new(r, "kind", json_string("recommendation"));
		s->meta->recommendations++;
		mark_rec(s, r, b->s, b->len);
		return HRI_OK;
	}
	if (!split && !tb->subject[0] && !concerned(b->s, b->len))
		return HRI_OK;
	n = split ? split : b->len;
	while (n > 0 && b->s[n - 1] == ' ')
		n--;
	mark_concern(s, b->s, n);
	if (!split)
		return HRI_OK;
	tb->inline_rec = true;
	st = split_rec(s, b->s + split, b->len - split);
	b->len = n;
	b->s[n] = '\0';
	return st;
}

hri_status
hri_seg_tb_close(hri_seg *s)
{
	hri_seg_tb *tb = s->tb;
	hri_seg_cur *c = &s->cur;
	const char *id;
	size_t split;

	if (!tb || !tb->in_part || !c->text.s)
		return HRI_OK;
	id = hri_json_str(c->rec, "id");
	/* the numbered paragraph itself, "#45", not a note or "#p3" */
	if (c->kind == K_PARAGRAPH && c->para > 0 && id &&
	    strchr(id, '#') && isdigit((unsigned char)strchr(id, '#')[1])) {
		if (tb->family == TB_CO) {
			hri_status st = close_co_para(s);

			tb->fresh = false;
			return st;
		}
		sentence_addressee(c->text.s,
		                   sentence_end(c->text.s, c->text.len, 0),
		                   tb->para_addressee);
		if (!tb->rec_section &&
		    !rec_sentences(tb, c->text.s, c->text.len, &split))
			return HRI_OK;
		c->kind = K_RECOMMENDATION;
		json_object_set_new(c->rec, "kind", json_string("recommendation"));
		s->meta->recommendations++;
		mark_rec(s, c->rec, c->text.s, c->text.len);
		return HRI_OK;
	}
	if (c->kind == K_RECOMMENDATION)
		mark_rec(s, c->rec, c->text.s, c->text.len);
	return HRI_OK;
}

/* ---- lines ---- */

/* Returns the index of the first line after i that is neither blank nor
 * page furniture, or t->n. */
static size_t
next_line(const hri_seg *s, const hri_doctext *t, size_t i)
{
	size_t j;

	for (j = i + 1; j < t->n; j++) {
		const hri_docline *l = &t->lines[j];

		if ((l->style & (HRI_LINE_BLANK | HRI_LINE_FOOTNOTE)) ||
		    hri_seg_is_furniture(l->text, s->sym) || hri_seg_is_rule(l->text) ||
		    (l->text[0] == '*' && l->text[1] == ' '))
			continue;
		return j;
	}
	return t->n;
}

/* Returns true when the len bytes at text end with a stop, a colon or a
 * comma, perhaps inside a closing quote or bracket ('."', ".)"). */
static bool
ends_stop(const char *text, size_t len)
{
	while (len > 0 && (text[len - 1] == '"' || text[len - 1] == ')' ||
	                   text[len - 1] == '\'' || text[len - 1] == ' '))
		len--;
	/* a closing curly quote */
	while (len >= 3 && (unsigned char)text[len - 3] == 0xe2 &&
	       (unsigned char)text[len - 2] == 0x80 &&
	       ((unsigned char)text[len - 1] == 0x9d ||
	        (unsigned char)text[len - 1] == 0x99))
		len -= 3;
	return len > 0 && strchr(".;:,", text[len - 1]);
}

/* Returns true when text (len bytes) has the shape of a subject line: a
 * short phrase starting with a capital letter, without a closing stop. */
static bool
subject_shape(const char *text, size_t len)
{
	unsigned char c0 = (unsigned char)text[0];
	const char *rest;
	char lab[8];
	int n;

	if (len < 3 || len >= SUBJECT_MAX || !(isupper(c0) || c0 >= 0xc3) ||
	    ends_stop(text, len) || isdigit((unsigned char)text[len - 1]) ||
	    hri_seg_numbered(text, &n, &rest) || hri_seg_item_label(text, lab, &rest))
		return false;
	return strncmp(text, "The Committee ", 14) != 0 &&
	       strncmp(text, "The State party ", 16) != 0;
}

/* Returns true when line j of t opens numbered paragraph n of the range
 * that follows paragraph para. */
static bool
opens_para(const hri_doctext *t, size_t j, int para)
{
	const char *rest;
	int n;

	return j < t->n && hri_seg_numbered(t->lines[j].text, &n, &rest) &&
	       n > para && n <= para + 2 &&
	       (*rest == '\0' || isupper((unsigned char)*rest));
}

/* Returns true when the text before a subject line ends a sentence or a
 * block: the open segment's text ends with a stop, or line i follows a
 * blank line or a heading. */
static bool
after_block(const hri_seg *s, const hri_seg_line *ln)
{
	const hri_strbuf *b = &s->cur.text;
	size_t n = b->len;

	if (!s->cur.rec || n == 0)
		return true;
	if (ends_stop(b->s, n))
		return true;
	return ln->i > 0 && ln->i < ln->t->n &&
	       (ln->t->lines[ln->i - 1].style & HRI_LINE_BLANK);
}

/* Makes text (len bytes) the subject line in force. */
static hri_status
set_subject(hri_seg *s, const char *text, size_t len)
{
	hri_status st = hri_seg_close(s);

	end_subject(s->tb);
	snprintf(s->tb->subject, sizeof s->tb->subject, "%.*s", (int)len, text);
	s->tb->fresh = true;
	scan_articles(s->tb->subject_articles, s->tb->treaty, text, len);
	s->title_open = false;
	return st;
}

/* The words before a number that make "No. 35. The" no paragraph break. */
static bool
reference_word(const char *text, size_t end)
{
	static const char *const w[] = {"No.", "Nos.", "para.", "paras.",
	                                "art.", "arts.", "paragraph",
	                                "paragraphs", "article", "articles",
	                                "rule", "resolution", NULL};
	size_t b = end, i;

	while (b > 0 && text[b - 1] != ' ')
		b--;
	for (i = 0; w[i]; i++)
		if (strlen(w[i]) == end - b && strncmp(text + b, w[i], end - b) == 0)
			return true;
	return false;
}

/* Finds in text a paragraph number want run into the line ("... (art. 23).
 * 36. The State party"): returns the offset of its digits, or 0. After a
 * stop, or, when the line opens with no number, after a subject phrase
 * (*subject set). */
static size_t
inline_para(const char *text, int want, bool *subject)
{
	char num[16];
	size_t n = (size_t)snprintf(num, sizeof num, "%d. ", want), e;
	const char *p;

	*subject = false;
	/* "... in the country. 42." at the end of a wrapped line */
	e = strlen(text);
	if (e > n && text[e - n] == ' ' && strncmp(text + e - n + 1, num, n - 1) == 0 &&
	    e - n > 0 && strchr(".;:)\"", text[e - n - 1]) &&
	    !reference_word(text, e - n) && !abbreviation(text, e - n - 1))
		return e - n + 1;
	for (p = strstr(text + 1, num); p; p = strstr(p + 1, num)) {
		if (p[-1] != ' ' || !isupper((unsigned char)p[n]))
			continue;
		e = (size_t)(p - text) - 1;
		while (e > 0 && text[e - 1] == ' ')
			e--;
		if (e > 0 && strchr(".;:)\"", text[e - 1]) &&
		    !reference_word(text, e) &&
		    !(text[e - 1] == '.' && abbreviation(text, e - 1)))
			return (size_t)(p - text);
		if (subject_shape(text, e)) {
			*subject = true;
			return (size_t)(p - text);
		}
	}
	return 0;
}

/* Handles the part of ln from offset a to b (b > a) as a line of its own. */
static hri_status
part_line(hri_seg *s, const hri_seg_line *ln, size_t a, size_t b)
{
	hri_docline l = *ln->l;
	hri_seg_line part = *ln;
	hri_status st;

	l.text = malloc(b - a + 1);
	if (!l.text)
		return HRI_ERR_NOMEM;
	memcpy(l.text, ln->text + a, b - a);
	l.text[b - a] = '\0';
	l.len = b - a;
	part.text = l.text;
	part.l = &l;
	st = hri_seg_body_line(s, &part);
	free(l.text);
	return st;
}

/* Cuts a line that runs paragraphs together into its parts. */
static hri_status
split_line(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	const char *rest;
	size_t at, e;
	bool subject;
	int n, want = s->para + 1;
	hri_status st;

	*took = false;
	if (hri_seg_numbered(ln->text, &n, &rest) && n > s->para &&
	    n <= s->para + 3)
		want = n + 1;
	at = inline_para(ln->text, want, &subject);
	if (!at)
		return HRI_OK;
	*took = true;
	e = at;
	while (e > 0 && ln->text[e - 1] == ' ')
		e--;
	if (subject && s->tb->in_part)
		st = set_subject(s, ln->text, e);
	else
		st = part_line(s, ln, 0, e);
	if (st)
		return st;
	return part_line(s, ln, at, ln->l->len);
}

/* Returns true when the numbered paragraph open recommends, as far as its
 * text goes. */
static bool
para_recommends(const hri_seg *s)
{
	size_t split;

	if (s->cur.kind == K_RECOMMENDATION)
		return true;
	if (s->tb->family == TB_SP && s->tb->rec_section)
		return true;
	return s->cur.text.s &&
	       (rec_sentences(s->tb, s->cur.text.s, s->cur.text.len, &split) ||
	        split > 0);
}

/* A line of a special procedure's recommendations that names their
 * addressee ("To the Government:", "Recommendations to the international
 * community") before a paragraph or an item. */
static hri_status
sp_line(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	char who[ADDRESSEE_MAX], lab[8];
	const char *rest;
	hri_status st;
	size_t j;
	int n;

	*took = false;
	if (!s->tb->in_part || ln->l->len >= 100 ||
	    !(strncmp(ln->text, "To ", 3) == 0 ||
	      strncmp(ln->text, "Recommendations ", 16) == 0))
		return HRI_OK;
	j = next_line(s, ln->t, ln->i);
	if (j >= ln->t->n || !(hri_seg_numbered(ln->t->lines[j].text, &n, &rest) ||
	                       hri_seg_item_label(ln->t->lines[j].text, lab, &rest)))
		return HRI_OK;
	heading_addressee(ln->text, who);
	if (!who[0])
		return HRI_OK;
	n = (int)strlen(who);
	while (n > 0 && strchr(":. ", who[n - 1]))
		who[--n] = '\0';
	*took = true;
	st = hri_seg_close(s);
	/* it names the addressee of what follows, whatever the lead-in said */
	snprintf(s->tb->addressee, sizeof s->tb->addressee, "%s", who);
	s->tb->para_addressee[0] = '\0';
	return st;
}

hri_status
hri_seg_rule_tb_line(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	hri_seg_tb *tb = s->tb;
	const char *text = ln->text;
	size_t len = ln->l->len, j, k;
	char idsuf[64];
	hri_status st;

	*took = false;
	if (!tb)
		return HRI_OK;
	if (tb->family == TB_SP)
		return sp_line(s, ln, took);
	st = split_line(s, ln, took);
	if (st || *took)
		return st;
	/* "C. Principal subjects of concern and recommendations" where the
	 * letters before it were lost: the part begins all the same */
	if (!tb->in_part && isupper((unsigned char)text[0]) && text[1] == '.' &&
	    text[2] == ' ' && len < 120 && find_ci(text, len, "concern") > 0 &&
	    text[0] != (s->letter ? s->letter + 1 : 'A')) {
		char keep = s->letter;

		s->letter = (char)(text[0] - 1);
		st = hri_seg_rule_subsection(s, ln, took);
		if (!*took)
			s->letter = keep;
		return st;
	}
	if (!tb->in_part)
		return HRI_OK;
	/* the second line of a subject */
	if (tb->subject_next && ln->i == tb->subject_next) {
		size_t n = strlen(tb->subject);

		tb->subject_next = 0;
		snprintf(tb->subject + n, sizeof tb->subject - n, " %s", text);
		json_array_clear(tb->subject_articles);
		scan_articles(tb->subject_articles, tb->treaty, tb->subject,
		              strlen(tb->subject));
		*took = true;
		return HRI_OK;
	}
	if (subject_shape(text, len) && after_block(s, ln)) {
		j = next_line(s, ln->t, ln->i);
		if (opens_para(ln->t, j, s->para)) {
			*took = true;
			return set_subject(s, text, len);
		}
		k = j < ln->t->n ? next_line(s, ln->t, j) : ln->t->n;
		/* a subject wrapped onto a second line ("... and the right" /
		 * "to life") that runs on in small letters: a line of capital
		 * start would as well be a sentence's last ("Ensure that ...
		 * in cases of" when a converter moved its end away) */
		if (j < ln->t->n && ln->t->lines[j].len < SUBJECT_MAX &&
		    islower((unsigned char)ln->t->lines[j].text[0]) &&
		    !ends_stop(ln->t->lines[j].text, ln->t->lines[j].len) &&
		    opens_para(ln->t, k, s->para)) {
			*took = true;
			tb->subject_next = j;
			return set_subject(s, text, len);
		}
	}
	/* "The State party should ..." opening a line after the concern, or
	 * after the items, of the paragraph: a recommendation of its own */
	if (s->cur.rec && s->para > 0 && s->cur.para == s->para &&
	    (s->cur.kind == K_PARAGRAPH ||
	     (s->cur.kind == K_RECOMMENDATION &&
	      hri_json_str(s->cur.rec, "label"))) &&
	    opens_rec(tb, text) && after_block(s, ln) &&
	    !(s->cur.kind == K_PARAGRAPH && para_recommends(s))) {
		if (s->cur.kind == K_PARAGRAPH) {
			st = hri_seg_close(s);
			if (st)
				return st;
			if (tb->concern[0])
				tb->inline_rec = true;
		}
		tb->rec_n++;
		if (tb->rec_n > 1)
			snprintf(idsuf, sizeof idsuf, "%d.rec%d", s->para, tb->rec_n);
		else
			snprintf(idsuf, sizeof idsuf, "%d.rec", s->para);
		st = hri_seg_open(s, K_RECOMMENDATION, s->para, NULL, idsuf,
		                  ln->l->page);
		if (st)
			return st;
		*took = true;
		return hri_seg_append(s, &s->cur.text, text, s->para);
	}
	return HRI_OK;
}

hri_status
hri_seg_rule_tb_item(hri_seg *s, const hri_seg_line *ln, bool *took)
{
	hri_seg_tb *tb = s->tb;
	const char *rest;
	char lab[8];
	bool recs;
	hri_status st;

	*took = false;
	if (!tb || !hri_seg_item_label(ln->text, lab, &rest) || s->para <= 0 ||
	    !s->cur.rec || s->cur.kind == K_SUMMARY || s->cur.kind == K_FOOTNOTE)
		return HRI_OK;
	if (!tb->in_part) {
		/* outside recommendations an item stays in its paragraph */
		if (tb->family == TB_CO)
			return HRI_OK;
		*took = true;
		return hri_seg_append(s, &s->cur.text, ln->text, s->cur.para);
	}
	if (s->cur.kind == K_RECOMMENDATION || para_recommends(s)) {
		/* an item of a recommendation, whatever the heading says */
		recs = s->recs;
		s->recs = true;
		st = hri_seg_rule_lettered(s, ln, took);
		s->recs = recs;
		return st;
	}
	*took = true;
	return hri_seg_append(s, &s->cur.text, ln->text, s->cur.para);
}

/* ---- the end of the document ---- */

/* Appends to refs the paragraphs, and the items of each, that the text
 * after "paragraphs" names: "5, 10, 21 and 22", "15 (a) and (b), 24 (c)",
 * "20 (domestic violence), 24 (solitary confinement)". Each ref is
 * {para, labels: ["(a)", ...]}. */
static void
followup_refs(const char *p, json_t *refs)
{
	json_t *cur = NULL;
	const char *e;
	char lab[8];
	int depth;

	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!strncmp(p, "and ", 4)) {
			p += 4;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			char *ne;
			long n = strtol(p, &ne, 10);

			e = ne;
			if (e - p > 4)
				return;
			cur = json_pack("{s:I, s:[]}", "para", (json_int_t)n, "labels");
			if (!cur || json_array_append_new(refs, cur))
				return;
			p = e;
			continue;
		}
		if (*p != '(')
			return;
		e = p + 1;
		while (*e >= 'a' && *e <= 'z' && e - p < 6)
			e++;
		if (*e == ')' && e > p + 1 && cur) {
			snprintf(lab, sizeof lab, "%.*s", (int)(e - p + 1), p);
			json_array_append_new(json_object_get(cur, "labels"),
			                      json_string(lab));
			p = e + 1;
			continue;
		}
		/* "(domestic violence)": a name, skipped whole */
		for (depth = 0; *p; p++) {
			if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				break;
		}
		if (!*p)
			return;
		p++;
	}
}

/* Returns true when text is the follow-up paragraph: it asks for
 * information within a time or on follow-up, on recommendations it names
 * by paragraph. */
static bool
followup_para(const char *text, size_t len)
{
	long w = find_ci(text, len, "within ");

	return (find_ci(text, len, "paragraph") >= 0 ||
	        find_ci(text, len, "para. ") >= 0 ||
	        find_ci(text, len, "paras. ") >= 0) &&
	       ((w >= 0 && (find_ci(text + w, len - (size_t)w, "year") >= 0 ||
	                    find_ci(text + w, len - (size_t)w, "month") >= 0)) ||
	        find_ci(text, len, "follow-up to") >= 0 ||
	        find_ci(text, len, "on follow-up") >= 0);
}

/* Flags followup on the recommendations the follow-up paragraph names. */
static hri_status
mark_followup(hri_seg *s, const char *text, size_t len)
{
	json_t *refs = json_array(), *ref, *seg, *labels, *l;
	const char *p = text;
	size_t i, k, m;
	long at;
	bool hit;

	if (!refs)
		return HRI_ERR_NOMEM;
	while ((at = find_ci(p, len - (size_t)(p - text), "para")) >= 0) {
		const char *w = p + at;

		p += at + 4;
		if (!strncmp(p, "graph", 5))
			p += 5;
		else if (*p != '.' && *p != 's')
			continue;
		if (*p == 's')
			p++;
		if (*p == '.')
			p++;
		/* "rule 71, paragraph 5, of the rules of procedure" is no
		 * recommendation */
		if (find_ci(w - (w - text > 16 ? 16 : w - text),
		            (size_t)(w - text > 16 ? 16 : w - text), "rule ") >= 0 ||
		    find_ci(w - (w - text > 16 ? 16 : w - text),
		            (size_t)(w - text > 16 ? 16 : w - text), "article ") >= 0)
			continue;
		followup_refs(p, refs);
	}
	json_array_foreach(s->segs, i, seg) {
		const char *kind = hri_json_str(seg, "kind");
		const char *label = hri_json_str(seg, "label");
		json_int_t para = hri_json_int(seg, "para", 0);

		if (!kind || strcmp(kind, "recommendation") != 0)
			continue;
		json_array_foreach(refs, k, ref) {
			if (hri_json_int(ref, "para", -1) != para)
				continue;
			labels = json_object_get(ref, "labels");
			hit = json_array_size(labels) == 0;
			json_array_foreach(labels, m, l)
				if (label && !strncmp(label, json_string_value(l),
				                      json_string_length(l)))
					hit = true;
			if (hit)
				json_object_set_new(seg, "followup", json_true());
		}
	}
	json_decref(refs);
	return HRI_OK;
}

hri_status
hri_seg_tb_finish(hri_seg *s)
{
	json_t *seg;
	const char *text, *kind;
	char date[11];
	size_t i, len;
	long at;
	hri_status st;

	if (!s->tb || s->tb->family != TB_CO)
		return HRI_OK;
	/* from the end: the follow-up and the next report close the
	 * document */
	for (i = json_array_size(s->segs); i > 0; i--) {
		seg = json_array_get(s->segs, i - 1);
		text = hri_json_str(seg, "text");
		kind = hri_json_str(seg, "kind");
		if (!text || !kind || strcmp(kind, "recommendation") != 0 ||
		    hri_json_int(seg, "para", 0) <= 0)
			continue;
		len = strlen(text);
		if (followup_para(text, len)) {
			st = mark_followup(s, text, len);
			if (st)
				return st;
		}
		/* "submit its next periodic report by 15 July 2022" */
		at = find_ci(text, len, "periodic report");
		if (at >= 0 && !json_object_get(s->mast, "next_report") &&
		    (find_ci(text, len, "next") >= 0 ||
		     find_ci(text, len, "submit") >= 0) &&
		    hri_segment_date(text + at, date) == 0)
			json_object_set_new(s->mast, "next_report", json_string(date));
	}
	return HRI_OK;
}

/* ---- the doc record ---- */

void
hri_segment_doc_mechanism(json_t *d, const json_t *mast, const char *sym)
{
	const char *mech = hri_json_str(mast, "mechanism");
	const char *doctype = hri_json_str(d, "doctype");
	hri_symbol_info info;

	if (hri_symbol_parse(sym, &info) != HRI_OK)
		memset(&info, 0, sizeof info);
	/* a UPR Working Group report by its doctype, or by its title when
	 * the masthead did not give the doctype */
	if ((doctype && strncmp(doctype, "upr-", 4) == 0) ||
	    (hri_json_str(d, "title") &&
	     find_ci(hri_json_str(d, "title"), strlen(hri_json_str(d, "title")),
	             "Working Group on the Universal Periodic Review") >= 0))
		mech = "upr";
	else if (!mech)
		mech = info.mechanism;
	json_object_set_new(d, "mechanism", mech ? json_string(mech) : json_null());
	if (hri_json_str(mast, "mandate"))
		json_object_set(d, "body", json_object_get(mast, "mandate"));
	if (hri_json_str(mast, "review_of"))
		json_object_set(d, "state_under_review",
		                json_object_get(mast, "review_of"));
	if (hri_json_str(mast, "next_report"))
		json_object_set(d, "next_report", json_object_get(mast, "next_report"));
}
