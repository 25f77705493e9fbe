/* xapian.cc - the Xapian shim: the only C++ in hri. Every entry point
 * catches Xapian::Error and everything else, so no exception reaches C; a
 * failure becomes an hri_status and a message kept on the handle. */
#include "xapian.h"

#include "labels.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <map>
#include <new>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

/* Xapian's umbrella header, reached through its own directory: a plain
 * <xapian.h> would find this shim's header first on the include path (-Ilib),
 * and lib/ has no xapian/ directory to go up from. */
#include <xapian/../xapian.h>

namespace {

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
};

/* The field table: every prefix and value slot hri uses, declared once.
 * Boolean values are folded (lower case, single spaces) before the prefix is
 * put on; facet slots hold the values as written, one per line. Columns:
 * record name, query prefix, term prefix, kind, facet slot, multi-valued. */
const field fields[] = {
	/* Words of the document and section titles (also in the plain text). */
	{"title", "title", "S", FREE, -1, false},
	/* Document symbol, "A/HRC/26/41". */
	{"symbol", "symbol", "XSYM", BOOL, SLOT_SYMBOL, false},
	/* Issuing body, "Human Rights Council". */
	{"body", "body", "XBODY", BOOL, 11, false},
	/* Session of the body, "26". */
	{"session", "session", "XSESS", BOOL, 12, false},
	/* Year of the document (also SLOT_YEAR for ranges). */
	{"year", "year", "XYEAR", BOOL, 13, false},
	/* Document type: report, resolution, decision, upr-report... */
	{"doctype", "doctype", "XDT", BOOL, 14, false},
	/* Language of the document, "en". */
	{"lang", "lang", "XLANG", BOOL, 15, false},
	/* Segment kind: paragraph, recommendation, footnote, summary. */
	{"kind", "kind", "XKIND", BOOL, 16, false},
	/* Section number, "III.B". */
	{"section", "section", "XSEC", BOOL, 17, false},
	/* Paragraph number, "14" (also SLOT_PARA); not a facet. */
	{"para", "para", "XPARA", BOOL, -1, false},
	/* States named, UN short names. */
	{"country", "country", "XC", BOOL, 18, true},
	/* Organizations named, canonical names. */
	{"organization", "org", "XORG", BOOL, 19, true},
	/* Persons named. */
	{"person", "person", "XPER", BOOL, 20, true},
	/* Themes of the Universal Human Rights Index. */
	{"theme", "theme", "XTH", BOOL, 21, true},
	/* SDG goals and targets: "16.2" also gives "16". */
	{"sdg", "sdg", "XSDG", BOOL, 22, true},
	/* Affected persons and groups. */
	{"affected", "affected", "XAFF", BOOL, 23, true},
	/* Symbols of the UN documents cited. */
	{"cites", "cites", "XCITE", BOOL, 24, true},
	/* Instruments named, "resolution 13/23" (kind and number). */
	{"instrument", "instrument", "XINST", BOOL, 25, true},
	/* Treaties named: covenants, conventions, declarations, charters. */
	{"treaty", "treaty", "XTREATY", BOOL, 26, true},
	/* States that made a UPR recommendation. */
	{"recommending", "recommending", "XREC", BOOL, 27, true},
	/* Position of the State under review: supported, noted. */
	{"position", "position", "XPOS", BOOL, 28, false},
	/* UPR-info's issues of a UPR recommendation, "Women's rights". */
	{"issue", "issue", "XISS", BOOL, 29, true},
};
const size_t nfields = sizeof fields / sizeof fields[0];

/* Prefix of the unique id term of a segment (exact, not folded). */
const char id_prefix[] = "Q";

/* Longest folded value put in a term: Xapian refuses terms over 245 bytes. */
const size_t value_max = 200;

/* Returns the entry of the field table named name, or NULL. */
const field *
field_find(const char *name)
{
	for (size_t i = 0; i < nfields; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

/* Folds a boolean value: lower case, white space runs made one space,
 * trimmed, cut at value_max bytes on a character boundary. */
std::string
fold(const std::string &in)
{
	std::string out;
	bool space = false;

	for (Xapian::Utf8Iterator it(in); it != Xapian::Utf8Iterator(); ++it) {
		unsigned ch = *it;
		if (Xapian::Unicode::is_whitespace(ch)) {
			space = !out.empty();
			continue;
		}
		std::string c;
		Xapian::Unicode::append_utf8(c, Xapian::Unicode::tolower(ch));
		if (out.size() + space + c.size() > value_max)
			break;
		if (space)
			out += ' ';
		space = false;
		out += c;
	}
	return out;
}

/* The label table of data/labels.tsv, loaded once (NULL when it cannot be:
 * then names are taken as typed). */
const hri_labels *
label_table()
{
	static const hri_labels *table = [] {
		hri_labels *l = NULL;
		char err[512];
		return hri_labels_load(NULL, &l, err, sizeof err) ? nullptr : l;
	}();
	return table;
}

/* The term of a boolean filter on field f for value: the label an older
 * name became (theme:"Acceptance of international norms" is the theme
 * "Ratification of & accession to international instruments"; the old
 * theme "LGBTI" is the affected group now), else the value, folded. */
std::string
filter_term(const field &f, const std::string &value)
{
	static const char *const labelled[][2] = {
		{"theme", "theme"}, {"affected", "affected"}, {"sdg", "sdg"},
		{"issue", "issue"}};
	for (const auto &l : labelled) {
		if (strcmp(f.name, l[0]) != 0)
			continue;
		const char *lf = NULL;
		const char *cur = hri_labels_find(label_table(), l[1], value.data(),
		                                  value.size(), &lf);
		const field *tf = cur ? field_find(lf) : NULL;
		if (tf)
			return tf->prefix + fold(cur);
	}
	return f.prefix + fold(value);
}

/* The query parser's side of a boolean prefix: folds what the user typed
 * exactly as hri_xdoc_term() folded the indexed value, after mapping an
 * older label name to its current one. */
class fold_processor : public Xapian::FieldProcessor {
	const field &f;

public:
	explicit fold_processor(const field &fl) : f(fl) {}
	Xapian::Query operator()(const std::string &str) override
	{
		return Xapian::Query(filter_term(f, str));
	}
};

/* Adds n to the count of each line of v, a segment's facet value: it lists
 * the segment's values one per line, each once, so the count of a whole
 * value is added to each of its lines. */
void
split_value(const std::string &v, unsigned long n,
            std::map<std::string, unsigned long> &counts)
{
	size_t p = 0;

	while (p < v.size()) {
		size_t e = v.find('\n', p);
		if (e == std::string::npos)
			e = v.size();
		if (e > p)
			counts[v.substr(p, e - p)] += n;
		p = e + 1;
	}
}

/* Adds the counts of one facet slot's ValueCountMatchSpy to counts. Xapian's
 * own spy is used on a set with a remote shard, not a subclass, because
 * xapian-tcpsrv runs it there (it knows only registered spies) and merges
 * the counts. */
void
split_counts(const Xapian::ValueCountMatchSpy &spy,
             std::map<std::string, unsigned long> &counts)
{
	for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end();
	     ++it)
		split_value(*it, it.get_termfreq(), counts);
}

/* Keeps the document id of every match, for one local database: the facet
 * values are then read slot by slot from the value streams (count_slot()),
 * far cheaper than ValueCountMatchSpy's Document::get_value() per match and
 * slot, which looks the value chunk up afresh each time (half the time of a
 * query with three facets over 6,000 matches). */
class docid_spy : public Xapian::MatchSpy {
public:
	std::vector<Xapian::docid> ids; /* in the order the matcher gave */

	void operator()(const Xapian::Document &doc, double) override
	{
		ids.push_back(doc.get_docid());
	}
};

/* Adds to counts the facet values in slot of the documents ids (ascending),
 * as split_counts() would from a ValueCountMatchSpy over the same
 * documents: each non-empty whole value counted once a document, then
 * split into its lines. */
void
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

/* The facet values of one slot of a read-only database, by document id: a
 * handle that counts a slot a second time (hri-query --batch, hri-serve)
 * reads its value stream once into this, and then counts any set of
 * matches with one array lookup a match instead of a pass over the stream
 * (the stream is 200,000 values long at 200,000 segments, a few ms). */
struct slot_cache {
	std::vector<uint32_t> of;      /* per docid: 1 + index in vals, 0 none */
	std::vector<std::string> vals; /* the distinct non-empty whole values */
};

/* Most document ids a slot cache covers: 4 bytes each, so at most 40 MB a
 * slot and handle (hri-serve keeps a pool of handles); a larger database
 * counts from the value streams every time. */
const Xapian::docid slot_cache_max = 10000000;

/* Fills c from the value stream of slot. Throws what Xapian throws. */
void
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
}

