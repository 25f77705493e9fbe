/* segment_int.h - what the segmenter's files share: its state, the segment
 * being built, the shapes a line can have and the rules that take a body
 * line. Not part of the public interface (see segment.h).
 *
 *   segment.c       the driver: modes (masthead, summary, contents, body,
 *                   endnotes), segments opened, filled and closed
 *   segment_line.c  the shapes of a line ("VIII.", "A.", "45.", "(g)") and
 *                   one rule per kind of body line
 *   segment_upr.c   UPR Working Group reports: recommendation items, their
 *                   recommending States, the position their list heading
 *                   gives
 *   masthead.c      the masthead: title, session, agenda item, date
 *   segment_treaty.c  a treaty body's concluding observations and a special
 *                   procedure's report: subjects, concerns and their
 *                   recommendations, articles, follow-up, addressees */
#ifndef HRI_SEGMENT_INT_H
#define HRI_SEGMENT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "doctext.h"
#include "record.h"
#include "segment.h"
#include "states.h"
#include "status.h"
#include "strbuf.h"

#define HRI_SEG_TITLE_MAX 600 /* bytes kept of a section title */
#define HRI_SEG_ID_MAX 256    /* bytes of a segment id */
#define HRI_SEG_PARA_MAX 1000 /* paragraph numbers below this may carry a
                                 UPR position; reports stay far below */
#define HRI_SEG_MAST_MAX 16384 /* bytes of masthead text kept */
/* bytes: a masthead line longer than this is the body's, as wide as the
 * page (title lines are set narrower: at most 67 in 98 reports measured,
 * body lines 84 and more) */
#define HRI_SEG_TITLE_LINE_MAX 76

enum hri_seg_mode { M_MASTHEAD, M_SUMMARY, M_TOC, M_BODY, M_NOTES };
enum hri_seg_kind { K_PARAGRAPH, K_RECOMMENDATION, K_FOOTNOTE, K_SUMMARY,
                    K_CONCERN };

/* What segment_treaty.c keeps of a concluding observation or a
 * special-procedure report. */
typedef struct hri_seg_tb hri_seg_tb;

/* The segment being filled. */
typedef struct hri_seg_cur {
	json_t *rec;     /* its record, already in the output array; NULL when
	                    none is open */
	enum hri_seg_kind kind;
	int para;        /* paragraph number, 0 for none */
	hri_strbuf text; /* its text so far */
} hri_seg_cur;

/* The segmenter's state over one document. */
typedef struct hri_seg {
	const char *sym;
	json_t *segs;       /* output array */
	json_t *ids;        /* ids used so far, for uniqueness */
	json_t *calls;      /* footnote marker -> calling paragraph */
	json_t *mast;       /* masthead fields */
	enum hri_seg_mode mode;
	int roman;          /* value of the last section numeral */
	char letter;        /* last subsection letter, 0 for none */
	int sub;            /* last numbered sub-subsection, 0 for none */
	char section[128];  /* "VIII.A", "" before the first */
	char title[HRI_SEG_TITLE_MAX];
	bool title_open;    /* lines may still continue the title */
	int title_lines;    /* lines added to the title after its first */
	char annex[32];     /* "Annex I" inside an annex, else "" */
	bool recs;          /* in a conclusions or recommendations section */
	int para;           /* last numbered paragraph */
	char item[8];       /* letter label of the last item in para, "(g)" */
	int pending_roman;  /* section seen in a table of contents */
	char pending_title[HRI_SEG_TITLE_MAX];
	signed char position[HRI_SEG_PARA_MAX]; /* UPR: per paragraph 1
	                               supported, -1 noted, 0 unsaid */
	unsigned unnumbered; /* segments without a number so far */
	int upr_item;       /* number of the last recommendation of paragraph
	                       para ("115.3" or, first cycle, "3."), 0 for none */
	bool dotted;        /* para's items are numbered "115.3" */
	bool upr;           /* a UPR Working Group report, or its addendum */
	bool response;      /* the addendum (symbol ".../Add.N"): the State's
	                       response, which holds no recommendations */
	const hri_states *states; /* the States by name; NULL: none known */
	char sur[HRI_STATES_NAME_MAX]; /* the State under review, "" unknown */
	int wg_session;     /* the Working Group's session, 0 unknown */
	int toc_page;       /* page of the table of contents */
	bool skip_note;     /* the next line is the text of a "*" note */
	bool paged;         /* the source has pages (a PDF): one line a block */
	int last_note;      /* last endnote number read under "Notes" */
	hri_seg_cur cur;
	hri_seg_tb *tb;     /* concluding observations or a special-procedure
	                       report (segment_treaty.c), else NULL */
	hri_segment_meta *meta;
	hri_strbuf mastbuf; /* masthead text, blocks split by "\n" */
	hri_strbuf lower;   /* scratch: a paragraph's text in lower case */
	const hri_doctext *doc; /* the document, for the words it writes */
	uint64_t *words;    /* hashes of the document's lower-case ASCII
	                       words, an open-addressing set of nwords slots
	                       (a power of two), built at the first line-end
	                       hyphen (hri_seg_known_word()); NULL before */
	size_t nwords;
	size_t nheld;       /* words in the set */
	bool word_zero;     /* a word hashes to 0 (the empty slot's mark) */
} hri_seg;

