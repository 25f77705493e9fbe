/* log.c - diagnostics and progress on standard error. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "hri";
static int level = 1;
static int progress_tty = -1;   /* -1 not yet known, else whether this
                                   process draws (progress_draws()) */
static int stderr_tty = -1;     /* -1 not yet known, else isatty(2) */
static bool progress_shown;     /* a progress line is on the screen */
static struct timespec progress_last;

/* Returns whether this process draws the progress line: stderr is a
 * terminal and stdout is not a pipe. In "hri-fetch | hri-parse | hri-index"
 * the three share the terminal; only the last stage, whose output is no
 * pipe, draws, so that three lines never overwrite each other. */
static int
progress_draws(void)
{
	struct stat sb;

	if (!isatty(STDERR_FILENO))
		return 0;
	return !(fstat(STDOUT_FILENO, &sb) == 0 &&
	         (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode)));
}

void
hri_log_init(const char *name)
{
	if (name)
		prog = name;
	/* decided now, before a stage moves its stdout (hri-parse's children
	 * write into a pipe to their parent) */
	progress_tty = progress_draws();
	stderr_tty = isatty(STDERR_FILENO);
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

/* Appends the n bytes at s to the line out (*len used of HRI_LOG_LINE_MAX),
 * escaping what a terminal would act on: C0 controls and DEL as \n, \r,
 * \t or \xHH, and the C1 controls U+0080..U+009F (UTF-8 C2 80..C2 9F) as
 * \u0080..\u009f. At most max bytes of s are taken, cut on a UTF-8
 * boundary and marked "[...]" when s is longer. */
static void
escape_into(char *out, size_t *len, const char *s, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, end = n, o = *len;
	int cut = 0;

	if (end > max) {
		/* drop the last sequence whole rather than split it */
		end = max;
		while (end > 0 && (p[end - 1] & 0xc0) == 0x80)
			end--;
		if (end > 0 && p[end - 1] >= 0xc0)
			end--;
		cut = 1;
	}
	for (i = 0; i < end && o + 8 < HRI_LOG_LINE_MAX; i++) {
		unsigned char c = p[i];

		if (c == 0xc2 && i + 1 < end && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			o += (size_t)snprintf(out + o, HRI_LOG_LINE_MAX - o, "\\u%04x",
			                      p[i + 1]);
			i++;
		} else if (c >= 0x20 && c != 0x7f) {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			if (c == '\n' || c == '\r' || c == '\t') {
				out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			} else {
				out[o++] = 'x';
				out[o++] = hex[c >> 4];
				out[o++] = hex[c & 15];
			}
		}
	}
	if ((cut || i < end) && o + 6 < HRI_LOG_LINE_MAX) {
		memcpy(out + o, "[...]", 5);
		o += 5;
	}
	*len = o;
}

/* Prints one message as one write, clearing a progress line first so the
 * two never mix. The context and the message are escaped and cut
 * (escape_into): they often carry outside input, a symbol, a query, a
 * server's error text, which must neither drive the terminal nor flood it. */
static void
vlog(const char *context, const char *fmt, va_list ap)
{
	char msg[HRI_LOG_MSG_MAX + 1], line[HRI_LOG_LINE_MAX];
	size_t len = 0, n;
	int r;

	r = vsnprintf(msg, sizeof msg, fmt, ap);
	n = r < 0 ? 0 : (size_t)r; /* over HRI_LOG_MSG_MAX when cut */
	/* a library's message often ends in a newline of its own */
	if (n <= HRI_LOG_MSG_MAX)
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
			n--;
	/* another process may have drawn the progress line on this terminal
	 * (the last stage of the pipeline, or a child of parse/sandbox.c), so
	 * the line is cleared whoever drew it, even by a stage that draws
	 * none: "hri-index: 1507 segmentshri-parse: 11 documents" otherwise */
	if (stderr_tty < 0)
		stderr_tty = isatty(STDERR_FILENO);
	if (stderr_tty) {
		memcpy(line, "\r\033[K", 4);
		len = 4;
	}
	progress_shown = false;
	escape_into(line, &len, prog, strlen(prog), HRI_LOG_CONTEXT_MAX);
	line[len++] = ':';
	line[len++] = ' ';
	if (context && *context) {
		escape_into(line, &len, context, strlen(context), HRI_LOG_CONTEXT_MAX);
		line[len++] = ':';
		line[len++] = ' ';
	}
	escape_into(line, &len, msg, n, HRI_LOG_MSG_MAX);
	line[len++] = '\n';
	fwrite(line, 1, len, stderr);
	fflush(stderr);
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
		progress_tty = progress_draws();
	return progress_tty && level >= 1;
}

void
hri_progress(const char *fmt, ...)
{
	char msg[HRI_LOG_MSG_MAX + 1], line[HRI_LOG_LINE_MAX];
	struct timespec now;
	size_t len = 4;
	long ms;
	va_list ap;
	int r;

	if (!hri_progress_enabled())
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - progress_last.tv_sec) * 1000 +
	     (now.tv_nsec - progress_last.tv_nsec) / 1000000;
	if (progress_shown && ms < 100)
		return;
	progress_last = now;
	va_start(ap, fmt);
	r = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memcpy(line, "\r\033[K", 4);
	escape_into(line, &len, prog, strlen(prog), HRI_LOG_CONTEXT_MAX);
	line[len++] = ':';
	line[len++] = ' ';
	/* one terminal line: a long file name is cut */
	escape_into(line, &len, msg, r < 0 ? 0 : (size_t)r, HRI_LOG_PROGRESS_MAX);
	fwrite(line, 1, len, stderr);
	fflush(stderr);
	progress_shown = true;
}

void
hri_progress_end(void)
{
	/* cleared even when this process drew nothing: a child process may
	 * have drawn it (parse/sandbox.c) */
	if (hri_progress_enabled()) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	progress_shown = false;
}
