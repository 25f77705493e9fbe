/* annotate.h - the one point where every finished segment record passes
 * before it is written: the extractor of citations, entities and themes
 * (parse/extract*) plugs in here. */
#ifndef HRI_ANNOTATE_H
#define HRI_ANNOTATE_H

#include <stdio.h>

#include <jansson.h>

#include "status.h"

typedef struct hri_annotate_ctx hri_annotate_ctx;

/* Creates the annotation context: with extract nonzero the extractor, its
 * tables loaded and patterns compiled once per run; with extract zero
 * (hri-parse --no-extract, for measuring the extractor's cost) none, and
 * segments pass through unannotated. On HRI_OK *out is a new context for
 * hri_annotate_free(); on error *out is NULL and err (errsz bytes) names
 * the cause. */
hri_status hri_annotate_new(hri_annotate_ctx **out, int extract, char *err,
                            size_t errsz);

/* Frees ctx; hri_annotate_free(NULL) does nothing. */
void hri_annotate_free(hri_annotate_ctx *ctx);

/* With on nonzero, each segment also gets "explain": why each theme, SDG and
 * affected group was given (hri-parse --explain). */
void hri_annotate_set_explain(hri_annotate_ctx *ctx, int on);

/* Settles the doc record doc before it is written: "state_under_review"
 * becomes the UN short name of the State (from a treaty body's symbol, else
 * from the name as the title writes it; a name that is no State is
 * removed), and a special procedure's "body" the name organizations.tsv
 * gives its mandate. With extraction turned off, doc is left as it is.
 * Returns HRI_OK or HRI_ERR_NOMEM. */
hri_status hri_annotate_doc(hri_annotate_ctx *ctx, json_t *doc);

/* As hri_annotate_segment(), but seg is left as it is: ctx holds the
 * annotations found until the next call, for hri_annotate_write(). */
hri_status hri_annotate_find(hri_annotate_ctx *ctx, const json_t *doc,
                             const json_t *seg);

/* Writes seg as one JSON Lines record to fp, with the annotations
 * hri_annotate_find() found for it as their members (none when extraction
 * is off or the last call found nothing to write): the bytes
 * hri_jsonl_write() writes of seg annotated by hri_annotate_segment().
 * Returns HRI_ERR_IO when fp fails or seg cannot be written. */
hri_status hri_annotate_write(hri_annotate_ctx *ctx, const json_t *seg,
                              FILE *fp);

/* Adds the annotation fields of hri-records(5) (cites, instruments,
 * countries, ...) to the segment record seg of the document record doc (both
 * borrowed). The extractor's per-document state (the symbol "ibid."
 * repeats) starts afresh with each new doc record. Returns HRI_OK, or the
 * extractor's error: HRI_ERR_TOO_BIG for an over-long text, HRI_ERR_NOMEM.
 * A concern, or a recommendation with a "concern", also takes the themes,
 * SDGs and affected persons of its section title (its subject line). */
hri_status hri_annotate_segment(hri_annotate_ctx *ctx, const json_t *doc,
                                json_t *seg);

#endif
