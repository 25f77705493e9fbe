/* zip.h - reading one member of a zip archive held in memory (a DOCX),
 * through its central directory, with caps against zip bombs. */
#ifndef HRI_ZIP_H
#define HRI_ZIP_H

#include <stddef.h>

#include "status.h"

#define HRI_ZIP_MEMBER_MAX (64u * 1024 * 1024) /* bytes of one member */
#define HRI_ZIP_RATIO_MAX 200 /* inflated bytes per compressed byte, past
                                 1 MiB: more is a zip bomb */

/* Finds member name in the zip archive buf (len bytes) and inflates it
 * (stored or deflate) into a new NUL-terminated buffer: on HRI_OK *out is
 * malloc'd for the caller and *outlen its length. At most max bytes are
 * inflated (0: HRI_ZIP_MEMBER_MAX). Returns HRI_ERR_NOT_FOUND when there is
 * no such member, HRI_ERR_TOO_BIG past max or the ratio cap,
 * HRI_ERR_FORMAT for an unsupported compression or encryption,
 * HRI_ERR_INVALID for a damaged or truncated archive, HRI_ERR_NOMEM; on
 * error *out is NULL and err (errsz bytes) says why. */
hri_status hri_zip_read(const unsigned char *buf, size_t len,
                        const char *name, size_t max, unsigned char **out,
                        size_t *outlen, char *err, size_t errsz);

#endif
