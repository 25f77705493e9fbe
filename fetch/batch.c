/* batch.c - fetch a batch of symbols into the store, one record each. */
#include "batch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <glib.h>
#include <jansson.h>

#include "file.h"
#include "format.h"
#include "jsonl.h"
#include "log.h"
#include "marc.h"
#include "mirror.h"
#include "symbol.h"
#include "template.h"
#include "grow.h"

/* Most symbols one batch takes (half a kilobyte each): a whole session is
 * a few thousand. */
#define BATCH_MAX 100000
/* Bytes for a symbol's file name: every byte may become %XX. */
#define FILE_MAX (HRI_SYMBOL_MAX * 3)
/* Longest a server's Cache-Control max-age is honoured, in seconds (a
 * year): past that it is more likely a mistake than a promise. */
#define SERVER_MAX_AGE (365L * 24 * 3600)

/* One symbol of the batch. */
typedef struct item {
	char symbol[HRI_SYMBOL_MAX]; /* normalised */
	char file[FILE_MAX];         /* its file name form */
	char *url;                   /* where it is asked for: the URL, or
	                                file:// and the mirror's file; NULL
	                                when there is none */
	const char *ext;             /* the mirror file's extension */
	hri_status found;            /* HRI_OK when url was made (the mirror
	                                file found, the template expanded) */
	json_t *ref;                 /* what the store last took, or NULL */
	json_t *meta;                /* catalogue metadata, or NULL */
	bool conditional;            /* the request carried validators */
	bool damaged;                /* the store's copy is damaged: fetched
	                                whole, whatever the validators say */
	bool fresh;                  /* checked within the max-age: reported
	                                without asking */
	time_t checked;              /* when it was last checked */
} item;

struct hri_batch {
	hri_batch_opts o;        /* copied */
	hri_store *store;        /* borrowed */
	bool mirror;             /* o.source is a directory */
	char *source_dir;        /* its absolute path */
	const char *tmpl;        /* the URL template otherwise */
	item *items;             /* items[0..n) */
	size_t n, cap;
	GHashTable *seen;        /* symbols already queued */
	hri_batch_stats stats;
	unsigned long done;      /* records written */
	bool doc_unresolved;     /* the documents' host's name did not
	                            resolve: said once */
	bool cat_unresolved;     /* the catalogue's, likewise */
	struct timespec started; /* for the progress rate */
	time_t now;              /* the run's start, for the max-age */
};

/* Writes the UTC time t as ISO 8601 into buf (21 bytes). */
static void
iso_time(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Writes the current UTC time as ISO 8601 into buf (21 bytes). */
static void
now_iso(char *buf, size_t n)
{
	iso_time(time(NULL), buf, n);
}

/* Seconds since the batch started. */
static double
elapsed(const hri_batch *b)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - b->started.tv_sec) +
	       (double)(now.tv_nsec - b->started.tv_nsec) / 1e9;
}

/* Redraws the progress line (a no-op unless stderr is a terminal). */
static void
progress(hri_batch *b)
{
	double secs = elapsed(b);
	double mb = (double)b->stats.bytes / 1e6;

	hri_progress("%lu/%lu, %.1f MB, %.1f MB/s, %lu failed", b->done,
	             b->stats.symbols, mb, secs > 0 ? mb / secs : 0.0,
	             b->stats.failed);
}

/* Sets key of rec to a string, replacing bytes that are not UTF-8 (a
 * symbol typed wrong, a server's header) by "?" so the record is still
 * written. */
static void
set_str(json_t *rec, const char *key, const char *val)
{
	char *copy;
	size_t i;

	if (!val) {
		json_object_set_new(rec, key, json_null());
		return;
	}
	if (hri_json_set_str(rec, key, val) == HRI_OK)
		return;
	copy = strdup(val);
	if (!copy)
		return;
	for (i = 0; copy[i]; i++)
		if ((unsigned char)copy[i] >= 0x80 || (unsigned char)copy[i] < 0x20)
			copy[i] = '?';
	hri_json_set_str(rec, key, copy);
	free(copy);
}

/* Writes rec (stolen) to the output. Returns HRI_ERR_IO when that failed. */
static hri_status
emit(hri_batch *b, json_t *rec)
{
	hri_status st;

	st = hri_jsonl_write(b->o.out, rec);
	json_decref(rec);
	if (st == HRI_OK && fflush(b->o.out) != 0)
		st = HRI_ERR_IO;
	if (st) {
		hri_error("<stdout>", "cannot write: %s", strerror(errno));
		b->stats.fatal = 1;
		return HRI_ERR_IO;
	}
	b->done++;
	progress(b);
	return HRI_OK;
}

