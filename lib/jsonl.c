/* jsonl.c - JSON Lines on jansson. */
#include "jsonl.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "swar.h"
#include "utf8.h"

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
typedef hri_jsonl_out jw;

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

static int jw_open(jw *w, const json_t *v, int depth, size_t *n);

/* Appends the compact JSON text of v; returns -1 for a value jansson
 * cannot write either. */
static int
jw_value(jw *w, const json_t *v, int depth)
{
	char num[64];
	json_t *item;
	size_t i, n;

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
		if (jw_open(w, v, depth, &n))
			return -1;
		jw_putc(w, '}');
		return 0;
	}
	return -1;
}

/* Appends '{' and the members of the object v, not the closing brace;
 * *n receives their count. Returns -1 as jw_value() does. */
static int
jw_open(jw *w, const json_t *v, int depth, size_t *n)
{
	void *it;

	jw_putc(w, '{');
	/* insertion order, as JSON_PRESERVE_ORDER wrote it */
	*n = 0;
	for (it = json_object_iter((json_t *)v); it;
	     it = json_object_iter_next((json_t *)v, it)) {
		if ((*n)++)
			jw_putc(w, ',');
		jw_string(w, json_object_iter_key(it), json_object_iter_key_len(it));
		jw_putc(w, ':');
		if (jw_value(w, json_object_iter_value(it), depth + 1))
			return -1;
	}
	return 0;
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
	hri_jsonl_out_start(&w, fp);
	if (jw_value(&w, rec, 0))
		return HRI_ERR_IO;
	return hri_jsonl_out_end(&w);
}

void
hri_jsonl_out_start(hri_jsonl_out *w, FILE *fp)
{
	w->fp = fp;
	w->used = 0;
	w->failed = 0;
}

void
hri_jsonl_out_raw(hri_jsonl_out *w, const char *p, size_t len)
{
	jw_put(w, p, len);
}

void
hri_jsonl_out_string(hri_jsonl_out *w, const char *p, size_t len)
{
	jw_string(w, p, len);
}

void
hri_jsonl_out_integer(hri_jsonl_out *w, json_int_t v)
{
	jw_integer(w, v);
}

hri_status
hri_jsonl_out_value(hri_jsonl_out *w, const json_t *v)
{
	return jw_value(w, v, 0) ? HRI_ERR_INVALID : HRI_OK;
}

hri_status
hri_jsonl_out_open(hri_jsonl_out *w, const json_t *obj, size_t *n)
{
	*n = 0;
	if (!json_is_object(obj) || jw_open(w, obj, 0, n))
		return HRI_ERR_INVALID;
	return HRI_OK;
}

size_t
hri_jsonl_quote(const char *p, size_t len, char *out, size_t outsz)
{
	jw w;

	/* in the writer's block, never flushed: six bytes at most a byte */
	if (len > (sizeof w.buf - 2) / 6)
		return 0;
	hri_jsonl_out_start(&w, NULL);
	jw_string(&w, p, len);
	if (w.used > outsz)
		return 0;
	memcpy(out, w.buf, w.used);
	return w.used;
}

hri_status
hri_jsonl_out_end(hri_jsonl_out *w)
{
	jw_putc(w, '\n');
	jw_flush(w);
	if (w->failed || ferror(w->fp))
		return HRI_ERR_IO;
	return HRI_OK;
}

/* Reading text in the writer's own form (hri_jsonl_members). */
enum { SCAN_DEPTH = 16, SCAN_INNER = 32, SCAN_DIGITS = 18 };

typedef struct scan {
	const unsigned char *p, *end;
	int depth;
} scan;

static int scan_value(scan *s);

/* The value of the hex digit c as the writer writes it (upper case), or
 * -1. */
static int
hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Passes the string literal at s->p, checking that jw_string would write
 * its text so: no control byte, no escape but the writer's, valid UTF-8;
 * in a key no NUL, which jansson refuses there. Returns 0, or -1. */
static int
scan_string(scan *s, int key)
{
	const unsigned char *p = s->p + 1, *end = s->end;
	uint64_t w;
	int lo;

	for (;;) {
		/* eight bytes at a time while none needs a look */
		while (end - p >= 8) {
			w = hri_swar_load(p);
			if (hri_swar_below(w, 0x20) | hri_swar_has(w, '"') |
			    hri_swar_has(w, '\\') | hri_swar_high(w))
				break;
			p += 8;
		}
		if (p == end)
			return -1;
		if (*p == '"')
			break;
		if (*p < 0x20)
			return -1;
		if (*p >= 0x80) {
			size_t k = hri_utf8_len(p, (size_t)(end - p));

			if (!k)
				return -1;
			p += k;
			continue;
		}
		if (*p != '\\') {
			p++;
			continue;
		}
		if (end - p < 2)
			return -1;
		if (p[1] && strchr("\"\\bfnrt", p[1])) {
			p += 2;
			continue;
		}
		/* \u00XX: only for the controls without a short escape */
		if (end - p < 6 || p[1] != 'u' || p[2] != '0' || p[3] != '0' ||
		    (p[4] != '0' && p[4] != '1'))
			return -1;
		lo = hex_digit(p[5]);
		if (lo < 0)
			return -1;
		lo += (p[4] - '0') * 16;
		if (lo == '\b' || lo == '\f' || lo == '\n' || lo == '\r' ||
		    lo == '\t' || (key && lo == 0))
			return -1;
		p += 6;
	}
	s->p = p + 1;
	return 0;
}

