/* xapian_document.cc - building a segment's Xapian document in the Xapian
 * shim (hri_xdoc): its id, its words with English stems, the boolean terms
 * and facet values of the field table, its sortable numbers and its data. */
#include "xapian_private.h"

#include <string.h>

using namespace hri;

hri_xdoc::hri_xdoc(hri_db *for_spelling)
    : db(for_spelling && for_spelling->wr ? for_spelling : NULL),
      facet_vals(nfields)
{
	tg.set_stemmer(Xapian::Stem("en"));
	tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
	tg.set_document(doc);
}

extern "C" {

hri_xdoc *
hri_xdoc_new(hri_db *db)
{
	try {
		return new hri_xdoc(db);
	} catch (...) {
		return NULL;
	}
}

void
hri_xdoc_free(hri_xdoc *doc)
{
	delete doc;
}

void
hri_xdoc_reset(hri_xdoc *doc)
{
	try {
		doc->doc = Xapian::Document();
		doc->tg.set_document(doc->doc);
		doc->tg.set_termpos(0);
		doc->id.clear();
		for (auto &v : doc->facet_vals)
			v.clear();
		doc->facet_seen.clear();
	} catch (...) {
		/* Assignments of empty objects do not throw in practice. */
	}
}

hri_status
hri_xdoc_set_id(hri_xdoc *doc, const char *id)
{
	try {
		doc->id = id;
		if (doc->id.size() > value_max)
			return HRI_ERR_TOO_BIG;
		doc->doc.add_boolean_term(id_prefix + doc->id);
		return HRI_OK;
	}
	HRI_CATCH(NULL, 0, NULL)
}

hri_status
hri_xdoc_text(hri_xdoc *doc, const char *text, unsigned weight, int title)
{
	try {
		std::string t(text);
		/* Every kind with positions, for phrases in titles and headings
		 * as in the text (title:"Saudi Arabia"), the stems' positions
		 * too (STEM_SOME_FULL_POS: a phrase matches its inflected
		 * forms, "standing invitation" finds "standing invitations"). */
		if (title == HRI_TEXT_DOC_TITLE) {
			doc->tg.index_text(t, weight, field_find("title")->prefix);
		} else if (title == HRI_TEXT_SECTION_TITLE) {
			/* In the text, weight times: BM25 then weighs the heading's
			 * words by their rarity in the text, as it does the text's
			 * own. A field of its own, weighed by its rarity among
			 * headings, amplified the headings the segmenter gets wrong
			 * (a recommendation taken for the heading of 80 others) and
			 * lost 0.1 of nDCG@10 (bench/RANKING.md). Under XHEAD with
			 * wdf 0 for title:. */
			if (weight) {
				doc->tg.index_text(t, weight);
				doc->tg.increase_termpos(100);
			}
			doc->tg.index_text(t, 0, field_find("section_title")->prefix);
		} else {
			doc->tg.index_text(t, weight);
		}
		/* A gap, so a phrase never spans two fields. */
		doc->tg.increase_termpos(100);
		return HRI_OK;
	}
	HRI_CATCH(NULL, 0, NULL)
}

hri_status
hri_xdoc_term(hri_xdoc *doc, const char *name, const char *value)
{
	try {
		const field *f = field_find(name);
		if (!f || f->kind != BOOL)
			return HRI_ERR_INVALID;
		std::string v = fold(value);
		if (v.empty())
			return HRI_OK;
		std::string term = f->prefix + v;
		doc->doc.add_boolean_term(term);
		if (f->facet_slot >= 0 && doc->facet_seen.insert(term).second) {
			std::string &vals = doc->facet_vals[f - fields];
			if (!vals.empty())
				vals += '\n';
			/* As written, but one line (a newline separates values) and
			 * capped like the term, cut before a UTF-8 continuation byte. */
			size_t n = strlen(value);
			if (n > value_max) {
				n = value_max;
				while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
					n--;
			}
			for (size_t k = 0; k < n; k++)
				vals += (value[k] == '\n' || value[k] == '\r') ? ' '
				                                                 : value[k];
		}
		return HRI_OK;
	}
	HRI_CATCH(NULL, 0, NULL)
}

hri_status
hri_xdoc_numbers(hri_xdoc *doc, int year, long para, long ord)
{
	try {
		if (year > 0)
			doc->doc.add_value(SLOT_YEAR, Xapian::sortable_serialise(year));
		if (para >= 0)
			doc->doc.add_value(SLOT_PARA, Xapian::sortable_serialise(
			                                  (double)para));
		doc->doc.add_value(SLOT_ORD, Xapian::sortable_serialise((double)ord));
		return HRI_OK;
	}
	HRI_CATCH(NULL, 0, NULL)
}

hri_status
hri_xdoc_date(hri_xdoc *doc, const char *date)
{
	try {
		doc->doc.add_value(SLOT_DATE, date);
		return HRI_OK;
	}
	HRI_CATCH(NULL, 0, NULL)
}

hri_status
hri_xdoc_data(hri_xdoc *doc, const char *data, size_t len)
{
	try {
		doc->doc.set_data(std::string(data, len));
		return HRI_OK;
	}
	HRI_CATCH(NULL, 0, NULL)
}

} /* extern "C" */