/* Returns a new record of type fetched with its first fields. */
static json_t *
record_new(const hri_batch *b, const char *symbol, const char *url)
{
	json_t *rec = json_object();
	char when[32];

	if (!rec)
		return NULL;
	now_iso(when, sizeof when);
	set_str(rec, "type", "fetched");
	set_str(rec, "symbol", symbol);
	set_str(rec, "lang", b->o.lang);
	set_str(rec, "url", url);
	set_str(rec, "fetched_at", when);
	return rec;
}

/* Writes an error record for symbol and reports it on stderr (only with
 * --verbose when quiet: said once for many). http_status is 0 when there
 * was no HTTP answer. */
static hri_status
emit_failure(hri_batch *b, const char *symbol, const char *url,
             long http_status, const char *why, bool quiet)
{
	json_t *rec = record_new(b, symbol, url);

	if (quiet)
		hri_debug(symbol, "%s%s%s", url ? url : "", url ? ": " : "", why);
	else
		hri_error(symbol, "%s%s%s", url ? url : "", url ? ": " : "", why);
	b->stats.failed++;
	if (!rec)
		return HRI_ERR_NOMEM;
	set_str(rec, "status", "error");
	if (http_status)
		json_object_set_new(rec, "http_status", json_integer(http_status));
	else
		json_object_set_new(rec, "http_status", json_null());
	set_str(rec, "error", why);
	return emit(b, rec);
}

/* Writes an error record for symbol and reports it on stderr. */
static hri_status
emit_error(hri_batch *b, const char *symbol, const char *url,
           long http_status, const char *why)
{
	return emit_failure(b, symbol, url, http_status, why, false);
}

/* Says once, for the first transfer r to a host whose name did not
 * resolve, what that means for the run: every document of that host
 * fails alike (hri_http_run() asks it nothing more), so one message
 * stands for them all. what names the transfers ("documents", "catalogue
 * records"); *said is set once it is said. */
static void
say_unresolved(bool *said, const hri_http_result *r, const char *what)
{
	if (*said)
		return;
	*said = true;
	hri_error(NULL, "%s: offline, or no name server? The other %s of this "
	          "run are not asked for (a local mirror: --source DIR)",
	          r->error, what);
}

/* Copies the catalogue fields of src (metadata or a reference) into dst. */
static void
copy_meta(json_t *dst, const json_t *src)
{
	static const char *const keys[] = {"title", "date", "agenda",
	                                   "agenda_title", "subjects"};
	size_t i;
	json_t *v;

	if (!src)
		return;
	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		v = json_object_get(src, keys[i]);
		if (v && !json_is_null(v))
			json_object_set(dst, keys[i], v);
	}
}

/* What is known of a stored document, from a transfer or a reference. */
typedef struct doc {
	const char *url;
	const char *sha;          /* hex sha256 of the raw bytes */
	const char *path;         /* object path */
	unsigned long long bytes; /* raw bytes */
	const char *content_type;
	const char *format;
	const char *status;       /* new, updated, unchanged */
	long http_status;         /* 0 for a mirror, or when not asked */
	const char *etag, *last_modified;
	bool repaired;            /* the store held it damaged: replaced */
	long max_age;             /* seconds its server said a check stays
	                             good (Cache-Control), or -1 for none */
	time_t checked;           /* when last checked, when not asked now;
	                             else 0 */
} doc;

