/* extract_gazetteer.c - phrase lists as one trie-shaped PCRE2 pattern.
 *
 * Why a trie: PCRE2 tries the branches of an alternation one by one, so a
 * flat "Afghanistan|Albania|..." of a thousand names costs a thousand
 * comparisons at every capital letter. Factored by shared prefixes the
 * pattern branches once per character, and the (*MARK) at the end of each
 * phrase tells which one matched without a second lookup. Branches are
 * emitted children first, so at a given start the longest phrase wins. */
#include "extract_gazetteer.h"
#include "grow.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	KEY_SPACE = 1, /* a run of white space */
	KEY_APOS = 2   /* ' or U+2019 */
};

/* A node of the trie, with the key of the edge that leads to it; its
 * children in the order they were added (the pattern's order). */
typedef struct gnode {
	uint32_t key;         /* code point (or KEY_*) of the edge to it */
	struct gnode *kid;    /* first child */
	struct gnode *last;   /* last child */
	struct gnode *next;   /* next sibling */
	size_t n;             /* children */
	int id;               /* phrase id ending here, -1 when none */
	int wild;             /* the phrase ending here takes any suffix */
	int kin;              /* an edge's key is an ascii_kin() */
} gnode;

#define GNODE_BLOCK 1024 /* nodes allocated at a time */