/* One body line as the rules see it: line i of t, whose text may be the
 * line joined with the next (a marker alone on its line). */
typedef struct hri_seg_line {
	const hri_doctext *t;
	size_t i;            /* index of the line in t */
	const char *text;    /* its text */
	const hri_docline *l; /* its page and style (l->len is text's length) */
} hri_seg_line;

/* A body-line rule: when the line is of its kind it handles it and sets
 * *took; otherwise it leaves the state as it was and *took false. Returns
 * HRI_ERR_NOMEM or HRI_ERR_TOO_BIG from the segment it fills. */
typedef hri_status (*hri_seg_rule)(hri_seg *s, const hri_seg_line *ln,
                                   bool *took);

/* segment.c: words in any letter case (ASCII, as strncasecmp folds them
 * in the C locale hri-parse runs in). */

/* Returns the offset of the first place in the len bytes at hay that
 * holds needle, whatever the case, or -1. */
long hri_seg_find_ci(const char *hay, size_t len, const char *needle);

/* Writes v as "%d" does (at most 11 bytes: a sign, 10 digits) at p, no
 * NUL; returns the byte after them. snprintf cost as much as the rest of
 * opening a segment. */
char *hri_seg_put_int(char *p, int v);
/* Returns true when one of words (NULL-terminated, at most 64) is in the
 * len bytes at text, whatever the case: one pass over the text for all. */
bool hri_seg_any_ci(const char *text, size_t len, const char *const *words);

/* segment.c: the state and the segments. */

/* Makes the state for the document with symbol sym, reading State names
 * with states (may be NULL), counting into meta; sym and states are
 * borrowed and must outlive it. NULL when out of memory. */
hri_seg *hri_seg_new(const char *sym, const hri_states *states,
                     hri_segment_meta *meta);
/* Frees s and what it owns (the output array included); NULL is a no-op. */
void hri_seg_free(hri_seg *s);
/* Opens a new segment of kind k with paragraph para (0: null), label (may
 * be NULL), page (0: null) and id suffix, made unique, closing the open
 * one. */
hri_status hri_seg_open(hri_seg *s, enum hri_seg_kind k, int para,
                        const char *label, const char *idsuffix, int page);
/* Closes the open segment: its text, and for a UPR recommendation its
 * recommending States and position. Nothing open: HRI_OK. */
hri_status hri_seg_close(hri_seg *s);
/* Appends line text to b, joining with a space or undoing a hyphenation;
 * footnote call markers are removed and recorded in the state for para. */
/* Returns whether the lower-case ASCII word w (n bytes) is written as a
 * word of its own somewhere in s's document (s->doc); false without one
 * or when out of memory. */
bool hri_seg_known_word(hri_seg *s, const char *w, size_t n);

hri_status hri_seg_append(hri_seg *s, hri_strbuf *b, const char *text,
                          int para);
/* Makes a segment record of kind k (as hri_seg_open() does, id made
 * unique) without opening it; NULL when out of memory. */
json_t *hri_seg_record(hri_seg *s, enum hri_seg_kind k, int para,
                       const char *label, const char *idsuffix, int page);
/* Sets the section title, trimmed of markup leftovers. */
void hri_seg_set_title(hri_seg *s, const char *t);
/* Appends a continuation line to the section title. */
void hri_seg_add_title(hri_seg *s, const char *t);
/* Opens section numeral v with title t. */
hri_status hri_seg_enter_roman(hri_seg *s, int v, const char *t);

/* segment_line.c: the shapes of a line. */

/* Returns the value of the roman numeral of len bytes at s (I..C), or 0. */
int hri_seg_roman_value(const char *s, size_t len);
/* Writes the roman numeral of v (1..399) into out (16 bytes). */
void hri_seg_roman_str(int v, char *out);
/* Returns true when line s is page furniture: page numbers, job numbers,
 * the symbol sym repeated, "Please recycle". */
