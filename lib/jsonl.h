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

/* A record written piece by piece, in the bytes hri_jsonl_write would
 * write: gathered here and sent to fp in blocks. */
typedef struct hri_jsonl_out {
	FILE *fp;
	size_t used;     /* bytes in buf */
	int failed;      /* fp reported an error */
	char buf[8192];
} hri_jsonl_out;

/* Starts a record written to fp. */
void hri_jsonl_out_start(hri_jsonl_out *w, FILE *fp);

/* Appends len bytes of JSON text at p as they are. */
void hri_jsonl_out_raw(hri_jsonl_out *w, const char *p, size_t len);

/* Appends the JSON string literal of the len bytes of UTF-8 at p. */
void hri_jsonl_out_string(hri_jsonl_out *w, const char *p, size_t len);

/* Writes into out (outsz bytes) the JSON string literal
 * hri_jsonl_out_string() appends for the len bytes at p, for text written
 * many times (a label): returns its length, or 0 when it does not fit or
 * p is longer than 1,365 bytes (six bytes an escape, in the writer's
 * block). */
size_t hri_jsonl_quote(const char *p, size_t len, char *out, size_t outsz);

/* Appends the JSON text of the integer v. */
void hri_jsonl_out_integer(hri_jsonl_out *w, json_int_t v);

/* Appends the compact JSON text of v. Returns HRI_ERR_INVALID for a value
 * hri_jsonl_write could not write either. */
hri_status hri_jsonl_out_value(hri_jsonl_out *w, const json_t *v);

/* Appends '{' and the members of the object obj as hri_jsonl_out_value()
 * writes them, but not the closing brace: the caller appends members of
 * its own (',' before each when *n > 0) and the '}'. *n receives the
 * count of members written. Returns HRI_ERR_INVALID when obj is no object
 * or a member cannot be written. */
hri_status hri_jsonl_out_open(hri_jsonl_out *w, const json_t *obj, size_t *n);

/* Ends the record with a newline and writes what is gathered. Returns
 * HRI_ERR_IO when the stream reports an error. */
hri_status hri_jsonl_out_end(hri_jsonl_out *w);

/* One member of an object as hri_jsonl_members() finds it in the text. */
typedef struct hri_jsonl_span {
	const char *key; /* the key's bytes between its quotes, as written */
	size_t keylen;
	const char *val; /* the value's JSON text */
	size_t vallen;
} hri_jsonl_span;

/* Finds the members of the JSON object of len bytes at line when it is
 * written exactly as hri_jsonl_write writes what jansson reads from it:
 * compact, strings valid UTF-8 and escaped as the writer escapes, numbers
 * integers of at most 18 digits, no key twice in an object, nesting at most
 * 16 deep and 32 members in an inner object. Copying a value's text is
 * then the same as parsing it and writing it. Returns HRI_OK with the *n
 * members in m (max at most); HRI_ERR_INVALID when the text is in another
 * form (which may still be JSON: parse it), HRI_ERR_TOO_BIG when the
 * object has more than max members. */
hri_status hri_jsonl_members(const char *line, size_t len, hri_jsonl_span *m,
                             size_t max, size_t *n);

/* Returns the member named key (plain ASCII, no escapes) among the n
 * members at m, or NULL. The search starts at *at and goes round, and *at
 * is set past the member found: members asked for in the order they are
 * written are found at the first look. at may be NULL (from the first). */
const hri_jsonl_span *hri_jsonl_member(const hri_jsonl_span *m, size_t n,
                                       const char *key, size_t *at);

/* Writes the text of the string literal s (a value hri_jsonl_members
 * found, quotes included) into out, which has room for s->vallen bytes,
 * and a NUL after it. Returns the text's length, or (size_t)-1 when the
 * value is no string. */
size_t hri_jsonl_unescape(const hri_jsonl_span *s, char *out);

#endif
