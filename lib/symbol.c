/* symbol.c - the grammar of United Nations document symbols.
 *
 * A symbol is a list of elements separated by "/":
 *
 *   symbol  = organ 1*("/" element) [" (" year ")"]
 *   organ   = a one-element series of series[] below: A, E, S, CCPR, ...
 *   element = run *(("." / "-") run)     ; 26, WG.6, Add.1, S-27, 5-8
 *   run     = 1*(ALPHA / DIGIT)
 *   year    = 4DIGIT                     ; only in S/RES/<n> (<year>)
 *
 * with at least one digit after the organ (a symbol numbers a document:
 * "A/HRC" alone is not one), at most MAX_ELEMS elements of at most MAX_ELEM
 * bytes, fewer than HRI_SYMBOL_MAX bytes in all, and nothing after the
 * number of a numbered word (Add.1, Corr.1, Rev.1, L.14, CRP.3). The
 * normal form is uppercase but for the words of sfx_words[] (Add.1, Corr.1,
 * Rev.1), with no spaces but the one before the year.
 *
 * An element shaped like a range ("1-80", "L.1-L.40", "Add.1-3") belongs to
 * a symbol only in a treaty-body series, where it numbers combined periodic
 * reports (CEDAW/C/BRB/CO/5-8). Elsewhere it is a range for
 * hri_symbol_expand() and never a valid symbol, so that "A/HRC/58/1-80" is
 * not fetched as one document.
 */
#include "symbol.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_ELEMS 16                  /* elements a symbol */
#define MAX_ELEM 32                   /* bytes an element, excluding NUL */
#define RAW_MAX (4 * HRI_SYMBOL_MAX)  /* bytes of raw input looked at */
#define RANGE_MAX 10000               /* symbols a range expands to */

/* Series flags. */
enum {
	SER_SESSION = 1, /* the element after the series is a session number */
	SER_TREATY = 2,  /* a treaty body: "5-8" is a combined report */
	SER_GR = 4       /* its GC documents are "general recommendations" */
};

/* The series hri knows, by their leading elements; the longest match wins.
 * The one-element entries are the organs a symbol may begin with. */
static const struct series {
	const char *prefix; /* normal form, elements separated by "/" */
	const char *body;   /* canonical name of the issuing body */
	int flags;          /* SER_* */
	const char *treaty; /* a treaty body's treaty, as article references
	                       name it ("ICCPR 9"); NULL elsewhere */
} series[] = {
	{"A", "General Assembly", SER_SESSION, NULL},
	{"A/HRC", "Human Rights Council", SER_SESSION, NULL},
	/* Its session numbers are the Working Group's own, not the Council's:
	 * hence a body of its own. */
	{"A/HRC/WG.6", "Working Group on the Universal Periodic Review",
	 SER_SESSION, NULL},
	{"A/HRC/AC", "Human Rights Council Advisory Committee", SER_SESSION, NULL},
	{"S", "Security Council", 0, NULL},
	{"E", "Economic and Social Council", 0, NULL},
	{"E/CN.4", "Commission on Human Rights", 0, NULL},
	{"E/CN.4/Sub.2",
	 "Sub-Commission on the Promotion and Protection of Human Rights", 0, NULL},
	{"E/CN.6", "Commission on the Status of Women", 0, NULL},
	{"E/C.12", "Committee on Economic, Social and Cultural Rights",
	 SER_TREATY, "ICESCR"},
	{"ST", "Secretariat", 0, NULL},
	{"ST/SGB", "Secretariat", 0, NULL},
	{"ST/AI", "Secretariat", 0, NULL},
	{"T", "Trusteeship Council", 0, NULL},
	{"CCPR", "Human Rights Committee", SER_TREATY, "ICCPR"},
	{"CCPR/C", "Human Rights Committee", SER_TREATY, "ICCPR"},
	{"CRC", "Committee on the Rights of the Child", SER_TREATY, "CRC"},
	{"CRC/C", "Committee on the Rights of the Child", SER_TREATY, "CRC"},
	{"CEDAW", "Committee on the Elimination of Discrimination against Women",
	 SER_TREATY | SER_GR, "CEDAW"},
	{"CEDAW/C",
	 "Committee on the Elimination of Discrimination against Women",
	 SER_TREATY | SER_GR, "CEDAW"},
	{"CERD", "Committee on the Elimination of Racial Discrimination",
	 SER_TREATY | SER_GR, "ICERD"},
	{"CERD/C", "Committee on the Elimination of Racial Discrimination",
	 SER_TREATY | SER_GR, "ICERD"},
	{"CAT", "Committee against Torture", SER_TREATY, "CAT"},
	{"CAT/C", "Committee against Torture", SER_TREATY, "CAT"},
	{"CAT/OP", "Subcommittee on Prevention of Torture", SER_TREATY, "OPCAT"},
	{"SPT", "Subcommittee on Prevention of Torture", SER_TREATY, "OPCAT"},
	{"CMW", "Committee on Migrant Workers", SER_TREATY, "ICRMW"},
	{"CMW/C", "Committee on Migrant Workers", SER_TREATY, "ICRMW"},
	{"CRPD", "Committee on the Rights of Persons with Disabilities",
	 SER_TREATY, "CRPD"},
	{"CRPD/C", "Committee on the Rights of Persons with Disabilities",
	 SER_TREATY, "CRPD"},
	{"CED", "Committee on Enforced Disappearances", SER_TREATY, "ICPPED"},
	{"CED/C", "Committee on Enforced Disappearances", SER_TREATY, "ICPPED"},
	/* Documents common to the treaty bodies (HRI/GEN/1/Rev.9, core
	 * documents HRI/CORE/SVN/2014). */
	{"HRI", "Human rights treaty bodies", 0, NULL},
	{"TD", "United Nations Conference on Trade and Development", 0, NULL},
	{"UNEP", "United Nations Environment Programme", 0, NULL},
	{"DP", "Executive Board of UNDP, UNFPA and UNOPS", 0, NULL},
};

