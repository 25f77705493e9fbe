/* timeit.c - runs one command and reports its wall time and peak resident
 * memory, the two figures bench/run needs from every stage. It stands in for
 * GNU time(1) so that the benchmark needs no extra package, and it measures
 * with clock_gettime(CLOCK_MONOTONIC) and wait4(), which is what GNU time
 * does too.
 *
 *   timeit [-o FILE] [-t SECONDS] -- COMMAND [ARG...]
 *
 * The command inherits stdin, stdout and stderr. On exit timeit appends one
 * line "WALL_SECONDS MAXRSS_KB EXIT_STATUS CPU_SECONDS" (CPU: user plus
 * system time of the command and its waited-for children) to FILE (default stderr) and
 * exits with the command's status. -t kills the command after SECONDS (the
 * benchmark must stay bounded); a killed command reports status 124. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "samples.h"

static volatile pid_t child; /* the command, for the alarm handler */

/* Kills the command when its time is up. */
static void
on_alarm(int sig)
{
	(void)sig;
	if (child > 0)
		kill(child, SIGKILL);
}

static void
usage(void)
{
	fputs("usage: timeit [-o FILE] [-t SECONDS] -- COMMAND [ARG...]\n",
	      stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *outpath = NULL;
	double limit = 0; /* seconds, 0 = none */
	struct rusage ru;
	int opt, wstatus = 0, code;
	pid_t pid, got;
	double t0, t1;
	FILE *out = stderr;

	while ((opt = getopt(argc, argv, "+o:t:")) != -1) {
		switch (opt) {
		case 'o': outpath = optarg; break;
		case 't': limit = strtod(optarg, NULL); break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 4;
	}
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "timeit: %s: %s\n", argv[optind],
		        strerror(errno));
		_exit(127);
	}
	/* A blocking wait keeps the timing exact; the alarm's handler kills
	 * the child, and the wait then returns. */
	if (limit > 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, NULL);
		child = pid;
		alarm((unsigned)(limit + 0.999));
	}
	for (;;) {
		got = wait4(pid, &wstatus, 0, &ru);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			perror("timeit: wait4");
			return 4;
		}
	}
	t1 = now();
	if (WIFEXITED(wstatus))
		code = WEXITSTATUS(wstatus);
	else
		code = WTERMSIG(wstatus) == SIGKILL ? 124 : 128 + WTERMSIG(wstatus);
	if (outpath) {
		out = fopen(outpath, "a");
		if (!out) {
			perror(outpath);
			return 4;
		}
	}
	fprintf(out, "%.6f %ld %d %.6f\n", t1 - t0, ru.ru_maxrss, code,
	        ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	            ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	if (out != stderr)
		fclose(out);
	return code;
}
