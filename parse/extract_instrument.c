/* extract_instrument.c - the resolutions, decisions, recommendations and
 * general comments a text names, with the body that issued each.
 *
 * Who issued an instrument, in this order:
 *  1. the body written before it: "General Assembly resolution 60/251",
 *     "Council resolutions 19/33 and 23/3" ("Council" is the Human Rights
 *     Council unless the document is the Security Council's or ECOSOC's,
 *     "Assembly" the General Assembly, "Commission" the Commission on Human
 *     Rights, "Committee" the Advisory Committee in its own documents);
 *  2. for "its resolution", the body last named earlier in the sentence
 *     ("the Council, in its resolution 16/21"), else the first named just
 *     after ("In its resolution 72/171, the General Assembly");
 *  3. else the shape of the number: "1325 (2000)" is the Security Council's,
 *     "2005/69" (a year) the Commission on Human Rights', a session of 61 or
 *     more, or a resolution number above 150 (a decision number above 200),
 *     the General Assembly's, since the Human Rights Council had held fewer
 *     sessions and adopts fewer texts a session; "recommendation 5/4" is
 *     the Advisory Committee's (no other body numbers its recommendations
 *     so);
 *  4. else the document's own body, the Advisory Committee's documents
 *     naming the Human Rights Council's resolutions and decisions.
 * A general comment's issuer is the treaty body (or its treaty) named
 * nearest to it in the text; it is null when the text names none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

#define HRC "Human Rights Council"
#define AC "Human Rights Council Advisory Committee"
#define GA "General Assembly"
#define SC "Security Council"
#define ECOSOC "Economic and Social Council"
#define CHR "Commission on Human Rights"
#define SUBC "Sub-Commission on the Promotion and Protection of Human Rights"

#define BODY "(?:Human Rights Council Advisory Committee|Human Rights Council" \
	"|General Assembly|Security Council|Economic and Social Council" \
	"|Commission on Human Rights|Sub-Commission(?: on the Promotion and" \
	" Protection of Human Rights)?|Advisory Committee|Council|Assembly" \
	"|Commission|Committee)"
#define NUM "(?:(?:S-)?[0-9]{1,4}/[0-9]{1,4}[A-Z]?(?![0-9/])" \
	"(?:\\s\\((?:19|20)[0-9]{2}\\))?|[0-9]{3,4}\\s\\((?:19|20)[0-9]{2}\\))"
#define SEP "(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*)"
#define GNUM "[0-9]{1,3}(?:\\s*\\((?:19|20)[0-9]{2}\\))?"

/* The keyword first: a pattern starting with an optional body name would
 * try every capital letter of the text. What precedes the keyword (the
 * body, "its") is read afterwards with prefix_pattern. */
static const char instrument_pattern[] =
	"\\b(?<kind>[Rr]esolutions?|[Dd]ecisions?|[Rr]ecommendations?)\\s+"
	"(?<nums>" NUM "(?:" SEP NUM ")*)"
	"|\\b(?<gc>[Gg]eneral\\s+(?:[Cc]omments?|[Rr]ecommendations?))\\s+"
	"(?:Nos?\\.\\s*|numbers?\\s+)?"
	"(?<gnums>" GNUM "(?:" SEP "(?:No\\.\\s*)?" GNUM ")*)";

static const char body_pattern[] = "\\b" BODY "\\b";
/* Matched on the text just before a keyword, ending where it starts. */
static const char prefix_pattern[] =
	"(?:\\b(?<body>" BODY ")(?:['\\x{2019}]s)?\\s+)?"
	"(?<its>\\b(?:its|their)\\s+)?$";
#define PREFIX_WINDOW 120 /* bytes before a keyword read for its body */
static const char num_pattern[] = NUM;
static const char gnum_pattern[] = "\\b[0-9]{1,3}\\b(?!\\))";

