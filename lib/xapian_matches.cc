/* xapian_matches.cc - the documents a query matches, read straight from
 * the posting lists of one local database, for the facet counts: they need
 * every match and no weight, and Xapian's matcher, even unweighted, spends
 * most of a count's time on each match (its loop, a Document made for the
 * spy) rather than on reading the postings. Terms, AND, OR, NOT and the
 * operators that match as they do are evaluated here; a query with any
 * other operator (phrases, ranges, wildcards, posting sources) goes to the
 * matcher as before, so every query matches what Xapian matches. */
#include "xapian_private.h"

#include <algorithm>

namespace hri {

namespace {

typedef std::vector<Xapian::docid> id_list;

/* Appends the documents indexed by term to out, ascending. */
void
read_term(const Xapian::Database &db, const std::string &term, id_list &out)
{
	Xapian::PostingIterator p = db.postlist_begin(term);
	Xapian::PostingIterator end = db.postlist_end(term);

	for (; p != end; ++p)
		out.push_back(*p);
}

/* Keeps in ids (ascending) those indexed by term when keep, else those
 * not: each looked up with skip_to(), which passes over the chunks of a
 * long posting list that hold none of ids. */
void
sieve_term(const Xapian::Database &db, const std::string &term, bool keep,
           id_list &ids)
{
	Xapian::PostingIterator p = db.postlist_begin(term);
	Xapian::PostingIterator end = db.postlist_end(term);
	size_t n = 0;

	for (Xapian::docid did : ids) {
		if (p != end)
			p.skip_to(did);
		bool has = p != end && *p == did;
		if (has == keep)
			ids[n++] = did;
	}
	ids.resize(n);
}

/* The term of a LEAF_TERM query. */
std::string
leaf_term(const Xapian::Query &q)
{
	return *q.get_terms_begin();
}

bool eval(const Xapian::Database &db, const Xapian::Query &q, id_list &out);

/* out = the union of the subqueries of q, ascending and each once.
 * Returns false as eval() does. */
bool
eval_or(const Xapian::Database &db, const Xapian::Query &q, id_list &out)
{
	size_t n = q.get_num_subqueries();
	std::vector<id_list> parts(n);
	size_t total = 0;

	for (size_t i = 0; i < n; i++) {
		if (!eval(db, q.get_subquery(i), parts[i]))
			return false;
		total += parts[i].size();
	}
	out.clear();
	if (n == 1) {
		out.swap(parts[0]);
	} else if (n == 2) {
		out.reserve(total);
		std::set_union(parts[0].begin(), parts[0].end(), parts[1].begin(),
		               parts[1].end(), std::back_inserter(out));
	} else if (total * 16 >= (size_t)db.get_lastdocid()) {
		/* dense: one bit a document, read back in order */
		std::vector<uint64_t> bits((size_t)db.get_lastdocid() / 64 + 1);
		for (const id_list &p : parts)
			for (Xapian::docid did : p)
				bits[did / 64] |= (uint64_t)1 << (did % 64);
		out.reserve(total);
		for (size_t w = 0; w < bits.size(); w++)
			for (uint64_t b = bits[w]; b; b &= b - 1)
				out.push_back((Xapian::docid)(w * 64 +
				                              (size_t)__builtin_ctzll(b)));
	} else {
		out.reserve(total);
		for (const id_list &p : parts)
			out.insert(out.end(), p.begin(), p.end());
		std::sort(out.begin(), out.end());
		out.erase(std::unique(out.begin(), out.end()), out.end());
	}
	return true;
}

/* out = the documents every subquery of q matches (OP_AND, OP_FILTER).
 * The subqueries that are terms are not read whole: the smallest part is,
 * then the other terms sieve it. Returns false as eval() does. */
bool
eval_and(const Xapian::Database &db, const Xapian::Query &q, id_list &out)
{
	size_t n = q.get_num_subqueries();
	std::vector<std::string> terms;
	std::vector<id_list> parts;

	for (size_t i = 0; i < n; i++) {
		Xapian::Query s = q.get_subquery(i);
		switch (s.get_type()) {
		case Xapian::Query::LEAF_MATCH_ALL:
			break; /* matches every document: leaves the rest as is */
		case Xapian::Query::LEAF_TERM:
			terms.push_back(leaf_term(s));
			break;
		default:
			parts.emplace_back();
			if (!eval(db, s, parts.back()))
				return false;
		}
	}
	if (terms.empty() && parts.empty()) { /* MatchAll AND MatchAll */
		read_term(db, std::string(), out);
		return true;
	}
	/* The smallest of the parts read and of the terms to start from. */
	size_t best = 0;
	bool best_is_term = false, have = false;
	Xapian::doccount least = 0;
	for (size_t i = 0; i < parts.size(); i++)
		if (!have || parts[i].size() < least) {
			have = true;
			best = i;
			least = (Xapian::doccount)parts[i].size();
		}
	for (size_t i = 0; i < terms.size(); i++) {
		Xapian::doccount tf = db.get_termfreq(terms[i]);
		if (!have || tf < least) {
			have = true;
			best = i;
			best_is_term = true;
			least = tf;
		}
	}
	out.clear();
	if (best_is_term)
		read_term(db, terms[best], out);
	else
		out.swap(parts[best]);
	for (size_t i = 0; i < parts.size() && !out.empty(); i++) {
		if (!best_is_term && i == best)
			continue;
		id_list both;
		std::set_intersection(out.begin(), out.end(), parts[i].begin(),
		                      parts[i].end(), std::back_inserter(both));
		out.swap(both);
	}
	for (size_t i = 0; i < terms.size() && !out.empty(); i++)
		if (!best_is_term || i != best)
			sieve_term(db, terms[i], true, out);
	return true;
}

/* out = what the first subquery of q matches and none of the others does
 * (OP_AND_NOT). Returns false as eval() does. */
bool
eval_and_not(const Xapian::Database &db, const Xapian::Query &q,
             id_list &out)
{
	size_t n = q.get_num_subqueries();

	if (!eval(db, q.get_subquery(0), out))
		return false;
	for (size_t i = 1; i < n && !out.empty(); i++) {
		Xapian::Query s = q.get_subquery(i);
		if (s.get_type() == Xapian::Query::LEAF_TERM) {
			sieve_term(db, leaf_term(s), false, out);
			continue;
		}
		id_list not_these, rest;
		if (!eval(db, s, not_these))
			return false;
		std::set_difference(out.begin(), out.end(), not_these.begin(),
		                    not_these.end(), std::back_inserter(rest));
		out.swap(rest);
	}
	return true;
}

/* Sets out to the documents q matches on db, ascending, each once.
 * Returns false, out undefined, when q holds an operator not evaluated
 * here. Throws what Xapian throws. */
bool
eval(const Xapian::Database &db, const Xapian::Query &q, id_list &out)
{
	out.clear();
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		read_term(db, leaf_term(q), out);
		return true;
	case Xapian::Query::LEAF_MATCH_ALL:
		read_term(db, std::string(), out); /* every document */
		return true;
	case Xapian::Query::LEAF_MATCH_NOTHING:
		return true;
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		return eval_or(db, q, out);
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER:
		return eval_and(db, q, out);
	case Xapian::Query::OP_AND_NOT:
		return eval_and_not(db, q, out);
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SCALE_WEIGHT:
		/* match as their first subquery; the rest only weighs */
		return eval(db, q.get_subquery(0), out);
	default:
		return false;
	}
}

} /* namespace */

bool
match_ids(const Xapian::Database &db, const Xapian::Query &q,
          std::vector<Xapian::docid> &ids)
{
	return eval(db, q, ids);
}

} /* namespace hri */
