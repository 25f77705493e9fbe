/* file.c - capped reads, gzip and atomic writes. */
#define _XOPEN_SOURCE 700 /* nftw() */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

int
hri_is_gzip(const unsigned char *p, size_t len)
{
	return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

hri_status
hri_inflate(const unsigned char *in, size_t inlen, int raw, size_t max,
            unsigned ratio, unsigned char **buf, size_t *len)
{
	z_stream zs;
	unsigned char *out = NULL, *nout;
	size_t cap = 0, n = 0;
	hri_status st = HRI_OK;
	int zr;

	*buf = NULL;
	*len = 0;
	memset(&zs, 0, sizeof zs);
	/* -MAX_WBITS: raw deflate; 32 + MAX_WBITS: gzip and zlib headers
	 * alike. */
	if (inflateInit2(&zs, raw ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK)
		return HRI_ERR_NOMEM;
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)inlen;
	do {
		if (n == cap) {
			if (cap >= max + 1) {
				st = HRI_ERR_TOO_BIG;
				goto out;
			}
			cap = cap ? cap * 2 : (inlen * 4 > 4096 ? inlen * 4 : 4096);
			if (cap > max + 1)
				cap = max + 1;
			nout = realloc(out, cap + 1);
			if (!nout) {
				st = HRI_ERR_NOMEM;
				goto out;
			}
			out = nout;
		}
		zs.next_out = out + n;
		zs.avail_out = (uInt)(cap - n);
		zr = inflate(&zs, Z_NO_FLUSH);
		n = cap - zs.avail_out;
		if (ratio && n > (1u << 20) && n / (inlen ? inlen : 1) > ratio) {
			st = HRI_ERR_TOO_BIG;
			goto out;
		}
		/* gzip members one after the other are one file (RFC 1952, what
		 * `cat a.gz b.gz` makes): read them all */
		if (!raw && zr == Z_STREAM_END &&
		    hri_is_gzip(zs.next_in, zs.avail_in)) {
			if (inflateReset(&zs) != Z_OK) {
				st = HRI_ERR_INVALID;
				goto out;
			}
			continue;
		}
		if (zr == Z_STREAM_END)
			break;
		if (zr != Z_OK && zr != Z_BUF_ERROR) {
			st = HRI_ERR_INVALID;
			goto out;
		}
		if (zr == Z_BUF_ERROR && zs.avail_in == 0) {
			st = HRI_ERR_INVALID; /* truncated */
			goto out;
		}
	} while (1);
	if (n > max) {
		st = HRI_ERR_TOO_BIG;
		goto out;
	}
	out[n] = '\0';
	*buf = out;
	*len = n;
	out = NULL;
out:
	inflateEnd(&zs);
	free(out);
	return st;
}

const char *
hri_file_kind(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return NULL;
	if (S_ISREG(sb.st_mode))
		return "a regular file";
	if (S_ISDIR(sb.st_mode))
		return "a directory";
	if (S_ISFIFO(sb.st_mode))
		return "a FIFO";
	if (S_ISCHR(sb.st_mode))
		return "a character device";
	if (S_ISBLK(sb.st_mode))
		return "a block device";
	if (S_ISSOCK(sb.st_mode))
		return "a socket";
	return "not a file";
}

hri_status
hri_gunzip(const unsigned char *in, size_t inlen, size_t max,
           unsigned char **buf, size_t *len)
{
	return hri_inflate(in, inlen, 0, max, 0, buf, len);
}

hri_status
hri_file_read(const char *path, size_t max, unsigned char **buf, size_t *len)
{
	struct stat sb;
	unsigned char *data = NULL;
	size_t n = 0;
	ssize_t r;
	hri_status st = HRI_OK;
	int fd, saved;

	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer, for
	 * ever; the type is checked before a byte is read. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? HRI_ERR_NOT_FOUND : HRI_ERR_IO;
	if (fstat(fd, &sb) != 0) {
		st = HRI_ERR_IO;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		st = HRI_ERR_NOT_FILE;
		goto out;
	}
	if ((unsigned long long)sb.st_size > max) {
		st = HRI_ERR_TOO_BIG;
		goto out;
	}
	data = malloc((size_t)sb.st_size + 1);
	if (!data) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	/* a file that shrinks meanwhile is read short, and one that grows is
	 * read to the size it had */
	while (n < (size_t)sb.st_size) {
		r = read(fd, data + n, (size_t)sb.st_size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			st = HRI_ERR_IO;
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	data[n] = '\0';
	if (hri_is_gzip(data, n)) {
		st = hri_gunzip(data, n, max, buf, len);
		goto out;
	}
	*buf = data;
	*len = n;
	data = NULL;
out:
	saved = errno;
	free(data);
	close(fd);
	errno = saved;
	return st;
}

int
hri_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t w;

	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Compresses data as a gzip member into a new buffer. */
static hri_status
gzip_buf(const void *data, size_t len, unsigned char **out, size_t *outlen)
{
	z_stream zs;
	unsigned char *buf;
	size_t cap;

	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		return HRI_ERR_NOMEM;
	cap = deflateBound(&zs, (uLong)len);
	buf = malloc(cap);
	if (!buf) {
		deflateEnd(&zs);
		return HRI_ERR_NOMEM;
	}
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)len;
	zs.next_out = buf;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		free(buf);
		return HRI_ERR_INTERNAL;
	}
	*outlen = cap - zs.avail_out;
	*out = buf;
	deflateEnd(&zs);
	return HRI_OK;
}

/* fsyncs the directory holding path, so that a rename in it is durable. */
static int
sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, r;

	if (!copy)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

hri_status
hri_file_write_atomic(const char *path, const void *data, size_t len, int gz)
{
	unsigned char *zbuf = NULL;
	size_t zlen = 0;
	char *tmp = NULL;
	size_t tlen;
	int fd = -1, saved;
	hri_status st = HRI_OK;

	if (gz) {
		st = gzip_buf(data, len, &zbuf, &zlen);
		if (st)
			return st;
		data = zbuf;
		len = zlen;
	}
	tlen = strlen(path) + 16;
	tmp = malloc(tlen);
	if (!tmp) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	snprintf(tmp, tlen, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		tmp = NULL;
		st = HRI_ERR_IO;
		goto out;
	}
	if (fchmod(fd, 0644) != 0 || hri_write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		st = HRI_ERR_IO;
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		st = HRI_ERR_IO;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		st = HRI_ERR_IO;
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (sync_dir(path) != 0)
		st = HRI_ERR_IO;
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(zbuf);
	errno = saved;
	return st;
}

hri_status
hri_mkdir_p(const char *path)
{
	char *copy = strdup(path);
	char *p;
	hri_status st = HRI_OK;

	if (!copy)
		return HRI_ERR_NOMEM;
	for (p = copy + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
			st = HRI_ERR_IO;
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(copy);
	return st;
}

hri_status
hri_table_lines(const char *buf, size_t len, const char *name,
                hri_status (*fn)(const char *line, size_t len, int lineno,
                                 void *ud),
                void *ud, const char *format_msg, char *err, size_t errsz)
{
	const char *p = buf, *end = p + len;
	int lineno = 0;
	hri_status st = HRI_OK;
	while (p < end && !st) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		lineno++;
		if (le > p && le[-1] == '\r')
			le--;
		if (le > p && *p != '#')
			st = fn(p, (size_t)(le - p), lineno, ud);
		if (st)
			snprintf(err, errsz, "%s: line %d: %s", name, lineno,
			         st == HRI_ERR_FORMAT ? format_msg :
			         hri_status_str(st));
		p = nl ? nl + 1 : end;
	}
	return st;
}

hri_status
hri_file_table_lines(const char *path,
                     hri_status (*fn)(const char *line, size_t len,
                                      int lineno, void *ud),
                     void *ud, const char *format_msg, char *err,
                     size_t errsz)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	hri_status st = hri_file_read(path, HRI_FILE_TABLE_MAX, &buf, &len);
	if (st) {
		snprintf(err, errsz, "%s: %s", path, hri_status_str(st));
		return st;
	}
	st = hri_table_lines((const char *)buf, len, path, fn, ud, format_msg,
	                     err, errsz);
	free(buf);
	return st;
}

/* nftw callback: removes each entry (depth first). */
static int
rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

void
hri_rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
