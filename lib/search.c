/* search.c - one search printed, and the --show lookup. */
#include "search.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonl.h"
#include "log.h"

const char *
hri_search_query(const char *query)
{
	const char *p = query;

	if (!p)
		return "";
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return *p ? query : "";
}

/* Returns whether sugg, a spelling correction of a query with the filters
 * of qo that found nothing, is worth offering: made of the index's own
 * words and prefixes only, and finding something with the same filters. */
static int
suggestion_holds(hri_db *db, const char *sugg, const hri_query_opts *qo)
{
	hri_why why[HRI_SEARCH_WHY_MAX];
	hri_query_opts count = *qo;
	hri_hits *hits = NULL;
	size_t n = 0;
	int holds;

	if (hri_db_explain(db, sugg, 0, why, HRI_SEARCH_WHY_MAX, &n) || n)
		return 0;
	count.offset = 0;
	count.limit = 0;
	count.facets = NULL;
	count.nfacets = 0;
	if (hri_db_query(db, sugg, &count, &hits))
		return 0;
	holds = hri_hits_matches(hits) > 0;
	hri_hits_free(hits);
	return holds;
}

void
hri_search_why_get(hri_db *db, const hri_hits *hits, const char *query,
                   const hri_query_opts *qo, hri_search_why *w)
{
	int none = hri_hits_matches(hits) == 0;
	const char *sugg;
	size_t i;

	memset(w, 0, sizeof *w);
	query = hri_search_query(query);
	if (!*query)
		return;
	if (hri_db_explain(db, query, !none, w->why, HRI_SEARCH_WHY_MAX, &w->n)) {
		w->n = 0;
		return;
	}
	/* Asked only when it is to be shown: working it out costs lookups. */
	sugg = hri_hits_matches(hits) < HRI_SEARCH_FEW_HITS
	           ? hri_hits_suggestion(hits) : NULL;
	/* "foo:bar" is no misspelling of "for:ban" */
	for (i = 0; sugg && i < w->n; i++)
		if (w->why[i].kind == HRI_WHY_PREFIX)
			sugg = NULL;
	if (sugg && strcmp(sugg, query) != 0 && suggestion_holds(db, sugg, qo))
		w->suggestion = strdup(sugg);
}

void
hri_search_why_free(hri_search_why *w)
{
	free(w->suggestion);
	w->suggestion = NULL;
}

void
hri_search_why_text(const hri_why *why, char *out, size_t outsz)
{
	const char *colon = strchr(why->token, ':');
	size_t i, n;

	switch (why->kind) {
	case HRI_WHY_PREFIX:
		n = (size_t)snprintf(out, outsz, "%s: \"%.*s:\" is no prefix of "
		                     "the query language", why->token,
		                     colon ? (int)(colon - why->token) : 0,
		                     why->token);
		break;
	case HRI_WHY_VALUE:
		n = (size_t)snprintf(out, outsz, "%s: no segment has this value",
		                     why->token);
		break;
	default:
		n = (size_t)snprintf(out, outsz, "%s: no segment has %s", why->token,
		                     why->token[0] == '"' ? "all these words"
		                                          : "this word");
		break;
	}
	for (i = 0; i < why->nnear && n < outsz; i++)
		n += (size_t)snprintf(out + n, outsz - n, "%s%s",
		                      i ? ", " : why->kind == HRI_WHY_PREFIX
		                                     ? "; did you mean "
		                                     : "; the closest the index "
		                                       "holds: ",
		                      why->near[i]);
	if (why->kind == HRI_WHY_PREFIX && why->nnear && n + 1 < outsz)
		snprintf(out + n, outsz - n, "?");
	if (why->kind == HRI_WHY_PREFIX && !why->nnear && n < outsz)
		snprintf(out + n, outsz - n, " (%s --help lists them)",
		         hri_log_prog());
}

/* Says what w holds: on stderr with o->tell, and in JSON as records.
 * Returns HRI_ERR_IO when the output failed. */
