/* output.h - how hri-query prints hits and facets: text for a reader at a
 * terminal, JSON Lines for jq and pipelines, CSV (RFC 4180) for a
 * spreadsheet. */
#ifndef HRI_OUTPUT_H
#define HRI_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "options.h"
#include "status.h"
#include "xapian.h"

/* Output formats. */
enum hri_format {
	HRI_FMT_TEXT,
	HRI_FMT_JSON,
	HRI_FMT_CSV
};

/* Bytes of a hit's snippet: about three lines of a terminal, the same in
 * hri-query and hri-serve. */
#define HRI_OUT_SNIPPET 300

/* Where and how to print. */
typedef struct hri_out {
	FILE *fp;        /* standard output, normally */
	int format;      /* enum hri_format */
	int ansi;        /* text: bold matches with ANSI escapes (a terminal) */
	int full;        /* print each segment's whole text, not a snippet */
	size_t snippet;  /* snippet length, bytes */
	int header_done; /* csv: the header row is out */
	hri_db *db;      /* where a recommendation's concern is looked up
	                    (borrowed), or NULL: no concern_text */
	int tell;        /* say on stderr why nothing matched, and "did you
	                    mean" (hri-query; not a server's log) */
} hri_out;

/* The names of the formats, for --format (an HRI_OPT_KEYWORD option). */
extern const hri_keyword hri_out_formats[];

/* Writes the ODS address of symbol in lang into out (outsz bytes):
 * https://documents.un.org/api/symbol/access?s=<symbol>&l=<lang>&t=pdf with
 * the symbol URL-encoded. Returns HRI_ERR_TOO_BIG when out is too small. */
hri_status hri_out_ods_url(const char *symbol, const char *lang, char *out,
                           size_t outsz);

/* Builds the JSON record of hit i of hits (rank is its 1-based place in the
 * whole result). A recommendation that answers a concern also gets
 * "concern_text", the concern's text, when o->db is set and holds it.
 * Returns a new reference, or NULL when the stored data is not JSON or
 * memory ran out. */
json_t *hri_out_hit_record(const hri_out *o, const hri_hits *hits, size_t i,
                           unsigned long rank);

/* Prints hit i of hits in o's format. Returns HRI_ERR_IO when the output
 * fails, HRI_ERR_FORMAT when the stored data is not a JSON object. */
hri_status hri_out_hit(hri_out *o, const hri_hits *hits, size_t i,
                       unsigned long rank);

/* Builds the JSON record of facet f, named field: {"type":"facet",
 * "field", "counts":{value:count,...}}, most frequent first. Returns a new
 * reference, or NULL when memory ran out. */
json_t *hri_out_facet_record(const hri_hits *hits, size_t f,
                             const char *field);

/* Prints the counts of facet f, named field. Returns HRI_ERR_IO when the
 * output fails. */
hri_status hri_out_facet(hri_out *o, const hri_hits *hits, size_t f,
                         const char *field);

/* Returns how many bytes of a concern's text (NUL-terminated) a
 * recommendation card shows in a list of hits: all of a short one, else
 * about 300, cut at a space. */
size_t hri_out_card_cut(const char *text);

/* Writes s as one CSV field (quoted when it holds a comma, quote, CR or LF;
 * quotes doubled). A field a spreadsheet would run as a formula, starting
 * with = + - @, a tab or a CR, is quoted and prefixed with an apostrophe,
 * as OWASP advises: "'=HYPERLINK(...)" shows as text. */
void hri_out_csv_field(FILE *fp, const char *s);

/* Joins the strings of array a (objects give their member key, or, for
 * instruments, "kind number", for articles "treaty article") with "; " into
 * a new string to free(); NULL when out of memory. An empty or missing
 * array gives "". */
char *hri_out_join(const json_t *a, const char *key);

#endif
