#!/bin/sh
# shard_positions.sh - the positions a State's UPR response gives (position
# records of hri-parse) reach the recommendations of the report in a shard
# set as in one database, in either order: a hash set sends them to the
# report's shard, a session set to every shard. Skips while hri-parse
# writes no position records.
. "$HRI_TOP/tests/cli/lib.sh"

hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" "$HRI_CORPUS/A_HRC_28_15_Add.1.pdf" \
	"$HRI_CORPUS/A_HRC_26_41.txt" >recs.jsonl 2>/dev/null
if ! grep -q '"type":"position"' recs.jsonl; then
	echo "ok 1 # SKIP hri-parse writes no position records here"
	echo "1..1"
	exit 0
fi
jq -c 'select(.type == "position")' recs.jsonl >pos.jsonl
jq -c 'select(.type != "position")' recs.jsonl >rest.jsonl

hri-index -q -d single recs.jsonl
want=$(hri-query -d single --limit 0 --facets position kind:recommendation |
	jq -c .counts)
has "$want" '"noted"' "one database: the response's positions"
for key in hash:4 session year; do
	d=$(echo "$key" | tr -d :)
	hri-index -q --shard "$key" -d "$d" recs.jsonl
	is "$(hri-query -d "$d" --limit 0 --facets position kind:recommendation |
		jq -c .counts)" "$want" "--shard $key: the same positions"
done
for d in hash4 session year; do
	hri-index -q -d "$d" --delete A/HRC/28/15/Add.1
	is "$(hri-query -d "$d" --limit 0 --facets position kind:recommendation |
		jq -c .counts)" '{}' "$d set: --delete of the response takes its positions back"
done
hri-index -q --shard hash:4 -d late pos.jsonl
hri-index -q --shard hash:4 -d late rest.jsonl
is "$(hri-query -d late --limit 0 --facets position kind:recommendation |
	jq -c .counts)" "$want" "--shard hash:4, the positions before the report"
hri-index -q --shard session -d nowhere pos.jsonl 2>err
is "$?" 3 "a session set with no shard yet refuses position records"
has "$(cat err)" "no shard yet (index the report first)" "and says why"

done_testing
