/* httpd.c - a loopback HTTP/1.1 server with injected faults, for tests. */
#include "httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#define RULES_MAX 64
#define PATHS_MAX 256
#define CONNS_MAX 256
#define REQ_MAX 16384            /* bytes of one request head */
#define FILE_MAX (64u << 20)     /* bytes of one served file */
#define ENDLESS_CAP (256u << 20) /* even "endless" stops somewhere */

typedef struct rule {
	char path[512];
	hri_httpd_fault_kind fault;
	int arg;
	int left; /* requests still to play it on; -1 for all */
} rule;

typedef struct path_stat {
	char path[512];
	unsigned requests, bodies, conditional;
	unsigned char *data; /* put bytes, or NULL */
	size_t len;
	char ctype[128];
	char header[256];    /* an extra header line for 200 and 304, or "" */
} path_stat;

typedef struct conn {
	hri_httpd *h;
	int fd;
	pthread_t thread;
	atomic_bool done;
} conn;

struct hri_httpd {
	char root[4096];
	int fd;                  /* listening socket */
	int port;
	pthread_t thread;        /* the accept loop */
	atomic_bool stop;
	pthread_mutex_t mu;      /* guards everything below */
	rule rules[RULES_MAX];
	size_t nrules;
	path_stat paths[PATHS_MAX];
	size_t npaths;
	unsigned requests;
	unsigned slow_now, slow_peak; /* HRI_HTTPD_SLOW bodies being sent */
	conn *conns[CONNS_MAX];
	size_t nconns;
};

/* Returns the stats of path, adding them; NULL when the table is full.
 * Called with the lock held. */
static path_stat *
stat_of(hri_httpd *h, const char *path)
{
	size_t i;

	for (i = 0; i < h->npaths; i++)
		if (strcmp(h->paths[i].path, path) == 0)
			return &h->paths[i];
	if (h->npaths == PATHS_MAX)
		return NULL;
	memset(&h->paths[h->npaths], 0, sizeof h->paths[0]);
	snprintf(h->paths[h->npaths].path, sizeof h->paths[0].path, "%s", path);
	return &h->paths[h->npaths++];
}

/* Sends all len bytes, giving up when the peer is gone or the server
 * stops. Returns 0 when all were sent. */
