/* fuzz_html.c - the HTML reader (libxml2's HTML parser) and the segmenter behind it: any bytes give
 * well-formed segment records or a refusal that says why. */
#include "segcheck.h"

#ifdef HRI_FUZZ_HAVE_PARSE
#include "../../parse/readers.h"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef HRI_FUZZ_HAVE_PARSE
	hri_doctext *t;
	char err[512];
	hri_status st;

	t = hri_doctext_new(FUZZ_DOC_MAX);
	FUZZ_CHECK(t != NULL);
	err[0] = '\0';
	st = hri_htmlread(data, size, t, err, sizeof err);
	fuzz_check_doctext(st, t, err);
	hri_doctext_free(t);
#else
	(void)data;
	(void)size;
#endif
	return 0;
}
