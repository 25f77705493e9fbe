#!/bin/sh
# query_labels.sh - labels by their current and older names, on the real
# recommendations of A/HRC/28/15 as hri-parse annotates them: an older name
# (hri's own, OHCHR's 2015 or 2020 spelling, data/labels.tsv) finds exactly
# the segments its current name finds, which are those whose records hold
# it; the old theme "LGBTI" finds the affected group it became; an SDG goal
# by its name; UPR-info's issues as the issue: filter and facet; and
# --explain names the model's terms.
. "$HRI_TOP/tests/cli/lib.sh"
hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" >recs.jsonl 2>/dev/null
is "$?" 0 "hri-parse A/HRC/28/15"
hri-index -q -d db recs.jsonl
is "$?" 0 "hri-index"

# ids QUERY: the sorted ids of the segments QUERY finds.
ids() { hri-query -d db --limit 1000 "$1" | jq -r .id | sort; }
# holding FIELD VALUE: the sorted ids of the records whose FIELD holds VALUE.
holding() {
	jq -r --arg f "$1" --arg v "$2" 'select(.type == "segment" and
		((.[$f] // []) | index($v))) | .id' recs.jsonl | sort
}

while IFS='|' read -r prefix field old new; do
	want=$(holding "$field" "$new")
	n=$(printf '%s\n' "$want" | grep -c .)
	tap "$([ "$n" -gt 0 ]; echo $?)" "$new: $n segments hold it"
	is "$(ids "$prefix:\"$new\"")" "$want" "$prefix:\"$new\" finds them"
	is "$(ids "$prefix:\"$old\"")" "$want" "$prefix:\"$old\" (older name) finds the same"
done <<'PAIRS'
theme|themes|Acceptance of international norms|Ratification of & accession to international instruments
theme|themes|Prohibition of slavery, trafficking|Human trafficking & contemporary forms of slavery
theme|themes|Human Rights & drinking water & sanitation|Safe drinking water & sanitation
affected|affected|Women|Women & girls
affected|affected|Persons deprived of their liberty|Persons deprived of their liberty & detainees
PAIRS

# The old theme LGBTI is the affected group now.
is "$(ids 'theme:"Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)"')" \
	"$(holding affected 'Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)')" \
	"the old theme LGBTI finds the affected group"
# Every recommendation the old rules gave "Acceptance of international
# norms" (the 2015 list's A12 ones) is still found by that name.
for r in 115.1 115.2 115.3 115.4 115.5 115.14 115.15 115.16 115.18; do
	has "$(ids 'theme:"Acceptance of international norms"')" "A/HRC/28/15#$r" \
		"theme:\"Acceptance of international norms\" finds $r"
done
is "$(ids 'sdg:"Quality education"')" "$(ids 'sdg:4')" "an SDG goal by its name"

# issue: UPR-info's labels, a filter and a facet.
want=$(holding issues "Women's rights")
tap "$([ -n "$want" ]; echo $?)" "recommendations with the issue Women's rights"
is "$(ids "issue:\"women's rights\"")" "$want" "issue: filter, without regard to case"
is "$(hri-query -d db --limit 0 --facets issue 'kind:recommendation' | jq -r '.counts["Women'"'"'s rights"]')" \
	"$(printf '%s\n' "$want" | grep -c .)" "issue facet counts them"
is "$(jq -r 'select(.type == "segment" and .kind != "recommendation") | .issues | length' recs.jsonl | sort -u)" \
	"0" "only recommendations have issues"

# --explain: the model's terms for each issue it gave.
hri-parse --explain "$HRI_CORPUS/A_HRC_28_15.pdf" 2>/dev/null |
	jq -c 'select(.id == "A/HRC/28/15#115.5") | .explain[] | select(.field == "issues")' >explain.jsonl
has "$(cat explain.jsonl)" '"value":"Enforced disappearances"' "--explain: the issue"
has "$(cat explain.jsonl)" '"rule":"classifier.model p=' "and the model's probability"
has "$(jq -r 'select(.value == "Enforced disappearances") | .match' explain.jsonl)" "disappearance" \
	"and the terms that gave it"
done_testing