/* Treaty bodies and their treaties, as a general comment's issuer. */
static const struct committee {
	const char *names;     /* pattern alternatives */
	const char *canonical; /* the committee */
} committees[] = {
	{"Committee on Economic, Social and Cultural Rights|CESCR"
	 "|International Covenant on Economic, Social and Cultural Rights"
	 "|Covenant on Economic, Social and Cultural Rights",
	 "Committee on Economic, Social and Cultural Rights"},
	{"Human Rights Committee|International Covenant on Civil and Political"
	 " Rights|ICCPR", "Human Rights Committee"},
	{"Committee on the Elimination of Racial Discrimination|CERD|ICERD"
	 "|Elimination of All Forms of Racial Discrimination",
	 "Committee on the Elimination of Racial Discrimination"},
	{"Committee on the Elimination of Discrimination against Women|CEDAW"
	 "|Elimination of All Forms of Discrimination against Women",
	 "Committee on the Elimination of Discrimination against Women"},
	{"Committee against Torture|Convention against Torture",
	 "Committee against Torture"},
	{"Committee on the Rights of the Child|Convention on the Rights of the"
	 " Child|CRC", "Committee on the Rights of the Child"},
	{"Committee on Migrant Workers|Committee on the Protection of the Rights"
	 " of All Migrant Workers|CMW|Migrant Workers",
	 "Committee on Migrant Workers"},
	{"Committee on the Rights of Persons with Disabilities|CRPD|Convention"
	 " on the Rights of Persons with Disabilities",
	 "Committee on the Rights of Persons with Disabilities"},
	{"Committee on Enforced Disappearances|Enforced Disappearance",
	 "Committee on Enforced Disappearances"},
};
#define NCOMMITTEES (sizeof committees / sizeof committees[0])

struct hri_instrument_rules {
	pcre2_code *re, *prefix, *body, *num, *gnum, *committee;
	int g_body, g_its, g_kind, g_nums, g_gc, g_gnums;
};

hri_status
hri_instrument_rules_new(hri_instrument_rules **out, char *err, size_t errsz)
{
	hri_status st;
	char pat[4096];
	size_t o = 0;
	*out = NULL;
	hri_instrument_rules *r = calloc(1, sizeof *r);
	if (!r)
		return HRI_ERR_NOMEM;
	st = hri_x_compile(instrument_pattern, 0, &r->re, err, errsz);
	if (!st)
		st = hri_x_compile(prefix_pattern, 0, &r->prefix, err, errsz);
	if (!st)
		st = hri_x_compile(body_pattern, 0, &r->body, err, errsz);
	if (!st)
		st = hri_x_compile(num_pattern, 0, &r->num, err, errsz);
	if (!st)
		st = hri_x_compile(gnum_pattern, 0, &r->gnum, err, errsz);
	if (st)
		goto out;
	/* One pattern for all committees; the (*MARK) names the entry. */
	o += (size_t)snprintf(pat + o, sizeof pat - o, "\\b(?:");
	for (size_t i = 0; i < NCOMMITTEES && o < sizeof pat; i++)
		o += (size_t)snprintf(pat + o, sizeof pat - o, "%s(?:%s)(*:%zu)",
		                      i ? "|" : "", committees[i].names, i);
	if (o + 4 >= sizeof pat) {
		st = HRI_ERR_INTERNAL;
		goto out;
	}
	snprintf(pat + o, sizeof pat - o, ")\\b");
	st = hri_x_compile(pat, 0, &r->committee, err, errsz);
	if (st)
		goto out;
#define GROUP(g) pcre2_substring_number_from_name(r->re, (PCRE2_SPTR)g)
	r->g_kind = GROUP("kind");
	r->g_nums = GROUP("nums");
	r->g_gc = GROUP("gc");
	r->g_gnums = GROUP("gnums");
#undef GROUP
	r->g_body = pcre2_substring_number_from_name(r->prefix,
	                                             (PCRE2_SPTR) "body");
	r->g_its = pcre2_substring_number_from_name(r->prefix,
	                                            (PCRE2_SPTR) "its");
	*out = r;
	r = NULL;
out:
	hri_instrument_rules_free(r);
	return st;
}

void
hri_instrument_rules_free(hri_instrument_rules *r)
{
	if (!r)
		return;
	pcre2_code_free(r->re);
	pcre2_code_free(r->prefix);
	pcre2_code_free(r->body);
	pcre2_code_free(r->num);
	pcre2_code_free(r->gnum);
	pcre2_code_free(r->committee);
	free(r);
}

/* Returns nonzero when the len bytes at s start with the string p. */
static int
starts(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && !memcmp(s, p, n);
}

/* Returns the canonical issuer for the body as written (s, len) in a
 * document of doc_body, or NULL for a bare "Committee" outside the Advisory
 * Committee's documents. */
