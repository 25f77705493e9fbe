/* fuzz.h - what the fuzz harnesses share: the libFuzzer entry point and an
 * invariant check that aborts (so libFuzzer and the replay driver both see
 * a crash) whatever NDEBUG says. */
#ifndef HRI_FUZZ_H
#define HRI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with the failed condition when cond is false. */
#define FUZZ_CHECK(cond)                                                    \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",    \
			        __FILE__, __LINE__, #cond);                 \
			abort();                                            \
		}                                                           \
	} while (0)

#endif
