/* labels.h - the label table of data/labels.tsv: every theme, affected group,
 * SDG goal and UPR-info issue hri gives a segment, the older names that
 * still find each one, and each label's links (a theme's SDG goals, an
 * issue's UHRI themes and groups). hri-parse names its labels from it; the
 * query side maps an older name to the label it became. */
#ifndef HRI_LABELS_H
#define HRI_LABELS_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hri_labels hri_labels;

/* Loads the label table at path, or data/labels.tsv (hri_data_path()) when
 * path is NULL. On HRI_OK *out is new, to free with hri_labels_free(); on
 * failure *out is NULL and err (errsz bytes) names the file, line and
 * reason: HRI_ERR_NOT_FOUND, HRI_ERR_IO, HRI_ERR_FORMAT (a line without a
 * known field and a label, or a name given twice), HRI_ERR_NOMEM. */
hri_status hri_labels_load(const char *path, hri_labels **out, char *err,
                           size_t errsz);

/* Frees l; NULL is a no-op. */
void hri_labels_free(hri_labels *l);

/* Returns the current name of the label that name (len bytes) names in
 * field: the label itself or one of its older names, compared without case
 * and with white space runs as one space. *field_out, when not NULL,
 * receives the label's field (an older name may be of another field: hri's
 * old theme "LGBTI" is the affected group now). Returns NULL when the name is
 * no label of field. Results are borrowed from l. */
const char *hri_labels_find(const hri_labels *l, const char *field,
                            const char *name, size_t len,
                            const char **field_out);

/* Returns the first older name of the label field:name (its current name,
 * exactly) as the table writes it, for an SDG goal its name ("16": "Peace,
 * justice and strong institutions"); NULL when the label has none or is
 * no label. Borrowed from l. */
const char *hri_labels_older(const hri_labels *l, const char *field,
                             const char *name);

/* The number of labels of field, and the name of its i-th (table order;
 * NULL past the end). */
size_t hri_labels_count(const hri_labels *l, const char *field);
const char *hri_labels_name(const hri_labels *l, const char *field, size_t i);

/* Calls fn(field, value, ud) for each link of the label field:name (current
 * name, exact), in table order: a theme's "sdg" goals, an issue's "theme"
 * and "affected" labels. Returns the number of links. */
size_t hri_labels_links(const hri_labels *l, const char *field,
                        const char *name,
                        void (*fn)(const char *lfield, const char *value,
                                   void *ud),
                        void *ud);

#ifdef __cplusplus
}
#endif

#endif
