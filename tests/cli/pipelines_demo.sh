#!/bin/sh
# pipelines_demo.sh - `make demo`'s script: the whole job on the bundled
# corpus, in a folder of its own. It never touches $HRI_HOME (a user's index
# and files stay), refuses a folder that holds files it did not make, and a
# rerun starts afresh in its own folder.
. "$HRI_TOP/tests/cli/lib.sh"
demo=$HRI_TOP/pipelines/demo
n=$(($(wc -l <"$HRI_CORPUS/MANIFEST.tsv") - 1))

# A user's data directory, exported as the README's tour says.
mkdir -p "$HRI_HOME/db"
echo mine >"$HRI_HOME/notes.txt"
echo index >"$HRI_HOME/db/keep"

# The demo's own readers run under valgrind in the parse and index tests.
valgrind_off
HRI_DEMO_HOME=$HRI_WORK/demo sh "$demo" >out 2>err
is "$?" 0 "the demo runs"
valgrind_on
is "$(cat "$HRI_HOME/notes.txt") $(cat "$HRI_HOME/db/keep")" "mine index" \
	"the user's HRI_HOME is untouched"
has "$(cat out)" "the $n documents of corpus/" "it names what it ingests"
has "$(cat err)" "$n fetched: $n new" "every bundled document is fetched"
has "$(cat out)" "A/HRC/26/41" "the searches print hits"
has "$(cat out)" "concern (8): While welcoming" "and a treaty body's recommendation with its concern"
is "$(hri-index -d "$HRI_WORK/demo/db" --stats --format json | jq -r .documents)" "$n" \
	"its index holds the $n documents"
test -f "$HRI_WORK/demo/.hri-demo"
tap $? "its folder carries the demo's mark"

# A rerun starts afresh: the same index, not a second copy.
echo extra >"$HRI_WORK/demo/readme-of-mine"
valgrind_off
HRI_DEMO_HOME=$HRI_WORK/demo sh "$demo" >out2 2>err2
is "$?" 0 "a rerun"
valgrind_on
has "$(cat err2)" "$n fetched: $n new" "starts from an empty store"
is "$(cat "$HRI_WORK/demo/readme-of-mine")" extra "and removes only what it made"

# A folder the demo did not make, holding anything: refused, kept.
mkdir other
echo precious >other/file
HRI_DEMO_HOME=$HRI_WORK/other sh "$demo" >out3 2>err3
is "$?" 4 "a folder with files the demo did not make: exit 4"
has "$(cat err3)" "holds files the demo did not make" "saying why"
is "$(ls -A other) $(cat other/file)" "file precious" "and leaving it as it was"
done_testing