/* Adds to counts the facet values in c of the documents ids, as
 * count_slot() does from the value stream. */
void
slot_cache_count(const slot_cache &c, const std::vector<Xapian::docid> &ids,
                 std::map<std::string, unsigned long> &counts)
{
	std::vector<unsigned long> n(c.vals.size());

	for (Xapian::docid did : ids)
		if (did < c.of.size() && c.of[did])
			n[c.of[did] - 1]++;
	for (size_t k = 0; k < n.size(); k++)
		if (n[k])
			split_value(c.vals[k], n[k], counts);
}

/* Copies s into out (outsz bytes), truncating. */
void
copy_msg(char *out, size_t outsz, const std::string &s)
{
	if (out && outsz)
		snprintf(out, outsz, "%s", s.c_str());
}

} /* namespace */

/* One database of a read-only set. */
struct shard {
	std::string name;           /* for messages: the path, or HOST:PORT */
	Xapian::Database db;
	bool remote;                /* served by xapian-tcpsrv or a program */
};

struct hri_db {
	Xapian::Database *rd;       /* the database, for reading (all shards
	                               combined when opened as a set) */
	std::vector<shard> shards;  /* the shards of a set, else empty */
	std::vector<std::string> missing; /* names of shards left out */
	bool partial;               /* leave out a remote shard that fails */
	Xapian::WritableDatabase *wr; /* the same, when writable; else NULL */
	bool in_txn;                /* a transaction is open */
	/* Words of the texts indexed since the last commit and how often they
	 * occurred: handed to the spelling table once per word at commit,
	 * far cheaper than once per occurrence. */
	std::unordered_map<std::string, unsigned> spelling;
	std::string path;           /* the database directory */
	std::string err;            /* message of the last failure */
	/* Facet slots of a read-only single database: how often each was
	 * counted, and the caches of those counted twice, valid for the
	 * revision cache_rev (reopen() may bring a newer one). */
	std::map<Xapian::valueno, unsigned> slot_uses;
	std::map<Xapian::valueno, slot_cache> slot_caches;
	Xapian::rev cache_rev;
};

struct hri_xdoc {
	Xapian::Document doc;                /* the segment being built */
	Xapian::TermGenerator tg;            /* writes doc's words */
	hri_db *db;                          /* for spelling, or NULL */
	std::string id;                      /* unique id, exact */
	std::vector<std::string> facet_vals; /* per field, "\n"-joined */
	std::set<std::string> facet_seen;    /* prefix + folded, this doc */
};

struct hri_hits {
	Xapian::Enquire *enq;            /* kept: MSet::snippet() needs its query */
	Xapian::MSet mset;               /* the page of hits */
	std::vector<std::string> data;   /* stored data of each hit */
	std::string query;               /* as given, for the suggestion */
	mutable Xapian::Database db;     /* searched, for the suggestion */
	mutable bool suggested;          /* suggestion worked out */
	mutable std::string suggestion;  /* corrected query, "" when none */
	unsigned long matches;           /* matching segments (estimated) */
	std::vector<std::vector<std::pair<std::string, unsigned long>>> facets;
	                                 /* per facet: (value, count), sorted */
	Xapian::Stem stem;               /* for snippets, as the index stems */
};

/* Returns the shard a remote failure names: HOST:PORT from Xapian's
 * context "remote:tcp(HOST:PORT)", the program from "remote:prog(...)", or
 * "" when the context names none. */
static std::string
remote_name(const Xapian::Error &e)
{
	const std::string &c = e.get_context();
	size_t open = c.find('('), close = c.rfind(')');

	if (c.compare(0, 7, "remote:") != 0 || open == std::string::npos ||
	    close == std::string::npos || close < open)
		return "";
	return c.substr(open + 1, close - open - 1);
}

