#!/bin/sh
# query_quality.sh - search quality: builds the index of the four seed
# reports with the real pipeline (hri-parse | hri-index) and checks that
# every query of tests/queries.tsv puts the paragraphs a careful reader wants
# among its first hits. query_quality_fixture.sh runs the same checks on the
# fixture segments (HRI_QUALITY_SOURCE=fixture).
. "$HRI_TOP/tests/cli/lib.sh"
seeds="$HRI_CORPUS/A_HRC_26_41.txt $HRI_CORPUS/A_74_35.md $HRI_CORPUS/A_HRC_23_20.md $HRI_CORPUS/A_HRC_31_81.md"

if [ "${HRI_QUALITY_SOURCE:-}" = fixture ]; then
	hri-index -q -d db "$HRI_TOP/tests/data/fixture-segments.jsonl"
	is "$?" 0 "indexes the fixture segments"
else
	# shellcheck disable=SC2086
	hri-parse $seeds >parsed.jsonl 2>parse.err
	rc=$?
	tap "$([ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; echo $?)" "hri-parse reads the four seeds (exit $rc)"
	hri-index -q -d db parsed.jsonl
	is "$?" 0 "hri-index indexes what hri-parse wrote"
fi

tab=$(printf '\t')
while IFS="$tab" read -r query depth ids; do
	case $query in '#'* | '') continue ;; esac
	got=$(hri-query -d db --format json --limit "$depth" -- "$query" 2>/dev/null |
		jq -r .id | tr '\n' ' ')
	missing=
	for id in $ids; do
		case " $got" in *" $id "*) ;; *) missing="$missing $id" ;; esac
	done
	if [ -z "$missing" ]; then
		tap 0 "$query: $ids in the first $depth"
	else
		tap 1 "$query: $ids in the first $depth"
		echo "#   missing:$missing"
		echo "#   got: $got"
	fi
done <"$HRI_TOP/tests/queries.tsv"

done_testing
