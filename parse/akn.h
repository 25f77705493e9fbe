/* akn.h - a document's records as Akoma Ntoso XML, in the shape of the
 * United Nations' AKN4UN: akomaNtoso/doc with meta (FRBR identification),
 * preface, and mainBody of sections and numbered paragraphs; items and UPR
 * recommendations as points, footnotes as authorialNote, citations as
 * <ref href="/akn/un/...">. */
#ifndef HRI_AKN_H
#define HRI_AKN_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"

/* Writes the document (its doc record and array of segment records, both
 * borrowed) as a new NUL-terminated XML string: on HRI_OK *xml is malloc'd
 * for the caller and *len its length. Returns HRI_ERR_NOMEM, or
 * HRI_ERR_INTERNAL when libxml2's writer fails. */
hri_status hri_akn_build(const json_t *doc, const json_t *segs, char **xml,
                         size_t *len);

/* Writes the XML of the document into dir (created if need be) as
 * <file name of its symbol>.xml, atomically; path (pathsz bytes) receives
 * the file's path. Returns the status of the build or the write. */
hri_status hri_akn_write(const char *dir, const json_t *doc,
                         const json_t *segs, char *path, size_t pathsz);

#endif