/* Passes an integer as jw_integer writes it: no leading zero, no "-0",
 * small enough for json_int_t. */
static int
scan_integer(scan *s)
{
	const unsigned char *p = s->p, *d;

	if (p < s->end && *p == '-')
		p++;
	d = p;
	while (p < s->end && *p >= '0' && *p <= '9')
		p++;
	if (p == d || p - d > SCAN_DIGITS || (*d == '0' && p - d > 1) ||
	    (*d == '0' && d != s->p))
		return -1;
	s->p = p;
	return 0;
}

/* Passes len bytes that must be word. */
static int
scan_word(scan *s, const char *word, size_t len)
{
	if ((size_t)(s->end - s->p) < len || memcmp(s->p, word, len) != 0)
		return -1;
	s->p += len;
	return 0;
}

/* Passes the object at s->p, its members into m (max of them). Returns 0,
 * -1 when it is in another form, -2 when it has more than max members. */
static int
scan_object(scan *s, hri_jsonl_span *m, size_t max, size_t *n)
{
	const unsigned char *k;
	size_t i;

	*n = 0;
	s->p++;
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (s->p == s->end || *s->p != '"')
			return -1;
		k = s->p;
		if (scan_string(s, 1))
			return -1;
		if (*n == max)
			return -2;
		m[*n].key = (const char *)k + 1;
		m[*n].keylen = (size_t)(s->p - k) - 2;
		/* a key twice: jansson refuses the record
		 * (JSON_REJECT_DUPLICATES); the same bytes are the same key */
		for (i = 0; i < *n; i++)
			if (m[i].keylen == m[*n].keylen &&
			    memcmp(m[i].key, m[*n].key, m[i].keylen) == 0)
				return -1;
		if (s->p == s->end || *s->p != ':')
			return -1;
		s->p++;
		m[*n].val = (const char *)s->p;
		if (scan_value(s))
			return -1;
		m[*n].vallen = (size_t)((const char *)s->p - m[*n].val);
		++*n;
		if (s->p == s->end)
			return -1;
		if (*s->p == '}') {
			s->p++;
			return 0;
		}
		if (*s->p != ',')
			return -1;
		s->p++;
	}
}

/* Passes the value at s->p. Returns 0, or -1. */
static int
scan_value(scan *s)
{
	hri_jsonl_span inner[SCAN_INNER];
	size_t n;
	int rc;

	if (s->p == s->end)
		return -1;
	switch (*s->p) {
	case '"':
		return scan_string(s, 0);
	case 't':
		return scan_word(s, "true", 4);
	case 'f':
		return scan_word(s, "false", 5);
	case 'n':
		return scan_word(s, "null", 4);
	case '{':
	case '[':
		if (++s->depth > SCAN_DEPTH)
			return -1;
		if (*s->p == '{') {
			rc = scan_object(s, inner, SCAN_INNER, &n) ? -1 : 0;
		} else {
			rc = 0;
			s->p++;
			if (s->p < s->end && *s->p == ']') {
				s->p++;
			} else {
				for (;;) {
					if (scan_value(s) || s->p == s->end) {
						rc = -1;
						break;
					}
					if (*s->p++ == ']')
						break;
					if (s->p[-1] != ',') {
						rc = -1;
						break;
					}
				}
			}
		}
		s->depth--;
		return rc;
	default:
		return scan_integer(s);
	}
}

hri_status
hri_jsonl_members(const char *line, size_t len, hri_jsonl_span *m,
                  size_t max, size_t *n)
{
	scan s = {(const unsigned char *)line, (const unsigned char *)line + len,
	          0};
	int rc;

	*n = 0;
	if (len == 0 || *line != '{')
		return HRI_ERR_INVALID;
	rc = scan_object(&s, m, max, n);
	if (rc == -2)
		return HRI_ERR_TOO_BIG;
	/* the object is the whole text */
	if (rc || s.p != s.end)
		return HRI_ERR_INVALID;
	return HRI_OK;
}

const hri_jsonl_span *
hri_jsonl_member(const hri_jsonl_span *m, size_t n, const char *key,
                 size_t *at)
{
	size_t i, k, len = strlen(key), from = at && *at < n ? *at : 0;

	for (k = 0; k < n; k++) {
		i = from + k < n ? from + k : from + k - n;
		if (m[i].keylen == len && memcmp(m[i].key, key, len) == 0) {
			if (at)
				*at = i + 1;
			return &m[i];
		}
	}
	return NULL;
}

size_t
hri_jsonl_unescape(const hri_jsonl_span *s, char *out)
{
	const char *p = s->val + 1, *end = s->val + s->vallen - 1, *e;
	size_t n = 0, k;

	if (s->vallen < 2 || s->val[0] != '"')
		return (size_t)-1;
	while (p < end) {
		e = memchr(p, '\\', (size_t)(end - p));
		k = (size_t)((e ? e : end) - p);
		memcpy(out + n, p, k);
		n += k;
		if (!e)
			break;
		/* the escapes hri_jsonl_members let through */
		switch (e[1]) {
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			out[n++] = (char)((e[4] - '0') * 16 + hex_digit((unsigned char)e[5]));
			p = e + 6;
			continue;
		default: out[n++] = e[1]; break;
		}
		p = e + 2;
	}
	out[n] = '\0';
	return n;
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
