"""Noise removal that keeps character spans into the original text.

The cleaned document is a list of kept lines ("blocks"), each a span of the original text, so every passage
and sentence built from it can be cited by `[start, end)` in the source file. Lines are dropped, never edited,
so cleaning cannot alter or invent a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import SPACES, continues, fold

MIN_DEDUP_CHARS = 30  # shorter repeated lines (headings, bylines) may legitimately recur

BINARY_OR_HEX_DUMP = re.compile(r"^(?:[01]{4,}|[0-9a-fA-F]{8,})(?:\s+(?:[01]{4,}|[0-9a-fA-F]{8,}))+\s*$")
DIGIT_DUMP = re.compile(r"^[\d\s]{24,}$")
CRUMB = re.compile(r"^[^.!?]{0,80}(?:>|›|»|/|\|)\s*$")
SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
# A web page's furniture, in French: footer, sharing links, cookie banner (matched on the folded line).
BOILERPLATE = re.compile(r"tous droits reserves|mentions legales|politique de confidentialite"
                         r"|^\W*partager\b(?:\s+cet(?:te)? \w+)?\s*(?::|sur\b)"
                         r"|(?:nous utilisons|utilise) des cookies|accepter (?:les|tous les) cookies"
                         r"|(?:vous avez une|pour toute) autre question|ne constitue pas un conseil|\babonnez-vous\b"
                         r"|^\W*newsletter\s*[:—–-]"  # a page's footer: « Vous avez une autre question ? Écrivez-nous… »
                         r"|^(?:\s*\[\s*[^\]]{1,30}\]){2,}\s*(?:$|\[?\s*partager\b)")  # `[ Postuler ]  [ Sauvegarder ]`
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
TRAIL_SEPARATOR = re.compile(r"\s+[>›»|/]\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-•–*]|\d+[.)])\s+|;\s*$")  # a bullet line, or an item ending with « ; »


@dataclass(frozen=True)
class Block:
    """A kept line: `text[start:end]` of the original."""

    start: int
    end: int


def is_noise(line: str) -> bool:
    """True for lines that are never prose: digit dumps, lone symbols, URL slugs, one-word crumbs."""
    stripped = line.strip()
    if not stripped:
        return True
    if BINARY_OR_HEX_DUMP.match(stripped) or DIGIT_DUMP.match(stripped) and " " in stripped:
        return True
    if SYMBOLS_ONLY.match(stripped) or SLUG.match(stripped) or BOILERPLATE.search(fold(stripped)):
        return True
    return is_crumb(stripped) and len(stripped.split()) == 1


def is_crumb(line: str) -> bool:
    """A short navigation link such as `Métiers>`; a lone one may be a heading, a run of them is a trail."""
    stripped = line.strip()
    return bool(CRUMB.match(stripped)) and len(stripped.split()) <= 10 and not stripped.endswith("»")


def crumbs(line: str) -> list[str]:
    """The crumbs of a breadcrumb line: `Accueil > Métiers > Pentester` -> three crumbs."""
    return TRAIL_SEPARATOR.split(line.strip())


def is_trail(line: str) -> bool:
    """A breadcrumb trail on one line: `Accueil > Métiers > Pentester` (three or more short crumbs)."""
    parts = crumbs(line)
    return (
        len(parts) >= 3 and ":" not in line and not re.search(r"[.!?;]\s*$", line.strip())
        and all(0 < len(c.split()) <= 8 and re.search(r"[^\W\d_]", c) for c in parts)
    )


def _noise_flags(lines: list[str]) -> list[bool]:
    """Per-line noise flags; breadcrumbs count as noise when the next or previous text line is one too."""
    flags = [is_noise(line) or is_trail(line) for line in lines]
    text_rows = [i for i, line in enumerate(lines) if line.strip()]
    for pos, i in enumerate(text_rows):
        neighbours = text_rows[max(pos - 1, 0) : pos] + text_rows[pos + 1 : pos + 2]
        if is_crumb(lines[i]) and any(is_crumb(lines[j]) or is_noise(lines[j]) for j in neighbours):
            flags[i] = True
    return flags


def is_heading(line: str) -> bool:
    """A short line without final punctuation, not a list item: `Salaire Moyen`, `2. Ethicien en IA >`."""
    line = line.strip()
    label_value = re.search(r"\w\s?:\s+\S", line)  # `Employabilité : Bonne` is a field, not a heading
    return 0 < len(line) <= 80 and line[-1] not in ".;,!" and not line.startswith(("-", "•", "–")) and not label_value


def _key(line: str) -> str:
    return SPACES.sub(" ", fold(line)).strip()


def clean_blocks(text: str) -> list[Block]:
    """Kept lines of `text`, in order: noise lines and repeated paragraphs (kept once) are removed."""
    blocks: list[Block] = []
    seen: set[str] = set()
    previous_key = None
    offset = 0
    lines = text.split("\n")
    for line, noise in zip(lines, _noise_flags(lines), strict=True):
        start, end = offset, offset + len(line)
        offset = end + 1
        if noise:
            continue
        key = _key(line)
        repeated = key in seen and (len(key) >= MIN_DEDUP_CHARS or key == previous_key)
        previous_key = key
        if repeated:
            continue
        seen.add(key)
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        if blocks and text[blocks[-1].end : start].count("\n") == 1 and continues(text[blocks[-1].start : blocks[-1].end], line):
            blocks[-1] = Block(blocks[-1].start, end)  # hard-wrapped: one block per paragraph, not per line
        else:
            blocks.append(Block(start, end))
    return blocks


def clean_text(text: str) -> str:
    """The cleaned document as plain text, one kept line per line."""
    return "\n".join(text[b.start : b.end] for b in clean_blocks(text))


def segments(text: str, blocks: list[Block]) -> list[list[Block]]:
    """Group kept blocks into runs with nothing dropped between them (only blank lines).

    A passage never spans a dropped line, so `original[start:end]` of a passage is exactly its text.
    """
    runs: list[list[Block]] = []
    for block in blocks:
        if runs and not text[runs[-1][-1].end : block.start].strip():
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs
