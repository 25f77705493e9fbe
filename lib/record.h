/* record.h - the types of the record fields the stages pass each other
 * (DESIGN.md, README "Records"), checked where a record enters a stage:
 * hri-parse's fetched records, hri-index's doc, segment and position
 * records. A title that is an object, countries given as one string, a url
 * "javascript:..." would otherwise pass into the records, the index and the
 * pages. */
#ifndef HRI_RECORD_H
#define HRI_RECORD_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"

#define HRI_RECORD_STR_MAX (64u * 1024) /* bytes of a string field other
                                           than "text" */

/* Checks each field of rec that the records name, by its type: strings
 * (at most HRI_RECORD_STR_MAX bytes, "text" excepted), integers, arrays of
 * strings, the objects of "cites" and "instruments"; "url" must be an http,
 * https or file address and "source" one or a path; null stands for any
 * field. Fields the records do not name are not looked
 * at. Returns HRI_OK, or HRI_ERR_INVALID with err (errsz bytes) naming the
 * record and the field: "segment A/HRC/1/1#2: field \"countries\": an array
 * of strings or null, not a string \"Slovenia\"". */
hri_status hri_record_check(const json_t *rec, char *err, size_t errsz);

#endif
