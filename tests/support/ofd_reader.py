"""Opens an OFD file with easyofd (PyPI), an OFD reader written by others,
renders it to PDF with easyofd's own renderer, and reports what that PDF
shows, measured with pdfplumber (PyPI): each page's size and every drawn
character and line, in millimetres from the page's top-left corner.

    python ofd_reader.py in.ofd out.pdf > measured.json
    python ofd_reader.py --pdf other.pdf > measured.json

The second form measures any PDF the same way (a LibreOffice render of
the .docx, to compare the two).

easyofd draws all text in a font registered as 宋体; the CJK font inside
the PyMuPDF wheel (a dependency of easyofd) is registered under that name,
so no system font is needed.
"""

import io
import json
import os
import sys
import tempfile

import pymupdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


def register_cjk_font():
    path = os.path.join(tempfile.gettempdir(), "ofd-reader-cjk.ttf")
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(pymupdf.Font("cjk").buffer)
    pdfmetrics.registerFont(TTFont("宋体", path))


def main():
    # easyofd prints as it reads: keep standard output for the report.
    report = sys.stdout
    sys.stdout = sys.stderr
    if sys.argv[1] == "--pdf":
        with open(sys.argv[2], "rb") as f:
            pdf = f.read()
        unit = 25.4 / 72
    else:
        source, pdf_path = sys.argv[1], sys.argv[2]
        register_cjk_font()
        # Imported after the font: easyofd looks its fonts up when loaded.
        from easyofd.ofd import OFD

        ofd = OFD()
        ofd.read(source, fmt="path")
        pdf = ofd.to_pdf()
        with open(pdf_path, "wb") as f:
            f.write(pdf)
        # easyofd draws 1 mm as 200/25.4 PDF units.
        unit = 25.4 / 200
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            chars = []
            for c in page.chars:
                colour = c.get("non_stroking_color") or (0,)
                chars.append({
                    "text": c["text"],
                    "x": c["x0"] * unit,
                    "baseline": (page.height - c["matrix"][5]) * unit,
                    "size": c["size"] * unit,
                    "colour": [float(v) for v in colour],
                })
            lines = []
            for l in page.lines:
                colour = l.get("stroking_color") or (0,)
                lines.append({
                    "x0": l["x0"] * unit,
                    "x1": l["x1"] * unit,
                    "top": l["top"] * unit,
                    "bottom": l["bottom"] * unit,
                    "width": l["linewidth"] * unit,
                    "colour": [float(v) for v in colour],
                })
            pages.append({
                "width": page.width * unit,
                "height": page.height * unit,
                "chars": chars,
                "lines": lines,
            })
    json.dump({"pages": pages}, report, ensure_ascii=False)


if __name__ == "__main__":
    main()
