/* test_extract.c - the extractor on real phrases of UN documents, one
 * field at a time, with the traps that make a naive matcher wrong: Guinea
 * inside Equatorial Guinea, Chad and Jordan as given names, Niger inside
 * Nigeria, CRC the Committee or the Convention, HIV/AIDS that looks like a
 * symbol, a Security Council resolution written after "Council". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../parse/classify.h"
#include "../../parse/extract.h"
#include "../../parse/extract_gazetteer.h"
#include "../../parse/extract_int.h"
#include "file.h"
#include "home.h"
#include "jsonl.h"
#include "record.h"

#define HRC "Human Rights Council"
#define AC "Human Rights Council Advisory Committee"

static hri_extractor *ex;

static int
setup(void **state)
{
	(void)state;
	char err[512];
	if (hri_extractor_new(&ex, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	hri_extractor_free(ex);
	return 0;
}

/* Annotates text as one paragraph of a document of symbol and body. */
static json_t *
run(const char *text, const char *symbol, const char *body)
{
	json_t *seg = hri_extract_text(ex, text, strlen(text), symbol, body);
	assert_non_null(seg);
	return seg;
}

/* Returns nonzero when seg[field] holds the string s. */
static int
has(json_t *seg, const char *field, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(seg, field), i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), s))
			return 1;
	return 0;
}

static size_t
count(json_t *seg, const char *field)
{
	return json_array_size(json_object_get(seg, field));
}

/* Returns nonzero when seg's cites hold (symbol, pinpoint or NULL). */
static int
has_cite(json_t *seg, const char *sym, const char *pin)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(seg, "cites"), i, v) {
		const char *s = hri_json_str(v, "symbol");
		const char *p = hri_json_str(v, "pinpoint");
		if (s && !strcmp(s, sym) &&
		    ((!pin && !p) || (pin && p && !strcmp(p, pin))))
			return 1;
	}
	return 0;
}

/* Returns nonzero when seg's instruments hold (kind, issuer, number). */
static int
has_instr(json_t *seg, const char *kind, const char *issuer,
          const char *number)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(seg, "instruments"), i, v) {
		const char *k = hri_json_str(v, "kind");
		const char *is = hri_json_str(v, "issuer");
		const char *n = hri_json_str(v, "number");
		if (k && n && !strcmp(k, kind) && !strcmp(n, number) &&
		    ((!issuer && !is) || (issuer && is && !strcmp(is, issuer))))
			return 1;
	}
	return 0;
}

/* ---- citations ---- */

static void
test_hri_extract_segment_cites_pinpoints(void **state)
{
	(void)state;
	json_t *s = run("As the Advisory Committee has noted (see A/HRC/19/74, "
	                "paras. 23\u201125), the overall tone ... (A/HRC/19/74, "
	                "para. 35) and (see A/HRC/24/56, para.20).", NULL, NULL);
	assert_true(has_cite(s, "A/HRC/19/74", "paras. 23-25"));
	assert_true(has_cite(s, "A/HRC/19/74", "para. 35"));
	assert_true(has_cite(s, "A/HRC/24/56", "para. 20"));
	assert_int_equal(count(s, "cites"), 3);
	json_decref(s);
	s = run("(see, for example, A/HRC/39/6, paras. 120.89 and 120.91; "
	        "A/HRC/40/7, para. 148.239) and (CMW/C/ECU/CO/3, para. 47 (g)) "
	        "and A/HRC/36/7, annex, para. 14.", NULL, NULL);
	assert_true(has_cite(s, "A/HRC/39/6", "paras. 120.89 and 120.91"));
	assert_true(has_cite(s, "A/HRC/40/7", "para. 148.239"));
	assert_true(has_cite(s, "CMW/C/ECU/CO/3", "para. 47 (g)"));
	assert_true(has_cite(s, "A/HRC/36/7", "annex, para. 14"));
	json_decref(s);
}

static void
test_hri_extract_segment_cites_series(void **state)
{
	(void)state;
	json_t *s = run("A national report (A/HRC/WG.6/20/SVN/1); general comment "
	                "CCPR/C/GC/36; the draft (A/HRC/AC/23/CRP.3); E/C.12/GC/24; "
	                "Security Council resolution S/RES/1325 (2000); "
	                "CEDAW/C/BRB/CO/5-8; A/HRC/14/15/Add.1.", NULL, NULL);
	assert_true(has_cite(s, "A/HRC/WG.6/20/SVN/1", NULL));
	assert_true(has_cite(s, "CCPR/C/GC/36", NULL));
	assert_true(has_cite(s, "A/HRC/AC/23/CRP.3", NULL));
	assert_true(has_cite(s, "E/C.12/GC/24", NULL));
	assert_true(has_cite(s, "S/RES/1325 (2000)", NULL));
	assert_true(has_cite(s, "CEDAW/C/BRB/CO/5-8", NULL));
	assert_true(has_cite(s, "A/HRC/14/15/Add.1", NULL));
	/* "CEDAW" inside a symbol names neither the treaty nor the body. */
	assert_int_equal(count(s, "treaties"), 0);
	json_decref(s);
}

static void
test_hri_extract_segment_cites_traps(void **state)
{
	(void)state;
	json_t *s = run("Rights-based responses to HIV/AIDS and/or km/h; the "
	                "A/HRC series; in 2010/11 budgets.", NULL, NULL);
	assert_int_equal(count(s, "cites"), 0);
	json_decref(s);
	/* The document's own symbol is not a citation of another. */
	s = run("Report A/HRC/28/15 cites A/HRC/28/15/Add.1.", "A/HRC/28/15", HRC);
	assert_false(has_cite(s, "A/HRC/28/15", NULL));
	assert_true(has_cite(s, "A/HRC/28/15/Add.1", NULL));
	json_decref(s);
}

static void
test_hri_extract_segment_cites_ibid_across_segments(void **state)
{
	(void)state;
	hri_extract_doc *d = NULL;
	assert_int_equal(hri_extract_doc_new(ex, "A/HRC/31/81", HRC, &d), HRI_OK);
	json_t *a = json_pack("{s:s, s:s}", "text", "Ibid.", "kind", "footnote");
	json_t *b = json_pack("{s:s, s:s}", "text", "See A/HRC/19/74, para. 26.",
	                      "kind", "footnote");
	json_t *c = json_pack("{s:s, s:s}", "text", "Ibid., para. 50.", "kind",
	                      "footnote");
	json_t *e = json_pack("{s:s, s:s}", "text",
	                      "the Advisory Committee acknowledged it (ibid.).",
	                      "kind", "paragraph");
	assert_int_equal(hri_extract_segment(d, a), HRI_OK);
	assert_int_equal(count(a, "cites"), 0); /* nothing cited before */
	assert_int_equal(hri_extract_segment(d, b), HRI_OK);
	assert_int_equal(hri_extract_segment(d, c), HRI_OK);
	assert_true(has_cite(c, "A/HRC/19/74", "para. 50"));
	assert_int_equal(hri_extract_segment(d, e), HRI_OK);
	assert_true(has_cite(e, "A/HRC/19/74", NULL));
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(e);
	hri_extract_doc_free(d);
}

