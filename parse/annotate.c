/* annotate.c - the hook between the segmenter and the output: runs the
 * extractor (extract.h) over each finished segment, one extractor document
 * per parsed document so that "ibid." never reaches across documents. */
#include "annotate.h"

#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "jsonl.h"
#include "symbol.h"

struct hri_annotate_ctx {
	hri_extractor *ex;     /* tables and compiled patterns, loaded once */
	hri_extract_doc *doc;  /* state of the document being annotated */
	json_t *doc_rec;       /* the doc record doc belongs to (a reference) */
	int explain;           /* add "explain" to each segment */
	int off;               /* extraction turned off (--no-extract) */
	int held;              /* doc holds the annotations of a segment */
};

hri_status
hri_annotate_new(hri_annotate_ctx **out, int extract, char *err,
                 size_t errsz)
{
	hri_annotate_ctx *ctx;
	hri_status st;

	*out = NULL;
	ctx = calloc(1, sizeof *ctx);
	if (!ctx)
		return HRI_ERR_NOMEM;
	/* Building the extractor is most of a small run's cost: not when it
	 * will not be used. */
	ctx->off = !extract;
	st = extract ? hri_extractor_new(&ctx->ex, err, errsz) : HRI_OK;
	if (st) {
		free(ctx);
		return st;
	}
	*out = ctx;
	return HRI_OK;
}

void
hri_annotate_free(hri_annotate_ctx *ctx)
{
	if (!ctx)
		return;
	hri_extract_doc_free(ctx->doc);
	json_decref(ctx->doc_rec);
	hri_extractor_free(ctx->ex);
	free(ctx);
}

void
hri_annotate_set_explain(hri_annotate_ctx *ctx, int on)
{
	ctx->explain = on;
}

/* Makes ctx->doc the extractor state of the document record doc, starting
 * a fresh one when doc is not the document seen last. */
static hri_status
switch_doc(hri_annotate_ctx *ctx, const json_t *doc)
{
	hri_status st;

	if (ctx->doc && ctx->doc_rec == doc)
		return HRI_OK;
	hri_extract_doc_free(ctx->doc);
	ctx->doc = NULL;
	json_decref(ctx->doc_rec);
	ctx->doc_rec = NULL;
	st = hri_extract_doc_new(ctx->ex, hri_json_str(doc, "symbol"),
	                         hri_json_str(doc, "body"), &ctx->doc);
	if (st)
		return st;
	hri_extract_doc_set_explain(ctx->doc, ctx->explain);
	ctx->doc_rec = json_incref((json_t *)doc);
	return HRI_OK;
}

hri_status
hri_annotate_doc(hri_annotate_ctx *ctx, json_t *doc)
{
	const char *sym = hri_json_str(doc, "symbol");
	const char *raw = hri_json_str(doc, "state_under_review");
	const char *body = hri_json_str(doc, "body");
	const char *mech = hri_json_str(doc, "mechanism");
	const char *name = NULL;
	hri_symbol_info info;

	if (ctx->off || !mech)
		return HRI_OK;
	/* a treaty body's symbol says its State: CCPR/C/USA/CO/4 */
	if (strcmp(mech, "treaty-body") == 0 && sym &&
	    hri_symbol_parse(sym, &info) == HRI_OK && info.country[0])
		name = hri_extract_state_code(ctx->ex, info.country);
	if (!name && raw)
		name = hri_extract_state(ctx->ex, raw, strlen(raw));
	if (name) {
		if (hri_json_set_str(doc, "state_under_review", name))
			return HRI_ERR_NOMEM;
	} else if (raw) {
		/* as written it names no State ("the World Trade Organization") */
		json_object_del(doc, "state_under_review");
	}
	/* a special procedure's mandate under the name organizations.tsv
	 * gives it */
	if (strcmp(mech, "special-procedure") == 0 && body) {
		name = hri_extract_org(ctx->ex, body, strlen(body));
		if (name && strcmp(name, body) != 0 &&
		    hri_json_set_str(doc, "body", name))
			return HRI_ERR_NOMEM;
	}
	return HRI_OK;
}

hri_status
hri_annotate_find(hri_annotate_ctx *ctx, const json_t *doc, const json_t *seg)
{
	const char *kind = hri_json_str(seg, "kind");
	const char *context = NULL;
	hri_status st;

	ctx->held = 0;
	if (ctx->off)
		return HRI_OK;
	st = switch_doc(ctx, doc);
	if (st)
		return st;
	/* a concern, and a recommendation answering one, stand under a
	 * subject line that says what they are about */
	if (kind && (strcmp(kind, "concern") == 0 ||
	             json_object_get(seg, "concern")))
		context = hri_json_str(seg, "section_title");
	st = hri_extract_find(ctx->doc, seg, context);
	/* what was found is written even when the text could not be read
	 * through, as an over-long text gets its empty arrays */
	ctx->held = st != HRI_ERR_INVALID;
	return st;
}

hri_status
hri_annotate_segment(hri_annotate_ctx *ctx, const json_t *doc, json_t *seg)
{
	hri_status st = hri_annotate_find(ctx, doc, seg), ast;

	if (!ctx->held)
		return st;
	ctx->held = 0;
	ast = hri_extract_attach(ctx->doc, seg);
	return st ? st : ast;
}

hri_status
hri_annotate_write(hri_annotate_ctx *ctx, const json_t *seg, FILE *fp)
{
	hri_jsonl_out w;
	size_t n;

	if (!ctx->held)
		return hri_jsonl_write(fp, seg);
	/* the segment's members, then the annotations as they would follow
	 * them in its object: no tree made for them, walked and freed */
	hri_jsonl_out_start(&w, fp);
	if (hri_jsonl_out_open(&w, seg, &n))
		return HRI_ERR_IO;
	if (n)
		hri_jsonl_out_raw(&w, ",", 1);
	if (hri_extract_write(ctx->doc, &w))
		return HRI_ERR_IO;
	hri_jsonl_out_raw(&w, "}", 1);
	return hri_jsonl_out_end(&w);
}
