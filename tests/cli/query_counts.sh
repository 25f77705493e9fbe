#!/bin/sh
# query_counts.sh - the facet counts of one local database, whose matches
# are read from the posting lists (lib/xapian_matches.cc), against the
# same documents as a set of shards, which Xapian's matcher and spies
# count: queries of every operator the posting-list reading evaluates
# (terms, AND, OR, NOT, filters, synonyms, title:, everything), and some
# it leaves to the matcher (phrases, ranges, wildcards), each counting the
# same matches and the same values.
. "$HRI_TOP/tests/cli/lib.sh"

hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" "$HRI_CORPUS/A_HRC_26_41.txt" \
	"$HRI_CORPUS/A_74_35.md" "$HRI_CORPUS/A_HRC_14_15.pdf" \
	"$HRI_CORPUS/CCPR_C_USA_CO_4.txt" >recs.jsonl 2>/dev/null
hri-index -q -d single recs.jsonl
is "$?" 0 "one database"
hri-index -q --shard session -d set recs.jsonl
is "$?" 0 "and a set of shards by session"
tap "$([ "$(ls set | grep -c session-)" -ge 3 ]; echo $?)" "of several shards"

facets=kind,country,theme,sdg,affected,recommending
while IFS='|' read -r q what; do
	hri-query -d single --limit 0 --facets "$facets" "$q" 2>/dev/null |
		jq -c '[.field, .counts]' >want
	hri-query -d set --limit 0 --facets "$facets" "$q" 2>/dev/null |
		jq -c '[.field, .counts]' >got
	n=$(head -n 1 want | jq '[.[1][]] | add // 0')
	tap "$([ -s want ] && cmp -s want got; echo $?)" "$what: $q ($n matches)"
done <<'QUERIES'
migrants|a word
human rights|words
torture AND detention|AND
+torture +detention|+ and +
torture OR detention OR prison OR asylum OR refugee|OR of five
torture -death|a word less one
NOT torture|NOT alone
women NOT (violence OR girls)|NOT of an OR
(water OR sanitation) AND (health OR education)|AND of ORs
country:Slovenia discrimination|a filter
kind:recommendation country:Slovenia|two filters
country:Slovenia country:Italy|one field twice
kind:recommendation -country:Slovenia|a filter left out
NHRI|an abbreviation
title:council torture|title:
|everything
kind:concern|a filter alone
xyzzyplugh|no such word
"human rights defenders"|a phrase (the matcher)
year:2010..2015 women|a range (the matcher)
educat*|a wildcard (the matcher)
QUERIES

# The hits and the number of matches do not move either.
hri-query -d single --format json --limit 20 'torture OR detention -death' |
	jq -c '[.id, .weight]' >want
hri-query -d set --format json --limit 20 'torture OR detention -death' |
	jq -c '[.id, .weight]' >got
tap "$([ -s want ] && cmp -s want got; echo $?)" "the same hits, in the same order"
done_testing
