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
	if (!s) {
		snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
		return HRI_ERR_NOMEM;
	}
	s->lockfd = -1;
	if (!realpath(dir, buf)) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		st = HRI_ERR_IO;
		goto out;
	}
	s->dir = strdup(buf);
	if (!s->dir) {
		snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
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

/* Returns nonzero when name can be one path component inside the store. */
static int
safe_component(const char *name)
{
	return name && name[0] != '\0' && name[0] != '.' && !strchr(name, '/') &&
	       strlen(name) < 256;
}

/* Writes the path of refs/<lang>/<name>.json, or of its directory when name
 * is NULL, into path. */
static hri_status
ref_path(const hri_store *s, const char *lang, const char *name, char *path,
         size_t pathsz)
{
	int n;

	if (!safe_component(lang) || (name && !safe_component(name)))
		return HRI_ERR_INVALID;
	if (name)
		n = snprintf(path, pathsz, "%s/refs/%s/%s.json", s->dir, lang, name);
	else
		n = snprintf(path, pathsz, "%s/refs/%s", s->dir, lang);
	if (n < 0 || (size_t)n >= pathsz)
		return HRI_ERR_TOO_BIG;
	return HRI_OK;
}

hri_status
hri_store_ref_read(const hri_store *s, const char *lang, const char *name,
                   json_t **out)
{
	char path[PATH_MAX];
	unsigned char *buf = NULL;
	size_t len = 0;
	json_t *ref;
	hri_status st;

	*out = NULL;
	st = ref_path(s, lang, name, path, sizeof path);
	if (st)
		return st;
	/* A reference is a few hundred bytes; 1 MB leaves room and no more. */
	st = hri_file_read(path, 1u << 20, &buf, &len);
	if (st)
		return st;
	ref = json_loadb((const char *)buf, len, 0, NULL);
	free(buf);
	if (!json_is_object(ref)) {
		json_decref(ref);
		return HRI_ERR_INVALID;
	}
	*out = ref;
	return HRI_OK;
}

hri_status
hri_store_ref_write(hri_store *s, const char *lang, const char *name,
                    const json_t *ref)
{
	char path[PATH_MAX];
	char *text;
	hri_status st;

	st = ref_path(s, lang, NULL, path, sizeof path);
	if (st)
		return st;
	st = hri_mkdir_p(path);
	if (st)
		return st;
	st = ref_path(s, lang, name, path, sizeof path);
	if (st)
		return st;
	text = json_dumps(ref, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return HRI_ERR_NOMEM;
	st = hri_file_write_atomic(path, text, strlen(text), 0);
	free(text);
	return st;
}

int
hri_store_has(const hri_store *s, const char *sha)
{
	char path[PATH_MAX];
	struct stat sb;

	if (hri_store_path(s, sha, path, sizeof path))
		return 0;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}
