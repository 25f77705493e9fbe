# robust_fetch.sh - hri-fetch against symbols crafted to leave the store or
# bend a URL, SIGKILL at random moments (the store never holds a partial
# object, and a rerun completes the work), and a full disk (a clear error,
# nothing stored before lost). Nothing outside the store is touched.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS

# check_store DIR: prints one line per object of DIR that does not inflate
# to bytes whose sha256 is its name, and per reference that is not JSON.
check_store() {
	find "$1/objects" -type f -name '*.gz' 2>/dev/null | while read -r o; do
		case $o in *.tmp*) continue ;; esac
		want=${o##*/}
		got=$(gzip -dc "$o" 2>/dev/null | sha256sum)
		[ "${got%% *}" = "${want%.gz}" ] || echo "bad object $o"
	done
	# One jq for all the references (one a file was a third of the test's
	# time): each read whole by --rawfile, so a truncated one cannot run
	# on into the next; one that is empty, null or not JSON is bad.
	find "$1" -path '*/refs/*' -type f ! -name '*.tmp*' 2>/dev/null | {
		d=$1
		set --
		while read -r r; do set -- "$@" --rawfile "$r" "$r"; done
		[ $# -eq 0 ] || jq -nr '$ARGS.named | to_entries[]
			| select((.value | try fromjson catch null) | . == null or . == false)
			| "bad reference " + .key' "$@" || echo "references unreadable in $d"
	}
}

# Ten documents of the corpus, text and PDF: enough to be killed mid-way.
syms=$(tail -n +2 "$C/MANIFEST.tsv" | cut -f1 | head -10)
n=$(printf '%s\n' "$syms" | wc -l | tr -d ' ')
mkdir out sandbox
touch stamp

# 1. Symbols crafted to escape the store or to inject into a URL: each
# refused with a message naming it, the good symbol fetched, nothing written
# outside the store.
set -- '../../../../tmp/hri-robust-escape' '/etc/passwd' 'A/HRC/../../x' \
	'A/HRC/26/41/../../../x' '..' '.' 'A\HRC\26\41' 'A/HRC/26/41%2F..%2F..' \
	'A/HRC/26/41?x=1#frag' 'A/HRC/26/41;touch pwned' '$(touch pwned)' \
	'file:///etc/passwd' 'http://127.0.0.1:1/' 'A/HRC/26/41
X'
(cd sandbox && hri-fetch -s "$C" "$@" A/HRC/28/15 >../out/esc.jsonl 2>../out/esc.err)
is "$?" 3 "crafted symbols: exit 3"
is "$(jq -c 'select(.status=="error")' out/esc.jsonl | wc -l | tr -d ' ')" \
	"$#" "crafted symbols: an error record each ($#)"
is "$(jq -r 'select(.status!="error") | .symbol' out/esc.jsonl)" "A/HRC/28/15" \
	"crafted symbols: the good one fetched"
bad=0
for s in "$@"; do
	first=$(printf '%s' "$s" | head -1)
	grep -qF "hri-fetch: $first" out/esc.err || { bad=$((bad + 1)); echo "# not named: $s"; }
done
is "$bad" 0 "crafted symbols: each named on stderr"
# A NUL in a line of stdin: refused, never cut to the valid symbol before it.
printf 'A/HRC/14/37\000../../x\nA/HRC/14/15\n' |
	(cd sandbox && hri-fetch -s "$C" >../out/nul.jsonl 2>../out/nul.err)
is "$?" 3 "a NUL in a line: exit 3"
is "$(jq -r 'select(.status!="error") | .symbol' out/nul.jsonl)" "A/HRC/14/15" \
	"a NUL in a line: refused, the next line fetched"
is "$(find "$HRI_HOME/store" -path '*/refs/*' -name '*A_HRC_14_37*' | wc -l | tr -d ' ')" 0 \
	"a NUL in a line: nothing stored under the symbol before it"
is "$(find "$HRI_WORK" -mindepth 1 -newer stamp ! -path "$HRI_WORK/out*" ! -path "$HRI_HOME*" |
	head -5)" "" "nothing written outside the store"
[ ! -e /tmp/hri-robust-escape ]; tap $? "nothing written in /tmp"

