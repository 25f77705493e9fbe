/* xapian_document.cc - building a segment's Xapian document in the Xapian
 * shim (hri_xdoc): its id, its words with English stems, the boolean terms
 * and facet values of the field table, its sortable numbers and its data. */
#include "xapian_private.h"

#include <string.h>

#include "hash.h"

using namespace hri;

namespace {

/* English stems, each word stemmed once: the TermGenerator asks the stemmer
 * for every word it meets (a third of its time, issue 22), and a few
 * thousand words make most of any text. The stems are the Snowball
 * stemmer's own, so the index is the same. The memo is a flat table with
 * open addressing over one arena of bytes: a lookup reads one slot and
 * the word's bytes beside its stem, where a std::unordered_map of strings
 * read a bucket, a node and often a string elsewhere (3% of hri-index's
 * time in cache misses, bench/README.md). */
class memo_stem : public Xapian::StemImplementation {
	Xapian::Stem en{"en"};
	/* A slot: the word's hash (low 32 bits), where its bytes and then
	 * its stem's start in the arena, and their lengths; wlen 0 is an
	 * empty slot (an empty word is never kept). */
	struct slot {
		uint32_t hash;
		uint32_t off;
		uint16_t wlen;
		uint16_t slen;
	};
	std::vector<slot> slots;
	std::string arena;
	size_t used = 0;
	/* words kept at most: a bound on memory for an unusual vocabulary
	 * (slots at most half full: 3 MB, and the arena's bytes); the table
	 * starts again when full */
	static const size_t cap = 1u << 17;
	/* longer words (Xapian's TermGenerator passes words of up to 64
	 * bytes) are stemmed each time, which keeps lengths in 16 bits */
	static const size_t word_max = 255;
	static const size_t first_slots = 1u << 12;

	/* Returns the slot of word (h its hash): its own, or the empty one
	 * where it would go. slots is a power of two, never full. */
	slot &find(const std::string &word, uint64_t h)
	{
		size_t mask = slots.size() - 1;
		for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
			slot &s = slots[i];
			if (!s.wlen ||
			    (s.hash == (uint32_t)h && s.wlen == word.size() &&
			     !memcmp(arena.data() + s.off, word.data(),
			             word.size())))
				return s;
		}
	}
	/* Doubles the slots, placing each word again. */
	void grow()
	{
		std::vector<slot> old(slots.size() * 2, slot());
		old.swap(slots);
		size_t mask = slots.size() - 1;
		for (const slot &s : old) {
			if (!s.wlen)
				continue;
			size_t i = s.hash & mask;
			while (slots[i].wlen)
				i = (i + 1) & mask;
			slots[i] = s;
		}
	}

public:
	std::string operator()(const std::string &word) override
	{
		if (word.empty() || word.size() > word_max)
			return en(word);
		if (slots.empty())
			slots.assign(first_slots, slot());
		uint64_t h = hri_fnv1a(HRI_FNV1A_BASIS, word.data(), word.size());
		slot *s = &find(word, h);
		if (s->wlen)
			return std::string(arena, s->off + s->wlen, s->slen);
		std::string stem = en(word);
		if (stem.size() > word_max)
			return stem;
		if (used >= cap) {
			slots.assign(first_slots, slot());
			arena.clear();
			used = 0;
			s = &find(word, h);
		} else if (2 * (used + 1) > slots.size()) {
			grow();
			s = &find(word, h);
		}
		s->hash = (uint32_t)h;
		s->off = (uint32_t)arena.size();
		s->wlen = (uint16_t)word.size();
		s->slen = (uint16_t)stem.size();
		arena += word;
		arena += stem;
		used++;
		return stem;
	}
	std::string get_description() const override
	{
		return "memo(" + en.get_description() + ")";
	}
};

} /* namespace */

namespace hri {

Xapian::Stem
memo_stemmer()
{
	return Xapian::Stem(new memo_stem());
}

} /* namespace hri */

hri_xdoc::hri_xdoc(hri_db *for_spelling)
    : db(for_spelling && for_spelling->wr ? for_spelling : NULL),
      facet_vals(nfields)
{
	tg.set_stemmer(memo_stemmer());
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
		doc->facet_ends.clear();
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
		/* read where it is: a std::string of it was a copy of every
		 * segment's text */
		Xapian::Utf8Iterator t(text, strlen(text));
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

/* Returns whether the facet term t is new to doc, and notes it. */
static bool
facet_first(hri_xdoc *doc, const std::string &t)
{
	size_t at = 0;

	for (size_t end : doc->facet_ends) {
		if (end - at == t.size() &&
		    doc->facet_seen.compare(at, t.size(), t) == 0)
			return false;
		at = end;
	}
	doc->facet_seen += t;
	doc->facet_ends.push_back(doc->facet_seen.size());
	return true;
}

hri_status
hri_xdoc_term(hri_xdoc *doc, const char *name, const char *value)
{
	try {
		const field *f = field_find(name);
		if (!f || f->kind != BOOL)
			return HRI_ERR_INVALID;
		/* built in doc->term, which keeps its memory: some twenty
		 * terms a segment */
		std::string &term = doc->term;
		term.assign(f->prefix);
		const size_t plen = term.size(), n = strlen(value);
		fold_append(value, n, term);
		if (term.size() == plen)
			return HRI_OK;
		doc->doc.add_boolean_term(term);
		if (f->facet_slot >= 0 && facet_first(doc, term)) {
			std::string &vals = doc->facet_vals[f - fields];
			if (!vals.empty())
				vals += '\n';
			/* As written, but one line (a newline separates values) and
			 * capped like the term, cut before a UTF-8 continuation byte. */
			size_t k = n;
			if (k > value_max) {
				k = value_max;
				while (k > 0 && ((unsigned char)value[k] & 0xC0) == 0x80)
					k--;
			}
			size_t from = vals.size();
			vals.append(value, k);
			for (size_t i = from; i < vals.size(); i++)
				if (vals[i] == '\n' || vals[i] == '\r')
					vals[i] = ' ';
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
