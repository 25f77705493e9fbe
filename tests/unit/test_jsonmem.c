/* test_jsonmem.c - jansson's memory from hri-parse's free lists: values of
 * every block size survive the frees of their neighbours, and the quick
 * string maker gives what json_stringn gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../parse/jsonmem.h"

/* Fills buf with n bytes that depend on seed, ASCII letters. */
static void
fill(char *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)('a' + (seed * 31 + i * 7) % 26);
}

/* Checks that v is the string fill() makes of n bytes with seed. */
static void
check_string(const json_t *v, size_t n, unsigned seed)
{
	char buf[2048];

	assert_true(json_is_string(v));
	assert_int_equal(json_string_length(v), n);
	fill(buf, n, seed);
	assert_memory_equal(json_string_value(v), buf, n);
}

static void
test_jsonmem_values_survive_frees(void **state)
{
	enum { N = 600 };
	json_t *strs[N], *objs[N];
	char buf[2048], key[32];
	size_t i, n;

	(void)state;
	/* strings of every length up to past the largest block, and objects
	 * whose hash tables grow through the small sizes */
	for (i = 0; i < N; i++) {
		n = (i * 7) % 1500;
		fill(buf, n, (unsigned)i);
		strs[i] = json_stringn(buf, n);
		assert_non_null(strs[i]);
		objs[i] = json_object();
		assert_non_null(objs[i]);
		for (size_t k = 0; k < i % 40; k++) {
			snprintf(key, sizeof key, "key%zu", k);
			assert_int_equal(json_object_set_new(objs[i], key,
			                                     json_integer((json_int_t)(i * 1000 + k))), 0);
		}
	}
	/* every other one freed, and its blocks taken again by new values */
	for (i = 0; i < N; i += 2) {
		json_decref(strs[i]);
		json_decref(objs[i]);
		n = (i * 13) % 1500;
		fill(buf, n, (unsigned)i + 7);
		strs[i] = json_stringn(buf, n);
		assert_non_null(strs[i]);
		objs[i] = json_array();
		assert_non_null(objs[i]);
		for (size_t k = 0; k < i % 30; k++)
			assert_int_equal(json_array_append_new(objs[i],
			                                       json_integer((json_int_t)k)), 0);
	}
	for (i = 0; i < N; i++) {
		if (i % 2) {
			check_string(strs[i], (i * 7) % 1500, (unsigned)i);
			assert_int_equal(json_object_size(objs[i]), i % 40);
			for (size_t k = 0; k < i % 40; k++) {
				snprintf(key, sizeof key, "key%zu", k);
				assert_int_equal(json_integer_value(json_object_get(objs[i], key)),
				                 (json_int_t)(i * 1000 + k));
			}
		} else {
			check_string(strs[i], (i * 13) % 1500, (unsigned)i + 7);
			assert_int_equal(json_array_size(objs[i]), i % 30);
			for (size_t k = 0; k < i % 30; k++)
				assert_int_equal(json_integer_value(json_array_get(objs[i], k)),
				                 (json_int_t)k);
		}
		json_decref(strs[i]);
		json_decref(objs[i]);
	}
}

/* Checks that hri_jsonmem_string answers as json_stringn for the len bytes
 * at s. */
static void
same_as_jansson(const char *s, size_t len)
{
	json_t *a = hri_jsonmem_string(s, len), *b = json_stringn(s, len);

	if (!b) {
		assert_null(a);
		return;
	}
	assert_non_null(a);
	assert_int_equal(json_string_length(a), json_string_length(b));
	assert_memory_equal(json_string_value(a), json_string_value(b), len);
	json_decref(a);
	json_decref(b);
}

static void
test_jsonmem_string_as_jansson(void **state)
{
	static const char *const bad[] = {
		"caf\xe9", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x80", "\xc0\xaf",
	};
	static const char good[] = "T\xc3\xbcrkiye \xe2\x80\x93 ";
	char buf[64];
	size_t i, at;

	(void)state;
	assert_null(hri_jsonmem_string(NULL, 0));
	same_as_jansson("", 0);
	same_as_jansson("a\0b", 3);
	same_as_jansson("tab\there \"quoted\" back\\slash\n", 30);
	/* a byte past 0x7f at every place of a word, and in the tail */
	for (at = 0; at < 20; at++) {
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			memset(buf, 'x', sizeof buf);
			memcpy(buf + at, bad[i], strlen(bad[i]));
			same_as_jansson(buf, at + strlen(bad[i]) + 3);
		}
		memset(buf, 'y', sizeof buf);
		memcpy(buf + at, good, sizeof good - 1);
		same_as_jansson(buf, at + sizeof good - 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonmem_values_survive_frees),
		cmocka_unit_test(test_jsonmem_string_as_jansson),
	};

	/* before any JSON value is made, as hri-parse does */
	hri_jsonmem_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
