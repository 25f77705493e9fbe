# fetch_mirror.sh - hri-fetch from a local mirror directory: the bundled
# corpus into an empty store, a rerun that finds nothing changed, a changed
# file, a missing symbol, hostile symbols, and the store lock.
. "$HRI_TOP/tests/cli/lib.sh"

corpus=$HRI_CORPUS
store=$HRI_WORK/store
syms=$(tail -n +2 "$corpus/MANIFEST.tsv" | cut -f1)
n=$(printf '%s\n' "$syms" | wc -l | tr -d ' ')

# 1. The whole corpus, symbols on stdin.
printf '%s\n' "$syms" | hri-fetch -q -S "$store" -s "$corpus" >out1.jsonl 2>err1
is "$?" 0 "mirror fetch of the corpus exits 0"
is "$(wc -l <out1.jsonl | tr -d ' ')" "$n" "one record per symbol of the manifest ($n)"
is "$(jq -r 'select(.status == "new") | .symbol' out1.jsonl | wc -l | tr -d ' ')" "$n" \
	"every record is new"
is "$(jq -r 'select(.type != "fetched")' out1.jsonl)" "" "every record is of type fetched"
is "$(cat err1)" "" "--quiet: nothing on stderr"

# Each object holds the file's bytes (gzip), under its sha256.
# One jq reads every record's fields and awk puts them beside the manifest's
# line (five jq a symbol were a third of the test's time); "-" stands for a
# field missing, and a symbol with no record, or with two, is bad.
jq -r '[.symbol, .path, .sha256, .format, .bytes] | map(. // "-" | tostring) | @tsv' \
	out1.jsonl >fields.tsv
awk -F'\t' -v OFS='\t' 'NR == FNR { n[$1]++; r[$1] = $2 OFS $3 OFS $4 OFS $5; next }
	FNR > 1 { print $1, $2, $3, n[$1] + 0, ($1 in r) ? r[$1] : "-\t-\t-\t-" }' \
	fields.tsv "$corpus/MANIFEST.tsv" >joined.tsv
