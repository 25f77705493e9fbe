# hri - a local, scriptable Universal Human Rights Index.
#
#   make deps    install the Debian packages the build and the demo need
#                (deps-test: and the tests; deps-bench: and the benchmarks)
#   make         build build/bin/hri-{fetch,parse,index,query,serve}
#   make demo    fetch, parse and index the bundled corpus, then search it
#   make check   every test: unit, command line, and again under ASan+UBSan
#   make bench   measure every stage against its peers (bench/RESULTS.md)
#   make model   learn data/classifier.model (needs HRI_SHARED, see below)
#   make upr-eval  UPR reports against UPR-info's answer key (bench/UPR-RESULTS.md)
#   make install PREFIX=/usr/local DESTDIR=
#
# V=1 shows the commands. BUILD=dir builds elsewhere; SAN=1 builds with
# AddressSanitizer and UndefinedBehaviorSanitizer.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
LDFLAGS ?=
BUILD ?= build
SAN ?=

# Debian packages, in three lists: what building and running hri needs (make,
# make demo), what the tests run besides (make check), and the peers the
# benchmarks measure against (make bench). Every program a test or recipe
# runs comes from one of them: tests/cli/lib.sh's `need PROG PACKAGE` names
# the package, and tests/cli/deps.sh checks that TEST_DEBS lists it.
DEBS = build-essential g++ pkg-config libcurl4-openssl-dev libssl-dev libxml2-dev \
       libpcre2-dev libxapian-dev zlib1g-dev libjansson-dev \
       libpoppler-private-dev libglib2.0-dev libmicrohttpd-dev libjemalloc-dev libdeflate-dev jq
TEST_DEBS = libcmocka-dev xapian-tools curl python3 libxml2-utils unzip procps \
       bsdutils \
       libsqlite3-dev \
       graphviz valgrind chromium chromium-driver
# The programs the tests run, each with the package of TEST_DEBS (or DEBS)
# it comes from: `make deps-test` checks each is on PATH once installed.
TEST_TOOLS = xmllint:libxml2-utils unzip:unzip dot:graphviz \
       chromium:chromium chromedriver:chromium-driver valgrind:valgrind \
       curl:curl python3:python3 script:bsdutils pgrep:procps jq:jq \
       xapian-check:xapian-tools xapian-tcpsrv:xapian-tools \
       xapian-delve:xapian-tools
BENCH_DEBS = poppler-utils ripgrep libsqlite3-dev sqlite3 curl xapian-tools
PKGS = libcurl libcrypto libxml-2.0 libpcre2-8 jansson zlib poppler glib-2.0 \
       xapian-core libmicrohttpd

PKG_CFLAGS := $(shell pkg-config --cflags $(filter-out poppler,$(PKGS)) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# poppler's headers (Object.h, Page.h, Error.h, ...) are for the PDF shim
# alone, as system headers: their names must not shadow ours, and their
# warnings are not ours to fix.
POPPLER_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags poppler 2>/dev/null))

ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
endif

# Flags the user cannot drop.
HRI_CPPFLAGS = -Ilib -D_DEFAULT_SOURCE \
               -DHRI_DATADIR='"$(PREFIX)/share/hri/data"' -MMD -MP
HRI_CFLAGS = -std=c11 -Wall -Wextra -Wpedantic -Wshadow \
             -Wstrict-prototypes -Wno-unused-parameter $(SANFLAGS)
HRI_CXXFLAGS = -std=c++17 -Wall -Wextra $(SANFLAGS)

ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

STAGES = fetch parse index query serve
BINS = $(STAGES:%=$(BUILD)/bin/hri-%)

