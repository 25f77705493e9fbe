/* fuzz_template.c - hri-fetch's URL templates: whatever the symbol, a value
 * put into a template comes out URL-encoded (only unreserved bytes and %XX)
 * and decodes back to itself, so no symbol can add a path, a query or a
 * host to the URL it is put in. The input is the value, then after a NUL
 * (if any) the template. */
#include <string.h>

#include "fuzz.h"

#include "../../fetch/template.h"

/* Value of a hexadecimal digit. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Checks that enc is value URL-encoded. */
static void
check_encoded(const char *enc, const char *value)
{
	size_t i, n = 0;
	int hi, lo;
	char c;

	for (i = 0; enc[i]; i++) {
		c = enc[i];
		if (c == '%') {
			hi = hexval(enc[i + 1]);
			FUZZ_CHECK(hi >= 0);
			lo = hexval(enc[i + 2]);
			FUZZ_CHECK(lo >= 0);
			c = (char)(hi << 4 | lo);
			i += 2;
		} else {
			FUZZ_CHECK((c >= 'A' && c <= 'Z') ||
			           (c >= 'a' && c <= 'z') ||
			           (c >= '0' && c <= '9') || strchr("-._~", c));
		}
		FUZZ_CHECK(value[n] == c);
		n++;
	}
	FUZZ_CHECK(value[n] == '\0');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *tmpl, *out = NULL;
	hri_template_vars v = {0};
	hri_status st;
	size_t vlen;

	buf = malloc(size + 2);
	FUZZ_CHECK(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	vlen = strlen(buf);
	tmpl = buf + vlen + 1;

	/* The value alone in each placeholder. */
	v.symbol = v.lang = v.format = buf;
	st = hri_template_expand("{symbol}", &v, &out);
	FUZZ_CHECK(st == HRI_OK || st == HRI_ERR_TOO_BIG);
	if (st == HRI_OK)
		check_encoded(out, buf);
	free(out);
	out = NULL;
	st = hri_template_expand("{lang}", &v, &out);
	if (st == HRI_OK)
		check_encoded(out, buf);
	free(out);
	out = NULL;

	/* Any template: expands or is refused as too big, never overruns. */
	v.file = "A_HRC_1_1";
	st = hri_template_expand(tmpl, &v, &out);
	FUZZ_CHECK(st == HRI_OK || st == HRI_ERR_TOO_BIG);
	FUZZ_CHECK(st != HRI_OK || strlen(out) <= 8192);
	(void)hri_template_is_url(tmpl);
	free(out);
	free(buf);
	return 0;
}
