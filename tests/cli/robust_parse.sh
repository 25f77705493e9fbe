# robust_parse.sh - hri-parse on hostile documents (tests/fuzz/hostile/, made
# by make_hostile.py): zip bombs, deep and huge DOCX members, XML external
# entities, billion laughs and DTD loads, broken, encrypted and huge PDFs,
# invalid UTF-8 and NUL bytes, a 100 MB input line, a FIFO, a device and a
# directory as input (PDF bombs: robust_limits.sh). Each is refused with an
# error naming it, or read safely; the good document in the same batch is
# always processed; nothing outside the working directory is touched.
. "$HRI_TOP/tests/cli/lib.sh"
H=$HRI_TOP/tests/fuzz/hostile D=$HRI_TOP/tests/data C=$HRI_CORPUS

# A parser that follows a reference to this named pipe blocks on it; the
# time limit turns that into a failure instead of a hang. valgrind reads a
# 100 MB line ten times slower than the real thing (and a loaded machine
# slower still): its limit is ten times longer.
fifo=/tmp/hri-robust.fifo
[ -p "$fifo" ] || mkfifo "$fifo" 2>/dev/null
limit=60
[ -n "${HRI_VALGRIND:-}" ] && limit=600

mkdir in out run
cp "$H"/*.docx "$H"/*.pdf "$H"/*.html "$H"/*.txt "$D/broken_xref.pdf" in/
cp "$C/A_HRC_31_81.md" in/
# Inputs that are no regular file: a FIFO no one writes to (it blocked
# hri-parse for ever), /dev/zero (endless; was "Is a directory"), a
# directory.
mkfifo in/pipe.pdf
ln -s /dev/zero in/zero.pdf
mkdir in/dir.pdf
# HTML nested 10,000 elements deep, a paragraph down there.
{
	printf '<html><body><p>1. A shallow paragraph.</p>'
	yes '<div>' | head -n 10000 | tr -d '\n'
	printf '<p>2. A paragraph ten thousand levels deep.</p><p>3. Another one.</p>'
	yes '</div>' | head -n 10000 | tr -d '\n'
	printf '<p>4. The paragraph after them.</p></body></html>\n'
} >in/deep.html

# The good report, parsed alone: how many segments it has.
good=$(hri-parse in/A_HRC_31_81.md 2>/dev/null |
	jq -r 'select(.type=="segment") | .id' | grep -c '^A/HRC/31/81#')
tap "$([ "$good" -gt 10 ]; echo $?)" "the good report alone: $good segments"
touch stamp

# batch FILE: parses FILE (as A/HRC/1/1) then, from stdin, the good report
# in one batch; sets rc, leaves out/FILE.jsonl and out/FILE.err.
batch() {
	printf '{"type":"fetched","symbol":"A/HRC/31/81","path":"%s"}\n' \
		"$HRI_WORK/in/A_HRC_31_81.md" |
	(cd run && timeout "$limit" hri-parse -s A/HRC/1/1 "../in/$1" -) \
		>"out/$1.jsonl" 2>"out/$1.err"
	rc=$?
}

# good_after FILE: the report after FILE was parsed in full.
good_after() {
	is "$(jq -r 'select(.type=="segment") | .id' "out/$1.jsonl" 2>/dev/null |
		grep -c '^A/HRC/31/81#')" "$good" "$1: the rest of the batch is processed"
}

# refused FILE REASON: FILE is refused: exit 3, a message naming it and
# matching REASON (an extended regular expression), a doc record with
# "error", valid JSON Lines, the good report processed.
refused() {
	batch "$1"
	is "$rc" 3 "$1: exit 3"
	grep -q "hri-parse: [^ ]*$1: " "out/$1.err"
	tap $? "$1: the message names the file"
	grep -Eiq "$2" "out/$1.err"
	tap $? "$1: the message says why ($2)"
	is "$(jq -c 'select(.type=="doc" and .error) | .source' "out/$1.jsonl" |
		grep -c "$1")" 1 "$1: a doc record carries the error"
	good_after "$1"
}

refused bomb.docx 'bomb|too large|inflat'
refused hugepara.docx 'bomb|too large|inflat'
refused deep.docx 'XML|deep|depth|nest'
refused notzip.docx 'zip'
refused nodoc.docx 'document.xml|not a DOCX'
refused encrypted.pdf 'encrypt|password'
refused manypages.pdf 'pages'
refused broken_xref.pdf 'PDF|pages|xref'
refused pipe.pdf 'not a regular file but a FIFO'
refused zero.pdf 'not a regular file but a character device'
refused dir.pdf 'not a regular file but a directory'

# External entities, billion laughs, DTDs: never expanded nor loaded. The
# document may be refused or read without them; either way no byte of
# /etc/passwd, no expansion, no hang on the pipe.
for f in xxe.docx laughs.docx dtd.docx netdtd.docx xxe.html; do
	batch "$f"
	tap "$([ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; echo $?)" "$f: done in time, exit 0 or 3 (got $rc)"
	is "$(grep -c 'root:' "out/$f.jsonl")" 0 "$f: no external entity expanded"
	is "$(grep -c 'lollollol' "out/$f.jsonl")" 0 "$f: no entity expansion"
	if [ "$rc" -eq 3 ]; then
		grep -q "$f: " "out/$f.err"; tap $? "$f: a refusal names the file"
	fi
	jq -e . "out/$f.jsonl" >/dev/null; tap $? "$f: valid JSON Lines"
	good_after "$f"
done

# HTML nested 10,000 elements deep: the paragraphs down there and after
# are read (the reader stopped at 200 levels and libxml2 at 256, dropping
# them silently).
batch deep.html
is "$rc" 0 "deep.html: exit 0"
is "$(jq -r 'select(.type=="segment" and .symbol=="A/HRC/1/1") | .para' out/deep.html.jsonl | tr '\n' ' ')" \
	"1 2 3 4 " "deep.html: every paragraph, the deep ones and the one after them"
good_after deep.html

# Invalid UTF-8 is read, each bad sequence as U+FFFD, never refused whole.
batch badutf8.txt
is "$rc" 0 "badutf8.txt: exit 0"
is "$(jq -r 'select(.type=="segment") | .text' "out/badutf8.txt.jsonl" |
	grep -c "$(printf '\357\277\275')")" 2 "badutf8.txt: bad bytes as U+FFFD in paragraphs 1 and 3"
has "$(jq -r 'select(.id=="A/HRC/1/1#2") | .text' "out/badutf8.txt.jsonl")" \
	"caf$(printf '\303\251')" "badutf8.txt: good UTF-8 kept"
good_after badutf8.txt
# NUL bytes: read with the NULs dropped, or refused as binary; never cut.
batch nul.txt
tap "$([ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; echo $?)" "nul.txt: exit 0 or 3 (got $rc)"
if [ "$rc" -eq 0 ]; then
	has "$(jq -r 'select(.type=="segment") | .text' "out/nul.txt.jsonl")" \
		"of text" "nul.txt: text after the NUL kept"
else
	grep -q 'nul.txt: ' "out/nul.txt.err"; tap $? "nul.txt: the refusal names the file"
fi
good_after nul.txt

# A 100 MB line among records on stdin: reported by its line number, the
# records around it processed, exit 3, memory bounded.
rec=$(printf '{"type":"fetched","symbol":"A/HRC/31/81","path":"%s/in/A_HRC_31_81.md","format":"markdown"}' "$PWD")
{
	echo "$rec"
	printf '{"type":"fetched","symbol":"A/HRC/1/1","path":"'
	head -c 100000000 /dev/zero | tr '\0' x
	echo '"}'
	echo "$rec"
} >out/big.jsonl
if [ -x /usr/bin/time ]; then
	(cd run && /usr/bin/time -f %M -o ../out/rss timeout "$limit" hri-parse \
		<../out/big.jsonl >../out/big.out 2>../out/big.err)
	rc=$?
	sed -i '/Command exited/d' out/rss
else
	(cd run && timeout "$limit" hri-parse <../out/big.jsonl >../out/big.out 2>../out/big.err)
	rc=$?
fi
is "$rc" 3 "100 MB line: exit 3"
has "$(cat out/big.err)" "<stdin>:2: line longer than" "100 MB line: the message names line 2"
is "$(jq -r 'select(.type=="doc") | .symbol' out/big.out | tr '\n' ' ')" \
	"A/HRC/31/81 A/HRC/31/81 " "100 MB line: the records before and after processed"
if [ -f out/rss ] && [ -z "${HRI_SANITIZED:-}${HRI_VALGRIND:-}" ]; then
	rss=$(tail -1 out/rss)
	tap "$([ "$rss" -lt 102400 ]; echo $?)" "100 MB line: peak memory $rss KB < 100 MB"
fi

# Nothing outside the working directory's out/ was created or changed.
is "$(find "$HRI_WORK" -mindepth 1 -newer stamp ! -path "$HRI_WORK/out*" |
	head -5)" "" "nothing touched outside out/"
is "$(ls -A run)" "" "nothing written to the working directory"
done_testing
