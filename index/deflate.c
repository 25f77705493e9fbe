/* deflate.c - Xapian's compression of hri-index's tags with a hash table
 * sized for them.
 *
 * Xapian 1.4's glass backend compresses every tag over 4 bytes of the
 * docdata, termlist and spelling tables (a segment's stored data, its term
 * list and its list of value slots: three a segment) with one zlib stream
 * per table, reset before each tag, made with memLevel 9 and no way to ask
 * for less. memLevel 9 is a 64K-entry hash table, 128 KB that
 * deflateReset() clears for every tag, where the tags are 20 bytes to a
 * few KB: under callgrind that clearing was a fifth of hri-index's
 * instructions (1.02e9 of 5.35e9 on 2,000 segments), and each clearing
 * evicts 128 KB of the cache the indexing works in.
 *
 * hri-index defines deflateInit2_() itself, which the dynamic linker then
 * binds Xapian's call to (an executable's definitions come first), and
 * hands it on to zlib's with memLevel at most hri_deflate_mem_level: a
 * 4K-entry table (8 KB) hashes a tag of a few KB as well as 64K entries
 * do (the stored data of 10,000 segments deflate to the same size within
 * 0.01%), and zlib's output is an ordinary deflate stream whatever the
 * memLevel, which every reader inflates as before. Where the binding does
 * not happen (a static or prelinked Xapian), nothing changes but the
 * time. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <zlib.h>

#include "deflate.h"

typedef int init2_fn(z_streamp, int, int, int, int, int, const char *, int);

/* zlib's memLevel of the tags' streams: 2^(5 + 7) hash entries. */
const int hri_deflate_mem_level = 5;

int
deflateInit2_(z_streamp strm, int level, int method, int window_bits,
              int mem_level, int strategy, const char *version,
              int stream_size)
{
	/* found on the first call: hri-index runs one thread (its -j
	 * workers are processes), so nothing races to set it */
	static init2_fn *real;

	if (!real) {
		/* POSIX's way from dlsym()'s void * to a function pointer */
		void *sym = dlsym(RTLD_NEXT, "deflateInit2_");
		if (!sym)
			return Z_VERSION_ERROR;
		*(void **)&real = sym;
	}
	if (mem_level > hri_deflate_mem_level)
		mem_level = hri_deflate_mem_level;
	return real(strm, level, method, window_bits, mem_level, strategy,
	            version, stream_size);
}