static const char *
body_canonical(const char *s, size_t len, const char *doc_body)
{
	if (starts(s, len, "Human Rights Council Advisory") ||
	    starts(s, len, "Advisory Committee"))
		return AC;
	if (starts(s, len, "Human Rights Council"))
		return HRC;
	if (starts(s, len, "General Assembly") || starts(s, len, "Assembly"))
		return GA;
	if (starts(s, len, "Security Council"))
		return SC;
	if (starts(s, len, "Economic and Social"))
		return ECOSOC;
	if (starts(s, len, "Sub-Commission"))
		return SUBC;
	if (starts(s, len, "Commission"))
		return CHR;
	if (starts(s, len, "Council")) {
		/* "Council resolution 1625 (2005)": see the number's shape. */
		if (doc_body && (!strcmp(doc_body, SC) || !strcmp(doc_body, ECOSOC)))
			return doc_body;
		return HRC;
	}
	if (starts(s, len, "Committee") && doc_body && strstr(doc_body, "Advisory"))
		return AC;
	return NULL;
}

/* Finds the body "its" refers to around [start, end) of text: the last named
 * earlier in the sentence, else the first named within 160 bytes after. */
static const char *
its_body(const hri_instrument_rules *r, hri_x_match *m, const char *text,
         size_t len, size_t start, size_t end, const char *doc_body)
{
	size_t from = start;
	while (from > 0 && !(text[from - 1] == ' ' && from >= 2 &&
	                     (text[from - 2] == '.' || text[from - 2] == ';')))
		from--;
	const char *found = NULL;
	size_t pos = from;
	while (pos < start) {
		int rc = pcre2_match(r->body, (PCRE2_SPTR)text, start, pos,
		                     PCRE2_NO_UTF_CHECK, m->md, m->mc);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		const char *b = body_canonical(text + ov[0], ov[1] - ov[0], doc_body);
		if (b)
			found = b;
		pos = ov[1];
	}
	if (found)
		return found;
	size_t lim = end + 160 < len ? end + 160 : len;
	int rc = pcre2_match(r->body, (PCRE2_SPTR)text, lim, end,
	                     PCRE2_NO_UTF_CHECK, m->md, m->mc);
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		return body_canonical(text + ov[0], ov[1] - ov[0], doc_body);
	}
	return NULL;
}

/* Returns the issuer of an instrument of kind k ('r', 'd', 'c') numbered
 * (num, nlen) when the text names none (rules 3 and 4 above). */
static const char *
default_issuer(char k, const char *num, size_t nlen, const char *doc_body)
{
	if (memchr(num, '(', nlen) && !memchr(num, '/', nlen))
		return SC;
	if (k == 'c')
		return AC;
	if (num[0] == 'S' && num[1] == '-')
		return HRC;
	long first = strtol(num, NULL, 10);
	const char *slash = memchr(num, '/', nlen);
	long second = slash ? strtol(slash + 1, NULL, 10) : 0;
	if (first >= 1946)
		return CHR;
	if (first >= 61 || (k == 'r' && second > 150) ||
	    (k == 'd' && second > 200))
		return GA;
	if (!doc_body || strstr(doc_body, "Advisory"))
		return HRC;
	return doc_body;
}

/* Appends {kind, issuer, number} to out unless the same triple is there. */
static hri_status
instrument_push(json_t *out, const char *kind, const char *issuer,
                const char *num, size_t nlen)
{
	char number[64];
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < nlen && o + 2 < sizeof number; i++) {
		if (num[i] == ' ' || num[i] == '\t' || num[i] == '\n') {
			space = 1;
			continue;
		}
		if (space && o)
			number[o++] = ' ';
		space = 0;
		number[o++] = num[i];
	}
	number[o] = '\0';
	size_t i;
	json_t *v;
	json_array_foreach(out, i, v) {
		const char *k = json_string_value(json_object_get(v, "kind"));
		const char *is = json_string_value(json_object_get(v, "issuer"));
		const char *n = json_string_value(json_object_get(v, "number"));
		if (k && n && !strcmp(k, kind) && !strcmp(n, number) &&
		    ((!is && !issuer) || (is && issuer && !strcmp(is, issuer))))
			return HRI_OK;
	}
	json_t *o2 = json_pack("{s:s, s:o, s:s}", "kind", kind, "issuer",
	                       issuer ? json_string(issuer) : json_null(),
	                       "number", number);
	if (!o2 || json_array_append_new(out, o2))
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

/* Returns the committee named nearest to [start, end) within the sentence
 * around it (300 bytes either side), or NULL. */
