# pipelines_ingest.sh - pipelines/ingest-session on a mirror of the bundled
# corpus (probing: A/HRC/28/1, 2, ... with no catalogue): a first run
# indexes the session, a rerun changes nothing and says so, a changed file
# is indexed again, a dry run changes nothing, a run killed in the middle is
# completed by the next, a held lock is reported, "latest" finds session 28.
. "$HRI_TOP/tests/cli/lib.sh"

ingest=$HRI_TOP/pipelines/ingest-session
mirror=$HRI_WORK/mirror
mkdir -p "$mirror"
for f in A_HRC_28_2.pdf A_HRC_28_15.pdf A_HRC_28_15_Add.1.pdf A_HRC_DEC_28_111.pdf \
	A_HRC_26_41.txt A_HRC_14_15.pdf; do
	cp "$HRI_CORPUS/$f" "$mirror/" || exit 1
done
state=$HRI_HOME/ingest/state.tsv
sha() { sha256sum <"$1" | cut -d' ' -f1; }
stats() { hri-index --stats --format json | jq -r "$1"; }
states() { cut -f1 "$1" | sort | tr '\n' ' '; }

# 1. A first run: the session's three documents (the report, the UPR
# report and its addendum) fetched, parsed and indexed.
"$ingest" -s "$mirror" 28 >out1 2>err1
is "$?" 0 "first run exits 0"
is "$(cat out1)" "" "nothing on stdout"
has "$(cat err1)" "session 28: 3 new, 0 updated, 0 unchanged, 0 failed; 3 indexed" "summary line"
is "$(wc -l <err1 | tr -d ' ')" 1 "the summary is one line"
is "$(states "$state")" "A/HRC/28/15 A/HRC/28/15/Add.1 A/HRC/28/2 " "state lists the three documents"
is "$(awk -F'\t' -v s="$(sha "$mirror/A_HRC_28_15.pdf")" '$1 == "A/HRC/28/15" { print ($3 == s) }' "$state")" 1 \
	"state keeps the sha256 of the file indexed"
is "$(stats .documents)" 3 "the database holds three documents"
segs=$(stats .segments)
is "$(hri-query --format json --limit 200 'symbol:A/HRC/28/15' 'kind:recommendation' | jq -r .id | grep -c '#115\.')" \
	"$(hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" | jq -r 'select(.kind == "recommendation") | .id' | grep -c '#115\.')" \
	"the UPR report's recommendations are searchable, as many as hri-parse cuts"
log=$HRI_HOME/log/ingest.log
is "$(grep -vc '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z ' "$log")" 0 \
	"every log line starts with a UTC timestamp"
has "$(cat "$log")" "indexed A/HRC/28/15/Add.1" "the log names each document indexed"
is "$(cat "$HRI_HOME/ingest/latest")" 28 "the session is remembered for latest"

# 2. A rerun: nothing new, nothing touched, and it says so (exit 1).
cp "$state" state1
"$ingest" -s "$mirror" 28 >out2 2>err2
is "$?" 1 "rerun with nothing new exits 1"
is "$(cat err2)" "ingest-session: session 28: 0 new, 0 updated, 3 unchanged, 0 failed; nothing to do" \
	"rerun summary: nothing to do"
cmp -s state1 "$state"
tap $? "rerun leaves the state as it was"
is "$(stats .segments)" "$segs" "rerun leaves the database as it was"

# 3. --dry-run on an empty data directory lists and changes nothing.
HRI_HOME=$HRI_WORK/dry "$ingest" -n -s "$mirror" 28 >dry1 2>dryerr1
is "$?" 0 "dry run with work to do exits 0"
is "$(cat dry1)" "A/HRC/28/15	new
A/HRC/28/15/Add.1	new
A/HRC/28/2	new" "dry run lists what it would fetch and index"
is "$(find "$HRI_WORK/dry" -type f ! -name ingest.lock ! -name ingest.log ! -name state.tsv | wc -l | tr -d ' ')" 0 \
	"dry run: no store object, no database"
is "$(wc -c <"$HRI_WORK/dry/ingest/state.tsv" | tr -d ' ')" 0 "dry run: the state is empty"
"$ingest" --dry-run -s "$mirror" 28 >dry2 2>/dev/null
is "$?" 1 "dry run on an indexed session exits 1"
is "$(cut -f2 dry2 | sort -u)" indexed "dry run: every document already indexed"
cmp -s state1 "$state"
tap $? "dry run leaves the state as it was"

