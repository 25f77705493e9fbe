# query_treaty.sh - a concluding observation and a UPR report through
# hri-index, hri-query and hri-serve: the filters a researcher uses on
# treaty-body recommendations (mechanism:, body:, review:, article:,
# followup:), the recommendation card (the recommendation with its concern
# and subject) in text, JSON and CSV, and on the pages of hri-serve.
. "$HRI_TOP/tests/cli/lib.sh"
need curl curl
C=$HRI_CORPUS

hri-parse "$C/CCPR_C_USA_CO_4.txt" "$C/A_HRC_28_15.pdf" 2>/dev/null | hri-index -q -d db
is "$?" 0 "a concluding observation and a UPR report indexed"

# ids QUERY: the ids of every hit, in document order, after the "#"
ids() { hri-query -d db --format json --sort date --limit 1000 "$@" | jq -r '.id' | sed 's/.*#//' | tr '\n' ' '; }
count() { hri-query -d db --format json --limit 1000 "$@" | jq -s 'length'; }

is "$(count 'mechanism:treaty-body kind:recommendation')" \
	"$(hri-parse --no-extract "$C/CCPR_C_USA_CO_4.txt" | jq -s '[.[] | select(.kind=="recommendation")] | length')" \
	"mechanism:treaty-body finds every recommendation of the concluding observation"
is "$(hri-query -d db --format json --limit 1000 'mechanism:upr' | jq -r .symbol | sort -u)" "A/HRC/28/15" \
	"mechanism:upr finds the UPR report alone"
is "$(count 'body:"Human Rights Committee" kind:concern')" 22 "body: and kind:concern"
is "$(hri-query -d db --format json --limit 1000 'review:"united states of america"' | jq -r .symbol | sort -u)" \
	"CCPR/C/USA/CO/4" "review: the State reviewed, folded like every filter"
is "$(ids 'followup:yes')" "5.rec 10.rec 10(a) 10(b) 21.rec 22.rec 22(a) 22(b) 22(c) 22(d) 22(e) " \
	"followup:yes: the recommendations under the follow-up procedure"
is "$(ids 'article:"ICCPR 27"')" "25 25.rec " "article: a concern and its recommendation"
is "$(ids 'article:"ICCPR 6" followup:yes kind:recommendation')" \
	"5.rec 10.rec 10(a) 10(b) " "article: with other filters"
is "$(hri-query -d db --limit 0 --facets mechanism '' | jq -c .counts)" \
	"$(printf '{"upr":%s,"treaty-body":%s}' "$(count symbol:A/HRC/28/15)" "$(count symbol:CCPR/C/USA/CO/4)")" \
	"--facets mechanism counts both"

hri-query -d db --format text --show 'CCPR/C/USA/CO/4#8(b)' >card.txt
is "$?" 0 "--show a recommendation item"
has "$(cat card.txt)" "Human Rights Committee: United States of America" "the card: body and State"
has "$(cat card.txt)" "C Death penalty" "the card: its subject"
has "$(cat card.txt)" "concern (8): While welcoming the overall decline" "the card: its concern"
has "$(cat card.txt)" "(arts. 2, 6, 7, 9, 14 and 26)." "the concern whole under --show"
has "$(cat card.txt)" "articles: ICCPR 2; ICCPR 6;" "the card: its articles"
is "$(hri-query -d db --format json 'abolition death penalty Protocol' 'kind:recommendation' --limit 1 | jq -r '[.id, .concern, (.concern_text|.[0:35])] | join("|")')" \
	"CCPR/C/USA/CO/4#8.rec2|CCPR/C/USA/CO/4#8|While welcoming the overall decline" \
	"JSON hits carry the concern's id and text"
hri-query -d db --format csv --limit 1 'kind:recommendation followup:yes' >out.csv
is "$(python3 -c 'import csv,sys; r=list(csv.DictReader(open("out.csv", newline=""))); print(r[0]["concern"], r[0]["followup"], r[0]["concern_text"][:20])')" \
	"CCPR/C/USA/CO/4#5 yes The Committee is con" "CSV: concern, its text and the follow-up flag"
has "$(hri-query -d db --format text --limit 1 'mechanism:upr')" "A/HRC/28/15" "a UPR hit still reads as before"
is "$(hri-query -d db --format text --limit 1 'mechanism:upr' | grep -c 'concern')" 0 "and has no concern"

# The same card on the pages of hri-serve.
serve_start db
get() { curl -sS --max-time 60 "$url$1"; }
page=$(get '/search?q=death+penalty&f=mechanism%3Atreaty-body')
has "$page" '<p class="concern"><span class="lbl">Concern (<a href="/segment?id=CCPR%2FC%2FUSA%2FCO%2F4%238">8</a>):</span> While welcoming' \
	"a hit shows its concern, linked"
has "$page" '<a href="/search?q=&amp;f=body%3AHuman%20Rights%20Committee">Human Rights Committee</a>: <a href="/search?q=&amp;f=state_under_review%3AUnited%20States%20of%20America">United States of America</a>' \
	"and its body and State, each a filter"
has "$(get '/search?q=death+penalty')" '<ul id="facet-mechanism">' "mechanisms in the sidebar"
page=$(get '/segment?id=CCPR%2FC%2FUSA%2FCO%2F4%2322(a)')
has "$page" '<dt>Follow-up</dt><dd><a href="/search?q=&amp;f=followup%3Ayes">yes</a></dd>' \
	"the paragraph view flags the follow-up"
has "$page" 'f=article%3AICCPR%2017">ICCPR 17</a>' "and links each article"
has "$page" 'the interest of protecting national security' "and shows the concern whole"
is "$(get '/api/search?q=&f=followup%3Ayes&limit=100' | jq -s 'length')" 11 \
	"the API filters on followup: too"
kill -TERM $spid
wait $spid
is "$?" 0 "hri-serve stops cleanly"
done_testing
