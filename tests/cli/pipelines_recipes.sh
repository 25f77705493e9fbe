# pipelines_recipes.sh - the research recipes of pipelines/ on the bundled
# corpus, indexed here with hri-fetch | hri-parse | hri-index; every figure
# they print is checked against one computed with jq from hri-parse's own
# records.
. "$HRI_TOP/tests/cli/lib.sh"
need dot graphviz

p=$HRI_TOP/pipelines
valgrind_off
tail -n +2 "$HRI_CORPUS/MANIFEST.tsv" | cut -f1 |
	hri-fetch -q --source "$HRI_CORPUS" -F any | hri-parse -q | tee parsed.jsonl | hri-index -q
is "$?" 0 "the corpus is indexed"
valgrind_on
segs() { jq -c 'select(.type == "segment")' parsed.jsonl; }

# recommendations-by-state: the counts per State of A/HRC/28/15 on a theme,
# asked by the theme's older name (labels.tsv), the records holding its
# current one.
theme="Ratification of & accession to international instruments"
"$p/recommendations-by-state" -c -q symbol:A/HRC/28/15 "Acceptance of international norms" >rbs.csv
is "$?" 0 "recommendations-by-state exits 0"
want=$(segs | jq -s -r --arg t "$theme" '[.[] | select(.symbol == "A/HRC/28/15" and
		.kind == "recommendation" and (.themes | index($t))) | .recommending[]]
	| group_by(.) | map([.[0], length]) | sort_by(-.[1], .[0]) | .[] | @csv')
is "$(tail -n +2 rbs.csv)" "$want" "counts per State equal those of hri-parse's records"
france=$(segs | jq -s --arg t "$theme" '[.[] | select(.symbol == "A/HRC/28/15" and
	.kind == "recommendation" and (.themes | index($t)) and (.recommending | index("France")))] | length')
tap "$([ "$france" -gt 0 ]; echo $?)" "France made recommendations on the theme ($france)"
has "$(cat rbs.csv)" "\"France\",$france" "France with its count"
is "$(head -1 rbs.csv)" "state,recommendations" "CSV header"

# The rows: one per State and recommendation, over the whole corpus.
"$p/recommendations-by-state" "$theme" >rows.csv
n=$(segs | jq -s --arg t "$theme" '[.[] | select(.kind == "recommendation" and
	(.themes | index($t))) | .recommending[]?] | length')
is "$(($(wc -l <rows.csv) - 1))" "$n" "one row per State and recommendation in the corpus ($n)"
is "$(tail -n +2 rows.csv | jq -R -r 'select(startswith("\"France\",")) | split(",")[2]' | sort | tr '\n' ' ')" \
	"$(segs | jq -r --arg t "$theme" 'select(.kind == "recommendation" and (.themes | index($t))
		and (.recommending | index("France"))) | "\"" + .id + "\""' | sort | tr '\n' ' ')" \
	"France's rows are its recommendations on the theme"
"$p/recommendations-by-state" -c "No such theme" >none.csv
is "$?" 1 "a theme without recommendations exits 1"
is "$(cat none.csv)" "state,recommendations" "and prints the header only"

# citing: paragraphs citing resolution 13/23.
"$p/citing" 13/23 >citing.csv
is "$?" 0 "citing 13/23 exits 0"
has "$(cat citing.csv)" '"A/HRC/26/41","A/HRC/26/41#1",1,' "A/HRC/26/41 para. 1 cites resolution 13/23"
is "$(($(wc -l <citing.csv) - 1))" \
	"$(segs | jq -s '[.[] | select(any(.instruments[]?; .kind == "resolution" and .number == "13/23"))] | length')" \
	"as many paragraphs as hri-parse annotated with resolution 13/23"
"$p/citing" -f text A/HRC/RES/13/23 >citing.txt
is "$(head -1 citing.txt)" "A/HRC/26/41#1" "text format: the paragraph id first"
has "$(sed -n 2p citing.txt)" "In its resolution 13/23" "then its text"
"$p/citing" A/HRC/19/74 >cit1974.csv
is "$(($(wc -l <cit1974.csv) - 1))" \
	"$(segs | jq -s '[.[] | select(any(.cites[]?; .symbol == "A/HRC/19/74"))] | length')" \
	"citing a symbol: the paragraphs whose cites hold it"
"$p/citing" 99/99 >/dev/null
is "$?" 1 "citing a resolution nobody cites exits 1"

