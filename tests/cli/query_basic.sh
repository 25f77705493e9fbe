#!/bin/sh
# query_basic.sh - hri-query on an index of the fixture segments (real
# paragraphs of the four seed reports): formats, paging, sorting, prefixes,
# facets, --show, spelling, exit codes.
. "$HRI_TOP/tests/cli/lib.sh"
need python3 python3
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
hri-index -q -d db "$fx"
is "$?" 0 "indexes the fixture"

# JSON Lines: one hit a line, each parses, the fields of the contract.
hri-query -d db --format json '"South-South cooperation" developing countries' >out.json
is "$?" 0 "a query that matches: exit 0"
is "$(wc -l <out.json | tr -d ' ')" 10 "ten hits by default"
is "$(jq -c . out.json >/dev/null 2>&1; echo $?)" 0 "every line is JSON"
is "$(head -1 out.json | jq -r .id)" "A/HRC/26/41#14" \
	"\"South-South cooperation\" developing countries: A/HRC/26/41 para. 14 first"
is "$(head -1 out.json | jq -r '[.type,.symbol,.para,.kind,(.score|type),(.label|type)]|join(",")')" \
	"hit,A/HRC/26/41,14,paragraph,number,null" "hit fields: type symbol para kind score label"
has "$(head -1 out.json | jq -r .snippet)" "<b>South-South Cooperation</b>" \
	"the snippet marks the matches with <b>"
is "$(head -1 out.json | jq -r .url)" \
	"https://documents.un.org/api/symbol/access?s=A%2FHRC%2F26%2F41&l=en&t=pdf" \
	"the ODS address, symbol URL-encoded"
is "$(head -1 out.json | jq -r '.title|startswith("Promotion and protection")')" true \
	"the document's title comes with each hit"
is "$(head -1 out.json | jq -r '.organizations[0]')" \
	"United Nations Office for South-South Cooperation" "and the annotations"
is "$(jq -r .rank out.json | tr '\n' ' ')" "1 2 3 4 5 6 7 8 9 10 " "ranks"

# Text, the default on a terminal; in a pipe the default is JSON.
hri-query -d db --format text '"South-South cooperation" developing' --limit 2 >out.txt
has "$(cat out.txt)" "1. A/HRC/26/41 para. 14" "text: rank, symbol, paragraph"
has "$(cat out.txt)" "«South-South cooperation»" "text in a pipe marks matches with «»"
has "$(cat out.txt)" "https://documents.un.org/api/symbol/access?s=A%2FHRC%2F26%2F41" "text: ODS address"
is "$(hri-query -d db 'South-South' --limit 1 | jq -r .type)" hit \
	"JSON is the default when stdout is not a terminal"

# CSV: RFC 4180, a header, one row per hit, every row as wide as the header.
hri-query -d db --format csv --limit 5 'international solidarity' >out.csv
is "$?" 0 "--format csv"
first=$(hri-query -d db --limit 1 'international solidarity' | jq -r .symbol)
is "$(python3 -c '
import csv
rows = list(csv.reader(open("out.csv", newline="")))
w = {len(r) for r in rows}
print(len(rows), len(w), rows[0][:4], rows[1][2])')" \
	"6 1 ['rank', 'score', 'symbol', 'id'] $first" \
	"CSV parses: header + 5 rows of equal width"
has "$(head -1 out.csv)" "countries,organizations,persons,themes,sdgs" \
	"CSV has the annotation columns"
is "$(tail -c 2 out.csv | od -An -c | tr -d ' ')" '\r\n' "CSV rows end in CRLF"

# Paging and sorting.
second=$(hri-query -d db --limit 2 'human rights' | sed -n 2p | jq -r .id)
is "$(hri-query -d db --limit 1 --offset 1 'human rights' | jq -r .id)" "$second" \
	"--offset 1 --limit 1 gives the second hit"
