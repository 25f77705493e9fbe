/* qlat.c - times a query command once per query, process included: the
 * latency a user or a script sees when it runs hri-query.
 *
 *   qlat RUNS -- COMMAND [ARG...] < queries.tsv
 *
 * Reads queries, one a line (the first tab-separated column; lines starting
 * with "#" are skipped), and runs COMMAND with every argument "{}" replaced
 * by the query; stdout is read through a pipe (lines counted), stderr goes to
 * /dev/null. One untimed warm-up pass, then RUNS timed passes of each query.
 * Prints one line per query, "N<TAB>LINES<TAB>EXIT<TAB>P50_MS", then
 * "all<TAB>SAMPLES<TAB>P50_MS<TAB>P99_MS<TAB>MEAN_MS". With no "{}" the
 * command runs as is, which measures bare start-up (e.g. "--help").
 *
 *   qlat RUNS --batch -- COMMAND [ARG...] < queries.tsv
 *
 * times the queries in process instead: COMMAND (hri-query --batch) runs
 * once, each query is written to its standard input as a line and timed
 * until its answer's closing record ({"type":"end",...,"exit":N}) is read
 * back; the output is the same, EXIT taken from that record.
 *
 *   qlat RUNS --http|--http-close HOST:PORT PATH < queries.tsv
 *
 * times the queries over HTTP (hri-serve's API): a GET of PATH with "{}"
 * replaced by the URL-encoded query, each timed from the request written
 * to the last byte of the body read (Content-Length); LINES counts the
 * body's lines, EXIT is 0 for status 200, else the status. --http asks
 * every query over one kept-alive loopback connection, as a browser or an
 * HTTP client library does (connecting again only when the server closes
 * it); --http-close opens a connection for each request and asks the
 * server to close it ("Connection: close"), connecting within the time.
 * Exit status 0, 2 on usage, 4 when a command cannot be run. */
#define _GNU_SOURCE
#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "samples.h"

#define QUERIES_MAX 64
#define RUNS_MAX 1000
#define ARGS_MAX 64

extern char **environ;

/* Runs argv, counting its output lines into *lines and its exit status into
 * *code; returns 0, or -1 when it cannot be started. */
