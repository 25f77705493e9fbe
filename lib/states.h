/* states.h - the States of the United Nations by name: data/countries.tsv
 * read into one lookup from every form a document or a database writes
 * ("USA", "the Netherlands", "Iran (Islamic Republic of)", "DPR Korea",
 * "St Kitts & Nevis", "the former Yugoslav Republic of Macedonia") to the
 * UN short name the table gives first. hri-parse uses it for the States of
 * UPR recommendations and the State under review, hri-query for aliases
 * typed after review:, recommending: and country:. */
#ifndef HRI_STATES_H
#define HRI_STATES_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hri_states hri_states;

#define HRI_STATES_NAME_MAX 128 /* bytes of one name form, folded */
#define HRI_STATES_LIST_MAX 64  /* States one list may name */

/* Loads the table file at path (NULL: countries.tsv found with
 * hri_data_path()). On HRI_OK *out is new, for hri_states_free(); on
 * failure *out is NULL and err (errsz bytes) names the file, the line and
 * the reason: HRI_ERR_NOT_FOUND, HRI_ERR_IO, HRI_ERR_FORMAT (a line without
 * a name), HRI_ERR_NOMEM. */
hri_status hri_states_load(const char *path, hri_states **out, char *err,
                           size_t errsz);

/* Frees st; hri_states_free(NULL) does nothing. */
void hri_states_free(hri_states *st);

/* Returns the UN short name of the State that the len bytes at name name
 * whole, or NULL. Case, a leading "the", runs of spaces, "&" for "and",
 * "St"/"St." for "Saint" and the form of an apostrophe do not matter. The
 * result is borrowed from st. */
const char *hri_states_name(const hri_states *st, const char *name,
                            size_t len);

/* Reads the len bytes at s as a list of States, "Slovakia, Slovenia and
 * Spain", "Mexico; Egypt", "Canada Austria" (a comma lost), "the
 * Netherlands": names separated by commas, semicolons, slashes or "and".
 * When every word of s belongs to a State's name or a separator, writes the
 * UN short names in order into names (at most max, borrowed from st) and
 * returns how many; otherwise (a word that is no State, nothing at all)
 * returns 0 and names is untouched. */
size_t hri_states_list(const hri_states *st, const char *s, size_t len,
                       const char **names, size_t max);

/* Returns the State whose name starts the len bytes at s (the longest
 * such name: "Democratic Republic of the Congo" before "Congo") and sets
 * *used to the bytes it took, or returns NULL. */
const char *hri_states_prefix(const hri_states *st, const char *s, size_t len,
                              size_t *used);

/* Returns the table of the default path, loaded on first use (safe from
 * several threads), or NULL when it cannot be loaded. Lives until exit. */
const hri_states *hri_states_default(void);

/* Returns why hri_states_default() has no table ("path: line N: why"), or
 * "" when it has one. Borrowed, lives until exit. */
const char *hri_states_default_error(void);

#ifdef __cplusplus
}
#endif

#endif
