/* pdftext.cc - the PDF shim: page text and character boxes through poppler's
 * core C++ API (pdftext.h). It replaces poppler-glib, which built a new text
 * device for every page: a device owns poppler's cache of ICC colour
 * transforms, so every page of an ICC-coloured PDF rebuilt its lcms2
 * transforms (a third of hri-parse's time on such a file). Here one device
 * serves the whole document, as pdftotext's does.
 *
 * The text and boxes of a page are made exactly as poppler-glib 22.12 made
 * them (poppler_page_get_text() and poppler_page_get_text_layout(): a
 * selection of the whole page in glyph style), so that the line rebuilder in
 * pdfread.c reads the same words with the same boxes.
 *
 * Every entry point catches everything: no exception reaches C. */
#include "pdftext.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include <Error.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <UnicodeMap.h>
#include <goo/gmem.h>

namespace {

/* poppler's own messages (syntax errors of a damaged file, mostly) are kept
 * quiet, as poppler-glib kept them: the caller reports a file that cannot be
 * read, once, by its name. */
void
quiet(ErrorCategory, Goffset, const char *)
{
}

/* The text device. It does for each page what poppler's TextOutputDev does
 * (the same calls into TextPage and ActualText, the same flags and layout
 * parameters as poppler-glib's device), but with a TextPage of its own per
 * page that the caller reads and drops, so that one device lives as long as
 * the document. TextOutputDev itself cannot be kept: in poppler 22.12 its
 * takeText() hands the page over but leaves its ActualText adding every
 * later character to that page. */
class PageDev : public OutputDev
{
public:
	PageDev() = default;
	PageDev(const PageDev &) = delete;
	PageDev &operator=(const PageDev &) = delete;
	~PageDev() override { drop(); }

	/* Starts collecting a new page. */
	void begin()
	{
		drop();
		page = new TextPage(false, false);
		actual = new ActualText(page);
		ended = false;
	}

	/* The page collected since begin(), laid out once endPage() ran. */
	TextPage *text() const { return page; }

	/* Frees the page collected. */
	void drop()
	{
		delete actual;
		actual = nullptr;
		if (page)
			page->decRefCnt();
		page = nullptr;
	}

	bool upsideDown() override { return true; }
	bool useDrawChar() override { return true; }
	bool interpretType3Chars() override { return false; }
	bool needNonText() override { return false; }
	bool needCharCount() override { return true; }

	void startPage(int, GfxState *state, XRef *) override
	{
		page->startPage(state);
	}

	/* Lays the page out; once only, though both the caller and the end of
	 * the page's Gfx ask. */
	void endPage() override
	{
		if (ended)
			return;
		ended = true;
		page->endPage();
		/* poppler-glib's device: physical layout, no fixed pitch, no HTML */
		page->coalesce(true, 0, false, TextOutputDev::minColSpacing1_default);
	}

	void restoreState(GfxState *state) override { page->updateFont(state); }
	void updateFont(GfxState *state) override { page->updateFont(state); }

	void drawChar(GfxState *state, double x, double y, double dx, double dy,
	              double, double, CharCode c, int nBytes, const Unicode *u,
	              int uLen) override
	{
		actual->addChar(state, x, y, dx, dy, c, nBytes, u, uLen);
	}

	void incCharCount(int n) override { page->incCharCount(n); }

	void beginActualText(GfxState *state, const GooString *t) override
	{
		actual->begin(state, t);
	}

	void endActualText(GfxState *state) override { actual->end(state); }

private:
	TextPage *page = nullptr;
	ActualText *actual = nullptr;
	bool ended = false; /* endPage() ran for this page */
};

/* Sets up poppler's global parameters once a process: every document shares
 * them, and building them anew for each (as poppler-glib did whenever no
 * other document was open) costs time for nothing. */
void
init_poppler()
{
	static std::unique_ptr<GlobalParamsIniter> initer;

	if (!initer)
		initer = std::make_unique<GlobalParamsIniter>(quiet);
	setErrorCallback(quiet);
}

/* The lines of a selection, freed with it. */
struct Selection {
	std::vector<TextWordSelection *> **lines = nullptr;
	int n = 0;

	~Selection()
	{
		for (int i = 0; i < n && lines; i++) {
			for (TextWordSelection *w : *lines[i])
				delete w;
			delete lines[i];
		}
		gfree(lines);
	}
};

} // namespace

struct hri_pdftext {
	std::unique_ptr<PDFDoc> doc;
	PageDev dev;                  /* one device for all pages */
	std::string text;             /* the last page's text */
	std::vector<hri_pdfbox> boxes; /* and its character boxes */
	std::string msg;              /* the last failure */
};

