/* jobs.c - hri-index --jobs: hash shards built by worker processes, merged. */
#define _POSIX_C_SOURCE 200809L
#include "jobs.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file.h"
#include "jsonl.h"
#include "lines.h"
#include "log.h"
#include "shard.h"
#include "xapian.h"

/* What a frame to a worker carries. */
enum frame_kind {
	FRAME_RECORD = 1,    /* a record line to index */
	FRAME_ELSEWHERE = 2, /* the symbol of a doc record another worker got */
	FRAME_END = 3        /* the input is complete: commit */
};

/* A frame's head; the where text and the payload follow it. */
struct frame {
	uint32_t kind;  /* enum frame_kind */
	uint32_t wlen;  /* bytes of where */
	uint32_t len;   /* bytes of the payload */
};

/* Longest where text passed on (a file name and a line number). */
#define WHERE_MAX (PATH_MAX + 32)

/* What a worker reports when it committed. */
struct result {
	hri_indexer_counts counts;
	unsigned long bad; /* records its indexer rejected */
};

struct worker {
	pid_t pid;       /* 0 once waited for */
	FILE *to;        /* frames to it, NULL once closed */
	int from;        /* its result, -1 once closed */
	char path[PATH_MAX]; /* its shard database */
};

struct hri_jobs {
	char dest[PATH_MAX];
	char tmp[PATH_MAX];  /* dest.jobs.PID, holding the shards */
	unsigned n;
	struct worker w[HRI_JOBS_MAX];
};

/* Reads exactly len bytes from fp; returns 0, or -1 at EOF or an error. */
static int
read_exact(FILE *fp, void *buf, size_t len)
{
	return len == 0 || fread(buf, 1, len, fp) == len ? 0 : -1;
}

/* Indexes the frames of in into a new database at path, then writes its
 * result to out. Runs in the worker; returns its exit status. */
static int
worker_run(const char *path, FILE *in, int out)
{
	char err[512], where[WHERE_MAX + 1];
	hri_db *db = NULL;
	hri_indexer *ix = NULL;
	struct result res = {{0}, 0};
	struct frame f;
	char *buf = NULL;
	size_t cap = 0;
	json_t *rec;
	hri_status st;
	int rc = HRI_EXIT_FATAL;

	st = hri_db_open(path, HRI_DB_WRITE, 0, &db, err, sizeof err);
	if (st) {
		hri_error(NULL, "%s", err);
		return HRI_EXIT_FATAL;
	}
	ix = hri_indexer_new(db);
	if (!ix || hri_db_begin(db))
		goto fail;
	for (;;) {
		if (read_exact(in, &f, sizeof f) || f.wlen > WHERE_MAX ||
		    f.len > HRI_LINE_MAX)
			goto out; /* the run ended without FRAME_END: abandon */
		if (f.kind == FRAME_END)
			break;
		if (f.len + 1 > cap) {
			char *grown = realloc(buf, f.len + 1);
			if (!grown)
				goto fail;
			buf = grown;
			cap = f.len + 1;
		}
		if (read_exact(in, where, f.wlen) || read_exact(in, buf, f.len))
			goto out;
		where[f.wlen] = '\0';
		buf[f.len] = '\0';
		if (f.kind == FRAME_ELSEWHERE) {
			if (hri_indexer_doc_elsewhere(ix, buf))
				goto fail;
			continue;
		}
		/* the run read and checked it: parsing fails only for memory */
		if (hri_jsonl_parse(buf, f.len, &rec, err, sizeof err))
			goto fail;
		st = hri_indexer_add(ix, rec, NULL, err, sizeof err);
		json_decref(rec);
		if (st == HRI_ERR_INVALID) {
			hri_error(where, "%s", err);
			res.bad++;
		} else if (st) {
			hri_error(where, "%s: %s", hri_status_str(st),
			          hri_db_errmsg(db));
			goto out;
		}
	}
	if (hri_db_commit(db))
		goto fail;
	res.counts = *hri_indexer_counts_get(ix);
	if (hri_write_all(out, &res, sizeof res) == 0)
		rc = HRI_EXIT_OK;
	goto out;
fail:
	hri_error(path, "%s", db ? hri_db_errmsg(db) : "out of memory");
out:
	free(buf);
	hri_indexer_free(ix);
	hri_db_free(db);
	return rc;
}