/* Returns "remote shard NAME: reason", the reason in lower case as a
 * message goes on ("connection refused", "timed out..."). */
static std::string
network_msg(const Xapian::Error &e, const std::string &name = "")
{
	std::string n = name.empty() ? remote_name(e) : name;
	const char *es = e.get_error_string();
	std::string why = es && *es ? es : e.get_msg();

	if (e.get_type() == std::string("NetworkTimeoutError"))
		why = e.get_msg();
	if (!why.empty() && why[0] >= 'A' && why[0] <= 'Z' &&
	    !(why.size() > 1 && why[1] >= 'A' && why[1] <= 'Z'))
		why[0] = (char)(why[0] - 'A' + 'a');
	return "remote shard " + (n.empty() ? std::string("?") : n) + ": " + why;
}

/* Records the message of a Xapian failure on db and maps it to a status. */
static hri_status
fail(hri_db *db, const Xapian::Error &e)
{
	std::string t = e.get_type();
	db->err = e.get_msg();
	if (!e.get_context().empty())
		db->err += " (" + e.get_context() + ")";
	if (t == "QueryParserError")
		return HRI_ERR_QUERY;
	if (t == "DatabaseLockError")
		return HRI_ERR_LOCKED;
	if (t == "DatabaseNotFoundError")
		return HRI_ERR_NOT_FOUND;
	if (t == "NetworkError" || t == "NetworkTimeoutError") {
		db->err = network_msg(e);
		return HRI_ERR_NETWORK;
	}
	return HRI_ERR_DB;
}

/* Every entry point ends in this: an unexpected exception becomes a status. */
#define HRI_CATCH(db)                                                        \
	catch (const Xapian::Error &e) {                                         \
		return fail(db, e);                                                  \
	} catch (const std::bad_alloc &) {                                       \
		(db)->err = "out of memory";                                         \
		return HRI_ERR_NOMEM;                                                \
	} catch (...) {                                                          \
		(db)->err = "unexpected C++ exception";                              \
		return HRI_ERR_INTERNAL;                                             \
	}

extern "C" {

int
hri_field_is_term(const char *name)
{
	const field *f = name ? field_find(name) : NULL;
	return f && f->kind == BOOL;
}

int
hri_field_is_facet(const char *name)
{
	const field *f = name ? field_find(name) : NULL;
	return f && f->facet_slot >= 0;
}

void
hri_field_facet_names(char *out, size_t outsz)
{
	size_t n = 0;

	if (!outsz)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < nfields; i++) {
		if (fields[i].facet_slot < 0)
			continue;
		int w = snprintf(out + n, outsz - n, "%s%s", n ? "," : "",
		                 fields[i].name);
		if (w < 0 || (size_t)w >= outsz - n)
			return;
		n += (size_t)w;
	}
}

/* Opens the writable database, retrying while locked until wait seconds
 * have passed. Throws what Xapian throws. */
static Xapian::WritableDatabase *
open_writable(const std::string &path, double wait)
{
	struct timespec t0, now, nap;
	long ms = 20;

	/* Xapian 1.4 holds the postings of this many documents in std::maps
	 * before it writes them out (10,000 by default; it reads the setting
	 * when the database opens, and a user's own setting wins): at 1,000
	 * the maps stay small enough to be cheap to search, so 20,000
	 * segments index in 30% less CPU time and a third of the memory. */
	setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		try {
			return new Xapian::WritableDatabase(path,
			                                    Xapian::DB_CREATE_OR_OPEN);
		} catch (const Xapian::DatabaseLockError &) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			double spent = (double)(now.tv_sec - t0.tv_sec) +
			               (double)(now.tv_nsec - t0.tv_nsec) / 1e9;
			if (spent >= wait)
				throw;
			if (ms > (long)((wait - spent) * 1000) + 1)
				ms = (long)((wait - spent) * 1000) + 1;
			nap.tv_sec = ms / 1000;
			nap.tv_nsec = (ms % 1000) * 1000000L;
			nanosleep(&nap, NULL);
			ms = ms * 2 > 1000 ? 1000 : ms * 2;
		}
	}
}

/* Deepest a stub may name stubs that name stubs. */
static const int stub_depth_max = 8;

/* Longest line of a stub file, in bytes. */
static const size_t stub_line_max = 4096;

/* Most databases in one set. */
static const size_t set_max = 4096;

/* The state of opening a read-only set. */
struct set_open {
	hri_db *db;          /* receives the shards */
	unsigned timeout_ms; /* for remote shards */
	std::string err;     /* the message of a failure */
};

static hri_status open_path(set_open &so, const std::string &path,
                            int depth);

/* Adds an open database to the set. */
static hri_status
add_shard(set_open &so, const std::string &name, const Xapian::Database &d,
          bool remote)
{
	if (so.db->shards.size() >= set_max) {
		so.err = "more than " + std::to_string(set_max) + " databases";
		return HRI_ERR_TOO_BIG;
	}
	so.db->shards.push_back(shard{name, d, remote});
	return HRI_OK;
}

/* Opens the remote shard of a stub line ("HOST:PORT" or ":PROGRAM ARGS");
 * where names the line for messages. One that does not answer fails the
 * open, or with partial is recorded as missing. */
static hri_status
open_remote(set_open &so, const std::string &spec, const std::string &where)
{
	std::string name;
	Xapian::Database d;

	try {
		if (!spec.empty() && spec[0] == ':') {
			size_t sp = spec.find(' ');
			std::string prog = spec.substr(1, sp == std::string::npos
			                                      ? std::string::npos
			                                      : sp - 1);
			std::string args = sp == std::string::npos ? ""
			                                           : spec.substr(sp + 1);
			name = spec.substr(1);
			d = Xapian::Remote::open(prog, args, so.timeout_ms);
		} else {
			size_t colon = spec.rfind(':');
			std::string host, port;
			char *end = NULL;
			if (colon != std::string::npos) {
				host = spec.substr(0, colon);
				port = spec.substr(colon + 1);
			}
			if (host.size() > 2 && host[0] == '[' &&
			    host[host.size() - 1] == ']')
				host = host.substr(1, host.size() - 2);
			unsigned long p = port.empty() ? 0
			                               : strtoul(port.c_str(), &end, 10);
			if (host.empty() || !end || *end || p == 0 || p > 65535) {
				so.err = where + ": not HOST:PORT: " + spec;
				return HRI_ERR_DB;
			}
			name = spec;
			d = Xapian::Remote::open(host, (unsigned)p, so.timeout_ms,
			                         so.timeout_ms);
		}
	} catch (const Xapian::NetworkError &e) {
		if (!so.db->partial) {
			so.err = network_msg(e, name);
			return HRI_ERR_NETWORK;
		}
		so.db->missing.push_back(name);
		return HRI_OK;
	}
	return add_shard(so, name, d, true);
}