struct hri_gaz {
	int flags;            /* HRI_GAZ_* */
	gnode **blocks;       /* the nodes, GNODE_BLOCK a block: a list of
	                         18,000 phrases made as many nodes, and
	                         allocating and freeing each cost more than
	                         all of the matching of a document */
	size_t nblocks, used; /* blocks, nodes used of the last */
	int count;            /* distinct phrases */
	gnode *root;
	const gnode *first[128]; /* the root's child along each ASCII byte */
	pcre2_code **sub;     /* [128]: anchored, the phrases of one first
	                         byte, compiled when the walk first cannot
	                         decide (see walk()); NULL until then */
	int odd;              /* a phrase holds white space other than space
	                         and tab: the patterns decide every match */
	uint64_t *gate;       /* open-addressing set of first-word keys */
	size_t gate_size;     /* slots, a power of two */
	size_t gate_count;    /* keys held */
	int stems;            /* some phrase is one word with a final "*" */
	int short_stems;      /* such a stem is under 4 letters */
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

/* Returns a new empty node of g, or NULL. */
static gnode *
gnode_new(hri_gaz *g)
{
	if (!g->nblocks || g->used == GNODE_BLOCK) {
		gnode **nb = realloc(g->blocks, (g->nblocks + 1) * sizeof *nb);
		if (!nb)
			return NULL;
		g->blocks = nb;
		nb[g->nblocks] = malloc(GNODE_BLOCK * sizeof **nb);
		if (!nb[g->nblocks])
			return NULL;
		g->nblocks++;
		g->used = 0;
	}
	gnode *n = &g->blocks[g->nblocks - 1][g->used++];
	memset(n, 0, sizeof *n);
	n->id = -1;
	return n;
}

static int ascii_kin(uint32_t cp);

/* Returns the child of n along key, adding it (last) when missing; NULL
 * on ENOMEM. */
static gnode *
gnode_child(hri_gaz *g, gnode *n, uint32_t key)
{
	gnode *c;
	for (c = n->kid; c; c = c->next)
		if (c->key == key)
			return c;
	c = gnode_new(g);
	if (!c)
		return NULL;
	c->key = key;
	if (n->last)
		n->last->next = c;
	else
		n->kid = c;
	n->last = c;
	n->n++;
	n->kin |= ascii_kin(key);
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

/* The bytes a word is made of, as PCRE2's \w without Unicode properties
 * sees them: ASCII letters, digits, underscore. */
static const unsigned char word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* Each byte of a word lower-cased, 0 for a byte of no word: hashing a
 * caseless word looks each byte up once instead of testing it twice. */
static const unsigned char fold_byte[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['_'] = '_',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
};

/* Returns the phrase id a (*MARK) name holds (decimal digits), or -1. */
static int
mark_id(PCRE2_SPTR mark)
{
	int id = 0;
	if (!mark || !*mark)
		return -1;
	for (; *mark >= '0' && *mark <= '9'; mark++)
		id = id * 10 + (*mark - '0');
	return id;
}

/* Returns c in ASCII lower case; other bytes unchanged. */
static unsigned char
lower(unsigned char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* Returns nonzero for a byte of a word (see word_byte). */
static int
is_word(unsigned char c)
{
	return word_byte[c];
}

/* Returns the gate key of a stem: the first n bytes (n <= 4) of the word
 * at s, lower-cased when caseless; never 0 for n > 0, top bit clear. */
static uint64_t
gate_key(const unsigned char *s, size_t n, int caseless)
{
	uint64_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (caseless && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		k |= (uint64_t)c << (8 * i);
	}
	return k;
}

/* Returns the gate key of a whole word of n bytes at s: its FNV-1a hash,
 * lower-cased when caseless, with the top bit set (never a stem key). */
static uint64_t
gate_word(const unsigned char *s, size_t n, int caseless)
{
	uint64_t h = HRI_FNV1A_BASIS;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (caseless && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = hri_fnv1a_byte(h, c);
	}
	return h | (1ull << 63);
}

/* Returns the slot of key k in the gate, empty (0) or holding k. */
static size_t
gate_slot(const uint64_t *gate, size_t size, uint64_t k)
{
	size_t i = (size_t)((k * 11400714819323198485u) >> 40) & (size - 1);
	while (gate[i] && gate[i] != k)
		i = (i + 1) & (size - 1);
	return i;
}

/* Adds key k to the gate of g; nonzero when out of memory. */
static int
gate_add(hri_gaz *g, uint64_t k)
{
	if (2 * (g->gate_count + 1) > g->gate_size) {
		size_t size = g->gate_size ? g->gate_size * 2 : 64;
		uint64_t *ng = calloc(size, sizeof *ng);
		if (!ng)
			return 1;
		for (size_t i = 0; i < g->gate_size; i++)
			if (g->gate[i])
				ng[gate_slot(ng, size, g->gate[i])] = g->gate[i];
		free(g->gate);
		g->gate = ng;
		g->gate_size = size;
	}
	size_t i = gate_slot(g->gate, g->gate_size, k);
	if (!g->gate[i]) {
		g->gate[i] = k;
		g->gate_count++;
	}
	return 0;
}

/* Returns nonzero when the gate of g holds k. */
static int
gate_has(const hri_gaz *g, uint64_t k)
{
	return g->gate[gate_slot(g->gate, g->gate_size, k)] == k;
}

hri_status
hri_gaz_new(int flags, hri_gaz **out)
{
	*out = NULL;
	hri_gaz *g = calloc(1, sizeof *g);
	if (!g)
		return HRI_ERR_NOMEM;
	g->flags = flags;
	g->root = gnode_new(g);
	g->sub = calloc(128, sizeof *g->sub);
	if (!g->root || !g->sub) {
		hri_gaz_free(g);
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
	for (size_t i = 0; i < g->nblocks; i++)
		free(g->blocks[i]);
	free(g->blocks);
	for (size_t i = 0; g->sub && i < 128; i++)
		pcre2_code_free(g->sub[i]);
	free(g->sub);
	free(g->gate);
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
	if (!len || !is_word(s[0]))
		return HRI_ERR_INVALID;
	/* The gate: a word of the text is tried only when it is some phrase's
	 * first word (or begins like a one-word stem). */
	size_t run = 0;
	while (run < len && is_word(s[run]))
		run++;
	int caseless = g->flags & HRI_GAZ_CASELESS;
	uint64_t key;
	if (wild && run == len) {
		/* A one-word stem ("traffick*"): its first letters. */
		g->stems = 1;
		if (run < 4)
			g->short_stems = 1;
		key = gate_key(s, run < 4 ? run : 4, caseless);
	} else {
		/* Else the first word exactly: "rights" does not open "right to
		 * life". */
		key = gate_word(s, run, caseless);
	}
	if (gate_add(g, key))
		return HRI_ERR_NOMEM;
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
		} else if (cp == '\n' || cp == '\v' || cp == '\f' ||
		           cp == '\r') {
			/* \s+ could give some back to this key: walk() assumes
			 * it never does */
			g->odd = 1;
		} else if ((g->flags & HRI_GAZ_CASELESS) && cp >= 'A' && cp <= 'Z') {
			cp += 'a' - 'A';
		}
		n = gnode_child(g, n, cp);
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
	for (const gnode *c = n->kid; c && !err; c = c->next) {
		if (c != n->kid)
			err |= gbuf_add(b, "|", 1);
		err |= emit_key(b, c->key);
		err |= emit_node(b, c);
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

/* Compiles the pattern of the subtree at n (a node reached by key, or the
 * root when key is 0) into *re, anchored when anchored is set, for the JIT
 * when jit is set. */
static hri_status
compile_node(const hri_gaz *g, uint32_t key, const gnode *n, int anchored,
             int jit, pcre2_code **re, char *err, size_t errsz)
{
	gbuf b = {0};
	hri_status st = HRI_OK;
	const char *head = (g->flags & HRI_GAZ_CASELESS) ? "(?i)\\b" : "\\b";
	int code;
	PCRE2_SIZE off;
	if (gbuf_add(&b, head, strlen(head)) || (key && emit_key(&b, key)) ||
	    (g->count == 0 ? gbuf_add(&b, "(*FAIL)", 7) : emit_node(&b, n))) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	*re = pcre2_compile((PCRE2_SPTR)b.p, b.len,
	                    PCRE2_UTF | (anchored ? PCRE2_ANCHORED : 0), &code,
	                    &off, NULL);
	if (!*re) {
		char msg[256];
		pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(err, errsz, "phrase pattern at offset %zu: %s",
		         (size_t)off, msg);
		st = HRI_ERR_FORMAT;
		goto out;
	}
	/* without JIT, not built for this CPU, the interpreter still works */
	if (jit)
		(void)pcre2_jit_compile(*re, PCRE2_JIT_COMPLETE);
out:
	free(b.p);
	return st;
}

/* Returns the anchored pattern of the phrases opening with byte c,
 * compiling it on first use, or NULL when PCRE2 refuses it. */
static const pcre2_code *
sub_pattern(const hri_gaz *g, unsigned char c)
{
	char err[256];

	if (!g->sub[c] &&
	    compile_node(g, c, g->first[c], 1, 0, &g->sub[c], err, sizeof err))
		return NULL;
	return g->sub[c];
}

hri_status
hri_gaz_compile(hri_gaz *g, char *err, size_t errsz)
{
	hri_status st = HRI_OK;
	/* The walk (walk()) reads the trie itself from the root's child
	 * along a word's first byte: every phrase opens with an ASCII word
	 * byte. Compiling a pattern per first byte for the JIT was half of
	 * every run's start-up; now a pattern is compiled only when the walk
	 * meets what only PCRE2 can decide, and for the few texts that need
	 * it (and all of them up front under HRI_GAZ_PATTERNS). */
	for (const gnode *c = g->root->kid; c; c = c->next)
		if (c->key < 128)
			g->first[c->key] = c;
	for (size_t k = 0; (g->flags & HRI_GAZ_PATTERNS) && k < 128 && !st; k++)
		if (g->first[k])
			st = compile_node(g, (uint32_t)k, g->first[k], 1, 1,
			                  &g->sub[k], err, errsz);
	return st;
}

/* Returns nonzero for a byte PCRE2's \s matches (without Unicode
 * properties): tab, line feed, vertical tab, form feed, return, space. */
static int
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Returns nonzero for the code points past ASCII that Unicode's simple
 * case mappings tie to an ASCII letter (the Kelvin sign and k, the long s
 * and s, the dotted and dotless i): the only ones a caseless comparison of
 * an ASCII letter leaves to PCRE2. */
static int
ascii_kin(uint32_t cp)
{
	return cp == 0x212A || cp == 0x17F || cp == 0x130 || cp == 0x131;
}

/* What walk() found. */
enum { WALK_NO = 0, WALK_YES = 1, WALK_UNSURE = -1 };

/* The last branch of n's pattern: the phrase ending at n (if any) at pos,
 * followed by no word byte (its stem's word bytes first); with whole, at
 * len. Returns WALK_YES with its id and end in *id and *end, or WALK_NO. */
static int
phrase_end(const gnode *n, const unsigned char *t, size_t len, size_t pos,
           int whole, int *id, size_t *end)
{
	if (n->id < 0)
		return WALK_NO;
	if (n->wild)
		while (pos < len && word_byte[t[pos]])
			pos++;
	if ((pos < len && word_byte[t[pos]]) || (whole && pos != len))
		return WALK_NO;
	*id = n->id;
	*end = pos;
	return WALK_YES;
}

/* Matches the subtree at n against the text t (len bytes) from pos, as the
 * subtree's pattern (emit_node()) would: the edges in their order, each
 * tried to its end before the next, then the phrase ending at n, if any,
 * followed by no word byte (its stem's word bytes first). Where whole is
 * set the match must end at len (PCRE2_ENDANCHORED). Returns WALK_YES with
 * the phrase's id and end in *id and *end, WALK_NO, or WALK_UNSURE where
 * PCRE2 alone can tell: a caseless comparison of two characters past
 * ASCII, or of an ASCII letter and one of its kin (ascii_kin()). */
static int
walk(const hri_gaz *g, const gnode *n, const unsigned char *t, size_t len,
     size_t pos, int whole, int *id, size_t *end)
{
	int caseless = g->flags & HRI_GAZ_CASELESS;

	/* An ASCII character that is no white space and no apostrophe (most
	 * of them) matches one key at most, its own (lower-cased): that
	 * edge alone is followed, and where no phrase ends at n, without a
	 * call, as the subtree's result is n's. */
	while (pos < len && t[pos] < 0x80 && !is_space(t[pos]) &&
	       t[pos] != '\'') {
		uint32_t want = caseless ? lower(t[pos]) : t[pos];
		const gnode *kid = NULL;

		if (caseless && n->kin && word_byte[t[pos]])
			return WALK_UNSURE;
		for (kid = n->kid; kid && kid->key != want; kid = kid->next)
			;
		if (kid && n->id < 0) {
			n = kid;
			pos++;
			continue;
		}
		if (kid) {
			int r = walk(g, kid, t, len, pos + 1, whole, id, end);
			if (r != WALK_NO)
				return r;
		}
		return phrase_end(n, t, len, pos, whole, id, end);
	}
	for (const gnode *kid = n->kid; kid && pos < len; kid = kid->next) {
		uint32_t key = kid->key, cp;
		unsigned char c = t[pos];
		size_t next = 0; /* past the edge's match; 0 when none */

		if (key == KEY_SPACE) {
			/* past ASCII, nothing is \s without Unicode properties
			 * (no-break spaces included) */
			if (is_space(c)) {
				/* greedy, and no key after it is white space
				 * (g->odd), so it never gives any back */
				for (next = pos + 1; next < len && is_space(t[next]);
				     next++)
					;
			}
		} else if (key == KEY_APOS) {
			if (c == '\'')
				next = pos + 1;
			else if (c == 0xE2 && len - pos >= 3 && t[pos + 1] == 0x80 &&
			         t[pos + 2] == 0x99)
				next = pos + 3; /* U+2019 */
		} else if (c < 0x80) {
			if (key < 0x80) {
				if ((caseless ? lower(c) : c) == key)
					next = pos + 1;
			} else if (caseless && ascii_kin(key)) {
				return WALK_UNSURE;
			}
		} else if (whole) {
			return WALK_UNSURE; /* PCRE2 checks a name's UTF-8 */
		} else {
			size_t k = utf8_decode(t + pos, len - pos, &cp);
			if (k && cp == key)
				next = pos + k;
			else if (caseless && k && (key >= 0x80 || ascii_kin(cp)))
				return WALK_UNSURE;
		}
		if (!next)
			continue;
		int r = walk(g, kid, t, len, next, whole, id, end);
		if (r != WALK_NO)
			return r;
	}
	return phrase_end(n, t, len, pos, whole, id, end);
}

/* Matches the phrases opening with the word byte at t[start] (the first
 * byte's pattern, anchored there) into *id and *end. Returns WALK_YES,
 * WALK_NO, or WALK_UNSURE when PCRE2 failed. md (may be NULL: then one of
 * its own) and mc serve PCRE2 where the walk cannot decide. */
static int
match_at(const hri_gaz *g, const char *text, size_t len, size_t start,
         int whole, pcre2_match_data *md, pcre2_match_context *mc, int *id,
         size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	unsigned char c = (g->flags & HRI_GAZ_CASELESS) ? lower(t[start])
	                                                : t[start];
	int r = WALK_UNSURE;

	if (!g->first[c])
		return WALK_NO;
	if (!g->odd && !(g->flags & HRI_GAZ_PATTERNS))
		r = walk(g, g->first[c], t, len, start + 1, whole, id, end);
	if (r != WALK_UNSURE)
		return r;
	const pcre2_code *re = sub_pattern(g, c);
	pcre2_match_data *own = md ? NULL : pcre2_match_data_create(1, NULL);
	if (!re || (!md && !own))
		return WALK_UNSURE;
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, start,
	                     whole ? PCRE2_ENDANCHORED : PCRE2_NO_UTF_CHECK,
	                     md ? md : own, mc);
	if (rc >= 0) {
		*id = mark_id(pcre2_get_mark(md ? md : own));
		*end = pcre2_get_ovector_pointer(md ? md : own)[1];
		r = WALK_YES;
	} else {
		/* in a name (whole), bad UTF-8 is no name */
		r = rc == PCRE2_ERROR_NOMATCH || whole ? WALK_NO : WALK_UNSURE;
	}
	pcre2_match_data_free(own);
	return r;
}

/* Returns nonzero when a one-word stem may match the word w of the text
 * t (its first letters are a stem's). */
static int
gate_stem(const hri_gaz *g, const unsigned char *t, const hri_gaz_word *w)
{
	const unsigned char *s = t + w->start;
	size_t run = w->len;
	int caseless = g->flags & HRI_GAZ_CASELESS;
	/* caseless, the word pass made the key */
	if (gate_has(g, caseless ? w->head
	                         : gate_key(s, run < 4 ? run : 4, caseless)))
		return 1;
	for (size_t n = 1; g->short_stems && n < 4 && n < run; n++)
		if (gate_has(g, caseless ? w->head & ((1ull << (8 * n)) - 1)
		                         : gate_key(s, n, caseless)))
			return 1;
	return 0;
}

hri_status
hri_gaz_words_read(hri_gaz_words *ws, const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t pos = 0, start;
	uint64_t h, head;

	ws->n = 0;
	while (pos < len) {
		while (pos < len && !word_byte[t[pos]])
			pos++;
		if (pos >= len)
			break;
		if (ws->n == ws->cap &&
		    hri_grow(&ws->w, ws->n, &ws->cap, sizeof *ws->w, 256))
			return HRI_ERR_NOMEM;
		/* the lower-cased hash is made as the word is read, so each
		 * byte is seen once; the case-sensitive one only for the few
		 * words a case-sensitive list may start with */
		start = pos;
		h = HRI_FNV1A_BASIS;
		/* the first four bytes also make the stems' key, which the
		 * caseless scans would otherwise make again, byte by byte,
		 * for every word */
		head = 0;
		for (; pos < len; pos++) {
			unsigned char f = fold_byte[t[pos]];
			size_t j = pos - start;

			if (!f)
				break;
			h = hri_fnv1a_byte(h, f);
			if (j < 4)
				head |= (uint64_t)f << (8 * j);
		}
		ws->w[ws->n].start = start;
		ws->w[ws->n].len = pos - start;
		ws->w[ws->n].fold = h | (1ull << 63);
		ws->w[ws->n].head = head;
		ws->n++;
	}
	return HRI_OK;
}

void
hri_gaz_words_free(hri_gaz_words *ws)
{
	free(ws->w);
	memset(ws, 0, sizeof *ws);
}

hri_status
hri_gaz_scan_words(const hri_gaz *g, const char *text, size_t len,
                   const hri_gaz_words *ws, pcre2_match_data *md,
                   pcre2_match_context *mc, hri_gaz_fn fn, void *ud)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i, from = 0; /* words before byte from are inside a match */
	/* Word by word: most words start no phrase, and the gate says so
	 * without running the pattern. */
	int caseless = g->flags & HRI_GAZ_CASELESS;
	if (!g->gate_size)
		return HRI_OK;
	for (i = 0; i < ws->n; i++) {
		const hri_gaz_word *w = &ws->w[i];
		if (w->start < from)
			continue;
		unsigned char c = caseless ? (unsigned char)w->head : t[w->start];
		/* No phrase starts with this letter (most lower-case words of a
		 * list of names): the word is skipped. */
		if (!g->first[c])
			continue;
		uint64_t h = caseless ? w->fold
		                      : gate_word(t + w->start, w->len, 0);
		if (!gate_has(g, h) &&
		    !(g->stems && gate_stem(g, t, w)))
			continue;
		int id = -1;
		size_t me = 0;
		int r = match_at(g, text, len, w->start, 0, md, mc, &id, &me);
		if (r == WALK_NO)
			continue;
		if (r == WALK_UNSURE)
			return HRI_ERR_INTERNAL;
		if (id >= 0 && fn(ud, id, w->start, me))
			return HRI_OK;
		if (me > w->start + w->len)
			from = me;
	}
	return HRI_OK;
}

hri_status
hri_gaz_scan(const hri_gaz *g, const char *text, size_t len,
             pcre2_match_data *md, pcre2_match_context *mc, hri_gaz_fn fn,
             void *ud)
{
	hri_gaz_words ws = {0};
	hri_status st = hri_gaz_words_read(&ws, text, len);

	if (!st)
		st = hri_gaz_scan_words(g, text, len, &ws, md, mc, fn, ud);
	hri_gaz_words_free(&ws);
	return st;
}

int
hri_gaz_lookup(const hri_gaz *g, const char *s, size_t len)
{
	int id = -1;
	size_t end = 0;

	/* Every phrase opens with an ASCII word byte, after the \b that
	 * needs one: a name opening with another byte is none (even where
	 * (?i) would take it for an ASCII letter, the Kelvin sign a k). */
	if (!len || (unsigned char)s[0] >= 0x80 || !is_word((unsigned char)s[0]))
		return -1;
	if (match_at(g, s, len, 0, 1, NULL, NULL, &id, &end) != WALK_YES)
		return -1;
	return id;
}

int
hri_gaz_count(const hri_gaz *g)
{
	return g->count;
}