/* Stops and waits for every worker still running. */
static void
stop_all(hri_jobs *jobs)
{
	unsigned i;

	for (i = 0; i < jobs->n; i++) {
		struct worker *w = &jobs->w[i];
		if (w->to)
			fclose(w->to);
		w->to = NULL;
		if (w->from >= 0)
			close(w->from);
		w->from = -1;
		if (w->pid > 0) {
			kill(w->pid, SIGKILL);
			waitpid(w->pid, NULL, 0);
		}
		w->pid = 0;
	}
}

void
hri_jobs_free(hri_jobs *jobs)
{
	if (!jobs)
		return;
	stop_all(jobs);
	hri_rm_tree(jobs->tmp);
	free(jobs);
}

/* Starts worker i of jobs. */
static hri_status
start_worker(hri_jobs *jobs, unsigned i, char *err, size_t errsz)
{
	struct worker *w = &jobs->w[i];
	int down[2], up[2];
	unsigned k;
	FILE *in;

	if (snprintf(w->path, sizeof w->path, "%s/hash-%u-of-%u", jobs->tmp, i,
	             jobs->n) >= (int)sizeof w->path) {
		snprintf(err, errsz, "%s: path too long", jobs->tmp);
		return HRI_ERR_IO;
	}
	if (pipe(down) != 0)
		goto io;
	if (pipe(up) != 0) {
		close(down[0]);
		close(down[1]);
		goto io;
	}
	w->pid = fork();
	if (w->pid < 0) {
		w->pid = 0;
		close(down[0]);
		close(down[1]);
		close(up[0]);
		close(up[1]);
		goto io;
	}
	if (w->pid == 0) {
		/* the worker: only its own ends stay open, so that each worker
		 * sees the end of its input when the run closes it */
		for (k = 0; k < i; k++) {
			fclose(jobs->w[k].to);
			close(jobs->w[k].from);
		}
		close(down[1]);
		close(up[0]);
		in = fdopen(down[0], "r");
		_exit(in ? worker_run(w->path, in, up[1]) : HRI_EXIT_FATAL);
	}
	close(down[0]);
	close(up[1]);
	w->from = up[0];
	w->to = fdopen(down[1], "w");
	if (!w->to) {
		close(down[1]);
		goto io;
	}
	return HRI_OK;
io:
	snprintf(err, errsz, "worker %u: %s", i, strerror(errno));
	return HRI_ERR_IO;
}

hri_status
hri_jobs_start(const char *dest, unsigned n, hri_jobs **out, char *err,
               size_t errsz)
{
	hri_jobs *jobs;
	unsigned i;
	hri_status st;

	*out = NULL;
	jobs = calloc(1, sizeof *jobs);
	if (!jobs)
		return HRI_ERR_NOMEM;
	for (i = 0; i < HRI_JOBS_MAX; i++)
		jobs->w[i].from = -1;
	jobs->n = n < 2 ? 2 : n > HRI_JOBS_MAX ? HRI_JOBS_MAX : n;
	if (snprintf(jobs->dest, sizeof jobs->dest, "%s", dest) >=
	        (int)sizeof jobs->dest ||
	    snprintf(jobs->tmp, sizeof jobs->tmp, "%s.jobs.%ld", dest,
	             (long)getpid()) >= (int)sizeof jobs->tmp - 32) {
		snprintf(err, errsz, "%s: path too long", dest);
		free(jobs);
		return HRI_ERR_IO;
	}
	if (hri_mkdir_p(jobs->tmp)) {
		snprintf(err, errsz, "%s: cannot create: %s", jobs->tmp,
		         strerror(errno));
		free(jobs);
		return HRI_ERR_IO;
	}
	/* a worker that died is seen as a failed write, not a signal */
	signal(SIGPIPE, SIG_IGN);
	fflush(NULL);
	for (i = 0; i < jobs->n; i++) {
		st = start_worker(jobs, i, err, errsz);
		if (st) {
			jobs->n = i;
			hri_jobs_free(jobs);
			return st;
		}
	}
	*out = jobs;
	return HRI_OK;
}

