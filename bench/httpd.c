/* httpd.c - a loopback HTTP/1.1 file server that adds a fixed latency to
 * every response, so that the fetch benchmark sees what a distant server
 * costs and can show what concurrent fetching buys.
 *
 *   httpd -d DIR [-l MS] [-s SECONDS] [-a FILE]
 *
 * Listens on 127.0.0.1 on a free port and prints the port on stdout, then
 * serves GET and HEAD of DIR/NAME with Content-Length, Content-Type (from the
 * extension), an ETag and Last-Modified; a matching If-None-Match gets 304.
 * NAME is the request path, percent-decoded, with any query string dropped
 * and "/" turned into "_" (so that a URL template with a URL-encoded
 * {symbol} finds the mirror's files, named by symbol); when DIR/NAME does not
 * exist, NAME.pdf, NAME.docx, NAME.html, NAME.md and NAME.txt are tried.
 * Connections are kept alive, one thread each. It exits after SECONDS
 * (default 600) whatever happens, and on SIGTERM; it only ever binds the
 * loopback address. With -a, each request appends its method and target to
 * FILE, so that the benchmark can count what a run asked. For the
 * benchmark only: it trusts nothing it reads, but
 * it is not meant to face anything but the benchmark's own client. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define REQ_MAX 8192 /* bytes of request head accepted */

static const char *root;    /* directory served */
static long latency_ms;     /* added before each response */
static FILE *access_log;    /* -a: a line a request, or NULL */
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

/* Writes all len bytes of buf to fd; returns 0, or -1 on error. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copies the value of header name (case-insensitive) from the request head
 * into out; returns 1 when found. */
static int
header(const char *head, const char *name, char *out, size_t outsz)
{
	size_t nl = strlen(name);
	const char *p = strstr(head, "\r\n");

	while (p && p[2] != '\r' && p[2]) {
		const char *line = p + 2, *end = strstr(line, "\r\n");
		if (!end)
			return 0;
		if ((size_t)(end - line) > nl && line[nl] == ':' &&
		    strncasecmp(line, name, nl) == 0) {
			const char *v = line + nl + 1;
			size_t len;
			while (*v == ' ')
				v++;
			len = (size_t)(end - v);
			if (len >= outsz)
				len = outsz - 1;
			memcpy(out, v, len);
			out[len] = '\0';
			return 1;
		}
		p = end;
	}
	return 0;
}

/* Turns the request target into a file name in out: path only,
 * percent-decoded, "/" as "_"; returns 0, or -1 when it may not be served. */
static int
target_name(const char *target, char *out, size_t outsz)
{
	size_t o = 0;
	const char *p = target;

	while (*p == '/')
		p++;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int c = (unsigned char)*p;
		if (c == '%' && p[1] && p[2]) {
			char hex[3] = { p[1], p[2], 0 };
			c = (int)strtol(hex, NULL, 16);
			p += 2;
		}
		if (c == '/')
			c = '_';
		if (c == 0 || o + 1 >= outsz)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (o == 0 || out[0] == '.' || strstr(out, ".."))
		return -1;
	return 0;
}

