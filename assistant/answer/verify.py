"""Is a sentence supported by the text it cites? One check for the answer path (each sentence a model writes) and
for the evaluation (each sentence of every answer).

A sentence is supported when every number it states is in the cited text (or derived from one and said so, see
`figures.allowed_numbers`) and at least MIN_OVERLAP of its content terms are. Text addressed to the assistant
(« ignorez les instructions… ») is never support: it is taken out of a passage before the model sees it and
before a sentence is checked against it, so a model that obeys a document's injected order writes a sentence
nothing supports, and that sentence is removed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..text import fold, numbers, sentence_spans, strip_markup, terms
from .citations import MARKER, split_cited_sentences
from .figures import DERIVED, allowed_numbers

log = logging.getLogger(__name__)
MIN_OVERLAP = 0.6  # share of a sentence's content terms that must be in the text it cites

# Orders to an AI inside a document (folded text): never an answer, never support, never shown to a model.
ADDRESSED_TO_ASSISTANT = re.compile(
    r"\b(?:ignorez|oubliez|ne (?:tiens|tenez) pas compte|disregard|(?:ignore|oublie|forget) (?:all|any|the|previous|your|toutes|tout ce|tes))\b.{0,40}"
    r"\b(?:instructions?|consignes?|regles?|directives?|prompts?|(?:ce|tout ce) qui precede|previous|above)\b"
    r"|(?:^|[.!:;]\s*)(?:repondez|reponds|dites|dis|affirmez|ecrivez|ecris|answer|reply|say)\s+"
    r"(?:toujours\s+|uniquement\s+|seulement\s+|always\s+|only\s+)?(?:que|qu'|that)\b"
    r"|\b(?:tu dois|vous devez|you must)\s+(?:toujours\s+|always\s+)?(?:repondre|dire|affirmer|answer|say|reply)\b"
    r"|\b(?:tu es|vous etes|you are|en tant qu'|as an?)\s*(?:un |une |an? )?(?:assistant|ia|ai|chatbot|modele|language model)\b"
    r"|\b(?:system prompt|prompt systeme|nouvelles instructions|new instructions)\b"
)

URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)  # a web address a model writes is not shown
# In the sentence being written, what is held back until the sentence is checked: markup that may not be complete
# yet, and figures (a number is never shown before its passage is known to give it).
UNFINISHED = re.compile(r"!\[|<|\]\(|https?:|www\.|\d", re.I)


def addressed_to_assistant(text: str) -> bool:
    return bool(ADDRESSED_TO_ASSISTANT.search(fold(text)))


def clean_generated(text: str) -> str:
    """Generated text as shown: no image, HTML or web address; a link keeps its words (`text.strip_markup`)."""
    return URL.sub("", strip_markup(text)).strip()


def evidence(text: str) -> str:
    """A passage as support and as model input: its sentences addressed to the assistant removed."""
    kept = [text[s.start : s.end] for s in sentence_spans(text)]
    return " ".join(sentence for sentence in kept if not addressed_to_assistant(sentence))


def support(sentence: str, cited: str, min_overlap: float = MIN_OVERLAP) -> tuple[bool, float, str]:
    """(supported, term overlap, why not) of one sentence against the text it cites."""
    plain = MARKER.sub(" ", sentence)
    missing = sorted(numbers(plain) - allowed_numbers(plain, cited))
    wanted = set(terms(plain))
    overlap = len(wanted & set(terms(cited))) / len(wanted) if wanted else 1.0
    if missing:
        return False, overlap, f"numbers not in the cited text: {', '.join(missing)}"
    if overlap < min_overlap and not DERIVED.search(plain):  # a derived figure restates, in its own words
        return False, overlap, f"only {overlap:.0%} of its words are in the cited text"
    return True, overlap, ""


def claim_sentences(answer: str) -> list[tuple[str, tuple[int, ...]]]:
    """The answer's sentences with the markers each carries."""
    found = []
    for part, _ in split_cited_sentences(answer):
        for span in sentence_spans(part):
            sentence = part[span.start : span.end]
            if re.search(r"\w", MARKER.sub("", sentence)):
                found.append((sentence, tuple(int(m) for m in MARKER.findall(sentence))))
    return found


@dataclass
class Checked:
    """A generated answer after the check: kept sentences (markers renumbered in order of first use), the
    passages they cite (indexes into the passages given), and the sentences removed."""

    text: str = ""
    cited: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    repointed: int = 0


class Checker:
    """Checks a generated answer sentence by sentence, as it streams in (`feed`), or at once (`check`)."""

    def __init__(self, passages: list[str]) -> None:
        self.evidence = [evidence(p) for p in passages]
        self.raw = ""
        self.done = 0  # sentences of `raw` already checked
        self.kept: list[str] = []
        self.result = Checked()

    def feed(self, delta: str) -> str:
        """Add streamed text; returns what may be shown: the checked sentences, then the one being written
        (without markup or markers, which are only settled once it is complete)."""
        self.raw += delta
        sentences = claim_sentences(self.raw)
        for sentence, marks in sentences[self.done : -1]:  # the last one may still grow
            self._check(sentence, marks)
        self.done = max(self.done, len(sentences) - 1)
        partial = MARKER.sub("", clean_generated(UNFINISHED.split(sentences[-1][0])[0])) if len(sentences) > self.done else ""
        return " ".join([*self.kept, partial]).strip()

    def finish(self) -> Checked:
        for sentence, marks in claim_sentences(self.raw)[self.done :]:
            self._check(sentence, marks)
        self.done = len(claim_sentences(self.raw))
        self.result.text = " ".join(self.kept)
        return self.result

    def check(self, text: str) -> Checked:
        self.feed(text)
        return self.finish()

    def _check(self, sentence: str, marks: tuple[int, ...]) -> None:
        plain = MARKER.sub("", clean_generated(sentence)).strip()
        plain = re.sub(r"\s+([.!?…,;:])", r"\1", plain)
        if not re.search(r"\w", plain):
            return
        cited = [m - 1 for m in marks if 1 <= m <= len(self.evidence)]
        if not (cited and all(support(plain, self.evidence[i])[0] for i in cited)):
            backing = [(support(plain, text)[1], i) for i, text in enumerate(self.evidence) if support(plain, text)[0]]
            if not backing:
                log.info("Removed a generated sentence no passage supports: %r", plain)
                self.result.removed.append(plain)
                return
            cited = [max(backing)[1]]
            self.result.repointed += 1
            log.info("Re-pointed a generated sentence to passage %d: %r", cited[0] + 1, plain)
        for i in cited:
            if i not in self.result.cited:
                self.result.cited.append(i)
        self.kept.append(_with_markers(plain, [self.result.cited.index(i) + 1 for i in cited]))


def _with_markers(sentence: str, markers: list[int]) -> str:
    """`sentence [1][2].`: the markers before the final punctuation."""
    tags = "".join(f"[{n}]" for n in markers)
    end = re.search(r"[.!?…]+$", sentence)
    if end:
        return f"{sentence[: end.start()].rstrip()} {tags}{end.group(0)}"
    return f"{sentence} {tags}."
