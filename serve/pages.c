/* pages.c - the HTML pages. */
#include "pages.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "jsonl.h"
#include "labels.h"
#include "links.h"
#include "log.h"
#include "output.h"
#include "search.h"

const char HRI_PAGES_CSS[] =
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1b1b1b;"
	"background:#f6f7f9}\n"
	"a{color:#0b5cad}\n"
	"header{background:#0b3d6b;color:#fff;padding:.8em 1.2em}\n"
	"header a.home{color:#fff;font-weight:700;text-decoration:none;"
	"margin-right:1em}\n"
	"header form{display:inline-flex;gap:.4em;flex-wrap:wrap;"
	"width:min(100%,48em)}\n"
	"header input[type=search]{flex:1;min-width:14em;padding:.4em;"
	"font-size:1em}\n"
	".wrap{display:grid;grid-template-columns:17em 1fr 17em;gap:1.2em;"
	"padding:1em 1.2em}\n"
	/* at phone width the results come first, then the facets */
	"@media(max-width:60em){.wrap{grid-template-columns:1fr}"
	".wrap main{order:-1}}\n"
	".wrap.home{grid-template-columns:1fr 17em}\n"
	".home ul{columns:16em;list-style:none;padding:0;font-size:.92em}\n"
	".home h1{font-size:1.3em}\n"
	".goal{color:#555;font-size:.9em}\n"
	"details.more summary{cursor:pointer;color:#0b5cad;font-size:.9em}\n"
	"dl.facts{display:flex;flex-wrap:wrap;gap:0 1em;margin:.3em 0;"
	"font-size:.88em}\n"
	"dl.facts dt{color:#555}\n"
	"dl.facts dt::after{content:\":\"}\n"
	"dl.facts dd{margin:0 0 0 .3em}\n"
	"nav.facets h2,aside h2{font-size:.95em;margin:1em 0 .3em;"
	"text-transform:uppercase;letter-spacing:.04em;color:#555}\n"
	"nav.facets ul{list-style:none;margin:0;padding:0;font-size:.9em}\n"
	"nav.facets li{display:flex;justify-content:space-between;gap:.5em}\n"
	"nav.facets .n{color:#666}\n"
	".chips a{display:inline-block;background:#dde9f5;border-radius:1em;"
	"padding:.1em .7em;margin:.1em;text-decoration:none;font-size:.9em}\n"
	"article.hit,section.seg{background:#fff;border:1px solid #dde;"
	"border-radius:6px;padding:.7em 1em;margin-bottom:.8em}\n"
	"article.hit h3,section.seg h2{margin:0 0 .2em;font-size:1.05em}\n"
	".meta{color:#555;font-size:.88em}\n"
	".snippet b,mark{background:#fff1a8;font-weight:600}\n"
	".kind{font-size:.8em;background:#eee;border-radius:3px;"
	"padding:0 .4em;color:#444}\n"
	".pager{display:flex;gap:1em;margin:1em 0}\n"
	"aside.help{font-size:.88em}\n"
	"aside.help code{background:#eef;padding:0 .2em}\n"
	"dl.ann dt{font-weight:600;margin-top:.4em}\n"
	"dl.ann dd{margin:0 0 0 1em}\n"
	".concern{border-left:3px solid #c9d6e3;padding:.1em .7em;"
	"margin:.4em 0;color:#333;font-size:.93em}\n"
	".concern .lbl{font-weight:600;color:#555}\n"
	".error{background:#fff;border-left:4px solid #b00;padding:1em}\n";

/* The facets of the sidebar, with their headings. */
static const struct {
	const char *field;
	const char *heading;
} sidebar[] = {
	{"recommending", "Recommending State"},
	{"position", "Position"},
	{"state_under_review", "State under review"},
	{"mechanism", "Mechanism"},
	{"body", "Body"},
	{"doctype", "Document type"},
	{"cycle", "UPR cycle"},
	{"theme", "Theme"},
	{"sdg", "SDG"},
	{"affected", "Affected persons"},
	{"issue", "UPR-info issue"},
	{"country", "State mentioned"},
	{"year", "Year"},
	{"kind", "Kind"},
};
#define NSIDEBAR (sizeof sidebar / sizeof sidebar[0])

/* bytes of a paragraph view's way back to its results page */
#define HRI_PAGE_BACK_MAX 8192

/* Values shown per facet; the rest behind "more", as the Index does. */
#define FACET_SHOWN 12

/* Annotation arrays of a segment, the field each value filters on (NULL:
 * not a filter) and their headings. */
