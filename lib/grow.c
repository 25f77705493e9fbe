/* grow.c - room for one more element of a growing array */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

hri_status
hri_grow(void *arrayp, size_t n, size_t *cap, size_t size, size_t first)
{
	void *old, *grown;
	size_t c;

	if (n < *cap)
		return HRI_OK;
	c = *cap ? *cap * 2 : first;
	if (c <= *cap || c > SIZE_MAX / size)
		return HRI_ERR_NOMEM;
	/* through memcpy: arrayp is a T **, which may not be read as void ** */
	memcpy(&old, arrayp, sizeof old);
	grown = realloc(old, c * size);
	if (!grown)
		return HRI_ERR_NOMEM;
	memcpy(arrayp, &grown, sizeof grown);
	*cap = c;
	return HRI_OK;
}
