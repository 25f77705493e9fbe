/* xapian_open.cc - opening and closing databases in the Xapian shim: a
 * writable database behind its lock, and read-only sets of shards, local or
 * remote, listed by directories and Xapian stub files. */
#include "xapian_private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <fstream>

namespace hri {

/* Opens the writable database, retrying while locked until wait seconds
 * have passed. Throws what Xapian throws. */
static std::unique_ptr<Xapian::WritableDatabase>
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
			return std::unique_ptr<Xapian::WritableDatabase>(
			    new Xapian::WritableDatabase(path,
			                                 Xapian::DB_CREATE_OR_OPEN));
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
	char *err;           /* the message of a failure (errsz bytes) */
	size_t errsz;
};

static hri_status open_path(set_open &so, const std::string &path,
                            int depth);

/* Adds an open database to the set. */
static hri_status
add_shard(set_open &so, const std::string &name, const Xapian::Database &d,
          bool remote)
{
	if (so.db->shards.size() >= set_max) {
		msg_printf(so.err, so.errsz, "more than %zu databases", set_max);
		return HRI_ERR_TOO_BIG;
	}
	so.db->shards.push_back(shard{name, d, remote, nullptr});
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
	std::function<Xapian::Database()> connect;
	unsigned t = so.timeout_ms;
	bool lost = false;

	try {
		if (!spec.empty() && spec[0] == ':') {
			size_t sp = spec.find(' ');
			std::string prog = spec.substr(1, sp == std::string::npos
			                                      ? std::string::npos
			                                      : sp - 1);
			std::string args = sp == std::string::npos ? ""
			                                           : spec.substr(sp + 1);
			name = spec.substr(1);
			connect = [prog, args, t] {
				return Xapian::Remote::open(prog, args, t);
			};
			d = connect();
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
				msg_printf(so.err, so.errsz, "%s: not HOST:PORT: %s",
				           where.c_str(), spec.c_str());
				return HRI_ERR_DB;
			}
			name = spec;
			connect = [host, p, t] {
				return Xapian::Remote::open(host, (unsigned)p, t, t);
			};
			d = connect();
		}
	} catch (const Xapian::NetworkError &e) {
		if (!so.db->partial) {
			network_msg(e, name.c_str(), so.err, so.errsz);
			return HRI_ERR_NETWORK;
		}
		lost = true;
	}
	if (lost) {
		so.db->missing.push_back(name);
		return HRI_OK;
	}
	hri_status st = add_shard(so, name, d, true);
	if (!st)
		so.db->shards.back().connect = connect;
	return st;
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
		msg_printf(so.err, so.errsz, "%s: %s", file.c_str(), strerror(errno));
		return HRI_ERR_IO;
	}
	if (slash != std::string::npos)
		dir = slash ? file.substr(0, slash) : "/";
	while (std::getline(in, line)) {
		lineno++;
		std::string where = file + ":" + std::to_string(lineno);
		if (line.size() > stub_line_max) {
			msg_printf(so.err, so.errsz, "%s: line too long", where.c_str());
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
			msg_printf(so.err, so.errsz, "%s: bad line: %s", where.c_str(),
			           line.c_str());
			return HRI_ERR_DB;
		}
		if (type == "auto" || type == "glass" || type == "chert") {
			st = open_path(so, rest[0] == '/' ? rest : dir + "/" + rest,
			               depth + 1);
		} else if (type == "remote") {
			if (rest.compare(0, 4, "tcp ") == 0) {
				msg_printf(so.err, so.errsz,
				           "%s: bad line: %s (Xapian's syntax is remote "
				           "HOST:PORT)", where.c_str(), line.c_str());
				return HRI_ERR_DB;
			}
			st = open_remote(so, rest, where);
		} else {
			msg_printf(so.err, so.errsz,
			           "%s: bad line: %s (not a Xapian database or stub "
			           "file)", where.c_str(), line.c_str());
			return HRI_ERR_DB;
		}
		if (st)
			return st;
	}
	if (in.bad()) {
		msg_printf(so.err, so.errsz, "%s: read error", file.c_str());
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
		msg_printf(so.err, so.errsz, "%s: stubs nested too deep",
		           path.c_str());
		return HRI_ERR_DB;
	}
	if (stat(path.c_str(), &sb) != 0) {
		msg_printf(so.err, so.errsz, "no database at %s", path.c_str());
		return HRI_ERR_NOT_FOUND;
	}
	if (!S_ISDIR(sb.st_mode))
		return open_stub(so, path, depth);
	if (stat(stub.c_str(), &sb) == 0)
		return open_stub(so, stub, depth);
	try {
		return add_shard(so, path, Xapian::Database(path), false);
	} catch (const Xapian::DatabaseNotFoundError &e) {
		msg_printf(so.err, so.errsz, "%s: not a Xapian database",
		           path.c_str());
	} catch (const Xapian::DatabaseOpeningError &e) {
		msg_printf(so.err, so.errsz, "%s: not a Xapian database (%s)",
		           path.c_str(), e.get_msg().c_str());
	}
	return HRI_ERR_DB;
}