static const struct {
	const char *key;
	const char *field;
	const char *heading;
} annots[] = {
	{"countries", "country", "States"},
	{"themes", "theme", "Themes"},
	{"sdgs", "sdg", "SDGs"},
	{"affected", "affected", "Affected persons"},
	{"issues", "issue", "UPR-info issues"},
	{"organizations", "organization", "Organizations"},
	{"persons", "person", "Persons"},
	{"instruments", "instrument", "Instruments"},
	{"treaties", "treaty", "Treaties"},
	{"recommending", "recommending", "Recommending States"},
	{"articles", "article", "Articles"},
	{"dates", NULL, "Dates"},
};

/* Writes the page head with title (escaped) and the search form holding
 * s (may be NULL). */
static void
head(FILE *fp, const char *title, const hri_sreq *s)
{
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width,"
	      "initial-scale=1\"><title>", fp);
	hri_html_esc(fp, title);
	fputs(" - hri</title><link rel=\"stylesheet\" href=\"/style.css\">"
	      "</head><body><header><a class=\"home\" href=\"/\">hri</a>"
	      "<form action=\"/search\" method=\"get\" role=\"search\">"
	      "<input type=\"search\" name=\"q\" id=\"q\" aria-label=\"Query\" "
	      "placeholder=\"e.g. South-South cooperation\" maxlength=\"1024\" "
	      "value=\"", fp);
	if (s)
		hri_html_esc(fp, s->q);
	fputs("\">", fp);
	for (i = 0; s && i < s->nfilters; i++) {
		fputs("<input type=\"hidden\" name=\"f\" value=\"", fp);
		hri_html_esc(fp, s->raw[i]);
		fputs("\">", fp);
	}
	fprintf(fp, "<select name=\"sort\" aria-label=\"Order\">"
	        "<option value=\"relevance\">best first</option>"
	        "<option value=\"date\"%s>newest first</option>"
	        "<option value=\"doc\"%s>document order</option></select>"
	        "<button type=\"submit\" id=\"go\">Search</button></form>"
	        "</header>\n",
	        s && s->sort == HRI_SORT_DATE ? " selected" : "",
	        s && s->sort == HRI_SORT_DOC ? " selected" : "");
}

/* Writes the address of search s with filter i left out (i >= nfilters:
 * none), filter field:value added (field NULL: none) and offset, escaped
 * for an attribute. */
static void
search_href(FILE *fp, const char *page, const hri_sreq *s, size_t drop,
            const char *field, const char *value, unsigned offset)
{
	size_t i;

	fprintf(fp, "%s?q=", page);
	hri_html_url(fp, s->q);
	for (i = 0; i < s->nfilters; i++) {
		if (i == drop)
			continue;
		fputs("&amp;f=", fp);
		hri_html_url(fp, s->raw[i]);
	}
	if (field) {
		fputs("&amp;f=", fp);
		hri_html_url(fp, field);
		fputs("%3A", fp);
		hri_html_url(fp, value);
	}
	if (s->sort_name) {
		fputs("&amp;sort=", fp);
		hri_html_url(fp, s->sort_name);
	}
	if (offset)
		fprintf(fp, "&amp;offset=%u", offset);
}

/* What the Index calls the values of the fields that hold a code. */
static const struct {
	const char *field;
	const char *value;
	const char *name;
} names[] = {
	{"mechanism", "upr", "Universal Periodic Review"},
	{"mechanism", "treaty-body", "Treaty body"},
	{"mechanism", "special-procedure", "Special procedure"},
	{"doctype", "upr-report", "UPR Working Group report"},
	{"doctype", "upr-response", "UPR: the State's responses"},
	{"doctype", "upr-national-report", "UPR national report"},
	{"doctype", "upr-compilation", "UPR compilation of UN information"},
	{"doctype", "upr-stakeholders", "UPR summary of stakeholders' information"},
	{"doctype", "concluding-observations", "Concluding observations"},
	{"doctype", "general-comment", "General comment"},
	{"doctype", "general-recommendation", "General recommendation"},
	{"doctype", "resolution", "Resolution"},
	{"doctype", "decision", "Decision"},
	{"doctype", "presidential-statement", "President's statement"},
	{"doctype", "report", "Report"},
	{"doctype", "draft", "Draft"},
	{"doctype", "conference-room-paper", "Conference room paper"},
	{"doctype", "bulletin", "Bulletin"},
};

/* Writes value of field as a reader sees it: the name of a code
 * (mechanism "upr": "Universal Periodic Review"), else value itself; the
 * link beside it keeps the code. */
static void
value_text(FILE *fp, const char *field, const char *value)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].field, field) == 0 &&
		    strcmp(names[i].value, value) == 0) {
			fputs(names[i].name, fp);
			return;
		}
	hri_html_esc(fp, value);
}

