/* swar.h - eight bytes of text looked at in one 64-bit word ("SIMD within
 * a register"): the readers, the segmenter and the JSON writer skip the
 * words that hold none of the bytes they look for, which is most of any
 * text, and look at the rest byte by byte. Every test here is exact: it
 * misses no byte and makes none up, whatever the byte order. */
#ifndef HRI_SWAR_H
#define HRI_SWAR_H

#include <stdint.h>
#include <string.h>

#define HRI_SWAR_ONES UINT64_C(0x0101010101010101)
#define HRI_SWAR_HIGHS UINT64_C(0x8080808080808080)

/* Returns the 8 bytes at p, aligned or not. */
static inline uint64_t
hri_swar_load(const void *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

/* Nonzero when a byte of w is 0x80 or above (not plain ASCII). */
static inline uint64_t
hri_swar_high(uint64_t w)
{
	return w & HRI_SWAR_HIGHS;
}

/* Nonzero when a byte of w is below c (c at most 0x80); bytes from 0x80 up
 * never count. */
static inline uint64_t
hri_swar_below(uint64_t w, unsigned char c)
{
	return (w - c * HRI_SWAR_ONES) & ~w & HRI_SWAR_HIGHS;
}

/* Nonzero when a byte of w is c. */
static inline uint64_t
hri_swar_has(uint64_t w, unsigned char c)
{
	return hri_swar_below(w ^ (c * HRI_SWAR_ONES), 1);
}

#endif
