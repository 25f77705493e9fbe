# parse_titles: every bundled document has its title and date, and a title
# is the title alone: never the printing office's job number
# ("GE.19-07475(E)", "GE:09-17825", "19-15622"), its bar code, the
# rapporteur named under a session report's title, or the body's first
# lines. Titles set in capitals (before 2010) are read too.
. "$HRI_TOP/tests/cli/lib.sh"

for f in "$HRI_CORPUS"/*.pdf "$HRI_CORPUS"/*.md "$HRI_CORPUS"/*.txt; do
	hri-parse -q "$f" | head -1
done | jq -r '[.symbol, (.title // "-"), (.date // "-")] | @tsv' >docs.tsv
n=$(wc -l <docs.tsv)
is "$n" "$(($(wc -l <"$HRI_CORPUS/MANIFEST.tsv") - 1))" "every bundled document parses"

# A/HRC/26/41 is plain text from which the masthead was lost (MANIFEST.tsv):
# it has nothing to read a title or a date from.
notitle=$(awk -F'\t' '$2 == "-" && $1 != "A/HRC/26/41" {print $1}' docs.tsv)
is "$notitle" "" "every bundled document with a masthead has a title"
nodate=$(awk -F'\t' '$3 == "-" && $1 != "A/HRC/26/41" {print $1}' docs.tsv)
is "$nodate" "" "every bundled document with a masthead has its date"
date_of() { awk -F'\t' -v s="$1" '$1 == s {print $3}' docs.tsv; }
# The date under "Distr.: General" is set in the small size of notes: "4
# March 2015" must not be read as note 4, nor a date of the body taken.
is "$(date_of A/HRC/28/15/Add.1)" 2015-03-04 "A/HRC/28/15/Add.1: the masthead's date, in the size of notes"
is "$(date_of A/HRC/14/15/Add.1)" 2010-03-23 "A/HRC/14/15/Add.1: the masthead's date, not one of the body"

# titles: no job number, bar code, rapporteur or body text
bad=$(awk -F'\t' '$2 ~ /GE[.:] ?[0-9][0-9]-[0-9]|(^| )[0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]|\*[0-9]|Rapporteur:|The present/ || length($2) > 300' docs.tsv)
is "$bad" "" "no title carries a job number, a bar code, a rapporteur or body text"

title() { awk -F'\t' -v s="$1" '$1 == s {print $2}' docs.tsv; }
is "$(title A/HRC/28/2)" "Report of the Human Rights Council on its twenty-eighth session" \
	"A/HRC/28/2: the title without its rapporteur and job number"
is "$(title A/HRC/DEC/14/105)" "Outcome of the Universal Periodic Review: Slovenia" \
	"a decision: its title, not the body's first lines"
is "$(title A/HRC/WG.6/20/SVN/3)" "Summary prepared by the Office of the United Nations High Commissioner for Human Rights in accordance with paragraph 15 (c) of the annex to Human Rights Council resolution 5/1 and paragraph 5 of the annex to Council resolution 16/21 Slovenia" \
	"a summary of stakeholders' information: 'Summary prepared' opens its title"
is "$(title A/HRC/WG.6/7/SVN/2/Corr.1)" "COMPILATION PREPARED BY THE OFFICE OF THE HIGH COMMISSIONER FOR HUMAN RIGHTS, IN ACCORDANCE WITH PARAGRAPH 15(B) OF THE ANNEX TO HUMAN RIGHTS COUNCIL RESOLUTION 5/1 Slovenia Corrigendum" \
	"a title in capitals, up to its job number"

# A text masthead, one block a paragraph: the job number and the bar code
# are furniture wherever they stand (here, where they would pass for the
# agenda item's title).
printf '%s\n\n' 'United Nations' 'A/HRC/99/5' 'General Assembly' 'Distr.: General' \
	'7 May 2019' 'Human Rights Council' 'Fortieth session' 'Agenda item 3' \
	'GE.19-07475(E)' '*1907475*' 'Promotion and protection of all human rights' \
	'Report of the Special Rapporteur on the right to food' \
	'1. The Special Rapporteur presents this report.' >A_HRC_99_5.txt
is "$(hri-parse -q A_HRC_99_5.txt | head -1 | jq -r '[.title, .date] | @tsv')" \
	"$(printf 'Report of the Special Rapporteur on the right to food\t2019-05-07')" \
	"a text masthead: the job number and bar code are not the title"

# The shared UPR development set, when present: every report has a title
# and none carries a job number or body text.
dev=${HRI_SHARED:-$HRI_TOP/../shared}/corpus/upr-dev
if [ -d "$dev" ]; then
	hri-parse -q --no-extract "$dev"/*.pdf |
		jq -r 'select(.type == "doc") | [.symbol, (.title // "-"), (.date // "-")] | @tsv' >dev.tsv
	is "$(awk -F'\t' '$2 == "-"' dev.tsv)" "" "upr-dev: every report has a title ($(wc -l <dev.tsv))"
	is "$(awk -F'\t' '$3 == "-"' dev.tsv)" "" "upr-dev: every report has its date (A/HRC/24/7 prints \"5 July2013\")"
	bad=$(awk -F'\t' '$2 ~ /GE[.:] ?[0-9][0-9]-[0-9]|\*[0-9]|\xe2\x88\x97|Previously issued/ || length($2) > 300' dev.tsv)
	is "$bad" "" "upr-dev: no title carries a job number, a note or body text"
else
	skip "no upr-dev set at $dev"
fi
done_testing
