/* deflate.h - the zlib memLevel hri-index gives Xapian's compression of
 * tags (deflate.c: why, and how). */
#ifndef HRI_DEFLATE_H
#define HRI_DEFLATE_H

/* The memLevel of every deflate stream this process starts: at most this,
 * whatever the caller (Xapian: 9) asked for. */
extern const int hri_deflate_mem_level;

#endif