# 2. A URL template: symbols are URL-encoded, so no symbol adds a path, a
# query or a fragment (no server listens on port 1: each fails to connect).
hri-fetch -R 0 -t 5 -s 'http://127.0.0.1:1/d/{symbol}?l={lang}' \
	'S/RES/1325 (2000)' 'A/HRC/26/41' >out/url.jsonl 2>out/url.err
is "$?" 3 "URL template, no server: exit 3"
is "$(jq -r .url out/url.jsonl | tr '\n' ' ')" \
	"http://127.0.0.1:1/d/S%2FRES%2F1325%20%282000%29?l=en http://127.0.0.1:1/d/A%2FHRC%2F26%2F41?l=en " \
	"URL template: symbols encoded"

# 3. SIGKILL at random moments of a fetch of the corpus into a new store:
# never an object that is not what its name says, and a rerun completes.
valgrind_off
start=$(date +%s%N)
printf '%s\n' "$syms" | hri-fetch -q -S t0 -s "$C" >/dev/null 2>&1
span=$(( ($(date +%s%N) - start) / 1000000 + 20 )) # ms a run takes
rm -rf t0
bad=0 killed=0 runs=15 left=0
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	rm -rf ks
	printf '%s\n' "$syms" | hri-fetch -q -S ks -s "$C" >/dev/null 2>&1 &
	pid=$!
	ms=$(rnd "$span")
	sleep_ms "$ms"
	kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	b=$(check_store ks)
	if [ -n "$b" ]; then bad=$((bad + 1)); echo "# run $i, after $ms ms: $b"; fi
	left=$((left + $(find ks -name '*.tmp*' 2>/dev/null | wc -l)))
	# the rerun of a killed run
	printf '%s\n' "$syms" | hri-fetch -q -S ks -s "$C" >ks.jsonl 2>/dev/null
	rc=$?
	if [ "$rc" -ne 0 ] || [ "$(jq -r .status ks.jsonl | grep -c 'new\|unchanged')" -ne "$n" ]; then
		bad=$((bad + 1)); echo "# run $i: the rerun exits $rc"
	fi
	b=$(check_store ks)
	if [ -n "$b" ]; then bad=$((bad + 1)); echo "# run $i, rerun: $b"; fi
	# the rerun removes what the killed run left half written
	after=$(find ks -name '*.tmp*' 2>/dev/null | wc -l)
	if [ "$after" -ne 0 ]; then bad=$((bad + 1)); echo "# run $i: $after temporary files after the rerun"; fi
done
echo "# $killed of $runs runs killed (within $span ms); $left temporary files left by them"
is "$bad" 0 "SIGKILL x $runs: every object is what its name says; each rerun completes and removes the temporary files"
tap "$([ "$killed" -gt 0 ]; echo $?)" "some runs were really killed ($killed)"
valgrind_on

# 4. A file size limit, with SIGXFSZ left as it is: hri-fetch is not
# killed by it but reports each document it could not store, saying why.
(ulimit -f 128; printf '%s\n' "$syms" |
	hri-fetch -S xfsz -s "$C" >out/xfsz.jsonl 2>out/xfsz.err)
rc=$?
tap "$([ "$rc" -eq 3 ]; echo $?)" "SIGXFSZ: not killed by it, exit 3 (got $rc)"
has "$(cat out/xfsz.err)" "File too large" "SIGXFSZ: the message says why (errno, not 'input/output error')"
tap "$([ "$(jq -c 'select(.status=="error" and (.error|test("File too large")))' out/xfsz.jsonl | wc -l)" -gt 0 ]; echo $?)" \
	"SIGXFSZ: an error record for what could not be stored"
is "$(check_store xfsz)" "" "SIGXFSZ: every object is what its name says"

# 5. A full disk (a file size limit, SIGXFSZ ignored as a full disk sends
# none): a clear error, exit 3 or 4, and what was stored before intact.
hri-fetch -q -S full -s "$C" A/HRC/26/41 A/74/35 >out/full1.jsonl
before=$(find full -type f ! -name lock ! -name '*.tmp*' | sort | xargs cat | sha256sum)
(trap '' XFSZ; ulimit -f 128; printf '%s\n' "$syms" |
	hri-fetch -S full -s "$C" >out/full2.jsonl 2>out/full2.err)
