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
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "lines.h"
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
#define TRAILER_RETIRE 2u          /* the worker ends after this item */
#define ORDER_MAGIC 0x6f697268u    /* "hrio" */
#define ORDER_MAX (HRI_LINE_MAX + 4096u) /* bytes of an item's text and
                                            place */
#define SYNC_MAX 4096u             /* bytes of counters a trailer carries */
#define WORKER_BUFSZ (256u * 1024) /* bytes of the worker's stdout buffer */
#define OUT_MIN (64u * 1024)       /* first size of the record buffer */
#define OUT_MAX_NOLIMIT (1ULL << 30) /* records of one item without a memory
                                        limit to bound them */
#define MEMORY_MIN (32ULL << 20)   /* below this nothing can be parsed */
#define SECONDS_MAX (7u * 86400)

/* What the worker writes after an item's records, after a NUL byte. */
struct trailer {
	uint32_t magic;  /* TRAILER_MAGIC */
	int32_t result;  /* the item's hri_item_result */
	uint32_t flags;  /* TRAILER_* */
	uint32_t syncsz; /* bytes of counters that follow */
	uint64_t cpu_us; /* the worker's CPU time when it finished the item,
	                    microseconds */
};

/* What the parent sends the worker for each item; the item's text and
 * its place follow, without their NULs. */
struct order {
	uint32_t magic;    /* ORDER_MAGIC */
	uint32_t textlen;  /* bytes of hri_item.text */
	uint32_t wherelen; /* bytes of hri_item.where */
	uint32_t pad;
	uint64_t lineno;   /* hri_item.lineno */
};

struct hri_sandbox {
	hri_sandbox_limits lim;
	hri_item_fn fn;
	hri_sandbox_fail_fn fail;
	void *ud;
	void *sync;     /* the caller's counters, syncsz bytes */
	size_t syncsz;
	char *out;      /* an item's records and trailer, as read */
	size_t cap;     /* bytes allocated at out */
	size_t max;     /* most bytes one item may write */
	pid_t pid;      /* the worker, 0 when none runs */
	int fd;         /* the parent's end of its socket, -1 when none */
	uint64_t cpu_us; /* the worker's CPU time when its item began, us */
	unsigned long served; /* items the running worker was given */
	int bad;        /* a worker ended with an error status (reported) */
};

/* How one item ended. */
typedef struct outcome {
	size_t len;       /* bytes read into out */
	const char *nul;  /* the NUL before the trailer in out, or NULL */
	struct trailer t; /* the trailer, when complete (t.magic set) */
	int complete;     /* the trailer and its counters arrived */
	int status;       /* from wait4(), when the worker was reaped */
	struct rusage ru; /* its resource use */
	int waited;       /* status and ru are set */
	int wall;         /* killed at the wall time limit */
	int too_big;      /* killed: wrote more than sb->max bytes */
	int broken;       /* reading or waiting failed: errno kept in err */
	int err;
} outcome;

static void size_str(unsigned long long b, char *buf, size_t n);
static int worker_end(hri_sandbox *sb);

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
	sb->fd = -1;
	if (sb->syncsz > SYNC_MAX) {
		free(sb);
		return HRI_ERR_NOMEM;
	}
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
	if (sb->pid) {
		kill(sb->pid, SIGKILL);
		(void)worker_end(sb);
	}
	free(sb->out);
	free(sb);
}

/* Returns this process's peak address space in bytes (VmPeak), 0 when it
 * cannot be read. Async-signal-safe (open, read, close; nothing
 * allocated), for on_abort(). */
static unsigned long long
peak_bytes(void)
{
	char buf[4096];
	const char *p;
	unsigned long long kb = 0;
	ssize_t n;
	int fd;

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
	return kb * 1024;
}

/* Returns nonzero when this process's peak address space came within an
 * eighth of limit: an allocation failed at the limit. Async-signal-safe. */
