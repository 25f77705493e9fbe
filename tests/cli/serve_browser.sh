#!/bin/sh
# serve_browser.sh - hri-serve in a real browser: headless Chromium driven
# through ChromeDriver's W3C WebDriver HTTP API with curl. A researcher's
# path: search "South-South cooperation", click a State in the sidebar, see
# the list narrow, open a paragraph, follow a citation. Screenshots stay in
# the work directory (copied to $HRI_ARTEFACTS when that is set).
. "$HRI_TOP/tests/cli/lib.sh"
need chromium chromium
need chromedriver chromium-driver
need curl curl
chrome=$(command -v chromium)
driver=$(command -v chromedriver)

hri-parse "$HRI_CORPUS/A_HRC_26_41.txt" "$HRI_CORPUS/A_HRC_31_81.md" \
	"$HRI_CORPUS/A_HRC_23_20.md" "$HRI_CORPUS/A_HRC_28_15.pdf" \
	"$HRI_CORPUS/A_HRC_28_15_Add.1.pdf" 2>/dev/null |
	hri-index -q -d db
is "$?" 0 "hri-parse | hri-index of five corpus documents"

# waitfor FILE TEXT: waits up to 30 s for TEXT to show in FILE.
waitfor() {
	i=0
	while [ $i -lt 300 ] && ! grep -qs "$2" "$1"; do sleep 0.1; i=$((i + 1)); done
}

hri-serve -d db --listen 127.0.0.1:0 2>serve.err &
spid=$!
waitfor serve.err 'listening on'
url=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' serve.err)
"$driver" --port=0 >driver.log 2>&1 &
dpid=$!
waitfor driver.log 'started successfully on port'
wd=http://127.0.0.1:$(sed -n 's/.*started successfully on port \([0-9]*\).*/\1/p' driver.log)

# wd METHOD PATH [JSON]: one WebDriver call; prints the answer's value.
wd() {
	curl -sS --max-time 120 -X "$1" -H 'Content-Type: application/json' \
		${3:+-d "$3"} "$wd$2" | jq -c .value
}
# el CSS: the id of the first element matching CSS.
el() {
	wd POST "/session/$sid/element" \
		"$(jq -cn --arg c "$1" '{using:"css selector", value:$c}')" |
		jq -r '.["element-6066-11e4-a52e-4f735466cecf"] // empty'
}
# shot NAME: a screenshot of the page, NAME.png.
shot() {
	wd GET "/session/$sid/screenshot" | jq -r . | base64 -d >"$1.png"
	[ -n "${HRI_ARTEFACTS:-}" ] && cp "$1.png" "$HRI_ARTEFACTS/" 2>/dev/null
	return 0
}

caps=$(jq -cn --arg bin "$chrome" --arg prof "$HRI_WORK/profile" '{capabilities:
	{alwaysMatch: {browserName: "chrome", "goog:chromeOptions": {binary: $bin,
	args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
	"--no-first-run", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--window-size=1280,1000",
	("--user-data-dir=" + $prof)]}}}}')
sid=$(wd POST /session "$caps" | jq -r '.sessionId // empty')
tap "$([ -n "$sid" ]; echo $?)" "a Chromium session"

wd POST "/session/$sid/url" "$(jq -cn --arg u "$url/" '{url:$u}')" >/dev/null
is "$(wd GET "/session/$sid/title" | jq -r .)" "Search - hri" "the search page opens"
q=$(el '#q')
wd POST "/session/$sid/element/$q/value" '{"text":"South-South cooperation"}' >/dev/null
wd POST "/session/$sid/element/$(el '#go')/click" '{}' >/dev/null
has "$(wd GET "/session/$sid/url" | jq -r .)" "q=South-South+cooperation" \
	"the form submits the query"
n_all=$(wd GET "/session/$sid/element/$(el '#matches')/text" | jq -r .)
tap "$([ "${n_all:-0}" -gt 1 ]; echo $?)" "paragraphs found ($n_all)"
shot search

