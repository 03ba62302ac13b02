"""Reading source files. `read_source` is the one definition of a file's text: every span points into it."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

from ..errors import CorpusError
from ..index.profile import OFFER_MARK, looks_like_job
from ..text import fold
from .clean import Block, crumbs, is_trail
from .readers import Document, UnreadableFile

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".odt")
BINARY_FORMATS = (".pdf", ".docx", ".odt")  # read from their bytes by their own library, not decoded as text
__all__ = ["UnreadableFile"]


def corpus_files(corpus: Path) -> list[Path]:
    return corpus_listing(corpus)[0]


def corpus_listing(corpus: Path) -> tuple[list[Path], dict[str, str]]:
    """The corpus files, and what was left out with why: the corpus is its folder and nothing else.

    Hidden files and folders are skipped; a symbolic link is followed only to a file inside the corpus, so a link
    to the system's account file or to another folder never gets indexed."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise CorpusError(f"Corpus folder {corpus} does not exist: create it and put .txt, .md or .html files in it.")
    root = corpus.resolve()
    files, skipped = [], {}
    for folder, dirnames, filenames in os.walk(corpus, followlinks=False):
        here = Path(folder)
        for dirname in sorted(dirnames):
            path = here / dirname
            if dirname.startswith("."):
                skipped[source_name(path, corpus)] = "hidden folder"
            elif path.is_symlink():
                skipped[source_name(path, corpus)] = "symbolic link to a folder (not followed)"
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink()]
        for filename in filenames:
            path = here / filename
            if path.suffix.lower() not in SUFFIXES:
                continue
            if filename.startswith("."):
                skipped[source_name(path, corpus)] = "hidden file"
            elif path.is_symlink() and not _inside(path.resolve(), root):
                skipped[source_name(path, corpus)] = "symbolic link to a file outside the corpus"
            elif path.is_file():
                files.append(path)
    return sorted(files), dict(sorted(skipped.items()))


def _inside(path: Path, root: Path) -> bool:
    return path.is_file() and path.is_relative_to(root)


def corpus_file(corpus: Path, name: str) -> Path | None:
    """The corpus file a citation names (`fiche.pdf`, `sous/dossier.md`), or None when there is none or the
    name leads outside the corpus (`../secret.txt`)."""
    root = Path(corpus).resolve()
    path = (root / (name or "")).resolve()
    return path if name and _inside(path, root) else None


def file_sha256(path: Path) -> str:
    """The hash of a file's bytes, read in blocks (a big file is never held whole for this)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_name(path: Path, corpus: Path) -> str:
    """How citations name a file: its path relative to the corpus folder."""
    return Path(path).relative_to(corpus).as_posix()


def decode(data: bytes) -> str:
    """UTF-16 with its BOM, UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    return _raw_text(data).replace("\r\n", "\n").replace("\r", "\n")


def _raw_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("broken UTF-16 text") from exc
    if b"\x00" in data:
        raise UnreadableFile("binary file (contains NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("not UTF-8 or Windows-1252 text")


def read_document(path: Path) -> Document:
    """A source file as a `Document`: plain text as it is; the other formats as clean lines with their headings
    (and a PDF with its pages). Any failure of a format's library is an `UnreadableFile` naming why."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(str(exc)) from exc
    suffix = Path(path).suffix.lower()
    if suffix in BINARY_FORMATS:
        return _read_binary(suffix, data)
    text = decode(data)
    if suffix in (".html", ".htm"):
        from .readers.html import read_html

        return read_html(text)
    if suffix in (".md", ".markdown"):
        from .readers.markdown import read_markdown

        return read_markdown(text)
    return Document(text)


def _read_binary(suffix: str, data: bytes) -> Document:
    if suffix == ".pdf":
        from .readers.pdf import read_pdf as read
    elif suffix == ".docx":
        from .readers.docx import read_docx as read
    else:
        from .readers.odt import read_odt as read
    try:
        return read(data)
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - each library has its own errors for damaged files
        raise UnreadableFile(f"damaged or not really a {suffix} file ({type(exc).__name__}: {exc})"[:200]) from exc


def read_source(path: Path) -> str:
    """The text every span of `path` points into: the file itself for plain text, the extracted text otherwise."""
    return read_document(path).text


MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def document_title(text: str, blocks: list[Block], max_chars: int = 100) -> str:
    """For plain text: the first Markdown-style heading, else the last crumb of a breadcrumb trail on the first line,
    else the first short line near the top, else the start of the first line."""
    lines = [text[b.start : b.end] for b in blocks[:12]]
    first = text.lstrip().split("\n", 1)[0]
    if is_trail(first):  # `Accueil > Métiers > MLOps Engineer`: a page's breadcrumb ends with its title...
        last = crumbs(first)[-1]
        rest = [line for line in lines if line.strip() != first.strip()]  # (the trail may be cleaned out as noise)
        named = [line for line in rest if _names_a_job(line, max_chars)]
        repeated = any(fold(last) in fold(line) for line in rest)
        marked = [line for line in named if OFFER_MARK.search(line)]  # an offer's « H/F » line is its title
        if marked or (named and not repeated):
            return _offer_name((marked or named)[0])
        return last  # ... unless it is a listing's place
    for line in lines:
        heading = MARKDOWN_HEADING.match(line)
        if heading:
            return heading.group(1)
    for line in lines:
        if len(line) <= max_chars and not line.endswith(":") and len(line.split()) >= 2:
            return _undouble(line.strip("*#>• -"))
    first = lines[0] if lines else ""
    return first if len(first) <= max_chars else first[: max_chars - 1].rsplit(" ", 1)[0] + "…"


def _offer_name(line: str) -> str:
    """A job line without its « H/F » mark and what follows it (`CHARGÉ(E) DE RECRUTEMENT H/F — CDI`)."""
    return OFFER_MARK.sub("", line).strip("*#>• -")


def _names_a_job(line: str, max_chars: int) -> bool:
    """A short line naming a role, e.g. an offer's `TECHNICIEN(NE) DE LABORATOIRE (H/F)`."""
    line = _offer_name(line)
    return len(line) <= max_chars and not line.endswith((":", "?")) and looks_like_job(line)


def _undouble(line: str) -> str:
    """`Qualiticien IA Qualiticien IA` -> `Qualiticien IA` (scraped pages often repeat their heading)."""
    half = len(line) // 2
    if len(line) % 2 == 1 and line[:half] == line[half + 1 :]:
        return line[:half]
    return line
