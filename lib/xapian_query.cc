/* xapian_query.cc - searching in the Xapian shim: the query parser with the
 * prefixes of the field table, filters, the orders of the hits, shards that
 * stop answering, the hits and the "did you mean" suggestion. */
#include "xapian_private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <algorithm>

namespace hri {

const unsigned query_flags = Xapian::QueryParser::FLAG_PHRASE |
                             Xapian::QueryParser::FLAG_BOOLEAN |
                             Xapian::QueryParser::FLAG_LOVEHATE |
                             Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT;

/* The ranking, chosen on the judged queries of bench/judged.tsv with 20 of
 * them held out (bench/RANKING.md says what each choice gave).
 *
 * Xapian's BM25+ with delta 0, which is BM25 with the idf log((N + 1) /
 * n). b = 1, full length normalisation, since a UPR report's dialogue
 * paragraphs are long and name every topic once, and with Xapian's b =
 * 0.5 they outranked the recommendations that are about the topic (b 0.5
 * -> 1: +0.2 nDCG@10; b 0.85 ranks the recommendations among themselves a
 * little better, 0.968, but costs 0.04 over all segments). min_normlen 0:
 * no floor on the normalised length (0.5, Xapian's default, cost 0.025
 * over all segments). k1 = 1.2 as usual: 0.8 to 2 moved nDCG@10 by under
 * 0.01. Xapian's BM25Weight, the same with another idf, measured the
 * same (0.894, 0.962) but put "Voluntary Fund for Technical Cooperation"
 * (tests/queries.tsv) out of its first 6. BM25+'s lower bound (Lv and
 * Zhai) delta 1 gained 0.003 on the segments of the first UPR parser; on
 * those of the parser of every UPR layout it let a long paragraph that
 * names each query word once outrank the recommendations about the topic
 * (delta 1 -> 0: nDCG@10 within recommendations 0.960 -> 0.962, over all
 * segments 0.886 -> 0.895, recall@100 0.327 -> 0.339; 0.5: 0.961, 0.890). */
const double bm25_k1 = 1.2, bm25_b = 1.0, bm25_min_normlen = 0.0,
             bm25_delta = 0.0;

/* Words that say nothing of a topic, left out of a query unless quoted or
 * alone: "right to health" wants segments with "right" and "health", and
 * with any word enough (setup_parser()) a segment with "to" alone would
 * match. */
const char *const stop_words[] = {
	"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
	"into", "is", "it", "its", "of", "on", "or", "that", "the", "their",
	"this", "to", "with", NULL};

/* The query parser's side of a boolean prefix: a filter value as the
 * index holds it (filter_term(): an older label name or another name of
 * the field's table becomes the canonical one). */
class fold_processor : public Xapian::FieldProcessor {
	const field &f;

public:
	explicit fold_processor(const field &fl) : f(fl) {}
	Xapian::Query operator()(const std::string &str) override
	{
		return Xapian::Query(filter_term(f, str));
	}
};

void
match_all(const Xapian::Database &db, const Xapian::Query &q,
          Xapian::MatchSpy &spy)
{
	Xapian::Enquire all(db);

	all.set_query(q);
	all.set_weighting_scheme(Xapian::BoolWeight());
	all.add_matchspy(&spy);
	all.get_mset(0, 0, db.get_doccount());
	all.clear_matchspies();
}

void
add_stop_words(Xapian::QueryParser &qp)
{
	Xapian::SimpleStopper *stop = new Xapian::SimpleStopper();

	for (const char *const *w = stop_words; *w; w++)
		stop->add(*w);
	qp.set_stopper(stop->release());
}

/* The marker title_marks() puts in the place of the n-th title: value:
 * "hrititle" and n, one word the query parser hands a FieldProcessor as it
 * is (lower case). */
static const char title_mark[] = "hrititle";

/* Returns q with a space put before the closing quote of each phrase that
 * follows no prefix ("standing invitation" -> "standing invitation "):
 * Xapian 1.4's STEM_SOME leaves a word followed by '"' unstemmed, so the
 * last word of every phrase would match only as typed, and "standing
 * invitation" would miss "standing invitations". A prefix's quoted value
 * (country:"Costa Rica", a boolean term taken whole) is left as it is. */
static std::string
phrase_ends(const std::string &q)
{
	std::string out;
	bool quoted = false, prefixed = false;

	out.reserve(q.size() + 8);
	for (size_t i = 0; i < q.size(); i++) {
		if (q[i] == '"') {
			if (!quoted)
				prefixed = i > 0 && q[i - 1] == ':';
			else if (!prefixed && i > 0 && !isspace((unsigned char)q[i - 1]))
				out += ' ';
			quoted = !quoted;
		}
		out += q[i];
	}
	return out;
}

/* title: on a search: the words of the document title or of the segment's
 * section heading. The title's words are on each document's first segment
 * only (indexer.c), so a title: part is answered in two steps: the
 * documents whose title matches are found by their first segments, and the
 * part becomes a filter on their symbols (XSYM) with weight 0, as the
 * title's words had (the title weighs nothing in ranking), ORed with the
 * heading's words of the segment itself (XHEAD, weight 0 too). A database
 * indexed with the title on every segment answers the same. The first step
 * is an ordinary match, so it runs on shard sets and on remote shards as
 * the search does. */
class title_processor : public Xapian::FieldProcessor {
	Xapian::Database db;
	/* the filter of each title query seen, by its description: the
	 * stemmed and the exact parse often ask the same */
	std::map<std::string, Xapian::Query> seen;

