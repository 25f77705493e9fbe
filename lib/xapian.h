/* xapian.h - the C face of the Xapian shim (lib/xapian_*.cc, the only C++ in
 * the tree; xapian_private.h lists its files), after notmuch and Cyrus IMAP:
 * opaque handles, no C++ type, no exception ever crossing into C. Every call
 * returns an hri_status and keeps the message of a failure on the handle
 * (hri_db_errmsg()).
 *
 * The fields a segment is indexed under (their term prefixes, value slots,
 * which are facets, the names the query parser knows) are declared once, in
 * the field table of xapian_fields.cc. Boolean values are folded the same
 * way at index and at query time: lower case, runs of white space made one
 * space, trimmed, so country:"russian federation" finds "Russian Federation". */
#ifndef HRI_XAPIAN_H
#define HRI_XAPIAN_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hri_db hri_db;     /* an open database, read-only or writable */
typedef struct hri_xdoc hri_xdoc; /* a segment being built for the index */
typedef struct hri_hits hri_hits; /* the result of one query */

/* How hri_db_open() opens. */
enum hri_db_mode {
	HRI_DB_READ = 0,  /* read-only; the database must exist */
	HRI_DB_WRITE = 1  /* writable, created when missing; takes the lock */
};

/* Orders of the hits. */
enum hri_sort {
	HRI_SORT_RELEVANCE = 0, /* best first */
	HRI_SORT_DATE = 1,      /* newest document first, then paragraph order */
	HRI_SORT_DOC = 2        /* document order: symbol, then segment order */
};

/* What hri_db_stats() counts. */
typedef struct hri_db_stats {
	unsigned long segments;   /* Xapian documents */
	unsigned long documents;  /* distinct symbols */
	unsigned long terms;      /* distinct terms */
	unsigned long long postings; /* term occurrences (total length) */
} hri_db_stats;

/* An exact filter: field (a name from the field table, e.g. "symbol") equal
 * to value (folded like every boolean value); field "id" matches a segment's
 * unique id exactly as it was indexed. */
typedef struct hri_filter {
	const char *field;
	const char *value;
} hri_filter;

/* What a query asks for. Zero-initialised means: relevance, 10 hits. */
typedef struct hri_query_opts {
	unsigned offset;          /* hits to skip */
	unsigned limit;           /* hits to return; 0 means none (facets only) */
	int sort;                 /* enum hri_sort */
	const hri_filter *filters; /* ANDed with the query, nfilters of them */
	size_t nfilters;
	const char *const *facets; /* field names to count values of, over all
	                              matches */
	size_t nfacets;
} hri_query_opts;

/* ---- fields ---- */

/* Returns 1 when name is a field of the table that holds boolean terms
 * (usable in hri_xdoc_term() and hri_filter), else 0. */
int hri_field_is_term(const char *name);

/* Returns 1 when name is a field that hri_query_opts.facets may count. */
int hri_field_is_facet(const char *name);

/* Returns the facet field name stands for: a facet field's own name, or
 * the query prefix the query language knows it by ("org" for
 * "organization"); a static string, or NULL when name is neither. */
const char *hri_field_facet(const char *name);

/* Writes the comma-separated names of the facet fields into out (outsz
 * bytes, truncated) for messages and --help. */
void hri_field_facet_names(char *out, size_t outsz);

/* ---- the database ---- */

/* Opens the database at path, read-only or writable (enum hri_db_mode).
 * Read-only, path may also be a shard set or a stub file, opened as by
 * hri_db_open_set() with the default options. Writable waits up to wait seconds for another writer's lock, retrying
 * with backoff. On HRI_OK *out is a new handle for hri_db_free(). On failure
 * *out is NULL and err (errsz bytes) says why: HRI_ERR_NOT_FOUND (no
 * database at path), HRI_ERR_LOCKED (still locked after wait), HRI_ERR_DB,
 * HRI_ERR_NOMEM. */
hri_status hri_db_open(const char *path, int mode, double wait, hri_db **out,
                       char *err, size_t errsz);

/* How hri_db_open_set() opens a set of shards. Zero-initialised means: a
 * 10 second timeout, any shard that cannot be opened fails the open. */
typedef struct hri_db_set_opts {
	double timeout; /* seconds a remote shard may take to connect or to
	                   answer one request; 0 means 10 */
	int partial;    /* nonzero: a remote shard that does not answer is left
	                   out (listed by hri_db_missing()) instead of failing */
} hri_db_set_opts;