/* Writes the record of a stored document and counts it. */
static hri_status
emit_doc(hri_batch *b, item *it, const doc *d)
{
	json_t *rec = record_new(b, it->symbol, d->url);
	hri_symbol_info info;

	if (!rec)
		return HRI_ERR_NOMEM;
	set_str(rec, "path", d->path);
	set_str(rec, "sha256", d->sha);
	json_object_set_new(rec, "bytes", json_integer((json_int_t)d->bytes));
	set_str(rec, "content_type", d->content_type);
	set_str(rec, "format", d->format);
	set_str(rec, "status", d->status);
	if (d->http_status)
		json_object_set_new(rec, "http_status", json_integer(d->http_status));
	else
		json_object_set_new(rec, "http_status", json_null());
	set_str(rec, "etag", d->etag);
	set_str(rec, "last_modified", d->last_modified);
	if (d->repaired)
		json_object_set_new(rec, "repaired", json_true());
	if (d->checked) {
		char when[32];

		iso_time(d->checked, when, sizeof when);
		set_str(rec, "checked_at", when);
	}
	/* The symbol itself tells the body and session; the catalogue, when
	 * asked, the rest. */
	if (hri_symbol_parse(it->symbol, &info) == HRI_OK) {
		if (info.body)
			set_str(rec, "body", info.body);
		if (info.session > 0)
			json_object_set_new(rec, "session", json_integer(info.session));
	}
	copy_meta(rec, it->ref);
	copy_meta(rec, it->meta);
	if (strcmp(d->status, "new") == 0)
		b->stats.added++;
	else if (strcmp(d->status, "updated") == 0)
		b->stats.updated++;
	else
		b->stats.unchanged++;
	if (d->checked)
		b->stats.fresh++;
	return emit(b, rec);
}

/* Writes the reference of it after a successful fetch, when it differs from
 * the one stored. extra holds source-specific fields (stolen, may be NULL).
 * A failure is reported but not fatal: the object is stored, only the next
 * run will fetch it again. */
static void
save_ref(hri_batch *b, item *it, const doc *d, json_t *extra)
{
	json_t *ref = json_object();
	char when[32];
	hri_status st;

	if (!ref) {
		json_decref(extra);
		return;
	}
	set_str(ref, "symbol", it->symbol);
	set_str(ref, "lang", b->o.lang);
	set_str(ref, "url", d->url);
	set_str(ref, "sha256", d->sha);
	json_object_set_new(ref, "bytes", json_integer((json_int_t)d->bytes));
	set_str(ref, "content_type", d->content_type);
	set_str(ref, "format", d->format);
	set_str(ref, "etag", d->etag);
	set_str(ref, "last_modified", d->last_modified);
	if (d->max_age >= 0)
		json_object_set_new(ref, "max_age", json_integer(d->max_age));
	/* When the content last changed: kept across unchanged reruns. */
	if (strcmp(d->status, "unchanged") == 0 && it->ref &&
	    hri_json_str(it->ref, "stored_at"))
		set_str(ref, "stored_at", hri_json_str(it->ref, "stored_at"));
	else {
		now_iso(when, sizeof when);
		set_str(ref, "stored_at", when);
	}
	copy_meta(ref, it->ref);
	copy_meta(ref, it->meta);
	if (extra)
		json_object_update(ref, extra);
	json_decref(extra);
	/* Written, or unchanged and marked checked: either way its time is
	 * this check's, which the max-age counts from. */
	if (it->ref && json_equal(ref, it->ref)) {
		json_decref(ref);
		st = hri_store_ref_touch(b->store, b->o.lang, it->file);
		if (st)
			hri_error(it->symbol, "cannot mark its store reference checked: %s",
			          hri_status_str(st));
		return;
	}
	st = hri_store_ref_write(b->store, b->o.lang, it->file, ref);
	if (st)
		hri_error(it->symbol, "cannot write its store reference: %s",
		          st == HRI_ERR_IO ? strerror(errno) : hri_status_str(st));
	json_decref(ref);
}

/* Stores data (len bytes, raw) for it and writes its record. Returns
 * HRI_ERR_IO only when the output failed. */
static hri_status
store_doc(hri_batch *b, item *it, doc *d, const unsigned char *data,
          size_t len, json_t *extra)
{
	char sha[HRI_SHA256_HEX];
	char path[PATH_MAX];
	const char *old;
	int created = 0;
	hri_status st;

	st = hri_store_put(b->store, data, len, sha, path, sizeof path, &created);
	if (st) {
		json_decref(extra);
		/* "No space left on device", "File too large": what errno says */
		return emit_error(b, it->symbol, d->url, d->http_status,
		                  st == HRI_ERR_IO ? strerror(errno)
		                                   : hri_status_str(st));
	}
	if (created == HRI_STORE_REPAIRED) {
		hri_info(it->symbol, "the store's copy %s was damaged: replaced", sha);
		d->repaired = true;
	}
	old = it->ref ? hri_json_str(it->ref, "sha256") : NULL;
	d->sha = sha;
	d->path = path;
	d->bytes = len;
	d->status = !old ? "new" : strcmp(old, sha) == 0 ? "unchanged" : "updated";
	save_ref(b, it, d, extra);
	return emit_doc(b, it, d);
}

