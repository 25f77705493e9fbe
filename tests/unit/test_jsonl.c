/* test_jsonl.c - JSON Lines parsing, writing and accessors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonl.h"

static void
test_jsonl_parse_object(void **state)
{
	static const char line[] = "{\"type\":\"segment\",\"para\":14,\"text\":\"South-South\"}";
	json_t *rec;
	char err[128];

	assert_int_equal(hri_jsonl_parse(line, strlen(line), &rec, err, sizeof err), HRI_OK);
	assert_string_equal(hri_json_str(rec, "type"), "segment");
	assert_int_equal(hri_json_int(rec, "para", -1), 14);
	assert_int_equal(hri_json_int(rec, "missing", -1), -1);
	assert_null(hri_json_str(rec, "para"));
	json_decref(rec);
}

static void
test_jsonl_parse_malformed_names_column(void **state)
{
	static const char line[] = "{\"type\": \"doc\", oops}";
	json_t *rec = (json_t *)1;
	char err[128];

	assert_int_equal(hri_jsonl_parse(line, strlen(line), &rec, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_null(rec);
	assert_non_null(strstr(err, "column"));
}

static void
test_jsonl_parse_rejects_non_object_and_duplicates(void **state)
{
	json_t *rec;
	char err[128];

	assert_int_equal(hri_jsonl_parse("[1,2]", 5, &rec, err, sizeof err), HRI_ERR_INVALID);
	assert_string_equal(err, "a record must be a JSON object");
	assert_int_equal(hri_jsonl_parse("{\"a\":1,\"a\":2}", 13, &rec, err, sizeof err),
	                 HRI_ERR_INVALID);
	assert_int_equal(hri_jsonl_parse("", 0, &rec, err, sizeof err), HRI_ERR_INVALID);
}

static void
test_jsonl_parse_rejects_invalid_utf8(void **state)
{
	static const char line[] = "{\"text\":\"\xff\xfe\"}";
	json_t *rec;
	char err[128];

	assert_int_equal(hri_jsonl_parse(line, strlen(line), &rec, err, sizeof err),
	                 HRI_ERR_INVALID);
}

static void
test_jsonl_write_one_line_round_trip(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);
	json_t *rec = json_object(), *back;
	char err[64];

	assert_int_equal(hri_json_set_str(rec, "type", "doc"), HRI_OK);
	assert_int_equal(hri_json_set_str(rec, "text", "line one\nline two \xe2\x80\x94 T\xc3\xbcrkiye"), HRI_OK);
	assert_int_equal(hri_json_set_str(rec, "label", NULL), HRI_OK);
	assert_int_equal(hri_jsonl_write(fp, rec), HRI_OK);
	fclose(fp);
	/* One line: the only newline is the terminator. */
	assert_int_equal(strchr(buf, '\n') - buf, (long)size - 1);
	/* UTF-8 written as is, not escaped, so grep finds it. */
	assert_non_null(strstr(buf, "T\xc3\xbcrkiye"));
	assert_int_equal(hri_jsonl_parse(buf, size - 1, &back, err, sizeof err), HRI_OK);
	assert_true(json_equal(rec, back));
	assert_true(json_is_null(json_object_get(back, "label")));
	json_decref(back);
	json_decref(rec);
	free(buf);
}

/* Writes rec with hri_jsonl_write and asserts the line is what jansson's
 * json_dumps gives with the flags the writer used to pass it. */
static void
assert_written_as_jansson(const json_t *rec)
{
	char *buf = NULL, *want;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	assert_non_null(fp);
	assert_int_equal(hri_jsonl_write(fp, rec), HRI_OK);
	fclose(fp);
	want = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(want);
	assert_int_equal(size, strlen(want) + 1);
	assert_memory_equal(buf, want, size - 1);
	assert_int_equal(buf[size - 1], '\n');
	free(want);
	free(buf);
}

