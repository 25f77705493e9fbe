/* extract.c - the extractor: loads the tables of data/, compiles every
 * pattern once, and annotates one segment at a time (see extract.h).
 *
 * The named things (States, organizations, treaties) come from tab-separated
 * tables, each compiled into one trie-shaped pattern (extract_gazetteer.c);
 * the shaped things (symbols, resolutions, persons, dates) from the patterns
 * of their modules; themes, SDGs and affected persons from the phrase rules
 * of data/taxonomy.tsv (extract_taxonomy.c) and, for UPR recommendations,
 * with their UPR-info issues, from the learned model (classify.c); every
 * name given is a label of data/labels.tsv. */
#include "extract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "extract_gazetteer.h"
#include "extract_int.h"
#include "file.h"
#include "home.h"
#include "jsonl.h"
#include "jsonmem.h"
#include "labels.h"
#include "record.h"
#include "symbol.h"


enum {
	TAG_NAME = 0,   /* the entry's own name or another name */
	TAG_ADJ = 1,    /* an adjective ("Nigerian") */
	TAG_SHARED = 2, /* an abbreviation that also names the committee */
	TAG_CUE = 3     /* a cue word only (see cues[]) */
};

enum {
	CUE_DATE = 1,   /* a month: run the date scan */
	CUE_INSTR = 2,  /* resolution, decision...: run the instrument scan */
	CUE_PERSON = 4  /* a title, post or role: run the person scan */
};

enum {
	KIND_COUNTRY, /* countries.tsv */
	KIND_ORG,     /* organizations.tsv */
	KIND_TREATY   /* treaties.tsv */
};

/* The named-thing tables of data/: entries with their names, all compiled
 * into one gazetteer, so that one scan finds them and the longest name at
 * a place wins across tables ("United Nations Relief and Works Agency for
 * Palestine Refugees" is an organization, not the State of Palestine). */
typedef struct xtable {
	hri_gaz *gaz;
	char **names;          /* canonical name of each entry */
	unsigned char *kind;   /* KIND_* of each entry */
	unsigned char *cue;    /* CUE_* bits a match of each entry gives */
	char **extra;          /* a treaty's committee, else NULL */
	unsigned char *person; /* entry is also a given name */
	size_t n, cap;         /* entries used, allocated */
	int *phrase_entry;     /* entry of each phrase id, -1 for a cue only */
	unsigned char *phrase_tag; /* TAG_* of each phrase id */
	unsigned char *phrase_cue; /* CUE_* bits of each phrase id */
	size_t nphr, capphr;   /* phrase ids mapped, allocated */
} xtable;

/* One line of data/iso3.tsv. */
typedef struct iso3 {
	char code[4];          /* "USA" */
	const char *name;      /* the State's UN short name, borrowed from the
	                          names table */
} iso3;

struct hri_extractor {
	xtable names;          /* States, organizations, treaties */
	iso3 *codes;           /* data/iso3.tsv, ncodes entries */
	size_t ncodes;
	hri_cite_rules *cite;
	hri_instrument_rules *instrument;
	hri_person_rules *person;
	hri_date_rules *date;
	hri_taxonomy *taxonomy;
	hri_labels *labels;       /* data/labels.tsv: the names given */
	hri_classifier *model;    /* data/classifier.model */
	/* the string values of the labels given, shared by every record's
	 * arrays: filled as the documents are read, so the one part of the
	 * extractor that changes after hri_extractor_new() */
	hri_x_labels *shared;
	pcre2_code *verb; /* a committee's verb after a shared abbreviation */
};

/* The annotation arrays of a segment, in the order hri-records(5) writes
 * them, and "explain" last (with explain on): each name as a key of the
 * segment's object, and as the record writes it, the comma before it
 * included (the first is written without). */
#define FIELD(k) {k, ",\"" k "\":", sizeof ",\"" k "\":" - 1}
static const struct {
	const char *name;
	const char *key;
	size_t keylen;
} fields[] = {
	FIELD("cites"), FIELD("instruments"), FIELD("countries"),
	FIELD("organizations"), FIELD("persons"), FIELD("dates"),
	FIELD("treaties"), FIELD("themes"), FIELD("sdgs"), FIELD("affected"),
	FIELD("issues"), FIELD("explain"),
};
#undef FIELD
enum { F_CITES, F_INSTR, F_COUNTRIES, F_ORGS, F_PERSONS, F_DATES,
       F_TREATIES, F_THEMES, F_SDGS, F_AFFECTED, F_ISSUES, F_N,
       F_EXPLAIN = F_N };
/* the fields that hold labels of the tables, as hri_x_lists; the others
 * (objects, and names and dates found in the text) as jansson arrays */
#define F_LABELS (1u << F_COUNTRIES | 1u << F_ORGS | 1u << F_TREATIES | \
                  1u << F_THEMES | 1u << F_SDGS | 1u << F_AFFECTED | \
                  1u << F_ISSUES)
#define IS_LABELS(i) ((F_LABELS >> (i)) & 1u)

struct hri_extract_doc {
	const hri_extractor *ex;
	char *symbol;              /* the document's own, or NULL */
	char *body;                /* its body, or NULL */
	char last[HRI_SYMBOL_MAX]; /* last symbol cited, for "ibid." */
	int explain;
	hri_x_match m;
	/* the last segment's annotations (hri_extract_find), emptied and
	 * filled again for the next: a segment's eleven arrays made, put
	 * into its object and deleted cost some 600 instructions */
	json_t *held[F_N + 1];     /* NULL: not made yet, or given away;
	                              NULL for the IS_LABELS() fields;
	                              [F_EXPLAIN] with explain on */
	hri_x_list list[F_N];      /* the IS_LABELS() fields' */
	int found;                 /* held and list are a segment's */
};

/* ---- helpers shared by the modules (extract_int.h) ---- */

hri_status
hri_x_compile(const char *pat, uint32_t opts, pcre2_code **out, char *err,
              size_t errsz)
{
	int code;
	PCRE2_SIZE off;
	*out = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	                     PCRE2_UTF | opts, &code, &off, NULL);
	if (!*out) {
		char msg[256];
		pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(err, errsz, "pattern at offset %zu: %s", (size_t)off, msg);
		return HRI_ERR_FORMAT;
	}
	/* Without JIT (an unsupported CPU) the interpreter gives the same
	 * answers, slower. */
	(void)pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE);
	return HRI_OK;
}

