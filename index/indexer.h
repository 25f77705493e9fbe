/* indexer.h - turns doc and segment records (hri-records(5)) into Xapian
 * documents: one per segment, carrying its document's fields, every
 * annotation a boolean term and a facet, the record itself as the data. */
#ifndef HRI_INDEXER_H
#define HRI_INDEXER_H

#include <stddef.h>

#include <jansson.h>

#include "status.h"
#include "xapian.h"

typedef struct hri_indexer hri_indexer;

/* What hri_indexer_add() made of a record. */
enum hri_indexed {
	HRI_INDEXED_DOC,     /* a doc record: its old segments were deleted */
	HRI_INDEXED_SEGMENT, /* a segment record, indexed */
	HRI_INDEXED_POSITION, /* a position record, kept (and applied to its
	                         recommendation when that is indexed) */
	HRI_INDEXED_SKIPPED  /* another type, or a record carrying "error" */
};

/* Counts of one run. */
typedef struct hri_indexer_counts {
	unsigned long documents; /* doc records */
	unsigned long segments;  /* segments indexed */
	unsigned long skipped;   /* records of other types, or errors upstream */
	unsigned long replaced;  /* old segments deleted by doc records */
	unsigned long positions; /* position records kept */
	unsigned long updated;   /* indexed recommendations given their
	                            position in place */
} hri_indexer_counts;

/* Creates an indexer writing into db (writable, borrowed, must outlive the
 * indexer). Returns NULL when out of memory. */
hri_indexer *hri_indexer_new(hri_db *db);

/* Frees ix; hri_indexer_free(NULL) does nothing. */
void hri_indexer_free(hri_indexer *ix);

/* Indexes one record. A doc record deletes every indexed segment of its
 * symbol (so paragraphs that disappeared go too) and becomes the document
 * whose fields the following segments of the same symbol carry. A position
 * record (a State's position on a UPR recommendation, from its response) is
 * kept in the database's metadata under "position:" + its id, whatever
 * the order the report and the response come in: an indexed recommendation
 * with that id is changed in place, and one indexed later takes it (the
 * State's response wins over a position the report states). Sets *what
 * (may be NULL). Returns HRI_ERR_INVALID for a bad record, with the reason
 * in err (errsz bytes), nothing indexed; HRI_ERR_DB or HRI_ERR_NOMEM when
 * the database failed (see hri_db_errmsg()), which should end the run. */
hri_status hri_indexer_add(hri_indexer *ix, const json_t *rec, int *what,
                           char *err, size_t errsz);

/* As hri_indexer_add(), rec being the object parsed from line (len bytes,
 * the record as read): a segment's stored data is then line itself with
 * the doc fields it lacks spliced in at its end, not rec written anew
 * (the same object to whoever parses it, at a tenth of the cost). line
 * NULL is hri_indexer_add(). */
hri_status hri_indexer_add_line(hri_indexer *ix, const json_t *rec,
                                const char *line, size_t len, int *what,
                                char *err, size_t errsz);

/* Takes back the positions the response source (a symbol, any case) gave:
 * their metadata entries go and the indexed recommendations lose them
 * (hri-index --delete of a response; a doc record of a response that is
 * indexed again does it too, before its new position records come). A
 * position another response gave since stays. Sets *dropped to how many
 * went. Returns HRI_ERR_DB or HRI_ERR_NOMEM on failure. */
hri_status hri_positions_drop(hri_db *db, const char *source,
                              unsigned long *dropped);

/* Tells ix that the doc record of symbol went to another indexer (a
 * worker of hri-index --jobs, each writing one hash shard): the document
 * whose fields following segments carry ends here too, and the positions
 * the response symbol gave that this indexer's database lists are taken
 * back, so that the shards together hold what one indexer seeing every
 * record would. Returns HRI_ERR_DB or HRI_ERR_NOMEM on failure. */
hri_status hri_indexer_doc_elsewhere(hri_indexer *ix, const char *symbol);

/* Returns the counts so far (borrowed, valid while ix lives). */
const hri_indexer_counts *hri_indexer_counts_get(const hri_indexer *ix);

#endif
