/* pool.c - database handles lent to threads, one at a time each. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "log.h"

struct hri_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;  /* signalled when a handle comes back */
	hri_db **dbs;          /* every handle */
	int *busy;             /* dbs[i] is lent out */
	size_t n;
};

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
	p->busy = calloc(n, sizeof *p->busy);
	p->n = n;
	if (!p->dbs || !p->busy) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
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
	free(p->busy);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

hri_db *
hri_pool_get(hri_pool *p)
{
	hri_db *db = NULL;
	size_t i;

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
	pthread_mutex_unlock(&p->lock);
	/* Outside the lock: the handle is ours alone now. */
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
