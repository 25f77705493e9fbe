/* xapian_fields.cc - the field table of the Xapian shim: every term prefix
 * and value slot hri uses, declared once (after notmuch's prefix_table),
 * and how a boolean value is folded before it becomes a term. */
#include "xapian_private.h"

#include "labels.h"
#include "states.h"

#include <stdio.h>
#include <string.h>

namespace hri {

/* The field table. Boolean values are folded (lower case, single spaces)
 * before the prefix is put on; facet slots hold the values as written, one
 * per line. Columns: record name, query prefix, term prefix, kind, facet
 * slot, multi-valued. */
const field fields[] = {
	/* Words of the document and section titles (also in the plain text). */
	{"title", "title", "S", FREE, -1, false},
	/* Document symbol, "A/HRC/26/41". */
	{"symbol", "symbol", "XSYM", BOOL, SLOT_SYMBOL, false},
	/* Issuing body, "Human Rights Council". */
	{"body", "body", "XBODY", BOOL, 11, false},
	/* Session of the body, "26". */
	{"session", "session", "XSESS", BOOL, 12, false},
	/* Year of the document (also SLOT_YEAR for ranges). */
	{"year", "year", "XYEAR", BOOL, 13, false},
	/* Document type: report, resolution, decision, upr-report... */
	{"doctype", "doctype", "XDT", BOOL, 14, false},
	/* Language of the document, "en". */
	{"lang", "lang", "XLANG", BOOL, 15, false},
	/* Segment kind: paragraph, recommendation, footnote, summary. */
	{"kind", "kind", "XKIND", BOOL, 16, false},
	/* Section number, "III.B". */
	{"section", "section", "XSEC", BOOL, 17, false},
	/* Paragraph number, "14" (also SLOT_PARA); not a facet. */
	{"para", "para", "XPARA", BOOL, -1, false},
	/* States named, UN short names. */
	{"country", "country", "XC", BOOL, 18, true},
	/* Organizations named, canonical names. */
	{"organization", "org", "XORG", BOOL, 19, true},
	/* Persons named. */
	{"person", "person", "XPER", BOOL, 20, true},
	/* Themes of the Universal Human Rights Index. */
	{"theme", "theme", "XTH", BOOL, 21, true},
	/* SDG goals and targets: "16.2" also gives "16". */
	{"sdg", "sdg", "XSDG", BOOL, 22, true},
	/* Affected persons and groups. */
	{"affected", "affected", "XAFF", BOOL, 23, true},
	/* Symbols of the UN documents cited. */
	{"cites", "cites", "XCITE", BOOL, 24, true},
	/* Instruments named, "resolution 13/23" (kind and number). */
	{"instrument", "instrument", "XINST", BOOL, 25, true},
	/* Treaties named: covenants, conventions, declarations, charters. */
	{"treaty", "treaty", "XTREATY", BOOL, 26, true},
	/* States that made a UPR recommendation. */
	{"recommending", "recommending", "XREC", BOOL, 27, true},
	/* Position of the State under review: supported, noted. */
	{"position", "position", "XPOS", BOOL, 28, false},
	/* UPR-info's issues of a UPR recommendation, "Women's rights". */
	{"issue", "issue", "XISS", BOOL, 29, true},
	/* The State under review of a UPR report and its addendum, UN short
	 * name. */
	{"review", "review", "XREV", BOOL, 30, false},
	/* UPR cycle of a Working Group report: "1", "2", ... */
	{"cycle", "cycle", "XCYC", BOOL, 31, false},
};
const size_t nfields = sizeof fields / sizeof fields[0];

const char id_prefix[] = "Q";

const field *
field_find(const char *name)
{
	for (size_t i = 0; i < nfields; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

std::string
fold(const std::string &in)
{
	std::string out;
	bool space = false;

	for (Xapian::Utf8Iterator it(in); it != Xapian::Utf8Iterator(); ++it) {
		unsigned ch = *it;
		if (Xapian::Unicode::is_whitespace(ch)) {
			space = !out.empty();
			continue;
		}
		std::string c;
		Xapian::Unicode::append_utf8(c, Xapian::Unicode::tolower(ch));
		if (out.size() + space + c.size() > value_max)
			break;
		if (space)
			out += ' ';
		space = false;
		out += c;
	}
	return out;
}

/* The label table of data/labels.tsv, loaded once (NULL when it cannot be:
 * then names are taken as typed). */
static const hri_labels *
label_table()
{
	static const hri_labels *table = [] {
		hri_labels *l = NULL;
		char err[512];
		return hri_labels_load(NULL, &l, err, sizeof err) ? nullptr : l;
	}();
	return table;
}

std::string
filter_term(const field &f, const std::string &value)
{
	static const char *const labelled[] = {"theme", "affected", "sdg",
	                                       "issue"};
	/* a State in any form the States table knows: review:Iran,
	 * recommending:USA, country:UK */
	if (!strcmp(f.name, "country") || !strcmp(f.name, "recommending") ||
	    !strcmp(f.name, "review")) {
		const hri_states *st = hri_states_default();
		const char *c = st ? hri_states_name(st, value.data(), value.size())
		                   : NULL;
		if (c)
			return f.prefix + fold(c);
	}
	for (const char *l : labelled) {
		if (strcmp(f.name, l) != 0)
			continue;
		const char *lf = NULL;
		const char *cur = hri_labels_find(label_table(), l, value.data(),
		                                  value.size(), &lf);
		const field *tf = cur ? field_find(lf) : NULL;
		if (tf)
			return tf->prefix + fold(cur);
	}
	return f.prefix + fold(value);
}

} /* namespace hri */

using namespace hri;

extern "C" {

int
hri_field_is_term(const char *name)
{
	const field *f = name ? field_find(name) : NULL;
	return f && f->kind == BOOL;
}

int
hri_field_is_facet(const char *name)
{
	const field *f = name ? field_find(name) : NULL;
	return f && f->facet_slot >= 0;
}

void
hri_field_facet_names(char *out, size_t outsz)
{
	size_t n = 0;

	if (!outsz)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < nfields; i++) {
		if (fields[i].facet_slot < 0)
			continue;
		int w = snprintf(out + n, outsz - n, "%s%s", n ? "," : "",
		                 fields[i].name);
		if (w < 0 || (size_t)w >= outsz - n)
			return;
		n += (size_t)w;
	}
}

} /* extern "C" */