/* ---- instruments ---- */

static void
test_hri_extract_segment_instruments_issuers(void **state)
{
	(void)state;
	json_t *s = run("In its resolution 13/23 on enhancement of international "
	                "cooperation in the field of human rights, the Human Rights "
	                "Council requested the Advisory Committee ... the Advisory "
	                "Committee, pursuant to its recommendation 5/4, established "
	                "a drafting group. (see Council resolutions 19/33 and "
	                "23/3) ... in resolution 16/21 and decision 17/119 ... "
	                "(see General Assembly resolution 60/251, para. 4).",
	                "A/HRC/26/41", AC);
	assert_true(has_instr(s, "resolution", HRC, "13/23"));
	assert_true(has_instr(s, "recommendation", AC, "5/4"));
	assert_true(has_instr(s, "resolution", HRC, "19/33"));
	assert_true(has_instr(s, "resolution", HRC, "23/3"));
	assert_true(has_instr(s, "resolution", HRC, "16/21"));
	assert_true(has_instr(s, "decision", HRC, "17/119"));
	assert_true(has_instr(s, "resolution", "General Assembly", "60/251"));
	assert_int_equal(count(s, "instruments"), 7);
	json_decref(s);
}

static void
test_hri_extract_segment_instruments_shapes(void **state)
{
	(void)state;
	json_t *s = run("In its resolution 72/171, the General Assembly requested "
	                "the Secretary-General ... in particular Council resolution "
	                "1625 (2005) and Security Council resolution 1325 (2000); "
	                "Commission on Human Rights resolution 2005/69 and "
	                "resolution 1998/72; Assembly resolutions 41/128 and "
	                "66/137.", "A/74/35", "General Assembly");
	assert_true(has_instr(s, "resolution", "General Assembly", "72/171"));
	assert_true(has_instr(s, "resolution", "Security Council", "1625 (2005)"));
	assert_true(has_instr(s, "resolution", "Security Council", "1325 (2000)"));
	assert_true(has_instr(s, "resolution", "Commission on Human Rights",
	                      "2005/69"));
	assert_true(has_instr(s, "resolution", "Commission on Human Rights",
	                      "1998/72"));
	assert_true(has_instr(s, "resolution", "General Assembly", "41/128"));
	assert_true(has_instr(s, "resolution", "General Assembly", "66/137"));
	json_decref(s);
}

static void
test_hri_extract_segment_instruments_general_comments(void **state)
{
	(void)state;
	json_t *s = run("In its general comment No. 3 (1990), the Committee on "
	                "Economic, Social and Cultural Rights provided an "
	                "interpretation of this obligation.", NULL, NULL);
	assert_true(has_instr(s, "general comment",
	                      "Committee on Economic, Social and Cultural Rights",
	                      "3"));
	json_decref(s);
	s = run("Human Rights Committee general comment No. 36 on the right to "
	        "life.", NULL, NULL);
	assert_true(has_instr(s, "general comment", "Human Rights Committee",
	                      "36"));
	json_decref(s);
	s = run("the recommendations of the review (recommendations 115.1 to "
	        "115.163) and general comments of the treaty bodies", NULL, NULL);
	assert_int_equal(count(s, "instruments"), 0);
	json_decref(s);
}

/* ---- States ---- */

static void
test_hri_extract_segment_countries_names(void **state)
{
	(void)state;
	json_t *s = run("the Syrian Arab Republic, Turkey, the Bolivarian Republic "
	                "of Venezuela, Plurinational State of Bolivia, the Technical "
	                "Aid Corps scheme of Nigeria, a Nigerian delegation, "
	                "Côte d’Ivoire, the Islamic Republic of Iran, Viet Nam, "
	                "the former Yugoslav Republic of Macedonia, the State of "
	                "Palestine and the Holy See", NULL, NULL);
	const char *want[] = {"Syrian Arab Republic", "Türkiye",
	                      "Venezuela (Bolivarian Republic of)",
	                      "Bolivia (Plurinational State of)", "Nigeria",
	                      "Côte d'Ivoire", "Iran (Islamic Republic of)",
	                      "Viet Nam", "North Macedonia", "State of Palestine",
	                      "Holy See"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!has(s, "countries", want[i]))
			fail_msg("missing %s", want[i]);
	assert_int_equal(count(s, "countries"), sizeof want / sizeof want[0]);
	json_decref(s);
}

static void
test_hri_extract_segment_countries_traps(void **state)
{
	(void)state;
	json_t *s = run("Equatorial Guinea, Papua New Guinea and Guinea-Bissau; "
	                "the Democratic People's Republic of Korea; South Sudan; "
	                "the Dominican Republic; the Democratic Republic of the "
	                "Congo.", NULL, NULL);
	assert_false(has(s, "countries", "Guinea"));
	assert_true(has(s, "countries", "Equatorial Guinea"));
	assert_true(has(s, "countries", "Papua New Guinea"));
	assert_true(has(s, "countries", "Guinea-Bissau"));
	assert_false(has(s, "countries", "Republic of Korea"));
	assert_false(has(s, "countries", "Sudan"));
	assert_false(has(s, "countries", "Dominica"));
	assert_false(has(s, "countries", "Congo"));
	assert_int_equal(count(s, "countries"), 7);
	json_decref(s);
	s = run("Chad Anderson and Mr. Jordan spoke; Georgia Brown chaired; the "
	        "Niger Delta; Nigeria and the Niger.", NULL, NULL);
	assert_false(has(s, "countries", "Chad"));
	assert_false(has(s, "countries", "Jordan"));
	assert_false(has(s, "countries", "Georgia"));
	assert_true(has(s, "countries", "Nigeria"));
	assert_true(has(s, "countries", "Niger"));
	assert_int_equal(count(s, "countries"), 2);
	json_decref(s);
	s = run("Chad, Jordan and Georgia made statements.", NULL, NULL);
	assert_int_equal(count(s, "countries"), 3);
	json_decref(s);
	/* A name inside an organization's name is not a State of the text. */
	s = run("the United Nations Relief and Works Agency for Palestine Refugees "
	        "in the Near East", NULL, NULL);
	assert_int_equal(count(s, "countries"), 0);
	assert_true(has(s, "organizations", "United Nations Relief and Works "
	                "Agency for Palestine Refugees in the Near East"));
	json_decref(s);
}

