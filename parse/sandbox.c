/* sandbox.c - one child process per item, under limits the kernel
 * enforces (see sandbox.h). */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "log.h"

/* AddressSanitizer (gcc says __SANITIZE_ADDRESS__, clang __has_feature). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* valgrind, when its header is installed (it is wherever valgrind is). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define TRAILER_MAGIC 0x73697268u  /* "hris" */
#define TRAILER_MEMORY 1u          /* the item failed at the memory limit */
#define OUT_MIN (64u * 1024)       /* first size of the record buffer */
#define OUT_MAX_NOLIMIT (1ULL << 30) /* records of one item without a memory
                                        limit to bound them */
#define MEMORY_MIN (32ULL << 20)   /* below this nothing can be parsed */
#define SECONDS_MAX (7u * 86400)

/* What a finished child writes after its records, after a NUL byte. */
struct trailer {
	uint32_t magic;  /* TRAILER_MAGIC */
	int32_t result;  /* the item's hri_item_result */
	uint32_t flags;  /* TRAILER_* */
	uint32_t syncsz; /* bytes of counters that follow */
};

struct hri_sandbox {
	hri_sandbox_limits lim;
	hri_item_fn fn;
	hri_sandbox_fail_fn fail;
	void *ud;
	void *sync;     /* the caller's counters, syncsz bytes */
	size_t syncsz;
	char *out;      /* a child's records and trailer, as read */
	size_t cap;     /* bytes allocated at out */
	size_t max;     /* most bytes a child may write */
};

/* How one child ended. */
typedef struct outcome {
	size_t len;       /* bytes read into out */
	int status;       /* from wait4() */
	struct rusage ru; /* its resource use */
	int waited;       /* status and ru are set */
	int wall;         /* killed at the wall time limit */
	int too_big;      /* killed: wrote more than sb->max bytes */
	int broken;       /* reading or waiting failed: errno kept in err */
	int err;
} outcome;

static void size_str(unsigned long long b, char *buf, size_t n);

/* Address space the child may have; set in the child, read by on_abort(). */
static unsigned long long child_memory;

/* Returns nonzero when the address space limit cannot apply: valgrind and
 * AddressSanitizer map far more than the program asks for. */
static int
memory_unlimitable(void)
{
	return UNDER_ASAN || RUNNING_ON_VALGRIND;
}

void
hri_sandbox_limits_default(hri_sandbox_limits *lim)
{
	unsigned slow = RUNNING_ON_VALGRIND ? 25 : UNDER_ASAN ? 4 : 1;

	lim->memory = memory_unlimitable() ? 0 : HRI_SANDBOX_MEMORY;
	lim->cpu = HRI_SANDBOX_CPU * slow;
	lim->wall = HRI_SANDBOX_WALL * slow;
}

int
hri_sandbox_parse_limit(hri_sandbox_limits *lim, int which, const char *arg,
                        char *err, size_t errsz)
{
	unsigned long long v, mul = 1;
	char *end;

	errno = 0;
	if (*arg < '0' || *arg > '9')
		goto bad;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg)
		goto bad;
	if (which == 'm') {
		if (*end == 'K' || *end == 'k')
			mul = 1ULL << 10, end++;
		else if (*end == 'M' || *end == 'm')
			mul = 1ULL << 20, end++;
		else if (*end == 'G' || *end == 'g')
			mul = 1ULL << 30, end++;
		if (*end || v > (1ULL << 50) / mul)
			goto bad;
		v *= mul;
		if (v && v < MEMORY_MIN) {
			snprintf(err, errsz, "%s: 0 (no limit) or at least %lluM", arg,
			         MEMORY_MIN >> 20);
			return -1;
		}
		lim->memory = v;
		return 0;
	}
	if (*end || v > SECONDS_MAX)
		goto bad;
	if (which == 'c')
		lim->cpu = (unsigned)v;
	else
		lim->wall = (unsigned)v;
	return 0;
bad:
	snprintf(err, errsz, which == 'm' ? "%s: not a size such as 2G or 512M"
	                                  : "%s: not a number of seconds", arg);
	return -1;
}

