"""HTML, read with BeautifulSoup: the visible text as clean lines (headings, paragraphs, list items, table rows).

Page furniture is dropped: scripts and styles, `<nav>`, `<footer>`, `<aside>`, forms, and elements whose id or
class names a menu, a cookie or consent banner, a breadcrumb, sharing buttons or a newsletter box.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from . import Document, LineWriter, table_row

SKIPPED_TAGS = frozenset(
    "script style noscript template svg canvas nav footer aside form button input select textarea iframe head "
    "object embed audio video map".split()
)
FURNITURE = re.compile(
    r"cookie|consent|gdpr|rgpd|breadcrumb|fil-d-ariane|ariane|newsletter|share|sharing|social|navbar|menu|"
    r"skip-link|popup|modal|banner|bandeau|footer|sidebar",
    re.I,
)
BLOCK_TAGS = frozenset(
    "p div section article main header blockquote pre dl dt dd figure figcaption address center body html "
    "ul ol details summary hr".split()
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}


def read_html(html: str) -> Document:
    soup = BeautifulSoup(html, "html.parser")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    out = LineWriter()
    lines = _lines(soup)
    if page_title and not any(level == 1 for _, level in lines):
        out.heading(page_title, 1)
    for line, level in lines:
        add_line(out, line, level)
    return out.document()


def add_line(out: LineWriter, line: str, level: int) -> None:
    """A line from `html_lines` into the writer: a heading, a list item (`- `) or a paragraph."""
    if level:
        out.heading(line, level)
    elif line.startswith("- "):
        out.block(line[2:], "- ")
    else:
        out.block(line)


def html_lines(html: str) -> list[tuple[str, int]]:
    """(line, heading level or 0) of an HTML fragment."""
    return _lines(BeautifulSoup(html, "html.parser"))


def _lines(root: Tag) -> list[tuple[str, int]]:
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return walker.lines


def is_furniture(tag: Tag) -> bool:
    if tag.name in SKIPPED_TAGS:
        return True
    names = " ".join([str(tag.get("id") or ""), *(tag.get("class") or []), str(tag.get("role") or "")])
    return bool(names.strip()) and bool(FURNITURE.search(names))


class _Walker:
    """Depth-first walk collecting inline text into lines, cut at block elements."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, int]] = []
        self.buffer: list[str] = []
        self.prefix = ""
        self.term = ""  # the `<dt>` whose `<dd>` comes next

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        pieces = [" ".join(line.split()) for line in text.split("\n")]
        pieces = [p for p in pieces if p]
        if pieces:
            self.lines.append((self.prefix + "\n".join(pieces), 0))
            self.prefix = ""

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag) or is_furniture(child):
                continue
            self.element(child)

    def element(self, tag: Tag) -> None:
        name = tag.name
        if name in HEADINGS:
            self.flush()
            text = " ".join(tag.get_text(" ").split())
            if text:
                self.lines.append((text, HEADINGS[name]))
        elif name == "br":
            self.buffer.append("\n")
        elif name == "img":
            return
        elif name == "li":
            self.flush()
            self.prefix = "- "
            self.walk(tag)
            self.flush()
            self.prefix = ""
        elif name == "table":
            self.flush()
            self.table(tag)
        elif name == "dt":
            self.flush()
            self.term = " ".join(tag.get_text(" ").split()).rstrip(" :")
        elif name == "dd":
            self.definition(tag)
        elif name in BLOCK_TAGS:
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)

    def definition(self, dd: Tag) -> None:
        """`<dt>Salaire de départ</dt><dd>proche du SMIC</dd>` -> `Salaire de départ : proche du SMIC`, a field as
        Markdown's `**Label :** value`; a definition holding a list or paragraphs is led by `Term :`."""
        self.flush()
        term, self.term = self.term, ""
        if term and dd.find(["li", "p", "div", "ul", "ol"]):
            self.lines.append((f"{term} :", 0))
        elif term:
            self.prefix = f"{term} : "
        self.walk(dd)
        self.flush()
        self.prefix = ""

    def table(self, table: Tag) -> None:
        headers: list[str] = []
        for row in table.find_all("tr"):
            cells = row.find_all(["th", "td"])
            texts = [" ".join(c.get_text(" ").split()) for c in cells]
            if not headers and cells and all(c.name == "th" for c in cells):
                headers = texts
                continue
            line = table_row(headers, texts)
            if line:
                self.lines.append((line, 0))
