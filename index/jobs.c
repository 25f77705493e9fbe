/* jobs.c - hri-index --jobs: hash shards built by worker processes, merged. */
#define _POSIX_C_SOURCE 200809L
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
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

/* Bytes queued for all workers together before the run waits for one to
 * take some: the queues keep every worker busy while another's pipe is
 * full (a pipe holds 64 KB, a document's records often more), and bound the
 * run's memory when the workers are slower than the reading. */
#define QUEUED_MAX (32u << 20)

struct worker {
	pid_t pid;       /* 0 once waited for */
	int to;          /* frames to it (non-blocking), -1 once closed */
	int from;        /* its result, -1 once closed */
	char *q;         /* frames not yet written: q[off..len) */
	size_t off, len, cap;
	char path[PATH_MAX]; /* its shard database */
};

struct hri_jobs {
	char dest[PATH_MAX];
	char tmp[PATH_MAX];  /* dest.jobs.PID, holding the shards */
	unsigned n;
	size_t queued;       /* bytes in every queue */
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
		st = hri_indexer_add_line(ix, rec, buf, f.len, NULL, err,
		                          sizeof err);
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
		if (w->to >= 0)
			close(w->to);
		w->to = -1;
		free(w->q);
		w->q = NULL;
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
			close(jobs->w[k].to);
			close(jobs->w[k].from);
		}
		close(down[1]);
		close(up[0]);
		in = fdopen(down[0], "r");
		if (in)
			setvbuf(in, NULL, _IOFBF, 1u << 20);
		_exit(in ? worker_run(w->path, in, up[1]) : HRI_EXIT_FATAL);
	}
	close(down[0]);
	close(up[1]);
	w->from = up[0];
	w->to = down[1];
	if (fcntl(w->to, F_SETFL, fcntl(w->to, F_GETFL) | O_NONBLOCK) != 0)
		goto io;
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
		jobs->w[i].from = jobs->w[i].to = -1;
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

/* Writes what worker i can take now of its queue without waiting.
 * Returns -1 when the worker is gone. */
