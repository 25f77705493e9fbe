/* test_serve_guard.c - the real hri-serve against clients that would hold
 * it: slowloris (connections sending a header line now and then, never
 * finishing, from one address, more than it allows), and requests of
 * hundreds or thousands of query parameters. Each slow connection is shut
 * at the header deadline although it never falls silent, a client address
 * past its connection cap is turned away while another address is
 * answered at once, and too many parameters get a 414 at once, or the
 * connection closed at once past what a request can hold: never a wait. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../support/runexe.h"
#include "xapian.h"

#define HEADER_SECS 2 /* --header-timeout of the server under test */
#define PER_CLIENT 4  /* --client-limit */

extern char **environ;

typedef struct fx {
	char *dir;
	pid_t pid;
	int port;
	char err[PATH_MAX]; /* its standard error */
} fx;

/* Seconds on the monotonic clock. */
static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts hri-serve on an empty database, on a free port of 127.0.0.1. */
static int
setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	char db[PATH_MAX], exe[PATH_MAX], rel[PATH_MAX], line[512], dberr[256];
	const char *bin = getenv("HRI_BIN");
	posix_spawn_file_actions_t fa;
	hri_db *d = NULL;
	FILE *fp;
	int i;

	assert_non_null(f);
	f->dir = hri_tmpdir_new();
	assert_non_null(f->dir);
	snprintf(db, sizeof db, "%s/db", f->dir);
	assert_int_equal(hri_db_open(db, HRI_DB_WRITE, 0, &d, dberr, sizeof dberr),
	                 HRI_OK);
	assert_int_equal(hri_db_commit(d), HRI_OK);
	hri_db_free(d);
	snprintf(f->err, sizeof f->err, "%s/serve.err", f->dir);
	snprintf(rel, sizeof rel, "%s/hri-serve", bin && *bin ? bin : "build/bin");
	assert_non_null(realpath(rel, exe));
	{
		char secs[16], cap[16];
		char *argv[] = {exe, "-v", "-d", db, "--listen", "127.0.0.1:0",
		                "--header-timeout", secs, "--client-limit", cap, NULL};

		snprintf(secs, sizeof secs, "%d", HEADER_SECS);
		snprintf(cap, sizeof cap, "%d", PER_CLIENT);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 2, f->err,
		                                 O_WRONLY | O_CREAT | O_TRUNC, 0600);
		assert_int_equal(posix_spawn(&f->pid, exe, &fa, NULL, argv, environ), 0);
		posix_spawn_file_actions_destroy(&fa);
	}
	for (i = 0; i < 300 && !f->port; i++) {
		usleep(20000);
		fp = fopen(f->err, "r");
		while (fp && fgets(line, sizeof line, fp))
			sscanf(line, "hri-serve: listening on http://127.0.0.1:%d/",
			       &f->port);
		if (fp)
			fclose(fp);
	}
	assert_true(f->port > 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx *f = *state;
	int st;

	kill(f->pid, SIGTERM);
	waitpid(f->pid, &st, 0);
	hri_tmpdir_free(f->dir);
	free(f);
	return 0;
}

/* Connects to the server from source address from ("127.0.0.x"). */
static int
dial(fx *f, const char *from)
{
	struct sockaddr_in sa, me;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(&me, 0, sizeof me);
	me.sin_family = AF_INET;
	inet_pton(AF_INET, from, &me.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)f->port);
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	return fd;
}

