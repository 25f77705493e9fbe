/* fuzz_gunzip.c - inflation of store objects (gzip) and of DOCX members
 * (raw deflate, with the zip reader's ratio cap): corrupt or truncated data
 * is refused, a bomb stops at the cap, never a crash or an unbounded
 * allocation. */
#include <string.h>

#include "../../parse/zip.h"
#include "file.h"
#include "fuzz.h"

#define FUZZ_INFLATE_MAX (2u << 20) /* bytes, the cap under test */

/* Checks what one inflation gave. */
static void
check(hri_status st, unsigned char *out, size_t len)
{
	if (st) {
		FUZZ_CHECK(st == HRI_ERR_INVALID || st == HRI_ERR_TOO_BIG);
		FUZZ_CHECK(out == NULL && len == 0);
		return;
	}
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(len <= FUZZ_INFLATE_MAX);
	FUZZ_CHECK(out[len] == '\0');
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *out = NULL;
	size_t len = 12345;
	hri_status st;

	st = hri_gunzip(data, size, FUZZ_INFLATE_MAX, &out, &len);
	check(st, out, len);
	out = NULL;
	len = 12345;
	st = hri_inflate(data, size, 1, FUZZ_INFLATE_MAX, HRI_ZIP_RATIO_MAX, &out,
	                 &len);
	if (!st)
		FUZZ_CHECK(len <= (1u << 20) || len / (size ? size : 1) <=
		                                    HRI_ZIP_RATIO_MAX);
	check(st, out, len);
	(void)hri_is_gzip(data, size);
	return 0;
}
