# robust_index.sh - hri-index and hri-query under stress: a 100 MB record
# line, two writers on one database, queries during an index run, SIGKILL at
# random moments (the database is always the one before or the one after a
# batch, never in between, and a rerun completes the work), and a full disk.
. "$HRI_TOP/tests/cli/lib.sh"
need xapian-check xapian-tools
C=$HRI_CORPUS

# segments DB: the number of segments in DB, or "none" when it cannot be
# opened.
segments() {
	hri-index -d "$1" --stats --format json 2>/dev/null | jq -r .segments 2>/dev/null ||
		echo none
}

# ids DB QUERY: the sorted ids of every hit of QUERY in DB.
ids() {
	hri-query -d "$1" --format json --limit 100000 "$2" 2>/dev/null | jq -r .id | sort
}

# Two batches of records: A the database starts with, B what is added.
hri-parse "$C/A_HRC_26_41.txt" "$C/A_74_35.md" >a.jsonl 2>/dev/null
hri-parse "$C/A_HRC_23_20.md" "$C/A_HRC_31_81.md" >b.jsonl 2>/dev/null
tap "$([ -s a.jsonl ] && [ -s b.jsonl ]; echo $?)" "records to index"
hri-index -q -d refa a.jsonl && cp -r refa ref && hri-index -q -d ref b.jsonl
tap $? "reference databases: A, and A then B"
na=$(jq -r 'select(.type=="segment") | .id' a.jsonl | wc -l | tr -d ' ')
nb=$(jq -r 'select(.type=="segment") | .id' b.jsonl | wc -l | tr -d ' ')
is "$(segments ref)" "$((na + nb))" "reference: $na + $nb segments"
ids ref 'human rights' >ref.ids
ids refa 'human rights' >refa.ids
tap "$([ -s ref.ids ]; echo $?)" "reference answers 'human rights' ($(wc -l <ref.ids | tr -d ' ') hits)"

# 1. A 100 MB line between two good records: reported by line, the others
# indexed, exit 3, memory bounded.
{
	head -1 a.jsonl
	printf '{"type":"segment","symbol":"A/HRC/1/1","id":"A/HRC/1/1#1","text":"'
	head -c 100000000 /dev/zero | tr '\0' x
	echo '"}'
	tail -n +2 a.jsonl
} >big.jsonl
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o rss hri-index -d big <big.jsonl >big.out 2>big.err
	rc=$?
else
	hri-index -d big <big.jsonl >big.out 2>big.err
	rc=$?
fi
rm -f big.jsonl
is "$rc" 3 "100 MB line: exit 3"
has "$(cat big.err)" ":2: " "100 MB line: the message names line 2"
is "$(segments big)" "$na" "100 MB line: the records around it indexed"
if [ -f rss ] && [ -z "${HRI_SANITIZED:-}${HRI_VALGRIND:-}" ]; then
	rss=$(tail -1 rss)
	tap "$([ "$rss" -lt 102400 ]; echo $?)" "100 MB line: peak memory $rss KB < 100 MB"
fi

# 2. Two writers: while one run holds the database (it waits on its input),
# a second fails at once with a clear message, or waits with --wait and
# then succeeds; hri-query answers all along, from the last commit.
hri-index -q -d db a.jsonl
mkfifo feed
hri-index -q -d db <feed >w1.out 2>w1.err &
w1=$!
exec 7>feed
sleep 1
hri-index -d db --wait 0 b.jsonl >w2.out 2>w2.err
is "$?" 4 "second writer, --wait 0: exit 4"
has "$(cat w2.err)" "hri-index: " "second writer: a message"
grep -qi 'lock\|another\|writ' w2.err
tap $? "second writer: the message says another run is writing"
is "$(segments db)" "$na" "while the first writes: queries answer from the last commit"
ids db 'human rights' >during.ids
tap "$([ -s during.ids ] && cmp -s during.ids refa.ids; echo $?)" \
	"hri-query answers during the index run, as before it"