static hri_status
print_why(hri_out *o, const char *query, const hri_search_why *w,
          unsigned long matches)
{
	char text[2048];
	json_t *r, *near;
	size_t i, k;
	hri_status st = HRI_OK;
	static const char *const reasons[] = {"", "prefix", "value", "word"};

	if (o->tell && !matches && isatty(STDERR_FILENO))
		hri_info(NULL, "no matches");
	for (i = 0; i < w->n; i++) {
		if (o->tell) {
			hri_search_why_text(&w->why[i], text, sizeof text);
			hri_info(NULL, "%s", text);
		}
		if (o->format != HRI_FMT_JSON)
			continue;
		near = json_array();
		for (k = 0; near && k < w->why[i].nnear; k++)
			json_array_append_new(near, json_string(w->why[i].near[k]));
		r = near ? json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", "why",
		                     "query", query, "reason",
		                     reasons[w->why[i].kind], "term",
		                     w->why[i].token, "near", near)
		         : NULL;
		if (!r || hri_jsonl_write(o->fp, r))
			st = HRI_ERR_IO;
		json_decref(r);
	}
	if (w->suggestion) {
		if (o->tell)
			hri_info(NULL, "did you mean: %s", w->suggestion);
		if (o->format == HRI_FMT_JSON) {
			r = json_pack("{s:s, s:s, s:s}", "type", "suggestion", "query",
			              query, "did_you_mean", w->suggestion);
			if (!r || hri_jsonl_write(o->fp, r))
				st = HRI_ERR_IO;
			json_decref(r);
		}
	}
	return st;
}

hri_status
hri_search_failed(hri_db *db, hri_status st, const char *query, char *err,
                  size_t errsz)
{
	if (st == HRI_ERR_QUERY) {
		snprintf(err, errsz, "cannot parse the query \"%s\": %s", query,
		         hri_db_errmsg(db));
		return st;
	}
	if (st == HRI_ERR_INVALID) {
		snprintf(err, errsz, "%s", hri_db_errmsg(db));
		return st;
	}
	snprintf(err, errsz, "%s: %s", hri_status_str(st), hri_db_errmsg(db));
	return st == HRI_ERR_NOT_FOUND ? HRI_ERR_DB : st;
}

hri_status
hri_search_print(hri_db *db, hri_out *o, const char *query,
                 const hri_query_opts *qo, char *err, size_t errsz)
{
	hri_hits *hits = NULL;
	hri_search_why why = {0};
	hri_status st, res = HRI_OK;
	size_t i, n;

	/* One table a CSV file: the hits, or with --limit 0 the counts. */
	if (o->format == HRI_FMT_CSV && qo->nfacets && qo->limit) {
		snprintf(err, errsz, "CSV holds one table: the hits, or the facet "
		         "counts (field,value,count) with --limit 0; not both");
		return HRI_ERR_INVALID;
	}
	query = hri_search_query(query);
	st = hri_db_query(db, query, qo, &hits);
	if (st)
		return hri_search_failed(db, st, query, err, errsz);
	/* a recommendation's concern is read from the same database */
	if (!o->db)
		o->db = db;
	n = hri_hits_count(hits);
	for (i = 0; i < n; i++) {
		st = hri_out_hit(o, hits, i, qo->offset + i + 1);
		if (st == HRI_ERR_FORMAT) {
			hri_error(NULL, "hit %zu: stored data is not JSON; re-index",
			          i + 1);
			continue;
		}
		if (st) {
			snprintf(err, errsz, "cannot write: %s", st == HRI_ERR_IO
			         ? strerror(errno) : hri_status_str(st));
			res = HRI_ERR_IO;
			goto out;
		}
	}
	for (i = 0; i < qo->nfacets; i++) {
		st = hri_out_facet(o, hits, i, qo->facets[i]);
		if (st) {
			snprintf(err, errsz, "cannot write: %s", st == HRI_ERR_IO
			         ? strerror(errno) : hri_status_str(st));
			res = HRI_ERR_IO;
			goto out;
		}
	}
	hri_debug(NULL, "%lu matches", hri_hits_matches(hits));
	hri_search_why_get(db, hits, query, qo, &why);
	if (print_why(o, query, &why, hri_hits_matches(hits))) {
		snprintf(err, errsz, "cannot write: %s", strerror(errno));
		res = HRI_ERR_IO;
	}
	hri_search_why_free(&why);
	if (!res && hri_hits_matches(hits) == 0)
		res = HRI_ERR_NOT_FOUND;
out:
	hri_hits_free(hits);
	if (fflush(o->fp) != 0 && !res) {
		/* "No space left on device", not a generic I/O error */
		snprintf(err, errsz, "cannot write the output: %s", strerror(errno));
		res = HRI_ERR_IO;
	}
	return res;
}

