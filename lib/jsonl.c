/* jsonl.c - JSON Lines on jansson. */
#include "jsonl.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "swar.h"

hri_status
hri_jsonl_parse(const char *line, size_t len, json_t **out, char *err,
                size_t errsz)
{
	json_error_t jerr;
	json_t *v;

	*out = NULL;
	v = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
	if (!v) {
		if (err && errsz)
			snprintf(err, errsz, "column %d: %s", jerr.column, jerr.text);
		return HRI_ERR_INVALID;
	}
	if (!json_is_object(v)) {
		if (err && errsz)
			snprintf(err, errsz, "a record must be a JSON object");
		json_decref(v);
		return HRI_ERR_INVALID;
	}
	*out = v;
	return HRI_OK;
}

/* A record being written: bytes gather here and go to fp in blocks. */
typedef struct jw {
	FILE *fp;
	size_t used;     /* bytes in buf */
	int failed;      /* fp reported an error */
	char buf[8192];
} jw;

/* Writes the gathered bytes to the stream. */
static void
jw_flush(jw *w)
{
	if (w->used && !w->failed && fwrite(w->buf, 1, w->used, w->fp) != w->used)
		w->failed = 1;
	w->used = 0;
}

/* Appends len bytes at p, a block at a time: the path for a piece longer
 * than the room left. */
static void
jw_put_long(jw *w, const char *p, size_t len)
{
	size_t k;

	while (len > 0) {
		if (w->used == sizeof w->buf)
			jw_flush(w);
		k = sizeof w->buf - w->used;
		if (k > len)
			k = len;
		memcpy(w->buf + w->used, p, k);
		w->used += k;
		p += k;
		len -= k;
	}
}

/* Appends len bytes at p; most pieces fit the room left and are one
 * memcpy. */
static inline void
jw_put(jw *w, const char *p, size_t len)
{
	if (len <= sizeof w->buf - w->used) {
		memcpy(w->buf + w->used, p, len);
		w->used += len;
		return;
	}
	jw_put_long(w, p, len);
}

/* Appends the byte c (punctuation: a quote, a comma, a colon, a brace). */
static inline void
jw_putc(jw *w, char c)
{
	if (w->used == sizeof w->buf)
		jw_flush(w);
	w->buf[w->used++] = c;
}

/* The bytes a JSON string literal escapes: controls, '"' and '\\'. */
static const unsigned char escaped[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1};

/* Returns how many of the len bytes at u need no escape before the first
 * that does (len when none does). Eight bytes at a time: a word is passed
 * whole when no byte of it is below 0x20, '"' or '\\' (swar.h); a word
 * that holds one is looked at byte by byte. Bytes from 0x80 up, UTF-8's,
 * are never escaped. */
static size_t
clean_run(const unsigned char *u, size_t len)
{
	size_t i = 0;
	uint64_t w;

	for (; len - i >= 8; i += 8) {
		w = hri_swar_load(u + i);
		if (hri_swar_below(w, 0x20) | hri_swar_has(w, '"') |
		    hri_swar_has(w, '\\'))
			break;
	}
	while (i < len && !escaped[u[i]])
		i++;
	return i;
}

/* Appends the escape of the byte c, one of the escaped[] bytes, as jansson
 * writes it. */
static void
jw_escape(jw *w, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[6] = {'\\', 'u', '0', '0', 0, 0};

	switch (c) {
	case '"': esc[1] = '"'; break;
	case '\\': esc[1] = '\\'; break;
	case '\b': esc[1] = 'b'; break;
	case '\f': esc[1] = 'f'; break;
	case '\n': esc[1] = 'n'; break;
	case '\r': esc[1] = 'r'; break;
	case '\t': esc[1] = 't'; break;
	default:
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		jw_put(w, esc, 6);
		return;
	}
	jw_put(w, esc, 2);
}

/* Appends a JSON string literal of the len bytes at p (UTF-8: jansson
 * checked it when the string was made, or its maker vouched for it with
 * json_stringn_nocheck), escaped as jansson escapes: each clean run is
 * copied whole, then the one byte that ended it is escaped. */