/* Writes one frame to worker i. */
static hri_status
send_frame(hri_jobs *jobs, unsigned i, uint32_t kind, const char *where,
           const char *data, size_t len, char *err, size_t errsz)
{
	struct worker *w = &jobs->w[i];
	size_t wlen = where ? strlen(where) : 0;
	struct frame f;

	if (wlen > WHERE_MAX)
		wlen = WHERE_MAX;
	f.kind = kind;
	f.wlen = (uint32_t)wlen;
	f.len = (uint32_t)len;
	if (fwrite(&f, sizeof f, 1, w->to) != 1 ||
	    (wlen && fwrite(where, 1, wlen, w->to) != wlen) ||
	    (len && fwrite(data, 1, len, w->to) != len)) {
		snprintf(err, errsz, "worker %u of %u (pid %ld) is gone", i,
		         jobs->n, (long)w->pid);
		return HRI_ERR_IO;
	}
	return HRI_OK;
}

hri_status
hri_jobs_send(hri_jobs *jobs, const json_t *rec, const char *line, size_t len,
              const char *where, char *err, size_t errsz)
{
	const char *type = hri_json_str(rec, "type");
	const char *sym = hri_json_str(rec, "symbol");
	unsigned mine = 0, i;
	hri_status st;

	/* hri_shardset_add() routes by the same hash: a position record by
	 * its report's symbol, where the recommendation is */
	if (sym && *sym)
		mine = (unsigned)(hri_shard_hash(sym) % jobs->n);
	st = send_frame(jobs, mine, FRAME_RECORD, where, line, len, err, errsz);
	if (st || !type || strcmp(type, "doc") != 0 || !sym || !*sym ||
	    strlen(sym) >= 256 || json_object_get(rec, "error"))
		return st;
	for (i = 0; i < jobs->n && !st; i++)
		if (i != mine)
			st = send_frame(jobs, i, FRAME_ELSEWHERE, NULL, sym,
			                strlen(sym), err, errsz);
	return st;
}

/* Ends worker i's input and waits for its result; says in err why it
 * failed. */
static hri_status
end_worker(hri_jobs *jobs, unsigned i, struct result *res, char *err,
           size_t errsz)
{
	struct worker *w = &jobs->w[i];
	size_t got = 0;
	ssize_t r;
	int status = 0, sent;

	sent = send_frame(jobs, i, FRAME_END, NULL, NULL, 0, err, errsz) == 0;
	sent = fclose(w->to) == 0 && sent;
	w->to = NULL;
	while (got < sizeof *res) {
		r = read(w->from, (char *)res + got, sizeof *res - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(w->from);
	w->from = -1;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	w->pid = 0;
	if (sent && got == sizeof *res && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0)
		return HRI_OK;
	if (WIFSIGNALED(status))
		snprintf(err, errsz, "worker %u of %u was killed by signal %d",
		         i, jobs->n, WTERMSIG(status));
	else
		snprintf(err, errsz, "worker %u of %u failed (exit %d)", i,
		         jobs->n, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return HRI_ERR_DB;
}

hri_status
hri_jobs_finish(hri_jobs *jobs, hri_indexer_counts *sum, unsigned long *bad,
                char *err, size_t errsz)
{
	const char *paths[HRI_JOBS_MAX];
	char merged[PATH_MAX], why[512];
	struct result res;
	struct stat sb;
	hri_status st = HRI_OK, one;
	unsigned i;

	memset(sum, 0, sizeof *sum);
	*bad = 0;
	for (i = 0; i < jobs->n; i++) {
		one = end_worker(jobs, i, &res, why, sizeof why);
		if (one && !st) {
			st = one;
			snprintf(err, errsz, "%s: nothing written", why);
		}
		if (one)
			continue;
		sum->documents += res.counts.documents;
		sum->segments += res.counts.segments;
		sum->skipped += res.counts.skipped;
		sum->replaced += res.counts.replaced;
		sum->positions += res.counts.positions;
		sum->updated += res.counts.updated;
		*bad += res.bad;
		paths[i] = jobs->w[i].path;
	}
	if (st)
		return st;
	if (snprintf(merged, sizeof merged, "%s/merged", jobs->tmp) >=
	    (int)sizeof merged) {
		snprintf(err, errsz, "%s: path too long", jobs->tmp);
		return HRI_ERR_IO;
	}
	st = hri_db_merge(paths, jobs->n, merged, err, errsz);
	if (st)
		return HRI_ERR_DB;
	if (stat(jobs->dest, &sb) == 0) {
		snprintf(err, errsz, "%s was created by another run meanwhile; "
		                     "nothing written", jobs->dest);
		return HRI_ERR_DB;
	}
	if (rename(merged, jobs->dest) != 0) {
		snprintf(err, errsz, "%s: %s", jobs->dest, strerror(errno));
		return HRI_ERR_DB;
	}
	return HRI_OK;
}