int
hri_x_group(pcre2_match_data *md, const char *text, int n, const char **s,
            size_t *len)
{
	if (n <= 0 || (uint32_t)n >= pcre2_get_ovector_count(md))
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	if (ov[2 * n] == PCRE2_UNSET)
		return 0;
	*s = text + ov[2 * n];
	*len = ov[2 * n + 1] - ov[2 * n];
	return 1;
}

hri_status
hri_x_next(const pcre2_code *re, hri_x_match *m, const char *text, size_t len,
           size_t *pos, size_t *start, size_t *end)
{
	if (*pos >= len)
		return HRI_ERR_NOT_FOUND;
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, *pos, PCRE2_NO_UTF_CHECK,
	                     m->md, m->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return HRI_ERR_NOT_FOUND;
	if (rc < 0)
		return HRI_ERR_INTERNAL;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	*pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	if (start)
		*start = ov[0];
	if (end)
		*end = ov[1];
	return HRI_OK;
}

/* Returns nonzero when the array arr holds the string of len bytes at s. */
static int
array_has(const json_t *arr, const char *s, size_t len)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		/* jansson keeps the length: no strlen() of every value */
		const char *t = json_string_value(v);
		if (t && json_string_length(v) == len && !memcmp(t, s, len))
			return 1;
	}
	return 0;
}

hri_status
hri_x_push_unique(json_t *arr, const char *s, size_t len)
{
	if (array_has(arr, s, len))
		return HRI_OK;
	json_t *str = hri_jsonmem_string(s, len);
	if (!str || json_array_append_new(arr, str))
		return HRI_ERR_NOMEM;
	return HRI_OK;
}

/* The labels the tables give (a theme, a country, an SDG), each made a
 * string value once and shared by every array that holds it (a reference
 * more each): a segment's arrays took a new string, two blocks and a copy,
 * for each label, and dropped it with the record. Open addressing on the
 * bytes' hash; at most LABELS_MAX labels are kept, the rest made anew. */
#define LABELS_SLOTS 8192
#define LABELS_MAX (LABELS_SLOTS / 2)
#define SDG_LINKS 4 /* a theme's SDG goals kept with it */
struct hri_x_labels {
	size_t n;                /* labels kept */
	size_t misses;           /* labels given a string of their own */
	struct {
		uint64_t h;      /* hash of the bytes; 0: empty */
		json_t *v;       /* the string */
		char *json;      /* its JSON text, quoted and escaped; NULL:
		                    none (too long, no memory) */
		size_t jsonlen;  /* bytes */
		/* as a theme, the goals data/labels.tsv links it to (the
		 * table's values, in the table's order), read once: the
		 * lookup and the parse of its links cost some 600
		 * instructions for every theme of every segment */
		unsigned char sdg_read;  /* 0: not yet; 1: read; 2: more
		                            than SDG_LINKS or no room */
		unsigned char nsdg;
		json_t *sdg[SDG_LINKS];
	} slot[LABELS_SLOTS];
};

hri_status
hri_x_labels_new(hri_x_labels **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? HRI_OK : HRI_ERR_NOMEM;
}

void
hri_x_labels_free(hri_x_labels *lt)
{
	for (size_t k = 0; lt && k < LABELS_SLOTS; k++) {
		json_decref(lt->slot[k].v);
		free(lt->slot[k].json);
	}
	free(lt);
}

/* Returns the slot of lt holding the string value of the len bytes at s,
 * made when new, or -1 when it cannot be kept (no table, the table full,
 * no memory). */
static inline long
label_slot(hri_x_labels *lt, const char *s, size_t len)
{
	/* the first and last eight bytes and the length tell the labels
	 * apart well enough, and cost no pass over a long name */
	uint64_t a = 0, b = 0, h;
	size_t k;
	if (!lt)
		return -1;
	memcpy(&a, s, len < 8 ? len : 8);
	if (len > 8)
		memcpy(&b, s + len - 8, 8);
	h = ((a * 0x9E3779B97F4A7C15u) ^ (b * 0xC2B2AE3D27D4EB4Fu) ^ len) | 1;
	for (k = (size_t)(h >> 40) & (LABELS_SLOTS - 1); lt->slot[k].h;
	     k = (k + 1) & (LABELS_SLOTS - 1)) {
		json_t *v = lt->slot[k].v;
		if (lt->slot[k].h == h && json_string_length(v) == len &&
		    !memcmp(json_string_value(v), s, len))
			return (long)k;
	}
	if (lt->n >= LABELS_MAX) {
		lt->misses++;
		return -1;
	}
	json_t *v = hri_jsonmem_string(s, len);
	if (!v) {
		lt->misses++;
		return -1;
	}
	lt->slot[k].h = h;
	lt->slot[k].v = v;
	lt->n++;
	/* the label's JSON text, copied into each record that holds it, as
	 * its escape scan cost some 150 instructions each time */
	char q[256];
	size_t ql = hri_jsonl_quote(s, len, q, sizeof q);
	lt->slot[k].json = ql ? malloc(ql) : NULL;
	if (lt->slot[k].json) {
		memcpy(lt->slot[k].json, q, ql);
		lt->slot[k].jsonlen = ql;
	}
	return (long)k;
}

/* Returns the shared string value of the len bytes at s (a borrowed
 * reference), or NULL when it cannot be kept. */
static json_t *
label_value(hri_x_labels *lt, const char *s, size_t len)
{
	long k = label_slot(lt, s, len);
	return k < 0 ? NULL : lt->slot[k].v;
}

void
hri_x_list_clear(hri_x_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->item[i].own)
			json_decref(l->item[i].v);
	l->n = 0;
}

void
hri_x_list_free(hri_x_list *l)
{
	hri_x_list_clear(l);
	free(l->item);
	memset(l, 0, sizeof *l);
}

