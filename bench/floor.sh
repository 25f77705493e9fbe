#!/bin/sh
# bench/floor.sh - hri-index against its engine's floor and against FTS5, on
# the same segment records, in one run (issue 22: "within 1.2x of a bare
# Xapian program", ">= 0.5x FTS5's load rate").
#
#   bench/floor.sh [-n PAIRS] [-b HRI_INDEX] [-j N] [SEGMENTS.jsonl...]
#
# Each round runs, back to back on the same file: hri-index (build/bin, one
# process: -j 1), hri-index -j N when -j is given (N worker processes, one
# hash shard each, merged: its figure is segments per wall second, what
# the cores buy), the hri-index given by -b (an older build, for a
# before/after figure),
# bench/xapian_bare (text with positions and an id term, add_document, one
# transaction: nothing of hri's extras) and the FTS5 peer (text only, then
# text + facets). PAIRS rounds (default 3), then the median wall and CPU
# seconds of each and segments per CPU second. The ratios are of CPU
# seconds: the machine is shared, and one process's CPU time moves less
# with the neighbours than its wall time. Default file:
# bench/work/seg-20000.jsonl, made by bench/run.
#
# Builds its helpers into bench/work/bin; the databases go in a temporary
# directory removed at the end.
# The sh -c scripts below expand their own arguments, in single quotes.
# shellcheck disable=SC2016
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
W=$top/bench/work
pairs=3
base=
jobs=
while getopts n:b:j: o; do
	case $o in
	n) pairs=$OPTARG ;;
	b) base=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) echo "usage: bench/floor.sh [-n PAIRS] [-b HRI_INDEX] [-j N] [SEGMENTS.jsonl...]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- "$W/seg-20000.jsonl"
export HRI_DATA="$top/data"

mkdir -p "$W/bin"
cc -O2 -std=c11 -Wall -Wextra -o "$W/bin/timeit" "$top/bench/timeit.c"
# shellcheck disable=SC2046
cc -O2 -std=c11 -Wall -Wextra $(pkg-config --cflags sqlite3 jansson) \
	-o "$W/bin/fts5" "$top/bench/fts5.c" -pthread \
	$(pkg-config --libs sqlite3 jansson)
# shellcheck disable=SC2046
c++ -O2 -Wall -Wextra -o "$W/bin/xapian_bare" "$top/bench/xapian_bare.cc" \
	$(pkg-config --cflags --libs xapian-core jansson)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# run NAME COMMAND...: times one run into $tmp/NAME.tsv.
run() {
	_n=$1; shift
	rm -rf "$tmp/db" "$tmp/fts.db" "$tmp/fts.db-wal" "$tmp/fts.db-shm"
	"$W/bin/timeit" -t 1800 -o "$tmp/$_n.tsv" -- "$@" > /dev/null
}
# med NAME COLUMN: the median of a column of $tmp/NAME.tsv.
med() {
	sort -g -k"$2,$2" "$tmp/$1.tsv" | awk -v c="$2" '{v[NR] = $c}
		END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

for f; do
	n=$(grep -c '"type":"segment"' "$f")
	rm -f "$tmp"/*.tsv
	i=0
	while [ "$i" -lt "$pairs" ]; do
		run hri sh -c 'exec "$1" -q -j 1 -d "$2" < "$3"' sh \
			"$top/build/bin/hri-index" "$tmp/db" "$f"
		[ -z "$jobs" ] || run jobs sh -c 'exec "$1" -q -j "$4" -d "$2" < "$3"' \
			sh "$top/build/bin/hri-index" "$tmp/db" "$f" "$jobs"
		[ -z "$base" ] || run base sh -c 'exec "$1" -q -j 1 -d "$2" < "$3"' sh \
			"$base" "$tmp/db" "$f"
		run bare sh -c 'exec "$1" "$2" < "$3"' sh "$W/bin/xapian_bare" \
			"$tmp/db" "$f"
		run fts_text sh -c 'exec "$1" load "$2" --text-only < "$3"' sh \
			"$W/bin/fts5" "$tmp/fts.db" "$f"
		run fts_all sh -c 'exec "$1" load "$2" < "$3"' sh \
			"$W/bin/fts5" "$tmp/fts.db" "$f"
		i=$((i + 1))
	done
	bare=$(med bare 4)
	printf '%s: %s segments, median of %s rounds\n' "$(basename "$f")" "$n" "$pairs"
	printf '%-22s %8s %8s %10s %11s %12s\n' program wall_s cpu_s \
		segs/cpu_s segs/wall_s cpu/bare
	for p in hri jobs base bare fts_text fts_all; do
		[ -s "$tmp/$p.tsv" ] || continue
		w=$(med "$p" 1); c=$(med "$p" 4)
		label=$p; [ "$p" != jobs ] || label="hri -j $jobs"
		awk -v p="$label" -v w="$w" -v c="$c" -v n="$n" -v b="$bare" 'BEGIN {
			printf "%-22s %8.2f %8.2f %10.0f %11.0f %12.2f\n", p, w, c,
				n / c, n / w, c / b }'
	done
done
