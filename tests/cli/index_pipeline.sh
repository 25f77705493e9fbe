#!/bin/sh
# index_pipeline.sh - the real pipeline: hri-parse of a UPR report (PDF) and
# an Advisory Committee report (text) into hri-index, then hri-query on what
# the parser annotated.
. "$HRI_TOP/tests/cli/lib.sh"

hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" "$HRI_CORPUS/A_HRC_26_41.txt" 2>/dev/null |
	hri-index -d db 2>err
is "$?" 0 "hri-parse | hri-index"
has "$(cat err)" "2 documents," "two documents indexed"
is "$(hri-index -d db --stats --format json | jq .documents)" 2 "--stats agrees"

is "$(hri-query -d db --show 'A/HRC/28/15#115.3' | jq -r '.recommending|join(",")')" \
	"Portugal,Slovakia" "recommendation 115.3 with its recommending States"
has "$(hri-query -d db --limit 20 'recommending:portugal' | jq -r .id | tr '\n' ' ')" \
	"A/HRC/28/15#115.3 " "recommending: finds it"
is "$(hri-query -d db --show 'A/HRC/26/41#45(e)' | jq -r .id)" "A/HRC/26/41#45(e)" \
	"--show an item by its id"
tap "$([ "$(hri-query -d db --show 'A/HRC/26/41#45' | wc -l)" -gt 10 ]; echo $?)" \
	"--show a paragraph gives its items too"
is "$(hri-query -d db --limit 1 'South-South cooperation' | jq -r .symbol)" "A/HRC/26/41" \
	"free text over the parsed paragraphs"
is "$(hri-query -d db --limit 0 --facets kind '' | jq -r '.counts.recommendation > 100')" true \
	"the recommendations of A/HRC/28/15 are a facet value"
is "$(hri-query -d db --limit 100 'cites:A/HRC/19/74' | jq -r .symbol | sort -u)" "A/HRC/26/41" \
	"cites: on the parser's citations"

# Indexing the same documents again replaces them.
before=$(hri-index -d db --stats --format json | jq .segments)
hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" 2>/dev/null | hri-index -q -d db
is "$(hri-index -d db --stats --format json | jq .segments)" "$before" \
	"re-indexing a parsed document replaces its segments"

done_testing
