/* test_symbol.c - the UN document symbol grammar, on symbols found in the
 * bundled corpus (its texts, and the text of its PDFs), hostile input, and
 * the corpus file names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "symbol.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* Symbols cited in the bundled corpus (the corpus/ texts in markdown and
 * plain text, and the text of its PDFs), already in normal form. */
static const char *const corpus_symbols[] = {
	"A/67/299", "A/73/230", "A/73/271", "A/74/150", "A/74/35",
	"A/HRC/12/19", "A/HRC/13/21", "A/HRC/13/53/Rev.1", "A/HRC/14/10/Add.1",
	"A/HRC/14/12/Add.1/Corr.1", "A/HRC/14/15", "A/HRC/14/15/Add.1",
	"A/HRC/14/25/Corr.1", "A/HRC/14/29/Add.12", "A/HRC/14/37",
	"A/HRC/14/CRP.3", "A/HRC/14/L.1", "A/HRC/14/L.15/Rev.1",
	"A/HRC/14/L.9/Rev.1", "A/HRC/14/NGO/463", "A/HRC/18/33/Add.2",
	"A/HRC/19/50", "A/HRC/19/74", "A/HRC/21/44/Add.1", "A/HRC/23/20",
	"A/HRC/24/56", "A/HRC/26/41", "A/HRC/28/15", "A/HRC/28/15/Add.1",
	"A/HRC/28/2", "A/HRC/28/3/Add.3", "A/HRC/28/40/Corr.2",
	"A/HRC/28/L.11/Rev.1", "A/HRC/28/NI/16", "A/HRC/31/81", "A/HRC/36/5",
	"A/HRC/38/41", "A/HRC/39/9", "A/HRC/40/78", "A/HRC/41/54",
	"A/HRC/42/29", "A/HRC/AC/23/CRP.3", "A/HRC/DEC/14/105",
	"A/HRC/DEC/28/111", "A/HRC/WG.6/19/GMB/1", "A/HRC/WG.6/20/AGO/3",
	"A/HRC/WG.6/20/SVN/1", "A/HRC/WG.6/20/SVN/2", "A/HRC/WG.6/20/SVN/3",
	"A/HRC/WG.6/7/FIJ/2", "A/HRC/WG.6/7/SVN/1", "A/HRC/WG.6/7/SVN/2/Corr.1",
	"A/HRC/WG.6/7/SVN/3", "CAT/C/SVN/CO/3", "CAT/C/SVN/CO/3/Add.1",
	"CCPR/C/BOL/CO/3", "CCPR/CO/84/SVN", "CEDAW/C/BRB/CO/5-8",
	"CEDAW/C/SVN/CO/4", "CEDAW/C/SVN/CO/4/Add.1", "CERD/C/SVN/CO/6-7",
	"CERD/C/SVN/CO/6-7/Add.1", "CMW/C/ECU/CO/3", "CRC/C/OPAC/VUT/CO/1",
	"CRC/C/SVN/CO/3-4", "E/2002/68/Add.1", "E/C.12/1997/8", "E/C.12/GC/21",
	"E/CN.4/2005/102/Add.1", "E/CN.4/2006/91",
	"E/CN.4/Sub.2/1997/20/Rev.1",
};

/* Other real symbols of the series the grammar knows. */
static const char *const other_symbols[] = {
	"A/HRC/RES/19/33", "A/HRC/S-27/2", "A/HRC/RES/S-27/1",
	"E/C.12/GC/24", "E/CN.4/2005/1", "CCPR/C/GC/36", "CRC/C/15/Add.1",
	"S/RES/1325 (2000)", "S/RES/2250 (2015)", "ST/SGB/2003/13",
	"A/HRC/14/15/Add.1/Corr.2", "A/HRC/28/L.14/Rev.1/Add.1",
	"A/RES/74/150", "A/ES-10/L.22", "A/C.3/74/L.1", "CRPD/C/GC/6",
	"CED/C/MEX/CO/1", "CAT/OP/SVN/1", "HRI/GEN/1/Rev.9",
	"HRI/CORE/SVN/2014", "TD/B/64/1", "UNEP/EA.4/2", "A/HRC/WG.6/20/L.14",
	"E/CN.6/2019/3", "S/2000/123", "ST/AI/2019/2", "A/CONF.157/23",
	"A/HRC/RES/39/1/Amend.1", "CEDAW/C/GC/35",
};

