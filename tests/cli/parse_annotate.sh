# parse_annotate: every segment hri-parse writes passes the extractor; the
# annotations are those of the real text, --explain says why, --no-extract
# turns it off.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS

hri-parse "$C/A_HRC_26_41.txt" >out.jsonl
is "$?" 0 "A/HRC/26/41 parses"
# Paragraph 1 cites the Advisory Committee's final report and names
# resolution 13/23 and the Committee's recommendation 5/4.
p1=$(jq -c 'select(.id=="A/HRC/26/41#1")' out.jsonl)
is "$(printf '%s' "$p1" | jq -r '[.cites[].symbol] | join(" ")')" "A/HRC/19/74" \
	"para 1 cites A/HRC/19/74"
is "$(printf '%s' "$p1" | jq -r '[.instruments[] | .kind + " " + .number] | join(", ")')" \
	"resolution 13/23, recommendation 5/4" "para 1 instruments"
is "$(printf '%s' "$p1" | jq -r '.instruments[0].issuer')" "Human Rights Council" \
	"resolution 13/23 issued by the Council"
# Every segment carries every annotation field, as arrays.
is "$(jq -r 'select(.type=="segment") | [.cites, .instruments, .countries,
	.organizations, .persons, .dates, .treaties, .themes, .sdgs, .affected]
	| map(type) | unique | join(",")' out.jsonl | sort -u)" "array" \
	"every segment has the ten annotation arrays"
# The South-South paragraphs are about inter-State cooperation, SDG 17.
has "$(jq -r 'select(.id=="A/HRC/26/41#14") | .sdgs[]' out.jsonl)" "17" \
	"para 14 (South-South cooperation) linked to SDG 17"

# UPR recommendations: recommending States as UN short names.
hri-parse "$C/A_HRC_28_15.pdf" >upr.jsonl
is "$(jq -r 'select(.id=="A/HRC/28/15#115.8") | .recommending | join("; ")' upr.jsonl)" \
	"Senegal; Sierra Leone; Venezuela (Bolivarian Republic of); Peru; Uruguay" \
	"115.8 recommending States"
is "$(jq -r 'select(.id=="A/HRC/28/15#115.3") | .treaties | length > 0' upr.jsonl)" "true" \
	"115.3 names the optional protocol it asks to ratify"

# --explain: each theme given has a rule with its table line and the words.
hri-parse --explain "$C/A_HRC_26_41.txt" >ex.jsonl
is "$(jq -r 'select(.id=="A/HRC/26/41#14") | .explain[] | select(.field=="sdgs" and .value=="17") | .match' ex.jsonl | head -1)" \
	"South-South cooperation" "--explain names the words behind SDG 17"
is "$(jq -r 'select(.type=="segment" and (.themes|length) > 0) | (.themes - [.explain[] | select(.field=="themes") | .value]) | length' ex.jsonl | sort -u)" \
	"0" "--explain covers every theme given"

# --no-extract: the same segments, no annotations.
hri-parse --no-extract "$C/A_HRC_26_41.txt" >plain.jsonl
is "$(jq -r 'select(.type=="segment") | .id' plain.jsonl | md5sum)" \
	"$(jq -r 'select(.type=="segment") | .id' out.jsonl | md5sum)" \
	"--no-extract: the same segments"
is "$(jq -r 'select(.type=="segment") | has("cites")' plain.jsonl | sort -u)" "false" \
	"--no-extract: no annotations"
done_testing