void
combine(hri_db *db)
{
	std::unique_ptr<Xapian::Database> all(new Xapian::Database());

	for (const shard &s : db->shards)
		all->add_database(s.db);
	db->rd = std::move(all);
}

/* Opens the read-only set of paths into the new db; a failure's message
 * goes into err (errsz bytes). Throws what Xapian throws. */
static hri_status
open_set(hri_db *db, const char *const *paths, size_t n,
         const hri_db_set_opts *opts, char *err, size_t errsz)
{
	set_open so;
	double t = opts && opts->timeout > 0 ? opts->timeout : 10;
	hri_status st;

	so.db = db;
	so.timeout_ms = t > 86400 ? 86400000u : (unsigned)(t * 1000);
	so.err = err;
	so.errsz = errsz;
	db->partial = opts && opts->partial;
	for (size_t i = 0; i < n; i++) {
		st = open_path(so, paths[i], 0);
		if (st)
			return st;
	}
	if (db->shards.empty()) {
		if (!db->missing.empty()) {
			msg_printf(err, errsz, "no shard answered (%s%s)",
			           db->missing[0].c_str(),
			           db->missing.size() > 1 ? ", ..." : "");
			return HRI_ERR_NETWORK;
		}
		msg_printf(err, errsz, "%s: lists no database", n ? paths[0] : "");
		return HRI_ERR_NOT_FOUND;
	}
	combine(db);
	return HRI_OK;
}

} /* namespace hri */

using namespace hri;

hri_db::~hri_db()
{
	try {
		if (wr && in_txn)
			wr->cancel_transaction();
	} catch (...) {
		/* Closing drops whatever was not committed anyway. */
	}
	try {
		if (wr)
			wr->close();
	} catch (...) {
	}
}

extern "C" {

hri_status
hri_db_open_set(const char *const *paths, size_t n,
                const hri_db_set_opts *opts, hri_db **out, char *err,
                size_t errsz)
{
	const char *first = n ? paths[0] : "";

	*out = NULL;
	try {
		std::unique_ptr<hri_db> db(new hri_db(first));
		hri_status st = open_set(db.get(), paths, n, opts, err, errsz);
		if (st)
			return st;
		*out = db.release();
		return HRI_OK;
	}
	HRI_CATCH(err, errsz, first)
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

const char *
hri_db_local(const hri_db *db, size_t i)
{
	for (const shard &s : db->shards)
		if (!s.remote && i-- == 0)
			return s.name.c_str();
	return NULL;
}

hri_status
hri_db_open(const char *path, int mode, double wait, hri_db **out, char *err,
            size_t errsz)
{
	*out = NULL;
	try {
		std::unique_ptr<hri_db> db(new hri_db(path));
		if (mode == HRI_DB_WRITE) {
			std::unique_ptr<Xapian::WritableDatabase> w =
			    open_writable(db->path, wait);
			db->wr = w.get();
			db->rd = std::move(w);
		} else {
			hri_status st = open_set(db.get(), &path, 1, NULL, err, errsz);
			if (st)
				return st;
		}
		*out = db.release();
		return HRI_OK;
	}
	HRI_CATCH(err, errsz, path)
}

void
hri_db_free(hri_db *db)
{
	delete db;
}

const char *
hri_db_errmsg(const hri_db *db)
{
	return db ? db->err : "";
}

hri_status
hri_db_reopen(hri_db *db)
{
	try {
		return partial_run(db, [db] {
			db->rd->reopen();
			return HRI_OK;
		});
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
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
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

} /* extern "C" */