static int
drain(hri_jobs *jobs, unsigned i)
{
	struct worker *w = &jobs->w[i];
	ssize_t r;

	while (w->off < w->len) {
		r = write(w->to, w->q + w->off, w->len - w->off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (r < 0)
			return -1;
		w->off += (size_t)r;
		jobs->queued -= (size_t)r;
	}
	w->off = w->len = 0;
	return 0;
}

/* Waits until some worker with a queue (only worker i when all is 0) can
 * take more, and writes to it. Returns -1 with *gone set to the worker
 * that is gone. */
static int
wait_and_drain(hri_jobs *jobs, int all, unsigned only, unsigned *gone)
{
	struct pollfd p[HRI_JOBS_MAX];
	unsigned i, n = 0, who[HRI_JOBS_MAX];

	for (i = 0; i < jobs->n; i++)
		if ((all || i == only) && jobs->w[i].off < jobs->w[i].len) {
			p[n].fd = jobs->w[i].to;
			p[n].events = POLLOUT;
			who[n++] = i;
		}
	if (n == 0)
		return 0;
	if (poll(p, n, -1) < 0)
		return errno == EINTR ? 0 : (*gone = who[0], -1);
	for (i = 0; i < n; i++)
		if (p[i].revents && drain(jobs, who[i])) {
			*gone = who[i];
			return -1;
		}
	return 0;
}

/* Says in err that worker i is gone. */
static hri_status
gone_err(const hri_jobs *jobs, unsigned i, char *err, size_t errsz)
{
	snprintf(err, errsz, "worker %u of %u (pid %ld) is gone", i, jobs->n,
	         (long)jobs->w[i].pid);
	return HRI_ERR_IO;
}

/* Queues one frame for worker i and writes what the workers can take. */
static hri_status
send_frame(hri_jobs *jobs, unsigned i, uint32_t kind, const char *where,
           const char *data, size_t len, char *err, size_t errsz)
{
	struct worker *w = &jobs->w[i];
	size_t wlen = where ? strlen(where) : 0, need;
	struct frame f;
	unsigned gone;

	if (wlen > WHERE_MAX)
		wlen = WHERE_MAX;
	f.kind = kind;
	f.wlen = (uint32_t)wlen;
	f.len = (uint32_t)len;
	need = sizeof f + wlen + len;
	if (w->off > 0 && w->len + need > w->cap) {
		memmove(w->q, w->q + w->off, w->len - w->off);
		w->len -= w->off;
		w->off = 0;
	}
	if (w->len + need > w->cap) {
		size_t cap = w->cap ? w->cap : 65536;
		char *grown;
		while (cap < w->len + need)
			cap *= 2;
		grown = realloc(w->q, cap);
		if (!grown) {
			snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
			return HRI_ERR_NOMEM;
		}
		w->q = grown;
		w->cap = cap;
	}
	memcpy(w->q + w->len, &f, sizeof f);
	if (wlen)
		memcpy(w->q + w->len + sizeof f, where, wlen);
	if (len)
		memcpy(w->q + w->len + sizeof f + wlen, data, len);
	w->len += need;
	jobs->queued += need;
	if (drain(jobs, i))
		return gone_err(jobs, i, err, errsz);
	while (jobs->queued > QUEUED_MAX)
		if (wait_and_drain(jobs, 1, 0, &gone))
			return gone_err(jobs, gone, err, errsz);
	return HRI_OK;
}

hri_status
hri_jobs_send(hri_jobs *jobs, const json_t *rec, const char *line, size_t len,
              const char *where, char *err, size_t errsz)
{
	const char *type = hri_json_str(rec, "type");
	const char *sym = hri_json_str(rec, "symbol");
	const char *id = hri_json_str(rec, "id"), *hash;
	char report[256];
	unsigned mine = 0, i;
	hri_status st;

	/* hri_shardset_add() routes by the same hash: a position record by
	 * its report's symbol, where the recommendation is; one without it by
	 * its recommendation's id, which begins with that symbol */
	if (sym && *sym)
		mine = (unsigned)(hri_shard_hash(sym) % jobs->n);
	else if (id && (hash = strchr(id, '#')) && hash > id &&
	         (size_t)(hash - id) < sizeof report) {
		memcpy(report, id, (size_t)(hash - id));
		report[hash - id] = '\0';
		mine = (unsigned)(hri_shard_hash(report) % jobs->n);
	}
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

/* Waits for worker i's result, its input ended (sent: whole); says in
 * err why it failed. */
static hri_status
end_worker(hri_jobs *jobs, unsigned i, int sent, struct result *res,
           char *err, size_t errsz)
{
	struct worker *w = &jobs->w[i];
	size_t got = 0;
	ssize_t r;
	int status = 0;

	close(w->to);
	w->to = -1;
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
	struct timespec t0, t1;
	struct stat sb;
	hri_status st = HRI_OK, one;
	unsigned i;

	int sent[HRI_JOBS_MAX];
	unsigned gone;

	memset(sum, 0, sizeof *sum);
	*bad = 0;
	/* every worker's input ends, each taking the rest of its queue as
	 * fast as it can; one that is gone loses its queue */
	for (i = 0; i < jobs->n; i++)
		sent[i] = send_frame(jobs, i, FRAME_END, NULL, NULL, 0, why,
		                     sizeof why) == 0;
	while (jobs->queued > 0)
		if (wait_and_drain(jobs, 1, 0, &gone)) {
			struct worker *w = &jobs->w[gone];
			sent[gone] = 0;
			jobs->queued -= w->len - w->off;
			w->off = w->len = 0;
		}
	for (i = 0; i < jobs->n; i++) {
		one = end_worker(jobs, i, sent[i], &res, why, sizeof why);
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
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = hri_db_merge(paths, jobs->n, merged, err, errsz);
	if (st)
		return HRI_ERR_DB;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	hri_debug(jobs->dest, "%u shards merged in %.2f s", jobs->n,
	          (double)(t1.tv_sec - t0.tv_sec) +
	              (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
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
