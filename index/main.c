/* main.c - hri-index (placeholder until its stage lands). */
#include <stdio.h>

#include "status.h"

int
main(void)
{
	fputs("hri-index: not built yet\n", stderr);
	return HRI_EXIT_USAGE;
}