static void
test_jsonl_write_matches_jansson_escapes(void **state)
{
	static const char nul[] = "a\0b";
	json_t *rec = json_object(), *arr = json_array(), *inner = json_object();
	char big[20000];
	size_t i;

	/* every control byte, quote, backslash, slash, DEL, UTF-8 of two to
	 * four bytes (the four-byte one is not escaped as a surrogate pair) */
	for (i = 0; i < 0x20; i++)
		big[i] = (char)(i + 1 < 0x20 ? i + 1 : ' ');
	memcpy(big + 0x20, "\"\\/\x7f \xc3\xbc \xe2\x80\x94 \xf0\x9f\x98\x80", 16);
	/* a string longer than the writer's block */
	for (i = 0x20 + 16; i < sizeof big - 1; i++)
		big[i] = i % 997 == 0 ? '\n' : (char)('a' + i % 26);
	big[sizeof big - 1] = '\0';
	assert_int_equal(json_object_set_new(rec, "text", json_string(big)), 0);
	assert_int_equal(json_object_set_new(rec, "nul", json_stringn(nul, 3)), 0);
	assert_int_equal(json_object_set_new(rec, "k\"ey\n", json_integer(-9007199254740993LL)), 0);
	assert_int_equal(json_object_set_new(rec, "weight", json_real(0.1)), 0);
	assert_int_equal(json_object_set_new(rec, "whole", json_real(3.0)), 0);
	assert_int_equal(json_object_set_new(rec, "tiny", json_real(1e-300)), 0);
	json_array_append_new(arr, json_null());
	json_array_append_new(arr, json_true());
	json_array_append_new(arr, json_false());
	json_array_append_new(arr, json_array());
	json_array_append_new(arr, json_object());
	json_array_append_new(arr, json_string(""));
	json_object_set_new(inner, "z", json_integer(0));
	json_object_set_new(inner, "a", json_integer(1));
	json_array_append_new(arr, inner);
	assert_int_equal(json_object_set_new(rec, "arr", arr), 0);
	/* the order members were set in, not sorted */
	assert_int_equal(json_object_set_new(rec, "b", json_string("last")), 0);
	assert_written_as_jansson(rec);
	assert_written_as_jansson(arr);
	json_decref(rec);
}

/* Writes the len bytes at s as a member's value and, NUL-free, as a
 * member's name, and asserts both lines are jansson's. */
static void
assert_string_as_jansson(const char *s, size_t len)
{
	json_t *rec = json_object();

	assert_int_equal(json_object_set_new(rec, "v", json_stringn(s, len)), 0);
	assert_written_as_jansson(rec);
	if (!memchr(s, '\0', len)) {
		assert_int_equal(json_object_setn_new(rec, s, len, json_integer(1)), 0);
		assert_written_as_jansson(rec);
	}
	json_decref(rec);
}

/* The bytes the writer's eight-at-a-time scan must stop at, and bytes next
 * to them in value (0x1f/0x20, 0x21/0x23, 0x5b/0x5d) or equal to them but
 * for the top bit, inside UTF-8 (0xa2 in U+00A2, 0x9c in U+00DC, 0xdc in
 * U+0700, 0xa0 in U+00A0): the scan must not skip the first kind nor stop
 * wrongly on the second. */
static const char *const pieces[] = {
	"\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\x01", "\x1f", "\x7f",
	" ", "!", "#", "[", "]", "<", "\xc2\xa2", "\xc3\x9c", "\xdc\x80",
	"\xc2\xa0", "\xe2\x80\x9c", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "a",
};

static void
test_jsonl_write_escape_at_every_word_position(void **state)
{
	char s[64];
	size_t n, pos, c, k;

	/* each escaped byte (every control, NUL included, '"', '\\') and '/'
	 * at each place of strings of 1 to 40 bytes: every position of the
	 * first words and of the tail shorter than a word */
	for (c = 0; c < 0x20 + 3; c++) {
		unsigned char b = c < 0x20 ? (unsigned char)c : (unsigned char)"\"\\/"[c - 0x20];

		for (n = 1; n <= 40; n++)
			for (pos = 0; pos < n; pos++) {
				for (k = 0; k < n; k++)
					s[k] = (char)('a' + k % 26);
				s[pos] = (char)b;
				assert_string_as_jansson(s, n);
				/* and a second one later in the same word */
				if (pos + 3 < n) {
					s[pos + 3] = '"';
					assert_string_as_jansson(s, n);
				}
			}
	}
	/* each piece, UTF-8 of two to four bytes too, at each place */
	for (c = 0; c < sizeof pieces / sizeof pieces[0]; c++) {
		size_t pl = strlen(pieces[c]);

		for (pos = 0; pos + pl <= 24; pos++) {
			memset(s, 'x', 24);
			memcpy(s + pos, pieces[c], pl);
			assert_string_as_jansson(s, 24);
		}
	}
}

