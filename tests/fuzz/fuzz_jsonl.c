/* fuzz_jsonl.c - the JSON Lines record parser: any bytes give a record or an
 * error naming a column, never a crash; an accepted record writes as one
 * line that parses back to an equal record. */
#include <string.h>

#include "fuzz.h"
#include "jsonl.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *rec = NULL, *again = NULL;
	char err[256];
	char *line = NULL;
	size_t linesz = 0;
	FILE *fp;
	hri_status st;

	err[0] = '\0';
	st = hri_jsonl_parse((const char *)data, size, &rec, err, sizeof err);
	if (st) {
		FUZZ_CHECK(st == HRI_ERR_INVALID);
		FUZZ_CHECK(rec == NULL);
		FUZZ_CHECK(err[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(json_is_object(rec));
	(void)hri_json_str(rec, "symbol");
	(void)hri_json_int(rec, "para", -1);

	fp = open_memstream(&line, &linesz);
	FUZZ_CHECK(fp != NULL);
	st = hri_jsonl_write(fp, rec);
	FUZZ_CHECK(st == HRI_OK);
	FUZZ_CHECK(fclose(fp) == 0);
	/* One line: the only newline is the last byte. */
	FUZZ_CHECK(linesz > 0 && line[linesz - 1] == '\n');
	FUZZ_CHECK(memchr(line, '\n', linesz - 1) == NULL);
	st = hri_jsonl_parse(line, linesz - 1, &again, err, sizeof err);
	FUZZ_CHECK(st == HRI_OK);
	FUZZ_CHECK(json_equal(rec, again));

	/* Setting a member from the input bytes: UTF-8 or refused. */
	st = hri_json_set_strn(rec, "text", (const char *)data, size);
	FUZZ_CHECK(st == HRI_OK || st == HRI_ERR_INVALID);
	json_decref(again);
	json_decref(rec);
	free(line);
	return 0;
}
