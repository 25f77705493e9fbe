/* jsonmem.c - jansson's memory from free lists of fixed-size blocks.
 *
 * Every record hri-parse writes is a jansson tree: an object, its hash
 * table, a pair for each key, a value and a copy of each string, some
 * twenty allocations a segment, a million over the text of 63 UPR reports.
 * The trees are dropped whole, a document at a time, which overflows
 * glibc's per-thread cache and sends the frees to its bins and their
 * consolidation: malloc and free were a fifth of the instructions. Here a
 * block of each size (16 bytes apart, up to 512) is taken from and given
 * back to a stack of its size, a few instructions each; blocks come from
 * 64 KiB slabs that live as long as the process, so a document reuses what
 * the one before it freed. hri-parse is single-threaded. */
#include "jsonmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "swar.h"

#ifdef __SANITIZE_ADDRESS__
#define JSONMEM_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JSONMEM_OFF 1
#endif
#endif

#ifndef JSONMEM_OFF

enum {
	HDR = 8,          /* bytes before each block: its class */
	STEP = 16,        /* bytes between classes */
	CLASSES = 32,     /* classes of STEP..CLASSES*STEP bytes, header included */
	SLAB = 64 * 1024, /* bytes carved at a time */
	BIG = CLASSES     /* the class mark of a block from malloc */
};

/* The free blocks of a class: a stack of their addresses, not a list
 * linked through them, so that taking one reads no freed (cold) memory;
 * a block the stack could not grow for goes on the list. */
static struct freelist {
	char **stack; /* the free blocks, the last freed on top */
	size_t n;     /* blocks on the stack */
	size_t cap;   /* its room, blocks */
	char *list;   /* more, each holding the address of the next */
} lists[CLASSES];
static char *slab_at;    /* the unused rest of the current slab */
static size_t slab_left; /* its bytes */

/* Returns a new block of class c from the current slab, taking a new slab
 * when it is used up (its rest, less than a block, is left unused). */
static char *
carve(size_t c)
{
	size_t sz = (c + 1) * STEP;
	char *p;

	if (slab_left < sz) {
		slab_at = malloc(SLAB);
		if (!slab_at) {
			slab_left = 0;
			return NULL;
		}
		slab_left = SLAB;
	}
	p = slab_at;
	slab_at += sz;
	slab_left -= sz;
	return p;
}

/* jm_malloc() where the stack of class c is empty, or for a block of n
 * bytes past the classes (c is BIG): kept out of line, so that the common
 * case saves and restores no registers. */
static __attribute__((noinline)) void *
jm_malloc_slow(size_t n, size_t c)
{
	struct freelist *f;
	char *p;

	if (c == BIG) {
		p = malloc(HDR + n);
		if (!p)
			return NULL;
		p[0] = BIG;
		return p + HDR;
	}
	f = &lists[c];
	if (f->list) {
		p = f->list;
		memcpy(&f->list, p, sizeof f->list);
	} else {
		p = carve(c);
		if (!p)
			return NULL;
	}
	p[0] = (char)c;
	return p + HDR;
}

static void *
jm_malloc(size_t n)
{
	struct freelist *f;
	size_t c;
	char *p;

	if (n > CLASSES * STEP - HDR)
		return jm_malloc_slow(n, BIG);
	c = (n + HDR - 1) / STEP; /* the smallest class that holds n */
	f = &lists[c];
	if (!f->n)
		return jm_malloc_slow(n, c);
	p = f->stack[--f->n];
	p[0] = (char)c;
	return p + HDR;
}

/* jm_free() of the block p of class c (BIG: from malloc) where its stack
 * is full or it is not on one: out of line, as jm_malloc_slow(). */
static __attribute__((noinline)) void
jm_free_slow(char *p, size_t c)
{
	struct freelist *f;
	char **grown;
	size_t cap;

	if (c == BIG) {
		free(p);
		return;
	}
	f = &lists[c];
	cap = f->cap ? 2 * f->cap : 1024;
	grown = realloc(f->stack, cap * sizeof *grown);
	if (!grown) {
		memcpy(p, &f->list, sizeof f->list);
		f->list = p;
		return;
	}
	f->stack = grown;
	f->cap = cap;
	f->stack[f->n++] = p;
}

static void
jm_free(void *ptr)
{
	struct freelist *f;
	char *p;
	size_t c;

	if (!ptr)
		return;
	p = (char *)ptr - HDR;
	c = (unsigned char)p[0];
	if (c == BIG || lists[c].n == lists[c].cap) {
		jm_free_slow(p, c);
		return;
	}
	f = &lists[c];
	f->stack[f->n++] = p;
}

void
hri_jsonmem_init(void)
{
	const char *pre = getenv("LD_PRELOAD");

	/* valgrind's memcheck preloads its malloc to see every block; its
	 * other tools (callgrind, for the profiles) measure what runs */
	if (pre && strstr(pre, "vgpreload_memcheck"))
		return;
	json_set_alloc_funcs(jm_malloc, jm_free);
}

#else

void
hri_jsonmem_init(void)
{
}

#endif

json_t *
hri_jsonmem_string(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w, high = 0;
	size_t i = 0;

	if (!s)
		return NULL;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, u + i, sizeof w);
		high |= w;
	}
	for (; i < len; i++)
		high |= u[i];
	/* a byte past 0x7f: jansson checks the UTF-8 sequences */
	if (hri_swar_high(high))
		return json_stringn(s, len);
	return json_stringn_nocheck(s, len);
}