# 4. A run killed while it indexes: the next run completes it.
valgrind_off
kill_home=$HRI_WORK/killed
# setsid gives the run its own process group (a background job of a
# shell without job control is no group leader, so setsid does not fork),
# to kill it whole, the tool it is running included.
HRI_HOME=$kill_home setsid "$ingest" -q -s "$mirror" 28 >/dev/null 2>&1 &
pid=$!
# Up to 120 s: two documents took over 30 s at a load of 9 on two CPUs.
i=0
while [ "$(cat "$kill_home/ingest/state.tsv" 2>/dev/null | wc -l)" -lt 2 ] && [ $i -lt 2400 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -KILL "-$pid"
tap $? "the run is killed (SIGKILL to its process group)"
wait "$pid" 2>/dev/null
n=$(wc -l <"$kill_home/ingest/state.tsv" | tr -d ' ')
is "$n" 2 "killed run: two documents recorded, the third not"
# --wait: the killed group's processes may still be dying with the lock
HRI_HOME=$kill_home "$ingest" -w -s "$mirror" 28 >/dev/null 2>err4
is "$?" 0 "the run after the kill exits 0"
has "$(cat err4)" "0 new, 0 updated, 3 unchanged, 0 failed (1 resumed from an earlier run); 1 indexed" \
	"it indexes what the killed run left"
is "$(states "$kill_home/ingest/state.tsv")" "$(states "$state")" "state complete after the kill"
is "$(HRI_HOME=$kill_home stats .documents) $(HRI_HOME=$kill_home stats .segments)" "3 $segs" \
	"the database is the one an unbroken run builds"
HRI_HOME=$kill_home "$ingest" -s "$mirror" 28 >/dev/null 2>&1
is "$?" 1 "and the next run has nothing to do"
valgrind_on

# 5. The lock: a second run at once is refused with a clear message;
# --wait waits its turn.
exec 8>>"$HRI_HOME/ingest.lock"
flock -n 8
"$ingest" -s "$mirror" 28 >/dev/null 2>err5
is "$?" 4 "a run while another holds the lock exits 4"
is "$(cat err5)" "ingest-session: $HRI_HOME/ingest.lock: another ingest-session is running; use --wait to wait for it" \
	"the lock held is said"
"$ingest" -w -s "$mirror" 28 >/dev/null 2>err5w 8>&- &
waiter=$!
sleep 0.5
kill -0 "$waiter" 2>/dev/null
tap $? "--wait waits while the lock is held"
exec 8>&-
wait "$waiter"
is "$?" 1 "--wait runs once the lock is free"

# 6. A changed file is fetched as updated and indexed again.
cp "$HRI_CORPUS/A_HRC_14_15_Add.1.pdf" "$mirror/A_HRC_28_15_Add.1.pdf"
"$ingest" -s "$mirror" 28 >/dev/null 2>err6
is "$?" 0 "run after a change exits 0"
has "$(cat err6)" "0 new, 1 updated, 2 unchanged, 0 failed; 1 indexed" "the change is counted as updated"
is "$(awk -F'\t' '$1 == "A/HRC/28/15/Add.1" { print $3 " " $7 }' "$state")" \
	"$(sha "$mirror/A_HRC_28_15_Add.1.pdf") updated" "state: the new sha256, marked updated"
is "$(stats .documents)" 3 "still three documents"

# 7. --misses: a longer run of missing symbols reaches decision 28/111
# (A/HRC/DEC/28/101 to 110 are not in the mirror).
"$ingest" --misses 11 -s "$mirror" 28 >/dev/null 2>err7
is "$?" 0 "--misses 11 exits 0"
has "$(cat err7)" "session 28: 1 new, 0 updated, 3 unchanged, 0 failed; 1 indexed" "one more document"
has "$(states "$state")" "A/HRC/DEC/28/111" "the decision adopting the UPR outcome"

# 8. latest: probing upward from the session remembered.
echo 27 >"$HRI_HOME/ingest/latest"
"$ingest" -s "$mirror" --misses 11 latest >/dev/null 2>err8
is "$?" 1 "latest: session 28 found, nothing new"
has "$(cat err8)" "session 28: 0 new" "latest is session 28"
is "$(cat "$HRI_HOME/ingest/latest")" 28 "and remembered"

# 9. Usage errors.
status 2 "no session is a usage error" "$ingest" -s "$mirror"
status 2 "a session that is no number" "$ingest" -s "$mirror" 2x
status 2 "a bad --misses" "$ingest" -s "$mirror" --misses 0 28
status 2 "a bad --rate" "$ingest" -s "$mirror" --rate 5/s 28
# -r reaches hri-fetch, which checks the value: one it refuses ends the run
"$ingest" -s "$mirror" -r 1001 28 >/dev/null 2>err9
is "$?" 4 "-r 1001: hri-fetch refuses it, the run fails"
has "$(cat err9)" "hri-fetch: --rate: a rate from 0 to 1000, not 1001" \
	"hri-fetch's own message about the rate"
"$ingest" --help >help
has "$(cat help)" "usage: ingest-session" "--help prints the usage"

done_testing
