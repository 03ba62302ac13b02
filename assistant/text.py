"""French text analysis shared by BM25, answer selection and evaluation.

Lower-case, accent folding, elision splitting (l' d' qu' ...), French stop words and Snowball stemming.
Accents are folded *before* stemming so that `éthiciens`, `ethicien` and `Éthicien` share one stem.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'"})
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
# "45 000", "45 000" (narrow no-break space) and "45000" all become "45000".
DIGIT_GROUPS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f\u2009\u2007.]\d{3})+)(?![\d])")
HEADING_SEPARATOR = " > "  # between the levels of a heading path: `Salaire > Salaire du débutant`
WORD = re.compile(r"[a-z0-9]+")
ELISION = re.compile(r"\b(?:l|d|j|n|s|t|m|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)

STOP_WORDS = frozenset(
    """
    a afin ai aie aient aies ait alors as au aucun aucune aupres aussi autre autres aux avaient avais avait avec
    avez aviez avions avoir avons ayant c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chaque
    chez comme comment d dans de des deja depuis donc dont du elle elles en encore entre es est et etaient etais
    etait etant ete etes etiez etions etre eu eue eues eurent eus eut eux faire fait fais faut font ici il ils j
    je jusqu l la le les leur leurs lui m ma mais me meme memes mes moi mon n ne ni nos notre nous on ont ou par
    parce pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels qui quoi s sa sans se sera ses
    si sien son sont soit sous sur t ta te tes toi ton tous tout toute toutes tres tu un une unes uns vos votre
    vous y est-ce ceux-ci celle-ci voici voila cet ces etc
    """.split()
)


class _FoldTable(dict):
    """`str.translate` table folding one character at a time, each worked out on first sight: `é` -> `e`,
    `’` -> `'`, `œ` -> `oe` (3.5x faster than decomposing whole texts)."""

    def __missing__(self, code: int) -> str:
        char = chr(code).translate(APOSTROPHES).replace("œ", "oe").replace("æ", "ae")
        folded = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, drop accents, normalise apostrophes and ligatures (cached: corpus sentences are folded for
    every question)."""
    text = text.lower()
    return text.translate(APOSTROPHES if text.isascii() else _FOLD)


def upper_first(text: str) -> str:
    """`agent de maîtrise` -> `Agent de maîtrise`: the first letter only (`iOS` stays inside)."""
    return text[:1].upper() + text[1:]


def of(noun: str) -> str:
    """French « de » before `noun`, elided before a vowel or h: "de " or "d’"."""
    return "d’" if noun and fold(noun[0]) in "aeiouyh" else "de "


def normalize_numbers(text: str) -> str:
    """Join digit groups split by (no-break, thin) spaces or dots: "100 000" -> "100000"."""
    return DIGIT_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)


def normalize(text: str) -> str:
    """Comparable form for fact matching: folded, numbers joined, single spaces."""
    return SPACES.sub(" ", normalize_numbers(fold(text))).strip()


def words(text: str) -> list[str]:
    """Folded words with elisions split off, stop words kept."""
    text = ELISION.sub(" ", fold(text))
    return WORD.findall(normalize_numbers(text))


SPELLING_SKIPS = frozenset("de des du d l la le les en et a au aux".split())  # not initials: `Indemnité de Sujétions`


def spelled_out(acronym: str, text: str) -> str:
    """The words of `text` whose initials make `acronym` (`indemnité de sujétions spéciales` for « ISS »), folded,
    the small words between them left out; "" when it has none."""
    letters = fold(acronym)
    kept = [w for w in words(text) if w not in SPELLING_SKIPS]
    n = len(letters)
    if n < 2:
        return ""
    return next((" ".join(kept[i : i + n]) for i in range(len(kept) - n + 1)
                 if "".join(w[0] for w in kept[i : i + n]) == letters), "")


def spells_out(acronym: str, text: str) -> bool:
    return bool(spelled_out(acronym, text))


@lru_cache(maxsize=8)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("french")


