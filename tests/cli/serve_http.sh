#!/bin/sh
# serve_http.sh - hri-serve over real HTTP with curl: the corpus parsed and
# indexed by the real pipeline, then the pages, the JSON API and the exports
# (byte for byte what hri-query prints), escaping of a hostile paragraph and
# query, bad requests, a commit seen without a restart (and after
# --compact), concurrent requests, a clean stop (slow clients and floods of
# parameters: test_serve_guard).
. "$HRI_TOP/tests/cli/lib.sh"
need curl curl

hri-parse "$HRI_CORPUS/A_HRC_26_41.txt" "$HRI_CORPUS/A_HRC_31_81.md" \
	"$HRI_CORPUS/A_HRC_23_20.md" "$HRI_CORPUS/A_HRC_28_15.pdf" 2>/dev/null |
	hri-index -q -d db
is "$?" 0 "hri-parse | hri-index of four corpus documents"
hri-index -q -d db "$HRI_TOP/tests/data/hostile-segment.jsonl"
is "$?" 0 "and one hostile paragraph"

# enc STRING: STRING percent-encoded for a query parameter.
enc() { jq -rn --arg s "$1" '$s|@uri'; }

serve_start db
has "$url" "http://127.0.0.1:" "--listen 127.0.0.1:0 binds a free port and prints it"

