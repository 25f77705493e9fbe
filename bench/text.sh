#!/bin/sh
# bench/text.sh - text MB/s of hri-parse with extraction, two builds side by
# side in one run (issue 22, item 3: >= 50 MB/s a core).
#
#   bench/text.sh [--runs N] BEFORE_HRI_PARSE AFTER_HRI_PARSE
#
# Two text sets, both real UN documents: the shared corpus's seeds (text
# and markdown) and pdftotext's text of the 63 UPR reports of upr-dev; each
# copied into bench/work/text/ often enough to take about a second, under
# its own symbol so the parser reads it as it would the original. Each run
# times BEFORE then AFTER over the same file list (xargs, as bench/run
# does), alternating, and prints one Markdown row per set and build: the
# median MB/s by wall time, MB per CPU second (the aim is per core and the
# machine is shared) and AFTER's ratio to BEFORE. Needs pdftotext and
# ${HRI_SHARED:-../shared}.
set -eu

RUNS=5
if [ "${1:-}" = --runs ]; then RUNS=$2; shift 2; fi
[ $# = 2 ] || { echo "usage: bench/text.sh [--runs N] BEFORE AFTER" >&2; exit 2; }
BEFORE=$1 AFTER=$2
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${HRI_SHARED:-$TOP/../shared}
W=$TOP/bench/work/text
[ -d "$SHARED/corpus/upr-dev" ] || { echo "bench/text.sh: no $SHARED/corpus/upr-dev" >&2; exit 1; }
command -v pdftotext > /dev/null || { echo "bench/text.sh: no pdftotext" >&2; exit 1; }
mkdir -p "$W/bin" "$W/upr1" "$W/seeds1"
[ -x "$W/bin/timeit" ] || cc -O2 -o "$W/bin/timeit" "$TOP/bench/timeit.c"

# one copy of each set; then copies 2..N of it, by hard link
for f in "$SHARED"/corpus/upr-dev/*.pdf; do
	t=$W/upr1/$(basename "$f" .pdf).txt
	[ -s "$t" ] || pdftotext "$f" "$t"
done
cp -u "$SHARED"/corpus/seeds/*.txt "$SHARED"/corpus/seeds/*.md "$W/seeds1/"
copies() { # SET N: the list of N copies of SET
	i=2
	while [ "$i" -le "$2" ]; do
		mkdir -p "$W/$1$i"
		for f in "$W/$1"1/*; do ln -f "$f" "$W/$1$i/"; done
		i=$((i + 1))
	done
	i=1
	while [ "$i" -le "$2" ]; do ls "$W/$1$i"/* ; i=$((i + 1)); done > "$W/$1.list"
}
copies upr 4     # 4 x 63 reports, ~13 MB
copies seeds 40  # 40 x 4 reports, ~7 MB

mb() { xargs cat < "$1" | wc -c | awk '{ printf "%.2f", $1 / 1048576 }'; }

# run SET BIN TAG: one timed run, appends "wall cpu" to $W/SET.TAG.t and
# keeps the output for the comparison
run() {
	"$W/bin/timeit" -o "$W/$1.$3.t" -- sh -c 'exec xargs "$1" < "$2" > "$3"' \
		sh "$2" "$W/$1.list" "$W/$1.$3.jsonl" 2>> "$W/$1.$3.err" || true
}
med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "| text set | MB | before MB/s | after MB/s | ratio | before MB/CPU s | after MB/CPU s | ratio |"
echo "|---|---|---|---|---|---|---|---|"
for set in upr seeds; do
	rm -f "$W/$set".*.t "$W/$set".*.err
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		run "$set" "$BEFORE" before
		run "$set" "$AFTER" after
		r=$((r + 1))
	done
	m=$(mb "$W/$set.list")
	bw=$(awk '{ print $1 }' "$W/$set.before.t" | med)
	aw=$(awk '{ print $1 }' "$W/$set.after.t" | med)
	bc=$(awk '{ print $4 }' "$W/$set.before.t" | med)
	ac=$(awk '{ print $4 }' "$W/$set.after.t" | med)
	same=same
	cmp -s "$W/$set.before.jsonl" "$W/$set.after.jsonl" || same=DIFFERENT
	awk -v s="$set" -v m="$m" -v bw="$bw" -v aw="$aw" -v bc="$bc" -v ac="$ac" -v same="$same" 'BEGIN {
		printf "| %s (%s output) | %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |\n",
			s, same, m, m / bw, m / aw, bw / aw, m / bc, m / ac, bc / ac }'
done
