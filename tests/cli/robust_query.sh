# robust_query.sh - hri-query on hostile query strings: unbalanced quotes,
# reversed and malformed ranges, bare operators, deep nesting, a 60 KB
# query, invalid UTF-8, path-like symbols. Each answers (exit 0 or 1) or is
# refused as a usage error (exit 2) with a message; never a crash, a fatal
# exit or a hang; stdout carries only JSON records.
. "$HRI_TOP/tests/cli/lib.sh"
C=$HRI_CORPUS

hri-parse "$C/A_HRC_26_41.txt" "$C/A_74_35.md" 2>/dev/null | hri-index -q -d db
tap $? "a database of two reports"

# repeat N WORD: WORD N times, space-separated.
repeat() {
	i=0
	while [ "$i" -lt "$1" ]; do printf '%s ' "$2"; i=$((i + 1)); done
}
# nest N: a query nested N parentheses deep.
nest() {
	i=0
	while [ "$i" -lt "$1" ]; do printf '('; i=$((i + 1)); done
	printf 'rights'
	i=0
	while [ "$i" -lt "$1" ]; do printf ')'; i=$((i + 1)); done
}

# A guard against a hang, not a timing: valgrind runs some 50 times slower.
limit=30
[ -n "${HRI_VALGRIND:-}" ] && limit=600
n=0
check() {
	n=$((n + 1))
	timeout "$limit" hri-query -d db --format json --limit 3 --facets country "$1" \
		>"q$n.out" 2>"q$n.err"
	rc=$?
	what=$(printf '%s' "$2")
	tap "$([ "$rc" -le 2 ]; echo $?)" "$what: exit 0, 1 or 2 (got $rc)"
	if [ -s "q$n.out" ]; then
		jq -e 'type == "object" and has("type")' "q$n.out" >/dev/null 2>&1
		tap $? "$what: stdout holds JSON records only"
	fi
	if [ "$rc" -eq 2 ]; then
		grep -q '^hri-query: ' "q$n.err"
		tap $? "$what: refused with a message"
	fi
}

check '"unbalanced quote' "unbalanced quote"
check 'year:2016..2013' "reversed range"
check 'year:abc..def' "range of words"
check 'year:99999999999999999999..1' "range past any integer"
check 'AND OR NOT' "bare operators"
check '*' "a lone wildcard"
check 'a*' "a one-letter wildcard"
check 'country:' "an empty field"
check 'nosuchfield:x' "an unknown prefix"
check 'symbol:../../../etc/passwd' "a path as a symbol"
check "$(nest 3000)" "3000 nested parentheses"
check "$(repeat 8000 rights)" "a 60 KB query"
check "$(printf 'caf\351 rights')" "invalid UTF-8 (Latin-1)"
check "$(printf 'rights \355\240\200')" "invalid UTF-8 (a surrogate)"
check "$(printf 'rights\001\002\033[2J')" "control bytes"
done_testing
