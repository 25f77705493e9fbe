/* store.c - content-addressed, compressed, atomic document store. */
#include "store.h"

#include <dirent.h>
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
#include <openssl/evp.h>
#include <zlib.h>

#include "bytes.h"
#include "file.h"

struct hri_store {
	char *dir;   /* absolute directory of the store */
	int lockfd;  /* fd of dir/lock while we hold the lock, else -1 */
};

/* A SHA-256 being computed: OpenSSL's, which uses the CPU's SHA
 * instructions where it has them (5 to 7 times GLib's 85 MB/s here, where
 * hashing a file argument cost hri-parse 2 to 6% of its time), else GLib's
 * when OpenSSL cannot start one (out of memory). */
typedef struct sha256 {
	EVP_MD_CTX *evp;
	GChecksum *glib;
} sha256;

/* Starts h. */
static void
sha256_start(sha256 *h)
{
	h->glib = NULL;
	h->evp = EVP_MD_CTX_new();
	if (h->evp && EVP_DigestInit_ex(h->evp, EVP_sha256(), NULL))
		return;
	EVP_MD_CTX_free(h->evp);
	h->evp = NULL;
	h->glib = g_checksum_new(G_CHECKSUM_SHA256);
}

/* Adds len bytes at data to h. */
static void
sha256_add(sha256 *h, const void *data, size_t len)
{
	if (h->evp)
		EVP_DigestUpdate(h->evp, data, len);
	else
		g_checksum_update(h->glib, data, (gssize)len);
}

/* Ends h, writing the hex digest into hex (HRI_SHA256_HEX bytes). */
static void
sha256_end(sha256 *h, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (h->evp) {
		EVP_DigestFinal_ex(h->evp, md, &n);
		EVP_MD_CTX_free(h->evp);
		for (i = 0; i < n && i < 32; i++) {
			hex[2 * i] = digits[md[i] >> 4];
			hex[2 * i + 1] = digits[md[i] & 15];
		}
		hex[2 * i] = '\0';
	} else {
		snprintf(hex, HRI_SHA256_HEX, "%s", g_checksum_get_string(h->glib));
		g_checksum_free(h->glib);
	}
}

void
hri_sha256_hex(const void *data, size_t len, char *hex)
{
	sha256 h;

	sha256_start(&h);
	sha256_add(&h, data, len);
	sha256_end(&h, hex);
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
	hri_status st;
	int repair = 0;

	*created = HRI_STORE_KEPT;
	hri_sha256_hex(data, len, sha);
	st = hri_store_path(s, sha, path, pathsz);
	if (st)
		return st;
	/* The same bytes again: the copy held must be them, else it is
	 * replaced (a truncated object would be kept for ever otherwise). */
	st = hri_store_check(s, sha, len, 1);
	if (st == HRI_OK)
		return HRI_OK;
	repair = st != HRI_ERR_NOT_FOUND;
	snprintf(dir, sizeof dir, "%s/objects/%.2s", s->dir, sha);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return HRI_ERR_IO;
	st = hri_file_write_atomic(path, data, len, 1);
	if (st == HRI_OK)
		*created = repair ? HRI_STORE_REPAIRED : HRI_STORE_NEW;
	return st;
}

/* Returns nonzero when the object at fd, gzip data, inflates to bytes
 * whose hex sha256 is sha; reads it in pieces. Closes fd. */
static int
object_sound(int fd, const char *sha)
{
	sha256 h;
	char hex[HRI_SHA256_HEX];
	unsigned char buf[65536];
	gzFile gz = gzdopen(fd, "rb");
	int n, ok = 0, err = 0;

	if (!gz) {
		close(fd);
		return 0;
	}
	sha256_start(&h);
	/* gzread goes through every member, and fails on a cut one */
	while ((n = gzread(gz, buf, sizeof buf)) > 0)
		sha256_add(&h, buf, (size_t)n);
	sha256_end(&h, hex);
	gzerror(gz, &err);
	if (n == 0 && (err == Z_OK || err == Z_STREAM_END) && !gzdirect(gz))
		ok = strcmp(hex, sha) == 0;
	gzclose(gz);
	return ok;
}

