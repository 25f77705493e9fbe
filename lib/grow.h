/* grow.h - room for one more element of a growing array */
#ifndef HRI_GROW_H
#define HRI_GROW_H

#include <stddef.h>

#include "status.h"

/* Makes room for element n of the array whose address is arrayp (a T **
 * for elements of size bytes) and which holds *cap elements: when n is
 * *cap, doubles it (first when it is 0). Returns HRI_OK, or
 * HRI_ERR_NOMEM with the array and *cap unchanged. */
hri_status hri_grow(void *arrayp, size_t n, size_t *cap, size_t size,
                    size_t first);

#endif
