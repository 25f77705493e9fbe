/* xapian_facets.cc - counting the facet values of a query's matches in the
 * Xapian shim. A segment's facet slot lists its values one per line; the
 * counts come from Xapian's spies on a set of shards, else from the value
 * streams of the one database, or from a handle's cache of a slot it
 * counts again and again (hri-query --batch, hri-serve). */
#include "xapian_private.h"

#include <algorithm>

namespace hri {

/* Calls f(line) for each non-empty line of v, a segment's facet value: it
 * lists the segment's values one per line, each once. */
template <typename F>
static void
each_line(const std::string &v, F f)
{
	size_t p = 0;

	while (p < v.size()) {
		size_t e = v.find('\n', p);
		if (e == std::string::npos)
			e = v.size();
		if (e > p)
			f(v.substr(p, e - p));
		p = e + 1;
	}
}

/* Adds n to the count of each line of v: the count of a whole value is
 * added to each of its lines. */
static void
split_value(const std::string &v, unsigned long n,
            std::map<std::string, unsigned long> &counts)
{
	each_line(v, [&](std::string &&line) { counts[line] += n; });
}

/* Adds the counts of one facet slot's ValueCountMatchSpy to counts. */
static void
split_counts(const Xapian::ValueCountMatchSpy &spy,
             std::map<std::string, unsigned long> &counts)
{
	for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end();
	     ++it)
		split_value(*it, it.get_termfreq(), counts);
}

/* Adds to counts the facet values in slot of the documents ids (ascending),
 * as split_counts() would from a ValueCountMatchSpy over the same
 * documents: each non-empty whole value counted once a document, then
 * split into its lines. */
static void
count_slot(const Xapian::Database &db, Xapian::valueno slot,
           const std::vector<Xapian::docid> &ids,
           std::map<std::string, unsigned long> &counts)
{
	std::unordered_map<std::string, unsigned long> whole;
	Xapian::ValueIterator v = db.valuestream_begin(slot);
	Xapian::ValueIterator end = db.valuestream_end(slot);

	for (Xapian::docid did : ids) {
		if (v == end)
			break;
		v.skip_to(did);
		if (v == end)
			break;
		if (v.get_docid() != did)
			continue;
		const std::string &s = *v;
		if (!s.empty())
			whole[s]++;
	}
	for (const auto &w : whole)
		split_value(w.first, w.second, counts);
}

/* Most document ids a slot cache covers: 4 bytes each, so at most 40 MB a
 * slot and handle (hri-serve keeps a pool of handles); a larger database
 * counts from the value streams every time. */
static const Xapian::docid slot_cache_max = 10000000;

/* Fills c from the value stream of slot. Throws what Xapian throws. */
static void
slot_cache_fill(const Xapian::Database &db, Xapian::valueno slot,
                slot_cache &c)
{
	std::unordered_map<std::string, uint32_t> index;

	c.of.assign((size_t)db.get_lastdocid() + 1, 0);
	c.vals.clear();
	for (Xapian::ValueIterator v = db.valuestream_begin(slot);
	     v != db.valuestream_end(slot); ++v) {
		const std::string &s = *v;
		Xapian::docid did = v.get_docid();
		if (s.empty() || did >= c.of.size())
			continue;
		auto r = index.emplace(s, (uint32_t)c.vals.size());
		if (r.second)
			c.vals.push_back(s);
		c.of[did] = r.first->second + 1;
	}
	/* The lines, numbered in byte order (the order of the map the other
	 * ways count into), and each value's line numbers. */
	std::map<std::string, uint32_t> num;
	for (const std::string &v : c.vals)
		each_line(v, [&](std::string &&line) { num.emplace(line, 0); });
	c.lines.clear();
	c.lines.reserve(num.size());
	for (auto &l : num) {
		l.second = (uint32_t)c.lines.size();
		c.lines.push_back(l.first);
	}
	c.line_of.clear();
	c.first.assign(1, 0);
	for (const std::string &v : c.vals) {
		each_line(v, [&](std::string &&line) {
			c.line_of.push_back(num.find(line)->second);
		});
		c.first.push_back((uint32_t)c.line_of.size());
	}
}

