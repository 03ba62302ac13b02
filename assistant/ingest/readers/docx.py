"""Word (.docx), with python-docx: paragraphs in body order, heading styles as headings (« Heading 2 »,
« Titre 2 »), the document title as level 1, list paragraphs as items, tables as rows."""

from __future__ import annotations

import io
import re

from . import Document, LineWriter, table_row

HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|título|titolo)\s*(\d)$", re.I)


def read_docx(data: bytes) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    writer = LineWriter()
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _paragraph(writer, Paragraph(child, document))
        elif tag == "tbl":
            rows = [[cell.text for cell in row.cells] for row in Table(child, document).rows]
            for cells in rows[1:] if len(rows) > 1 else rows:
                writer.block(table_row(rows[0] if len(rows) > 1 else [], cells))
    return writer.document(title=(document.core_properties.title or "").strip())


def _paragraph(writer: LineWriter, paragraph) -> None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    level = HEADING_STYLE.match(style.strip())
    if style.lower() == "title":
        writer.heading(paragraph.text, 1)
    elif level:
        writer.heading(paragraph.text, min(6, int(level.group(1)) + 1))  # the title is level 1
    elif "list" in style.lower() or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        writer.block(paragraph.text, prefix="- ")
    else:
        writer.block(paragraph.text)
