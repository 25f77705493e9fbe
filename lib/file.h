/* file.h - whole-file reads with a cap (gzip members inflated, bounded), and
 * atomic writes: a temporary file, fsync, rename, fsync of the directory, so
 * a crash at any moment leaves the old content or the new, never a part. */
#ifndef HRI_FILE_H
#define HRI_FILE_H

#include <stddef.h>

#include "status.h"

/* Reads the regular file at path into a new buffer; anything else (a
 * directory, a FIFO, a device such as /dev/zero) is HRI_ERR_NOT_FILE, told
 * without reading a byte or waiting on it. When the file is gzip data (the
 * store's objects are), it is inflated. At most max bytes are accepted after
 * inflation; a larger file or a gzip bomb returns HRI_ERR_TOO_BIG. On HRI_OK
 * *buf is malloc'd, NUL-terminated (not counted in *len) and owned by the
 * caller. On error *buf is NULL and errno is kept for HRI_ERR_IO; corrupt
 * gzip data returns HRI_ERR_INVALID. */
hri_status hri_file_read(const char *path, size_t max, unsigned char **buf,
                         size_t *len);

/* Returns what path is, for messages: "a directory", "a FIFO", "a
 * character device", "a block device", "a socket", "a regular file"; NULL
 * when it cannot be told (errno says why). A static string. */
const char *hri_file_kind(const char *path);

/* Inflates in (inlen bytes) into a new buffer: gzip or zlib data (gzip
 * members one after another read as one file, as gzip -d reads them), or
 * with raw nonzero raw deflate data (a zip member). At most max bytes are
 * accepted, and with ratio nonzero, past 1 MiB, at most ratio times inlen
 * (a bomb is stopped as it inflates, not after). On HRI_OK *buf is
 * malloc'd, NUL-terminated (not counted in *len) and owned by the caller.
 * Returns HRI_ERR_TOO_BIG past a cap, HRI_ERR_INVALID on corrupt or
 * truncated data, HRI_ERR_NOMEM; *buf is then NULL and *len 0. */
hri_status hri_inflate(const unsigned char *in, size_t inlen, int raw,
                       size_t max, unsigned ratio, unsigned char **buf,
                       size_t *len);

/* Inflates gzip or zlib data (in, inlen) into a new buffer, as hri_file_read
 * does: hri_inflate() without a ratio cap. */
hri_status hri_gunzip(const unsigned char *in, size_t inlen, size_t max,
                      unsigned char **buf, size_t *len);

/* Returns nonzero when the len bytes at p start with the gzip magic. */
int hri_is_gzip(const unsigned char *p, size_t len);

/* Replaces path atomically with len bytes of data (mode 0644): writes a
 * temporary file beside it, fsyncs it, renames it over path and fsyncs the
 * directory. When gzip is nonzero the data is stored gzip-compressed. On
 * error path is unchanged and the temporary file is removed. */
hri_status hri_file_write_atomic(const char *path, const void *data,
                                 size_t len, int gzip);

/* Writes all of len bytes to fd, again after EINTR and short writes.
 * Returns 0, or -1 with errno set. Async-signal-safe. */
int hri_write_all(int fd, const void *data, size_t len);

/* Removes path and, when it is a directory, everything under it (symbolic
 * links themselves, not what they point to); what cannot be removed
 * stays. */
void hri_rm_tree(const char *path);

/* Creates directory path and its missing parents (mode 0755). */
hri_status hri_mkdir_p(const char *path);

#define HRI_FILE_TABLE_MAX (4u << 20) /* bytes of one data/ table */

/* Calls fn(line, len, lineno, ud) for each line of the table file at path
 * that is neither empty nor a '#' comment (its CR removed), stopping at the
 * first status fn returns other than HRI_OK. The file is read whole, at most
 * HRI_FILE_TABLE_MAX bytes. On failure err (errsz bytes) says "path: line
 * N: why", why being format_msg for HRI_ERR_FORMAT, and the status is
 * returned. */
hri_status hri_file_table_lines(const char *path,
                                hri_status (*fn)(const char *line, size_t len,
                                                 int lineno, void *ud),
                                void *ud, const char *format_msg, char *err,
                                size_t errsz);

/* hri_file_table_lines() over the len bytes at buf, named name in
 * messages. */
hri_status hri_table_lines(const char *buf, size_t len, const char *name,
                           hri_status (*fn)(const char *line, size_t len,
                                            int lineno, void *ud),
                           void *ud, const char *format_msg, char *err,
                           size_t errsz);

#endif
