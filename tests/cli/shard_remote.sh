#!/bin/sh
# shard_remote.sh - real documents indexed once into one database and once
# into two hash shards; the shards served by two real xapian-tcpsrv on
# loopback and searched through a stub file: the same hits in the same order
# with the same scores and weights, the same facet counts, the same
# document order, as the single database. A shard server that is down gives
# a clear error naming it (exit 4), or with --partial the other shard's hits
# flagged as partial (exit 3), never a hang. --merge of the shards answers
# like the single database too.
. "$HRI_TOP/tests/cli/lib.sh"
need xapian-tcpsrv xapian-tools
need python3 python3

docs="A_HRC_28_15.pdf A_HRC_26_41.txt A_HRC_31_81.md A_74_35.md
A_HRC_WG.6_20_SVN_1.pdf A_HRC_DEC_28_111.pdf"
for d in $docs; do set -- "$@" "$HRI_CORPUS/$d"; done
hri-parse "$@" >recs.jsonl 2>/dev/null
hri-index -q -d single recs.jsonl
is "$?" 0 "one database of everything"
hri-index -q --shard hash:2 -d shards recs.jsonl
is "$?" 0 "hri-index --shard hash:2"
is "$(grep -c '^auto hash-[01]-of-2$' shards/index.stub)" 2 \
	"the stub lists both shards"
n0=$(hri-index -d shards/hash-0-of-2 --stats --format json | jq .segments)
n1=$(hri-index -d shards/hash-1-of-2 --stats --format json | jq .segments)
all=$(hri-index -d single --stats --format json | jq .segments)
tap "$([ "$n0" -gt 0 ] && [ "$n1" -gt 0 ]; echo $?)" "both shards hold segments"
is "$((n0 + n1))" "$all" "the shards hold every segment once"

# Two servers on free loopback ports, killed at the end whatever happens.
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT INT TERM
setsid="" serve_opts=""
if command -v setsid >/dev/null 2>&1; then setsid=setsid; else set -m; fi
# serve DB: starts xapian-tcpsrv on a free port; sets port and pid.
serve() {
	tries=0
	while [ "$tries" -lt 20 ]; do
		port=$(( ( ($$ * 7 + tries * 131 + $(date +%N | sed 's/^0*//;s/^$/0/') ) % 30000) + 20000 ))
		# Its own session: xapian-tcpsrv signals its whole process
		# group when it is killed, which would take this script along.
		: >"srv-$port.log"
		# shellcheck disable=SC2086
		$setsid xapian-tcpsrv $serve_opts --interface 127.0.0.1 \
			--port "$port" "$1" \
			>"srv-$port.log" 2>&1 &
		pid=$!
		i=0
		while [ "$i" -lt 50 ] && kill -0 "$pid" 2>/dev/null &&
			! grep -q Listening "srv-$port.log"; do
			sleep 0.1; i=$((i + 1))
		done
		if kill -0 "$pid" 2>/dev/null && grep -q Listening "srv-$port.log"; then
			pids="$pids $pid"
			return 0
		fi
		kill "$pid" 2>/dev/null
		tries=$((tries + 1))
	done
	return 1
}
serve shards/hash-0-of-2; tap $? "xapian-tcpsrv serves shard 0"
port0=$port pid0=$pid
serve shards/hash-1-of-2; tap $? "xapian-tcpsrv serves shard 1"
port1=$port
printf '# two remote shards\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' \
	"$port0" "$port1" >remote.stub

# same ARGS...: the single database and the remote shards answer alike:
# every hit (id, rank, score, weight) and every facet count.
same() {
	hri-query -d single --format json "$@" |
		jq -c '[.type, .id, .rank, .score, .weight, .field, .counts]' >want
	hri-query -d remote.stub --format json "$@" |
		jq -c '[.type, .id, .rank, .score, .weight, .field, .counts]' >got
	[ -s want ] && cmp -s want got && return 0
	diff want got | cut -c1-150 | head -12 | sed "s/^/#   /"
	return 1
}
for q in migrants "torture prison" "human rights defenders" \
	"country:slovenia" "theme:women" 'title:"periodic review" migrants' \
	"title:council"; do
	same --limit 40 --facets country,theme,year,kind,symbol "$q"
	tap $? "remote shards = one database: $q"