/* The Content-Type for a file name, by its extension. */
static const char *
content_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".pdf", "application/pdf" },
		{ ".docx", "application/vnd.openxmlformats-officedocument."
		           "wordprocessingml.document" },
		{ ".html", "text/html; charset=utf-8" },
		{ ".md", "text/markdown; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Answers one request head; returns 0 to keep the connection, -1 to close. */
static int
respond(int fd, const char *head)
{
	char method[8], target[1024], path[2048], hdr[1024], etag[64];
	char inm[128], conn[64], date[64], name[1024];
	static const char *exts[] = { "", ".pdf", ".docx", ".html", ".md",
	                              ".txt" };
	size_t e;
	struct stat st;
	struct timespec ts;
	struct tm tm;
	int file = -1, keep = 1, n;

	if (sscanf(head, "%7s %1023s", method, target) != 2)
		return -1;
	if (access_log) {
		pthread_mutex_lock(&log_mu);
		fprintf(access_log, "%s %s\n", method, target);
		fflush(access_log);
		pthread_mutex_unlock(&log_mu);
	}
	if (header(head, "Connection", conn, sizeof conn) &&
	    strcasecmp(conn, "close") == 0)
		keep = 0;
	ts.tv_sec = latency_ms / 1000;
	ts.tv_nsec = (latency_ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);

	if (target_name(target, name, sizeof name) ||
	    (strcmp(method, "GET") && strcmp(method, "HEAD")))
		goto notfound;
	for (e = 0; e < sizeof exts / sizeof exts[0]; e++) {
		snprintf(path, sizeof path, "%s/%s%s", root, name, exts[e]);
		file = open(path, O_RDONLY);
		if (file >= 0 && fstat(file, &st) == 0 && S_ISREG(st.st_mode))
			break;
		if (file >= 0)
			close(file);
		file = -1;
	}
	if (file < 0)
		goto notfound;
	snprintf(etag, sizeof etag, "\"%llx-%llx\"",
	         (unsigned long long)st.st_size,
	         (unsigned long long)st.st_mtime);
	gmtime_r(&st.st_mtime, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (header(head, "If-None-Match", inm, sizeof inm) &&
	    strcmp(inm, etag) == 0) {
		n = snprintf(hdr, sizeof hdr,
		             "HTTP/1.1 304 Not Modified\r\nETag: %s\r\n"
		             "Content-Length: 0\r\n\r\n", etag);
		close(file);
		return write_all(fd, hdr, (size_t)n) ? -1 : (keep ? 0 : -1);
	}
	n = snprintf(hdr, sizeof hdr,
	             "HTTP/1.1 200 OK\r\nContent-Length: %lld\r\n"
	             "Content-Type: %s\r\n"
	             "ETag: %s\r\nLast-Modified: %s\r\n%s\r\n",
	             (long long)st.st_size, content_type(path), etag, date,
	             keep ? "" : "Connection: close\r\n");
	if (write_all(fd, hdr, (size_t)n))
		goto fail;
	if (strcmp(method, "GET") == 0) {
		off_t off = 0;
		while (off < st.st_size) {
			ssize_t s = sendfile(fd, file, &off,
			                     (size_t)(st.st_size - off));
			if (s <= 0)
				goto fail;
		}
	}
	close(file);
	return keep ? 0 : -1;
notfound:
	if (file >= 0)
		close(file);
	n = snprintf(hdr, sizeof hdr, "HTTP/1.1 404 Not Found\r\n"
	             "Content-Length: 0\r\n\r\n");
	return write_all(fd, hdr, (size_t)n) ? -1 : (keep ? 0 : -1);
fail:
	close(file);
	return -1;
}

/* Serves one connection until the client closes it. */
static void *
serve(void *arg)
{
	int fd = (int)(long)arg;
	char buf[REQ_MAX + 1];
	size_t have = 0;

	for (;;) {
		char *end;
		ssize_t n;

		buf[have] = '\0';
		end = strstr(buf, "\r\n\r\n");
		if (end) {
			size_t used = (size_t)(end + 4 - buf);
			end[2] = '\0';
			if (respond(fd, buf))
				break;
			memmove(buf, buf + used, have - used);
			have -= used;
			continue;
		}
		if (have == REQ_MAX)
			break;
		n = read(fd, buf + have, REQ_MAX - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in addr;
	socklen_t alen = sizeof addr;
	long lifetime = 600; /* seconds */
	int opt, lfd, one = 1;

	while ((opt = getopt(argc, argv, "d:l:s:a:")) != -1) {
		switch (opt) {
		case 'a':
			access_log = fopen(optarg, "a");
			if (!access_log)
				return perror(optarg), 4;
			break;
		case 'd': root = optarg; break;
		case 'l': latency_ms = strtol(optarg, NULL, 10); break;
		case 's': lifetime = strtol(optarg, NULL, 10); break;
		default: root = NULL; optind = argc; break;
		}
	}
	if (!root || latency_ms < 0 || latency_ms > 10000 || lifetime <= 0) {
		fputs("usage: httpd -d DIR [-l MS] [-s SECONDS] [-a FILE]\n", stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	alarm((unsigned)lifetime); /* default action: exit */
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		return perror("socket"), 4;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) ||
	    listen(lfd, 128) ||
	    getsockname(lfd, (struct sockaddr *)&addr, &alen))
		return perror("httpd: bind"), 4;
	printf("%d\n", ntohs(addr.sin_port));
	fflush(stdout);
	for (;;) {
		pthread_t t;
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("httpd: accept");
			return 4;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (pthread_create(&t, NULL, serve, (void *)(long)fd)) {
			close(fd);
			continue;
		}
		pthread_detach(t);
	}
}
