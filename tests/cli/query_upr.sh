#!/bin/sh
# query_upr.sh - UPR recommendations (real ones of A/HRC/28/15, with the
# positions of A/HRC/28/15/Add.1): recommending:, position:, kind:, their
# facets, labels in every format.
. "$HRI_TOP/tests/cli/lib.sh"
need python3 python3
hri-index -q -d db "$HRI_TOP/tests/data/fixture-segments.jsonl" \
	"$HRI_TOP/tests/data/fixture-upr.jsonl"
is "$?" 0 "indexes the paragraphs and the recommendations"

is "$(hri-query -d db --limit 50 'recommending:portugal' | jq -r .label | tr '\n' ' ')" \
	"115.3 115.4 " "recommending: a State that made recommendations"
is "$(hri-query -d db --limit 50 'recommending:spain recommending:tunisia' | jq -r .label)" \
	"115.4" "two recommending: filters must both hold"
is "$(hri-query -d db --limit 50 'position:noted' | jq -r .label | tr '\n' ' ')" \
	"115.6 115.7 115.8 115.9 115.10 115.11 115.12 115.13 115.17 " \
	"position:noted, in document order for a pure filter"
is "$(hri-query -d db --limit 50 'position:noted migrant workers' | jq -r .label | sort | tr '\n' ' ')" \
	"115.11 115.12 115.6 " "position: with free text"
is "$(hri-query -d db --limit 4 'enforced disappearance' | jq -r .label | sort | tr '\n' ' ')" \
	"115.14 115.15 115.16 115.5 " "the four recommendations on enforced disappearance first"
is "$(hri-query -d db --limit 100 'kind:recommendation' | wc -l | tr -d ' ')" 18 "kind:recommendation"
is "$(hri-query -d db --limit 0 --facets position 'kind:recommendation' | jq -c .counts)" \
	'{"noted":9,"supported":9}' "facet of positions (ties by value)"
is "$(hri-query -d db --limit 0 --facets recommending 'ratify ICRMW' | jq -r '.counts["Sri Lanka"]')" \
	1 "facet of recommending States"
has "$(hri-query -d db --format text --limit 1 'recommending:croatia')" \
	"1. A/HRC/28/15 115.1 [recommendation]" "text names a recommendation by its label"
has "$(hri-query -d db --format text --limit 1 'recommending:croatia')" \
	"recommending: Croatia" "text lists the recommending States"
hri-query -d db --format csv --limit 20 'recommending:belgium' >r.csv
is "$(python3 -c '
import csv
rows = list(csv.DictReader(open("r.csv", newline="")))
print(";".join(r["label"] + "=" + r["position"] + "=" + r["recommending"] for r in rows))')" \
	"115.2=supported=Belgium;115.16=supported=Belgium; France; Tunisia; Sierra Leone; Argentina" \
	"CSV: label, position, recommending States joined with \"; \""
is "$(hri-query -d db --show 'A/HRC/28/15#115' | jq -r .label | head -3 | tr '\n' ' ')" \
	"115.1 115.2 115.3 " "--show SYMBOL#PARA gives every recommendation of the paragraph"
is "$(hri-query -d db --limit 5 'sdg:16 kind:recommendation' | jq -r .label)" "115.3" "sdg:16 from target 16.2"
is "$(hri-query -d db --limit 5 'affected:"stateless persons"' | jq -r .label)" "115.17" "affected:"
is "$(hri-query -d db --limit 5 'treaty:"Convention on the Reduction of Statelessness"' | jq -r .label)" \
	"115.17" "treaty:"

done_testing
