/* jsonl.c - JSON Lines on jansson. */
#include "jsonl.h"

#include <stdio.h>
#include <string.h>

hri_status
hri_jsonl_parse(const char *line, size_t len, json_t **out, char *err,
                size_t errsz)
{
	json_error_t jerr;
	json_t *v;

	*out = NULL;
	v = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
	if (!v) {
		if (err && errsz)
			snprintf(err, errsz, "column %d: %s", jerr.column, jerr.text);
		return HRI_ERR_INVALID;
	}
	if (!json_is_object(v)) {
		if (err && errsz)
			snprintf(err, errsz, "a record must be a JSON object");
		json_decref(v);
		return HRI_ERR_INVALID;
	}
	*out = v;
	return HRI_OK;
}

hri_status
hri_jsonl_write(FILE *fp, const json_t *rec)
{
	if (json_dumpf(rec, fp, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0)
		return HRI_ERR_IO;
	if (putc('\n', fp) == EOF || ferror(fp))
		return HRI_ERR_IO;
	return HRI_OK;
}

const char *
hri_json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

long long
hri_json_int(const json_t *obj, const char *key, long long dflt)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? json_integer_value(v) : dflt;
}

hri_status
hri_json_set_strn(json_t *obj, const char *key, const char *val, size_t len)
{
	json_t *v;

	if (!val)
		v = json_null();
	else
		v = json_stringn(val, len);
	if (!v)
		return val ? HRI_ERR_INVALID : HRI_ERR_NOMEM;
	if (json_object_set_new(obj, key, v) != 0)
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

hri_status
hri_json_set_str(json_t *obj, const char *key, const char *val)
{
	return hri_json_set_strn(obj, key, val, val ? strlen(val) : 0);
}
