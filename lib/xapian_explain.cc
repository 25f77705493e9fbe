/* xapian_explain.cc - why a query finds nothing, in the terms of the index
 * itself: a prefix the query language does not have ("foo:"), a filter
 * value no segment carries (country:Slovena) with the closest values the
 * index does hold (country:Slovenia, or the same name under another field:
 * theme:migrant -> affected:Migrants), a word no segment has. Everything
 * offered is read from the database and the field table, so nothing is
 * ever offered that would not match. */
#include "xapian_private.h"

#include <ctype.h>
#include <string.h>

#include <algorithm>

namespace hri {

namespace {

/* Terms of one field looked at for the closest values: a field of a
 * 200,000-segment index holds a few thousand (cites: the most). */
const size_t scan_max = 50000;

/* The query parser's operators, which are no words. */
const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ",
                                 NULL};

/* One piece of a query as typed: a word, a "phrase", or prefix:value. */
struct token {
	std::string text;   /* as typed, without a leading + or - */
	std::string prefix; /* before the colon, or "" */
	std::string value;  /* after it, unquoted */
};

/* Returns whether c may be part of a prefix name. */
bool
prefix_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Cuts query into tokens: brackets and the operators are dropped, a quoted
 * phrase is one token, so is prefix:"a value". */
std::vector<token>
tokens(const std::string &q)
{
	std::vector<token> out;
	size_t i = 0, n = q.size();

	while (i < n) {
		while (i < n && (isspace((unsigned char)q[i]) || q[i] == '(' ||
		                 q[i] == ')'))
			i++;
		if (i < n && (q[i] == '+' || q[i] == '-'))
			i++;
		if (i >= n)
			break;
		token t;
		size_t start = i;
		if (q[i] == '"') {
			size_t e = q.find('"', i + 1);
			e = e == std::string::npos ? n : e + 1;
			t.text = q.substr(start, e - start);
			i = e;
			out.push_back(t);
			continue;
		}
		size_t p = i;
		while (p < n && prefix_char(q[p]))
			p++;
		if (p > i && p + 1 < n && q[p] == ':' &&
		    !isspace((unsigned char)q[p + 1])) {
			t.prefix = q.substr(i, p - i);
			i = p + 1;
			if (q[i] == '"') {
				size_t e = q.find('"', i + 1);
				t.value = q.substr(i + 1, (e == std::string::npos ? n : e) -
				                              i - 1);
				i = e == std::string::npos ? n : e + 1;
			} else {
				size_t e = i;
				while (e < n && !isspace((unsigned char)q[e]) && q[e] != ')')
					e++;
				t.value = q.substr(i, e - i);
				i = e;
			}
		} else {
			while (i < n && !isspace((unsigned char)q[i]) && q[i] != '(' &&
			       q[i] != ')' && q[i] != '"')
				i++;
		}
		t.text = q.substr(start, i - start);
		bool op = false;
		for (const char *const *o = operators; *o; o++)
			if (t.text == *o || (t.text.compare(0, 5, "NEAR/") == 0) ||
			    (t.text.compare(0, 4, "ADJ/") == 0))
				op = true;
		if (!op && !t.text.empty())
			out.push_back(t);
	}
	return out;
}

/* Returns the field whose query prefix is name, or NULL; title: searches
 * the free text of titles and headings. */
const field *
field_of_prefix(const std::string &name)
{
	for (size_t i = 0; i < nfields; i++)
		if (fields[i].query && name == fields[i].query)
			return &fields[i];
	return NULL;
}

/* The edit distance between a and b, or limit + 1 when it is over limit
 * (cheap: the lengths alone often tell). */
size_t
distance(const std::string &a, const std::string &b, size_t limit)
{
	size_t la = a.size(), lb = b.size();

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	std::vector<size_t> prev(lb + 1), cur(lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
			best = std::min(best, cur[j]);
		}
		if (best > limit)
			return limit + 1;
		std::swap(prev, cur);
	}
	return prev[lb];
}

/* How close the folded value v is to the folded candidate c: lower is
 * closer; SIZE_MAX when not close at all. A few letters off
 * ("slovena"/"slovenia", "migrant"/"migrants") comes first, then v
 * starting a word of c ("migrant" in "migrant workers"). Candidates that
 * only share a word come after (near_in_field()). */
size_t
closeness(const std::string &v, const std::string &c)
{
	size_t limit = std::min<size_t>(3, std::max<size_t>(1, v.size() / 4));
	size_t d = distance(v, c, limit);

	if (d <= limit)
		return d;
	for (size_t p = c.find(v); p != std::string::npos; p = c.find(v, p + 1))
		if (p == 0 || !isalnum((unsigned char)c[p - 1]))
			return 10 + (c.size() - v.size()) / 8;
	return SIZE_MAX;
}

/* The words of the folded value v of four letters or more, cut to their
 * first five ("children" and "child" share "child"). */
