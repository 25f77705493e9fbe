#!/bin/sh
# index_jobs.sh - hri-index --jobs N (worker processes, one hash shard each,
# merged at the end) builds a database that answers as one process does on
# the bundled corpus: the same hits in the same order with the same weights,
# facet counts, --show, spelling suggestion, UPR positions (also those of a
# response split between shards); an existing database is indexed in place
# by one process; a worker killed mid-run leaves nothing written.
. "$HRI_TOP/tests/cli/lib.sh"

hri-parse "$HRI_CORPUS"/* >recs.jsonl 2>/dev/null
# A copy of the UPR report A/HRC/28/15 as A/HRC/28/1015, in the other hash
# shard of two, and the response's positions on it too: the response's list
# of positions is then split between the shards.
is "$(hri-index --shard hash:2 --shard-of A/HRC/28/15 A/HRC/28/1015 |
	jq -r .n | tr '\n' ' ')" "0 1 " "the report and its copy hash apart"
jq -c 'select(.symbol == "A/HRC/28/15") |
	.symbol = "A/HRC/28/1015" |
	if .id then .id |= sub("^A/HRC/28/15#"; "A/HRC/28/1015#") else . end' \
	recs.jsonl >copy.jsonl
cat copy.jsonl >>recs.jsonl
tap "$(grep -q '"type":"position".*"source":"A/HRC/28/15/Add.1"' copy.jsonl; echo $?)" \
	"the copy has positions from the response"

hri-index -q -j 1 -d one recs.jsonl
is "$?" 3 "one process (a corpus document fails to parse: exit 3)"
hri-index -v -j 2 -d two recs.jsonl 2>two.err
is "$?" 3 "--jobs 2, the same exit status"
has "$(cat two.err)" "with 2 jobs" "two workers did it"
is "$(ls -d two.jobs.* 2>/dev/null)" "" "and left no temporary directory"
is "$(hri-index -d two --stats --format json | jq -c '[.documents,.segments,.terms,.postings]')" \
	"$(hri-index -d one --stats --format json | jq -c '[.documents,.segments,.terms,.postings]')" \
	"the same documents, segments, terms and postings"

# Every answer, byte for byte (ids, ranks, weights, stored fields, counts).
answers() {
	for q in 'cooperation' '"human rights defenders"' 'right to development' \
		'kind:recommendation position:noted' 'country:Slovenia torture' \
		'year:2013..2016 women' 'title:council' ''; do
		hri-query -d "$1" --format json --limit 40 \
			--facets country,theme,position,kind,year,symbol -- "$q"
	done
	hri-query -d "$1" --format json --sort date --limit 20 education
	hri-query -d "$1" --format json --show A/HRC/28/1015
	hri-query -d "$1" --format json --show 'A/HRC/26/41#45'
	hri-query -d "$1" --format json 'developmnt cooperatoin' 2>&1
	printf '%s\n' cooperation 'country:Slovenia' | hri-query -d "$1" --batch \
		--facets position
}
answers one >one.out 2>&1
answers two >two.out 2>&1
has "$(cat one.out)" "did you mean: development cooperation" \
	"the answers hold a spelling suggestion"
tap "$([ "$(wc -l <one.out)" -gt 300 ] && cmp -s one.out two.out; echo $?)" \
	"--jobs 2 answers every query as one process"
positions() {
	hri-query -d "$1" --limit 0 --facets position,symbol \
		kind:recommendation position:supported | jq -c .counts
}
has "$(positions one)" '"A/HRC/28/1015":' "the copy's recommendations have positions"
is "$(positions two)" "$(positions one)" "the same positions in both"
hri-index -q -d one --delete A/HRC/28/15/Add.1
hri-index -q -d two --delete A/HRC/28/15/Add.1
is "$(positions two)" "$(positions one)" \
	"--delete of the response takes back its positions in both shards' reports"

# An existing database: indexed in place by one process, the same answers.
hri-index -j 2 -d two "$HRI_CORPUS/../tests/data/fixture-segments.jsonl" 2>in.err
is "$?" 0 "--jobs 2 into an existing database"
has "$(cat in.err)" "indexed in place by one process" "says it is one process"
hri-index -q -d one "$HRI_CORPUS/../tests/data/fixture-segments.jsonl"
answers one >one.out 2>&1
answers two >two.out 2>&1
tap "$(cmp -s one.out two.out; echo $?)" "and answers as one process after it"

# A worker killed mid-run: nothing written, exit 4, a message naming it.
mkfifo in
hri-index -q -j 2 -d killed <in 2>killed.err &
pid=$!
exec 3>in
head -n 1000 recs.jsonl >&3
n=0
while [ "$n" -lt 100 ] && [ "$(pgrep -P "$pid" | wc -l)" -lt 2 ]; do
	sleep 0.1
	n=$((n + 1))
done
victim=$(pgrep -P "$pid" | head -n 1)
tap "$([ -n "$victim" ]; echo $?)" "two workers running"
kill -KILL "$victim"
tail -n +1001 recs.jsonl >&3
exec 3>&-
wait "$pid"
is "$?" 4 "a worker killed: exit 4"
has "$(cat killed.err)" "nothing written" "says nothing was written"
has "$(cat killed.err)" "worker" "and names the worker"
tap "$([ ! -e killed ]; echo $?)" "the database is not created"
is "$(ls -d killed.jobs.* 2>/dev/null)" "" "nor a temporary directory left"

status 2 "--jobs 0" hri-index -j 0 -d x recs.jsonl
status 2 "--jobs with --shard" hri-index -j 2 --shard hash:2 -d s recs.jsonl
status 2 "--jobs with --commit-every" hri-index -j 2 --commit-every 5 -d c recs.jsonl

done_testing