json_t *
hri_x_list_json(const hri_x_list *l)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < l->n; i++)
		if (json_array_append(arr, l->item[i].v)) {
			json_decref(arr);
			arr = NULL;
		}
	return arr;
}

void
hri_x_list_write(const hri_x_list *l, hri_jsonl_out *w)
{
	if (!l->n) {
		hri_jsonl_out_raw(w, "[]", 2);
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		const hri_x_item *it = &l->item[i];
		hri_jsonl_out_raw(w, i ? "," : "[", 1);
		if (it->json)
			hri_jsonl_out_raw(w, it->json, it->jsonlen);
		else
			hri_jsonl_out_string(w, it->s, it->len);
	}
	hri_jsonl_out_raw(w, "]", 1);
}

/* Returns whether l holds the label of len bytes at s, whose value in the
 * labels' table is str (NULL: none). */
static int
list_has(const hri_x_list *l, const json_t *str, const char *s, size_t len)
{
	for (size_t i = 0; i < l->n; i++) {
		const hri_x_item *it = &l->item[i];
		if (it->v == str ||
		    (it->own && it->len == len && !memcmp(it->s, s, len)))
			return 1;
	}
	return 0;
}

hri_status
hri_x_push_label(hri_x_labels *lt, hri_x_list *l, const char *s, size_t len)
{
	long k = label_slot(lt, s, len);
	json_t *str = k < 0 ? NULL : lt->slot[k].v;
	/* every label of l the table holds is its one value for its bytes
	 * (found before the table is full, always after): the addresses tell
	 * them apart, no string is compared; a label of the list's own (the
	 * table full, or none) is compared by bytes */
	if (list_has(l, str, s, len))
		return HRI_OK;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		hri_x_item *item = realloc(l->item, cap * sizeof *item);
		if (!item)
			return HRI_ERR_NOMEM;
		l->item = item;
		l->cap = cap;
	}
	int own = !str;
	if (own) {
		str = hri_jsonmem_string(s, len);
		if (!str)
			return HRI_ERR_NOMEM;
	}
	l->item[l->n++] = (hri_x_item){json_string_value(str),
	                               json_string_length(str), str, own,
	                               own ? NULL : lt->slot[k].json,
	                               own ? 0 : lt->slot[k].jsonlen};
	return HRI_OK;
}

hri_status
hri_x_match_init(hri_x_match *m)
{
	memset(m, 0, sizeof *m);
	m->md = pcre2_match_data_create(HRI_X_OVEC, NULL);
	m->mc = pcre2_match_context_create(NULL);
	/* The trie patterns nest deeply; 32 KiB, PCRE2's default, is short. */
	m->js = pcre2_jit_stack_create(64 * 1024, 1024 * 1024, NULL);
	if (!m->md || !m->mc || !m->js) {
		hri_x_match_fini(m);
		return HRI_ERR_NOMEM;
	}
	pcre2_jit_stack_assign(m->mc, NULL, m->js);
	return HRI_OK;
}

void
hri_x_match_fini(hri_x_match *m)
{
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mc);
	pcre2_jit_stack_free(m->js);
	hri_gaz_words_free(&m->words);
	memset(m, 0, sizeof *m);
}

/* ---- tables ---- */

/* Frees the contents of t. */
static void
xtable_fini(xtable *t)
{
	hri_gaz_free(t->gaz);
	for (size_t i = 0; i < t->n; i++) {
		free(t->names[i]);
		free(t->extra[i]);
	}
	free(t->names);
	free(t->kind);
	free(t->cue);
	free(t->extra);
	free(t->person);
	free(t->phrase_entry);
	free(t->phrase_tag);
	free(t->phrase_cue);
	memset(t, 0, sizeof *t);
}

/* Adds a new entry named (s, len) of kind to t; its index is t->n - 1. */
static hri_status
xtable_entry(xtable *t, int kind, const char *s, size_t len)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **names = realloc(t->names, cap * sizeof *names);
		if (!names)
			return HRI_ERR_NOMEM;
		t->names = names;
		char **extra = realloc(t->extra, cap * sizeof *extra);
		if (!extra)
			return HRI_ERR_NOMEM;
		t->extra = extra;
		unsigned char *person = realloc(t->person, cap);
		if (!person)
			return HRI_ERR_NOMEM;
		t->person = person;
		unsigned char *kinds = realloc(t->kind, cap);
		if (!kinds)
			return HRI_ERR_NOMEM;
		t->kind = kinds;
		unsigned char *cue = realloc(t->cue, cap);
		if (!cue)
			return HRI_ERR_NOMEM;
		t->cue = cue;
		t->cap = cap;
	}
	t->names[t->n] = strndup(s, len);
	t->extra[t->n] = NULL;
	t->person[t->n] = 0;
	t->kind[t->n] = (unsigned char)kind;
	t->cue[t->n] = 0;
	if (!t->names[t->n])
		return HRI_ERR_NOMEM;
	/* A post inside a body's name: "the United Nations High Commissioner
	 * for Human Rights, Navi Pillay, said" holds a person. */
	static const char *const posts[] = {"Rapporteur", "Expert",
	                                    "Commissioner", "Secretary",
	                                    "President", "Chair"};
	for (size_t i = 0; kind == KIND_ORG && i < 6; i++)
		if (strstr(t->names[t->n], posts[i]))
			t->cue[t->n] |= CUE_PERSON;
	t->n++;
	return HRI_OK;
}

/* Adds the phrase (s, len) for the last entry of t with tag; a phrase that
 * names another entry already is a table error (HRI_ERR_FORMAT). */
