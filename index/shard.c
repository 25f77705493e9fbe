/* shard.c - a set of shards written by hri-index --shard. */
#define _POSIX_C_SOURCE 200809L
#include "shard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "jsonl.h"
#include "xapian.h"

/* Most shards in one set (hri_db_open_set() reads as many). */
#define SHARDS_MAX 4096

/* Longest shard name, in bytes with the NUL. */
#define NAME_MAX_LEN 64

/* Longest session text kept in a shard name. */
#define SESSION_MAX 40

/* One shard of the set. */
struct shard {
	char name[NAME_MAX_LEN];  /* "session-28" */
	hri_db *db;               /* writable, or NULL until needed */
	hri_indexer *ix;          /* its indexer, with db */
};

struct hri_shardset {
	char dir[PATH_MAX];       /* the set's directory */
	hri_shard_key key;
	double wait;              /* seconds to wait for a writer's lock */
	struct shard *shards;     /* nshards of them, allocated cap */
	size_t nshards, cap;
	struct shard *cur;        /* the shard of the current document */
	char symbol[256];         /* the current document's symbol */
	unsigned long moved;      /* segments deleted from other shards */
	unsigned long skipped;    /* records of no shard: other types, errors */
	unsigned long positions;  /* position records, each counted once */
};

hri_status
hri_shard_key_parse(const char *spec, hri_shard_key *key)
{
	unsigned long n;
	char *end;

	if (strcmp(spec, "session") == 0) {
		*key = (hri_shard_key){HRI_SHARD_SESSION, 0};
		return HRI_OK;
	}
	if (strcmp(spec, "year") == 0) {
		*key = (hri_shard_key){HRI_SHARD_YEAR, 0};
		return HRI_OK;
	}
	if (strncmp(spec, "hash:", 5) != 0 || spec[5] < '1' || spec[5] > '9')
		return HRI_ERR_INVALID;
	errno = 0;
	n = strtoul(spec + 5, &end, 10);
	if (*end || errno || n > SHARDS_MAX)
		return HRI_ERR_INVALID;
	*key = (hri_shard_key){HRI_SHARD_HASH, (unsigned)n};
	return HRI_OK;
}

unsigned long
hri_shard_hash(const char *symbol)
{
	unsigned long h = 2166136261UL;
	const unsigned char *p;

	for (p = (const unsigned char *)symbol; *p; p++) {
		unsigned char c = *p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		h ^= c;
		h = (h * 16777619UL) & 0xffffffffUL;
	}
	return h;
}

/* Returns the year of an ISO date ("2014-06-30"), or 0. */
static int
year_of(const char *date)
{
	int y = 0, i;

	if (!date)
		return 0;
	for (i = 0; i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + (date[i] - '0');
	}
	return y;
}

/* Writes the session of rec as a name part into out: letters, digits, ".",
 * "-" kept, lower case, anything else "_", at most SESSION_MAX bytes; "none"
 * when there is none. */
static void
session_part(const json_t *rec, char *out, size_t outsz)
{
	const json_t *v = json_object_get(rec, "session");
	char buf[64];
	const char *s = NULL;
	size_t i, n = 0;

	if (json_is_string(v)) {
		s = json_string_value(v);
	} else if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		s = buf;
	}
	for (i = 0; s && s[i] && n < SESSION_MAX && n + 1 < outsz; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-'))
			c = '_';
		out[n++] = c;
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, outsz, "none");
}

hri_status
hri_shard_name(const hri_shard_key *key, const json_t *rec, char *out,
               size_t outsz)
{
	const char *sym = hri_json_str(rec, "symbol");
	char part[SESSION_MAX + 8];
	int w = -1, y;

	switch (key->kind) {
	case HRI_SHARD_SESSION:
		session_part(rec, part, sizeof part);
		w = snprintf(out, outsz, "session-%s", part);
		break;
	case HRI_SHARD_YEAR:
		y = (int)hri_json_int(rec, "year", year_of(hri_json_str(rec, "date")));
		if (y > 0 && y < 10000)
			w = snprintf(out, outsz, "year-%d", y);
		else
			w = snprintf(out, outsz, "year-none");
		break;
	case HRI_SHARD_HASH:
		if (!sym || !*sym || key->n == 0)
			return HRI_ERR_INVALID;
		w = snprintf(out, outsz, "hash-%lu-of-%u",
		             hri_shard_hash(sym) % key->n, key->n);
		break;
	default: return HRI_ERR_INVALID;
	}
	return w < 0 || (size_t)w >= outsz ? HRI_ERR_INVALID : HRI_OK;
}

