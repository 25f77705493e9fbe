/* extract_gazetteer.h - a list of phrases compiled into one PCRE2 pattern
 * shaped as a trie, which finds every phrase of the list in a text at the
 * speed of a single pattern: leftmost match first, then the longest phrase
 * at that place ("Equatorial Guinea" before "Guinea"), whole words only.
 * Each match reports the phrase's id (carried by a (*MARK) in the pattern).
 * The text is read word by word: a word whose first letters begin no
 * phrase (a hash set says so) costs no match; at the others, the trie is
 * walked from that first letter as the anchored pattern of the phrases with
 * that letter would match, and the pattern itself (compiled then) is asked
 * only where the walk cannot tell, at a caseless non-ASCII letter. */
#ifndef HRI_EXTRACT_GAZETTEER_H
#define HRI_EXTRACT_GAZETTEER_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct hri_gaz hri_gaz;

#define HRI_GAZ_CASELESS 1 /* match regardless of letter case */
#define HRI_GAZ_PATTERNS 2 /* every match through the PCRE2 patterns, all
                              compiled (JIT) by hri_gaz_compile(): the
                              walk's reference, for tests */

/* Makes an empty gazetteer; flags are HRI_GAZ_*. *out is NULL on
 * HRI_ERR_NOMEM. */
hri_status hri_gaz_new(int flags, hri_gaz **out);

/* Frees g; NULL is a no-op. */
void hri_gaz_free(hri_gaz *g);

/* Adds the phrase of len bytes at p (UTF-8) and sets *id to its number
 * (0, 1, ...; the same number when the phrase was added before). In a
 * phrase, a space matches any run of white space, an apostrophe matches ' or
 * U+2019, and a final "*" matches any letters that follow (a stem).
 * Returns HRI_ERR_INVALID for an empty phrase, one that does not start with
 * an ASCII letter or digit, or bad UTF-8; HRI_ERR_NOMEM. */
hri_status hri_gaz_add(hri_gaz *g, const char *p, size_t len, int *id);

/* Makes g ready to scan. Call once, after the last hri_gaz_add(). The
 * patterns are compiled when a text first needs them (all of them here
 * under HRI_GAZ_PATTERNS). Returns HRI_ERR_FORMAT with the reason in err
 * when PCRE2 refuses one compiled here. */
hri_status hri_gaz_compile(hri_gaz *g, char *err, size_t errsz);

/* Called for each match: phrase id, byte offsets of the match in the text;
 * a nonzero return stops the scan. It may use the scan's match data. */
typedef int (*hri_gaz_fn)(void *ud, int id, size_t start, size_t end);

/* Finds the phrases of g in the len bytes at text (valid UTF-8, as jansson
 * strings are) from left to right, without overlaps, calling fn for each.
 * md must hold at least one pair; mc may be NULL. Returns HRI_ERR_INTERNAL
 * when PCRE2 fails (a JIT stack exhausted, a pattern it refuses). */
hri_status hri_gaz_scan(const hri_gaz *g, const char *text, size_t len,
                        pcre2_match_data *md, pcre2_match_context *mc,
                        hri_gaz_fn fn, void *ud);

/* The words of one text (runs of ASCII letters, digits and underscores),
 * found and hashed in one pass for every gazetteer that scans the text:
 * the names' and the taxonomy's read the same words. */
typedef struct hri_gaz_word {
	size_t start, len; /* byte offset and length in the text */
	uint64_t fold;     /* the gate key of the word lower-cased */
	uint64_t head;     /* its first four bytes (fewer in a shorter word)
	                      lower-cased, the first in the low byte: a
	                      caseless stem's gate key (gate_key()) */
} hri_gaz_word;

typedef struct hri_gaz_words {
	hri_gaz_word *w;
	size_t n, cap;     /* words read, allocated */
} hri_gaz_words;

/* Reads the words of the len bytes at text into ws (emptied first; its
 * memory is kept for the next text). Returns HRI_ERR_NOMEM. */
hri_status hri_gaz_words_read(hri_gaz_words *ws, const char *text,
                              size_t len);

/* Frees what ws holds and empties it. */
void hri_gaz_words_free(hri_gaz_words *ws);

/* hri_gaz_scan() over the words ws that hri_gaz_words_read() found in
 * text. */
hri_status hri_gaz_scan_words(const hri_gaz *g, const char *text, size_t len,
                              const hri_gaz_words *ws, pcre2_match_data *md,
                              pcre2_match_context *mc, hri_gaz_fn fn,
                              void *ud);

/* Returns the id of the phrase that the whole len bytes at s match, or -1.
 * s need not be valid UTF-8 (then -1). */
int hri_gaz_lookup(const hri_gaz *g, const char *s, size_t len);

/* Returns the number of distinct phrases. */
int hri_gaz_count(const hri_gaz *g);

#endif