/* Reads the reference of it from the store, if any; an unreadable one is
 * as none (the next fetch writes it anew). */
static void
load_ref(hri_batch *b, item *it)
{
	hri_status st;

	json_decref(it->ref);
	it->ref = NULL;
	st = hri_store_ref_read(b->store, b->o.lang, it->file, &it->ref);
	if (st && st != HRI_ERR_NOT_FOUND)
		hri_error(it->symbol, "store reference unreadable (%s), fetching anew",
		          hri_status_str(st));
	if (!it->ref)
		return;
	/* A reference whose object is gone is no reference; one whose object
	 * is damaged (cut short: its size is not the one stored) is fetched
	 * whole again, and the object replaced. */
	st = hri_json_str(it->ref, "sha256")
	             ? hri_store_check(b->store, hri_json_str(it->ref, "sha256"),
	                               (unsigned long long)hri_json_int(it->ref, "bytes", 0), 0)
	             : HRI_ERR_NOT_FOUND;
	if (st == HRI_ERR_NOT_FOUND) {
		json_decref(it->ref);
		it->ref = NULL;
	} else if (st) {
		hri_error(it->symbol, "the store's copy %s is damaged: fetching it "
		          "again", hri_json_str(it->ref, "sha256"));
		it->damaged = true;
	}
}

/* Fills d from the reference of it for an unchanged document. */
static void
doc_from_ref(hri_batch *b, item *it, doc *d, char *path, size_t pathsz)
{
	d->sha = hri_json_str(it->ref, "sha256");
	if (hri_store_path(b->store, d->sha, path, pathsz) == HRI_OK)
		d->path = path;
	d->bytes = (unsigned long long)hri_json_int(it->ref, "bytes", 0);
	d->content_type = hri_json_str(it->ref, "content_type");
	d->format = hri_json_str(it->ref, "format");
	d->etag = hri_json_str(it->ref, "etag");
	d->last_modified = hri_json_str(it->ref, "last_modified");
	d->max_age = json_is_integer(json_object_get(it->ref, "max_age"))
	                     ? (long)hri_json_int(it->ref, "max_age", 0)
	                     : -1;
	d->status = "unchanged";
}

/* Returns the seconds a check of the document of it stays good: the
 * max-age asked for (--max-age wins), else what its server said with it
 * (Cache-Control), else none. */
static long
max_age(const hri_batch *b, const item *it)
{
	json_int_t v;

	if (b->o.max_age >= 0)
		return b->o.max_age;
	v = hri_json_int(it->ref, "max_age", 0);
	return v > 0 ? (long)v : 0;
}

/* Decides whether the document of it was checked at its address less than
 * its max-age ago, so that it is reported unchanged without asking; sets
 * it->fresh and it->checked. A check time in the future (a clock set back,
 * a store copied in) counts as none. */
static void
judge_fresh(hri_batch *b, item *it)
{
	const char *refurl;
	long age = max_age(b, it);

	it->fresh = false;
	/* a damaged copy is fetched again whatever the window */
	if (b->o.force || it->damaged || !it->ref || !it->url || age <= 0)
		return;
	refurl = hri_json_str(it->ref, "url");
	if (!refurl || strcmp(refurl, it->url) != 0)
		return;
	if (hri_store_ref_checked(b->store, b->o.lang, it->file, &it->checked))
		return;
	it->fresh = b->now >= it->checked && b->now - it->checked < age;
}

/* Writes the record of it, checked within its max-age: unchanged, from its
 * reference, without asking. */
static hri_status
emit_fresh(hri_batch *b, item *it)
{
	char path[PATH_MAX];
	doc d;

	memset(&d, 0, sizeof d);
	doc_from_ref(b, it, &d, path, sizeof path);
	d.url = it->url;
	d.checked = it->checked;
	hri_debug(it->symbol, "not asked: checked %lld s ago",
	          (long long)(b->now - it->checked));
	return emit_doc(b, it, &d);
}

/* Reads a Cache-Control value (the lines joined): the seconds of max-age,
 * capped at SERVER_MAX_AGE; 0 for no-cache or no-store (ask every time)
 * and for a max-age that is no number; -1 when it says neither. */
