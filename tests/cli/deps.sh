#!/bin/sh
# deps.sh - what a fresh Debian machine gets from the Makefile: every program
# a test runs (declared with `need PROG PACKAGE`) comes from a package that
# `make deps-test` installs; every program the installed pipelines run comes
# with `make deps`; and `make deps` (what `make demo` installs) holds no test
# tool: no browser, no valgrind.
. "$HRI_TOP/tests/cli/lib.sh"
mk() { make -s --no-print-directory -C "$HRI_TOP" "$@"; }
runtime=" $(mk print-DEBS) "
testing=" $(mk print-TEST_DEBS) "
is "$(echo $runtime | wc -w) $(echo $testing | wc -w)" \
	"$(mk print-DEBS | wc -w) $(mk print-TEST_DEBS | wc -w)" "make print-DEBS, print-TEST_DEBS"

# Every `need` of every test names a package of deps or deps-test.
grep -h '^need ' "$HRI_TOP"/tests/cli/*.sh | sort -u >needs.txt
is "$(wc -l <needs.txt | tr -d ' ')" "$(awk '{print $2}' needs.txt | sort -u | wc -l | tr -d ' ')" \
	"each program is needed under one package name"
missing=
while read -r _ prog pkg; do
	case "$runtime$testing" in *" $pkg "*) ;; *) missing="$missing $prog($pkg)" ;; esac
done <needs.txt
is "$missing" "" "every program a test needs comes from make deps or deps-test"
tools=" $(mk print-TEST_TOOLS) "
missing=
while read -r _ prog pkg; do
	case $tools in *" $prog:$pkg "*) ;; *) missing="$missing $prog:$pkg" ;; esac
done <needs.txt
is "$missing" "" "every program a test needs is in TEST_TOOLS, which make deps-test checks"
has "$(cat needs.txt)" "need xmllint libxml2-utils" "the Akoma Ntoso test declares xmllint"
has "$(cat needs.txt)" "need unzip unzip" "the positions test declares unzip"

# The pipelines users install run jq (flock is in every Debian system).
case $runtime in *" jq "*) tap 0 "make deps installs jq for the pipelines" ;;
*) tap 1 "make deps installs jq for the pipelines" ;; esac

# make demo installs the runtime only.
for pkg in chromium chromium-driver valgrind libcmocka-dev graphviz; do
	case $runtime in *" $pkg "*) tap 1 "make deps (the demo's) does not install $pkg" ;;
	*) tap 0 "make deps (the demo's) does not install $pkg" ;; esac
done
grep -q '^demo: deps$' "$HRI_TOP/Makefile"
tap $? "make demo depends on deps alone"
grep -q '^check: deps-test$' "$HRI_TOP/Makefile"
tap $? "make check installs the test tools"

# make check's valgrind pass runs every executable, and every input format.
vt=$(mk print-VALGRIND_TESTS)
scripts=
for t in $vt; do scripts="$scripts $HRI_TOP/tests/cli/$t"; done
for b in hri-fetch hri-parse hri-index hri-query hri-serve; do
	grep -qw -- "$b" $scripts
	tap $? "make check runs $b under valgrind"
done
for ext in pdf docx html txt md; do
	grep -q "\.$ext\b" $scripts
	tap $? "make check's valgrind pass parses a .$ext"
done
# hri-parse and hri-index take their malloc from jemalloc (make deps has
# it), hri-query glibc's; the sanitizers' builds keep their own.
if [ -n "${HRI_SANITIZED:-}" ]; then
	skip "the sanitizers' build links no jemalloc"
else
	for t in parse index query; do
		ldd "$HRI_BUILD/bin/hri-$t" | grep -c 'libjemalloc' >>malloc.txt
	done
	is "$(tr '\n' ' ' <malloc.txt)" "1 1 0 " "hri-parse and hri-index link jemalloc, hri-query does not"
fi
case $runtime in *" libjemalloc-dev "*) tap 0 "make deps installs jemalloc" ;;
*) tap 1 "make deps installs jemalloc" ;; esac
# hri-index hands Xapian's tags to libdeflate (index/deflate.c).
ldd "$HRI_BUILD/bin/hri-index" | grep -q 'libdeflate'
tap $? "hri-index links libdeflate"
case $runtime in *" libdeflate-dev "*) tap 0 "make deps installs libdeflate" ;;
*) tap 1 "make deps installs libdeflate" ;; esac

done_testing