/* Text that is not a UN document symbol, whatever it looks like. */
static const char *const bad_symbols[] = {
	"", " ", "\t\n", "*", "/", "//", "A", "a", "A/", "A/HRC", "A/HRC/",
	"A//HRC", "A//HRC/26/41", "/A/HRC/26/41", "A/HRC/26/41/", "A/HRC/26//41",
	"../etc/passwd", "..", ".", "./A/HRC/26/41", "A/HRC/../26/41",
	"A/HRC/26/..", "A/HRC/.26/41", "A/HRC/26./41", "A/HRC/26/41.",
	"A/HRC/2..6/41", "A/HRC/26/-41", "A/HRC/26/41-", "A/HRC/26/4--1",
	"%2e%2e", "%2e%2e/%2e%2e/etc/passwd", "A%2FHRC%2F26%2F41",
	"A/HRC/26%2F41", "https://undocs.org/A/HRC/26/41",
	"http://example.org/", "file:///etc/passwd", "C:\\Windows\\A_HRC_26_41",
	"A\\HRC\\26\\41", "the report of the Human Rights Council",
	"Report of the Working Group on the Universal Periodic Review",
	"A/HRC/26 41", "A /HRC/26 /4 1", "XYZ/HRC/26/41", "HRC/26/41",
	"UN/A/HRC/26/41", "A/HRC/26/41;rm -rf /", "A/HRC/26/41|cat",
	"A/HRC/$(id)/1", "A/HRC/`id`/1", "A/HRC/26/41\"", "A/HRC/26/<41>",
	"A/HRC/26/41?x=1", "A/HRC/26/41#p1", "A/HRC/26/41&", "A/HRC/26/41'",
	"A/HRC/26/4*1", "*A/HRC/26/41", "A/HRC/26/41_1", "A_HRC_26_41",
	"A/HRC/26/41 (2000)", "S/RES/1325 (20000)", "S/RES/1325 (200)",
	"S/RES/1325 (abcd)", "S/RES/1325 (1200)", "S/RES (2000)",
	"A/HRC/58/1-80", "A/HRC/58/L.1-L.40", "A/HRC/58/L.1-40",
	"A/HRC/58/1/Add.1-3", "A/HRC/14/L.11The", "A/HRC/28/22/Add.12Follow-up",
	"A/HRC/L.1-Add.3/1", "CEDAW/Shared", "A/HRC/WG.6", "S/RES",
	"A/HRC/26/41/Add.1/Corr.1/Rev.1/Add.2/Corr.3/Rev.4/Add.5/Corr.6/Rev.7/"
	"Add.8/Corr.9/Rev.10/Add.11/Corr.12",
	"A/HRC/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/1",
	"A/HRC/26/41\xc3\xa9", "A/HRC/26/41\xff", "\xef\xbb\xbf" "A/HRC/26/41",
	"A/HRC/26\xe2\x80\x8b/41", "A\xe2\x81\x84HRC\xe2\x81\x84" "26/41",
	"A/HRC/26/41\x7f", "A/HRC/26/41\x1b[31m", "A/HRC/26/\x01" "41",
	"A/HRC/26/41\x80", "A/HRC/26/41\xe2\x80",
};

/* Normalisation: input, then the normal form. */
static const char *const norm_cases[][2] = {
	{"a/hrc/26/41 ", "A/HRC/26/41"},
	{"  A/HRC/26/41\n", "A/HRC/26/41"},
	{"\tA/HRC/26/41\r\n", "A/HRC/26/41"},
	{"A / HRC / 26 / 41", "A/HRC/26/41"},
	{"A/HRC/26/41*", "A/HRC/26/41"},
	{"A/HRC/26/41 *", "A/HRC/26/41"},
	{"a/hrc/14/15/add.1", "A/HRC/14/15/Add.1"},
	{"A/HRC/14/15/ADD.1", "A/HRC/14/15/Add.1"},
	{"a/hrc/wg.6/20/svn/1", "A/HRC/WG.6/20/SVN/1"},
	{"a/hrc/wg.6/7/svn/2/corr.1", "A/HRC/WG.6/7/SVN/2/Corr.1"},
	{"a/hrc/res/19/33", "A/HRC/RES/19/33"},
	{"a/hrc/dec/14/105", "A/HRC/DEC/14/105"},
	{"a/hrc/ac/23/crp.3", "A/HRC/AC/23/CRP.3"},
	{"a/hrc/s-27/2", "A/HRC/S-27/2"},
	{"A/HRC/S\xe2\x80\x93" "27/2", "A/HRC/S-27/2"},       /* en dash */
	{"A/HRC/S\xe2\x80\x90" "27/2", "A/HRC/S-27/2"},       /* hyphen */
	{"A/HRC/S\xe2\x80\x95" "27/2", "A/HRC/S-27/2"},       /* bar */
	{"A/HRC/S\xe2\x88\x92" "27/2", "A/HRC/S-27/2"},       /* minus */
	{"CEDAW/C/BRB/CO/5\xe2\x80\x94" "8", "CEDAW/C/BRB/CO/5-8"},
	{"e/c.12/gc/24", "E/C.12/GC/24"},
	{"e/cn.4/2005/1", "E/CN.4/2005/1"},
	{"e/cn.4/sub.2/1997/20/rev.1", "E/CN.4/Sub.2/1997/20/Rev.1"},
	{"ccpr/c/gc/36", "CCPR/C/GC/36"},
	{"crc/c/15/add.1", "CRC/C/15/Add.1"},
	{"cedaw/c/svn/co/4", "CEDAW/C/SVN/CO/4"},
	{"cerd/c/svn/co/6-7", "CERD/C/SVN/CO/6-7"},
	{"s/res/1325 (2000)", "S/RES/1325 (2000)"},
	{"S/RES/1325(2000)", "S/RES/1325 (2000)"},
	{"S/RES/1325   (2000)", "S/RES/1325 (2000)"},
	{"S/RES/1325\xc2\xa0(2000)", "S/RES/1325 (2000)"},
	{"S/RES/1325 (2000)*", "S/RES/1325 (2000)"},
	{"st/sgb/2003/13", "ST/SGB/2003/13"},
	{"A/HRC/14/15/Add.1/corr.2", "A/HRC/14/15/Add.1/Corr.2"},
	{"A/HRC/13/53/rev.1/add.1", "A/HRC/13/53/Rev.1/Add.1"},
	{"a/hrc/28/l.14", "A/HRC/28/L.14"},
	{"a/hrc/28/l.11/rev.1", "A/HRC/28/L.11/Rev.1"},
	{"a/hrc/res/39/1/amend.1", "A/HRC/RES/39/1/Amend.1"},
	{"\xc2\xa0" "A/HRC/26/41\xc2\xa0", "A/HRC/26/41"},
	{"a/74/35", "A/74/35"},
};

