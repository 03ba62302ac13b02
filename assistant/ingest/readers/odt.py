"""OpenDocument text (.odt), with odfpy: headings with their outline level, paragraphs, list items, tables as
rows, in document order."""

from __future__ import annotations

import io

from . import Document, LineWriter, table_row


def read_odt(data: bytes) -> Document:
    from odf import teletype
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    writer = LineWriter()
    _walk(document.text, writer, teletype)
    title = ""
    for node in document.meta.childNodes:
        if node.qname[1] == "title":
            title = teletype.extractText(node).strip()
    return writer.document(title=title)


def _walk(node, writer: LineWriter, teletype, in_list: bool = False) -> None:
    for child in node.childNodes:
        name = child.qname[1] if hasattr(child, "qname") else ""
        if name == "h":
            level = int(child.getAttribute("outlinelevel") or 1)
            writer.heading(teletype.extractText(child), min(6, level + 1))
        elif name == "p":
            writer.block(teletype.extractText(child), prefix="- " if in_list else "")
        elif name in ("list", "list-item"):
            _walk(child, writer, teletype, in_list=True)
        elif name == "table":
            rows = [[teletype.extractText(cell) for cell in row.childNodes if cell.qname[1] == "table-cell"]
                    for row in _rows(child)]
            for cells in rows[1:] if len(rows) > 1 else rows:
                writer.block(table_row(rows[0] if len(rows) > 1 else [], cells))
        elif name in ("section", "div"):
            _walk(child, writer, teletype, in_list)


def _rows(table):
    for child in table.childNodes:
        name = child.qname[1] if hasattr(child, "qname") else ""
        if name == "table-row":
            yield child
        elif name in ("table-header-rows", "table-rows"):
            yield from _rows(child)