# citation-network: the DOT graph of a set.
"$p/citation-network" A/HRC/26/41 >net.dot
is "$?" 0 "citation-network exits 0"
is "$(head -1 net.dot) $(tail -1 net.dot)" "digraph citations { }" "a DOT digraph"
c=$(segs | jq -s '[.[] | select(.symbol == "A/HRC/26/41" and any(.cites[]?; .symbol == "A/HRC/19/74"))] | length')
has "$(cat net.dot)" "\"A/HRC/26/41\" -> \"A/HRC/19/74\" [label=$c];" "26/41 cites 19/74 in $c paragraphs"
has "$(cat net.dot)" '"A/HRC/26/41" [shape=box];' "the set's document is a box"
has "$(cat net.dot)" '"A/HRC/19/74" [shape=ellipse, style=dashed];' "a document not in the index is dashed"
is "$(grep -c -- '->' net.dot)" \
	"$(segs | jq -s '[.[] | select(.symbol == "A/HRC/26/41") | .cites[]?.symbol] | unique | length')" \
	"one edge per document cited"
"$p/citation-network" -i A/HRC/23/20 >in.dot
c=$(segs | jq -s '[.[] | select(.symbol == "A/HRC/31/81" and any(.cites[]?; .symbol == "A/HRC/23/20"))] | length')
has "$(cat in.dot)" "\"A/HRC/31/81\" -> \"A/HRC/23/20\" [label=$c];" "-i: who cites the set"
printf 'A/HRC/26/41\nA/HRC/23/20\n' | "$p/citation-network" -o >only.dot
is "$(grep -- '->' only.dot)" "	\"A/HRC/26/41\" -> \"A/HRC/23/20\" [label=3];" \
	"-o, symbols on stdin: only the edges inside the set"
dot -Tsvg in.dot >in.svg
tap $? "Graphviz reads the graph"
has "$(cat in.svg)" "A/HRC/31/81" "and draws it, with the citing document"

# session-diff: what the last ingest-session run added, then changed.
mirror=$HRI_WORK/mirror
mkdir -p "$mirror"
cp "$HRI_CORPUS/A_HRC_28_15.pdf" "$HRI_CORPUS/A_HRC_28_15_Add.1.pdf" "$mirror/"
export HRI_HOME=$HRI_WORK/ingest
"$p/ingest-session" -q --misses 15 -s "$mirror" 28
is "$?" 0 "ingest-session indexes session 28 of a mirror (A/HRC/28/15 the 15th: --misses 15)"
"$p/session-diff" 28 >diff1.csv
is "$?" 0 "session-diff exits 0"
is "$(cut -d, -f1,2,4 diff1.csv)" "status,symbol,segments
\"new\",\"A/HRC/28/15\",$(segs | jq -s '[.[] | select(.symbol == "A/HRC/28/15")] | length')
\"new\",\"A/HRC/28/15/Add.1\",$(segs | jq -s '[.[] | select(.symbol == "A/HRC/28/15/Add.1")] | length')" \
	"the two documents, new, with their segments"
has "$(cat diff1.csv)" "Universal Periodic Review: Slovenia" "and their titles"
sleep 1
cp "$HRI_CORPUS/A_HRC_14_15_Add.1.pdf" "$mirror/A_HRC_28_15_Add.1.pdf"
"$p/ingest-session" -q --misses 15 -s "$mirror" 28
"$p/session-diff" >diff2.csv
is "$(cut -d, -f1,2 diff2.csv)" 'status,symbol
"updated","A/HRC/28/15/Add.1"' "after a change: only the document updated"
is "$(($(wc -l <"$("$p/session-diff" -s 2000-01-01 >all.csv; echo all.csv)") - 1))" 2 "-s: everything since a date"
"$p/ingest-session" -q --misses 15 -s "$mirror" 28
"$p/session-diff" -r 19990101T000000Z >/dev/null
is "$?" 1 "a run that added nothing exits 1"
hri-fetch -q -S "$HRI_WORK/store2" -s "$mirror" A/HRC/28/15 A/HRC/28/15/Add.1 >fetched.jsonl
is "$("$p/session-diff" -f fetched.jsonl | cut -d, -f1,2 | tail -n +2 | tr '\n' ' ')" \
	'"new","A/HRC/28/15" "new","A/HRC/28/15/Add.1" ' "-f: from hri-fetch records"

for r in recommendations-by-state citing citation-network session-diff; do
	"$p/$r" -h >help 2>&1
	has "$(cat help)" "$r [" "$r -h prints its usage"
done

done_testing