hri_status
hri_sandbox_new(const hri_sandbox_limits *lim, hri_item_fn fn,
                hri_sandbox_fail_fn fail, void *ud, void *sync, size_t syncsz,
                hri_sandbox **out)
{
	hri_sandbox *sb = calloc(1, sizeof *sb);
	char size[64];

	*out = NULL;
	if (!sb)
		return HRI_ERR_NOMEM;
	sb->lim = *lim;
	sb->fn = fn;
	sb->fail = fail;
	sb->ud = ud;
	sb->sync = sync;
	sb->syncsz = sync ? syncsz : 0;
	if (sb->lim.memory && memory_unlimitable()) {
		hri_debug(NULL, "no memory limit under %s: it reserves far more "
		          "address space than the parser uses", UNDER_ASAN
		          ? "AddressSanitizer" : "valgrind");
		sb->lim.memory = 0;
	}
	/* A child's records are smaller than the memory it built them in. */
	sb->max = sb->lim.memory ? sb->lim.memory : OUT_MAX_NOLIMIT;
	size_str(sb->lim.memory, size, sizeof size);
	hri_debug(NULL, "limits of one document: memory %s, CPU %u s, wall %u s "
	          "(0: none)", sb->lim.memory ? size : "0", sb->lim.cpu,
	          sb->lim.wall);
	*out = sb;
	return HRI_OK;
}

void
hri_sandbox_free(hri_sandbox *sb)
{
	if (!sb)
		return;
	free(sb->out);
	free(sb);
}

/* Returns nonzero when this process's peak address space came within an
 * eighth of limit: an allocation failed at the limit. Async-signal-safe
 * (open, read, close; nothing allocated), for on_abort(). */
static int
near_memory_limit(unsigned long long limit)
{
	char buf[4096];
	const char *p;
	unsigned long long kb = 0;
	ssize_t n;
	int fd;

	if (!limit)
		return 0;
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, "VmPeak:");
	if (!p)
		return 0;
	for (p += 7; *p == ' ' || *p == '\t'; p++)
		;
	for (; *p >= '0' && *p <= '9'; p++)
		kb = kb * 10 + (unsigned)(*p - '0');
	return kb * 1024 >= limit - limit / 8;
}

/* SIGABRT in the child: poppler (and libstdc++ on std::bad_alloc) abort
 * when an allocation fails. When that was the memory limit, says so in a
 * trailer, then dies of the signal as it would have. */
static void
on_abort(int sig)
{
	struct trailer t = {TRAILER_MAGIC, HRI_ITEM_FAILED, TRAILER_MEMORY, 0};
	char nul = '\0';

	if (near_memory_limit(child_memory) &&
	    hri_write_all(STDOUT_FILENO, &nul, 1) == 0)
		(void)hri_write_all(STDOUT_FILENO, &t, sizeof t);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Sets resource res of this process to want, or to its hard limit when
 * that is lower (an unprivileged process cannot raise it); hard is the hard
 * limit to set (at least want). Returns the limit set, 0 when none. */
static rlim_t
limit_to(int res, rlim_t want, rlim_t hard)
{
	struct rlimit rl;

	if (getrlimit(res, &rl) != 0)
		return 0;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < hard)
		hard = rl.rlim_max;
	if (want > hard)
		want = hard;
	rl.rlim_cur = want;
	rl.rlim_max = hard;
	return setrlimit(res, &rl) == 0 ? want : 0;
}

/* The child of parent: records into the pipe wfd, under the limits; the
 * trailer once fn returned. Never returns. */
static void __attribute__((noreturn))
run_child(hri_sandbox *sb, const hri_item *it, int wfd, pid_t parent)
{
	struct trailer t = {TRAILER_MAGIC, 0, 0, (uint32_t)sb->syncsz};
	struct rlimit none = {0, 0};
	hri_item_result res;
	char nul = '\0';

	if (dup2(wfd, STDOUT_FILENO) < 0)
		_exit(127);
	close(wfd);
	/* A parser killed at a limit dumps no core: it would be the size of
	 * the memory limit, in the working directory or a crash collector. */
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
	/* a parent killed (kill -9) takes its child with it, whatever its
	 * limits; one already gone is seen by getppid() */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0L, 0L, 0L);
	if (getppid() != parent)
		_exit(127);
	if (sb->lim.memory)
		child_memory = limit_to(RLIMIT_AS, sb->lim.memory, sb->lim.memory);
	/* SIGXCPU at the limit, SIGKILL a second later if it is caught */
	if (sb->lim.cpu)
		limit_to(RLIMIT_CPU, sb->lim.cpu, (rlim_t)sb->lim.cpu + 1);
	signal(SIGABRT, on_abort);
	res = sb->fn(it, sb->ud);
	if (fflush(stdout) != 0 || ferror(stdout))
		res = HRI_ITEM_FATAL;
	if ((res == HRI_ITEM_FAILED || res == HRI_ITEM_FATAL) &&
	    near_memory_limit(child_memory))
		t.flags |= TRAILER_MEMORY;
	t.result = (int32_t)res;
	if (hri_write_all(STDOUT_FILENO, &nul, 1) ||
	    hri_write_all(STDOUT_FILENO, &t, sizeof t) ||
	    (sb->syncsz && hri_write_all(STDOUT_FILENO, sb->sync, sb->syncsz)))
		_exit(127);
	/* _exit: no atexit handler, no stdio flush of the parent's streams
	 * (exit() would move the offset of a stdin shared with the parent) */
	_exit(0);
}

