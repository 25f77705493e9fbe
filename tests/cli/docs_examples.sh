# docs_examples: every example command shown in README.md's shell blocks and
# in the man pages (their EXAMPLES sections and .nf blocks), and every query
# the web page's help shows, is run on the bundled corpus and answers
# something: a command exits 0 and writes something (its output, the file
# it redirects to, or for an indexing pipeline hri-index's summary); a web
# example finds at least one hit. An example that needs what a test cannot
# have (the UN's servers, a cron table) is named with its reason; any other
# example the test cannot place fails it, so a new example is run or
# explained.
. "$HRI_TOP/tests/cli/lib.sh"
need dot graphviz
need curl curl

# The fixture: $HRI_HOME/db holds the bundled corpus, and hri-serve serves
# it, from before the first example that may query them. hri-fetch.1's
# first example builds that very database in its folder (every symbol of
# MANIFEST.tsv through hri-fetch, hri-parse and hri-index -d db): once it
# has run, a copy of its database is the fixture, and the corpus is indexed
# once less (a sixth of this test's time). Else the test indexes it.
corpus_db= fixture_done= url=
fixture() {
	[ -n "$fixture_done" ] && return 0
	fixture_done=1
	if [ -n "$corpus_db" ]; then
		echo "# the fixture is a copy of $corpus_db"
		cp -R "$corpus_db" "$HRI_HOME/db"
	else
		valgrind_off
		tail -n +2 "$HRI_CORPUS/MANIFEST.tsv" | cut -f1 |
			hri-fetch -q --source "$HRI_CORPUS" | hri-parse -q | hri-index -q
		valgrind_on
	fi
	got=$(hri-index --stats --format json | jq -r .documents)
	is "$got" "$(tail -n +2 "$HRI_CORPUS/MANIFEST.tsv" | wc -l | tr -d ' ')" \
		"the bundled corpus indexes: every document of MANIFEST.tsv"
	serve_start "$HRI_HOME/db"
	tap "$([ -n "$url" ]; echo $?)" "hri-serve listens"
}
# is_corpus_index CMD: true when CMD indexes all of MANIFEST.tsv into db.
is_corpus_index() {
	case $1 in *MANIFEST.tsv*\|*hri-fetch*\|*hri-parse*\|*hri-index\ -d\ db) return 0 ;; esac
	return 1
}

