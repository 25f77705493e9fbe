/* xapian_alias.cc - the query's side of the tables in data/: other names
 * of a filter's value (country:USA is "United States of America",
 * org:OHCHR the Office of the High Commissioner, from the tables the
 * extractor names them with) and the synonyms of the field's abbreviations
 * (data/synonyms.tsv: "FGM" also finds "female genital mutilation").
 *
 * Each table is read once a process, when a query first needs it; a table
 * that cannot be read leaves its names as typed (the search still runs).
 * The index holds canonical values only, so an alias costs nothing at
 * index time. */
#include "xapian_private.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <mutex>

extern "C" {
#include "home.h"
}

namespace hri {

namespace {

/* Longest line of a table read; longer lines are skipped. */
const size_t line_max = 4096;

/* Words of the longest synonym form looked for at a place. */
const size_t form_words_max = 16;

/* Where the aliases of a table are: the canonical name in column 0, other
 * names "|"-separated in the columns of the mask (bit n: column n). */
struct table_spec {
	const char *file;
	unsigned cols;
};

const table_spec specs[] = {
	/* canonical name | other names and abbreviations */
	{"organizations.tsv", 1u << 1},
	/* canonical name | other names | abbreviations shared with the
	 * committee | the committee: "CEDAW" is the Convention here */
	{"treaties.tsv", 1u << 1 | 1u << 2},
};

/* Folded other name -> folded canonical name, for one table. */
struct alias_map {
	bool loaded = false;
	std::unordered_map<std::string, std::string> canon; /* by alias */
	std::set<std::string> names;     /* the canonical names themselves */
};

/* The synonym groups of synonyms.tsv, by their abbreviations. */
struct synonym_map {
	bool loaded = false;
	std::vector<std::vector<std::string>> groups; /* forms as written */
	std::unordered_map<std::string, size_t> group_of; /* folded
	                                                    abbreviation */
	size_t max_words = 1;
};

std::mutex tables_lock; /* hri-serve parses queries on several threads */
alias_map alias_maps[sizeof specs / sizeof specs[0]];
synonym_map synonyms;

/* Splits s at any of the bytes of seps; empty pieces are dropped. */
std::vector<std::string>
split(const std::string &s, const char *seps)
{
	std::vector<std::string> out;
	size_t p = 0;

	while (p <= s.size()) {
		size_t e = s.find_first_of(seps, p);
		if (e == std::string::npos)
			e = s.size();
		if (e > p)
			out.push_back(s.substr(p, e - p));
		p = e + 1;
	}
	return out;
}

/* Calls each(line) for every line of the table file name in data/ that is
 * neither empty nor a comment; does nothing when it cannot be opened. */
template <typename F>
void
each_line(const char *name, F each)
{
	char path[4096], line[line_max];
	FILE *fp;

	if (hri_data_path(name, path, sizeof path) != HRI_OK)
		return;
	fp = fopen(path, "r");
	if (!fp)
		return;
	while (fgets(line, sizeof line, fp)) {
		size_t n = strcspn(line, "\r\n");
		if (line[n] == '\0' && n == sizeof line - 1) {
			/* Too long: skip the rest of it. */
			int c;
			while ((c = fgetc(fp)) != EOF && c != '\n')
				;
			continue;
		}
		line[n] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		each(std::string(line));
	}
	fclose(fp);
}

void
load_aliases(size_t t)
{
	alias_map &m = alias_maps[t];
	std::set<std::string> ambiguous;

	each_line(specs[t].file, [&](const std::string &line) {
		/* By position: split() would drop the empty columns. */
		std::vector<std::string> at;
		size_t p = 0;
		while (p <= line.size()) {
			size_t e = line.find('\t', p);
			if (e == std::string::npos)
				e = line.size();
			at.push_back(line.substr(p, e - p));
			p = e + 1;
		}
		std::string canon = fold(at[0]);
		if (canon.empty())
			return;
		m.names.insert(canon);
		for (size_t c = 1; c < at.size() && c < 32; c++) {
			if (!(specs[t].cols & 1u << c))
				continue;
			for (const std::string &a : split(at[c], "|")) {
				std::string k = fold(a);
				auto it = m.canon.find(k);
				if (it != m.canon.end() && it->second != canon)
					ambiguous.insert(k);
				else
					m.canon[k] = canon;
			}
		}
	});
	/* A name two entries share ("Congo") names neither. */
	for (const std::string &k : ambiguous)
		m.canon.erase(k);
	m.loaded = true;
}

void
load_synonyms()
{
	each_line("synonyms.tsv", [&](const std::string &line) {
		size_t tab = line.find('\t');
		if (tab == std::string::npos)
			return;
		std::vector<std::string> forms = split(line, "\t|");
		if (forms.empty())
			return;
		/* Only the abbreviations (the first column) are looked for. */
		for (const std::string &a : split(line.substr(0, tab), "|")) {
			std::string k = fold(a);
			if (k.empty() || synonyms.group_of.count(k))
				continue; /* a form in two groups stays in its first */
			synonyms.group_of[k] = synonyms.groups.size();
			size_t words = split(k, " ").size();
			if (words > synonyms.max_words && words <= form_words_max)
				synonyms.max_words = words;
		}
		synonyms.groups.push_back(forms);
	});
	synonyms.loaded = true;
}

/* Whether a query token is a plain word a synonym may start or continue:
 * no quote, no field prefix, no operator. */
bool
plain_token(const std::string &t)
{
	if (t.empty() || t[0] == '+' || t[0] == '-' || t == "AND" || t == "OR" || t == "NOT" || t == "XOR" ||
	    t == "NEAR" || t == "ADJ")
		return false;
	for (char c : t)
		if (c == '"' || c == ':' || c == '*')
			return false;
	return true;
}

/* Strips the brackets of Xapian's syntax around a word into lead and
 * trail; returns the word. */
std::string
bare(const std::string &t, std::string &lead, std::string &trail)
{
	size_t b = 0, e = t.size();

	while (b < e && t[b] == '(')
		b++;
	while (e > b && t[e - 1] == ')')
		e--;
	lead = t.substr(0, b);
	trail = t.substr(e);
	return t.substr(b, e - b);
}

} /* namespace */

std::string
alias_of(const field &f, const std::string &folded)
{
	size_t t;

	for (t = 0; t < sizeof specs / sizeof specs[0]; t++)
		if (f.aliases && strcmp(f.aliases, specs[t].file) == 0)
			break;
	if (t == sizeof specs / sizeof specs[0])
		return folded;
	{
		std::lock_guard<std::mutex> g(tables_lock);
		if (!alias_maps[t].loaded)
			load_aliases(t);
	}
	const alias_map &m = alias_maps[t];
	if (m.names.count(folded))
		return folded;
	auto it = m.canon.find(folded);
	return it == m.canon.end() ? folded : it->second;
}

std::string
expand_synonyms(const std::string &query)
{
	{
		std::lock_guard<std::mutex> g(tables_lock);
		if (!synonyms.loaded)
			load_synonyms();
	}
	if (synonyms.groups.empty())
		return query;
	std::vector<std::string> toks = split(query, " \t\n");
	std::string out;
	bool in_quote = false, changed = false;

	for (size_t i = 0; i < toks.size();) {
		std::string lead, trail, tail_lead, tail_trail;
		size_t best = 0, group = 0;
		std::string typed;

		if (!in_quote && plain_token(toks[i])) {
			/* The longest run of plain words from here that is a form;
			 * brackets may open the first and close the last. */
			std::string run;
			for (size_t n = 1; n <= synonyms.max_words &&
			                   i + n <= toks.size();
			     n++) {
				const std::string &t = toks[i + n - 1];
				if (!plain_token(t))
					break;
				std::string l, r, w = bare(t, l, r);
				if ((n > 1 && !l.empty()) || w.empty())
					break;
				run += (n > 1 ? " " : "") + w;
				auto it = synonyms.group_of.find(fold(run));
				if (it != synonyms.group_of.end()) {
					best = n;
					group = it->second;
					typed = run;
					bare(toks[i], lead, tail_trail);
					tail_trail = r;
				}
				if (!r.empty())
					break;
			}
		}
		if (best) {
			std::string g = lead + "(" + typed;
			for (const std::string &f : synonyms.groups[group]) {
				if (fold(f) == fold(typed))
					continue;
				g += " OR ";
				g += f.find(' ') != std::string::npos ? "\"" + f + "\"" : f;
			}
			g += ")" + tail_trail;
			out += (out.empty() ? "" : " ") + g;
			changed = true;
			i += best;
			continue;
		}
		/* A quote opens or closes on this token: count its quotes. */
		for (char c : toks[i])
			if (c == '"')
				in_quote = !in_quote;
		out += (out.empty() ? "" : " ") + toks[i];
		i++;
	}
	return changed ? out : query;
}

} /* namespace hri */
