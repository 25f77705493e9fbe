/* xapian_private.h - what the files of the Xapian shim share: the handles
 * behind the opaque types of xapian.h, the field table, and the one way a
 * C++ exception becomes an hri_status. C++ only; C sees xapian.h.
 *
 * The shim is C++ because Xapian is; it is cut by concern, as notmuch's is:
 *   xapian_fields.cc    the field table: term prefixes, value slots, folding
 *   xapian_alias.cc     the query's aliases of filter values and synonyms,
 *                       from the tables in data/
 *   xapian_error.cc     exceptions to statuses and messages (caught())
 *   xapian_open.cc      opening: a writable database, shard sets, stub files,
 *                       remote shards; closing, statistics
 *   xapian_write.cc     transactions, replacing and deleting segments,
 *                       compaction and merging
 *   xapian_document.cc  building a segment's Xapian document (hri_xdoc)
 *   xapian_query.cc     the query parser, running a query, the hits
 *   xapian_explain.cc   why a query finds nothing: unknown prefixes,
 *                       values and words the index lacks, what is near
 *   xapian_facets.cc    counting facet values, and their per-handle caches
 *   xapian_matches.cc   the documents a query matches, from the posting
 *                       lists, for the counts
 *   xapian_snippet.cc   highlighted passages of a hit
 *   xapian_metadata.cc  user metadata, one segment read or changed in place
 *
 * Every extern "C" entry point catches everything (HRI_CATCH), so no
 * exception reaches C. A catch handler only records: it allocates nothing
 * and cannot throw, so nothing escapes it either. */
#ifndef HRI_XAPIAN_PRIVATE_H
#define HRI_XAPIAN_PRIVATE_H

#ifndef __cplusplus
#error "xapian_private.h is C++: C code includes xapian.h"
#endif

#include "xapian.h"

#include <functional>
#include <stddef.h>
#include <stdint.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

/* Xapian's umbrella header, reached through its own directory: a plain
 * <xapian.h> would find this shim's header first on the include path (-Ilib),
 * and lib/ has no xapian/ directory to go up from. */
#include <xapian/../xapian.h>

