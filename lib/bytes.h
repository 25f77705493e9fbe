/* bytes.h - little-endian numbers in byte buffers, whatever the machine's
 * own order: zip archives and gzip trailers (parse/zip.c, lib/store.c) and
 * the binary classifier model (parse/classify.c). */
#ifndef HRI_BYTES_H
#define HRI_BYTES_H

#include <stdint.h>

/* Returns the n-byte (at most 8) little-endian number at p. */
static inline uint64_t
hri_le_get(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

/* Writes v at p as an n-byte (at most 8) little-endian number. */
static inline void
hri_le_put(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

#endif
