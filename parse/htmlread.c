/* htmlread.c - HTML into doctext lines (placeholder). */
#include "readers.h"

#include <stdio.h>

hri_status
hri_htmlread(const unsigned char *buf, size_t len, hri_doctext *t, char *err,
             size_t errsz)
{
	snprintf(err, errsz, "HTML is not supported yet");
	return HRI_ERR_FORMAT;
}
