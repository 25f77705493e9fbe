#!/bin/sh
# index_deflate.sh - hri-index's own deflateInit2_(), deflate() and
# deflateEnd() (index/deflate.c): Xapian's calls bind to them, Xapian's
# tags are compressed by libdeflate, and what they compress reads back
# whole: a segment whose stored data and term list run over many deflate
# blocks, beside ordinary ones.
. "$HRI_TOP/tests/cli/lib.sh"
need xapian-check xapian-tools
fx=$HRI_TOP/tests/data/fixture-segments.jsonl
C=$HRI_CORPUS

# 1. The binding: glibc's loader names every symbol it binds with
# LD_DEBUG=bindings; libxapian's deflateInit2_, deflate and deflateEnd
# must go to hri-index, and hri-index must load libdeflate.
LD_DEBUG=bindings LD_DEBUG_OUTPUT="$PWD/ld" hri-index -q -d db0 "$fx" 2>/dev/null
is "$?" 0 "indexes the fixture"
if cat ld.* 2>/dev/null | grep -q "normal symbol"; then
	for f in deflateInit2_ deflate deflateEnd; do
		cat ld.* | grep "symbol \`$f'" >bind
		grep -q "libxapian.* to .*hri-index" bind
		tap $? "libxapian's $f binds to hri-index's"
	done
	cat ld.* | grep -q "to .*libdeflate.* .libdeflate_deflate_compress'"
	tap $? "hri-index's deflate() calls libdeflate's compressor"
else
	skip "the loader writes no LD_DEBUG bindings here"
fi

# 2. A long segment: 300 KB of two seed reports as one text, so that its
# stored data and term list are tags of many deflate blocks.
cat "$C/A_74_35.md" "$C/A_HRC_23_20.md" | head -c 300000 >long.txt
jq -nc --rawfile t long.txt '{type:"doc",symbol:"A/HRC/99/1",title:"Long"},
	{type:"segment",symbol:"A/HRC/99/1",id:"A/HRC/99/1#1",kind:"paragraph",
	 para:1,text:$t}' >long.jsonl
jq -r 'select(.type == "segment") | .text' long.jsonl >want
hri-index -q -d db "$fx" long.jsonl
is "$?" 0 "indexes the fixture and a 300 KB segment"
xapian-check db >/dev/null 2>&1
tap $? "xapian-check: every tag inflates and the tables agree"
# compressed, not stored as it came: the stored-data table grows by less
# than the long text (db0 holds the fixture alone)
d=$(($(wc -c <db/docdata.glass) - $(wc -c <db0/docdata.glass)))
t=$(wc -c <long.txt | tr -d ' ')
[ "$d" -lt "$t" ]
tap $? "the stored data is compressed (the table grows $d bytes for $t of text)"
hri-query -d db --format json --full symbol:A/HRC/99/1 | jq -r .text >got
cmp -s got want
tap $? "the long segment's text reads back whole ($(wc -c <want | tr -d ' ') bytes)"
n=$(hri-query -d db --format json --limit 0 --facets symbol '' |
	jq '.counts | add')
is "$n" "$(($(grep -c '"type": "segment"' "$fx") + 1))" \
	"every segment is there"
hri-query -d db --format json --limit 1 'symbol:A/HRC/99/1 "human rights"' |
	jq -r .id >phrase
is "$(cat phrase)" "A/HRC/99/1#1" \
	"a phrase of the long segment matches it"

# 3. Records as hri-parse writes them: two seed reports.
hri-parse "$C/A_HRC_26_41.txt" "$C/A_74_35.md" >seeds.jsonl 2>/dev/null
hri-index -q -d seeds seeds.jsonl
xapian-check seeds >/dev/null 2>&1
tap $? "xapian-check: the seeds' database is sound"

done_testing