state=$(el '#facet-country li a')
name=$(wd GET "/session/$sid/element/$state/text" | jq -r .)
wd POST "/session/$sid/element/$state/click" '{}' >/dev/null
has "$(wd GET "/session/$sid/url" | jq -r .)" "f=country%3A" "a click on a State filters"
n_one=$(wd GET "/session/$sid/element/$(el '#matches')/text" | jq -r .)
tap "$([ "${n_one:-0}" -ge 1 ] && [ "$n_one" -lt "$n_all" ]; echo $?)" \
	"the list narrows to $name ($n_all to $n_one)"
has "$(wd GET "/session/$sid/element/$(el '.chip')/text" | jq -r .)" "country:$name" \
	"the filter shows"
shot filtered

wd POST "/session/$sid/element/$(el 'article.hit a.seg')/click" '{}' >/dev/null
has "$(wd GET "/session/$sid/url" | jq -r .)" "/segment?id=" "a hit opens its paragraph"
text=$(wd GET "/session/$sid/element/$(el 'p.text')/text" | jq -r .)
tap "$([ ${#text} -gt 40 ]; echo $?)" "the paragraph view shows the text"
shot paragraph

# Follow a citation from a paragraph that has both ways.
wd POST "/session/$sid/url" \
	"$(jq -cn --arg u "$url/segment?id=A%2FHRC%2F26%2F41%231" '{url:$u}')" >/dev/null
cited=$(el 'ul.cited-by a[href^="/segment"]')
tap "$([ -n "$cited" ]; echo $?)" "A/HRC/26/41#1 lists the paragraphs citing its document"
target=$(wd GET "/session/$sid/element/$cited/text" | jq -r .)
wd POST "/session/$sid/element/$cited/click" '{}' >/dev/null
is "$(wd GET "/session/$sid/title" | jq -r .)" "$target - hri" "following the citation opens $target"
has "$(wd GET "/session/$sid/element/$(el 'p.text')/text" | jq -r .)" "A/HRC/26/41" \
	"and that paragraph cites A/HRC/26/41"
shot citation
tap "$([ -s search.png ] && [ "$(head -c 4 search.png | tail -c 3)" = PNG ]; echo $?)" \
	"screenshots are PNG images"

# js SCRIPT: runs SCRIPT in the page; prints its value.
js() {
	wd POST "/session/$sid/execute/sync" "$(jq -cn --arg s "$1" '{script:$s, args:[]}')"
}
# size W H: the window's size.
size() {
	wd POST "/session/$sid/window/rect" "{\"width\":$1,\"height\":$2}" >/dev/null
}
# The home page holds no list of every paragraph but what the index holds.
wd POST "/session/$sid/url" "$(jq -cn --arg u "$url/" '{url:$u}')" >/dev/null
is "$(js 'return document.querySelectorAll("article.hit").length')" 0 \
	"the home page lists no paragraphs"
is "$(js 'return document.getElementById("docs").textContent')" '"5"' \
	"the home page counts the documents"
is "$(js 'return document.querySelectorAll("#home-body li, #home-doctype li, #home-year li").length > 3')" true \
	"the home page shows bodies, document types and years with counts"

# Recommendation cards and the Index's facets.
rec="$url/search?q=&f=kind%3Arecommendation&f=symbol%3AA%2FHRC%2F28%2F15"
wd POST "/session/$sid/url" "$(jq -cn --arg u "$rec" '{url:$u}')" >/dev/null
for f in recommending position state_under_review mechanism doctype cycle; do
	is "$(js "return !!document.getElementById('facet-$f')")" true "a facet of $f"
done
is "$(js 'return document.querySelectorAll("#facet-recommending li").length == 12 && !!document.querySelector("details.more #facet-recommending-more li")')" true \
	"past 12 recommending States, the rest behind more"
is "$(js 'const l = [...document.querySelectorAll("#facet-sdg li")]; return l.length > 0 && l.every(e => e.querySelector(".goal") && e.querySelector(".goal").textContent.length > 5)')" true \
	"every SDG of the sidebar has its goal's name beside its number"
wd POST "/session/$sid/url" "$(jq -cn --arg u "$url/search?q=&f=sdg%3A16" '{url:$u}')" >/dev/null
has "$(js 'return document.getElementById("facet-sdg").textContent')" \
	"Peace, justice and strong institutions" "SDG 16 is named"