static long
cache_max_age(const char *cc)
{
	const char *p = cc, *end;
	long age = -1;
	bool never = false;

	if (!cc)
		return -1;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		end = p + strcspn(p, ",");
		if (strncasecmp(p, "no-cache", 8) == 0 ||
		    strncasecmp(p, "no-store", 8) == 0) {
			never = true;
		} else if (strncasecmp(p, "max-age", 7) == 0) {
			const char *v = p + 7 + strspn(p + 7, " ");
			long n;

			/* max-age=N or max-age="N"; anything else: stale at once */
			age = 0;
			if (*v == '=') {
				v++;
				v += *v == '"';
				if (*v >= '0' && *v <= '9') {
					errno = 0;
					n = strtol(v, NULL, 10);
					age = errno == ERANGE || n > SERVER_MAX_AGE
					              ? SERVER_MAX_AGE : n;
				}
			}
		}
		p = end;
	}
	return never ? 0 : age;
}

/* Takes the document of it from the mirror directory. */
static hri_status
run_mirror_one(hri_batch *b, item *it)
{
	char path[PATH_MAX];
	const char *file, *ext = it->ext;
	unsigned char *data = NULL;
	size_t len = 0;
	struct stat sb;
	doc d;
	json_t *extra = NULL;
	char why[256];
	hri_status st;

	memset(&d, 0, sizeof d);
	d.max_age = -1;
	if (it->found == HRI_ERR_NOT_FOUND)
		return emit_error(b, it->symbol, NULL, 0, "not found");
	if (it->found)
		return emit_error(b, it->symbol, NULL, 0, hri_status_str(it->found));
	if (it->fresh)
		return emit_fresh(b, it);
	d.url = it->url;
	file = it->url + strlen("file://");
	if (stat(file, &sb) != 0)
		return emit_error(b, it->symbol, d.url, 0, strerror(errno));
	extra = json_pack("{s:I,s:I}", "source_size", (json_int_t)sb.st_size,
	                  "source_mtime_ns",
	                  (json_int_t)((long long)sb.st_mtim.tv_sec * 1000000000LL +
	                               sb.st_mtim.tv_nsec));
	/* Same file, same size, same modification time as last run: unchanged,
	 * without reading it. */
	if (!b->o.force && !it->damaged && it->ref && extra &&
	    hri_json_str(it->ref, "url") &&
	    strcmp(hri_json_str(it->ref, "url"), d.url) == 0 &&
	    json_equal(json_object_get(it->ref, "source_size"),
	               json_object_get(extra, "source_size")) &&
	    json_equal(json_object_get(it->ref, "source_mtime_ns"),
	               json_object_get(extra, "source_mtime_ns"))) {
		doc_from_ref(b, it, &d, path, sizeof path);
		d.url = it->url;
		save_ref(b, it, &d, extra); /* metadata may be new */
		return emit_doc(b, it, &d);
	}
	if ((unsigned long long)sb.st_size > b->o.http.max_size) {
		json_decref(extra);
		snprintf(why, sizeof why, "larger than %zu bytes", b->o.http.max_size);
		return emit_error(b, it->symbol, d.url, 0, why);
	}
	/* A gzip file in the mirror is read inflated, as its document. */
	st = hri_file_read(file, b->o.http.max_size, &data, &len);
	if (st == HRI_ERR_NOT_FILE && hri_file_kind(file)) {
		snprintf(why, sizeof why, "not a regular file but %s",
		         hri_file_kind(file));
		json_decref(extra);
		return emit_error(b, it->symbol, d.url, 0, why);
	}
	if (st) {
		snprintf(why, sizeof why, "%s",
		         st == HRI_ERR_IO ? strerror(errno) : hri_status_str(st));
		json_decref(extra);
		return emit_error(b, it->symbol, d.url, 0, why);
	}
	b->stats.bytes += len;
	d.format = hri_format_detect(data, len, ext);
	if (!d.format) {
		free(data);
		json_decref(extra);
		return emit_error(b, it->symbol, d.url, 0,
		                  "content is none of " HRI_FORMAT_NAMES);
	}
	if (!hri_format_whole(d.format, data, len, why, sizeof why)) {
		free(data);
		json_decref(extra);
		return emit_error(b, it->symbol, d.url, 0, why);
	}
	d.content_type = hri_format_mime(d.format);
	st = store_doc(b, it, &d, data, len, extra);
	free(data);
	return st;
}