static hri_status
xtable_phrase(xtable *t, const char *s, size_t len, int tag)
{
	int id;
	hri_status st = hri_gaz_add(t->gaz, s, len, &id);
	if (st)
		return st;
	if ((size_t)id < t->nphr)
		return t->phrase_entry[id] == (int)t->n - 1 ? HRI_OK :
		       HRI_ERR_FORMAT;
	if (t->nphr == t->capphr) {
		size_t cap = t->capphr ? t->capphr * 2 : 128;
		int *pe = realloc(t->phrase_entry, cap * sizeof *pe);
		if (!pe)
			return HRI_ERR_NOMEM;
		t->phrase_entry = pe;
		unsigned char *pt = realloc(t->phrase_tag, cap);
		if (!pt)
			return HRI_ERR_NOMEM;
		t->phrase_tag = pt;
		unsigned char *pc = realloc(t->phrase_cue, cap);
		if (!pc)
			return HRI_ERR_NOMEM;
		t->phrase_cue = pc;
		t->capphr = cap;
	}
	t->phrase_entry[t->nphr] = tag == TAG_CUE ? -1 : (int)t->n - 1;
	t->phrase_tag[t->nphr] = (unsigned char)tag;
	t->phrase_cue[t->nphr] = 0;
	t->nphr++;
	return HRI_OK;
}

/* The words that tell a paragraph may hold a person, a date or an
 * instrument: the other scans, each a pattern searched through the whole
 * text, run only when the names scan met one of these. Each list must
 * hold every word its pattern starts from or needs (extract_person.c,
 * extract_date.c, extract_instrument.c). */
static const struct cue {
	int bit;
	const char *words; /* "|"-separated */
} cues[] = {
	{CUE_DATE, HRI_X_MONTHS},
	{CUE_INSTR, "resolution|resolutions|Resolution|Resolutions|decision|"
	            "decisions|Decision|Decisions|recommendation|recommendations|"
	            "Recommendation|Recommendations|general comment|"
	            "general comments|General comment|General comments"},
	{CUE_PERSON, "Mr|Ms|Mrs|Messrs|Dr|Prof|Professor|professor|Sir|Dame|H.E|"
	             "Ambassador|Judge|Justice|Special Rapporteur|"
	             "Independent Expert|Director|Director-General|Representative|"
	             "Commissioner|Chair|Chairperson|Chair-Rapporteur|Vice-Chair|"
	             "Vice-Chairperson|Co-Chair|President|Vice-President|"
	             "Minister|Rapporteur|Expert|Secretary|Secretary-General|"
	             "Adviser|Advisor|Head|Chief|Coordinator|Ombudsman|"
	             "Ombudsperson|Moderator|Panellist"},
};

/* Adds the cue words of cues[] to t. */
static hri_status
xtable_cues(xtable *t)
{
	for (size_t k = 0; k < sizeof cues / sizeof cues[0]; k++) {
		const char *p = cues[k].words;
		while (*p) {
			size_t n = strcspn(p, "|");
			int id;
			hri_status st = hri_gaz_add(t->gaz, p, n, &id);
			if (!st && (size_t)id >= t->nphr)
				st = xtable_phrase(t, p, n, TAG_CUE);
			if (st)
				return st;
			t->phrase_cue[id] |= (unsigned char)cues[k].bit;
			p += n + (p[n] == '|');
		}
	}
	return HRI_OK;
}

/* Adds each "|"-separated phrase of the field (s, len) with tag. */
static hri_status
xtable_phrases(xtable *t, const char *s, size_t len, int tag)
{
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '|')
			j++;
		if (j > i) {
			hri_status st = xtable_phrase(t, s + i, j - i, tag);
			if (st)
				return st;
		}
		i = j + 1;
	}
	return HRI_OK;
}

/* What xtable_line() needs besides the line. */
struct xtable_load_ctx {
	xtable *t;
	int kind;
};

/* Adds one line of a table of data/ to the xtable (see xtable_load()). */
static hri_status
xtable_line(const char *p, size_t len, int lineno, void *ud)
{
	struct xtable_load_ctx *x = ud;
	xtable *t = x->t;
	int kind = x->kind;
	const char *le = p + len;
	const char *col[4] = {0};
	size_t cl[4] = {0};
	int nc = 0;
	const char *c = p;
	hri_status st;

	(void)lineno;
	while (nc < 4) {
		const char *tab = memchr(c, '\t', (size_t)(le - c));
		const char *ce = tab ? tab : le;
		col[nc] = c;
		cl[nc++] = (size_t)(ce - c);
		if (!tab)
			break;
		c = tab + 1;
	}
	st = xtable_entry(t, kind, col[0], cl[0]);
	if (!st)
		st = xtable_phrase(t, col[0], cl[0], TAG_NAME);
	if (!st && nc > 1)
		st = xtable_phrases(t, col[1], cl[1], TAG_NAME);
	if (!st && nc > 2)
		st = xtable_phrases(t, col[2], cl[2],
		                    kind == KIND_TREATY ? TAG_SHARED : TAG_ADJ);
	if (!st && nc > 3) {
		if (kind == KIND_TREATY) {
			t->extra[t->n - 1] = strndup(col[3], cl[3]);
			if (!t->extra[t->n - 1])
				st = HRI_ERR_NOMEM;
		} else if (cl[3] >= 6 && !memcmp(col[3], "person", 6)) {
			t->person[t->n - 1] = 1;
		}
	}
	return st;
}

/* Loads the table file name of data/ into t as entries of kind: columns
 * name, other names, then per kind: adjectives and flags (countries), shared
 * abbreviations and committee (treaties). */
static hri_status
xtable_load(xtable *t, int kind, const char *name, char *err, size_t errsz)
{
	char path[4096];
	struct xtable_load_ctx x = {t, kind};
	hri_status st = hri_data_path(name, path, sizeof path);

	if (st) {
		snprintf(err, errsz, "%s: table not found", path);
		return st;
	}
	return hri_file_table_lines(path, xtable_line, &x,
	                         "a name already given to another entry", err,
	                         errsz);
}

/* Adds one line of data/iso3.tsv ("USA<TAB>United States of America") to
 * ex: the name must be a State of countries.tsv. */
static hri_status
iso3_line(const char *p, size_t len, int lineno, void *ud)
{
	hri_extractor *ex = ud;
	const char *tab = memchr(p, '\t', len), *name;
	iso3 *grown;

	(void)lineno;
	if (!tab || tab - p != 3)
		return HRI_ERR_FORMAT;
	name = hri_extract_state(ex, tab + 1, len - 4);
	if (!name || strlen(name) != len - 4 || memcmp(name, tab + 1, len - 4))
		return HRI_ERR_FORMAT;
	grown = realloc(ex->codes, (ex->ncodes + 1) * sizeof *ex->codes);
	if (!grown)
		return HRI_ERR_NOMEM;
	ex->codes = grown;
	memcpy(ex->codes[ex->ncodes].code, p, 3);
	ex->codes[ex->ncodes].code[3] = '\0';
	ex->codes[ex->ncodes].name = name;
	ex->ncodes++;
	return HRI_OK;
}

