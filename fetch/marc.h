/* marc.h - catalogue records of the UN Digital Library in MARCXML (the MARC
 * 21 slim schema: collection/record/datafield/subfield), read with libxml2
 * with the network and entity expansion off. */
#ifndef HRI_FETCH_MARC_H
#define HRI_FETCH_MARC_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"

/* Longest catalogue answer read: one record is a few kilobytes. */
#define HRI_MARC_MAX (4u * 1024 * 1024)

/* Parses the MARCXML document of len bytes at xml and picks the record of
 * the document symbol (191 $a equal to symbol; the first record when symbol
 * is NULL). On HRI_OK *meta is a new JSON object for json_decref() with what
 * the record holds among: "title" (245 $a, $b joined), "date" (269 $a as
 * ISO 8601, YYYY, YYYY-MM or YYYY-MM-DD), "symbol" (191 $a), "agenda" (991
 * $b, the item numbers as a masthead says them: "6", "2 and 3"),
 * "agenda_title" (991 $d: "Universal periodic review", several joined with
 * "; "), "subjects" (650 $a, array), "files"
 * (856 $u, array of URLs). Returns HRI_ERR_INVALID (err says why) when the
 * XML is malformed or not MARCXML, HRI_ERR_NOT_FOUND when no record is of
 * symbol, HRI_ERR_TOO_BIG past HRI_MARC_MAX. *meta is NULL on error. */
hri_status hri_marc_parse(const char *xml, size_t len, const char *symbol,
                          json_t **meta, char *err, size_t errsz);

/* Writes the ISO 8601 form of a MARC date ("20150312" -> "2015-03-12",
 * "2015" -> "2015", "2015-03-12" kept) into out (outsz bytes, 11 enough).
 * Returns HRI_ERR_INVALID when text is no date. */
hri_status hri_marc_date(const char *text, char *out, size_t outsz);

#endif
