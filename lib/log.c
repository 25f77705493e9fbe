/* log.c - diagnostics and progress on standard error. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "hri";
static int level = 1;
static int progress_tty = -1;   /* -1 not yet known, else isatty(2) */
static bool progress_shown;     /* a progress line is on the screen */
static struct timespec progress_last;

void
hri_log_init(const char *name)
{
	if (name)
		prog = name;
}

const char *
hri_log_prog(void)
{
	return prog;
}

void
hri_log_set_level(int l)
{
	level = l;
}

int
hri_log_level(void)
{
	return level;
}

/* Prints one message, clearing a progress line first so the two never mix. */
static void
vlog(const char *context, const char *fmt, va_list ap)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = false;
	}
	fputs(prog, stderr);
	fputs(": ", stderr);
	if (context && *context) {
		fputs(context, stderr);
		fputs(": ", stderr);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
hri_error(const char *context, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(context, fmt, ap);
	va_end(ap);
}

void
hri_info(const char *context, const char *fmt, ...)
{
	va_list ap;

	if (level < 1)
		return;
	va_start(ap, fmt);
	vlog(context, fmt, ap);
	va_end(ap);
}

void
hri_debug(const char *context, const char *fmt, ...)
{
	va_list ap;

	if (level < 2)
		return;
	va_start(ap, fmt);
	vlog(context, fmt, ap);
	va_end(ap);
}

bool
hri_progress_enabled(void)
{
	if (progress_tty < 0)
		progress_tty = isatty(STDERR_FILENO);
	return progress_tty && level >= 1;
}

void
hri_progress(const char *fmt, ...)
{
	struct timespec now;
	long ms;
	va_list ap;

	if (!hri_progress_enabled())
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - progress_last.tv_sec) * 1000 +
	     (now.tv_nsec - progress_last.tv_nsec) / 1000000;
	if (progress_shown && ms < 100)
		return;
	progress_last = now;
	fputs("\r\033[K", stderr);
	fputs(prog, stderr);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_shown = true;
}

void
hri_progress_end(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		progress_shown = false;
	}
}
