/* status.c - names of status codes. */
#include "status.h"

const char *
hri_status_str(hri_status st)
{
	switch (st) {
	case HRI_OK: return "success";
	case HRI_ERR_NOMEM: return "out of memory";
	case HRI_ERR_IO: return "input/output error";
	case HRI_ERR_INVALID: return "invalid input";
	case HRI_ERR_TOO_BIG: return "input too large";
	case HRI_ERR_NOT_FOUND: return "not found";
	case HRI_ERR_FORMAT: return "unsupported format";
	case HRI_ERR_NETWORK: return "network error";
	case HRI_ERR_DB: return "database error";
	case HRI_ERR_LOCKED: return "locked by another process";
	case HRI_ERR_QUERY: return "query syntax error";
	case HRI_ERR_NOT_FILE: return "not a regular file";
	case HRI_ERR_INTERNAL: return "internal error";
	case HRI_STATUS_LAST: break;
	}
	return "unknown status";
}

int
hri_status_exit(hri_status st)
{
	switch (st) {
	case HRI_OK:
		return HRI_EXIT_OK;
	case HRI_ERR_NOT_FOUND:
		return HRI_EXIT_NOTHING;
	case HRI_ERR_QUERY:
	case HRI_ERR_INVALID:
		return HRI_EXIT_USAGE;
	default:
		return HRI_EXIT_FATAL;
	}
}
