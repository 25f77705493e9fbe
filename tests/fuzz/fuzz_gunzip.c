/* fuzz_gunzip.c - inflation of store objects and DOCX-like members: corrupt
 * or truncated data is refused, a bomb stops at the cap, never a crash or an
 * unbounded allocation. */
#include <string.h>

#include "file.h"
#include "fuzz.h"

#define FUZZ_INFLATE_MAX (1u << 20) /* bytes, the cap under test */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *out = NULL;
	size_t len = 12345;
	hri_status st;

	st = hri_gunzip(data, size, FUZZ_INFLATE_MAX, &out, &len);
	if (st) {
		FUZZ_CHECK(st == HRI_ERR_INVALID || st == HRI_ERR_TOO_BIG);
		FUZZ_CHECK(out == NULL && len == 0);
		return 0;
	}
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(len <= FUZZ_INFLATE_MAX);
	FUZZ_CHECK(out[len] == '\0');
	(void)hri_is_gzip(data, size);
	free(out);
	return 0;
}
