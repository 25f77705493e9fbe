/* fuzz_symbol.c - the UN symbol grammar, with its promises as invariants:
 * a symbol accepted is valid and normal (normalising it again changes
 * nothing), parses, and gives a file name that cannot leave its directory
 * (no "/", no leading ".", not "" or "..", no NUL, no byte outside the
 * encoder's alphabet) and maps back to the same symbol; a range expands
 * only to valid symbols; a file name decodes only to a valid symbol whose
 * file name decodes to it again. */
#include <string.h>

#include "fuzz.h"
#include "symbol.h"

#define FNAME_MAX (3 * HRI_SYMBOL_MAX) /* bytes, worst case of %XX */

/* Checks that name is a file name that stays in its directory. */
static void
check_filename(const char *name)
{
	size_t i, n = strlen(name);

	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(name[0] != '.');
	FUZZ_CHECK(strcmp(name, "..") != 0);
	FUZZ_CHECK(strchr(name, '/') == NULL);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		           (c >= '0' && c <= '9') || strchr(".-()_%", c));
	}
}

/* Checks everything promised about the normal-form symbol s. */
static void
check_symbol(const char *s)
{
	char again[HRI_SYMBOL_MAX], fname[FNAME_MAX], back[HRI_SYMBOL_MAX];
	hri_symbol_info info;
	hri_status st;

	FUZZ_CHECK(strlen(s) < HRI_SYMBOL_MAX);
	FUZZ_CHECK(hri_symbol_valid(s));
	st = hri_symbol_normalize(s, strlen(s), again, sizeof again);
	FUZZ_CHECK(st == HRI_OK);
	FUZZ_CHECK(strcmp(again, s) == 0);
	st = hri_symbol_parse(s, &info);
	FUZZ_CHECK(st == HRI_OK);
	FUZZ_CHECK(memchr(info.series, '\0', sizeof info.series) != NULL);
	FUZZ_CHECK(memchr(info.country, '\0', sizeof info.country) != NULL);
	st = hri_symbol_filename(s, fname, sizeof fname);
	FUZZ_CHECK(st == HRI_OK);
	check_filename(fname);
	st = hri_symbol_from_filename(fname, strlen(fname), back, sizeof back);
	FUZZ_CHECK(st == HRI_OK);
	FUZZ_CHECK(strcmp(back, s) == 0);
}

/* Expansion callback: every symbol handed out is a valid one. */
static int
on_symbol(const char *s, void *ud)
{
	unsigned long *n = ud;

	check_symbol(s);
	(*n)++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	char norm[HRI_SYMBOL_MAX], fname[FNAME_MAX], tmp[HRI_SYMBOL_MAX + 1];
	char small[8];
	hri_symbol_info info;
	unsigned long n = 0;
	hri_status st;

	st = hri_symbol_normalize(in, size, norm, sizeof norm);
	if (st == HRI_OK)
		check_symbol(norm);
	else
		FUZZ_CHECK(norm[0] == '\0');
	/* Too small a buffer is refused, never overrun. */
	st = hri_symbol_normalize(in, size, small, sizeof small);
	FUZZ_CHECK(st != HRI_OK || strlen(small) < sizeof small);

	/* The input as a NUL-terminated string, for the string entry points. */
	if (size < sizeof tmp) {
		memcpy(tmp, data, size);
		tmp[size] = '\0';
		if (hri_symbol_valid(tmp))
			check_symbol(tmp);
		st = hri_symbol_parse(tmp, &info);
		FUZZ_CHECK(st == HRI_OK || st == HRI_ERR_INVALID);
		st = hri_symbol_filename(tmp, fname, sizeof fname);
		if (st == HRI_OK)
			check_filename(fname);
		else
			FUZZ_CHECK(fname[0] == '\0');
	}

	st = hri_symbol_from_filename(in, size, norm, sizeof norm);
	if (st == HRI_OK)
		check_symbol(norm);
	else
		FUZZ_CHECK(norm[0] == '\0');

	st = hri_symbol_expand(in, size, on_symbol, &n);
	FUZZ_CHECK(st == HRI_OK || n == 0);
	FUZZ_CHECK(n <= 10000);
	return 0;
}
