/* jobs.h - hri-index --jobs N: one run reads its records once and hands
 * them to N worker processes, each indexing one hash shard of the symbols
 * (a document's doc record, segments and the positions on its
 * recommendations stay together) into a temporary database beside the
 * destination; at the end the shards are merged (Xapian compaction) into
 * the new database, which answers every query as one process indexing the
 * same records in the same order would. Nothing is written at the
 * destination unless every worker committed. */
#ifndef HRI_JOBS_H
#define HRI_JOBS_H

#include <stddef.h>

#include <jansson.h>

#include "indexer.h"
#include "status.h"

/* Most workers of one run. */
#define HRI_JOBS_MAX 64

typedef struct hri_jobs hri_jobs;

/* Starts n workers (2 to HRI_JOBS_MAX) building the shards of the new
 * database dest in the temporary directory dest + ".jobs.PID". On HRI_OK
 * *out is the run, for hri_jobs_send(), hri_jobs_finish() and
 * hri_jobs_free(); on failure (HRI_ERR_IO, HRI_ERR_NOMEM) err (errsz
 * bytes) says why and nothing is left behind. */
hri_status hri_jobs_start(const char *dest, unsigned n, hri_jobs **out,
                          char *err, size_t errsz);

/* Hands the record rec, read from the line (len bytes) at where, to the
 * worker of its symbol's hash shard; a doc record also tells every other
 * worker (see hri_indexer_doc_elsewhere()). Returns HRI_ERR_IO, naming the
 * worker in err, when a worker is gone. */
hri_status hri_jobs_send(hri_jobs *jobs, const json_t *rec, const char *line,
                         size_t len, const char *where, char *err,
                         size_t errsz);

/* Ends the input: waits for every worker to commit its shard, adds up their
 * counts into *sum and the records they rejected into *bad, merges the
 * shards into dest (which must still not exist) and removes the temporary
 * directory. Returns HRI_ERR_DB with the reason in err when a worker failed
 * or ended early (dest is then not created) or the merge failed. */
hri_status hri_jobs_finish(hri_jobs *jobs, hri_indexer_counts *sum,
                           unsigned long *bad, char *err, size_t errsz);

/* Stops the workers still running (a run that failed), removes the
 * temporary directory and frees jobs. hri_jobs_free(NULL) does nothing. */
void hri_jobs_free(hri_jobs *jobs);

#endif