/* Returns the normal form of s, or "" (a static buffer). */
static const char *
norm(const char *s)
{
	static char out[HRI_SYMBOL_MAX];

	if (hri_symbol_normalize(s, strlen(s), out, sizeof out))
		return "";
	return out;
}

/* Asserts the file-name properties for valid symbol s, and the round trip. */
static void
check_filename(const char *s)
{
	char f[3 * HRI_SYMBOL_MAX], back[HRI_SYMBOL_MAX];

	assert_int_equal(hri_symbol_filename(s, f, sizeof f), HRI_OK);
	assert_true(f[0] != '\0');
	assert_true(f[0] != '.');
	assert_null(strchr(f, '/'));
	assert_string_not_equal(f, ".");
	assert_string_not_equal(f, "..");
	for (const char *p = f; *p; p++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
		                       "nopqrstuvwxyz0123456789.()-_%", *p));
	assert_int_equal(hri_symbol_from_filename(f, strlen(f), back, sizeof back),
	                 HRI_OK);
	assert_string_equal(back, s);
}

static void
test_normalize_corpus_symbols(void **state)
{
	char out[HRI_SYMBOL_MAX];
	size_t i;

	for (i = 0; i < N(corpus_symbols); i++) {
		const char *s = corpus_symbols[i];

		assert_int_equal(hri_symbol_normalize(s, strlen(s), out, sizeof out),
		                 HRI_OK);
		assert_string_equal(out, s);
		assert_true(hri_symbol_valid(s));
	}
	for (i = 0; i < N(other_symbols); i++) {
		assert_string_equal(norm(other_symbols[i]), other_symbols[i]);
		assert_true(hri_symbol_valid(other_symbols[i]));
	}
}

static void
test_normalize_cases(void **state)
{
	size_t i;

	for (i = 0; i < N(norm_cases); i++) {
		assert_string_equal(norm(norm_cases[i][0]), norm_cases[i][1]);
		assert_true(hri_symbol_valid(norm_cases[i][1]));
		if (strcmp(norm_cases[i][0], norm_cases[i][1]) != 0)
			assert_false(hri_symbol_valid(norm_cases[i][0]));
	}
}

/* Lowercase, spaced and starred variants of every corpus symbol come back
 * to it. */
static void
test_normalize_variants(void **state)
{
	char v[4 * HRI_SYMBOL_MAX];
	size_t i, j, n;

	for (i = 0; i < N(corpus_symbols); i++) {
		const char *s = corpus_symbols[i];

		for (j = 0; s[j]; j++)
			v[j] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
		v[j] = '\0';
		assert_string_equal(norm(v), s);
		for (n = 0, j = 0; s[j]; j++) {
			if (s[j] == '/') {
				v[n++] = ' ';
				v[n++] = '/';
				v[n++] = ' ';
			} else {
				v[n++] = s[j];
			}
		}
		v[n++] = '*';
		v[n] = '\0';
		assert_string_equal(norm(v), s);
	}
}

static void
test_normalize_rejects(void **state)
{
	char out[HRI_SYMBOL_MAX];
	size_t i;

	for (i = 0; i < N(bad_symbols); i++) {
		const char *s = bad_symbols[i];

		memset(out, 'x', sizeof out);
		if (hri_symbol_normalize(s, strlen(s), out, sizeof out) !=
		    HRI_ERR_INVALID)
			fail_msg("accepted: \"%s\" -> \"%s\"", s, out);
		assert_string_equal(out, "");
		assert_false(hri_symbol_valid(s));
	}
}

static void
test_normalize_hostile_bytes(void **state)
{
	static const char nul[] = "A/HRC/26\0/41";
	char big[2048], out[HRI_SYMBOL_MAX];
	size_t i;

	/* A NUL inside the len bytes. */
	assert_int_equal(hri_symbol_normalize(nul, sizeof nul - 1, out, sizeof out),
	                 HRI_ERR_INVALID);
	/* Every control byte, anywhere. */
	for (i = 1; i < 0x20; i++) {
		char s[] = "A/HRC/26/?41";

		s[9] = (char)i;
		assert_int_equal(hri_symbol_normalize(s, strlen(s), out, sizeof out),
		                 HRI_ERR_INVALID);
	}
	/* Over-long: one element of many digits, many elements, much space. */
	memcpy(big, "A/HRC/", 6);
	memset(big + 6, '1', sizeof big - 7);
	big[sizeof big - 1] = '\0';
	assert_int_equal(hri_symbol_normalize(big, strlen(big), out, sizeof out),
	                 HRI_ERR_INVALID);
	for (i = 0; i + 2 < sizeof big; i += 2)
		memcpy(big + i, "1/", 2);
	memcpy(big, "A/", 2);
	big[i] = '\0';
	big[i - 1] = '1';
	assert_int_equal(hri_symbol_normalize(big, strlen(big), out, sizeof out),
	                 HRI_ERR_INVALID);
	memset(big, ' ', sizeof big);
	memcpy(big + 1000, "A/HRC/26/41", 11);
	assert_int_equal(hri_symbol_normalize(big, sizeof big, out, sizeof out),
	                 HRI_ERR_INVALID);
	/* The longest accepted is HRI_SYMBOL_MAX - 1 bytes: "A", three
	 * elements of 31 digits, one of 29; one digit more is too long. */
	big[0] = 'A';
	for (i = 1; i < 97; i += 32) {
		big[i] = '/';
		memset(big + i + 1, '1', 31);
	}
	big[97] = '/';
	memset(big + 98, '2', 30);
	assert_int_equal(hri_symbol_normalize(big, HRI_SYMBOL_MAX - 1, out,
	                                      sizeof out),
	                 HRI_OK);
	assert_int_equal(strlen(out), HRI_SYMBOL_MAX - 1);
	assert_int_equal(hri_symbol_normalize(big, HRI_SYMBOL_MAX, out,
	                                      sizeof out),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_symbol_normalize(big, HRI_SYMBOL_MAX - 1, out, 8),
	                 HRI_ERR_TOO_BIG);
	assert_string_equal(out, "");
	/* NULL in, zero length. */
	assert_int_equal(hri_symbol_normalize(NULL, 4, out, sizeof out),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_symbol_normalize("A/1", 0, out, sizeof out),
	                 HRI_ERR_INVALID);
	assert_false(hri_symbol_valid(NULL));
	/* Only len bytes are read. */
	assert_int_equal(hri_symbol_normalize("A/HRC/26/41garbage", 11, out,
	                                      sizeof out),
	                 HRI_OK);
	assert_string_equal(out, "A/HRC/26/41");
}

