/* main.c - hri-serve: the index in a browser. A local HTTP server (GNU
 * libmicrohttpd, a pool of worker threads) with a search page, a paragraph
 * view, CSV and JSON Lines exports and a JSON API, over the database
 * hri-index builds, with hri-query's search code. */
#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "app.h"
#include "guard.h"
#include "home.h"
#include "log.h"
#include "options.h"
#include "pool.h"
#include "status.h"

static const char usage_text[] =
	"usage: hri-serve [-d DB] [--listen ADDR:PORT] [--threads N]\n"
	"                 [--header-timeout S] [--client-limit N] [-q] [-v]\n"
	"       hri-serve -h|-V\n"
	"Serves the hri index over HTTP on this machine: a search page, a\n"
	"paragraph view, CSV and JSON Lines exports and a JSON API\n"
	"(/api/search, /api/facets, /api/segment). Stops on SIGINT or SIGTERM.\n"
	"  -d, --db DB          the Xapian database directory\n"
	"                       (default $HRI_HOME/db)\n"
	"  -l, --listen A:P     IPv4 address and port (default 127.0.0.1:8080;\n"
	"                       port 0 picks a free one)\n"
	"  -t, --threads N      worker threads and database handles (default 4)\n"
	"      --header-timeout S  seconds a request may take to send its\n"
	"                       headers (default 10)\n"
	"      --client-limit N  connections at once from one address\n"
	"                       (default 32)\n"
	"  -q, --quiet          errors only\n"
	"  -v, --verbose        say more (one line per request)\n"
	"  -h, --help           this help\n"
	"  -V, --version        the version\n";

/* Most worker threads. */
#define MAX_THREADS 64
/* Connections at once, from everyone. */
#define MAX_CONNECTIONS 512u
/* Memory for one connection's request: 32 query parameters take a few
 * KB, and libmicrohttpd 0.9 needs room past the request to answer "too
 * many" instead of closing; far longer requests are closed at once. */
#define CONNECTION_MEMORY (256u * 1024)

/* What the request handler needs. */
struct server {
	hri_pool *pool;
	hri_guard *guard;
};

/* Collects one query parameter into the hri_req at cls. */
static enum MHD_Result
add_param(void *cls, enum MHD_ValueKind kind, const char *key,
          const char *value)
{
	hri_req_add(cls, key, value);
	return MHD_YES;
}

/* Queues a response of status with body (taken over: free()d by MHD) and
 * the headers every answer carries. */
static enum MHD_Result
send_answer(struct MHD_Connection *c, const hri_resp *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(r->len, r->body,
	                                       MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(r->body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'none'; style-src 'self'; "
	                        "img-src 'self'; form-action 'self'; "
	                        "frame-ancestors 'none'");
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->status == 405)
		MHD_add_response_header(resp, "Allow", "GET, HEAD");
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Answers one request. */
static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
       const char *method, const char *version, const char *upload,
       size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	static const char not_allowed[] = "method not allowed: GET or HEAD\n";
	static char headers_in; /* *con_cls of a request past its first call */
	int read_method = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	hri_req req;
	hri_resp resp = {0};

	/* The first call has the headers. libmicrohttpd 0.9 closes the
	 * connection after an answer queued then, before it has read the
	 * request to its end; answered on the next call, when it has, the
	 * connection stays open for the client's next request (HTTP/1.1
	 * keep-alive). A request with a body, which no page of ours takes, is
	 * answered at once and its connection closed, so that no body is
	 * read. */
	if (!*con_cls) {
		hri_guard_headers_done(srv->guard, c);
		*con_cls = &headers_in;
		if (read_method &&
		    !MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                 MHD_HTTP_HEADER_CONTENT_LENGTH) &&
		    !MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                 MHD_HTTP_HEADER_TRANSFER_ENCODING))
			return MHD_YES;
	} else if (*upload_size) {
		return MHD_NO; /* a body after all: not ours to read */
	}
	if (!read_method) {
		resp.status = 405;
		resp.type = "text/plain; charset=utf-8";
		resp.body = strdup(not_allowed);
		if (!resp.body)
			return MHD_NO;
		resp.len = strlen(resp.body);
		return send_answer(c, &resp);
	}
	memset(&req, 0, sizeof req);
	req.path = url;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_param, &req);
	if (hri_app_handle(srv->pool, &req, &resp))
		return MHD_NO;
	hri_debug(NULL, "%s %s %d", method, url, resp.status);
	return send_answer(c, &resp);
}

