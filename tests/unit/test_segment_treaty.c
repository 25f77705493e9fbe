/* test_segment_treaty.c - the reading of concluding observations and of a
 * special procedure's report (segment_treaty.c) on short synthetic
 * documents in the layouts of each committee and of a country visit: the
 * kind of each numbered paragraph, the recommendation split off a concern,
 * items of a concern and of a recommendation, subjects, articles from the
 * text, a heading and a subject line, the follow-up paragraph, the next
 * report, the mandate, the State and the addressees. The real documents
 * are measured against hand gold in tests/cli/parse_treaty.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../parse/segment.h"
#include "jsonl.h"

/* The segments and masthead of one synthetic document. */
typedef struct parsed {
	json_t *segs;
	hri_segment_meta meta;
} parsed;

/* Segments the lines of lines (NULL-terminated; "" is a blank line) as
 * the document sym, plain text without pages. */
static parsed
segment(const char *sym, const char *const *lines)
{
	hri_doctext *t = hri_doctext_new(0);
	parsed p = {0};
	size_t i;

	assert_non_null(t);
	for (i = 0; lines[i]; i++) {
		if (!lines[i][0])
			assert_int_equal(hri_doctext_blank(t, 0), HRI_OK);
		else
			assert_int_equal(hri_doctext_add(t, lines[i], strlen(lines[i]),
			                                 0, 0, NULL), HRI_OK);
	}
	assert_int_equal(hri_segment_doc(t, sym, hri_states_default(), &p.segs,
	                                 &p.meta), HRI_OK);
	hri_doctext_free(t);
	return p;
}

static void
release(parsed *p)
{
	json_decref(p->segs);
	json_decref(p->meta.masthead);
}

/* Returns the segment whose id ends with "#suffix"; fails when none. */
static json_t *
seg(const parsed *p, const char *suffix)
{
	size_t i, n = strlen(suffix);
	json_t *s;
	const char *id;

	json_array_foreach(p->segs, i, s) {
		id = hri_json_str(s, "id");
		if (strlen(id) > n && id[strlen(id) - n - 1] == '#' &&
		    strcmp(id + strlen(id) - n, suffix) == 0)
			return s;
	}
	fail_msg("no segment #%s", suffix);
	return NULL;
}

/* Asserts that no segment has an id ending with "#suffix". */
static void
no_seg(const parsed *p, const char *suffix)
{
	size_t i, n = strlen(suffix);
	json_t *s;
	const char *id;

	json_array_foreach(p->segs, i, s) {
		id = hri_json_str(s, "id");
		if (strlen(id) > n && strcmp(id + strlen(id) - n, suffix) == 0 &&
		    id[strlen(id) - n - 1] == '#')
			fail_msg("unexpected segment %s", id);
	}
}

/* The articles of s as "ICCPR 2 9", "" for none. */
static const char *
articles(json_t *s)
{
	static char buf[256];
	json_t *a = json_object_get(s, "articles"), *v;
	size_t i, o = 0;

	buf[0] = '\0';
	json_array_foreach(a, i, v) {
		if (i == 0)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s",
			                      hri_json_str(v, "treaty"));
		o += (size_t)snprintf(buf + o, sizeof buf - o, " %s",
		                      hri_json_str(v, "article"));
	}
	return buf;
}

/* Asserts kind, concern (id suffix or NULL) and section title of s. */
static void
check(json_t *s, const char *kind, const char *concern, const char *title)
{
	const char *c = hri_json_str(s, "concern");

	assert_string_equal(hri_json_str(s, "kind"), kind);
	if (concern) {
		assert_non_null(c);
		assert_string_equal(strchr(c, '#') + 1, concern);
	} else {
		assert_null(c);
	}
	if (title)
		assert_string_equal(hri_json_str(s, "section_title"), title);
}

/* The Committee on the Rights of the Child: clusters with the articles
 * they cover, subjects, a concern with items of its own and a
 * recommendation opening "Recalling ...". */
