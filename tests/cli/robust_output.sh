# robust_output.sh - what the tools write from outside input: messages on
# stderr never carry a raw CR, ESC or other control character from a
# symbol, a query or a record (they are escaped), nor a value of megabytes
# (cut, marked "[...]"); a full disk is named as such; and no CSV cell, from hri-query or a recipe of
# pipelines/, starts with = + - @ or a tab as a spreadsheet formula would
# (OWASP: prefixed with an apostrophe).
. "$HRI_TOP/tests/cli/lib.sh"
D=$HRI_TOP/tests/data P=$HRI_TOP/pipelines
esc=$(printf '\033') cr=$(printf '\r')

# raw FILE: nonzero when FILE holds a raw ESC, CR or BEL.
clean() {
	! grep -q "[$esc$cr$(printf '\007')]" "$1"
}

# 1. Control characters from a symbol (hri-fetch), a segment id
# (hri-query --show), a record's symbol (hri-parse): escaped.
hri-fetch -s "$HRI_CORPUS" "$(printf 'A/HRC/1\r\033[2J\033]0;pwned\007')" >/dev/null 2>fetch.err
is "$?" 3 "hri-fetch: a symbol with control characters is refused"
clean fetch.err; tap $? "hri-fetch: no raw control character on stderr"
has "$(cat fetch.err)" 'A/HRC/1\r\x1b[2J\x1b]0;pwned\x07' "hri-fetch: the symbol shown escaped"
hri-parse "$HRI_CORPUS/A_HRC_26_41.txt" 2>/dev/null | hri-index -q -d db
hri-query -d db --show "$(printf 'A/HRC/26/41#1\033[31m\r')" >/dev/null 2>show.err
clean show.err; tap $? "hri-query --show: no raw control character on stderr"
printf '{"type":"fetched","symbol":"A/HRC/1\\u001b[2J\\r","path":"/nonexistent"}\n' |
	hri-parse >/dev/null 2>parse.err
clean parse.err; tap $? "hri-parse: a record's symbol escaped on stderr"
has "$(cat parse.err)" '\x1b[2J\r' "hri-parse: the record's symbol shown escaped"

# 2. A symbol of 10 MB in a record: a message of a few KB, marked as cut.
{
	printf '{"type":"fetched","symbol":"'
	head -c 10000000 /dev/zero | tr '\0' A
	printf '","path":"/nonexistent"}\n'
} >big.jsonl
hri-parse <big.jsonl >/dev/null 2>big.err
is "$?" 3 "a 10 MB symbol: exit 3"
bytes=$(wc -c <big.err | tr -d ' ')
tap "$([ "$bytes" -lt 8192 ]; echo $?)" "a 10 MB symbol: $bytes bytes on stderr"
has "$(cat big.err)" "AAAA[...]" "a 10 MB symbol: cut and marked"

# 3. A full disk (/dev/full) says so: "No space left on device", not a
# generic "input/output error"; exit 4.
hri-parse "$HRI_CORPUS/A_HRC_26_41.txt" >/dev/full 2>full.err
is "$?" 4 "hri-parse > /dev/full: exit 4"
has "$(cat full.err)" "hri-parse: <stdout>: write failed: No space left on device" "hri-parse: the disk is full, it says"
hri-query -d db rights >/dev/full 2>full.err
is "$?" 4 "hri-query > /dev/full: exit 4"
has "$(cat full.err)" "No space left on device" "hri-query: the disk is full, it says"

# 4. CSV: a paragraph, a heading and a title written as formulas.
cat >formula.jsonl <<'EOF'
{"type":"doc","symbol":"A/HRC/97/1","title":"@SUM(1+1)*cmd|' /C calc'!A0","body":"Human Rights Council","lang":"en","date":"2020-01-01"}
{"type":"segment","symbol":"A/HRC/97/1","id":"A/HRC/97/1#1","kind":"paragraph","para":1,"label":null,"section":"I","section_title":"+cmd","text":"=HYPERLINK(\"http://evil.example/\",\"Read more on resolution 13/23\")","instruments":[{"kind":"resolution","issuer":"Human Rights Council","number":"13/23"}],"countries":[],"organizations":[],"persons":[],"themes":[],"sdgs":[],"affected":[],"cites":[],"treaties":[],"dates":[]}
EOF
hri-index -q -d db formula.jsonl
is "$?" 0 "a document of formulas indexed"
hri-query -d db --format csv 'symbol:A/HRC/97/1' >q.csv
is "$?" 0 "hri-query --format csv"
has "$(cat q.csv)" "\"'=HYPERLINK(\"\"http://evil.example/\"\"" "hri-query csv: the = cell starts with an apostrophe"
has "$(cat q.csv)" "\"'+cmd\"" "hri-query csv: the + cell too"
has "$(cat q.csv)" "\"'@SUM(1+1)" "hri-query csv: the @ cell too"
# no field of any row starts with a formula character (a field starts the
# line or follows a comma; quoted fields are looked at inside the quote)
is "$(tail -n +2 q.csv | grep -c '\(^\|,\)"\?[=+@-]')" 0 "hri-query csv: no cell starts a formula"
"$P/citing" -d db 13/23 >c.csv
is "$?" 0 "pipelines/citing as CSV"
has "$(cat c.csv)" "\"'=HYPERLINK(" "pipelines/citing: the = cell starts with an apostrophe"
is "$(tail -n +2 c.csv | grep -c '\(^\|,\)"\?[=+@-]')" 0 "pipelines/citing: no cell starts a formula"
done_testing
