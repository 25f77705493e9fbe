/* app.c - the routes of hri-serve: parameters checked, the search run by
 * the shared code, the answer built. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "links.h"
#include "log.h"
#include "output.h"
#include "pages.h"
#include "search.h"
#include "utf8.h"

/* The static files, a fixed set compiled in: a request's path only ever
 * selects one of these by exact name. */
static const struct {
	const char *path;
	const char *type;
	const char *body;
} statics[] = {
	{"/style.css", "text/css; charset=utf-8", HRI_PAGES_CSS},
	{"/robots.txt", "text/plain; charset=utf-8", "User-agent: *\nDisallow: /\n"},
};

/* The facets /api/facets counts when none are named. */
static const char *const all_facets[] = {
	"country", "theme", "sdg", "affected", "body", "year", "kind",
	"organization", "doctype", "session", "instrument", "treaty",
	"recommending", "position", "issue", "mechanism", "state_under_review",
	"article", "addressee"};

void
hri_req_add(hri_req *r, const char *key, const char *value)
{
	if (r->n == HRI_APP_MAX_PARAMS) {
		r->too_many++;
		return;
	}
	/* Xapian and the JSON output take UTF-8 only. */
	if (value && !hri_utf8_valid(value, strlen(value)))
		r->bad_utf8++;
	r->keys[r->n] = key;
	r->vals[r->n] = value ? value : "";
	r->n++;
}

/* Returns the first value of parameter key in r, or NULL. */
static const char *
param(const hri_req *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->keys[i], key) == 0)
			return r->vals[i];
	return NULL;
}

/* Parses count parameter key of r into *out (unchanged when absent), at
 * most max. Returns 0, or -1 with a message in err. */
