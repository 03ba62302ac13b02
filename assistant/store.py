"""The on-disk index: Chroma collections (passages, sentences), the French BM25 index and `params.json`.

Layout of `index/`:
    params.json   embedding model and dimension, chunking parameters, per-file hashes, corpus profile
    chroma/       Chroma PersistentClient (unless `chroma_url` points to a `chroma run` server)
    bm25/         bm25s index of the passages, with `ids.json` mapping rows to passage ids
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import bm25s
import chromadb
from chromadb.config import Settings as ChromaSettings

from .config import Settings
from .errors import IndexMissingError, IndexStaleError, ModelMismatchError

# bm25s sets its own logger to DEBUG on import, which would print "Building index from tokens" to users.
logging.getLogger("bm25s").setLevel(logging.WARNING)

FORMAT = 2  # 2: Markdown/HTML read as structure, heading paths, corpus profile
PASSAGES = "passages"
SENTENCES = "sentences"


@dataclass
class IndexParams:
    embed_model: str
    dim: int
    chunk_size: int
    chunk_overlap: int
    files: dict[str, dict] = field(default_factory=dict)
    profile: dict = field(default_factory=dict)  # `profile.Profile` as JSON: the corpus's jobs and documents
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2)


def params_path(index_dir: Path) -> Path:
    return Path(index_dir) / "params.json"


def read_params(index_dir: Path) -> IndexParams | None:
    path = params_path(index_dir)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise IndexStaleError(f"The index in {index_dir} has an old format: re-run `assistant ingest`.")
        return IndexParams(**data)
    except (ValueError, TypeError) as exc:
        raise IndexStaleError(f"{path} is unreadable ({exc}): re-run `assistant ingest`.") from exc


def write_atomic(path: Path, content: str) -> None:
    """Write via a temp file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.replace(tmp, path)


def check_params(settings: Settings) -> IndexParams:
    """Params of an existing index that matches the configured embedding model, or a clear error."""
    params = read_params(settings.index)
    if params is None:
        raise IndexMissingError(settings.index)
    if params.embed_model != settings.embed_model:
        raise ModelMismatchError(params.embed_model, settings.embed_model, settings.index)
    return params


def chroma_client(settings: Settings) -> chromadb.api.ClientAPI:
    telemetry_off = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1", port=url.port or 8000, ssl=url.scheme == "https", settings=telemetry_off
        )
    return chromadb.PersistentClient(path=str(Path(settings.index) / "chroma"), settings=telemetry_off)


def collection(client: chromadb.api.ClientAPI, settings: Settings, kind: str, embed_model: str, dim: int):
    """A cosine collection with no embedding function of Chroma's own (it would try to download one).

    Named `<settings.collection>_<kind>`, so several indexes can share one `chroma run` server."""
    return client.get_or_create_collection(
        f"{settings.collection}_{kind}",
        embedding_function=None,
        metadata={"hnsw:space": "cosine", "embed_model": embed_model, "dim": dim},
    )


def open_collection(client: chromadb.api.ClientAPI, settings: Settings, kind: str):
    """An existing collection of the index, for reading; a missing one means the index is damaged or elsewhere."""
    try:
        return client.get_collection(f"{settings.collection}_{kind}", embedding_function=None)
    except Exception as exc:  # noqa: BLE001 - chromadb raises different types per version and mode
        where = settings.chroma_url or Path(settings.index) / "chroma"
        raise IndexStaleError(
            f"The index in {settings.index} has no '{settings.collection}_{kind}' collection in {where}: "
            "re-run `assistant ingest` with the same --index, --chroma-url and --collection."
        ) from exc


def drop_collections(client: chromadb.api.ClientAPI, settings: Settings) -> None:
    for kind in (PASSAGES, SENTENCES):
        try:
            client.delete_collection(f"{settings.collection}_{kind}")
        except Exception:  # noqa: BLE001 - absent collection: nothing to drop
            pass


def save_bm25(index_dir: Path, retriever: bm25s.BM25, ids: list[str]) -> None:
    """Save beside a temp name and swap in, so the previous BM25 index survives a crash."""
    final = Path(index_dir) / "bm25"
    staging = Path(tempfile.mkdtemp(dir=index_dir, prefix=".bm25-"))
    retriever.save(str(staging), show_progress=False)
    (staging / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    old = None
    if final.exists():
        old = final.with_name(f".bm25-old-{os.getpid()}")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_bm25(index_dir: Path) -> tuple[bm25s.BM25, list[str]]:
    folder = Path(index_dir) / "bm25"
    try:
        ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        return bm25s.BM25.load(str(folder), show_progress=False), ids
    except (OSError, ValueError) as exc:
        raise IndexStaleError(f"The BM25 index in {folder} is missing or damaged: re-run `assistant ingest`.") from exc
