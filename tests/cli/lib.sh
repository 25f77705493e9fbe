# tests/cli/lib.sh - TAP helpers for the command-line tests. Each test script
# sources this, runs the real executables in $HRI_BIN on real documents, and
# prints "ok N - what" or "not ok N - what" per assertion. The runner
# (tests/run) starts each script in a fresh empty directory ($HRI_WORK).

: "${HRI_BIN:?run through tests/run}"
PATH="$HRI_BIN:$PATH"
export HRI_HOME="$HRI_WORK/home"
tap_n=0
tap_failed=0

# need PROG PACKAGE: PROG, which this test runs, must be installed; it comes
# from the Debian package PACKAGE, which `make deps-test` installs (and
# tests/cli/deps.sh checks that the Makefile lists it). Without it the test
# fails at once, naming the package: a missing tool is never a quiet skip.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "not ok 1 - $1 is not installed: it comes with the Debian package $2 (make deps-test)"
	echo "1..1"
	exit 1
}
need jq jq

# have_pty: true where script(1) can open a pseudo-terminal. A chroot
# without /dev/pts mounted (a bare root made by debootstrap) has none;
# every machine a user logs in to has.
have_pty() {
	script -qec true /dev/null </dev/null >/dev/null 2>&1
}

# ok COND-EXIT-STATUS DESCRIPTION: records one assertion.
tap() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# skip REASON: records one assertion not made here, and why.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

# is GOT WANT DESCRIPTION: equality of two strings.
is() {
	if [ "$1" = "$2" ]; then tap 0 "$3"; else
		tap 1 "$3"; echo "#   got:  '$1'"; echo "#   want: '$2'"; fi
}

# has HAYSTACK NEEDLE DESCRIPTION: HAYSTACK contains NEEDLE.
has() {
	case $1 in *"$2"*) tap 0 "$3" ;; *) tap 1 "$3"
		echo "#   '$2' not in:"; printf '%s\n' "$1" | head -20 | sed 's/^/#     /' ;; esac
}

# status WANT DESCRIPTION CMD...: runs CMD, asserts its exit status.
status() {
	want=$1 desc=$2; shift 2
	"$@" >/dev/null 2>&1
	got=$?
	is "$got" "$want" "$desc"
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# serve_start DB: starts hri-serve on DB on a free port of the loopback and
# waits until it listens (at most 30 s); sets url (http://127.0.0.1:PORT)
# and spid. Its stderr goes to serve.err.
serve_start() {
	hri-serve -d "$1" --listen 127.0.0.1:0 2>serve.err &
	spid=$!
	i=0
	while [ $i -lt 300 ] && ! grep -qs 'listening on' serve.err; do
		sleep 0.1; i=$((i + 1))
	done
	url=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' serve.err)
}

# rnd N: a random number in [0, N), for killing a run at a random moment.
rnd() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 ))
}

# sleep_ms MS: sleeps MS milliseconds.
sleep_ms() {
	sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"
}

# valgrind_off / valgrind_on: under `tests/run --valgrind`, the steps between
# the two run the real executables. Only for SIGKILL loops (valgrind would
# only move the moment of the kill) and for corpus fixtures that a test
# builds to query: every reader and the extractor run under valgrind in
# the parse, index and pipeline tests (on the seeds, the UPR documents and
# A/HRC/28/2), and every step runs under ASan and UBSan in the other pass.
valgrind_off() {
	HRI_NO_VALGRIND=1
	export HRI_NO_VALGRIND
}
valgrind_on() {
	unset HRI_NO_VALGRIND
}
