/* guard.h - a deadline on each request's headers, so that no client holds
 * a connection of hri-serve by sending them slowly ("slowloris": a header
 * line every few seconds never reaches libmicrohttpd's timeout, which
 * counts inactivity). The deadline runs from a connection's start, and
 * again from the end of each answer on a kept-alive connection, to the
 * moment the request's headers are complete; a thread of its own shuts
 * down the connections past it, which libmicrohttpd then closes. */
#ifndef HRI_GUARD_H
#define HRI_GUARD_H

#include <microhttpd.h>

#include "status.h"

typedef struct hri_guard hri_guard;

/* Starts a guard giving each request secs seconds for its headers. On
 * HRI_OK *out is new, for hri_guard_free(); else NULL and HRI_ERR_NOMEM
 * (or HRI_ERR_INTERNAL when its thread cannot start). */
hri_status hri_guard_new(unsigned secs, hri_guard **out);

/* Stops the guard's thread and frees it; after MHD_stop_daemon(). NULL
 * does nothing. */
void hri_guard_free(hri_guard *g);

/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback, cls the guard:
 * keeps a record of each open connection. */
void hri_guard_notify(void *cls, struct MHD_Connection *c,
                      void **socket_context,
                      enum MHD_ConnectionNotificationCode toe);

/* libmicrohttpd's MHD_OPTION_NOTIFY_COMPLETED callback, cls the guard: an
 * answer is done, the next request's headers are due within the deadline. */
void hri_guard_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe);

/* Says that the headers of c's request are all in (the request handler is
 * called): its deadline stops. */
void hri_guard_headers_done(hri_guard *g, struct MHD_Connection *c);

/* Returns how many connections the guard shut down so far. */
unsigned long hri_guard_shut(hri_guard *g);

#endif