/* Copies a message into err (errsz bytes). */
static void
say(char *err, size_t errsz, const char *msg)
{
	if (errsz)
		snprintf(err, errsz, "%s", msg);
}

extern "C" hri_status
hri_pdftext_open(const unsigned char *buf, size_t len, hri_pdftext **out,
                 char *err, size_t errsz)
{
	hri_pdftext *p = nullptr;

	*out = nullptr;
	try {
		init_poppler();
		p = new hri_pdftext;
		/* MemStream reads the bytes in place; the document owns it */
		p->doc = std::make_unique<PDFDoc>(
		        new MemStream(reinterpret_cast<const char *>(buf), 0,
		                      static_cast<Goffset>(len), Object(objNull)));
		if (!p->doc->isOk()) {
			/* poppler-glib's words for each error code */
			switch (p->doc->getErrorCode()) {
			case errBadCatalog:
				say(err, errsz, "Failed to read the document catalog");
				break;
			case errDamaged:
				say(err, errsz, "PDF document is damaged");
				break;
			case errEncrypted:
				say(err, errsz, "Document is encrypted");
				break;
			default:
				say(err, errsz, "Failed to load document");
				break;
			}
			delete p;
			return HRI_ERR_INVALID;
		}
		*out = p;
		return HRI_OK;
	} catch (const std::bad_alloc &) {
		delete p;
		say(err, errsz, "out of memory");
		return HRI_ERR_NOMEM;
	} catch (...) {
		delete p;
		say(err, errsz, "poppler failed");
		return HRI_ERR_INTERNAL;
	}
}

extern "C" void
hri_pdftext_free(hri_pdftext *p)
{
	delete p;
}

extern "C" int
hri_pdftext_pages(const hri_pdftext *p)
{
	try {
		return p->doc->getNumPages();
	} catch (...) {
		return 0;
	}
}

extern "C" const char *
hri_pdftext_errmsg(const hri_pdftext *p)
{
	return p->msg.c_str();
}

/* Returns true when u may be a character poppler reads right to left
 * (Hebrew, Arabic and the other right-to-left scripts, their presentation
 * forms, the right-to-left marks): a superset of poppler's own table, which
 * it does not export. */
static bool
maybe_rtl(Unicode u)
{
	return (u >= 0x0590 && u <= 0x08ff) || u == 0x200f || u == 0x202b ||
	       u == 0x202e || (u >= 0x2066 && u <= 0x2069) ||
	       (u >= 0xfb1d && u <= 0xfdff) || (u >= 0xfe70 && u <= 0xfeff) ||
	       (u >= 0x10800 && u <= 0x10fff) || (u >= 0x1e800 && u <= 0x1efff);
}

/* Appends to p->text the UTF-8 of the n characters at u. Returns false,
 * leaving p->text partly written, at a character that may read right to
 * left: poppler would reorder its run, so its own text is taken instead. */
static bool
plain_chars(hri_pdftext *p, const UnicodeMap *map, bool utf8,
            const Unicode *u, int n)
{
	char buf[8];

	for (int i = 0; i < n; i++) {
		/* ASCII is itself in UTF-8: no call into the map (a third of
		 * the shim's own time went to those calls and the appends) */
		if (utf8 && u[i] < 0x80) {
			p->text.push_back((char)u[i]);
			continue;
		}
		if (maybe_rtl(u[i]))
			return false;
		p->text.append(buf, (size_t)map->mapUnicode(u[i], buf, sizeof buf));
	}
	return true;
}

/* Makes p->text and p->boxes of the selected lines in one pass, as
 * poppler-glib had them from two (poppler_page_get_text() and
 * poppler_page_get_text_layout()): the text has each word, a space after
 * it where poppler saw one, a newline after each line but the last; the
 * boxes, one per character of each word, one for each such space (from the
 * word's right edge to the next word's left, the word's height), one for
 * each newline (empty, at the line's last word's bottom right), each with
 * its word's font size (the word before, for a separator). Sets *plain
 * to false when a word reads right to left, leaving p->text unfinished (the
 * boxes are whole). Returns HRI_ERR_TOO_BIG past the cap. */