hri_status
hri_store_check(const hri_store *s, const char *sha, unsigned long long bytes,
                int full)
{
	char path[PATH_MAX];
	unsigned char head[2], tail[4];
	struct stat sb;
	unsigned long isize;
	hri_status st;
	int fd;

	st = hri_store_path(s, sha, path, sizeof path);
	if (st)
		return st;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? HRI_ERR_NOT_FOUND : HRI_ERR_IO;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return HRI_ERR_IO;
	}
	/* a gzip member is at least a 10-byte header and an 8-byte trailer */
	if (!S_ISREG(sb.st_mode) || sb.st_size < 18 ||
	    pread(fd, head, 2, 0) != 2 || !hri_is_gzip(head, 2) ||
	    pread(fd, tail, 4, sb.st_size - 4) != 4) {
		close(fd);
		return HRI_ERR_INVALID;
	}
	isize = (unsigned long)hri_le_get(tail, 4);
	if (bytes && isize != (unsigned long)(bytes & 0xffffffffULL)) {
		close(fd);
		return HRI_ERR_INVALID;
	}
	if (!full) {
		close(fd);
		return HRI_OK;
	}
	return object_sound(fd, sha) ? HRI_OK : HRI_ERR_INVALID;
}

/* Returns nonzero when name is a temporary file of hri_file_write_atomic()
 * (NAME.tmpXXXXXX, mkstemp's six letters and digits). */
static int
is_temp(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 11 || memcmp(name + n - 10, ".tmp", 4) != 0)
		return 0;
	for (i = n - 6; i < n; i++)
		if (!g_ascii_isalnum(name[i]))
			return 0;
	return 1;
}

/* Calls fn(dir, name, ud) for each entry of each subdirectory of top
 * (objects/ab/..., refs/en/...), skipping dot files; fn returns nonzero to
 * stop. Returns HRI_ERR_IO when top or a subdirectory cannot be read. */
static hri_status
walk2(const char *top, int (*fn)(const char *sub, const char *dir,
                                 const char *name, void *ud), void *ud)
{
	char sub[PATH_MAX];
	struct dirent *e, *f;
	DIR *d, *d2;
	hri_status st = HRI_OK;
	int stop = 0;

	d = opendir(top);
	if (!d)
		return errno == ENOENT ? HRI_OK : HRI_ERR_IO;
	while (!stop && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (snprintf(sub, sizeof sub, "%s/%s", top, e->d_name) >= (int)sizeof sub)
			continue;
		d2 = opendir(sub);
		if (!d2) {
			if (errno != ENOTDIR)
				st = HRI_ERR_IO;
			continue;
		}
		while (!stop && (f = readdir(d2)))
			if (f->d_name[0] != '.')
				stop = fn(e->d_name, sub, f->d_name, ud);
		closedir(d2);
	}
	closedir(d);
	return st;
}

/* Context of the walks. */
struct walk {
	unsigned long *count;
	int (*obj)(const char *sha, void *ud);
	int (*ref)(const char *lang, const char *name, void *ud);
	const char *lang;
	void *ud;
};

/* walk2() callback of hri_store_remove_temps(). */
static int
temp_one(const char *sub, const char *dir, const char *name, void *ud)
{
	struct walk *w = ud;
	char path[PATH_MAX];

	(void)sub;
	if (is_temp(name) &&
	    snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path &&
	    unlink(path) == 0)
		(*w->count)++;
	return 0;
}