/* Words written in mixed case before a "." in the normal form. */
static const char *const sfx_words[] = {
	"Add", "Corr", "Rev", "Amend", "Sub",
};

/* A symbol cut into its elements. */
struct parts {
	char el[MAX_ELEMS][MAX_ELEM + 1]; /* normal form, NUL-terminated */
	int n;                            /* elements in el */
	int year;                         /* the "(2000)" of S/RES, else 0 */
};

/* True for the ASCII bytes trimmed from either end of the input. */
static bool
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* ASCII classes, whatever the locale says. */
static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_alnum(unsigned char c)
{
	return is_digit(c) || is_alpha(c);
}

/* ASCII uppercase of c. */
static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* True when s is 1 to maxd digits. */
static bool
all_digits(const char *s, size_t maxd)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!is_digit((unsigned char)s[i]) || i >= maxd)
			return false;
	return i > 0;
}

/* Value of the decimal digits s[0..n); the caller caps n at 9. */
static long
num(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* True when s begins with word, then ".": "Add.1" for "Add". */
static bool
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	return strncmp(s, word, n) == 0 && s[n] == '.';
}

/* Maps the input to ASCII in tmp (RAW_MAX + 1 bytes): unicode dashes become
 * "-", no-break spaces " "; returns the length, or -1 on a control byte or
 * any other non-ASCII character. */
static long
to_ascii(const unsigned char *in, size_t len, char *tmp)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = in[i];

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return -1;
			tmp[n++] = (char)c;
		} else if (c == 0xc2 && i + 1 < len && in[i + 1] == 0xa0) {
			tmp[n++] = ' ';
			i += 1;
		} else if (c == 0xe2 && i + 2 < len && in[i + 1] == 0x80 &&
		           in[i + 2] >= 0x90 && in[i + 2] <= 0x95) {
			tmp[n++] = '-'; /* U+2010..U+2015 */
			i += 2;
		} else if (c == 0xe2 && i + 2 < len && in[i + 1] == 0x88 &&
		           in[i + 2] == 0x92) {
			tmp[n++] = '-'; /* U+2212 minus */
			i += 2;
		} else {
			return -1;
		}
	}
	tmp[n] = '\0';
	return (long)n;
}

/* Writes element p[0..n) in normal form into out (MAX_ELEM + 1 bytes);
 * returns false when it breaks the element grammar. Case is restored part by
 * part between hyphens, so that "add.1-add.3" gives "Add.1-Add.3". */
