# parse_treaty.sh - hri-parse on concluding observations of the Human Rights
# Committee (four States, 2014-2019, pdftotext plain text with its page
# furniture), measured against hand gold in tests/data/treaty/*.gold.tsv:
# every numbered paragraph, every recommendation and item with its kind,
# concern, subject, articles and follow-up flag. A row counts when all of it
# is right; the score is right rows over gold rows plus rows the parse
# added. The same documents are measured again as wrapped lines, the shape
# a converter that keeps the lines of the page gives. Also the doc fields
# of a concluding observation and the mechanism of UPR documents.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS D=$HRI_TOP/tests/data/treaty

# rows FILE SYMBOL: the parse's rows in the gold's form
rows() {
	hri-parse --no-extract -s "$2" "$1" | jq -r 'select(.type=="segment" and .para and .kind!="footnote") |
		[(.id|sub(".*#";"")), .kind, (.concern//"-"|sub(".*#";"")),
		 (.section_title//"-"),
		 ([.articles[]?.article]|join(" ")|if .=="" then "-" else . end),
		 (if .followup then "yes" else "-" end)] | @tsv'
}

# score GOLD GOT: "right gold extra percent"
score() {
	awk -F'\t' 'FNR==NR { if ($0 !~ /^#/) { g[$0]=1; n++ } next }
		{ if ($0 in g) { r++; delete g[$0] } else x++ }
		END { printf "%d %d %d %.1f\n", r, n, x, n+x ? 100*r/(n+x) : 0 }' "$1" "$2"
}

for gold in "$D"/*.gold.tsv; do
	b=$(basename "$gold" .gold.tsv)
	sym=$(echo "$b" | tr _ /)
	src=$D/$b.txt
	[ -f "$src" ] || src=$C/$b.txt
	rows "$src" "$sym" >got.tsv
	set -- $(score "$gold" got.tsv)
	echo "# $sym: $1 of $2 gold rows right, $3 added: $4%"
	tap "$(awk -v p="$4" 'BEGIN { exit !(p >= 99) }'; echo $?)" "$sym: $4% >= 99%"
	fold -s -w 90 "$src" | sed 's/ *$//' >wrapped.txt
	rows wrapped.txt "$sym" >got.tsv
	set -- $(score "$gold" got.tsv)
	echo "# $sym as wrapped lines: $1 of $2 gold rows right, $3 added: $4%"
	tap "$(awk -v p="$4" 'BEGIN { exit !(p >= 99) }'; echo $?)" "$sym as wrapped lines: $4% >= 99%"
done

hri-parse "$C/CCPR_C_USA_CO_4.txt" >out.jsonl
is "$?" 0 "CCPR/C/USA/CO/4 parses"
is "$(head -1 out.jsonl | jq -c '[.doctype, .mechanism, .body, .state_under_review, .next_report, .date]')" \
	'["concluding-observations","treaty-body","Human Rights Committee","United States of America","2019-03-28","2014-04-23"]' \
	"doc: mechanism, body and State from the symbol, next report from the text"
is "$(head -1 out.jsonl | jq -r .title)" \
	"Concluding observations on the fourth periodic report of the United States of America" "title"
is "$(jq -c 'select(.id=="CCPR/C/USA/CO/4#8(b)") | [.kind, .concern, .section_title, .articles[0]]' out.jsonl)" \
	'["recommendation","CCPR/C/USA/CO/4#8","Death penalty",{"treaty":"ICCPR","article":"2"}]' \
	"8(b): its concern, subject and articles"
is "$(jq -r 'select(.followup) | .id' out.jsonl | sed 's/.*#//' | tr '\n' ' ')" \
	"5.rec 10.rec 10(a) 10(b) 21.rec 22.rec 22(a) 22(b) 22(c) 22(d) 22(e) " \
	"follow-up: the recommendations of paragraphs 5, 10, 21 and 22"
has "$(jq -r 'select(.id=="CCPR/C/USA/CO/4#8(a)") | .themes[]' out.jsonl)" "Death penalty" \
	"an item takes the theme of its subject line"
is "$(jq -r 'select(.kind=="concern") | .text' out.jsonl | grep -c 'State party should')" 0 \
	"no concern keeps its recommendation"

hri-parse "$D/CCPR_C_DNK_CO_6.txt" >out.jsonl
is "$(head -1 out.jsonl | jq -c '[.state_under_review, .next_report]')" '["Denmark","2022-07-15"]' \
	"Denmark: State and next report"
is "$(jq -r 'select(.id=="CCPR/C/DNK/CO/6#35") | .section_title' out.jsonl)" "Family reunification" \
	"a subject run into its paragraph's line"

for f in A_HRC_28_15.pdf A_HRC_28_15_Add.1.pdf A_HRC_WG.6_20_SVN_2.pdf A_HRC_26_41.txt; do
	hri-parse --no-extract "$C/$f" 2>/dev/null | head -1 | jq -r '.mechanism'
done >mech.txt
is "$(tr '\n' ' ' <mech.txt)" "upr upr upr null " \
	"mechanism: upr for a UPR report, its addendum and the compilation; none for an Advisory Committee report"
# The UPR Working Group reports of the shared development set, whatever
# doctype their masthead gives, are of the UPR.
S=${HRI_SHARED:-$HRI_TOP/../shared}/corpus/upr-dev
if [ -d "$S" ]; then
	for f in "$S"/A_HRC_*.pdf; do
		hri-parse --no-extract "$f" 2>/dev/null | head -1 | jq -r .mechanism
	done | sort | uniq -c | sed 's/^ *//' >upr-dev.txt
	is "$(cat upr-dev.txt)" "$(ls "$S"/A_HRC_*.pdf | wc -l | tr -d ' ') upr" \
		"mechanism: upr for every UPR report of upr-dev"
else
	skip "no shared corpus at $S (set HRI_SHARED)"
fi
done_testing
