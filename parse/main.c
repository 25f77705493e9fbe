/* main.c - hri-parse: cuts UN documents into their numbered paragraphs,
 * recommendations, footnotes and summary, as JSON Lines doc and segment
 * records (hri-records(5)), and position records when the document is a State's
 * response to its UPR recommendations. Input: fetched records or file
 * paths, from the arguments or one per line on stdin. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "akn.h"
#include "annotate.h"
#include "document.h"
#include "jsonl.h"
#include "jsonmem.h"
#include "log.h"
#include "loop.h"
#include "options.h"
#include "readers.h"
#include "record.h"
#include "sandbox.h"
#include "status.h"
#include "states.h"
#include "uprresponse.h"

static const char usage_text[] =
	"usage: hri-parse [-qv] [-s SYMBOL] [--akn DIR] [--explain] [--no-extract]\n"
	"                 [--memory-limit SIZE] [--cpu-limit S] [--wall-limit S]\n"
	"                 [FILE|RECORD|-]...\n"
	"       hri-parse -h|-V\n"
	"\n"
	"Cuts UN documents (PDF, DOCX, HTML, text, markdown) into doc and\n"
	"segment records, JSON Lines on stdout; a State's response to its UPR\n"
	"recommendations also gives position records. Input: fetched records from\n"
	"hri-fetch, or file paths; from the arguments, else one per line of\n"
	"standard input.\n"
	"\n"
	"  -s, --symbol SYM  the document symbol of a bare file (default: from\n"
	"                    the file name, A_HRC_26_41.txt is A/HRC/26/41)\n"
	"      --akn DIR     also write each document as Akoma Ntoso XML in DIR\n"
	"      --explain     say on each segment why each theme, SDG, affected\n"
	"                    group and issue was given: the table line and its\n"
	"                    words, or the model's top terms (\"explain\")\n"
	"      --no-extract  no annotations: segments only (for measuring)\n"
	"      --memory-limit SIZE\n"
	"                    address space of the process parsing one document\n"
	"                    (default 2G; K, M, G; 0: none)\n"
	"      --cpu-limit S its seconds of CPU time (default 60; 0: none)\n"
	"      --wall-limit S\n"
	"                    its seconds of wall time (default 120; 0: none);\n"
	"                    a document over a limit is an error record\n"
	"  -q, --quiet       errors only\n"
	"  -v, --verbose     say more\n"
	"  -h, --help        this help\n"
	"  -V, --version     the version\n";

/* State shared by the items of one run. */
typedef struct run {
	const char *symbol;      /* --symbol, or NULL */
	const char *akn_dir;     /* --akn, or NULL */
	hri_annotate_ctx *annot; /* the extractor's context */
	hri_uprresp *resp;       /* reads a State's UPR response */
	struct counts {
		unsigned long docs; /* documents parsed */
		unsigned long segs; /* segments written */
	} n;                     /* the worker gives its counts back */
} run;

/* Writes a record on stdout; returns nonzero when stdout failed. */
static int
emit(const json_t *rec)
{
	return hri_jsonl_write(stdout, rec) != HRI_OK;
}

/* Builds the input record of an item: the JSON record itself, or a path. */
static hri_item_result
item_record(const hri_item *it, run *r, json_t **out)
{
	char err[256];
	json_t *rec;

	*out = NULL;
	if (it->text[0] == '{') {
		if (hri_jsonl_parse(it->text, it->len, &rec, err, sizeof err)) {
			hri_error(it->where, "not a JSON record: %s", err);
			return HRI_ITEM_FAILED;
		}
		if (hri_record_check(rec, err, sizeof err)) {
			hri_error(it->where, "%s", err);
			json_decref(rec);
			return HRI_ITEM_FAILED;
		}
	} else {
		rec = json_object();
		if (!rec || hri_json_set_str(rec, "path", it->text))
			goto nomem;
		if (r->symbol && hri_json_set_str(rec, "symbol", r->symbol))
			goto nomem;
	}
	*out = rec;
	return HRI_ITEM_DONE;
nomem:
	json_decref(rec);
	hri_error(it->where, "%s", hri_status_str(HRI_ERR_NOMEM));
	return HRI_ITEM_FATAL;
}

/* Writes the position records of a State's response to its UPR
 * recommendations (none for any other document) and says on stderr what it
 * left unsettled. Returns HRI_ERR_NOMEM or HRI_ERR_IO (stdout failed). */