	/* Returns value ("word", "phrase words", wild*) parsed as title:value
	 * with the title: prefix standing for prefix alone. */
	Xapian::Query under(const char *prefix, const std::string &value)
	{
		Xapian::QueryParser sub;
		sub.set_database(db);
		sub.set_stemmer(Xapian::Stem("en"));
		sub.set_stemming_strategy(strategy);
		sub.set_default_op(Xapian::Query::OP_OR);
		add_stop_words(sub);
		sub.add_prefix("title", prefix);
		return sub.parse_query("title:" + (strategy == Xapian::QueryParser::STEM_NONE
		                                       ? value
		                                       : phrase_ends(value)),
		                       query_flags);
	}

	/* Returns the filter on the symbols of the segments q matches, with
	 * weight 0. */
	Xapian::Query documents(const Xapian::Query &q)
	{
		std::string key = q.get_description();
		auto it = seen.find(key);
		if (it != seen.end())
			return it->second;
		std::vector<Xapian::Query> syms;
		if (!q.empty()) {
			Xapian::ValueCountMatchSpy spy(SLOT_SYMBOL);
			match_all(db, q, spy);
			const char *prefix = field_find("symbol")->prefix;
			for (Xapian::TermIterator v = spy.values_begin();
			     v != spy.values_end(); ++v)
				syms.push_back(Xapian::Query(prefix + fold(*v)));
		}
		/* Weight 0 without a scale: a boolean term's wdf is 0, so BM25+
		 * gives it none. One synonym for each word of q: a hit's percent
		 * counts the query's words it matches, as it counted the title's
		 * own words on every segment. No title matches: q itself, which
		 * matches nothing and counts its words in the percent as they
		 * counted. */
		if (syms.empty()) {
			seen[key] = q;
			return q;
		}
		Xapian::Query one(Xapian::Query::OP_SYNONYM, syms.begin(),
		                  syms.end());
		size_t words = 0;
		for (Xapian::TermIterator t = q.get_terms_begin();
		     t != q.get_terms_end(); ++t)
			words++;
		/* a wildcard's words did not count: a scale of 0 does not */
		std::vector<Xapian::Query> all(words, one);
		Xapian::Query f = words ? Xapian::Query(Xapian::Query::OP_AND,
		                                        all.begin(), all.end())
		                        : Xapian::Query(
		                              Xapian::Query::OP_SCALE_WEIGHT, one,
		                              0.0);
		seen[key] = f;
		return f;
	}

public:
	explicit title_processor(const Xapian::Database &d) : db(d) {}