static void
test_jsonl_write_mixed_strings_match_jansson(void **state)
{
	char s[600];
	uint32_t seed = 12345;
	size_t round, n, pl, want;

	/* strings of random pieces and lengths: runs of every length between
	 * the bytes to escape, which start anywhere in a word */
	for (round = 0; round < 3000; round++) {
		seed = seed * 1103515245u + 12345u;
		want = (seed >> 16) % 300;
		n = 0;
		while (n < want) {
			const char *piece;

			seed = seed * 1103515245u + 12345u;
			/* mostly plain letters, as text is */
			if ((seed >> 16) % 3)
				piece = "and the State";
			else
				piece = pieces[(seed >> 18) % (sizeof pieces / sizeof pieces[0])];
			pl = strlen(piece);
			seed = seed * 1103515245u + 12345u;
			if (piece[0] == 'a' && piece[1])
				pl = 1 + (seed >> 16) % pl;
			memcpy(s + n, piece, pl);
			n += pl;
		}
		assert_string_as_jansson(s, n);
	}
}

static void
test_jsonl_write_across_block_boundaries(void **state)
{
	static char big[3 * 8192 + 64];
	json_t *rec;
	size_t lead, i;

	/* a first member fills the writer's block up to a few bytes before,
	 * at or past its end, and the escapes and UTF-8 of the next member
	 * land on the boundary */
	for (lead = 8150; lead < 8200; lead++) {
		rec = json_object();
		memset(big, 'q', lead);
		assert_int_equal(json_object_set_new(rec, "a", json_stringn(big, lead)), 0);
		assert_int_equal(json_object_set_new(rec, "b\n\"", json_string("\"\\\n\x01\xe2\x80\x94\"z")), 0);
		assert_int_equal(json_object_set_new(rec, "n", json_integer(-1234567890123LL)), 0);
		assert_written_as_jansson(rec);
		json_decref(rec);
	}
	/* one string three blocks long, an escape every 1021 bytes */
	for (i = 0; i < sizeof big; i++)
		big[i] = i % 1021 == 1020 ? '\\' : (i % 1021 == 500 ? '\x1f' : (char)('A' + i % 26));
	rec = json_object();
	assert_int_equal(json_object_set_new(rec, "big", json_stringn(big, sizeof big)), 0);
	assert_written_as_jansson(rec);
	json_decref(rec);
}

static void
test_jsonl_write_integers_match_jansson(void **state)
{
	static const json_int_t vals[] = {
		0, 1, -1, 9, 10, -10, 99, 100, 123456789, -987654321,
		2147483647LL, -2147483648LL, 4294967296LL,
		999999999999999999LL, 1000000000000000000LL,
		9223372036854775807LL, -9223372036854775807LL - 1,
	};
	json_t *rec = json_object(), *arr = json_array();
	size_t i;

	for (i = 0; i < sizeof vals / sizeof vals[0]; i++)
		assert_int_equal(json_array_append_new(arr, json_integer(vals[i])), 0);
	assert_int_equal(json_object_set_new(rec, "ints", arr), 0);
	assert_written_as_jansson(rec);
	json_decref(rec);
}

static void
test_json_set_str_rejects_invalid_utf8(void **state)
{
	json_t *rec = json_object();

	assert_int_equal(hri_json_set_str(rec, "t", "\xc3("), HRI_ERR_INVALID);
	assert_null(json_object_get(rec, "t"));
	json_decref(rec);
}

static void
test_jsonl_write_reports_stream_error(void **state)
{
	FILE *fp = fopen("/dev/full", "w");
	json_t *rec = json_pack("{s:s}", "type", "doc");
	hri_status st;

	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	st = hri_jsonl_write(fp, rec);
	assert_int_equal(st, HRI_ERR_IO);
	fclose(fp);
	json_decref(rec);
}

/* Asserts hri_jsonl_members' contract on the len bytes at text: it takes
 * them only when jansson reads them and hri_jsonl_write writes them back
 * the same, and always then unless they may hold a real number (a '.' or
 * an 'e'); what it takes, each member's value is the written text of the
 * parsed member, and each string's unescape is its text. Returns whether
 * it took them. */