static int
send_all(hri_httpd *h, int fd, const void *data, size_t len)
{
	const char *p = data;
	struct pollfd pf = {fd, POLLOUT, 0};
	ssize_t w;

	while (len > 0) {
		if (atomic_load(&h->stop))
			return -1;
		if (poll(&pf, 1, 100) <= 0)
			continue;
		w = send(fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Sends a formatted string. */
static int
send_fmt(hri_httpd *h, int fd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
send_fmt(hri_httpd *h, int fd, const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		return -1;
	return send_all(h, fd, buf, (size_t)n);
}

/* Sleeps ms milliseconds unless the server stops first. Returns -1 when
 * stopping. */
static int
nap(hri_httpd *h, int ms)
{
	struct timespec ts = {0, 10 * 1000000L};

	for (; ms > 0; ms -= 10) {
		if (atomic_load(&h->stop))
			return -1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* Decodes %XX in place. */
static void
url_decode(char *s)
{
	char *o = s;
	unsigned v;

	for (; *s; s++) {
		if (s[0] == '%' && s[1] && s[2] && sscanf(s + 1, "%2x", &v) == 1) {
			*o++ = (char)v;
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Returns the value of header name in the request head req, copied into
 * out, or NULL. */
static const char *
req_header(const char *req, const char *name, char *out, size_t outsz)
{
	const char *p = strstr(req, "\r\n");
	size_t len = strlen(name), n;

	while (p) {
		p += 2;
		if (strncasecmp(p, name, len) == 0 && p[len] == ':') {
			const char *v = p + len + 1, *e;

			while (*v == ' ')
				v++;
			e = strstr(v, "\r\n");
			n = e ? (size_t)(e - v) : strlen(v);
			if (n >= outsz)
				n = outsz - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return out;
		}
		p = strstr(p, "\r\n");
	}
	return NULL;
}

/* Picks the fault to play for path, if any, and counts it down. Called with
 * the lock held. */
static bool
take_fault(hri_httpd *h, const char *path, rule *out)
{
	size_t i;

	for (i = 0; i < h->nrules; i++) {
		rule *r = &h->rules[i];

		if (r->left == 0 || strcmp(r->path, path) != 0)
			continue;
		if (r->left > 0)
			r->left--;
		*out = *r;
		return true;
	}
	return false;
}

/* Writes an HTTP date of t into buf. */
static void
http_date(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Counts a slow body as no longer being sent (answer() counted it in). */
static void
slow_over(hri_httpd *h)
{
	pthread_mutex_lock(&h->mu);
	h->slow_now--;
	pthread_mutex_unlock(&h->mu);
}

/* Plays a fault. Returns 0 to keep the connection, -1 to close it. */
static int
play(hri_httpd *h, int fd, const rule *r, const char *path,
     const unsigned char *doc, size_t doclen)
{
	static const char html[] =
		"<!DOCTYPE html>\n<html><head><title>Error</title></head>"
		"<body><p>The document could not be found.</p></body></html>\n";
	char buf[4096];
	size_t i, sent;
	int rc;

	switch (r->fault) {
	case HRI_HTTPD_STATUS:
		return send_fmt(h, fd, "HTTP/1.1 %d Fault\r\nContent-Type: text/plain\r\n"
		                "Content-Length: 6\r\n\r\nfault\n", r->arg);
	case HRI_HTTPD_RETRY_AFTER:
		return send_fmt(h, fd, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: %d\r\n"
		                "Content-Length: 5\r\n\r\nslow\n", r->arg);
	case HRI_HTTPD_DROP:
		if (send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
		             "Content-Length: %zu\r\n\r\n", doclen))
			return -1;
		send_all(h, fd, doc, doclen / 2);
		return -1;
	case HRI_HTTPD_SLOW:
		rc = send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
		              "Content-Length: %zu\r\n\r\n", doclen);
		for (i = 0; !rc && i < doclen; i++) {
			/* over before its last byte goes: a client holding the
			 * whole body finds it no longer counted */
			if (i + 1 == doclen)
				slow_over(h);
			if (send_all(h, fd, doc + i, 1) || nap(h, r->arg))
				rc = -1;
		}
		if (i < doclen || !doclen)
			slow_over(h);
		return rc;
	case HRI_HTTPD_REDIRECT_LOOP:
		return send_fmt(h, fd, "HTTP/1.1 302 Found\r\nLocation: %s\r\n"
		                "Content-Length: 0\r\n\r\n", path);
	case HRI_HTTPD_REDIRECT_FILE:
		return send_fmt(h, fd, "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n"
		                "Content-Length: 0\r\n\r\n");
	case HRI_HTTPD_HTML:
	case HRI_HTTPD_HTML_AS_PDF:
		if (send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
		             "Content-Length: %zu\r\n\r\n",
		             r->fault == HRI_HTTPD_HTML ? "text/html; charset=utf-8"
		                                        : "application/pdf",
		             sizeof html - 1))
			return -1;
		return send_all(h, fd, html, sizeof html - 1);
	case HRI_HTTPD_ENDLESS_BODY:
		if (send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
		             "Connection: close\r\n\r\n%%PDF-1.4\n"))
			return -1;
		memset(buf, 'x', sizeof buf);
		for (sent = 0; sent < ENDLESS_CAP; sent += sizeof buf)
			if (send_all(h, fd, buf, sizeof buf))
				break;
		return -1;
	case HRI_HTTPD_CUT:
		if (send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
		             "Connection: close\r\n\r\n"))
			return -1;
		send_all(h, fd, doc, doclen / 2);
		return -1;
	case HRI_HTTPD_GZIP: {
		uLongf zlen = compressBound((uLong)doclen) + 32;
		unsigned char *z = malloc(zlen);
		z_stream zs;

		memset(&zs, 0, sizeof zs);
		if (!z || deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
		                       Z_DEFAULT_STRATEGY) != Z_OK) {
			free(z);
			return -1;
		}
		zs.next_in = (unsigned char *)doc;
		zs.avail_in = (uInt)doclen;
		zs.next_out = z;
		zs.avail_out = (uInt)zlen;
		rc = deflate(&zs, Z_FINISH);
		zlen = zs.total_out;
		deflateEnd(&zs);
		if (rc != Z_STREAM_END) {
			free(z);
			return -1;
		}
		if (r->arg == 1)
			zlen /= 2; /* a whole Content-Length of half a stream */
		rc = send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
		              "Content-Encoding: gzip\r\nContent-Length: %lu\r\n\r\n",
		              (unsigned long)zlen);
		if (!rc)
			rc = send_all(h, fd, z, zlen);
		free(z);
		return rc;
	}
	case HRI_HTTPD_ENDLESS_HEADER:
		if (send_fmt(h, fd, "HTTP/1.1 200 OK\r\n"))
			return -1;
		for (sent = 0; sent < ENDLESS_CAP; sent += 40)
			if (send_fmt(h, fd, "X-Padding-%08zu: aaaaaaaaaaaaaaa\r\n", sent / 40))
				break;
		return -1;
	}
	return -1;
}

/* A cheap content hash for ETags (FNV-1a, 64 bits). */
static unsigned long long
fnv(const unsigned char *p, size_t n)
{
	unsigned long long x = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= p[i];
		x *= 1099511628211ULL;
	}
	return x;
}

/* Reads the file for path under the root into a new buffer. */
static unsigned char *
read_doc(hri_httpd *h, const char *path, size_t *len, time_t *mtime)
{
	char name[4096], file[8192];
	unsigned char *buf;
	struct stat sb;
	FILE *fp;
	size_t i;

	snprintf(name, sizeof name, "%s", path + 1);
	for (i = 0; name[i]; i++)
		if (name[i] == '/')
			name[i] = '_';
	if (name[0] == '.' || name[0] == '\0')
		return NULL;
	snprintf(file, sizeof file, "%s/%s", h->root, name);
	fp = fopen(file, "rb");
	if (!fp)
		return NULL;
	if (fstat(fileno(fp), &sb) || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > FILE_MAX) {
		fclose(fp);
		return NULL;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (buf && fread(buf, 1, (size_t)sb.st_size, fp) != (size_t)sb.st_size) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = (size_t)sb.st_size;
	*mtime = sb.st_mtime;
	return buf;
}

/* Answers one request head. Returns 0 to keep the connection open. */
static int
answer(hri_httpd *h, int fd, char *req)
{
	char method[16], target[4096], path[4096], inm[256], ims[256];
	char etag[64], lm[64], ctype[128], extra[260] = "";
	unsigned char *doc = NULL;
	size_t doclen = 0;
	time_t mtime = 0;
	path_stat *ps;
	rule r = {0};
	bool faulty, cond;
	char *q;
	int rc;

	if (sscanf(req, "%15s %4095s", method, target) != 2)
		return -1;
	q = strchr(target, '?');
	if (q)
		*q = '\0';
	snprintf(path, sizeof path, "%s", target);
	url_decode(path);
	cond = req_header(req, "If-None-Match", inm, sizeof inm) != NULL;
	if (req_header(req, "If-Modified-Since", ims, sizeof ims))
		cond = true;
	else
		ims[0] = '\0';
	if (!cond)
		inm[0] = '\0';
	ctype[0] = '\0';
	pthread_mutex_lock(&h->mu);
	h->requests++;
	ps = stat_of(h, path);
	if (ps) {
		ps->requests++;
		ps->conditional += cond;
		if (ps->header[0])
			snprintf(extra, sizeof extra, "%s\r\n", ps->header);
		if (ps->data) {
			doc = malloc(ps->len + 1);
			if (doc) {
				memcpy(doc, ps->data, ps->len);
				doclen = ps->len;
				snprintf(ctype, sizeof ctype, "%s", ps->ctype);
				mtime = 1400000000;
			}
		}
	}
	faulty = take_fault(h, path, &r);
	pthread_mutex_unlock(&h->mu);
	if (!doc)
		doc = read_doc(h, path, &doclen, &mtime);
	if (faulty && (r.fault == HRI_HTTPD_DROP || r.fault == HRI_HTTPD_SLOW ||
	               r.fault == HRI_HTTPD_CUT || r.fault == HRI_HTTPD_GZIP) && !doc) {
		static const unsigned char fake[] = "%PDF-1.4\nno such file\n";

		doc = malloc(sizeof fake);
		if (doc) {
			memcpy(doc, fake, sizeof fake);
			doclen = sizeof fake - 1;
		}
	}
	if (faulty) {
		if (r.fault == HRI_HTTPD_DROP || r.fault == HRI_HTTPD_SLOW ||
		    r.fault == HRI_HTTPD_ENDLESS_BODY || r.fault == HRI_HTTPD_CUT ||
		    r.fault == HRI_HTTPD_GZIP) {
			pthread_mutex_lock(&h->mu);
			if (ps)
				ps->bodies++;
			if (r.fault == HRI_HTTPD_SLOW && ++h->slow_now > h->slow_peak)
				h->slow_peak = h->slow_now;
			pthread_mutex_unlock(&h->mu);
		}
		rc = play(h, fd, &r, path, doc ? doc : (const unsigned char *)"", doclen);
		free(doc);
		return rc;
	}
	if (!doc) {
		return send_fmt(h, fd, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
		                "Content-Length: 10\r\n\r\nnot found\n");
	}
	snprintf(etag, sizeof etag, "\"%016llx\"", fnv(doc, doclen));
	http_date(mtime, lm, sizeof lm);
	if ((inm[0] && strcmp(inm, etag) == 0) || (!inm[0] && ims[0] && strcmp(ims, lm) == 0)) {
		free(doc);
		return send_fmt(h, fd, "HTTP/1.1 304 Not Modified\r\nETag: %s\r\n"
		                "Last-Modified: %s\r\n%s\r\n", etag, lm, extra);
	}
	if (!ctype[0]) {
		const char *ext = strrchr(path, '.');

		snprintf(ctype, sizeof ctype, "%s",
		         !ext ? "application/octet-stream"
		         : strcmp(ext, ".pdf") == 0 ? "application/pdf"
		         : strcmp(ext, ".xml") == 0 ? "application/xml"
		         : strcmp(ext, ".md") == 0 ? "text/markdown"
		         : strcmp(ext, ".txt") == 0 ? "text/plain; charset=utf-8"
		         : "application/octet-stream");
	}
	pthread_mutex_lock(&h->mu);
	if (ps)
		ps->bodies++;
	pthread_mutex_unlock(&h->mu);
	rc = send_fmt(h, fd, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
	              "ETag: %s\r\nLast-Modified: %s\r\n%s\r\n", ctype, doclen, etag,
	              lm, extra);
	if (rc == 0 && strcmp(method, "HEAD") != 0)
		rc = send_all(h, fd, doc, doclen);
	free(doc);
	return rc;
}

/* Serves the requests of one connection until it closes. */
static void *
conn_main(void *arg)
{
	conn *c = arg;
	hri_httpd *h = c->h;
	char *buf = malloc(REQ_MAX + 1);
	size_t len = 0;
	struct pollfd pf = {c->fd, POLLIN, 0};
	ssize_t n;
	char *end;

	while (buf && !atomic_load(&h->stop)) {
		end = NULL;
		if (len > 0) {
			buf[len] = '\0';
			end = strstr(buf, "\r\n\r\n");
		}
		if (end) {
			size_t used = (size_t)(end + 4 - buf);

			end[2] = '\0';
			if (answer(h, c->fd, buf))
				break;
			memmove(buf, buf + used, len - used);
			len -= used;
			continue;
		}
		if (len == REQ_MAX)
			break;
		if (poll(&pf, 1, 100) <= 0)
			continue;
		n = recv(c->fd, buf + len, REQ_MAX - len, 0);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	free(buf);
	shutdown(c->fd, SHUT_RDWR);
	close(c->fd);
	atomic_store(&c->done, true);
	return NULL;
}

/* Joins and frees finished connections. Called with the lock held, or
 * once the accept loop has ended. */
static void
reap(hri_httpd *h, bool all)
{
	size_t i = 0;

	while (i < h->nconns) {
		conn *c = h->conns[i];

		if (!all && !atomic_load(&c->done)) {
			i++;
			continue;
		}
		pthread_join(c->thread, NULL);
		free(c);
		h->conns[i] = h->conns[--h->nconns];
	}
}

/* The accept loop. */
static void *
accept_main(void *arg)
{
	hri_httpd *h = arg;
	struct pollfd pf = {h->fd, POLLIN, 0};
	conn *c;
	int fd;

	while (!atomic_load(&h->stop)) {
		if (poll(&pf, 1, 50) <= 0)
			continue;
		fd = accept(h->fd, NULL, NULL);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&h->mu);
		reap(h, false);
		c = h->nconns < CONNS_MAX ? calloc(1, sizeof *c) : NULL;
		if (c) {
			c->h = h;
			c->fd = fd;
			if (pthread_create(&c->thread, NULL, conn_main, c) == 0) {
				h->conns[h->nconns++] = c;
				c = NULL;
				fd = -1;
			}
		}
		pthread_mutex_unlock(&h->mu);
		free(c);
		if (fd >= 0)
			close(fd);
	}
	return NULL;
}

hri_httpd *
hri_httpd_start(const char *root)
{
	hri_httpd *h = calloc(1, sizeof *h);
	struct sockaddr_in sa;
	socklen_t salen = sizeof sa;
	int one = 1;

	if (!h)
		return NULL;
	snprintf(h->root, sizeof h->root, "%s", root);
	pthread_mutex_init(&h->mu, NULL);
	h->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (h->fd < 0)
		goto fail;
	setsockopt(h->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(h->fd, (struct sockaddr *)&sa, sizeof sa) || listen(h->fd, 64) ||
	    getsockname(h->fd, (struct sockaddr *)&sa, &salen))
		goto fail;
	h->port = ntohs(sa.sin_port);
	if (pthread_create(&h->thread, NULL, accept_main, h))
		goto fail;
	return h;
fail:
	if (h->fd >= 0)
		close(h->fd);
	pthread_mutex_destroy(&h->mu);
	free(h);
	return NULL;
}

void
hri_httpd_stop(hri_httpd *h)
{
	size_t i;

	if (!h)
		return;
	atomic_store(&h->stop, true);
	pthread_join(h->thread, NULL);
	/* Without the lock: the accept loop is gone, so nothing else touches
	 * the connections, and a connection's thread may still take the lock
	 * as it ends (a slow body's count). */
	reap(h, true);
	close(h->fd);
	for (i = 0; i < h->npaths; i++)
		free(h->paths[i].data);
	pthread_mutex_destroy(&h->mu);
	free(h);
}

int
hri_httpd_port(const hri_httpd *h)
{
	return h->port;
}

void
hri_httpd_fault(hri_httpd *h, const char *path, hri_httpd_fault_kind fault,
                int arg, int count)
{
	pthread_mutex_lock(&h->mu);
	if (h->nrules < RULES_MAX) {
		rule *r = &h->rules[h->nrules++];

		snprintf(r->path, sizeof r->path, "%s", path);
		r->fault = fault;
		r->arg = arg;
		r->left = count > 0 ? count : -1;
	}
	pthread_mutex_unlock(&h->mu);
}

void
hri_httpd_put(hri_httpd *h, const char *path, const void *data, size_t len,
              const char *content_type)
{
	path_stat *ps;

	pthread_mutex_lock(&h->mu);
	ps = stat_of(h, path);
	if (ps) {
		free(ps->data);
		ps->data = malloc(len ? len : 1);
		if (ps->data)
			memcpy(ps->data, data, len);
		ps->len = len;
		snprintf(ps->ctype, sizeof ps->ctype, "%s",
		         content_type ? content_type : "application/octet-stream");
	}
	pthread_mutex_unlock(&h->mu);
}

void
hri_httpd_header(hri_httpd *h, const char *path, const char *line)
{
	path_stat *ps;

	pthread_mutex_lock(&h->mu);
	ps = stat_of(h, path);
	if (ps)
		snprintf(ps->header, sizeof ps->header, "%s", line);
	pthread_mutex_unlock(&h->mu);
}

/* Sums one counter over the paths (or for one). */
static unsigned
count(hri_httpd *h, const char *path, int which)
{
	unsigned n = 0;
	size_t i;

	pthread_mutex_lock(&h->mu);
	for (i = 0; i < h->npaths; i++) {
		path_stat *ps = &h->paths[i];

		if (path && strcmp(ps->path, path) != 0)
			continue;
		n += which == 0 ? ps->requests : which == 1 ? ps->bodies
		                                            : ps->conditional;
	}
	pthread_mutex_unlock(&h->mu);
	return n;
}

unsigned
hri_httpd_requests(hri_httpd *h, const char *path)
{
	return count(h, path, 0);
}

unsigned
hri_httpd_bodies(hri_httpd *h, const char *path)
{
	return count(h, path, 1);
}

unsigned
hri_httpd_slow_peak(hri_httpd *h)
{
	unsigned n;

	pthread_mutex_lock(&h->mu);
	n = h->slow_peak;
	h->slow_peak = h->slow_now;
	pthread_mutex_unlock(&h->mu);
	return n;
}

unsigned
hri_httpd_conditional(hri_httpd *h, const char *path)
{
	return count(h, path, 2);
}