static void
test_hri_extract_state_forms(void **state)
{
	(void)state;
	struct { const char *in, *out; } cases[] = {
		{"Brazil", "Brazil"},
		{"the Republic of Moldova", "Republic of Moldova"},
		{"United Kingdom of Great Britain and Northern Ireland",
		 "United Kingdom of Great Britain and Northern Ireland"},
		{"Bolivia (Plurinational State of)",
		 "Bolivia (Plurinational State of)"},
		{"Holy See", "Holy See"},
		{"Turkey", "Türkiye"},
		{"Nigerian", "Nigeria"},
		{"The Syrian Arab Republic", "Syrian Arab Republic"},
		{"Czech Republic", "Czechia"},
		{"Netherlands", "Netherlands (Kingdom of the)"},
		{" Guinea ", "Guinea"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = hri_extract_state(ex, cases[i].in,
		                                    strlen(cases[i].in));
		if (!got || strcmp(got, cases[i].out))
			fail_msg("%s -> %s, want %s", cases[i].in, got ? got : "NULL",
			         cases[i].out);
	}
	assert_null(hri_extract_state(ex, "Atlantis", 8));
	assert_null(hri_extract_state(ex, "Guinea pig", 10));
	assert_null(hri_extract_state(ex, "", 0));
	assert_null(hri_extract_state(ex, "\xff\xfe", 2));
}

/* ---- organizations and treaties ---- */

static void
test_hri_extract_segment_organizations(void **state)
{
	(void)state;
	json_t *s = run("organized by OHCHR with UNDP, the ILO, UN-Women, CERD, "
	                "UNESCO, the United Nations Children's Fund (UNICEF), the "
	                "Human Rights Council Advisory Committee, the Special "
	                "Rapporteur on the right to development, the European "
	                "Union and the African Union.", NULL, NULL);
	const char *want[] = {
		"Office of the United Nations High Commissioner for Human Rights",
		"United Nations Development Programme",
		"International Labour Organization",
		"United Nations Entity for Gender Equality and the Empowerment of "
		"Women",
		"Committee on the Elimination of Racial Discrimination",
		"United Nations Educational, Scientific and Cultural Organization",
		"United Nations Children's Fund", AC,
		"Special Rapporteur on the right to development", "European Union",
		"African Union"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!has(s, "organizations", want[i]))
			fail_msg("missing %s", want[i]);
	assert_int_equal(count(s, "organizations"), sizeof want / sizeof want[0]);
	json_decref(s);
}

static void
test_hri_extract_segment_treaties(void **state)
{
	(void)state;
	json_t *s = run("the two Covenants, the International Covenant on Civil "
	                "and Political Rights (ICCPR), ICESCR, the Optional "
	                "Protocol to the Convention against Torture, the Istanbul "
	                "Convention, the Universal Declaration of Human Rights, the "
	                "Charter of the United Nations, the Vienna Declaration and "
	                "Programme of Action, the Declaration on the Right to "
	                "Development, the 2030 Agenda for Sustainable Development, "
	                "the African Charter on Human and Peoples\u2019 Rights and "
	                "the European Convention on Human Rights", NULL, NULL);
	const char *want[] = {
		"International Covenant on Civil and Political Rights",
		"International Covenant on Economic, Social and Cultural Rights",
		"Optional Protocol to the Convention against Torture and Other Cruel, "
		"Inhuman or Degrading Treatment or Punishment",
		"Council of Europe Convention on Preventing and Combating Violence "
		"against Women and Domestic Violence",
		"Universal Declaration of Human Rights",
		"Charter of the United Nations",
		"Vienna Declaration and Programme of Action",
		"Declaration on the Right to Development",
		"2030 Agenda for Sustainable Development",
		"African Charter on Human and Peoples' Rights",
		"European Convention on Human Rights"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!has(s, "treaties", want[i]))
			fail_msg("missing %s", want[i]);
	/* The Protocol, not the Convention inside its name. */
	assert_false(has(s, "treaties", "Convention against Torture and Other "
	                 "Cruel, Inhuman or Degrading Treatment or Punishment"));
	assert_int_equal(count(s, "treaties"), sizeof want / sizeof want[0]);
	json_decref(s);
}

static void
test_hri_extract_segment_shared_abbreviations(void **state)
{
	(void)state;
	json_t *s = run("CRC recommended that the State ratify CEDAW.", NULL,
	                NULL);
	assert_true(has(s, "organizations", "Committee on the Rights of the Child"));
	assert_false(has(s, "treaties", "Convention on the Rights of the Child"));
	assert_true(has(s, "treaties", "Convention on the Elimination of All Forms "
	                "of Discrimination against Women"));
	json_decref(s);
}

/* ---- persons and dates ---- */

static void
test_hri_extract_segment_persons(void **state)
{
	(void)state;
	json_t *s = run("Mr. Somavía also warned ... Alfred Ntunduguru Karokora, "
	                "Obiora Chinedu Okafor (Rapporteur), Katharina Pabel and "
	                "Dheerujlall Seetulsingh (Chair), as well as Ms. Navi "
	                "Pillay and H.E. Ambassador Remigiusz Henczel.", NULL,
	                NULL);
	assert_true(has(s, "persons", "Somavía"));
	assert_true(has(s, "persons", "Obiora Chinedu Okafor"));
	assert_true(has(s, "persons", "Dheerujlall Seetulsingh"));
	assert_true(has(s, "persons", "Navi Pillay"));
	assert_true(has(s, "persons", "Remigiusz Henczel"));
	/* No title, no role: not taken (precision first). */
	assert_false(has(s, "persons", "Katharina Pabel"));
	json_decref(s);
	s = run("The Executive Director of the South Centre, Martin Khor, noted "
	        "it; the Permanent Representative of the Islamic Republic of Iran, "
	        "Abbas Bagherpour Ardekani, agreed; the Special Rapporteur on "
	        "education, Sierra Leone, and the Minister, Slovenia, spoke.",
	        NULL, NULL);
	assert_true(has(s, "persons", "Martin Khor"));
	assert_true(has(s, "persons", "Abbas Bagherpour Ardekani"));
	assert_false(has(s, "persons", "Sierra Leone"));
	assert_int_equal(count(s, "persons"), 2);
	json_decref(s);
	s = run("The Human Rights Council (President) and the Working Group "
	        "(Chair) met; Special Rapporteur on the right to food.", NULL,
	        NULL);
	assert_int_equal(count(s, "persons"), 0);
	json_decref(s);
}

static void
test_hri_extract_segment_dates(void **state)
{
	(void)state;
	json_t *s = run("convened on 15 February 2013; whose term ended on 30 "
	                "September 2013; at its twelfth session, in February 2014; "
	                "held on 10 and 11 June 2014 and from 29 September to 3 "
	                "October 2014; since 2010; 31 February 2014.", NULL, NULL);
	const char *want[] = {"2013-02-15", "2013-09-30", "2014-02", "2014-06-10",
	                      "2014-06-11", "2014-09-29", "2014-10-03"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!has(s, "dates", want[i]))
			fail_msg("missing %s", want[i]);
	assert_int_equal(count(s, "dates"), sizeof want / sizeof want[0]);
	json_decref(s);
	/* The month inside a treaty's name still makes a date. */
	s = run("the Geneva Conventions of 12 August 1949", NULL, NULL);
	assert_true(has(s, "dates", "1949-08-12"));
	assert_true(has(s, "treaties", "Geneva Conventions"));
	json_decref(s);
	/* The post inside a body's name still lets the name after it in. */
	s = run("the United Nations High Commissioner for Human Rights, Navi "
	        "Pillay, said", NULL, NULL);
	assert_true(has(s, "persons", "Navi Pillay"));
	json_decref(s);
}

/* ---- themes, SDGs, affected ---- */

static void
test_hri_extract_segment_taxonomy(void **state)
{
	(void)state;
	json_t *s = run("Combat trafficking in persons, especially women and "
	                "children, and ensure birth registration (target 16.9).",
	                NULL, NULL);
	assert_true(has(s, "themes",
	                "Human trafficking & contemporary forms of slavery"));
	/* Trafficking is Goal 8 and 16 in OHCHR's lists, not Goal 5. */
	assert_false(has(s, "sdgs", "5.2"));
	assert_true(has(s, "sdgs", "8.7"));
	assert_true(has(s, "sdgs", "16.2"));
	assert_true(has(s, "sdgs", "16.9"));
	assert_true(has(s, "sdgs", "16"));
	assert_true(has(s, "affected", "Women & girls"));
	assert_true(has(s, "affected", "Children"));
	json_decref(s);
	/* A theme brings the SDG goal labels.tsv links it to. */
	s = run("Ensure free primary and secondary schooling for all.", NULL, NULL);
	assert_true(has(s, "themes", "Right to education"));
	assert_true(has(s, "sdgs", "4"));
	json_decref(s);
	s = run("Goal 17 and Sustainable Development Goals 5 and 10, unlike "
	        "Millennium Development Goal 3 or goal 2030.", NULL, NULL);
	assert_true(has(s, "sdgs", "17"));
	assert_true(has(s, "sdgs", "5"));
	assert_true(has(s, "sdgs", "10"));
	assert_false(has(s, "sdgs", "3"));
	json_decref(s);
}

static void
test_hri_extract_segment_recommendation_and_explain(void **state)
{
	(void)state;
	hri_extract_doc *d = NULL;
	assert_int_equal(hri_extract_doc_new(ex, "A/HRC/28/15", HRC, &d), HRI_OK);
	hri_extract_doc_set_explain(d, 1);
	json_t *seg = json_pack("{s:s, s:s, s:[s]}", "text",
	                        "Address discrimination by the public and private "
	                        "sectors as a matter of priority (Israel);", "kind",
	                        "recommendation", "recommending", "Israel");
	assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
	/* Every UPR recommendation concerns the State's officials. */
	assert_true(has(seg, "affected", "Public officials"));
	assert_true(has(seg, "themes", "Equality & non-discrimination"));
	json_t *ex_ = json_object_get(seg, "explain");
	assert_true(json_array_size(ex_) >= 2);
	int found = 0, model = 0;
	size_t i;
	json_t *v;
	json_array_foreach(ex_, i, v) {
		const char *val = hri_json_str(v, "value");
		const char *rule = hri_json_str(v, "rule");
		if (val && !strcmp(val, "Equality & non-discrimination") &&
		    strstr(rule, "taxonomy.tsv:")) {
			assert_string_equal(hri_json_str(v, "match"), "discrimination");
			found = 1;
		}
		/* The model says which of the text's terms gave the label. */
		if (!strcmp(hri_json_str(v, "field"), "issues")) {
			assert_non_null(strstr(rule, "classifier.model p="));
			assert_true(strlen(hri_json_str(v, "match")) > 0);
			model = 1;
		}
	}
	assert_true(found);
	assert_true(model);
	json_decref(seg);
	/* A paragraph gets no issues, nor does the recommendation of a report
	 * other than a UPR one (it names no recommending State): they are of
	 * UPR recommendations. */
	static const char *const kinds[] = {"paragraph", "recommendation"};
	for (size_t k = 0; k < 2; k++) {
		seg = json_pack("{s:s, s:s}", "text", "The Council should ratify "
		                "the treaties and end discrimination.", "kind",
		                kinds[k]);
		assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
		assert_int_equal(json_array_size(json_object_get(seg, "issues")), 0);
		assert_false(has(seg, "affected", "Public officials"));
		json_decref(seg);
	}
	hri_extract_doc_free(d);
}

/* The issues of recommendations UPR-info labelled alike, none of them in
 * its CSV: the model, not a memory of its training rows. */
static void
test_hri_extract_segment_issues(void **state)
{
	(void)state;
	static const struct {
		const char *text, *issue;
	} cases[] = {
		{"Ratify the Convention on the Rights of Persons with Disabilities "
		 "and its Optional Protocol (Ghana);", "International instruments"},
		{"Abolish the death penalty for all crimes and commute the "
		 "sentences of those on death row (Norway);", "Death penalty"},
		{"Take measures to combat trafficking in women and children for "
		 "sexual exploitation (Belarus);", "Trafficking"},
		{"Guarantee the independence of the judiciary and the right to a "
		 "fair trial (Austria);", "Justice"},
		{"Extend a standing invitation to all special procedures mandate "
		 "holders (Latvia);", "Special procedures"},
	};
	hri_extract_doc *d = NULL;
	assert_int_equal(hri_extract_doc_new(ex, NULL, HRC, &d), HRI_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *seg = json_pack("{s:s, s:s, s:[]}", "text", cases[i].text,
		                        "kind", "recommendation", "recommending");
		assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
		if (!has(seg, "issues", cases[i].issue))
			fail_msg("%s: no issue \"%s\"", cases[i].text, cases[i].issue);
		json_decref(seg);
	}
	hri_extract_doc_free(d);
}

/* ---- contract ---- */

static void
test_hri_extract_segment_empty_and_invalid(void **state)
{
	(void)state;
	hri_extract_doc *d = NULL;
	assert_int_equal(hri_extract_doc_new(ex, NULL, NULL, &d), HRI_OK);
	json_t *seg = json_pack("{s:s}", "kind", "paragraph");
	assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
	const char *fields[] = {"cites", "instruments", "countries",
	                        "organizations", "persons", "dates", "treaties",
	                        "themes", "sdgs", "affected", "issues"};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		json_t *a = json_object_get(seg, fields[i]);
		assert_true(json_is_array(a));
		assert_int_equal(json_array_size(a), 0);
	}
	assert_null(json_object_get(seg, "explain"));
	json_decref(seg);
	json_t *arr = json_array();
	assert_int_equal(hri_extract_segment(d, arr), HRI_ERR_INVALID);
	json_decref(arr);
	hri_extract_doc_free(d);
	hri_extract_doc_free(NULL);
	hri_extractor_free(NULL);
}