/* Returns the kind of set the directory name belongs to (enum
 * hri_shard_kind), 0 when it is no shard's; *n gets a hash set's size. */
static int
name_kind(const char *name, unsigned *n)
{
	unsigned long i, of;
	char *end;

	*n = 0;
	if (strncmp(name, "session-", 8) == 0 && name[8])
		return HRI_SHARD_SESSION;
	if (strncmp(name, "year-", 5) == 0 && name[5])
		return HRI_SHARD_YEAR;
	if (strncmp(name, "hash-", 5) != 0)
		return 0;
	i = strtoul(name + 5, &end, 10);
	if (end == name + 5 || strncmp(end, "-of-", 4) != 0)
		return 0;
	of = strtoul(end + 4, &end, 10);
	if (*end || of == 0 || i >= of || of > SHARDS_MAX)
		return 0;
	*n = (unsigned)of;
	return HRI_SHARD_HASH;
}

/* Returns 1 when dir/name holds a Xapian database. */
static int
is_database(const char *dir, const char *name)
{
	static const char *const marks[] = {"iamglass", "iamchert",
	                                    "iamhoneycomb"};
	char path[PATH_MAX];
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		if (snprintf(path, sizeof path, "%s/%s/%s", dir, name, marks[i]) >=
		    (int)sizeof path)
			return 0;
		if (stat(path, &sb) == 0)
			return 1;
	}
	return 0;
}

/* qsort comparison of shard names, numbers in them by value. */
static int
cmp_names(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	while (*x && *y) {
		if (*x >= '0' && *x <= '9' && *y >= '0' && *y <= '9') {
			char *ex, *ey;
			unsigned long nx = strtoul(x, &ex, 10);
			unsigned long ny = strtoul(y, &ey, 10);
			if (nx != ny)
				return nx < ny ? -1 : 1;
			x = ex;
			y = ey;
			continue;
		}
		if (*x != *y)
			return (unsigned char)*x - (unsigned char)*y;
		x++;
		y++;
	}
	return (unsigned char)*x - (unsigned char)*y;
}

/* Lists the names of the shard databases in dir into a new array of new
 * strings (*names, *n); free each and the array. */
static hri_status
list_shards(const char *dir, char ***names, size_t *n, char *err,
            size_t errsz)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, **nv;
	size_t cnt = 0, cap = 0;
	unsigned of;
	hri_status st = HRI_OK;

	*names = NULL;
	*n = 0;
	if (!d) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		return HRI_ERR_IO;
	}
	for (;;) {
		errno = 0;
		e = readdir(d);
		if (!e)
			break;
		if (!name_kind(e->d_name, &of) ||
		    strlen(e->d_name) >= NAME_MAX_LEN || !is_database(dir, e->d_name))
			continue;
		if (cnt == SHARDS_MAX) {
			snprintf(err, errsz, "%s: more than %d shards", dir, SHARDS_MAX);
			st = HRI_ERR_TOO_BIG;
			goto out;
		}
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				st = HRI_ERR_NOMEM;
				goto out;
			}
			v = nv;
		}
		v[cnt] = strdup(e->d_name);
		if (!v[cnt]) {
			st = HRI_ERR_NOMEM;
			goto out;
		}
		cnt++;
	}
	if (errno) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		st = HRI_ERR_IO;
		goto out;
	}
	if (cnt)
		qsort(v, cnt, sizeof *v, cmp_names);
out:
	closedir(d);
	if (st) {
		while (cnt)
			free(v[--cnt]);
		free(v);
		if (st == HRI_ERR_NOMEM)
			snprintf(err, errsz, "%s", hri_status_str(st));
		return st;
	}
	*names = v;
	*n = cnt;
	return HRI_OK;
}

/* Frees a list of list_shards(). */
static void
free_names(char **names, size_t n)
{
	while (n)
		free(names[--n]);
	free(names);
}