static bool
put_element(const char *p, size_t n, char *out)
{
	size_t i, j, k;

	if (n == 0 || n > MAX_ELEM)
		return false;
	if (!is_alnum((unsigned char)p[0]) || !is_alnum((unsigned char)p[n - 1]))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (!is_alnum(c) && c != '.' && c != '-')
			return false;
		if (!is_alnum(c) && !is_alnum((unsigned char)p[i + 1]))
			return false; /* "..", ".-", "--" */
		out[i] = upper((char)c);
	}
	out[n] = '\0';
	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && out[j] != '-'; j++)
			;
		for (k = 0; k < sizeof sfx_words / sizeof *sfx_words; k++) {
			size_t w = strlen(sfx_words[k]);

			if (j - i > w && out[i + w] == '.' &&
			    strncasecmp(out + i, sfx_words[k], w) == 0)
				memcpy(out + i, sfx_words[k], w);
		}
	}
	return true;
}

/* Cuts the raw input into *p, in normal case; returns HRI_ERR_INVALID when
 * it is not a list of well-formed elements. */
static hri_status
to_parts(const char *in, size_t len, struct parts *p)
{
	char tmp[RAW_MAX + 1];
	long got;
	size_t n, i, start, a, b;

	memset(p, 0, sizeof *p);
	if (!in || len == 0 || len > RAW_MAX)
		return HRI_ERR_INVALID;
	while (len > 0 && is_ws((unsigned char)in[0])) {
		in++;
		len--;
	}
	while (len > 0 && is_ws((unsigned char)in[len - 1]))
		len--;
	got = to_ascii((const unsigned char *)in, len, tmp);
	if (got <= 0)
		return HRI_ERR_INVALID;
	n = (size_t)got;
	/* A reissue mark: "A/HRC/26/41*". */
	while (n > 0 && (tmp[n - 1] == '*' || tmp[n - 1] == ' '))
		n--;
	if (n >= 6 && tmp[n - 1] == ')' && tmp[n - 6] == '(') {
		for (i = n - 5; i < n - 1; i++)
			if (!is_digit((unsigned char)tmp[i]))
				return HRI_ERR_INVALID;
		p->year = (int)num(tmp + n - 5, 4);
		if (p->year < 1945 || p->year > 2999)
			return HRI_ERR_INVALID;
		n -= 6;
		while (n > 0 && tmp[n - 1] == ' ')
			n--;
	}
	if (n == 0)
		return HRI_ERR_INVALID;
	for (start = 0;; start = i + 1) {
		for (i = start; i < n && tmp[i] != '/'; i++)
			;
		if (p->n == MAX_ELEMS)
			return HRI_ERR_INVALID;
		/* Spaces around "/" fold away; inside an element they fail. */
		for (a = start; a < i && tmp[a] == ' '; a++)
			;
		for (b = i; b > a && tmp[b - 1] == ' '; b--)
			;
		if (!put_element(tmp + a, b - a, p->el[p->n]))
			return HRI_ERR_INVALID;
		p->n++;
		if (i == n)
			break;
	}
	return HRI_OK;
}

/* Number of leading elements of p that spell prefix, or 0. */
static int
prefix_match(const struct parts *p, const char *prefix)
{
	const char *s = prefix;
	int k = 0;

	while (*s) {
		size_t n = strcspn(s, "/");

		if (k == p->n || strlen(p->el[k]) != n ||
		    strncmp(p->el[k], s, n) != 0)
			return 0;
		k++;
		s += n;
		if (*s == '/')
			s++;
	}
	return k;
}

/* The longest series p begins with, or NULL; its length goes to *len. */
static const struct series *
find_series(const struct parts *p, int *len)
{
	const struct series *best = NULL;
	size_t i;
	int k;

	*len = 0;
	for (i = 0; i < sizeof series / sizeof *series; i++) {
		k = prefix_match(p, series[i].prefix);
		if (k > *len) {
			*len = k;
			best = &series[i];
		}
	}
	return best;
}

/* Reads a range-shaped element: "1-80", "L.1-L.40", "L.1-40", "Add.1-3".
 * Returns 0 when el is not range-shaped (26, S-27, Add.1), 1 with the word
 * before the "." in word (MAX_ELEM + 1 bytes, "" for none) and the bounds
 * in *lo and *hi, and -1 when it is shaped like a range but malformed
 * ("L.1-Add.3", bounds over 9 digits). */
