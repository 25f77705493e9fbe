# query_explain.sh - answers that explain themselves: a query that finds
# nothing says why (an unknown prefix, a filter value the index lacks with
# the closest values it holds, a word no segment has), "no matches" at a
# terminal, suggestions only from the index's own words and prefixes and
# only when they find something; '' and '   ' alike; --show of what is not
# there; CSV never mixes hits and facet counts; hri-parse names a missing
# file or a directory; option errors name the tool.
. "$HRI_TOP/tests/cli/lib.sh"
need script bsdutils

valgrind_off
hri-parse "$HRI_CORPUS/A_HRC_28_15.pdf" "$HRI_CORPUS/A_HRC_26_41.txt" \
	"$HRI_CORPUS/CCPR_C_USA_CO_4.txt" 2>/dev/null | hri-index -q -d db
is "$?" 0 "three corpus documents indexed"
valgrind_on

# q QUERY: runs it in JSON into q.json, its stderr into q.err; $? its exit.
q() { hri-query -d db --format json --limit 3 "$@" >q.json 2>q.err; }
# near: the near values of the why records of q.json, one a line.
near() { jq -r 'select(.type == "why") | .near[]' q.json; }
# all_match FILE DESC: every query of FILE (one a line) finds something.
all_match() {
	bad=
	while IFS= read -r s; do
		hri-query -d db --format json --limit 1 "$s" 2>/dev/null | grep -q '"type":"hit"' ||
			bad="$bad [$s]"
	done <"$1"
	is "$bad" "" "$2"
}

q 'country:Slovena'
is "$?" 1 "country:Slovena: nothing matches (exit 1)"
has "$(cat q.err)" "country:Slovena: no segment has this value" "says the value is not in the index"
has "$(cat q.err)" "country:Slovenia" "and names the closest value it holds"
is "$(jq -r 'select(.type == "why") | .reason' q.json)" value "a why record in JSON, reason value"
near >near.txt
all_match near.txt "every value offered for country:Slovena finds something"

q 'theme:migrant'
is "$?" 1 "theme:migrant: nothing matches"
near >near.txt
has "$(cat near.txt)" "Migrants" "the closest: Migrants (as a theme, an affected group, an issue)"
all_match near.txt "every value offered for theme:migrant finds something"

q 'theme:"Rights of the child"'
near >near.txt
has "$(cat near.txt)" 'issue:"Rights of the Child"' \
	"a name of another field is offered under that field"
all_match near.txt "every value offered for theme:\"Rights of the child\" finds something"

# An unknown prefix: said, with the prefixes near it; no spelling
# "correction" of it into other words (foo:bar once gave "for:ban").
q 'foo:bar'
is "$?" 1 "foo:bar: nothing matches"
has "$(cat q.err)" '"foo:" is no prefix of the query language' "foo: is no prefix"
is "$(grep -c '"type":"suggestion"' q.json)" 0 "no suggestion for foo:bar"
case $(cat q.err q.json) in *for:ban* | *"did you mean"*) r=1 ;; *) r=0 ;; esac
tap "$r" "nothing like for:ban"
q 'contry:Slovenia'
is "$(near)" "country:Slovenia" "contry:Slovenia: did you mean country:Slovenia"
near >near.txt
all_match near.txt "the prefix offered finds something"
q 'Country:France torture'
is "$?" 0 "an unknown prefix beside a word that matches: the hits stand"
has "$(cat q.err)" '"Country:" is no prefix' "but the prefix is still pointed out"

# A word no segment has: no suggestion built on it ("xylophone era").
q 'xylophone erra'
is "$?" 1 "xylophone erra: nothing matches"
has "$(cat q.err)" "xylophone: no segment has this word" "says which word is not in the index"
is "$(grep -c '"type":"suggestion"' q.json)" 0 "no suggestion with a word the index lacks"
case $(cat q.err) in *"did you mean"*) r=1 ;; *) r=0 ;; esac
tap "$r" "nothing offered on stderr either"
# A plain misspelling: the correction, which finds something.
q 'torrture'
is "$(jq -r 'select(.type == "suggestion") | .did_you_mean' q.json)" torture \
	"torrture: did you mean torture"