	std::vector<std::string> values; /* the title: values, by marker */
	/* the stemming of the parse under way (parse() runs two) */
	Xapian::QueryParser::stem_strategy strategy =
	    Xapian::QueryParser::STEM_SOME_FULL_POS;

	Xapian::Query operator()(const std::string &str) override
	{
		std::string value = str;
		const size_t n = sizeof title_mark - 1;
		if (str.compare(0, n, title_mark) == 0 && str.size() > n &&
		    str.find_first_not_of("0123456789", n) == std::string::npos) {
			unsigned long k = strtoul(str.c_str() + n, NULL, 10);
			if (k < values.size())
				value = values[k];
		}
		Xapian::Query head = under(field_find("section_title")->prefix,
		                           value);
		Xapian::Query docs = documents(under(field_find("title")->prefix,
		                                     value));
		return head.empty() ? docs
		                    : Xapian::Query(Xapian::Query::OP_OR, head, docs);
	}
};

/* Returns whether w is one of the stop words, in any case. */
static bool
is_stop_word(const std::string &w)
{
	for (const char *const *s = stop_words; *s; s++)
		if (strcasecmp(w.c_str(), *s) == 0)
			return true;
	return false;
}

/* Returns q with each title:VALUE outside quotes (VALUE a word, a
 * wildcard or a "quoted phrase") made title:MARKER, VALUE appended to
 * values: the query parser hands a FieldProcessor of a free-text prefix a
 * plain word only. title:(a b) is left alone: its words reach the
 * processor one by one. */
static std::string
title_marks(const std::string &q, std::vector<std::string> &values)
{
	static const char pre[] = "title:";
	const size_t np = sizeof pre - 1, n = q.size();
	std::string out;
	bool quoted = false;
	size_t i = 0;

	while (i < n) {
		bool start = i == 0 || isspace((unsigned char)q[i - 1]) ||
		             strchr("(+-", q[i - 1]);
		if (q[i] == '"') {
			quoted = !quoted;
		} else if (!quoted && start && q.compare(i, np, pre) == 0 &&
		           i + np < n && !isspace((unsigned char)q[i + np]) &&
		           q[i + np] != '(') {
			size_t b = i + np, e;
			if (q[b] == '"') {
				e = q.find('"', b + 1);
				e = e == std::string::npos ? n : e + 1;
			} else {
				for (e = b; e < n && !isspace((unsigned char)q[e]) &&
				            q[e] != ')'; e++)
					;
			}
			std::string v = q.substr(b, e - b);
			/* a stop word as it is: the parser leaves it out beside
			 * other words, as before */
			if (!is_stop_word(v)) {
				out += pre;
				out += title_mark + std::to_string(values.size());
				values.push_back(v);
				i = e;
				continue;
			}
		}
		out += q[i++];
	}
	return out;
}

void
setup_parser(Xapian::QueryParser &qp, Xapian::Database &db,
             Xapian::FieldProcessor *title)
{
	qp.set_database(db);
	qp.set_stemmer(Xapian::Stem("en"));
	/* Stems in phrases too: the index has the stems' positions. */
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME_FULL_POS);
	/* Any word is enough, the segments with more of the words and the
	 * rarer ones first by BM25+. Xapian's default AND lost the relevant
	 * segments that lack one word ("fight corruption" did not find
	 * "combat corruption": recall@100 0.22 against 0.78 for FTS5's bm25
	 * with OR). Ranking the segments with every word first, then the
	 * others (OR of the AND query scaled by 1000 and the OR query) kept
	 * no better top: nDCG@10 0.848 against 0.851 and recall@100 0.318
	 * against 0.332, as a length-normalised BM25+ already puts the
	 * segments with every word first where they are about the topic
	 * (bench/RANKING.md). Explicit AND, +word, phrases and filters
	 * still require. */
	qp.set_default_op(Xapian::Query::OP_OR);
	/* year:2013..2016 and date:2013-01-01..2014-06-30 */
	qp.add_rangeprocessor((new Xapian::NumberRangeProcessor(
	                           SLOT_YEAR, "year:"))->release());
	qp.add_rangeprocessor((new Xapian::RangeProcessor(
	                           SLOT_DATE, "date:"))->release());
	/* title: the document title and the section heading. */
	if (title)
		qp.add_prefix("title", title->release());
	else
		qp.add_prefix("title", field_find("section_title")->prefix);
	for (size_t i = 0; i < nfields; i++) {
		const field &f = fields[i];
		if (!f.query || (title && !strcmp(f.query, "title")))
			continue;
		if (f.kind == FREE)
			qp.add_prefix(f.query, f.prefix);
		else
			qp.add_boolean_prefix(f.query,
			                      (new fold_processor(f))->release(),
			                      !f.multi);
	}
}

