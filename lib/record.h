/* record.h - the records the stages pass each other (hri-records(5)):
 * their limits, shared by the stage that writes a record and the one that
 * reads it, so that what hri-parse writes hri-index accepts; and the types
 * of their fields, checked where a record enters a stage: hri-parse's
 * fetched records, hri-index's doc, segment and position records. A title
 * that is an object, countries given as one string, a url "javascript:..."
 * would otherwise pass into the records, the index and the pages. */
#ifndef HRI_RECORD_H
#define HRI_RECORD_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"

#define HRI_RECORD_STR_MAX (64u * 1024) /* bytes of a string field other
                                           than "text" */

/* Bytes of a segment's text. hri-parse fails a document with a longer
 * segment ("input too large"); hri-index rejects a segment record with a
 * longer text. Far above any paragraph of a real document: a longer one
 * is a document the segmenter could not cut. */
#define HRI_SEGMENT_TEXT_MAX (4u * 1024 * 1024)

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