/* Handles the end of one document transfer. */
static void
doc_done(const hri_http_result *r, void *item_ud, void *ud)
{
	hri_batch *b = ud;
	item *it = item_ud;
	char why[512], path[PATH_MAX];
	const char *detected, *hint;
	doc d;

	if (b->stats.fatal)
		return;
	memset(&d, 0, sizeof d);
	d.url = it->url;
	d.http_status = r->status;
	d.max_age = cache_max_age(r->cache_control);
	if (r->st && r->unresolved) {
		say_unresolved(&b->doc_unresolved, r, "documents");
		b->stats.unresolved++;
		emit_failure(b, it->symbol, it->url, r->status, r->error, true);
		return;
	}
	if (r->st) {
		emit_error(b, it->symbol, it->url, r->status, r->error);
		return;
	}
	b->stats.bytes += r->len;
	if (r->status == 304 && it->conditional && it->ref) {
		long age = d.max_age;

		/* what the 304 does not say, the stored answer still does */
		doc_from_ref(b, it, &d, path, sizeof path);
		d.url = it->url;
		d.http_status = 304;
		if (r->etag)
			d.etag = r->etag;
		if (r->last_modified)
			d.last_modified = r->last_modified;
		if (age >= 0)
			d.max_age = age;
		save_ref(b, it, &d, NULL);
		emit_doc(b, it, &d);
		return;
	}
	if (r->status == 404 || r->status == 410) {
		emit_error(b, it->symbol, it->url, r->status, "not found");
		return;
	}
	if (r->status < 200 || r->status > 299) {
		snprintf(why, sizeof why, "HTTP %ld%s", r->status,
		         r->attempts > 1 ? " (retries exhausted)" : "");
		emit_error(b, it->symbol, it->url, r->status, why);
		return;
	}
	/* Text and Markdown look alike: the format asked for tells them
	 * apart, else the server's Content-Type. */
	hint = b->o.format ? b->o.format : hri_format_from_mime(r->content_type);
	detected = hri_format_detect(r->body, r->len, hint);
	if (!hri_format_check(b->o.format, r->content_type, detected, why,
	                      sizeof why)) {
		emit_error(b, it->symbol, it->url, r->status, why);
		return;
	}
	/* A body without a length cut mid-transfer would replace a good copy */
	if (!hri_format_whole(detected, r->body, r->len, why, sizeof why)) {
		emit_error(b, it->symbol, it->url, r->status, why);
		return;
	}
	d.format = detected;
	d.content_type = r->content_type ? r->content_type : hri_format_mime(detected);
	d.etag = r->etag;
	d.last_modified = r->last_modified;
	store_doc(b, it, &d, r->body, r->len, NULL);
}

/* Handles the end of one catalogue transfer: keeps the metadata on the
 * item. A failure costs only the metadata, never the document. */
static void
catalogue_done(const hri_http_result *r, void *item_ud, void *ud)
{
	item *it = item_ud;
	char err[256];
	hri_status st;

	if (r->st && r->unresolved) {
		say_unresolved(&((hri_batch *)ud)->cat_unresolved, r,
		               "catalogue records");
		return;
	}
	if (r->st) {
		hri_error(it->symbol, "catalogue: %s: %s", r->url, r->error);
		return;
	}
	if (r->status != 200) {
		hri_error(it->symbol, "catalogue: %s: HTTP %ld", r->url, r->status);
		return;
	}
	json_decref(it->meta);
	it->meta = NULL;
	st = hri_marc_parse((const char *)r->body, r->len, it->symbol, &it->meta,
	                    err, sizeof err);
	if (st == HRI_ERR_NOT_FOUND)
		hri_info(it->symbol, "catalogue: no record");
	else if (st)
		hri_error(it->symbol, "catalogue: %s: %s", r->url, err);
}

/* Expands template t for it into a new URL. */
static hri_status
item_url(const hri_batch *b, const item *it, const char *t, char **url)
{
	hri_template_vars v = {it->symbol, it->file, b->o.lang,
	                       b->o.format ? b->o.format : "pdf"};

	return hri_template_expand(t, &v, url);
}