/* Returns monotonic milliseconds. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Makes room for more of a child's records. Returns 0, or -1 when the
 * cap is reached or memory ran out. */
static int
grow(hri_sandbox *sb)
{
	size_t cap = sb->cap ? sb->cap * 2 : OUT_MIN;
	char *p;

	if (sb->cap >= sb->max)
		return -1;
	if (cap > sb->max)
		cap = (size_t)sb->max;
	p = realloc(sb->out, cap);
	if (!p)
		return -1;
	sb->out = p;
	sb->cap = cap;
	return 0;
}

/* Waits for the child pid to end, killing it at deadline (monotonic ms, 0
 * for none), into *o. Its output closed, it is ending: a pidfd wakes the
 * wait the moment it is gone; where there is none (Linux before 5.3, some
 * valgrind), it is looked at every few milliseconds. */
static void
reap(pid_t pid, long long deadline, outcome *o)
{
	struct timespec nap = {0, 0};
	long long left;
	long delay = 1; /* ms between two looks */
	int pidfd = -1, flags;
	pid_t r;

#ifdef SYS_pidfd_open
	if (deadline)
		pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
	for (;;) {
		flags = deadline ? WNOHANG : 0;
		r = wait4(pid, &o->status, flags, &o->ru);
		if (r == pid) {
			o->waited = 1;
			break;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			o->broken = 1;
			o->err = errno;
			break;
		}
		left = deadline - now_ms();
		if (left <= 0) {
			o->wall = 1;
			kill(pid, SIGKILL);
			deadline = 0; /* now a plain wait */
			continue;
		}
		if (pidfd >= 0) {
			struct pollfd pfd = {pidfd, POLLIN, 0};

			poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
			continue;
		}
		nap.tv_nsec = (delay < left ? delay : left) * 1000000L;
		nanosleep(&nap, NULL);
		if (delay < 50)
			delay *= 2;
	}
	if (pidfd >= 0)
		close(pidfd);
}

/* Reads the child pid's records from fd until it closes it, then reaps
 * it, killing it at the wall time deadline or past sb->max bytes. Fills
 * *o. */
static void
collect(hri_sandbox *sb, pid_t pid, int fd, outcome *o)
{
	struct pollfd pfd = {fd, POLLIN, 0};
	long long deadline = sb->lim.wall ? now_ms() + 1000LL * sb->lim.wall : 0;
	long long left;
	ssize_t n;
	int killed = 0;

	memset(o, 0, sizeof *o);
	for (;;) {
		if (deadline) {
			left = deadline - now_ms();
			if (left <= 0) {
				o->wall = 1;
				break;
			}
		} else {
			left = -1;
		}
		if (poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left) < 0) {
			if (errno == EINTR)
				continue;
			o->broken = 1;
			o->err = errno;
			break;
		}
		if (!pfd.revents)
			continue;
		if (o->len == sb->cap && grow(sb)) {
			o->too_big = 1;
			break;
		}
		n = read(fd, sb->out + o->len, sb->cap - o->len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			o->broken = 1;
			o->err = errno;
			break;
		}
		if (n == 0)
			break; /* the child ended, or closed its output */
		o->len += (size_t)n;
	}
	close(fd);
	if (o->wall || o->too_big || o->broken) {
		kill(pid, SIGKILL);
		killed = 1;
	}
	reap(pid, killed ? 0 : deadline, o);
}