static int
near_memory_limit(unsigned long long limit)
{
	return limit && peak_bytes() >= limit - limit / 8;
}

/* SIGABRT in the worker: poppler (and libstdc++ on std::bad_alloc) abort
 * when an allocation fails. When that was the memory limit, says so in a
 * trailer, then dies of the signal as it would have. */
static void
on_abort(int sig)
{
	struct trailer t = {TRAILER_MAGIC, HRI_ITEM_FAILED, TRAILER_MEMORY, 0, 0};
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

/* Returns this process's CPU time (user and system), microseconds. */
static uint64_t
cpu_now_us(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/* Reads len bytes from fd. Returns 0, 1 at end of file before the first
 * byte, or -1 (end of file within, or an error). */
static int
read_full(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, p + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 && got == 0 ? 1 : -1;
		got += (size_t)n;
	}
	return 0;
}

/* The worker, a child of parent: reads orders from the socket fd, runs
 * fn on each item under the limits, writes its records to fd (as stdout),
 * then the trailer. Ends at the end of the orders, after an item that
 * leaves too little of its CPU budget or that took much memory (a later
 * item must find the limits it would find in a fresh process), or on a
 * broken order. Never returns. */
static void __attribute__((noreturn))
run_worker(hri_sandbox *sb, int fd, pid_t parent)
{
	struct rlimit none = {0, 0}, rl;
	struct order o;
	hri_item it;
	hri_item_result res;
	char nul = '\0', *buf = NULL;
	rlim_t cpu_hard = 0;
	uint64_t now;
	int r;

	if (dup2(fd, STDOUT_FILENO) < 0)
		_exit(127);
	/* records in large writes: each write wakes the parent */
	setvbuf(stdout, NULL, _IOFBF, WORKER_BUFSZ);
	/* A parser killed at a limit dumps no core: it would be the size of
	 * the memory limit, in the working directory or a crash collector. */
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
	/* a parent killed (kill -9) takes its worker with it, whatever its
	 * limits; one already gone is seen by getppid() */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0L, 0L, 0L);
	if (getppid() != parent)
		_exit(127);
	if (sb->lim.memory)
		child_memory = limit_to(RLIMIT_AS, sb->lim.memory, sb->lim.memory);
	/* RLIMIT_CPU counts the whole process: the hard limit (SIGKILL) is
	 * set once, two items' worth above now, and each item's soft limit
	 * (SIGXCPU) its own limit above the CPU time it starts at; the worker
	 * retires before an item could find less than that below the hard
	 * limit. An unprivileged process cannot raise a hard limit again. */
	if (sb->lim.cpu && getrlimit(RLIMIT_CPU, &rl) == 0) {
		cpu_hard = (rlim_t)((cpu_now_us() + 999999) / 1000000) +
		           2 * (rlim_t)sb->lim.cpu + 1;
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < cpu_hard)
			cpu_hard = rl.rlim_max;
		rl.rlim_cur = rl.rlim_max = cpu_hard;
		if (setrlimit(RLIMIT_CPU, &rl) != 0)
			_exit(127);
	}
	signal(SIGABRT, on_abort);
	signal(SIGXCPU, SIG_DFL);
	for (;;) {
		struct trailer t = {TRAILER_MAGIC, 0, 0, (uint32_t)sb->syncsz, 0};
		rlim_t start;

		r = read_full(fd, &o, sizeof o);
		if (r == 1)
			_exit(0); /* the parent has no more items */
		if (r || o.magic != ORDER_MAGIC || o.textlen > HRI_LINE_MAX ||
		    o.wherelen > ORDER_MAX - HRI_LINE_MAX)
			_exit(127);
		free(buf);
		buf = malloc((size_t)o.textlen + o.wherelen + 2);
		if (!buf || read_full(fd, buf, (size_t)o.textlen + o.wherelen))
			_exit(127);
		memmove(buf + o.textlen + 1, buf + o.textlen, o.wherelen);
		buf[o.textlen] = '\0';
		buf[o.textlen + 1 + o.wherelen] = '\0';
		it.text = buf;
		it.len = o.textlen;
		it.where = buf + o.textlen + 1;
		it.lineno = (unsigned long)o.lineno;
		if (cpu_hard) {
			start = (rlim_t)((cpu_now_us() + 999999) / 1000000);
			rl.rlim_cur = start + sb->lim.cpu < cpu_hard
			              ? start + sb->lim.cpu : cpu_hard - 1;
			rl.rlim_max = cpu_hard;
			if (setrlimit(RLIMIT_CPU, &rl) != 0)
				_exit(127);
		}
		res = sb->fn(&it, sb->ud);
		if (fflush(stdout) != 0 || ferror(stdout))
			res = HRI_ITEM_FATAL;
		if ((res == HRI_ITEM_FAILED || res == HRI_ITEM_FATAL) &&
		    near_memory_limit(child_memory))
			t.flags |= TRAILER_MEMORY;
		t.result = (int32_t)res;
		now = cpu_now_us();
		t.cpu_us = now;
		if (cpu_hard && (rlim_t)((now + 999999) / 1000000) + sb->lim.cpu + 1 >
		                cpu_hard)
			t.flags |= TRAILER_RETIRE;
		if (child_memory && peak_bytes() > child_memory / 4)
			t.flags |= TRAILER_RETIRE;
		if (hri_write_all(STDOUT_FILENO, &nul, 1) ||
		    hri_write_all(STDOUT_FILENO, &t, sizeof t) ||
		    (sb->syncsz && hri_write_all(STDOUT_FILENO, sb->sync, sb->syncsz)))
			_exit(127);
		/* _exit: no atexit handler, no stdio flush of the parent's
		 * streams (exit() would move the offset of a stdin shared with
		 * the parent) */
		if (t.flags & TRAILER_RETIRE)
			_exit(0);
	}
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
	/* valgrind 3.19 does not know the call and says so on stderr */
	if (deadline && !RUNNING_ON_VALGRIND)
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

