#!/bin/sh
# bench/jobs.sh - hri-index --jobs: one process against N worker processes
# (each indexing one hash shard, merged at the end), on the same segment
# records, in one run (issue 22: "parallel hash shards by default on large
# input").
#
#   bench/jobs.sh [-n PAIRS] [-j N] [SEGMENTS.jsonl...]
#
# Each round runs, back to back on the same file into a new database,
# hri-index -j 1 and hri-index -j N (default 2); PAIRS rounds (default 3),
# then the median wall and CPU seconds of each, segments per wall second
# and the ratio of the rates. The figure is wall time: what --jobs buys is
# the cores, and it spends more CPU (a second parse of each record in its
# worker, the merge); hri-index -v says how long its merge took.
# Default file: bench/work/seg-20000.jsonl, made by bench/run.
# The sh -c scripts below expand their own arguments, in single quotes.
# shellcheck disable=SC2016
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
W=$top/bench/work
pairs=3
jobs=2
while getopts n:j: o; do
	case $o in
	n) pairs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) echo "usage: bench/jobs.sh [-n PAIRS] [-j N] [SEGMENTS.jsonl...]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- "$W/seg-20000.jsonl"
export HRI_DATA="$top/data"

mkdir -p "$W/bin"
cc -O2 -std=c11 -Wall -Wextra -o "$W/bin/timeit" "$top/bench/timeit.c"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# run NAME JOBS FILE: times one build into $tmp/NAME.tsv, checks its count.
run() {
	rm -rf "$tmp/db"
	"$W/bin/timeit" -t 1800 -o "$tmp/$1.tsv" -- \
		"$top/build/bin/hri-index" -q -j "$2" -d "$tmp/db" "$3" >/dev/null
	got=$("$top/build/bin/hri-index" -d "$tmp/db" --stats --format json |
		sed 's/.*"segments":\([0-9]*\).*/\1/')
	[ "$got" = "$n" ] || { echo "$1: $got segments, not $n" >&2; exit 1; }
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
		run one 1 "$f"
		run many "$jobs" "$f"
		i=$((i + 1))
	done
	printf '%s: %s segments, median of %s rounds, %s cores online\n' \
		"$(basename "$f")" "$n" "$pairs" "$(getconf _NPROCESSORS_ONLN)"
	printf '%-12s %8s %8s %11s %8s\n' run wall_s cpu_s segs/wall_s ratio
	w1=$(med one 1)
	for p in one many; do
		w=$(med "$p" 1); c=$(med "$p" 4)
		label="-j 1"; [ "$p" = one ] || label="-j $jobs"
		awk -v p="$label" -v w="$w" -v c="$c" -v n="$n" -v w1="$w1" 'BEGIN {
			printf "%-12s %8.2f %8.2f %11.0f %8.2f\n", p, w, c, n / w, w1 / w }'
	done
done