bad=0
while IFS='	' read -r sym file fmt recs path sha got bytes; do
	[ "$recs" = 1 ] || { bad=$((bad + 1)); echo "# $sym: $recs records"; }
	case $path in "$store"/objects/*) ;; *) bad=$((bad + 1)); echo "# $sym: path $path";; esac
	h=$(zcat <"$path" | sha256sum)
	[ "${h%% *}" = "$sha" ] || { bad=$((bad + 1)); echo "# $sym: object sha"; }
	h=$(sha256sum <"$corpus/$file")
	[ "${h%% *}" = "$sha" ] || { bad=$((bad + 1)); echo "# $sym: file sha"; }
	[ "$got" = "$fmt" ] || { bad=$((bad + 1)); echo "# $sym: format $got, manifest $fmt"; }
	[ "$bytes" = "$(wc -c <"$corpus/$file" | tr -d ' ')" ] ||
		{ bad=$((bad + 1)); echo "# $sym: bytes"; }
done <joined.tsv
is "$bad" 0 "objects, sha256, bytes and format match the manifest's files"

rec=$(jq -c 'select(.symbol == "A/HRC/28/15")' out1.jsonl)
is "$(printf '%s' "$rec" | jq -r '.url')" "file://$corpus/A_HRC_28_15.pdf" "url of a mirror file"
is "$(printf '%s' "$rec" | jq -r '.content_type + " " + .lang')" "application/pdf en" "content type and language"
has "$(printf '%s' "$rec" | jq -r '.fetched_at')" "Z" "fetched_at in UTC"
is "$(find "$store" -name '*.tmp*' | wc -l | tr -d ' ')" 0 "no temporary file left in the store"

# 2. A rerun changes nothing and says so.
printf '%s\n' "$syms" | hri-fetch -S "$store" -s "$corpus" >out2.jsonl 2>err2
is "$?" 0 "rerun exits 0"
is "$(jq -r 'select(.status == "unchanged") | .symbol' out2.jsonl | wc -l | tr -d ' ')" "$n" \
	"rerun: every record unchanged"
is "$(jq -r '.path' out2.jsonl | sort)" "$(jq -r '.path' out1.jsonl | sort)" "rerun: same objects"
is "$(cat err2)" "hri-fetch: $n fetched: 0 new, 0 updated, $n unchanged, 0 failed" "summary line"

# 3. A changed file in the mirror is updated; --force rereads an unchanged one.
mkdir mirror
cp "$corpus/A_HRC_26_41.txt" "$corpus/A_74_35.md" mirror/
hri-fetch -q -S "$store" -s mirror A/HRC/26/41 A/74/35 >out3.jsonl
is "$(jq -r '.status' out3.jsonl | sort | tr '\n' ' ')" "unchanged unchanged " \
	"same bytes from another mirror: unchanged"
printf '\nA late line.\n' >>mirror/A_HRC_26_41.txt
hri-fetch -q -S "$store" -s mirror A/HRC/26/41 A/74/35 >out4.jsonl
is "$(jq -r '.symbol + " " + .status' out4.jsonl | sort | tr '\n' ' ')" \
	"A/74/35 unchanged A/HRC/26/41 updated " "a changed file: updated"
old=$(jq -r 'select(.symbol == "A/HRC/26/41") | .path' out1.jsonl)
[ -f "$old" ]; tap $? "the earlier object is kept"
hri-fetch -q -f -S "$store" -s mirror A/74/35 >out5.jsonl
is "$(jq -r .status out5.jsonl)" "unchanged" "--force rereads, the content is the same"
# A file of the same size and time as at the last run is not even read:
# bytes changed behind a restored time go unseen until --force.
hri-fetch -q -S "$store" -s mirror A/74/35 >/dev/null
cp -p mirror/A_74_35.md stamp
sed 's/Secretary/SECRETARY/' stamp >mirror/A_74_35.md
touch -r stamp mirror/A_74_35.md
hri-fetch -q -S "$store" -s mirror A/74/35 >out5b.jsonl
is "$(jq -r .status out5b.jsonl)" "unchanged" "same size and time: taken as unchanged, unread"
hri-fetch -q -f -S "$store" -s mirror A/74/35 >out5c.jsonl
is "$(jq -r .status out5c.jsonl)" "updated" "--force reads it and sees the change"

# 4. A missing symbol fails alone: exit 3, the others fetched.
hri-fetch -q -S "$store" -s "$corpus" A/HRC/28/15 A/HRC/99/999 A/HRC/14/37 >out6.jsonl 2>err6
is "$?" 3 "a missing symbol: exit 3"
is "$(jq -r 'select(.status != "error") | .symbol' out6.jsonl | sort | tr '\n' ' ')" \
	"A/HRC/14/37 A/HRC/28/15 " "the others are fetched"
is "$(jq -r 'select(.symbol == "A/HRC/99/999") | .status + ": " + .error' out6.jsonl)" \
	"error: not found" "the missing one has an error record"
has "$(cat err6)" "A/HRC/99/999: not found" "and a message naming it"

# 5. Hostile symbols are refused; nothing is written outside the store.
hri-fetch -q -S "$store" -s "$corpus" '../etc/passwd' '/etc/passwd' 'A/HRC/28/15' >out7.jsonl 2>err7
is "$?" 3 "invalid symbols: exit 3"
is "$(jq -r 'select(.status == "error") | .symbol' out7.jsonl | tr '\n' ' ')" \
	"../etc/passwd /etc/passwd " "each gets an error record"
is "$(jq -r 'select(.status != "error") | .symbol' out7.jsonl)" "A/HRC/28/15" "the batch goes on"
is "$(find "$store" -newer out6.jsonl -type f ! -name lock | grep -v '/objects/\|/refs/' | wc -l | tr -d ' ')" 0 \
	"nothing written outside objects/ and refs/"

# 6. Ranges expand; duplicates are fetched once.
hri-fetch -q -S "$store" -s "$corpus" A/HRC/28/15 A/HRC/28/15 >out8.jsonl
is "$(wc -l <out8.jsonl | tr -d ' ')" 1 "a symbol given twice is fetched once"
hri-fetch -q -S "$store" -s "$corpus" A/HRC/28/14-16 >out9.jsonl
is "$(jq -r '.symbol + " " + .status' out9.jsonl | tr '\n' ' ')" \
	"A/HRC/28/14 error A/HRC/28/15 unchanged A/HRC/28/16 error " "a range expands in order"

# 7. The lock: a second run fails clearly with exit 4, or waits with --wait.
# The holder keeps the lock until told (a line on a FIFO), so the test does
# not depend on how fast the tools start (under valgrind, seconds).
if command -v flock >/dev/null; then
	mkfifo hold
	flock "$store/lock" sh -c 'read -r _ <hold' &
	holder=$!
	i=0
	while flock -n "$store/lock" true && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	hri-fetch -S "$store" -s "$corpus" A/HRC/28/15 >out10.jsonl 2>err10
	is "$?" 4 "store locked: exit 4"
	has "$(cat err10)" "another run holds the store lock" "and says why"
	hri-fetch -q -w -S "$store" -s "$corpus" A/HRC/28/15 >out11.jsonl &
	waiter=$!
	sleep 1
	kill -0 "$waiter" 2>/dev/null
	tap $? "--wait: still waiting while the lock is held"
	echo >hold
	wait "$holder"
	wait "$waiter"
	is "$?:$(jq -r .status out11.jsonl)" "0:unchanged" "--wait: done once the lock is free"
fi

# 8. Usage errors and nothing to do.
status 2 "unknown language: exit 2" hri-fetch -S "$store" -s "$corpus" -l xx A/HRC/28/15
status 2 "a source that is neither directory nor URL: exit 2" hri-fetch -S "$store" -s nowhere A/HRC/28/15
status 2 "a file:// template is refused" hri-fetch -S "$store" -s 'file:///etc/{file}' A/HRC/28/15
: | hri-fetch -q -S "$store" -s "$corpus"
is "$?" 1 "empty input: exit 1"
hri-fetch --help | grep -q '^usage: hri-fetch'
tap $? "--help prints the usage"

# 9. The default store is under $HRI_HOME.
hri-fetch -q -s "$corpus" A/HRC/26/41 >out12.jsonl
has "$(jq -r .path out12.jsonl)" "$HRI_HOME/store/objects/" "default store under HRI_HOME"

done_testing