done
# Xapian 1.4's spies on remote shards count some matches twice when the
# get_mset() that runs them returns hits too, by how many varying with the
# page size: the counts must not depend on it.
for n in 1 2 10 40; do
	same --limit $n --facets symbol,country "human rights"
	tap $? "remote shards = one database: facet counts with --limit $n"
done
# With a value range in the query Xapian's percent is not combined across
# databases (one shard's range is empty): the score differs, while the
# weights, the order and the counts are the same.
keep='[.type, .id, .rank, .weight, .field, .counts]'
q="year:2013..2016 education"
hri-query -d single --format json --limit 40 --facets year,country "$q" |
	jq -c "$keep" >want
hri-query -d remote.stub --format json --limit 40 --facets year,country "$q" |
	jq -c "$keep" >got
tap "$([ -s want ] && cmp -s want got; echo $?)" \
	"remote shards = one database but for the percent: $q"
same --limit 30 --sort date migrants
tap $? "--sort date across remote shards"
same --show A/HRC/28/15
tap $? "--show (document order) across remote shards"
same --limit 0 --facets country,organization,affected,sdg ""
tap $? "facet counts over everything across remote shards"
hri-query -d shards --format json --limit 40 --facets country,theme migrants |
	jq -c '[.type, .id, .rank, .score, .weight, .counts]' >local
hri-query -d single --format json --limit 40 --facets country,theme migrants |
	jq -c '[.type, .id, .rank, .score, .weight, .counts]' >want
tap "$([ -s want ] && cmp -s want local; echo $?)" "the local shard set = one database"
hri-query -d shards/hash-0-of-2 -d shards/hash-1-of-2 --format json \
	--limit 40 --facets country,theme migrants |
	jq -c '[.type, .id, .rank, .score, .weight, .counts]' >local2
tap "$(cmp -s want local2; echo $?)" "-d repeated = one database"

# A server that drops its connections after 4 ms idle: a query fails in
# the middle, at any step. Every answer is then whole, or flagged partial
# (--partial), or an error naming the shard; never a broken hit.
serve_opts="--idle-timeout 4"
serve shards/hash-0-of-2; tap $? "a third server, with a short idle timeout"
serve_opts=""
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port" "$port1" >flaky.stub
i=0 bad=0 bad0=0
while [ "$i" -lt 6 ]; do
	timeout 20 hri-query -d flaky.stub --partial --format json --limit 5 \
		migrants >out 2>err
	rc=$?
	hits=$(grep -c '"type":"hit"' out)
	case $rc in
	0) [ "$hits" -eq 5 ] && ! grep -q '"partial"' out || bad=$((bad + 1)) ;;
	3) [ "$hits" -eq 5 ] && grep -q "\"missing\":\[\"127.0.0.1:$port\"\]" out ||
		bad=$((bad + 1)) ;;
	*) bad=$((bad + 1)) ;;
	esac
	grep -q "not JSON" err && bad=$((bad + 1))
	[ "$bad" -ne "$bad0" ] && { echo "# partial run: exit $rc, $hits hits:"; sed 's/^/#   /' err; grep -v '"hit"' out | sed 's/^/#   /'; }
	bad0=$bad
	timeout 20 hri-query -d flaky.stub --format json --limit 5 migrants >out 2>err
	rc=$?
	case $rc in
	0) [ "$(grep -c '"type":"hit"' out)" -eq 5 ] || bad=$((bad + 1)) ;;
	4) grep -q "remote shard 127.0.0.1:$port: " err || bad=$((bad + 1)) ;;
	*) bad=$((bad + 1)) ;;
	esac
	[ "$bad" -ne "$bad0" ] && { echo "# run: exit $rc:"; sed 's/^/#   /' err; }
	bad0=$bad
	i=$((i + 1))
done
is "$bad" 0 "a connection lost mid-query: whole, partial or a clear error"

