#!/usr/bin/env python3
"""make_hostile.py - writes the hostile documents of tests/cli/robust_*.sh
into this directory. Run by hand when they change (python3 is a developer's
tool here, not a build dependency); the outputs are committed."""
import struct
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
      'openxmlformats.org/package/2006/content-types"><Default Extension='
      '"xml" ContentType="application/xml"/><Override PartName="/word/'
      'document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')


def para(text):
    return '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % text


def body(paras, doctype=''):
    return ('<?xml version="1.0" encoding="UTF-8"?>%s<w:document %s><w:body>'
            '%s</w:body></w:document>' % (doctype, W, ''.join(paras)))


def docx(name, document, extra=()):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('word/document.xml', document)
        for n, d in extra:
            z.writestr(n, d)


GOOD = [para('1. The Working Group held its twentieth session.'),
        para('2. The delegation of Slovenia presented the national report.')]

# FIFO is a named pipe the tests create: opening it for reading blocks, so
# a parser that follows a reference to it hangs and the test's time limit
# catches it.
FIFO = 'file:///tmp/hri-robust.fifo'

# External entities reading local files: /etc/passwd must never show up.
docx('xxe.docx', body([para('1. Secret: &xxe; &fifo;')] + GOOD,
     '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
     '<!ENTITY fifo SYSTEM "%s">]>' % FIFO))

# Billion laughs: ten levels of ten, 10^9 "lol" if expanded.
lol = ['<!ENTITY lol0 "lol">'] + ['<!ENTITY lol%d "%s">' % (
    i, ('&lol%d;' % (i - 1)) * 10) for i in range(1, 10)]
docx('laughs.docx', body([para('1. &lol9;')] + GOOD,
     '<!DOCTYPE w:document [%s]>' % ''.join(lol)))

# An external DTD that must never be loaded, and one on the network.
docx('dtd.docx', body(GOOD, '<!DOCTYPE w:document SYSTEM "%s">' % FIFO))
docx('netdtd.docx', body(GOOD, '<!DOCTYPE w:document SYSTEM '
     '"http://127.0.0.1:9/evil.dtd">'))

# Nesting far past libxml2's depth limit, with random attributes so that the
# member does not look like a zip bomb and reaches the XML parser.
import random
rnd = random.Random(9)
depth = 10000
docx('deep.docx', body([''.join('<w:p w:rsidR="%08X">' % rnd.getrandbits(32)
                                for _ in range(depth)) +
                        '<w:r><w:t>1. deep</w:t></w:r>' + '</w:p>' * depth]
                       + GOOD))

# Zip bomb: word/document.xml inflates to 512 MiB of white space inside a
# valid document, and the zip's headers claim it is 100 bytes.
head = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>'
        '<w:p><w:r><w:t>1. bomb</w:t></w:r></w:p>' % W).encode()
tail = b'</w:body></w:document>'
co = zlib.compressobj(9, zlib.DEFLATED, -15)
raw = co.compress(head)
chunk = b' ' * (1 << 20)
for _ in range(512):
    raw += co.compress(chunk)
raw += co.compress(tail) + co.flush()
crc = 0  # a lying header needs no true CRC: the inflater must stop first
def local(name, data, method, csize, usize, crc):
    return struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, method, 0, 0x21,
                       crc, csize, usize, len(name), 0) + name + data
def central(name, method, csize, usize, crc, off):
    return struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, method,
                       0, 0x21, crc, csize, usize, len(name), 0, 0, 0, 0, 0,
                       off) + name
ctb = CT.encode()
ctz = zlib.compressobj(9, zlib.DEFLATED, -15)
ctraw = ctz.compress(ctb) + ctz.flush()
parts = [(b'[Content_Types].xml', ctraw, len(ctb), zlib.crc32(ctb)),
         (b'word/document.xml', raw, 100, crc)]
out, cd, off = b'', b'', 0
for name, data, usize, c in parts:
    rec = local(name, data, 8, len(data), usize, c)
    cd += central(name, 8, len(data), usize, c, off)
    out += rec
    off += len(rec)
out += cd + struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(parts),
                        len(parts), len(cd), off, 0)
open('bomb.docx', 'wb').write(out)

# A member that is simply large: 48 MiB of one paragraph's text.
big = 'word ' * (48 << 18)
docx('hugepara.docx', body([para('1. ' + big)] + GOOD))

