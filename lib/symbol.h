/* symbol.h - the grammar of United Nations document symbols: parse, validate
 * and normalise them ("a/hrc/26/41 " -> "A/HRC/26/41"), map each to a file
 * name that can never leave its directory, and expand session ranges
 * ("A/HRC/58/1-80"). */
#ifndef HRI_SYMBOL_H
#define HRI_SYMBOL_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#define HRI_SYMBOL_MAX 128 /* bytes for the longest symbol hri accepts, NUL
                              included */

/* What a symbol says about its document. Filled by hri_symbol_parse(). */
typedef struct hri_symbol_info {
	char series[32];   /* leading organ and body: "A/HRC", "A", "E/C.12",
	                      "CCPR/C", "S", "A/HRC/WG.6" */
	const char *body;  /* canonical body name or NULL when unknown
	                      ("Human Rights Council", "General Assembly");
	                      static storage */
	const char *doctype; /* "resolution", "decision", "upr-report",
	                        "upr-national-report", "report", ... or NULL;
	                        static storage */
	int session;       /* session number, 0 when the symbol has none */
	int year;          /* year in the symbol ("S/RES/1325 (2000)"), else 0 */
	bool addendum;     /* has /Add.N */
	bool corrigendum;  /* has /Corr.N */
	bool revision;     /* has /Rev.N */
	bool limited;      /* an L. document (draft) */
	bool special;      /* a special session: A/HRC/S-27/2, A/ES-10/1 */
	char country[4];   /* ISO 3166-1 alpha-3 code of a UPR or treaty-body
	                      symbol ("SVN"), else "" */
	const char *treaty; /* a treaty body's treaty as article references
	                       name it: "ICCPR", "ICESCR", "ICERD", "CEDAW",
	                       "CAT", "OPCAT", "CRC" ("OPSC", "OPAC" for the
	                       Optional Protocols' series), "ICRMW", "CRPD",
	                       "ICPPED"; NULL elsewhere; static storage */
	const char *mechanism; /* "treaty-body" for a treaty body's series,
	                          "upr" for the UPR Working Group's
	                          (A/HRC/WG.6), else NULL; static storage */
} hri_symbol_info;

/* Normalises the symbol of len bytes at in into out (outsz bytes): trims
 * white space, uppercases the series, restores the usual case of suffixes
 * (Add.1, Corr.1, Rev.1, L.14, CRP.3, WG.6), drops a reissue mark ("*"),
 * folds spaces around "/" and unicode dashes. Returns HRI_ERR_INVALID when
 * the text is not a UN document symbol; out is then an empty string. */
hri_status hri_symbol_normalize(const char *in, size_t len, char *out,
                                size_t outsz);

/* Returns true when s is a symbol already in normal form; false for NULL, a
 * symbol not in normal form, and a range ("A/HRC/58/1-80"). */
bool hri_symbol_valid(const char *s);

/* Fills *info from the normalised symbol s. The doctype is what the symbol
 * alone tells: "resolution" (RES), "decision" (DEC), "upr-national-report",
 * "upr-compilation" and "upr-stakeholders" (A/HRC/WG.6/<n>/<CCC>/1, 2, 3),
 * "draft" (L.), "conference-room-paper" (CRP.), "general-comment" or
 * "general-recommendation" (GC), "concluding-observations" (CO), "bulletin"
 * (ST/SGB), "report" for a plain numbered document of a session or year
 * series (A/HRC/26/41, A/74/35, E/CN.4/2005/1), else NULL. A UPR Working
 * Group report (A/HRC/28/15) cannot be told from a session report
 * (A/HRC/28/2) by its symbol: both are "report", and only the catalogue or
 * the title can make it "upr-report". Returns HRI_ERR_INVALID (and a zeroed
 * *info) when s is not a valid symbol in normal form. */
hri_status hri_symbol_parse(const char *s, hri_symbol_info *info);

/* Writes the file name for a normalised symbol into out: "/" becomes "_",
 * as in the UN's own file names (A/HRC/26/41 -> A_HRC_26_41); any byte that
 * is not a letter, digit, ".", "-", "(" or ")" is written as %XX. The result
 * never contains "/", never starts with ".", and is never "" or "..".
 * Returns HRI_ERR_INVALID (out "") when s is not a valid symbol in normal
 * form, HRI_ERR_TOO_BIG when out is too small. */
hri_status hri_symbol_filename(const char *s, char *out, size_t outsz);

/* The inverse of hri_symbol_filename() for a file name without its
 * extension ("A_HRC_14_15_Add.1" -> "A/HRC/14/15/Add.1"), normalised; returns
 * HRI_ERR_INVALID (out "") when name holds a byte the encoder never writes
 * or the result is not a valid symbol, HRI_ERR_TOO_BIG when out is too
 * small. */
hri_status hri_symbol_from_filename(const char *name, size_t len, char *out,
                                    size_t outsz);

/* Expands a range such as "A/HRC/58/1-80" or "A/HRC/58/L.1-L.40" or
 * "A/HRC/58/1-3/Add.1" into its symbols, calling fn(symbol, ud) for each in
 * order (stopping when fn returns nonzero). A symbol that is not a range is
 * passed through once, normalised; so is a treaty-body symbol, where "5-8"
 * numbers combined periodic reports (CEDAW/C/BRB/CO/5-8). At most 10000
 * symbols a range, and one range a symbol. Returns HRI_OK (also when fn
 * stopped it), HRI_ERR_INVALID on a malformed or reversed range or an
 * invalid symbol (fn is then never called), HRI_ERR_TOO_BIG past the
 * limit (fn never called). */
hri_status hri_symbol_expand(const char *in, size_t len,
                             int (*fn)(const char *symbol, void *ud),
                             void *ud);

#endif
