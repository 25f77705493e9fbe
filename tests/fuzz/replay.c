/* replay.c - a plain driver for the fuzz harnesses: feeds every file of the
 * harness's regression inputs (tests/fuzz/regress/<target>/) and seed corpus
 * (tests/fuzz/corpus/<target>/) to LLVMFuzzerTestOneInput, so that every
 * crash once found stays fixed. Built with the normal compiler as
 * build/tests/test_fuzz_replay_<target>, it runs in `make check` and again
 * under ASan+UBSan; it prints cmocka's closing lines for tests/run.
 * Arguments, when given, are files or directories replayed instead. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define REPLAY_MAX (64u * 1024 * 1024) /* bytes, largest input replayed */

static unsigned long replayed; /* inputs fed to the harness */

/* Feeds the file at path to the harness; returns 0, or -1 when unreadable. */
static int
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;
	int rc = -1;

	if (!fp)
		goto out;
	if (fseek(fp, 0, SEEK_END) != 0)
		goto out;
	n = ftell(fp);
	if (n < 0 || (unsigned long)n > REPLAY_MAX || fseek(fp, 0, SEEK_SET))
		goto out;
	/* One byte more so that malloc(0) is never asked for. */
	buf = malloc((size_t)n + 1);
	if (!buf)
		goto out;
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		goto out;
	printf("[ RUN      ] %s\n", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	printf("[       OK ] %s\n", path);
	replayed++;
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
	free(buf);
	if (fp)
		fclose(fp);
	return rc;
}

/* Replays path, a file or a directory of files (not recursive); a missing
 * directory is no error, since a harness may have no regressions yet.
 * Returns the number of unreadable files. */
static int
replay_path(const char *path, int must_exist)
{
	struct stat sb;
	struct dirent **ents = NULL;
	char sub[4096];
	int i, n, bad = 0;

	if (stat(path, &sb) != 0)
		return must_exist ? 1 : 0;
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path) ? 1 : 0;
	/* Sorted, so that a run reads the same in every log. */
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path, ents[i]->d_name);
			if (stat(sub, &sb) == 0 && S_ISREG(sb.st_mode))
				bad += replay_file(sub) ? 1 : 0;
		}
		free(ents[i]);
	}
	free(ents);
	return bad;
}

int
main(int argc, char **argv)
{
	const char *top = getenv("HRI_TOP");
	const char *self = strrchr(argv[0], '/');
	const char *target;
	char dir[4096];
	int i, bad = 0;

	self = self ? self + 1 : argv[0];
	target = strncmp(self, "test_fuzz_replay_", 17) == 0 ? self + 17 : self;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	printf("[==========] replaying fuzz inputs of %s\n", target);
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			bad += replay_path(argv[i], 1);
	} else {
		snprintf(dir, sizeof dir, "%s/tests/fuzz/regress/%s",
		         top ? top : ".", target);
		bad += replay_path(dir, 0);
		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s",
		         top ? top : ".", target);
		bad += replay_path(dir, 0);
	}
	if (bad) {
		printf("[  FAILED  ] %d test(s), listed above: unreadable\n", bad);
		return 1;
	}
	printf("[  PASSED  ] %lu test(s).\n", replayed);
	return 0;
}
