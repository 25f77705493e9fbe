/* search.c - one search printed, and the --show lookup. */
#include "search.h"

#include <errno.h>

#include <stdio.h>
#include <string.h>

#include "jsonl.h"
#include "log.h"

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
	const char *sugg;
	hri_status st, res = HRI_OK;
	size_t i, n;

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
	/* In CSV the facet table follows the hits after an empty line. */
	if (qo->nfacets && o->format == HRI_FMT_CSV && n) {
		o->header_done = 0;
		fputs("\r\n", o->fp);
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
	/* Asked only when it is to be shown: working it out costs lookups. */
	sugg = hri_hits_matches(hits) < HRI_SEARCH_FEW_HITS
	           ? hri_hits_suggestion(hits) : NULL;
	if (sugg) {
		hri_info(NULL, "did you mean: %s", sugg);
		if (o->format == HRI_FMT_JSON) {
			json_t *r = json_pack("{s:s, s:s, s:s}", "type", "suggestion",
			                      "query", query, "did_you_mean", sugg);
			if (!r || hri_jsonl_write(o->fp, r)) {
				snprintf(err, errsz, "cannot write the suggestion");
				res = HRI_ERR_IO;
			}
			json_decref(r);
		}
	}
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