wd POST "/session/$sid/url" "$(jq -cn --arg u "$rec" '{url:$u}')" >/dev/null
facts=$(js 'return document.querySelector("article.hit dl.facts").textContent')
for w in Position Recommending "State under review" Mechanism Cycle Session "Document type"; do
	has "$facts" "$w" "a recommendation's card shows $w"
done
is "$(js 'return !!document.querySelector("article.hit a.ods[href*=\"documents.un.org\"]")')" true \
	"a card links to the PDF"

# A paragraph opened from the results leads back to them; the documents
# citing it are listed with their titles.
wd POST "/session/$sid/element/$(el 'article.hit a.seg')/click" '{}' >/dev/null
wd POST "/session/$sid/element/$(el 'a.back')/click" '{}' >/dev/null
is "$(wd GET "/session/$sid/url" | jq -r .)" "$rec" "the paragraph view leads back to the results"
wd POST "/session/$sid/url" \
	"$(jq -cn --arg u "$url/segment?id=A%2FHRC%2F26%2F41%231" '{url:$u}')" >/dev/null
has "$(js 'return document.querySelector("ul.cited-by li").textContent')" \
	"(Enhancement of international cooperation in the field of human rights)" \
	"the citing documents are listed with their titles"
is "$(js 'return document.querySelectorAll("a.back").length')" 0 \
	"a paragraph opened from elsewhere has no way back"
wd POST "/session/$sid/url" \
	"$(jq -cn --arg u "$url/segment?id=A%2FHRC%2F26%2F41%231&back=https%3A%2F%2Fevil.example%2F" '{url:$u}')" >/dev/null
is "$(js 'return document.querySelectorAll("a.back").length')" 0 \
	"a way back that leads off the site is refused"

# Each page at desktop and at phone width: a screenshot, and the results
# before the facets on a phone (beside them on a desktop).
pages="home=$url/ search=$rec segment=$url/segment?id=A%2FHRC%2F28%2F15%23115.1"
for p in $pages; do
	name=${p%%=*} u=${p#*=}
	wd POST "/session/$sid/url" "$(jq -cn --arg u "$u" '{url:$u}')" >/dev/null
	for w in 1280x1000 390x844; do
		size "${w%x*}" "${w#*x}"
		shot "$name-$w"
		tap "$([ "$(head -c 4 "$name-$w.png" | tail -c 3)" = PNG ]; echo $?)" \
			"$name page at $w: a screenshot"
	done
	size 1280 1000
	# every link of the page answers, and a search link finds something
	js 'return [...document.querySelectorAll("a[href]")].map(a => a.href)' |
		jq -r '.[]' | grep "^$url/" | sort -u >"links-$name.txt"
	bad=
	while read -r l; do
		page=$(curl -s -w '\n%{http_code}' "$l")
		code=$(printf '%s\n' "$page" | tail -1)
		case $l in "$url/search"*)
			printf '%s\n' "$page" | grep -q 'id="matches">0<' && code="$code(no match)" ;;
		esac
		[ "$code" = 200 ] || bad="$bad $l:$code"
	done <"links-$name.txt"
	is "$bad" "" "$name page: its $(wc -l <"links-$name.txt") links answer and find something"
done
size 390 844
wd POST "/session/$sid/url" "$(jq -cn --arg u "$rec" '{url:$u}')" >/dev/null
is "$(js 'return document.querySelector("article.hit").getBoundingClientRect().top < document.querySelector("nav.facets").getBoundingClientRect().top')" true \
	"at phone width the first result comes before the facets"
size 1280 1000
wd POST "/session/$sid/url" "$(jq -cn --arg u "$rec" '{url:$u}')" >/dev/null
is "$(js 'return document.querySelector("nav.facets").getBoundingClientRect().right <= document.querySelector("article.hit").getBoundingClientRect().left')" true \
	"at desktop width the facets stand beside the results"

wd DELETE "/session/$sid" >/dev/null
kill -TERM $dpid $spid
wait $spid
is "$?" 0 "hri-serve stops cleanly"
done_testing