# (7>&-: the second writer must not hold the first one's input open)
hri-index -q -d db --wait 30 b.jsonl >w3.out 2>w3.err 7>&- &
w3=$!
sleep 1
kill -0 "$w3" 2>/dev/null
tap $? "second writer with --wait: still waiting"
cat b.jsonl >&7
exec 7>&-
wait "$w1"
is "$?" 0 "first writer: exit 0"
wait "$w3"
is "$?" 0 "second writer with --wait: exit 0 once the first is done"
is "$(segments db)" "$((na + nb))" "both batches indexed"
ids db 'human rights' >db.ids
cmp -s db.ids ref.ids
tap $? "the database answers as the reference does"
xapian-check db >/dev/null 2>&1
tap $? "xapian-check: the database is sound"

# 3. SIGKILL at random moments of a run adding B to A: afterwards the
# database opens, passes xapian-check, holds A or A+B and answers a query as
# the reference database of A or of A+B does, nothing between.
valgrind_off
rm -rf kdb
hri-index -q -d kdb a.jsonl
start=$(date +%s%N)
hri-index -q -d t0 b.jsonl
span=$(( ($(date +%s%N) - start) / 1000000 + 50 )) # ms a run takes
rm -rf t0
bad=0 killed=0 runs=24
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	hri-index -q -d kdb b.jsonl >/dev/null 2>&1 &
	pid=$!
	ms=$(rnd "$span")
	sleep_ms "$ms"
	kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	n=$(segments kdb)
	if [ "$n" != "$na" ] && [ "$n" != "$((na + nb))" ]; then
		bad=$((bad + 1)); echo "# run $i: killed after $ms ms: $n segments"
	fi
	ids kdb 'human rights' >k.ids
	if ! cmp -s k.ids refa.ids && ! cmp -s k.ids ref.ids; then
		bad=$((bad + 1)); echo "# run $i: killed after $ms ms: answers of neither A nor A+B"
	fi
	if ! xapian-check kdb >/dev/null 2>&1; then
		bad=$((bad + 1)); echo "# run $i: xapian-check fails"
	fi
	# back to A for the next run
	if [ "$n" = "$((na + nb))" ]; then
		hri-index -q -d kdb --delete A/HRC/23/20 A/HRC/31/81 >/dev/null 2>&1
	fi
done
echo "# $killed of $runs runs killed (within $span ms)"
is "$bad" 0 "SIGKILL x $runs: the database is always A or A+B, and sound"
tap "$([ "$killed" -gt 0 ]; echo $?)" "some runs were really killed ($killed)"
valgrind_on
hri-index -q -d kdb b.jsonl
is "$?" 0 "a rerun completes"
ids kdb 'human rights' >kdb.ids
cmp -s kdb.ids ref.ids
tap $? "after the kills and a rerun: the answers of the reference"
is "$(find kdb ref -name '*.tmp*' | wc -l | tr -d ' ')" 0 "no temporary file left"

# 4. A full disk (a file size limit): a clear error, the database as it was.
before=$(segments db)
hri-parse "$C/A_HRC_28_15.pdf" "$C/A_HRC_14_15.pdf" >c.jsonl 2>/dev/null
# SIGXFSZ ignored, as a full disk sends none: writes fail with EFBIG.
(trap '' XFSZ; ulimit -f 64; hri-index -d db c.jsonl >full.out 2>full.err)
rc=$?
tap "$([ "$rc" -ne 0 ]; echo $?)" "file size limit: the run fails (exit $rc)"
grep -q 'hri-index: ' full.err
tap $? "file size limit: a message on stderr"
is "$(segments db)" "$before" "file size limit: the database as it was"
ids db 'human rights' >full.ids
cmp -s full.ids ref.ids
tap $? "file size limit: answers unchanged"
hri-index -q -d db c.jsonl
tap $? "without the limit the same batch goes in"

done_testing
