/* loop.c - items from the arguments or standard input. */
#include "loop.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lines.h"
#include "log.h"
#include "status.h"

/* Hands one item to the callback and counts the outcome. Returns nonzero
 * when the loop must stop. */
static int
dispatch(hri_item_fn fn, void *ud, const hri_item *it, hri_loop_stats *s)
{
	s->items++;
	switch (fn(it, ud)) {
	case HRI_ITEM_DONE: s->done++; break;
	case HRI_ITEM_NOTHING: s->nothing++; break;
	case HRI_ITEM_FAILED: s->failed++; break;
	case HRI_ITEM_FATAL: s->fatal = 1; return 1;
	}
	return 0;
}

/* Runs the loop over the lines of stdin. Returns nonzero to stop. */
static int
loop_stdin(size_t max, hri_item_fn fn, void *ud, hri_loop_stats *s)
{
	hri_lines *r = hri_lines_new(stdin, max);
	char where[64];
	const char *line;
	size_t len;
	hri_status st;
	int stop = 0;

	if (!r) {
		hri_error("<stdin>", "%s", hri_status_str(HRI_ERR_NOMEM));
		s->fatal = 1;
		return 1;
	}
	while (!stop) {
		st = hri_lines_next(r, &line, &len);
		if (st == HRI_ERR_NOT_FOUND)
			break;
		snprintf(where, sizeof where, "<stdin>:%lu", hri_lines_lineno(r));
		if (st == HRI_ERR_TOO_BIG) {
			hri_error(where, "line longer than %zu bytes, skipped",
			          max ? max : (size_t)HRI_LINE_MAX);
			s->failed++;
			continue;
		}
		if (st) {
			hri_error("<stdin>", "%s", hri_status_str(st));
			s->fatal = 1;
			break;
		}
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		((char *)line)[len] = '\0';
		stop = dispatch(fn, ud,
		                &(hri_item){line, len, where, hri_lines_lineno(r)}, s);
	}
	hri_lines_free(r);
	return stop || s->fatal;
}

void
hri_loop(int argc, char **argv, size_t max, hri_item_fn fn, void *ud,
         hri_loop_stats *stats)
{
	char where[64];
	int i;

	memset(stats, 0, sizeof *stats);
	if (argc == 0) {
		if (isatty(STDIN_FILENO)) {
			stats->usage = 1;
			return;
		}
		loop_stdin(max, fn, ud, stats);
		return;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (loop_stdin(max, fn, ud, stats))
				return;
			continue;
		}
		snprintf(where, sizeof where, "argument %d", i + 1);
		if (dispatch(fn, ud,
		             &(hri_item){argv[i], strlen(argv[i]), where, 0}, stats))
			return;
	}
}

int
hri_loop_exit(const hri_loop_stats *s)
{
	if (s->fatal)
		return HRI_EXIT_FATAL;
	if (s->usage)
		return HRI_EXIT_USAGE;
	if (s->failed)
		return HRI_EXIT_PARTIAL;
	if (s->done == 0)
		return HRI_EXIT_NOTHING;
	return HRI_EXIT_OK;
}