static void
test_crc_layout(void **state)
{
	static const char *const lines[] = {
		"Committee on the Rights of the Child",
		"Concluding observations on the combined fifth and sixth periodic "
		"reports of Norway*",
		"I. Introduction",
		"1. The Committee considered the combined fifth and sixth periodic "
		"reports of Norway.",
		"II. Follow-up measures undertaken and progress achieved by the "
		"State party",
		"2. The Committee welcomes the adoption of a new Act.",
		"III. Main areas of concern and recommendations",
		"3. The Committee reminds the State party of the indivisibility and "
		"interdependence of all the rights enshrined in the Convention.",
		"A. General measures of implementation (arts. 4, 42 and 44 (6))",
		"Legislation",
		"4. The Committee welcomes the adoption of the Children Act but is "
		"concerned that it is not implemented.",
		"5. Recalling its previous recommendations, the Committee urges the "
		"State party to:",
		"(a) Ensure that the Act is implemented;",
		"(b) Allocate resources to its implementation.",
		"B. General principles (arts. 2, 3, 6 and 12)",
		"Non-discrimination",
		"6. The Committee is concerned about:",
		"(a) The persistence of discrimination against girls;",
		"(b) The situation of children with disabilities.",
		"7. Taking note of target 10.3 of the Sustainable Development Goals, "
		"the Committee recommends that the State party:",
		"(a) Adopt a strategy against discrimination;",
		"(b) Collect data.",
		"IV. Implementation and reporting",
		"A. Follow-up and dissemination",
		"8. The Committee recommends that the State party take all "
		"appropriate measures to ensure that the recommendations are "
		"implemented.",
		"B. Next report",
		"9. The Committee invites the State party to submit its combined "
		"seventh and eighth periodic reports by 7 July 2024.",
		NULL};
	parsed p = segment("CRC/C/NOR/CO/5-6", lines);
	json_t *m = p.meta.masthead;

	(void)state;
	assert_string_equal(hri_json_str(m, "mechanism"), "treaty-body");
	assert_string_equal(hri_json_str(m, "review_of"), "Norway");
	assert_string_equal(hri_json_str(m, "next_report"), "2024-07-07");
	check(seg(&p, "2"), "paragraph", NULL, NULL);
	check(seg(&p, "3"), "paragraph", NULL, NULL);
	check(seg(&p, "4"), "concern", NULL, "Legislation");
	assert_string_equal(articles(seg(&p, "4")), "CRC 4 42 44");
	check(seg(&p, "5"), "recommendation", "4", "Legislation");
	check(seg(&p, "5(b)"), "recommendation", "4", "Legislation");
	assert_string_equal(articles(seg(&p, "5(b)")), "CRC 4 42 44");
	/* a concern's items stay in its text */
	check(seg(&p, "6"), "concern", NULL, "Non-discrimination");
	no_seg(&p, "6(a)");
	assert_non_null(strstr(hri_json_str(seg(&p, "6"), "text"),
	                       "(b) The situation of children"));
	assert_string_equal(articles(seg(&p, "6")), "CRC 2 3 6 12");
	check(seg(&p, "7(a)"), "recommendation", "6", "Non-discrimination");
	check(seg(&p, "8"), "recommendation", NULL, "Follow-up and dissemination");
	check(seg(&p, "9"), "recommendation", NULL, "Next report");
	release(&p);
}

/* The Committee on the Elimination of Racial Discrimination: a concern and
 * its recommendation in one numbered paragraph, article references, a
 * follow-up paragraph naming items. */
