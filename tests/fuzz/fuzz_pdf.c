/* fuzz_pdf.c - the PDF reader (poppler-glib) and the segmenter
 * behind it: any bytes give well-formed segment records or a refusal that
 * says why. */
#include "segcheck.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef HRI_FUZZ_HAVE_PARSE
	fuzz_read_and_check(hri_pdfread, data, size);
#else
	(void)data;
	(void)size;
#endif
	return 0;
}