/* Opens every database a stub file lists (see hri_db_open_set()). */
static hri_status
open_stub(set_open &so, const std::string &file, int depth)
{
	std::ifstream in(file);
	std::string line, dir = ".";
	unsigned long lineno = 0;
	size_t slash = file.rfind('/');
	hri_status st;

	if (!in) {
		so.err = file + ": " + strerror(errno);
		return HRI_ERR_IO;
	}
	if (slash != std::string::npos)
		dir = slash ? file.substr(0, slash) : "/";
	while (std::getline(in, line)) {
		lineno++;
		std::string where = file + ":" + std::to_string(lineno);
		if (line.size() > stub_line_max) {
			so.err = where + ": line too long";
			return HRI_ERR_DB;
		}
		size_t b = line.find_first_not_of(" \t\r");
		size_t e = line.find_last_not_of(" \t\r");
		if (b == std::string::npos || line[b] == '#')
			continue;
		line = line.substr(b, e - b + 1);
		size_t sp = line.find_first_of(" \t");
		std::string type = line.substr(0, sp);
		std::string rest = sp == std::string::npos ? ""
		                                           : line.substr(sp + 1);
		b = rest.find_first_not_of(" \t");
		rest = b == std::string::npos ? "" : rest.substr(b);
		if (rest.empty()) {
			so.err = where + ": bad line: " + line;
			return HRI_ERR_DB;
		}
		if (type == "auto" || type == "glass" || type == "chert") {
			st = open_path(so, rest[0] == '/' ? rest : dir + "/" + rest,
			               depth + 1);
		} else if (type == "remote") {
			if (rest.compare(0, 4, "tcp ") == 0) {
				so.err = where + ": bad line: " + line +
				         " (Xapian's syntax is remote HOST:PORT)";
				return HRI_ERR_DB;
			}
			st = open_remote(so, rest, where);
		} else {
			so.err = where + ": bad line: " + line +
			         " (not a Xapian database or stub file)";
			return HRI_ERR_DB;
		}
		if (st)
			return st;
	}
	if (in.bad()) {
		so.err = file + ": read error";
		return HRI_ERR_IO;
	}
	return HRI_OK;
}

/* Opens a database directory, a shard set directory or a stub file. */
static hri_status
open_path(set_open &so, const std::string &path, int depth)
{
	struct stat sb;
	std::string stub = path + "/index.stub";

	if (depth > stub_depth_max) {
		so.err = path + ": stubs nested too deep";
		return HRI_ERR_DB;
	}
	if (stat(path.c_str(), &sb) != 0) {
		so.err = "no database at " + path;
		return HRI_ERR_NOT_FOUND;
	}
	if (!S_ISDIR(sb.st_mode))
		return open_stub(so, path, depth);
	if (stat(stub.c_str(), &sb) == 0)
		return open_stub(so, stub, depth);
	try {
		return add_shard(so, path, Xapian::Database(path), false);
	} catch (const Xapian::DatabaseNotFoundError &e) {
		so.err = path + ": not a Xapian database";
	} catch (const Xapian::DatabaseOpeningError &e) {
		so.err = path + ": not a Xapian database (" + e.get_msg() + ")";
	}
	return HRI_ERR_DB;
}

/* Makes db->rd the combination of db->shards. */
static void
combine(hri_db *db)
{
	Xapian::Database *all = new Xapian::Database();

	for (const shard &s : db->shards)
		all->add_database(s.db);
	delete db->rd;
	db->rd = all;
}

/* Opens the read-only set of paths into the new db; throws what Xapian
 * throws. */
static hri_status
open_set(hri_db *db, const char *const *paths, size_t n,
         const hri_db_set_opts *opts, std::string &err)
{
	set_open so;
	double t = opts && opts->timeout > 0 ? opts->timeout : 10;
	hri_status st;

	so.db = db;
	so.timeout_ms = t > 86400 ? 86400000u : (unsigned)(t * 1000);
	db->partial = opts && opts->partial;
	for (size_t i = 0; i < n; i++) {
		st = open_path(so, paths[i], 0);
		if (st) {
			err = so.err;
			return st;
		}
	}
	if (db->shards.empty()) {
		if (!db->missing.empty()) {
			err = "no shard answered (" + db->missing[0] + (
			          db->missing.size() > 1 ? ", ..." : "") + ")";
			return HRI_ERR_NETWORK;
		}
		err = std::string(n ? paths[0] : "") + ": lists no database";
		return HRI_ERR_NOT_FOUND;
	}
	combine(db);
	return HRI_OK;
}

/* Returns a new empty handle. Throws std::bad_alloc. */
static hri_db *
db_new(const char *path)
{
	hri_db *db = new hri_db();

	db->rd = NULL;
	db->wr = NULL;
	db->in_txn = false;
	db->partial = false;
	db->path = path;
	db->cache_rev = 0;
	return db;
}

hri_status
hri_db_open_set(const char *const *paths, size_t n,
                const hri_db_set_opts *opts, hri_db **out, char *err,
                size_t errsz)
{
	hri_db *db = NULL;
	std::string msg;
	hri_status st;

	*out = NULL;
	try {
		db = db_new(n ? paths[0] : "");
		st = open_set(db, paths, n, opts, msg);
		if (st) {
			copy_msg(err, errsz, msg);
			delete db->rd;
			delete db;
			return st;
		}
		*out = db;
		return HRI_OK;
	} catch (const Xapian::Error &e) {
		copy_msg(err, errsz, e.get_description());
		hri_db_free(db);
		return HRI_ERR_DB;
	} catch (const std::bad_alloc &) {
		copy_msg(err, errsz, "out of memory");
		hri_db_free(db);
		return HRI_ERR_NOMEM;
	} catch (...) {
		copy_msg(err, errsz, "unexpected C++ exception");
		hri_db_free(db);
		return HRI_ERR_INTERNAL;
	}
}