/* Writes a link to the search for field:value alone, text value. */
static void
filter_link(FILE *fp, const char *field, const char *value, const char *extra)
{
	fputs("<a href=\"/search?q=&amp;f=", fp);
	hri_html_url(fp, field);
	fputs("%3A", fp);
	hri_html_url(fp, value);
	if (extra)
		fputs(extra, fp);
	fputs("\">", fp);
	value_text(fp, field, value);
	fputs("</a>", fp);
}

/* Returns 1 when s already filters on field:value. */
static int
has_filter(const hri_sreq *s, const char *field, const char *value)
{
	for (size_t i = 0; i < s->nfilters; i++)
		if (strcmp(s->filters[i].field, field) == 0 &&
		    strcmp(s->filters[i].value, value) == 0)
			return 1;
	return 0;
}

/* The label table (data/labels.tsv), loaded once for every connection's
 * thread; NULL when it cannot be (the pages then go without goal names). */
static hri_labels *labels;
static pthread_once_t labels_once = PTHREAD_ONCE_INIT;

static void
labels_load(void)
{
	char err[512];

	if (hri_labels_load(NULL, &labels, err, sizeof err))
		hri_error(NULL, "%s", err);
}

/* After a value of field: an SDG's goal name ("16.2": "Peace, justice and
 * strong institutions"), which the Index shows beside the number. */
static void
goal_name(FILE *fp, const char *field, const char *value)
{
	char goal[8];
	const char *name;
	size_t n;

	if (strcmp(field, "sdg") != 0 || !value)
		return;
	n = strcspn(value, ".");
	if (n == 0 || n >= sizeof goal)
		return;
	memcpy(goal, value, n);
	goal[n] = '\0';
	pthread_once(&labels_once, labels_load);
	name = hri_labels_older(labels, "sdg", goal);
	if (!name)
		return;
	fputs(" <span class=\"goal\">", fp);
	hri_html_esc(fp, name);
	fputs("</span>", fp);
}

/* Writes the sidebar: active filters, then the facet counts of hits. */
static void
facets(FILE *fp, const hri_sreq *s, const hri_hits *hits)
{
	const char *value;
	unsigned long count;
	size_t f, j, n, shown;

	fputs("<nav class=\"facets\" aria-label=\"Filters\">", fp);
	if (s->nfilters) {
		fputs("<h2>Filters</h2><div class=\"chips\">", fp);
		for (j = 0; j < s->nfilters; j++) {
			fputs("<a class=\"chip\" title=\"remove this filter\" href=\"", fp);
			search_href(fp, "/search", s, j, NULL, NULL, 0);
			fputs("\">", fp);
			hri_html_esc(fp, s->raw[j]);
			fputs(" &#x2715;</a>", fp);
		}
		fputs("</div>", fp);
	}
	for (f = 0; f < NSIDEBAR; f++) {
		n = hri_hits_facet_size(hits, f);
		for (j = 0, shown = 0; j < n && !shown; j++)
			if (!hri_hits_facet_get(hits, f, j, &value, &count) &&
			    !has_filter(s, sidebar[f].field, value))
				shown = 1;
		/* Nothing left to add: no heading over an empty list. */
		if (!shown)
			continue;
		fprintf(fp, "<h2>%s</h2><ul id=\"facet-%s\">", sidebar[f].heading,
		        sidebar[f].field);
		for (j = 0, shown = 0; j < n; j++) {
			if (hri_hits_facet_get(hits, f, j, &value, &count))
				break;
			if (has_filter(s, sidebar[f].field, value))
				continue;
			/* past the first values, a list that opens without script */
			if (shown == FACET_SHOWN)
				fprintf(fp, "</ul><details class=\"more\"><summary>more "
				        "(%lu)</summary><ul id=\"facet-%s-more\">",
				        (unsigned long)(n - j), sidebar[f].field);
			fputs("<li><a href=\"", fp);
			search_href(fp, "/search", s, (size_t)-1, sidebar[f].field,
			            value, 0);
			fputs("\">", fp);
			value_text(fp, sidebar[f].field, value);
			goal_name(fp, sidebar[f].field, value);
			fprintf(fp, "</a><span class=\"n\">%lu</span></li>", count);
			shown++;
		}
		fputs(shown > FACET_SHOWN ? "</ul></details>" : "</ul>", fp);
	}
	fputs("</nav>\n", fp);
}

/* Writes the heading text of a hit or segment record: symbol, paragraph,
 * label. */
static void
seg_name(FILE *fp, const json_t *rec)
{
	const json_t *para = json_object_get(rec, "para");
	const char *label = hri_json_str(rec, "label");

	char num[32] = "";
	size_t n = 0;

	if (json_is_integer(para))
		n = (size_t)snprintf(num, sizeof num, "%lld",
		                     (long long)json_integer_value(para));
	hri_html_esc(fp, hri_json_str(rec, "symbol"));
	/* As hri-query says it: a label that starts with the paragraph number
	 * ("115.3", a footnote's "2") stands alone, else "para. 45 (e)". */
	if (n && !(label && strncmp(label, num, n) == 0 &&
	           (label[n] == '\0' || label[n] == '.')))
		fprintf(fp, " para.&nbsp;%s", num);
	if (label) {
		fputs(" ", fp);
		hri_html_esc(fp, label);
	}
}

