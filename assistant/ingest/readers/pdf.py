"""PDF: the text layer, page by page (pypdfium2, PDFium's own extraction: fast, and right on French accents and
ligatures in our measurements), lines joined back into paragraphs.

No headings are read from the format: the text is `structured=False`, so short lines without final punctuation
are taken as headings, as for plain text. An encrypted PDF, a damaged one, or one with no text layer (a scan) is
an `UnreadableFile` saying which.
"""

from __future__ import annotations

import re

from . import Document, LineWriter, UnreadableFile

LIST_START = re.compile(r"^\s*(?:[-•–▪●◦*]|\d{1,2}[.)])\s+")
PARAGRAPH_END = (".", "!", "?", ":", ";", "»")
SHORT_LINE = 60  # a line this short without final punctuation ends its paragraph (a heading, a list line)


def read_pdf(data: bytes) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        why = "encrypted (password protected)" if "password" in str(exc).lower() else f"damaged PDF ({exc})"
        raise UnreadableFile(why) from exc
    writer, pages = LineWriter(), []
    try:
        for index in range(len(pdf)):
            pages.append(writer.next_start())
            text = pdf[index].get_textpage().get_text_range()
            for paragraph in paragraphs(text):
                writer.block(paragraph)
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    finally:
        pdf.close()
    if not writer.parts:
        raise UnreadableFile(f"no text layer in its {len(pages)} page(s): a scanned PDF? Run OCR on it first")
    document = writer.document()
    return Document(document.text, title, {}, structured=False, pages=tuple(pages))


def paragraphs(page_text: str) -> list[str]:
    """A page's lines joined into paragraphs: a blank line, a line ending a sentence, a short line (a heading, a
    list line) and a list item end a paragraph; a line cut in the middle of a sentence joins the next one."""
    found, current = [], []
    for raw in page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        if current and (not line or LIST_START.match(line)):
            found.append(" ".join(current))
            current = []
        if not line:
            continue
        current.append(line)
        if line.endswith(PARAGRAPH_END) or len(line) < SHORT_LINE:
            found.append(" ".join(current))
            current = []
    if current:
        found.append(" ".join(current))
    return found
