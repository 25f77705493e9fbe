#!/bin/sh
# shard_parallel.sh - pipelines/parallel-ingest on real documents of the
# bundled corpus, fetched from it as a mirror: two workers, each its own hash
# shard, give the same index as one hri-fetch | hri-parse | hri-index.
. "$HRI_TOP/tests/cli/lib.sh"

syms="A/HRC/26/41 A/74/35 A/HRC/31/81 A/HRC/DEC/28/111 A/HRC/23/20"
# shellcheck disable=SC2086
printf '%s\n' $syms | "$HRI_TOP/pipelines/parallel-ingest" -j 2 \
	-s "$HRI_CORPUS" -d shards 2>err
is "$?" 0 "parallel-ingest -j 2"
is "$(ls shards | tr '\n' ' ')" "hash-0-of-2 hash-1-of-2 index.stub " \
	"one shard a worker, and the stub"
for s in $syms; do
	want=$(hri-index --shard hash:2 --shard-of "$s" | jq -r .shard)
	got=$(hri-query -d "shards/$want" --limit 0 --facets symbol "symbol:$s" |
		jq -r '.counts | keys[]')
	is "$got" "$s" "$s is in its hash shard $want"
done

# shellcheck disable=SC2086
printf '%s\n' $syms | HRI_HOME=$PWD/h1 hri-fetch --source "$HRI_CORPUS" 2>/dev/null |
	hri-parse 2>/dev/null | hri-index -q -d single
is "$(hri-index -d shards --stats --format json | jq -c '[.documents, .segments]')" \
	"$(hri-index -d single --stats --format json | jq -c '[.documents, .segments]')" \
	"the shards hold what one pipeline indexes"
hri-query -d single --format json --limit 30 --facets country,theme cooperation |
	jq -c '[.id, .score, .weight, .counts]' >want
hri-query -d shards --format json --limit 30 --facets country,theme cooperation |
	jq -c '[.id, .score, .weight, .counts]' >got
tap "$([ -s want ] && cmp -s want got; echo $?)" "and answer alike"

status 2 "-j 0 is refused" "$HRI_TOP/pipelines/parallel-ingest" -j 0 A/74/35

done_testing
