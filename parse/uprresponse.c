/* uprresponse.c - positions on UPR recommendations from the State's response
 * (the Working Group report's addendum). Each text of the response is read
 * for three things: the lists of numbers after "accepts the
 * recommendations" or "notes recommendations", the paragraph of the report
 * those numbers follow, and the totals it states ("accepts 142
 * recommendations"), which only check the lists. Precision first: numbers
 * with no paragraph to hang on, or listed under both positions, settle
 * nothing, and a note says so. */
#include "uprresponse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "jsonl.h"
#include "symbol.h"

/* Dashes a range may be written with: hyphen, the Unicode hyphens and
 * dashes U+2010..U+2015, minus sign. */
#define DASH "[-\\x{2010}-\\x{2015}\\x{2212}]"
/* What joins the ends of a range: a dash, spaces allowed around it
 * ("14– 16"), or "to". */
#define TO "(?:\\s*" DASH "\\s*|\\s+to\\s+)"
/* A recommendation number, bare ("14") or in full ("115.14"). */
#define NUM "[0-9]{1,4}(?:\\.[0-9]{1,4})?"
/* A number or a range, spaces allowed around the dash ("14– 16"). */
#define ITEM NUM "(?:" TO NUM ")?"
/* Between items: a comma, a semicolon, "and", ", and", "&". */
#define SEP "\\s*(?:,\\s*and\\b|,|;|\\band\\b|&)\\s*"

/* A position and the list it applies to. "does not accept" and "cannot
 * support" are the State declining: noted, as OHCHR records them;
 * "partially accepts" settles nothing. */
static const char statement_pattern[] =
	"(?:\\b(?<neg>not|cannot|can\\s+not)\\s+)?"
	"(?:\\b(?<partial>partially|partly)\\s+)?"
	"\\b(?<verb>accept(?:s|ed)?|support(?:s|ed)?|note(?:s|d)?"
	"|take(?:s|n)?\\s+note\\s+of|took\\s+note\\s+of)"
	"\\s+(?:(?:the|these|following)\\s+)*recommendations?"
	"\\s*(?:(?:nos?|numbers?)\\.?\\s*)?:?\\s*"
	"(?<list>" ITEM "(?:" SEP ITEM ")*)"
	"(?![0-9])";

/* A total the response states: "accepts 142 recommendations", "notes 21
 * recommendations", "contains 163 recommendations". */
static const char total_pattern[] =
	"\\b(?<tverb>accept(?:s|ed)?|support(?:s|ed)?|note(?:s|d)?|contains"
	"|received)\\s+(?<n>[0-9]{1,4})\\s+recommendations\\b";

/* The paragraph of the report the numbers follow: "The serial numbers of
 * recommendations follow the list in paragraph 115 of the Report", "the
 * recommendations contained in paragraph 89". */
static const char para_pattern[] =
	"\\brecommendations\\b[^.]{0,200}?\\bparagraph\\s+(?<para>[0-9]{1,4})\\b";

/* One item of a list, for the number scanner. */
static const char item_pattern[] =
	"(?<a>" NUM ")(?:" TO "(?<b>" NUM "))?";

struct hri_uprresp {
	pcre2_code *statement; /* statement_pattern */
	pcre2_code *total;     /* total_pattern */
	pcre2_code *para;      /* para_pattern */
	pcre2_code *item;      /* item_pattern */
};

#define MAX_SETTLED 4096 /* recommendations one response may settle */
#define MAX_NOTES 64      /* notes kept on one response; later ones dropped */

enum { POS_SUPPORTED = 1, POS_NOTED = 2 };

/* What the response says about one recommendation. */
struct settled {
	int para;       /* paragraph of the report, 0 when the list gave none */
	int num;        /* number within it */
	unsigned mask;  /* POS_SUPPORTED | POS_NOTED */
	long src_para;  /* paragraph of the response that first said it, -1 */
};

/* The reading of one response. */
struct reading {
	struct settled *s; /* n of them */
	size_t n;
	int named_para;    /* the paragraph the response names, 0 none, -1
	                      several different ones */
	long total[3];     /* stated totals: all, supported, noted; -1 none */
	json_t *notes;     /* strings */
	int full;          /* MAX_SETTLED reached, later numbers dropped */
};

