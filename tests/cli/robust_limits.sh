# robust_limits.sh - hri-parse's limits on one document (parse/sandbox.c),
# on the PDF bombs of tests/data/make_pdf_bombs.py: a 16 KB page that
# saves the graphics state 4M times (poppler: 3.8 GB, or std::bad_alloc and
# abort, which took the whole run down) and 20 pages of 5M "q Q" (a minute
# of CPU). Each document runs in a process of its own under the kernel's
# limits: the bomb stops at its limit with a doc record naming it and
# nothing else of it on stdout, the good document after it in the same run
# is parsed, and the run exits 3. The limits here are small so that a step
# takes about a second.
. "$HRI_TOP/tests/cli/lib.sh"
need pgrep procps
D=$HRI_TOP/tests/data C=$HRI_CORPUS

mkdir out run
good=$(hri-parse "$C/A_HRC_31_81.md" 2>/dev/null |
	jq -r 'select(.type=="segment") | .id' | grep -c '^A/HRC/31/81#')
tap "$([ "$good" -gt 10 ]; echo $?)" "the good report alone: $good segments"

# bomb FILE LIMIT-FLAGS...: parses FILE as A/HRC/1/1, then the good report
# (a record on stdin) in the same run; out/FILE.jsonl, out/FILE.err, rc,
# and the peak memory of the run and its children in rss (KB) when GNU time
# is there to tell it.
bomb() {
	f=$1; shift
	t=
	[ -x /usr/bin/time ] && t="/usr/bin/time -f %M -o ../out/rss"
	printf '{"type":"fetched","symbol":"A/HRC/31/81","path":"%s"}\n' \
		"$C/A_HRC_31_81.md" |
	(cd run && $t timeout 120 hri-parse "$@" -s A/HRC/1/1 "$D/$f" -) \
		>"out/$f.jsonl" 2>"out/$f.err"
	rc=$?
	rss=$(tail -1 out/rss 2>/dev/null)
}

# stopped FILE WHY: FILE was stopped at the limit WHY: exit 3, a message
# naming the file and the limit, one doc record with WHY as its error and
# no other record of it, the good report whole after it.
stopped() {
	is "$rc" 3 "$1: exit 3"
	has "$(cat "out/$1.err")" "hri-parse: $D/$1: $2" "$1: the message names the file and the limit"
	is "$(jq -c 'select(.symbol=="A/HRC/1/1") | [.type, .error]' "out/$1.jsonl")" \
		"[\"doc\",\"$2\"]" "$1: one doc record, its error the limit; nothing partial"
	is "$(jq -r 'select(.type=="segment") | .id' "out/$1.jsonl" | grep -c '^A/HRC/31/81#')" \
		"$good" "$1: the good report after it is parsed whole"
}

# The kernel enforces the limits; valgrind would only change when they
# strike (and its address space is no parser's): these steps run the real
# executable, which valgrind checks in every other parse test.
valgrind_off

# 1. Memory: the address space limit. AddressSanitizer reserves terabytes
# of address space, so hri-parse sets no such limit under it (and says so).
if [ -n "${HRI_SANITIZED:-}" ]; then
	skip "memory limit: none under AddressSanitizer"
	hri-parse -v --memory-limit 256M "$C/A_HRC_31_81.md" 2>&1 >/dev/null |
		grep -q 'no memory limit under AddressSanitizer'
	tap $? "memory limit: under AddressSanitizer it says there is none"
else
	bomb bomb_memory.pdf --memory-limit 256M
	stopped bomb_memory.pdf "memory limit 256 MiB exceeded"
	if [ -n "$rss" ]; then
		tap "$([ "$rss" -lt 270000 ]; echo $?)" "memory bomb: peak $rss KB, within the 256 MiB limit"
	fi
fi

# 2. CPU time: RLIMIT_CPU, one second.
bomb bomb_cpu.pdf --cpu-limit 1
stopped bomb_cpu.pdf "CPU time limit 1 s exceeded"

# 3. Wall time: the parent kills the child at its deadline, whatever the
# CPU limit.
bomb bomb_cpu.pdf --cpu-limit 60 --wall-limit 1
stopped bomb_cpu.pdf "wall time limit 1 s exceeded"

# 4. hri-parse killed (kill -9) takes the child parsing its document along.
(cd run && exec hri-parse --cpu-limit 60 --wall-limit 60 -s A/HRC/1/1 "$D/bomb_cpu.pdf") \
	>/dev/null 2>&1 &
ppid=$!
child=
i=0
while [ -z "$child" ] && [ $i -lt 100 ]; do
	child=$(pgrep -P "$ppid" | head -1); i=$((i + 1)); sleep_ms 50
