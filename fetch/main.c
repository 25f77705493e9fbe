/* main.c - hri-fetch (placeholder until its stage lands). */
#include <stdio.h>

#include "status.h"

int
main(void)
{
	fputs("hri-fetch: not built yet\n", stderr);
	return HRI_EXIT_USAGE;
}
