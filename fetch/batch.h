/* batch.h - a batch of UN document symbols fetched into the store: symbols
 * are added (ranges expanded, each normalised, duplicates dropped), then
 * run: each document is taken from a local mirror directory or over HTTP
 * (a URL template, by default the UN Official Document System), checked,
 * stored, and reported as one "fetched" record on the output, in the order
 * they finish. A rerun asks only for what changed: the store keeps, for each
 * symbol and language, what it last took (refs/<lang>/<file>.json) and when
 * it last checked it, and a document checked within the max-age is not
 * asked for at all. */
#ifndef HRI_FETCH_BATCH_H
#define HRI_FETCH_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "http.h"
#include "status.h"
#include "store.h"

/* The UN Official Document System's address of a document by symbol. */
#define HRI_FETCH_ODS \
	"https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t={format}"
/* The UN Digital Library's MARCXML search by symbol (191 $a). */
#define HRI_FETCH_CATALOGUE \
	"https://digitallibrary.un.org/search?p=191__a%3A%22{symbol}%22&of=xm"

typedef struct hri_batch hri_batch;

/* What to fetch and how. Strings are borrowed for the batch's life. */
typedef struct hri_batch_opts {
	const char *source;    /* a mirror directory, a URL template, or NULL
	                          for HRI_FETCH_ODS */
	const char *catalogue; /* URL template of the catalogue, NULL for
	                          HRI_FETCH_CATALOGUE */
	const char *lang;      /* "en", "fr", ... (checked by the caller) */
	const char *format;    /* format asked for ("pdf"), or NULL for any */
	bool metadata;         /* also fetch catalogue metadata */
	bool force;            /* refetch even what looks unchanged */
	long max_age;          /* seconds a check of a document stays good: one
	                          checked less long ago is reported unchanged
	                          without asking its source; < 0 for what its
	                          server said (Cache-Control: max-age), 0 to
	                          ask every time */
	hri_http_opts http;    /* limits of the HTTP transfers */
	FILE *out;             /* where records go (stdout) */
} hri_batch_opts;

/* What the batch did, for the summary line and the exit status. */
typedef struct hri_batch_stats {
	unsigned long symbols;   /* symbols queued (after expansion) */
	unsigned long added;     /* new in the store */
	unsigned long updated;   /* changed since the last run */
	unsigned long unchanged; /* same as the last run */
	unsigned long fresh;     /* of them, not asked: checked within the
	                            max-age */
	unsigned long failed;    /* error records, invalid symbols included */
	unsigned long long bytes;/* document bytes read or received */
	unsigned long unresolved;/* of failed: the source's host name did not
	                            resolve (offline) */
	int fatal;               /* the output or the store failed */
} hri_batch_stats;

/* Creates a batch writing into the open store s (borrowed; the caller holds
 * its lock). Returns HRI_ERR_INVALID (err says why) for an unusable source,
 * HRI_ERR_NOMEM; on error *out is NULL. */
hri_status hri_batch_new(const hri_batch_opts *o, hri_store *s,
                         hri_batch **out, char *err, size_t errsz);

/* Frees the batch; NULL does nothing. */
void hri_batch_free(hri_batch *b);

/* Adds the symbols of the text of len bytes (one symbol or a range such as
 * "A/HRC/58/1-80"). Text that is no symbol gets an error record at once and
 * counts as failed. Returns HRI_OK, also after an invalid symbol; HRI_ERR_IO
 * when the output failed, HRI_ERR_NOMEM, HRI_ERR_TOO_BIG past 100000
 * symbols. */
hri_status hri_batch_add(hri_batch *b, const char *text, size_t len);

/* Fetches every symbol added and writes their records. Returns HRI_OK when
 * the batch ran (some documents may have failed: see the stats), HRI_ERR_IO
 * when the output failed, other errors when the batch could not run. */
hri_status hri_batch_run(hri_batch *b);

/* Returns the stats, borrowed from b. */
const hri_batch_stats *hri_batch_stats_get(const hri_batch *b);

#endif
