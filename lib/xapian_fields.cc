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
 * slot, multi-valued, alias table. */
const field fields[] = {
	/* Words of the document title, with positions (title:"Saudi
	 * Arabia"); title: also searches the section headings (XHEAD). */
	{"title", "title", "S", FREE, -1, false, NULL},
	/* Words of the heading of the segment's section, with positions, for
	 * title: (the heading also counts in the text itself: see
	 * hri_xdoc_text()). */
	{"section_title", NULL, "XHEAD", FREE, -1, false, NULL},
	/* Document symbol, "A/HRC/26/41". */
	{"symbol", "symbol", "XSYM", BOOL, SLOT_SYMBOL, false, NULL},
	/* Issuing body, "Human Rights Council". */
	{"body", "body", "XBODY", BOOL, 11, false, "organizations.tsv"},
	/* Session of the body, "26". */
	{"session", "session", "XSESS", BOOL, 12, false, NULL},
	/* Year of the document (also SLOT_YEAR for ranges). */
	{"year", "year", "XYEAR", BOOL, 13, false, NULL},
	/* Document type: report, resolution, decision, upr-report... */
	{"doctype", "doctype", "XDT", BOOL, 14, false, NULL},
	/* Language of the document, "en". */
	{"lang", "lang", "XLANG", BOOL, 15, false, NULL},
	/* Segment kind: paragraph, recommendation, footnote, summary. */
	{"kind", "kind", "XKIND", BOOL, 16, false, NULL},
	/* Section number, "III.B". */
	{"section", "section", "XSEC", BOOL, 17, false, NULL},
	/* Paragraph number, "14" (also SLOT_PARA); not a facet. */
	{"para", "para", "XPARA", BOOL, -1, false, NULL},
	/* States named, UN short names. */
	{"country", "country", "XC", BOOL, 18, true, NULL},
	/* Organizations named, canonical names. */
	{"organization", "org", "XORG", BOOL, 19, true, "organizations.tsv"},
	/* Persons named. */
	{"person", "person", "XPER", BOOL, 20, true, NULL},
	/* Themes of the Universal Human Rights Index. */
	{"theme", "theme", "XTH", BOOL, 21, true, NULL},
	/* SDG goals and targets: "16.2" also gives "16". */
	{"sdg", "sdg", "XSDG", BOOL, 22, true, NULL},
	/* Affected persons and groups. */
	{"affected", "affected", "XAFF", BOOL, 23, true, NULL},
	/* Symbols of the UN documents cited. */
	{"cites", "cites", "XCITE", BOOL, 24, true, NULL},
	/* Instruments named, "resolution 13/23" (kind and number). */
	{"instrument", "instrument", "XINST", BOOL, 25, true, NULL},
	/* Treaties named: covenants, conventions, declarations, charters. */
	{"treaty", "treaty", "XTREATY", BOOL, 26, true, "treaties.tsv"},
	/* States that made a UPR recommendation. */
	{"recommending", "recommending", "XREC", BOOL, 27, true, NULL},
	/* Position of the State under review: supported, noted. */
	{"position", "position", "XPOS", BOOL, 28, false, NULL},
	/* UPR-info's issues of a UPR recommendation, "Women's rights"; older
	 * label names map through data/labels.tsv (filter_term()). */
	{"issue", "issue", "XISS", BOOL, 29, true, NULL},
	/* Human rights mechanism of the document: upr, treaty-body,
	 * special-procedure. */
	{"mechanism", "mechanism", "XMECH", BOOL, 30, false, NULL},
	/* State reviewed: the State under UPR review, a concluding
	 * observation's State party, the State a special procedure visited;
	 * UN short names. */
	{"state_under_review", "review", "XREV", BOOL, 31, false, NULL},
	/* Treaty articles a concern or recommendation refers to, "ICCPR 9". */
	{"article", "article", "XART", BOOL, 32, true, NULL},
	/* A recommendation under the treaty body's follow-up procedure:
	 * "yes". */
	{"followup", "followup", "XFU", BOOL, -1, false, NULL},
	/* Whom a special procedure's recommendation addresses: Government,
	 * international community, ... */
	{"addressee", "addressee", "XADR", BOOL, 33, false, NULL},
	/* UPR cycle of a Working Group report and its addendum: "1", "2". */
	{"cycle", "cycle", "XCYC", BOOL, 34, false, NULL},
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

/* Xapian's white space and lower case of the ASCII characters, worked out
 * once: fold() takes them from here, without decoding (the values folded
 * for every segment's terms are nearly all ASCII). */
struct ascii_table {
	bool space[128];
	char lower[128];

	ascii_table()
	{
		for (unsigned c = 0; c < 128; c++) {
			space[c] = Xapian::Unicode::is_whitespace(c);
			lower[c] = (char)Xapian::Unicode::tolower(c);
		}
	}
};

void
fold_append(const char *in, size_t n, std::string &out)
{
	static const ascii_table ascii;
	const size_t base = out.size();
	bool space = false;
	size_t i = 0;

	while (i < n) {
		unsigned char b = (unsigned char)in[i];
		char one[1];
		std::string c;
		const char *add = one;
		size_t len = 1;
		if (b < 0x80) {
			i++;
			if (ascii.space[b]) {
				space = out.size() > base;
				continue;
			}
			one[0] = ascii.lower[b];
		} else {
			Xapian::Utf8Iterator it(in + i, n - i), next = it;
			unsigned ch = *it;
			++next;
			i = next == Xapian::Utf8Iterator() ? n
			                                   : (size_t)(next.raw() - in);
			if (Xapian::Unicode::is_whitespace(ch)) {
				space = out.size() > base;
				continue;
			}
			Xapian::Unicode::append_utf8(c, Xapian::Unicode::tolower(ch));
			add = c.data();
			len = c.size();
		}
		if (out.size() - base + space + len > value_max)
			break;
		if (space)
			out += ' ';
		space = false;
		out.append(add, len);
	}
}

std::string
fold(const std::string &in)
{
	std::string out;

	out.reserve(in.size() < value_max ? in.size() : value_max);
	fold_append(in.data(), in.size(), out);
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
	    !strcmp(f.name, "state_under_review")) {
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
	return f.prefix + alias_of(f, fold(value));
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

const char *
hri_field_facet(const char *name)
{
	for (size_t i = 0; name && i < nfields; i++) {
		const field &f = fields[i];
		if (f.facet_slot >= 0 &&
		    (strcmp(f.name, name) == 0 || (f.query && strcmp(f.query,
		                                                     name) == 0)))
			return f.name;
	}
	return NULL;
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