static hri_status
emit_positions(run *r, const char *name, const json_t *doc, const json_t *segs)
{
	json_t *pos = NULL, *notes = NULL, *v;
	hri_status st;
	size_t i;

	st = hri_uprresp_read(r->resp, doc, segs, &pos, &notes);
	if (st) {
		hri_error(name, "%s", hri_status_str(st));
		return st;
	}
	json_array_foreach(notes, i, v)
		hri_info(name, "%s", json_string_value(v));
	json_array_foreach(pos, i, v) {
		if (emit(v)) {
			st = HRI_ERR_IO;
			break;
		}
	}
	if (!st && json_array_size(pos))
		hri_debug(name, "%zu position records", json_array_size(pos));
	json_decref(pos);
	json_decref(notes);
	return st;
}

/* Returns the name messages give an item: the file, or the record's
 * symbol (in is its input record). */
static const char *
item_name(const hri_item *it, const json_t *in)
{
	const char *name = it->text[0] == '{' ? hri_json_str(in, "symbol")
	                                      : it->text;

	if (!name)
		name = hri_json_str(in, "path");
	return name ? name : it->where;
}

/* The sandbox's fail callback: a doc record with the error in place of the
 * records of a document over a limit or whose parser crashed. */
static hri_item_result
parse_failed(const hri_item *it, void *ud, const char *why)
{
	json_t *in = NULL, *doc;
	hri_item_result res;

	res = item_record(it, ud, &in);
	if (res != HRI_ITEM_DONE)
		return res;
	hri_error(item_name(it, in), "%s", why);
	doc = hri_document_error(in, why);
	res = !doc || emit(doc) ? HRI_ITEM_FATAL : HRI_ITEM_FAILED;
	json_decref(doc);
	json_decref(in);
	return res;
}

/* Parses one input item and writes its records. */
static hri_item_result
parse_item(const hri_item *it, void *ud)
{
	run *r = ud;
	json_t *in = NULL, *doc = NULL, *segs = NULL, *seg;
	hri_item_result res;
	int annot_failed = 0; /* some segment could not be annotated */
	const char *name, *status;
	char err[512];
	hri_status st;
	size_t i;

	res = item_record(it, r, &in);
	if (res != HRI_ITEM_DONE)
		return res;
	/* messages name what the user gave: the file, or the record's symbol */
	name = item_name(it, in);
	status = hri_json_str(in, "status");
	/* hri-fetch already reported its failures: passed on without a word
	 * as a doc record with the error, so that hri-index, the last stage of
	 * the pipeline, ends with "some records failed" (exit 3) too, not
	 * "nothing to do" */
	if (json_object_get(in, "error") || (status && strcmp(status, "error") == 0)) {
		hri_debug(name, "the fetch failed: passed on");
		doc = hri_document_error(in, hri_json_str(in, "error")
		                                 ? hri_json_str(in, "error")
		                                 : "the fetch failed");
		res = !doc || emit(doc) ? HRI_ITEM_FATAL : HRI_ITEM_FAILED;
		goto out;
	}
	hri_progress("%lu documents, %lu segments: %s", r->n.docs, r->n.segs, name);
	st = hri_document_parse(in, &doc, &segs, err, sizeof err);
	if (st == HRI_ERR_NOMEM && !doc) {
		hri_error(name, "%s", hri_status_str(st));
		res = HRI_ITEM_FATAL;
		goto out;
	}
	if (st) {
		hri_error(name, "%s", err);
		res = emit(doc) ? HRI_ITEM_FATAL : HRI_ITEM_FAILED;
		goto out;
	}
	if (hri_annotate_doc(r->annot, doc) || emit(doc)) {
		res = HRI_ITEM_FATAL;
		goto out;
	}
	json_array_foreach(segs, i, seg) {
		/* the single point each finished segment passes before output;
		 * a segment the extractor cannot annotate is still written, and
		 * the document counts as failed. The annotations go straight
		 * into the record's line, unless the Akoma Ntoso writer reads
		 * them from the segments after. */
		st = r->akn_dir ? hri_annotate_segment(r->annot, doc, seg)
		                : hri_annotate_find(r->annot, doc, seg);
		if (st == HRI_ERR_NOMEM) {
			hri_error(name, "%s", hri_status_str(st));
			res = HRI_ITEM_FATAL;
			goto out;
		}
		if (st) {
			hri_error(name, "annotating %s: %s",
			          hri_json_str(seg, "id"), hri_status_str(st));
			annot_failed = 1;
		}
		if (hri_annotate_write(r->annot, seg, stdout)) {
			res = HRI_ITEM_FATAL;
			goto out;
		}
		r->n.segs++;
	}
	st = emit_positions(r, name, doc, segs);
	if (st) {
		res = HRI_ITEM_FATAL;
		goto out;
	}
	if (r->akn_dir) {
		char path[4096];

		st = hri_akn_write(r->akn_dir, doc, segs, path, sizeof path);
		if (st) {
			hri_error(name, "writing Akoma Ntoso into %s: %s", r->akn_dir,
			          hri_status_str(st));
			res = HRI_ITEM_FAILED;
			goto out;
		}
		hri_debug(name, "wrote %s", path);
	}
	r->n.docs++;
	hri_debug(name, "%lld paragraphs, %zu segments",
	         hri_json_int(doc, "paragraphs", 0), json_array_size(segs));
	res = annot_failed ? HRI_ITEM_FAILED : HRI_ITEM_DONE;
out:
	if (res == HRI_ITEM_FATAL && ferror(stdout))
		hri_error("<stdout>", "write failed: %s", strerror(errno));
	json_decref(segs);
	json_decref(doc);
	json_decref(in);
	return res;
}