hri_status
hri_uprresp_new(hri_uprresp **out, char *err, size_t errsz)
{
	hri_uprresp *r;
	hri_status st;

	*out = NULL;
	r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(err, errsz, "%s", hri_status_str(HRI_ERR_NOMEM));
		return HRI_ERR_NOMEM;
	}
	st = hri_x_compile(statement_pattern, PCRE2_CASELESS, &r->statement,
	                   err, errsz);
	if (st)
		goto out;
	st = hri_x_compile(total_pattern, PCRE2_CASELESS, &r->total, err, errsz);
	if (st)
		goto out;
	st = hri_x_compile(para_pattern, PCRE2_CASELESS, &r->para, err, errsz);
	if (st)
		goto out;
	st = hri_x_compile(item_pattern, 0, &r->item, err, errsz);
	if (st)
		goto out;
	*out = r;
	r = NULL;
out:
	hri_uprresp_free(r);
	return st;
}

void
hri_uprresp_free(hri_uprresp *r)
{
	if (!r)
		return;
	pcre2_code_free(r->statement);
	pcre2_code_free(r->total);
	pcre2_code_free(r->para);
	pcre2_code_free(r->item);
	free(r);
}

/* Appends a note made with fmt; HRI_ERR_NOMEM on failure. */
static hri_status
note(struct reading *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static hri_status
note(struct reading *rd, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (json_array_size(rd->notes) >= MAX_NOTES)
		return HRI_OK;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return json_array_append_new(rd->notes, json_string(buf)) ? HRI_ERR_NOMEM
	                                                          : HRI_OK;
}

/* Parses a number "14" or "115.14" of len bytes at s into *para (0 when
 * bare) and *num; returns -1 when it is out of range. */
static int
parse_num(const char *s, size_t len, int *para, int *num)
{
	int a = 0, b = -1;
	size_t i;

	for (i = 0; i < len && s[i] != '.'; i++)
		a = a * 10 + (s[i] - '0');
	if (i < len) {
		b = 0;
		for (i++; i < len; i++)
			b = b * 10 + (s[i] - '0');
	}
	*para = b < 0 ? 0 : a;
	*num = b < 0 ? a : b;
	return *num >= 1 && *num <= HRI_UPRRESP_MAX_LABEL ? 0 : -1;
}

/* Records that recommendation (para, num) has position pos, said in the
 * response's paragraph src_para. */
static hri_status
settle(struct reading *rd, int para, int num, unsigned pos, long src_para)
{
	struct settled *e;
	size_t i;

	for (i = 0; i < rd->n; i++) {
		if (rd->s[i].para == para && rd->s[i].num == num) {
			rd->s[i].mask |= pos;
			return HRI_OK;
		}
	}
	if (rd->n == MAX_SETTLED) {
		rd->full = 1;
		return HRI_OK;
	}
	if (!rd->s) {
		rd->s = calloc(MAX_SETTLED, sizeof *rd->s);
		if (!rd->s)
			return HRI_ERR_NOMEM;
	}
	e = &rd->s[rd->n++];
	e->para = para;
	e->num = num;
	e->mask = pos;
	e->src_para = src_para;
	return HRI_OK;
}

/* Expands the list of len bytes at s ("1–5, 14– 16, 161") into settle()
 * calls of position pos. A malformed range is noted and skipped. */
static hri_status
read_list(const hri_uprresp *r, pcre2_match_data *md, struct reading *rd,
          const char *s, size_t len, unsigned pos, long src_para)
{
	PCRE2_SIZE at = 0;
	const char *a, *b;
	size_t alen, blen;
	int pa, na, pb, nb, n, rc;
	hri_status st;

	for (;;) {
		rc = pcre2_match(r->item, (PCRE2_SPTR)s, len, at, 0, md, NULL);
		if (rc < 0)
			return HRI_OK;
		at = pcre2_get_ovector_pointer(md)[1];
		hri_x_group(md, s, 1, &a, &alen);
		if (parse_num(a, alen, &pa, &na)) {
			st = note(rd, "recommendation number %.*s out of range, "
			              "skipped", (int)alen, a);
			if (st)
				return st;
			continue;
		}
		pb = pa;
		nb = na;
		if (hri_x_group(md, s, 2, &b, &blen)) {
			if (parse_num(b, blen, &pb, &nb) || (pb && pb != pa) ||
			    nb < na) {
				st = note(rd, "range %.*s%.*s not understood, skipped",
				          (int)alen, a, (int)(b + blen - (a + alen)),
				          a + alen);
				if (st)
					return st;
				continue;
			}
		}
		for (n = na; n <= nb; n++) {
			st = settle(rd, pa, n, pos, src_para);
			if (st)
				return st;
		}
	}
}

/* Returns the position a verb of statement_pattern gives: "notes", "takes
 * note of" give noted, "accepts", "supports" supported. */
static unsigned
verb_position(const char *v)
{
	return (v[0] == 'n' || v[0] == 'N' || v[0] == 't' || v[0] == 'T')
	           ? POS_NOTED
	           : POS_SUPPORTED;
}

/* Returns the slot of rd->total a verb of total_pattern fills: 0 for the
 * report's whole ("contains", "received"), 2 noted, 1 supported. */
static int
total_slot(const char *v)
{
	if (v[0] == 'c' || v[0] == 'C' || v[0] == 'r' || v[0] == 'R')
		return 0;
	return (v[0] == 'n' || v[0] == 'N') ? 2 : 1;
}

/* Reads the statements, totals and paragraph references of one text. */
static hri_status
read_text(const hri_uprresp *r, pcre2_match_data *md, struct reading *rd,
          const char *text, long src_para)
{
	size_t len = strlen(text);
	PCRE2_SIZE at = 0, *ov;
	const char *v, *l, *w, *num;
	size_t vlen, llen, wlen, numlen;
	unsigned pos;
	long n;
	int rc;
	hri_status st;

	for (;;) {
		rc = pcre2_match(r->statement, (PCRE2_SPTR)text, len, at, 0, md,
		                 NULL);
		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(md);
		at = ov[1];
		hri_x_group(md, text, 3, &v, &vlen);
		hri_x_group(md, text, 4, &l, &llen);
		if (hri_x_group(md, text, 2, &w, &wlen)) {
			st = note(rd, "recommendations %.*s accepted or noted only "
			              "in part; left unsettled", (int)llen, l);
			if (st)
				return st;
			continue;
		}
		pos = verb_position(v);
		if (hri_x_group(md, text, 1, &w, &wlen))
			pos = POS_NOTED; /* "does not accept" */
		st = read_list(r, md, rd, l, llen, pos, src_para);
		if (st)
			return st;
	}
	at = 0;
	for (;;) {
		rc = pcre2_match(r->total, (PCRE2_SPTR)text, len, at, 0, md, NULL);
		if (rc < 0)
			break;
		at = pcre2_get_ovector_pointer(md)[1];
		hri_x_group(md, text, 1, &v, &vlen);
		hri_x_group(md, text, 2, &num, &numlen);
		n = strtol(num, NULL, 10);
		rd->total[total_slot(v)] = n;
	}
	at = 0;
	for (;;) {
		rc = pcre2_match(r->para, (PCRE2_SPTR)text, len, at, 0, md, NULL);
		if (rc < 0)
			break;
		at = pcre2_get_ovector_pointer(md)[1];
		hri_x_group(md, text, 1, &num, &numlen);
		n = strtol(num, NULL, 10);
		if (rd->named_para == 0)
			rd->named_para = (int)n;
		else if (rd->named_para != n)
			rd->named_para = -1;
	}
	return HRI_OK;
}

/* Orders settled recommendations by paragraph, then number. */
static int
cmp_settled(const void *a, const void *b)
{
	const struct settled *x = a, *y = b;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	return (x->num > y->num) - (x->num < y->num);
}

/* Writes the parent report's symbol of the response sym ("A/HRC/28/15" for
 * "A/HRC/28/15/Add.1") into out; returns -1 when sym is no addendum. */
static int
parent_symbol(const char *sym, char out[HRI_SYMBOL_MAX])
{
	const char *slash = strrchr(sym, '/');
	size_t n;

	if (!slash || strncmp(slash, "/Add.", 5) != 0 || !slash[5])
		return -1;
	n = (size_t)(slash - sym);
	if (n == 0 || n >= HRI_SYMBOL_MAX)
		return -1;
	memcpy(out, sym, n);
	out[n] = '\0';
	return 0;
}

/* Turns the reading into position records in arr; notes conflicts and
 * totals that disagree. */
static hri_status
emit_positions(struct reading *rd, const char *report, const char *source,
               json_t *arr)
{
	long count[3] = {0, 0, 0}, unplaced = 0, both = 0;
	static const char *const name[] = {"", "supported", "noted"};
	char id[HRI_SYMBOL_MAX + 32], label[32];
	struct settled *e;
	json_t *rec;
	hri_status st;
	size_t i;
	int para;

	if (rd->n)
		qsort(rd->s, rd->n, sizeof *rd->s, cmp_settled);
	for (i = 0; i < rd->n; i++) {
		e = &rd->s[i];
		para = e->para ? e->para : rd->named_para;
		if (para <= 0) {
			unplaced++;
			continue;
		}
		if (e->mask == (POS_SUPPORTED | POS_NOTED)) {
			both++;
			st = note(rd, "%s#%d.%d listed both as supported and as noted;"
			              " left unsettled", report, para, e->num);
			if (st)
				return st;
			continue;
		}
		snprintf(label, sizeof label, "%d.%d", para, e->num);
		snprintf(id, sizeof id, "%s#%s", report, label);
		rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", "position",
		                "symbol", report, "id", id, "label", label,
		                "position", name[e->mask], "source", source);
		if (!rec)
			return HRI_ERR_NOMEM;
		if (json_object_set_new(rec, "source_para",
		                        e->src_para >= 0 ? json_integer(e->src_para)
		                                         : json_null()) ||
		    json_array_append_new(arr, rec))
			return HRI_ERR_NOMEM;
		count[e->mask]++;
	}
	if (unplaced) {
		st = note(rd, "%ld recommendation numbers without the paragraph of "
		              "%s they follow (%s); left unsettled",
		          unplaced, report,
		          rd->named_para < 0 ? "the response names several"
		                             : "the response names none");
		if (st)
			return st;
	}
	if (rd->full) {
		st = note(rd, "more than %d recommendations; the rest left "
		              "unsettled", MAX_SETTLED);
		if (st)
			return st;
	}
	/* The totals the response states check the lists. */
	for (i = 1; i < 3; i++) {
		if (rd->total[i] >= 0 && rd->total[i] != count[i]) {
			st = note(rd, "the response states %ld %s recommendations, "
			              "its lists give %ld", rd->total[i], name[i],
			          count[i]);
			if (st)
				return st;
		}
	}
	if (rd->total[0] >= 0 && (long)rd->n != rd->total[0]) {
		st = note(rd, "the report holds %ld recommendations, the response "
		              "lists %zu (%ld in both lists)", rd->total[0], rd->n,
		          both);
		if (st)
			return st;
	}
	return HRI_OK;
}