/* Sends all of s; returns 0, or -1 when the server closed. */
static int
say(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = send(fd, s, n, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Waits up to secs for fd to answer; returns the bytes read into buf (0:
 * the server closed, -1: nothing came in time). */
static ssize_t
answer(int fd, char *buf, size_t n, double secs)
{
	struct pollfd p = {fd, POLLIN, 0};
	ssize_t r;

	if (poll(&p, 1, (int)(secs * 1000)) <= 0)
		return -1;
	r = recv(fd, buf, n - 1, 0);
	if (r < 0)
		r = 0; /* a reset is a close too */
	buf[r] = '\0';
	return r;
}

/* Slowloris from 127.0.0.1: as many connections as the cap, each sending a
 * header line every 300 ms; one more is turned away at once; a client at
 * 127.0.0.2 is answered at once meanwhile; the slow ones are shut down at
 * the header deadline, though never silent for a moment. */
static void
test_slow_headers_shut_and_capped(void **state)
{
	fx *f = *state;
	int slow[PER_CLIENT], extra, other, open_n, i;
	char buf[4096], line[64];
	double t0 = mono(), closed_at[PER_CLIENT];
	ssize_t r;

	for (i = 0; i < PER_CLIENT; i++) {
		slow[i] = dial(f, "127.0.0.1");
		assert_int_equal(say(slow[i], "GET / HTTP/1.1\r\n", 16), 0);
		closed_at[i] = 0;
	}
	usleep(200000);
	/* one past the cap, same address: closed without a word */
	extra = dial(f, "127.0.0.1");
	say(extra, "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n", 38);
	r = answer(extra, buf, sizeof buf, 5);
	assert_int_equal(r, 0);
	close(extra);
	/* another address: served at once */
	other = dial(f, "127.0.0.2");
	assert_int_equal(say(other, "GET /robots.txt HTTP/1.1\r\nHost: x\r\n"
	                            "Connection: close\r\n\r\n", 57), 0);
	r = answer(other, buf, sizeof buf, 2);
	assert_true(r > 0);
	assert_non_null(strstr(buf, "HTTP/1.1 200"));
	close(other);
	/* the slow ones trickle on until the server shuts them */
	for (open_n = PER_CLIENT; open_n > 0 && mono() - t0 < 20;) {
		usleep(300000);
		for (i = 0; i < PER_CLIENT; i++) {
			struct pollfd p = {slow[i], POLLIN, 0};

			if (closed_at[i])
				continue;
			snprintf(line, sizeof line, "X-Slow-%d: %d\r\n", i, (int)(mono() * 10));
			if (say(slow[i], line, strlen(line)) != 0 ||
			    (poll(&p, 1, 0) > 0 && recv(slow[i], buf, sizeof buf, 0) <= 0)) {
				closed_at[i] = mono() - t0;
				open_n--;
			}
		}
	}
	for (i = 0; i < PER_CLIENT; i++) {
		close(slow[i]);
		if (closed_at[i] < HEADER_SECS - 0.3 || closed_at[i] > HEADER_SECS + 3)
			fail_msg("slow connection %d closed after %.2f s, not about %d s",
			         i, closed_at[i], HEADER_SECS);
	}
	/* the address is free again */
	other = dial(f, "127.0.0.1");
	assert_int_equal(say(other, "GET /robots.txt HTTP/1.1\r\nHost: x\r\n"
	                            "Connection: close\r\n\r\n", 57), 0);
	assert_true(answer(other, buf, sizeof buf, 2) > 0);
	assert_non_null(strstr(buf, "HTTP/1.1 200"));
	close(other);
}

/* Sends GET /api/search with n parameters; returns what came back within
 * 5 s in buf (r: bytes, 0 closed, -1 nothing) and the seconds it took. */
static ssize_t
many_params(fx *f, int n, char *buf, size_t bufsz, double *secs)
{
	size_t cap = (size_t)n * 16 + 128, len;
	char *req = malloc(cap);
	double t0 = mono();
	ssize_t r;
	int fd, i;

	assert_non_null(req);
	len = (size_t)snprintf(req, cap, "GET /api/search?q=x");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(req + len, cap - len, "&a%d=b", i);
	len += (size_t)snprintf(req + len, cap - len,
	                        " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	fd = dial(f, "127.0.0.3");
	say(fd, req, len);
	r = answer(fd, buf, bufsz, 5);
	*secs = mono() - t0;
	close(fd);
	free(req);
	return r;
}

/* Hundreds or thousands of query parameters: 414 at once, naming the cap;
 * far more than a request can hold: closed at once. Never the 30 s wait
 * of the connection timeout; the server answers afterwards. */
static void
test_too_many_parameters_answered_at_once(void **state)
{
	fx *f = *state;
	char buf[4096];
	double secs;
	ssize_t r;
	int n[] = {33, 950, 2000}, i;

	for (i = 0; i < 3; i++) {
		r = many_params(f, n[i], buf, sizeof buf, &secs);
		if (r <= 0 || !strstr(buf, "HTTP/1.1 414"))
			fail_msg("%d parameters: got \"%.60s\" (%zd) after %.2f s", n[i],
			         r > 0 ? buf : "", r, secs);
		assert_non_null(strstr(buf, "too many query parameters (at most 32)"));
		assert_true(secs < 3);
	}
	r = many_params(f, 30000, buf, sizeof buf, &secs);
	assert_true(r >= 0); /* closed (0) or answered, not silent */
	assert_true(secs < 3);
	r = many_params(f, 3, buf, sizeof buf, &secs);
	assert_true(r > 0);
	assert_non_null(strstr(buf, "HTTP/1.1 200"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_slow_headers_shut_and_capped,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_parameters_answered_at_once,
		                                setup, teardown),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
