/* test_akn.c - Akoma Ntoso output: well-formed, in the AKN4UN shape, with
 * citations as <ref> and footnotes as authorialNote. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../../parse/akn.h"

/* Returns the number of nodes the XPath expression (prefix a: for the AKN
 * namespace) selects in the XML. */
static int
count(const char *xml, size_t len, const char *expr)
{
	xmlDoc *d = xmlReadMemory(xml, (int)len, "akn.xml", NULL, XML_PARSE_NONET);
	xmlXPathContext *cx;
	xmlXPathObject *o;
	int n;

	assert_non_null(d);
	cx = xmlXPathNewContext(d);
	xmlXPathRegisterNs(cx, BAD_CAST "a",
	                   BAD_CAST "http://docs.oasis-open.org/legaldocml/ns/akn/3.0");
	o = xmlXPathEvalExpression(BAD_CAST expr, cx);
	assert_non_null(o);
	n = o->nodesetval ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(cx);
	xmlFreeDoc(d);
	return n;
}

static void
test_akn_build_shape(void **state)
{
	json_t *doc = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "type", "doc",
	                        "symbol", "A/HRC/99/1", "title", "A <test> & report",
	                        "date", "2015-01-05", "lang", "en", "doctype", "report");
	json_t *segs = json_pack(
		"[{s:s,s:s,s:n,s:s,s:s},"
		" {s:s,s:s,s:i,s:s,s:s,s:s,s:[{s:s,s:s}]},"
		" {s:s,s:s,s:i,s:s,s:s,s:s},"
		" {s:s,s:s,s:i,s:s,s:s,s:s,s:s},"
		" {s:s,s:s,s:i,s:s,s:s,s:s,s:s}]",
		"id", "A/HRC/99/1#summary", "kind", "summary", "para", "text", "In short.", "section", "I",
		"id", "A/HRC/99/1#1", "kind", "paragraph", "para", 1, "section", "I",
		"section_title", "Introduction", "text", "As said in A/HRC/19/74, all is well.",
		"cites", "symbol", "A/HRC/19/74", "pinpoint", "",
		"id", "A/HRC/99/1#fn1", "kind", "footnote", "para", 1, "label", "1",
		"section", "I", "text", "See A/HRC/19/74.",
		"id", "A/HRC/99/1#2", "kind", "paragraph", "para", 2, "section", "II",
		"section_title", "Conclusions", "text", "We recommend:", "label", "",
		"id", "A/HRC/99/1#2(a)", "kind", "recommendation", "para", 2, "label", "(a)",
		"section", "II", "section_title", "Conclusions", "text", "Do it;");
	char *xml;
	size_t len;

	assert_non_null(segs);
	assert_int_equal(hri_akn_build(doc, segs, &xml, &len), HRI_OK);
	assert_int_equal(count(xml, len, "/a:akomaNtoso/a:doc[@name='report']/a:meta/a:identification/a:FRBRWork/a:FRBRthis[@value='/akn/un/doc/A-HRC-99-1/!main']"), 1);
	assert_int_equal(count(xml, len, "//a:preface//a:docTitle[.='A <test> & report']"), 1);
	assert_int_equal(count(xml, len, "//a:mainBody/a:section"), 2);
	assert_int_equal(count(xml, len, "//a:section/a:paragraph[a:num='1.']//a:ref[@href='/akn/un/doc/A-HRC-19-74']"), 1);
	assert_int_equal(count(xml, len, "//a:paragraph[a:num='1.']//a:authorialNote[@marker='1']"), 1);
	assert_int_equal(count(xml, len, "//a:paragraph[a:num='2.']/a:list/a:point[a:num='(a)']"), 1);
	assert_int_equal(count(xml, len, "//a:paragraph[a:num='2.']/a:list/a:intro"), 1);
	assert_int_equal(count(xml, len, "//a:hcontainer[@name='summary']"), 1);
	free(xml);
	json_decref(segs);
	json_decref(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_akn_build_shape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
