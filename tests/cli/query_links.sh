#!/bin/sh
# query_links.sh - citation links from the cites annotations of the fixture
# segments: cites:, --cited-by, --cites, --graph.
. "$HRI_TOP/tests/cli/lib.sh"
need dot graphviz
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
hri-index -q -d db "$fx"

# What the fixture says, counted with jq: paragraphs citing A/HRC/19/74.
want=$(jq -r 'select(.type=="segment")|select([.cites[]?.symbol]|index("A/HRC/19/74"))|.symbol' "$fx" | sort | uniq -c | sort -rn | awk '{print $2 "=" $1}' | tr '\n' ' ')

hri-query -d db --cited-by A/HRC/19/74 --format json >by.json
is "$?" 0 "--cited-by"
is "$(jq -r '"\(.symbol)=\(.count)"' by.json | tr '\n' ' ')" "$want" \
	"--cited-by: citing documents with their numbers of citing paragraphs, most first"
is "$(jq -r 'select(.symbol=="A/HRC/26/41")|.ids[0]' by.json)" "A/HRC/26/41#1" \
	"--cited-by lists the citing paragraphs"
is "$(jq -r .type by.json | sort -u)" citing "records of type citing"
is "$(hri-query -d db --cited-by a/hrc/19/74 --format json | jq -r .cites | sort -u)" \
	"A/HRC/19/74" "--cited-by ignores case"
has "$(hri-query -d db --cited-by A/HRC/19/74 --format text)" "A/HRC/26/41  (A/HRC/26/41#1," \
	"--cited-by as text"
is "$(hri-query -d db --cited-by A/HRC/19/74 --format csv | head -1 | tr -d '\r')" \
	"symbol,cites,count,ids" "--cited-by as CSV"
is "$(hri-query -d db --cited-by A/HRC/19/74 --format json 'year:2016' | jq -r .symbol)" \
	"A/HRC/31/81" "--cited-by with a query narrows the citing paragraphs"
status 1 "--cited-by a symbol nobody cites: exit 1" \
	hri-query -d db --cited-by A/HRC/99/99

# cites: finds the same paragraphs.
is "$(hri-query -d db --limit 100 cites:A/HRC/19/74 | wc -l | tr -d ' ')" \
	"$(jq -s '[.[].count]|add' by.json)" "cites: finds every citing paragraph"

# --cites: what a document cites.
hri-query -d db --cites A/HRC/26/41 --format json >cites.json
is "$?" 0 "--cites"
has "$(jq -r .cites cites.json | tr '\n' ' ')" "A/HRC/23/20" \
	"A/HRC/26/41 cites the seminar report A/HRC/23/20"
is "$(jq -r .symbol cites.json | sort -u)" "A/HRC/26/41" "every link starts at A/HRC/26/41"
status 1 "--cites of a document not indexed: exit 1" hri-query -d db --cites A/HRC/99/99

# --graph: DOT.
hri-query -d db --graph >g.dot
is "$?" 0 "--graph"
is "$(head -1 g.dot)" "digraph citations {" "a DOT digraph"
has "$(cat g.dot)" '"A/HRC/26/41" -> "A/HRC/23/20" [label=2];' \
	"an edge labelled with the number of citing paragraphs"
has "$(cat g.dot)" '"A/HRC/19/74" [shape=ellipse, style=dashed];' \
	"a cited document outside the matches is dashed"
is "$(tail -1 g.dot)" "}" "the graph is closed"
status 0 "Graphviz reads it" dot -Tsvg -o g.svg g.dot
has "$(cat g.svg)" "A/HRC/26/41" "and draws it, with the citing document"
has "$(hri-query -d db --graph 'South-South')" '"A/HRC/26/41";' "--graph of a query"
status 1 "--graph of nothing: exit 1" hri-query -d db --graph zzzyzzx
status 2 "--graph with --cites: exit 2" hri-query -d db --graph --cites A/1

done_testing
