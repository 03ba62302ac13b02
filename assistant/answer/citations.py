"""Numbered citations in one place: write markers into answer sentences and read them back."""

from __future__ import annotations

import re

from ..text import HEADING_SEPARATOR, sentence_spans

MARKER = re.compile(r"\[(\d+)\]")


SHORT_FRAGMENT = 4  # words: fewer and a quote gets its heading before it, and its opening sentence no job name


def render_sentence(sentence: str, heading: str, marker: int, subject: str = "") -> str:
    """`sentence [n].` — a short fragment (`De 3 750 € à 7 500 €`) is prefixed by its heading, and a sentence
    that does not name its job by that job (`Ethicien en IA — En France, …`)."""
    text = sentence.strip()
    heading = heading.split(HEADING_SEPARATOR)[-1]
    if re.fullmatch(r"\s*\[[^\]]*\]\s*", heading):  # `[Générique]`, `[Musique]`: a transcript's cue, no section name
        heading = ""
    if heading and len(re.findall(r"[^\W\d_]{2,}", text)) < SHORT_FRAGMENT and heading.lower() not in text.lower():
        text = f"{heading.rstrip(' :>')} : {text}"
    spans = sentence_spans(text)
    opening = text[spans[0].start : spans[0].end] if spans else text
    if subject and subject.lower() not in text.lower() and len(re.findall(r"[^\W\d_]{2,}", opening)) >= SHORT_FRAGMENT:
        text = f"{subject} — {text}"  # not before a short reply (« INÈS : Oui. »): it would be most of its words
    return " ".join(_marked(text[s.start : s.end], marker) for s in sentence_spans(text))


def _marked(sentence: str, marker: int) -> str:
    """`sentence [n].`: every sentence of a quote carries its marker, so none of an answer's sentences goes
    uncited when a quote holds two (« Oui. Il faut 507 heures… »)."""
    if sentence.endswith(("...", "…", "!", "?")):
        return f"{sentence} [{marker}]"
    return f"{sentence.removesuffix('.')} [{marker}]."


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
