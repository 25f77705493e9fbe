/* home.h - where hri keeps its data, and where it finds its tables. */
#ifndef HRI_HOME_H
#define HRI_HOME_H

#include <stddef.h>

#include "status.h"

/* Writes the data directory into out (outsz bytes): $HRI_HOME, else
 * $XDG_DATA_HOME/hri, else $HOME/.local/share/hri. The store is its store/
 * and the default database its db/. Returns HRI_ERR_NOT_FOUND when none of
 * the variables is set, HRI_ERR_TOO_BIG when out is too small. */
hri_status hri_home_dir(char *out, size_t outsz);

/* Writes the path of $(home)/sub into out, as hri_home_dir() does. */
hri_status hri_home_path(const char *sub, char *out, size_t outsz);

/* Writes the path of the table file name (e.g. "countries.tsv") into out:
 * under $HRI_DATA when set, else under the data/ folder of the source tree
 * the executable was built in (build/bin/../../data), else under the
 * installed HRI_DATADIR. Returns HRI_ERR_NOT_FOUND when no such file exists
 * in any of them (out then holds the installed path, for the message). */
hri_status hri_data_path(const char *name, char *out, size_t outsz);

#endif
