/* log.h - diagnostics on standard error, in the one form every hri tool
 * uses: "hri-parse: A/HRC/28/15: page 4: reason", and a progress line for
 * long work on a terminal. Standard output carries records only. */
#ifndef HRI_LOG_H
#define HRI_LOG_H

#include <stdbool.h>

/* Sets the program name printed before every message ("hri-parse"). The
 * string is borrowed and must outlive every later call. */
void hri_log_init(const char *prog);

/* Returns the program name given to hri_log_init(), or "hri". */
const char *hri_log_prog(void);

/* Sets how much is said: 0 errors only (--quiet), 1 the default, 2 and more
 * for --verbose. */
void hri_log_set_level(int level);
int hri_log_level(void);

/* Caps on one message, in bytes of the text before escaping: a longer
 * context or message is cut (on a UTF-8 boundary) and marked "[...]". */
#define HRI_LOG_CONTEXT_MAX 256 /* the context, and the program name */
#define HRI_LOG_MSG_MAX 2048    /* the message after formatting */
#define HRI_LOG_PROGRESS_MAX 160 /* the text of the progress line */
/* Bytes of one line after escaping (each byte may take four). */
#define HRI_LOG_LINE_MAX (4 * (HRI_LOG_MSG_MAX + 2 * HRI_LOG_CONTEXT_MAX) + 64)

/* Prints "prog: context: message" on stderr, in one write. Control
 * characters in the context and the message (which often carry outside
 * input) are escaped: C0 controls and DEL as \n, \r, \t or \xHH, the C1
 * controls U+0080..U+009F as \u0080..\u009f; trailing newlines of the
 * message are dropped. context may be NULL, then it is
 * left out. Errors are always printed; hri_info() only at level >= 1 and
 * hri_debug() only at level >= 2. */
void hri_error(const char *context, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void hri_info(const char *context, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void hri_debug(const char *context, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Progress on long work: a single line on stderr, redrawn at most ten times
 * a second, and only when stderr is a terminal, stdout is not a pipe and
 * the level is >= 1: in a pipeline only the last stage draws (three lines
 * on one terminal would overwrite each other); in cron nothing does. The
 * choice is made by hri_log_init(). Every message on a terminal clears the
 * line first, whichever process drew it. hri_progress_end() clears it. */
bool hri_progress_enabled(void);
void hri_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hri_progress_end(void);

#endif