namespace hri {

/* ---- the field table (xapian_fields.cc) ---- */

/* Value slots that are not facets. */
enum {
	SLOT_DATE = 0,  /* ISO date of the document, sorts as text */
	SLOT_YEAR = 1,  /* year, sortable_serialise()d, for year:A..B */
	SLOT_PARA = 2,  /* paragraph number, sortable_serialise()d */
	SLOT_ORD = 3,   /* place of the segment in its document, likewise */
	SLOT_DOCKEY = 4, /* symbol, NUL, SLOT_ORD: document order in one slot,
	                    since a remote shard sorts by a slot, not a
	                    KeyMaker; also breaks ties of relevance the same
	                    way in one database and across shards */
	SLOT_DATEKEY = 5, /* date with every byte inverted, 0xff, SLOT_DOCKEY:
	                     newest first, then document order */
	SLOT_SYMBOL = 10 /* the symbol as written: the symbol field's facet
	                    slot, also the first key of document order */
};

enum field_kind { FREE, BOOL };

/* One field a segment is indexed under. */
struct field {
	const char *name;   /* the record's name, used by the C side */
	const char *query;  /* the query parser's prefix name, or NULL */
	const char *prefix; /* the Xapian term prefix */
	field_kind kind;    /* free text (stemmed words) or boolean (one term) */
	int facet_slot;     /* value slot listing the values for facets, or -1 */
	bool multi;         /* a segment may have several values: two filters
	                       on the field are ANDed, else ORed */
	const char *aliases; /* the table in data/ whose other names a filter
	                        on the field accepts (xapian_alias.cc), or
	                        NULL */
};

extern const field fields[]; /* the table, nfields entries */
extern const size_t nfields;

/* Prefix of the unique id term of a segment (exact, not folded). */
extern const char id_prefix[];

/* Longest folded value put in a term: Xapian refuses terms over 245 bytes. */
const size_t value_max = 200;

/* Returns the entry of the field table named name, or NULL. */
const field *field_find(const char *name);

/* Folds a boolean value: lower case, white space runs made one space,
 * trimmed, cut at value_max bytes on a character boundary. Throws
 * std::bad_alloc. */
std::string fold(const std::string &in);
/* fold() of the n bytes at in, appended to out (the cap counts from where
 * it starts): a term built in place, with no string of its own. Throws
 * std::bad_alloc. */
void fold_append(const char *in, size_t n, std::string &out);

/* Returns the term of a boolean filter on field f for value: the label an
 * older name became (theme:"Acceptance of international norms" is the theme
 * "Ratification of & accession to international instruments"; the old theme
 * "LGBTI" is the affected group now), a State's UN short name for any form
 * of it in country, recommending and review ("USA", lib/states.c), the
 * canonical name when value is another name of f's alias table
 * (org:OHCHR), else the value, folded. Throws std::bad_alloc. */
std::string filter_term(const field &f, const std::string &value);

/* ---- aliases and synonyms (xapian_alias.cc) ---- */

/* Returns the canonical folded value that folded, a folded filter value,
 * names in the alias table of f ("usa" -> "united states of america"), or
 * folded itself when it is canonical, unknown or f has no table. Throws
 * std::bad_alloc. */
std::string alias_of(const field &f, const std::string &folded);

/* Returns query with every word or run of words that is an abbreviation
 * of a line of data/synonyms.tsv (outside quotes and field prefixes)
 * replaced by the line's group "(FGM OR \"female genital mutilation\")";
 * query itself when none is. Throws std::bad_alloc. */
std::string expand_synonyms(const std::string &query);

/* ---- errors (xapian_error.cc) ---- */

/* Bytes of the message kept on a handle, with its NUL. */
const size_t err_max = 1024;

/* Returns the status of the exception being handled and writes its message
 * into msg (msgsz bytes, truncated; msg may be NULL). subject, when not
 * NULL, is the database path the call was opening, named in the message
 * the way hri-index and hri-query report an open ("no database at PATH").
 * Call only from inside a catch handler: it formats into msg without
 * allocating and throws nothing. */
hri_status caught(char *msg, size_t msgsz, const char *subject) noexcept;

/* The end of every entry point that returns a status: whatever was thrown
 * becomes a status, its message written into msg (msgsz bytes). */
#define HRI_CATCH(msg, msgsz, subject)                                       \
	catch (...) {                                                            \
		return hri::caught(msg, msgsz, subject);                             \
	}

/* Writes into out (outsz bytes) the shard a remote failure names: HOST:PORT
 * from Xapian's context "remote:tcp(HOST:PORT)", the program from
 * "remote:prog(...)", or "" when the context names none. */
void remote_name(const Xapian::Error &e, char *out, size_t outsz) noexcept;

/* Writes into out (outsz bytes) "remote shard NAME: reason", the reason in
 * lower case as a message goes on ("connection refused", "timed out...");
 * NAME is name, or when NULL or "" the shard e names. */
void network_msg(const Xapian::Error &e, const char *name, char *out,
                 size_t outsz) noexcept;

/* Writes a printf-style message into out (outsz bytes, truncated). */
void msg_printf(char *out, size_t outsz, const char *fmt, ...) noexcept
	__attribute__((format(printf, 3, 4)));

/* ---- facet caches (xapian_facets.cc) ---- */

/* The facet values of one slot of a read-only database, by document id: a
 * handle that counts a slot a second time (hri-query --batch, hri-serve)
 * reads its value stream once into this, and then counts any set of
 * matches with one array lookup a match instead of a pass over the stream
 * (the stream is 200,000 values long at 200,000 segments, a few ms). */
struct slot_cache {
	std::vector<uint32_t> of;      /* per docid: 1 + index in vals, 0 none */
	std::vector<std::string> vals; /* the distinct non-empty whole values */
	/* Each whole value split once into its lines, so that a query adds
	 * counts by number instead of splitting strings into a map: lines are
	 * the distinct lines in byte order, and the lines of vals[k] are
	 * lines[line_of[j]] for first[k] <= j < first[k + 1]. */
	std::vector<std::string> lines;
	std::vector<uint32_t> line_of;
	std::vector<uint32_t> first;
};

/* The 64-bit hashes of the segment ids a writer added: open addressing,
 * 8 bytes a slot (a set of strings took ten times that at two million
 * segments). Equal hashes of two ids only send the second through
 * replace_document(), which is always right. */
class id_set {
public:
	/* Adds the hash of id; returns false when it was there already (id,
	 * or another id of the same hash, was added before). Throws
	 * std::bad_alloc. */
	bool insert(const std::string &id);

private:
	bool put(uint64_t h);        /* with room for one more */
	std::vector<uint64_t> slots; /* 0: empty; a power of two long */
	size_t used = 0;
};

/* One facet's values with their counts, most frequent first. */
typedef std::vector<std::pair<std::string, unsigned long>> facet_values;

} /* namespace hri */

