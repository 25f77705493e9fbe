/* mirror.h - a local mirror directory of UN documents: files named by
 * symbol with "/" as "_" (A_HRC_26_41.pdf), in any format hri reads. */
#ifndef HRI_FETCH_MIRROR_H
#define HRI_FETCH_MIRROR_H

#include <stddef.h>

#include "status.h"

/* Finds the file of the document whose file name form is file (from
 * hri_symbol_filename(), so it cannot leave dir) in the mirror directory
 * dir: dir/<lang>/<file>.<ext>, then dir/<file>.<ext>, for the extensions
 * .pdf .docx .doc .html .htm .txt .md, those of the format prefer (a format
 * name or NULL) first. On HRI_OK path (pathsz bytes) holds the regular file
 * found and *ext its extension without the dot (static storage). Returns
 * HRI_ERR_NOT_FOUND when there is none, HRI_ERR_TOO_BIG when a path does
 * not fit. */
hri_status hri_mirror_find(const char *dir, const char *file,
                           const char *lang, const char *prefer, char *path,
                           size_t pathsz, const char **ext);

#endif