hri_status
hri_uprresp_read(const hri_uprresp *r, const json_t *doc, const json_t *segs,
                 json_t **positions, json_t **notes)
{
	struct reading rd = {0};
	pcre2_match_data *md = NULL;
	char report[HRI_SYMBOL_MAX];
	const char *sym, *doctype, *text, *kind, *title;
	const json_t *seg;
	json_t *arr = NULL;
	hri_status st = HRI_ERR_NOMEM;
	size_t i;

	*positions = NULL;
	*notes = NULL;
	rd.named_para = 0;
	rd.total[0] = rd.total[1] = rd.total[2] = -1;
	rd.notes = json_array();
	arr = json_array();
	md = pcre2_match_data_create(HRI_X_OVEC, NULL);
	if (!rd.notes || !arr || !md)
		goto out;
	sym = hri_json_str(doc, "symbol");
	doctype = hri_json_str(doc, "doctype");
	if (!sym || !doctype || strcmp(doctype, "upr-response") != 0 ||
	    parent_symbol(sym, report)) {
		st = HRI_OK;
		goto done;
	}
	json_array_foreach(segs, i, seg) {
		text = hri_json_str(seg, "text");
		if (!text)
			continue;
		/* the source of a position is the response's paragraph saying it */
		kind = hri_json_str(seg, "kind");
		st = read_text(r, md, &rd, text,
		               kind && strcmp(kind, "paragraph") == 0
		                   ? (long)hri_json_int(seg, "para", -1)
		                   : -1);
		if (st)
			goto out;
	}
	st = emit_positions(&rd, report, sym, arr);
	if (st)
		goto out;
	/* A response ("Views on conclusions and/or recommendations ...") that
	 * answers in prose, one recommendation at a time, says so. */
	title = hri_json_str(doc, "title");
	if (rd.n == 0 && title && strstr(title, "ecommendation")) {
		st = note(&rd, "no list of recommendation numbers with a position "
		               "(answers in prose are not read); no position "
		               "records");
		if (st)
			goto out;
	}
done:
	*positions = arr;
	*notes = rd.notes;
	arr = NULL;
	rd.notes = NULL;
out:
	pcre2_match_data_free(md);
	free(rd.s);
	json_decref(arr);
	json_decref(rd.notes);
	return st;
}
