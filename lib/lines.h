/* lines.h - a line reader with a cap on line length. An overlong line is
 * reported and skipped without ever being held in memory, so a hostile
 * 100 MB line costs no more than a short one. */
#ifndef HRI_LINES_H
#define HRI_LINES_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

/* Default cap on one input line: records are small, documents are never
 * inlined in them. */
#define HRI_LINE_MAX (16u * 1024 * 1024)

typedef struct hri_lines hri_lines;

/* Creates a reader over fp (borrowed; the caller closes it). max is the
 * longest line accepted, excluding the newline; 0 means HRI_LINE_MAX.
 * Returns NULL when out of memory. */
hri_lines *hri_lines_new(FILE *fp, size_t max);

/* Frees the reader; hri_lines_free(NULL) does nothing. */
void hri_lines_free(hri_lines *r);

/* Reads the next line. On HRI_OK *line points to it, NUL-terminated, with
 * the newline (and a CR before it) removed, and *len is its length; the
 * buffer is owned by the reader and valid until the next call. At the end
 * of input returns HRI_ERR_NOT_FOUND. A line longer than the cap is consumed
 * and HRI_ERR_TOO_BIG returned, *line NULL; reading may go on. A read error
 * returns HRI_ERR_IO. */
hri_status hri_lines_next(hri_lines *r, const char **line, size_t *len);

/* Returns the number of the line last returned, counting from 1. */
unsigned long hri_lines_lineno(const hri_lines *r);

#endif