/* Counts the segments with a citation. */
static void
count_cited(json_t *seg, void *ud)
{
	if (json_array_size(json_object_get(seg, "cites")))
		(*(int *)ud)++;
}

static void
test_hri_extract_paragraphs_corpus(void **state)
{
	(void)state;
	char path[4096];
	const char *corpus = getenv("HRI_CORPUS");
	snprintf(path, sizeof path, "%s/A_HRC_31_81.md", corpus ? corpus :
	         "corpus");
	unsigned char *buf = NULL;
	size_t len = 0, n = 0;
	assert_int_equal(hri_file_read(path, 1 << 24, &buf, &len), HRI_OK);
	int cited = 0;
	assert_int_equal(hri_extract_paragraphs(ex, (char *)buf, len,
	                                        "A/HRC/31/81", HRC, count_cited,
	                                        &cited, &n), HRI_OK);
	/* The report's numbered paragraphs, headings and footnotes. */
	assert_true(n > 50);
	assert_true(cited >= 8);
	free(buf);
	assert_int_equal(hri_extract_paragraphs(ex, "a\n\n\xff\xfe\n", 7, NULL,
	                                        NULL, NULL, NULL, &n),
	                 HRI_ERR_INVALID);
	assert_int_equal(n, 1);
}

/* Writes text into dir/name. */
static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void expect_bad(const char *dir, const char *what);