/* Opens, read-only, the n databases of paths as one: their segments are
 * searched together and Xapian combines their statistics, so hits, scores
 * and facet counts are those of one database holding everything. Each path
 * is a database directory; a shard set directory (one holding index.stub,
 * as hri-index --shard writes); or a Xapian stub file, which hri reads
 * itself: blank lines and lines starting with "#" are skipped, "auto PATH"
 * (also glass, chert) opens PATH relative to the stub's directory, "remote
 * HOST:PORT" a database served by xapian-tcpsrv, "remote :PROGRAM ARGS" one
 * served through a program (ssh host xapian-progsrv DB). Remote shards wait
 * at most opts->timeout (opts may be NULL). On HRI_OK *out is a new
 * read-only handle for hri_db_free(). On failure *out is NULL and err
 * (errsz bytes) says why, naming the shard: HRI_ERR_NETWORK ("remote shard
 * 127.0.0.1:7000: connection refused"; with opts->partial only when no
 * shard answered), HRI_ERR_NOT_FOUND (a path that does not exist, or a stub
 * that lists nothing), HRI_ERR_DB (not a database, a stub line hri
 * cannot read, a Xapian failure), HRI_ERR_NOMEM. */
hri_status hri_db_open_set(const char *const *paths, size_t n,
                           const hri_db_set_opts *opts, hri_db **out,
                           char *err, size_t errsz);

/* Returns how many shards of db were left out because they did not answer
 * (hri_db_open_set() with partial, at the open or during a query). */
size_t hri_db_missing_count(const hri_db *db);

/* Returns the name of missing shard i ("127.0.0.1:7000"), borrowed from db
 * until hri_db_free(), or NULL when i is out of range. */
const char *hri_db_missing(const hri_db *db, size_t i);

/* Returns the path of the i'th database directory db reads on this machine
 * (itself, or a local shard of a set; remote shards are not counted),
 * borrowed from db until hri_db_free(), or NULL when i is out of range. A
 * server stats them to see a database replaced under it. */
const char *hri_db_local(const hri_db *db, size_t i);

/* Writes into the new directory dest one compact database holding every
 * segment of the n databases of srcs (each as hri_db_open_set() takes it:
 * directories, shard sets, stub files of local shards), like xapian-compact
 * with several sources. A segment present in two sources is present twice
 * in dest. Returns HRI_OK; HRI_ERR_NOT_FOUND when a source does not exist;
 * HRI_ERR_DB (dest exists, a source is remote, a write failed: dest may
 * then hold a partial copy) with the reason in err (errsz bytes). */
hri_status hri_db_merge(const char *const *srcs, size_t n, const char *dest,
                        char *err, size_t errsz);

/* Closes the database and frees the handle; an open transaction is
 * cancelled, so uncommitted changes are dropped. hri_db_free(NULL) does
 * nothing. */
void hri_db_free(hri_db *db);

/* Returns the message of the last failure on db ("" when none); valid until
 * the next call on db. */
const char *hri_db_errmsg(const hri_db *db);

/* Starts a transaction on a writable database: nothing done until
 * hri_db_commit() becomes visible to readers, and a process killed in
 * between leaves the database as it was. Returns HRI_ERR_DB on failure. */
hri_status hri_db_begin(hri_db *db);

/* Commits the transaction (or, without one, pending changes) to disk.
 * Returns HRI_ERR_DB on failure, the changes then lost. */
hri_status hri_db_commit(hri_db *db);

/* Deletes every segment of the document symbol (folded). Sets *deleted (may
 * be NULL) to how many there were. Returns HRI_ERR_DB on failure. */
hri_status hri_db_delete_symbol(hri_db *db, const char *symbol,
                                unsigned long *deleted);

/* Adds doc, replacing the segment with the same unique id if there is one.
 * doc stays owned by the caller. Returns HRI_ERR_INVALID when doc has no id,
 * HRI_ERR_DB on failure. */
hri_status hri_db_replace(hri_db *db, hri_xdoc *doc);

/* Fills *stats. Returns HRI_ERR_DB on failure. */
hri_status hri_db_stats_get(hri_db *db, hri_db_stats *stats);

/* Brings a read-only handle up to the latest commit (cheap when nothing
 * changed); hits from before must be freed first. A set opened partial
 * leaves out a remote shard that no longer answers (hri_db_missing).
 * Returns HRI_ERR_DB on failure. */
hri_status hri_db_reopen(hri_db *db);

/* Writes a compacted copy of the database into the new directory dest.
 * Returns HRI_ERR_DB on failure (dest may then hold a partial copy). */
