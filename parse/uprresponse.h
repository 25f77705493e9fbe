/* uprresponse.h - the positions a State under review takes on its universal
 * periodic review recommendations, read from its own response: the
 * addendum to the Working Group report (A/HRC/28/15/Add.1) that says "The
 * Government ... accepts the recommendations 1–5, 14– 16, ..." and "notes
 * recommendations 6–13, ...", numbered as in the paragraph of the report it
 * names ("The serial numbers of recommendations follow the list in
 * paragraph 115 of the Report ..."). One position record per recommendation
 * settled, keyed by the report's segment id (A/HRC/28/15#115.3). */
#ifndef HRI_UPRRESPONSE_H
#define HRI_UPRRESPONSE_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"

#define HRI_UPRRESP_MAX_LABEL 999 /* highest recommendation number read in
                                     a list; UPR reports stay far below */

typedef struct hri_uprresp hri_uprresp; /* the compiled patterns */

/* Compiles the patterns. On HRI_OK *out is new, for hri_uprresp_free(); on
 * failure *out is NULL and err (errsz bytes) says why: HRI_ERR_NOMEM, or
 * HRI_ERR_FORMAT (a bug in a pattern). */
hri_status hri_uprresp_new(hri_uprresp **out, char *err, size_t errsz);

/* Frees r; hri_uprresp_free(NULL) does nothing. */
void hri_uprresp_free(hri_uprresp *r);

/* Reads the positions of the document doc (a doc record) with its segment
 * records segs, when it is a State's response to its recommendations: a
 * "upr-response" (the addendum of a Working Group report, its symbol ending
 * in "/Add.N"), its parent report being that symbol without the suffix. Lists name recommendations by their number
 * within the report's paragraph ("1–5", "14– 16", "150 – 152", any dash,
 * any spaces) or in full ("115.1–115.5"); "accepts"/"supports" give
 * supported, "notes"/"takes note of" and a negated "does not accept" give
 * noted. A recommendation listed under both is left unsettled. On HRI_OK
 * *positions is a new array of position records {type, symbol, id, label,
 * position, source, source_para} in label order (empty when the document is
 * no response or lists nothing), and *notes a new array of strings saying
 * what was left unsettled or disagrees with the totals the response states;
 * both for the caller to json_decref. On failure both are NULL and the
 * return is HRI_ERR_NOMEM. */
hri_status hri_uprresp_read(const hri_uprresp *r, const json_t *doc,
                            const json_t *segs, json_t **positions,
                            json_t **notes);

#endif