static void
test_cerd_layout(void **state)
{
	static const char *const lines[] = {
		"Committee on the Elimination of Racial Discrimination",
		"Concluding observations on the combined tenth to twelfth periodic "
		"reports of Slovenia",
		"1. The Committee considered the reports.",
		"A. Introduction",
		"B. Positive aspects",
		"2. The Committee welcomes the following measures:",
		"(a) The adoption of an Act;",
		"C. Concerns and recommendations",
		"Definition of racial discrimination",
		"3. While noting the Act, the Committee is concerned that the "
		"definition does not cover indirect discrimination (art. 1). The "
		"Committee recommends that the State party amend its legislation.",
		"Hate speech",
		"4. The Committee is concerned about hate speech online (arts. 4 "
		"and 7).",
		"5. Recalling its general recommendation No. 35 (2013) on combating "
		"racist hate speech, the Committee recommends that the State party:",
		"(a) Investigate every case;",
		"(b) Train the police.",
		"D. Other recommendations",
		"Follow-up to the present concluding observations",
		"6. In accordance with article 9 (1) of the Convention and rule 65 of "
		"its rules of procedure, the Committee requests the State party to "
		"provide, within one year of the adoption of the present concluding "
		"observations, information on its implementation of the "
		"recommendations contained in paragraphs 3 and 5 (a) above.",
		NULL};
	parsed p = segment("CERD/C/SVN/CO/10-12", lines);

	(void)state;
	assert_string_equal(hri_json_str(p.meta.masthead, "review_of"), "Slovenia");
	no_seg(&p, "2(a)");
	check(seg(&p, "3"), "concern", NULL, "Definition of racial discrimination");
	assert_string_equal(hri_json_str(seg(&p, "3"), "text"),
	                    "While noting the Act, the Committee is concerned that "
	                    "the definition does not cover indirect discrimination "
	                    "(art. 1).");
	check(seg(&p, "3.rec"), "recommendation", "3",
	      "Definition of racial discrimination");
	assert_string_equal(hri_json_str(seg(&p, "3.rec"), "text"),
	                    "The Committee recommends that the State party amend "
	                    "its legislation.");
	assert_string_equal(articles(seg(&p, "3.rec")), "ICERD 1");
	assert_string_equal(articles(seg(&p, "4")), "ICERD 4 7");
	check(seg(&p, "5(b)"), "recommendation", "4", "Hate speech");
	/* follow-up: paragraph 3's recommendation, item (a) of 5, not (b) */
	assert_true(json_is_true(json_object_get(seg(&p, "3.rec"), "followup")));
	assert_true(json_is_true(json_object_get(seg(&p, "5(a)"), "followup")));
	assert_null(json_object_get(seg(&p, "5(b)"), "followup"));
	assert_null(json_object_get(seg(&p, "5"), "followup"));
	check(seg(&p, "6"), "recommendation", NULL,
	      "Follow-up to the present concluding observations");
	release(&p);
}

/* The Committee against Torture, older layout: the recommendation opens a
 * line of its own in the concern's numbered paragraph; "(see paras. 7 (a)
 * above)". The Committee on the Rights of Persons with Disabilities: a
 * subject line naming its article narrows its heading's. */
