/* home.c - the data directory and the table directory. */
#include "home.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef HRI_DATADIR
#define HRI_DATADIR "/usr/local/share/hri/data"
#endif

/* Formats into out, reporting truncation. */
static hri_status
fmt(char *out, size_t outsz, const char *a, const char *b)
{
	int n = snprintf(out, outsz, "%s%s", a, b);

	return (n < 0 || (size_t)n >= outsz) ? HRI_ERR_TOO_BIG : HRI_OK;
}

hri_status
hri_home_dir(char *out, size_t outsz)
{
	const char *v;

	v = getenv("HRI_HOME");
	if (v && *v)
		return fmt(out, outsz, v, "");
	v = getenv("XDG_DATA_HOME");
	if (v && *v)
		return fmt(out, outsz, v, "/hri");
	v = getenv("HOME");
	if (v && *v)
		return fmt(out, outsz, v, "/.local/share/hri");
	return HRI_ERR_NOT_FOUND;
}

hri_status
hri_home_path(const char *sub, char *out, size_t outsz)
{
	char home[PATH_MAX];
	hri_status st = hri_home_dir(home, sizeof home);

	if (st)
		return st;
	if (strlen(home) + 1 + strlen(sub) + 1 > outsz)
		return HRI_ERR_TOO_BIG;
	snprintf(out, outsz, "%s/%s", home, sub);
	return HRI_OK;
}

/* Tries dir/name; returns HRI_OK when it exists. */
static hri_status
try_dir(const char *dir, const char *name, char *out, size_t outsz)
{
	int n = snprintf(out, outsz, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= outsz)
		return HRI_ERR_TOO_BIG;
	return access(out, R_OK) == 0 ? HRI_OK : HRI_ERR_NOT_FOUND;
}

hri_status
hri_data_path(const char *name, char *out, size_t outsz)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
	const char *v = getenv("HRI_DATA");
	ssize_t n;
	char *slash;

	if (v && *v)
		return try_dir(v, name, out, outsz);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/../../data", exe);
			if (try_dir(dir, name, out, outsz) == HRI_OK)
				return HRI_OK;
		}
	}
	return try_dir(HRI_DATADIR, name, out, outsz);
}
