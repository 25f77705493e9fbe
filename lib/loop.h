/* loop.h - the one input loop every stage uses (after mblaze's blaze822_loop):
 * items come from the arguments or, when there are none, one per line from
 * standard input; an argument "-" reads standard input at that point. */
#ifndef HRI_LOOP_H
#define HRI_LOOP_H

#include <stddef.h>

/* One input item. Everything is borrowed and valid only during the call. */
typedef struct hri_item {
	const char *text;     /* the argument or line, NUL-terminated, trimmed of
	                         the line end */
	size_t len;           /* bytes in text */
	const char *where;    /* for messages: "<stdin>:12" or "argument 3" */
	unsigned long lineno; /* line number on stdin, 0 for an argument */
} hri_item;

/* What the callback made of an item. */
typedef enum hri_item_result {
	HRI_ITEM_DONE,    /* processed, something was produced */
	HRI_ITEM_NOTHING, /* processed, nothing to do (counts towards exit 1) */
	HRI_ITEM_FAILED,  /* failed and reported; the loop goes on */
	HRI_ITEM_FATAL    /* cannot go on (the output or the database failed) */
} hri_item_result;

typedef hri_item_result (*hri_item_fn)(const hri_item *item, void *ud);

/* What the loop saw. */
typedef struct hri_loop_stats {
	unsigned long items;   /* items handed to the callback */
	unsigned long done;    /* HRI_ITEM_DONE */
	unsigned long nothing; /* HRI_ITEM_NOTHING */
	unsigned long failed;  /* HRI_ITEM_FAILED, and lines too long to read */
	int fatal;             /* the callback returned HRI_ITEM_FATAL */
	int usage;             /* no arguments and a terminal on stdin */
} hri_loop_stats;

/* Calls fn(item, ud) for each item of argv[0..argc) or, with argc 0, of
 * standard input. On stdin, empty lines and lines starting with '#' are
 * skipped, and a line over max bytes (0: HRI_LINE_MAX) is reported and
 * counted as failed. With argc 0 and a terminal on stdin nothing is read and
 * stats->usage is set, so the caller prints its usage. Stops at the first
 * HRI_ITEM_FATAL. Fills *stats (zeroed first). */
void hri_loop(int argc, char **argv, size_t max, hri_item_fn fn, void *ud,
              hri_loop_stats *stats);

/* Returns the exit status every tool shares (hri(7)) for what the loop
 * saw: 4 fatal, 2 usage, 3 some failed, 1 nothing done, else 0. */
int hri_loop_exit(const hri_loop_stats *stats);

#endif
