/* jsonmem.h - jansson's memory from free lists of fixed-size blocks, for
 * the many small objects of the records hri-parse builds and drops, and
 * its strings made with a quicker check. */
#ifndef HRI_JSONMEM_H
#define HRI_JSONMEM_H

/* Makes jansson take its memory from the free lists (blocks of up to 512
 * bytes; larger ones from malloc). Call it before any JSON value is made:
 * a value made before would be freed to the wrong allocator. Does nothing
 * under AddressSanitizer or valgrind's memcheck, which must see each
 * allocation. */
void hri_jsonmem_init(void);

#include <stddef.h>

#include <jansson.h>

/* Returns a new JSON string of the len bytes at s, as json_stringn does
 * (NULL when they are not UTF-8, or out of memory), checking plain ASCII,
 * most of what the records hold, a word at a time where jansson decodes
 * each character. */
json_t *hri_jsonmem_string(const char *s, size_t len);

#endif