/* Appends to out, in byte order, the facet values in c of the documents
 * ids with their counts, as count_slot() counts them from the value
 * stream: whole values counted by number, then their counts added to
 * their lines by number, with no string made but the values that count. */
static void
slot_cache_count(const slot_cache &c, const std::vector<Xapian::docid> &ids,
                 facet_values &out)
{
	std::vector<unsigned long> n(c.vals.size()), per_line(c.lines.size());

	for (Xapian::docid did : ids)
		if (did < c.of.size() && c.of[did])
			n[c.of[did] - 1]++;
	for (size_t k = 0; k < n.size(); k++)
		if (n[k])
			for (uint32_t j = c.first[k]; j < c.first[k + 1]; j++)
				per_line[c.line_of[j]] += n[k];
	for (size_t l = 0; l < per_line.size(); l++)
		if (per_line[l])
			out.emplace_back(c.lines[l], per_line[l]);
}

/* Returns the cache of slot on db, filled when this is the second time
 * the slot is counted, or NULL (counted from the value stream). */
static const slot_cache *
slot_cache_get(hri_db *db, Xapian::valueno slot)
{
	auto c = db->slot_caches.find(slot);

	if (c == db->slot_caches.end() && ++db->slot_uses[slot] >= 2) {
		slot_cache fresh; /* kept only once whole */
		slot_cache_fill(*db->rd, slot, fresh);
		c = db->slot_caches.emplace(slot, std::move(fresh)).first;
	}
	return c == db->slot_caches.end() ? NULL : &c->second;
}

void
facet_count::add(Xapian::valueno slot)
{
	slots.push_back(slot);
	if (!local)
		spies.emplace_back(new Xapian::ValueCountMatchSpy(slot));
}

Xapian::doccount
facet_count::gather(const Xapian::Database &db, const Xapian::Query &q)
{
	if (!match_ids(db, q, ids.ids)) {
		ids.ids.clear();
		match_all(db, q, ids);
	}
	return (Xapian::doccount)ids.ids.size();
}

void
facet_count::attach(Xapian::Enquire &enq)
{
	if (slots.empty())
		return;
	if (local)
		enq.add_matchspy(&ids);
	else
		for (auto &sp : spies)
			enq.add_matchspy(sp.get());
}

void
facet_count::count(hri_db *db, std::vector<facet_values> &out)
{
	/* A pass with no weights gives them in order already. */
	if (!std::is_sorted(ids.ids.begin(), ids.ids.end()))
		std::sort(ids.ids.begin(), ids.ids.end());
	bool cacheable = local && !db->wr && !slots.empty() &&
	                 db->rd->get_lastdocid() <= slot_cache_max;
	if (cacheable && db->rd->get_revision() != db->cache_rev) {
		db->slot_caches.clear();
		db->cache_rev = db->rd->get_revision();
	}
	for (size_t i = 0; i < slots.size(); i++) {
		std::map<std::string, unsigned long> counts;
		const slot_cache *c = cacheable ? slot_cache_get(db, slots[i]) : NULL;
		facet_values v;
		if (c) {
			slot_cache_count(*c, ids.ids, v);
		} else {
			if (local)
				count_slot(*db->rd, slots[i], ids.ids, counts);
			else
				split_counts(*spies[i], counts);
			v.assign(counts.begin(), counts.end());
		}
		std::stable_sort(v.begin(), v.end(),
		                 [](const std::pair<std::string, unsigned long> &a,
		                    const std::pair<std::string, unsigned long> &b) {
			                 return a.second > b.second;
		                 });
		out.push_back(v);
	}
}

} /* namespace hri */
