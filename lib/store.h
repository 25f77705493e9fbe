/* store.h - the content-addressed document store: each fetched file kept once
 * under its sha256, gzip-compressed, written atomically; a lock so that two
 * runs on one store cannot interleave.
 *
 * Layout under the store directory:
 *   objects/ab/ab12...ef.gz   raw bytes of a document, by sha256 of the raw
 *                             bytes (zcat gives the original file back)
 *   refs/<lang>/<name>.json   what the store last took for one document in
 *                             one language (its address, validators, sha256),
 *                             so that a rerun can ask "has it changed?"; its
 *                             modification time is when the document was
 *                             last checked against its source
 *   lock                      held with flock() while a writer runs */
#ifndef HRI_STORE_H
#define HRI_STORE_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "status.h"

#define HRI_SHA256_HEX 65 /* bytes for a hex sha256 and its NUL */

typedef struct hri_store hri_store;

/* Flags for hri_store_open(). */
enum {
	HRI_STORE_LOCK = 1, /* take the writer lock, failing with HRI_ERR_LOCKED
	                       when another process holds it */
	HRI_STORE_WAIT = 2  /* with HRI_STORE_LOCK: wait for the lock instead */
};

/* Opens (creating if need be) the store in directory dir. On HRI_OK *out is
 * a new handle for hri_store_free(); on error *out is NULL and err (errsz
 * bytes) names the cause. */
hri_status hri_store_open(const char *dir, int flags, hri_store **out,
                          char *err, size_t errsz);

/* Releases the lock and frees s; hri_store_free(NULL) does nothing. */
void hri_store_free(hri_store *s);

/* Returns the store's directory, borrowed from s. */
const char *hri_store_dir(const hri_store *s);

/* What hri_store_put() did with an object. */
enum {
	HRI_STORE_KEPT = 0,    /* the store held it, sound: nothing written */
	HRI_STORE_NEW = 1,     /* written */
	HRI_STORE_REPAIRED = 2 /* the store held it damaged: written anew */
};

/* Stores len bytes of data. sha (HRI_SHA256_HEX bytes) receives the hex
 * sha256 of data; path (pathsz bytes) the absolute object path. *created is
 * set to HRI_STORE_NEW when the object is new, HRI_STORE_KEPT when the
 * store already held it (then nothing is written), HRI_STORE_REPAIRED when
 * it held it damaged (its bytes are checked whenever the same data is put
 * again: a truncated object is replaced, never kept). */
hri_status hri_store_put(hri_store *s, const void *data, size_t len,
                         char *sha, char *path, size_t pathsz, int *created);

/* Checks the object of the hex sha256 sha. With full, reads it whole:
 * HRI_OK when it inflates to bytes whose sha256 is sha. Without, a look
 * that reads a few bytes: a regular gzip file whose trailer gives the size
 * bytes (mod 2^32; bytes 0 is not compared), which catches a truncated
 * object. Returns HRI_ERR_NOT_FOUND when there is no such object,
 * HRI_ERR_INVALID when it is damaged (not gzip, cut, other bytes), HRI_ERR_IO
 * when it cannot be read (errno kept). */
hri_status hri_store_check(const hri_store *s, const char *sha,
                           unsigned long long bytes, int full);

/* Removes the temporary files that a writer killed mid-write left in the
 * objects and refs directories (NAME.tmpXXXXXX), and adds their count to
 * *removed. Only safe with the writer lock held (hri_store_open() with
 * HRI_STORE_LOCK does it). Returns HRI_OK or HRI_ERR_IO (errno kept); it
 * goes on past a file it cannot remove. */
hri_status hri_store_remove_temps(hri_store *s, unsigned long *removed);

/* Calls fn(sha, ud) for each object of the store, in no set order; a
 * nonzero return stops the walk. Returns HRI_ERR_IO when a directory
 * cannot be read. */
hri_status hri_store_each_object(const hri_store *s,
                                 int (*fn)(const char *sha, void *ud),
                                 void *ud);

/* Calls fn(lang, name, ud) for each reference refs/<lang>/<name>.json (name
 * without ".json"), of lang only when lang is not NULL; a nonzero return
 * stops the walk. Returns HRI_ERR_IO when a directory cannot be read. */
hri_status hri_store_each_ref(const hri_store *s, const char *lang,
                              int (*fn)(const char *lang, const char *name,
                                        void *ud),
                              void *ud);

/* Removes the reference refs/<lang>/<name>.json (HRI_ERR_NOT_FOUND when
 * there is none) or the object of sha (hri_store_remove_object). */
hri_status hri_store_ref_remove(hri_store *s, const char *lang,
                                const char *name);
hri_status hri_store_remove_object(hri_store *s, const char *sha);

/* Writes the object path for a hex sha256 into path (pathsz bytes). Returns
 * HRI_ERR_INVALID when sha is not 64 lowercase hex digits. */
hri_status hri_store_path(const hri_store *s, const char *sha, char *path,
                          size_t pathsz);

/* Reads the reference refs/<lang>/<name>.json. name is a file name (such as
 * hri_symbol_filename() gives) and lang a language code; either containing
 * "/", starting with "." or empty is HRI_ERR_INVALID. On HRI_OK *out is a new
 * JSON object the caller releases with json_decref(); HRI_ERR_NOT_FOUND when
 * there is none; HRI_ERR_INVALID when the file is not a JSON object. On error
 * *out is NULL. */
hri_status hri_store_ref_read(const hri_store *s, const char *lang,
                              const char *name, json_t **out);

/* Replaces the reference refs/<lang>/<name>.json with ref, atomically.
 * Arguments as for hri_store_ref_read(); ref is borrowed. */
hri_status hri_store_ref_write(hri_store *s, const char *lang,
                               const char *name, const json_t *ref);

/* Marks the reference refs/<lang>/<name>.json checked now (its modification
 * time), without rewriting it: a check that found the document unchanged
 * changes nothing else. Not synced to disk: a mark lost in a crash costs one
 * more check. Arguments as for hri_store_ref_read(). Returns
 * HRI_ERR_NOT_FOUND when there is no such reference, HRI_ERR_IO. */
hri_status hri_store_ref_touch(hri_store *s, const char *lang,
                               const char *name);

/* Sets *when to the time (seconds since the epoch) the reference
 * refs/<lang>/<name>.json was last written or marked checked. Arguments as
 * for hri_store_ref_read(). Returns HRI_ERR_NOT_FOUND when there is no such
 * reference, HRI_ERR_IO; *when is 0 on error. */
hri_status hri_store_ref_checked(const hri_store *s, const char *lang,
                                 const char *name, time_t *when);

/* Returns nonzero when the object of the hex sha256 sha is in the store. */
int hri_store_has(const hri_store *s, const char *sha);

/* Computes the hex sha256 of len bytes at data into hex (HRI_SHA256_HEX). */
void hri_sha256_hex(const void *data, size_t len, char *hex);

#endif
