#!/bin/sh
# query_batch.sh - hri-query --batch: many queries in one process, one a
# line of standard input, each answered exactly as a run of its own would
# answer it, closed by an "end" record; bad lines are reported and skipped.
. "$HRI_TOP/tests/cli/lib.sh"
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
hri-index -q -d db "$fx"
is "$?" 0 "indexes the fixture"

cat >queries <<'Q'
South-South cooperation
country:Mexico
"human rights defenders"
zzzqqq
cooperaton
Q
hri-query -d db --batch --facets country,theme --limit 3 <queries >batch.out
is "$?" 0 "--batch: every query ran, exit 0 (some found nothing)"
is "$(jq -c . batch.out >/dev/null 2>&1; echo $?)" 0 "every line is JSON"
is "$(jq -r 'select(.type == "end") | .query' batch.out | tr '\n' '|')" \
	'South-South cooperation|country:Mexico|"human rights defenders"|zzzqqq|cooperaton|' \
	"one end record per query, in input order, naming it"
is "$(jq -r 'select(.type == "end") | .exit' batch.out | tr '\n' ' ')" \
	"0 0 0 1 1 " "each end record carries the exit status of that query"

# Each answer is byte for byte what a process of its own prints.
: >single.out
while IFS= read -r q; do
	hri-query -d db --format json --facets country,theme --limit 3 -- "$q" \
		>>single.out 2>/dev/null
done <queries
grep -v '"type":"end"' batch.out >batch.answers
is "$(cmp batch.answers single.out >/dev/null 2>&1; echo $?)" 0 \
	"the answers are those of one process per query"
has "$(cat batch.out)" '{"type":"suggestion","query":"cooperaton","did_you_mean":"cooperation"}' \
	"a query that finds nothing still gets its suggestion"

# A query that does not parse: reported with its line, the batch goes on,
# exit 3 at the end.
printf 'cooperation AND (\nSouth-South cooperation\n' |
	hri-query -d db --batch --limit 1 >bad.out 2>bad.err
is "$?" 3 "a bad query line: exit 3"
has "$(cat bad.err)" "<stdin>:1: cannot parse the query" "the error names the line"
is "$(jq -r 'select(.type == "end") | "\(.exit) \(.query)"' bad.out | tr '\n' '|')" \
	"2 cooperation AND (|0 South-South cooperation|" \
	"the bad query gets an end record with exit 2, the next one its answer"

# Blank and "#" lines are skipped; nothing that matches gives exit 1.
printf '\n# a comment\nzzzqqq\n' | hri-query -d db --batch >none.out
is "$?" 1 "only queries that match nothing: exit 1"
is "$(grep -c '"type":"end"' none.out)" 1 "blank and # lines are no queries"

# Usage errors.
status 2 "--batch with a QUERY argument" hri-query -d db --batch water </dev/null
status 2 "--batch with --format text" hri-query -d db --batch --format text </dev/null
status 2 "--batch with --show" hri-query -d db --batch --show A/HRC/26/41 </dev/null
status 4 "--batch on a missing database" hri-query -d nodb --batch </dev/null

# The database may change under a running batch: each query sees the latest
# commit.
mkfifo in
hri-query -d db --batch --limit 0 <in >live.out &
pid=$!
exec 3>in
echo 'symbol:"X/BATCH/1"' >&3
sleep 1
printf '%s\n' '{"type":"doc","symbol":"X/BATCH/1","title":"t"}' \
	'{"type":"segment","symbol":"X/BATCH/1","id":"X/BATCH/1#1","kind":"paragraph","para":1,"text":"water"}' |
	hri-index -q -d db
echo 'symbol:"X/BATCH/1"' >&3
exec 3>&-
wait "$pid"
is "$?" 0 "the batch ends when its input does"
is "$(jq -r 'select(.type == "end") | .exit' live.out | tr '\n' ' ')" "1 0 " \
	"a document indexed during the batch is found by the next query"

done_testing
