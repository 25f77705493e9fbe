#!/bin/sh
# index_lock.sh - one writer at a time (Xapian's lock): a second hri-index
# waits up to --wait seconds, then fails with exit 4; a killed hri-index
# leaves the database as it was before its batch, and searchable.
. "$HRI_TOP/tests/cli/lib.sh"
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
nseg=$(grep -c '"type": "segment"' "$fx")

hri-index -q -d db "$fx"
is "$?" 0 "indexes the fixture"

# A writer that holds the lock while it waits for more input on a FIFO.
mkfifo feed
hri-index -q -d db feed &
writer=$!
exec 3>feed
head -2 "$fx" | sed 's|A/HRC/26/41|X/LOCK/1|g' >&3
sleep 1

hri-index -d db --wait 0.3 "$fx" 2>err
is "$?" 4 "a second writer gives up after --wait: exit 4"
has "$(cat err)" "locked" "and says the database is locked"
is "$(hri-query -d db --show X/LOCK/1 --format json | wc -l | tr -d ' ')" 0 \
	"a batch under way is invisible to readers"
is "$(hri-index -d db --stats --format json | jq .segments)" "$nseg" \
	"readers go on while a writer works"

# The second writer waits for the first to finish.
(sleep 1; exec 3>&-) &
exec 3>&-
hri-index -q -d db --wait 20 "$fx"
is "$?" 0 "a second writer with --wait gets the lock when the first ends"
wait "$writer"
is "$?" 0 "the first writer committed"
is "$(hri-query -d db --show X/LOCK/1 --format json | jq -r .id)" \
	"X/LOCK/1#1" "its batch is visible after the commit"

# A writer killed in the middle of a batch commits nothing.
before=$(hri-index -d db --stats --format json | jq .segments)
rm -f feed; mkfifo feed
hri-index -q -d db feed &
writer=$!
exec 3>feed
sed 's|"A/HRC/|"Y/KILL/|g' "$fx" >&3
sleep 1
kill -9 "$writer"
wait "$writer" 2>/dev/null
exec 3>&-
is "$(hri-index -d db --stats --format json | jq .segments)" "$before" \
	"a killed hri-index leaves the database as it was"
status 0 "and it answers queries" hri-query -d db 'South-South cooperation'
hri-index -q -d db --wait 5 "$fx"
is "$?" 0 "the next writer gets the lock of a killed one"

done_testing
