/* test_file.c - capped reads, gzip and atomic writes on a real filesystem. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "file.h"

static char dir[] = "/tmp/hri-test-file-XXXXXX";

static int
setup(void **state)
{
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* Counts the entries of dir other than . and .. */
static int
count_entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

static void
test_file_write_atomic_round_trip_gzip(void **state)
{
	char path[256];
	static const char text[] = "1. In its resolution 13/23 on enhancement of international cooperation";
	unsigned char *buf, raw[2];
	size_t len;
	FILE *fp;

	snprintf(path, sizeof path, "%s/obj.gz", dir);
	assert_int_equal(hri_file_write_atomic(path, text, sizeof text - 1, 1), HRI_OK);
	/* On disk it is real gzip, so zcat gives the original back. */
	fp = fopen(path, "rb");
	assert_int_equal(fread(raw, 1, 2, fp), 2);
	fclose(fp);
	assert_true(hri_is_gzip(raw, 2));
	assert_int_equal(hri_file_read(path, 1 << 20, &buf, &len), HRI_OK);
	assert_int_equal(len, sizeof text - 1);
	assert_string_equal((char *)buf, text);
	free(buf);
	assert_int_equal(count_entries(dir), 1); /* no temporary left */
}

static void
test_file_read_caps_plain_and_inflated(void **state)
{
	char path[256];
	char *big = malloc(1 << 20);
	unsigned char *buf;
	size_t len;

	memset(big, 'A', 1 << 20);
	snprintf(path, sizeof path, "%s/plain", dir);
	assert_int_equal(hri_file_write_atomic(path, big, 1 << 20, 0), HRI_OK);
	assert_int_equal(hri_file_read(path, 1000, &buf, &len), HRI_ERR_TOO_BIG);
	assert_null(buf);
	/* A megabyte of one letter compresses about a thousandfold: a small
	 * file that must still be refused past the cap, as a bomb would be. */
	snprintf(path, sizeof path, "%s/bomb.gz", dir);
	assert_int_equal(hri_file_write_atomic(path, big, 1 << 20, 1), HRI_OK);
	assert_int_equal(hri_file_read(path, 64 * 1024, &buf, &len), HRI_ERR_TOO_BIG);
	assert_null(buf);
	assert_int_equal(hri_file_read(path, 1 << 20, &buf, &len), HRI_OK);
	assert_int_equal(len, 1 << 20);
	free(buf);
	free(big);
}

static void
test_gunzip_rejects_truncated_and_corrupt(void **state)
{
	char path[256];
	static const char text[] = "Distr.: General 12 September 2019 Original: English";
	unsigned char *z, *buf;
	size_t zlen, len;

	snprintf(path, sizeof path, "%s/t.gz", dir);
	assert_int_equal(hri_file_write_atomic(path, text, sizeof text - 1, 1), HRI_OK);
	assert_int_equal(hri_file_read(path, 1 << 20, &z, &zlen), HRI_OK);
	free(z);
	/* Read the compressed bytes themselves through a copy without magic. */
	FILE *fp = fopen(path, "rb");
	unsigned char raw[256];
	size_t n = fread(raw, 1, sizeof raw, fp);
	fclose(fp);
	assert_int_equal(hri_gunzip(raw, n / 2, 1 << 20, &buf, &len), HRI_ERR_INVALID);
	assert_null(buf);
	raw[12] ^= 0xff;
	raw[13] ^= 0xff;
	assert_int_not_equal(hri_gunzip(raw, n, 1 << 20, &buf, &len), HRI_OK);
	assert_null(buf);
}

static void
test_file_read_missing_and_directory(void **state)
{
	char path[256];
	unsigned char *buf;
	size_t len;

	snprintf(path, sizeof path, "%s/nope", dir);
	assert_int_equal(hri_file_read(path, 100, &buf, &len), HRI_ERR_NOT_FOUND);
	assert_int_equal(hri_file_read(dir, 100, &buf, &len), HRI_ERR_NOT_FILE);
	assert_null(buf);
	assert_string_equal(hri_file_kind(dir), "a directory");
	assert_null(hri_file_kind(path));
}

/* Only regular files are read: a FIFO with no writer is refused at once
 * (opening it blocked for ever), /dev/zero is not read without end, and
 * each is named for what it is. */
