# parse_seeds.sh - hri-parse on the seed documents of the bundled corpus, as
# a file path, as a fetched record on stdin, and on bad input.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS D=$HRI_TOP/tests/data

hri-parse "$C/A_HRC_26_41.txt" >out.jsonl 2>err.txt
is "$?" 0 "text seed parses"
is "$(head -1 out.jsonl | jq -r '.type + " " + .symbol')" "doc A/HRC/26/41" \
	"first record is the doc, symbol from the file name"
is "$(jq -r 'select(.kind=="paragraph") | .para' out.jsonl | tr '\n' ' ')" \
	"$(seq 1 45 | tr '\n' ' ')" "paragraphs 1..45 in order"
is "$(jq -r 'select(.id=="A/HRC/26/41#45(g)(xiii)") | .kind + " " + .label' out.jsonl)" \
	"recommendation (g)(xiii)" "item (g)(xiii) of paragraph 45"
is "$(jq -s 'map(.id) | length == (unique | length)' out.jsonl)" true "ids unique"
is "$(cat err.txt)" "" "nothing on stderr"

hri-parse "$C/A_74_35.md" >out.jsonl
is "$(jq -r 'select(.kind=="paragraph" and .para != null) | .para' out.jsonl | tr '\n' ' ')" \
	"$(seq 1 81 | tr '\n' ' ')" "A/74/35: paragraphs 1..81, lost 4 and 6 filled"
is "$(jq -r 'select(.id=="A/74/35#6") | .text[0:22]' out.jsonl)" \
	"The Vienna Declaration" "A/74/35: paragraph 6 from the gap"
is "$(grep -c '19-15622\|[^0-9][0-9]*/17[^0-9]' out.jsonl)" 0 "A/74/35: page furniture gone"

hri-parse "$C/A_HRC_23_20.md" >out.jsonl
is "$(jq -r 'select(.type=="segment") | .id' out.jsonl | sed -n 2p)" "A/HRC/23/20#1" \
	"A/HRC/23/20: contents skipped, paragraph 1 follows the summary"
is "$(jq -c 'select(.type=="doc") | [.session, .agenda, .date]' out.jsonl)" \
	'[23,"3","2013-04-23"]' "A/HRC/23/20: masthead"

hri-parse "$C/A_HRC_31_81.md" >out.jsonl
is "$(jq -c 'select(.kind=="footnote") | [.id, .para]' out.jsonl | tr '\n' ' ')" \
	'["A/HRC/31/81#fn1",1] ["A/HRC/31/81#fn2",2] ["A/HRC/31/81#fn3",3] ' \
	"A/HRC/31/81: footnotes linked to their calling paragraphs"
is "$(grep -c '<sup>' out.jsonl)" 0 "A/HRC/31/81: no <sup> left"

# a fetched record on stdin, with catalogue metadata that wins
printf '{"type":"fetched","symbol":"A/HRC/26/41","lang":"en","path":"%s","format":"text","sha256":"abc","url":"https://example.org/x","title":"Progress report"}\n' \
	"$C/A_HRC_26_41.txt" | hri-parse >out.jsonl
is "$(head -1 out.jsonl | jq -c '[.title, .source, .sha256, .format]')" \
	'["Progress report","https://example.org/x","abc","text"]' "record fields carried"
printf '{"symbol":"A/HRC/1/1","status":"error","error":"HTTP 404"}\n' | hri-parse >out.jsonl 2>err.txt
is "$?" 3 "a failed fetch record counts as failed (exit 3), not nothing to do"
is "$(jq -c '[.type, .symbol, .error]' out.jsonl)" '["doc","A/HRC/1/1","HTTP 404"]' \
	"it is passed on as a doc record with its error"
is "$(cat err.txt)" "" "without a word: hri-fetch reported it"

# --symbol names a bare file
cp "$C/A_HRC_26_41.txt" report.txt
is "$(hri-parse -s a/hrc/26/41 report.txt | head -1 | jq -r .symbol)" "A/HRC/26/41" "--symbol"
hri-parse report.txt >out.jsonl 2>err.txt
is "$?" 3 "no symbol: exit 3"
has "$(cat err.txt)" "report.txt: no symbol" "no symbol: message names the file"

# bad input: an error naming the file, a doc record with "error", the batch
# goes on, exit 3
hri-parse "$D/empty.txt" "$D/binary.txt" "$D/legacy.doc" "$C/A_HRC_31_81.md" \
	-s A/HRC/1/1 >out.jsonl 2>err.txt
is "$?" 3 "bad files: exit 3"
has "$(cat err.txt)" "empty file" "empty file reported"
has "$(cat err.txt)" "binary data" "binary .txt reported"
has "$(cat err.txt)" "legacy Word .doc is not supported; fetch the PDF" ".doc reported"
is "$(jq -r 'select(.error) | .source' out.jsonl | sed 's,.*/,,' | tr '\n' ' ')" \
	"empty.txt binary.txt legacy.doc " "a doc record with error for each"
is "$(jq -r 'select(.type=="segment") | .symbol' out.jsonl | sort -u)" "A/HRC/1/1" \
	"the good file after them is parsed"
status 3 "a missing file: exit 3" hri-parse /nonexistent/A_1_1.txt
is "$(hri-parse --help | head -1)" \
	"usage: hri-parse [-qv] [-s SYMBOL] [--akn DIR] [--explain] [--no-extract]" "--help"
status 2 "bad option: exit 2" hri-parse --no-such-option
done_testing