/* Writes the line under a hit's heading: document title, date, section. */
static void
seg_meta(FILE *fp, const json_t *rec)
{
	const char *t = hri_json_str(rec, "title");
	const char *d = hri_json_str(rec, "date");
	const char *sec = hri_json_str(rec, "section");
	const char *st = hri_json_str(rec, "section_title");

	const char *sep = "";

	fputs("<div class=\"meta\">", fp);
	if (t) {
		fputs("<span class=\"title\">", fp);
		hri_html_esc(fp, t);
		fputs("</span>", fp);
		sep = " &middot; ";
	}
	if (d) {
		fprintf(fp, "%s<time>", sep);
		hri_html_esc(fp, d);
		fputs("</time>", fp);
		sep = " &middot; ";
	}
	if (sec || st) {
		fputs(sep, fp);
		hri_html_esc(fp, sec);
		fputs(sec && st ? " " : "", fp);
		hri_html_esc(fp, st);
	}
	fputs("</div>", fp);
}

/* Writes the recommendation card's additions: the treaty body or special
 * procedure and the State it reviewed, and the concern the recommendation
 * answers (whole, or as hri_out_card_cut() says). */
static void
card(FILE *fp, const json_t *rec, int whole)
{
	const char *mech = hri_json_str(rec, "mechanism");
	const char *body = hri_json_str(rec, "body");
	const char *review = hri_json_str(rec, "state_under_review");
	const char *cid = hri_json_str(rec, "concern");
	const char *ctext = hri_json_str(rec, "concern_text");
	size_t n;

	if (mech && strcmp(mech, "upr") != 0 && body) {
		fputs("<div class=\"meta mechanism\">", fp);
		filter_link(fp, "body", body, NULL);
		if (review) {
			fputs(": ", fp);
			filter_link(fp, "state_under_review", review, NULL);
		}
		fputs("</div>", fp);
	}
	if (!cid || !ctext)
		return;
	fputs("<p class=\"concern\"><span class=\"lbl\">Concern (<a "
	      "href=\"/segment?id=", fp);
	hri_html_url(fp, cid);
	fputs("\">", fp);
	hri_html_esc(fp, strchr(cid, '#') ? strchr(cid, '#') + 1 : cid);
	fputs("</a>):</span> ", fp);
	n = whole ? strlen(ctext) : hri_out_card_cut(ctext);
	if (ctext[n]) {
		char *cut = strndup(ctext, n);

		hri_html_esc(fp, cut ? cut : "");
		fputs(" &hellip;", fp);
		free(cut);
	} else {
		hri_html_esc(fp, ctext);
	}
	fputs("</p>", fp);
}

/* Writes one term of a card's facts: heading dt, then value as a link to
 * its filter on field; nothing when value is NULL. */
static void
fact(FILE *fp, const char *dt, const char *field, const char *value)
{
	if (!value)
		return;
	fprintf(fp, "<dt>%s</dt><dd>", dt);
	filter_link(fp, field, value, NULL);
	fputs("</dd>", fp);
}

/* Writes what the Index shows on every recommendation: its position, the
 * States that made it, the State under review, the mechanism, the cycle and
 * session, and the document type, each value a link to its filter. */
static void
facts(FILE *fp, const json_t *rec)
{
	const json_t *recs = json_object_get(rec, "recommending");
	const json_t *v;
	json_int_t session = hri_json_int(rec, "session", 0);
	json_int_t cycle = hri_json_int(rec, "cycle", 0);
	char cyc[32], ses[32];
	size_t i;

	snprintf(cyc, sizeof cyc, "%lld", (long long)cycle);
	snprintf(ses, sizeof ses, "%lld", (long long)session);
	fputs("<dl class=\"facts\">", fp);
	fact(fp, "Position", "position", hri_json_str(rec, "position"));
	if (json_array_size(recs)) {
		fputs("<dt>Recommending</dt><dd class=\"recommending\">", fp);
		json_array_foreach(recs, i, v) {
			if (!json_is_string(v))
				continue;
			fputs(i ? ", " : "", fp);
			filter_link(fp, "recommending", json_string_value(v), NULL);
		}
		fputs("</dd>", fp);
	}
	fact(fp, "State under review", "state_under_review",
	     hri_json_str(rec, "state_under_review"));
	fact(fp, "Mechanism", "mechanism", hri_json_str(rec, "mechanism"));
	fact(fp, "Cycle", "cycle", cycle > 0 ? cyc : NULL);
	fact(fp, "Session", "session", session > 0 ? ses : NULL);
	fact(fp, "Document type", "doctype", hri_json_str(rec, "doctype"));
	fputs("</dl>", fp);
}

