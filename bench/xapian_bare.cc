/* xapian_bare.cc - the floor under hri-index: the least a program can do to
 * put the same segment texts into a Xapian database, for bench/run to
 * measure hri-index against (issue 22: "within 1.2x of a bare Xapian
 * program").
 *
 *   xapian_bare [--stem some|full-pos] [--flush N] DB < segments.jsonl
 *
 * Reads the segment records hri-index reads (JSON Lines, parsed with
 * jansson as hri-index parses them) and, for each "segment", adds one
 * Xapian document: its text through a TermGenerator with English stems and
 * positions, and its unique id as one boolean term. add_document, never
 * replace_document; one transaction for the whole run, as hri-index's
 * default. Nothing else: no title, no section heading, no annotation, no
 * value, no stored data, no spelling.
 *
 * --stem: full-pos (the default) gives the stems positions too, as hri
 * does for its phrases (STEM_SOME_FULL_POS); some is Xapian's default
 * (STEM_SOME: positions on the unstemmed words only). --flush N sets
 * XAPIAN_FLUSH_THRESHOLD (hri-index uses 1000; default here: the same).
 *
 * Prints "SEGMENTS SECONDS" on stdout. Exit 0, 2 on usage, 4 on a failure. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xapian.h>

#include <string>

/* Longest record line read, as hri-index's cap (lib/record.h). */
static const size_t line_max = 8u << 20;

static void
usage()
{
	fputs("usage: xapian_bare [--stem some|full-pos] [--flush N] DB "
	      "< segments.jsonl\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *dbpath = NULL, *flush = "1000";
	bool full_pos = true;
	struct timespec t0, t1;
	unsigned long n = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--stem") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "some"))
				full_pos = false;
			else if (strcmp(argv[i], "full-pos"))
				usage();
		} else if (!strcmp(argv[i], "--flush") && i + 1 < argc) {
			flush = argv[++i];
		} else if (argv[i][0] == '-' || dbpath) {
			usage();
		} else {
			dbpath = argv[i];
		}
	}
	if (!dbpath)
		usage();
	setenv("XAPIAN_FLUSH_THRESHOLD", flush, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	try {
		Xapian::WritableDatabase db(dbpath, Xapian::DB_CREATE_OR_OPEN);
		Xapian::TermGenerator tg;
		tg.set_stemmer(Xapian::Stem("en"));
		tg.set_stemming_strategy(
		    full_pos ? Xapian::TermGenerator::STEM_SOME_FULL_POS
		             : Xapian::TermGenerator::STEM_SOME);
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		db.begin_transaction();
		while ((len = getline(&line, &cap, stdin)) > 0) {
			if ((size_t)len > line_max)
				continue;
			json_t *rec = json_loadb(line, (size_t)len, 0, NULL);
			const char *type = json_string_value(json_object_get(rec,
			                                                      "type"));
			const char *id = json_string_value(json_object_get(rec, "id"));
			const char *text = json_string_value(json_object_get(rec,
			                                                      "text"));
			if (type && !strcmp(type, "segment") && id && *id &&
			    strlen(id) < 200) {
				Xapian::Document doc;
				tg.set_document(doc);
				if (text)
					tg.index_text(text);
				doc.add_boolean_term(std::string("Q") + id);
				db.add_document(doc);
				n++;
			}
			json_decref(rec);
		}
		free(line);
		db.commit_transaction();
		db.close();
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "xapian_bare: %s\n", e.get_description().c_str());
		return 4;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lu %.3f\n", n, (double)(t1.tv_sec - t0.tv_sec) +
	                            (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
