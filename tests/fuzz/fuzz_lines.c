/* fuzz_lines.c - the capped line reader: every line returned is at most the
 * cap, holds no newline, and is a piece of the input; an overlong line is
 * reported and skipped; line numbers count up by one. The first input byte
 * picks the cap so that short and overlong lines are both explored. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "fuzz.h"
#include "lines.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hri_lines *r = NULL;
	FILE *fp;
	const char *line;
	size_t len, max, seen = 0;
	unsigned long prev = 0;
	hri_status st;

	if (size < 1)
		return 0;
	max = 1 + data[0] % 64;
	data++;
	size--;
	fp = fmemopen(size ? (void *)data : (void *)"", size, "rb");
	FUZZ_CHECK(fp != NULL);
	r = hri_lines_new(fp, max);
	FUZZ_CHECK(r != NULL);
	for (;;) {
		st = hri_lines_next(r, &line, &len);
		if (st == HRI_ERR_NOT_FOUND)
			break;
		FUZZ_CHECK(hri_lines_lineno(r) == prev + 1);
		prev = hri_lines_lineno(r);
		if (st == HRI_ERR_TOO_BIG) {
			FUZZ_CHECK(line == NULL);
			continue;
		}
		FUZZ_CHECK(st == HRI_OK);
		FUZZ_CHECK(line != NULL && line[len] == '\0');
		FUZZ_CHECK(len <= max);
		FUZZ_CHECK(memchr(line, '\n', len) == NULL);
		/* The line is found in the input (CR and LF aside). */
		FUZZ_CHECK(len == 0 ||
		           memmem(data, size, line, len) != NULL);
		seen += len;
		FUZZ_CHECK(seen <= size);
	}
	FUZZ_CHECK(prev <= size);
	hri_lines_free(r);
	fclose(fp);
	hri_lines_free(NULL);
	return 0;
}