is "$(hri-query -d db --limit 3 --offset 1 'human rights' | jq -r .rank | head -1)" 2 \
	"ranks count from the offset"
dates=$(hri-query -d db --limit 200 --sort date cooperation | jq -r .date | uniq | tr '\n' ' ')
is "$dates" "2019-09-12 2016-01-15 2014-04-16 2013-04-23 " "--sort date: newest first"
is "$(hri-query -d db --limit 300 cooperation | wc -l | tr -d ' ')" \
	"$(hri-query -d db --limit 1 --facets symbol cooperation | jq -s '[.[1].counts[]]|add')" \
	"facet counts cover every match, not just the page"

# Prefixes and operators.
is "$(hri-query -d db --limit 100 'country:"Russian Federation"' | jq -r '.countries|index("Russian Federation")!=null' | sort -u)" \
	true "country: with a quoted value"
is "$(hri-query -d db --limit 100 'country:"russian   federation"' | wc -l)" \
	"$(hri-query -d db --limit 100 'country:"Russian Federation"' | wc -l)" \
	"country: ignores case and extra spaces"
is "$(hri-query -d db --limit 100 'theme:"international solidarity"' | jq -r '.themes|index("International solidarity")!=null' | sort -u)" \
	true "theme:"
is "$(hri-query -d db --limit 100 'sdg:17' | jq -r '.sdgs|map(startswith("17"))|any' | sort -u)" \
	true "sdg:17 finds goal 17 and its targets"
has "$(hri-query -d db --limit 100 'sdg:17' | jq -r '.sdgs[]' | sort -u | tr '\n' ' ')" "17.9" \
	"a target gives its goal"
is "$(hri-query -d db --limit 100 'cites:A/HRC/19/74' | jq -r '[.cites[].symbol]|index("A/HRC/19/74")!=null' | sort -u)" \
	true "cites:"
is "$(hri-query -d db --limit 100 'instrument:"resolution 23/3"' | jq -r .id | head -1)" \
	"A/HRC/26/41#3" "instrument: kind and number"
is "$(hri-query -d db --limit 300 'year:2013..2014' | jq -r .date | cut -c1-4 | sort -u | tr '\n' ' ')" \
	"2013 2014 " "year:2013..2014"
is "$(hri-query -d db --limit 300 'year:2016' | jq -r .symbol | sort -u)" "A/HRC/31/81" "year:"
is "$(hri-query -d db --limit 300 'symbol:A/74/35 migrants' | jq -r .symbol | sort -u)" "A/74/35" \
	"symbol: with free text"
is "$(hri-query -d db --limit 300 'org:"African Union"' | jq -r '.organizations|index("African Union")!=null' | sort -u)" \
	true "org:"
is "$(hri-query -d db --limit 300 'person:"Bertrand Ramcharan"' | jq -r .id)" "A/HRC/23/20#4" "person:"
is "$(hri-query -d db --limit 300 'body:"general assembly"' | jq -r .symbol | sort -u)" "A/74/35" "body:"
is "$(hri-query -d db --limit 300 'section:IV.C kind:paragraph symbol:A/74/35' | jq -r .section | sort -u)" "IV.C" "section: kind:"
is "$(hri-query -d db --limit 300 'title:seminar' | jq -r .symbol | sort -u)" "A/HRC/23/20" "title:"
n_and=$(hri-query -d db --limit 300 'solidarity AND cooperation' | wc -l)
n_any=$(hri-query -d db --limit 300 'solidarity cooperation' | wc -l)
n_or=$(hri-query -d db --limit 300 'cooperation OR migrants' | wc -l)
n_not=$(hri-query -d db --limit 300 'cooperation NOT solidarity' | wc -l)
n_coop=$(hri-query -d db --limit 300 'cooperation' | wc -l)
is "$((n_and + n_not))" "$n_coop" "AND and NOT split the matches"
tap "$([ "$n_or" -gt "$n_coop" ]; echo $?)" "OR widens"
# Plain words: any is enough (the ranking puts the segments about them
# first: bench/RANKING.md).
is "$n_any" "$(hri-query -d db --limit 300 'solidarity OR cooperation' | wc -l)" \
	"plain words: a segment with any of them matches"

