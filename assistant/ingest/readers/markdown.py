"""Markdown, read with markdown-it-py: headings, paragraphs, list items, tables, front matter and inline HTML.

Inline markup (`**bold**`, `_em_`, links, images, HTML tags) is removed: link text is kept, images are dropped.
Career pages exported to Markdown are often indented by accident (`            ### Salaire du débutant`), which
CommonMark would read as code; the indented-code rule is off and indented headings are read as headings.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import Document, LineWriter, table_row
from .html import add_line, html_lines

INDENTED_HEADING = re.compile(r"(?m)^[ \t]{4,}(?=#{1,6}[ \t])")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
LONG_FIELD = 80  # a front-matter string this long is prose (a summary), not a tag or a date

_parser = MarkdownIt("commonmark").enable("table").disable("code")


def read_markdown(text: str) -> Document:
    meta, body = front_matter(text)
    out = LineWriter()
    title = _plain(str(meta.get("title", ""))) if isinstance(meta.get("title"), str) else ""
    if title:
        out.heading(title, 1)
    for value in meta.values():
        if isinstance(value, str) and len(value) >= LONG_FIELD and value != meta.get("title"):
            out.block(_plain(value))
    render(_parser.parse(INDENTED_HEADING.sub("", body)), out)
    return out.document()


def front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (`---` ... `---`) as a dict, and the rest of the text."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def render(tokens: list[Token], out: LineWriter) -> None:
    """Block tokens to lines; a list item's first paragraph carries its bullet, nested lists are flattened."""
    numbering: list[int | None] = []  # per open list: the next number of an ordered list, None for bullets
    prefix = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            out.heading(inline_text(tokens[i + 1]), int(token.tag[1]))
            i += 3
            continue
        if kind == "table_open":
            i = _table(tokens, i, out)
            continue
        if kind == "bullet_list_open":
            numbering.append(None)
        elif kind == "ordered_list_open":
            numbering.append(int(token.attrs.get("start", 1) or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbering.pop()
        elif kind == "list_item_open":
            prefix = "- " if numbering[-1] is None else f"{numbering[-1]}. "
            if numbering[-1] is not None:
                numbering[-1] += 1
        elif kind == "inline":
            out.block(inline_text(token), prefix)
            prefix = ""
        elif kind == "html_block":
            for line, level in html_lines(token.content):
                add_line(out, line, level)
        elif kind == "fence":
            out.block(token.content)
        i += 1


def _table(tokens: list[Token], i: int, out: LineWriter) -> int:
    """Rows of the table opening at `i`, each as one line; returns the index after the table."""
    headers: list[str] = []
    row: list[str] = []
    in_head = False
    while tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "inline":
            row.append(inline_text(tokens[i]))
        elif kind == "tr_close":
            if in_head:
                headers = row
            else:
                out.block(table_row(headers, row))
        i += 1
    return i + 1


def inline_text(token: Token) -> str:
    """The text of an inline token without markup; soft and hard breaks become new lines."""
    parts = []
    for child in token.children or []:
        kind = child.type
        if kind == "image":
            continue
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I):
            parts.append("\n")
    return "".join(parts)


def _plain(text: str) -> str:
    """Inline Markdown of a front-matter value, as text."""
    tokens = _parser.parseInline(text)
    return " ".join(inline_text(t) for t in tokens).strip()