static void
test_cat_and_crpd_layouts(void **state)
{
	static const char *const cat[] = {
		"Committee against Torture",
		"Concluding observations on the fifth periodic report of Latvia",
		"1. The Committee considered the fifth periodic report of Latvia.",
		"C. Principal subjects of concern and recommendations",
		"Definition of torture",
		"2. While noting the amendments, the Committee remains concerned that "
		"the definition of torture is incomplete (arts. 1 and 4).",
		"The State party should:",
		"(a) Amend its Criminal Code;",
		"(b) Ensure penalties commensurate with the gravity of torture.",
		"Follow-up procedure",
		"3. The Committee requests the State party to provide, by 7 December "
		"2020, information on follow-up to the Committee's recommendations on "
		"the definition of torture (see paras. 2 (a) above).",
		NULL};
	static const char *const crpd[] = {
		"Committee on the Rights of Persons with Disabilities",
		"Concluding observations on the initial report of Malta",
		"I. Introduction",
		"1. The Committee considered the initial report of Malta.",
		"II. Positive aspects",
		"2. The Committee welcomes the ratification of the Optional Protocol.",
		"III. Principal areas of concern and recommendations",
		"A. General principles and obligations (arts. 1-4)",
		"3. The Committee is concerned that the Act is not in line with the "
		"Convention.",
		"4. The Committee recommends that the State party review the Act.",
		"B. Specific rights (arts. 5-30)",
		"Equality and non-discrimination (art. 5)",
		"5. The Committee is concerned about multiple discrimination.",
		"6. The Committee recommends that the State party prohibit it.",
		NULL};
	parsed p = segment("CAT/C/LVA/CO/5", cat);

	(void)state;
	check(seg(&p, "2"), "concern", NULL, "Definition of torture");
	assert_string_equal(articles(seg(&p, "2")), "CAT 1 4");
	check(seg(&p, "2.rec"), "recommendation", "2", "Definition of torture");
	assert_string_equal(hri_json_str(seg(&p, "2.rec"), "text"),
	                    "The State party should:");
	check(seg(&p, "2(b)"), "recommendation", "2", "Definition of torture");
	assert_true(json_is_true(json_object_get(seg(&p, "2(a)"), "followup")));
	assert_null(json_object_get(seg(&p, "2(b)"), "followup"));
	release(&p);

	p = segment("CRPD/C/MLT/CO/1", crpd);
	check(seg(&p, "2"), "paragraph", NULL, NULL);
	assert_string_equal(articles(seg(&p, "3")), "CRPD 1 2 3 4");
	check(seg(&p, "4"), "recommendation", "3", NULL);
	check(seg(&p, "5"), "concern", NULL,
	      "Equality and non-discrimination (art. 5)");
	assert_string_equal(articles(seg(&p, "5")), "CRPD 5");
	assert_string_equal(articles(seg(&p, "6")), "CRPD 5");
	release(&p);
}

/* A concluding observation as lines of a page (a PDF's): a subject wrapped
 * onto a second line, a paragraph's last line without a stop is no
 * subject, the recommendation opens a line mid-paragraph. */
static void
test_wrapped_lines(void **state)
{
	static const char *const lines[] = {
		"Human Rights Committee",
		"Concluding observations on the seventh periodic report of Ukraine",
		"1. The Committee considered the seventh periodic report of Ukraine.",
		"C. Principal matters of concern and recommendations",
		"Torture, violence, including sexual violence against women, and the",
		"right to life",
		"2. The Committee is concerned that the number of cases of violence",
		"against women remains very high (arts. 3, 6, 7 and 26).",
		"The State party should strengthen its efforts to combat violence.",
		"It should also train judges.",
		"Detention conditions",
		"3. The Committee is concerned about poor conditions in places of",
		"detention, including overcrowding (art. 10).",
		"4. The State party should improve conditions in line with the Nelson",
		"Mandela Rules",
		"5. The Committee requests the State party to submit its next periodic",
		"report by 31 March 2030.",
		NULL};
	parsed p = segment("CCPR/C/UKR/CO/7", lines);

	(void)state;
	check(seg(&p, "2"), "concern", NULL,
	      "Torture, violence, including sexual violence against women, and "
	      "the right to life");
	assert_string_equal(articles(seg(&p, "2")), "ICCPR 3 6 7 26");
	check(seg(&p, "2.rec"), "recommendation", "2", NULL);
	assert_string_equal(hri_json_str(seg(&p, "2.rec"), "text"),
	                    "The State party should strengthen its efforts to "
	                    "combat violence. It should also train judges.");
	check(seg(&p, "3"), "concern", NULL, "Detention conditions");
	check(seg(&p, "4"), "recommendation", "3", "Detention conditions");
	/* "Mandela Rules" ends paragraph 4: text, not a subject */
	assert_non_null(strstr(hri_json_str(seg(&p, "4"), "text"), "Mandela Rules"));
	check(seg(&p, "5"), "recommendation", NULL, NULL);
	assert_string_equal(hri_json_str(p.meta.masthead, "next_report"),
	                    "2030-03-31");
	release(&p);
}