/* ---- the extractor ---- */

/* Checks that the model at path gives only labels of data/labels.tsv: a
 * label renamed in the table and not in the model would never be found. */
static hri_status
check_model(const hri_extractor *ex, const char *path, char *err,
            size_t errsz)
{
	static const char *const sets[][2] = {
		{"issues", "issue"}, {"themes", "theme"}, {"affected", "affected"}};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		const char *bad = hri_classifier_unknown(ex->model, sets[i][0],
		                                         ex->labels, sets[i][1]);
		if (bad) {
			snprintf(err, errsz, "%s: %s label \"%s\" is not in labels.tsv "
			         "(make model)", path, sets[i][0], bad);
			return HRI_ERR_FORMAT;
		}
	}
	return HRI_OK;
}

hri_status
hri_extractor_new(hri_extractor **out, char *err, size_t errsz)
{
	hri_status st;
	char path[4096];
	*out = NULL;
	hri_extractor *ex = calloc(1, sizeof *ex);
	if (!ex)
		return HRI_ERR_NOMEM;
	st = hri_x_labels_new(&ex->shared);
	if (!st)
		st = hri_gaz_new(0, &ex->names.gaz);
	if (!st)
		st = xtable_load(&ex->names, KIND_COUNTRY, "countries.tsv", err,
		                 errsz);
	if (!st)
		st = xtable_load(&ex->names, KIND_ORG, "organizations.tsv", err,
		                 errsz);
	if (!st)
		st = xtable_load(&ex->names, KIND_TREATY, "treaties.tsv", err,
		                 errsz);
	if (!st)
		st = xtable_cues(&ex->names);
	if (!st)
		st = hri_gaz_compile(ex->names.gaz, err, errsz);
	if (!st) {
		st = hri_data_path("iso3.tsv", path, sizeof path);
		if (st)
			snprintf(err, errsz, "%s: table not found", path);
		else
			st = hri_file_table_lines(path, iso3_line, ex,
			                          "not a code, a tab and a State's UN "
			                          "short name of countries.tsv",
			                          err, errsz);
	}
	if (!st)
		st = hri_cite_rules_new(&ex->cite, err, errsz);
	if (!st)
		st = hri_instrument_rules_new(&ex->instrument, err, errsz);
	if (!st)
		st = hri_person_rules_new(&ex->person, err, errsz);
	if (!st)
		st = hri_date_rules_new(&ex->date, err, errsz);
	if (!st)
		st = hri_x_compile(
			"\\G,?\\s+(?:has\\s+|had\\s+|also\\s+|further\\s+|,\\s+in\\s+its\\s+)*"
			"(?:recommend|urge|note|express|welcome|encourage|call"
			"|request|regret|reiterat|observ|consider|stat|remain"
			"|was\\s+concerned|is\\s+concerned|expressed|in\\s+its)",
			0, &ex->verb, err, errsz);
	if (st)
		goto out;
	st = hri_data_path("taxonomy.tsv", path, sizeof path);
	if (st) {
		snprintf(err, errsz, "%s: table not found", path);
		goto out;
	}
	st = hri_labels_load(NULL, &ex->labels, err, errsz);
	if (st)
		goto out;
	st = hri_taxonomy_new(path, ex->labels, &ex->taxonomy, err, errsz);
	if (st)
		goto out;
	st = hri_data_path("classifier.model", path, sizeof path);
	if (st) {
		snprintf(err, errsz, "%s: model not found", path);
		goto out;
	}
	st = hri_classifier_load(path, &ex->model, err, errsz);
	if (!st)
		st = check_model(ex, path, err, errsz);
	if (st)
		goto out;
	*out = ex;
	ex = NULL;
out:
	hri_extractor_free(ex);
	return st;
}

void
hri_extractor_free(hri_extractor *ex)
{
	if (!ex)
		return;
	xtable_fini(&ex->names);
	free(ex->codes);
	hri_cite_rules_free(ex->cite);
	hri_instrument_rules_free(ex->instrument);
	hri_person_rules_free(ex->person);
	hri_date_rules_free(ex->date);
	hri_taxonomy_free(ex->taxonomy);
	hri_labels_free(ex->labels);
	hri_classifier_free(ex->model);
	pcre2_code_free(ex->verb);
	hri_x_labels_free(ex->shared);
	free(ex);
}

/* Returns the canonical name of the entry of kind that name (len bytes,
 * trimmed, "the " dropped) names, or NULL. */
static const char *
lookup(const hri_extractor *ex, const char *name, size_t len, int kind)
{
	while (len && (*name == ' ' || *name == '\t')) {
		name++;
		len--;
	}
	while (len && strchr(" \t.,;:", name[len - 1]))
		len--;
	if (len > 4 && (!memcmp(name, "the ", 4) || !memcmp(name, "The ", 4))) {
		name += 4;
		len -= 4;
	}
	if (!len)
		return NULL;
	int id = hri_gaz_lookup(ex->names.gaz, name, len);
	if (id < 0 || (size_t)id >= ex->names.nphr)
		return NULL;
	int entry = ex->names.phrase_entry[id];
	if (entry < 0 || ex->names.kind[entry] != kind)
		return NULL;
	return ex->names.names[entry];
}

const char *
hri_extract_state(const hri_extractor *ex, const char *name, size_t len)
{
	return lookup(ex, name, len, KIND_COUNTRY);
}

const char *
hri_extract_org(const hri_extractor *ex, const char *name, size_t len)
{
	return lookup(ex, name, len, KIND_ORG);
}

const char *
hri_extract_state_code(const hri_extractor *ex, const char *code)
{
	size_t i;

	for (i = 0; code && i < ex->ncodes; i++)
		if (strcmp(ex->codes[i].code, code) == 0)
			return ex->codes[i].name;
	return NULL;
}

