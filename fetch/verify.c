/* verify.c - hri-fetch --verify: the store checked object by object and
 * repaired by fetching again. */
#include "verify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "jsonl.h"
#include "log.h"
#include "symbol.h"

/* State of one check. */
typedef struct check {
	hri_store *s;
	const char *lang;     /* the language of the symbols given */
	GHashTable *checked;  /* sha -> GINT_TO_POINTER(1 sound, 2 damaged) */
	GHashTable *again;    /* lang -> GPtrArray of symbols to fetch again */
	hri_verify_stats *vs;
	hri_status st;        /* the first failure that stops the check */
} check;

/* Checks the object of sha once, reading it whole. Returns nonzero when it
 * is damaged (a message says so). */
static int
object_damaged(check *c, const char *sha)
{
	gpointer seen = g_hash_table_lookup(c->checked, sha);
	hri_status st;

	if (seen)
		return GPOINTER_TO_INT(seen) == 2;
	st = hri_store_check(c->s, sha, 0, 1);
	if (st == HRI_ERR_NOT_FOUND)
		return 0;
	c->vs->objects++;
	g_hash_table_insert(c->checked, g_strdup(sha), GINT_TO_POINTER(st ? 2 : 1));
	if (!st)
		return 0;
	c->vs->damaged++;
	hri_error(NULL, "store object %s is damaged (%s)", sha,
	          st == HRI_ERR_IO ? strerror(errno) : "not what its name says");
	return 1;
}

/* hri_store_each_object() callback: every object. */
static int
each_object(const char *sha, void *ud)
{
	object_damaged(ud, sha);
	return 0;
}

/* Queues symbol of lang to be fetched again. */
static void
again(check *c, const char *lang, const char *symbol)
{
	GPtrArray *a = g_hash_table_lookup(c->again, lang);

	if (!a) {
		a = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(c->again, g_strdup(lang), a);
	}
	g_ptr_array_add(a, g_strdup(symbol));
}

/* Checks one reference and its object; queues its document when the
 * object is damaged or gone. Returns 0. */
static int
check_ref(check *c, const char *lang, const char *name)
{
	json_t *ref = NULL;
	const char *sha, *symbol;
	hri_status st;

	st = hri_store_ref_read(c->s, lang, name, &ref);
	if (st == HRI_ERR_NOT_FOUND)
		return 0;
	sha = hri_json_str(ref, "sha256");
	symbol = hri_json_str(ref, "symbol");
	if (st || !sha || !symbol) {
		/* useless: the next fetch of its symbol writes it anew */
		hri_error(NULL, "store reference %s/%s is unreadable: removed", lang,
		          name);
		if (hri_store_ref_remove(c->s, lang, name) == HRI_OK)
			c->vs->bad_refs++;
		json_decref(ref);
		return 0;
	}
	if (object_damaged(c, sha)) {
		again(c, lang, symbol);
	} else if (!hri_store_has(c->s, sha)) {
		hri_error(symbol, "its store object %s is missing", sha);
		c->vs->missing++;
		again(c, lang, symbol);
	}
	json_decref(ref);
	return 0;
}

/* hri_store_each_ref() callback: every reference. */
static int
each_ref(const char *lang, const char *name, void *ud)
{
	return check_ref(ud, lang, name);
}

/* hri_symbol_expand() callback: one symbol given. */
static int
each_symbol(const char *symbol, void *ud)
{
	check *c = ud;
	char file[HRI_SYMBOL_MAX * 3];
	json_t *ref = NULL;

	if (hri_symbol_filename(symbol, file, sizeof file) != HRI_OK)
		return 0;
	if (hri_store_ref_read(c->s, c->lang, file, &ref) == HRI_ERR_NOT_FOUND) {
		hri_error(symbol, "not in the store (%s)", c->lang);
		c->vs->unknown++;
		return 0;
	}
	json_decref(ref);
	return check_ref(c, c->lang, file);
}

/* Fetches again, forced, the documents queued for each language. */
static hri_status
fetch_again(check *c, const hri_batch_opts *o, char *err, size_t errsz)
{
	GHashTableIter it;
	gpointer key, val;
	hri_batch_opts bo;
	hri_batch *b = NULL;
	const hri_batch_stats *bs;
	GPtrArray *a;
	hri_status st = HRI_OK;
	guint i;

	g_hash_table_iter_init(&it, c->again);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		a = val;
		bo = *o;
		bo.lang = key;
		bo.force = true;
		st = hri_batch_new(&bo, c->s, &b, err, errsz);
		if (st)
			return st;
		for (i = 0; i < a->len && !st; i++)
			st = hri_batch_add(b, a->pdata[i], strlen(a->pdata[i]));
		if (!st)
			st = hri_batch_run(b);
		bs = hri_batch_stats_get(b);
		c->vs->fetched += bs->added + bs->updated + bs->unchanged;
		c->vs->failed += bs->failed;
		hri_batch_free(b);
		if (st)
			return st;
	}
	return HRI_OK;
}

/* Removes the damaged objects that are damaged still: nothing referred to
 * them, or their document could not be fetched again (its reference then
 * points at nothing, and the next fetch takes it whole). */
static void
remove_damaged(check *c)
{
	GHashTableIter it;
	gpointer key, val;

	g_hash_table_iter_init(&it, c->checked);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		if (GPOINTER_TO_INT(val) != 2 ||
		    hri_store_check(c->s, key, 0, 1) == HRI_OK)
			continue;
		if (hri_store_remove_object(c->s, key) == HRI_OK) {
			hri_info(NULL, "damaged store object %s removed", (char *)key);
			c->vs->removed++;
		}
	}
}

hri_status
hri_verify_run(hri_store *s, const hri_batch_opts *o, int n, char **syms,
               hri_verify_stats *vs, char *err, size_t errsz)
{
	check c;
	hri_status st;
	int i;

	memset(vs, 0, sizeof *vs);
	memset(&c, 0, sizeof c);
	c.s = s;
	c.lang = o->lang;
	c.vs = vs;
	c.checked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.again = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                (GDestroyNotify)g_ptr_array_unref);
	/* we hold the writer lock: every temporary file is a dead run's */
	st = hri_store_remove_temps(s, &vs->temps);
	if (!st && n == 0) {
		st = hri_store_each_object(s, each_object, &c);
		if (!st)
			st = hri_store_each_ref(s, NULL, each_ref, &c);
	}
	for (i = 0; i < n && !st; i++) {
		if (hri_symbol_expand(syms[i], strlen(syms[i]), each_symbol, &c)) {
			hri_error(syms[i], "not a UN document symbol");
			vs->unknown++;
		}
	}
	if (st) {
		snprintf(err, errsz, "%s: %s", hri_store_dir(s), strerror(errno));
		goto out;
	}
	st = fetch_again(&c, o, err, errsz);
	if (st == HRI_OK)
		remove_damaged(&c);
out:
	g_hash_table_destroy(c.checked);
	g_hash_table_destroy(c.again);
	return st;
}
