# parse_akn.sh - hri-parse --akn writes one well-formed Akoma Ntoso file per
# document, with its paragraphs, points and footnotes.
. "$HRI_TOP/tests/cli/lib.sh"
need xmllint libxml2-utils
C=$HRI_CORPUS

hri-parse --akn akn "$C/A_HRC_26_41.txt" "$C/A_HRC_31_81.md" "$C/A_HRC_28_15.pdf" >out.jsonl
is "$?" 0 "--akn: exit 0"
is "$(ls akn | tr '\n' ' ')" "A_HRC_26_41.xml A_HRC_28_15.xml A_HRC_31_81.xml " "one file per document"
for f in akn/*.xml; do
	xmllint --noout "$f" 2>err.txt
	is "$?" 0 "$f is well-formed XML"
done
is "$(grep -c '<paragraph ' akn/A_HRC_26_41.xml)" 45 "45 paragraphs in A/HRC/26/41"
has "$(cat akn/A_HRC_26_41.xml)" '<point eId="para_45_g_xiii">' "point (g)(xiii)"
is "$(grep -c '<point ' akn/A_HRC_28_15.xml)" 163 "163 recommendations as points"
is "$(grep -c '<authorialNote ' akn/A_HRC_31_81.xml)" 3 "footnotes as authorialNote"
has "$(cat akn/A_HRC_28_15.xml)" '<FRBRthis value="/akn/un/doc/A-HRC-28-15/!main"/>' "FRBR work URI"
is "$(grep -c '"type":"segment"' out.jsonl)" "$(jq -r 'select(.type=="segment")|.id' out.jsonl | wc -l | tr -d ' ')" \
	"records still on stdout"
: >notadir
hri-parse --akn notadir "$C/A_HRC_26_41.txt" >/dev/null 2>err.txt
is "$?" 3 "--akn into a file: exit 3"
has "$(cat err.txt)" "writing Akoma Ntoso into notadir" "--akn error said"
done_testing
