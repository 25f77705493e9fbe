#!/bin/sh
# bench/shards.sh - what sharding costs and gains on this machine:
#  - ingestion throughput of pipelines/parallel-ingest with 1 and 2 workers
#    (fetch from a mirror, parse, index) on the bundled corpus multiplied:
#    its documents copied under renumbered symbols (A/HRC/28/15 becomes
#    A/HRC/28/1015, A/HRC/28/2015, ...) into a temporary mirror;
#  - query latency (a whole hri-query run: start, open, search, print) over
#    one database, four local shards, and two remote shards served by
#    xapian-tcpsrv on loopback.
#
#   bench/shards.sh [COPIES] [RUNS]     (default 8 copies, 5 runs a query)
#
# Prints one line a figure; everything lives in a temporary directory,
# removed at the end with the servers it started.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/build/bin:$PATH"
export HRI_DATA="$top/data"
copies=${1:-8}
runs=${2:-5}

tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"' EXIT INT TERM
export HRI_HOME="$tmp/home"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

# The mirror: every numbered report of the corpus, COPIES times.
mkdir "$tmp/mirror"
: >"$tmp/symbols"
for f in "$top"/corpus/A_HRC_[0-9]*_[0-9]*.*; do
	base=$(basename "$f")
	case $base in *_Add.*|*_Corr.*) continue ;; esac
	ext=${base##*.} stem=${base%.*}
	sess=$(echo "$stem" | cut -d_ -f3) num=$(echo "$stem" | cut -d_ -f4)
	i=1
	while [ "$i" -le "$copies" ]; do
		n=$((num + 1000 * i))
		cp "$f" "$tmp/mirror/A_HRC_${sess}_${n}.$ext"
		echo "A/HRC/$sess/$n" >>"$tmp/symbols"
		i=$((i + 1))
	done
done
docs=$(wc -l <"$tmp/symbols")
echo "corpus: $docs documents ($copies copies of $((docs / copies)) reports)"

for j in 1 2; do
	rm -rf "$HRI_HOME"
	t0=$(now)
	"$top/pipelines/parallel-ingest" -j "$j" -s "$tmp/mirror" -d "$tmp/set$j" \
		<"$tmp/symbols" 2>"$tmp/ingest$j.log"
	t1=$(now)
	segs=$(hri-index -d "$tmp/set$j" --stats --format json | jq .segments)
	s=$(elapsed "$t0" "$t1")
	printf 'ingest -j %d: %d documents, %d segments in %.2f s: %.1f documents/s, %.0f segments/s\n' \
		"$j" "$docs" "$segs" "$s" "$(echo "$docs / $s" | bc -l)" \
		"$(echo "$segs / $s" | bc -l)"
done

# The same segments three ways.
hri-index -q --merge "$tmp/single" "$tmp/set1"
hri-parse "$tmp"/mirror/* 2>/dev/null >"$tmp/recs.jsonl"
hri-index -q --shard hash:4 -d "$tmp/four" "$tmp/recs.jsonl"
hri-index -q --shard hash:2 -d "$tmp/two" "$tmp/recs.jsonl"
serve() {
	tries=0
	while [ "$tries" -lt 20 ]; do
		port=$(( ($$ * 7 + tries * 131 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000 + 20000 ))
		: >"$tmp/srv-$port.log"
		setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" \
			>"$tmp/srv-$port.log" 2>&1 &
		pid=$!
		i=0
		while [ "$i" -lt 50 ] && kill -0 "$pid" 2>/dev/null &&
			! grep -q Listening "$tmp/srv-$port.log"; do
			sleep 0.1; i=$((i + 1))
		done
		if grep -q Listening "$tmp/srv-$port.log"; then
			pids="$pids $pid"; return 0
		fi
		kill "$pid" 2>/dev/null || true
		tries=$((tries + 1))
	done
	echo "bench: cannot start xapian-tcpsrv" >&2
	exit 4
}
serve "$tmp/two/hash-0-of-2"; p0=$port
serve "$tmp/two/hash-1-of-2"; p1=$port
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p0" "$p1" >"$tmp/remote.stub"

set -- "migrants" "torture prison" "human rights defenders" \
	"country:slovenia education" "right to development" \
	'"technical cooperation"' "theme:women year:2013..2016" "water"
for cfg in "one database:$tmp/single" "four local shards:$tmp/four" \
	"two remote shards:$tmp/remote.stub"; do
	name=${cfg%%:*} db=${cfg#*:}
	for facets in "" "--facets country,theme,year"; do
		hri-query -d "$db" --limit 20 $facets "migrants" >/dev/null # warm
		t0=$(now)
		r=0
		while [ "$r" -lt "$runs" ]; do
			for q in "$@"; do
				hri-query -d "$db" --format json --limit 20 $facets "$q" \
					>/dev/null || true
			done
			r=$((r + 1))
		done
		t1=$(now)
		n=$((runs * $#))
		printf 'query %-18s %-28s %6.1f ms a query (%d queries)\n' "$name:" \
			"${facets:-(no facets)}" \
			"$(echo "($t1 - $t0) * 1000 / $n" | bc -l)" "$n"
	done
done