std::vector<std::string>
stems(const std::string &v)
{
	std::vector<std::string> out;
	std::string w;

	for (size_t i = 0; i <= v.size(); i++) {
		if (i < v.size() && isalnum((unsigned char)v[i])) {
			w += v[i];
			continue;
		}
		if (w.size() >= 4)
			out.push_back(w.substr(0, 5));
		w.clear();
	}
	return out;
}

/* Returns whether the folded candidate c has a word starting with stem. */
bool
has_stem(const std::string &c, const std::string &stem)
{
	for (size_t p = c.find(stem); p != std::string::npos;
	     p = c.find(stem, p + 1))
		if (p == 0 || !isalnum((unsigned char)c[p - 1]))
			return true;
	return false;
}

/* Returns value as the index wrote it (its case), for a term of field f:
 * the facet slot of a segment carrying the term holds it. Falls back to
 * the folded value. */
std::string
as_written(Xapian::Database &db, const field &f, const std::string &term)
{
	std::string folded = term.substr(strlen(f.prefix));

	if (f.facet_slot < 0)
		return folded;
	Xapian::PostingIterator p = db.postlist_begin(term);
	if (p == db.postlist_end(term))
		return folded;
	std::string vals = db.get_document(*p).get_value(
		(Xapian::valueno)f.facet_slot);
	size_t s = 0;
	while (s <= vals.size()) {
		size_t e = vals.find('\n', s);
		if (e == std::string::npos)
			e = vals.size();
		std::string one = vals.substr(s, e - s);
		if (fold(one) == folded)
			return one;
		s = e + 1;
	}
	return folded;
}

/* Writes prefix:value in the query language: quoted when value holds
 * anything but letters, digits and - . / */
std::string
query_form(const char *prefix, const std::string &value)
{
	bool plain = !value.empty();

	for (char c : value)
		if (!isalnum((unsigned char)c) && c != '-' && c != '.' && c != '/' &&
		    !((unsigned char)c & 0x80))
			plain = false;
	return std::string(prefix) + ":" + (plain ? value : "\"" + value + "\"");
}

/* A value found near the one asked for. */
struct near_value {
	size_t score;      /* closeness() */
	std::string term;  /* with the field's prefix */
	const field *f;
};

/* Adds to out the values of field f closest to the folded value v, at
 * most keep of them, best first. */
void
near_in_field(Xapian::Database &db, const field &f, const std::string &v,
              size_t keep, std::vector<near_value> &out)
{
	std::vector<near_value> found, sharing;
	std::vector<std::string> vs = stems(v);
	std::vector<size_t> df(vs.size());
	size_t seen = 0, plen = strlen(f.prefix);

	for (Xapian::TermIterator t = db.allterms_begin(f.prefix);
	     t != db.allterms_end(f.prefix) && seen < scan_max; ++t, seen++) {
		std::string term = *t;
		/* "XC" is not "XCYC" (cycle): a prefix of capitals ends where
		 * the value, folded to lower case, starts */
		if (term.size() <= plen || (term[plen] >= 'A' && term[plen] <= 'Z'))
			continue;
		std::string c = term.substr(plen);
		size_t sc = closeness(v, c);
		if (sc != SIZE_MAX) {
			found.push_back({sc, term, &f});
			continue;
		}
		bool any = false;
		for (size_t i = 0; i < vs.size(); i++)
			if (has_stem(c, vs[i])) {
				df[i]++;
				any = true;
			}
		if (any)
			sharing.push_back({0, term, &f});
	}
	/* Sharing a word: the rarer the word among the values, the closer
	 * ("rights of the child": "child" in 4 themes, "right" in 20). */
	for (near_value &n : sharing) {
		size_t rarest = SIZE_MAX;
		for (size_t i = 0; i < vs.size(); i++)
			if (has_stem(n.term.substr(plen), vs[i]))
				rarest = std::min(rarest, df[i]);
		n.score = 100 + rarest;
		found.push_back(n);
	}
	std::stable_sort(found.begin(), found.end(),
	                 [](const near_value &a, const near_value &b) {
		                 return a.score < b.score;
	                 });
	for (size_t i = 0; i < found.size() && i < keep; i++)
		out.push_back(found[i]);
}

/* The fields that name the same kind of thing: a value missing from one
 * is looked for in the others (theme:Migrants is also affected:Migrants
 * and issue:Migrants). */
const char *const groups[][4] = {
	{"theme", "affected", "issue", NULL},
	{"country", "recommending", "state_under_review", NULL},
	{"body", "organization", NULL, NULL},
};