hri_status hri_db_compact(hri_db *db, const char *dest);

/* ---- building a segment ---- */

/* Returns a new empty segment for hri_xdoc_free(), or NULL when out of
 * memory. With db (writable, may be NULL) the words of hri_xdoc_text() also
 * feed db's spelling data, for "did you mean"; db must outlive doc. */
hri_xdoc *hri_xdoc_new(hri_db *db);

/* Empties doc for the next segment (cheaper than a new one). */
void hri_xdoc_reset(hri_xdoc *doc);

/* Frees doc; hri_xdoc_free(NULL) does nothing. */
void hri_xdoc_free(hri_xdoc *doc);

/* Sets the unique id ("A/HRC/26/41#14"), kept exactly as given. */
hri_status hri_xdoc_set_id(hri_xdoc *doc, const char *id);

/* Kinds of free text, for hri_xdoc_text(). */
enum hri_text {
	HRI_TEXT_BODY = 0,          /* the segment's text */
	HRI_TEXT_SECTION_TITLE = 1, /* its section's heading: in the text (the
	                               paragraphs of a section match its
	                               heading's words; not with weight 0)
	                               and under title: */
	HRI_TEXT_DOC_TITLE = 2      /* the document's title: only under title:,
	                               on the document's first segment, for
	                               the query to find the document by */
};

/* Indexes free text of kind (enum hri_text) with positions and English
 * stems (the stems with positions too, for phrases); each word counts
 * weight times in the segment's length and its BM25 weight (0: found, but
 * no weight; a heading's words count only in the text, not under title:).
 * Returns
 * HRI_ERR_NOMEM or HRI_ERR_DB (a Xapian failure). */
hri_status hri_xdoc_text(hri_xdoc *doc, const char *text, unsigned weight,
                         int kind);

/* Adds the boolean term of field (see hri_field_is_term()) with value, folded;
 * a facet field also records value, as written, for hri_hits facets. An
 * empty value is ignored. Returns HRI_ERR_INVALID for an unknown field. */
hri_status hri_xdoc_term(hri_xdoc *doc, const char *field, const char *value);

/* Sets the sortable numbers: year (0 none), paragraph (negative none) and
 * ord, the segment's place in its document. */
hri_status hri_xdoc_numbers(hri_xdoc *doc, int year, long para, long ord);

/* Sets the date (ISO 8601, sorts as text) used by HRI_SORT_DATE. */
hri_status hri_xdoc_date(hri_xdoc *doc, const char *date);

/* Sets the stored data (the segment as JSON) returned with each hit. */
hri_status hri_xdoc_data(hri_xdoc *doc, const char *data, size_t len);

/* ---- searching ---- */

/* Runs query (Xapian query-parser syntax with the hri prefixes; "" or NULL
 * matches everything) with opts (NULL for the defaults). On HRI_OK *out is
 * a new result for hri_hits_free(). On failure *out is NULL and the message
 * is on db: HRI_ERR_QUERY (the query does not parse), HRI_ERR_INVALID (an
 * unknown filter or facet field), HRI_ERR_DB. */
hri_status hri_db_query(hri_db *db, const char *query,
                        const hri_query_opts *opts, hri_hits **out);

/* Frees hits; hri_hits_free(NULL) does nothing. */
void hri_hits_free(hri_hits *hits);

/* Returns the number of hits returned (at most opts.limit). */
size_t hri_hits_count(const hri_hits *hits);

/* Returns the number of matching segments: exact when facets were asked
 * for, else Xapian's estimate. */
unsigned long hri_hits_matches(const hri_hits *hits);

/* Returns the stored data of hit i (JSON), borrowed from hits; *len gets its
 * length. NULL when i is out of range. */
const char *hri_hits_data(const hri_hits *hits, size_t i, size_t *len);

/* Returns the relevance of hit i in percent (0 when sorted otherwise). */
int hri_hits_percent(const hri_hits *hits, size_t i);

/* Returns the weight of hit i. */
double hri_hits_weight(const hri_hits *hits, size_t i);

/* Returns a new string (free() it) with the passage of text (len bytes)
 * that best matches the query, at most length bytes, the matching words
 * between hi_start and hi_end, "..." where text was cut. The text is
 * HTML-escaped when html is nonzero, else left as it is. Returns NULL when
 * out of memory. */
char *hri_hits_snippet(const hri_hits *hits, const char *text, size_t len,
                       size_t length, const char *hi_start,
                       const char *hi_end, int html);