# examples FILE...: the example commands of roff pages, one a line: lines of
# EXAMPLES sections and .nf blocks that begin with a command, joined with
# the lines they continue onto (a trailing | or \).
man_examples() {
	for f in "$@"; do
		sed -e 's/\\e/\\/g; s/\\-/-/g; s/\\(aq/'"'"'/g; s/\\(dq/"/g' \
			-e 's/\\&//g; s/^\.B[IR]* //' "$f" |
			awk -v page="$(basename "$f")" '
			/^\.nf/ { nf = 1; next } /^\.fi/ { nf = 0; next }
			/^\.SH/ { ex = ($2 == "EXAMPLES"); next }
			/^\./ { next }
			{ sub(/^[ \t]+/, "") }
			cont { cmd = cmd " " $0 }
			!cont && (nf || ex) && /^(hri-|cut |tail |for |printf |curl |pipelines\/)/ { cmd = $0; cont = 1 }
			cont && cmd !~ /[|\\]$/ { print page "\t" cmd; cont = 0; next }
			cont { sub(/\\$/, "", cmd) }'
	done
}
# readme_examples: the commands of README.md's ```sh blocks.
readme_examples() {
	awk '/^```sh/ { f = 1; next } /^```/ { f = 0 }
		f && /^(hri-|cut |tail |pipelines\/)/ { sub(/[ \t]+#.*/, ""); print "README.md\t" $0 }' \
		"$HRI_TOP/README.md"
}

# why_not CMD: why CMD is not run, or nothing when it is run.
why_not() {
	case $1 in
	*hri-fetch*--source\ corpus*|*hri-fetch*-s\ corpus*) ;;
	*hri-fetch*) echo "it fetches from the UN (fetch_mirror.sh runs the same on a loopback server)" ;;
	hri-serve) echo "it serves until stopped (the test's own hri-serve serves the same index)" ;;
	*all.stub*) echo "it needs remote shards (shard_remote.sh runs them)" ;;
	*~/*) echo "it writes in the user's home" ;;
	make\ *) echo "the README's two commands (the whole suite and pipelines_demo.sh)" ;;
	esac
}

man_examples "$HRI_TOP"/man/*.[157] >examples.tsv
readme_examples >>examples.tsv
n=$(wc -l <examples.tsv)
tap "$([ "$n" -ge 60 ]; echo $?)" "the README and the man pages show examples ($n)"

# Each page's examples run in a folder of their own, in their order (an
# example may use what the one before it made), beside the bundled corpus,
# pipelines and bench; 127.0.0.1:8080 is the test's own hri-serve.
page_dir() {
	d=run-$(echo "$1" | tr -c 'a-zA-Z0-9\n' _)
	if [ ! -d "$d" ]; then
		mkdir "$d"
		for l in corpus pipelines bench; do ln -s "$HRI_TOP/$l" "$d/$l"; done
		# hri-query.1's "-d shards" is the shard set of hri-index.1's
		# example, which runs first
		[ "$d" = run-hri_index_1 ] || ln -s ../run-hri_index_1/shards "$d/shards"
	fi
	echo "$d"
}
skipped=0
while IFS="	" read -r page cmd; do
	reason=$(why_not "$cmd")
	if [ -n "$reason" ]; then
		echo "# $page: not run: $cmd: $reason"
		skipped=$((skipped + 1))
		continue
	fi
	is_corpus_index "$cmd" || fixture
	d=$(page_dir "$page")
	run=$(printf '%s\n' "$cmd" | sed "s|http://127.0.0.1:8080|$url|g")
	out=$(cd "$d" && bash -o pipefail -c "$run" 2>"err.txt" </dev/null)
	rc=$?
	err=$(cat "$d/err.txt")
	# what it wrote: its output, the file it redirects to, or the summary
	# of the hri-index it ends in
	target=$(printf '%s\n' "$cmd" | sed -n 's/.*> *\([A-Za-z0-9_.]*\)$/\1/p')
	[ -z "$target" ] && target=$(printf '%s\n' "$cmd" | sed -n 's/.*-so \([A-Za-z0-9_.]*\) .*/\1/p')
	wrote=$out
	[ -n "$target" ] && wrote=$(head -c 100 "$d/$target" 2>/dev/null)
	case $cmd in *hri-index*|*ingest*) [ -z "$wrote" ] && wrote=$err ;; esac
	# (tap's echo would read a \n of the command)
	tap "$([ "$rc" -eq 0 ] && [ -n "$wrote" ]; echo $?)" \
		"$page: $(printf '%s' "$cmd" | sed 's/\\/\\\\/g')"
	[ "$rc" -eq 0 ] && [ -n "$wrote" ] || { echo "#   exit $rc"; printf '%s\n' "$err" | head -5 | sed 's/^/#   /'; }
	[ "$rc" -eq 0 ] && [ -z "$fixture_done" ] && is_corpus_index "$cmd" &&
		corpus_db=$PWD/$d/db
done <examples.tsv
fixture
tap "$([ "$skipped" -le 12 ]; echo $?)" "at most 12 examples need what a test cannot have ($skipped)"

# The web page's help: every query it shows finds something.
curl -s "$url/" >home.html
grep -o '<code>[^<]*</code>' home.html | sed 's/<[^>]*>//g; s/&quot;/"/g; s/&amp;/\&/g' >web.txt
n=$(wc -l <web.txt)
tap "$([ "$n" -ge 10 ]; echo $?)" "the web page shows query examples ($n)"
while IFS= read -r q; do
	case $q in
	*: | OR | AND | NOT) continue ;; # a prefix or an operator, named
	esac
	hits=$(hri-query --format json --limit 1 "$q" | grep -c '"type":"hit"')
	is "$hits" 1 "the web page's example finds something: $q"
done <web.txt
kill "$spid"
done_testing
