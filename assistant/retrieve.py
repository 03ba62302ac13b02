"""Hybrid retrieval: dense (Chroma via llama-index) and French BM25, fused by reciprocal rank fusion."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace

import numpy as np
from llama_index.core import Settings as LlamaSettings
from llama_index.core import VectorStoreIndex
from llama_index.core.llms import MockLLM
from llama_index.core.schema import QueryBundle
from llama_index.vector_stores.chroma import ChromaVectorStore

from . import store
from .config import Settings
from .embed import Embedder, LlamaEmbedding, load_embedder
from .text import terms
from .types import Passage, Sentence

log = logging.getLogger(__name__)
RRF_K = 60
CANDIDATES = 20


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
            from .errors import ModelMismatchError

            raise ModelMismatchError(f"{self.params.embed_model} ({self.params.dim}d)", self.embedder.name, settings.index)
        LlamaSettings.llm = MockLLM()  # llama-index must never fall back to its OpenAI default
        client = store.chroma_client(settings, fresh=fresh)
        self._passages = store.open_collection(client, settings, self.params.collections[store.PASSAGES])
        self._sentences = store.open_collection(client, settings, self.params.collections[store.SENTENCES])
        vector_index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=self._passages), embed_model=LlamaEmbedding(self.embedder)
        )
        self._dense = vector_index.as_retriever(similarity_top_k=CANDIDATES)
        snapshot = store.load_snapshot(settings.index, self.params.snapshot)
        self._bm25, self._ids, self._live_sentences = snapshot.bm25, snapshot.passage_ids, snapshot.sentence_ids
        self._row = {pid: i for i, pid in enumerate(self._ids)}  # the live passages and their BM25 rows

    @property
    def vocabulary(self) -> set[str]:
        """The corpus's BM25 terms (folded, stemmed)."""
        return set(self._bm25.vocab_dict)

    def retrieve(self, question: str, top_k: int | None = None) -> Retrieval:
        top_k = top_k or self.settings.top_k
        query_vector = self.embedder.embed_queries([question])[0]
        dense = self._dense.retrieve(QueryBundle(question, embedding=query_vector.tolist()))
        dense = [hit for hit in dense if hit.node.node_id in self._row]
        dense_cos = {hit.node.node_id: 1.0 + math.log(max(hit.score or 1e-9, 1e-9)) for hit in dense}
        bm25_scores = self._bm25_scores(question)
        bm25_rank = [self._ids[i] for i in np.argsort(-bm25_scores)[:CANDIDATES] if bm25_scores[i] > 0]
        fused = rrf([[hit.node.node_id for hit in dense], bm25_rank])
        best = sorted(fused, key=lambda pid: -fused[pid])[:top_k]
        found = self._fetch(best)
        passages = [
            replace(found[pid], score=fused[pid], dense_score=dense_cos.get(pid), bm25_score=float(bm25_scores[self._row[pid]]))
            for pid in best if pid in found
        ]
        return Retrieval(question, query_vector, passages)

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
        """The retrieved passages, then every other live passage of the same documents and of `also` (score 0).

        The answerer reads whole retrieved documents, ranked by retrieval: in a page about one job every chunk
        looks alike to the retriever, and the sentence that answers may sit in the sixth."""
        sources = sorted({p.source for p in passages} | set(also))
        if not sources:
            return []
        got = self._passages.get(where={"source": {"$in": sources}}, include=["documents", "metadatas"])
        seen = {p.id for p in passages}
        extra = [p for p in _passages(got) if p.id in self._row and p.id not in seen]
        return list(passages) + sorted(extra, key=lambda p: (p.source, p.start))

    def sentences(self, passages: list[Passage]) -> list[Sentence]:
        """The sentences (with their stored embeddings) of the documents the passages come from, in document
        order. The answerer keeps those that lie inside one of the passages."""
        sources = sorted({p.source for p in passages})
        if not sources:
            return []
        got = self._sentences.get(where={"source": {"$in": sources}}, include=["documents", "metadatas", "embeddings"])
        found = [
            Sentence(meta["source"], int(meta["start"]), int(meta["end"]), text, np.asarray(vector, dtype=np.float32),
                     heading=meta.get("heading", ""), block=int(meta.get("block", meta["start"])))
            for sid, text, meta, vector in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True)
            if sid in self._live_sentences  # rows of another version of the file are not this index's text
        ]
        return sorted(found, key=lambda s: (s.source, s.start))


def _passages(got: dict) -> list[Passage]:
    """Passages from a Chroma `get` result (ids, documents, metadatas)."""
    return [
        Passage(id=pid, source=meta["source"], title=meta.get("title", ""), start=int(meta["start"]),
                end=int(meta["end"]), text=text)
        for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]
