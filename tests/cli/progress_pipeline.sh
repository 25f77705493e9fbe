# progress_pipeline: "hri-fetch | hri-parse | hri-index" at a terminal. The
# three stages share one terminal line; only the last stage draws its
# progress line, and a message of another stage clears that line before it
# is printed, so what the user sees never runs two stages together
# ("hri-index: 1507 segmentshri-parse: 11 documents"). The pipeline runs
# under a real pseudo-terminal (script), and what it wrote is replayed
# through a small model of the terminal: \r to the first column, ESC [ K
# erases to the end of the line, text overwrites.
. "$HRI_TOP/tests/cli/lib.sh"
need script bsdutils
if ! have_pty; then
	echo "ok 1 # SKIP no pseudo-terminal can be opened here (/dev/pts not mounted)"
	echo "1..1"
	exit 0
fi

# render FILE: the lines a terminal shows after FILE's bytes.
render() {
	awk '{
		line = ""; col = 0
		n = split($0, parts, "\r")
		for (i = 1; i <= n; i++) {
			if (i > 1) col = 0
			m = split(parts[i], toks, "\033\\[K")
			for (j = 1; j <= m; j++) {
				if (j > 1) line = substr(line, 1, col)
				t = toks[j]
				line = substr(line, 1, col) t substr(line, col + length(t) + 1)
				col += length(t)
			}
		}
		print line
	}' "$1"
}

# Documents of several formats, and A/HRC/14/15/Add.1, on which hri-parse
# says something while hri-index's line is on the screen.
printf '%s\n' A/HRC/28/15 A/HRC/14/15/Add.1 A/HRC/26/41 A/HRC/31/81 \
	CCPR/C/USA/CO/4 >symbols.txt
script -qec "hri-fetch --source '$HRI_CORPUS' <symbols.txt | hri-parse | hri-index" \
	tty.raw </dev/null >/dev/null
is "$?" 0 "the pipeline runs at a terminal"
render tty.raw >tty.txt

grep -q "$(printf '\033')\[Khri-index: [0-9]* segments" tty.raw
tap $? "hri-index, the last stage, draws its progress line"
grep -q 'hri-parse: [0-9]* documents, [0-9]* segments:' tty.raw
tap $((!$?)) "hri-parse, writing into a pipe, draws none"
grep -q 'hri-fetch: [0-9]*/[0-9]*, ' tty.raw
tap $((!$?)) "hri-fetch, writing into a pipe, draws none"

grep -q '^hri-parse: A/HRC/14/15/Add.1: no list of recommendation' tty.txt
tap $? "hri-parse's message begins a line of its own"
grep -q '^hri-fetch: 5 fetched' tty.txt
tap $? "hri-fetch's summary begins a line of its own"
grep -q '^hri-index: 5 documents' tty.txt
tap $? "hri-index's summary begins a line of its own"
together=$(grep -E 'hri-[a-z]+: .*hri-(fetch|parse|index): ' tty.txt)
is "$together" "" "no line of the terminal runs two stages' messages together"
grep -q 'segments$' tty.txt
tap $((!$?)) "no progress line is left on the screen"

# The last stage draws whatever it is: hri-parse writing into a file.
script -qec "hri-parse '$HRI_CORPUS/A_HRC_28_15.pdf' >parse.jsonl" parse.raw \
	</dev/null >/dev/null
grep -q "$(printf '\033')\[Khri-parse: [0-9]* documents, [0-9]* segments:" parse.raw
tap $? "hri-parse writing into a file draws its progress line"
render parse.raw >parse.txt
grep -q 'segments:' parse.txt
tap $((!$?)) "and clears it at the end"
done_testing
