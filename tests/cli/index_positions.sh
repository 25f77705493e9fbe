#!/bin/sh
# index_positions.sh - the State's positions on its UPR recommendations, from
# its own response (A/HRC/28/15/Add.1), through the real pipeline: hri-parse
# writes position records, hri-index applies them whichever of the report and
# the response comes first, hri-query counts them; every one agrees with
# OHCHR's thematic list of the same recommendations (the bundled DOCX).
. "$HRI_TOP/tests/cli/lib.sh"
need unzip unzip
report="$HRI_CORPUS/A_HRC_28_15.pdf"
response="$HRI_CORPUS/A_HRC_28_15_Add.1.pdf"

# What OHCHR says, per recommendation: "115.3 supported", from the DOCX's
# own XML (a label opens a paragraph, its position is a later paragraph).
unzip -p "$HRI_TOP/tests/data/UPR20_Slovenia_thematic_list_of_recommendations.docx" \
	word/document.xml | sed -e 's/<\/w:p>/\n/g; s/<[^>]*>//g' |
	awk '/^115\.[0-9]+ /{l=$1} /^(Supported|Noted)$/{if(l)print l, tolower($0); l=""}' |
	sort -u >ohchr.txt
is "$(wc -l <ohchr.txt | tr -d ' ')" 163 "OHCHR's list gives 163 positions"
is "$(cut -d' ' -f2 ohchr.txt | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
	" 21 noted; 142 supported;" "OHCHR: 142 supported, 21 noted"

# hri-parse on the response alone
hri-parse -q "$response" >resp.jsonl
is "$?" 0 "hri-parse reads the response"
jq -r 'select(.type=="position") | "\(.label) \(.position)"' resp.jsonl |
	sort >parsed.txt
is "$(wc -l <parsed.txt | tr -d ' ')" 163 "163 position records"
is "$(cut -d' ' -f1 parsed.txt | sort | uniq -d | wc -l | tr -d ' ')" 0 \
	"each recommendation settled once"
is "$(diff ohchr.txt parsed.txt >parsed.diff; echo $?)" 0 \
	"every position agrees with OHCHR's list"
is "$(jq -r 'select(.type=="position" and .label=="115.151") |
	[.symbol, .id, .position, .source, .source_para] | @tsv' resp.jsonl)" \
	"$(printf 'A/HRC/28/15\tA/HRC/28/15#115.151\tsupported\tA/HRC/28/15/Add.1\t4')" \
	"a record of a range written \"150 – 152\""
is "$(jq -r 'select(.type=="position") | .symbol' resp.jsonl | sort -u)" \
	"A/HRC/28/15" "position records name the report"
is "$(jq -r '.type' resp.jsonl | uniq | tr '\n' ' ')" "doc segment position " \
	"position records come after the response's segments"
is "$(hri-parse -q "$report" | jq -r 'select(.type=="position")' | wc -l | tr -d ' ')" \
	0 "the report itself gives no position records"

# Counts of positions over the report in a database, and agreement with
# OHCHR recommendation by recommendation.
check() {
	db=$1 how=$2
	is "$(hri-query -d "$db" --limit 0 --facets position 'symbol:A/HRC/28/15' |
		jq -c .counts)" '{"supported":142,"noted":21}' "$how: 142 supported, 21 noted"
	is "$(hri-query -d "$db" --limit 500 'position:noted symbol:A/HRC/28/15' |
		wc -l | tr -d ' ')" 21 "$how: position:noted gives the 21 noted"
	hri-query -d "$db" --limit 500 --format json 'kind:recommendation symbol:A/HRC/28/15' |
		jq -r '"\(.label) \(.position)"' | sort >"$db.txt"
	is "$(diff ohchr.txt "$db.txt" >/dev/null; echo $?)" 0 \
		"$how: every recommendation's position agrees with OHCHR's list"
	is "$(hri-query -d "$db" --limit 0 --facets position 'symbol:A/HRC/28/15/Add.1' |
		jq -c .counts)" '{}' "$how: the response's own paragraphs get no position"
}

# report first, then the response, in one run
hri-parse -q "$report" "$response" | hri-index -q -d db1
is "$?" 0 "hri-index: report, then response, one run"
check db1 "report first"

# the response first, in a run of its own; then the report
hri-parse -q "$response" | hri-index -q -d db2
is "$?" 0 "hri-index: the response alone"
is "$(hri-query -d db2 --limit 0 --facets position '' | jq -c .counts)" '{}' \
	"positions kept, nothing to show yet"
hri-parse -q "$report" | hri-index -q -d db2
is "$?" 0 "hri-index: the report, later"
check db2 "response first"

# the report indexed anew keeps its positions
hri-parse -q "$report" | hri-index -q -d db2
check db2 "report indexed again"

# deleting the response takes back the positions it gave
pos() { hri-query -d "$1" --limit 0 --facets position '' | jq -c .counts; }
hri-index -d db2 --delete a/hrc/28/15/add.1 2>del.err
is "$?" 0 "--delete of the response: exit 0"
has "$(cat del.err)" "163 positions it gave taken back" "--delete says the positions went"
is "$(pos db2)" '{}' "after --delete of the response: no recommendation has a position"
is "$(hri-query -d db2 --format json --limit 200 'symbol:A/HRC/28/15' kind:recommendation | jq -r .position_source | sort -u)" \
	"null" "and the stored records lost position and position_source"
is "$(hri-query -d db2 --limit 0 --facets kind 'symbol:A/HRC/28/15' kind:recommendation | jq -c .counts)" \
	'{"recommendation":163}' "the report's recommendations stay"
hri-parse -q "$report" | hri-index -q -d db2
is "$(pos db2)" '{}' "the report indexed again finds no position kept"

# a response indexed again gives its positions anew: one that no longer
# gives a position takes back those it gave before
hri-index -q -d db2 resp.jsonl
check db2 "the response indexed again"
jq -c 'select(.type != "position" or .position == "supported")' resp.jsonl >resp-supported.jsonl
hri-index -q -d db2 resp-supported.jsonl
is "$(pos db2)" '{"supported":142}' "a changed response: the positions it dropped are gone"

# position records alone are work done, not "nothing"
jq -c 'select(.type=="position")' resp.jsonl >positions.jsonl
hri-index -q -d db3 positions.jsonl
is "$?" 0 "position records alone: exit 0"
# a bad position record fails, the rest go in
printf '%s\n' '{"type":"position","id":"A/HRC/28/15#115.1","position":"maybe"}' >bad.jsonl
hri-index -q -d db3 bad.jsonl positions.jsonl 2>err.txt
is "$?" 3 "a bad position record: exit 3"
has "$(cat err.txt)" "neither supported nor noted" "says what is wrong"

done_testing