/* Random bytes drawn from symbol-ish characters: whatever normalisation
 * accepts is valid and makes a safe file name. */
static void
test_normalize_random(void **state)
{
	static const char alpha[] = "AHRCES/.-_ 0123456789*()%\\:aL\x00\xe2\x80";
	char in[40], out[HRI_SYMBOL_MAX];
	unsigned long x = 12345;
	int i, j, n, ok = 0;

	for (i = 0; i < 200000; i++) {
		n = (int)(x % sizeof in);
		for (j = 0; j < n; j++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			in[j] = alpha[(x >> 33) % (sizeof alpha - 1)];
		}
		if (hri_symbol_normalize(in, (size_t)n, out, sizeof out) == HRI_OK) {
			ok++;
			assert_true(hri_symbol_valid(out));
			check_filename(out);
		} else {
			assert_string_equal(out, "");
		}
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	}
	/* Something must get through, or the property says nothing. */
	assert_true(ok > 0);
}

struct parse_case {
	const char *s, *series, *body, *doctype;
	int session, year;
	bool add, corr, rev, lim, special;
	const char *country;
};

static const struct parse_case parse_cases[] = {
	{"A/HRC/26/41", "A/HRC", "Human Rights Council", "report", 26, 0,
	 0, 0, 0, 0, 0, ""},
	{"A/74/35", "A", "General Assembly", "report", 74, 0, 0, 0, 0, 0, 0, ""},
	{"A/HRC/WG.6/20/SVN/1", "A/HRC/WG.6",
	 "Working Group on the Universal Periodic Review",
	 "upr-national-report", 20, 0, 0, 0, 0, 0, 0, "SVN"},
	{"A/HRC/WG.6/20/SVN/2", "A/HRC/WG.6",
	 "Working Group on the Universal Periodic Review", "upr-compilation",
	 20, 0, 0, 0, 0, 0, 0, "SVN"},
	{"A/HRC/WG.6/20/SVN/3", "A/HRC/WG.6",
	 "Working Group on the Universal Periodic Review", "upr-stakeholders",
	 20, 0, 0, 0, 0, 0, 0, "SVN"},
	{"A/HRC/WG.6/7/SVN/2/Corr.1", "A/HRC/WG.6",
	 "Working Group on the Universal Periodic Review", "upr-compilation",
	 7, 0, 0, 1, 0, 0, 0, "SVN"},
	{"A/HRC/WG.6/20/L.14", "A/HRC/WG.6",
	 "Working Group on the Universal Periodic Review", "draft", 20, 0,
	 0, 0, 0, 1, 0, ""},
	{"A/HRC/28/15", "A/HRC", "Human Rights Council", "report", 28, 0,
	 0, 0, 0, 0, 0, ""},
	{"A/HRC/28/15/Add.1", "A/HRC", "Human Rights Council", "report", 28, 0,
	 1, 0, 0, 0, 0, ""},
	{"A/HRC/14/12/Add.1/Corr.1", "A/HRC", "Human Rights Council", "report",
	 14, 0, 1, 1, 0, 0, 0, ""},
	{"A/HRC/13/53/Rev.1", "A/HRC", "Human Rights Council", "report", 13, 0,
	 0, 0, 1, 0, 0, ""},
	{"A/HRC/28/L.11/Rev.1", "A/HRC", "Human Rights Council", "draft", 28, 0,
	 0, 0, 1, 1, 0, ""},
	{"A/HRC/RES/19/33", "A/HRC", "Human Rights Council", "resolution", 19,
	 0, 0, 0, 0, 0, 0, ""},
	{"A/HRC/DEC/14/105", "A/HRC", "Human Rights Council", "decision", 14, 0,
	 0, 0, 0, 0, 0, ""},
	{"A/HRC/AC/23/CRP.3", "A/HRC/AC",
	 "Human Rights Council Advisory Committee", "conference-room-paper", 23,
	 0, 0, 0, 0, 0, 0, ""},
	{"A/HRC/S-27/2", "A/HRC", "Human Rights Council", "report", 27, 0,
	 0, 0, 0, 0, 1, ""},
	{"A/HRC/RES/S-27/1", "A/HRC", "Human Rights Council", "resolution", 27,
	 0, 0, 0, 0, 0, 1, ""},
	{"A/RES/74/150", "A", "General Assembly", "resolution", 74, 0,
	 0, 0, 0, 0, 0, ""},
	{"A/C.3/74/L.1", "A", "General Assembly", "draft", 74, 0,
	 0, 0, 0, 1, 0, ""},
	{"S/RES/1325 (2000)", "S", "Security Council", "resolution", 0, 2000,
	 0, 0, 0, 0, 0, ""},
	{"E/2002/68/Add.1", "E", "Economic and Social Council", "report", 0,
	 2002, 1, 0, 0, 0, 0, ""},
	{"E/CN.4/2005/1", "E/CN.4", "Commission on Human Rights", "report", 0,
	 2005, 0, 0, 0, 0, 0, ""},
	{"E/CN.4/Sub.2/1997/20/Rev.1", "E/CN.4/Sub.2",
	 "Sub-Commission on the Promotion and Protection of Human Rights",
	 "report", 0, 1997, 0, 0, 1, 0, 0, ""},
	{"E/C.12/GC/24", "E/C.12",
	 "Committee on Economic, Social and Cultural Rights", "general-comment",
	 0, 0, 0, 0, 0, 0, 0, ""},
	{"CCPR/C/GC/36", "CCPR/C", "Human Rights Committee", "general-comment",
	 0, 0, 0, 0, 0, 0, 0, ""},
	{"CRC/C/15/Add.1", "CRC/C", "Committee on the Rights of the Child", NULL,
	 0, 0, 1, 0, 0, 0, 0, ""},
	{"CEDAW/C/SVN/CO/4", "CEDAW/C",
	 "Committee on the Elimination of Discrimination against Women",
	 "concluding-observations", 0, 0, 0, 0, 0, 0, 0, "SVN"},
	{"CEDAW/C/GC/35", "CEDAW/C",
	 "Committee on the Elimination of Discrimination against Women",
	 "general-recommendation", 0, 0, 0, 0, 0, 0, 0, ""},
	{"CERD/C/SVN/CO/6-7/Add.1", "CERD/C",
	 "Committee on the Elimination of Racial Discrimination",
	 "concluding-observations", 0, 0, 1, 0, 0, 0, 0, "SVN"},
	{"CAT/C/SVN/CO/3", "CAT/C", "Committee against Torture",
	 "concluding-observations", 0, 0, 0, 0, 0, 0, 0, "SVN"},
	{"CCPR/CO/84/SVN", "CCPR", "Human Rights Committee",
	 "concluding-observations", 0, 0, 0, 0, 0, 0, 0, "SVN"},
	{"CRC/C/OPAC/VUT/CO/1", "CRC/C", "Committee on the Rights of the Child",
	 "concluding-observations", 0, 0, 0, 0, 0, 0, 0, "VUT"},
	{"CMW/C/ECU/CO/3", "CMW/C", "Committee on Migrant Workers",
	 "concluding-observations", 0, 0, 0, 0, 0, 0, 0, "ECU"},
	{"CRPD/C/GC/6", "CRPD/C",
	 "Committee on the Rights of Persons with Disabilities",
	 "general-comment", 0, 0, 0, 0, 0, 0, 0, ""},
	{"CED/C/MEX/CO/1", "CED/C", "Committee on Enforced Disappearances",
	 "concluding-observations", 0, 0, 0, 0, 0, 0, 0, "MEX"},
	{"ST/SGB/2003/13", "ST/SGB", "Secretariat", "bulletin", 0, 2003,
	 0, 0, 0, 0, 0, ""},
	{"HRI/GEN/1/Rev.9", "HRI", "Human rights treaty bodies", NULL, 0, 0,
	 0, 0, 1, 0, 0, ""},
};