/* Looks in the o->len bytes read for the end of the item: the NUL, the
 * trailer and its counters. Returns 1 once they arrived (o->complete set),
 * -1 when what follows the NUL is no trailer, 0 to read on. */
static int
item_end(hri_sandbox *sb, outcome *o, size_t from)
{
	size_t at;

	if (!o->nul)
		o->nul = memchr(sb->out + from, '\0', o->len - from);
	if (!o->nul)
		return 0;
	at = (size_t)(o->nul - sb->out) + 1;
	if (o->len - at < sizeof o->t)
		return 0;
	memcpy(&o->t, sb->out + at, sizeof o->t);
	if (o->t.magic != TRAILER_MAGIC || o->t.syncsz > SYNC_MAX)
		return -1;
	if (o->len - at - sizeof o->t < o->t.syncsz)
		return 0;
	o->complete = 1;
	return 1;
}

/* Reads the records of the item just sent to the worker, up to the end
 * of its trailer, or until the worker ends, the wall time deadline comes
 * or it wrote more than sb->max bytes. Fills *o; when the item did not end
 * cleanly the worker is killed and reaped into *o. */
static void
collect(hri_sandbox *sb, outcome *o)
{
	struct pollfd pfd = {sb->fd, POLLIN, 0};
	long long deadline = sb->lim.wall ? now_ms() + 1000LL * sb->lim.wall : 0;
	long long left;
	ssize_t n;
	int end = 0;

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
		n = read(sb->fd, sb->out + o->len, sb->cap - o->len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			o->broken = 1;
			o->err = errno;
			break;
		}
		if (n == 0)
			break; /* the worker ended, or closed its output */
		o->len += (size_t)n;
		end = item_end(sb, o, o->len - (size_t)n);
		if (end)
			break;
	}
	if (end == 1 && !(o->t.flags & TRAILER_MEMORY) &&
	    o->t.syncsz == sb->syncsz)
		return; /* the worker finished the item and waits for the next */
	o->complete = 0;
	close(sb->fd);
	sb->fd = -1;
	/* a worker that ended its output (or aborts at the memory limit) is
	 * ending: waited for until the deadline; any other is killed */
	if (o->wall || o->too_big || o->broken || end == -1 ||
	    (end == 1 && !(o->t.flags & TRAILER_MEMORY))) {
		kill(sb->pid, SIGKILL);
		deadline = 0;
	}
	reap(sb->pid, deadline, o);
	sb->pid = 0;
}

