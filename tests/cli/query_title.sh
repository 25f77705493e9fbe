#!/bin/sh
# query_title.sh - title: finds every segment of a document whose title
# matches, though the title's words are indexed on the document's first
# segment only: a late paragraph, a document indexed again under another
# title, a shard set and --batch. (A database indexed with the title on
# every segment: tests/unit/test_xapian.c.)
. "$HRI_TOP/tests/cli/lib.sh"
need xapian-delve xapian-tools
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
hri-index -q -d db "$fx"
is "$?" 0 "indexes the fixture"

# The layout: the title's words are on one segment of the document.
is "$(xapian-delve -t Sseminar db | grep -o 'termfreq [0-9]*')" "termfreq 1" \
	"the title's words are on one segment of A/HRC/23/20"

# ids SYMBOL: every segment id of SYMBOL in the fixture, sorted.
ids() {
	jq -r --arg s "$1" 'select(.type == "segment" and .symbol == $s) | .id' \
		"$fx" | sort
}
all=$(ids A/HRC/23/20)
n=$(printf '%s\n' "$all" | wc -l)
is "$(hri-query -d db --limit 500 title:seminar | jq -r .id | sort)" "$all" \
	"title:seminar: every segment of A/HRC/23/20 ($n)"
last=$(jq -r 'select(.type == "segment" and .symbol == "A/HRC/23/20" and
	.para != null) | .para' "$fx" | sort -n | tail -1)
lastid=$(jq -r --argjson p "$last" 'select(.type == "segment" and
	.symbol == "A/HRC/23/20" and .para == $p) | .id' "$fx" | sort)
is "$(hri-query -d db --limit 50 \
	"title:\"enhancement of international cooperation\" para:$last symbol:A/HRC/23/20" |
	jq -r .id | sort)" "$lastid" \
	"a phrase of the title finds the last paragraph ($last)"
is "$(hri-query -d db --limit 500 'title:semin*' | jq -r .id | sort)" "$all" \
	"a wildcard in the title too"
is "$(hri-query -d db --limit 500 "title:seminar para:$last" | jq -r .id |
	sort)" "$lastid" "title: ANDed with a filter"
status 1 "nothing once its document is taken out" \
	hri-query -d db 'title:seminar -symbol:A/HRC/23/20'

# The document indexed again under another title: the old title finds
# nothing of it, the new one every segment.
jq -c 'select(.symbol == "A/HRC/23/20") |
	if .type == "doc" then .title = "Workshop on solidarity" else . end' \
	"$fx" >again.jsonl
hri-index -q -d db again.jsonl
is "$?" 0 "indexes A/HRC/23/20 again under another title"
status 1 "the old title finds nothing" hri-query -d db title:seminar
is "$(hri-query -d db --limit 500 title:workshop | jq -r .id | sort)" "$all" \
	"the new title finds every segment"
is "$(hri-query -d db --limit 50 "title:\"workshop on solidarity\" para:$last" |
	jq -r .id | sort)" "$lastid" "and its last paragraph"

# A shard set, one process and --batch answer alike: hits, order, score,
# weight and facet counts.
hri-index -q -d one "$fx"
hri-index -q --shard hash:2 -d set "$fx"
is "$?" 0 "a hash set of two shards"
keep='[.type, .id, .rank, .score, .weight, .field, .counts]'
for q in title:seminar 'title:"human rights" cooperation' 'title:coop*' \
	'solidarity title:report' 'title:secretary-general -kind:footnote'; do
	hri-query -d one --limit 300 --facets symbol "$q" | jq -c "$keep" >want
	hri-query -d set --limit 300 --facets symbol "$q" | jq -c "$keep" >got
	tap "$([ -s want ] && cmp -s want got; echo $?)" "shard set = one database: $q"
	printf '%s\n' "$q" | hri-query -d one --batch --limit 300 --facets symbol |
		jq -c "select(.type != \"end\") | $keep" >got
	tap "$(cmp -s want got; echo $?)" "--batch = one query: $q"
done

done_testing