static void
jw_string(jw *w, const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t k;

	jw_putc(w, '"');
	for (;;) {
		k = clean_run(u, len);
		jw_put(w, (const char *)u, k);
		if (k == len)
			break;
		jw_escape(w, u[k]);
		u += k + 1;
		len -= k + 1;
	}
	jw_putc(w, '"');
}

/* Appends the decimal digits of v, as "%" JSON_INTEGER_FORMAT prints them. */
static void
jw_integer(jw *w, json_int_t v)
{
	char num[24];
	char *e = num + sizeof num, *d = e;
	unsigned long long m;

	/* the magnitude in unsigned arithmetic, so the most negative value
	 * has one too */
	m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--d = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (v < 0)
		*--d = '-';
	jw_put(w, d, (size_t)(e - d));
}

/* Appends the compact JSON text of v; returns -1 for a value jansson
 * cannot write either. */
static int
jw_value(jw *w, const json_t *v, int depth)
{
	char num[64];
	const char *key;
	json_t *item;
	size_t i, n;
	void *it;

	if (!v || depth > 2048)
		return -1;
	switch (json_typeof(v)) {
	case JSON_NULL:
		jw_put(w, "null", 4);
		return 0;
	case JSON_TRUE:
		jw_put(w, "true", 4);
		return 0;
	case JSON_FALSE:
		jw_put(w, "false", 5);
		return 0;
	case JSON_INTEGER:
		jw_integer(w, json_integer_value(v));
		return 0;
	case JSON_REAL:
		/* jansson's shortest round-trip form, as it always wrote */
		n = json_dumpb(v, num, sizeof num, JSON_ENCODE_ANY | JSON_COMPACT);
		if (n == 0 || n > sizeof num)
			return -1;
		jw_put(w, num, n);
		return 0;
	case JSON_STRING:
		jw_string(w, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_ARRAY:
		jw_putc(w, '[');
		json_array_foreach(v, i, item) {
			if (i)
				jw_putc(w, ',');
			if (jw_value(w, item, depth + 1))
				return -1;
		}
		jw_putc(w, ']');
		return 0;
	case JSON_OBJECT:
		jw_putc(w, '{');
		/* insertion order, as JSON_PRESERVE_ORDER wrote it */
		n = 0;
		for (it = json_object_iter((json_t *)v); it;
		     it = json_object_iter_next((json_t *)v, it)) {
			key = json_object_iter_key(it);
			if (n++)
				jw_putc(w, ',');
			jw_string(w, key, json_object_iter_key_len(it));
			jw_putc(w, ':');
			if (jw_value(w, json_object_iter_value(it), depth + 1))
				return -1;
		}
		jw_putc(w, '}');
		return 0;
	}
	return -1;
}

hri_status
hri_jsonl_write(FILE *fp, const json_t *rec)
{
	jw w;

	/* the writer of every record every stage emits: its own loop over
	 * the bytes of each string, byte-identical to json_dumpf(rec, fp,
	 * JSON_COMPACT | JSON_PRESERVE_ORDER), costs a fraction of jansson's
	 * callback per UTF-8 character */
	if (!json_is_object(rec) && !json_is_array(rec))
		return HRI_ERR_IO;
	w.fp = fp;
	w.used = 0;
	w.failed = 0;
	if (jw_value(&w, rec, 0))
		return HRI_ERR_IO;
	jw_putc(&w, '\n');
	jw_flush(&w);
	if (w.failed || ferror(fp))
		return HRI_ERR_IO;
	return HRI_OK;
}

const char *
hri_json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

long long
hri_json_int(const json_t *obj, const char *key, long long dflt)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? json_integer_value(v) : dflt;
}

hri_status
hri_json_set_strn(json_t *obj, const char *key, const char *val, size_t len)
{
	json_t *v;

	if (!val)
		v = json_null();
	else
		v = json_stringn(val, len);
	if (!v)
		return val ? HRI_ERR_INVALID : HRI_ERR_NOMEM;
	if (json_object_set_new(obj, key, v) != 0)
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

hri_status
hri_json_set_str(json_t *obj, const char *key, const char *val)
{
	return hri_json_set_strn(obj, key, val, val ? strlen(val) : 0);
}
