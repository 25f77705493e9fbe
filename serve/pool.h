/* pool.h - a fixed set of read-only database handles shared by the server's
 * threads. A Xapian Database object is not safe to use from two threads at
 * once, so each request borrows a handle of its own for its duration; with
 * as many handles as worker threads a request never waits. A borrowed
 * handle is first brought up to the latest commit (Database::reopen(), a
 * cheap check when nothing changed), so hri-index's commits show without a
 * restart; and when the database on disk is another one (hri-index
 * --compact writes a new database, whose revisions start again at 1, where
 * reopen() would see no change) the handle is opened anew. */
#ifndef HRI_POOL_H
#define HRI_POOL_H

#include <stddef.h>

#include "status.h"
#include "xapian.h"

typedef struct hri_pool hri_pool;

/* Opens n read-only handles on the database at path. On HRI_OK *out is a
 * new pool for hri_pool_free(); on failure *out is NULL and err (errsz
 * bytes) says why (statuses of hri_db_open(), HRI_ERR_NOMEM). */
hri_status hri_pool_new(const char *path, size_t n, hri_pool **out, char *err,
                        size_t errsz);

/* Frees the pool and closes its handles (none may be borrowed);
 * hri_pool_free(NULL) does nothing. */
void hri_pool_free(hri_pool *p);

/* Borrows a handle, waiting for one to be free, reopened at the latest
 * commit, or opened anew on a database replaced since (a failure leaves it
 * as it was, still usable, and is reported). Returns the handle; give it
 * back with hri_pool_put(). */
hri_db *hri_pool_get(hri_pool *p);

/* Gives back a handle borrowed with hri_pool_get(). */
void hri_pool_put(hri_pool *p, hri_db *db);

#endif