/* Writes the kind badge of rec unless it is a plain paragraph. */
static void
seg_kind(FILE *fp, const json_t *rec)
{
	const char *kind = hri_json_str(rec, "kind");

	if (kind && strcmp(kind, "paragraph") != 0) {
		fputs(" <span class=\"kind\">", fp);
		hri_html_esc(fp, kind);
		fputs("</span>", fp);
	}
}

/* Writes the links to the ODS copy and to the whole document. */
static void
doc_links(FILE *fp, const json_t *rec)
{
	fputs("<a class=\"ods\" rel=\"noreferrer\" href=\"", fp);
	hri_html_esc(fp, hri_json_str(rec, "url"));
	fputs("\">ODS (PDF)</a> &middot; <a href=\"/search?q=&amp;f=symbol%3A", fp);
	hri_html_url(fp, hri_json_str(rec, "symbol"));
	fputs("&amp;sort=doc\">the whole document</a>", fp);
}

/* Writes hit rec, its link carrying back (the address of the results it
 * is in, or NULL). The snippet is Xapian's, HTML-escaped by it with the
 * matches in <b>, so it goes out as it is. */
static void
hit(FILE *fp, const json_t *rec, const char *back)
{
	fputs("<article class=\"hit\"><h3><a class=\"seg\" href=\"/segment?id=",
	      fp);
	hri_html_url(fp, hri_json_str(rec, "id"));
	if (back) {
		fputs("&amp;back=", fp);
		hri_html_url(fp, back);
	}
	fputs("\">", fp);
	seg_name(fp, rec);
	fputs("</a>", fp);
	seg_kind(fp, rec);
	fputs("</h3>", fp);
	seg_meta(fp, rec);
	fprintf(fp, "<p class=\"snippet\">%s</p>", hri_json_str(rec, "snippet"));
	card(fp, rec, 0);
	facts(fp, rec);
	fputs("<div class=\"meta\">", fp);
	doc_links(fp, rec);
	fprintf(fp, " &middot; %lld%%</div></article>\n",
	        (long long)hri_json_int(rec, "score", 0));
}

/* Writes the query language, beside the results. */
static void
help(FILE *fp)
{
	fputs("<aside class=\"help\"><h2>Query language</h2>"
	      "<p>Words are matched with their English stems: "
	      "<code>discriminate</code> finds <em>discrimination</em>.</p><ul>"
	      "<li><code>\"South-South cooperation\"</code> a phrase</li>"
	      "<li><code>water AND sanitation</code>, <code>OR</code>, "
	      "<code>NOT</code>, brackets</li>"
	      "<li><code>+torture -death</code> must have, must not</li>"
	      "<li><code>educat*</code> any ending</li>"
	      "<li><code>country:Slovenia</code>, <code>theme:\"Right to "
	      "education\"</code>, <code>sdg:16</code>, <code>affected:women</code>"
	      "</li><li><code>symbol:A/HRC/26/41</code>, <code>body:\"Human "
	      "Rights Council\"</code>, <code>year:2013..2016</code>, "
	      "<code>kind:recommendation</code>, <code>position:supported</code>"
	      "</li><li><code>mechanism:treaty-body</code> (or upr, "
	      "special-procedure), <code>review:\"United States of "
	      "America\"</code>, <code>article:\"ICCPR 6\"</code>, "
	      "<code>followup:yes</code>"
	      "</li><li><code>cites:A/HRC/19/74</code> paragraphs citing a "
	      "document; <code>org:</code>, <code>person:</code>, "
	      "<code>addressee:</code>, "
	      "<code>instrument:</code>, <code>treaty:</code>, "
	      "<code>recommending:</code>, <code>title:</code></li></ul>"
	      "<p>The sidebar's counts are over all matches; a click "
	      "adds a filter.</p></aside>\n", fp);
}

/* Returns the address of the results page of s, "/search?q=...&f=...",
 * for a paragraph view's way back; malloc()ed, or NULL when out of memory
 * (the links then go without it). */
static char *
back_address(const hri_sreq *s)
{
	char *buf = NULL, *r, *w;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	if (!mem)
		return NULL;
	search_href(mem, "/search", s, (size_t)-1, NULL, NULL, s->offset);
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	/* search_href() writes for an attribute: its only entity is &amp;
	 * (values are percent-encoded) */
	for (r = w = buf; *r; w++) {
		*w = *r;
		r += strncmp(r, "&amp;", 5) == 0 ? 5 : 1;
	}
	*w = '\0';
	return buf;
}