/* Returns corrected with every word the database already holds put back as
 * the user typed it, or "" when nothing is left corrected: Xapian 1.4 offers
 * a more frequent neighbour even for a word it has ("optional" ->
 * "national"), which is no correction. */
static std::string
keep_known_words(Xapian::Database &db, const std::string &query,
                 const std::string &corrected)
{
	std::vector<std::string> a, b;
	std::string out, w;
	bool changed = false;

	if (corrected.empty())
		return "";
	for (const std::string *s : {&query, &corrected}) {
		std::vector<std::string> &v = s == &query ? a : b;
		size_t p = 0;
		while (p <= s->size()) {
			size_t e = s->find(' ', p);
			if (e == std::string::npos)
				e = s->size();
			v.push_back(s->substr(p, e - p));
			p = e + 1;
		}
	}
	if (a.size() != b.size())
		return corrected;
	for (size_t i = 0; i < a.size(); i++) {
		w = a[i];
		if (a[i] != b[i]) {
			std::string low;
			for (char c : a[i])
				low += (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
			if (!db.term_exists(low)) {
				w = b[i];
				changed = true;
			}
		}
		out += (i ? " " : "") + w;
	}
	return changed ? out : "";
}

/* Parses query with the stop words left out and the abbreviations of
 * data/synonyms.tsv expanded; title is qp's processor of title:. */
static Xapian::Query
parse(Xapian::QueryParser &qp, title_processor &title, const char *query)
{
	std::string q = title_marks(expand_synonyms(query), title.values);

	add_stop_words(qp);
	title.strategy = Xapian::QueryParser::STEM_SOME_FULL_POS;
	Xapian::Query stemmed = qp.parse_query(phrase_ends(q), query_flags);
	/* The stems match the inflected forms ("standing invitation" finds
	 * "standing invitations", "right" finds "rights"); the words as typed
	 * add their own weight where the segment has them, so the form the
	 * user wrote ranks first: "right to education" puts the right to
	 * education above "human rights education", "right to development" its
	 * paragraphs in the first 8 rather than 27 (nDCG@10 over all segments
	 * 0.895 -> 0.913, within recommendations 0.962 -> 0.967: the
	 * exact-form bonus counted once; twice gave 0.911 and 0.968, see
	 * bench/RANKING.md). AND_MAYBE, not OR: the exact words only weigh,
	 * so "torture -prisons" still leaves out the segments with "prison".
	 * They are also what the snippet marks in a phrase (MSet::snippet()
	 * marks a phrase only in its exact words). */
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
	title.strategy = Xapian::QueryParser::STEM_NONE;
	Xapian::Query exact = qp.parse_query(q, query_flags);
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME_FULL_POS);
	return Xapian::Query(Xapian::Query::OP_AND_MAYBE, stemmed, exact);
}

/* ANDs the filters of opts with q. Returns HRI_ERR_INVALID, the message on
 * db, for a field that is not a boolean field of the table. */
