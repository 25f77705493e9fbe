/* extract_cite.c - citations of United Nations document symbols in running
 * text and footnotes ("A/HRC/19/74, para. 26", "S/RES/1325 (2000)",
 * "CCPR/C/GC/36"), with their pinpoints, and "ibid." resolved to the last
 * symbol the document cited before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "symbol.h"

/* The series a symbol may start with: the principal organs (A, E, S, ST) and
 * the treaty bodies and other issuers whose documents human rights texts
 * cite. A whitelist, so that "HIV/AIDS" or "km/h" never look like symbols. */
#define SERIES "(?:A|E|S|ST|CCPR|CERD|CEDAW|CRC|CAT|CMW|CRPD|CED|HRI|SPT" \
	"|TD|DP|UNEP|ICCD|FCCC|JIU|TRADE|ECE|UNW|IDB|DPI|SG)"
/* One component after a "/": "HRC", "19", "Add.1", "CRP.3", "WG.6", "3-4",
 * "C.12", "CN.4", "2005", "L.10". A dot must be followed by a digit, so a
 * full stop ending the sentence is never taken. */
#define COMP "/(?:[A-Z][A-Za-z]*(?:\\.[0-9]+)*|[0-9]+(?:\\.[0-9]+)*" \
	"(?:[-\\x{2011}\\x{2013}][0-9]+)?[A-Z]?)"
/* A pinpoint part: "para. 26", "paras. 23-25", "annex", "annex II",
 * "chap. IV", "sect. III.B", "p. 4", "footnote 12". */
#define PART "(?:annex(?:\\s+[IVX]+)?|(?:paras?\\.|paragraphs?|chaps?\\." \
	"|chapter|sects?\\.|section|pp?\\.|footnotes?|fn\\.|table|annexes)" \
	"\\s*[0-9IVX]+(?:\\.[0-9A-Z]+)*(?:\\s*\\([a-z]+\\))?(?:\\s*(?:[-\\x{2011}\\x{2013}]" \
	"|to|and|,)\\s*[0-9]+(?:\\.[0-9]+)*(?!\\s*/))*)"

static const char cite_pattern[] =
	"(?:\\b(?<sym>" SERIES "(?:" COMP "){1,8})"
	"(?<year>\\s\\((?:19|20)[0-9][0-9]\\))?"
	"|(?<ibid>\\b[Ii]bid\\b\\.?))"
	"(?:\\s*,\\s*(?<pin>" PART "(?:\\s*,\\s*" PART ")*))?";

struct hri_cite_rules {
	pcre2_code *re;
	int g_sym, g_year, g_ibid, g_pin; /* group numbers */
};

hri_status
hri_cite_rules_new(hri_cite_rules **out, char *err, size_t errsz)
{
	hri_status st;
	*out = NULL;
	hri_cite_rules *r = calloc(1, sizeof *r);
	if (!r)
		return HRI_ERR_NOMEM;
	/* Anchored: the scan runs it only where a "/" or "bid" is near. */
	st = hri_x_compile(cite_pattern, PCRE2_ANCHORED, &r->re, err, errsz);
	if (st)
		goto out;
	r->g_sym = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "sym");
	r->g_year = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "year");
	r->g_ibid = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "ibid");
	r->g_pin = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "pin");
	*out = r;
	r = NULL;
out:
	hri_cite_rules_free(r);
	return st;
}

void
hri_cite_rules_free(hri_cite_rules *r)
{
	if (!r)
		return;
	pcre2_code_free(r->re);
	free(r);
}

/* Writes the pinpoint of len bytes at s into out (outsz bytes) with white
 * space runs folded to one space and dashes to "-". */
static void
pin_clean(const char *s, size_t len, char *out, size_t outsz)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < len && o + 2 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		/* "para.20" reads "para. 20"; "120.89" stays. */
		if ((space && o) || (o >= 2 && out[o - 1] == '.' && c >= '0' &&
		                     c <= '9' && out[o - 2] >= 'a' && out[o - 2] <= 'z'))
			out[o++] = ' ';
		space = 0;
		/* U+2011 NON-BREAKING HYPHEN and U+2013 EN DASH are E2 80 91
		 * and E2 80 93. */
		if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x91 ||
		     (unsigned char)s[i + 2] == 0x93)) {
			out[o++] = '-';
			i += 2;
			continue;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
}