# get PATH: the body; code PATH [CURL-ARGS]: the status.
get() { curl -sS --max-time 60 "$url$1"; }
code() { p=$1; shift; curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$@" "$url$p"; }

q=$(enc 'South-South cooperation')

# The search page.
page=$(get "/search?q=$q")
is "$(code "/search?q=$q")" 200 "the search page"
has "$page" 'value="South-South cooperation"' "the query stays in its box"
page2=$(get "/search?q=$(enc 'cooperatoin OR cooperation')")
tap "$(case $page2 in *'Did you mean'*) echo 1 ;; *) echo 0 ;; esac)" \
	"a query that matches gets no spelling suggestion, misspelt or not"
page2=$(get "/search?q=$(enc 'cooperatoin')")
has "$page2" 'Did you mean <a href="/search?q=cooperation">cooperation</a>?' \
	"a query that matches nothing gets one, linked"
has "$page" '<a class="seg" href="/segment?id=A%2FHRC%2F26%2F41%23' \
	"hits link to their paragraph view"
has "$page" '<b>South-South</b> <b>cooperation</b>' "matches highlighted in the snippets"
has "$page" 'href="https://documents.un.org/api/symbol/access?s=A%2FHRC%2F26%2F41&amp;l=en&amp;t=pdf"' \
	"a link to the document on ODS"
has "$page" '<ul id="facet-country">' "States in the sidebar"
has "$page" 'Query language' "the query language explained beside the results"
n_all=$(printf '%s' "$page" | sed -n 's|.*<strong id="matches">\([0-9]*\)</strong>.*|\1|p')
n_cli=$(hri-query -d db --limit 0 --facets kind 'South-South cooperation' | jq '[.counts[]]|add')
is "$n_all" "$n_cli" "the page counts what hri-query counts"

# A State from the sidebar narrows the list.
flink=$(printf '%s' "$page" | sed -n 's|.*<ul id="facet-country"><li><a href="\([^"]*\)".*|\1|p' | sed 's/&amp;/\&/g')
has "$flink" "&f=country%3A" "a State is a link adding a filter"
page2=$(get "$flink")
n_one=$(printf '%s' "$page2" | sed -n 's|.*<strong id="matches">\([0-9]*\)</strong>.*|\1|p')
tap "$([ "$n_one" -ge 1 ] && [ "$n_one" -lt "$n_all" ]; echo $?)" \
	"the filter narrows the list ($n_all to $n_one)"
has "$page2" 'class="chip"' "the active filter shows, removable"

# Paging.
has "$(get "/search?q=cooperation&limit=5")" 'rel="next" href="/search?q=cooperation&amp;offset=5"' \
	"a next page link"
has "$(get "/search?q=cooperation&limit=5&offset=5")" 'rel="prev"' "and a previous one"

# The JSON API and the exports print what hri-query prints.
hri-query -d db --format json --limit 5 'South-South cooperation' >want.jsonl
get "/api/search?q=$q&limit=5" >got.jsonl
tap "$(cmp -s want.jsonl got.jsonl; echo $?)" "/api/search is hri-query --format json"
hri-query -d db --format json --limit 3 --offset 2 --facets country,theme \
	--sort date 'South-South cooperation' >want.jsonl
get "/api/search?q=$q&limit=3&offset=2&facets=country,theme&sort=date" >got.jsonl
tap "$(cmp -s want.jsonl got.jsonl; echo $?)" "with offset, facets and sort too"
hri-query -d db --format json --limit 0 --facets country,sdg cooperation >want.jsonl
get "/api/facets?q=cooperation&facets=country,sdg" >got.jsonl
tap "$(cmp -s want.jsonl got.jsonl; echo $?)" "/api/facets is hri-query --limit 0 --facets"
is "$(get "/api/facets?q=cooperation" | jq -r .field | head -3 | tr '\n' ' ')" \
	"country theme sdg " "/api/facets counts every facet by default"
hri-query -d db --format json --show 'A/HRC/26/41#45(e)' >want.jsonl
get "/api/segment?id=$(enc 'A/HRC/26/41#45(e)')" >got.jsonl
tap "$(cmp -s want.jsonl got.jsonl; echo $?)" "/api/segment is hri-query --show"
hri-query -d db --format csv --limit 10000 'South-South cooperation' >want.csv
get "/export.csv?q=$q" >got.csv
tap "$(cmp -s want.csv got.csv; echo $?)" "/export.csv is hri-query --format csv"
hri-query -d db --format json --limit 10000 'South-South cooperation' >want.jsonl
get "/export.jsonl?q=$q" >got.jsonl
tap "$(cmp -s want.jsonl got.jsonl; echo $?)" "/export.jsonl is hri-query --format json"
has "$(curl -sS -D - -o /dev/null "$url/export.csv?q=$q")" \
	'Content-Disposition: attachment; filename="hri-export.csv"' "the export downloads as a file"
f=$(enc 'country:Nigeria')
hri-query -d db --format json --limit 100 'South-South cooperation country:Nigeria' | jq -r .id >want.txt
get "/export.jsonl?q=$q&f=$f" | jq -r .id >got.txt
tap "$([ -s want.txt ] && cmp -s want.txt got.txt; echo $?)" \
	"an f= filter matches what the country: prefix matches"

# The paragraph view: text, annotations, citations both ways.
seg=$(get "/segment?id=$(enc 'A/HRC/26/41#1')")
has "$seg" 'In its resolution 13/23' "the paragraph view shows the text"
has "$seg" '<dt>Themes</dt><dd><a href="/search?q=&amp;f=theme%3AInter-State%20cooperation%20%26%20development%20or%20humanitarian%20assistance">' \
	"its annotations, each a filter"
has "$seg" '<h3>Cites</h3><ul class="cites"><li><a href="/search?q=&amp;f=symbol%3AA%2FHRC%2F19%2F74&amp;sort=doc">' \
	"the documents it cites"
has "$seg" '<a href="/segment?id=A%2FHRC%2F31%2F81%237">A/HRC/31/81#7</a>' \
	"the paragraphs citing its document"
is "$(code "/segment?id=$(enc 'A/HRC/26/41#999')")" 404 "an unknown paragraph: 404"

# Escaping: a hostile paragraph and a hostile query.
evil=$(get "/search?q=hostile")
has "$evil" '&lt;script&gt;alert(1)&lt;/script&gt;' "a paragraph's markup is shown as text"
has "$evil" 'Hostile &lt;script&gt;alert(2)&lt;/script&gt; document' "so is a title's"
case $evil in *'<script'*|*'<img'*|*'<i>'*) tap 1 "no markup of the index gets through" ;;
	*) tap 0 "no markup of the index gets through" ;; esac
evil=$(get "/segment?id=$(enc 'A/HRC/99/1#1')")
case $evil in *'<script'*|*'<img'*|*'<b>Atlantis'*|*'<i>'*) tap 1 "nor in the paragraph view" ;;
	*) tap 0 "nor in the paragraph view" ;; esac
has "$evil" '&lt;img src=x onerror=alert(4)&gt;' "the paragraph view escapes the text"
evil=$(get "/search?q=$(enc '"><script>alert(3)</script>')&f=$(enc 'country:"><script>alert(5)</script>')")
has "$evil" 'value="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"' "a hostile query is escaped in its box"
case $evil in *'<script'*) tap 1 "a hostile query or filter injects nothing" ;;
	*) tap 0 "a hostile query or filter injects nothing" ;; esac
has "$(curl -sS -D - -o /dev/null "$url/")" "Content-Security-Policy: default-src 'none'" \
	"pages carry a restrictive Content-Security-Policy"

