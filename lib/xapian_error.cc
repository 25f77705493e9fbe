/* xapian_error.cc - how a C++ exception becomes an hri_status and a message
 * in the Xapian shim. Everything here runs inside catch handlers, so it
 * formats into fixed buffers and throws nothing. */
#include "xapian_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <new>

namespace hri {

void
msg_printf(char *out, size_t outsz, const char *fmt, ...) noexcept
{
	va_list ap;

	if (!out || !outsz)
		return;
	va_start(ap, fmt);
	vsnprintf(out, outsz, fmt, ap);
	va_end(ap);
}

void
remote_name(const Xapian::Error &e, char *out, size_t outsz) noexcept
{
	const std::string &c = e.get_context();
	size_t open = c.find('('), close = c.rfind(')');

	if (strncmp(c.c_str(), "remote:", 7) != 0 || open == std::string::npos ||
	    close == std::string::npos || close < open) {
		if (out && outsz)
			out[0] = '\0';
		return;
	}
	msg_printf(out, outsz, "%.*s", (int)(close - open - 1),
	           c.c_str() + open + 1);
}

void
network_msg(const Xapian::Error &e, const char *name, char *out,
            size_t outsz) noexcept
{
	char n[err_max];
	const char *why = NULL;
	int k;

	if (!out || !outsz)
		return;
	if (name && *name)
		msg_printf(n, sizeof n, "%s", name);
	else
		remote_name(e, n, sizeof n);
	if (strcmp(e.get_type(), "NetworkTimeoutError") != 0) {
		/* The system's reason ("Connection refused"), which Xapian
		 * works out, and may allocate for, on the first call. */
		try {
			why = e.get_error_string();
		} catch (...) {
			why = NULL;
		}
	}
	if (!why || !*why)
		why = e.get_msg().c_str();
	k = snprintf(out, outsz, "remote shard %s: ", *n ? n : "?");
	if (k < 0 || (size_t)k >= outsz)
		return;
	snprintf(out + k, outsz - (size_t)k, "%s", why);
	/* A message goes on in lower case, but an acronym stays. */
	if (why[0] >= 'A' && why[0] <= 'Z' && !(why[1] >= 'A' && why[1] <= 'Z'))
		out[k] = (char)(out[k] - 'A' + 'a');
}

/* The status and message of a Xapian failure other than those caught()
 * words itself: a call on an open handle (subject NULL) gives Xapian's
 * message and context, an open the database path and Xapian's message. */
static hri_status
xapian_status(const Xapian::Error &e, char *msg, size_t msgsz,
              const char *subject) noexcept
{
	const char *t = e.get_type();
	const std::string &m = e.get_msg(), &c = e.get_context();

	if (subject) {
		msg_printf(msg, msgsz, "%s: %s", subject, m.c_str());
		return HRI_ERR_DB;
	}
	if (strcmp(t, "NetworkError") == 0 ||
	    strcmp(t, "NetworkTimeoutError") == 0) {
		network_msg(e, NULL, msg, msgsz);
		return HRI_ERR_NETWORK;
	}
	if (c.empty())
		msg_printf(msg, msgsz, "%s", m.c_str());
	else
		msg_printf(msg, msgsz, "%s (%s)", m.c_str(), c.c_str());
	if (strcmp(t, "QueryParserError") == 0)
		return HRI_ERR_QUERY;
	if (strcmp(t, "DatabaseLockError") == 0)
		return HRI_ERR_LOCKED;
	if (strcmp(t, "DatabaseNotFoundError") == 0)
		return HRI_ERR_NOT_FOUND;
	return HRI_ERR_DB;
}

hri_status
caught(char *msg, size_t msgsz, const char *subject) noexcept
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		if (!subject)
			return xapian_status(e, msg, msgsz, subject);
		msg_printf(msg, msgsz, "database locked by another writer: %s",
		           subject);
		return HRI_ERR_LOCKED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		if (!subject)
			return xapian_status(e, msg, msgsz, subject);
		msg_printf(msg, msgsz, "no database at %s", subject);
		return HRI_ERR_NOT_FOUND;
	} catch (const Xapian::DatabaseOpeningError &e) {
		if (!subject)
			return xapian_status(e, msg, msgsz, subject);
		msg_printf(msg, msgsz, "%s: not a Xapian database (%s)", subject,
		           e.get_msg().c_str());
		return HRI_ERR_DB;
	} catch (const Xapian::Error &e) {
		return xapian_status(e, msg, msgsz, subject);
	} catch (const std::bad_alloc &) {
		msg_printf(msg, msgsz, "out of memory");
		return HRI_ERR_NOMEM;
	} catch (...) {
		msg_printf(msg, msgsz, "unexpected C++ exception");
		return HRI_ERR_INTERNAL;
	}
}

} /* namespace hri */
