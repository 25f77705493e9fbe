/* fuzz_marc.c - hri-fetch's MARCXML reader (UN Digital Library catalogue
 * records, libxml2 with network and entities off): any bytes give a
 * metadata object of the promised shape or a refusal, never an entity
 * expanded; and the MARC date reader on the same bytes. */
#include <string.h>

#include "fuzz.h"

#include "../../fetch/marc.h"

/* Checks the object a record gave. */
static void
check_meta(const json_t *meta)
{
	const json_t *v;
	const char *date;
	char *dump;
	size_t k, n;

	FUZZ_CHECK(json_is_object(meta));
	/* No external entity was read (the seeds point some at /etc/passwd). */
	dump = json_dumps(meta, 0);
	FUZZ_CHECK(dump != NULL);
	FUZZ_CHECK(strstr(dump, "root:x:0:") == NULL);
	free(dump);
	date = json_string_value(json_object_get(meta, "date"));
	if (date) {
		n = strlen(date);
		FUZZ_CHECK(n == 4 || n == 7 || n == 10);
	}
	json_array_foreach(json_object_get(meta, "subjects"), k, v)
		FUZZ_CHECK(json_is_string(v));
	json_array_foreach(json_object_get(meta, "files"), k, v)
		FUZZ_CHECK(json_is_string(v));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *meta = NULL;
	char err[512], date[16], tmp[64];
	hri_status st;

	st = hri_marc_parse((const char *)data, size, NULL, &meta, err,
	                    sizeof err);
	if (st == HRI_OK)
		check_meta(meta);
	else
		FUZZ_CHECK(meta == NULL && st != HRI_ERR_NOMEM);
	json_decref(meta);
	meta = NULL;
	st = hri_marc_parse((const char *)data, size, "A/HRC/28/15", &meta,
	                    err, sizeof err);
	if (st == HRI_OK)
		check_meta(meta);
	json_decref(meta);

	if (size < sizeof tmp) {
		memcpy(tmp, data, size);
		tmp[size] = '\0';
		st = hri_marc_date(tmp, date, sizeof date);
		FUZZ_CHECK(st != HRI_OK || strlen(date) <= 10);
	}
	return 0;
}