size_t
hri_db_missing_count(const hri_db *db)
{
	return db->missing.size();
}

const char *
hri_db_missing(const hri_db *db, size_t i)
{
	return i < db->missing.size() ? db->missing[i].c_str() : NULL;
}

hri_status
hri_db_merge(const char *const *srcs, size_t n, const char *dest, char *err,
             size_t errsz)
{
	hri_db *db = NULL;
	struct stat sb;
	hri_status st;

	if (stat(dest, &sb) == 0) {
		copy_msg(err, errsz, std::string(dest) + ": exists already");
		return HRI_ERR_DB;
	}
	st = hri_db_open_set(srcs, n, NULL, &db, err, errsz);
	if (st)
		return st;
	try {
		/* Xapian renumbers the documents of the sources one after
		 * another and merges their spelling data. */
		db->rd->compact(dest);
		hri_db_free(db);
		return HRI_OK;
	} catch (const Xapian::Error &e) {
		copy_msg(err, errsz, std::string(dest) + ": " + e.get_msg());
	} catch (const std::bad_alloc &) {
		copy_msg(err, errsz, "out of memory");
	} catch (...) {
		copy_msg(err, errsz, "unexpected C++ exception");
	}
	hri_db_free(db);
	return HRI_ERR_DB;
}

hri_status
hri_db_open(const char *path, int mode, double wait, hri_db **out, char *err,
            size_t errsz)
{
	hri_db *db = NULL;

	*out = NULL;
	try {
		db = new hri_db();
		db->rd = NULL;
		db->wr = NULL;
		db->in_txn = false;
		db->path = path;
		db->partial = false;
		db->cache_rev = 0;
		if (mode == HRI_DB_WRITE) {
			db->wr = open_writable(db->path, wait);
			db->rd = db->wr;
		} else {
			std::string msg;
			hri_status st = open_set(db, &path, 1, NULL, msg);
			if (st) {
				copy_msg(err, errsz, msg);
				delete db->rd;
				delete db;
				return st;
			}
		}
		*out = db;
		return HRI_OK;
	} catch (const Xapian::DatabaseLockError &e) {
		copy_msg(err, errsz, std::string("database locked by another "
		                                 "writer: ") + path);
		delete db;
		return HRI_ERR_LOCKED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		copy_msg(err, errsz, std::string("no database at ") + path);
		delete db;
		return HRI_ERR_NOT_FOUND;
	} catch (const Xapian::DatabaseOpeningError &e) {
		copy_msg(err, errsz, std::string(path) + ": not a Xapian database (" +
		                         e.get_msg() + ")");
		delete db;
		return HRI_ERR_DB;
	} catch (const Xapian::Error &e) {
		copy_msg(err, errsz, std::string(path) + ": " + e.get_msg());
		delete db;
		return HRI_ERR_DB;
	} catch (const std::bad_alloc &) {
		copy_msg(err, errsz, "out of memory");
		delete db;
		return HRI_ERR_NOMEM;
	} catch (...) {
		copy_msg(err, errsz, "unexpected C++ exception");
		delete db;
		return HRI_ERR_INTERNAL;
	}
}

void
hri_db_free(hri_db *db)
{
	if (!db)
		return;
	try {
		if (db->wr && db->in_txn)
			db->wr->cancel_transaction();
	} catch (...) {
		/* Closing drops whatever was not committed anyway. */
	}
	try {
		if (db->wr)
			db->wr->close();
	} catch (...) {
	}
	delete db->rd;
	delete db;
}

const char *
hri_db_errmsg(const hri_db *db)
{
	return db ? db->err.c_str() : "";
}

hri_status
hri_db_begin(hri_db *db)
{
	try {
		if (!db->wr) {
			db->err = "database opened read-only";
			return HRI_ERR_INVALID;
		}
		db->wr->begin_transaction(true);
		db->in_txn = true;
		return HRI_OK;
	}
	HRI_CATCH(db)
}

/* Hands the words gathered since the last commit to the spelling table. */
static void
add_spelling(hri_db *db)
{
	for (const auto &w : db->spelling)
		db->wr->add_spelling(w.first, w.second);
	db->spelling.clear();
}

hri_status
hri_db_commit(hri_db *db)
{
	try {
		if (!db->wr) {
			db->err = "database opened read-only";
			return HRI_ERR_INVALID;
		}
		add_spelling(db);
		if (db->in_txn) {
			db->in_txn = false;
			db->wr->commit_transaction();
		} else {
			db->wr->commit();
		}
		return HRI_OK;
	}
	HRI_CATCH(db)
}

hri_status
hri_db_delete_symbol(hri_db *db, const char *symbol, unsigned long *deleted)
{
	try {
		if (!db->wr) {
			db->err = "database opened read-only";
			return HRI_ERR_INVALID;
		}
		std::string t = std::string(field_find("symbol")->prefix) +
		                fold(symbol);
		if (deleted)
			*deleted = db->wr->get_termfreq(t);
		db->wr->delete_document(t);
		return HRI_OK;
	}
	HRI_CATCH(db)
}