/* Returns the little-endian number of n bytes at p. */
static size_t
le(const unsigned char *p, int n)
{
	size_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Writes the len bytes at bin as dir's classifier.model and expects
 * hri_extractor_new() to refuse it, saying what. */
static void
bad_model(const char *dir, const unsigned char *bin, size_t len,
          const char *what)
{
	char path[512];
	snprintf(path, sizeof path, "%s/classifier.model", dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bin, 1, len, fp), len);
	fclose(fp);
	expect_bad(dir, what);
}

/* Expects hri_extractor_new() to fail with HRI_ERR_FORMAT and a message
 * holding what, data being dir. */
static void
expect_bad(const char *dir, const char *what)
{
	char err[512];
	char *saved = strdup(getenv("HRI_DATA"));
	setenv("HRI_DATA", dir, 1);
	hri_extractor *bad = NULL;
	hri_status st = hri_extractor_new(&bad, err, sizeof err);
	if (st != HRI_ERR_FORMAT)
		fail_msg("%s: %s, not a format error", err, hri_status_str(st));
	assert_null(bad);
	if (!strstr(err, what))
		fail_msg("\"%s\" does not say \"%s\"", err, what);
	setenv("HRI_DATA", saved, 1);
	free(saved);
}

static void
test_hri_extractor_new_bad_table(void **state)
{
	(void)state;
	char dir[] = "/tmp/hri-extract-XXXXXX";
	char src[4096];
	assert_non_null(mkdtemp(dir));
	const char *data = getenv("HRI_DATA");
	assert_non_null(data);
	const char *tables[] = {"countries.tsv", "organizations.tsv",
	                        "treaties.tsv", "labels.tsv", "classifier.model",
	                        "iso3.tsv"};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(src, sizeof src, "cp '%s/%s' '%s/'", data, tables[i], dir);
		assert_int_equal(system(src), 0);
	}
	write_file(dir, "taxonomy.tsv", "# a comment\ntheme only two columns\n");
	expect_bad(dir, "taxonomy.tsv: line 2");
	/* A rule's value must be a label of labels.tsv, by its current name. */
	write_file(dir, "taxonomy.tsv", "theme\tEquality & non-discrimination\t"
	           "equality\ntheme\tAcceptance of international norms\tratif*\n");
	expect_bad(dir, "taxonomy.tsv: line 2");
	/* A model of another version, or a label the table lacks. */
	snprintf(src, sizeof src, "cp '%s/taxonomy.tsv' '%s/'", data, dir);
	assert_int_equal(system(src), 0);
	write_file(dir, "classifier.model", "hri-classifier\t2\n");
	expect_bad(dir, "classifier.model: line 1");
	write_file(dir, "classifier.model", "hri-classifier\t1\n"
	           "set\tissues\t1\t0.5\t1\nlabel\t0\t-1\tNo such issue\n"
	           "features\t1\nw\tratify\t0.0:2.5\n");
	expect_bad(dir, "No such issue");
	/* The binary model (make model's) damaged: cut short, another
	 * version, a weight of no set, a feature's name out of the file. */
	snprintf(src, sizeof src, "%s/classifier.model", data);
	unsigned char *bin = NULL;
	size_t binlen = 0;
	assert_int_equal(hri_file_read(src, 1 << 26, &bin, &binlen), HRI_OK);
	assert_true(binlen > 64);
	assert_memory_equal(bin, "hri-classifier\tB", 16);
	bad_model(dir, bin, 1000, "classifier.model: damaged: not the size");
	bin[16] = 2;
	bad_model(dir, bin, binlen, "classifier.model: a binary model of another");
	bin[16] = 1;
	size_t nsets = le(bin + 24, 4), nlabels = le(bin + 28, 4),
	       nslots = le(bin + 32, 8), nw = le(bin + 48, 8);
	size_t slots = 64 + nsets * 40 + nlabels * 16;
	size_t wset = slots + nslots * 24 + nw * 4;
	bin[wset + nw / 2] = 200;
	bad_model(dir, bin, binlen, "classifier.model: damaged: a weight");
	bin[wset + nw / 2] = 0;
	size_t k = 0;
	while (k < nslots && !le(bin + slots + 24 * k, 8))
		k++;
	assert_true(k < nslots);
	memset(bin + slots + 24 * k + 8, 0xff, 4);
	bad_model(dir, bin, binlen, "classifier.model: damaged: a feature's slot");
	free(bin);
	/* A code whose name is no State of countries.tsv. */
	snprintf(src, sizeof src, "cp '%s/classifier.model' '%s/'", data, dir);
	assert_int_equal(system(src), 0);
	write_file(dir, "iso3.tsv",
	           "# codes\nUSA\tUnited States of America\nXKX\tKosovo\n");
	expect_bad(dir, "iso3.tsv: line 3");
	snprintf(src, sizeof src, "rm -r '%s'", dir);
	assert_int_equal(system(src), 0);
}

/* The codes of data/iso3.tsv, a mandate by its names, and the themes a
 * subject line gives a concluding observation's recommendation. */
static void
test_hri_extract_codes_mandates_context(void **state)
{
	(void)state;
	hri_extract_doc *d = NULL;
	json_t *seg;

	assert_string_equal(hri_extract_state_code(ex, "USA"),
	                    "United States of America");
	assert_string_equal(hri_extract_state_code(ex, "TUR"), "Türkiye");
	assert_null(hri_extract_state_code(ex, "XKX"));
	assert_null(hri_extract_state_code(ex, NULL));
	assert_string_equal(hri_extract_org(ex, "Special Rapporteur on torture",
	                                    29),
	                    "Special Rapporteur on torture and other cruel, "
	                    "inhuman or degrading treatment or punishment");
	assert_null(hri_extract_org(ex, "Slovenia", 8));
	assert_null(hri_extract_state(ex, "Human Rights Council", 20));
	assert_int_equal(hri_extract_doc_new(ex, "CCPR/C/USA/CO/4",
	                                     "Human Rights Committee", &d),
	                 HRI_OK);
	seg = json_pack("{s:s, s:s}", "kind", "recommendation", "text",
	                "Ensure that retentionist states provide adequate "
	                "compensation;");
	assert_non_null(seg);
	assert_int_equal(hri_extract_segment(d, seg), HRI_OK);
	assert_false(has(seg, "themes", "Death penalty"));
	assert_int_equal(hri_extract_segment_context(d, seg, "Death penalty"),
	                 HRI_OK);
	assert_true(has(seg, "themes", "Death penalty"));
	json_decref(seg);
	hri_extract_doc_free(d);
}