/* Paragraphs a converter ran into one line: a subject, a concern and its
 * recommendation, then the dissemination, follow-up and report
 * paragraphs; "general comment No. 35. The" is no paragraph break. */
static void
test_run_together(void **state)
{
	static const char *const lines[] = {
		"Human Rights Committee",
		"Concluding observations on the second report of Namibia",
		"1. The Committee considered the second periodic report of Namibia.",
		"C. Principal matters of concern and recommendations",
		"Free legal aid 2. The Committee is concerned that access to free "
		"legal aid is limited, as its general comment No. 3. The Committee "
		"notes that (art. 14). 3. The State party should increase funding.",
		"D. Dissemination of information relating to the Covenant",
		"4. The State party should widely disseminate the Covenant. 5. In "
		"accordance with rule 71, paragraph 4, of the Committee's rules of "
		"procedure, the State party is requested to provide, within one "
		"year, information on the recommendations made in paragraphs 3 "
		"(free legal aid) above.",
		NULL};
	parsed p = segment("CCPR/C/NAM/CO/2", lines);

	(void)state;
	check(seg(&p, "2"), "concern", NULL, "Free legal aid");
	assert_non_null(strstr(hri_json_str(seg(&p, "2"), "text"),
	                       "general comment No. 3. The Committee notes"));
	check(seg(&p, "3"), "recommendation", "2", "Free legal aid");
	assert_true(json_is_true(json_object_get(seg(&p, "3"), "followup")));
	check(seg(&p, "4"), "recommendation", NULL,
	      "Dissemination of information relating to the Covenant");
	/* "rule 71, paragraph 4" names no recommendation */
	assert_null(json_object_get(seg(&p, "4"), "followup"));
	check(seg(&p, "5"), "recommendation", NULL, NULL);
	release(&p);
}

/* A special procedure's country visit: its mandate and State from the
 * title, conclusions that stay paragraphs (their items too), the
 * recommendations with their addressees, from the lead-in or a heading. */
static void
test_special_procedure(void **state)
{
	static const char *const lines[] = {
		"Human Rights Council",
		"Thirty-fourth session",
		"Agenda item 3",
		"Promotion and protection of all human rights, civil, political, "
		"economic, social and cultural rights, including the right to "
		"development",
		"",
		"Report of the Special Rapporteur on torture and other cruel, "
		"inhuman or degrading treatment or punishment, Juan E. Méndez, on "
		"his mission to Georgia*",
		"I. Introduction",
		"1. The Special Rapporteur visited Georgia from 1 to 8 March 2015.",
		"V. Conclusions and recommendations",
		"A. Conclusions",
		"2. The Special Rapporteur observed the following:",
		"(a) Overcrowding persists;",
		"(b) Safeguards are weak.",
		"B. Recommendations",
		"3. The Special Rapporteur recommends that the Government:",
		"(a) Adopt a law on the national preventive mechanism;",
		"(b) Reduce pretrial detention.",
		"4. The Special Rapporteur urges the international community to "
		"support the reform.",
		"C. Recommendations to civil society",
		"5. Monitor places of detention.",
		NULL};
	parsed p = segment("A/HRC/31/57/Add.3", lines);
	json_t *m = p.meta.masthead;

	(void)state;
	assert_non_null(hri_json_str(m, "mechanism"));
	assert_string_equal(hri_json_str(m, "mechanism"), "special-procedure");
	assert_string_equal(hri_json_str(m, "mandate"),
	                    "Special Rapporteur on torture and other cruel, "
	                    "inhuman or degrading treatment or punishment");
	assert_string_equal(hri_json_str(m, "review_of"), "Georgia");
	check(seg(&p, "2"), "paragraph", NULL, NULL);
	no_seg(&p, "2(a)");
	check(seg(&p, "3"), "recommendation", NULL, NULL);
	assert_string_equal(hri_json_str(seg(&p, "3"), "addressee"), "Government");
	check(seg(&p, "3(b)"), "recommendation", NULL, NULL);
	assert_string_equal(hri_json_str(seg(&p, "3(b)"), "addressee"),
	                    "Government");
	assert_string_equal(hri_json_str(seg(&p, "4"), "addressee"),
	                    "international community");
	check(seg(&p, "5"), "recommendation", NULL, NULL);
	assert_string_equal(hri_json_str(seg(&p, "5"), "addressee"),
	                    "civil society");
	release(&p);
}