/* Writes a size for a message: "2 GiB", "512 MiB", "1000000 bytes". */
static void
size_str(unsigned long long b, char *buf, size_t n)
{
	if (b && b % (1ULL << 30) == 0)
		snprintf(buf, n, "%llu GiB", b >> 30);
	else if (b && b % (1ULL << 20) == 0)
		snprintf(buf, n, "%llu MiB", b >> 20);
	else
		snprintf(buf, n, "%llu bytes", b);
}

/* Returns the CPU seconds of a reaped child. */
static double
cpu_secs(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + (double)ru->ru_stime.tv_sec +
	       (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

hri_item_result
hri_sandbox_item(const hri_item *it, void *ud)
{
	hri_sandbox *sb = ud;
	struct trailer t;
	char why[256], size[64];
	const char *nul;
	size_t recs = 0;
	int fds[2], sig = 0, finished = 0;
	outcome o;
	pid_t pid, parent;

	if (!sb->lim.memory && !sb->lim.cpu && !sb->lim.wall)
		return sb->fn(it, sb->ud);
	if (pipe(fds) != 0) {
		hri_error(it->where, "cannot start a parser process: %s",
		          strerror(errno));
		return HRI_ITEM_FATAL;
	}
	/* what the parent buffered would be written twice */
	fflush(stdout);
	fflush(stderr);
	parent = getpid();
	pid = fork();
	if (pid < 0) {
		hri_error(it->where, "cannot start a parser process: %s",
		          strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return HRI_ITEM_FATAL;
	}
	if (pid == 0) {
		close(fds[0]);
		run_child(sb, it, fds[1], parent);
	}
	close(fds[1]);
	collect(sb, pid, fds[0], &o);
	nul = o.len ? memchr(sb->out, '\0', o.len) : NULL;
	memset(&t, 0, sizeof t);
	if (nul && (size_t)(sb->out + o.len - nul - 1) >= sizeof t) {
		memcpy(&t, nul + 1, sizeof t);
		recs = (size_t)(nul - sb->out);
		finished = t.magic == TRAILER_MAGIC &&
		           (size_t)(sb->out + o.len - nul - 1) == sizeof t + t.syncsz &&
		           t.syncsz == sb->syncsz;
	}
	if (o.waited && WIFSIGNALED(o.status))
		sig = WTERMSIG(o.status);
	if (o.broken) {
		hri_error(it->where, "parser process: %s", strerror(o.err));
		return HRI_ITEM_FATAL;
	}
	if (o.wall) {
		snprintf(why, sizeof why, "wall time limit %u s exceeded",
		         sb->lim.wall);
	} else if (o.too_big) {
		size_str(sb->max, size, sizeof size);
		snprintf(why, sizeof why, "more than %s of records", size);
	} else if (sb->lim.cpu && (sig == SIGXCPU || (sig == SIGKILL &&
	           cpu_secs(&o.ru) + 0.5 >= sb->lim.cpu))) {
		snprintf(why, sizeof why, "CPU time limit %u s exceeded", sb->lim.cpu);
	} else if (nul && t.magic == TRAILER_MAGIC && (t.flags & TRAILER_MEMORY)) {
		size_str(sb->lim.memory, size, sizeof size);
		snprintf(why, sizeof why, "memory limit %s exceeded", size);
	} else if (sig) {
		snprintf(why, sizeof why, "the parser crashed (%s)", strsignal(sig));
	} else if (!finished) {
		snprintf(why, sizeof why, "the parser ended (exit status %d) before "
		         "it finished", WEXITSTATUS(o.status));
	} else if (WEXITSTATUS(o.status) != 0) {
		/* valgrind and the sanitizers report errors through the status */
		snprintf(why, sizeof why, "the parser exited with status %d",
		         WEXITSTATUS(o.status));
	} else if (t.result < HRI_ITEM_DONE || t.result > HRI_ITEM_FATAL) {
		snprintf(why, sizeof why, "the parser said %d", (int)t.result);
	} else {
		if (recs && fwrite(sb->out, 1, recs, stdout) != recs) {
			hri_error("<stdout>", "write failed: %s", strerror(errno));
			return HRI_ITEM_FATAL;
		}
		if (sb->syncsz)
			memcpy(sb->sync, nul + 1 + sizeof t, sb->syncsz);
		return (hri_item_result)t.result;
	}
	return sb->fail(it, sb->ud, why);
}
