#!/bin/sh
# query_stored.sh - a JSON hit is written straight from the segment's stored
# bytes when they are in the JSON writer's own form (compact, its escapes),
# and built with jansson otherwise: both ways print the same bytes. The
# same segments are indexed three times, written three ways, and every
# answer compared byte for byte.
. "$HRI_TOP/tests/cli/lib.sh"
need jq jq
fx=$HRI_TOP/tests/data/fixture-segments.jsonl

# as the fixture is: spaces after ':' and ',' (built with jansson)
hri-index -q -d spaced "$fx"
is "$?" 0 "indexes the fixture as it is written"
# compact, as hri-parse writes (taken as stored)
jq -c . "$fx" >compact.jsonl
hri-index -q -d compact compact.jsonl
is "$?" 0 "indexes the fixture written compact"
# compact, but with escapes the writer never makes: "\/" for every slash
# and "\u00e9" for every e-acute (the same text once read)
sed -e 's|/|\\/|g' -e 's/\xc3\xa9/\\u00e9/g' compact.jsonl >escaped.jsonl
is "$(grep -c '\\/' escaped.jsonl)" "$(grep -c / compact.jsonl)" \
	"the escaped copy has a \\/ in every line with a slash"
hri-index -q -d escaped escaped.jsonl
is "$?" 0 "indexes the fixture with other escapes"

cat >queries <<'Q'
South-South cooperation
country:Mexico
"human rights defenders"
cooperation NOT South

kind:recommendation
zzzqqq
Q
for db in spaced compact escaped; do
	hri-query -d $db --batch --facets country,theme,sdg --limit 50 \
		<queries >$db.batch 2>/dev/null
	hri-query -d $db --batch --full --limit 5 <queries >$db.full 2>/dev/null
	hri-query -d $db --format json --sort date --offset 3 cooperation \
		>$db.date 2>/dev/null
done
is "$(grep -c '"type":"hit"' compact.batch)" \
	"$(grep -c '"type":"hit"' spaced.batch)" "the same number of hits"
is "$(test "$(grep -c '"type":"hit"' compact.batch)" -gt 50; echo $?)" 0 \
	"more than 50 hits compared"
for db in compact escaped; do
	for what in batch full date; do
		is "$(cmp spaced.$what $db.$what >/dev/null 2>&1; echo $?)" 0 \
			"$db: --$what answers byte-identical to the built records'"
	done
done
# the hits carry what the fixture holds, slashes and accents as text
has "$(cat compact.batch)" '"symbol":"A/HRC/' "a symbol's slash printed as is"

done_testing