/* ---- documents ---- */

hri_status
hri_extract_doc_new(const hri_extractor *ex, const char *doc_symbol,
                    const char *doc_body, hri_extract_doc **out)
{
	*out = NULL;
	hri_extract_doc *d = calloc(1, sizeof *d);
	if (!d)
		return HRI_ERR_NOMEM;
	d->ex = ex;
	if (doc_symbol) {
		char norm[HRI_SYMBOL_MAX];
		d->symbol = strdup(hri_symbol_normalize(doc_symbol,
		                                        strlen(doc_symbol), norm,
		                                        sizeof norm) ?
		                   doc_symbol : norm);
	}
	if (doc_body)
		d->body = strdup(doc_body);
	if ((doc_symbol && !d->symbol) || (doc_body && !d->body) ||
	    hri_x_match_init(&d->m)) {
		hri_extract_doc_free(d);
		return HRI_ERR_NOMEM;
	}
	d->m.labels = ex->shared;
	*out = d;
	return HRI_OK;
}

void
hri_extract_doc_free(hri_extract_doc *d)
{
	if (!d)
		return;
	hri_x_match_fini(&d->m);
	for (int i = 0; i < F_N; i++) {
		json_decref(d->held[i]);
		hri_x_list_free(&d->list[i]);
	}
	json_decref(d->held[F_EXPLAIN]);
	free(d->symbol);
	free(d->body);
	free(d);
}

void
hri_extract_doc_set_explain(hri_extract_doc *d, int on)
{
	d->explain = on;
}

/* What the gazetteer callback needs. */
typedef struct scan_ctx {
	hri_extract_doc *d;
	const xtable *t;
	const char *text;
	size_t len;
	hri_x_list *out[3]; /* countries, organizations, treaties (KIND_*) */
	int cues;          /* CUE_* bits met */
	hri_status st;
} scan_ctx;

/* Returns nonzero when the name at [s, e) of text is used as a given name:
 * after a title, or before a capitalised word ("Chad Smith"). */
static int
used_as_given_name(const char *text, size_t len, size_t s, size_t e)
{
	static const char *const titles[] = {"Mr. ", "Ms. ", "Mrs. ", "Dr. ",
	                                     "Mr ", "Ms ", "Mrs ", "Dr "};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		size_t n = strlen(titles[i]);
		if (s >= n && !memcmp(text + s - n, titles[i], n))
			return 1;
	}
	return e + 1 < len && text[e] == ' ' && text[e + 1] >= 'A' &&
	       text[e + 1] <= 'Z';
}

/* The gazetteer callback of a table scan: appends the entry's name. */
static int
on_name(void *ud, int id, size_t s, size_t e)
{
	scan_ctx *c = ud;
	const xtable *t = c->t;
	if (id < 0 || (size_t)id >= t->nphr)
		return 0;
	int entry = t->phrase_entry[id];
	c->cues |= t->phrase_cue[id];
	if (entry < 0)
		return 0;
	/* "CEDAW" in "CEDAW/C/BRB/CO/5-8" is part of a document symbol. */
	if ((e < c->len && c->text[e] == '/') || (s > 0 && c->text[s - 1] == '/'))
		return 0;
	c->cues |= t->cue[entry];
	/* A date inside a name: "Geneva Conventions of 12 August 1949". */
	for (size_t i = s; i < e; i++)
		if (c->text[i] >= '0' && c->text[i] <= '9')
			c->cues |= CUE_DATE;
	if (t->person[entry] && used_as_given_name(c->text, c->len, s, e))
		return 0;
	const char *name = t->names[entry];
	hri_x_list *out = c->out[t->kind[entry]];
	if (t->phrase_tag[id] == TAG_SHARED && t->extra[entry]) {
		/* "CRC recommended ..." is the Committee, not the Convention. */
		int rc = pcre2_match(c->d->ex->verb, (PCRE2_SPTR)c->text, c->len, e,
		                     PCRE2_NO_UTF_CHECK, c->d->m.md, c->d->m.mc);
		if (rc >= 0) {
			name = t->extra[entry];
			out = c->out[KIND_ORG];
		}
	}
	c->st = hri_x_push_label(c->d->m.labels, out, name, strlen(name));
	return c->st != HRI_OK;
}

/* Scans text for the names of ex into the countries, organizations and
 * treaties arrays. */
static hri_status
scan_names(hri_extract_doc *d, const char *text, size_t len,
           hri_x_list *countries, hri_x_list *orgs, hri_x_list *treaties,
           int *cues_met)
{
	scan_ctx c = {d, &d->ex->names, text, len, {countries, orgs, treaties}, 0,
	              HRI_OK};
	hri_status st = hri_gaz_scan_words(c.t->gaz, text, len, &d->m.words,
	                                   d->m.md, d->m.mc, on_name, &c);
	*cues_met = c.cues;
	return st ? st : c.st;
}

/* Removes from persons the names that are States ("Sierra Leone" after a
 * post and a comma). */
static hri_status
drop_states(const hri_extractor *ex, json_t *persons)
{
	size_t i = 0;
	while (i < json_array_size(persons)) {
		json_t *v = json_array_get(persons, i);
		if (hri_extract_state(ex, json_string_value(v),
		                      json_string_length(v))) {
			if (json_array_remove(persons, i))
				return HRI_ERR_INTERNAL;
		} else {
			i++;
		}
	}
	return HRI_OK;
}

/* What sdg_link() needs: the arrays and the theme linked from. */
struct link_ctx {
	hri_x_labels *shared;
	hri_x_list *sdgs;
	json_t *explain;
	const char *theme;
	hri_status st;
};

/* hri_labels_links()'s callback: gives a theme's SDG goal. */
static void
sdg_link(const char *field, const char *value, void *ud)
{
	struct link_ctx *x = ud;
	if (x->st || strcmp(field, "sdg"))
		return;
	size_t before = x->sdgs->n;
	x->st = hri_x_push_label(x->shared, x->sdgs, value, strlen(value));
	if (!x->st && x->explain && x->sdgs->n > before) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "field", "sdgs",
		                      "value", value, "rule", "labels.tsv",
		                      "match", x->theme);
		if (!o || json_array_append_new(x->explain, o))
			x->st = HRI_ERR_NOMEM;
	}
}