# Bad requests.
is "$(code "/search?q=x&limit=abc")" 400 "a bad limit: 400"
has "$(get "/search?q=x&limit=abc")" 'limit: not a count' "with a clear message"
is "$(code "/api/search?q=x&limit=101")" 400 "a page size over the cap: 400"
has "$(get "/api/search?q=x&limit=101" | jq -r .error)" "limit: at most 100" "says the cap"
long=$(head -c 1100 /dev/zero | tr '\0' a)
is "$(code "/search?q=$long")" 400 "a query over 1024 bytes: 400"
is "$(code "/search?q=$(enc 'cooperation AND (')")" 400 "a query that does not parse: 400"
has "$(get "/api/search?q=$(enc 'cooperation AND (')" | jq -r .error)" \
	'cannot parse the query "cooperation AND ("' "says so as hri-query does"
is "$(code "/search?q=x&f=colour:red")" 400 "an unknown filter field: 400"
is "$(code "/api/facets?facets=colour")" 400 "an unknown facet: 400"
is "$(code "/search?q=x&sort=size")" 400 "an unknown order: 400"
is "$(code /nothing/here)" 404 "an unknown path: 404"
is "$(code /../../etc/passwd --path-as-is)" 404 "a path out of the static set: 404"
is "$(code /api/nothing)" 404 "an unknown API path: 404"
is "$(code / -X POST -d x=1)" 405 "POST: 405"
has "$(curl -sS -D - -o /dev/null -X DELETE "$url/")" "Allow: GET, HEAD" "405 says what is allowed"
is "$(curl -s -I -o /dev/null -o /dev/null -w '%{http_code}' "$url/search?q=x")" 200 "HEAD: 200"
is "$(curl -s -I "$url/search?q=x" | grep -ci '^content-type: text/html')" 1 "HEAD has the headers"
is "$(code /style.css)" 200 "the style sheet"

# A commit of hri-index shows without a restart.
is "$(get "/api/search?q=symbol:A/HRC/23/20&limit=1" | wc -l | tr -d ' ')" 1 \
	"before: A/HRC/23/20 is there"
is "$(get "/api/search?q=$(enc 'symbol:A/HRC/WG.6/20/SVN/2')&limit=1" | grep -c '"type":"hit"')" 0 \
	"before: the Slovenian UPR compilation is not"
hri-parse "$HRI_CORPUS/A_HRC_WG.6_20_SVN_2.pdf" 2>/dev/null | hri-index -q -d db
is "$(get "/api/search?q=$(enc 'symbol:A/HRC/WG.6/20/SVN/2')&limit=1" | jq -r .symbol)" \
	"A/HRC/WG.6/20/SVN/2" "after hri-index commits, the server finds it"

# hri-index --compact puts a new database in place, whose revisions start
# again: after it, commits up to the revision the server last read, and the
# server still finds what each added (reopen() alone took the equal
# revision for no change and kept answering from the old files).
rev=$(xapian-delve db | sed -n 's/^revision = //p')
hri-index -q -d db --compact
n=0
while [ $n -lt 30 ]; do
	n=$((n + 1))
	printf '%s\n%s\n' \
		"{\"type\":\"doc\",\"symbol\":\"A/HRC/98/$n\",\"title\":\"After compaction\",\"body\":\"Human Rights Council\",\"lang\":\"en\"}" \
		"{\"type\":\"segment\",\"symbol\":\"A/HRC/98/$n\",\"id\":\"A/HRC/98/$n#1\",\"kind\":\"paragraph\",\"para\":1,\"text\":\"Commit $n after the compaction.\"}" |
		hri-index -q -d db
	[ "$(xapian-delve db | sed -n 's/^revision = //p')" -ge "$rev" ] && break
done
echo "# revision $rev before --compact, again after $n commits"
is "$(get "/api/search?q=$(enc "symbol:A/HRC/98/$n")&limit=1" | jq -r .symbol)" \
	"A/HRC/98/$n" "after --compact and $n commits, the server finds the last one"

# Concurrent requests: 8 clients of 50 requests each, each answer checked
# against what hri-query says.
set -- 'South-South cooperation' cooperation 'human rights' 'country:Nigeria' \
	'theme:"International cooperation"' development Slovenia 'year:2016'
k=0
for qq in "$@"; do
	k=$((k + 1))
	hri-query -d db --format json --limit 7 "$qq" >want.$k
	(
		e=$(enc "$qq") bad=0 j=0
		while [ $j -lt 50 ]; do
			curl -sS --max-time 60 "$url/api/search?q=$e&limit=7" >got.$k
			cmp -s want.$k got.$k || bad=$((bad + 1))
			j=$((j + 1))
		done
		echo $bad >bad.$k
	) &