static void
test_parse_cases(void **state)
{
	hri_symbol_info in;
	size_t i;

	for (i = 0; i < N(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];

		assert_int_equal(hri_symbol_parse(c->s, &in), HRI_OK);
		assert_string_equal(in.series, c->series);
		assert_string_equal(in.body, c->body);
		if (c->doctype)
			assert_string_equal(in.doctype, c->doctype);
		else
			assert_null(in.doctype);
		assert_int_equal(in.session, c->session);
		assert_int_equal(in.year, c->year);
		assert_int_equal(in.addendum, c->add);
		assert_int_equal(in.corrigendum, c->corr);
		assert_int_equal(in.revision, c->rev);
		assert_int_equal(in.limited, c->lim);
		assert_int_equal(in.special, c->special);
		assert_string_equal(in.country, c->country);
	}
}

/* The treaty a treaty body's article references name, and the mechanism
 * of the series: a treaty body's, the UPR Working Group's, or none. */
static void
test_parse_treaty_mechanism(void **state)
{
	static const struct {
		const char *s, *treaty, *mechanism;
	} cases[] = {
		{"CCPR/C/USA/CO/4", "ICCPR", "treaty-body"},
		{"CCPR/CO/84/SVN", "ICCPR", "treaty-body"},
		{"E/C.12/LVA/CO/2", "ICESCR", "treaty-body"},
		{"E/C.12/1/Add.98", "ICESCR", "treaty-body"},
		{"CERD/C/USA/CO/7-9", "ICERD", "treaty-body"},
		{"CEDAW/C/NRU/CO/1-2", "CEDAW", "treaty-body"},
		{"CAT/C/JPN/CO/2", "CAT", "treaty-body"},
		{"CAT/OP/MDV/1", "OPCAT", "treaty-body"},
		{"CRC/C/15/Add.1", "CRC", "treaty-body"},
		{"CRC/C/OPSC/NLD/CO/1", "OPSC", "treaty-body"},
		{"CRC/C/OPAC/VUT/CO/1", "OPAC", "treaty-body"},
		{"CMW/C/ECU/CO/3", "ICRMW", "treaty-body"},
		{"CRPD/C/AUS/CO/2-3", "CRPD", "treaty-body"},
		{"CED/C/MEX/CO/1", "ICPPED", "treaty-body"},
		{"A/HRC/WG.6/20/SVN/1", NULL, "upr"},
		{"A/HRC/28/15", NULL, NULL},
		{"A/HRC/31/65/Add.1", NULL, NULL},
		{"E/CN.4/2005/1", NULL, NULL},
	};
	hri_symbol_info in;
	size_t i;

	for (i = 0; i < N(cases); i++) {
		assert_int_equal(hri_symbol_parse(cases[i].s, &in), HRI_OK);
		if (cases[i].treaty)
			assert_string_equal(in.treaty, cases[i].treaty);
		else
			assert_null(in.treaty);
		if (cases[i].mechanism)
			assert_string_equal(in.mechanism, cases[i].mechanism);
		else
			assert_null(in.mechanism);
	}
}

