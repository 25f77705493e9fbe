# readme_queries: every query example in README.md's table of prefixes finds
# something on the bundled corpus, indexed through the real pipeline, so the
# README never shows a query that answers nothing.
. "$HRI_TOP/tests/cli/lib.sh"

valgrind_off
tail -n +2 "$HRI_CORPUS/MANIFEST.tsv" | cut -f1 |
	hri-fetch -q --source "$HRI_CORPUS" | hri-parse -q | hri-index -q
is "$?" 0 "the bundled corpus indexes"
valgrind_on

# The examples: the backquoted queries of the table rows "| `prefix:` | ...".
grep '^| `[a-z]*:`' "$HRI_TOP/README.md" | awk -F'|' '{print $4}' |
	grep -o '`[^`]*`' | tr -d '`' >examples.txt
n=$(wc -l <examples.txt)
tap "$([ "$n" -ge 15 ]; echo $?)" "README has the prefix examples ($n)"
while IFS= read -r q; do
	hits=$(hri-query --format json --limit 1 "$q" | grep -c '"type":"hit"')
	is "$hits" 1 "README example finds something: $q"
done <examples.txt
done_testing