static int
run(char **argv, long *lines, int *code)
{
	posix_spawn_file_actions_t fa;
	int p[2], st = 0;
	pid_t pid;
	char buf[65536];
	ssize_t n;

	*lines = 0;
	if (pipe(p))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		close(p[0]);
		close(p[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	while ((n = read(p[0], buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			*lines += buf[i] == '\n';
	}
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return 0;
}

/* A command running in --batch mode: its stdin and stdout. */
struct batch {
	pid_t pid;
	FILE *in;  /* the command's standard input */
	FILE *out; /* the command's standard output */
};

/* Starts argv with pipes on its standard input and output; returns 0, or
 * -1 when it cannot be started. */
static int
batch_start(char **argv, struct batch *b)
{
	posix_spawn_file_actions_t fa;
	int in[2], out[2];

	if (pipe(in))
		return -1;
	if (pipe(out)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[0]);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	posix_spawn_file_actions_addclose(&fa, out[1]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&b->pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	b->in = fdopen(in[1], "w");
	b->out = fdopen(out[0], "r");
	return b->in && b->out ? 0 : -1;
}

/* Sends query to the batch command and reads its answer up to the closing
 * record, counting the lines before it into *lines and taking its exit
 * into *code; returns 0, or -1 when the command went away. */
static int
batch_query(struct batch *b, const char *query, long *lines, int *code)
{
	static char line[1 << 20];
	const char *e;

	*lines = 0;
	if (fprintf(b->in, "%s\n", query) < 0 || fflush(b->in))
		return -1;
	while (fgets(line, sizeof line, b->out)) {
		if (!strstr(line, "\"type\":\"end\"")) {
			*lines += strchr(line, '\n') != NULL;
			continue;
		}
		e = strstr(line, "\"exit\":");
		*code = e ? (int)strtol(e + 7, NULL, 10) : -1;
		return 0;
	}
	return -1;
}

/* Closes the batch command's input and waits for it. */
static void
batch_stop(struct batch *b)
{
	int st;

	if (b->in)
		fclose(b->in);
	if (b->out)
		fclose(b->out);
	while (waitpid(b->pid, &st, 0) < 0 && errno == EINTR)
		;
}

/* Connects to HOST:PORT (an IPv4 address); returns the socket or -1. */
static int
http_connect(const char *addr)
{
	char host[64];
	const char *colon = strrchr(addr, ':');
	struct sockaddr_in sa = {0};
	int fd, one = 1;

	if (!colon || (size_t)(colon - addr) >= sizeof host)
		return -1;
	memcpy(host, addr, (size_t)(colon - addr));
	host[colon - addr] = '\0';
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)strtol(colon + 1, NULL, 10));
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return -1;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Writes path with each "{}" replaced by query, percent-encoded, into out
 * (cap bytes); returns 0, or -1 when it does not fit. */
static int
http_path(const char *path, const char *query, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (; *path; path++) {
		if (path[0] == '{' && path[1] == '}') {
			for (const unsigned char *q = (const unsigned char *)query;
			     *q; q++) {
				if (n + 4 > cap)
					return -1;
				if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
				    (*q >= '0' && *q <= '9') || strchr("-._~", *q)) {
					out[n++] = (char)*q;
				} else {
					out[n++] = '%';
					out[n++] = hex[*q >> 4];
					out[n++] = hex[*q & 15];
				}
			}
			path++;
			continue;
		}
		if (n + 2 > cap)
			return -1;
		out[n++] = *path;
	}
	out[n] = '\0';
	return 0;
}

/* GETs path on the connection *fd (connecting first when it is -1) and
 * reads the whole answer, counting the body's lines into *lines, the
 * status into *code (0 for 200); closes *fd (-1) when the server says it
 * closes the connection. Returns 0, or -1 when the server went away or
 * sent no Content-Length. */
static int
http_query(int *fd, const char *host, const char *path, int close_it,
           long *lines, int *code)
{
	static char buf[1 << 20];
	char req[8192];
	size_t have = 0, head;
	long long body, got;
	char *end, *cl;
	int len, closing = 0;
	ssize_t n;

	if (*fd < 0 && (*fd = http_connect(host)) < 0)
		return -1;
	len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s\r\n%s\r\n",
	               path, host, close_it ? "Connection: close\r\n" : "");
	if (len < 0 || (size_t)len >= sizeof req ||
	    write(*fd, req, (size_t)len) != len)
		return -1;
	for (;;) { /* the head */
		n = read(*fd, buf + have, sizeof buf - 1 - have);
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = '\0';
		if ((end = strstr(buf, "\r\n\r\n")))
			break;
		if (have == sizeof buf - 1)
			return -1;
	}
	head = (size_t)(end - buf) + 4;
	*end = '\0';
	*code = (int)strtol(buf + 9, NULL, 10);
	if (*code == 200)
		*code = 0;
	for (cl = buf; (cl = strchr(cl, '\n')); cl++)
		if (strncasecmp(cl + 1, "Connection: close", 17) == 0)
			closing = 1;
	for (cl = buf; (cl = strchr(cl, '\n')); cl++)
		if (strncasecmp(cl + 1, "Content-Length:", 15) == 0)
			break;
	if (!cl)
		return -1;
	body = strtoll(cl + 16, NULL, 10);
	*lines = 0;
	got = (long long)(have - head);
	for (size_t i = head; i < have; i++)
		*lines += buf[i] == '\n';
	while (got < body) {
		n = read(*fd, buf, sizeof buf);
		if (n <= 0)
			return -1;
		got += n;
		for (ssize_t i = 0; i < n; i++)
			*lines += buf[i] == '\n';
	}
	if (closing || close_it) {
		close(*fd);
		*fd = -1;
	}
	return got == body ? 0 : -1;
}

/* Reads the queries of standard input (the first column; "#" lines
 * skipped) into queries; returns how many. */
static int
read_queries(char (*queries)[1024], int max)
{
	char line[1024];
	int nq = 0;

	while (nq < max && fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\t\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		snprintf(queries[nq++], sizeof queries[0], "%s", line);
	}
	return nq;
}

/* qlat RUNS --http ADDR PATH: the queries over one kept-alive connection;
 * with close_it (--http-close), a new connection for each. */
static int
http_main(int runs, const char *addr, const char *path, int close_it)
{
	static char queries[QUERIES_MAX][1024];
	static double all[QUERIES_MAX * RUNS_MAX], one[RUNS_MAX];
	char url[8192];
	long qlines[QUERIES_MAX];
	int qcode[QUERIES_MAX], nq, r, q, fd;
	size_t nall = 0;
	double sum = 0;

	if (runs < 1 || runs > RUNS_MAX) {
		fputs("qlat: RUNS must be 1..1000\n", stderr);
		return 2;
	}
	nq = read_queries(queries, QUERIES_MAX);
	fd = http_connect(addr);
	if (fd < 0) {
		fprintf(stderr, "qlat: cannot connect to %s\n", addr);
		return 4;
	}
	/* A server that closes the connection after its answer (or
	 * --http-close) puts connecting again in the next request's time, as
	 * a client's would be. The warm-up's first request takes the one
	 * connection made above. */
	for (r = -1; r < runs; r++) { /* r = -1: warm-up */
		for (q = 0; q < nq; q++) {
			double t0;
			if (http_path(path, queries[q], url, sizeof url)) {
				fprintf(stderr, "qlat: %s: too long\n", queries[q]);
				if (fd >= 0)
					close(fd);
				return 2;
			}
			t0 = now();
			if (http_query(&fd, addr, url, close_it, &qlines[q],
			               &qcode[q])) {
				fprintf(stderr, "qlat: %s: no whole answer to %s\n",
				        addr, url);
				if (fd >= 0)
					close(fd);
				return 4;
			}
			if (r >= 0)
				all[nall++] = (now() - t0) * 1000;
		}
	}
	if (fd >= 0)
		close(fd);
	for (q = 0; q < nq; q++) {
		for (r = 0; r < runs; r++)
			one[r] = all[(size_t)r * nq + q];
		qsort(one, (size_t)runs, sizeof one[0], cmp_double);
		printf("%d\t%ld\t%d\t%.3f\n", q + 1, qlines[q], qcode[q],
		       quantile(one, (size_t)runs, 0.5));
	}
	for (size_t i = 0; i < nall; i++)
		sum += all[i];
	qsort(all, nall, sizeof all[0], cmp_double);
	printf("all\t%zu\t%.3f\t%.3f\t%.3f\n", nall, quantile(all, nall, 0.5),
	       quantile(all, nall, 0.99), sum / nall);
	return 0;
}

int
main(int argc, char **argv)
{
	static char queries[QUERIES_MAX][1024];
	static double all[QUERIES_MAX * RUNS_MAX], one[RUNS_MAX];
	char *args[ARGS_MAX + 1];
	int runs, nq = 0, nargs, i, r, q, code = 0, has_slot = 0, batch = 0;
	int first;
	size_t nall = 0;
	long lines = 0, qlines[QUERIES_MAX];
	int qcode[QUERIES_MAX];
	double sum = 0;
	struct batch b = {0};

	if (argc == 5 && (strcmp(argv[2], "--http") == 0 ||
	                  strcmp(argv[2], "--http-close") == 0))
		return http_main((int)strtol(argv[1], NULL, 10), argv[3], argv[4],
		                 strcmp(argv[2], "--http-close") == 0);
	batch = argc > 2 && strcmp(argv[2], "--batch") == 0;
	first = batch ? 4 : 3;
	if (argc < first + 1 || strcmp(argv[first - 1], "--")) {
		fputs("usage: qlat RUNS [--batch] -- COMMAND [ARG...] < "
		      "queries.tsv\n"
		      "       qlat RUNS --http|--http-close HOST:PORT PATH < "
		      "queries.tsv\n",
		      stderr);
		return 2;
	}
	runs = (int)strtol(argv[1], NULL, 10);
	argv += first - 3; /* argv[3] is COMMAND either way */
	nargs = argc - first;
	if (runs < 1 || runs > RUNS_MAX || nargs > ARGS_MAX) {
		fputs("qlat: RUNS must be 1..1000, at most 64 arguments\n", stderr);
		return 2;
	}
	for (i = 0; i < nargs; i++)
		has_slot |= strcmp(argv[3 + i], "{}") == 0;
	if (has_slot || batch) {
		nq = read_queries(queries, QUERIES_MAX);
	} else {
		nq = 1;
	}
	if (batch) {
		for (i = 0; i < nargs; i++)
			args[i] = argv[3 + i];
		args[nargs] = NULL;
		if (batch_start(args, &b)) {
			fprintf(stderr, "qlat: %s: cannot run\n", args[0]);
			return 4;
		}
		for (r = -1; r < runs; r++) { /* r = -1: warm-up */
			for (q = 0; q < nq; q++) {
				double t0 = now();
				if (batch_query(&b, queries[q], &qlines[q], &qcode[q])) {
					fprintf(stderr, "qlat: %s: no answer to %s\n",
					        args[0], queries[q]);
					batch_stop(&b);
					return 4;
				}
				if (r >= 0)
					all[nall++] = (now() - t0) * 1000;
			}
		}
		batch_stop(&b);
	}
	for (r = -1; r < runs && !batch; r++) { /* r = -1: warm-up */
		for (q = 0; q < nq; q++) {
			double t0;
			for (i = 0; i < nargs; i++)
				args[i] = strcmp(argv[3 + i], "{}") ? argv[3 + i]
				                                    : queries[q];
			args[nargs] = NULL;
			t0 = now();
			if (run(args, &lines, &code)) {
				fprintf(stderr, "qlat: %s: cannot run\n", args[0]);
				return 4;
			}
			if (r >= 0)
				all[nall++] = (now() - t0) * 1000;
		}
	}
	/* Samples are stored pass by pass: query q of pass r is r * nq + q. */
	for (q = 0; q < nq; q++) {
		for (r = 0; r < runs; r++)
			one[r] = all[(size_t)r * nq + q];
		qsort(one, (size_t)runs, sizeof one[0], cmp_double);
		for (i = 0; i < nargs; i++)
			args[i] = strcmp(argv[3 + i], "{}") ? argv[3 + i]
			                                    : queries[q];
		if (batch) {
			lines = qlines[q];
			code = qcode[q];
		} else {
			run(args, &lines, &code); /* once more for its output size */
		}
		printf("%d\t%ld\t%d\t%.3f\n", q + 1, lines, code,
		       quantile(one, (size_t)runs, 0.5));
	}
	for (i = 0; i < (int)nall; i++)
		sum += all[i];
	qsort(all, nall, sizeof all[0], cmp_double);
	printf("all\t%zu\t%.3f\t%.3f\t%.3f\n", nall, quantile(all, nall, 0.5),
	       quantile(all, nall, 0.99), sum / nall);
	return 0;
}