def terms(text: str) -> list[str]:
    """BM25 terms: folded, elisions split, stop words removed, stemmed."""
    return list(_terms(text))


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    """Cached: the answerer re-reads the same corpus sentences for every question."""
    kept = [w for w in words(text) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]
    return tuple(_stemmer().stemWords(kept))


NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f\u2009.,]\d+)*")


def numbers(text: str) -> set[str]:
    """The numbers written in a text, normalised ("45 000" -> "45000", "3,5" -> "3.5")."""
    found = set()
    for match in NUMBER.finditer(normalize_numbers(text)):
        found.add(match.group(0).replace(",", ".").replace(" ", ""))
    return found


# ---- sentences ---------------------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=[«\"“(\-–•]?\s*[A-ZÀ-ÖØ-Þ0-9])")


ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bM|\bMme|\bDr|\betc|\bex|\bp|\bcf|^\s*\d{1,2})\.$")  # `1. Faites…`: an item number


@dataclass(frozen=True)
class Span:
    start: int
    end: int


WRAPPED_LINE = 50  # a line this long that stops mid-sentence, followed by one in lower case, is hard-wrapped text


# Words a French sentence does not end on (articles, prepositions, conjunctions, determiners): a line ending on one
# goes on below, whatever the next line starts with (`… le bac pro, en` / `3 ans après la 3e`).
OPEN_ENDINGS = frozenset(
    "le la les l un une des du de d au aux à a en et ou ni pour par avec sans sur sous dans chez entre vers que qui "
    "dont son sa ses leur leurs ce cet cette ces mon ma mes ton ta tes notre nos votre vos très plus".split()
)


def continues(previous: str, line: str) -> bool:
    """`line` goes on with the sentence `previous` left open: text cut at a fixed width (a FAQ wrapped at 80
    columns, a Markdown paragraph over several lines), not a new line of its own."""
    previous, line = previous.rstrip(), line.lstrip()
    if len(previous) < WRAPPED_LINE or previous[-1:] in ".!?:;…" or not line:
        return False
    last_word = fold(previous.rsplit(None, 1)[-1]).strip("'(")
    return line[:1].islower() or (last_word in OPEN_ENDINGS and line[:1] not in "-•–*#>|")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split text[start:end] into sentence spans; every line is at least its own sentence, unless it goes on
    with the previous one (`continues`).

    Spans are stripped of surrounding whitespace, so `text[span.start:span.end]` is the sentence itself.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    lines = text[start:end].split("\n")
    line_start = piece_start = start
    for i, line in enumerate(lines):
        line_end = line_start + len(line)
        for match in SENTENCE_END.finditer(line):
            if ABBREVIATION.search(line, 0, match.start()):  # the text before the space ends with the dot
                continue
            spans.extend(_stripped(text, piece_start, line_start + match.start()))
            piece_start = line_start + match.end()
        line_start = line_end + 1
        if i + 1 < len(lines) and continues(line, lines[i + 1]):
            continue
        spans.extend(_stripped(text, piece_start, line_end))
        piece_start = line_start
    return spans


DATE_STAMP = re.compile(r"date\s*:?\s*\d{4}-\d{2}(?:-\d{2})?\s+(?=\S)", re.I)  # `date 2023-04 L'expansion…`


def _stripped(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    stamp = DATE_STAMP.match(text, start, end)  # a page's date stamp opens no sentence
    start = stamp.end() if stamp else start
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


# ---- markup left in plain-text files -------------------------------------------------------------------------

MARKUP = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # ![image](src)
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"<[^>]{1,200}>"), ""),  # <li>, </b>
    (re.compile(r"\*\*|__|`"), ""),  # **bold**, __bold__, `code`
    (re.compile(r"^\s*#{1,6}\s+"), ""),  # ## heading
)


def strip_markup(text: str) -> str:
    """Text as a reader sees it: Markdown and HTML marks left in a plain-text file removed (for display only;
    citations keep the exact span)."""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())