/* --memory-limit, --cpu-limit, --wall-limit: a limit of the process that
 * parses one document, into the hri_sandbox_limits at val; the sandbox
 * says what is wrong with a bad one. */
static int
opt_memory(const char *arg, void *val, char *why, size_t whysz)
{
	return hri_sandbox_parse_limit(val, 'm', arg, why, whysz) != 0;
}

static int
opt_cpu(const char *arg, void *val, char *why, size_t whysz)
{
	return hri_sandbox_parse_limit(val, 'c', arg, why, whysz) != 0;
}

static int
opt_wall(const char *arg, void *val, char *why, size_t whysz)
{
	return hri_sandbox_parse_limit(val, 'w', arg, why, whysz) != 0;
}

int
main(int argc, char **argv)
{
	run r = {0};
	hri_sandbox_limits lim;
	hri_sandbox *sb = NULL;
	hri_loop_stats stats;
	char err[256];
	int rc, first, explain = 0, no_extract = 0;
	const hri_opt opts[] = {
		{.name = "symbol", .letter = 's', .kind = HRI_OPT_STRING,
		 .val = &r.symbol},
		{.name = "akn", .kind = HRI_OPT_STRING, .val = &r.akn_dir},
		{.name = "explain", .kind = HRI_OPT_FLAG, .val = &explain},
		{.name = "no-extract", .kind = HRI_OPT_FLAG, .val = &no_extract},
		{.name = "memory-limit", .kind = HRI_OPT_FN, .val = &lim,
		 .fn = opt_memory},
		{.name = "cpu-limit", .kind = HRI_OPT_FN, .val = &lim,
		 .fn = opt_cpu},
		{.name = "wall-limit", .kind = HRI_OPT_FN, .val = &lim,
		 .fn = opt_wall},
		{0}};

	/* first: every JSON value from here on is made in its free lists */
	hri_jsonmem_init();
	hri_log_init("hri-parse");
	/* past a file size limit, a write error to report, not a signal */
	signal(SIGXFSZ, SIG_IGN);
	hri_sandbox_limits_default(&lim);
	rc = hri_opts_parse(argc, argv, opts, usage_text, &first);
	if (rc != HRI_OPTS_GO_ON)
		return rc;
	/* the States of UPR recommendations are read with extraction or not */
	if (!hri_states_default()) {
		hri_error(NULL, "%s", hri_states_default_error());
		return HRI_EXIT_FATAL;
	}
	if (hri_annotate_new(&r.annot, !no_extract, err, sizeof err)) {
		hri_error(NULL, "%s", err);
		return HRI_EXIT_FATAL;
	}
	if (hri_uprresp_new(&r.resp, err, sizeof err)) {
		hri_error(NULL, "%s", err);
		hri_annotate_free(r.annot);
		return HRI_EXIT_FATAL;
	}
	hri_annotate_set_explain(r.annot, explain);
	/* each document in the worker process under the limits (sandbox.h) */
	if (hri_sandbox_new(&lim, parse_item, parse_failed, &r, &r.n, sizeof r.n,
	                    &sb)) {
		hri_error(NULL, "%s", hri_status_str(HRI_ERR_NOMEM));
		hri_annotate_free(r.annot);
		hri_uprresp_free(r.resp);
		return HRI_EXIT_FATAL;
	}
	hri_loop(argc - first, argv + first, 0, hri_sandbox_item, sb, &stats);
	if (hri_sandbox_end(sb) && !stats.fatal)
		stats.failed++;
	hri_sandbox_free(sb);
	hri_progress_end();
	hri_annotate_free(r.annot);
	hri_uprresp_free(r.resp);
	if (fflush(stdout) != 0) {
		hri_error("<stdout>", "write failed: %s", strerror(errno));
		return HRI_EXIT_FATAL;
	}
	if (stats.usage) {
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	return hri_loop_exit(&stats);
}
