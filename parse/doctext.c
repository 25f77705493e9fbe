/* doctext.c - the intermediate list of lines shared by all readers. */
#include "doctext.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swar.h"
#include "utf8.h"

#define BLOCK_MIN (64 * 1024) /* bytes of line text allocated at a time */

/* A block of line text. Lines are carved out of blocks, not allocated one
 * by one: a document has tens of thousands of lines, and a malloc and a
 * free for each (of 3 * len + 1 bytes, past malloc's small sizes for most
 * paragraphs) cost more than reading them. */
struct hri_textblock {
	struct hri_textblock *prev; /* the block filled before, or NULL */
	size_t cap;                 /* bytes of data */
	size_t used;                /* bytes of data taken by lines */
	char data[];
};

/* Returns room for need bytes of line text, from the newest block or a new
 * one, or NULL when out of memory. */
static char *
block_room(hri_doctext *t, size_t need)
{
	struct hri_textblock *b = t->block;
	size_t cap;

	if (!b || b->cap - b->used < need) {
		cap = need > BLOCK_MIN ? need : BLOCK_MIN;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->prev = t->block;
		b->cap = cap;
		b->used = 0;
		t->block = b;
	}
	return b->data + b->used;
}

hri_doctext *
hri_doctext_new(size_t max)
{
	hri_doctext *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->max = max ? max : (size_t)64 * 1024 * 1024;
	return t;
}

void
hri_doctext_free(hri_doctext *t)
{
	struct hri_textblock *b, *prev;

	if (!t)
		return;
	for (b = t->block; b; b = prev) {
		prev = b->prev;
		free(b);
	}
	free(t->lines);
	free(t);
}

hri_status
hri_doctext_add(hri_doctext *t, const char *text, size_t len, int page,
                unsigned style, const char *note)
{
	hri_docline *l;
	size_t ncap, i, o, k;

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
	                   text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	if (t->bytes + len + 1 > t->max)
		return HRI_ERR_TOO_BIG;
	if (t->n == t->cap) {
		ncap = t->cap ? t->cap * 2 : 256;
		l = realloc(t->lines, ncap * sizeof *l);
		if (!l)
			return HRI_ERR_NOMEM;
		t->lines = l;
		t->cap = ncap;
	}
	l = &t->lines[t->n];
	memset(l, 0, sizeof *l);
	/* Every reader's text passes here: bad UTF-8 (a reader's or a
	 * library's slip) becomes U+FFFD, up to 3 bytes for 1, so that no
	 * record is ever refused by the JSON writer. */
	l->text = block_room(t, 3 * len + 1);
	if (!l->text)
		return HRI_ERR_NOMEM;
	for (i = 0, o = 0; i < len; i += k) {
		const unsigned char *u = (const unsigned char *)text + i;

		/* a run of ASCII, most of any text, is copied whole; found
		 * eight bytes at a time while no byte of a word is past 0x7f */
		for (k = 0; k + 8 <= len - i; k += 8) {
			if (hri_swar_high(hri_swar_load(u + k)))
				break;
		}
		for (; k < len - i && u[k] < 0x80; k++)
			;
		if (k > 0) {
			memcpy(l->text + o, u, k);
			o += k;
			continue;
		}
		k = hri_utf8_len(u, len - i);
		if (k == 0) {
			memcpy(l->text + o, "\xef\xbf\xbd", 3);
			o += 3;
			k = 1;
			continue;
		}
		/* private-use characters are a font's symbols, not text */
		if (k == 3 && (u[0] == 0xee || (u[0] == 0xef && u[1] <= 0xa3)))
			continue;
		memcpy(l->text + o, u, k);
		o += k;
	}
	while (o > 0 && l->text[o - 1] == ' ')
		o--;
	l->text[o] = '\0';
	len = o;
	if (t->bytes + len + 1 > t->max) {
		l->text = NULL;
		return HRI_ERR_TOO_BIG;
	}
	t->block->used += len + 1;
	l->len = len;
	l->page = page;
	l->style = style;
	if (note)
		snprintf(l->note, sizeof l->note, "%s", note);
	t->bytes += len + 1;
	t->n++;
	return HRI_OK;
}

hri_status
hri_doctext_blank(hri_doctext *t, int page)
{
	if (t->n > 0 && (t->lines[t->n - 1].style & HRI_LINE_BLANK))
		return HRI_OK;
	return hri_doctext_add(t, "", 0, page, HRI_LINE_BLANK, NULL);
}