rc=$?
tap "$([ "$rc" -eq 3 ] || [ "$rc" -eq 4 ]; echo $?)" "file size limit: exit 3 or 4 (got $rc)"
grep -Eqi 'too large|space|write|file' out/full2.err
tap $? "file size limit: the message says why"
is "$(check_store full)" "" "file size limit: every object is what its name says"
hri-fetch -q -S full -s "$C" A/HRC/26/41 A/74/35 >out/full3.jsonl
is "$(jq -r .status out/full3.jsonl | tr '\n' ' ')" "unchanged unchanged " \
	"file size limit: what was stored before is still there"
printf '%s\n' "$syms" | hri-fetch -q -S full -s "$C" >out/full4.jsonl
is "$?" 0 "without the limit the batch completes"
is "$(check_store full)" "" "and the store is sound"

# 6. An object cut short on disk, from a mirror: -f fetched it again but
# found the name in the store and said "unchanged", damaged for ever; now
# it is replaced, with -f and without.
hri-fetch -q -S tr -s "$C" A/HRC/28/15 >/dev/null
s=$(jq -r .sha256 tr/refs/en/A_HRC_28_15.json)
o=tr/objects/$(echo "$s" | cut -c1-2)/$s.gz
for f in -f ""; do
	truncate -s 1000 "$o"
	hri-fetch -S tr -s "$C" $f A/HRC/28/15 >out/tr.jsonl 2>out/tr.err
	is "$(jq -c '[.status, .repaired]' out/tr.jsonl)" '["unchanged",true]' \
		"a truncated object${f:+ ($f)}: replaced, said so"
	is "$(check_store tr)" "" "a truncated object${f:+ ($f)}: the store is sound again"
done

# 7. --verify: objects cut short or changed in the middle are fetched
# again whole, an object nothing refers to is removed, so is an unreadable
# reference and a killed run's temporary file; the rest is untouched.
hri-fetch -q -S vs -s "$C" A/HRC/26/41 A/74/35 A/HRC/28/15 A/HRC/14/15 >/dev/null
obj() { s=$(jq -r .sha256 "vs/refs/en/$1.json"); echo "vs/objects/$(echo "$s" | cut -c1-2)/$s.gz"; }
cut=$(obj A_HRC_26_41) mid=$(obj A_HRC_28_15) keep=$(obj A_HRC_14_15)
truncate -s 500 "$cut"
printf 'XXXXXXXX' | dd of="$mid" bs=1 seek=300 conv=notrunc 2>/dev/null
mkdir -p vs/objects/00
echo garbage | gzip >vs/objects/00/0000000000000000000000000000000000000000000000000000000000000000.gz
echo x >"$keep.tmpAbC123"
echo '{not json' >vs/refs/en/A_74_35.json
before=$(sha256sum "$keep")
hri-fetch -S vs -s "$C" --verify >out/verify.jsonl 2>out/verify.err
is "$?" 0 "--verify: exit 0, all repaired"
is "$(jq -r 'select(.repaired) | .symbol' out/verify.jsonl | sort | tr '\n' ' ')" \
	"A/HRC/26/41 A/HRC/28/15 " "--verify: the cut and the changed object fetched again (repaired)"
has "$(cat out/verify.err)" "5 objects read: 3 damaged, 0 missing; 2 fetched again, 0 failed, 1 damaged removed; 1 unreadable references and 1 temporary files removed" \
	"--verify: the summary says what it found and did"
is "$(check_store vs)" "" "--verify: every object is what its name says"
is "$(find vs -name '*.tmp*' | wc -l | tr -d ' ')" 0 "--verify: no temporary file left"
is "$(sha256sum "$keep")" "$before" "--verify: a sound object is not rewritten"
hri-fetch -S vs -s "$C" --verify A/HRC/26/41 A/HRC/99/99 >/dev/null 2>out/verify2.err
is "$?" 3 "--verify SYMBOL: a symbol not in the store is exit 3"
has "$(cat out/verify2.err)" "A/HRC/99/99: not in the store" "--verify SYMBOL: named"
has "$(cat out/verify2.err)" "1 objects read: 0 damaged" "--verify SYMBOL: only its object read"

done_testing
