#!/bin/sh
# tools_options.sh - the command line the five tools share: --help shows the
# SYNOPSIS of the tool's man page, -V its version, and a bad option or value
# is refused in the same words by each (exit 2, "Try 'TOOL --help'.").
. "$HRI_TOP/tests/cli/lib.sh"

# synopsis_of PAGE: the SYNOPSIS of a man page, white space removed.
synopsis_of() {
	MANWIDTH=1000 LC_ALL=C man -l "$1" 2>/dev/null | col -b |
		sed -n '/^SYNOPSIS/,/^[A-Z]/p' | sed '1d;$d' | tr -d ' \t\n'
}

# usage_of TOOL: the usage lines of TOOL --help, white space removed.
usage_of() {
	"$1" --help | awk 'NR == 1 || (/^[ \t]/ && !done) { print; next }
		{ done = 1 }' | sed 's/^usage://' | tr -d ' \t\n'
}

have_man=1
command -v man >/dev/null 2>&1 && command -v col >/dev/null 2>&1 || have_man=
for t in fetch parse index query serve; do
	if [ -n "$have_man" ]; then
		is "$(usage_of "hri-$t")" "$(synopsis_of "$HRI_TOP/man/hri-$t.1")" \
			"hri-$t --help shows the SYNOPSIS of hri-$t(1)"
	else
		skip "no man(1) to render hri-$t(1)"
	fi
	is "$(hri-$t -V)" "hri-$t 0.1" "hri-$t -V"
	is "$(hri-$t --version)" "hri-$t 0.1" "hri-$t --version"
	hri-$t --no-such-option >out 2>err
	is "$?" 2 "hri-$t: an unknown option exits 2"
	is "$(cat err)" "hri-$t: --no-such-option: unknown option
Try 'hri-$t --help'." "hri-$t: and says so"
done

# A bad value of each kind, in each tool's words.
bad() {
	want=$1; shift
	"$@" >out 2>err
	rc=$?
	is "$rc" 2 "$* exits 2"
	has "$(head -1 err)" "$want" "$*: $want"
}
bad "hri-fetch: --jobs: a count from 1 to 64, not 99" hri-fetch -j 99 A/1
bad "hri-fetch: --lang: one of ar, zh, en, fr, ru, es, not xx" \
	hri-fetch --lang xx A/1
bad "hri-index: --commit-every: a number of segments, not ten" \
	hri-index --commit-every ten -d db
bad "hri-index: --format: text or json, not xml" hri-index --stats --format xml
bad "hri-query: --limit: a count from 0 to 1000000, not -1" \
	hri-query --limit -1 x
bad "hri-query: --sort: relevance or date, not size" hri-query --sort size x
bad "hri-query: --timeout: a number of seconds above 0, not 0" \
	hri-query --timeout 0 x
bad "hri-serve: --threads: a count from 1 to 64, not 0" hri-serve -t 0
bad "hri-parse: --symbol: needs a value" hri-parse -s
bad "hri-parse: --explain: takes no value" hri-parse --explain=yes x

# -q and -v set how much is said.
printf '%s\n' '{"type":"doc","symbol":"A/HRC/99/1"}' >rec.jsonl
hri-index -d db rec.jsonl 2>err
has "$(cat err)" "1 documents" "hri-index: a summary"
hri-index -q -d db rec.jsonl 2>err
is "$?:$(cat err)" "0:" "hri-index -q: none"
hri-parse "$HRI_CORPUS/A_74_35.md" 2>err >/dev/null
is "$(grep -c ' segments$' err)" 0 "hri-parse: no counts per document"
hri-parse -v "$HRI_CORPUS/A_74_35.md" 2>err >/dev/null
is "$(grep -c 'paragraphs, [0-9]* segments$' err)" 1 "hri-parse -v: its counts"

done_testing
