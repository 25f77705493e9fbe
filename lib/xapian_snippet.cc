/* xapian_snippet.cc - the highlighted passage of a hit in the Xapian shim:
 * MSet::snippet() with markers of the caller's choosing, HTML-escaped or
 * plain. */
#include "xapian_private.h"

#include <string.h>

/* Undoes the HTML escaping MSet::snippet() applies. */
static std::string
unescape(const std::string &s)
{
	static const struct {
		const char *ent;
		char ch;
	} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
	            {"&quot;", '"'}, {"&#39;", '\''}};
	std::string out;
	for (size_t i = 0; i < s.size();) {
		bool hit = false;
		if (s[i] == '&') {
			for (const auto &e : ents) {
				size_t n = strlen(e.ent);
				if (s.compare(i, n, e.ent) == 0) {
					out += e.ch;
					i += n;
					hit = true;
					break;
				}
			}
		}
		if (!hit)
			out += s[i++];
	}
	return out;
}

/* Returns the passage of t that best matches the query of hits, at most
 * length bytes, the matching words between \x01 and \x02, HTML-escaped.
 * Throws what Xapian throws. */
static std::string
passage(const hri_hits *hits, const std::string &t, size_t length)
{
	const unsigned flags = Xapian::MSet::SNIPPET_EXHAUSTIVE;
	bool model = true;
	std::string s;

	try {
		s = hits->mset.snippet(t, length, hits->stem,
		                       flags | Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
		                       "\x01", "\x02", "...");
	} catch (const Xapian::Error &) {
		/* The background model asks the database for term frequencies;
		 * a remote shard lost since the match cannot answer, and the hit
		 * is still worth printing. */
		model = false;
	}
	if (!model)
		s = hits->mset.snippet(t, length, hits->stem, flags, "\x01", "\x02",
		                       "...");
	return s;
}

extern "C" {

char *
hri_hits_snippet(const hri_hits *hits, const char *text, size_t len,
                 size_t length, const char *hi_start, const char *hi_end,
                 int html)
{
	try {
		/* Markers that cannot occur in text, swapped for the real ones
		 * after unescaping, so a marker is never escaped itself. */
		std::string s = passage(hits, std::string(text, len), length);
		if (!html)
			s = unescape(s);
		std::string out;
		for (char c : s) {
			if (c == '\x01')
				out += hi_start;
			else if (c == '\x02')
				out += hi_end;
			else
				out += c;
		}
		return strdup(out.c_str());
	} catch (...) {
		return NULL;
	}
}

} /* extern "C" */