/* Gives a UPR recommendation the affected group "Public officials". */
static hri_status
give_public_officials(hri_x_labels *shared, hri_x_list *affected,
                      json_t *explain)
{
	static const char po[] = "Public officials";
	hri_status st = hri_x_push_label(shared, affected, po, sizeof po - 1);
	if (!st && explain) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "field", "affected",
		                      "value", po, "rule", "every UPR recommendation",
		                      "match", "");
		if (!o || json_array_append_new(explain, o))
			st = HRI_ERR_NOMEM;
	}
	return st;
}

/* What keep_sdg() needs: the table and the theme's slot. */
struct keep_ctx {
	hri_x_labels *lt;
	long k;
};

/* hri_labels_links()'s callback: keeps a theme's SDG goal in its slot. */
static void
keep_sdg(const char *field, const char *value, void *ud)
{
	struct keep_ctx *x = ud;
	if (strcmp(field, "sdg") || x->lt->slot[x->k].sdg_read == 2)
		return;
	json_t *v = label_value(x->lt, value, strlen(value));
	if (!v || x->lt->slot[x->k].nsdg == SDG_LINKS) {
		x->lt->slot[x->k].sdg_read = 2;
		return;
	}
	x->lt->slot[x->k].sdg[x->lt->slot[x->k].nsdg++] = v;
}

/* Returns the slot of lt that holds the SDG goals the theme of len bytes
 * at name links to, read from the labels l when first asked, or -1 when
 * they cannot be kept there. */
static long
theme_sdgs(const hri_labels *l, hri_x_labels *lt, const char *name,
           size_t len)
{
	struct keep_ctx x = {lt, label_slot(lt, name, len)};
	if (x.k < 0)
		return -1;
	if (!lt->slot[x.k].sdg_read) {
		lt->slot[x.k].sdg_read = 1;
		hri_labels_links(l, "theme", name, keep_sdg, &x);
	}
	return lt->slot[x.k].sdg_read == 1 ? x.k : -1;
}

/* Adds to sdgs the goals data/labels.tsv links each theme to, as OHCHR's
 * lists do ("Right to education" is Goal 4). */
static hri_status
link_sdgs(const hri_extractor *ex, const hri_x_list *themes, hri_x_list *sdgs,
          json_t *explain)
{
	struct link_ctx x = {ex->shared, sdgs, explain, NULL, HRI_OK};
	for (size_t i = 0; i < themes->n; i++) {
		x.theme = themes->item[i].s;
		long k = theme_sdgs(ex->labels, ex->shared, x.theme,
		                    themes->item[i].len);
		if (k < 0) {
			hri_labels_links(ex->labels, "theme", x.theme, sdg_link, &x);
		} else {
			for (size_t j = 0; j < ex->shared->slot[k].nsdg && !x.st; j++)
				sdg_link("sdg", json_string_value(
				         ex->shared->slot[k].sdg[j]), &x);
		}
		if (x.st)
			break;
	}
	return x.st;
}

/* Makes *arr an empty array: the one it holds emptied, or a new one. */
static hri_status
held_empty(json_t **arr)
{
	if (*arr)
		return json_array_clear(*arr) ? HRI_ERR_NOMEM : HRI_OK;
	*arr = json_array();
	return *arr ? HRI_OK : HRI_ERR_NOMEM;
}

hri_status
hri_extract_find(hri_extract_doc *d, const json_t *seg, const char *context)
{
	const hri_extractor *ex = d->ex;
	json_t **arr = d->held;
	hri_x_list *list = d->list;
	json_t *explain = NULL;
	hri_status st = HRI_OK;
	if (!json_is_object(seg))
		return HRI_ERR_INVALID;
	d->found = 0;
	for (int i = 0; i < F_N && !st; i++) {
		if (IS_LABELS(i))
			hri_x_list_clear(&list[i]);
		else
			st = held_empty(&arr[i]);
	}
	if (!st && d->explain) {
		st = held_empty(&d->held[F_EXPLAIN]);
		explain = d->held[F_EXPLAIN];
	}
	if (st)
		return st;
	d->found = 1;
	json_t *jt = json_object_get(seg, "text");
	const char *text = json_string_value(jt);
	if (!text)
		return HRI_OK;
	size_t len = json_string_length(jt);
	if (len > HRI_SEGMENT_TEXT_MAX)
		return HRI_ERR_TOO_BIG;
	const char *kind = hri_json_str(seg, "kind");
	int cues_met = 0;
	/* the words of the text, read once for the names and the taxonomy */
	st = hri_gaz_words_read(&d->m.words, text, len);
	if (!st)
		st = scan_names(d, text, len, &list[F_COUNTRIES], &list[F_ORGS],
		                &list[F_TREATIES], &cues_met);
	if (!st)
		st = hri_cite_scan(ex->cite, &d->m, text, len, d->symbol, d->last,
		                   arr[F_CITES]);
	if (!st && (cues_met & CUE_INSTR))
		st = hri_instrument_scan(ex->instrument, &d->m, text, len, d->body,
		                         arr[F_INSTR]);
	if (!st && (cues_met & CUE_PERSON))
		st = hri_person_scan(ex->person, &d->m, text, len, arr[F_PERSONS]);
	if (!st)
		st = drop_states(ex, arr[F_PERSONS]);
	if (!st && (cues_met & CUE_DATE))
		st = hri_date_scan(ex->date, &d->m, text, len, arr[F_DATES]);
	/* A concluding observation's subject line ("Death penalty") speaks
	 * for the concern and recommendations under it. */
	if (!st && context && strlen(context) <= HRI_SEGMENT_TEXT_MAX)
		st = hri_taxonomy_scan(ex->taxonomy, &d->m, context, strlen(context),
		                       NULL, &list[F_THEMES], &list[F_SDGS],
		                       &list[F_AFFECTED], explain);
	if (!st)
		st = hri_taxonomy_scan(ex->taxonomy, &d->m, text, len, &d->m.words,
		                       &list[F_THEMES], &list[F_SDGS],
		                       &list[F_AFFECTED], explain);
	/* The model learned from UPR recommendations: it gives themes and
	 * affected persons to every recommendation (a treaty body's or a
	 * special procedure's reads as a UPR one does: "The State party
	 * should ratify ..."), UPR-info's issues only to a UPR recommendation
	 * (one carrying its recommending States), which alone UPR-info
	 * labels. */
	if (!st && kind && !strcmp(kind, "recommendation")) {
		static const char *const sets[] = {"themes", "affected", "issues"};
		hri_x_list *const outs[] = {&list[F_THEMES], &list[F_AFFECTED],
		                            &list[F_ISSUES]};
		int upr = json_object_get(seg, "recommending") != NULL;
		/* OHCHR's current (2025) lists give every UPR recommendation the
		 * group that must act on it: the State's officials. */
		if (upr)
			st = give_public_officials(ex->shared, &list[F_AFFECTED],
			                           explain);
		if (!st)
			st = hri_classifier_scan(ex->model, ex->shared, text, len, sets,
			                         outs, upr ? 3 : 2, explain);
	}
	if (!st)
		st = link_sdgs(ex, &list[F_THEMES], &list[F_SDGS], explain);
	return st;
}

