/* jsonl.h - JSON Lines records on jansson: parse one input line into a
 * record, write one record as one line, and small accessors that every stage
 * uses on records. */
#ifndef HRI_JSONL_H
#define HRI_JSONL_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "status.h"

/* Parses line (len bytes, need not be NUL-terminated) as one JSON object.
 * On HRI_OK *out is a new reference the caller releases with json_decref().
 * On HRI_ERR_INVALID *out is NULL and err (errsz bytes) says why, with the
 * column ("column 17: unexpected token"); a value that is valid JSON but not
 * an object is invalid too. */
hri_status hri_jsonl_parse(const char *line, size_t len, json_t **out,
                           char *err, size_t errsz);

/* Writes rec as one compact UTF-8 line followed by a newline. Returns
 * HRI_ERR_IO when the stream reports an error (a closed pipe, a full disk). */
hri_status hri_jsonl_write(FILE *fp, const json_t *rec);

/* Returns the string member key of obj, or NULL when it is missing, null or
 * not a string. The string is borrowed from obj. */
const char *hri_json_str(const json_t *obj, const char *key);

/* Returns the integer member key of obj, or dflt when missing or not an
 * integer. */
long long hri_json_int(const json_t *obj, const char *key, long long dflt);

/* Sets obj[key] to the string val, or to null when val is NULL. Returns
 * HRI_ERR_NOMEM or HRI_ERR_INVALID (val not UTF-8) on failure. */
hri_status hri_json_set_str(json_t *obj, const char *key, const char *val);

/* Sets obj[key] to the string of len bytes at val, or null when val is NULL. */
hri_status hri_json_set_strn(json_t *obj, const char *key, const char *val,
                             size_t len);

#endif
