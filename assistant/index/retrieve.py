"""Hybrid retrieval: dense (a Chroma query) and French BM25, fused by reciprocal rank fusion.

Chroma is queried directly rather than through a llama-index `VectorStoreIndex`: importing llama-index takes 1.7 s,
which a question from a cold `assistant ask` cannot afford (README « Performance »); ingest still builds its
nodes with llama-index."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from ..config import Settings
from ..text import terms
from ..types import Passage, Sentence
from . import store
from .embed import Embedder, load_embedder
from .store import ParsedText

log = logging.getLogger(__name__)
RRF_K = 60
CANDIDATES = 20
WHOLE_DOCUMENT = 40  # the answerer reads a retrieved document whole up to this many passages (a web page, a sheet)
READ_WINDOW = 10  # ... and in a longer one, this many passages on each side of each retrieved passage
PARSED_CACHE = 64  # parsed documents kept in memory (the text and headings sentences are read from)


@dataclass
class Retrieval:
    """What one query found: the ranked passages plus what the answerer needs to score their sentences."""

    question: str
    query_vector: np.ndarray
    passages: list[Passage]


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings an id appears in (rank from 1)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


class Retriever:
    """Loads the index once (Chroma collections, BM25, embedder) and answers many queries."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, fresh: bool = False) -> None:
        self.settings = settings
        self.stamp = store.params_stamp(settings.index)
        self.params = store.check_params(settings)
        self.embedder = embedder or load_embedder(settings.embed_model)
        if self.embedder.dim != self.params.dim:
            from ..errors import ModelMismatchError

            raise ModelMismatchError(f"{self.params.embed_model} ({self.params.dim}d)", self.embedder.name, settings.index)
        client = store.chroma_client(settings, fresh=fresh)
        self._passages = store.open_collection(client, settings, self.params.collections[store.PASSAGES])
        store.open_collection(client, settings, self.params.collections[store.SENTENCES])  # there, or the index is not whole
        snapshot = store.load_snapshot(settings.index, self.params.snapshot)
        self._bm25, self._ids, self._sentence_layout = snapshot.bm25, snapshot.passage_ids, snapshot.sentences
        self._row = {pid: i for i, pid in enumerate(self._ids)}  # the live passages and their BM25 rows
        self._layout = snapshot.layout
        self._by_source: dict[str, list[int]] = {}  # each file's passage rows, in text order
        for row in sorted(range(len(self._ids)), key=self._layout.__getitem__):  # (file, start, end) order
            self._by_source.setdefault(self._layout[row][0], []).append(row)
        self._place = {row: i for rows in self._by_source.values() for i, row in enumerate(rows)}  # row -> its rank in its file
        self._documents: dict[str, ParsedText] = {}

    @property
    def vocabulary(self) -> set[str]:
        """The corpus's BM25 terms (folded, stemmed)."""
        return set(self._bm25.vocab_dict)

    def retrieve(self, question: str, top_k: int | None = None, prefer: frozenset[str] = frozenset()) -> Retrieval:
        """The `top_k` passages best fused from the dense and BM25 rankings. `prefer`: files the question is
        known to be about (the pages of the corpus job it names, the conversation's for a follow-up): their
        passages, in BM25 order, are a third ranking of the fusion, so they rank high even when the question's
        words match another page better (« le salaire d'une menuisière » and a cariste's salary table)."""
        top_k = top_k or self.settings.top_k
        query_vector = self.embedder.embed_queries([question])[0]
        dense_cos = self._dense(query_vector)
        bm25_scores = self._bm25_scores(question)
        bm25_rank = [self._ids[i] for i in np.argsort(-bm25_scores)[:CANDIDATES] if bm25_scores[i] > 0]
        rows = [row for source in sorted(prefer) for row in self._by_source.get(source, [])]
        preferred = [self._ids[row] for row in sorted(rows, key=lambda row: -bm25_scores[row])[:CANDIDATES]]
        fused = rrf([list(dense_cos), bm25_rank, preferred])
        best = sorted(fused, key=lambda pid: -fused[pid])[:top_k]
        found = self._fetch(best)
        passages = [
            replace(found[pid], score=fused[pid], dense_score=dense_cos.get(pid), bm25_score=float(bm25_scores[self._row[pid]]))
            for pid in best if pid in found
        ]
        return Retrieval(question, query_vector, passages)

    def _dense(self, query_vector: np.ndarray) -> dict[str, float]:
        """The live passages nearest the question, best first, with their cosine similarity."""
        n = min(CANDIDATES, len(self._ids))  # the live rows are in Chroma: no count to ask for
        if not n:
            return {}
        found = self._passages.query(query_embeddings=[query_vector], n_results=n, include=["distances"])
        return {pid: 1.0 - d for pid, d in zip(found["ids"][0], found["distances"][0], strict=True) if pid in self._row}

    def _bm25_scores(self, question: str) -> np.ndarray:
        query = [t for t in terms(question) if t in self._bm25.vocab_dict]
        if not query:
            return np.zeros(len(self._ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(query), dtype=np.float32)

    def _fetch(self, ids: list[str]) -> dict[str, Passage]:
        """Passages by id, in one Chroma call (ids missing from Chroma are left out)."""
        if not ids:
            return {}
        return {p.id: p for p in _passages(self._passages.get(ids=list(ids), include=["documents", "metadatas"]))}

    def reading_pool(self, passages: list[Passage], also: frozenset[str] = frozenset()) -> list[Passage]:
        """The retrieved passages, then the rest of their documents, with score 0: whole up to WHOLE_DOCUMENT
        passages, else READ_WINDOW passages on each side of each retrieved one; and the first WHOLE_DOCUMENT passages
        of the `also` documents (a follow-up's previously cited ones).

        In a page about one job every chunk looks alike to the retriever, and the sentence that answers may sit in
        the sixth chunk (measured: a window of 6 or 10 passages lost 2 shipped-corpus questions against whole
        pages of up to 30 passages). The bounds keep a question's cost set by the top-k, however long the document
        (a 300-page PDF)."""
        rows = set()
        for passage in passages:
            if passage.id not in self._row:
                continue
            order = self._by_source[passage.source]
            if len(order) <= WHOLE_DOCUMENT:
                rows.update(order)
                continue
            at = self._place[self._row[passage.id]]
            rows.update(order[max(0, at - READ_WINDOW) : at + READ_WINDOW + 1])
        for source in also:
            rows.update(self._by_source.get(source, [])[:WHOLE_DOCUMENT])
        seen = {p.id for p in passages}
        wanted = [self._ids[r] for r in sorted(rows, key=self._layout.__getitem__)]
        found = self._fetch([pid for pid in wanted if pid not in seen])
        return list(passages) + [found[pid] for pid in wanted if pid in found]

    def sentences(self, passages: list[Passage]) -> list[Sentence]:
        """The sentences (with their stored embeddings) inside the passages, in document order: their places and
        vectors from the snapshot, their text and heading from the document's parsed copy. Chroma's sentence
        collection is not read at question time (reading it had Chroma load every sentence vector: 1.3 GB at
        100 000 passages)."""
        layout = self._sentence_layout
        found = []
        for source, start, end in _merged_spans(passages):
            rows = layout.rows_within(source, start, end)
            if not len(rows):
                continue
            doc = self._parsed(source)
            vectors = layout.vectors_at(rows)
            for vector, (_, s, e) in zip(vectors, layout.spans[rows], strict=True):
                heading, block = doc.context.get(int(s), ("", int(s)))
                found.append(Sentence(source, int(s), int(e), doc.text[s:e], vector, heading=heading, block=block))
        return found

    def _parsed(self, source: str) -> ParsedText:
        """A live document's text and sentence headings (its parsed copy in the index), cached."""
        if source not in self._documents:
            if len(self._documents) >= PARSED_CACHE:
                self._documents.pop(next(iter(self._documents)))
            self._documents[source] = store.read_parsed(self.settings.index, self.params.files[source]["parsed"])
        return self._documents[source]


def _merged_spans(passages: list[Passage]) -> list[tuple[str, int, int]]:
    """The passages' text as few (file, start, end) spans as possible: overlapping or touching ones merged."""
    spans: list[tuple[str, int, int]] = []
    for p in sorted(passages, key=lambda p: (p.source, p.start)):
        if spans and spans[-1][0] == p.source and p.start <= spans[-1][2] + 1:
            spans[-1] = (p.source, spans[-1][1], max(spans[-1][2], p.end))
        else:
            spans.append((p.source, p.start, p.end))
    return spans


def _passages(got: dict) -> list[Passage]:
    """Passages from a Chroma `get` result (ids, documents, metadatas)."""
    return [
        Passage(id=pid, source=meta["source"], title=meta.get("title", ""), start=int(meta["start"]),
                end=int(meta["end"]), text=text)
        for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]
