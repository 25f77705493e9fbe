/* records.h - the limits of the records the stages pass each other, shared
 * by the stage that writes a record and the one that reads it, so that what
 * hri-parse writes hri-index accepts (man 5 hri-records). */
#ifndef HRI_RECORDS_H
#define HRI_RECORDS_H

/* Bytes of a segment's text. hri-parse fails a document with a longer
 * segment ("input too large"); hri-index rejects a segment record with a
 * longer text. Far above any paragraph of a real document: a longer one
 * is a document the segmenter could not cut. */
#define HRI_SEGMENT_TEXT_MAX (4u * 1024 * 1024)

#endif