hri_status
hri_db_replace(hri_db *db, hri_xdoc *doc)
{
	try {
		if (!db->wr) {
			db->err = "database opened read-only";
			return HRI_ERR_INVALID;
		}
		if (doc->id.empty()) {
			db->err = "segment without an id";
			return HRI_ERR_INVALID;
		}
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
	HRI_CATCH(db)
}

hri_status
hri_db_stats_get(hri_db *db, hri_db_stats *stats)
{
	try {
		std::string p = field_find("symbol")->prefix;
		memset(stats, 0, sizeof *stats);
		stats->segments = db->rd->get_doccount();
		stats->postings = db->rd->get_total_length();
		for (Xapian::TermIterator t = db->rd->allterms_begin(p);
		     t != db->rd->allterms_end(p); ++t)
			stats->documents++;
		for (Xapian::TermIterator t = db->rd->allterms_begin();
		     t != db->rd->allterms_end(); ++t)
			stats->terms++;
		return HRI_OK;
	}
	HRI_CATCH(db)
}

hri_status
hri_db_reopen(hri_db *db)
{
	try {
		db->rd->reopen();
		return HRI_OK;
	}
	HRI_CATCH(db)
}

hri_status
hri_db_compact(hri_db *db, const char *dest)
{
	try {
		db->rd->compact(dest);
		return HRI_OK;
	}
	HRI_CATCH(db)
}

hri_xdoc *
hri_xdoc_new(hri_db *db)
{
	try {
		hri_xdoc *d = new hri_xdoc();
		d->tg.set_stemmer(Xapian::Stem("en"));
		d->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
		d->db = db && db->wr ? db : NULL;
		d->facet_vals.resize(nfields);
		d->tg.set_document(d->doc);
		return d;
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
	} catch (const std::bad_alloc &) {
		return HRI_ERR_NOMEM;
	} catch (...) {
		return HRI_ERR_INTERNAL;
	}
}

hri_status
hri_xdoc_text(hri_xdoc *doc, const char *text, unsigned weight, int title)
{
	try {
		std::string t(text);
		const char *tp = field_find("title")->prefix;
		if (title == HRI_TEXT_DOC_TITLE) {
			/* Only under title:, without positions: in the plain text it
			 * would make every paragraph of a report on "international
			 * cooperation" match "cooperation". */
			doc->tg.index_text_without_positions(t, weight, tp);
			return HRI_OK;
		}
		doc->tg.index_text(t, weight);
		if (title == HRI_TEXT_SECTION_TITLE)
			doc->tg.index_text_without_positions(t, 1, tp);
		/* A gap, so a phrase never spans two fields. */
		doc->tg.increase_termpos(100);
		return HRI_OK;
	} catch (const std::bad_alloc &) {
		return HRI_ERR_NOMEM;
	} catch (...) {
		return HRI_ERR_INTERNAL;
	}
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
	} catch (const std::bad_alloc &) {
		return HRI_ERR_NOMEM;
	} catch (...) {
		return HRI_ERR_INTERNAL;
	}
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
	} catch (const std::bad_alloc &) {
		return HRI_ERR_NOMEM;
	} catch (...) {
		return HRI_ERR_INTERNAL;
	}
}

hri_status
hri_xdoc_date(hri_xdoc *doc, const char *date)
{
	try {
		doc->doc.add_value(SLOT_DATE, date);
		return HRI_OK;
	} catch (const std::bad_alloc &) {
		return HRI_ERR_NOMEM;
	} catch (...) {
		return HRI_ERR_INTERNAL;
	}
}

hri_status
hri_xdoc_data(hri_xdoc *doc, const char *data, size_t len)
{
	try {
		doc->doc.set_data(std::string(data, len));
		return HRI_OK;
	} catch (const std::bad_alloc &) {
		return HRI_ERR_NOMEM;
	} catch (...) {
		return HRI_ERR_INTERNAL;
	}
}

/* The query syntax hri accepts. */
static const unsigned query_flags = Xapian::QueryParser::FLAG_PHRASE |
                                    Xapian::QueryParser::FLAG_BOOLEAN |
                                    Xapian::QueryParser::FLAG_LOVEHATE |
                                    Xapian::QueryParser::FLAG_WILDCARD |
                                    Xapian::QueryParser::FLAG_PURE_NOT;