# Not a zip at all, though it says docx; and a zip with no document.
open('notzip.docx', 'wb').write(b'PK\x03\x04' + b'\xff' * 200)
with zipfile.ZipFile('nodoc.docx', 'w') as z:
    z.writestr('[Content_Types].xml', CT)

# HTML with an external entity and a DTD on the network.
open('xxe.html', 'w').write(
    '<!DOCTYPE html SYSTEM "%s" [<!ENTITY xxe SYSTEM '
    '"file:///etc/passwd">]><html><body><p>1. Secret: &xxe;</p>'
    '<p>2. Plain paragraph.</p></body></html>' % FIFO)

# Text with invalid UTF-8: a lone continuation byte, an overlong NUL, a
# surrogate, 0xFF, a truncated sequence at the end.
open('badutf8.txt', 'wb').write(
    b'1. Valid start \x80 then \xc0\x80 overlong, \xed\xa0\x80 surrogate, '
    b'\xff\xfe bytes.\n\n2. Second paragraph, caf\xc3\xa9.\n\n'
    b'3. Truncated at the end \xe2\x82')

# Text with NUL bytes in it.
open('nul.txt', 'wb').write(
    b'1. A NUL \x00 in the middle\x00 of text.\n\n2. Another paragraph.\n')

# Encrypted PDF: Standard security handler, a user password is needed (the
# O and U entries match no empty password).
def pdf(objs, trailer_extra=''):
    out = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b'%d 0 obj\n' % i + o.encode('latin-1') + b'\nendobj\n'
    x = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out += b'%010d 00000 n \n' % o
    out += ('trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objs) + 1, trailer_extra, x)).encode('latin-1')
    return out
content = 'BT /F1 12 Tf 72 720 Td (1. Secret paragraph.) Tj ET'
enc = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R '
    '/Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length %d >>\nstream\n%s\nendstream' % (len(content), content),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >>'
    % ('11' * 32, '22' * 32),
]
open('encrypted.pdf', 'wb').write(
    pdf(enc, '/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> '
        '<0123456789abcdef0123456789abcdef>]'))

# The same PDF without encryption: the pdf harness's plain seed.
open('plain.pdf', 'wb').write(pdf(enc[:5]))

# A PDF of 20000 distinct pages, kept small by a compressed object stream
# and a cross-reference stream (PDF 1.5).
def pdf_many(n):
    content = b'BT /F1 12 Tf 72 720 Td (1. A page.) Tj ET'
    first = 5  # objects 5 .. 5+n-1 are the pages, in one object stream
    kids = ' '.join('%d 0 R' % (first + i) for i in range(n))
    plain = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 612 792] '
        '/Resources << /Font << /F1 4 0 R >> >> >>' % (kids, n),
        None,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]
    page = b'<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>'
    head, body = b'', b''
    for i in range(n):
        head += b'%d %d ' % (first + i, len(body))
        body += page + b' '
    stm = zlib.compress(head + body, 9)
    stmnum = first + n
    out = b'%PDF-1.5\n%\xe2\xe3\xcf\xd3\n'
    offs = {}
    for i, o in enumerate(plain, 1):
        offs[i] = len(out)
        if o is None:
            o = b'<< /Length %d >>\nstream\n' % len(content) + content + \
                b'\nendstream'
        else:
            o = o.encode()
        out += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    offs[stmnum] = len(out)
    out += (b'%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode '
            b'/Length %d >>\nstream\n' % (stmnum, n, len(head), len(stm)) +
            stm + b'\nendstream\nendobj\n')
    xrefnum = stmnum + 1
    offs[xrefnum] = len(out)
    rows = b''
    for num in range(xrefnum + 1):
        if num == 0:
            rows += struct.pack('>BIH', 0, 0, 65535)
        elif num in offs:
            rows += struct.pack('>BIH', 1, offs[num], 0)
        else:
            rows += struct.pack('>BIH', 2, stmnum, num - first)
    xs = zlib.compress(rows, 9)
    x = offs[xrefnum]
    out += (b'%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R '
            b'/Filter /FlateDecode /Length %d >>\nstream\n'
            % (xrefnum, xrefnum + 1, len(xs)) + xs +
            b'\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n' % x)
    return out
open('manypages.pdf', 'wb').write(pdf_many(20000))
