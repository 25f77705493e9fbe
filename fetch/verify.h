/* verify.h - hri-fetch --verify: checks that every object of the store (or
 * every object of the symbols given) is what its name says, fetches again
 * the documents whose object is damaged or missing, removes the damaged
 * objects nothing can repair and the temporary files of killed runs, and
 * counts what it found. */
#ifndef HRI_FETCH_VERIFY_H
#define HRI_FETCH_VERIFY_H

#include "batch.h"
#include "status.h"
#include "store.h"

/* What a check found and did. */
typedef struct hri_verify_stats {
	unsigned long objects;  /* objects read whole and hashed */
	unsigned long damaged;  /* of them, not what their name says */
	unsigned long missing;  /* references whose object was gone */
	unsigned long fetched;  /* documents fetched again, whole */
	unsigned long failed;   /* documents that could not be fetched again */
	unsigned long removed;  /* damaged objects removed: nothing refers to
	                           them, or their fetch failed */
	unsigned long bad_refs; /* unreadable references removed */
	unsigned long temps;    /* temporary files of killed runs removed */
	unsigned long unknown;  /* symbols given that the store does not hold */
} hri_verify_stats;

/* Checks the store s (its writer lock held): every object, or with n > 0
 * the objects of the n symbols or ranges at syms in o->lang. Documents to
 * fetch again are fetched as o says (its source, all of o->lang or, for the
 * whole store, each language found), forced, their fetched records written
 * to o->out. Fills *vs. Returns HRI_OK when the check ran (see the stats for
 * what failed), HRI_ERR_IO when the output or the store failed, or the
 * error of a batch that could not start (err says why). */
hri_status hri_verify_run(hri_store *s, const hri_batch_opts *o, int n,
                          char **syms, hri_verify_stats *vs, char *err,
                          size_t errsz);

#endif
