/* main.c - hri-parse (placeholder until its stage lands). */
#include <stdio.h>

#include "status.h"

int
main(void)
{
	fputs("hri-parse: not built yet\n", stderr);
	return HRI_EXIT_USAGE;
}
