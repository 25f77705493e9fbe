# parse_formats.sh - hri-parse on PDF, DOCX and HTML documents, UPR
# recommendations of both cycles, and damaged or hostile files.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS D=$HRI_TOP/tests/data

hri-parse "$C/A_HRC_28_15.pdf" >out.jsonl 2>err.txt
is "$?" 0 "A/HRC/28/15 (PDF) parses"
is "$(head -1 out.jsonl | jq -c '[.format, .pages, .doctype, .session, .agenda, .date]')" \
	'["pdf",25,"upr-report",28,"6","2014-12-10"]' "doc record from the masthead"
is "$(head -1 out.jsonl | jq -r .title)" \
	"Report of the Working Group on the Universal Periodic Review: Slovenia" "title"
is "$(jq -r 'select(.kind=="paragraph" and .para) | .para' out.jsonl | tr '\n' ' ')" \
	"$(seq 1 116 | tr '\n' ' ')" "paragraphs 1..116 in order"
is "$(jq -r 'select(.kind=="recommendation") | .label' out.jsonl | wc -l | tr -d ' ')" 163 \
	"163 recommendations"
is "$(jq -c 'select(.id=="A/HRC/28/15#115.8") | [.para, .label, .recommending]' out.jsonl)" \
	'[115,"115.8",["Senegal","Sierra Leone","Venezuela (Bolivarian Republic of)","Peru","Uruguay"]]' \
	"115.8 with its five recommending States"
is "$(jq -r 'select(.id=="A/HRC/28/15#115.51") | .text' out.jsonl)" \
	"Take the necessary measures to effectively fight against discrimination by public and private actors (Belgium);" \
	"a justified line read in order"
is "$(jq -r 'select(.id=="A/HRC/28/15#115.1") | .page' out.jsonl)" 13 "page kept"
is "$(grep -c 'GE.14-23930\|Please recycle' out.jsonl)" 0 "job number gone"
is "$(jq -r 'select(.type=="segment") | .text' out.jsonl | grep -c '^A/HRC/28/15$')" 0 \
	"running header gone"

hri-parse "$C/A_HRC_14_15.pdf" >out.jsonl
is "$(jq -r 'select(.kind=="recommendation") | .id' out.jsonl | sed -n '1p;$p' | tr '\n' ' ')" \
	"A/HRC/14/15#111.1 A/HRC/14/15#111.97 " "first cycle: 97 recommendations numbered inside paragraph 111"
is "$(jq -c 'select(.id=="A/HRC/14/15#111.2") | .recommending' out.jsonl)" \
	'["Spain","Argentina"]' "first cycle: alternatives '(Spain)/...' name States too, in order"

# a treaty body's concluding observations, plain text (the concluding
# observations' own test is parse_treaty.sh; this one runs under valgrind)
hri-parse "$C/CCPR_C_USA_CO_4.txt" >out.jsonl
is "$(jq -r 'select(.type=="segment") | .kind' out.jsonl | sort | uniq -c | awk '{printf "%s %s ", $1, $2}')" \
	"22 concern 3 paragraph 58 recommendation " "CCPR/C/USA/CO/4: 22 concerns, 58 recommendations"

hri-parse -s A/HRC/1/1 "$D/broken_xref.pdf" >out.jsonl 2>err.txt
is "$?" 3 "broken_xref.pdf: exit 3"
has "$(cat err.txt)" "broken_xref.pdf: damaged PDF" "broken_xref.pdf: an error naming the file"
is "$(jq -r .error out.jsonl)" "damaged PDF: no pages" "broken_xref.pdf: a doc record with error"

hri-parse -s A/HRC/28/15 "$D/UPR20_Slovenia_thematic_list_of_recommendations.docx" >out.jsonl
is "$?" 0 "DOCX parses"
is "$(jq -r 'select(.type=="segment") | .text' out.jsonl | grep -c '^115\.[0-9]* ')" 163 \
	"DOCX: the 163 recommendations of the thematic list"

hri-parse "$D/A_HRC_99_1.html" >out.jsonl
is "$(jq -c 'select(.type=="segment") | [.id, .text]' out.jsonl | tr '\n' ' ')" \
	'["A/HRC/99/1#summary","This small report checks that HTML is read."] ["A/HRC/99/1#1","The Council requested a report on the matter of testing."] ["A/HRC/99/1#2","The second paragraph & its entity."] ["A/HRC/99/1#3","The following is recommended:"] ["A/HRC/99/1#3(a)","Read HTML blocks as lines;"] ["A/HRC/99/1#3(b)","Keep footnote calls out of the text."] ["A/HRC/99/1#fn1","A/HRC/98/1."] ' \
	"HTML: blocks as lines, script left out, footnote linked"

for f in truncated zipbomb external_entity; do
	hri-parse -s A/1/1 "$D/$f.docx" >out.jsonl 2>err.txt
	is "$?" 3 "$f.docx: exit 3"
	has "$(cat err.txt)" "$f.docx: " "$f.docx: error names the file"
done
has "$(hri-parse -s A/1/1 "$D/zipbomb.docx" 2>&1 >/dev/null)" "zip bomb" "zip bomb said"
has "$(hri-parse -s A/1/1 "$D/external_entity.docx" 2>&1 >/dev/null)" "DTD" "external entity refused"
is "$(hri-parse -s A/1/1 "$D/external_entity.docx" 2>/dev/null | grep -c 'root:')" 0 \
	"no file content leaks"

# positions where the document says them (a small third-cycle-shaped report)
hri-parse "$D/A_HRC_99_2.md" >out.jsonl
is "$(jq -c 'select(.kind=="recommendation") | [.label, .position, .recommending]' out.jsonl | tr '\n' ' ')" \
	'["2.1","supported",["France","Lithuania"]] ["2.2","supported",["Iran (Islamic Republic of)","North Macedonia"]] ["3.1","noted",["Bolivia (Plurinational State of)"]] ' \
	"positions from the introducing paragraphs, States as UN short names"
is "$(head -1 out.jsonl | jq -r .title)" \
	"Report of the Working Group on the Universal Periodic Review: Testland" "UPR title"

# a gzip-compressed store object is read transparently
gzip -c "$C/A_HRC_28_15.pdf" >obj.gz
printf '{"type":"fetched","symbol":"A/HRC/28/15","path":"%s/obj.gz","format":"pdf","lang":"en"}\n' \
	"$PWD" | hri-parse >out.jsonl
is "$(jq -r 'select(.kind=="recommendation") | .id' out.jsonl | wc -l | tr -d ' ')" 163 \
	"store object (gzip) parsed"
done_testing
