/* guard.c - the header deadline of hri-serve's connections (guard.h). */
#include "guard.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "log.h"

/* One open connection. */
typedef struct conn {
	struct conn *prev, *next;
	MHD_socket fd;      /* its socket, libmicrohttpd's: only shut down */
	long long deadline; /* monotonic ms its headers are due by, 0 none */
	int linked;         /* in the guard's list */
} conn;

struct hri_guard {
	pthread_mutex_t lock;
	pthread_cond_t wake;   /* signalled to stop the thread */
	pthread_t thread;
	conn *head;            /* the open connections */
	long long ms;          /* the deadline, in ms */
	unsigned long shut;    /* connections shut down */
	int stop;
};

/* Returns monotonic milliseconds. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The guard's thread: every quarter second, shuts down the connections
 * past their deadline. shutdown(), not close(): the socket stays
 * libmicrohttpd's, which sees it end and closes it; a record is removed
 * (under the lock) before libmicrohttpd closes its socket, so the socket
 * shut down is always the connection's own. */
static void *
run(void *arg)
{
	hri_guard *g = arg;
	struct timespec until;
	long long now;
	conn *c;

	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		now = now_ms();
		for (c = g->head; c; c = c->next) {
			if (!c->deadline || c->deadline > now)
				continue;
			c->deadline = 0;
			shutdown(c->fd, SHUT_RDWR);
			g->shut++;
			hri_debug(NULL, "a connection shut down: its request headers "
			          "took more than %lld s", g->ms / 1000);
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

hri_status
hri_guard_new(unsigned secs, hri_guard **out)
{
	hri_guard *g = calloc(1, sizeof *g);

	*out = NULL;
	if (!g)
		return HRI_ERR_NOMEM;
	g->ms = 1000LL * secs;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, NULL);
	if (secs && pthread_create(&g->thread, NULL, run, g) != 0) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		free(g);
		return HRI_ERR_INTERNAL;
	}
	*out = g;
	return HRI_OK;
}

void
hri_guard_free(hri_guard *g)
{
	conn *c, *next;

	if (!g)
		return;
	if (g->ms) {
		pthread_mutex_lock(&g->lock);
		g->stop = 1;
		pthread_cond_signal(&g->wake);
		pthread_mutex_unlock(&g->lock);
		pthread_join(g->thread, NULL);
	}
	for (c = g->head; c; c = next) {
		next = c->next;
		free(c);
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

void
hri_guard_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
                 enum MHD_ConnectionNotificationCode toe)
{
	hri_guard *g = cls;
	const union MHD_ConnectionInfo *info;
	conn *c;

	if (!g->ms)
		return;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		info = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		c = calloc(1, sizeof *c);
		*socket_context = c;
		if (!c || !info)
			return; /* unguarded, but served */
		c->fd = info->connect_fd;
		pthread_mutex_lock(&g->lock);
		c->deadline = now_ms() + g->ms;
		c->linked = 1;
		c->next = g->head;
		if (g->head)
			g->head->prev = c;
		g->head = c;
		pthread_mutex_unlock(&g->lock);
		return;
	}
	c = *socket_context;
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	if (c->linked) {
		if (c->prev)
			c->prev->next = c->next;
		else
			g->head = c->next;
		if (c->next)
			c->next->prev = c->prev;
	}
	pthread_mutex_unlock(&g->lock);
	free(c);
	*socket_context = NULL;
}

/* Sets the deadline of connection mc: due from now, or none. */
static void
set_deadline(hri_guard *g, struct MHD_Connection *mc, int due)
{
	const union MHD_ConnectionInfo *info;
	conn *c;

	if (!g->ms)
		return;
	info = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	c = info ? info->socket_context : NULL;
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	c->deadline = due ? now_ms() + g->ms : 0;
	pthread_mutex_unlock(&g->lock);
}

void
hri_guard_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
	(void)con_cls;
	(void)toe;
	set_deadline(cls, c, 1);
}

void
hri_guard_headers_done(hri_guard *g, struct MHD_Connection *c)
{
	set_deadline(g, c, 0);
}

unsigned long
hri_guard_shut(hri_guard *g)
{
	unsigned long n;

	pthread_mutex_lock(&g->lock);
	n = g->shut;
	pthread_mutex_unlock(&g->lock);
	return n;
}
