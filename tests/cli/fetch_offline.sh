# fetch_offline.sh - hri-fetch when the source's host name does not resolve,
# as on a machine without network: a name under .invalid never resolves
# (RFC 6761), so no network is needed. One message says so, once; the
# transfers after the first to spend its retries are not tried; every
# symbol still gets its error record; hri-fetch exits 4 and the pipeline
# after it does not end "nothing to do".
. "$HRI_TOP/tests/cli/lib.sh"

src='https://hri-test.invalid/{symbol}.pdf'
hri-fetch -s "$src" --backoff 0.1 A/HRC/58/1-80 >out.jsonl 2>err.txt
is "$?" 4 "hri-fetch, host name unresolvable: exit 4 (the source cannot be reached)"
is "$(grep -c '"type":"fetched"' out.jsonl)" 80 "every symbol has its record"
is "$(jq -r 'select(.status == "error") | .symbol' out.jsonl | wc -l | tr -d ' ')" 80 \
	"every record says error"
is "$(grep -c 'Could not resolve host: hri-test.invalid' err.txt)" 1 \
	"one message says the host name does not resolve, once"
has "$(cat err.txt)" "offline, or no name server?" "and what that may mean"
has "$(cat err.txt)" "80 failed" "the summary counts the 80"
# The first transfers spend their retries; the rest are not tried: at
# most --jobs (4) records say how many attempts were made.
tried=$(grep -c '(after [0-9]* attempts)' out.jsonl)
tap "$([ "$tried" -ge 1 ] && [ "$tried" -le 4 ]; echo $?)" \
	"at most 4 transfers spent their retries ($tried)"
is "$(grep -c 'not tried' out.jsonl)" "$((80 - tried))" "the others were not tried"

# The pipeline passes the failures on: hri-parse writes each as a doc
# record with its error, without a word (hri-fetch said it), and hri-index
# ends with exit 3 and counts them.
hri-parse <out.jsonl >parsed.jsonl 2>parse.err
is "$?" 3 "hri-parse on the failed fetches: exit 3"
is "$(jq -r 'select(.type == "doc" and .error != null) | .symbol' parsed.jsonl | wc -l | tr -d ' ')" \
	80 "hri-parse passes each failure on as a doc record with its error"
is "$(cat parse.err)" "" "hri-parse says nothing more of them"
hri-index -d db <parsed.jsonl 2>index.err
is "$?" 3 "hri-index after them: exit 3, not 1 (nothing to do)"
has "$(cat index.err)" "80 documents failed before hri-index" "hri-index counts them"

# --metadata with the catalogue unreachable: the documents come from the
# mirror, the catalogue's failure is said once.
hri-fetch -S s2 -s "$HRI_CORPUS" -m --catalogue 'https://cat.invalid/{symbol}' \
	--backoff 0.1 A/HRC/26/41 A/74/35 A/HRC/23/20 >meta.jsonl 2>meta.err
is "$?" 0 "catalogue unresolvable, mirror fine: exit 0"
is "$(jq -r 'select(.status == "new") | .symbol' meta.jsonl | wc -l | tr -d ' ')" 3 \
	"the three documents are fetched"
is "$(grep -c 'cat.invalid' meta.err)" 1 "the catalogue's failure is said once"

# The nightly ingestion stops at once, says why and exits 4.
pipelines=$HRI_TOP/pipelines
# --backoff reaches hri-fetch (its first retries waited 1 s, 2 s and 4 s).
"$pipelines/ingest-session" -s "$src" --backoff 0.1 --probe 58 >ingest.out 2>ingest.err
is "$?" 4 "ingest-session offline: exit 4, not 1 (nothing to do)"
has "$(cat ingest.err)" "Could not resolve host: hri-test.invalid" "ingest-session says why"
case $(cat ingest.err) in *"nothing to do"*) r=1 ;; *) r=0 ;; esac
tap "$r" "ingest-session does not say nothing to do"
"$pipelines/ingest-session" -s "$src" --backoff 1s 58 >/dev/null 2>ingest.err
is "$?" 2 "ingest-session --backoff 1s: a usage error"
is "$(head -1 ingest.err)" "ingest-session: --backoff 1s: not a number of seconds" \
	"which says what is wrong"
"$pipelines/ingest-session" -s "$src" --backoff 0 --probe 58 >/dev/null 2>ingest.err
is "$?" 4 "ingest-session --backoff 0: hri-fetch refuses it, the run stops"
has "$(cat ingest.err)" "hri-fetch: --backoff: a number of seconds above 0" "with hri-fetch's message"
done_testing
