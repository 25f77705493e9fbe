/* annotate.h - the one point where every finished segment record passes
 * before it is written: the extractor of citations, entities and themes
 * (parse/extract*) plugs in here. */
#ifndef HRI_ANNOTATE_H
#define HRI_ANNOTATE_H

#include <jansson.h>

#include "status.h"

typedef struct hri_annotate_ctx hri_annotate_ctx;

/* Creates the annotation context (tables loaded once per run). On HRI_OK
 * *out is a new context for hri_annotate_free(); on error *out is NULL and
 * err (errsz bytes) names the cause. */
hri_status hri_annotate_new(hri_annotate_ctx **out, char *err, size_t errsz);

/* Frees ctx; hri_annotate_free(NULL) does nothing. */
void hri_annotate_free(hri_annotate_ctx *ctx);

/* Adds the annotation fields of DESIGN.md (cites, instruments, countries,
 * ...) to the segment record seg of the document record doc (both
 * borrowed). Returns HRI_OK, or HRI_ERR_NOMEM. */
hri_status hri_annotate_segment(hri_annotate_ctx *ctx, const json_t *doc,
                                json_t *seg);

#endif