/* Returns the query with its misspelt words corrected from the database's
 * spelling data, or NULL when nothing was corrected (or the lookup failed);
 * borrowed from hits. Worked out on the first call, since the lookups cost
 * time a query that finds something does not need to spend. */
const char *hri_hits_suggestion(const hri_hits *hits);

/* Returns the number of distinct values counted for facet f (in the order
 * of opts.facets), 0 when f is out of range. */
size_t hri_hits_facet_size(const hri_hits *hits, size_t f);

/* Gives the value j of facet f, most frequent first (ties by value): *value
 * borrowed from hits, *count the matching segments that carry it. Returns
 * HRI_ERR_NOT_FOUND when out of range. */
hri_status hri_hits_facet_get(const hri_hits *hits, size_t f, size_t j,
                              const char **value, unsigned long *count);

/* Returns the length in bytes of value j of facet f (a NUL in it counts,
 * which strlen() of hri_hits_facet_get's value would stop at), 0 when out
 * of range. */
size_t hri_hits_facet_len(const hri_hits *hits, size_t f, size_t j);

/* ---- why a query finds nothing ---- */

/* Kinds of reason hri_db_explain() gives. */
enum hri_why_kind {
	HRI_WHY_PREFIX = 1, /* "foo:" is no prefix of the query language */
	HRI_WHY_VALUE = 2,  /* a filter whose value no segment carries */
	HRI_WHY_WORD = 3    /* a word, or a phrase's word, no segment has */
};

#define HRI_WHY_NEAR 3   /* most near values given with a reason */
#define HRI_WHY_TEXT 256 /* bytes of a token or near value, with its NUL */

/* One reason a query may find nothing. */
typedef struct hri_why {
	int kind;                 /* enum hri_why_kind */
	char token[HRI_WHY_TEXT]; /* the piece of the query, as typed
	                             ("country:Slovena"), cut to fit */
	char near[HRI_WHY_NEAR][HRI_WHY_TEXT]; /* what the index holds that is
	                             closest, in the query language, closest
	                             first: "country:Slovenia",
	                             "affected:Migrants"; for a prefix the
	                             token with the closest prefixes
	                             ("country:France" for "contry:France") */
	size_t nnear;             /* of near */
} hri_why;

/* Looks through query for what the index cannot match: a prefix the
 * query language does not have, a filter value no segment carries, a word
 * no segment has (stop words, wildcards and ranges are never reasons). The
 * near values offered all exist in db, or are prefixes of the field
 * table, so each would match. With prefixes_only, only unknown prefixes
 * are looked for (cheap: no database lookup). Fills out[0..*n), at most
 * max. Returns HRI_OK, or HRI_ERR_DB with the message on db. */
hri_status hri_db_explain(hri_db *db, const char *query, int prefixes_only,
                          hri_why *out, size_t max, size_t *n);

/* ---- metadata and segments changed in place ---- */

/* Sets the user metadata key (at most 200 bytes) to value, "" removing it;
 * part of the open transaction like any change. Returns HRI_ERR_INVALID for
 * a read-only database or an overlong key, HRI_ERR_DB on failure. */
hri_status hri_db_metadata_set(hri_db *db, const char *key, const char *value);

/* Gets the user metadata key: on HRI_OK *value is a new string (free() it),
 * NULL when the key is unset. A writable database sees its uncommitted
 * changes. On failure *value is NULL: HRI_ERR_DB, HRI_ERR_NOMEM. */
hri_status hri_db_metadata_get(hri_db *db, const char *key, char **value);

/* Gets the stored data of the indexed segment with the unique id: on HRI_OK
 * *data is a new string (free() it) and *len its length. On failure *data
 * is NULL: HRI_ERR_NOT_FOUND (no segment has id), HRI_ERR_DB,
 * HRI_ERR_NOMEM. */
hri_status hri_db_segment_data(hri_db *db, const char *id, char **data,
                               size_t *len);

/* Changes the indexed segment with the unique id in place: the boolean
 * terms and facet value of the single-valued field (e.g. "position") become
 * those of value, made exactly as hri_xdoc_term() makes them, and data (len
 * bytes) becomes its stored data; every other term and value stays.
 * Returns HRI_ERR_NOT_FOUND when no segment has id, HRI_ERR_INVALID for a
 * read-only database or a field that is not a single-valued boolean field,
 * HRI_ERR_DB or HRI_ERR_NOMEM on failure. */
hri_status hri_db_segment_set_field(hri_db *db, const char *id,
                                    const char *field, const char *value,
                                    const char *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
