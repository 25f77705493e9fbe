# robust_records.sh - records with fields of the wrong type, where they
# enter a stage: a fetched record whose title is an object, whose url is
# "javascript:...", whose session is an array (hri-parse); a segment whose
# countries are one string, a doc whose title is an object or whose source
# is "javascript:..." (hri-index). Each is refused with a message naming
# its line and the field, the others go on, exit 3, and nothing of them
# reaches the records or the index.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS

# hri-parse
{
	printf '{"type":"fetched","symbol":"A/HRC/26/41","path":"%s","title":{"x":1}}\n' "$C/A_HRC_26_41.txt"
	printf '{"type":"fetched","symbol":"A/HRC/26/41","path":"%s","url":"javascript:alert(1)"}\n' "$C/A_HRC_26_41.txt"
	printf '{"type":"fetched","symbol":"A/HRC/26/41","path":"%s","session":[28]}\n' "$C/A_HRC_26_41.txt"
	printf '{"type":"fetched","symbol":"A/74/35","path":"%s"}\n' "$C/A_74_35.md"
} | hri-parse >parse.jsonl 2>parse.err
is "$?" 3 "hri-parse: exit 3"
err=$(cat parse.err)
has "$err" 'hri-parse: <stdin>:1: fetched A/HRC/26/41: field "title": a string or null, not an object' \
	"hri-parse: a title that is an object, by line and field"
has "$err" 'hri-parse: <stdin>:2: fetched A/HRC/26/41: field "url": an http, https or file address or null, not a string "javascript:alert(1)"' \
	"hri-parse: a javascript: url, by line and field"
has "$err" 'hri-parse: <stdin>:3: fetched A/HRC/26/41: field "session": an integer or a string or null, not an array' \
	"hri-parse: a session that is an array, by line and field"
is "$(jq -r 'select(.type=="doc") | .symbol' parse.jsonl)" "A/74/35" \
	"hri-parse: the good record parsed, nothing of the bad ones"
is "$(grep -c javascript parse.jsonl)" 0 "hri-parse: no javascript: in the records"

# hri-index
cat >bad.jsonl <<'EOT'
{"type":"doc","symbol":"A/HRC/96/1","title":"Ninety-six","body":"Human Rights Council","lang":"en"}
{"type":"segment","symbol":"A/HRC/96/1","id":"A/HRC/96/1#1","kind":"paragraph","para":1,"text":"Text one.","countries":"Slovenia"}
{"type":"segment","symbol":"A/HRC/96/1","id":"A/HRC/96/1#2","kind":"paragraph","para":2,"text":"Text two.","countries":["Slovenia"]}
{"type":"segment","symbol":"A/HRC/96/1","id":"A/HRC/96/1#3","kind":"paragraph","para":"three","text":"Text three."}
{"type":"doc","symbol":"A/HRC/96/2","title":{"a":1},"body":"Human Rights Council","lang":"en"}
{"type":"doc","symbol":"A/HRC/96/3","title":"x","source":"javascript:alert(1)"}
{"type":"segment","symbol":"A/HRC/96/1","id":"A/HRC/96/1#4","kind":"paragraph","para":4,"text":"Text four.","cites":[{"symbol":["A/HRC/1/1"]}]}
EOT
hri-index -d db bad.jsonl 2>index.err
is "$?" 3 "hri-index: exit 3"
err=$(cat index.err)
has "$err" "hri-index: bad.jsonl:2: segment A/HRC/96/1#1: field \"countries\": an array of strings or null, not a string \"Slovenia\"" \
	"hri-index: countries as a string, by file, line and field"
has "$err" "bad.jsonl:4: segment A/HRC/96/1#3: field \"para\": an integer or null" "hri-index: para as a word"
has "$err" "bad.jsonl:5: doc A/HRC/96/2: field \"title\": a string or null, not an object" "hri-index: a title that is an object"
has "$err" "bad.jsonl:6: doc A/HRC/96/3: field \"source\"" "hri-index: a javascript: source"
has "$err" "bad.jsonl:7: segment A/HRC/96/1#4: field \"cites\"" "hri-index: a cite whose symbol is an array"
is "$(hri-query -d db --format json --limit 10 'symbol:A/HRC/96/1' | jq -r .id | sort | tr '\n' ' ')" \
	"A/HRC/96/1#2 " "hri-index: only the good segment is in the index"
is "$(hri-query -d db --format json 'symbol:A/HRC/96/2 OR symbol:A/HRC/96/3' 2>/dev/null | grep -c '"type":"hit"')" 0 \
	"hri-index: nothing of the refused documents"
done_testing
