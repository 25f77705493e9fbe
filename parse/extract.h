/* extract.h - the annotator of hri-parse: finds in a segment's text the UN
 * documents it cites, the resolutions and decisions it names, the States,
 * bodies, persons, dates and treaties it mentions, and the themes, SDGs and
 * affected persons it concerns, from the tables in data/.
 *
 * An hri_extractor holds the tables and the compiled PCRE2 patterns; load it
 * once and share it (read-only) between documents. An hri_extract_doc holds
 * what one document needs across its segments (the last symbol cited, for
 * "ibid."); feed it the document's segments in document order, footnotes
 * included. */
#ifndef HRI_EXTRACT_H
#define HRI_EXTRACT_H

#include <stddef.h>

#include <jansson.h>

#include "jsonl.h"
#include "status.h"

typedef struct hri_extractor hri_extractor;
typedef struct hri_extract_doc hri_extract_doc;

/* Loads the tables of data/ (countries.tsv, organizations.tsv, treaties.tsv,
 * labels.tsv, taxonomy.tsv, classifier.model, iso3.tsv, found with
 * hri_data_path()) and compiles every pattern. On
 * HRI_OK *out is a new extractor the caller frees with hri_extractor_free().
 * On failure *out is NULL and err (errsz bytes) names the table, line and
 * reason: HRI_ERR_NOT_FOUND (a table is missing), HRI_ERR_IO,
 * HRI_ERR_FORMAT (a malformed line or pattern), HRI_ERR_NOMEM. */
hri_status hri_extractor_new(hri_extractor **out, char *err, size_t errsz);

/* Frees ex; NULL is a no-op. Every hri_extract_doc made from ex must be
 * freed first. */
void hri_extractor_free(hri_extractor *ex);

/* Starts a document: doc_symbol is its own symbol (a citation of it inside
 * itself is not recorded), doc_body its body ("Human Rights Council",
 * "Human Rights Council Advisory Committee", "General Assembly"), which
 * issues the resolutions, decisions and recommendations the text names
 * without an issuer. Either may be NULL. ex must outlive the document. On
 * HRI_OK *out is new, to free with hri_extract_doc_free(); HRI_ERR_NOMEM
 * leaves *out NULL. */
hri_status hri_extract_doc_new(const hri_extractor *ex, const char *doc_symbol,
                               const char *doc_body, hri_extract_doc **out);

/* Frees d; NULL is a no-op. */
void hri_extract_doc_free(hri_extract_doc *d);

/* Reads seg's "text" (and "kind") and sets on seg the annotation arrays of
 * hri-records(5): cites, instruments, countries, organizations, persons,
 * dates, treaties, themes, sdgs, affected, issues (always present,
 * possibly empty). A recommendation (kind "recommendation") gets the
 * model's themes and affected persons; a UPR one (with a "recommending"
 * array, which the segmenter fills with UN short names) also its issues and
 * "Public officials". A seg without a string "text" gets empty arrays.
 * Returns HRI_ERR_INVALID when seg is not an object, HRI_ERR_TOO_BIG when
 * the text exceeds HRI_SEGMENT_TEXT_MAX (record.h), HRI_ERR_NOMEM; seg may
 * then be partly annotated. */
hri_status hri_extract_segment(hri_extract_doc *d, json_t *seg);

/* As hri_extract_segment(), and the themes, SDGs and affected persons of
 * context too (may be NULL): the subject line a concluding observation's
 * concern or recommendation stands under ("Death penalty"), which names
 * what its items often leave unsaid. */
hri_status hri_extract_segment_context(hri_extract_doc *d, json_t *seg,
                                       const char *context);

/* Finds what hri_extract_segment_context() sets on seg, leaving seg as it
 * is: d holds the arrays until the next call, for hri_extract_write() or
 * hri_extract_attach(). Returns what hri_extract_segment_context() returns;
 * after HRI_ERR_TOO_BIG or an error of a scan d holds what was found
 * before it (empty arrays for a text too long), after HRI_ERR_INVALID
 * (seg no object) nothing to write. */
hri_status hri_extract_find(hri_extract_doc *d, const json_t *seg,
                            const char *context);

/* Sets on seg the arrays d holds from hri_extract_find(), in the order of
 * hri-records(5), and gives them to seg (d holds none after). Returns
 * HRI_ERR_NOMEM when seg could not take one. */
hri_status hri_extract_attach(hri_extract_doc *d, json_t *seg);

/* Appends to w the members hri_extract_attach() would add to a record,
 * '"cites":[...],...', with no comma before the first: what a record
 * written without a tree for its annotations carries. Returns
 * HRI_ERR_INVALID when an array cannot be written. */
hri_status hri_extract_write(const hri_extract_doc *d, hri_jsonl_out *w);

/* With on nonzero, hri_extract_segment() also sets seg["explain"]: an array
 * of {field, value, rule, match} saying, for each theme, SDG, affected
 * group and issue, which rule of data/taxonomy.tsv fired on which words, or
 * the model's probability and the terms that raised the label most. */
void hri_extract_doc_set_explain(hri_extract_doc *d, int on);

/* Returns the UN short name for the State name, form or adjective of len
 * bytes at name ("the Syrian Arab Republic", "Turkey", "Nigerian"), or NULL
 * when it names no State. The result is borrowed from ex and lives as long
 * as ex. */
const char *hri_extract_state(const hri_extractor *ex, const char *name,
                              size_t len);

/* Returns the canonical name of the organization, body or mandate of len
 * bytes at name ("Special Rapporteur on torture"), or NULL when
 * organizations.tsv does not know it. Borrowed from ex. */
const char *hri_extract_org(const hri_extractor *ex, const char *name,
                            size_t len);

/* Returns the UN short name of the State whose ISO 3166-1 alpha-3 code is
 * code ("USA"), from data/iso3.tsv, or NULL. Borrowed from ex. */
const char *hri_extract_state_code(const hri_extractor *ex, const char *code);

/* Annotates the text of len bytes at text as one paragraph of a document
 * with symbol doc_symbol and body doc_body, and returns a new segment
 * object carrying "text" and the annotation arrays (the caller
 * json_decref()s it), or NULL when out of memory or the text is too long.
 * For benchmarks and quick checks: `hri_extract_text(ex, buf, n, NULL,
 * NULL)`. */
json_t *hri_extract_text(const hri_extractor *ex, const char *text, size_t len,
                         const char *doc_symbol, const char *doc_body);

/* Annotates each paragraph of the text of len bytes at text (paragraphs are
 * separated by blank lines; the lines of one are joined with spaces) as the
 * segments, in order, of one document of symbol doc_symbol and body
 * doc_body, and calls fn(seg, ud) for each (seg is borrowed for the call;
 * fn may be NULL). For benchmarks: one document state serves the whole
 * text, as in hri-parse. *paragraphs, when not NULL, receives the count.
 * Returns HRI_ERR_INVALID when a paragraph is not UTF-8, or what
 * hri_extract_segment() returns; it stops at the first error. */
hri_status hri_extract_paragraphs(const hri_extractor *ex, const char *text,
                                  size_t len, const char *doc_symbol,
                                  const char *doc_body,
                                  void (*fn)(json_t *seg, void *ud), void *ud,
                                  size_t *paragraphs);

#endif
