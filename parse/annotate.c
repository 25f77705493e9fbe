/* annotate.c - the hook between the segmenter and the output. */
#include "annotate.h"

#include <stdlib.h>

struct hri_annotate_ctx {
	int unused; /* the extractor's state goes here */
};

hri_status
hri_annotate_new(hri_annotate_ctx **out, char *err, size_t errsz)
{
	*out = calloc(1, sizeof **out);
	return *out ? HRI_OK : HRI_ERR_NOMEM;
}

void
hri_annotate_free(hri_annotate_ctx *ctx)
{
	free(ctx);
}

hri_status
hri_annotate_segment(hri_annotate_ctx *ctx, const json_t *doc, json_t *seg)
{
	/* Empty until the extractor (parse/extract*) is wired in: it adds
	 * cites, instruments, countries, organizations, persons, dates,
	 * treaties, themes, sdgs and affected to seg, and normalises the
	 * names in "recommending". */
	return HRI_OK;
}
