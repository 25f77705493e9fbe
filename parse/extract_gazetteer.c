/* extract_gazetteer.c - phrase lists as one trie-shaped PCRE2 pattern.
 *
 * Why a trie: PCRE2 tries the branches of an alternation one by one, so a
 * flat "Afghanistan|Albania|..." of a thousand names costs a thousand
 * comparisons at every capital letter. Factored by shared prefixes the
 * pattern branches once per character, and the (*MARK) at the end of each
 * phrase tells which one matched without a second lookup. Branches are
 * emitted children first, so at a given start the longest phrase wins. */
#include "extract_gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	KEY_SPACE = 1, /* a run of white space */
	KEY_APOS = 2   /* ' or U+2019 */
};

typedef struct gnode {
	uint32_t *keys;       /* code point (or KEY_*) of each edge */
	struct gnode **kids;  /* child at the end of each edge */
	size_t n, cap;        /* edges used, allocated */
	int id;               /* phrase id ending here, -1 when none */
	int wild;             /* the phrase ending here takes any suffix */
} gnode;

struct hri_gaz {
	int flags;            /* HRI_GAZ_* */
	int count;            /* distinct phrases */
	gnode *root;
	pcre2_code *re;       /* NULL until compiled */
};

typedef struct gbuf {
	char *p;
	size_t len, cap;      /* bytes used, allocated */
} gbuf;

/* Appends n bytes to b; returns nonzero when out of memory. */
static int
gbuf_add(gbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return 1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

/* Returns a new empty node, or NULL. */
static gnode *
gnode_new(void)
{
	gnode *n = calloc(1, sizeof *n);
	if (n)
		n->id = -1;
	return n;
}

/* Frees the subtree at n. */
static void
gnode_free(gnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		gnode_free(n->kids[i]);
	free(n->keys);
	free(n->kids);
	free(n);
}

/* Returns the child of n along key, adding it when missing; NULL on ENOMEM. */
static gnode *
gnode_child(gnode *n, uint32_t key)
{
	for (size_t i = 0; i < n->n; i++)
		if (n->keys[i] == key)
			return n->kids[i];
	if (n->n == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 2;
		uint32_t *k = realloc(n->keys, cap * sizeof *k);
		if (!k)
			return NULL;
		n->keys = k;
		gnode **c = realloc(n->kids, cap * sizeof *c);
		if (!c)
			return NULL;
		n->kids = c;
		n->cap = cap;
	}
	gnode *c = gnode_new();
	if (!c)
		return NULL;
	n->keys[n->n] = key;
	n->kids[n->n++] = c;
	return c;
}

/* Decodes one UTF-8 character at s (n bytes left) into *cp; returns its
 * length, or 0 when the bytes are not UTF-8. */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (!len || len > n || s[0] > 0xF4)
		return 0;
	uint32_t c = s[0] & (0x3F >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
}

hri_status
hri_gaz_new(int flags, hri_gaz **out)
{
	*out = NULL;
	hri_gaz *g = calloc(1, sizeof *g);
	if (!g)
		return HRI_ERR_NOMEM;
	g->flags = flags;
	g->root = gnode_new();
	if (!g->root) {
		free(g);
		return HRI_ERR_NOMEM;
	}
	*out = g;
	return HRI_OK;
}

void
hri_gaz_free(hri_gaz *g)
{
	if (!g)
		return;
	gnode_free(g->root);
	pcre2_code_free(g->re);
	free(g);
}

hri_status
hri_gaz_add(hri_gaz *g, const char *p, size_t len, int *id)
{
	const unsigned char *s = (const unsigned char *)p;
	int wild = 0;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		len--;
	}
	if (len > 1 && s[len - 1] == '*') {
		wild = 1;
		len--;
	}
	if (!len)
		return HRI_ERR_INVALID;
	gnode *n = g->root;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k)
			return HRI_ERR_INVALID;
		i += k;
		if (cp == ' ' || cp == '\t') {
			cp = KEY_SPACE;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
		} else if (cp == '\'' || cp == 0x2019) {
			cp = KEY_APOS;
		} else if ((g->flags & HRI_GAZ_CASELESS) && cp >= 'A' && cp <= 'Z') {
			cp += 'a' - 'A';
		}
		n = gnode_child(n, cp);
		if (!n)
			return HRI_ERR_NOMEM;
	}
	if (n->id < 0)
		n->id = g->count++;
	n->wild |= wild;
	*id = n->id;
	return HRI_OK;
}

