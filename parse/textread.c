/* textread.c - plain text and markdown into doctext lines. */
#include "textread.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "swar.h"
#include "utf8.h"

/* Copies len bytes at in to out, tabs as spaces, control bytes dropped and
 * bad UTF-8 as U+FFFD; out needs 3 * len + 1 bytes. Returns the length. */
static size_t
clean_utf8(const char *in, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, o = 0, k;
	uint64_t w;

	while (i < len) {
		/* a run of printable ASCII, most of any text, is copied whole;
		 * found eight bytes at a time while no byte of a word is below
		 * 0x20 or past 0x7f */
		for (k = 0; k + 8 <= len - i; k += 8) {
			w = hri_swar_load(p + i + k);
			if (hri_swar_high(w) | hri_swar_below(w, 0x20))
				break;
		}
		for (; k < len - i && p[i + k] >= 0x20 && p[i + k] < 0x80; k++)
			;
		if (k > 0) {
			memcpy(out + o, p + i, k);
			o += k;
			i += k;
			continue;
		}
		k = hri_utf8_len(p + i, len - i);
		if (k == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		if (k == 1 && p[i] == '\t')
			out[o++] = ' ';
		else if (k == 1 && p[i] < 0x20)
			;
		else {
			memcpy(out + o, p + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return o;
}

size_t
hri_textread_inline(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0, j, k;

	while (i < len) {
		char c = in[i];

		/* a run of bytes that open no markup is copied whole */
		for (j = i; j < len && in[j] != '\\' && in[j] != '*' &&
		            in[j] != '_' && in[j] != '<'; j++)
			;
		if (j > i) {
			memcpy(out + o, in + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (c == '\\' && i + 1 < len && strchr("*_#-`[]().!<>\\", in[i + 1])) {
			out[o++] = in[i + 1];
			i += 2;
			continue;
		}
		if (c == '*' || (c == '_' && i + 1 < len && in[i + 1] == '_')) {
			/* emphasis: a run of markers next to a word */
			j = i;
			while (j < len && in[j] == c)
				j++;
			if ((i > 0 && !isspace((unsigned char)in[i - 1])) ||
			    (j < len && !isspace((unsigned char)in[j]))) {
				i = j;
				continue;
			}
		}
		if (c == '<') {
			if (len - i > 5 && strncmp(in + i, "<sup>", 5) == 0) {
				j = i + 5;
				k = j;
				while (k < len && k - j < 8 && in[k] != '<')
					k++;
				if (k + 6 <= len && strncmp(in + k, "</sup>", 6) == 0 &&
				    k > j) {
					out[o++] = HRI_NOTE_OPEN;
					memcpy(out + o, in + j, k - j);
					o += k - j;
					out[o++] = HRI_NOTE_CLOSE;
					i = k + 6;
					continue;
				}
			}
			j = i + 1;
			if (j < len && (isalpha((unsigned char)in[j]) || in[j] == '/')) {
				while (j < len && in[j] != '>' && in[j] != '<')
					j++;
				if (j < len && in[j] == '>') {
					i = j + 1;
					continue;
				}
			}
		}
		out[o++] = c;
		i++;
	}
	out[o] = '\0';
	return o;
}

/* Strips the leading "<sup>n</sup>" or "\*" footnote marker of s into note;
 * returns the rest, or NULL when s does not start with one. */
static const char *
footnote_marker(const char *s, char *note, size_t notesz)
{
	const char *e;
	size_t n;

	if (strncmp(s, "<sup>", 5) == 0) {
		e = strstr(s + 5, "</sup>");
		if (!e || e == s + 5 || (size_t)(e - s - 5) >= notesz)
			return NULL;
		n = (size_t)(e - s - 5);
		memcpy(note, s + 5, n);
		note[n] = '\0';
		e += 6;
		while (*e == ' ')
			e++;
		return e;
	}
	if (s[0] == '\\' && s[1] == '*' && s[2] == ' ') {
		note[0] = '*';
		note[1] = '\0';
		return s + 3;
	}
	return NULL;
}

/* Adds one markdown line (NUL-terminated, clean UTF-8) to t. */
static hri_status
add_markdown(hri_doctext *t, char *s, char *scratch)
{
	unsigned style = HRI_LINE_PLAIN;
	char note[16];
	const char *rest;
	size_t n;

	while (*s == ' ')
		s++;
	if (*s == '\0' || strcmp(s, "---") == 0 || strcmp(s, "***") == 0)
		return hri_doctext_blank(t, 0);
	if (strcmp(s, "\\_") == 0 || strcmp(s, "_") == 0)
		return HRI_OK;
	if (*s == '#') {
		while (*s == '#')
			s++;
		while (*s == ' ')
			s++;
		style |= HRI_LINE_HEADING;
	} else if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ') {
		s += 2;
		while (*s == ' ')
			s++;
		style |= HRI_LINE_ITEM;
	}
	rest = footnote_marker(s, note, sizeof note);
	if (rest) {
		n = hri_textread_inline(rest, strlen(rest), scratch);
		return hri_doctext_add(t, scratch, n, 0, HRI_LINE_FOOTNOTE, note);
	}
	n = strlen(s);
	if (n > 4 && strncmp(s, "**", 2) == 0 && strcmp(s + n - 2, "**") == 0 &&
	    !(style & HRI_LINE_ITEM))
		style |= HRI_LINE_HEADING;
	n = hri_textread_inline(s, n, scratch);
	return hri_doctext_add(t, scratch, n, 0, style, NULL);
}

hri_status
hri_textread(const char *buf, size_t len, bool markdown, hri_doctext *t)
{
	hri_status st = HRI_OK;
	char *line = NULL, *scratch = NULL, *s;
	const char *nl;
	size_t start = 0, end, n, cap = 0;
	unsigned style;

	while (start < len) {
		nl = memchr(buf + start, '\n', len - start);
		end = nl ? (size_t)(nl - buf) : len;
		n = end - start;
		if (3 * n + 1 > cap) {
			free(line);
			free(scratch);
			cap = 3 * n + 1;
			line = malloc(cap);
			scratch = malloc(cap + 16);
			if (!line || !scratch) {
				st = HRI_ERR_NOMEM;
				goto out;
			}
		}
		clean_utf8(buf + start, n, line);
		if (markdown) {
			st = add_markdown(t, line, scratch);
		} else {
			s = line;
			style = HRI_LINE_PLAIN;
			if (*s == ' ')
				style |= HRI_LINE_INDENT;
			while (*s == ' ')
				s++;
			if (*s == '\0')
				st = hri_doctext_blank(t, 0);
			else
				st = hri_doctext_add(t, s, strlen(s), 0, style, NULL);
		}
		if (st)
			goto out;
		start = end + 1;
	}
out:
	free(line);
	free(scratch);
	return st;
}