/* Parses "A.B.C.D:PORT" into *sa. Returns 0, or -1. */
static int
parse_listen(const char *s, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	char *end;
	unsigned long port;
	size_t n;

	if (!colon || colon == s)
		return -1;
	n = (size_t)(colon - s);
	if (n >= sizeof host)
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || port > 65535)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)port);
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	char path[PATH_MAX], err[512], addr[INET_ADDRSTRLEN];
	const char *dbpath = NULL, *listen_arg = NULL;
	struct sockaddr_in sa;
	struct server srv = {NULL};
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	unsigned long threads = 4, header_secs = 10, per_client = 32;
	sigset_t sigs;
	int sig, first, rc = HRI_EXIT_FATAL;
	hri_status st;
	const hri_opt opts[] = {
		{.name = "db", .letter = 'd', .kind = HRI_OPT_STRING, .val = &dbpath},
		{.name = "listen", .letter = 'l', .kind = HRI_OPT_STRING,
		 .val = &listen_arg},
		{.name = "threads", .letter = 't', .kind = HRI_OPT_COUNT,
		 .val = &threads, .min = 1, .max = MAX_THREADS},
		{.name = "header-timeout", .kind = HRI_OPT_COUNT,
		 .val = &header_secs, .min = 1, .max = 3600},
		{.name = "client-limit", .kind = HRI_OPT_COUNT, .val = &per_client,
		 .min = 1, .max = MAX_CONNECTIONS},
		{0}};

	hri_log_init("hri-serve");
	rc = hri_opts_parse(argc, argv, opts, usage_text, &first);
	if (rc != HRI_OPTS_GO_ON)
		return rc;
	rc = HRI_EXIT_FATAL;
	if (first < argc) {
		hri_error(NULL, "unexpected argument: %s", argv[first]);
		fputs(usage_text, stderr);
		return HRI_EXIT_USAGE;
	}
	if (!listen_arg)
		listen_arg = "127.0.0.1:8080";
	if (parse_listen(listen_arg, &sa))
		return hri_opts_bad("listen", listen_arg, "an IPv4 ADDRESS:PORT");
	/* Only an address given on purpose opens the index to other
	 * machines; say so, since nothing here asks who is asking. */
	if ((ntohl(sa.sin_addr.s_addr) >> 24) != 127)
		hri_error(NULL, "warning: %s is not a loopback address: anyone who "
		         "can reach it can read the index", listen_arg);
	if (!dbpath) {
		if (hri_home_path("db", path, sizeof path)) {
			hri_error(NULL, "no database: give -d DB or set HRI_HOME");
			return HRI_EXIT_USAGE;
		}
		dbpath = path;
	}
	st = hri_pool_new(dbpath, threads, &srv.pool, err, sizeof err);
	if (st) {
		hri_error(NULL, "%s%s", st == HRI_ERR_NOMEM ? hri_status_str(st) : err,
		          st == HRI_ERR_NOT_FOUND ? " (build it with hri-index)" : "");
		return HRI_EXIT_FATAL;
	}
	/* The worker threads inherit this mask: the signals come to sigwait()
	 * below, and a closed connection does not kill the process. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (hri_guard_new((unsigned)header_secs, &srv.guard)) {
		hri_error(NULL, "cannot start the connection guard");
		goto out;
	}
	/* poll(): with select() libmicrohttpd 0.9 leaves a request it could
	 * not parse (thousands of parameters) open until its timeout; one
	 * client address may hold only so many connections, and each request
	 * its headers only so long (guard.h), so that slow clients cannot lock
	 * others out. */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
	                     MHD_USE_ERROR_LOG,
	                     0, NULL, NULL, handle, &srv,
	                     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	                     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	                     MHD_OPTION_CONNECTION_LIMIT, MAX_CONNECTIONS,
	                     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)per_client,
	                     MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	                     MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	                     (size_t)CONNECTION_MEMORY,
	                     MHD_OPTION_NOTIFY_CONNECTION, hri_guard_notify, srv.guard,
	                     MHD_OPTION_NOTIFY_COMPLETED, hri_guard_completed, srv.guard,
	                     MHD_OPTION_END);
	if (!d) {
		hri_error(NULL, "cannot listen on %s (in use, or not an address "
		          "of this machine)", listen_arg);
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
	hri_info(NULL, "listening on http://%s:%u/", addr,
	         info ? (unsigned)info->port : ntohs(sa.sin_port));
	if (sigwait(&sigs, &sig) == 0)
		hri_info(NULL, "stopping on signal %d", sig);
	rc = HRI_EXIT_OK;
out:
	if (d)
		MHD_stop_daemon(d);
	hri_guard_free(srv.guard);
	hri_pool_free(srv.pool);
	return rc;
}
