/* marc.c - MARCXML catalogue records (placeholder, being written). */
#include "marc.h"

hri_status
hri_marc_parse(const char *xml, size_t len, const char *symbol, json_t **meta,
               char *err, size_t errsz)
{
	(void)xml; (void)len; (void)symbol; (void)err; (void)errsz;
	*meta = NULL;
	return HRI_ERR_NOT_FOUND;
}