static hri_status
add_filters(hri_db *db, const hri_query_opts *opts, Xapian::Query &q)
{
	for (size_t i = 0; i < opts->nfilters; i++) {
		const hri_filter &fl = opts->filters[i];
		std::string term;
		if (strcmp(fl.field, "id") == 0) {
			/* The unique id, exactly as indexed. */
			term = id_prefix + std::string(fl.value);
		} else {
			const field *f = field_find(fl.field);
			if (!f || f->kind != BOOL) {
				msg_printf(db->err, sizeof db->err, "unknown field: %s",
				           fl.field);
				return HRI_ERR_INVALID;
			}
			term = filter_term(*f, fl.value);
		}
		q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(term));
	}
	return HRI_OK;
}

/* Adds the facets of opts to fc. Returns HRI_ERR_INVALID, the message on
 * db, for a field that is not a facet. */
static hri_status
add_facets(hri_db *db, const hri_query_opts *opts, facet_count &fc)
{
	for (size_t i = 0; i < opts->nfacets; i++) {
		const field *f = field_find(opts->facets[i]);
		if (!f || f->facet_slot < 0) {
			msg_printf(db->err, sizeof db->err, "not a facet field: %s",
			           opts->facets[i]);
			return HRI_ERR_INVALID;
		}
		fc.add((Xapian::valueno)f->facet_slot);
	}
	return HRI_OK;
}

/* Sets the order of the hits (enum hri_sort) on enq, which searches d. */
static void
set_order(Xapian::Enquire &enq, const Xapian::Database &d, int sort)
{
	/* Databases indexed before SLOT_DOCKEY existed sort with a KeyMaker,
	 * which remote shards cannot run. */
	bool keyed = d.get_value_freq(SLOT_DOCKEY) > 0;

	if (keyed && sort == HRI_SORT_DATE) {
		enq.set_sort_by_value_then_relevance(SLOT_DATEKEY, false);
	} else if (keyed && sort == HRI_SORT_DOC) {
		enq.set_sort_by_value_then_relevance(SLOT_DOCKEY, false);
	} else if (keyed) {
		/* Equal weights in document order, not in the order of document
		 * ids, which differ between one database and shards. */
		enq.set_sort_by_relevance_then_value(SLOT_DOCKEY, false);
	} else if (sort == HRI_SORT_DATE || sort == HRI_SORT_DOC) {
		Xapian::MultiValueKeyMaker *km = new Xapian::MultiValueKeyMaker();
		if (sort == HRI_SORT_DATE)
			km->add_value(SLOT_DATE, true);
		km->add_value(SLOT_SYMBOL);
		km->add_value(SLOT_ORD);
		enq.set_sort_by_key_then_relevance(km->release(), false);
	}
}

/* Copies the stored data of the page of hits into h->data. Throws
 * Xapian::NetworkError for a remote shard that lost its connection. */
static void
fetch_data(const hri_db *db, hri_hits *h)
{
	for (Xapian::MSetIterator it = h->mset.begin(); it != h->mset.end();
	     ++it) {
		h->data.push_back(it.get_document().get_data());
		/* A remote shard whose connection went between the match and
		 * the fetch of its documents gives empty data, without an error:
		 * made the network failure it is. Every segment hri indexes has
		 * data. */
		const shard *s = db->shards.empty()
		                     ? NULL
		                     : &db->shards[(*it - 1) % db->shards.size()];
		if (h->data.back().empty() && s && s->remote)
			throw Xapian::NetworkError("lost the connection",
			                           "remote:tcp(" + s->name + ")");
	}
}

/* Runs query with opts on db into the new *out (left NULL on failure).
 * Returns HRI_ERR_INVALID for a field the table does not have; throws what
 * Xapian throws. */