hri_status
hri_shard_stub_write(const char *dir, char *err, size_t errsz)
{
	static const char head[] =
		"# hri shard set: written by hri-index --shard, one line a shard\n"
		"# (Xapian stub syntax: add \"remote HOST:PORT\" lines in a stub of\n"
		"# your own to search shards served by xapian-tcpsrv)\n";
	char lock[PATH_MAX], stub[PATH_MAX], **names = NULL;
	char *text = NULL;
	size_t n = 0, i, len, cap;
	struct flock fl = {0};
	hri_status st;
	int fd;

	if (snprintf(lock, sizeof lock, "%s/.index.stub.lock", dir) >=
	        (int)sizeof lock ||
	    snprintf(stub, sizeof stub, "%s/index.stub", dir) >= (int)sizeof stub) {
		snprintf(err, errsz, "%s: path too long", dir);
		return HRI_ERR_IO;
	}
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errsz, "%s: %s", lock, strerror(errno));
		return HRI_ERR_IO;
	}
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) != 0) {
		if (errno != EINTR) {
			snprintf(err, errsz, "%s: %s", lock, strerror(errno));
			close(fd);
			return HRI_ERR_IO;
		}
	}
	/* Listed under the lock: a writer that created a shard after this
	 * listing rewrites the stub after this one. */
	st = list_shards(dir, &names, &n, err, errsz);
	if (st)
		goto out;
	cap = sizeof head + n * (NAME_MAX_LEN + 8);
	text = malloc(cap);
	if (!text) {
		st = HRI_ERR_NOMEM;
		snprintf(err, errsz, "%s", hri_status_str(st));
		goto out;
	}
	len = (size_t)snprintf(text, cap, "%s", head);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "auto %s\n", names[i]);
	st = hri_file_write_atomic(stub, text, len, 0);
	if (st)
		snprintf(err, errsz, "%s: %s", stub, strerror(errno));
out:
	free(text);
	free_names(names, n);
	close(fd); /* releases the lock */
	return st;
}

hri_status
hri_shardset_open(const char *dir, const hri_shard_key *key, double wait,
                  hri_shardset **out, char *err, size_t errsz)
{
	hri_shardset *set = NULL;
	hri_shard_key any;
	char **names = NULL;
	size_t n = 0, i;
	unsigned of;
	int kind;
	hri_status st;

	*out = NULL;
	if (hri_mkdir_p(dir)) {
		snprintf(err, errsz, "%s: cannot create: %s", dir, strerror(errno));
		return HRI_ERR_IO;
	}
	st = list_shards(dir, &names, &n, err, errsz);
	if (st)
		return st;
	if (!key && n) {
		/* The key of the set already there, for --delete. */
		kind = name_kind(names[0], &of);
		any = (hri_shard_key){kind, of};
		key = &any;
	} else if (!key) {
		snprintf(err, errsz, "%s: no shard", dir);
		st = HRI_ERR_NOT_FOUND;
		goto out;
	}
	for (i = 0; i < n; i++) {
		kind = name_kind(names[i], &of);
		if (kind != key->kind || of != key->n) {
			snprintf(err, errsz, "%s holds shard %s of another key; a set "
			                     "has one key (merge and re-index to change "
			                     "it)", dir, names[i]);
			st = HRI_ERR_INVALID;
			goto out;
		}
	}
	set = calloc(1, sizeof *set);
	if (!set || strlen(dir) >= sizeof set->dir) {
		st = set ? HRI_ERR_INVALID : HRI_ERR_NOMEM;
		snprintf(err, errsz, "%s: %s", dir,
		         set ? "path too long" : hri_status_str(st));
		goto out;
	}
	snprintf(set->dir, sizeof set->dir, "%s", dir);
	set->key = *key;
	set->wait = wait;
	set->cap = n + 16;
	set->shards = calloc(set->cap, sizeof *set->shards);
	if (!set->shards) {
		st = HRI_ERR_NOMEM;
		snprintf(err, errsz, "%s", hri_status_str(st));
		goto out;
	}
	for (i = 0; i < n; i++)
		snprintf(set->shards[i].name, NAME_MAX_LEN, "%s", names[i]);
	set->nshards = n;
	*out = set;
	set = NULL;
out:
	free_names(names, n);
	hri_shardset_free(set);
	return st;
}

void
hri_shardset_free(hri_shardset *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->nshards; i++) {
		hri_indexer_free(set->shards[i].ix);
		hri_db_free(set->shards[i].db);
	}
	free(set->shards);
	free(set);
}

