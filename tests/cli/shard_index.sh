#!/bin/sh
# shard_index.sh - hri-index --shard on real documents: the shard names of
# each key, the stub that lists them, re-indexing a document whose session
# changed (it leaves its old shard), --delete on a set, a set of one key
# refusing another, and two workers writing two shards of one set at once.
. "$HRI_TOP/tests/cli/lib.sh"

hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" "$HRI_CORPUS/A_HRC_26_41.txt" \
	"$HRI_CORPUS/A_74_35.md" >recs.jsonl 2>/dev/null
hri-index -q -d single recs.jsonl
all=$(hri-index -d single --stats --format json | jq .segments)

hri-index -q --shard session -d ses recs.jsonl
is "$?" 0 "--shard session"
is "$(ls ses | tr '\n' ' ')" "index.stub session-26 session-28 session-74 " \
	"one shard per session"
is "$(grep '^auto' ses/index.stub | tr '\n' ' ')" \
	"auto session-26 auto session-28 auto session-74 " "listed in the stub"
is "$(hri-index -d ses --stats --format json | jq .segments)" "$all" \
	"--stats over the set counts every segment"
hri-query -d single --format json --limit 30 --facets session,country \
	'human rights' | jq -c '[.id, .score, .weight, .counts]' >want
hri-query -d ses --format json --limit 30 --facets session,country \
	'human rights' | jq -c '[.id, .score, .weight, .counts]' >got
tap "$([ -s want ] && cmp -s want got; echo $?)" "the session set = one database"

# A corrected session moves the document: its old segments go.
jq -c 'select(.symbol == "A/HRC/26/41") |
	if .type == "doc" then .session = "27" else . end' recs.jsonl >moved.jsonl
hri-index -q --shard session -d ses moved.jsonl
is "$?" 0 "re-indexing with another session"
is "$(hri-query -d ses --limit 0 --facets session symbol:A/HRC/26/41 |
	jq -c .counts)" '{"27":69}' "the document is in its new shard only"
is "$(hri-index -d ses --stats --format json | jq .segments)" "$all" \
	"no segment twice"
is "$(hri-index -d ses/session-26 --stats --format json | jq .segments)" 0 \
	"its old shard is empty"

hri-index -q --shard year -d yr recs.jsonl
want=$(jq -r 'select(.type == "doc") | "year-" +
	((.year // (.date // "" | .[0:4] | tonumber? ) // "none") | tostring)' \
	recs.jsonl | sort -u | tr '\n' ' ')
is "$(ls yr | grep -v index.stub | tr '\n' ' ')" "$want" \
	"--shard year: one shard per year of the doc records ($want)"

# --delete on a set removes the document from whichever shard holds it.
hri-index -q -d ses --delete A/HRC/28/15
is "$?" 0 "--delete on a shard set"
status 1 "the document is gone" hri-query -d ses --limit 0 symbol:A/HRC/28/15

# A set has one key; a set is not indexed as one database.
hri-index -q --shard year -d ses recs.jsonl 2>err
is "$?" 2 "another key on a set: usage error"
has "$(cat err)" "ses holds shard session-" "naming the shard in the way"
hri-index -q -d ses recs.jsonl 2>err
is "$?" 2 "a set without --shard: usage error"
has "$(cat err)" "a shard set" "says so"
status 2 "--shard hash:0 is refused" hri-index --shard hash:0 -d x recs.jsonl
status 2 "--shard other is refused" hri-index --shard other -d x recs.jsonl

# Two workers, each its own shard of one hash set, at once: the stub lists
# both, whoever finished last.
jq -c 'select(.symbol == "A/HRC/28/15")' recs.jsonl >w0.jsonl
jq -c 'select(.symbol != "A/HRC/28/15")' recs.jsonl >w1.jsonl
hri-index -q --shard hash:8 -d par w0.jsonl & p=$!
hri-index -q --shard hash:8 -d par w1.jsonl
wait "$p"
n=$(ls -d par/hash-*-of-8 | wc -l)
is "$(grep -c '^auto hash-' par/index.stub)" "$n" "the stub lists every shard written"
is "$(hri-index -d par --stats --format json | jq .segments)" "$all" \
	"the hash set holds every segment"
hri-index -q --shard hash:8 -d par recs.jsonl
is "$(hri-index -d par --stats --format json | jq .segments)" "$all" \
	"re-indexing into a hash set replaces, never doubles"

done_testing
