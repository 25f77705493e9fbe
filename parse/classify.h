/* classify.h - the learned classifier of hri-parse: a linear multi-label
 * model (one logistic regression per label) over the stems and stem pairs
 * of a segment's text, read from data/classifier.model, which `make model`
 * writes with hri-train (parse/train/). It gives the UPR-info issues of a
 * recommendation and, beside the phrase rules of taxonomy.tsv, themes and
 * affected persons.
 *
 * The model file is text, one record a line, tab-separated:
 *   hri-classifier <version>      first line; this reader takes version 1
 *   set <field> <labels> <threshold> <fallback>
 *   label <index> <bias> <name>   the labels of the set above, in order
 *   w <feature> <set>.<label>:<weight> ...
 * A label is given when its probability reaches the set's threshold; when
 * none does, the most probable one is given if it reaches fallback. */
#ifndef HRI_CLASSIFY_H
#define HRI_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "status.h"

#define HRI_CLASSIFY_VERSION 1
#define HRI_CLASSIFY_FEATURES_MAX 4096 /* distinct features read of a text */
#define HRI_CLASSIFY_LABELS_MAX 128    /* labels of one set */
#define HRI_CLASSIFY_WORD_MAX 40       /* bytes of a word; longer ones are cut */

/* Calls fn(feature, len, ud) for each feature of the len bytes of text, in
 * text order, repeats included: the stem of each word (ASCII letters folded
 * to lower case, inflections removed: "ratified" and "ratifying" are
 * "ratify"; words with digits and stop words skipped) and each pair of
 * consecutive stems, "ratify optional", not across ; : ( ) or a full stop.
 * The feature is valid for the call only. Returns the number of calls. */
size_t hri_classify_features(const char *text, size_t len,
                             void (*fn)(const char *f, size_t n, void *ud),
                             void *ud);

/* Calls fn() for each distinct feature of text, at most
 * HRI_CLASSIFY_FEATURES_MAX, and returns their number: what the model sees
 * of a text (each feature weighs 1/sqrt(number)). */
size_t hri_classify_distinct(const char *text, size_t len,
                             void (*fn)(const char *f, size_t n, void *ud),
                             void *ud);

/* Returns the 64-bit FNV-1a hash of the n bytes at s, never 0 (the hash
 * tables of the model and of hri-train keep features by it). */
uint64_t hri_classify_hash(const char *s, size_t n);

typedef struct hri_classifier hri_classifier;

/* Loads the model file at path: the binary form hri-train writes (mapped,
 * every offset checked) or the text form (hri-train --text, parsed). On
 * HRI_OK *out is new, to free with hri_classifier_free(); on failure *out
 * is NULL and err (errsz bytes) says which line or part is wrong:
 * HRI_ERR_NOT_FOUND, HRI_ERR_IO, HRI_ERR_FORMAT (not a model of a version
 * this reader knows, a malformed line, a damaged binary file),
 * HRI_ERR_NOMEM. */
hri_status hri_classifier_load(const char *path, hri_classifier **out,
                               char *err, size_t errsz);

/* The model in its text form (hri-train --text), len bytes at text, named
 * name in messages; as hri_classifier_load(). */
hri_status hri_classifier_parse(const char *text, size_t len,
                                const char *name, hri_classifier **out,
                                char *err, size_t errsz);

/* Writes c to path (atomically) in the binary form hri_classifier_load()
 * maps without parsing: what make model ships. Returns HRI_ERR_TOO_BIG, 
 * HRI_ERR_NOMEM or the write's error, with err (errsz bytes) saying it. */
hri_status hri_classifier_save(const hri_classifier *c, const char *path,
                               char *err, size_t errsz);

/* Frees c; NULL is a no-op. */
void hri_classifier_free(hri_classifier *c);

/* Returns nonzero when c has a set for field ("issues", "themes",
 * "affected"). */
int hri_classifier_has(const hri_classifier *c, const char *field);

/* Appends to the list outs[i] (extract_int.h) the labels of set fields[i]
 * the model gives text, for each of the nfields sets (each label once; the
 * text is read once for all of them); with explain not NULL, appends for each label an object {field,
 * value, rule, match}: rule "classifier.model p=0.93", match the text's
 * features that raised the label most ("ratify, optional protocol"). A
 * field the model has no set for gets nothing. The labels' string values
 * are shared's (the extractor's table, extract_int.h), or new when it is
 * NULL. Returns HRI_ERR_NOMEM on failure. */
struct hri_x_labels;
struct hri_x_list;
hri_status hri_classifier_scan(const hri_classifier *c,
                               struct hri_x_labels *shared, const char *text,
                               size_t len, const char *const *fields,
                               struct hri_x_list *const *outs, size_t nfields,
                               json_t *explain);

/* Returns the first label of set field that is not a label of lfield in
 * the table l (labels.h), or NULL when all are. */
struct hri_labels;
const char *hri_classifier_unknown(const hri_classifier *c, const char *field,
                                   const struct hri_labels *l,
                                   const char *lfield);

#endif
