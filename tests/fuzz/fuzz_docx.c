/* fuzz_docx.c - the DOCX reader (zip with zlib, XML with libxml2) and the segmenter
 * behind it: any bytes give well-formed segment records or a refusal that
 * says why. */
#include "segcheck.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_check(hri_docxread, data, size);
	return 0;
}