static hri_status
search(hri_db *db, const char *query, const hri_query_opts *opts,
       std::unique_ptr<hri_hits> &out)
{
	std::unique_ptr<hri_hits> h(new hri_hits());
	Xapian::QueryParser qp;

	if (db->snippet_stem.is_none())
		db->snippet_stem = memo_stemmer();
	h->stem = db->snippet_stem;
	Xapian::Query q = Xapian::Query::MatchAll;
	/* One local database: a Document of a set of several gives the docid
	 * within its shard, which is no place in the value streams of the
	 * set. */
	facet_count fc(db->shards.size() <= 1 &&
	               std::none_of(db->shards.begin(), db->shards.end(),
	                            [](const shard &s) { return s.remote; }));
	hri_status st;
	/* owned by qp once setup_parser() gives it */
	title_processor *title = new title_processor(*db->rd);

	setup_parser(qp, *db->rd, title);
	if (query && *query) {
		/* The spelling correction waits for hri_hits_suggestion(): its
		 * lookups in the spelling table are wasted on the queries that
		 * find something. */
		q = parse(qp, *title, query);
		h->query = query;
	}
	st = add_filters(db, opts, q);
	if (st)
		return st;
	st = add_facets(db, opts, fc);
	if (st)
		return st;
	h->db = *db->rd;
	h->enq.reset(new Xapian::Enquire(*db->rd));
	h->enq->set_query(q);
	h->enq->set_weighting_scheme(Xapian::BM25PlusWeight(
	    bm25_k1, 0, 1, bm25_b, bm25_min_normlen, bm25_delta));
	set_order(*h->enq, *db->rd, opts->sort);
	if (fc.own_pass() && fc.is_local()) {
		/* The counts visit every match in a pass of their own; the
		 * hits' pass may then skip what cannot rank. */
		h->matches = fc.gather(*db->rd, q);
		h->mset = h->enq->get_mset(opts->offset, opts->limit);
	} else {
		fc.attach(*h->enq);
		if (fc.own_pass()) {
			h->enq->get_mset(0, 0, db->rd->get_doccount());
			h->enq->clear_matchspies();
		}
		h->mset = h->enq->get_mset(opts->offset, opts->limit,
		                           fc.empty() ? 0 : db->rd->get_doccount());
		h->matches = h->mset.get_matches_estimated();
		h->enq->clear_matchspies();
	}
	fetch_data(db, h.get());
	fc.count(db, h->facets);
	out = std::move(h);
	return HRI_OK;
}

/* With partial, leaves out the remote shard name, whose failure stopped a
 * query, so the query can run again on the others; returns whether it did.
 * Not when name is no shard of db, or it is the last one. The other remote
 * shards get new connections: a query stopped midway may have left their
 * answers unread on the old ones. One that cannot be reached is left out
 * too. */
static bool
drop_shard(hri_db *db, const char *name)
{
	size_t i;

	if (!db->partial || !*name || db->shards.size() < 2)
		return false;
	for (i = 0; i < db->shards.size(); i++)
		if (db->shards[i].name == name)
			break;
	if (i == db->shards.size())
		return false;
	db->missing.push_back(name);
	db->shards.erase(db->shards.begin() + (long)i);
	for (i = 0; i < db->shards.size();) {
		shard &s = db->shards[i];
		if (!s.remote || !s.connect) {
			i++;
			continue;
		}
		try {
			s.db = s.connect();
			i++;
		} catch (const Xapian::NetworkError &) {
			db->missing.push_back(s.name);
			db->shards.erase(db->shards.begin() + (long)i);
		}
	}
	if (db->shards.empty())
		return false;
	combine(db);
	return true;
}

/* Names in lost the remote shard whose connection is gone, when Xapian's
 * error did not say (a connection closed between two messages carries no
 * context): asks each remote shard for a keep-alive and takes the first
 * that fails, and puts its name in db->err's "remote shard ?: reason".
 * Leaves lost empty when every shard answers. */
static void
find_lost(hri_db *db, char *lost, size_t lostsz)
{
	static const char unnamed[] = "remote shard ?: ";
	char why[err_max];

	for (shard &s : db->shards) {
		if (!s.remote)
			continue;
		try {
			s.db.keep_alive();
		} catch (const Xapian::NetworkError &) {
			msg_printf(lost, lostsz, "%s", s.name.c_str());
			if (strncmp(db->err, unnamed, sizeof unnamed - 1) == 0) {
				msg_printf(why, sizeof why, "%s",
				           db->err + sizeof unnamed - 1);
				msg_printf(db->err, sizeof db->err,
				           "remote shard %s: %s", lost, why);
			}
			return;
		}
	}
}

