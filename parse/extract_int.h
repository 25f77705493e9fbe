/* extract_int.h - what the extractor's modules share: compiling a pattern,
 * the per-document matching state, and each module's scanner. Not part of
 * the public interface (see extract.h). */
#ifndef HRI_EXTRACT_INT_H
#define HRI_EXTRACT_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <jansson.h>
#include <pcre2.h>
#include <stddef.h>

#include "extract_gazetteer.h"
#include "jsonl.h"
#include "status.h"
#include "symbol.h"

#define HRI_X_OVEC 40 /* capture pairs of the shared match data */

/* The month names, as the date scan and the cue of dates spell them, in
 * order and "|"-separated: one alternation for a pattern, one table. */
#define HRI_X_MONTHS "January|February|March|April|May|June|July|August|" \
	"September|October|November|December"

/* Compiles pat in UTF mode with JIT into *out; HRI_ERR_FORMAT with the
 * offset and reason in err when PCRE2 refuses it (a bug in a pattern). */
hri_status hri_x_compile(const char *pat, uint32_t opts, pcre2_code **out,
                         char *err, size_t errsz);

/* Returns the match of capture group n as (*s, *n) or 0 when unset. */
int hri_x_group(pcre2_match_data *md, const char *text, int n,
                const char **s, size_t *len);

/* Appends the string of len bytes at s to the array arr unless it is there
 * already; returns HRI_ERR_NOMEM on failure. */
hri_status hri_x_push_unique(json_t *arr, const char *s, size_t len);

/* The string values of the labels of the tables (a name, theme, SDG,
 * issue), one for each label, shared by the arrays that hold it; the
 * extractor owns one for its life (extract.c). */
typedef struct hri_x_labels hri_x_labels;
/* Makes an empty table into *out; HRI_ERR_NOMEM sets *out NULL. */
hri_status hri_x_labels_new(hri_x_labels **out);
/* Drops the table's references (the arrays keep theirs); NULL is a no-op. */
void hri_x_labels_free(hri_x_labels *lt);

/* A segment's list of labels of the tables (its countries,
 * organizations, treaties, themes, SDGs, affected persons or issues), in
 * the order given, written into its record by the JSON Lines writer: a
 * jansson array cost an append, a reference and a walk for each label and
 * a tree for each list. */
typedef struct hri_x_item {
	const char *s;   /* the label's bytes (v's) */
	size_t len;      /* bytes */
	json_t *v;       /* its string value: lt's, borrowed, or own's */
	int own;         /* v is a reference of the list's own */
	const char *json; /* lt's JSON text of it, or NULL: none */
	size_t jsonlen;  /* bytes */
} hri_x_item;
typedef struct hri_x_list {
	hri_x_item *item;
	size_t n;        /* items held */
	size_t cap;      /* items item has room for */
} hri_x_list;

/* Empties l, keeping its room; the list's own values are released. */
void hri_x_list_clear(hri_x_list *l);
/* Frees what l holds and empties it; an empty l is fine. */
void hri_x_list_free(hri_x_list *l);
/* Returns a new jansson array of l's values (as they were given), or
 * NULL when out of memory. */
json_t *hri_x_list_json(const hri_x_list *l);
/* Appends the JSON array of l's labels to w. */
void hri_x_list_write(const hri_x_list *l, hri_jsonl_out *w);

/* Appends the label of len bytes at s to l unless it is there already:
 * lt's value for it (lt NULL, or full: a new string of the list's own).
 * l must hold only labels this function appended with the same lt.
 * Returns HRI_ERR_NOMEM on failure. */
hri_status hri_x_push_label(hri_x_labels *lt, hri_x_list *l, const char *s,
                            size_t len);

/* The matching state one document (or one call) owns: PCRE2 match data and
 * a JIT stack large enough for the trie patterns. */
typedef struct hri_x_match {
	pcre2_match_data *md;     /* HRI_X_OVEC pairs */
	pcre2_match_context *mc;  /* carries the JIT stack */
	pcre2_jit_stack *js;
	hri_gaz_words words;      /* the words of the text being scanned */
	hri_x_labels *labels;     /* the extractor's, borrowed; NULL: none */
} hri_x_match;

/* Fills m with new match data, match context and JIT stack; HRI_ERR_NOMEM
 * leaves m empty. */
