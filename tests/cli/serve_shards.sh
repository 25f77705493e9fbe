#!/bin/sh
# serve_shards.sh - hri-serve on a shard set (hri-index --shard hash:2): it
# answers as hri-query does, sees a commit to one shard without a restart,
# and sees a shard replaced under it by hri-index --compact (whose
# revisions start again, so reopen() alone would keep the old files).
. "$HRI_TOP/tests/cli/lib.sh"
need curl curl

hri-parse "$HRI_CORPUS/A_HRC_26_41.txt" "$HRI_CORPUS/A_HRC_31_81.md" \
	"$HRI_CORPUS/A_HRC_23_20.md" 2>/dev/null |
	hri-index -q --shard hash:2 -d set
is "$?" 0 "hri-parse | hri-index --shard hash:2"
trap 'kill $spid 2>/dev/null' EXIT INT TERM
serve_start set
has "$url" "http://127.0.0.1:" "hri-serve -d SET listens"
get() { curl -sS --max-time 60 "$url$1"; }
enc() { jq -rn --arg s "$1" '$s|@uri'; }

hri-query -d set --format json --limit 7 cooperation | jq -c .id >want
get "/api/search?q=cooperation&limit=7" | jq -c .id >got
tap "$([ -s want ] && cmp -s want got; echo $?)" "the set answers as hri-query"

# add N DB: one document A/HRC/98/N indexed into DB.
add() {
	printf '%s\n%s\n' \
		"{\"type\":\"doc\",\"symbol\":\"A/HRC/98/$1\",\"title\":\"Added $1\",\"body\":\"Human Rights Council\",\"lang\":\"en\"}" \
		"{\"type\":\"segment\",\"symbol\":\"A/HRC/98/$1\",\"id\":\"A/HRC/98/$1#1\",\"kind\":\"paragraph\",\"para\":1,\"text\":\"Commit $1 to a shard.\"}" |
		hri-index -q -d "$2"
}
found() {
	get "/api/search?q=$(enc "symbol:A/HRC/98/$1")&limit=1" | jq -r .symbol
}
# A worker indexes straight into its shard (hri-index --shard-of routes
# the documents), which leaves the set's stub file alone.
shard=$(hri-index --shard hash:2 --shard-of A/HRC/98/0 | jq -r .shard)
add 0 "set/$shard"
is "$(found 0)" "A/HRC/98/0" "a commit to a shard shows without a restart"

# Compact that shard, then commit to it until its revision is back where it
# was: the server must find the last document.
rev=$(xapian-delve "set/$shard" | sed -n 's/^revision = //p')
hri-index -q -d "set/$shard" --compact
is "$?" 0 "hri-index --compact on one shard of the set"
n=0
while [ $n -lt 30 ]; do
	n=$((n + 1))
	add $n "set/$shard"
	[ "$(xapian-delve "set/$shard" | sed -n 's/^revision = //p')" -ge "$rev" ] &&
		break
done
echo "# $shard: revision $rev before --compact, again after $n commits"
is "$(found "$n")" "A/HRC/98/$n" \
	"after --compact of a shard and commits, the server finds the last one"
is "$(found 0)" "A/HRC/98/0" "and what the shard held before"

kill -TERM $spid
wait $spid
is "$?" 0 "SIGTERM stops it, exit 0"
done_testing
