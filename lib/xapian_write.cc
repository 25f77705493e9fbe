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

/* Whether a term is a word of the text as written (no prefix, lower
 * case): what the spelling table wants. */
static bool
is_word(const std::string &t)
{
	return !t.empty() && !(t[0] >= 'A' && t[0] <= 'Z');
}

/* Adds sign times the wdf of every word of doc to db->spelling. */
static void
count_words(hri_db *db, const Xapian::Document &doc, long sign)
{
	for (Xapian::TermIterator t = doc.termlist_begin();
	     t != doc.termlist_end(); ++t)
		if (is_word(*t))
			db->spelling[*t] += sign * (long)t.get_wdf();
}

/* Hands the words gathered since the last commit to the spelling table;
 * with spell_from_cf, every word of the database with its collection
 * frequency, corrected by db->spelling. */
static void
add_spelling(hri_db *db)
{
	if (db->spell_from_cf) {
		Xapian::TermIterator t = db->wr->allterms_begin();
		while (t != db->wr->allterms_end()) {
			const std::string &w = *t;
			if (!is_word(w)) {
				/* prefixed terms, the ids among them: over them at once */
				t.skip_to("[");
				continue;
			}
			long n = (long)db->wr->get_collection_freq(w);
			auto c = db->spelling.find(w);
			if (c != db->spelling.end()) {
				n += c->second;
				db->spelling.erase(c);
			}
			if (n > 0)
				db->wr->add_spelling(w, (Xapian::termcount)n);
			++t;
		}
		db->spell_from_cf = false;
	}
	/* the rest: words of segments no longer in the database */
	for (const auto &w : db->spelling)
		if (w.second > 0)
			db->wr->add_spelling(w.first, (Xapian::termcount)w.second);
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

bool
id_set::insert(const std::string &id)
{
	uint64_t h = std::hash<std::string>()(id);

	if (!h)
		h = 1;
	if ((used + 1) * 2 > slots.size()) {
		std::vector<uint64_t> old;
		old.swap(slots);
		slots.assign(old.empty() ? 1024 : old.size() * 2, 0);
		used = 0;
		for (uint64_t o : old)
			if (o)
				put(o);
	}
	return put(h);
}

bool
id_set::put(uint64_t h)
{
	size_t mask = slots.size() - 1, i = (size_t)h & mask;

	while (slots[i]) {
		if (slots[i] == h)
			return false;
		i = (i + 1) & mask;
	}
	slots[i] = h;
	used++;
	return true;
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
		bool empty = db->wr->get_doccount() == 0;
		db->wr->begin_transaction(true);
		db->in_txn = true;
		db->spell_from_cf = empty;
		if (empty && !db->fresh) {
			db->fresh = true;
			db->added = id_set();
		}
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
		if (db->spell_from_cf)
			for (Xapian::PostingIterator p = db->wr->postlist_begin(t);
			     p != db->wr->postlist_end(t); ++p)
				count_words(db, db->wr->get_document(*p), 1);
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
		if (db->spell_from_cf) {
			if (doc->db != db)
				count_words(db, doc->doc, -1);
		} else if (doc->db == db) {
			count_words(db, doc->doc, 1);
		}
		std::string idterm = id_prefix + doc->id;
		if (db->fresh && db->added.insert(doc->id)) {
			/* new: no segment has its id */
			db->wr->add_document(doc->doc);
			return HRI_OK;
		}
		if (db->spell_from_cf)
			for (Xapian::PostingIterator p = db->wr->postlist_begin(idterm);
			     p != db->wr->postlist_end(idterm); ++p)
				count_words(db, db->wr->get_document(*p), 1);
		db->wr->replace_document(idterm, doc->doc);
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

} /* extern "C" */

namespace {

/* Joins what several sources keep under one metadata key. The lists of
 * positions a response gave ("positions-of:" keys of index/indexer.c, one
 * recommendation id a line) are split between hash shards when the
 * response answers reports of several shards: the merged list is their
 * union, in source order, each id once, as one database indexing the same
 * records keeps it. Any other key keeps Xapian's choice, the first
 * source's value. */
class union_lists : public Xapian::Compactor {
public:
	std::string
	resolve_duplicate_metadata(const std::string &key, size_t n,
	                           const std::string tags[]) override
	{
		/* Xapian 1.4's glass backend passes the key as its table holds
		 * it, after the two bytes that mark user metadata */
		size_t at0 = key.size() > 2 && key[0] == '\0' ? 2 : 0;
		if (key.compare(at0, 13, "positions-of:") != 0)
			return tags[0];
		std::set<std::string> seen;
		std::string out;
		for (size_t i = 0; i < n; i++) {
			size_t at = 0;
			while (at < tags[i].size()) {
				size_t nl = tags[i].find('\n', at);
				if (nl == std::string::npos)
					nl = tags[i].size();
				std::string id = tags[i].substr(at, nl - at);
				at = nl + 1;
				if (id.empty() || !seen.insert(id).second)
					continue;
				if (!out.empty())
					out += '\n';
				out += id;
			}
		}
		return out;
	}
};

} /* namespace */

extern "C" {

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
		union_lists how;
		db->rd->compact(dest, 0, 0, how);
		return HRI_OK;
	}
	HRI_CATCH(err, errsz, dest)
}

} /* extern "C" */