jq -r 'select(.type == "suggestion") | .did_you_mean' q.json >near.txt
all_match near.txt "the correction finds something"

# "no matches" at a terminal, not in a pipe or a cron mail.
if have_pty; then
	script -qc "hri-query -d db --limit 1 xylophone >/dev/null" /dev/null >tty.txt
	has "$(cat tty.txt)" "hri-query: no matches" "at a terminal: no matches, on stderr"
else
	skip "no pseudo-terminal can be opened here (/dev/pts not mounted)"
fi
hri-query -d db --limit 1 xylophone >/dev/null 2>pipe.txt
case $(cat pipe.txt) in *"no matches"*) r=1 ;; *) r=0 ;; esac
tap "$r" "stderr not a terminal: the reason only"

# '' and '   ' are the same query: every segment.
all=$(hri-query -d db --limit 0 --facets kind '' | jq '[.counts[]] | add')
blank=$(hri-query -d db --limit 0 --facets kind '   ' | jq '[.counts[]] | add')
tap "$([ "${all:-0}" -gt 100 ]; echo $?)" "'' matches every segment ($all)"
is "$blank" "$all" "'   ' matches the same"
status 0 "'   ': exit 0, as ''" hri-query -d db --limit 1 '   '

# --show of what the index does not hold says so.
hri-query -d db --show 'A/HRC/xx' >show.out 2>show.err
is "$?" 1 "--show of an unknown document: exit 1"
has "$(cat show.err)" "A/HRC/xx: no document A/HRC/xx in the index" "and says so"
hri-query -d db --show 'A/HRC/28/1' 2>show.err >/dev/null
has "$(cat show.err)" "the closest it holds: A/HRC/28/15" "with the symbols near it"
hri-query -d db --show 'A/HRC/28/15#999' 2>show.err >/dev/null
has "$(cat show.err)" "the index holds A/HRC/28/15, but no segment A/HRC/28/15#999" \
	"a paragraph the document lacks"

# CSV: one table a file.
hri-query -d db --format csv --facets theme torture >both.csv 2>both.err
is "$?" 2 "--format csv --facets with hits: refused (exit 2)"
has "$(cat both.err)" "CSV holds one table" "and says why"
is "$(wc -c <both.csv | tr -d ' ')" 0 "nothing written"
hri-query -d db --format csv --limit 0 --facets theme,country torture >facets.csv
is "$?" 0 "--format csv --limit 0 --facets: the facet counts"
is "$(head -1 facets.csv | tr -d '\r')" "field,value,count" "one table: field,value,count"
is "$(grep -vc '^theme,\|^country,\|^field,' facets.csv)" 0 "and nothing else"

# hri-parse on what is no document.
hri-parse /nonexistent/A_HRC_1_1.pdf "$HRI_WORK" >p.json 2>p.err
is "$?" 3 "hri-parse: a missing file and a directory: exit 3"
has "$(cat p.err)" "A_HRC_1_1.pdf: no such file" "a missing file: no such file"
has "$(cat p.err)" "not a regular file but a directory" "a directory: says so"
case $(cat p.err) in *"no symbol in the file name"*) r=1 ;; *) r=0 ;; esac
tap "$r" "neither is blamed on its name"

# Option errors name the tool, whatever path ran it; every tool has -V.
for t in hri-fetch hri-parse hri-index hri-query hri-serve; do
	"$HRI_BIN/$t" --no-such-option >/dev/null 2>opt.err
	is "$(head -1 opt.err)" "$t: --no-such-option: unknown option" "$t names itself in option errors"
	has "$("$HRI_BIN/$t" --version)" "$t " "$t --version"
done
done_testing