hri_status
hri_page_search(FILE *fp, hri_db *db, const hri_sreq *s, char *err,
                size_t errsz)
{
	const char *fields[NSIDEBAR];
	hri_query_opts qo;
	hri_out o = {NULL, HRI_FMT_JSON, 0, 0, HRI_OUT_SNIPPET, 0, db, 0};
	hri_hits *hits = NULL;
	const char *sugg;
	char *back;
	unsigned long matches;
	hri_status st;
	json_t *rec;
	size_t i, n;

	for (i = 0; i < NSIDEBAR; i++)
		fields[i] = sidebar[i].field;
	qo = hri_sreq_opts(s, fields, NSIDEBAR);
	st = hri_db_query(db, s->q, &qo, &hits);
	if (st)
		return hri_search_failed(db, st, s->q, err, errsz);
	head(fp, *s->q ? s->q : "Search", s);
	fputs("<div class=\"wrap\">", fp);
	facets(fp, s, hits);
	matches = hri_hits_matches(hits);
	n = hri_hits_count(hits);
	fputs("<main>", fp);
	if (n)
		fprintf(fp, "<p class=\"count\" id=\"count\">%lu&ndash;%lu of "
		        "<strong id=\"matches\">%lu</strong> paragraphs &middot; "
		        "export: ",
		        (unsigned long)s->offset + 1, (unsigned long)(s->offset + n),
		        matches);
	else
		fprintf(fp, "<p class=\"count\" id=\"count\">"
		        "<strong id=\"matches\">%lu</strong> paragraphs match "
		        "&middot; export: ", matches);
	fputs("<a id=\"csv\" href=\"", fp);
	search_href(fp, "/export.csv", s, (size_t)-1, NULL, NULL, 0);
	fputs("\">CSV</a> <a id=\"jsonl\" href=\"", fp);
	search_href(fp, "/export.jsonl", s, (size_t)-1, NULL, NULL, 0);
	fputs("\">JSON Lines</a></p>\n", fp);
	/* the spelling lookup is worked out only when asked: not for a
	 * query that found enough */
	sugg = matches < HRI_SEARCH_FEW_HITS ? hri_hits_suggestion(hits) : NULL;
	if (sugg) {
		fputs("<p>Did you mean <a href=\"/search?q=", fp);
		hri_html_url(fp, sugg);
		fputs("\">", fp);
		hri_html_esc(fp, sugg);
		fputs("</a>?</p>", fp);
	}
	back = back_address(s);
	for (i = 0; i < n; i++) {
		rec = hri_out_hit_record(&o, hits, i, s->offset + i + 1);
		if (!rec)
			continue;
		hit(fp, rec, back);
		json_decref(rec);
	}
	free(back);
	fputs("<div class=\"pager\">", fp);
	if (s->offset) {
		fputs("<a rel=\"prev\" href=\"", fp);
		search_href(fp, "/search", s, (size_t)-1, NULL, NULL,
		            s->offset > s->limit ? s->offset - s->limit : 0);
		fputs("\">&larr; previous</a>", fp);
	}
	if (s->offset + n < matches && n) {
		fputs("<a rel=\"next\" href=\"", fp);
		search_href(fp, "/search", s, (size_t)-1, NULL, NULL,
		            s->offset + s->limit);
		fputs("\">next &rarr;</a>", fp);
	}
	fputs("</div></main>", fp);
	help(fp);
	fputs("</div></body></html>\n", fp);
	hri_hits_free(hits);
	return matches ? HRI_OK : HRI_ERR_NOT_FOUND;
}

/* What the home page counts, in its order, with headings. */
static const struct {
	const char *field;
	const char *heading;
} holdings[] = {
	{"body", "Bodies"},
	{"mechanism", "Mechanisms"},
	{"doctype", "Document types"},
	{"state_under_review", "States under review"},
	{"kind", "Kinds of segment"},
	{"year", "Years"},
	{"symbol", "Documents"},
};
#define NHOLDINGS (sizeof holdings / sizeof holdings[0])