static hri_status
layout(hri_pdftext *p, const Selection &sel, bool *plain)
{
	const UnicodeMap *map = globalParams->getTextEncoding();
	char space[8], eol[8];
	int nspace, neol;
	size_t n = 0;
	double x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3, y3, x4, y4, size = 0;

	*plain = map != nullptr;
	if (!map)
		return HRI_OK;
	bool utf8 = map->getEncodingName() == "UTF-8";
	nspace = map->mapUnicode(0x20, space, sizeof space);
	neol = map->mapUnicode(0x0a, eol, sizeof eol);
	for (int i = 0; i < sel.n; i++) {
		const std::vector<TextWordSelection *> &words = *sel.lines[i];

		n += words.size() + 1;
		for (const TextWordSelection *w : words)
			n += (size_t)(w->getEnd() - w->getBegin());
	}
	if (n > HRI_PDFTEXT_CHARS_MAX)
		return HRI_ERR_TOO_BIG;
	p->boxes.reserve(n);
	p->text.reserve(n + n / 4);
	for (int i = 0; i < sel.n; i++) {
		const std::vector<TextWordSelection *> &words = *sel.lines[i];

		for (size_t j = 0; j < words.size(); j++) {
			const TextWord *w = words[j]->getWord();
			int begin = words[j]->getBegin(), end = words[j]->getEnd();
			hri_pdfbox b;

			if (*plain)
				*plain = plain_chars(p, map, utf8, w->getChar(begin),
				                     end - begin);
			size = w->getFontSize();
			b.size = size;
			for (int k = begin; k < end; k++) {
				w->getCharBBox(k, &b.x1, &b.y1, &b.x2, &b.y2);
				p->boxes.push_back(b);
			}
			w->getBBox(&x1, &y1, &x2, &y2);
			if (w->hasSpaceAfter() && j + 1 < words.size()) {
				words[j + 1]->getWord()->getBBox(&x3, &y3, &x4, &y4);
				p->boxes.push_back({x2, y1, x3, y2, size});
				p->text.append(space, (size_t)nspace);
			}
		}
		if (i < sel.n - 1) {
			if (!p->boxes.empty())
				p->boxes.push_back({x2, y2, x2, y2, size});
			p->text.append(eol, (size_t)neol);
		}
	}
	return HRI_OK;
}

extern "C" hri_status
hri_pdftext_page(hri_pdftext *p, int pageno, const char **text,
                 const hri_pdfbox **boxes, size_t *nboxes)
{
	hri_status st = HRI_OK;

	*text = "";
	*boxes = nullptr;
	*nboxes = 0;
	try {
		p->text.clear();
		p->boxes.clear();
		p->msg.clear();
		Page *page = p->doc->getPage(pageno);
		if (!page) {
			p->msg = "cannot be read";
			return HRI_ERR_INVALID;
		}
		/* the page's contents (no annotations) at 72 dpi, crop box,
		 * unrotated: what poppler-glib displayed */
		p->dev.begin();
		{
			std::unique_ptr<Gfx> gfx(page->createGfx(
			        &p->dev, 72.0, 72.0, 0, false, true, -1, -1, -1, -1,
			        false, nullptr, nullptr));
			page->display(gfx.get());
			p->dev.endPage();
		}
		TextPage *tp = p->dev.text();
		/* the whole page, its sides swapped when it is turned */
		double w = page->getCropWidth(), h = page->getCropHeight();
		if (page->getRotate() == 90 || page->getRotate() == 270)
			std::swap(w, h);
		PDFRectangle area(0, 0, w, h);
		Selection sel;
		bool plain = false;

		sel.lines = tp->getSelectionWords(&area, selectionStyleGlyph, &sel.n);
		if (sel.lines && sel.n > 0)
			st = layout(p, sel, &plain);
		if (!st && !plain) {
			/* right-to-left runs, or no words: poppler's text */
			std::unique_ptr<GooString> s(
			        tp->getSelectionText(&area, selectionStyleGlyph));
			p->text = s->c_str();
		}
		/* up to a NUL, as poppler-glib copied it */
		p->text.resize(strlen(p->text.c_str()));
		p->dev.drop();
		if (st) {
			p->msg = "more than 1,000,000 characters";
			p->text.clear();
			p->boxes.clear();
			return st;
		}
		*text = p->text.c_str();
		if (!p->boxes.empty()) {
			*boxes = p->boxes.data();
			*nboxes = p->boxes.size();
		}
		return HRI_OK;
	} catch (const std::bad_alloc &) {
		p->msg = "out of memory";
		st = HRI_ERR_NOMEM;
	} catch (...) {
		p->msg = "poppler failed";
		st = HRI_ERR_INTERNAL;
	}
	p->dev.drop();
	p->text.clear();
	p->boxes.clear();
	return st;
}