is "$(hri-query -d db --limit 300 'cooperation -solidarity' | wc -l)" "$n_not" "-word is NOT"
tap "$([ "$(hri-query -d db --limit 300 'ratif*' | wc -l)" -gt "$(hri-query -d db --limit 300 'ratify' | wc -l)" ]; echo $?)" \
	"a trailing wildcard finds more than the stem"
is "$(hri-query -d db --limit 300 '"voluntary fund for technical cooperation"' | jq -r .snippet | grep -vc '<b>Voluntary Fund for Technical Cooperation</b>')" \
	0 "a phrase: every hit has it, marked whole in the snippet"

# Facets.
hri-query -d db --limit 0 --facets country,theme,year 'South-South cooperation' >facets.json
is "$(jq -r .field facets.json | tr '\n' ' ')" "country theme year " "one facet record per field"
is "$(jq -r 'select(.field=="theme")|.counts["International cooperation"]' facets.json)" \
	"$(hri-query -d db --limit 300 'South-South cooperation' | jq -r 'select(.themes|index("International cooperation"))|.id' | wc -l | tr -d ' ')" \
	"a facet count is the number of matching segments with that value"
has "$(hri-query -d db --limit 0 --facets year --format text cooperation)" "2014" "facets as text"
has "$(hri-query -d db --limit 0 --facets org --format csv cooperation | head -1)" "field,value,count" \
	"facets as CSV; org is organization"
status 2 "an unknown facet: exit 2" hri-query -d db --facets colour x

# --show
is "$(hri-query -d db --show 'A/HRC/26/41#14' | jq -r .text | cut -c1-40)" \
	"South-South cooperation is already well " "--show SYMBOL#PARA prints the paragraph"
is "$(hri-query -d db --show 'A/HRC/26/41' | jq -r .para | head -5 | tr '\n' ' ')" \
	"1 2 3 4 5 " "--show SYMBOL prints the segments in document order"
has "$(hri-query -d db --show 'A/HRC/26/41#14' --format text)" \
	"triangular cooperation." "--show prints the whole text"

is "$(hri-query -d db --show 'A/HRC/26/41#14x' | wc -l | tr -d ' ')" 0 \
	"--show SYMBOL#ID takes an exact segment id"
status 1 "--show of nothing: exit 1" hri-query -d db --show 'A/HRC/99/99'

# Spelling.
hri-query -d db 'solidarty' >sp.json 2>err
is "$?" 1 "a misspelt query that finds nothing: exit 1"
has "$(cat err)" "did you mean: solidarity" "suggests on stderr"
is "$(jq -r 'select(.type == "suggestion") | .did_you_mean' sp.json)" solidarity "and in JSON"

# Exit codes and messages.
status 1 "no match: exit 1" hri-query -d db zzzyzzx
hri-query -d db 'cooperation AND (' 2>err
is "$?" 2 "a query that does not parse: exit 2"
has "$(cat err)" "cannot parse the query \"cooperation AND (\"" "names the query"
hri-query -d missing cooperation 2>err
is "$?" 4 "a missing database: exit 4"
has "$(cat err)" "no database at missing" "says so"
mkdir notadb; echo x >notadb/file
status 4 "a directory that is no database: exit 4" hri-query -d notadb x
status 2 "no query: exit 2" hri-query -d db
status 2 "a bad --limit: exit 2" hri-query -d db --limit -3 x
status 2 "a bad --sort: exit 2" hri-query -d db --sort size x
status 2 "a bad --format: exit 2" hri-query -d db --format xml x
has "$(hri-query --help)" "usage: hri-query" "--help"

done_testing