static int
count_param(const hri_req *r, const char *key, unsigned long max,
            unsigned *out, char *err, size_t errsz)
{
	const char *s = param(r, key);
	char *end;
	unsigned long v;

	if (!s)
		return 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || *s == '-' || *s == '+' || *s == ' ') {
		snprintf(err, errsz, "%s: not a count: \"%.40s\"", key, s);
		return -1;
	}
	if (v > max) {
		snprintf(err, errsz, "%s: at most %lu", key, max);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

/* Fills s from r's q, f, sort, offset and limit (default limit dflt, at
 * most max). Returns 0, or -1 with the reason in err. */
static int
sreq_parse(const hri_req *r, hri_sreq *s, unsigned dflt, unsigned max,
           char *err, size_t errsz)
{
	const char *colon;
	size_t i, n;

	memset(s, 0, sizeof *s);
	s->limit = dflt;
	if (r->bad_utf8) {
		snprintf(err, errsz, "parameters must be UTF-8");
		return -1;
	}
	s->q = param(r, "q");
	if (!s->q)
		s->q = "";
	if (strlen(s->q) > HRI_APP_MAX_QUERY) {
		snprintf(err, errsz, "q: the query is too long (at most %d bytes)",
		         HRI_APP_MAX_QUERY);
		return -1;
	}
	if (count_param(r, "offset", HRI_SEARCH_ALL_HITS, &s->offset, err, errsz) ||
	    count_param(r, "limit", max, &s->limit, err, errsz))
		return -1;
	s->sort_name = param(r, "sort");
	if (!s->sort_name || !*s->sort_name ||
	    strcmp(s->sort_name, "relevance") == 0) {
		s->sort = HRI_SORT_RELEVANCE;
		s->sort_name = NULL;
	} else if (strcmp(s->sort_name, "date") == 0) {
		s->sort = HRI_SORT_DATE;
	} else if (strcmp(s->sort_name, "doc") == 0) {
		s->sort = HRI_SORT_DOC;
	} else {
		snprintf(err, errsz, "sort: relevance, date or doc, not \"%.40s\"",
		         s->sort_name);
		return -1;
	}
	for (i = 0; i < r->n; i++) {
		if (strcmp(r->keys[i], "f") != 0)
			continue;
		colon = strchr(r->vals[i], ':');
		n = colon ? (size_t)(colon - r->vals[i]) : 0;
		if (s->nfilters == HRI_APP_MAX_FILTERS) {
			snprintf(err, errsz, "f: at most %d filters",
			         HRI_APP_MAX_FILTERS);
			return -1;
		}
		if (!colon || n == 0 || n >= sizeof s->fields[0] || !colon[1] ||
		    strlen(colon + 1) > HRI_APP_MAX_QUERY) {
			snprintf(err, errsz, "f: FIELD:VALUE, not \"%.60s\"",
			         r->vals[i]);
			return -1;
		}
		memcpy(s->fields[s->nfilters], r->vals[i], n);
		s->fields[s->nfilters][n] = '\0';
		if (!hri_field_is_term(s->fields[s->nfilters]) &&
		    strcmp(s->fields[s->nfilters], "id") != 0) {
			snprintf(err, errsz, "f: not a field: \"%s\"",
			         s->fields[s->nfilters]);
			return -1;
		}
		s->raw[s->nfilters] = r->vals[i];
		s->filters[s->nfilters].field = s->fields[s->nfilters];
		s->filters[s->nfilters].value = colon + 1;
		s->nfilters++;
	}
	return 0;
}

hri_query_opts
hri_sreq_opts(const hri_sreq *s, const char *const *facets, size_t n)
{
	hri_query_opts qo = {0};

	qo.offset = s->offset;
	qo.limit = s->limit;
	qo.sort = s->sort;
	qo.filters = s->filters;
	qo.nfilters = s->nfilters;
	qo.facets = facets;
	qo.nfacets = facets ? n : 0;
	return qo;
}

/* An output stream into memory for resp's body. */
struct body {
	FILE *fp;
	char *buf;
	size_t len;
};

/* Opens b empty. Returns 0, or -1 when out of memory. */
static int
body_open(struct body *b)
{
	b->buf = NULL;
	b->len = 0;
	b->fp = open_memstream(&b->buf, &b->len);
	return b->fp ? 0 : -1;
}

/* Closes b and hands its text to resp with status and type. Returns
 * HRI_ERR_NOMEM when the stream failed. */
static hri_status
body_done(struct body *b, hri_resp *resp, int status, const char *type)
{
	int bad = ferror(b->fp);

	if (fclose(b->fp) != 0 || bad) {
		free(b->buf);
		return HRI_ERR_NOMEM;
	}
	resp->status = status;
	resp->type = type;
	resp->body = b->buf;
	resp->len = b->len;
	return HRI_OK;
}

/* Answers with status and message: a JSON error record for the API, a
 * page otherwise. */
static hri_status
fail(hri_resp *resp, int api, int status, const char *msg)
{
	struct body b;

	if (body_open(&b))
		return HRI_ERR_NOMEM;
	if (api) {
		json_t *r = json_pack("{s:s, s:i, s:s}", "type", "error", "status",
		                      status, "error", msg);
		if (r)
			hri_jsonl_write(b.fp, r);
		json_decref(r);
		return body_done(&b, resp, status, "application/json");
	}
	hri_page_error(b.fp, status, msg);
	return body_done(&b, resp, status, "text/html; charset=utf-8");
}

/* The HTTP status of a failure of the search code. */
static int
http_status(hri_status st)
{
	switch (hri_status_exit(st)) {
	case HRI_EXIT_NOTHING: return 404;
	case HRI_EXIT_USAGE: return 400;
	default: return 500;
	}
}

/* /api/search, /api/facets, /export.csv, /export.jsonl: what hri-query
 * prints for the same search, in format. */
static hri_status
route_print(hri_db *db, const hri_req *r, hri_resp *resp, int format,
            int facets_only, int export)
{
	char err[1024], why[900];
	const char *facets[32];
	const char *farg;
	hri_out o = {NULL, 0, 0, 0, HRI_OUT_SNIPPET, 0, NULL, 0};
	hri_query_opts qo;
	hri_sreq s;
	struct body b;
	hri_status st;
	size_t nf = 0;
	int api = !export;

	if (sreq_parse(r, &s, export ? HRI_APP_MAX_EXPORT : 10,
	               export ? HRI_APP_MAX_EXPORT : HRI_APP_MAX_LIMIT, err,
	               sizeof err))
		return fail(resp, api, 400, err);
	farg = param(r, "facets");
	if (facets_only && (!farg || !*farg)) {
		nf = sizeof all_facets / sizeof all_facets[0];
		memcpy(facets, all_facets, sizeof all_facets);
	} else if (farg && *farg) {
		if (hri_search_facets(farg, facets, sizeof facets / sizeof facets[0],
		                      &nf, why, sizeof why)) {
			snprintf(err, sizeof err, "facets: %s", why);
			return fail(resp, api, 400, err);
		}
	}
	qo = hri_sreq_opts(&s, nf ? facets : NULL, nf);
	if (facets_only)
		qo.limit = 0;
	if (param(r, "full"))
		o.full = 1;
	o.format = format;
	if (body_open(&b))
		return HRI_ERR_NOMEM;
	o.fp = b.fp;
	st = hri_search_print(db, &o, s.q, &qo, err, sizeof err);
	if (st && st != HRI_ERR_NOT_FOUND) {
		fclose(b.fp);
		free(b.buf);
		return fail(resp, api, http_status(st), err);
	}
	if (export)
		resp->disposition = format == HRI_FMT_CSV
		                        ? "attachment; filename=\"hri-export.csv\""
		                        : "attachment; filename=\"hri-export.jsonl\"";
	return body_done(&b, resp, 200, format == HRI_FMT_CSV
	                                    ? "text/csv; charset=utf-8"
	                                    : "application/x-ndjson");
}

/* /api/segment?id=SYMBOL#ID: what hri-query --show prints as JSON. */
static hri_status
route_api_segment(hri_db *db, const hri_req *r, hri_resp *resp)
{
	const char *id = param(r, "id");
	char err[1024];
	hri_out o = {NULL, HRI_FMT_JSON, 0, 1, HRI_OUT_SNIPPET, 0, NULL, 0};
	hri_show sh;
	struct body b;
	hri_status st;

	if (!id || !*id)
		return fail(resp, 1, 400, "id: give a segment id, SYMBOL#PARA");
	if (hri_search_show_init(&sh, id))
		return fail(resp, 1, 400, "id: too long");
	if (body_open(&b))
		return HRI_ERR_NOMEM;
	o.fp = b.fp;
	st = hri_search_print(db, &o, "", &sh.qo, err, sizeof err);
	if (st) {
		fclose(b.fp);
		free(b.buf);
		if (st == HRI_ERR_NOT_FOUND)
			snprintf(err, sizeof err, "no segment %.200s", id);
		return fail(resp, 1, http_status(st), err);
	}
	return body_done(&b, resp, 200, "application/x-ndjson");
}

/* / and /search: the search page. */
static hri_status
route_search(hri_db *db, const hri_req *r, hri_resp *resp)
{
	char err[1024];
	hri_sreq s;
	struct body b;
	hri_status st;

	if (sreq_parse(r, &s, HRI_APP_PAGE, HRI_APP_MAX_LIMIT, err, sizeof err))
		return fail(resp, 0, 400, err);
	if (body_open(&b))
		return HRI_ERR_NOMEM;
	/* "/" without a query is the home page: what the index holds */
	if (strcmp(r->path, "/") == 0 && !param(r, "q") && !s.nfilters)
		st = hri_page_home(b.fp, db, err, sizeof err);
	else
		st = hri_page_search(b.fp, db, &s, err, sizeof err);
	if (st && st != HRI_ERR_NOT_FOUND) {
		fclose(b.fp);
		free(b.buf);
		return fail(resp, 0, http_status(st), err);
	}
	return body_done(&b, resp, 200, "text/html; charset=utf-8");
}

/* /segment?id=SYMBOL#ID: the paragraph view. */
static hri_status
route_segment(hri_db *db, const hri_req *r, hri_resp *resp)
{
	const char *id = param(r, "id");
	char err[1024];
	struct body b;
	hri_status st;

	if (!id || !*id)
		return fail(resp, 0, 400, "id: give a segment id, SYMBOL#PARA");
	if (body_open(&b))
		return HRI_ERR_NOMEM;
	st = hri_page_segment(b.fp, db, id, param(r, "back"), err, sizeof err);
	if (st) {
		fclose(b.fp);
		free(b.buf);
		return fail(resp, 0, http_status(st), err);
	}
	return body_done(&b, resp, 200, "text/html; charset=utf-8");
}

/* Answers r on db. */
static hri_status
route(hri_db *db, const hri_req *r, hri_resp *resp)
{
	const char *p = r->path;

	if (strcmp(p, "/") == 0 || strcmp(p, "/search") == 0)
		return route_search(db, r, resp);
	if (strcmp(p, "/segment") == 0)
		return route_segment(db, r, resp);
	if (strcmp(p, "/api/search") == 0)
		return route_print(db, r, resp, HRI_FMT_JSON, 0, 0);
	if (strcmp(p, "/api/facets") == 0)
		return route_print(db, r, resp, HRI_FMT_JSON, 1, 0);
	if (strcmp(p, "/api/segment") == 0)
		return route_api_segment(db, r, resp);
	if (strcmp(p, "/export.csv") == 0)
		return route_print(db, r, resp, HRI_FMT_CSV, 0, 1);
	if (strcmp(p, "/export.jsonl") == 0)
		return route_print(db, r, resp, HRI_FMT_JSON, 0, 1);
	return fail(resp, strncmp(p, "/api/", 5) == 0, 404, "no such page");
}

hri_status
hri_app_handle(hri_pool *pool, const hri_req *r, hri_resp *resp)
{
	hri_db *db;
	hri_status st;
	size_t i;

	memset(resp, 0, sizeof *resp);
	/* 414: the parameters are the request's URI */
	if (r->too_many) {
		char msg[128];

		snprintf(msg, sizeof msg, "too many query parameters (at most %d)",
		         HRI_APP_MAX_PARAMS);
		return fail(resp, strncmp(r->path, "/api/", 5) == 0, 414, msg);
	}
	for (i = 0; i < sizeof statics / sizeof statics[0]; i++) {
		if (strcmp(r->path, statics[i].path) == 0) {
			resp->body = strdup(statics[i].body);
			if (!resp->body)
				return HRI_ERR_NOMEM;
			resp->len = strlen(resp->body);
			resp->status = 200;
			resp->type = statics[i].type;
			return HRI_OK;
		}
	}
	db = hri_pool_get(pool);
	st = route(db, r, resp);
	/* A commit between the reopen and the read can make Xapian give up
	 * (DatabaseModifiedError): reopen and answer once more. */
	if (!st && resp->status == 500) {
		free(resp->body);
		memset(resp, 0, sizeof *resp);
		hri_db_reopen(db);
		st = route(db, r, resp);
	}
	hri_pool_put(pool, db);
	return st;
}