/* Every corpus symbol parses and has a body; invalid ones fail and leave
 * the info zeroed. */
static void
test_parse_corpus_and_invalid(void **state)
{
	hri_symbol_info in;
	size_t i;

	for (i = 0; i < N(corpus_symbols); i++) {
		assert_int_equal(hri_symbol_parse(corpus_symbols[i], &in), HRI_OK);
		assert_non_null(in.body);
		assert_true(in.series[0] != '\0');
		assert_int_equal(strncmp(corpus_symbols[i], in.series,
		                         strlen(in.series)),
		                 0);
	}
	for (i = 0; i < N(bad_symbols); i++) {
		memset(&in, 0x55, sizeof in);
		assert_int_equal(hri_symbol_parse(bad_symbols[i], &in),
		                 HRI_ERR_INVALID);
		assert_null(in.body);
		assert_int_equal(in.session, 0);
		assert_string_equal(in.series, "");
	}
	/* Not in normal form. */
	assert_int_equal(hri_symbol_parse("a/hrc/26/41", &in), HRI_ERR_INVALID);
	assert_int_equal(hri_symbol_parse(NULL, &in), HRI_ERR_INVALID);
}

static void
test_filename_cases(void **state)
{
	static const char *const cases[][2] = {
		{"A/HRC/WG.6/20/SVN/1", "A_HRC_WG.6_20_SVN_1"},
		{"A/HRC/14/15/Add.1", "A_HRC_14_15_Add.1"},
		{"A/HRC/26/41", "A_HRC_26_41"},
		{"S/RES/1325 (2000)", "S_RES_1325%20(2000)"},
		{"CEDAW/C/BRB/CO/5-8", "CEDAW_C_BRB_CO_5-8"},
		{"E/C.12/GC/24", "E_C.12_GC_24"},
		{"A/HRC/S-27/2", "A_HRC_S-27_2"},
	};
	char f[3 * HRI_SYMBOL_MAX], back[HRI_SYMBOL_MAX];
	size_t i;

	for (i = 0; i < N(cases); i++) {
		assert_int_equal(hri_symbol_filename(cases[i][0], f, sizeof f),
		                 HRI_OK);
		assert_string_equal(f, cases[i][1]);
		assert_int_equal(hri_symbol_from_filename(cases[i][1],
		                                          strlen(cases[i][1]),
		                                          back, sizeof back),
		                 HRI_OK);
		assert_string_equal(back, cases[i][0]);
	}
	/* Too small a buffer. */
	assert_int_equal(hri_symbol_filename("A/HRC/26/41", f, 5),
	                 HRI_ERR_TOO_BIG);
	assert_string_equal(f, "");
	assert_int_equal(hri_symbol_filename("A/HRC/26/41", f, 12), HRI_OK);
	assert_int_equal(hri_symbol_filename("A/HRC/26/41", f, 11),
	                 HRI_ERR_TOO_BIG);
}

/* The file-name properties hold for every symbol the tests know, and
 * nothing that is not a valid symbol gets a file name. */
static void
test_filename_safe(void **state)
{
	char f[3 * HRI_SYMBOL_MAX];
	size_t i;

	for (i = 0; i < N(corpus_symbols); i++)
		check_filename(corpus_symbols[i]);
	for (i = 0; i < N(other_symbols); i++)
		check_filename(other_symbols[i]);
	for (i = 0; i < N(norm_cases); i++)
		check_filename(norm_cases[i][1]);
	for (i = 0; i < N(bad_symbols); i++) {
		assert_int_equal(hri_symbol_filename(bad_symbols[i], f, sizeof f),
		                 HRI_ERR_INVALID);
		assert_string_equal(f, "");
	}
	/* Valid once normalised, but not in normal form. */
	assert_int_equal(hri_symbol_filename("a/hrc/26/41", f, sizeof f),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_symbol_filename("A/HRC/26/41 ", f, sizeof f),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_symbol_filename(NULL, f, sizeof f), HRI_ERR_INVALID);
}