static int
assert_members_contract(const char *text, size_t len)
{
	hri_jsonl_span m[64];
	size_t n = 0, i, size = 0, k;
	json_t *rec = NULL, *v;
	char *buf = NULL, *want, out[512];
	FILE *fp;
	int same = 0;
	void *it;
	hri_status st = hri_jsonl_members(text, len, m, 64, &n);

	if (!hri_jsonl_parse(text, len, &rec, NULL, 0)) {
		fp = open_memstream(&buf, &size);
		assert_non_null(fp);
		if (!hri_jsonl_write(fp, rec))
			same = 1;
		fclose(fp);
		same = same && size == len + 1 && memcmp(buf, text, len) == 0;
		free(buf);
	}
	/* taken: the same bytes; a real number is never taken, though
	 * jansson may write it back the same */
	if (st == HRI_OK && !same)
		print_message("taken, not the writer's form: %.*s\n", (int)len,
		              text);
	assert_true(st != HRI_OK || same);
	if (same && st != HRI_OK && !memchr(text, '.', len) &&
	    !memchr(text, 'e', len))
		print_message("the writer's form, not taken: %.*s\n", (int)len,
		              text);
	assert_true(st == HRI_OK || !same || memchr(text, '.', len) ||
	            memchr(text, 'e', len));
	if (st != HRI_OK) {
		json_decref(rec);
		return 0;
	}
	assert_int_equal(n, json_object_size(rec));
	for (i = 0, it = json_object_iter(rec); it;
	     i++, it = json_object_iter_next(rec, it)) {
		v = json_object_iter_value(it);
		want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
		                         JSON_PRESERVE_ORDER);
		assert_non_null(want);
		assert_int_equal(m[i].vallen, strlen(want));
		assert_memory_equal(m[i].val, want, m[i].vallen);
		free(want);
		/* a key found by its text when it is written plain */
		k = strlen(json_object_iter_key(it));
		if (m[i].keylen == k &&
		    memcmp(m[i].key, json_object_iter_key(it), k) == 0)
			assert_ptr_equal(hri_jsonl_member(m, n,
			                                  json_object_iter_key(it),
			                                  NULL), &m[i]);
		if (json_is_string(v) && m[i].vallen < sizeof out) {
			k = hri_jsonl_unescape(&m[i], out);
			assert_int_equal(k, json_string_length(v));
			assert_memory_equal(out, json_string_value(v), k);
		}
	}
	json_decref(rec);
	return 1;
}

static void
test_jsonl_members_takes_the_writers_form_only(void **state)
{
	static const char *const texts[] = {
		"{}",
		"{\"a\":1,\"b\":-12,\"c\":0,\"d\":true,\"e\":false,\"f\":null}",
		"{\"t\":\"x\\\"y\\\\z\\b\\f\\n\\r\\t\\u0000\\u001F\\u0001\"}",
		"{\"t\":\"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80 a/b\"}",
		"{\"a\":[],\"b\":[1,[2,{\"c\":{}}]],\"d\":{\"e\":[\"f\"]}}",
		/* another form of the same values: not taken */
		"{ \"a\":1}", "{\"a\": 1}", "{\"a\":1 }", "{\"a\":1}\n",
		"{\"t\":\"a\\/b\"}", "{\"t\":\"\\u00e9\"}", "{\"t\":\"\\u001f\"}",
		"{\"t\":\"\\u0008\"}", "{\"t\":\"\\u000A\"}", "{\"t\":\"\\u0022\"}",
		"{\"a\":-0}", "{\"a\":01}",
		"{\"a\":12345678901234567890123}",
		/* not JSON jansson reads: not taken either */
		"{\"a\":1,\"a\":2}", "{\"o\":{\"a\":1,\"a\":1}}", "{\"\\u0000\":1}",
		"{\"t\":\"\xff\"}", "{\"t\":\"\xed\xa0\x80\"}", "{\"t\":\"a\x01\"}",
		"{\"a\":1}x", "[1]", "", "{", "{\"a\"}", "{\"a\":}", "{\"a\":[1,]}",
		"{\"a\":tru}", "{\"a\":nul}",
		/* real numbers: left to jansson, whose form of them it is */
		"{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":[0.25]}",
	};
	static const char base[] =
	    "{\"id\":\"A/HRC/26/41#3\",\"para\":3,\"label\":null,\"ok\":true,"
	    "\"text\":\"Caf\xc3\xa9 \\\"x\\\"\\n\\u0001 \xe2\x80\x94 end\","
	    "\"cites\":[{\"symbol\":\"E/1\",\"n\":-7},[]],\"no\":false}";
	static const char subst[] = " \\\"/01-.eEuA,:}]\x01\xc3\x80\xa9";
	char text[sizeof base];
	size_t i, j, len = sizeof base - 1, took = 0;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		took += (size_t)assert_members_contract(texts[i], strlen(texts[i]));
	assert_int_equal(took, 5);
	assert_int_equal(assert_members_contract(base, len), 1);
	/* every byte changed to each of the bytes the rules turn on, and
	 * every byte left out */
	for (i = 0; i < len; i++) {
		for (j = 0; j < sizeof subst - 1; j++) {
			memcpy(text, base, len);
			text[i] = subst[j];
			assert_members_contract(text, len);
		}
		memcpy(text, base, i);
		memcpy(text + i, base + i + 1, len - i - 1);
		assert_members_contract(text, len - 1);
	}
}

