"""Reading source files. `read_source` is the one definition of a file's text: every span points into it."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .clean import Block
from .errors import CorpusError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
BLOCK_TAGS = "p div section article li ul ol h1 h2 h3 h4 h5 h6 tr table br header footer blockquote pre dt dd".split()


class UnreadableFile(Exception):
    """The file cannot be read or decoded as text."""


def corpus_files(corpus: Path) -> list[Path]:
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise CorpusError(f"Corpus folder {corpus} does not exist: create it and put .txt, .md or .html files in it.")
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


def source_name(path: Path, corpus: Path) -> str:
    """How citations name a file: its path relative to the corpus folder."""
    return Path(path).relative_to(corpus).as_posix()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    if b"\x00" in data:
        raise UnreadableFile("binary file (contains NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("not UTF-8 or Windows-1252 text")


def read_source(path: Path) -> str:
    """The text of a source file; for HTML, its visible text (one block element per line)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(str(exc)) from exc
    text = decode(data)
    if Path(path).suffix.lower() in (".html", ".htm"):
        return html_to_text(text)
    return text


def html_to_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "noscript", "template", "svg", "nav", "head"]):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in soup.get_text().split("\n"))
    body = "\n".join(line for line in lines if line)
    return body if not title or body.startswith(title) else f"{title}\n{body}"


MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def document_title(text: str, blocks: list[Block], max_chars: int = 100) -> str:
    """The first heading, else the first short line near the top, else the start of the first line."""
    lines = [text[b.start : b.end] for b in blocks[:12]]
    for line in lines:
        heading = MARKDOWN_HEADING.match(line)
        if heading:
            return heading.group(1)
    for line in lines:
        if len(line) <= max_chars and not line.endswith(":") and len(line.split()) >= 2:
            return _undouble(line.strip("*#>• -"))
    first = lines[0] if lines else ""
    return first if len(first) <= max_chars else first[: max_chars - 1].rsplit(" ", 1)[0] + "…"


def _undouble(line: str) -> str:
    """`Qualiticien IA Qualiticien IA` -> `Qualiticien IA` (scraped pages often repeat their heading)."""
    half = len(line) // 2
    if len(line) % 2 == 1 and line[:half] == line[half + 1 :]:
        return line[:half]
    return line