/* Appends {symbol, pinpoint} to cites unless the same pair is there. */
static hri_status
cite_push(json_t *cites, const char *sym, const char *pin)
{
	size_t i;
	json_t *v;
	json_array_foreach(cites, i, v) {
		const char *s = json_string_value(json_object_get(v, "symbol"));
		const char *p = json_string_value(json_object_get(v, "pinpoint"));
		if (s && !strcmp(s, sym) &&
		    ((!p && !pin) || (p && pin && !strcmp(p, pin))))
			return HRI_OK;
	}
	json_t *o = json_pack("{s:s, s:o}", "symbol", sym, "pinpoint",
	                      pin ? json_string(pin) : json_null());
	if (!o || json_array_append_new(cites, o))
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

/* Returns the next place at or after pos where a citation may start: the
 * start of the token holding the next "/" ("A/HRC/19/74", "E/CN.4/..."),
 * or the "I" of the next "Ibid"; len when none. Byte searches find these
 * far faster than a pattern tried at every capital letter. */
static size_t
next_candidate(const char *text, size_t len, size_t pos)
{
	const char *slash = memchr(text + pos, '/', len - pos);
	size_t lim = slash ? (size_t)(slash - text) : len;
	const char *bid = NULL;
	/* "bid" before the slash: memchr for the "b" beats memmem. */
	for (const char *b = memchr(text + pos, 'b', lim - pos); b;
	     b = memchr(b + 1, 'b', lim - (size_t)(b + 1 - text))) {
		if ((size_t)(b - text) + 2 < len && b[1] == 'i' && b[2] == 'd' &&
		    b > text + pos && (b[-1] == 'I' || b[-1] == 'i')) {
			bid = b;
			break;
		}
		if ((size_t)(b + 1 - text) >= lim)
			break;
	}
	size_t at = len;
	if (slash) {
		size_t i = (size_t)(slash - text);
		while (i > pos && i + 12 > (size_t)(slash - text) &&
		       ((text[i - 1] >= 'A' && text[i - 1] <= 'Z') ||
		        (text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
		        (text[i - 1] >= '0' && text[i - 1] <= '9') ||
		        text[i - 1] == '.'))
			i--;
		at = i;
	}
	if (bid && (size_t)(bid - 1 - text) < at)
		at = (size_t)(bid - 1 - text);
	return at;
}

hri_status
hri_cite_scan(const hri_cite_rules *r, hri_x_match *m, const char *text,
              size_t len, const char *self, char *last, json_t *cites)
{
	size_t pos = 0;
	hri_status st = HRI_OK;
	while (pos < len) {
		size_t at = next_candidate(text, len, pos);
		if (at >= len)
			break;
		pos = at;
		st = hri_x_next(r->re, m, text, len, &pos, NULL, NULL);
		if (st == HRI_ERR_NOT_FOUND) {
			/* Past this "bid", or past the "/" that made the candidate. */
			const char *slash = memchr(text + at, '/', len - at);
			if (at + 3 < len && !memcmp(text + at + 1, "bid", 3))
				pos = at + 1;
			else
				pos = slash ? (size_t)(slash - text) + 1 : len;
			st = HRI_OK;
			continue;
		}
		if (st)
			return st;

		const char *s, *p;
		size_t sl, pl;
		char pin[128];
		char sym[HRI_SYMBOL_MAX];
		char raw[HRI_SYMBOL_MAX];
		int has_pin = hri_x_group(m->md, text, r->g_pin, &p, &pl);
		if (has_pin)
			pin_clean(p, pl, pin, sizeof pin);
		if (hri_x_group(m->md, text, r->g_ibid, &s, &sl)) {
			if (!last[0])
				continue;
			st = cite_push(cites, last, has_pin ? pin : NULL);
			if (st)
				return st;
			continue;
		}
		if (!hri_x_group(m->md, text, r->g_sym, &s, &sl))
			continue;
		/* Not the tail of a longer token ("x/A/HRC/1", "1.E/2"): checked
		 * here, as a look-behind would slow the pattern's search. */
		if (s > text && strchr("/.-", s[-1]))
			continue;
		/* A symbol has a number somewhere: "A/HRC" alone is a body. */
		size_t digit = 0;
		while (digit < sl && (s[digit] < '0' || s[digit] > '9'))
			digit++;
		if (digit == sl)
			continue;
		const char *y = "";
		size_t yl = 0;
		if (!hri_x_group(m->md, text, r->g_year, &y, &yl))
			yl = 0;
		if (sl + yl + 1 > sizeof raw)
			continue;
		memcpy(raw, s, sl);
		memcpy(raw + sl, y, yl);
		raw[sl + yl] = '\0';
		if (hri_symbol_normalize(raw, sl + yl, sym, sizeof sym))
			continue;
		if (self && !strcmp(sym, self))
			continue;
		st = cite_push(cites, sym, has_pin ? pin : NULL);
		if (st)
			return st;
		snprintf(last, HRI_SYMBOL_MAX, "%s", sym);
	}
	return st;
}
