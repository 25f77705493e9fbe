/* status.h - status codes shared by every hri module and exit codes shared
 * by every hri tool. */
#ifndef HRI_STATUS_H
#define HRI_STATUS_H

/* What a library call reports. Functions of lib/ return one of these,
 * never an exit status; results go through out-parameters, and a message,
 * where the function takes an err buffer, is written on every failure.
 * Each tool's main turns the status into its exit status. */
typedef enum hri_status {
	HRI_OK = 0,        /* success */
	HRI_ERR_NOMEM,     /* an allocation failed */
	HRI_ERR_IO,        /* a read, write, open or rename failed (errno kept) */
	HRI_ERR_INVALID,   /* the input is not of the expected form */
	HRI_ERR_TOO_BIG,   /* the input exceeds a configured cap */
	HRI_ERR_NOT_FOUND, /* the thing asked for does not exist */
	HRI_ERR_FORMAT,    /* a file format that hri cannot read */
	HRI_ERR_NETWORK,   /* a transfer failed (DNS, connect, timeout, HTTP) */
	HRI_ERR_DB,        /* the Xapian database reported an error */
	HRI_ERR_LOCKED,    /* another process holds the lock */
	HRI_ERR_QUERY,     /* a query string could not be parsed */
	HRI_ERR_NOT_FILE,  /* a path that is not a regular file (a directory, a
	                      FIFO, a device) where a file is read */
	HRI_ERR_INTERNAL,  /* a bug: an invariant did not hold */
	HRI_STATUS_LAST    /* not a status: one past the last, so that tests
	                      and tables cover every value; new statuses go
	                      above it */
} hri_status;

/* Returns a short constant English name for st ("out of memory"), or
 * "unknown status" for a value that is none. */
const char *hri_status_str(hri_status st);

/* Returns the exit status of a command whose work ended in st: HRI_EXIT_OK
 * for HRI_OK, HRI_EXIT_NOTHING for HRI_ERR_NOT_FOUND (nothing matched),
 * HRI_EXIT_USAGE for HRI_ERR_QUERY and HRI_ERR_INVALID (what the user asked
 * cannot be), HRI_EXIT_FATAL for any other failure. */
int hri_status_exit(hri_status st);

/* Exit status, the same in all tools (hri(7)). */
enum hri_exit {
	HRI_EXIT_OK = 0,      /* done */
	HRI_EXIT_NOTHING = 1, /* done, but nothing matched or nothing to do */
	HRI_EXIT_USAGE = 2,   /* usage error */
	HRI_EXIT_PARTIAL = 3, /* some records failed, the rest were processed */
	HRI_EXIT_FATAL = 4    /* cannot open the database, the store, the output */
};

#endif