# --partial in a batch: a shard lost between two queries is left out of the
# next answer, which says so (a partial record, exit 3 in its end record),
# and the batch goes on. The first query is answered before the kill.
mkfifo batch.in
timeout 30 hri-query -d remote.stub --partial --batch --format json \
	--limit 100 <batch.in >bout 2>berr &
bpid=$!
exec 3>batch.in
echo migrants >&3
i=0
while [ "$i" -lt 100 ] && ! grep -q '"type":"end"' bout; do
	sleep 0.1; i=$((i + 1))
done
kill "$pid0"
wait "$pid0" 2>/dev/null
echo migrants >&3
exec 3>&-
wait "$bpid"
is "$?" 3 "--batch --partial, a shard killed between queries: exit 3"
is "$(jq -c 'select(.type == "end") | .exit' bout | tr '\n' ' ')" "0 3 " \
	"the first answer whole, the second partial"
is "$(jq -c 'select(.type == "partial") | .missing' bout)" \
	"[\"127.0.0.1:$port0\"]" "the second answer names the missing shard"
is "$(grep -c 'did not answer' berr)" 1 "one warning"
hri-query -d shards/hash-1-of-2 --format json --limit 100 migrants |
	jq -r .id >want
awk '/"type":"end"/ { n++; next } n == 1' bout | jq -r 'select(.type == "hit") | .id' >got
tap "$([ -s want ] && cmp -s want got; echo $?)" \
	"the second answer holds the hits of the shard that answered"

# A shard server that is down.
timeout 20 hri-query -d remote.stub migrants >out 2>err
is "$?" 4 "a shard down: exit 4 within the timeout"
has "$(cat err)" "remote shard 127.0.0.1:$port0: connection refused" \
	"the error names the shard"
timeout 20 hri-query -d remote.stub --partial --format json --limit 100 \
	--facets year migrants >out 2>err
is "$?" 3 "--partial: exit 3"
is "$(jq -c 'select(.type == "partial") | .missing' out)" "[\"127.0.0.1:$port0\"]" \
	"a partial record names the missing shard"
has "$(cat err)" "127.0.0.1:$port0: did not answer" "and a warning"
hri-query -d shards/hash-1-of-2 --format json --limit 100 migrants |
	jq -r .id >want
jq -r 'select(.type == "hit") | .id' out >got
tap "$([ -s want ] && cmp -s want got; echo $?)" \
	"--partial gives the hits of the shard that answered"

# A server that accepts and never answers: the timeout ends the wait.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
print(s.getsockname()[1], flush=True)
c = [s.accept() for _ in range(2)]
time.sleep(30)' >mute.port 2>/dev/null &
pids="$pids $!"
i=0
while [ "$i" -lt 50 ] && [ ! -s mute.port ]; do sleep 0.1; i=$((i + 1)); done
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$(cat mute.port)" \
	"$port1" >mute.stub
timeout 20 hri-query -d mute.stub --timeout 1 migrants >out 2>err
is "$?" 4 "a shard that never answers: exit 4 after --timeout"
has "$(cat err)" "remote shard 127.0.0.1:$(cat mute.port):" "naming it"

# Xapian's stub syntax, and a clear error for another one.
printf 'remote tcp 127.0.0.1 %s\n' "$port1" >bad.stub
timeout 20 hri-query -d bad.stub migrants >out 2>err
is "$?" 4 "a stub line of another syntax: exit 4"
has "$(cat err)" "bad.stub:1: bad line" "naming the file and line"

# --merge joins the shards into one database that answers like the single.
hri-index --merge merged shards
is "$?" 0 "hri-index --merge DEST shards"
hri-query -d merged --format json --limit 40 --facets country,theme migrants |
	jq -c '[.type, .id, .rank, .score, .weight, .counts]' >got
hri-query -d single --format json --limit 40 --facets country,theme migrants |
	jq -c '[.type, .id, .rank, .score, .weight, .counts]' >want
tap "$(cmp -s want got; echo $?)" "the merged database = one database"
is "$(hri-index -d merged --stats --format json | jq .segments)" "$all" \
	"the merged database holds every segment"
status 4 "--merge onto an existing database fails" hri-index --merge merged shards

done_testing