hri_status
hri_search_facets(const char *list, const char **out, size_t max, size_t *n,
                  char *err, size_t errsz)
{
	char name[64], names[512];
	const char *p = list, *field;
	size_t len;

	*n = 0;
	while (*p) {
		len = strcspn(p, ",");
		/* a longer name is no field: it fails below, cut */
		snprintf(name, sizeof name, "%.*s", (int)len, p);
		p += len + (p[len] == ',');
		if (!len)
			continue;
		field = hri_field_facet(name);
		if (!field) {
			hri_field_facet_names(names, sizeof names);
			snprintf(err, errsz, "not a facet field: \"%.40s\" (fields: %s)",
			         name, names);
			return HRI_ERR_INVALID;
		}
		if (*n == max) {
			snprintf(err, errsz, "at most %zu fields", max);
			return HRI_ERR_TOO_BIG;
		}
		out[(*n)++] = field;
	}
	return HRI_OK;
}

hri_status
hri_search_show_init(hri_show *sh, const char *what)
{
	const char *hash = strchr(what, '#');
	size_t n = hash ? (size_t)(hash - what) : strlen(what);

	memset(sh, 0, sizeof *sh);
	if (n >= sizeof sh->symbol || (hash && strlen(hash + 1) >= sizeof sh->para))
		return HRI_ERR_TOO_BIG;
	memcpy(sh->symbol, what, n);
	sh->symbol[n] = '\0';
	sh->filters[0] = (hri_filter){"symbol", sh->symbol};
	sh->qo.nfilters = 1;
	/* "#14" is a paragraph with all its items; "#115.3" or "#45(e)" one
	 * segment, by its id. */
	if (hash && hash[1] &&
	    strspn(hash + 1, "0123456789") == strlen(hash + 1)) {
		snprintf(sh->para, sizeof sh->para, "%s", hash + 1);
		sh->filters[1] = (hri_filter){"para", sh->para};
		sh->qo.nfilters = 2;
	} else if (hash) {
		sh->filters[0] = (hri_filter){"id", what};
	}
	sh->qo.filters = sh->filters;
	sh->qo.limit = HRI_SEARCH_ALL_HITS;
	sh->qo.sort = HRI_SORT_DOC;
	return HRI_OK;
}

void
hri_search_show_missing(hri_db *db, const hri_show *sh, const char *what,
                        char *msg, size_t msgsz)
{
	hri_filter f = {"symbol", sh->symbol};
	hri_query_opts qo = {0};
	hri_hits *hits = NULL;
	hri_why why;
	char q[300];
	size_t n = 0, i, len;
	int has_doc = 0;

	/* the document may be there, only not its paragraph */
	qo.filters = &f;
	qo.nfilters = 1;
	if (!hri_db_query(db, "", &qo, &hits))
		has_doc = hri_hits_matches(hits) > 0;
	hri_hits_free(hits);
	if (has_doc) {
		snprintf(msg, msgsz, "%s: the index holds %s, but no segment %s",
		         what, sh->symbol, what);
		return;
	}
	len = (size_t)snprintf(msg, msgsz, "%s: no document %s in the index",
	                       what, sh->symbol);
	snprintf(q, sizeof q, "symbol:\"%s\"", sh->symbol);
	if (len >= msgsz || hri_db_explain(db, q, 0, &why, 1, &n) || !n ||
	    !why.nnear)
		return;
	for (i = 0; i < why.nnear && len < msgsz; i++)
		len += (size_t)snprintf(msg + len, msgsz - len, "%s%s",
		                        i ? ", " : "; the closest it holds: ",
		                        why.near[i] + strlen("symbol:"));
}
