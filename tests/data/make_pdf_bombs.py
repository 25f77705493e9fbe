#!/usr/bin/env python3
"""make_pdf_bombs.py - writes the PDF bombs of tests/cli/robust_limits.sh
into this directory: small files whose page content makes poppler spend
gigabytes or minutes. Run by hand when they change (python3 is a
developer's tool here, not a build dependency); the outputs are committed.

  bomb_memory.pdf  16 KB, one page: "q" 4M times then "Q" 4M times. Each q
                   saves the graphics state on a stack poppler never caps:
                   3.8 GB at the top, or std::bad_alloc and abort().
  bomb_cpu.pdf     23 KB, 20 pages sharing one content stream of "q Q" 5M
                   times: about 70 s of CPU, no memory to speak of.
"""
import zlib


def pdf(pages, content):
    """A PDF of pages pages, all drawing the one Flate stream content."""
    stream = zlib.compress(content, 9)
    kids = b' '.join(b'%d 0 R' % (4 + i) for i in range(pages))
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [%s] /Count %d >>' % (kids, pages),
            b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(stream)
            + stream + b'\nendstream']
    objs += [b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] '
             b'/Contents 3 0 R >>'] * pages
    out = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % num + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    out += b''.join(b'%010d 00000 n \n' % o for o in offsets)
    out += (b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objs) + 1, xref))
    return out


n = 4 << 20
open('bomb_memory.pdf', 'wb').write(pdf(1, b'q\n' * n + b'Q\n' * n))
open('bomb_cpu.pdf', 'wb').write(pdf(20, b'q Q\n' * (5 * 10 ** 6)))