LIB_C = $(wildcard lib/*.c)
LIB_CC = $(wildcard lib/*.cc)
LIB_OBJ = $(LIB_C:%.c=$(BUILD)/obj/%.o) $(LIB_CC:%.cc=$(BUILD)/obj/%.o)
LIBHRI = $(BUILD)/libhri.a

# A stage's modules (all but main.c, in C or, for a shim over a C++
# library, in C++) go in an archive its tests link too. index/deflate.c
# does not: it defines zlib's deflate functions for hri-index alone (see
# below), where the tests' own zlib calls (the store's gzip) must reach
# zlib's.
stage_mods = $(filter-out $(1)/main.c index/deflate.c,$(wildcard $(1)/*.c $(1)/*.cc))
# Their objects; a function, because a % written in the pattern rule's
# prerequisites would be replaced by the stem before patsubst sees it.
stage_objs = $(patsubst %.cc,$(BUILD)/obj/%.o,$(patsubst %.c,$(BUILD)/obj/%.o,$(call stage_mods,$(1))))
STAGE_LIBS = $(STAGES:%=$(BUILD)/libhri-%.a)

TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BINS = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SUPPORT_SRC = $(wildcard tests/support/*.c)
SUPPORT_OBJ = $(SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)

ALL_OBJ = $(LIB_OBJ) $(SUPPORT_OBJ) $(BUILD)/obj/parse/train/train.o \
          $(BUILD)/obj/bench/classify_eval.o $(STAGES:%=$(BUILD)/obj/%/main.o) \
          $(foreach s,$(STAGES),$(call stage_objs,$(s))) \
          $(TEST_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/bench/upreval.o \
          $(BUILD)/obj/index/deflate.o

.PHONY: all deps check check-fast check-san demo bench install uninstall \
        clean lint tests model upr-eval
all: $(BINS)

$(BUILD)/obj/%.o: %.c
	$(say) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(HRI_CPPFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) $(HRI_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.cc
	$(say) CXX $<
	@mkdir -p $(@D)
	$(Q)$(CXX) $(HRI_CPPFLAGS) $(PKG_CFLAGS) $(SHIM_CFLAGS) $(CPPFLAGS) $(HRI_CXXFLAGS) $(CXXFLAGS) -c -o $@ $<

# The PDF shim alone sees poppler's headers.
$(BUILD)/obj/parse/pdftext.o: SHIM_CFLAGS = $(POPPLER_CFLAGS)

# The archives are made again when the Makefile changes, since it says
# which objects they hold: an object it no longer lists (index/deflate.o
# once was in libhri-index.a) would otherwise stay in an archive older than
# the objects left, and be linked.
$(LIBHRI): $(LIB_OBJ) Makefile
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^)

# Keep the objects and archives make would call intermediate.
.SECONDARY:

.SECONDEXPANSION:
$(BUILD)/libhri-%.a: $$(call stage_objs,$$*) Makefile
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^) $(if $(filter %.o,$^),,&& ar rcs $@)

# Executables link with the C++ driver for the Xapian shim's runtime.
$(BUILD)/bin/hri-%: $(BUILD)/obj/%/main.o $(BUILD)/libhri-%.a $(LIBHRI)
	$(say) LINK $@
	@mkdir -p $(@D)
	$(Q)$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(MALLOC_LIBS) $(BIN_LIBS) $(PKG_LIBS) -lm

# hri-parse and hri-index take their malloc from jemalloc. hri-parse for
# poppler: laying out a PDF page is millions of small allocations (an
# object, a word, a glyph), and glibc's malloc and free were a sixth of the
# instructions on a report. hri-index for Xapian, which holds a batch's
# postings in std::maps of small nodes: 0.85 of the CPU time with glibc's
# malloc (bench/README.md). Linked before the other libraries, jemalloc's
# malloc serves them all. Not under the sanitizers, whose own malloc must
# serve everything; valgrind puts its own in place of either. (mimalloc was
# as quick, but its free and C++ delete are one function, which valgrind
# then reports as mismatched frees.) hri-query gains nothing from it.
JEMALLOC = $(if $(filter 1,$(SAN)),,-ljemalloc)
$(BUILD)/bin/hri-parse $(BUILD)/bin/hri-index: MALLOC_LIBS = $(JEMALLOC)

# hri-index takes index/deflate.o whole: it defines zlib's deflateInit2_(),
# deflate() and deflateEnd() for libxapian's calls, which no object of
# hri-index asks for, so the archive alone would leave it out; they hand
# Xapian's tags to libdeflate.
$(BUILD)/bin/hri-index: $(BUILD)/obj/index/deflate.o
$(BUILD)/bin/hri-index: BIN_LIBS = -ldeflate

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(SUPPORT_OBJ) $(STAGE_LIBS) $(LIBHRI)
	$(say) LINK $@
	@mkdir -p $(@D)
	$(Q)$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $< $(SUPPORT_OBJ) \
		-Wl,--start-group $(STAGE_LIBS) $(LIBHRI) -Wl,--end-group \
		$(PKG_LIBS) $$(pkg-config --libs cmocka) -lm

tests: $(BINS) $(TEST_BINS) $(BUILD)/bench/upreval


# hri-train (parse/train/) learns data/classifier.model from UPR-info's
# labelled recommendations, read from the shared corpus (UPR-info's data is
# not the project's to ship; the model it gives is). Deterministic: the same
# CSV gives the same file, byte for byte.
HRI_SHARED ?= ../shared
UPR_INFO = $(HRI_SHARED)/corpus/upr-dev/upr-info.csv
TRAIN = $(BUILD)/hri-train
$(TRAIN): $(BUILD)/obj/parse/train/train.o $(BUILD)/libhri-parse.a $(LIBHRI)
	$(say) LINK $@
	$(Q)$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# classify-eval (bench/): themes, affected persons and SDGs against OHCHR's
# thematic lists in bench/data/.
EVAL = $(BUILD)/classify-eval
$(EVAL): $(BUILD)/obj/bench/classify_eval.o $(BUILD)/libhri-parse.a $(LIBHRI)
	$(say) LINK $@
	$(Q)$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

tests: $(TRAIN) $(EVAL)

model: $(TRAIN)
	@test -r $(UPR_INFO) || { echo "make model: $(UPR_INFO) not found" \
		"(set HRI_SHARED to the folder holding corpus/upr-dev)" >&2; exit 1; }
	$(Q)$(TRAIN) --labels data/labels.tsv -o data/classifier.model $(UPR_INFO)

# upreval (bench/): UPR reports read against UPR-info's answer key, and
# `make upr-eval`, its run on the development set when it is there.
UPR_DEV = $(HRI_SHARED)/corpus/upr-dev
$(BUILD)/bench/upreval: $(BUILD)/obj/bench/upreval.o $(LIBHRI)
	$(say) LINK $@
	@mkdir -p $(@D)
	$(Q)$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

upr-eval: all $(BUILD)/bench/upreval
	$(Q)test -f $(UPR_DEV)/upr-info.csv || \
		{ echo "upr-eval: no $(UPR_DEV)/upr-info.csv (set HRI_SHARED)" >&2; exit 1; }
	$(Q)$(BUILD)/bin/hri-parse -q --no-extract $(UPR_DEV)/A_HRC_*.pdf | \
		$(BUILD)/bench/upreval $(UPR_DEV)

# deps, deps-test, deps-bench: install what is missing of DEBS (and of
# TEST_DEBS, BENCH_DEBS) with apt-get when run as root; otherwise print the
# command to run. A package counts as present when dpkg says it is installed.
.PHONY: deps-test deps-bench
deps:
	$(Q)$(call apt_install,$(DEBS))
deps-test: deps
	$(Q)$(call apt_install,$(TEST_DEBS))
	$(Q)for t in $(TEST_TOOLS); do \
		command -v $${t%%:*} >/dev/null || \
		{ echo "deps-test: $${t%%:*} is not on PATH (Debian package $${t#*:})" >&2; exit 1; }; \
	done
deps-bench: deps
	$(Q)$(call apt_install,$(BENCH_DEBS))
# print-VAR prints a variable's value: `make print-DEBS print-TEST_DEBS`.
print-%:
	@echo '$($*)'
apt_install = missing=; \
	for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q ' installed$$' \
			|| missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "make: not a Debian system; install the equivalents of:$$missing" >&2; exit 1; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "make: installing:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; \
	else \
		echo "make: missing packages; run:" >&2; \
		echo "  sudo apt-get install$$missing" >&2; exit 1; \
	fi

# Tests and builds run JOBS at once (default: the number of CPUs).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# The command-line tests make check also runs under valgrind: every
# executable and every input format at least once, and the hostile inputs.
# check-valgrind runs all of them so (about four times as long). They are
# listed longest first, the order tests/run starts them in, so that the
# two slowest do not end the run alone.
VALGRIND_TESTS = serve_http.sh robust_parse.sh shard_index.sh \
	index_basic.sh parse_formats.sh fetch_mirror.sh query_batch.sh \
	query_links.sh parse_akn.sh

# Every test: the unit and command-line tests natively, VALGRIND_TESTS again
# with each executable under valgrind (memcheck: any error or definite leak
# fails), then every test again built with AddressSanitizer and
# UndefinedBehaviorSanitizer. The sanitized build runs meanwhile, from the
# start, at the lowest priority (nice 19): it takes the CPU time the native
# build and the two passes leave idle (links one at a time; a test waiting
# on a server, a pipe or a lock; the last test of a pass running alone),
# about a quarter of two cores in the native pass, and almost nothing from
# them. Its output is printed once it ends; a failed step stops it.
# check-san then runs the tests on it (its build finds nothing to do).
SAN_LOG = $(BUILD)/san-build.log
check: deps-test
	$(Q)$(MAKE) --no-print-directory lint
	$(Q)mkdir -p $(BUILD); \
	nice -n 19 $(MAKE) --no-print-directory -j$(JOBS) BUILD=$(BUILD)-san \
		SAN=1 tests >$(SAN_LOG) 2>&1 & san=$$!; \
	$(MAKE) --no-print-directory -j$(JOBS) tests && \
	tests/run -j$(JOBS) $(BUILD) && \
	tests/run -j$(JOBS) --valgrind $(BUILD) $(VALGRIND_TESTS) || \
		{ kill $$san 2>/dev/null; wait $$san; exit 1; }; \
	wait $$san; st=$$?; cat $(SAN_LOG); exit $$st
	$(Q)$(MAKE) --no-print-directory check-san

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
check-san:
	$(Q)$(MAKE) --no-print-directory -j$(JOBS) BUILD=$(BUILD)-san SAN=1 tests
	$(Q)HRI_SANITIZED=1 tests/run -j$(JOBS) $(BUILD)-san

# Without valgrind and the sanitizer pass, for quick iteration.
check-fast: deps-test
	$(Q)$(MAKE) --no-print-directory -j$(JOBS) tests
	$(Q)tests/run -j$(JOBS) $(BUILD)

# Calls that have no place in this code base.
lint:
	@if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|gets)\(' \
		lib/*.c lib/*.h lib/*.cc $(foreach s,$(STAGES),$(s)/*.c) \
		parse/train/*.c 2>/dev/null; then \
		echo "lint: banned calls above (use snprintf, strtol, strtok_r)" >&2; \
		exit 1; fi

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)pipelines/demo

bench: deps-bench
	$(Q)$(MAKE) --no-print-directory all
	$(Q)bench/run

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/man/man7 $(DESTDIR)$(PREFIX)/share/hri/data
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 644 man/*.7 $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 644 data/* $(DESTDIR)$(PREFIX)/share/hri/data
	install -m 755 pipelines/ingest-session $(DESTDIR)$(PREFIX)/bin/hri-ingest-session
	install -d $(DESTDIR)$(PREFIX)/share/hri/pipelines
	install -m 755 pipelines/recommendations-by-state pipelines/citing \
		pipelines/citation-network pipelines/session-diff \
		$(DESTDIR)$(PREFIX)/share/hri/pipelines
	install -m 644 pipelines/hri-ingest.service pipelines/hri-ingest.timer \
		$(DESTDIR)$(PREFIX)/share/hri/pipelines

uninstall:
	rm -f $(STAGES:%=$(DESTDIR)$(PREFIX)/bin/hri-%) \
		$(STAGES:%=$(DESTDIR)$(PREFIX)/share/man/man1/hri-%.1) \
		$(DESTDIR)$(PREFIX)/share/man/man5/hri-records.5 \
		$(DESTDIR)$(PREFIX)/share/man/man7/hri.7 \
		$(DESTDIR)$(PREFIX)/bin/hri-ingest-session \
		$(DESTDIR)$(PREFIX)/share/man/man1/hri-ingest-session.1
	rm -rf $(DESTDIR)$(PREFIX)/share/hri

clean:
	rm -rf $(BUILD) $(BUILD)-san

-include $(ALL_OBJ:%.o=%.d)

# Fuzzing (tests/fuzz). Each tests/fuzz/fuzz_<target>.c is a libFuzzer
# harness. `make tests` also links it with tests/fuzz/replay.c into
# $(BUILD)/tests/test_fuzz_replay_<target>, which `make check` runs (plain
# and sanitized) over tests/fuzz/regress/<target>/ and corpus/<target>/.
# `make fuzz` builds the harnesses with clang in $(BUILD)-fuzz and runs each
# FUZZ_SECONDS from its seed corpus; findings land in $(BUILD)-fuzz/artifacts.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_CXX ?= clang++
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_REPLAY = $(FUZZ_TARGETS:%=$(BUILD)/tests/test_fuzz_replay_%)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
.PHONY: fuzz fuzz-bins clean-fuzz
tests: $(FUZZ_REPLAY)
$(BUILD)/tests/test_fuzz_replay_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o \
		$(BUILD)/obj/tests/fuzz/replay.o $(STAGE_LIBS) $(LIBHRI)
	$(say) LINK $@
	@mkdir -p $(@D)
	$(Q)$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) \
		-Wl,--start-group $(STAGE_LIBS) $(LIBHRI) -Wl,--end-group \
		$(PKG_LIBS) -lm

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(STAGE_LIBS) $(LIBHRI)
	$(say) LINK $@
	@mkdir -p $(@D)
	$(Q)$(CXX) $(SANFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
		-Wl,--start-group $(STAGE_LIBS) $(LIBHRI) -Wl,--end-group \
		$(PKG_LIBS) -lm

fuzz-bins: $(FUZZ_BINS)

fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)-fuzz SAN=1 \
		CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) \
		CFLAGS='-O1 -g -fsanitize=fuzzer-no-link' \
		CXXFLAGS='-O1 -g -fsanitize=fuzzer-no-link' fuzz-bins
	$(Q)crashed=; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(BUILD)-fuzz/corpus/$$t $(BUILD)-fuzz/artifacts/$$t; \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
		HRI_DATA=$(CURDIR)/data $(BUILD)-fuzz/fuzz/fuzz_$$t $$dict \
			-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
			-timeout=20 -print_final_stats=1 \
			-artifact_prefix=$(BUILD)-fuzz/artifacts/$$t/ \
			$(BUILD)-fuzz/corpus/$$t tests/fuzz/corpus/$$t \
			>$(BUILD)-fuzz/$$t.log 2>&1 && r=ok || { r=CRASH; crashed="$$crashed $$t"; }; \
		printf 'fuzz: %-9s %-5s %9s runs in %s s\n' $$t $$r \
			"$$(sed -n 's/^stat::number_of_executed_units: *//p' $(BUILD)-fuzz/$$t.log)" \
			$(FUZZ_SECONDS); \
	done; \
	if [ -n "$$crashed" ]; then \
		echo "fuzz: crashes in:$$crashed (inputs in $(BUILD)-fuzz/artifacts/, logs in $(BUILD)-fuzz/*.log)"; \
		exit 1; fi

-include $(FUZZ_SRC:%.c=$(BUILD)/obj/%.d) $(BUILD)/obj/tests/fuzz/replay.d
clean: clean-fuzz
clean-fuzz:
	rm -rf $(BUILD)-fuzz

# Every command-line test under valgrind (the unit tests natively).
.PHONY: check-valgrind
check-valgrind: deps-test
	$(Q)$(MAKE) --no-print-directory -j$(JOBS) tests
	$(Q)tests/run -j$(JOBS) --valgrind $(BUILD)