/* One database of a read-only set. */
struct shard {
	std::string name;           /* for messages: the path, or HOST:PORT */
	Xapian::Database db;
	bool remote;                /* served by xapian-tcpsrv or a program */
	/* opens a new connection to a remote shard, as the first was made */
	std::function<Xapian::Database()> connect;
};

/* An open database. Closing it (delete) cancels an open transaction. */
struct hri_db {
	std::unique_ptr<Xapian::Database> rd; /* the database, for reading (all
	                               shards combined when opened as a set) */
	Xapian::WritableDatabase *wr = NULL; /* rd itself when writable, else
	                               NULL */
	std::vector<shard> shards;  /* the shards of a set, else empty */
	std::vector<std::string> missing; /* names of shards left out */
	bool partial = false;       /* leave out a remote shard that fails */
	bool in_txn = false;        /* a transaction is open */
	/* Words of the texts indexed since the last commit and how often they
	 * occurred: handed to the spelling table once per word at commit,
	 * far cheaper than once per occurrence. With spell_from_cf, only the
	 * corrections to the words' collection frequencies (below). */
	std::unordered_map<std::string, long> spelling;
	/* The first transaction began on an empty database: every segment in
	 * it came through this handle, and one whose id is not in added is
	 * new, added without looking its id up (add_document, not
	 * replace_document). */
	bool fresh = false;
	hri::id_set added;
	/* This transaction began on an empty database: at commit each word
	 * gets its collection frequency (the sum of its wdf over the
	 * segments: what counting segment by segment adds up to) plus its
	 * entry in spelling, which counts back the words of segments removed
	 * since (they counted when added) and takes off those of segments
	 * added without spelling. One pass over the vocabulary instead of
	 * one over every segment's terms. */
	bool spell_from_cf = false;
	std::string path;           /* the database directory */
	char err[hri::err_max] = ""; /* message of the last failure */
	/* Facet slots of a read-only single database: how often each was
	 * counted, and the caches of those counted twice, valid for the
	 * revision cache_rev (reopen() may bring a newer one). */
	std::map<Xapian::valueno, unsigned> slot_uses;
	std::map<Xapian::valueno, hri::slot_cache> slot_caches;
	Xapian::rev cache_rev = 0;
	/* The stemmer of the snippets, which keeps its answers across the
	 * queries of this handle (hri::memo_stemmer); none until the first
	 * hits. */
	Xapian::Stem snippet_stem;

	explicit hri_db(const char *p) : path(p) {}
	~hri_db();
};

/* A segment being built. */
struct hri_xdoc {
	Xapian::Document doc;                /* the segment being built */
	Xapian::TermGenerator tg;            /* writes doc's words */
	hri_db *db;                          /* for spelling, or NULL */
	std::string id;                      /* unique id, exact */
	std::vector<std::string> facet_vals; /* per field, "\n"-joined */
	/* the facet terms (prefix + folded) of this doc so far, one after
	 * another, and where each ends: a value is listed once, and the
	 * buffers keep their memory from one segment to the next */
	std::string facet_seen;
	std::vector<size_t> facet_ends;
	std::string term;                    /* the term being built */

	/* Throws std::bad_alloc. */
	explicit hri_xdoc(hri_db *for_spelling);
};

/* The result of one query. */
struct hri_hits {
	std::unique_ptr<Xapian::Enquire> enq; /* kept: MSet::snippet() needs its
	                                    query */
	Xapian::MSet mset;               /* the page of hits */
	std::vector<std::string> data;   /* stored data of each hit */
	std::string query;               /* as given, for the suggestion */
	mutable Xapian::Database db;     /* searched, for the suggestion */
	mutable bool suggested = false;  /* suggestion worked out */
	mutable std::string suggestion;  /* corrected query, "" when none */
	unsigned long matches = 0;       /* matching segments (estimated) */
	std::vector<hri::facet_values> facets; /* per facet asked for */
	Xapian::Stem stem;               /* for snippets, as the index stems
	                                    (the db's snippet_stem) */
};