hri_status
hri_page_home(FILE *fp, hri_db *db, char *err, size_t errsz)
{
	const char *fields[NHOLDINGS], *value;
	hri_query_opts qo = {0};
	hri_hits *hits = NULL;
	unsigned long count;
	hri_status st;
	size_t f, j, n;

	for (f = 0; f < NHOLDINGS; f++)
		fields[f] = holdings[f].field;
	qo.facets = fields;
	qo.nfacets = NHOLDINGS;
	st = hri_db_query(db, "", &qo, &hits);
	if (st)
		return hri_search_failed(db, st, "", err, errsz);
	head(fp, "Search", NULL);
	fputs("<div class=\"wrap home\"><main>", fp);
	fprintf(fp, "<h1>Search <span id=\"docs\">%lu</span> documents, "
	        "<span id=\"segments\">%lu</span> paragraphs and "
	        "recommendations</h1>",
	        (unsigned long)hri_hits_facet_size(hits, NHOLDINGS - 1),
	        hri_hits_matches(hits));
	/* every count links to its search; the documents last, by symbol */
	for (f = 0; f < NHOLDINGS; f++) {
		n = hri_hits_facet_size(hits, f);
		if (!n)
			continue;
		fprintf(fp, "<section class=\"holding\"><h2>%s</h2>"
		        "<ul id=\"home-%s\">", holdings[f].heading,
		        holdings[f].field);
		for (j = 0; j < n; j++) {
			if (hri_hits_facet_get(hits, f, j, &value, &count))
				break;
			fputs("<li>", fp);
			filter_link(fp, holdings[f].field, value,
			            strcmp(holdings[f].field, "symbol") == 0
			                    ? "&amp;sort=doc" : NULL);
			fprintf(fp, " <span class=\"n\">%lu</span></li>", count);
		}
		fputs("</ul></section>", fp);
	}
	fputs("</main>", fp);
	help(fp);
	fputs("</div></body></html>\n", fp);
	hri_hits_free(hits);
	return HRI_OK;
}

/* Writes the annotations of rec, each value a link to its filter. */
static void
annotations(FILE *fp, const json_t *rec)
{
	const json_t *a, *v;
	const char *pos = hri_json_str(rec, "position");
	char *text;
	size_t k, j;

	fputs("<dl class=\"ann\">", fp);
	for (k = 0; k < sizeof annots / sizeof annots[0]; k++) {
		a = json_object_get(rec, annots[k].key);
		if (!json_array_size(a))
			continue;
		fprintf(fp, "<dt>%s</dt><dd>", annots[k].heading);
		json_array_foreach(a, j, v) {
			json_t *one = json_pack("[O]", v);
			text = one ? hri_out_join(one, NULL) : NULL;
			json_decref(one);
			if (!text)
				continue;
			if (j)
				fputs("; ", fp);
			if (annots[k].field && *text)
				filter_link(fp, annots[k].field, text, NULL);
			else
				hri_html_esc(fp, text);
			if (annots[k].field)
				goal_name(fp, annots[k].field, text);
			free(text);
		}
		fputs("</dd>", fp);
	}
	if (pos) {
		fputs("<dt>Position</dt><dd>", fp);
		filter_link(fp, "position", pos, NULL);
		fputs("</dd>", fp);
	}
	if (json_is_true(json_object_get(rec, "followup"))) {
		fputs("<dt>Follow-up</dt><dd>", fp);
		filter_link(fp, "followup", "yes", NULL);
		fputs("</dd>", fp);
	}
	if (hri_json_str(rec, "addressee")) {
		fputs("<dt>Addressee</dt><dd>", fp);
		filter_link(fp, "addressee", hri_json_str(rec, "addressee"), NULL);
		fputs("</dd>", fp);
	}
	fputs("</dl>", fp);
}

/* Writes the documents rec cites, each to its paragraphs here and on
 * ODS. */
static void
cites(FILE *fp, const json_t *rec)
{
	const json_t *a = json_object_get(rec, "cites"), *v;
	char url[512];
	const char *sym;
	size_t j;

	if (!json_array_size(a))
		return;
	fputs("<h3>Cites</h3><ul class=\"cites\">", fp);
	json_array_foreach(a, j, v) {
		sym = hri_json_str(v, "symbol");
		if (!sym)
			continue;
		fputs("<li>", fp);
		filter_link(fp, "symbol", sym, "&amp;sort=doc");
		if (!hri_out_ods_url(sym, "en", url, sizeof url)) {
			fputs(" (<a rel=\"noreferrer\" href=\"", fp);
			hri_html_esc(fp, url);
			fputs("\">ODS</a>)", fp);
		}
		fputs("</li>", fp);
	}
	fputs("</ul>", fp);
}

/* Writes " (title)" of the document symbol as db holds it; nothing when
 * db lacks it or its title. */
static void
doc_title(FILE *fp, hri_db *db, const char *symbol)
{
	hri_filter f = {"symbol", symbol};
	hri_query_opts qo = {0};
	hri_out o = {NULL, HRI_FMT_JSON, 0, 0, HRI_OUT_SNIPPET, 0, NULL, 0};
	hri_hits *hits = NULL;
	json_t *rec;

	if (!symbol)
		return;
	qo.limit = 1;
	qo.filters = &f;
	qo.nfilters = 1;
	if (hri_db_query(db, "", &qo, &hits) || !hri_hits_count(hits)) {
		hri_hits_free(hits);
		return;
	}
	rec = hri_out_hit_record(&o, hits, 0, 1);
	if (rec && hri_json_str(rec, "title")) {
		fputs(" <span class=\"title\">(", fp);
		hri_html_esc(fp, hri_json_str(rec, "title"));
		fputs(")</span>", fp);
	}
	json_decref(rec);
	hri_hits_free(hits);
}

