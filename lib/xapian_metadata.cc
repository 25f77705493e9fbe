/* xapian_metadata.cc - what the Xapian shim reads and changes besides the
 * segments it indexes: user metadata (hri-index's positions of UPR
 * recommendations), and one indexed segment read or changed in place. */
#include "xapian_private.h"

#include <stdlib.h>
#include <string.h>

using namespace hri;

/* Longest user metadata key hri writes: Xapian refuses keys near 245 bytes. */
static const size_t metadata_key_max = 200;

/* Finds the Xapian document of the segment with the unique id; returns 0
 * when there is none. Throws what Xapian throws. */
static Xapian::docid
segment_docid(Xapian::Database &d, const char *id)
{
	std::string t = id_prefix + std::string(id);
	Xapian::PostingIterator p = d.postlist_begin(t);
	return p == d.postlist_end(t) ? 0 : *p;
}

/* Removes from d the terms of the boolean field f: its prefix, then a
 * folded value, which never starts with a capital (so "XC" spares
 * "XCITE..."). */
static void
remove_field_terms(Xapian::Document &d, const field *f)
{
	std::string prefix = f->prefix;
	std::vector<std::string> old;
	Xapian::TermIterator t = d.termlist_begin();

	t.skip_to(prefix);
	for (; t != d.termlist_end(); ++t) {
		const std::string &term = *t;
		if (term.compare(0, prefix.size(), prefix) != 0)
			break;
		if (term.size() > prefix.size() && term[prefix.size()] >= 'A' &&
		    term[prefix.size()] <= 'Z')
			continue;
		old.push_back(term);
	}
	for (const std::string &term : old)
		d.remove_term(term);
}

extern "C" {

hri_status
hri_db_metadata_set(hri_db *db, const char *key, const char *value)
{
	try {
		if (read_only(db))
			return HRI_ERR_INVALID;
		if (!*key || strlen(key) > metadata_key_max) {
			msg_printf(db->err, sizeof db->err, "bad metadata key: %s", key);
			return HRI_ERR_INVALID;
		}
		db->wr->set_metadata(key, value);
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_metadata_get(hri_db *db, const char *key, char **value)
{
	*value = NULL;
	try {
		if (!*key || strlen(key) > metadata_key_max)
			return HRI_OK; /* never set, since set refuses it */
		std::string v = db->rd->get_metadata(key);
		if (v.empty())
			return HRI_OK;
		*value = strdup(v.c_str());
		if (!*value)
			throw std::bad_alloc();
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_segment_data(hri_db *db, const char *id, char **data, size_t *len)
{
	*data = NULL;
	try {
		Xapian::docid did = segment_docid(*db->rd, id);
		if (!did) {
			msg_printf(db->err, sizeof db->err, "no segment %s", id);
			return HRI_ERR_NOT_FOUND;
		}
		std::string v = db->rd->get_document(did).get_data();
		*data = (char *)malloc(v.size() + 1);
		if (!*data)
			throw std::bad_alloc();
		memcpy(*data, v.data(), v.size());
		(*data)[v.size()] = '\0';
		if (len)
			*len = v.size();
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

hri_status
hri_db_segment_set_field(hri_db *db, const char *id, const char *name,
                         const char *value, const char *data, size_t len)
{
	try {
		const field *f = field_find(name);
		if (read_only(db))
			return HRI_ERR_INVALID;
		if (!f || f->kind != BOOL || f->multi) {
			msg_printf(db->err, sizeof db->err,
			           "not a single-valued field: %s", name);
			return HRI_ERR_INVALID;
		}
		Xapian::docid did = segment_docid(*db->wr, id);
		if (!did) {
			msg_printf(db->err, sizeof db->err, "no segment %s", id);
			return HRI_ERR_NOT_FOUND;
		}
		Xapian::Document d = db->wr->get_document(did);
		remove_field_terms(d, f);
		/* The new term and facet value, made by the one path that makes
		 * them at indexing time. */
		hri_xdoc scratch(NULL);
		hri_status st = hri_xdoc_term(&scratch, name, value);
		if (st) {
			msg_printf(db->err, sizeof db->err, "cannot make the term of %s",
			           name);
			return st;
		}
		for (Xapian::TermIterator n = scratch.doc.termlist_begin();
		     n != scratch.doc.termlist_end(); ++n)
			d.add_boolean_term(*n);
		if (f->facet_slot >= 0) /* "" removes it */
			d.add_value(f->facet_slot, scratch.facet_vals[f - fields]);
		d.set_data(std::string(data, len));
		db->wr->replace_document(did, d);
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

} /* extern "C" */