done
wait_clients() {
	for k in 1 2 3 4 5 6 7 8; do
		i=0
		while [ ! -f bad.$k ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
	done
}
wait_clients
is "$(cat bad.1 bad.2 bad.3 bad.4 bad.5 bad.6 bad.7 bad.8 | tr '\n' ' ')" \
	"0 0 0 0 0 0 0 0 " "400 concurrent requests, every answer right"
tap "$([ -s want.1 ] && [ -s want.8 ]; echo $?)" "and the answers were not empty"
is "$(code "/search?q=$q")" 200 "the server still answers"

# The home page: what the index holds, no list of paragraphs; a paragraph
# view's way back, only to a results page of the site.
home=$(get "/")
has "$home" 'id="docs">' "the home page counts the documents"
is "$(printf '%s' "$home" | grep -c '<article')" 0 "the home page lists no paragraphs"
has "$home" 'f=mechanism%3Aupr">Universal Periodic Review</a>' \
	"a mechanism is named as the Index names it, its link keeps the code"
has "$home" 'f=doctype%3Aupr-report">UPR Working Group report</a>' \
	"a document type too"
has "$(get "/search?q=&f=mechanism%3Aupr")" '<dt>Mechanism</dt><dd><a href="/search?q=&amp;f=mechanism%3Aupr">Universal Periodic Review</a>' \
	"a card names its mechanism"
has "$(get "/search?q=$q")" "&amp;back=%2Fsearch%3Fq%3D" "a hit's link carries the way back"
has "$(get "/segment?id=A%2FHRC%2F26%2F41%231&back=%2Fsearch%3Fq%3Dx%26f%3Dkind%253Aparagraph")" \
	'class="back" rel="prev" href="/search?q=x&amp;f=kind%3Aparagraph"' "the paragraph view links back"
is "$(get "/segment?id=A%2FHRC%2F26%2F41%231&back=javascript%3Aalert(1)" | grep -c 'class="back"')" 0 \
	"a way back off the results is not linked"

# Keep-alive: curl given several addresses asks them over one connection
# when the server keeps it open (HTTP/1.1), and connects again when the
# server closed it; num_connects counts the connections each request made.
hri-query -d db --format json --limit 4 torture >want.k1
hri-query -d db --format json --limit 2 --facets country cooperation >want.k2
curl -sS --max-time 60 -o got.k1 -o got.k2 -o got.k3 -w '%{num_connects} %{http_code}\n' \
	"$url/api/search?q=torture&limit=4" \
	"$url/api/search?q=cooperation&limit=2&facets=country" \
	"$url/search?q=torture" >conns.txt
is "$(tr '\n' ' ' <conns.txt)" "1 200 0 200 0 200 " \
	"three requests over one kept-alive connection"
tap "$(cmp -s want.k1 got.k1 && cmp -s want.k2 got.k2; echo $?)" \
	"each answered as hri-query answers"
has "$(cat got.k3)" '<strong id="matches">' "the page too"
is "$(curl -s -I -o /dev/null -o /dev/null -w '%{num_connects} ' --max-time 60 \
	"$url/api/search?q=torture" "$url/api/search?q=torture")" "1 0 " \
	"HEAD requests keep it open too"
is "$(curl -s -X POST -d x=1 -o /dev/null -o /dev/null -w '%{num_connects} %{http_code} ' \
	--max-time 60 "$url/api/search?q=torture" "$url/api/search?q=torture")" \
	"1 405 1 405 " "a request with a body is refused and its connection closed"

# A clean stop.
kill -TERM $spid
wait $spid
is "$?" 0 "SIGTERM stops it, exit 0"
has "$(cat serve.err)" "stopping on signal" "it says so"
case $(cat serve.err) in *Sanitizer*|*"runtime error"*) tap 1 "no sanitizer report" ;;
	*) tap 0 "no sanitizer report" ;; esac

# Options.
has "$(hri-serve --help)" "usage: hri-serve [-d DB] [--listen ADDR:PORT]" "--help"
status 2 "a bad --listen: exit 2" hri-serve -d db --listen nowhere
status 2 "a bad --threads: exit 2" hri-serve -d db --threads 0
status 2 "a bad --header-timeout: exit 2" hri-serve -d db --header-timeout 0
status 2 "a bad --client-limit: exit 2" hri-serve -d db --client-limit x
status 4 "no database: exit 4" hri-serve -d nodb --listen 127.0.0.1:0
hri-serve -d db --listen 0.0.0.0:0 2>pub.err &
ppid=$!
i=0
while [ $i -lt 300 ] && ! grep -qs 'listening on' pub.err; do sleep 0.1; i=$((i + 1)); done
kill -TERM $ppid; wait $ppid
has "$(cat pub.err)" "is not a loopback address" "a non-loopback --listen is said out loud"
done_testing