static const char *
nearest_committee(const hri_instrument_rules *r, hri_x_match *m,
                  const char *text, size_t len, size_t start, size_t end)
{
	size_t from = start > 300 ? start - 300 : 0;
	size_t to = end + 300 < len ? end + 300 : len;
	/* Start on a character boundary. */
	while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
		from--;
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	size_t pos = from;
	while (pos < to) {
		int rc = pcre2_match(r->committee, (PCRE2_SPTR)text, to, pos,
		                     PCRE2_NO_UTF_CHECK, m->md, m->mc);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		PCRE2_SPTR mark = pcre2_get_mark(m->md);
		size_t d = ov[1] <= start ? start - ov[1] :
		           ov[0] >= end ? ov[0] - end : 0;
		if (mark && d < bestd) {
			bestd = d;
			best = committees[strtoul((const char *)mark, NULL, 10)].canonical;
		}
		pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return best;
}

hri_status
hri_instrument_scan(const hri_instrument_rules *r, hri_x_match *m,
                    const char *text, size_t len, const char *doc_body,
                    json_t *out)
{
	size_t pos = 0, mstart, mend;
	hri_status st = HRI_OK;
	for (;;) {
		st = hri_x_next(r->re, m, text, len, &pos, &mstart, &mend);
		if (st)
			break;
		PCRE2_SIZE *ov;
		int rc;
		const char *s, *nums;
		size_t sl, nl;
		if (hri_x_group(m->md, text, r->g_gc, &s, &sl)) {
			hri_x_group(m->md, text, r->g_gnums, &nums, &nl);
			size_t nstart = (size_t)(nums - text);
			const char *issuer = nearest_committee(r, m, text, len, mstart,
			                                       mend);
			size_t p = nstart;
			while (p < nstart + nl) {
				rc = pcre2_match(r->gnum, (PCRE2_SPTR)text, nstart + nl, p,
				                 PCRE2_NO_UTF_CHECK, m->md, m->mc);
				if (rc < 0)
					break;
				ov = pcre2_get_ovector_pointer(m->md);
				st = instrument_push(out, "general comment", issuer,
				                     text + ov[0], ov[1] - ov[0]);
				if (st)
					return st;
				p = ov[1];
			}
			continue;
		}
		if (!hri_x_group(m->md, text, r->g_kind, &s, &sl) ||
		    !hri_x_group(m->md, text, r->g_nums, &nums, &nl))
			continue;
		char k = (char)(s[0] | 0x20); /* 'r'esolution, 'd'ecision */
		if (k == 'r' && (s[2] == 'c' || s[2] == 'C'))
			k = 'c'; /* re'c'ommendation */
		const char *kind = k == 'r' ? "resolution" :
		                   k == 'd' ? "decision" : "recommendation";
		const char *issuer = NULL;
		const char *b;
		size_t bl = 0;
		size_t nstart = (size_t)(nums - text);
		size_t nlen = nl;
		/* What stands before the keyword: "General Assembly", "its". */
		size_t from = mstart > PREFIX_WINDOW ? mstart - PREFIX_WINDOW : 0;
		while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
			from--;
		int its = 0;
		rc = pcre2_match(r->prefix, (PCRE2_SPTR)text, mstart, from,
		                 PCRE2_NO_UTF_CHECK, m->md, m->mc);
		if (rc >= 0) {
			ov = pcre2_get_ovector_pointer(m->md);
			if (ov[0] < mstart)
				mstart = ov[0];
			if (hri_x_group(m->md, text, r->g_body, &b, &bl))
				issuer = body_canonical(b, bl, doc_body);
			its = hri_x_group(m->md, text, r->g_its, &s, &sl);
		}
		/* Only the Security Council numbers its resolutions "1325 (2000)";
		 * a bare "Council" before one is that Council. */
		if (issuer && !strcmp(issuer, HRC) && bl == 7 &&
		    memchr(nums, '(', nlen) && !memchr(nums, '/', nlen))
			issuer = SC;
		if (!issuer && its)
			issuer = its_body(r, m, text, len, mstart, mend, doc_body);
		size_t p = nstart;
		while (p < nstart + nl) {
			rc = pcre2_match(r->num, (PCRE2_SPTR)text, nstart + nl, p,
			                 PCRE2_NO_UTF_CHECK, m->md, m->mc);
			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(m->md);
			const char *n = text + ov[0];
			size_t nn = ov[1] - ov[0];
			const char *is = issuer ? issuer :
			                 default_issuer(k, n, nn, doc_body);
			st = instrument_push(out, kind, is, n, nn);
			if (st)
				return st;
			p = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
	return st == HRI_ERR_NOT_FOUND ? HRI_OK : st;
}