hri_status hri_x_match_init(hri_x_match *m);
/* Frees what m holds (an empty m is fine) and empties it. */
void hri_x_match_fini(hri_x_match *m);

/* Finds the next match of re in text (len bytes, valid UTF-8) at or after
 * *pos, into m's match data (its groups for hri_x_group()), and moves *pos
 * past it, one byte on for an empty match, so a scan always advances.
 * Sets *start and *end (may be NULL) to the match's bytes. Returns HRI_OK;
 * HRI_ERR_NOT_FOUND when there is no match before len; HRI_ERR_INTERNAL
 * when PCRE2 fails (a match limit: a bug in a pattern). */
hri_status hri_x_next(const pcre2_code *re, hri_x_match *m, const char *text,
                      size_t len, size_t *pos, size_t *start, size_t *end);

/* Citations of UN document symbols (extract_cite.c). */
typedef struct hri_cite_rules hri_cite_rules;
/* Each module's rules: _new compiles its patterns (*out NULL and err set on
 * HRI_ERR_FORMAT or HRI_ERR_NOMEM), _free frees them (NULL is a no-op). */
hri_status hri_cite_rules_new(hri_cite_rules **out, char *err, size_t errsz);
void hri_cite_rules_free(hri_cite_rules *r);
/* Appends {symbol, pinpoint} objects for the citations in text to cites,
 * resolving "ibid." to last (HRI_SYMBOL_MAX bytes, "" when none), which is
 * updated with each symbol cited; self, when not NULL, is never cited. */
hri_status hri_cite_scan(const hri_cite_rules *r, hri_x_match *m,
                         const char *text, size_t len, const char *self,
                         char *last, json_t *cites);

/* Resolutions, decisions, recommendations, general comments
 * (extract_instrument.c). */
typedef struct hri_instrument_rules hri_instrument_rules;
hri_status hri_instrument_rules_new(hri_instrument_rules **out, char *err,
                                    size_t errsz);
void hri_instrument_rules_free(hri_instrument_rules *r);
/* Appends {kind, issuer, number} objects to out for the instruments named in
 * text; doc_body (may be NULL) issues those named without an issuer (the
 * rules are in extract_instrument.c). */
hri_status hri_instrument_scan(const hri_instrument_rules *r, hri_x_match *m,
                               const char *text, size_t len,
                               const char *doc_body, json_t *out);

/* Persons (extract_person.c). */
typedef struct hri_person_rules hri_person_rules;
hri_status hri_person_rules_new(hri_person_rules **out, char *err,
                                size_t errsz);
void hri_person_rules_free(hri_person_rules *r);
/* Appends the names of the persons text names to out. */
hri_status hri_person_scan(const hri_person_rules *r, hri_x_match *m,
                           const char *text, size_t len, json_t *out);

/* Dates (extract_date.c). */
typedef struct hri_date_rules hri_date_rules;
hri_status hri_date_rules_new(hri_date_rules **out, char *err, size_t errsz);
void hri_date_rules_free(hri_date_rules *r);
/* Appends the ISO dates text names to out. */
hri_status hri_date_scan(const hri_date_rules *r, hri_x_match *m,
                         const char *text, size_t len, json_t *out);

/* Themes, SDGs and affected persons (extract_taxonomy.c). */
typedef struct hri_taxonomy hri_taxonomy;
/* Loads the rules of the file at path (data/taxonomy.tsv), whose values
 * must be labels of labels (which must outlive the rules); on failure *out
 * is NULL and err names the file and line. */
struct hri_labels;
hri_status hri_taxonomy_new(const char *path, const struct hri_labels *labels,
                            hri_taxonomy **out, char *err, size_t errsz);
void hri_taxonomy_free(hri_taxonomy *t);
/* Appends to themes, sdgs and affected the values whose rules fire in text;
 * explain, when not NULL, receives {field, value, rule, match} objects.
 * ws is the words of text (hri_gaz_words_read()), or NULL to read them. */
hri_status hri_taxonomy_scan(const hri_taxonomy *t, hri_x_match *m,
                             const char *text, size_t len,
                             const hri_gaz_words *ws, hri_x_list *themes,
                             hri_x_list *sdgs, hri_x_list *affected,
                             json_t *explain);

#endif
