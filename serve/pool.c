/* pool.c - database handles lent to threads, one at a time each. */
#include "pool.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hash.h"
#include "log.h"

/* What tells one database on disk from another: the path itself (a
 * directory, or a stub file and its time), the stub file of a shard set,
 * and for each database directory read through it (the database itself, or
 * each local shard of a set) its inode (hri-index --compact puts a new one
 * in place) and its version file, which each commit replaces. Equal
 * stamps: the same database, whose later commits reopen() finds. */
typedef struct stamp {
	dev_t dev;
	ino_t dir, stub;
	struct timespec stub_mtime;
	uint64_t dirs; /* the databases read, folded (FNV-1a) */
} stamp;

struct hri_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;  /* signalled when a handle comes back */
	hri_db **dbs;          /* every handle */
	stamp *stamps;         /* what each handle opened */
	int *busy;             /* dbs[i] is lent out */
	size_t n;
	char *path;            /* the database */
	stamp failed;          /* the last stamp that failed to open */
};

/* Fills *st with the stamp of the database at path now, db being a handle
 * open on it (whose database directories are stat'ed; zeros for what is
 * not there). */
static void
stamp_now(const char *path, const hri_db *db, stamp *st)
{
	char file[PATH_MAX];
	const char *dir;
	struct stat sb;
	size_t i;

	memset(st, 0, sizeof *st);
	st->dirs = HRI_FNV1A_BASIS;
	if (stat(path, &sb) != 0)
		return;
	st->dev = sb.st_dev;
	st->dir = sb.st_ino;
	if (!S_ISDIR(sb.st_mode)) {
		st->stub = sb.st_ino; /* a stub file */
		st->stub_mtime = sb.st_mtim;
	}
	snprintf(file, sizeof file, "%s/index.stub", path);
	if (S_ISDIR(sb.st_mode) && stat(file, &sb) == 0) {
		st->stub = sb.st_ino;
		st->stub_mtime = sb.st_mtim;
	}
	for (i = 0; db && (dir = hri_db_local(db, i)) != NULL; i++) {
		ino_t ino[2] = {0, 0};
		if (stat(dir, &sb) == 0)
			ino[0] = sb.st_ino;
		snprintf(file, sizeof file, "%s/iamglass", dir);
		if (stat(file, &sb) == 0)
			ino[1] = sb.st_ino;
		st->dirs = hri_fnv1a(st->dirs, ino, sizeof ino);
	}
}

/* Returns nonzero when the stamps a and b differ. */
static int
stamp_differs(const stamp *a, const stamp *b)
{
	return a->dev != b->dev || a->dir != b->dir || a->stub != b->stub ||
	       a->stub_mtime.tv_sec != b->stub_mtime.tv_sec ||
	       a->stub_mtime.tv_nsec != b->stub_mtime.tv_nsec ||
	       a->dirs != b->dirs;
}

hri_status
hri_pool_new(const char *path, size_t n, hri_pool **out, char *err,
             size_t errsz)
{
	hri_pool *p;
	hri_status st = HRI_OK;
	size_t i;

	*out = NULL;
	p = calloc(1, sizeof *p);
	if (!p)
		return HRI_ERR_NOMEM;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->dbs = calloc(n, sizeof *p->dbs);
	p->stamps = calloc(n, sizeof *p->stamps);
	p->busy = calloc(n, sizeof *p->busy);
	p->path = strdup(path);
	p->n = n;
	if (!p->dbs || !p->stamps || !p->busy || !p->path) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		/* a commit between the open and the stamp is seen by the
		 * reopen() of each get */
		st = hri_db_open(path, HRI_DB_READ, 0, &p->dbs[i], err, errsz);
		if (st)
			goto out;
		stamp_now(path, p->dbs[i], &p->stamps[i]);
	}
out:
	if (st) {
		hri_pool_free(p);
		return st;
	}
	*out = p;
	return HRI_OK;
}

void
hri_pool_free(hri_pool *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; p->dbs && i < p->n; i++)
		hri_db_free(p->dbs[i]);
	free(p->dbs);
	free(p->stamps);
	free(p->busy);
	free(p->path);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

hri_db *
hri_pool_get(hri_pool *p)
{
	hri_db *db = NULL, *fresh = NULL;
	char err[512];
	stamp now;
	size_t i = 0;

	pthread_mutex_lock(&p->lock);
	while (!db) {
		for (i = 0; i < p->n && !db; i++) {
			if (!p->busy[i]) {
				p->busy[i] = 1;
				db = p->dbs[i];
			}
		}
		if (!db)
			pthread_cond_wait(&p->freed, &p->lock);
	}
	i--;
	pthread_mutex_unlock(&p->lock);
	/* Outside the lock: the handle is ours alone now. */
	stamp_now(p->path, db, &now);
	if (stamp_differs(&now, &p->stamps[i])) {
		if (hri_db_open(p->path, HRI_DB_READ, 0, &fresh, err, sizeof err) == HRI_OK) {
			/* the set as it is now: its shards may have changed too */
			stamp_now(p->path, fresh, &now);
			/* under the lock: hri_pool_put() reads the array */
			pthread_mutex_lock(&p->lock);
			p->dbs[i] = fresh;
			p->stamps[i] = now;
			pthread_mutex_unlock(&p->lock);
			hri_db_free(db);
			return fresh;
		}
		/* once per state of the disk, not once per request */
		pthread_mutex_lock(&p->lock);
		if (stamp_differs(&now, &p->failed)) {
			p->failed = now;
			hri_error(p->path, "cannot open the database anew: %s", err);
		}
		pthread_mutex_unlock(&p->lock);
	}
	if (hri_db_reopen(db))
		hri_error(NULL, "cannot reopen the database: %s", hri_db_errmsg(db));
	return db;
}

void
hri_pool_put(hri_pool *p, hri_db *db)
{
	size_t i;

	pthread_mutex_lock(&p->lock);
	for (i = 0; i < p->n; i++)
		if (p->dbs[i] == db)
			p->busy[i] = 0;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}