static void
test_jsonl_member_looks_round_from_where_it_was(void **state)
{
	static const char text[] = "{\"a\":1,\"b\":2,\"c\":3}";
	hri_jsonl_span m[4];
	size_t n, at = 0;

	assert_int_equal(hri_jsonl_members(text, strlen(text), m, 4, &n), HRI_OK);
	assert_int_equal(n, 3);
	assert_ptr_equal(hri_jsonl_member(m, n, "b", &at), &m[1]);
	assert_int_equal(at, 2);
	assert_ptr_equal(hri_jsonl_member(m, n, "a", &at), &m[0]);
	assert_int_equal(at, 1);
	assert_null(hri_jsonl_member(m, n, "d", &at));
	assert_int_equal(at, 1);
	assert_int_equal(hri_jsonl_members(text, strlen(text), m, 2, &n),
	                 HRI_ERR_TOO_BIG);
	assert_int_equal(hri_jsonl_unescape(&m[0], (char[4]){0}), (size_t)-1);
}

/* hri_jsonl_quote() writes the literal jansson writes of a string (its
 * escapes, UTF-8 as it is), and nothing when it would not fit. */
static void
test_jsonl_quote_matches_jansson(void **state)
{
	static const char *const strs[] = {
		"", "Right to education", "Côte d’Ivoire", "a \"quoted\" \\ name",
		"tab\there\nnewline\x01\x1f", "Special Rapporteur on torture and "
		"other cruel, inhuman or degrading treatment or punishment",
	};
	char out[256], big[1400];
	size_t i, n;

	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		json_t *v = json_string(strs[i]);
		char *want = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

		assert_non_null(want);
		n = hri_jsonl_quote(strs[i], strlen(strs[i]), out, sizeof out);
		assert_int_equal(n, strlen(want));
		assert_memory_equal(out, want, n);
		/* one byte short of room: nothing */
		assert_int_equal(hri_jsonl_quote(strs[i], strlen(strs[i]), out,
		                                 n - 1), 0);
		free(want);
		json_decref(v);
	}
	/* longer than the writer's block can hold escaped: nothing */
	memset(big, 'x', sizeof big);
	assert_int_equal(hri_jsonl_quote(big, sizeof big, out, sizeof out), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_parse_object),
		cmocka_unit_test(test_jsonl_parse_malformed_names_column),
		cmocka_unit_test(test_jsonl_parse_rejects_non_object_and_duplicates),
		cmocka_unit_test(test_jsonl_parse_rejects_invalid_utf8),
		cmocka_unit_test(test_jsonl_write_one_line_round_trip),
		cmocka_unit_test(test_jsonl_write_matches_jansson_escapes),
		cmocka_unit_test(test_jsonl_write_escape_at_every_word_position),
		cmocka_unit_test(test_jsonl_write_mixed_strings_match_jansson),
		cmocka_unit_test(test_jsonl_write_across_block_boundaries),
		cmocka_unit_test(test_jsonl_write_integers_match_jansson),
		cmocka_unit_test(test_json_set_str_rejects_invalid_utf8),
		cmocka_unit_test(test_jsonl_write_reports_stream_error),
		cmocka_unit_test(test_jsonl_members_takes_the_writers_form_only),
		cmocka_unit_test(test_jsonl_member_looks_round_from_where_it_was),
		cmocka_unit_test(test_jsonl_quote_matches_jansson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
