#!/bin/sh
# query_review.sh - the State under review and the UPR cycle, from the two
# bundled reviews of Slovenia (first cycle A/HRC/14/15, second A/HRC/28/15,
# with its addendum) to the query language: review: and cycle: as filters
# and facets, States typed in any form the States table knows.
. "$HRI_TOP/tests/cli/lib.sh"
hri-parse -q "$HRI_CORPUS/A_HRC_14_15.pdf" "$HRI_CORPUS/A_HRC_28_15.pdf" \
	"$HRI_CORPUS/A_HRC_28_15_Add.1.pdf" "$HRI_CORPUS/A_HRC_26_41.txt" >recs.jsonl
is "$?" 0 "hri-parse of two UPR reports, a response and a report"
is "$(jq -r 'select(.type=="doc") | [.symbol, .doctype, .state_under_review, .cycle] | @tsv' recs.jsonl)" \
	"$(printf 'A/HRC/14/15\tupr-report\tSlovenia\t1\nA/HRC/28/15\tupr-report\tSlovenia\t2\nA/HRC/28/15/Add.1\tupr-response\tSlovenia\t2\nA/HRC/26/41\treport\t\t')" \
	"doctype, State under review and cycle on the doc records"
is "$(jq -r 'select(.type=="segment" and .symbol=="A/HRC/28/15") | .state_under_review' recs.jsonl | sort -u)" \
	"Slovenia" "the State under review on every segment of the report"
is "$(jq -r 'select(.type=="segment" and .symbol=="A/HRC/26/41") | .state_under_review' recs.jsonl | sort -u)" \
	"null" "and on none of another report"
hri-index -q -d db recs.jsonl
is "$?" 0 "indexed"

n=$(hri-query -d db --limit 0 --facets kind 'review:Slovenia' | jq '[.counts[]] | add')
is "$(hri-query -d db --limit 0 --facets kind 'symbol:A/HRC/14/15 OR symbol:A/HRC/28/15 OR symbol:A/HRC/28/15/Add.1' | jq '[.counts[]] | add')" \
	"$n" "review:Slovenia finds every segment of the three documents"
is "$(hri-query -d db --limit 0 --facets review 'kind:recommendation' | jq -c .counts)" \
	'{"Slovenia":260}' "review is a facet (97 + 163 recommendations)"
is "$(hri-query -d db --limit 0 --facets cycle 'kind:recommendation' | jq -c .counts)" \
	'{"2":163,"1":97}' "cycle is a facet"
is "$(hri-query -d db --limit 1000 'cycle:1 kind:recommendation' | jq -r .symbol | sort -u)" \
	"A/HRC/14/15" "cycle:1 is the first review"
is "$(hri-query -d db --limit 1000 'review:"Republic of Slovenia" cycle:2 kind:recommendation' | wc -l | tr -d ' ')" \
	163 "review: takes another form of the name"
is "$(hri-query -d db --limit 1000 'recommending:USA cycle:2' | jq -r .label | tr '\n' ' ')" \
	"$(hri-query -d db --limit 1000 'recommending:"United States of America" cycle:2' | jq -r .label | tr '\n' ' ')" \
	"recommending:USA is recommending:\"United States of America\""
has "$(hri-query -d db --limit 1000 'recommending:Turkey' | jq -r .recommending[])" \
	"Türkiye" "a former name finds the UN short name the records hold"
status 1 "review: of another State finds nothing" hri-query -d db 'review:France'
is "$(hri-query -d db --limit 1000 'doctype:upr-response' | jq -r .symbol | sort -u)" \
	"A/HRC/28/15/Add.1" "doctype:upr-response is the addendum"

# without the States table hri-parse stops at once, naming it
mkdir nodata
HRI_DATA=$PWD/nodata hri-parse -q --no-extract "$HRI_CORPUS/A_HRC_28_15.pdf" \
	>out.jsonl 2>err.txt
is "$?" 4 "no States table: exit 4, fatal"
has "$(cat err.txt)" "nodata/countries.tsv" "the message names the table"

done_testing