hri_status
hri_store_remove_temps(hri_store *s, unsigned long *removed)
{
	char top[PATH_MAX];
	struct walk w = {removed, NULL, NULL, NULL, NULL};
	hri_status st, st2;

	snprintf(top, sizeof top, "%s/objects", s->dir);
	st = walk2(top, temp_one, &w);
	snprintf(top, sizeof top, "%s/refs", s->dir);
	st2 = walk2(top, temp_one, &w);
	return st ? st : st2;
}

/* walk2() callback of hri_store_each_object(). */
static int
object_one(const char *sub, const char *dir, const char *name, void *ud)
{
	struct walk *w = ud;
	char sha[HRI_SHA256_HEX];
	size_t n = strlen(name);

	(void)dir;
	/* objects/ab/ab12...ef.gz, and nothing else */
	if (n != 67 || strcmp(name + 64, ".gz") != 0 || strncmp(name, sub, 2) != 0)
		return 0;
	memcpy(sha, name, 64);
	sha[64] = '\0';
	return w->obj(sha, w->ud);
}

hri_status
hri_store_each_object(const hri_store *s, int (*fn)(const char *sha, void *ud),
                      void *ud)
{
	char top[PATH_MAX];
	struct walk w = {NULL, fn, NULL, NULL, ud};

	snprintf(top, sizeof top, "%s/objects", s->dir);
	return walk2(top, object_one, &w);
}

/* walk2() callback of hri_store_each_ref(). */
static int
ref_one(const char *sub, const char *dir, const char *name, void *ud)
{
	struct walk *w = ud;
	char base[256];
	size_t n = strlen(name);

	(void)dir;
	if (w->lang && strcmp(w->lang, sub) != 0)
		return 0;
	if (n <= 5 || n - 5 >= sizeof base || strcmp(name + n - 5, ".json") != 0)
		return 0;
	memcpy(base, name, n - 5);
	base[n - 5] = '\0';
	return w->ref(sub, base, w->ud);
}

hri_status
hri_store_each_ref(const hri_store *s, const char *lang,
                   int (*fn)(const char *lang, const char *name, void *ud),
                   void *ud)
{
	char top[PATH_MAX];
	struct walk w = {NULL, NULL, fn, lang, ud};

	snprintf(top, sizeof top, "%s/refs", s->dir);
	return walk2(top, ref_one, &w);
}

hri_status
hri_store_remove_object(hri_store *s, const char *sha)
{
	char path[PATH_MAX];
	hri_status st;

	st = hri_store_path(s, sha, path, sizeof path);
	if (st)
		return st;
	if (unlink(path) != 0)
		return errno == ENOENT ? HRI_ERR_NOT_FOUND : HRI_ERR_IO;
	return HRI_OK;
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

hri_status
hri_store_ref_remove(hri_store *s, const char *lang, const char *name)
{
	char path[PATH_MAX];
	hri_status st;

	st = ref_path(s, lang, name, path, sizeof path);
	if (st)
		return st;
	if (unlink(path) != 0)
		return errno == ENOENT ? HRI_ERR_NOT_FOUND : HRI_ERR_IO;
	return HRI_OK;
}

hri_status
hri_store_ref_touch(hri_store *s, const char *lang, const char *name)
{
	char path[PATH_MAX];
	hri_status st;

	st = ref_path(s, lang, name, path, sizeof path);
	if (st)
		return st;
	if (utimensat(AT_FDCWD, path, NULL, 0) != 0)
		return errno == ENOENT ? HRI_ERR_NOT_FOUND : HRI_ERR_IO;
	return HRI_OK;
}

hri_status
hri_store_ref_checked(const hri_store *s, const char *lang, const char *name,
                      time_t *when)
{
	char path[PATH_MAX];
	struct stat sb;
	hri_status st;

	*when = 0;
	st = ref_path(s, lang, name, path, sizeof path);
	if (st)
		return st;
	if (stat(path, &sb) != 0)
		return errno == ENOENT ? HRI_ERR_NOT_FOUND : HRI_ERR_IO;
	*when = sb.st_mtime;
	return HRI_OK;
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
