"""Readers, one module per format. Each turns a file into a `Document`: its extracted text (every citation span
points into it) and the structure the answerer uses (heading lines and their levels).

Plain text is kept as it is. Markdown, HTML, Word (.docx) and OpenDocument (.odt) are rendered to clean lines: a
heading, a paragraph line, a list item (`- item`), a table row (`Label — Column : value ; Column : value`), with no
markup left, so an answer can quote any span of it. A PDF gives its text layer page by page, lines joined into
paragraphs, and where each page starts, so a citation can name its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...index.profile import looks_like_job


@dataclass(frozen=True)
class Document:
    """A source file as the pipeline sees it."""

    text: str
    title: str = ""  # from the format's own metadata (front matter, <h1>), "" when it has none
    headings: dict[int, int] = field(default_factory=dict)  # start offset of a heading line -> level (1-6)
    structured: bool = False  # True when headings come from the format, not from guessing on plain lines
    pages: tuple[int, ...] = ()  # start offset of each page (PDF), so a span's page is known


class UnreadableFile(Exception):
    """The file cannot be read: not text, damaged, encrypted, or with no text at all (a scanned PDF)."""


def page_of(pages: tuple[int, ...] | list[int], offset: int) -> int | None:
    """The page (from 1) holding `offset`, or None for a format without pages."""
    if not pages:
        return None
    from bisect import bisect_right

    return max(1, bisect_right(list(pages), offset))


class LineWriter:
    """Collects the lines of an extracted text; blocks are separated by a blank line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.headings: dict[int, int] = {}
        self.title = ""
        self._joins_next = False  # the last block was a list item or a line introducing one

    def block(self, text: str, prefix: str = "") -> None:
        """A paragraph or list item (`prefix` "- " or "1. "): its lines, whitespace collapsed, empty lines left
        out. Consecutive items, and an item after the line introducing it, are kept on adjacent lines."""
        lines = [" ".join(line.split()) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        lines[0] = prefix + lines[0]
        self._add("\n".join(lines), tight=bool(prefix) and self._joins_next)
        self._joins_next = bool(prefix) or lines[-1].endswith(":")

    def next_start(self) -> int:
        """Where the next block will start in the text."""
        return self.length + (2 if self.parts else 0)

    def heading(self, text: str, level: int) -> None:
        text = " ".join(text.split())
        if not text:
            return
        self.headings[self.length + (2 if self.parts else 0)] = level
        if level == 1 and not self.title:
            self.title = text
        self._add(text)
        self._joins_next = text.endswith(":")

    def _add(self, text: str, tight: bool = False) -> None:
        if self.parts:
            separator = "\n" if tight else "\n\n"
            self.parts.append(separator)
            self.length += len(separator)
        self.parts.append(text)
        self.length += len(text)

    def document(self, title: str = "") -> Document:
        return Document("".join(self.parts), title or self.title, dict(self.headings), structured=True)


def table_row(headers: list[str], cells: list[str]) -> str:
    """A table row as one readable line: `Développeur — Débutant : 35 000 € ; Confirmé : 45 000 €`.

    The first cell names the row; each other cell is given with its column header, so a figure keeps its
    qualifier (« Débutant ») in the quoted text."""
    cells = [" ".join(c.split()) for c in cells]
    if not any(cells):
        return ""
    if not headers or len(cells) < 2:
        return " ; ".join(c for c in cells if c)
    if len(headers) >= 2 and all(looks_like_job(h) for h in headers):  # `Chargé de communication | Community
        return " ; ".join(f"{h} : {c}" for h, c in zip(headers, cells, strict=False) if c)  # manager`: a column each
    pairs = [f"{h} : {c}" if h else c for h, c in zip(headers[1:], cells[1:], strict=False) if c]
    label = cells[0]
    if re.fullmatch(r"\d{1,3}(?:e|er|re|ème)?", label) and headers[0]:  # a bare number says nothing alone:
        label = f"{headers[0]} {label}"  # `Échelon 9 — Indice majoré : 500 ; …`
    return f"{label} — {' ; '.join(pairs)}" if label else " ; ".join(pairs)