/* Opens shard s for writing, in a transaction, with its indexer. */
static hri_status
shard_open(hri_shardset *set, struct shard *s, char *err, size_t errsz)
{
	char path[PATH_MAX], msg[512];
	hri_status st;

	if (s->db)
		return HRI_OK;
	if (snprintf(path, sizeof path, "%s/%s", set->dir, s->name) >=
	    (int)sizeof path) {
		snprintf(err, errsz, "%s/%s: path too long", set->dir, s->name);
		return HRI_ERR_INVALID;
	}
	st = hri_db_open(path, HRI_DB_WRITE, set->wait, &s->db, msg, sizeof msg);
	if (st) {
		snprintf(err, errsz, "shard %s: %s", s->name, msg);
		return st;
	}
	st = hri_db_begin(s->db);
	if (!st) {
		s->ix = hri_indexer_new(s->db);
		if (!s->ix)
			st = HRI_ERR_NOMEM;
	}
	if (st)
		snprintf(err, errsz, "shard %s: %s", s->name,
		         st == HRI_ERR_NOMEM ? hri_status_str(st)
		                             : hri_db_errmsg(s->db));
	return st;
}

/* Finds the shard named name, adding it (not yet open) when new. */
static hri_status
shard_get(hri_shardset *set, const char *name, struct shard **out, char *err,
          size_t errsz)
{
	struct shard *ns;
	size_t i;

	for (i = 0; i < set->nshards; i++) {
		if (strcmp(set->shards[i].name, name) == 0) {
			*out = &set->shards[i];
			return HRI_OK;
		}
	}
	if (set->nshards == SHARDS_MAX) {
		snprintf(err, errsz, "%s: more than %d shards", set->dir, SHARDS_MAX);
		return HRI_ERR_TOO_BIG;
	}
	if (set->nshards == set->cap) {
		ns = realloc(set->shards, set->cap * 2 * sizeof *ns);
		if (!ns) {
			snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
			return HRI_ERR_NOMEM;
		}
		/* cur points into the array. */
		if (set->cur)
			set->cur = ns + (set->cur - set->shards);
		set->shards = ns;
		set->cap *= 2;
	}
	ns = &set->shards[set->nshards++];
	memset(ns, 0, sizeof *ns);
	snprintf(ns->name, NAME_MAX_LEN, "%s", name);
	*out = ns;
	return HRI_OK;
}

/* Deletes symbol from every shard but keep (may be NULL), opening each. */
static hri_status
delete_elsewhere(hri_shardset *set, const struct shard *keep,
                 const char *symbol, unsigned long *deleted, char *err,
                 size_t errsz)
{
	unsigned long n, dropped;
	size_t i;
	hri_status st;

	for (i = 0; i < set->nshards; i++) {
		struct shard *s = &set->shards[i];
		if (s == keep)
			continue;
		st = shard_open(set, s, err, errsz);
		if (st)
			return st;
		n = 0;
		st = hri_db_delete_symbol(s->db, symbol, &n);
		if (!st)
			st = hri_positions_drop(s->db, symbol, &dropped);
		if (st) {
			snprintf(err, errsz, "shard %s: %s", s->name,
			         hri_db_errmsg(s->db));
			return st;
		}
		*deleted += n;
	}
	return HRI_OK;
}

/* Hands a position record (a State's position on a recommendation of the
 * report "symbol") to the shard of its report: with hash:N the report's
 * hash shard; with session or year, whose report's shard the record does
 * not tell, every shard of the set (the indexer keeps it in each and
 * applies it where the recommendation is, now or when indexed later). */
static hri_status
add_position(hri_shardset *set, const json_t *rec, int *what, char *err,
             size_t errsz)
{
	const char *sym = hri_json_str(rec, "symbol");
	char name[NAME_MAX_LEN];
	struct shard *s = NULL;
	size_t i;
	hri_status st;

	if (set->key.kind == HRI_SHARD_HASH) {
		if (!sym || !*sym ||
		    hri_shard_name(&set->key, rec, name, sizeof name)) {
			snprintf(err, errsz, "position record without a symbol");
			return HRI_ERR_INVALID;
		}
		st = shard_get(set, name, &s, err, errsz);
		if (!st)
			st = shard_open(set, s, err, errsz);
		if (!st)
			st = hri_indexer_add(s->ix, rec, what, err, errsz);
		if (st && st != HRI_ERR_INVALID && s && s->db)
			snprintf(err, errsz, "shard %s: %s", s->name,
			         hri_db_errmsg(s->db));
		return st;
	}
	if (set->nshards == 0) {
		snprintf(err, errsz, "position record for %s: no shard yet (index "
		                     "the report first)", sym ? sym : "?");
		return HRI_ERR_INVALID;
	}
	for (i = 0; i < set->nshards; i++) {
		s = &set->shards[i];
		st = shard_open(set, s, err, errsz);
		if (!st)
			st = hri_indexer_add(s->ix, rec, what, err, errsz);
		if (st) {
			if (st != HRI_ERR_INVALID)
				snprintf(err, errsz, "shard %s: %s", s->name,
				         hri_db_errmsg(s->db));
			return st;
		}
	}
	return HRI_OK;
}

