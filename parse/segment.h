/* segment.h - the segmenter: cuts a doctext into the segment records of
 * hri-records(5) (numbered paragraphs, recommendations, footnotes, the
 * summary) with their sections, and reads the masthead (title, session,
 * agenda item, date). One segmenter serves every format. */
#ifndef HRI_SEGMENT_H
#define HRI_SEGMENT_H

#include <jansson.h>

#include "doctext.h"
#include "states.h"
#include "status.h"

/* What the masthead and the body said about the document. */
typedef struct hri_segment_meta {
	json_t *masthead;   /* object: title, session, agenda, date, body, upr
	                       (true for a UPR Working Group report),
	                       state_under_review (its UN short name) and
	                       wg_session (the Working Group's session), when
	                       found */
	unsigned paragraphs; /* numbered paragraphs found */
	unsigned recommendations; /* recommendation segments */
	unsigned footnotes;  /* footnote segments */
} hri_segment_meta;

/* Segments t for the document with the normalised symbol sym, naming the
 * States of UPR recommendations and the State under review with states
 * (NULL: none are named). On HRI_OK *segs is a new json array of segment
 * records in document order and meta->masthead a new object, both owned by
 * the caller (json_decref). On error both are NULL. Returns HRI_ERR_NOMEM,
 * or HRI_ERR_INVALID when the document holds no text at all. */
hri_status hri_segment_doc(const hri_doctext *t, const char *sym,
                           const hri_states *states, json_t **segs,
                           hri_segment_meta *meta);

/* Sets on the doc record d what the document's mechanism gives, from the
 * masthead fields mast of hri_segment_doc() and the normalised symbol sym:
 * "mechanism" ("upr", "treaty-body", "special-procedure" or null), and
 * where known "state_under_review" (as the title writes it), a special
 * procedure's mandate as "body", and "next_report" (ISO date). d's
 * "doctype" must be set already. */
void hri_segment_doc_mechanism(json_t *d, const json_t *mast, const char *sym);

/* Parses an English ordinal of up to ninety-ninth ("Twenty-eighth",
 * "first") of len bytes at s. Returns the number, or 0 when s is none. */
int hri_segment_ordinal(const char *s, size_t len);

/* Finds the first date "12 September 2019" in s and writes it as ISO
 * "2019-09-12" into out (11 bytes). Returns 0 when found, -1 otherwise. */
int hri_segment_date(const char *s, char out[11]);

#endif
