/* pool.c - database handles lent to threads, one at a time each. */
#include "pool.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"

/* What tells one database on disk from another: the directory (hri-index
 * --compact puts a new one in its place), the version file each commit
 * replaces, and the stub file of a shard set. Equal stamps: the same
 * database, whose later commits reopen() finds. */
typedef struct stamp {
	dev_t dev;
	ino_t dir, version, stub;
	struct timespec stub_mtime;
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

/* Fills *st with the stamp of the database at path now (zeros for what is
 * not there). */
static void
stamp_now(const char *path, stamp *st)
{
	char file[PATH_MAX];
	struct stat sb;

	memset(st, 0, sizeof *st);
	if (stat(path, &sb) != 0)
		return;
	st->dev = sb.st_dev;
	st->dir = sb.st_ino;
	if (!S_ISDIR(sb.st_mode)) {
		st->stub = sb.st_ino; /* a stub file */
		st->stub_mtime = sb.st_mtim;
		return;
	}
	snprintf(file, sizeof file, "%s/iamglass", path);
	if (stat(file, &sb) == 0)
		st->version = sb.st_ino;
	snprintf(file, sizeof file, "%s/index.stub", path);
	if (stat(file, &sb) == 0) {
		st->stub = sb.st_ino;
		st->stub_mtime = sb.st_mtim;
	}
}

/* Returns nonzero when the stamps a and b differ. */
static int
stamp_differs(const stamp *a, const stamp *b)
{
	return a->dev != b->dev || a->dir != b->dir || a->version != b->version ||
	       a->stub != b->stub || a->stub_mtime.tv_sec != b->stub_mtime.tv_sec ||
	       a->stub_mtime.tv_nsec != b->stub_mtime.tv_nsec;
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
		/* the stamp first: a commit in between is seen at the next get */
		stamp_now(path, &p->stamps[i]);
		st = hri_db_open(path, HRI_DB_READ, 0, &p->dbs[i], err, errsz);
		if (st)
			goto out;
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
	stamp_now(p->path, &now);
	if (stamp_differs(&now, &p->stamps[i])) {
		if (hri_db_open(p->path, HRI_DB_READ, 0, &fresh, err, sizeof err) == HRI_OK) {
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
