/* fuzz_extract.c - the extraction patterns (PCRE2) and tables of hri-parse's
 * annotator on any text: every annotation array is present and holds
 * strings or objects as hri-records(5) says, every cited symbol is a valid
 * one, and "ibid." state carries safely from one segment to the next. */
#include <string.h>

#include "fuzz.h"
#include "symbol.h"

#include "../../parse/extract.h"

static hri_extractor *ex; /* loaded once, from $HRI_DATA */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];

	if (hri_extractor_new(&ex, err, sizeof err) != HRI_OK) {
		fprintf(stderr, "fuzz_extract: %s (set HRI_DATA)\n", err);
		abort();
	}
	return 0;
}

/* Checks the annotations set on seg. */
static void
check_annotations(const json_t *seg)
{
	static const char *const arrays[] = {
		"cites", "instruments", "countries", "organizations", "persons",
		"dates", "treaties", "themes", "sdgs", "affected"};
	const json_t *a, *v;
	const char *sym;
	size_t i, k;

	for (i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
		a = json_object_get(seg, arrays[i]);
		FUZZ_CHECK(json_is_array(a));
		json_array_foreach(a, k, v) {
			if (!strcmp(arrays[i], "cites") ||
			    !strcmp(arrays[i], "instruments"))
				FUZZ_CHECK(json_is_object(v));
			else
				FUZZ_CHECK(json_is_string(v));
		}
	}
	json_array_foreach(json_object_get(seg, "cites"), k, v) {
		sym = json_string_value(json_object_get(v, "symbol"));
		FUZZ_CHECK(sym != NULL);
		FUZZ_CHECK(hri_symbol_valid(sym));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hri_extract_doc *d = NULL;
	json_t *seg;
	size_t half = size / 2;
	int k;

	seg = hri_extract_text(ex, (const char *)data, size, "A/HRC/1/1",
	                       "Human Rights Council");
	if (seg) {
		check_annotations(seg);
		json_decref(seg);
	}
	/* The same bytes as two segments of one document, the second maybe
	 * an "ibid." to the first; texts that are not UTF-8 are refused by
	 * jansson before the extractor sees them. */
	FUZZ_CHECK(hri_extract_doc_new(ex, "A/HRC/1/1", NULL, &d) == HRI_OK);
	for (k = 0; k < 2; k++) {
		seg = json_object();
		FUZZ_CHECK(seg != NULL);
		json_object_set_new(seg, "kind", json_string(k ? "footnote"
		                                                : "paragraph"));
		json_object_set_new(seg, "text",
		                    k ? json_stringn((const char *)data + half,
		                                     size - half)
		                      : json_stringn((const char *)data, half));
		json_object_set_new(seg, "recommending",
		                    json_pack("[s]", "Turkey"));
		FUZZ_CHECK(hri_extract_segment(d, seg) != HRI_ERR_NOMEM);
		if (json_is_string(json_object_get(seg, "text")))
			check_annotations(seg);
		json_decref(seg);
	}
	hri_extract_doc_free(d);
	return 0;
}