bool hri_seg_is_furniture(const char *s, const char *sym);
/* Returns true when s is a line of underscores or dashes only. */
bool hri_seg_is_rule(const char *s);
/* Parses "N." or "N. text" at s: on success *n is the number and *rest the
 * text after the spaces. Returns false when s does not start so. */
bool hri_seg_numbered(const char *s, int *n, const char **rest);
/* Parses an item label "(a)" or "(xiii)" (at most five letters) at s into
 * lab (8 bytes). */
bool hri_seg_item_label(const char *s, char *lab, const char **rest);
/* Returns true when the label "(x)" reads as a roman numeral item after the
 * letter item prev_letter ("" for none). */
bool hri_seg_label_is_roman(const char *lab, const char *prev_letter);
/* Returns true when line text is the heading of a table of contents. */
bool hri_seg_is_contents(const char *t);
/* Returns true for "Annex", "Annex I", "ANNEX II", "Annexes"; writes the
 * section name into out (32 bytes). */
bool hri_seg_is_annex(const char *t, char *out);
/* Returns the number of the next numbered paragraph after line i, or 0. */
int hri_seg_next_para(const hri_doctext *t, size_t i);

/* segment_line.c: the body-line rules, tried in this order by
 * hri_seg_body_line(). */

/* A footnote's text: its own segment; the open paragraph stays open. */
hri_status hri_seg_rule_footnote(hri_seg *s, const hri_seg_line *ln,
                                 bool *took);
/* "[English only]": dropped. */
hri_status hri_seg_rule_bracketed(hri_seg *s, const hri_seg_line *ln,
                                  bool *took);
/* "Annex I": a new part, its sections numbered afresh. */
hri_status hri_seg_rule_annex(hri_seg *s, const hri_seg_line *ln,
                              bool *took);
/* "VIII. Conclusions": the next section numeral (or the one after). */
hri_status hri_seg_rule_section(hri_seg *s, const hri_seg_line *ln,
                                bool *took);
/* "B. Recommendations": the next subsection letter. */
hri_status hri_seg_rule_subsection(hri_seg *s, const hri_seg_line *ln,
                                   bool *took);
/* "45. The Council...": the next numbered paragraph, or "2. Title", the
 * next numbered sub-subsection. */
hri_status hri_seg_rule_numbered(hri_seg *s, const hri_seg_line *ln,
                                 bool *took);
/* "(g) ..." and "(xiii) ..." in conclusions and recommendations. */
hri_status hri_seg_rule_lettered(hri_seg *s, const hri_seg_line *ln,
                                 bool *took);
/* A list item whose number the conversion lost: the gap to the next
 * numbered paragraph tells. */
hri_status hri_seg_rule_lost_number(hri_seg *s, const hri_seg_line *ln,
                                    bool *took);
/* A heading by markup: closes the open segment. */
hri_status hri_seg_rule_heading(hri_seg *s, const hri_seg_line *ln,
                                bool *took);
/* A title running on over more lines. */
hri_status hri_seg_rule_title_cont(hri_seg *s, const hri_seg_line *ln,
                                   bool *took);
/* Handles one body line (furniture and masthead already taken out): the
 * first rule that takes it, else the text continues the open segment (or
 * opens an unnumbered one). */
hri_status hri_seg_body_line(hri_seg *s, const hri_seg_line *ln);

/* segment_upr.c: UPR Working Group reports. */

/* Returns true when s holds the title of a Working Group report, "Report
 * of the Working Group on the Universal Periodic Review" (any case, any
 * spaces or line breaks between the words). */
bool hri_seg_upr_title(const char *s);
/* Takes what the masthead's title says: a UPR report, and its State. */
void hri_seg_upr_masthead(hri_seg *s, const char *title);
/* Parses a UPR recommendation number "115.3" or "115.3." at s. */
bool hri_seg_upr_numbered(const char *s, int *para, int *num,
                          const char **rest);
/* Parses a first-cycle item number "3." at s, followed by the item's
 * opening (a capital, "(a)", a quote) or by nothing. */
bool hri_seg_upr_k_numbered(const char *s, int *n, const char **rest);
/* "115.3 ..." inside paragraph 115 of a UPR report or a recommendations
 * section: a recommendation. */
hri_status hri_seg_rule_upr_item(hri_seg *s, const hri_seg_line *ln,
                                 bool *took);
/* "1. To examine ..." inside a paragraph of a first-cycle UPR report's
 * recommendations: recommendation k of that paragraph. */
hri_status hri_seg_rule_upr_k_item(hri_seg *s, const hri_seg_line *ln,
                                   bool *took);
/* Returns the offset, at from or after, of the next item's number in text,
 * the open segment's text, when items run together ("... (Brazil); 2. To
 * ..."; "... the support of X: 1. To ..." in the paragraph introducing a
 * list), or 0 when there is none or no list is open. */
