/* jsonmem.h - jansson's memory from free lists of fixed-size blocks, for
 * the many small objects of the records hri-parse builds and drops. */
#ifndef HRI_JSONMEM_H
#define HRI_JSONMEM_H

/* Makes jansson take its memory from the free lists (blocks of up to 512
 * bytes; larger ones from malloc). Call it before any JSON value is made:
 * a value made before would be freed to the wrong allocator. Does nothing
 * under AddressSanitizer or valgrind's memcheck, which must see each
 * allocation. */
void hri_jsonmem_init(void);

#endif
