"""What the corpus covers: the job titles it names, found with a small lexicon of French job head nouns.

Used to tell the user what they can ask, to say what the documents do cover when abstaining, and to carry a
job over from one chat turn to the next.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .text import STOP_WORDS, fold

# Head nouns of French (and franglais) job titles, folded. A title is a head plus its complement.
HEADS = (
    "ingenieur ingenieure ethicien ethicienne responsable chef directeur directrice qualiticien qualiticienne "
    "concepteur conceptrice annotateur annotatrice analyste consultant consultante specialiste developpeur "
    "developpeuse architecte designer expert experte scientifique technicien technicienne chercheur chercheuse "
    "data manager juriste formateur formatrice"
).split()
COMPLEMENT_WORDS = set(
    "de des du d l la le en ia intelligence artificielle prompt projet chatbot donnees data scientist analyst "
    "engineer conversations conversation alignement ai quality ethique machine learning deploye deployes terrain "
    "connaissances connaissance bases base modele modeles confiance ml apprentissage automatique produit solutions "
    "solution donnee"
    .split()
)
CONNECTORS = {"de", "des", "du", "d", "l", "la", "le", "en"}
LOOSE_CONNECTORS = {"de", "des", "du", "d", "l"}  # "en" introduces places and times ("en France", "en début")
TOKEN = re.compile(r"[\w’']+|[^\w\s]")


def job_mentions(text: str, loose: bool = False, typos: bool = False) -> list[str]:
    return list(_job_mentions(text, loose, typos))


@lru_cache(maxsize=16384)
def _job_mentions(text: str, loose: bool, typos: bool) -> tuple[str, ...]:
    """Job titles in `text`, folded (`ingenieur prompt`, `ethicien ia`, `chef projet chatbot`).

    `loose` also takes one noun of any kind after a connector (`specialiste des risques`): used to tell
    whether a job named in a question is one the corpus names at all. `typos` reads a head noun typed with one
    letter wrong as that head (`qualitcien`).
    """
    folded = fold(text).replace("'", " ").replace("intelligence artificielle", "ia")
    words = [_singular(w) for w in re.findall(r"[a-z0-9]+", folded)]
    if typos:  # questions only: in documents, `spécialisées` must not become `spécialiste`
        words = [_corrected(w) for w in words]
    words = ["ia" if w == "ai" else w for w in words]
    found = []
    for i, word in enumerate(words):
        if word not in HEADS or (word == "data" and i + 1 < len(words) and words[i + 1] not in ("scientist", "analyst", "engineer")):
            continue
        title = [word]
        for nxt in words[i + 1 : i + 6]:
            if nxt not in COMPLEMENT_WORDS and not (loose and title[-1] in LOOSE_CONNECTORS and nxt not in STOP_WORDS):
                break
            title.append(nxt)
        while title and title[-1] in CONNECTORS:
            title.pop()
        if len(title) > 1 or word in ("qualiticien", "ethicien", "annotateur"):
            found.append(" ".join(t for t in title if t not in CONNECTORS))
    return tuple(found)


def _corrected(word: str) -> str:
    """A job head typed with one letter missing, extra or wrong (`qualitcien`) read as the head."""
    if len(word) < 7 or word in HEADS:
        return word
    return next((head for head in HEADS if abs(len(head) - len(word)) <= 1 and one_edit(head, word)), word)


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substitution, insertion or deletion."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 and word not in ("des", "les") else word


def corpus_topics(texts: list[str], limit: int = 12) -> list[str]:
    """Job titles mentioned at least twice across the corpus, most frequent first, displayed naturally."""
    counts: Counter[str] = Counter()
    display: dict[str, str] = {}
    for text in texts:
        for match, at_line_start in _display_mentions(text):
            key = " ".join(job_mentions(match))
            if key:
                counts[key] += 2 if at_line_start else 1
                display.setdefault(key, match[0].upper() + match[1:])
    keep = [k for k, n in counts.most_common() if n >= 2]
    keep = [k for k in keep if not any(k != other and k in other and counts[other] >= counts[k] for other in keep)]
    return [display[k] for k in keep[:limit]]


def job_titles(text: str) -> list[str]:
    """Job titles in `text` as written there (`Ethicien en intelligence artificielle`), in order."""
    return [mention for mention, _ in _display_mentions(text)] if text else []


def _display_mentions(text: str) -> list[tuple[str, bool]]:
    """Original-case spans of job titles, for display, and whether each starts a line (a heading)."""
    pattern = re.compile(
        r"\b(?:" + "|".join(sorted(set(HEADS), key=len, reverse=True)) + r")\w*(?:[\s’'\-«»\"]+(?:"
        + "|".join(sorted(COMPLEMENT_WORDS, key=len, reverse=True)) + r")\b)*",
        re.IGNORECASE,
    )
    spans = []
    folded = fold(text)
    for match in pattern.finditer(folded):
        original = re.sub(r"\s*[«»\"]\s*", " ", text[match.start() : match.end()]).strip(" -’'")
        original = re.sub(r"[\s’']+(?:de|des|du|d|l|la|le|en)$", "", original, flags=re.IGNORECASE)
        if job_mentions(original):
            line_start = text.rfind("\n", 0, match.start()) + 1
            spans.append((original, not text[line_start : match.start()].strip(" 0123456789.-•*#")))
    return spans
