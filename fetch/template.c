/* template.c - URL templates with encoded placeholders. */
#include "template.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Longest URL produced: servers refuse far shorter ones than this. */
#define URL_MAX 8192

/* Appends the len bytes at s to buf (n bytes used), encoded when enc is
 * nonzero. Returns nonzero when the result would pass URL_MAX. */
static int
append(char *buf, size_t *n, const char *s, size_t len, int enc)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!enc || isalnum(c) || c == '-' || c == '.' || c == '_' ||
		    c == '~') {
			if (*n + 1 >= URL_MAX)
				return 1;
			buf[(*n)++] = (char)c;
			continue;
		}
		if (*n + 3 >= URL_MAX)
			return 1;
		buf[(*n)++] = '%';
		buf[(*n)++] = hex[c >> 4];
		buf[(*n)++] = hex[c & 15];
	}
	return 0;
}

hri_status
hri_template_expand(const char *tmpl, const hri_template_vars *v, char **out)
{
	static const char *const keys[] = {"{symbol}", "{file}", "{lang}",
	                                   "{format}"};
	const char *vals[4];
	char *buf;
	size_t n = 0, k;
	const char *p = tmpl;

	*out = NULL;
	vals[0] = v->symbol;
	vals[1] = v->file;
	vals[2] = v->lang;
	vals[3] = v->format;
	buf = malloc(URL_MAX);
	if (!buf)
		return HRI_ERR_NOMEM;
	while (*p) {
		for (k = 0; k < 4; k++)
			if (strncmp(p, keys[k], strlen(keys[k])) == 0)
				break;
		if (k < 4) {
			const char *val = vals[k] ? vals[k] : "";

			if (append(buf, &n, val, strlen(val), 1))
				goto too_big;
			p += strlen(keys[k]);
			continue;
		}
		if (append(buf, &n, p, 1, 0))
			goto too_big;
		p++;
	}
	buf[n] = '\0';
	*out = buf;
	return HRI_OK;
too_big:
	free(buf);
	return HRI_ERR_TOO_BIG;
}

int
hri_template_is_url(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}
