/* fuzz_pdf.c - the PDF reader (poppler, through the shim of
 * parse/pdftext.cc) and the segmenter behind it: any bytes give well-formed
 * segment records or a refusal that says why. */
#include "segcheck.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_check(hri_pdfread, data, size);
	return 0;
}