static int
range_shape(const char *el, char *word, long *lo, long *hi)
{
	const char *s = el, *d1, *d2;
	size_t w = 0, n1, n2;

	while (is_alpha((unsigned char)s[w]))
		w++;
	if (w > 0) {
		if (s[w] != '.')
			return 0;
		s += w + 1;
	}
	d1 = s;
	while (is_digit((unsigned char)*s))
		s++;
	n1 = (size_t)(s - d1);
	if (n1 == 0 || *s != '-')
		return 0;
	s++;
	if (w > 0 && is_alpha((unsigned char)*s)) {
		if (strncmp(s, el, w) != 0 || s[w] != '.')
			return -1;
		s += w + 1;
	}
	d2 = s;
	while (is_digit((unsigned char)*s))
		s++;
	n2 = (size_t)(s - d2);
	if (n2 == 0 || *s != '\0')
		return w > 0 || n2 > 0 ? -1 : 0;
	if (n1 > 9 || n2 > 9)
		return -1;
	memcpy(word, el, w);
	word[w] = '\0';
	*lo = num(d1, n1);
	*hi = num(d2, n2);
	return 1;
}

/* Words whose "." is followed by a number and nothing else. */
static const char *const num_words[] = {
	"Add", "Corr", "Rev", "Amend", "Sub", "L", "CRP",
};

/* True unless el is a numbered word with more after its number
 * ("Add.53FOLLOW-UP": a symbol glued to the next word of a text). A range
 * ("L.1-40") passes, for the range rules to judge. */
static bool
number_ok(const char *el)
{
	char word[MAX_ELEM + 1];
	long lo, hi;
	size_t i, w;

	for (i = 0; i < sizeof num_words / sizeof *num_words; i++) {
		if (!has_word(el, num_words[i]))
			continue;
		w = strlen(num_words[i]) + 1;
		return all_digits(el + w, MAX_ELEM) ||
		       range_shape(el, word, &lo, &hi) != 0;
	}
	return true;
}

/* Checks what the element grammar alone cannot: the organ, a digit, the
 * year's place, ranges (allowed only when allow_range) and the length;
 * returns HRI_ERR_INVALID when p is not a symbol. */
static hri_status
check_parts(const struct parts *p, bool allow_range)
{
	const struct series *ser;
	char word[MAX_ELEM + 1];
	long lo, hi;
	size_t total = 0;
	bool digit = false;
	int k, len, r;

	if (p->n < 2)
		return HRI_ERR_INVALID;
	ser = find_series(p, &len);
	if (!ser || len >= p->n)
		return HRI_ERR_INVALID; /* not an organ, or a bare series */
	for (k = 0; k < p->n; k++) {
		if (k > 0 && strpbrk(p->el[k], "0123456789"))
			digit = true;
		total += strlen(p->el[k]) + 1;
		if (!number_ok(p->el[k]))
			return HRI_ERR_INVALID;
		if (ser->flags & SER_TREATY)
			continue;
		r = range_shape(p->el[k], word, &lo, &hi);
		if (r < 0 || (r > 0 && !allow_range))
			return HRI_ERR_INVALID;
	}
	if (!digit)
		return HRI_ERR_INVALID;
	if (p->year && !(p->n == 3 && strcmp(p->el[0], "S") == 0 &&
	                 strcmp(p->el[1], "RES") == 0 &&
	                 all_digits(p->el[2], 5)))
		return HRI_ERR_INVALID;
	if (p->year)
		total += 7; /* " (2000)" */
	if (total - 1 >= HRI_SYMBOL_MAX) /* total counts a "/" too many */
		return HRI_ERR_INVALID;
	return HRI_OK;
}

/* Writes p in normal form into out; HRI_ERR_TOO_BIG when it does not fit. */
static hri_status
join(const struct parts *p, char *out, size_t outsz)
{
	size_t n = 0, m;
	int k;

	for (k = 0; k < p->n; k++) {
		m = strlen(p->el[k]);
		if (n + m + 2 > outsz)
			return HRI_ERR_TOO_BIG;
		if (k > 0)
			out[n++] = '/';
		memcpy(out + n, p->el[k], m);
		n += m;
	}
	if (p->year) {
		if (n + 8 > outsz)
			return HRI_ERR_TOO_BIG;
		out[n++] = ' ';
		out[n++] = '(';
		out[n++] = (char)('0' + p->year / 1000);
		out[n++] = (char)('0' + p->year / 100 % 10);
		out[n++] = (char)('0' + p->year / 10 % 10);
		out[n++] = (char)('0' + p->year % 10);
		out[n++] = ')';
	}
	out[n] = '\0';
	return HRI_OK;
}

