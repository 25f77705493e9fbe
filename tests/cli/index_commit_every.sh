#!/bin/sh
# index_commit_every.sh - hri-index --commit-every N: the same database as one
# transaction, documents never split between commits, and a run killed
# midway keeps the documents it committed.
. "$HRI_TOP/tests/cli/lib.sh"
fx=$HRI_TOP/tests/data/fixture-segments.jsonl

hri-index -q -d one "$fx"
is "$?" 0 "one transaction"
hri-index -v --commit-every 10 -d every "$fx" 2>every.err
is "$?" 0 "--commit-every 10"
is "$(grep -c 'committed after' every.err)" 3 \
	"a commit before each of the three later documents, none inside one"
is "$(hri-index -d every --stats --format json | jq -c '[.documents,.segments,.terms,.postings]')" \
	"$(hri-index -d one --stats --format json | jq -c '[.documents,.segments,.terms,.postings]')" \
	"the same documents, segments, terms and postings"
for q in 'South-South cooperation' 'country:Mexico' '"human rights defenders"'; do
	hri-query -d one --format json --facets country,theme,sdg -- "$q" >a.out
	hri-query -d every --format json --facets country,theme,sdg -- "$q" >b.out
	is "$(cmp a.out b.out >/dev/null 2>&1; echo $?)" 0 "the same answers to $q"
done

# Killed after a commit: the documents before it stay, the one being
# indexed is not there. The first document goes in, the second document's
# record makes the commit, the run is killed before its end.
jq -c 'select(.symbol == "A/HRC/26/41")' "$fx" >first.jsonl
jq -c 'select(.symbol == "A/74/35")' "$fx" >second.jsonl
mkfifo in
hri-index -q --commit-every 1 -d killed <in &
pid=$!
exec 3>in
cat first.jsonl second.jsonl >&3
n=0
while [ "$n" -lt 100 ]; do
	got=$(hri-query -d killed --format json --limit 0 --facets symbol 2>/dev/null |
		jq -r '.counts["A/HRC/26/41"] // 0')
	[ "${got:-0}" -gt 0 ] && break
	sleep 0.1
	n=$((n + 1))
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
exec 3>&-
is "$(hri-query -d killed --format json --limit 0 --facets symbol '' | jq -c .counts)" \
	"{\"A/HRC/26/41\":$(wc -l <first.jsonl | awk '{print $1 - 1}')}" \
	"killed: the committed document whole, nothing of the next"

status 2 "--commit-every 0" hri-index --commit-every 0 -d x "$fx"
status 2 "--commit-every not a number" hri-index --commit-every ten -d x "$fx"
status 2 "--commit-every with --stats" hri-index --commit-every 5 -d one --stats
status 2 "--commit-every with --shard" hri-index --commit-every 5 --shard hash:2 -d s "$fx"

done_testing