/* Starts a worker. Returns 0, or -1 (reported, naming it). */
static int
worker_start(hri_sandbox *sb, const hri_item *it)
{
	int fds[2];
	pid_t pid, parent;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
		hri_error(it->where, "cannot start a parser process: %s",
		          strerror(errno));
		return -1;
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
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		run_worker(sb, fds[1], parent);
	}
	close(fds[1]);
	hri_debug(NULL, "parser process %ld started", (long)pid);
	sb->pid = pid;
	sb->fd = fds[0];
	sb->cpu_us = 0;
	sb->served = 0;
	return 0;
}

/* Ends the worker that has no item: closes its socket and waits for it
 * (at most the wall time limit). Returns 0, or -1 when it ended with an
 * error status (valgrind and the sanitizers report what they found in its
 * items that way; reported). */
static int
worker_end(hri_sandbox *sb)
{
	long long deadline = sb->lim.wall ? now_ms() + 1000LL * sb->lim.wall : 0;
	outcome o;

	if (!sb->pid)
		return 0;
	memset(&o, 0, sizeof o);
	if (sb->fd >= 0)
		close(sb->fd);
	sb->fd = -1;
	reap(sb->pid, deadline, &o);
	sb->pid = 0;
	if (o.waited && WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0)
		return 0;
	if (o.waited && WIFEXITED(o.status))
		hri_error(NULL, "the parser process of the last %lu documents "
		          "exited with status %d", sb->served, WEXITSTATUS(o.status));
	else
		hri_error(NULL, "the parser process of the last %lu documents "
		          "ended badly (%s)", sb->served, o.waited &&
		          WIFSIGNALED(o.status) ? strsignal(WTERMSIG(o.status))
		                                : "not waited for");
	return -1;
}

