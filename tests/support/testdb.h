/* testdb.h - helpers for the unit tests that work on a real Xapian
 * database through the indexer. */
#ifndef HRI_TEST_TESTDB_H
#define HRI_TEST_TESTDB_H

#include "../../index/indexer.h"
#include "xapian.h"

/* Indexes one record given as JSON text with ix (the text must parse: a
 * test fails otherwise); *what gets what the indexer made of it. Returns
 * the indexer's status. */
hri_status hri_test_index_json(hri_indexer *ix, const char *json, int *what);

/* Returns the number of segments of db matching query, up to 100 (the
 * query must parse: a test fails otherwise). */
unsigned long hri_test_count(hri_db *db, const char *query);

#endif