/* A visit report of the newer layout: "Visit to ..." above the title, the
 * mandate holder named in the summary; addressees on lines of their own
 * between the items of one paragraph. */
static void
test_special_procedure_visit(void **state)
{
	static const char *const lines[] = {
		"Human Rights Council",
		"Fortieth session",
		"Agenda item 3",
		"Promotion and protection of all human rights, civil, political, "
		"economic, social and cultural rights, including the right to "
		"development",
		"",
		"Visit to the Plurinational State of Bolivia",
		"",
		"Report of the Independent Expert on the enjoyment of all human "
		"rights by older persons*",
		"I. Introduction",
		"1. The Independent Expert visited the country in 2017.",
		"II. Conclusions and recommendations",
		"2. The Independent Expert recommends:",
		"To the Government:",
		"(a) Adopt a national plan on ageing;",
		"(b) Collect data on older persons.",
		"To the United Nations country team:",
		"(c) Support the plan.",
		NULL};
	parsed p = segment("A/HRC/36/48/Add.1", lines);
	json_t *m = p.meta.masthead;

	(void)state;
	assert_non_null(hri_json_str(m, "mechanism"));
	assert_string_equal(hri_json_str(m, "mandate"),
	                    "Independent Expert on the enjoyment of all human "
	                    "rights by older persons");
	assert_string_equal(hri_json_str(m, "review_of"),
	                    "the Plurinational State of Bolivia");
	check(seg(&p, "2"), "recommendation", NULL, NULL);
	assert_string_equal(hri_json_str(seg(&p, "2(b)"), "addressee"),
	                    "Government");
	assert_string_equal(hri_json_str(seg(&p, "2(c)"), "addressee"),
	                    "United Nations");
	release(&p);
}

/* An older concluding observation: a symbol without the State's code, its
 * name after the title's colon. */
static void
test_older_title(void **state)
{
	static const char *const lines[] = {
		"Concluding observations of the Committee on the Rights of the "
		"Child: Slovenia",
		"1. The Committee considered the second periodic report of "
		"Slovenia.",
		NULL};
	parsed p = segment("CRC/C/15/Add.230", lines);

	(void)state;
	assert_string_equal(hri_json_str(p.meta.masthead, "mechanism"),
	                    "treaty-body");
	assert_string_equal(hri_json_str(p.meta.masthead, "review_of"),
	                    "Slovenia");
	release(&p);
}

/* Documents of neither kind are left as they were: no mechanism from the
 * text, items of a recommendations section as before. */
static void
test_other_documents(void **state)
{
	static const char *const lines[] = {
		"Report of the Secretary-General",
		"I. Introduction",
		"1. The present report is submitted pursuant to resolution 1/1.",
		"II. Conclusions and recommendations",
		"2. The Secretary-General recommends that States:",
		"(a) Ratify the treaties;",
		NULL};
	parsed p = segment("A/HRC/99/9", lines);

	(void)state;
	assert_null(json_object_get(p.meta.masthead, "mechanism"));
	check(seg(&p, "2"), "paragraph", NULL, NULL);
	check(seg(&p, "2(a)"), "recommendation", NULL, NULL);
	release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_layout),
		cmocka_unit_test(test_cerd_layout),
		cmocka_unit_test(test_cat_and_crpd_layouts),
		cmocka_unit_test(test_wrapped_lines),
		cmocka_unit_test(test_run_together),
		cmocka_unit_test(test_special_procedure),
		cmocka_unit_test(test_special_procedure_visit),
		cmocka_unit_test(test_older_title),
		cmocka_unit_test(test_other_documents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