hri_status
partial_run(hri_db *db, const std::function<hri_status()> &step)
{
	char lost[err_max]; /* the remote shard that stopped step */
	hri_status st;

	for (;;) {
		try {
			return step();
		} catch (const Xapian::NetworkError &e) {
			remote_name(e, lost, sizeof lost);
			st = caught(db->err, sizeof db->err, NULL);
		}
		HRI_CATCH(db->err, sizeof db->err, NULL)
		/* Out of the handler, since leaving the shard out allocates. */
		try {
			if (!*lost)
				find_lost(db, lost, sizeof lost);
			if (!drop_shard(db, lost))
				return st;
		}
		HRI_CATCH(db->err, sizeof db->err, NULL)
	}
}

} /* namespace hri */

using namespace hri;

extern "C" {

hri_status
hri_db_query(hri_db *db, const char *query, const hri_query_opts *opts,
             hri_hits **out)
{
	static const hri_query_opts dflt = {0, 10, HRI_SORT_RELEVANCE, NULL, 0,
	                                    NULL, 0};

	*out = NULL;
	return partial_run(db, [&] {
		std::unique_ptr<hri_hits> h;
		hri_status st = search(db, query, opts ? opts : &dflt, h);
		*out = h.release();
		return st;
	});
}

void
hri_hits_free(hri_hits *hits)
{
	delete hits;
}

size_t
hri_hits_count(const hri_hits *hits)
{
	return hits->data.size();
}

unsigned long
hri_hits_matches(const hri_hits *hits)
{
	return hits->matches;
}

const char *
hri_hits_data(const hri_hits *hits, size_t i, size_t *len)
{
	if (i >= hits->data.size())
		return NULL;
	if (len)
		*len = hits->data[i].size();
	return hits->data[i].c_str();
}

int
hri_hits_percent(const hri_hits *hits, size_t i)
{
	try {
		if (i >= hits->data.size())
			return 0;
		return hits->mset[(Xapian::doccount)i].get_percent();
	} catch (...) {
		return 0;
	}
}

double
hri_hits_weight(const hri_hits *hits, size_t i)
{
	try {
		if (i >= hits->data.size())
			return 0;
		return hits->mset[(Xapian::doccount)i].get_weight();
	} catch (...) {
		return 0;
	}
}

const char *
hri_hits_suggestion(const hri_hits *hits)
{
	if (!hits->suggested && !hits->query.empty()) {
		hits->suggested = true;
		try {
			Xapian::QueryParser qp;
			setup_parser(qp, hits->db);
			qp.parse_query(hits->query, query_flags |
			               Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
			hits->suggestion = keep_known_words(
			    hits->db, hits->query, qp.get_corrected_query_string());
		} catch (...) {
			/* No suggestion is no loss: the hits stand. */
			hits->suggestion.clear();
		}
	}
	return hits->suggestion.empty() ? NULL : hits->suggestion.c_str();
}

size_t
hri_hits_facet_size(const hri_hits *hits, size_t f)
{
	return f < hits->facets.size() ? hits->facets[f].size() : 0;
}

hri_status
hri_hits_facet_get(const hri_hits *hits, size_t f, size_t j,
                   const char **value, unsigned long *count)
{
	if (f >= hits->facets.size() || j >= hits->facets[f].size())
		return HRI_ERR_NOT_FOUND;
	*value = hits->facets[f][j].first.c_str();
	*count = hits->facets[f][j].second;
	return HRI_OK;
}

size_t
hri_hits_facet_len(const hri_hits *hits, size_t f, size_t j)
{
	if (f >= hits->facets.size() || j >= hits->facets[f].size())
		return 0;
	return hits->facets[f][j].first.size();
}

} /* extern "C" */
