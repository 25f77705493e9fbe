/* sandbox.h - the input items of hri-parse handled in a worker process,
 * under limits the kernel enforces on each item: address space
 * (RLIMIT_AS), CPU time (RLIMIT_CPU, counted from the CPU time the item
 * starts at), and wall time (the parent kills the worker at the item's
 * deadline). A document that runs over a limit, or whose parser crashes or
 * aborts (poppler ends the process on std::bad_alloc), takes only the
 * worker down: its records reach standard output only once it finished, so
 * a killed document leaves no partial record; the caller writes an error
 * record in their place, a new worker starts, and the batch goes on.
 *
 * One worker parses item after item, so that a small document does not
 * pay for a process of its own (a fork and its page faults cost as much as
 * parsing a 50 KB text). A worker retires after an item that took a
 * quarter of the memory limit or used up its share of CPU time, so that
 * every item finds the limits a process of its own would; an item that
 * fails at the memory limit or crashes in a worker that parsed others
 * before is parsed again in a fresh one, so its outcome does not depend on
 * the items before it.
 *
 * The parent sends each item over a socket; the worker writes the item's
 * records into it and then a trailer: a NUL byte (never in JSON Lines),
 * the item's result and the bytes of the caller's counters, copied back
 * over the parent's so that they count as if the item ran in the parent. */
#ifndef HRI_SANDBOX_H
#define HRI_SANDBOX_H

#include <stddef.h>

#include "loop.h"
#include "status.h"

/* Limits on one item. 0 is no limit. */
typedef struct hri_sandbox_limits {
	unsigned long long memory; /* bytes of address space */
	unsigned cpu;              /* seconds of CPU time */
	unsigned wall;             /* seconds of wall time */
} hri_sandbox_limits;

/* The defaults, for a machine of a few cores and a few GB per core: a UN
 * report takes tens of MB and a second or two; PDFs crafted to exhaust the
 * parser stop here. */
#define HRI_SANDBOX_MEMORY (2ULL << 30) /* 2 GiB */
#define HRI_SANDBOX_CPU 60              /* s */
#define HRI_SANDBOX_WALL 120            /* s: a loaded machine, a slow disk */

/* Writes, in the parent, what stands for item when its child did not
 * finish; why names the cause ("memory limit 2 GiB exceeded", "CPU time
 * limit 60 s exceeded", "wall time limit 120 s exceeded", "the parser
 * crashed (Segmentation fault)"). Returns HRI_ITEM_FAILED, or
 * HRI_ITEM_FATAL when the output failed. */
typedef hri_item_result (*hri_sandbox_fail_fn)(const hri_item *item,
                                               void *ud, const char *why);

typedef struct hri_sandbox hri_sandbox;

/* Fills *lim with the defaults of this run. Under valgrind or
 * AddressSanitizer the address space limit is 0 (both reserve far more
 * address space than the program uses: the limit would stop them, not the
 * parser) and the time limits are 25 and 4 times longer (they run the
 * parser that much slower). */
void hri_sandbox_limits_default(hri_sandbox_limits *lim);

/* Parses the value of a limit option into *lim: which is 'm' (a size in
 * bytes with an optional K, M or G suffix, powers of 1024), 'c' (CPU
 * seconds) or 'w' (wall seconds); "0" is no limit. Returns 0, or -1 with
 * the reason in err (errsz bytes). */
int hri_sandbox_parse_limit(hri_sandbox_limits *lim, int which,
                            const char *arg, char *err, size_t errsz);

/* Creates a sandbox that runs fn(item, ud) for each item given to
 * hri_sandbox_item(), and fail(item, ud, why) when an item does not
 * finish. sync (syncsz bytes at most 4096, may be NULL) is the caller's
 * counters, which fn changes: after each finished item the worker's values
 * are copied over the parent's.
 * Everything is borrowed and must outlive the sandbox. With every limit 0
 * items run in the process itself. On HRI_OK *out is new, for
 * hri_sandbox_free(); else NULL and HRI_ERR_NOMEM. */
hri_status hri_sandbox_new(const hri_sandbox_limits *lim, hri_item_fn fn,
                           hri_sandbox_fail_fn fail, void *ud, void *sync,
                           size_t syncsz, hri_sandbox **out);

/* Ends the worker after the last item and waits for it. Returns 0, or -1
 * when a worker of this run ended with an error status (reported: valgrind
 * and the sanitizers say so that way what they found in its items). */
int hri_sandbox_end(hri_sandbox *sb);

/* Frees sb, killing a worker still running (hri_sandbox_end() ends it
 * cleanly); hri_sandbox_free(NULL) does nothing. */
void hri_sandbox_free(hri_sandbox *sb);

/* An hri_item_fn (ud is the sandbox): runs the item's fn in the worker
 * under the limits and copies its records to standard output when it
 * finished. Returns fn's result; HRI_ITEM_FAILED, through fail(), for an
 * item over a limit or whose parser crashed; HRI_ITEM_FATAL when no worker
 * can be started or standard output fails (reported). */
hri_item_result hri_sandbox_item(const hri_item *item, void *sb);

#endif