/* hri_gaz_lookup() answers through the first byte's anchored pattern and
 * the whole list only for a name opening with a non-ASCII byte: both ways,
 * in both cases of letter, whole names only. */
static void
test_hri_gaz_lookup_whole_names(void **state)
{
	(void)state;
	static const char *const phr[] = {"Kenya", "Kiribati", "Saint Lucia",
	                                  "Cote d'Ivoire"};
	int id[4];
	char err[256];

	for (int flags = 0; flags <= HRI_GAZ_CASELESS; flags++) {
		hri_gaz *g = NULL;
		assert_int_equal(hri_gaz_new(flags, &g), HRI_OK);
		for (int i = 0; i < 4; i++)
			assert_int_equal(hri_gaz_add(g, phr[i], strlen(phr[i]),
			                             &id[i]),
			                 HRI_OK);
		assert_int_equal(hri_gaz_compile(g, err, sizeof err), HRI_OK);
		for (int i = 0; i < 4; i++)
			assert_int_equal(hri_gaz_lookup(g, phr[i], strlen(phr[i])),
			                 id[i]);
		assert_int_equal(hri_gaz_lookup(g, "Saint  Lucia", 12), id[2]);
		assert_int_equal(hri_gaz_lookup(g, "Cote d\xe2\x80\x99Ivoire", 15),
		                 id[3]);
		/* not whole names, or none of the list */
		assert_int_equal(hri_gaz_lookup(g, "Ken", 3), -1);
		assert_int_equal(hri_gaz_lookup(g, "Kenyan", 6), -1);
		assert_int_equal(hri_gaz_lookup(g, " Kenya", 6), -1);
		assert_int_equal(hri_gaz_lookup(g, "Uganda", 6), -1);
		assert_int_equal(hri_gaz_lookup(g, "", 0), -1);
		assert_int_equal(hri_gaz_lookup(g, "\xff", 1), -1);
		/* the other case of letter: a caseless list only */
		assert_int_equal(hri_gaz_lookup(g, "kenya", 5),
		                 flags ? id[0] : -1);
		assert_int_equal(hri_gaz_lookup(g, "SAINT LUCIA", 11),
		                 flags ? id[2] : -1);
		/* the whole list's path: the Kelvin sign (U+212A) is a K to a
		 * caseless UTF-8 pattern, but not a word byte to the \b that
		 * opens every phrase */
		assert_int_equal(hri_gaz_lookup(g, "\xe2\x84\xaa" "enya", 7), -1);
		assert_int_equal(hri_gaz_lookup(g, "\xc3\x89" "tat", 5), -1);
		hri_gaz_free(g);
	}
}

/* The matches of one scan, as (id, start, end). */
typedef struct gaz_hits {
	size_t v[3 * 4096];
	size_t n; /* numbers used */
} gaz_hits;

static int
gaz_hit(void *ud, int id, size_t start, size_t end)
{
	gaz_hits *h = ud;
	if (h->n + 3 <= sizeof h->v / sizeof h->v[0]) {
		h->v[h->n++] = (size_t)id;
		h->v[h->n++] = start;
		h->v[h->n++] = end;
	}
	return 0;
}

/* Adds to g the phrases of the data table name: the tab-separated fields
 * of its lines (from field first on), each split at '|'. */
static void
gaz_add_table(hri_gaz *g, const char *name, int first)
{
	char path[4096];
	unsigned char *buf = NULL;
	size_t len = 0;
	int id;

	assert_int_equal(hri_data_path(name, path, sizeof path), HRI_OK);
	assert_int_equal(hri_file_read(path, 1 << 24, &buf, &len), HRI_OK);
	for (char *line = (char *)buf, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (*line == '#')
			continue;
		int field = 0;
		for (char *f = line, *tab; f; f = tab, field++) {
			tab = strchr(f, '\t');
			if (tab)
				*tab++ = '\0';
			if (field < first)
				continue;
			for (char *ph = f, *bar; ph; ph = bar) {
				bar = strchr(ph, '|');
				if (bar)
					*bar++ = '\0';
				/* some fields are no phrases (empty, "&"): refused */
				(void)hri_gaz_add(g, ph, strlen(ph), &id);
			}
		}
	}
	free(buf);
}

/* Puts the UTF-8 of code point cp at out; returns its length. */
static size_t
put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* The walk over the trie (the default) finds what the PCRE2 patterns
 * (HRI_GAZ_PATTERNS) find, match for match, over every phrase of the
 * bundled tables and phrases of each kind the walk treats apart (stems,
 * apostrophes, runs of space, non-ASCII letters, punctuation), in both
 * cases of letter: on the bundled corpus's text, and on it changed where
 * the walk must hand over to PCRE2 (the Kelvin sign for K, the long s,
 * accented letters, U+2019, no-break spaces, upper case, tabs and line
 * ends between words); and names looked up whole. */
