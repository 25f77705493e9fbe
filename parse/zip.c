/* zip.c - one member of an in-memory zip archive, inflated with zlib by
 * hri_inflate() (lib/file.c), which the store's gzip objects share. */
#include "zip.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "file.h"

/* The little-endian fields of zip's records. */
#define le32(p) ((uint32_t)hri_le_get((p), 4))
#define le16(p) ((uint16_t)hri_le_get((p), 2))

/* Finds the end-of-central-directory record; returns its offset or -1. */
static long
find_eocd(const unsigned char *buf, size_t len)
{
	size_t i, lo;

	if (len < 22)
		return -1;
	lo = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22 + 1; i-- > lo;)
		if (le32(buf + i) == 0x06054b50)
			return (long)i;
	return -1;
}

hri_status
hri_zip_read(const unsigned char *buf, size_t len, const char *name,
             size_t max, unsigned char **out, size_t *outlen, char *err,
             size_t errsz)
{
	long eocd = find_eocd(buf, len);
	size_t cd, cdsize, off, nlen = strlen(name), i, entries;
	size_t csize, usize, lho, data, fnl, exl, cml;
	unsigned method, flags;
	hri_status st;

	*out = NULL;
	*outlen = 0;
	if (!max)
		max = HRI_ZIP_MEMBER_MAX;
	if (eocd < 0) {
		snprintf(err, errsz, "not a zip archive, or a truncated one");
		return HRI_ERR_INVALID;
	}
	entries = le16(buf + eocd + 10);
	cdsize = le32(buf + eocd + 12);
	cd = le32(buf + eocd + 16);
	if (cd > len || cdsize > len - cd) {
		snprintf(err, errsz, "zip central directory out of the file (truncated?)");
		return HRI_ERR_INVALID;
	}
	for (off = cd, i = 0; i < entries; i++) {
		if (off + 46 > cd + cdsize || le32(buf + off) != 0x02014b50) {
			snprintf(err, errsz, "damaged zip central directory");
			return HRI_ERR_INVALID;
		}
		flags = le16(buf + off + 8);
		method = le16(buf + off + 10);
		csize = le32(buf + off + 20);
		usize = le32(buf + off + 24);
		fnl = le16(buf + off + 28);
		exl = le16(buf + off + 30);
		cml = le16(buf + off + 32);
		lho = le32(buf + off + 42);
		if (off + 46 + fnl > cd + cdsize) {
			snprintf(err, errsz, "damaged zip central directory");
			return HRI_ERR_INVALID;
		}
		if (fnl == nlen && memcmp(buf + off + 46, name, nlen) == 0)
			break;
		off += 46 + fnl + exl + cml;
	}
	if (i == entries) {
		snprintf(err, errsz, "no %s in the zip archive", name);
		return HRI_ERR_NOT_FOUND;
	}
	if (flags & 1) {
		snprintf(err, errsz, "%s: encrypted", name);
		return HRI_ERR_FORMAT;
	}
	if (usize > max || (usize > (1u << 20) && usize / (csize ? csize : 1) > HRI_ZIP_RATIO_MAX)) {
		snprintf(err, errsz, "%s: %zu bytes from %zu compressed: a zip bomb or too large",
		         name, usize, csize);
		return HRI_ERR_TOO_BIG;
	}
	if (lho > len || len - lho < 30 || le32(buf + lho) != 0x04034b50) {
		snprintf(err, errsz, "%s: damaged zip entry (truncated?)", name);
		return HRI_ERR_INVALID;
	}
	data = lho + 30 + le16(buf + lho + 26) + le16(buf + lho + 28);
	if (data > len || csize > len - data) {
		snprintf(err, errsz, "%s: zip entry runs past the end (truncated?)", name);
		return HRI_ERR_INVALID;
	}
	if (method == 0) {
		if (csize > max) {
			snprintf(err, errsz, "%s: larger than %zu bytes", name, max);
			return HRI_ERR_TOO_BIG;
		}
		*out = malloc(csize + 1);
		if (!*out)
			return HRI_ERR_NOMEM;
		memcpy(*out, buf + data, csize);
		(*out)[csize] = '\0';
		*outlen = csize;
		return HRI_OK;
	}
	if (method != 8) {
		snprintf(err, errsz, "%s: zip compression method %u not supported", name, method);
		return HRI_ERR_FORMAT;
	}
	st = hri_inflate(buf + data, csize, 1, max, HRI_ZIP_RATIO_MAX, out,
	                 outlen);
	if (st == HRI_ERR_TOO_BIG)
		snprintf(err, errsz, "%s: inflates past %zu bytes or %d times its size: a zip bomb?",
		         name, max, HRI_ZIP_RATIO_MAX);
	else if (st == HRI_ERR_INVALID)
		snprintf(err, errsz, "%s: damaged deflate data", name);
	else if (st)
		snprintf(err, errsz, "%s: %s", name, hri_status_str(st));
	return st;
}