static void
test_from_filename_rejects(void **state)
{
	static const char *const bad[] = {
		"", ".", "..", "_", "__", "A__HRC", "_A_HRC_26_41", "A_HRC_26_41_",
		"A_HRC", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e_%2e%2e",
		"A%2FHRC%2F26%2F41", "A_HRC_26%2F41", "A_HRC_26%5F41",
		"A/HRC/26/41", "A_HRC_26_41 ", "A_HRC_26_41%", "A_HRC_26_41%2",
		"A_HRC_26_41%zz", "A_HRC_26_41%00", "A_HRC_26_41%0A",
		"A_HRC_26_41%2A%2A_1", "A_HRC_58_1-80", "A_HRC_58_L.1-L.40",
		"..._A_HRC_26_41", "A_HRC_26_41\\", "A_HRC_26_41:Zone.Identifier",
		"XYZ_1", "A_HRC_26_41%C3%A9", "etc_passwd",
	};
	char out[HRI_SYMBOL_MAX];
	size_t i;

	for (i = 0; i < N(bad); i++) {
		memset(out, 'x', sizeof out);
		if (hri_symbol_from_filename(bad[i], strlen(bad[i]), out,
		                             sizeof out) != HRI_ERR_INVALID)
			fail_msg("accepted file name \"%s\" -> \"%s\"", bad[i], out);
		assert_string_equal(out, "");
	}
	/* Only len bytes: "A_HRC_26_41.pdf" without its extension. */
	assert_int_equal(hri_symbol_from_filename("A_HRC_26_41.pdf", 11, out,
	                                          sizeof out),
	                 HRI_OK);
	assert_string_equal(out, "A/HRC/26/41");
	/* Lowercase names from other mirrors are normalised. */
	assert_int_equal(hri_symbol_from_filename("a_hrc_14_15_add.1", 17, out,
	                                          sizeof out),
	                 HRI_OK);
	assert_string_equal(out, "A/HRC/14/15/Add.1");
	assert_int_equal(hri_symbol_from_filename(NULL, 3, out, sizeof out),
	                 HRI_ERR_INVALID);
}

/* Every file of corpus/MANIFEST.tsv is named by its symbol. */
static void
test_filename_manifest(void **state)
{
	const char *dir = getenv("HRI_CORPUS");
	char path[4096], line[2048], f[3 * HRI_SYMBOL_MAX], back[HRI_SYMBOL_MAX];
	FILE *fp;
	struct stat sb;
	int rows = 0;

	if (!dir)
		dir = "corpus";
	snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		char *tab = strchr(line, '\t'), *file, *end, *dot;

		if (!tab || strncmp(line, "symbol\t", 7) == 0)
			continue;
		*tab = '\0';
		file = tab + 1;
		end = strchr(file, '\t');
		assert_non_null(end);
		*end = '\0';
		dot = strrchr(file, '.');
		assert_non_null(dot);
		assert_true(hri_symbol_valid(line));
		assert_int_equal(hri_symbol_filename(line, f, sizeof f), HRI_OK);
		assert_int_equal(strncmp(f, file, (size_t)(dot - file)), 0);
		assert_int_equal(strlen(f), (size_t)(dot - file));
		assert_int_equal(hri_symbol_from_filename(file, (size_t)(dot - file),
		                                          back, sizeof back),
		                 HRI_OK);
		assert_string_equal(back, line);
		snprintf(path, sizeof path, "%s/%s", dir, file);
		assert_int_equal(stat(path, &sb), 0);
		rows++;
	}
	fclose(fp);
	assert_int_equal(rows, 19);
}

/* Collects what hri_symbol_expand() gives. */
struct got {
	int n;          /* symbols seen */
	int stop_after; /* return nonzero at this count; 0 never */
	char first[HRI_SYMBOL_MAX], last[HRI_SYMBOL_MAX];
	bool all_valid; /* every one hri_symbol_valid() */
};

static int
collect(const char *s, void *ud)
{
	struct got *g = ud;

	if (g->n == 0)
		snprintf(g->first, sizeof g->first, "%s", s);
	snprintf(g->last, sizeof g->last, "%s", s);
	if (!hri_symbol_valid(s))
		g->all_valid = false;
	g->n++;
	return g->stop_after && g->n >= g->stop_after;
}

/* Expands in, asserting the status; returns what was seen. */
static struct got
expand(const char *in, hri_status want)
{
	struct got g;

	memset(&g, 0, sizeof g);
	g.all_valid = true;
	assert_int_equal(hri_symbol_expand(in, strlen(in), collect, &g), want);
	return g;
}