/* Writes the paragraphs of other documents citing symbol. */
static void
cited_by(FILE *fp, hri_db *db, const char *symbol)
{
	json_t *list = NULL, *r, *id;
	char err[512];
	size_t i, k;
	hri_status st;

	/* the page stands without the list: a failure is only logged */
	st = hri_links_cited_by_list(db, symbol, "", &list, err, sizeof err);
	if (st)
		hri_error(NULL, "%s", err);
	if (st || !json_array_size(list)) {
		json_decref(list);
		return;
	}
	fputs("<h3>Paragraphs citing ", fp);
	hri_html_esc(fp, symbol);
	fputs("</h3><ul class=\"cited-by\">", fp);
	json_array_foreach(list, i, r) {
		fputs("<li>", fp);
		filter_link(fp, "symbol", hri_json_str(r, "symbol"),
		            "&amp;sort=doc");
		doc_title(fp, db, hri_json_str(r, "symbol"));
		fputs(": ", fp);
		json_array_foreach(json_object_get(r, "ids"), k, id) {
			fputs(k ? ", <a href=\"/segment?id=" : "<a href=\"/segment?id=",
			      fp);
			hri_html_url(fp, json_string_value(id));
			fputs("\">", fp);
			hri_html_esc(fp, json_string_value(id));
			fputs("</a>", fp);
		}
		fputs("</li>", fp);
	}
	fputs("</ul>", fp);
	json_decref(list);
}

hri_status
hri_page_segment(FILE *fp, hri_db *db, const char *id, const char *back,
                 char *err, size_t errsz)
{
	hri_out o = {NULL, HRI_FMT_JSON, 0, 1, HRI_OUT_SNIPPET, 0, db, 0};
	hri_hits *hits = NULL;
	hri_status st;
	hri_show sh;
	json_t *rec;
	size_t i, n;

	if (hri_search_show_init(&sh, id)) {
		snprintf(err, errsz, "id: too long");
		return HRI_ERR_INVALID;
	}
	st = hri_db_query(db, "", &sh.qo, &hits);
	if (st)
		return hri_search_failed(db, st, "", err, errsz);
	n = hri_hits_count(hits);
	if (!n) {
		hri_hits_free(hits);
		snprintf(err, errsz, "no segment %.200s in the index", id);
		return HRI_ERR_NOT_FOUND;
	}
	head(fp, id, NULL);
	fputs("<div class=\"wrap\"><nav class=\"facets\"></nav><main>", fp);
	/* only a results page of this site: the link leads nowhere else */
	if (back && strncmp(back, "/search?", 8) == 0 &&
	    strlen(back) < HRI_PAGE_BACK_MAX) {
		fputs("<p><a class=\"back\" rel=\"prev\" href=\"", fp);
		hri_html_esc(fp, back);
		fputs("\">&larr; back to the results</a></p>", fp);
	}
	for (i = 0; i < n; i++) {
		rec = hri_out_hit_record(&o, hits, i, i + 1);
		if (!rec)
			continue;
		fputs("<section class=\"seg\"><h2 id=\"", fp);
		hri_html_esc(fp, hri_json_str(rec, "id"));
		fputs("\">", fp);
		seg_name(fp, rec);
		seg_kind(fp, rec);
		fputs("</h2>", fp);
		seg_meta(fp, rec);
		fputs("<p class=\"text\">", fp);
		hri_html_esc(fp, hri_json_str(rec, "text"));
		fputs("</p>", fp);
		card(fp, rec, 1);
		fputs("<div class=\"meta\">", fp);
		doc_links(fp, rec);
		fputs("</div>", fp);
		annotations(fp, rec);
		cites(fp, rec);
		fputs("</section>\n", fp);
		json_decref(rec);
	}
	cited_by(fp, db, sh.symbol);
	fputs("</main>", fp);
	help(fp);
	fputs("</div></body></html>\n", fp);
	hri_hits_free(hits);
	return HRI_OK;
}

void
hri_page_error(FILE *fp, int status, const char *msg)
{
	head(fp, status == 404 ? "Not found" : "Error", NULL);
	fprintf(fp, "<div class=\"wrap\"><nav class=\"facets\"></nav><main>"
	        "<div class=\"error\"><h1>%d</h1><p id=\"error\">", status);
	hri_html_esc(fp, msg);
	fputs("</p><p><a href=\"/\">Search the index</a></p></div></main>", fp);
	help(fp);
	fputs("</div></body></html>\n", fp);
}