/* hri_symbol_normalize(), and when allow_range a range too; also returns
 * the parts when p is not NULL. */
static hri_status
normalize(const char *in, size_t len, bool allow_range, char *out,
          size_t outsz, struct parts *p)
{
	struct parts local;
	hri_status st;

	if (!p)
		p = &local;
	if (out && outsz > 0)
		out[0] = '\0';
	if (!out || outsz == 0)
		return HRI_ERR_TOO_BIG;
	st = to_parts(in, len, p);
	if (st)
		goto out;
	st = check_parts(p, allow_range);
	if (st)
		goto out;
	st = join(p, out, outsz);
out:
	if (st)
		out[0] = '\0';
	return st;
}

hri_status
hri_symbol_normalize(const char *in, size_t len, char *out, size_t outsz)
{
	return normalize(in, len, false, out, outsz, NULL);
}

bool
hri_symbol_valid(const char *s)
{
	char buf[HRI_SYMBOL_MAX];
	size_t len;

	if (!s)
		return false;
	len = strnlen(s, HRI_SYMBOL_MAX);
	if (len == HRI_SYMBOL_MAX)
		return false;
	if (hri_symbol_normalize(s, len, buf, sizeof buf))
		return false;
	return strcmp(buf, s) == 0;
}

/* Fills the session or year read from the element after the series (and a
 * RES, DEC or PRST marker, whose doctype it sets); returns the index of the
 * element after it, the document's number. */
static int
read_slot(const struct parts *p, const struct series *ser, int k,
          hri_symbol_info *info)
{
	const char *e;

	if (k < p->n && strcmp(p->el[k], "RES") == 0) {
		info->doctype = "resolution";
		k++;
	} else if (k < p->n && strcmp(p->el[k], "DEC") == 0) {
		info->doctype = "decision";
		k++;
	} else if (k < p->n && strcmp(p->el[k], "PRST") == 0) {
		info->doctype = "presidential-statement";
		k++;
	} else if (k < p->n && strcmp(ser->prefix, "A") == 0 &&
	           (strcmp(p->el[k], "INF") == 0 ||
	            strncmp(p->el[k], "C.", 2) == 0)) {
		k++; /* A/INF/74/1, a main committee: A/C.3/74/L.1 */
	}
	if (k >= p->n)
		return k;
	e = p->el[k];
	if (ser->flags & SER_SESSION) {
		if (all_digits(e, 3)) {
			info->session = (int)num(e, strlen(e));
			return k + 1;
		}
		if (strncmp(e, "S-", 2) == 0 && all_digits(e + 2, 3)) {
			info->session = (int)num(e + 2, strlen(e + 2));
			info->special = true;
			return k + 1;
		}
		if (strncmp(e, "ES-", 3) == 0 && all_digits(e + 3, 3)) {
			info->session = (int)num(e + 3, strlen(e + 3));
			info->special = true;
			return k + 1;
		}
		return k;
	}
	/* Elsewhere a year takes the session's place: E/CN.4/2005/1,
	 * S/2000/123; S/RES/1325 is a number, its year in parentheses. */
	if (!info->year && all_digits(e, 4) && strlen(e) == 4 &&
	    num(e, 4) >= 1946 && !(strcmp(ser->prefix, "S") == 0 &&
	                           info->doctype)) {
		info->year = (int)num(e, 4);
		return k + 1;
	}
	return k;
}