/* Sends item to the worker. Returns 0, or -1 (errno set). */
static int
send_order(hri_sandbox *sb, const hri_item *it)
{
	struct order o = {ORDER_MAGIC, 0, 0, 0, 0};
	size_t wlen = strlen(it->where);
	struct iovec iov[3];
	struct msghdr m;
	ssize_t n;
	size_t left;
	int i = 0;

	if (it->len > HRI_LINE_MAX || wlen > ORDER_MAX - HRI_LINE_MAX) {
		errno = E2BIG;
		return -1;
	}
	o.textlen = (uint32_t)it->len;
	o.wherelen = (uint32_t)wlen;
	o.lineno = it->lineno;
	iov[0].iov_base = &o;
	iov[0].iov_len = sizeof o;
	iov[1].iov_base = (void *)it->text;
	iov[1].iov_len = it->len;
	iov[2].iov_base = (void *)it->where;
	iov[2].iov_len = wlen;
	left = sizeof o + it->len + wlen;
	while (left) {
		memset(&m, 0, sizeof m);
		m.msg_iov = iov + i;
		m.msg_iovlen = (size_t)(3 - i);
		/* MSG_NOSIGNAL: a worker that died is an error here, not SIGPIPE */
		n = sendmsg(sb->fd, &m, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		left -= (size_t)n;
		while (n > 0 && i < 3) {
			if ((size_t)n >= iov[i].iov_len) {
				n -= (ssize_t)iov[i].iov_len;
				iov[i].iov_len = 0;
				i++;
			} else {
				iov[i].iov_base = (char *)iov[i].iov_base + n;
				iov[i].iov_len -= (size_t)n;
				n = 0;
			}
		}
	}
	return 0;
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
	char why[256], size[64];
	size_t recs;
	int sig, fresh, attempt, memory;
	double cpu;
	outcome o;

	if (!sb->lim.memory && !sb->lim.cpu && !sb->lim.wall)
		return sb->fn(it, sb->ud);
	for (attempt = 0;; attempt++) {
		if (!sb->pid && worker_start(sb, it))
			return HRI_ITEM_FATAL;
		fresh = sb->served == 0;
		if (send_order(sb, it)) {
			/* the worker is gone (it has no item: nothing is lost) */
			int e = errno;

			kill(sb->pid, SIGKILL);
			(void)worker_end(sb);
			if (!fresh && e != E2BIG)
				continue;
			hri_error(it->where, "cannot give the parser process its "
			          "document: %s", strerror(e));
			return HRI_ITEM_FATAL;
		}
		sb->served++;
		collect(sb, &o);
		if (o.complete)
			break;
		/* Failed at the memory limit, or crashed, in a worker that
		 * parsed documents before: once more in a fresh one, which
		 * starts as the parent does, so the outcome is the one a
		 * process of its own would have had. */
		memory = o.nul && o.t.magic == TRAILER_MAGIC &&
		         (o.t.flags & TRAILER_MEMORY);
		sig = o.waited && WIFSIGNALED(o.status) ? WTERMSIG(o.status) : 0;
		if (!fresh && !attempt && !o.wall && !o.too_big && !o.broken &&
		    sig != SIGXCPU && (memory || sig))
			continue;
		break;
	}
	if (o.complete) {
		/* the worker finished the item: its records, its counters */
		recs = (size_t)(o.nul - sb->out);
		sb->cpu_us = o.t.cpu_us;
		if (o.t.flags & TRAILER_RETIRE)
			sb->bad |= worker_end(sb) != 0;
		if (o.t.result < HRI_ITEM_DONE || o.t.result > HRI_ITEM_FATAL) {
			snprintf(why, sizeof why, "the parser said %d", (int)o.t.result);
			return sb->fail(it, sb->ud, why);
		}
		if (recs && fwrite(sb->out, 1, recs, stdout) != recs) {
			hri_error("<stdout>", "write failed: %s", strerror(errno));
			return HRI_ITEM_FATAL;
		}
		if (sb->syncsz)
			memcpy(sb->sync, o.nul + 1 + sizeof o.t, sb->syncsz);
		return (hri_item_result)o.t.result;
	}
	/* the worker was killed and reaped: why the item did not finish */
	sig = o.waited && WIFSIGNALED(o.status) ? WTERMSIG(o.status) : 0;
	cpu = cpu_secs(&o.ru) - (double)sb->cpu_us / 1e6;
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
	           cpu + 0.5 >= sb->lim.cpu))) {
		snprintf(why, sizeof why, "CPU time limit %u s exceeded", sb->lim.cpu);
	} else if (o.nul && o.t.magic == TRAILER_MAGIC &&
	           (o.t.flags & TRAILER_MEMORY)) {
		size_str(sb->lim.memory, size, sizeof size);
		snprintf(why, sizeof why, "memory limit %s exceeded", size);
	} else if (sig) {
		snprintf(why, sizeof why, "the parser crashed (%s)", strsignal(sig));
	} else {
		snprintf(why, sizeof why, "the parser ended (exit status %d) before "
		         "it finished", WEXITSTATUS(o.status));
	}
	return sb->fail(it, sb->ud, why);
}

int
hri_sandbox_end(hri_sandbox *sb)
{
	if (!sb)
		return 0;
	sb->bad |= worker_end(sb) != 0;
	return sb->bad ? -1 : 0;
}
