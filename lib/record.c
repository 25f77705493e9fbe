/* record.c - the types of the record fields, checked. */
#include "record.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* What a field may hold; null is always allowed. */
enum kind {
	T_STR,      /* a string */
	T_INT,      /* an integer */
	T_INT_STR,  /* an integer or a string ("session": 28 or "28") */
	T_STRS,     /* an array of strings */
	T_CITES,    /* [{symbol: string, pinpoint: string}] */
	T_INSTRS,   /* [{kind, issuer, number: strings}] */
	T_OBJS,     /* an array of objects */
	T_BOOL,     /* true or false */
	T_URL,      /* an http, https or file address */
	T_SOURCE    /* such an address, or a path */
};

/* Every field the records name (README "Records"), and what it holds. */
static const struct {
	const char *name;
	enum kind kind;
} fields[] = {
	{"type", T_STR},
	/* fetched */
	{"symbol", T_STR}, {"lang", T_STR}, {"url", T_URL}, {"path", T_STR},
	{"sha256", T_STR}, {"bytes", T_INT}, {"content_type", T_STR},
	{"format", T_STR}, {"status", T_STR}, {"http_status", T_INT},
	{"etag", T_STR}, {"last_modified", T_STR}, {"fetched_at", T_STR},
	{"error", T_STR}, {"repaired", T_BOOL}, {"title", T_STR},
	{"date", T_STR}, {"body", T_STR}, {"session", T_INT_STR},
	{"agenda", T_INT_STR}, {"agenda_title", T_STR}, {"subjects", T_STRS},
	/* doc */
	{"source", T_SOURCE}, {"pages", T_INT}, {"paragraphs", T_INT},
	{"doctype", T_STR}, {"recommendations", T_INT}, {"footnotes", T_INT},
	/* segment */
	{"id", T_STR}, {"kind", T_STR}, {"para", T_INT}, {"label", T_STR},
	{"section", T_STR}, {"section_title", T_STR}, {"page", T_INT},
	{"text", T_STR}, {"cites", T_CITES}, {"instruments", T_INSTRS},
	{"countries", T_STRS}, {"organizations", T_STRS}, {"persons", T_STRS},
	{"dates", T_STRS}, {"treaties", T_STRS}, {"themes", T_STRS},
	{"sdgs", T_STRS}, {"affected", T_STRS}, {"recommending", T_STRS},
	{"position", T_STR}, {"explain", T_OBJS},
	/* position */
	{"source_para", T_INT},
};

/* Returns what a JSON value is, for messages. */
static const char *
type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

/* Returns nonzero when s starts with a URL scheme ("javascript:"). */
static int
has_scheme(const char *s)
{
	size_t i = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (s[i] && (strchr("+-.", s[i]) || (s[i] >= '0' && s[i] <= '9') ||
	                (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return s[i] == ':';
}

/* Returns nonzero when s is an address hri takes documents from. */
static int
web_or_file(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	       strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "file:/", 6) == 0;
}

/* Returns nonzero when a holds objects whose members keys[0..n) are each a
 * string or null when present. */
static int
objects_of_strings(const json_t *a, const char *const *keys, size_t n)
{
	const json_t *o, *v;
	size_t i, k;

	json_array_foreach(a, i, o) {
		if (!json_is_object(o))
			return 0;
		for (k = 0; k < n; k++) {
			v = json_object_get(o, keys[k]);
			if (v && !json_is_string(v) && !json_is_null(v))
				return 0;
		}
	}
	return 1;
}

/* Checks one value v of field name, of kind k. Returns NULL, or what it
 * should have been. */
static const char *
check_one(const char *name, enum kind k, const json_t *v)
{
	static const char *const cite_keys[] = {"symbol", "pinpoint"};
	static const char *const instr_keys[] = {"kind", "issuer", "number"};
	const json_t *e;
	const char *s;
	size_t i;

	if (json_is_null(v))
		return NULL;
	switch (k) {
	case T_STR:
	case T_URL:
	case T_SOURCE:
		if (!json_is_string(v))
			return "a string";
		s = json_string_value(v);
		if (json_string_length(v) > HRI_RECORD_STR_MAX &&
		    strcmp(name, "text") != 0)
			return "a string of at most 65536 bytes";
		if (k == T_URL && !web_or_file(s))
			return "an http, https or file address";
		if (k == T_SOURCE && has_scheme(s) && !web_or_file(s))
			return "a path or an http, https or file address";
		return NULL;
	case T_INT:
		return json_is_integer(v) ? NULL : "an integer";
	case T_INT_STR:
		return json_is_integer(v) || json_is_string(v) ? NULL
		                                               : "an integer or a string";
	case T_BOOL:
		return json_is_boolean(v) ? NULL : "true or false";
	case T_STRS:
		if (!json_is_array(v))
			return "an array of strings";
		json_array_foreach(v, i, e)
			if (!json_is_string(e) || json_string_length(e) > HRI_RECORD_STR_MAX)
				return "an array of strings";
		return NULL;
	case T_CITES:
		return json_is_array(v) && objects_of_strings(v, cite_keys, 2)
		       ? NULL : "an array of {symbol, pinpoint} objects of strings";
	case T_INSTRS:
		return json_is_array(v) && objects_of_strings(v, instr_keys, 3)
		       ? NULL : "an array of {kind, issuer, number} objects of strings";
	case T_OBJS:
		if (!json_is_array(v))
			return "an array of objects";
		json_array_foreach(v, i, e)
			if (!json_is_object(e))
				return "an array of objects";
		return NULL;
	}
	return NULL;
}

hri_status
hri_record_check(const json_t *rec, char *err, size_t errsz)
{
	const char *type = json_string_value(json_object_get(rec, "type"));
	const char *who = json_string_value(json_object_get(rec, "id"));
	const json_t *v;
	const char *want;
	size_t i;

	if (!json_is_object(rec)) {
		snprintf(err, errsz, "not a JSON object");
		return HRI_ERR_INVALID;
	}
	if (!who)
		who = json_string_value(json_object_get(rec, "symbol"));
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		v = json_object_get(rec, fields[i].name);
		if (!v)
			continue;
		want = check_one(fields[i].name, fields[i].kind, v);
		if (!want)
			continue;
		/* the record's name and a string value are shown cut, as the
		 * log cuts what it prints */
		snprintf(err, errsz, "%s%s%.100s%s%sfield \"%s\": %s or null, not "
		         "%s%s%.80s%s%s",
		         type ? type : "", type && who ? " " : "", who ? who : "",
		         who && strlen(who) > 100 ? "[...]" : "",
		         type || who ? ": " : "", fields[i].name, want, type_name(v),
		         json_is_string(v) ? " \"" : "",
		         json_is_string(v) ? json_string_value(v) : "",
		         json_is_string(v) && json_string_length(v) > 80 ? "[...]" : "",
		         json_is_string(v) ? "\"" : "");
		return HRI_ERR_INVALID;
	}
	return HRI_OK;
}
