#!/bin/sh
# index_basic.sh - hri-index on the fixture segments (real paragraphs of the
# four seed reports): counts, replacement of a document's segments, bad
# records, --delete, --compact, --stats, the default database.
. "$HRI_TOP/tests/cli/lib.sh"
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
nseg=$(grep -c '"type": "segment"' "$fx")
ndoc=$(grep -c '"type": "doc"' "$fx")

hri-index -d db "$fx" 2>err
is "$?" 0 "indexes the fixture"
has "$(cat err)" "$ndoc documents, $nseg segments" "summary line on stderr"
is "$(hri-index -d db --stats --format json | jq .segments)" "$nseg" \
	"--stats counts every segment"
is "$(hri-index -d db --stats --format json | jq .documents)" "$ndoc" \
	"--stats counts documents"
has "$(hri-index -d db --stats)" "segments   $nseg" "--stats as text"

# Re-indexing the same records changes nothing.
hri-index -q -d db <"$fx"
is "$?" 0 "re-indexes from standard input"
is "$(hri-index -d db --stats --format json | jq .segments)" "$nseg" \
	"re-indexing replaces, never duplicates"

# A document indexed again with two paragraphs loses the others.
grep -F '"symbol": "A/HRC/26/41"' "$fx" | head -3 >short.jsonl
hri-index -q -d db short.jsonl
is "$(hri-query -d db --show A/HRC/26/41 --format json | wc -l | tr -d ' ')" 2 \
	"paragraphs gone from a re-indexed document are gone from the index"
is "$(hri-index -d db --stats --format json | jq .segments)" \
	"$((nseg - 45 + 2))" "the other documents are untouched"

# Bad records: reported with their line, skipped, exit 3.
{
	head -1 "$fx"
	echo '{"type":"segment","symbol":"A/HRC/26/41"'
	echo '{"type":"segment","symbol":"A/HRC/26/41","text":"no id"}'
	echo '[1,2]'
	sed -n 2p "$fx"
} >bad.jsonl
hri-index -d db bad.jsonl 2>err
is "$?" 3 "bad records give exit 3"
has "$(cat err)" "bad.jsonl:2: " "a bad line is named by file and line"
has "$(cat err)" "bad.jsonl:3: segment without an id" "says what is wrong"
has "$(cat err)" "bad.jsonl:4: a record must be a JSON object" "not an object"
is "$(hri-query -d db --show 'A/HRC/26/41#1' --format json | jq -r .id)" \
	"A/HRC/26/41#1" "the good records of a bad batch are indexed"
status 3 "a missing input file gives exit 3" hri-index -d db nonexistent.jsonl

# Records of other types are skipped; nothing to do gives exit 1.
echo '{"type":"fetched","symbol":"A/HRC/26/41"}' >other.jsonl
status 1 "only records of other types: exit 1" hri-index -d db other.jsonl
echo '{"type":"doc","symbol":"A/HRC/26/41","error":"parse failed"}' >err.jsonl
hri-index -d db err.jsonl 2>err.txt
is "$?" 3 "a doc record carrying an error (a document an earlier stage failed): exit 3, not 1"
has "$(cat err.txt)" "1 document failed before hri-index" "the summary counts it"
is "$(hri-query -d db --show 'A/HRC/26/41#1' --format json | jq -r .id)" \
	"A/HRC/26/41#1" "and deletes nothing"

# --delete
hri-index -d db --delete A/74/35 2>err
is "$?" 0 "--delete removes a document"
has "$(cat err)" "A/74/35: 79 segments deleted" "--delete says how many"
status 1 "--delete of a document not indexed: exit 1" \
	hri-index -d db --delete A/74/35
status 1 "hri-query finds nothing of a deleted document" \
	hri-query -d db --show A/74/35

# --compact
before=$(hri-index -d db --stats --format json | jq .segments)
hri-index -q -d db --compact
is "$?" 0 "--compact"
is "$(hri-index -d db --stats --format json | jq .segments)" "$before" \
	"--compact keeps every segment"
is "$(ls -d db* | tr '\n' ' ')" "db " "--compact leaves no directory behind"
status 0 "the compacted database answers queries" \
	hri-query -d db 'South-South'

# The default database is $HRI_HOME/db.
hri-index -q "$fx"
is "$?" 0 "indexes into the default database"
is "$(hri-index --stats --format json | jq -r .db)" "$HRI_HOME/db" \
	"the default database is \$HRI_HOME/db"

# Errors.
status 4 "--stats on a missing database: exit 4" hri-index -d nodb --stats
hri-index -d nodb --stats 2>err
has "$(cat err)" "no database at nodb" "and says so"
status 2 "an unknown option: exit 2" hri-index --frobnicate
status 2 "a bad --format: exit 2" hri-index -d db --stats --format xml
status 2 "--stats with --delete: exit 2" hri-index --stats --delete x
has "$(hri-index --help)" "usage: hri-index" "--help"

done_testing