/* Fetches the catalogue metadata of every item. */
static hri_status
run_catalogue(hri_batch *b)
{
	const char *t = b->o.catalogue ? b->o.catalogue : HRI_FETCH_CATALOGUE;
	hri_http *h = hri_http_new(&b->o.http);
	char *url = NULL;
	size_t i;
	hri_status st = HRI_OK;

	if (!h)
		return HRI_ERR_NOMEM;
	for (i = 0; i < b->n; i++) {
		/* checked within the max-age, with the catalogue's fields kept:
		 * no request for it at all */
		if (b->items[i].fresh && hri_json_str(b->items[i].ref, "title"))
			continue;
		st = item_url(b, &b->items[i], t, &url);
		if (st == HRI_OK)
			st = hri_http_add(h, url, NULL, NULL, &b->items[i]);
		if (st)
			hri_error(b->items[i].symbol, "catalogue: %s: %s",
			          url ? url : t, hri_status_str(st));
		free(url);
		url = NULL;
		if (st == HRI_ERR_NOMEM)
			goto out;
	}
	st = hri_http_run(h, catalogue_done, b);
out:
	hri_http_free(h);
	return st;
}

/* Fetches every item's document over HTTP. */
static hri_status
run_http(hri_batch *b)
{
	hri_http *h = hri_http_new(&b->o.http);
	const char *etag, *lm, *refurl;
	size_t i;
	hri_status st = HRI_OK;

	if (!h)
		return HRI_ERR_NOMEM;
	for (i = 0; i < b->n; i++) {
		item *it = &b->items[i];

		if (it->found || it->fresh) {
			st = it->found ? emit_error(b, it->symbol, NULL, 0,
			                            hri_status_str(it->found))
			               : emit_fresh(b, it);
			if (st == HRI_ERR_IO)
				goto out;
			continue;
		}
		etag = lm = NULL;
		refurl = it->ref ? hri_json_str(it->ref, "url") : NULL;
		/* Validators only for the same address: another source's ETag
		 * means nothing here. */
		if (!b->o.force && !it->damaged && refurl &&
		    strcmp(refurl, it->url) == 0) {
			etag = hri_json_str(it->ref, "etag");
			lm = hri_json_str(it->ref, "last_modified");
		}
		it->conditional = etag || lm;
		st = hri_http_add(h, it->url, etag, lm, it);
		if (st) {
			st = emit_error(b, it->symbol, it->url, 0, hri_status_str(st));
			if (st == HRI_ERR_IO)
				goto out;
		}
	}
	st = hri_http_run(h, doc_done, b);
	if (st == HRI_OK && b->stats.fatal)
		st = HRI_ERR_IO;
out:
	hri_http_free(h);
	return st;
}

hri_status
hri_batch_new(const hri_batch_opts *o, hri_store *s, hri_batch **out,
              char *err, size_t errsz)
{
	hri_batch *b = NULL;
	char dir[PATH_MAX];
	struct stat sb;
	unsigned long temps = 0;
	hri_status st = HRI_OK;

	*out = NULL;
	b = calloc(1, sizeof *b);
	if (!b) {
		snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
		return HRI_ERR_NOMEM;
	}
	b->o = *o;
	b->store = s;
	if (!b->o.http.max_size)
		b->o.http.max_size = 100u * 1024 * 1024;
	b->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!o->source) {
		b->tmpl = HRI_FETCH_ODS;
	} else if (hri_template_is_url(o->source)) {
		if (strncmp(o->source, "http://", 7) != 0 &&
		    strncmp(o->source, "https://", 8) != 0) {
			snprintf(err, errsz, "%s: only http and https URLs (or a mirror "
			         "directory)", o->source);
			st = HRI_ERR_INVALID;
			goto out;
		}
		b->tmpl = o->source;
	} else {
		if (stat(o->source, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
		    !realpath(o->source, dir)) {
			snprintf(err, errsz, "%s: not a directory nor a URL template",
			         o->source);
			st = HRI_ERR_INVALID;
			goto out;
		}
		b->mirror = true;
		b->source_dir = strdup(dir);
		if (!b->source_dir) {
			snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
			st = HRI_ERR_NOMEM;
			goto out;
		}
	}
	/* The caller holds the writer lock: any temporary file is a killed
	 * run's, which nothing else would ever remove. */
	if (hri_store_remove_temps(s, &temps) == HRI_OK && temps)
		hri_info(NULL, "removed %lu temporary files a killed run left in "
		         "the store", temps);
	clock_gettime(CLOCK_MONOTONIC, &b->started);
	*out = b;
	b = NULL;
out:
	hri_batch_free(b);
	return st;
}

void
hri_batch_free(hri_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->items[i].url);
		json_decref(b->items[i].ref);
		json_decref(b->items[i].meta);
	}
	free(b->items);
	if (b->seen)
		g_hash_table_destroy(b->seen);
	free(b->source_dir);
	free(b);
}

