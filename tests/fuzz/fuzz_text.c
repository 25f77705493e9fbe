/* fuzz_text.c - the plain text and markdown reader and the segmenter behind
 * it: the first byte chooses markdown; any bytes give well-formed segment
 * records or a clear refusal. */
#include "segcheck.h"

#include "../../parse/textread.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hri_doctext *t;
	char *out;
	bool markdown;
	hri_status st;
	size_t n;

	if (size < 1)
		return 0;
	markdown = data[0] & 1;
	data++;
	size--;
	/* The inline cleaner alone: never longer than its input. */
	out = malloc(size + 1);
	FUZZ_CHECK(out != NULL);
	n = hri_textread_inline((const char *)data, size, out);
	FUZZ_CHECK(n <= size);
	free(out);

	t = hri_doctext_new(FUZZ_DOC_MAX);
	FUZZ_CHECK(t != NULL);
	st = hri_textread((const char *)data, size, markdown, t);
	fuzz_check_doctext(st, t, NULL);
	hri_doctext_free(t);
	hri_doctext_free(NULL);
	return 0;
}