static void
test_hri_gaz_walk_as_patterns(void **state)
{
	(void)state;
	static const char *const extra[] = {
		"Cote d'Ivoire", "C\xc3\xb4te d'Ivoire", "traffick*", "ab*",
		"child*", "child labour", "child  soldiers *", "U.N. Women",
		"Kelvin", "K\xc3\xa9nya", "sk\xc3\xa9", "Mar\xe2\x84\xaa" "et",
		"sa\xc5\xbf", "S\xc3\xa3o Tom\xc3\xa9",
		"non-State actors", "women's rights", "1325", "24/7", "x"};
	static const char *const texts[] = {"A_HRC_26_41.txt", "A_74_35.md",
	                                    "A_HRC_23_20.md", "A_HRC_31_81.md",
	                                    "CCPR_C_USA_CO_4.txt"};
	char path[4096], err[256], *top;
	gaz_hits *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	size_t total = 0, unsure = 0;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(md);
	assert_int_equal(hri_data_path("countries.tsv", path, sizeof path),
	                 HRI_OK);
	top = strstr(path, "/data/countries.tsv");
	assert_non_null(top);
	*top = '\0';
	for (int flags = 0; flags <= HRI_GAZ_CASELESS; flags++) {
		hri_gaz *g[2];
		int id;
		for (int k = 0; k < 2; k++) {
			assert_int_equal(
			        hri_gaz_new(flags | (k ? HRI_GAZ_PATTERNS : 0), &g[k]),
			        HRI_OK);
			gaz_add_table(g[k], "countries.tsv", 0);
			gaz_add_table(g[k], "organizations.tsv", 0);
			gaz_add_table(g[k], "treaties.tsv", 0);
			gaz_add_table(g[k], "taxonomy.tsv", 2);
			for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
				assert_int_equal(hri_gaz_add(g[k], extra[i],
				                             strlen(extra[i]), &id),
				                 HRI_OK);
			assert_int_equal(hri_gaz_compile(g[k], err, sizeof err),
			                 HRI_OK);
		}
		for (size_t ti = 0; ti < sizeof texts / sizeof *texts; ti++) {
			char file[4200];
			unsigned char *buf = NULL;
			size_t len = 0;
			snprintf(file, sizeof file, "%s/corpus/%s", path, texts[ti]);
			assert_int_equal(hri_file_read(file, 1 << 24, &buf, &len),
			                 HRI_OK);
			/* each version: as it is, then changed one byte in 7, 3
			 * and 2 (xorshift, the same every run) */
			for (int v = 0; v < 4; v++) {
				char *t = malloc(len * 3 + 1);
				size_t n = 0;
				uint32_t x = 2463534242u + (uint32_t)v;
				assert_non_null(t);
				for (size_t i = 0; i < len; i++) {
					unsigned char c = buf[i];
					x ^= x << 13;
					x ^= x >> 17;
					x ^= x << 5;
					if (!v || c >= 0x80 || x % (v == 1 ? 7 : v == 2 ? 3 : 2)) {
						t[n++] = (char)c;
						continue;
					}
					switch ((x >> 8) % 8) {
					case 0: /* upper case */
						t[n++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
						break;
					case 1: /* the Kelvin sign, the long s, the
						         * dotted and dotless i */
						if (c == 'k' || c == 'K')
							n += put_utf8(t + n, 0x212A);
						else if (c == 's' || c == 'S')
							n += put_utf8(t + n, 0x17F);
						else if (c == 'i' || c == 'I')
							n += put_utf8(t + n, (x >> 12) % 2 ? 0x130
							                                   : 0x131);
						else
							t[n++] = (char)c;
						break;
					case 2: /* accents */
						if (c == 'e' || c == 'o')
							n += put_utf8(t + n, c == 'e' ? 0xE9 : 0xF4);
						else if (c == 'E')
							n += put_utf8(t + n, 0xC9);
						else
							t[n++] = (char)c;
						break;
					case 3: /* apostrophes */
						if (c == '\'')
							n += put_utf8(t + n, 0x2019);
						else if (c == ' ')
							t[n++] = '\'';
						else
							t[n++] = (char)c;
						break;
					case 4: /* other white space */
						if (c == ' ')
							n += put_utf8(t + n, (x >> 12) % 2 ? 0xA0 : 0x85);
						else
							t[n++] = (char)c;
						break;
					case 5:
						t[n++] = (char)(c == ' ' ? "\t\n\r\v\f"[(x >> 12) % 5]
						                         : c);
						break;
					case 6: /* a space cut out: words run together */
						if (c != ' ')
							t[n++] = (char)c;
						break;
					default:
						t[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
						break;
					}
				}
				t[n] = '\0';
				a->n = b->n = 0;
				assert_int_equal(hri_gaz_scan(g[0], t, n, md, NULL, gaz_hit,
				                              a),
				                 HRI_OK);
				assert_int_equal(hri_gaz_scan(g[1], t, n, md, NULL, gaz_hit,
				                              b),
				                 HRI_OK);
				assert_int_equal(a->n, b->n);
				assert_memory_equal(a->v, b->v, a->n * sizeof a->v[0]);
				total += a->n / 3;
				/* whole names: every match found, and its text a byte
				 * longer and shorter */
				for (size_t i = 0; i < a->n; i += 3) {
					const char *m = t + a->v[i + 1];
					size_t ml = a->v[i + 2] - a->v[i + 1];
					for (size_t d = 0; d < 3; d++) {
						size_t l = ml + d - 1;
						if (l > n - a->v[i + 1])
							continue;
						assert_int_equal(hri_gaz_lookup(g[0], m, l),
						                 hri_gaz_lookup(g[1], m, l));
					}
					/* the matches that only PCRE2 could tell */
					for (size_t j = 0; j < ml; j++)
						if ((unsigned char)m[j] >= 0x80 &&
						    (unsigned char)m[j] != 0xE2) {
							unsure++;
							break;
						}
				}
				free(t);
			}
			free(buf);
		}
		hri_gaz_free(g[0]);
		hri_gaz_free(g[1]);
	}
	/* the texts hold many matches, some of them through PCRE2 */
	assert_true(total > 5000);
	assert_true(unsure > 10);
	pcre2_match_data_free(md);
	free(a);
	free(b);
}

/* A model in the text form (hri-train --text) and the binary form that
 * hri_classifier_save() writes of it give the same labels, probabilities
 * and terms; the text form is still read. */
static void
test_hri_classifier_save_load_same(void **state)
{
	(void)state;
	static const char model[] =
	        "hri-classifier\t1\n# a model of two features\n"
	        "set\tissues\t2\t0.5\t0.15\n"
	        "label\t0\t-1.25\tWomen's rights\nlabel\t1\t-2\tDeath penalty\n"
	        "set\tthemes\t1\t0.4\t1\n"
	        "label\t0\t-0.5\tDeath penalty\n"
	        "features\t3\n"
	        "w\tdeath penalty\t0.1:4.5 1.0:3.25\n"
	        "w\tratify\t0.0:1.5\n"
	        "w\twomen\t0.0:3.125 0.1:-0.5\n";
	static const char *const texts[] = {
	        "Ratify the convention on women.",
	        "Abolish the death penalty; women on death row.", "Nothing."};
	const char *fields[] = {"issues", "themes"};
	char dir[] = "/tmp/hri-model-XXXXXX", path[512], err[512];
	hri_classifier *c[2] = {NULL, NULL};

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/classifier.model", dir);
	assert_int_equal(hri_classifier_parse(model, sizeof model - 1, "model",
	                                      &c[0], err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_classifier_save(c[0], path, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_classifier_load(path, &c[1], err, sizeof err),
	                 HRI_OK);
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		char *dump[2];
		for (int k = 0; k < 2; k++) {
			hri_x_list lists[2] = {{0}};
			hri_x_list *outs[2] = {&lists[0], &lists[1]};
			json_t *explain = json_array();
			assert_int_equal(hri_classifier_scan(c[k], NULL, texts[t],
			                                     strlen(texts[t]), fields,
			                                     outs, 2, explain),
			                 HRI_OK);
			json_t *all = json_pack("[o, o, o]", hri_x_list_json(outs[0]),
			                        hri_x_list_json(outs[1]), explain);
			hri_x_list_free(&lists[0]);
			hri_x_list_free(&lists[1]);
			dump[k] = json_dumps(all, JSON_COMPACT);
			json_decref(all);
		}
		assert_string_equal(dump[0], dump[1]);
		if (t < 2) /* each of these is given labels */
			assert_non_null(strstr(dump[0], "classifier.model p="));
		free(dump[0]);
		free(dump[1]);
	}
	/* the binary read back writes itself byte for byte */
	char path2[600];
	unsigned char *b[2] = {NULL, NULL};
	size_t blen[2] = {0, 0};
	snprintf(path2, sizeof path2, "%s.again", path);
	assert_int_equal(hri_classifier_save(c[1], path2, err, sizeof err),
	                 HRI_OK);
	assert_int_equal(hri_file_read(path, 1 << 20, &b[0], &blen[0]), HRI_OK);
	assert_int_equal(hri_file_read(path2, 1 << 20, &b[1], &blen[1]), HRI_OK);
	assert_int_equal(blen[0], blen[1]);
	assert_memory_equal(b[0], b[1], blen[0]);
	free(b[0]);
	free(b[1]);
	unlink(path2);
	hri_classifier_free(c[0]);
	hri_classifier_free(c[1]);
	/* the text form from a file, as hri-parse reads it */
	write_file(dir, "classifier.model", model);
	assert_int_equal(hri_classifier_load(path, &c[0], err, sizeof err),
	                 HRI_OK);
	assert_true(hri_classifier_has(c[0], "themes"));
	hri_classifier_free(c[0]);
	unlink(path);
	rmdir(dir);
}

/* Returns the line hri_extract_find() and hri_extract_write() make of seg
 * with d (seg's members, then the annotations), and sets *st to what
 * hri_extract_find() returned. The caller frees it. */
static char *
found_line(hri_extract_doc *d, const json_t *seg, const char *context,
           hri_status *st)
{
	char *buf = NULL;
	size_t len = 0, n;
	FILE *fp = open_memstream(&buf, &len);
	hri_jsonl_out w;

	assert_non_null(fp);
	*st = hri_extract_find(d, seg, context);
	hri_jsonl_out_start(&w, fp);
	assert_int_equal(hri_jsonl_out_open(&w, seg, &n), HRI_OK);
	if (n)
		hri_jsonl_out_raw(&w, ",", 1);
	assert_int_equal(hri_extract_write(d, &w), HRI_OK);
	hri_jsonl_out_raw(&w, "}", 1);
	assert_int_equal(hri_jsonl_out_end(&w), HRI_OK);
	fclose(fp);
	return buf;
}

/* A record written from the annotations d holds is the record of the
 * segment annotated in its tree, byte for byte, for every kind of segment
 * (citations with "ibid." across segments, a UPR recommendation, a
 * concern's subject line, an empty object, no text, a text too long),
 * with and without explain; and the segment itself is left as it was. */
static void
test_hri_extract_write_as_attached(void **state)
{
	(void)state;
	static char big[HRI_SEGMENT_TEXT_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	for (int explain = 0; explain < 2; explain++) {
		hri_extract_doc *d = NULL, *d2 = NULL;
		assert_int_equal(hri_extract_doc_new(ex, "A/HRC/31/81", HRC, &d),
		                 HRI_OK);
		assert_int_equal(hri_extract_doc_new(ex, "A/HRC/31/81", HRC, &d2),
		                 HRI_OK);
		hri_extract_doc_set_explain(d, explain);
		hri_extract_doc_set_explain(d2, explain);
		json_t *segs[] = {
			json_pack("{s:s, s:s}", "text",
			          "See A/HRC/19/74, para. 26, and resolution 16/21 "
			          "of 25 March 2011 on Nigeria and the Sudan.",
			          "kind", "footnote"),
			json_pack("{s:s, s:s}", "text", "Ibid., para. 50.", "kind",
			          "footnote"),
			json_pack("{s:s, s:s, s:[s, s]}", "kind", "recommendation",
			          "text", "Ratify the Convention against Torture and "
			          "end child marriage (Brazil) (France);",
			          "recommending", "Brazil", "France"),
			json_pack("{s:s, s:s, s:s}", "kind", "recommendation",
			          "section_title", "Death penalty", "text",
			          "Ensure that retentionist states provide adequate "
			          "compensation;"),
			json_object(),
			json_pack("{s:s, s:i}", "kind", "paragraph", "para", 3),
			json_pack("{s:s, s:s}", "kind", "paragraph", "text", big),
		};
		for (size_t i = 0; i < sizeof segs / sizeof segs[0]; i++) {
			json_t *seg = segs[i];
			const char *context = i == 3 ? "Death penalty" : NULL;
			assert_non_null(seg);
			char *before = json_dumps(seg, JSON_COMPACT | JSON_PRESERVE_ORDER);
			hri_status st;
			char *line = found_line(d, seg, context, &st);
			char *after = json_dumps(seg, JSON_COMPACT | JSON_PRESERVE_ORDER);
			assert_string_equal(before, after);
			assert_int_equal(st, i == 6 ? HRI_ERR_TOO_BIG : HRI_OK);
			/* the same segment annotated in its tree */
			assert_int_equal(hri_extract_segment_context(d2, seg, context),
			                 st);
			char *tree = NULL;
			size_t tlen = 0;
			FILE *fp = open_memstream(&tree, &tlen);
			assert_int_equal(hri_jsonl_write(fp, seg), HRI_OK);
			fclose(fp);
			assert_string_equal(line, tree);
			assert_non_null(strstr(line, "\"issues\":["));
			assert_true((strstr(line, "\"explain\":[") != NULL) == explain);
			free(before);
			free(after);
			free(line);
			free(tree);
			json_decref(seg);
		}
		hri_extract_doc_free(d);
		hri_extract_doc_free(d2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hri_gaz_lookup_whole_names),
		cmocka_unit_test(test_hri_gaz_walk_as_patterns),
		cmocka_unit_test(test_hri_classifier_save_load_same),
		cmocka_unit_test(test_hri_extract_segment_cites_pinpoints),
		cmocka_unit_test(test_hri_extract_segment_cites_series),
		cmocka_unit_test(test_hri_extract_segment_cites_traps),
		cmocka_unit_test(test_hri_extract_segment_cites_ibid_across_segments),
		cmocka_unit_test(test_hri_extract_segment_instruments_issuers),
		cmocka_unit_test(test_hri_extract_segment_instruments_shapes),
		cmocka_unit_test(test_hri_extract_segment_instruments_general_comments),
		cmocka_unit_test(test_hri_extract_segment_countries_names),
		cmocka_unit_test(test_hri_extract_segment_countries_traps),
		cmocka_unit_test(test_hri_extract_state_forms),
		cmocka_unit_test(test_hri_extract_segment_organizations),
		cmocka_unit_test(test_hri_extract_segment_treaties),
		cmocka_unit_test(test_hri_extract_segment_shared_abbreviations),
		cmocka_unit_test(test_hri_extract_segment_persons),
		cmocka_unit_test(test_hri_extract_segment_dates),
		cmocka_unit_test(test_hri_extract_segment_taxonomy),
		cmocka_unit_test(test_hri_extract_segment_recommendation_and_explain),
		cmocka_unit_test(test_hri_extract_segment_issues),
		cmocka_unit_test(test_hri_extract_segment_empty_and_invalid),
		cmocka_unit_test(test_hri_extract_paragraphs_corpus),
		cmocka_unit_test(test_hri_extractor_new_bad_table),
		cmocka_unit_test(test_hri_extract_codes_mandates_context),
		cmocka_unit_test(test_hri_extract_write_as_attached),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
