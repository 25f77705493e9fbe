/* xapian_write.cc - changing a database in the Xapian shim: transactions,
 * replacing and deleting segments, feeding the spelling table, compacting
 * and merging. */
#include "xapian_private.h"

#include <string.h>
#include <sys/stat.h>

namespace hri {

bool
read_only(hri_db *db) noexcept
{
	if (db->wr)
		return false;
	msg_printf(db->err, sizeof db->err, "database opened read-only");
	return true;
}

/* Hands the words gathered since the last commit to the spelling table. */
static void
add_spelling(hri_db *db)
{
	for (const auto &w : db->spelling)
		db->wr->add_spelling(w.first, w.second);
	db->spelling.clear();
}

/* Adds to doc the values made from the others at the end: the facet
 * values gathered per field, and the sort keys of document and date
 * order. */
static void
add_keys(hri_xdoc *doc)
{
	for (size_t i = 0; i < nfields; i++) {
		int slot = fields[i].facet_slot;
		if (slot >= 0 && !doc->facet_vals[i].empty())
			doc->doc.add_value(slot, doc->facet_vals[i]);
	}
	std::string key = doc->doc.get_value(SLOT_SYMBOL);
	key += '\0';
	key += doc->doc.get_value(SLOT_ORD);
	doc->doc.add_value(SLOT_DOCKEY, key);
	/* Inverted bytes sort the newest date first; the 0xff after them
	 * puts a date before the longer ones it begins, and no date at
	 * all last. */
	std::string date = doc->doc.get_value(SLOT_DATE), dkey;
	for (char c : date)
		dkey += (char)~(unsigned char)c;
	dkey += '\xff';
	doc->doc.add_value(SLOT_DATEKEY, dkey + key);
}

} /* namespace hri */

using namespace hri;

extern "C" {

hri_status
hri_db_begin(hri_db *db)
{
	try {
		if (read_only(db))
			return HRI_ERR_INVALID;
		db->wr->begin_transaction(true);
		db->in_txn = true;
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_commit(hri_db *db)
{
	try {
		if (read_only(db))
			return HRI_ERR_INVALID;
		add_spelling(db);
		if (db->in_txn) {
			db->in_txn = false;
			db->wr->commit_transaction();
		} else {
			db->wr->commit();
		}
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_delete_symbol(hri_db *db, const char *symbol, unsigned long *deleted)
{
	try {
		if (read_only(db))
			return HRI_ERR_INVALID;
		std::string t = std::string(field_find("symbol")->prefix) +
		                fold(symbol);
		if (deleted)
			*deleted = db->wr->get_termfreq(t);
		db->wr->delete_document(t);
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_replace(hri_db *db, hri_xdoc *doc)
{
	try {
		if (read_only(db))
			return HRI_ERR_INVALID;
		if (doc->id.empty()) {
			msg_printf(db->err, sizeof db->err, "segment without an id");
			return HRI_ERR_INVALID;
		}
		add_keys(doc);
		if (doc->db == db) {
			/* The unprefixed terms are the words as written, lower case:
			 * what the spelling table wants. */
			for (Xapian::TermIterator t = doc->doc.termlist_begin();
			     t != doc->doc.termlist_end(); ++t) {
				const std::string &w = *t;
				if (!w.empty() && !(w[0] >= 'A' && w[0] <= 'Z'))
					db->spelling[w] += t.get_wdf();
			}
		}
		db->wr->replace_document(id_prefix + doc->id, doc->doc);
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_compact(hri_db *db, const char *dest)
{
	try {
		db->rd->compact(dest);
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_merge(const char *const *srcs, size_t n, const char *dest, char *err,
             size_t errsz)
{
	hri_db *db = NULL;
	struct stat sb;
	hri_status st;

	if (stat(dest, &sb) == 0) {
		msg_printf(err, errsz, "%s: exists already", dest);
		return HRI_ERR_DB;
	}
	st = hri_db_open_set(srcs, n, NULL, &db, err, errsz);
	if (st)
		return st;
	std::unique_ptr<hri_db> owned(db);
	try {
		/* Xapian renumbers the documents of the sources one after
		 * another and merges their spelling data. */
		db->rd->compact(dest);
		return HRI_OK;
	}
	HRI_CATCH(err, errsz, dest)
}

} /* extern "C" */
