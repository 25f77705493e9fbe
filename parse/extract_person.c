/* extract_person.c - people named in a text. Precision before recall: a
 * name counts only after a title ("Mr. Somavía", "Ambassador Luis Alfonso
 * de Alba", "Special Rapporteur Olivier De Schutter") or before a role in
 * parentheses ("Dheerujlall Seetulsingh (Chair)"); bare capitalised words
 * are never taken for a name, and a candidate holding a word of an
 * institution's name ("Council", "Republic") is dropped. A post followed
 * by a name between commas counts too ("The Executive Director of the South
 * Centre, Martin Khor, noted"), for names of two words or more. */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* A name word: a capital then letters, with at least one lower-case letter
 * so that "OHCHR" is not a name; initials ("D.") in the middle. */
#define TOK "\\p{Lu}(?:['\\x{2019}]\\p{Lu})?\\p{Ll}[\\p{L}'\\x{2019}]*" \
	"(?:-\\p{Lu}?[\\p{L}'\\x{2019}]+)?"
#define INIT "\\p{Lu}\\."
#define PART "(?:de|da|di|do|dos|das|del|della|van|der|den|von|la|le|bin|ibn" \
	"|al|el|y|e|du)"
#define NAME TOK "(?:\\s+(?:" PART "\\s+){0,2}(?:" TOK "|" INIT "(?=\\s+\\p{Lu}))){0,3}"
#define TITLE "(?:(?:Mr|Ms|Mrs|Messrs|Dr|Prof)\\.?|Professor|Sir|Dame" \
	"|H\\.\\s?E\\.|Ambassador|Judge|Justice|Special Rapporteur" \
	"|Independent Expert)"
#define ROLE "(?:Chair|Chairperson|Chair-Rapporteur|Vice-Chair" \
	"|Vice-Chairperson|Co-Chair|Rapporteur|President|Vice-President" \
	"|Moderator|Panellist|Secretary)"

/* A role in parentheses is found first, then the name just before it (a
 * pattern trying a name at every capital letter would be slow). */
static const char role_pattern[] = "\\(" ROLE "\\)";
/* "The Executive Director of the South Centre, Martin Khor, noted": a post,
 * then a name of two words or more between commas. */
#define POST "(?:Director(?:-General)?|Representative|Commissioner|Chair" \
	"(?:person)?|President|Minister|Ambassador|Rapporteur|Expert" \
	"|Secretary(?:-General)?|Adviser|Advisor|Head|Chief|Coordinator" \
	"|[Pp]rofessor|Judge|Ombudsman|Ombudsperson)"
#define NAME2 TOK "(?:\\s+(?:" PART "\\s+){0,2}(?:" TOK "|" INIT \
	"(?=\\s+\\p{Lu}))){1,3}"
/* Titles and posts in one pattern: one search of the text, not two. */
static const char title_post_pattern[] =
	"\\b(?:" TITLE "(?:\\s+" TITLE ")*\\s+(?<t>" NAME ")"
	"|" POST "\\b[^,.;()]{0,100}+,\\s+(?<a>" NAME2 "),)";
static const char before_role_pattern[] =
	"(?<![\\p{L}\\-])(?<r>" NAME ")\\s*$";
#define ROLE_WINDOW 160 /* bytes before a role searched for the name */

/* Words that mark an institution, a place or a sentence start, not a name. */
static const char *const stop_words[] = {
	"Council", "Committee", "Nations", "United", "Republic", "Rights",
	"Human", "Group", "Office", "Commission", "Court", "Union", "Assembly",
	"State", "States", "Government", "Ministry", "Department", "Programme",
	"Fund", "Agency", "Organization", "Forum", "Conference", "Session",
	"Declaration", "Convention", "Report", "Working", "Special", "General",
	"The", "In", "At", "On", "For", "With", "As", "By", "To", "From", "Of",
	"And", "Chair", "Rapporteur", "President", "Secretary", "Expert",
	"Mechanism", "Institute", "University", "Bank", "International",
	"National", "Federation", "Kingdom", "Islands", "Secretariat",
	"Ombudsman", "Centre", "Center", "Network", "Association", "Society",
	"Party", "Parliament", "Minister", "Agenda", "Goals", "Development",
	"Foundation", "House", "Directorate", "Stiftung", "Friends", "World", "Watch",
	"Amnesty", "Programme", "Council", "Europe", "Africa", "America",
	"Asia", "Pacific", "Geneva", "New", "York", "Justice", "Affairs",
	"Foreign", "Health", "Education", "Labour", "Social", "Interior",
};