/* Appends the pattern text of one edge key to b; nonzero on ENOMEM. */
static int
emit_key(gbuf *b, uint32_t key)
{
	char tmp[16];
	int n;
	if (key == KEY_SPACE)
		return gbuf_add(b, "\\s+", 3);
	if (key == KEY_APOS)
		return gbuf_add(b, "['\\x{2019}]", 11);
	if (key < 0x80) {
		char c = (char)key;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			return gbuf_add(b, &c, 1);
		/* A backslash before any ASCII punctuation is a literal. */
		tmp[0] = '\\';
		tmp[1] = c;
		return gbuf_add(b, tmp, 2);
	}
	n = snprintf(tmp, sizeof tmp, "\\x{%x}", (unsigned)key);
	return gbuf_add(b, tmp, (size_t)n);
}

/* Appends the pattern of the subtree at n to b; nonzero on ENOMEM. */
static int
emit_node(gbuf *b, const gnode *n)
{
	size_t alts = n->n + (n->id >= 0);
	int err = 0;
	char tmp[64];
	if (alts > 1)
		err |= gbuf_add(b, "(?:", 3);
	for (size_t i = 0; i < n->n && !err; i++) {
		if (i)
			err |= gbuf_add(b, "|", 1);
		err |= emit_key(b, n->keys[i]);
		err |= emit_node(b, n->kids[i]);
	}
	if (n->id >= 0 && !err) {
		int k = snprintf(tmp, sizeof tmp, "%s(*:%d)%s(?!\\w)",
		                 n->n ? "|" : "", n->id,
		                 n->wild ? "\\w*" : "");
		err |= gbuf_add(b, tmp, (size_t)k);
	}
	if (alts > 1 && !err)
		err |= gbuf_add(b, ")", 1);
	return err;
}

hri_status
hri_gaz_compile(hri_gaz *g, char *err, size_t errsz)
{
	gbuf b = {0};
	hri_status st = HRI_OK;
	const char *head = (g->flags & HRI_GAZ_CASELESS) ? "(?i)" : "";
	if (gbuf_add(&b, head, strlen(head)) ||
	    gbuf_add(&b, "\\b", 2)) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	if (g->count == 0) {
		/* Matches nothing: an empty list is a valid table. */
		if (gbuf_add(&b, "(*FAIL)", 7)) {
			st = HRI_ERR_NOMEM;
			goto out;
		}
	} else if (emit_node(&b, g->root)) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	int code;
	PCRE2_SIZE off;
	g->re = pcre2_compile((PCRE2_SPTR)b.p, b.len, PCRE2_UTF, &code, &off,
	                      NULL);
	if (!g->re) {
		char msg[256];
		pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(err, errsz, "phrase pattern at offset %zu: %s",
		         (size_t)off, msg);
		st = HRI_ERR_FORMAT;
		goto out;
	}
	/* Without JIT (not built for this CPU) the interpreter still works. */
	(void)pcre2_jit_compile(g->re, PCRE2_JIT_COMPLETE);
out:
	free(b.p);
	return st;
}

hri_status
hri_gaz_scan(const hri_gaz *g, const char *text, size_t len,
             pcre2_match_data *md, pcre2_match_context *mc, hri_gaz_fn fn,
             void *ud)
{
	size_t pos = 0;
	while (pos < len) {
		int rc = pcre2_match(g->re, (PCRE2_SPTR)text, len, pos,
		                     PCRE2_NO_UTF_CHECK, md, mc);
		if (rc == PCRE2_ERROR_NOMATCH)
			return HRI_OK;
		if (rc < 0)
			return HRI_ERR_INTERNAL;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		PCRE2_SPTR mark = pcre2_get_mark(md);
		if (mark && fn(ud, (int)strtol((const char *)mark, NULL, 10),
		               ov[0], ov[1]))
			return HRI_OK;
		pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return HRI_OK;
}

int
hri_gaz_lookup(const hri_gaz *g, const char *s, size_t len)
{
	int id = -1;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(g->re, (PCRE2_SPTR)s, len, 0,
	                     PCRE2_ANCHORED | PCRE2_ENDANCHORED, md, NULL);
	PCRE2_SPTR mark = pcre2_get_mark(md);
	if (rc >= 0 && mark)
		id = (int)strtol((const char *)mark, NULL, 10);
	pcre2_match_data_free(md);
	return id;
}

int
hri_gaz_count(const hri_gaz *g)
{
	return g->count;
}
