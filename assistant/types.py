"""Typed records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk: `text == source_text[start:end]` of the file `source`."""

    id: str
    source: str
    title: str
    start: int
    end: int
    text: str
    score: float = 0.0
    dense_score: float | None = None
    bm25_score: float | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the corpus with its span in the source file and (optionally) its embedding."""

    source: str
    start: int
    end: int
    text: str
    vector: np.ndarray | None = field(default=None, compare=False)
    heading: str = ""  # nearest heading above the sentence in its document
    block: int = 0  # start offset of the line/paragraph holding it


@dataclass(frozen=True)
class Citation:
    marker: int
    source: str
    title: str
    start: int
    end: int
    quote: str
    passage: str = ""
    passage_start: int = 0
    page: int | None = None  # the page of a PDF the quote starts on

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("passage", "passage_start")}


@dataclass
class Answer:
    question: str
    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Passage] = field(default_factory=list)
    resolved_question: str = ""
    confidence: float = 0.0
    reason: str = ""  # why the answerer abstained (for logs and evaluation)
    generator: str = "extractive"  # or the model that wrote the text, e.g. "ollama:mistral"
    note: str = ""  # one French line for the person, e.g. why the model could not be used
    removed_claims: list[str] = field(default_factory=list)  # generated sentences no passage supports

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "resolved_question": self.resolved_question or self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "abstention_reason": self.reason if self.abstained else "",
            "confidence": round(self.confidence, 4),
            "generator": self.generator,
            "note": self.note,
            "removed_claims": list(self.removed_claims),
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [
                {"source": p.source, "start": p.start, "end": p.end, "score": round(p.score, 6)}
                for p in self.retrieved
            ],
        }