static void
test_file_read_refuses_fifo_and_devices(void **state)
{
	char path[256];
	unsigned char *buf;
	size_t len;

	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10); /* a regression hangs here: fail instead */
	assert_int_equal(hri_file_read(path, 100, &buf, &len), HRI_ERR_NOT_FILE);
	alarm(0);
	assert_null(buf);
	assert_string_equal(hri_file_kind(path), "a FIFO");
	assert_int_equal(hri_file_read("/dev/zero", 100, &buf, &len),
	                 HRI_ERR_NOT_FILE);
	assert_string_equal(hri_file_kind("/dev/zero"), "a character device");
	assert_string_equal(hri_file_kind("/dev/null"), "a character device");
}

/* A .gz of several members (cat a.gz b.gz) is read whole, as gzip -d
 * reads it; a cut second member is an error, not the first member alone. */
static void
test_gunzip_reads_every_member(void **state)
{
	static const char one[] = "1. First member. ", two[] = "2. Second member.";
	unsigned char *a, *b, *cat, *buf;
	size_t alen, blen, len;
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/m.gz", dir);
	assert_int_equal(hri_file_write_atomic(path, one, sizeof one - 1, 1), HRI_OK);
	fp = fopen(path, "rb");
	a = malloc(4096);
	alen = fread(a, 1, 4096, fp);
	fclose(fp);
	assert_int_equal(hri_file_write_atomic(path, two, sizeof two - 1, 1), HRI_OK);
	fp = fopen(path, "rb");
	b = malloc(4096);
	blen = fread(b, 1, 4096, fp);
	fclose(fp);
	cat = malloc(alen + blen);
	memcpy(cat, a, alen);
	memcpy(cat + alen, b, blen);
	assert_int_equal(hri_gunzip(cat, alen + blen, 1 << 20, &buf, &len), HRI_OK);
	assert_int_equal(len, sizeof one + sizeof two - 2);
	assert_memory_equal(buf, "1. First member. 2. Second member.", len);
	free(buf);
	/* the file itself, through hri_file_read */
	fp = fopen(path, "wb");
	fwrite(cat, 1, alen + blen, fp);
	fclose(fp);
	assert_int_equal(hri_file_read(path, 1 << 20, &buf, &len), HRI_OK);
	assert_int_equal(len, sizeof one + sizeof two - 2);
	free(buf);
	/* the cap counts every member */
	assert_int_equal(hri_gunzip(cat, alen + blen, sizeof one, &buf, &len),
	                 HRI_ERR_TOO_BIG);
	assert_int_equal(hri_gunzip(cat, alen + blen - 5, 1 << 20, &buf, &len),
	                 HRI_ERR_INVALID);
	assert_null(buf);
	free(a);
	free(b);
	free(cat);
}

static void
test_file_write_atomic_failure_keeps_old_content(void **state)
{
	char path[256];
	static const char old[] = "old content that must survive";
	unsigned char *buf;
	size_t len;
	struct rlimit rl;
	pid_t pid;
	int ws;
	char *big;

	char sub[200];

	snprintf(sub, sizeof sub, "%s/keepdir", dir);
	assert_int_equal(hri_mkdir_p(sub), HRI_OK);
	snprintf(path, sizeof path, "%s/keep", sub);
	assert_int_equal(hri_file_write_atomic(path, old, sizeof old - 1, 0), HRI_OK);
	/* In a child whose file size limit is tiny (a full disk, as far as the
	 * writer can tell), a larger write fails and must leave path alone. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = 4096;
		setrlimit(RLIMIT_FSIZE, &rl);
		big = calloc(1, 1 << 16);
		_exit(hri_file_write_atomic(path, big, 1 << 16, 0) == HRI_ERR_IO ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);
	assert_int_equal(hri_file_read(path, 1 << 20, &buf, &len), HRI_OK);
	assert_string_equal((char *)buf, old);
	free(buf);
	assert_int_equal(count_entries(sub), 1); /* the temporary is gone */
}

static void
test_mkdir_p_creates_parents(void **state)
{
	char path[256];
	struct stat sb;

	snprintf(path, sizeof path, "%s/a/b/c", dir);
	assert_int_equal(hri_mkdir_p(path), HRI_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(hri_mkdir_p(path), HRI_OK); /* exists: fine */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_write_atomic_round_trip_gzip),
		cmocka_unit_test(test_file_read_caps_plain_and_inflated),
		cmocka_unit_test(test_gunzip_rejects_truncated_and_corrupt),
		cmocka_unit_test(test_file_read_missing_and_directory),
		cmocka_unit_test(test_file_read_refuses_fifo_and_devices),
		cmocka_unit_test(test_gunzip_reads_every_member),
		cmocka_unit_test(test_file_write_atomic_failure_keeps_old_content),
		cmocka_unit_test(test_mkdir_p_creates_parents),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