/* Fills w's near values for the folded value v, which field f lacks. */
void
near_values(Xapian::Database &db, const field &f, const std::string &v,
            hri_why &w)
{
	std::vector<near_value> near;

	near_in_field(db, f, v, HRI_WHY_NEAR, near);
	/* the same name, or nearly, under a field of its group */
	for (const auto &g : groups) {
		bool in = false;
		for (const char *const *n = g; *n; n++)
			in = in || strcmp(*n, f.name) == 0;
		for (const char *const *n = g; in && *n; n++) {
			const field *o = field_find(*n);
			if (!o || o == &f)
				continue;
			std::vector<near_value> other;
			near_in_field(db, *o, v, 1, other);
			if (!other.empty() && other[0].score < 10)
				near.push_back(other[0]);
		}
	}
	std::stable_sort(near.begin(), near.end(),
	                 [](const near_value &a, const near_value &b) {
		                 return a.score < b.score;
	                 });
	for (const near_value &n : near) {
		if (w.nnear == HRI_WHY_NEAR)
			break;
		std::string q = query_form(n.f->query, as_written(db, *n.f, n.term));
		msg_printf(w.near[w.nnear++], HRI_WHY_TEXT, "%s", q.c_str());
	}
}

/* Fills w's near values with the token t, its prefix (name) replaced by
 * the prefixes closest to it: "country:France" for "contry:France". */
void
near_prefixes(const std::string &name, const token &t, hri_why &w)
{
	std::vector<std::pair<size_t, const char *>> found;
	std::string low;

	for (char c : name)
		low += (char)tolower((unsigned char)c);
	for (size_t i = 0; i < nfields; i++) {
		const char *q = fields[i].query;
		if (!q)
			continue;
		size_t d = distance(low, q, 2);
		if (d <= 2 && d < strlen(q))
			found.push_back({d, q});
		else if (low.size() >= 3 && strncmp(q, low.c_str(), low.size()) == 0)
			found.push_back({3, q});
	}
	if (distance(low, "date", 1) <= 1)
		found.push_back({distance(low, "date", 1), "date"});
	std::stable_sort(found.begin(), found.end());
	for (const auto &p : found) {
		if (w.nnear == HRI_WHY_NEAR)
			break;
		msg_printf(w.near[w.nnear++], HRI_WHY_TEXT, "%s%s", p.second,
		           t.text.c_str() + name.size());
	}
}

/* Returns whether the token t, parsed alone as the search parses it,
 * names only what the index lacks: it has terms, and none exists (a word)
 * or not all exist (a phrase). A token that gives no term (a stop word, a
 * wildcard, a range) lacks nothing. */
bool
lacking(Xapian::Database &db, Xapian::QueryParser &qp, const std::string &t,
        bool phrase)
{
	Xapian::Query q = qp.parse_query(expand_synonyms(t), query_flags);
	size_t terms = 0, found = 0;

	for (Xapian::TermIterator it = q.get_unique_terms_begin();
	     it != q.get_unique_terms_end(); ++it) {
		terms++;
		found += db.term_exists(*it);
	}
	if (!terms)
		return false;
	return phrase ? found < terms : found == 0;
}

/* Appends a reason to out (at most max; *n counts them). Returns a
 * pointer to it, or NULL when out is full. */
hri_why *
add_why(hri_why *out, size_t max, size_t *n, int kind, const std::string &t)
{
	if (*n == max)
		return NULL;
	hri_why *w = &out[(*n)++];
	memset(w, 0, sizeof *w);
	w->kind = kind;
	msg_printf(w->token, sizeof w->token, "%s", t.c_str());
	return w;
}

} /* namespace */

} /* namespace hri */

using namespace hri;

extern "C" {

hri_status
hri_db_explain(hri_db *db, const char *query, int prefixes_only,
               hri_why *out, size_t max, size_t *n)
{
	*n = 0;
	if (!query)
		return HRI_OK;
	try {
		Xapian::Database &d = *db->rd;
		Xapian::QueryParser qp;

		setup_parser(qp, d);
		add_stop_words(qp);
		for (const token &t : tokens(query)) {
			if (*n == max)
				break;
			if (!t.prefix.empty()) {
				const field *f = field_of_prefix(t.prefix);
				if (!f && t.prefix != "date") {
					hri_why *w = add_why(out, max, n, HRI_WHY_PREFIX, t.text);
					if (w)
						near_prefixes(t.prefix, t, *w);
					continue;
				}
				/* ranges, wildcards, a free-text field: as the words */
				if (prefixes_only || !f || t.value.empty() ||
				    t.value.find("..") != std::string::npos ||
				    t.value.back() == '*')
					continue;
				if (f->kind == FREE) {
					if (lacking(d, qp, t.text, true))
						add_why(out, max, n, HRI_WHY_WORD, t.text);
					continue;
				}
				std::string term = filter_term(*f, t.value);
				if (d.term_exists(term))
					continue;
				hri_why *w = add_why(out, max, n, HRI_WHY_VALUE, t.text);
				if (w)
					near_values(d, *f, term.substr(strlen(f->prefix)), *w);
				continue;
			}
			if (prefixes_only || t.text.back() == '*')
				continue;
			if (lacking(d, qp, t.text, t.text[0] == '"'))
				add_why(out, max, n, HRI_WHY_WORD, t.text);
		}
		return HRI_OK;
	}
	HRI_CATCH(db->err, sizeof db->err, NULL)
}

} /* extern "C" */
