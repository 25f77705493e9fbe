/* runexe.c - run a real executable from a unit test. */
#include "runexe.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "file.h"

const char *
hri_test_top(void)
{
	const char *t = getenv("HRI_TOP");

	return t && *t ? t : ".";
}

/* Seconds on the monotonic clock. */
static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a whole small file into a new string (empty when missing). */
static char *
slurp(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	size_t n = 0;

	/* hri_file_read would inflate gzip output; outputs are text here. */
	if (hri_file_read(path, 256u << 20, &buf, &n) != HRI_OK) {
		buf = (unsigned char *)strdup("");
		n = 0;
	}
	if (len)
		*len = n;
	return (char *)buf;
}

int
hri_run_tool(const char *tool, char *const argv[], const char *input,
             const char *dir, int limit, hri_run *r)
{
	const char *bin = getenv("HRI_BIN");
	char exe[PATH_MAX], rel[PATH_MAX], tmp[] = "/tmp/hri-run-XXXXXX";
	char inp[PATH_MAX + 8], outp[PATH_MAX + 8], errp[PATH_MAX + 8];
	double t0;
	pid_t pid;
	int st = 0, fd;

	memset(r, 0, sizeof *r);
	r->status = -1;
	if (!mkdtemp(tmp))
		return -1;
	snprintf(rel, sizeof rel, "%s/%s", bin && *bin ? bin : "build/bin", tool);
	if (!realpath(rel, exe))
		return -1;
	snprintf(inp, sizeof inp, "%s/in", tmp);
	snprintf(outp, sizeof outp, "%s/out", tmp);
	snprintf(errp, sizeof errp, "%s/err", tmp);
	fd = open(inp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (input && write(fd, input, strlen(input)) < 0)
			st = -1;
		close(fd);
	}
	t0 = mono();
	pid = fork();
	if (pid == 0) {
		int in = open(inp, O_RDONLY);
		int out = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (in < 0 || out < 0 || err < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		if (dir && chdir(dir) != 0)
			_exit(126);
		execv(exe, argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while (1) {
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			break;
		if (mono() - t0 > limit) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
		usleep(5000);
	}
	r->seconds = mono() - t0;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st)
	            : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
	r->out = slurp(outp, &r->outlen);
	r->err = slurp(errp, NULL);
	unlink(inp);
	unlink(outp);
	unlink(errp);
	rmdir(tmp);
	return 0;
}

void
hri_run_free(hri_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

char *
hri_tmpdir_new(void)
{
	const char *base = getenv("TMPDIR");
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/hri-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(path))
		return NULL;
	return strdup(path);
}

void
hri_tmpdir_free(char *path)
{
	if (!path)
		return;
	hri_rm_tree(path);
	free(path);
}
