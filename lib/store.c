/* store.c - content-addressed, compressed, atomic document store. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "file.h"

struct hri_store {
	char *dir;   /* absolute directory of the store */
	int lockfd;  /* fd of dir/lock while we hold the lock, else -1 */
};

void
hri_sha256_hex(const void *data, size_t len, char *hex)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);

	g_checksum_update(ck, data, (gssize)len);
	snprintf(hex, HRI_SHA256_HEX, "%s", g_checksum_get_string(ck));
	g_checksum_free(ck);
}

hri_status
hri_store_open(const char *dir, int flags, hri_store **out, char *err,
               size_t errsz)
{
	hri_store *s = NULL;
	char buf[PATH_MAX];
	hri_status st = HRI_OK;

	*out = NULL;
	st = hri_mkdir_p(dir);
	if (st) {
		snprintf(err, errsz, "%s: cannot create: %s", dir, strerror(errno));
		return st;
	}
	s = calloc(1, sizeof *s);
	if (!s)
		return HRI_ERR_NOMEM;
	s->lockfd = -1;
	if (!realpath(dir, buf)) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		st = HRI_ERR_IO;
		goto out;
	}
	s->dir = strdup(buf);
	if (!s->dir) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	snprintf(buf, sizeof buf, "%s/objects", s->dir);
	if (hri_mkdir_p(buf) != HRI_OK) {
		snprintf(err, errsz, "%s: cannot create: %s", buf, strerror(errno));
		st = HRI_ERR_IO;
		goto out;
	}
	if (flags & HRI_STORE_LOCK) {
		snprintf(buf, sizeof buf, "%s/lock", s->dir);
		s->lockfd = open(buf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (s->lockfd < 0) {
			snprintf(err, errsz, "%s: %s", buf, strerror(errno));
			st = HRI_ERR_IO;
			goto out;
		}
		if (flock(s->lockfd, LOCK_EX | ((flags & HRI_STORE_WAIT) ? 0 : LOCK_NB))) {
			snprintf(err, errsz, "%s: another run holds the store lock",
			         s->dir);
			st = errno == EWOULDBLOCK ? HRI_ERR_LOCKED : HRI_ERR_IO;
			goto out;
		}
	}
	*out = s;
	s = NULL;
out:
	hri_store_free(s);
	return st;
}

void
hri_store_free(hri_store *s)
{
	if (!s)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd); /* releases the flock */
	free(s->dir);
	free(s);
}

const char *
hri_store_dir(const hri_store *s)
{
	return s->dir;
}

hri_status
hri_store_path(const hri_store *s, const char *sha, char *path, size_t pathsz)
{
	size_t i;
	int n;

	for (i = 0; i < 64; i++)
		if (!((sha[i] >= '0' && sha[i] <= '9') ||
		      (sha[i] >= 'a' && sha[i] <= 'f')))
			return HRI_ERR_INVALID;
	if (sha[64] != '\0')
		return HRI_ERR_INVALID;
	n = snprintf(path, pathsz, "%s/objects/%.2s/%s.gz", s->dir, sha, sha);
	if (n < 0 || (size_t)n >= pathsz)
		return HRI_ERR_TOO_BIG;
	return HRI_OK;
}

hri_status
hri_store_put(hri_store *s, const void *data, size_t len, char *sha,
              char *path, size_t pathsz, int *created)
{
	char dir[PATH_MAX];
	struct stat sb;
	hri_status st;

	*created = 0;
	hri_sha256_hex(data, len, sha);
	st = hri_store_path(s, sha, path, pathsz);
	if (st)
		return st;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return HRI_OK;
	snprintf(dir, sizeof dir, "%s/objects/%.2s", s->dir, sha);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return HRI_ERR_IO;
	st = hri_file_write_atomic(path, data, len, 1);
	if (st == HRI_OK)
		*created = 1;
	return st;
}
