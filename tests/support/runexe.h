/* runexe.h - run a real hri executable from a unit test, capturing its
 * standard output and error and its exit status, with a time limit. */
#ifndef HRI_TEST_RUNEXE_H
#define HRI_TEST_RUNEXE_H

#include <stddef.h>

/* What a run gave. */
typedef struct hri_run {
	char *out;      /* standard output, NUL-terminated (malloc'd) */
	size_t outlen;  /* bytes */
	char *err;      /* standard error, NUL-terminated (malloc'd) */
	int status;     /* exit status; 128 + signal when killed; -1 when it
	                   could not run */
	double seconds; /* wall time */
} hri_run;

/* Runs $HRI_BIN/<tool> (HRI_BIN defaults to build/bin) with the NULL-ended
 * argument list argv (argv[0] is the tool name) and input on its standard
 * input (NULL: empty), in directory dir (NULL: the current one), killing it
 * after limit seconds. Fills *r; free it with hri_run_free(). Returns 0, or
 * -1 when the tool could not be started. */
int hri_run_tool(const char *tool, char *const argv[], const char *input,
                 const char *dir, int limit, hri_run *r);

/* Frees what a run holds; the struct itself is the caller's. */
void hri_run_free(hri_run *r);

/* Returns a new temporary directory (malloc'd path) under $TMPDIR. */
char *hri_tmpdir_new(void);

/* Removes directory path with everything in it, and frees path. */
void hri_tmpdir_free(char *path);

/* Returns the source tree's top directory: $HRI_TOP, else ".". */
const char *hri_test_top(void);

#endif
