/* deflate.c - Xapian's compression of hri-index's tags, done by libdeflate.
 *
 * Xapian 1.4's glass backend compresses every tag over 4 bytes of the
 * docdata, termlist and spelling tables (a segment's stored data, its term
 * list and its list of value slots: three a segment) with one raw-deflate
 * zlib stream per table: deflateReset(), then one deflate(Z_FINISH) of the
 * whole tag into a buffer a byte shorter than it, keeping the output when
 * that call returns Z_STREAM_END and the tag as it is otherwise. zlib was a
 * quarter of hri-index's instructions (0.99e9 of 4.10e9 on 2,000
 * segments, bench/README.md): its lazy matching, and for each tag the
 * building of its Huffman trees.
 *
 * hri-index defines zlib's deflateInit2_(), deflate() and deflateEnd()
 * itself, which the dynamic linker binds libxapian's calls to (an
 * executable's definitions come first). A stream started for raw deflate
 * at the default level and strategy (Xapian's; hri's own gzip files are
 * not) is noted, and a whole-buffer deflate(Z_FINISH) on it, as Xapian
 * makes, is done by libdeflate at its level 1, in under half of zlib's
 * instructions for tags 2-3% larger. Its output is an ordinary raw
 * deflate stream, which zlib's inflate() reads as it reads its own: the
 * database format is unchanged and every database, old or new, reads as
 * before. Any other call goes on to zlib's, with memLevel at most
 * hri_deflate_mem_level (a 4K-entry hash table: memLevel 9's 128 KB,
 * cleared by every deflateReset(), cost a fifth of the instructions
 * before). A noted stream libdeflate cannot serve (no memory for its
 * compressor) is compressed by zlib at hri_deflate_spare_mem_level:
 * valid, a little larger. Where the binding does not happen (a static or
 * prelinked Xapian), zlib does it all and only the time differs. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <libdeflate.h>
#include <stddef.h>
#include <zlib.h>

typedef int init2_fn(z_streamp, int, int, int, int, int, const char *, int);
typedef int deflate_fn(z_streamp, int);
typedef int end_fn(z_streamp);

enum {
	/* zlib's memLevel of the streams zlib compresses with: 2^(5 + 7)
	 * hash entries. */
	hri_deflate_mem_level = 5,
	/* zlib's memLevel of a noted stream, which libdeflate compresses
	 * for: the zlib stream under it only takes Xapian's deflateReset()
	 * before every tag (and a call libdeflate cannot serve, which Xapian
	 * does not make), and at memLevel 1 that clears 512 bytes of hash
	 * table where 5 cleared 8 KB (0.06e9 of the 3.58e9 instructions on
	 * 2,000 segments). */
	hri_deflate_spare_mem_level = 1,
	/* libdeflate's level for Xapian's tags: 1 makes them 2-3% larger
	 * than zlib's level 6 (the 20,000-segment database 0.8%) in under
	 * half of zlib's instructions; libdeflate's 6 is as small as zlib's,
	 * and saves half of what 1 does (bench/README.md). */
	hri_deflate_level = 1
};

/* The raw-deflate streams open now: Xapian keeps one a table it writes
 * (docdata, termlist, spelling, synonym), so a few slots do; a stream
 * that finds no slot free goes to zlib whole. hri-index runs one thread (its
 * -j workers are processes), so nothing here races. */
static z_streamp raw[16];

/* Returns the slot holding strm, or NULL. */
static z_streamp *
raw_slot(z_streamp strm)
{
	for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
		if (raw[i] == strm)
			return &raw[i];
	return NULL;
}

/* Sets *fn, on the first call, to the next definition of name after this
 * executable's (zlib's); returns 0, or -1 when there is none. fn points to
 * a function pointer: POSIX's way from dlsym()'s void * to one. */
static int
next_fn(void **fn, const char *name)
{
	if (!*fn)
		*fn = dlsym(RTLD_NEXT, name);
	return *fn ? 0 : -1;
}

int
deflateInit2_(z_streamp strm, int level, int method, int window_bits,
              int mem_level, int strategy, const char *version,
              int stream_size)
{
	static init2_fn *real;
	z_streamp *slot;
	int st;

	if (next_fn((void **)&real, "deflateInit2_"))
		return Z_VERSION_ERROR;
	/* a stream made anew where a noted one was is noted again only if
	 * it is raw too */
	slot = raw_slot(strm);
	if (slot)
		*slot = NULL;
	slot = NULL;
	if (window_bits < 0 && level == Z_DEFAULT_COMPRESSION &&
	    strategy == Z_DEFAULT_STRATEGY)
		slot = raw_slot(NULL);
	if (slot)
		mem_level = hri_deflate_spare_mem_level;
	else if (mem_level > hri_deflate_mem_level)
		mem_level = hri_deflate_mem_level;
	st = real(strm, level, method, window_bits, mem_level, strategy,
	          version, stream_size);
	if (st == Z_OK && slot)
		*slot = strm;
	return st;
}

int
deflate(z_streamp strm, int flush)
{
	static deflate_fn *real;
	static struct libdeflate_compressor *c;
	size_t n;

	if (next_fn((void **)&real, "deflate"))
		return Z_STREAM_ERROR;
	/* one whole buffer into a fresh (just reset) raw stream */
	if (flush != Z_FINISH || strm->total_in != 0 || !raw_slot(strm))
		return real(strm, flush);
	if (!c)
		c = libdeflate_alloc_compressor(hri_deflate_level);
	if (!c)
		return real(strm, flush);
	n = libdeflate_deflate_compress(c, strm->next_in, strm->avail_in,
	                                strm->next_out, strm->avail_out);
	if (n == 0)
		return Z_BUF_ERROR; /* does not fit: Xapian keeps the tag */
	strm->next_in += strm->avail_in;
	strm->total_in += strm->avail_in;
	strm->avail_in = 0;
	strm->next_out += n;
	strm->avail_out -= (uInt)n;
	strm->total_out += n;
	return Z_STREAM_END;
}

int
deflateEnd(z_streamp strm)
{
	static end_fn *real;
	z_streamp *slot = raw_slot(strm);

	if (next_fn((void **)&real, "deflateEnd"))
		return Z_STREAM_ERROR;
	if (slot)
		*slot = NULL;
	return real(strm);
}
