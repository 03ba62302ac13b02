"""Numbered citations in one place: write markers into answer sentences and read them back."""

from __future__ import annotations

import re

from ..text import HEADING_SEPARATOR

MARKER = re.compile(r"\[(\d+)\]")


def render_sentence(sentence: str, heading: str, marker: int, subject: str = "") -> str:
    """`sentence [n].` — a short fragment (`De 3 750 € à 7 500 €`) is prefixed by its heading, and a sentence
    that does not name its job by that job (`Ethicien en IA — En France, …`)."""
    text = sentence.strip()
    heading = heading.split(HEADING_SEPARATOR)[-1]
    if heading and len(re.findall(r"[^\W\d_]{2,}", text)) < 4 and heading.lower() not in text.lower():
        text = f"{heading.rstrip(' :>')} : {text}"
    if subject and subject.lower() not in text.lower():
        text = f"{subject} — {text}"
    if text.endswith(("...", "…", "!", "?")):
        return f"{text} [{marker}]"
    return f"{text.removesuffix('.')} [{marker}]."


def markers(answer_text: str) -> list[int]:
    """Citation markers in order of appearance, each once."""
    seen: list[int] = []
    for match in MARKER.finditer(answer_text):
        number = int(match.group(1))
        if number not in seen:
            seen.append(number)
    return seen


def split_cited_sentences(answer_text: str) -> list[tuple[str, list[int]]]:
    """The answer's sentences, each with the markers it carries."""
    parts = re.split(r"(?<=\]\.)\s+|(?<=\][!?…])\s+", answer_text.strip())
    return [(part, [int(m) for m in MARKER.findall(part)]) for part in parts if part]