hri_status
hri_extract_attach(hri_extract_doc *d, json_t *seg)
{
	hri_status st = HRI_OK;
	if (!d->found)
		return HRI_OK;
	d->found = 0;
	for (int i = 0; i <= F_EXPLAIN; i++) {
		json_t *arr = d->held[i];
		if (i == F_EXPLAIN && !d->explain)
			break;
		if (IS_LABELS(i)) {
			arr = hri_x_list_json(&d->list[i]);
			if (!arr) {
				st = HRI_ERR_NOMEM;
				continue;
			}
		}
		if (!arr)
			continue;
		/* given away: the next segment's are new */
		d->held[i] = NULL;
		if (json_object_set_new_nocheck(seg, fields[i].name, arr))
			st = HRI_ERR_NOMEM;
	}
	return st;
}

hri_status
hri_extract_write(const hri_extract_doc *d, hri_jsonl_out *w)
{
	if (!d->found)
		return HRI_ERR_INVALID;
	for (int i = 0; i <= F_EXPLAIN; i++) {
		const json_t *arr = d->held[i];
		if (i == F_EXPLAIN && !d->explain)
			break;
		hri_jsonl_out_raw(w, fields[i].key + !i, fields[i].keylen - !i);
		if (IS_LABELS(i))
			hri_x_list_write(&d->list[i], w);
		else if (json_array_size(arr) == 0)
			hri_jsonl_out_raw(w, "[]", 2);
		else if (hri_jsonl_out_value(w, arr))
			return HRI_ERR_INVALID;
	}
	return HRI_OK;
}

hri_status
hri_extract_segment(hri_extract_doc *d, json_t *seg)
{
	return hri_extract_segment_context(d, seg, NULL);
}

hri_status
hri_extract_segment_context(hri_extract_doc *d, json_t *seg,
                            const char *context)
{
	hri_status st = hri_extract_find(d, seg, context);
	/* what was found, even when the text could not be read through (too
	 * long, no memory), as the arrays were set before the scans */
	if (st != HRI_ERR_INVALID) {
		hri_status ast = hri_extract_attach(d, seg);
		if (!st)
			st = ast;
	}
	return st;
}

json_t *
hri_extract_text(const hri_extractor *ex, const char *text, size_t len,
                 const char *doc_symbol, const char *doc_body)
{
	hri_extract_doc *d = NULL;
	json_t *seg = json_object();
	if (!seg || hri_json_set_strn(seg, "text", text, len) ||
	    hri_json_set_str(seg, "kind", "paragraph") ||
	    hri_extract_doc_new(ex, doc_symbol, doc_body, &d) ||
	    hri_extract_segment(d, seg)) {
		json_decref(seg);
		seg = NULL;
	}
	hri_extract_doc_free(d);
	return seg;
}

hri_status
hri_extract_paragraphs(const hri_extractor *ex, const char *text, size_t len,
                       const char *doc_symbol, const char *doc_body,
                       void (*fn)(json_t *seg, void *ud), void *ud,
                       size_t *paragraphs)
{
	hri_extract_doc *d = NULL;
	char *buf = NULL;
	size_t count = 0;
	hri_status st = hri_extract_doc_new(ex, doc_symbol, doc_body, &d);
	if (st)
		goto out;
	buf = malloc(len + 1);
	if (!buf) {
		st = HRI_ERR_NOMEM;
		goto out;
	}
	size_t pos = 0;
	while (pos < len) {
		/* One paragraph: up to a blank line, its lines joined. */
		size_t n = 0;
		while (pos < len) {
			const char *nl = memchr(text + pos, '\n', len - pos);
			size_t end = nl ? (size_t)(nl - text) : len;
			size_t b = pos, e = end;
			while (b < e && (text[b] == ' ' || text[b] == '\t' ||
			                 text[b] == '\r'))
				b++;
			while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' ||
			                 text[e - 1] == '\r'))
				e--;
			pos = nl ? end + 1 : len;
			if (b == e) {
				if (n)
					break;
				continue;
			}
			if (n)
				buf[n++] = ' ';
			memcpy(buf + n, text + b, e - b);
			n += e - b;
		}
		if (!n)
			continue;
		json_t *seg = json_object();
		json_t *str = json_stringn(buf, n);
		if (!seg || !str || json_object_set_new_nocheck(seg, "text", str) ||
		    hri_json_set_str(seg, "kind", "paragraph")) {
			st = seg && !str ? HRI_ERR_INVALID : HRI_ERR_NOMEM;
			json_decref(seg);
			goto out;
		}
		st = hri_extract_segment(d, seg);
		if (!st && fn)
			fn(seg, ud);
		json_decref(seg);
		if (st)
			goto out;
		count++;
	}
out:
	if (paragraphs)
		*paragraphs = count;
	free(buf);
	hri_extract_doc_free(d);
	return st;
}