namespace hri {

/* ---- documents (xapian_document.cc) ---- */

/* Returns the English stemmer that stems each word once and keeps the
 * answer (the Snowball stemmer's own): for the TermGenerator of an
 * indexer, and for MSet::snippet(), which stems every word of every hit's
 * text. Throws std::bad_alloc. */
Xapian::Stem memo_stemmer();

/* ---- opening (xapian_open.cc) ---- */

/* Makes db->rd the combination of db->shards. Throws what Xapian throws. */
void combine(hri_db *db);

/* ---- writing (xapian_write.cc) ---- */

/* Returns true, with the message on db, when db was opened read-only. */
bool read_only(hri_db *db) noexcept;

/* ---- the query (xapian_query.cc) ---- */

/* Runs step, which returns a status or throws. With --partial (db->partial),
 * a remote shard whose failure stopped it is left out and step runs again
 * on the others, as long as some are left; otherwise the failure is
 * returned, its message on db. Every query and every reopen of a set go
 * through it, so a shard lost between two queries of a batch is left out
 * as one lost during a query is. */
hri_status partial_run(hri_db *db, const std::function<hri_status()> &step);

/* Sets up the query parser with every prefix of the field table; title:
 * with the processor title when not NULL (qp takes it: a search's, which
 * finds the documents by their title), else on the terms of titles and
 * headings themselves (the spelling suggestion and explain look at terms
 * only). */
void setup_parser(Xapian::QueryParser &qp, Xapian::Database &db,
                  Xapian::FieldProcessor *title = NULL);

/* Shows spy every document q matches on db, in docid order, with no
 * weights computed: the pass of facet counts and of title: lookups, which
 * need every match and no ranking. Throws what Xapian throws. */
void match_all(const Xapian::Database &db, const Xapian::Query &q,
               Xapian::MatchSpy &spy);

/* Sets ids to the documents q matches on db, one local database, in docid
 * order, read from the posting lists without the matcher (terms, AND, OR,
 * NOT and their like: xapian_matches.cc). Returns false, ids undefined,
 * for a query with another operator, which match_all() answers. Throws
 * what Xapian throws. */
bool match_ids(const Xapian::Database &db, const Xapian::Query &q,
               std::vector<Xapian::docid> &ids);

/* Sets the stop words of a query on qp. */
void add_stop_words(Xapian::QueryParser &qp);

/* The query syntax hri accepts. */
extern const unsigned query_flags;

/* The words a query leaves out unless quoted or alone, NULL-terminated. */
extern const char *const stop_words[];

/* ---- facets (xapian_facets.cc) ---- */

/* Keeps the document id of every match, for one local database: the facet
 * values are then read slot by slot from the value streams, far cheaper
 * than ValueCountMatchSpy's Document::get_value() per match and slot, which
 * looks the value chunk up afresh each time (half the time of a query with
 * three facets over 6,000 matches). */
class docid_spy : public Xapian::MatchSpy {
public:
	std::vector<Xapian::docid> ids; /* in the order the matcher gave */

	void operator()(const Xapian::Document &doc, double) override
	{
		ids.push_back(doc.get_docid());
	}
};

/* Counts the values of the facets of one query over all its matches:
 * add() each facet slot, attach() to the Enquire before get_mset(), then
 * count(). Throws what Xapian throws. */
class facet_count {
public:
	/* Counts from the value streams and caches of one local database
	 * when local, else with Xapian's spies (a set, or a remote shard). */
	explicit facet_count(bool is_local) : local(is_local) {}
	void add(Xapian::valueno slot);
	bool empty() const { return slots.empty(); }
	/* Whether the counts take a get_mset() of their own that returns no
	 * hits: on a set with a remote shard, Xapian 1.4's spies count some
	 * matches twice when the same get_mset() returns hits too (a few more
	 * than there are, varying with the page size); on one local database
	 * see gather(). */
	bool own_pass() const { return !slots.empty(); }
	bool is_local() const { return local; }
	/* Gathers the matches of q on db for count(): a pass of its own on
	 * one local database, with no weights (BoolWeight), since the counts
	 * need every match and the hits only the best, which the weighted
	 * pass then finds without visiting all. Returns how many matched.
	 * Throws what Xapian throws. */
	Xapian::doccount gather(const Xapian::Database &db,
	                        const Xapian::Query &q);
	void attach(Xapian::Enquire &enq);
	/* Appends one facet_values to out per slot added, in order; uses and
	 * keeps db's caches when db is a read-only local database. */
	void count(hri_db *db, std::vector<facet_values> &out);

private:
	bool local;
	std::vector<Xapian::valueno> slots; /* in the order asked for */
	/* Xapian's own spies, not a subclass, on a set with a remote shard:
	 * xapian-tcpsrv runs them there (it knows only registered spies) and
	 * merges the counts. */
	std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
	docid_spy ids; /* when local */
};

} /* namespace hri */

#endif