/* Context of add_one(). */
typedef struct add_ctx {
	hri_batch *b;
	hri_status st; /* the first failure */
} add_ctx;

/* Queues one normalised symbol (hri_symbol_expand's callback). Returns
 * nonzero to stop the expansion. */
static int
add_one(const char *symbol, void *ud)
{
	add_ctx *c = ud;
	hri_batch *b = c->b;
	item *it;
	hri_status st;

	if (g_hash_table_contains(b->seen, symbol)) {
		hri_debug(symbol, "given twice, fetched once");
		return 0;
	}
	if (b->n >= BATCH_MAX) {
		c->st = HRI_ERR_TOO_BIG;
		return 1;
	}
	if (hri_grow(&b->items, b->n, &b->cap, sizeof *b->items, 64)) {
		c->st = HRI_ERR_NOMEM;
		return 1;
	}
	it = &b->items[b->n];
	memset(it, 0, sizeof *it);
	snprintf(it->symbol, sizeof it->symbol, "%s", symbol);
	st = hri_symbol_filename(it->symbol, it->file, sizeof it->file);
	if (st) {
		c->st = emit_error(b, symbol, NULL, 0, "no file name for this symbol");
		return c->st != HRI_OK;
	}
	g_hash_table_add(b->seen, g_strdup(symbol));
	b->n++;
	b->stats.symbols++;
	return 0;
}

hri_status
hri_batch_add(hri_batch *b, const char *text, size_t len)
{
	add_ctx c = {b, HRI_OK};
	char shown[HRI_SYMBOL_MAX + 4];
	hri_status st;

	st = hri_symbol_expand(text, len, add_one, &c);
	if (c.st)
		return c.st;
	if (st == HRI_OK)
		return HRI_OK;
	if (st == HRI_ERR_NOMEM)
		return st;
	/* Show the text as given, cut to a readable length. */
	if (len >= HRI_SYMBOL_MAX)
		snprintf(shown, sizeof shown, "%.*s...", HRI_SYMBOL_MAX - 1, text);
	else
		snprintf(shown, sizeof shown, "%.*s", (int)len, text);
	b->stats.symbols++;
	return emit_error(b, shown, NULL, 0,
	                  st == HRI_ERR_TOO_BIG ? "range too large"
	                                        : "not a UN document symbol");
}

/* Prepares it for the run: what the store last took, where its document is
 * asked for (it->url; it->found says why there is none) and whether it was
 * checked within its max-age. Returns HRI_ERR_NOMEM, else HRI_OK. */
static hri_status
prepare(hri_batch *b, item *it)
{
	char file[PATH_MAX];
	size_t n;

	load_ref(b, it);
	if (b->mirror) {
		it->found = hri_mirror_find(b->source_dir, it->file, b->o.lang,
		                            b->o.format, file, sizeof file, &it->ext);
		if (it->found)
			return HRI_OK;
		n = strlen(file) + sizeof "file://";
		it->url = malloc(n);
		if (!it->url)
			return HRI_ERR_NOMEM;
		snprintf(it->url, n, "file://%s", file);
	} else {
		it->found = item_url(b, it, b->tmpl, &it->url);
		if (it->found)
			return HRI_OK;
	}
	judge_fresh(b, it);
	return HRI_OK;
}

hri_status
hri_batch_run(hri_batch *b)
{
	size_t i;
	hri_status st = HRI_OK;

	b->now = time(NULL);
	for (i = 0; i < b->n; i++) {
		st = prepare(b, &b->items[i]);
		if (st) {
			hri_error(NULL, "%s", hri_status_str(st));
			return st;
		}
	}
	if (b->o.metadata && b->n > 0) {
		st = run_catalogue(b);
		if (st)
			return st;
	}
	if (b->mirror) {
		for (i = 0; i < b->n && st == HRI_OK; i++)
			st = run_mirror_one(b, &b->items[i]);
		if (st == HRI_ERR_NOMEM)
			hri_error(NULL, "%s", hri_status_str(st));
	} else if (b->n > 0) {
		st = run_http(b);
	}
	hri_progress_end();
	if (b->stats.fatal)
		return HRI_ERR_IO;
	return st == HRI_ERR_IO ? st : HRI_OK;
}

const hri_batch_stats *
hri_batch_stats_get(const hri_batch *b)
{
	return &b->stats;
}
