"""llama-index adapters: our embedders as a llama-index `BaseEmbedding`, so llama-index components (the plain
pipeline in `bench/ingest.py`, LLM integrations) embed with them and never fall back to an OpenAI default.
Imported only where llama-index is used: it takes 1.7 s to import, more than a whole question."""

from __future__ import annotations

from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from .embed import Embedder


class LlamaEmbedding(BaseEmbedding):
    """Adapter so llama-index components embed with our backend (queries and passages on their own sides)."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: object) -> None:
        super().__init__(model_name=embedder.name, embed_batch_size=32, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_queries([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