/* Sets up the query parser with every prefix of the field table. */
static void
setup_parser(Xapian::QueryParser &qp, Xapian::Database &db)
{
	qp.set_database(db);
	qp.set_stemmer(Xapian::Stem("en"));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	qp.set_default_op(Xapian::Query::OP_AND);
	/* year:2013..2016 and date:2013-01-01..2014-06-30 */
	qp.add_rangeprocessor((new Xapian::NumberRangeProcessor(
	                           SLOT_YEAR, "year:"))->release());
	qp.add_rangeprocessor((new Xapian::RangeProcessor(
	                           SLOT_DATE, "date:"))->release());
	for (size_t i = 0; i < nfields; i++) {
		const field &f = fields[i];
		if (!f.query)
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

/* Ranks the paragraphs that hold the words of a plain query (words only, no
 * operator, prefix or quote) as a phrase above those that merely hold them
 * all: "technical cooperation" then prefers the Voluntary Fund for Technical
 * Cooperation to a paragraph with "technical" in one sentence and
 * "cooperation" in another. The matches stay those of q. */
static Xapian::Query
boost_phrase(Xapian::QueryParser &qp, const Xapian::Query &q,
             const char *query)
{
	int words = 0, in_word = 0;

	for (const char *p = query; *p; p++) {
		if (strchr("\"():*+-", *p))
			return q;
		if (*p == ' ') {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	if (words < 2 || strstr(query, " AND ") || strstr(query, " OR ") ||
	    strstr(query, " NOT ") || strstr(query, " NEAR ") ||
	    strstr(query, " XOR "))
		return q;
	Xapian::Query phrase = qp.parse_query(std::string("\"") + query + "\"",
	                                      Xapian::QueryParser::FLAG_PHRASE);
	return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, phrase);
}

/* With partial, leaves out the remote shard whose failure e reports, so the
 * query can run again on the others; returns whether it did. Not when the
 * failure names no shard of db, or it is the last one. */
static bool
drop_shard(hri_db *db, const Xapian::Error &e)
{
	std::string name = remote_name(e);

	if (!db->partial || name.empty() || db->shards.size() < 2)
		return false;
	for (size_t i = 0; i < db->shards.size(); i++) {
		if (db->shards[i].name != name)
			continue;
		db->shards.erase(db->shards.begin() + (long)i);
		db->missing.push_back(name);
		combine(db);
		return true;
	}
	return false;
}

hri_status
hri_db_query(hri_db *db, const char *query, const hri_query_opts *opts,
             hri_hits **out)
{
	static const hri_query_opts dflt = {0, 10, HRI_SORT_RELEVANCE, NULL, 0,
	                                    NULL, 0};
	hri_hits *h = NULL;

	*out = NULL;
	if (!opts)
		opts = &dflt;
retry:
	h = NULL;
	try {
		Xapian::QueryParser qp;
		Xapian::Query q;
		std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
		std::vector<Xapian::valueno> slots; /* of spies, in order */

		setup_parser(qp, *db->rd);
		h = new hri_hits();
		h->enq = NULL;
		h->matches = 0;
		h->suggested = false;
		h->stem = Xapian::Stem("en");
		if (query && *query) {
			/* The spelling correction waits for hri_hits_suggestion():
			 * its lookups in the spelling table are wasted on the
			 * queries that find something. */
			q = qp.parse_query(query, query_flags);
			h->query = query;
			q = boost_phrase(qp, q, query);
		} else {
			q = Xapian::Query::MatchAll;
		}
		for (size_t i = 0; i < opts->nfilters; i++) {
			if (strcmp(opts->filters[i].field, "id") == 0) {
				/* The unique id, exactly as indexed. */
				q = Xapian::Query(Xapian::Query::OP_FILTER, q,
				                  Xapian::Query(id_prefix +
				                                std::string(
				                                    opts->filters[i].value)));
				continue;
			}
			const field *f = field_find(opts->filters[i].field);
			if (!f || f->kind != BOOL) {
				db->err = std::string("unknown field: ") +
				          opts->filters[i].field;
				delete h;
				return HRI_ERR_INVALID;
			}
			q = Xapian::Query(Xapian::Query::OP_FILTER, q,
			                  Xapian::Query(filter_term(
			                      *f, opts->filters[i].value)));
		}
		for (size_t i = 0; i < opts->nfacets; i++) {
			const field *f = field_find(opts->facets[i]);
			if (!f || f->facet_slot < 0) {
				db->err = std::string("not a facet field: ") +
				          opts->facets[i];
				delete h;
				return HRI_ERR_INVALID;
			}
			spies.emplace_back(new Xapian::ValueCountMatchSpy(
			    (Xapian::valueno)f->facet_slot));
			slots.push_back((Xapian::valueno)f->facet_slot);
		}

		h->db = *db->rd;
		h->enq = new Xapian::Enquire(*db->rd);
		h->enq->set_query(q);
		/* Databases indexed before SLOT_DOCKEY existed sort with a
		 * KeyMaker, which remote shards cannot run. */
		bool keyed = db->rd->get_value_freq(SLOT_DOCKEY) > 0;
		if (keyed && opts->sort == HRI_SORT_DATE) {
			h->enq->set_sort_by_value_then_relevance(SLOT_DATEKEY, false);
		} else if (keyed && opts->sort == HRI_SORT_DOC) {
			h->enq->set_sort_by_value_then_relevance(SLOT_DOCKEY, false);
		} else if (keyed) {
			/* Equal weights in document order, not in the order of
			 * document ids, which differ between one database and
			 * shards. */
			h->enq->set_sort_by_relevance_then_value(SLOT_DOCKEY, false);
		} else if (opts->sort == HRI_SORT_DATE || opts->sort == HRI_SORT_DOC) {
			Xapian::MultiValueKeyMaker *km = new Xapian::MultiValueKeyMaker();
			if (opts->sort == HRI_SORT_DATE)
				km->add_value(SLOT_DATE, true);
			km->add_value(SLOT_SYMBOL);
			km->add_value(SLOT_ORD);
			h->enq->set_sort_by_key_then_relevance(km->release(), false);
		}
		Xapian::doccount check = 0;
		docid_spy ids;
		/* One local database: a Document of a set of several gives the
		 * docid within its shard, which is no place in the value
		 * streams of the set. */
		bool local = db->shards.size() <= 1 &&
		             std::none_of(db->shards.begin(), db->shards.end(),
		                          [](const shard &s) { return s.remote; });
		if (local && !spies.empty())
			h->enq->add_matchspy(&ids);
		else
			for (auto &sp : spies)
				h->enq->add_matchspy(sp.get());
		if (!spies.empty())
			check = db->rd->get_doccount();
		h->mset = h->enq->get_mset(opts->offset, opts->limit, check);
		h->matches = h->mset.get_matches_estimated();
		for (Xapian::MSetIterator it = h->mset.begin(); it != h->mset.end();
		     ++it) {
			h->data.push_back(it.get_document().get_data());
			/* A remote shard whose connection went between the match
			 * and the fetch of its documents gives empty data, without
			 * an error: made the network failure it is. Every segment
			 * hri indexes has data. */
			const shard *s = db->shards.empty() ? NULL
			    : &db->shards[(*it - 1) % db->shards.size()];
			if (h->data.back().empty() && s && s->remote)
				throw Xapian::NetworkError("lost the connection",
				                           "remote:tcp(" + s->name + ")");
		}
		h->enq->clear_matchspies();
		std::sort(ids.ids.begin(), ids.ids.end());
		bool cacheable = local && !db->wr && !spies.empty() &&
		                 db->rd->get_lastdocid() <= slot_cache_max;
		if (cacheable && db->rd->get_revision() != db->cache_rev) {
			db->slot_caches.clear();
			db->cache_rev = db->rd->get_revision();
		}
		for (size_t i = 0; i < spies.size(); i++) {
			std::map<std::string, unsigned long> counts;
			auto c = db->slot_caches.find(slots[i]);
			if (cacheable && c == db->slot_caches.end() &&
			    ++db->slot_uses[slots[i]] >= 2) {
				slot_cache fresh; /* kept only once whole */
				slot_cache_fill(*db->rd, slots[i], fresh);
				c = db->slot_caches.emplace(slots[i], std::move(fresh)).first;
			}
			if (cacheable && c != db->slot_caches.end())
				slot_cache_count(c->second, ids.ids, counts);
			else if (local)
				count_slot(*db->rd, slots[i], ids.ids, counts);
			else
				split_counts(*spies[i], counts);
			std::vector<std::pair<std::string, unsigned long>> v(
			    counts.begin(), counts.end());
			std::stable_sort(v.begin(), v.end(),
			                 [](const std::pair<std::string, unsigned long> &a,
			                    const std::pair<std::string, unsigned long> &b) {
				                 return a.second > b.second;
			                 });
			h->facets.push_back(v);
		}
		*out = h;
		return HRI_OK;
	} catch (const Xapian::NetworkError &e) {
		if (h) {
			delete h->enq;
			delete h;
		}
		if (drop_shard(db, e))
			goto retry;
		return fail(db, e);
	} catch (const Xapian::Error &e) {
		if (h) {
			delete h->enq;
			delete h;
		}
		return fail(db, e);
	} catch (const std::bad_alloc &) {
		if (h) {
			delete h->enq;
			delete h;
		}
		db->err = "out of memory";
		return HRI_ERR_NOMEM;
	} catch (...) {
		if (h) {
			delete h->enq;
			delete h;
		}
		db->err = "unexpected C++ exception";
		return HRI_ERR_INTERNAL;
	}
}

void
hri_hits_free(hri_hits *hits)
{
	if (!hits)
		return;
	delete hits->enq;
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

/* Undoes the HTML escaping MSet::snippet() applies. */
static std::string
unescape(const std::string &s)
{
	static const struct {
		const char *ent;
		char ch;
	} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
	            {"&quot;", '"'}, {"&#39;", '\''}};
	std::string out;
	for (size_t i = 0; i < s.size();) {
		bool hit = false;
		if (s[i] == '&') {
			for (const auto &e : ents) {
				size_t n = strlen(e.ent);
				if (s.compare(i, n, e.ent) == 0) {
					out += e.ch;
					i += n;
					hit = true;
					break;
				}
			}
		}
		if (!hit)
			out += s[i++];
	}
	return out;
}

char *
hri_hits_snippet(const hri_hits *hits, const char *text, size_t len,
                 size_t length, const char *hi_start, const char *hi_end,
                 int html)
{
	try {
		/* Markers that cannot occur in text, swapped for the real ones
		 * after unescaping, so a marker is never escaped itself. */
		std::string s, t(text, len);
		try {
			s = hits->mset.snippet(t, length, hits->stem,
			                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
			                           Xapian::MSet::SNIPPET_EXHAUSTIVE,
			                       "\x01", "\x02", "...");
		} catch (const Xapian::Error &) {
			/* The background model asks the database for term
			 * frequencies; a remote shard lost since the match cannot
			 * answer, and the hit is still worth printing. */
			s = hits->mset.snippet(t, length, hits->stem,
			                       Xapian::MSet::SNIPPET_EXHAUSTIVE, "\x01",
			                       "\x02", "...");
		}
		if (!html)
			s = unescape(s);
		std::string out;
		for (char c : s) {
			if (c == '\x01')
				out += hi_start;
			else if (c == '\x02')
				out += hi_end;
			else
				out += c;
		}
		return strdup(out.c_str());
	} catch (...) {
		return NULL;
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

/* Longest user metadata key hri writes: Xapian refuses keys near 245 bytes. */
static const size_t metadata_key_max = 200;

hri_status
hri_db_metadata_set(hri_db *db, const char *key, const char *value)
{
	try {
		if (!db->wr) {
			db->err = "database opened read-only";
			return HRI_ERR_INVALID;
		}
		if (!*key || strlen(key) > metadata_key_max) {
			db->err = std::string("bad metadata key: ") + key;
			return HRI_ERR_INVALID;
		}
		db->wr->set_metadata(key, value);
		return HRI_OK;
	}
	HRI_CATCH(db)
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
		if (!*value) {
			db->err = "out of memory";
			return HRI_ERR_NOMEM;
		}
		return HRI_OK;
	}
	HRI_CATCH(db)
}

/* Finds the Xapian document of the segment with the unique id; returns 0
 * when there is none. Throws what Xapian throws. */
static Xapian::docid
segment_docid(Xapian::Database &d, const char *id)
{
	std::string t = id_prefix + std::string(id);
	Xapian::PostingIterator p = d.postlist_begin(t);
	return p == d.postlist_end(t) ? 0 : *p;
}

hri_status
hri_db_segment_data(hri_db *db, const char *id, char **data, size_t *len)
{
	*data = NULL;
	try {
		Xapian::docid did = segment_docid(*db->rd, id);
		if (!did) {
			db->err = std::string("no segment ") + id;
			return HRI_ERR_NOT_FOUND;
		}
		std::string v = db->rd->get_document(did).get_data();
		*data = (char *)malloc(v.size() + 1);
		if (!*data) {
			db->err = "out of memory";
			return HRI_ERR_NOMEM;
		}
		memcpy(*data, v.data(), v.size());
		(*data)[v.size()] = '\0';
		if (len)
			*len = v.size();
		return HRI_OK;
	}
	HRI_CATCH(db)
}

hri_status
hri_db_segment_set_field(hri_db *db, const char *id, const char *name,
                         const char *value, const char *data, size_t len)
{
	hri_xdoc *scratch = NULL;

	try {
		const field *f = field_find(name);
		if (!db->wr || !f || f->kind != BOOL || f->multi) {
			db->err = db->wr ? std::string("not a single-valued field: ") +
			                       name
			                 : "database opened read-only";
			return HRI_ERR_INVALID;
		}
		Xapian::docid did = segment_docid(*db->wr, id);
		if (!did) {
			db->err = std::string("no segment ") + id;
			return HRI_ERR_NOT_FOUND;
		}
		Xapian::Document d = db->wr->get_document(did);
		/* The field's old terms: its prefix, then a folded value, which
		 * never starts with a capital (so "XC" spares "XCITE..."). */
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
		/* The new term and facet value, made by the one path that makes
		 * them at indexing time. */
		scratch = hri_xdoc_new(NULL);
		if (!scratch) {
			db->err = "out of memory";
			return HRI_ERR_NOMEM;
		}
		hri_status st = hri_xdoc_term(scratch, name, value);
		if (st) {
			db->err = std::string("cannot make the term of ") + name;
			hri_xdoc_free(scratch);
			return st;
		}
		for (Xapian::TermIterator n = scratch->doc.termlist_begin();
		     n != scratch->doc.termlist_end(); ++n)
			d.add_boolean_term(*n);
		const std::string &facet = scratch->facet_vals[f - fields];
		if (f->facet_slot >= 0)
			d.add_value(f->facet_slot, facet); /* "" removes it */
		hri_xdoc_free(scratch);
		scratch = NULL;
		d.set_data(std::string(data, len));
		db->wr->replace_document(did, d);
		return HRI_OK;
	} catch (const Xapian::Error &e) {
		hri_xdoc_free(scratch);
		return fail(db, e);
	} catch (const std::bad_alloc &) {
		hri_xdoc_free(scratch);
		db->err = "out of memory";
		return HRI_ERR_NOMEM;
	} catch (...) {
		hri_xdoc_free(scratch);
		db->err = "unexpected C++ exception";
		return HRI_ERR_INTERNAL;
	}
}

} /* extern "C" */