struct hri_person_rules {
	pcre2_code *title_post, *role, *before;
	int g_t, g_a; /* groups of title_post */
};

hri_status
hri_person_rules_new(hri_person_rules **out, char *err, size_t errsz)
{
	*out = NULL;
	hri_person_rules *r = calloc(1, sizeof *r);
	if (!r)
		return HRI_ERR_NOMEM;
	hri_status st = hri_x_compile(title_post_pattern, 0, &r->title_post,
	                              err, errsz);
	if (!st)
		st = hri_x_compile(role_pattern, 0, &r->role, err, errsz);
	if (!st)
		st = hri_x_compile(before_role_pattern, 0, &r->before, err, errsz);
	if (st) {
		hri_person_rules_free(r);
		return st;
	}
	r->g_t = pcre2_substring_number_from_name(r->title_post,
	                                          (PCRE2_SPTR) "t");
	r->g_a = pcre2_substring_number_from_name(r->title_post,
	                                          (PCRE2_SPTR) "a");
	*out = r;
	return HRI_OK;
}

void
hri_person_rules_free(hri_person_rules *r)
{
	if (!r)
		return;
	pcre2_code_free(r->title_post);
	pcre2_code_free(r->role);
	pcre2_code_free(r->before);
	free(r);
}

/* Returns nonzero when one of the words of the name (s, len) is a stop
 * word. */
static int
has_stop_word(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
			j++;
		for (size_t k = 0; k < sizeof stop_words / sizeof stop_words[0];
		     k++)
			if (strlen(stop_words[k]) == j - i &&
			    !memcmp(stop_words[k], s + i, j - i))
				return 1;
		i = j + 1;
	}
	return 0;
}

/* Appends the name (s, len), white space folded, to out unless it holds
 * a stop word. */
static hri_status
push_name(json_t *out, const char *s, size_t sl)
{
	if (has_stop_word(s, sl))
		return HRI_OK;
	char name[256];
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < sl && o + 2 < sizeof name; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			space = 1;
			continue;
		}
		if (space)
			name[o++] = ' ';
		space = 0;
		name[o++] = s[i];
	}
	return hri_x_push_unique(out, name, o);
}

hri_status
hri_person_scan(const hri_person_rules *r, hri_x_match *m, const char *text,
                size_t len, json_t *out)
{
	hri_status st = HRI_OK;
	size_t pos = 0;
	const char *s;
	size_t sl;
	while (!st) {
		st = hri_x_next(r->title_post, m, text, len, &pos, NULL, NULL);
		if (st)
			break;
		if (hri_x_group(m->md, text, r->g_t, &s, &sl)) {
			st = push_name(out, s, sl);
		} else if (hri_x_group(m->md, text, r->g_a, &s, &sl)) {
			/* Resume after the name: its closing comma may open
			 * another post. */
			pos = (size_t)(s - text) + sl;
			st = push_name(out, s, sl);
		}
	}
	if (st != HRI_ERR_NOT_FOUND)
		return st;
	st = HRI_OK;
	pos = 0;
	while (!st) {
		size_t at;
		st = hri_x_next(r->role, m, text, len, &pos, &at, NULL);
		if (st)
			break;
		size_t from = at > ROLE_WINDOW ? at - ROLE_WINDOW : 0;
		while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
			from--;
		int rc = pcre2_match(r->before, (PCRE2_SPTR)text, at, from,
		                     PCRE2_NO_UTF_CHECK, m->md, m->mc);
		if (rc >= 0 && hri_x_group(m->md, text, 1, &s, &sl))
			st = push_name(out, s, sl);
	}
	return st == HRI_ERR_NOT_FOUND ? HRI_OK : st;
}
