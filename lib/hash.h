/* hash.h - FNV-1a, the 64-bit hash of the in-memory tables that are never
 * written out (a file's hashes, such as the classifier model's, keep their
 * own function so that what was written stays readable). */
#ifndef HRI_HASH_H
#define HRI_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HRI_FNV1A_BASIS UINT64_C(14695981039346656037)

/* Returns h with the byte c folded in. */
static inline uint64_t
hri_fnv1a_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * UINT64_C(1099511628211);
}

/* Returns h with the n bytes at p folded in. */
static inline uint64_t
hri_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = (const unsigned char *)p;

	while (n--)
		h = hri_fnv1a_byte(h, *b++);
	return h;
}

#endif
