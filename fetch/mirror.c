/* mirror.c - documents from a local mirror directory. */
#include "mirror.h"

#include <string.h>
#include <stdio.h>
#include <sys/stat.h>

#include "format.h"

/* The extensions tried, in this order unless a format is preferred. */
static const char *const exts[] = {"pdf", "docx", "doc", "html",
                                   "htm", "txt",  "md"};

/* Tries dir[/sub]/file.ext; returns HRI_OK when it is a regular file. */
static hri_status
try_one(const char *dir, const char *sub, const char *file, const char *ext,
        char *path, size_t pathsz)
{
	struct stat sb;
	int n;

	if (sub)
		n = snprintf(path, pathsz, "%s/%s/%s.%s", dir, sub, file, ext);
	else
		n = snprintf(path, pathsz, "%s/%s.%s", dir, file, ext);
	if (n < 0 || (size_t)n >= pathsz)
		return HRI_ERR_TOO_BIG;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return HRI_OK;
	return HRI_ERR_NOT_FOUND;
}

hri_status
hri_mirror_find(const char *dir, const char *file, const char *lang,
                const char *prefer, char *path, size_t pathsz,
                const char **ext)
{
	const char *order[sizeof exts / sizeof *exts + 1];
	size_t n = 0, i;
	int pass;
	hri_status st;

	*ext = NULL;
	if (!file[0] || file[0] == '.' || strchr(file, '/'))
		return HRI_ERR_INVALID;
	for (i = 0; prefer && i < sizeof exts / sizeof *exts; i++)
		if (hri_format_from_ext(exts[i]) &&
		    strcmp(hri_format_from_ext(exts[i]), prefer) == 0)
			order[n++] = exts[i];
	for (i = 0; i < sizeof exts / sizeof *exts; i++)
		if (!prefer || !hri_format_from_ext(exts[i]) ||
		    strcmp(hri_format_from_ext(exts[i]), prefer) != 0)
			order[n++] = exts[i];
	/* A language folder, when the mirror has one, holds that language's
	 * version; the top level the documents of the mirror's one language. */
	for (pass = 0; pass < 2; pass++) {
		const char *sub = pass == 0 ? lang : NULL;

		if (pass == 0 && (!lang || !lang[0] || strchr(lang, '/') ||
		                  lang[0] == '.'))
			continue;
		for (i = 0; i < n; i++) {
			st = try_one(dir, sub, file, order[i], path, pathsz);
			if (st == HRI_ERR_NOT_FOUND)
				continue;
			if (st == HRI_OK)
				*ext = order[i];
			return st;
		}
	}
	path[0] = '\0';
	return HRI_ERR_NOT_FOUND;
}