static void
test_expand_ranges(void **state)
{
	static const struct {
		const char *in, *first, *last;
		int n;
	} cases[] = {
		{"A/HRC/58/1-80", "A/HRC/58/1", "A/HRC/58/80", 80},
		{"a/hrc/58/1-80 ", "A/HRC/58/1", "A/HRC/58/80", 80},
		{"A/HRC/58/L.1-L.40", "A/HRC/58/L.1", "A/HRC/58/L.40", 40},
		{"A/HRC/58/L.1-40", "A/HRC/58/L.1", "A/HRC/58/L.40", 40},
		{"a/hrc/58/l.1-l.40", "A/HRC/58/L.1", "A/HRC/58/L.40", 40},
		{"A/HRC/58/1-3/Add.1", "A/HRC/58/1/Add.1", "A/HRC/58/3/Add.1", 3},
		{"A/HRC/58/1/Add.1-3", "A/HRC/58/1/Add.1", "A/HRC/58/1/Add.3", 3},
		{"A/HRC/58/1/add.1-add.3", "A/HRC/58/1/Add.1", "A/HRC/58/1/Add.3",
		 3},
		{"A/HRC/58/CRP.1-5", "A/HRC/58/CRP.1", "A/HRC/58/CRP.5", 5},
		{"A/HRC/WG.6/48/SVN/1-3", "A/HRC/WG.6/48/SVN/1",
		 "A/HRC/WG.6/48/SVN/3", 3},
		{"A/HRC/58/7-7", "A/HRC/58/7", "A/HRC/58/7", 1},
		{"A/HRC/58/1\xe2\x80\x93" "10", "A/HRC/58/1", "A/HRC/58/10", 10},
		{"A/HRC/58/1-10000", "A/HRC/58/1", "A/HRC/58/10000", 10000},
		/* Not ranges: passed through once, normalised. */
		{"a/hrc/26/41", "A/HRC/26/41", "A/HRC/26/41", 1},
		{"S/RES/1325 (2000)", "S/RES/1325 (2000)", "S/RES/1325 (2000)", 1},
		{"A/HRC/S-27/2", "A/HRC/S-27/2", "A/HRC/S-27/2", 1},
		{"A/ES-10/L.22", "A/ES-10/L.22", "A/ES-10/L.22", 1},
		{"CEDAW/C/BRB/CO/5-8", "CEDAW/C/BRB/CO/5-8", "CEDAW/C/BRB/CO/5-8",
		 1},
		{"CRC/C/SVN/CO/3-4", "CRC/C/SVN/CO/3-4", "CRC/C/SVN/CO/3-4", 1},
		{"A/HRC/14/15/Add.1", "A/HRC/14/15/Add.1", "A/HRC/14/15/Add.1", 1},
	};
	struct got g;
	size_t i;

	for (i = 0; i < N(cases); i++) {
		g = expand(cases[i].in, HRI_OK);
		assert_int_equal(g.n, cases[i].n);
		assert_string_equal(g.first, cases[i].first);
		assert_string_equal(g.last, cases[i].last);
		assert_true(g.all_valid);
	}
	/* Every corpus symbol passes through as itself. */
	for (i = 0; i < N(corpus_symbols); i++) {
		g = expand(corpus_symbols[i], HRI_OK);
		assert_int_equal(g.n, 1);
		assert_string_equal(g.first, corpus_symbols[i]);
	}
}

static void
test_expand_order_and_stop(void **state)
{
	struct got g;

	memset(&g, 0, sizeof g);
	g.all_valid = true;
	g.stop_after = 5;
	assert_int_equal(hri_symbol_expand("A/HRC/58/1-80", 13, collect, &g),
	                 HRI_OK);
	assert_int_equal(g.n, 5);
	assert_string_equal(g.last, "A/HRC/58/5");
}

static void
test_expand_rejects(void **state)
{
	static const char *const invalid[] = {
		"A/HRC/58/80-1", "A/HRC/58/L.40-L.1", "A/HRC/58/L.1-Add.3",
		"A/HRC/58/1-3/Add.1-2", "A/HRC/58/1-", "A/HRC/58/-1",
		"A/HRC/58/1--3", "A/HRC/58/1-3-5", "A/HRC/58/1-9999999999",
		"A/HRC//1-3", "../1-3", "A/HRC/58/1-80/", "", "prose 1-3",
		"A/HRC/58/1-80garbage", "A/HRC/58/L.1-40X",
	};
	static const char *const too_big[] = {
		"A/HRC/58/1-10001", "A/HRC/58/0-10000", "A/HRC/58/L.1-L.99999",
		"A/HRC/58/1-999999999",
	};
	struct got g;
	size_t i;

	for (i = 0; i < N(invalid); i++) {
		g = expand(invalid[i], HRI_ERR_INVALID);
		assert_int_equal(g.n, 0);
	}
	for (i = 0; i < N(too_big); i++) {
		g = expand(too_big[i], HRI_ERR_TOO_BIG);
		assert_int_equal(g.n, 0);
	}
	for (i = 0; i < N(bad_symbols); i++) {
		memset(&g, 0, sizeof g);
		if (hri_symbol_expand(bad_symbols[i], strlen(bad_symbols[i]),
		                      collect, &g) == HRI_OK)
			assert_true(g.n > 1); /* a range of the list */
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_corpus_symbols),
		cmocka_unit_test(test_normalize_cases),
		cmocka_unit_test(test_normalize_variants),
		cmocka_unit_test(test_normalize_rejects),
		cmocka_unit_test(test_normalize_hostile_bytes),
		cmocka_unit_test(test_normalize_random),
		cmocka_unit_test(test_parse_cases),
		cmocka_unit_test(test_parse_treaty_mechanism),
		cmocka_unit_test(test_parse_corpus_and_invalid),
		cmocka_unit_test(test_filename_cases),
		cmocka_unit_test(test_filename_safe),
		cmocka_unit_test(test_from_filename_rejects),
		cmocka_unit_test(test_filename_manifest),
		cmocka_unit_test(test_expand_ranges),
		cmocka_unit_test(test_expand_order_and_stop),
		cmocka_unit_test(test_expand_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
