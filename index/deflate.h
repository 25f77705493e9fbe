/* deflate.h - how hri-index compresses Xapian's tags: libdeflate's level,
 * and zlib's memLevel where zlib still does it (deflate.c: why, and
 * how). */
#ifndef HRI_DEFLATE_H
#define HRI_DEFLATE_H

/* The memLevel of every other deflate stream this process starts: at most
 * this, whatever the caller asked for. */
extern const int hri_deflate_mem_level;

/* The memLevel of the zlib streams libdeflate compresses for (Xapian's,
 * which ask for 9). */
extern const int hri_deflate_spare_mem_level;

/* libdeflate's compression level of the tags Xapian compresses. */
extern const int hri_deflate_level;

#endif