done
tap "$([ -n "$child" ]; echo $?)" "the document is parsed in a child process"
kill -KILL "$ppid"
wait "$ppid" 2>/dev/null
i=0
while kill -0 "$child" 2>/dev/null && [ $i -lt 100 ]; do i=$((i + 1)); sleep_ms 20; done
kill -0 "$child" 2>/dev/null
tap "$([ $? -ne 0 ]; echo $?)" "killed with its parent, not left running"

# 5. One process parses document after document; a bomb after others in
# it stops at its own limits, counted from where it starts, and the
# documents after it are parsed in a new process.
rec() { printf '{"type":"fetched","symbol":"%s","path":"%s"}\n' "$1" "$2"; }
{ rec A/HRC/31/81 "$C/A_HRC_31_81.md"; rec A/HRC/26/41 "$C/A_HRC_26_41.txt"
  rec A/HRC/1/1 "$D/bomb_cpu.pdf"; rec A/HRC/23/20 "$C/A_HRC_23_20.md"
  rec A/HRC/31/81 "$C/A_HRC_31_81.md"; } > after.jsonl
(cd run && exec hri-parse -v --cpu-limit 1 - < ../after.jsonl) >out/after.jsonl 2>out/after.err
is "$?" 3 "a CPU bomb after two documents: exit 3"
is "$(grep -c 'parser process [0-9]* started' out/after.err)" 2 \
	"five documents in two processes: the first three up to the bomb, a new one after it"
has "$(cat out/after.err)" "hri-parse: A/HRC/1/1: CPU time limit 1 s exceeded" \
	"the bomb in a process that parsed two documents before it: its own CPU limit"
is "$(jq -r 'select(.type=="doc") | .symbol + " " + (.error // "-")' out/after.jsonl | tr '\n' ,)" \
	"A/HRC/31/81 -,A/HRC/26/41 -,A/HRC/1/1 CPU time limit 1 s exceeded,A/HRC/23/20 -,A/HRC/31/81 -," \
	"every document before and after it parsed, in order"
is "$(jq -r 'select(.type=="segment" and .symbol=="A/HRC/31/81") | .id' out/after.jsonl | sort | uniq -c | awk '{print $1}' | sort -u)" \
	2 "the report parsed twice in two processes: the same segments each time"
if [ -z "${HRI_SANITIZED:-}" ]; then
	{ rec A/HRC/26/41 "$C/A_HRC_26_41.txt"; rec A/HRC/1/1 "$D/bomb_memory.pdf"
	  rec A/HRC/23/20 "$C/A_HRC_23_20.md"; } > after-mem.jsonl
	(cd run && exec hri-parse -v --memory-limit 256M - < ../after-mem.jsonl) \
		>out/after-mem.jsonl 2>out/after-mem.err
	is "$?" 3 "a memory bomb after a document: exit 3"
	has "$(cat out/after-mem.err)" "hri-parse: A/HRC/1/1: memory limit 256 MiB exceeded" \
		"the memory bomb after a document: stopped at the memory limit"
	is "$(jq -r 'select(.type=="doc") | .symbol + " " + (.error // "-")' out/after-mem.jsonl | tr '\n' ,)" \
		"A/HRC/26/41 -,A/HRC/1/1 memory limit 256 MiB exceeded,A/HRC/23/20 -," \
		"the documents around the memory bomb parsed"
fi
valgrind_on

# 6. Nothing was written in the working directory (no core dump of a
# killed parser).
is "$(ls -A run)" "" "no file (no core dump) in the working directory"

# 7. The defaults, and the options.
if [ -z "${HRI_SANITIZED:-}${HRI_VALGRIND:-}" ]; then
	has "$(hri-parse -v "$C/A_HRC_31_81.md" 2>&1 >/dev/null)" \
		"limits of one document: memory 2 GiB, CPU 60 s, wall 120 s" \
		"by default: 2 GiB, 60 s of CPU, 120 s of wall time"
fi
status 2 "--memory-limit 1K: usage error" hri-parse --memory-limit 1K "$C/A_HRC_31_81.md"
status 2 "--cpu-limit x: usage error" hri-parse --cpu-limit x "$C/A_HRC_31_81.md"
status 2 "--wall-limit -1: usage error" hri-parse --wall-limit -1 "$C/A_HRC_31_81.md"
# every limit 0: parsed in the process itself, the same records
is "$(hri-parse --memory-limit 0 --cpu-limit 0 --wall-limit 0 "$C/A_HRC_31_81.md" |
	sha256sum)" "$(hri-parse "$C/A_HRC_31_81.md" | sha256sum)" \
	"without limits (in process): the same records"
done_testing