/* Sets the doctype from the document's number and what follows. */
static void
read_doctype(const struct parts *p, const struct series *ser, int k,
             hri_symbol_info *info)
{
	int i;

	if (info->doctype)
		return;
	if (info->limited) {
		info->doctype = "draft";
		return;
	}
	for (i = k; i < p->n; i++)
		if (strncmp(p->el[i], "CRP.", 4) == 0)
			info->doctype = "conference-room-paper";
	if (info->doctype)
		return;
	if (strcmp(ser->prefix, "A/HRC/WG.6") == 0 && info->session &&
	    k + 1 < p->n && strlen(p->el[k]) == 3 &&
	    strspn(p->el[k], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3) {
		if (strcmp(p->el[k + 1], "1") == 0)
			info->doctype = "upr-national-report";
		else if (strcmp(p->el[k + 1], "2") == 0)
			info->doctype = "upr-compilation";
		else if (strcmp(p->el[k + 1], "3") == 0)
			info->doctype = "upr-stakeholders";
		return;
	}
	if (ser->flags & SER_TREATY) {
		for (i = k; i < p->n; i++) {
			if (strcmp(p->el[i], "GC") == 0)
				info->doctype = ser->flags & SER_GR ?
				                "general-recommendation" :
				                "general-comment";
			else if (strcmp(p->el[i], "CO") == 0)
				info->doctype = "concluding-observations";
		}
		return;
	}
	if (strcmp(ser->prefix, "ST/SGB") == 0) {
		info->doctype = "bulletin";
		return;
	}
	if (strcmp(ser->prefix, "S") != 0 && (info->session || info->year) &&
	    k < p->n && all_digits(p->el[k], 5))
		info->doctype = "report";
}

hri_status
hri_symbol_parse(const char *s, hri_symbol_info *info)
{
	struct parts p;
	char buf[HRI_SYMBOL_MAX];
	const struct series *ser;
	hri_status st;
	int k, len;

	memset(info, 0, sizeof *info);
	if (!hri_symbol_valid(s))
		return HRI_ERR_INVALID;
	st = normalize(s, strlen(s), false, buf, sizeof buf, &p);
	if (st)
		return st;
	ser = find_series(&p, &len);
	if (!ser)
		return HRI_ERR_INTERNAL;
	if (strlen(ser->prefix) >= sizeof info->series)
		return HRI_ERR_INTERNAL;
	memcpy(info->series, ser->prefix, strlen(ser->prefix) + 1);
	info->body = ser->body;
	info->year = p.year;
	for (k = 1; k < p.n; k++) {
		if (has_word(p.el[k], "Add"))
			info->addendum = true;
		else if (has_word(p.el[k], "Corr"))
			info->corrigendum = true;
		else if (has_word(p.el[k], "Rev"))
			info->revision = true;
		else if (has_word(p.el[k], "L"))
			info->limited = true;
	}
	k = read_slot(&p, ser, len, info);
	read_doctype(&p, ser, k, info);
	info->treaty = ser->treaty;
	if (ser->flags & SER_TREATY)
		info->mechanism = "treaty-body";
	else if (strcmp(ser->prefix, "A/HRC/WG.6") == 0)
		info->mechanism = "upr";
	/* The Optional Protocols to the Convention on the Rights of the Child
	 * have series of their own inside the Committee's: CRC/C/OPSC/..., and
	 * their articles are the Protocol's. */
	for (k = len; info->treaty && k < p.n; k++)
		if (strcmp(p.el[k], "OPSC") == 0 || strcmp(p.el[k], "OPAC") == 0)
			info->treaty = strcmp(p.el[k], "OPSC") == 0 ? "OPSC" : "OPAC";
	/* The State a UPR or treaty-body document is about: SVN in
	 * A/HRC/WG.6/20/SVN/1, CEDAW/C/SVN/CO/4, CCPR/CO/84/SVN. */
	if (strcmp(ser->prefix, "A/HRC/WG.6") == 0 || (ser->flags & SER_TREATY))
		for (k = len; k < p.n && !info->country[0]; k++)
			if (strlen(p.el[k]) == 3 && strcmp(p.el[k], "GEN") != 0 &&
			    strspn(p.el[k], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3)
				memcpy(info->country, p.el[k], 4);
	return HRI_OK;
}

/* True for the bytes a file name keeps as they are. */
static bool
fname_byte(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '-' || c == '(' || c == ')';
}

hri_status
hri_symbol_filename(const char *s, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, n = 0;

	if (!out || outsz == 0)
		return HRI_ERR_TOO_BIG;
	out[0] = '\0';
	if (!hri_symbol_valid(s))
		return HRI_ERR_INVALID;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (n + (fname_byte(c) || c == '/' ? 1 : 3) >= outsz) {
			out[0] = '\0';
			return HRI_ERR_TOO_BIG;
		}
		if (c == '/') {
			out[n++] = '_';
		} else if (fname_byte(c)) {
			out[n++] = (char)c;
		} else {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n] = '\0';
	/* The grammar already ensures these; a file name is where a slip
	 * would hurt, so check again. */
	if (n == 0 || out[0] == '.' || strchr(out, '/')) {
		out[0] = '\0';
		return HRI_ERR_INTERNAL;
	}
	return HRI_OK;
}

/* Value of a hexadecimal digit, or -1. */
static int
hexval(unsigned char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

hri_status
hri_symbol_from_filename(const char *name, size_t len, char *out,
                         size_t outsz)
{
	char tmp[HRI_SYMBOL_MAX];
	size_t i, n = 0;
	int hi, lo;

	if (out && outsz > 0)
		out[0] = '\0';
	if (!name || len == 0 || len >= 3 * HRI_SYMBOL_MAX)
		return HRI_ERR_INVALID;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (n + 1 >= sizeof tmp)
			return HRI_ERR_INVALID;
		if (c == '_') {
			tmp[n++] = '/';
		} else if (c == '%') {
			if (i + 2 >= len)
				return HRI_ERR_INVALID;
			hi = hexval((unsigned char)name[i + 1]);
			lo = hexval((unsigned char)name[i + 2]);
			if (hi < 0 || lo < 0)
				return HRI_ERR_INVALID;
			c = (unsigned char)(hi << 4 | lo);
			/* The encoder writes "/" as "_" and never escapes
			 * it: "%2F" is someone else's doing; nor does it
			 * write control bytes or unicode dashes. */
			if (c == '/' || c == '_' || c < 0x20 || c >= 0x7f)
				return HRI_ERR_INVALID;
			tmp[n++] = (char)c;
			i += 2;
		} else if (fname_byte(c)) {
			tmp[n++] = (char)c;
		} else {
			return HRI_ERR_INVALID;
		}
	}
	return normalize(tmp, n, false, out, outsz, NULL);
}

/* Writes member v of the range at element at of p (word before the ".",
 * "" for none) into buf (HRI_SYMBOL_MAX bytes); HRI_ERR_INVALID when it is
 * not a valid symbol. */
static hri_status
member(const struct parts *p, int at, const char *word, long v, char *buf)
{
	struct parts one = *p;
	hri_status st;
	int m;

	if (word[0])
		m = snprintf(one.el[at], sizeof one.el[at], "%s.%ld", word, v);
	else
		m = snprintf(one.el[at], sizeof one.el[at], "%ld", v);
	if (m < 0 || (size_t)m >= sizeof one.el[at])
		return HRI_ERR_INVALID;
	st = check_parts(&one, false);
	if (st)
		return st;
	st = join(&one, buf, HRI_SYMBOL_MAX);
	return st ? HRI_ERR_INVALID : HRI_OK;
}

hri_status
hri_symbol_expand(const char *in, size_t len,
                  int (*fn)(const char *symbol, void *ud), void *ud)
{
	struct parts p;
	char buf[HRI_SYMBOL_MAX], word[MAX_ELEM + 1], w[MAX_ELEM + 1];
	const struct series *ser;
	long lo = 0, hi = 0, a, b, v;
	hri_status st;
	int k, at = -1, slen, r;

	st = normalize(in, len, true, buf, sizeof buf, &p);
	if (st)
		return st;
	ser = find_series(&p, &slen);
	if (!ser)
		return HRI_ERR_INTERNAL;
	for (k = 1; k < p.n && !(ser->flags & SER_TREATY); k++) {
		r = range_shape(p.el[k], w, &a, &b);
		if (r < 0)
			return HRI_ERR_INVALID;
		if (r == 0)
			continue;
		if (at >= 0)
			return HRI_ERR_INVALID; /* two ranges: which first? */
		at = k;
		lo = a;
		hi = b;
		memcpy(word, w, sizeof word);
	}
	if (at < 0) {
		fn(buf, ud);
		return HRI_OK;
	}
	if (lo > hi)
		return HRI_ERR_INVALID;
	if (hi - lo >= RANGE_MAX)
		return HRI_ERR_TOO_BIG;
	/* Check every member before the first call, so that fn sees all of
	 * the range or none of it. */
	for (v = lo; v <= hi; v++) {
		st = member(&p, at, word, v, buf);
		if (st)
			return st;
	}
	for (v = lo; v <= hi; v++) {
		st = member(&p, at, word, v, buf);
		if (st)
			return st;
		if (fn(buf, ud))
			break;
	}
	return HRI_OK;
}
