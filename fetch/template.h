/* template.h - URL templates: "https://host/{symbol}?l={lang}&t={format}",
 * the placeholders replaced by URL-encoded values, so that no symbol can
 * change the shape of the URL it is put in. */
#ifndef HRI_FETCH_TEMPLATE_H
#define HRI_FETCH_TEMPLATE_H

#include <stddef.h>

#include "status.h"

/* The values of a template's placeholders; a NULL value is an empty
 * string. */
typedef struct hri_template_vars {
	const char *symbol; /* {symbol}: "A/HRC/26/41" (encoded A%2FHRC%2F26%2F41) */
	const char *file;   /* {file}: its file name form "A_HRC_26_41" */
	const char *lang;   /* {lang}: "en" */
	const char *format; /* {format}: "pdf" */
} hri_template_vars;

/* Writes tmpl with {symbol}, {file}, {lang} and {format} replaced by the
 * URL-encoded values of v into a new string *out the caller frees. Any other
 * text, braces included, is copied as it is. Returns HRI_ERR_TOO_BIG when
 * the URL would pass 8 KB, HRI_ERR_NOMEM; *out is NULL on error. */
hri_status hri_template_expand(const char *tmpl, const hri_template_vars *v,
                               char **out);

/* Returns nonzero when s is a URL template (it has a scheme, "x://") rather
 * than a directory. */
int hri_template_is_url(const char *s);

#endif