size_t hri_seg_upr_next_marker(const hri_seg *s, const char *text,
                               size_t from);
/* Returns true when a lettered item "(a) To ..." (its text opening with a
 * capital) may open a recommendation of a UPR report here: after the colon
 * of a paragraph introducing a list, or after a lettered item of that
 * list; never inside a numbered item ("18. (a) Ensure ...; (b) ensure
 * ...") nor after a comma ("28 (b),\n(c) and (d)"). */
bool hri_seg_upr_lettered(const hri_seg *s);
/* Gives the UPR recommendation just opened in paragraph para an empty
 * "recommending" (filled when it closes) and its paragraph's position. */
void hri_seg_upr_mark(hri_seg *s, int para);
/* Returns a new array of the States named in the parentheses of a UPR
 * recommendation's text, by their UN short names, in order, each once;
 * parentheses that are no list of States ("(CEDAW)") give none. With st
 * NULL the array is empty. NULL when out of memory. */
json_t *hri_seg_recommending(const hri_states *st, const char *text);
/* Says in *pos the position a paragraph's text (len bytes) gives the UPR
 * recommendations under it: -1 noted, 1 supported, 0 unsaid. Returns
 * HRI_ERR_NOMEM or HRI_ERR_TOO_BIG (then *pos is 0). */
hri_status hri_seg_upr_position(hri_seg *s, const char *text, size_t len,
                                int *pos);
/* Handles numbered paragraph para of a UPR report as it closes (pos is
 * what hri_seg_upr_position() said of it): paragraph 1 gives the Working
 * Group's session; a paragraph of the conclusions naming dialogue
 * paragraphs whose recommendations the State did not support, or will
 * examine, adds those recommendations. Returns HRI_ERR_NOMEM. */
hri_status hri_seg_upr_paragraph(hri_seg *s, int para, const char *text,
                                 size_t len, int pos);
/* Adds, after the dialogue paragraphs they name ("paragraphs 26 (e), 29,
 * 49 (b), 23 (last sentence)") in text, the recommendations those make,
 * with the State that spoke and position pos (-1 noted, 1 supported, 0
 * none); only paragraphs before para are named. Returns HRI_ERR_NOMEM. */
hri_status hri_seg_upr_refs(hri_seg *s, const char *text, int para, int pos);

/* segment_treaty.c: concluding observations and special-procedure
 * reports. Each hook does nothing when s->tb is NULL. */

/* Decides from the symbol and the masthead whether the document is a
 * treaty body's concluding observations or a special procedure's report
 * and, if so, sets s->tb and the masthead's "mechanism" (and "mandate",
 * "review_of" as written in the title). Out of memory, s->tb stays NULL. */
void hri_seg_tb_begin(hri_seg *s);
/* Frees tb; NULL is a no-op. */
void hri_seg_tb_free(hri_seg_tb *tb);
/* The section title changed: the part of the document (concerns and
 * recommendations or not), the articles and addressee a heading gives. */
void hri_seg_tb_title(hri_seg *s);
/* A segment record r was just made: it takes the subject as its section
 * title. */
void hri_seg_tb_opened(hri_seg *s, json_t *r);
/* The open segment closes, its text tidied: decides its kind (concern,
 * recommendation), its concern, articles and addressee, and splits off as a
 * segment of its own a recommendation that follows a concern in the same
 * paragraph (the open text is then cut). Returns HRI_ERR_NOMEM. */
hri_status hri_seg_tb_close(hri_seg *s);
/* After the last line: flags the recommendations the follow-up paragraph
 * names and notes the date of the next periodic report. */
hri_status hri_seg_tb_finish(hri_seg *s);
/* A line of a concluding observation: paragraphs run together on one line
 * ("(art. 23). 36. The State party") cut apart, a subject line before a
 * numbered paragraph, a recommendation that opens a line after a concern. */
hri_status hri_seg_rule_tb_line(hri_seg *s, const hri_seg_line *ln,
                                bool *took);
/* "(a) ..." in a concluding observation or a special-procedure report: an
 * item of a recommendation opens a recommendation, an item of a concern or
 * of an observation stays in its text. */
hri_status hri_seg_rule_tb_item(hri_seg *s, const hri_seg_line *ln,
                                bool *took);

/* masthead.c */

/* Records a masthead line for the title, session, agenda and date. */
void hri_seg_masthead_line(hri_seg *s, const hri_docline *l);
/* Reads title, session, agenda and date from the masthead text into
 * s->mast, and whether the document is a UPR Working Group report. */
void hri_seg_masthead_fields(hri_seg *s);

#endif
