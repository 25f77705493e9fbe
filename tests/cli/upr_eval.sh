#!/bin/sh
# upr_eval.sh - hri-parse on the 63 UPR Working Group reports of the shared
# development set, measured by bench/upreval against UPR-info's answer key
# (see bench/UPR-RESULTS.md): the floors of issue 15 must hold, and the
# evaluation must be able to fail. Skips when the shared folder
# (${HRI_SHARED:-$HRI_TOP/../shared}) is absent, as it is for users.
. "$HRI_TOP/tests/cli/lib.sh"
dev=${HRI_SHARED:-$HRI_TOP/../shared}/corpus/upr-dev
upreval=$HRI_BIN/../bench/upreval
if [ ! -f "$dev/upr-info.csv" ] || [ ! -f "$dev/MANIFEST.tsv" ]; then
	echo "ok 1 # SKIP no development set in $dev"
	echo "1..1"
	exit 0
fi

# 63 reports: valgrind would add minutes and nothing the parse tests do
# not already cover on the bundled UPR reports
valgrind_off
hri-parse -q --no-extract "$dev"/A_HRC_*.pdf >recs.jsonl 2>err.txt
is "$?" 0 "hri-parse reads the development set"
valgrind_on
is "$(jq -r 'select(.type=="doc") | .symbol' recs.jsonl | wc -l | tr -d ' ')" \
	"$(tail -n +2 "$dev/MANIFEST.tsv" | wc -l | tr -d ' ')" \
	"a doc record for every report of the manifest"

"$upreval" --floor recall=99 --floor state=98 --floor coverage=100 \
	--floor doctype=100 --floor heading=100 --floor review=100 \
	--floor cycle=100 --floor clean=99 --floor precision=99 \
	"$dev" recs.jsonl >table.txt 2>floors.txt
is "$?" 0 "the floors hold: recall 99, recommending State 98, every report \
covered, doctype, State under review and cycle right, positions as headed"
cat floors.txt table.txt | sed 's/^/# /'
has "$(cat table.txt)" "recommendation recall" "the table names its measures"

# the evaluation fails what is wrong: recommending States taken away, or the
# recommendations of one report dropped
jq -c 'if .kind == "recommendation" then .recommending = [] else . end' \
	recs.jsonl >no-states.jsonl
"$upreval" --floor state=98 "$dev" no-states.jsonl >/dev/null 2>err.txt
is "$?" 1 "a State missing from every recommendation fails the state floor"
has "$(cat err.txt)" "state is 0.0%" "and says so"
jq -c 'select(.symbol != "A/HRC/11/16" or .kind != "recommendation")' \
	recs.jsonl >one-less.jsonl
"$upreval" --floor coverage=100 "$dev" one-less.jsonl >/dev/null 2>err.txt
is "$?" 1 "a report without recommendations fails the coverage floor"
status 2 "an unknown floor is a usage error" \
	"$upreval" --floor nonsense=1 "$dev" recs.jsonl
status 4 "a folder without the answer key is an error" \
	"$upreval" "$HRI_WORK" recs.jsonl

done_testing