hri_status
hri_shardset_add(hri_shardset *set, const json_t *rec, int *what, char *err,
                 size_t errsz)
{
	const char *type = hri_json_str(rec, "type");
	const char *sym = hri_json_str(rec, "symbol");
	char name[NAME_MAX_LEN];
	struct shard *s = NULL;
	int doc;
	hri_status st;

	if (!type) {
		snprintf(err, errsz, "record without a \"type\"");
		return HRI_ERR_INVALID;
	}
	doc = strcmp(type, "doc") == 0;
	if (strcmp(type, "position") == 0 && !json_object_get(rec, "error")) {
		st = add_position(set, rec, what, err, errsz);
		if (!st)
			set->positions++;
		return st;
	}
	if (json_object_get(rec, "error") || (!doc && strcmp(type, "segment"))) {
		set->skipped++;
		if (what)
			*what = HRI_INDEXED_SKIPPED;
		return HRI_OK;
	}
	if (!doc && set->cur && sym && strcmp(sym, set->symbol) == 0) {
		s = set->cur;
	} else {
		if (!sym || !*sym || strlen(sym) >= sizeof set->symbol) {
			snprintf(err, errsz, "%s record without a symbol", type);
			return HRI_ERR_INVALID;
		}
		st = hri_shard_name(&set->key, rec, name, sizeof name);
		if (st) {
			snprintf(err, errsz, "%s: no shard name", sym);
			return st;
		}
		st = shard_get(set, name, &s, err, errsz);
		if (st)
			return st;
	}
	st = shard_open(set, s, err, errsz);
	if (st)
		return st;
	if (doc) {
		/* A hash never moves a symbol; a session or a year may. */
		if (set->key.kind != HRI_SHARD_HASH) {
			st = delete_elsewhere(set, s, sym, &set->moved, err, errsz);
			if (st)
				return st;
		}
		set->cur = s;
		snprintf(set->symbol, sizeof set->symbol, "%s", sym);
	}
	st = hri_indexer_add(s->ix, rec, what, err, errsz);
	if (st && st != HRI_ERR_INVALID)
		snprintf(err, errsz, "shard %s: %s", s->name, hri_db_errmsg(s->db));
	return st;
}

hri_status
hri_shardset_delete(hri_shardset *set, const char *symbol,
                    unsigned long *deleted, char *err, size_t errsz)
{
	unsigned long n = 0;
	hri_status st;

	st = delete_elsewhere(set, NULL, symbol, &n, err, errsz);
	if (deleted)
		*deleted = n;
	return st;
}

hri_status
hri_shardset_commit(hri_shardset *set, char *err, size_t errsz)
{
	size_t i;
	hri_status st;

	for (i = 0; i < set->nshards; i++) {
		struct shard *s = &set->shards[i];
		if (!s->db)
			continue;
		st = hri_db_commit(s->db);
		if (st) {
			snprintf(err, errsz, "shard %s: commit failed: %s", s->name,
			         hri_db_errmsg(s->db));
			return st;
		}
	}
	/* Rewritten even when no shard is new: a run killed between its
	 * first commit and the stub left a shard the stub does not list. */
	return hri_shard_stub_write(set->dir, err, errsz);
}

void
hri_shardset_counts(const hri_shardset *set, hri_indexer_counts *sum)
{
	size_t i;

	memset(sum, 0, sizeof *sum);
	for (i = 0; i < set->nshards; i++) {
		const hri_indexer_counts *c;
		if (!set->shards[i].ix)
			continue;
		c = hri_indexer_counts_get(set->shards[i].ix);
		sum->documents += c->documents;
		sum->segments += c->segments;
		sum->skipped += c->skipped;
		sum->replaced += c->replaced;
		sum->updated += c->updated;
	}
	/* Every shard of a session or year set keeps each position. */
	sum->positions = set->positions;
	sum->skipped += set->skipped;
	sum->replaced += set->moved;
}
