/* shard.h - a set of shards written by hri-index --shard KEY -d DIR: the key
 * that puts each document in one shard, the shard databases DIR/<name>
 * ("session-28", "year-2014", "hash-3-of-8"), and the Xapian stub file
 * DIR/index.stub that lists them for hri-query -d DIR.
 *
 * Where a document goes when it is indexed again: with hash:N its symbol
 * always gives the same shard, where its old segments are replaced. With
 * session or year the key may have changed (a corrected date), so its
 * symbol is first deleted from every shard of the set. */
#ifndef HRI_SHARD_H
#define HRI_SHARD_H

#include <stddef.h>

#include <jansson.h>

#include "indexer.h"
#include "status.h"

/* What decides a document's shard. */
enum hri_shard_kind {
	HRI_SHARD_SESSION = 1, /* the session of its body: "session-28" */
	HRI_SHARD_YEAR = 2,    /* the year of its date: "year-2014" */
	HRI_SHARD_HASH = 3     /* a hash of its symbol modulo n: "hash-3-of-8" */
};

/* A sharding key, as --shard gives it. */
typedef struct hri_shard_key {
	int kind;   /* enum hri_shard_kind */
	unsigned n; /* shards, for HRI_SHARD_HASH (1 to 4096), else 0 */
} hri_shard_key;

typedef struct hri_shardset hri_shardset;

/* Parses spec ("session", "year", "hash:N") into *key. Returns
 * HRI_ERR_INVALID, *key unchanged, when spec is none of these. */
hri_status hri_shard_key_parse(const char *spec, hri_shard_key *key);

/* Returns the 32-bit FNV-1a hash of symbol with ASCII letters in upper case
 * and white space left out, so every spelling hri folds alike lands in the
 * same shard, on every machine. */
unsigned long hri_shard_hash(const char *symbol);

/* Writes into out (outsz bytes) the name of the shard that record (a doc or
 * segment record) belongs to under key; a record without the key's field
 * goes to "session-none" or "year-none". Returns HRI_ERR_INVALID when the
 * record has no symbol (hash) or the name does not fit. */
hri_status hri_shard_name(const hri_shard_key *key, const json_t *rec,
                          char *out, size_t outsz);

/* Rewrites DIR/index.stub atomically, listing ("auto NAME") every shard
 * database in dir, under a lock on DIR/.index.stub.lock so that workers
 * creating shards at the same time lose none. Returns HRI_ERR_IO with the
 * reason in err (errsz bytes). */
hri_status hri_shard_stub_write(const char *dir, char *err, size_t errsz);

/* Opens the shard set in dir (created when missing) for writing under key
 * (NULL: the key of the shards dir holds, HRI_ERR_NOT_FOUND when none);
 * each shard is opened when first needed, waiting up to wait seconds for
 * another writer. On HRI_OK *out is a new set for hri_shardset_free(). On
 * failure *out is NULL and err (errsz bytes) says why: HRI_ERR_INVALID (dir
 * holds shards of another key, "year-2014" for --shard session), HRI_ERR_IO,
 * HRI_ERR_NOMEM. */
hri_status hri_shardset_open(const char *dir, const hri_shard_key *key,
                             double wait, hri_shardset **out, char *err,
                             size_t errsz);

/* Frees set; changes not committed are dropped. hri_shardset_free(NULL)
 * does nothing. */
void hri_shardset_free(hri_shardset *set);

/* Indexes one record into its shard, as hri_indexer_add() does (the same
 * *what and returns). A doc record's symbol is first deleted where it may be
 * (see above); its segments follow it into its shard. A position record
 * goes to its report's hash shard, or in a session or year set to every
 * shard (HRI_ERR_INVALID when there is none yet). Failures of a shard
 * name it in err: HRI_ERR_LOCKED, HRI_ERR_DB, HRI_ERR_NOMEM end the run. */
hri_status hri_shardset_add(hri_shardset *set, const json_t *rec, int *what,
                            char *err, size_t errsz);

/* Deletes every segment of symbol from every shard of the set; *deleted
 * (may be NULL) gets how many. Returns as hri_shardset_add() does. */
hri_status hri_shardset_delete(hri_shardset *set, const char *symbol,
                               unsigned long *deleted, char *err,
                               size_t errsz);

/* Commits every shard written to, each atomically (one after the other,
 * not all at once), then rewrites the stub from the shards on disk. Returns
 * HRI_ERR_DB naming the shard in err, HRI_ERR_IO for the stub. */
hri_status hri_shardset_commit(hri_shardset *set, char *err, size_t errsz);

/* Adds up the counts of every shard's indexer into *sum. */
void hri_shardset_counts(const hri_shardset *set, hri_indexer_counts *sum);

#endif
