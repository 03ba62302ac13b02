"""The on-disk index: Chroma collections (passages, sentences), the French BM25 index and `params.json`.

Layout of `index/`:
    params.json      the switch: embedding model, collection names, current snapshot, per-file hashes, profile
    id               this index's identity; its Chroma collections are named after it
    chroma/          Chroma PersistentClient (unless `chroma_url` points to a `chroma run` server)
    bm25-<gen>/      one snapshot: the bm25s index of the live passages, their ids and the live sentence ids
    parsed/          parsed documents by content, so an unchanged file is not read again
    .ingest.lock     held by the one ingest running

An ingest writes everything new beside the live data and switches by replacing `params.json` in one rename;
readers only use rows the current snapshot lists, so a crash at any point leaves one consistent version.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import bm25s
import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from ..config import Settings
from ..errors import IndexBusyError, IndexMissingError, IndexStaleError, ModelMismatchError

# bm25s sets its own logger to DEBUG on import, which would print "Building index from tokens" to users.
logging.getLogger("bm25s").setLevel(logging.WARNING)

FORMAT = 35  # 3: snapshots switched by params.json, collections named after the index; 4: passage layout, pooled
# vectors; 5: sentence layout (sentences fetched by id, not by a metadata filter: 2.8 s a question at 10 000 passages);
# 6: sentence vectors in the snapshot (read with pread, not from Chroma), job offers' titles, own names, wrapped text;
# 7: page footers dropped (« Vous avez une autre question ? … »), « maître », « caporal »… role nouns in the profile;
# 8: a date stamp (`date 2023-04`) no part of the sentence it opens; 9: a table whose every header is a job read
# column by column (`Chargé de communication : … ; Community manager : …`); 10: profile: a title's « X et Y » one
# job when the text names them together, « éduc spé » written out, `aide-soignant (AS)`, `l'ASH (agent de …)`, a
# plain text's episode or `Sujet :` line, « la grille 2024 du conseiller », the initials of a job's name; 11: a
# heading numbered like a list item (`### 3. Quel diplôme faut-il ?`) ends the list before it; 12: an HTML
# `<dt>Salaire</dt><dd>…</dd>` read as the field `Salaire : …`; 13: the profile reads a blog's title under its
# site's menu, « le blog d'une carreleuse », « rencontre avec une éleveuse », a guest's role whatever its head;
# 14: a plain text's title is never a line of sentences (`Crevant ? Oui. Mais …`); 15: the capitals a job's page
# writes after its head (`installateur PV`) are its own words; 16: `Animateur en club de vacances / village vacances`
# names both of the head's complements; 17: a forum's `[Sujet] …` under its breadcrumb, a guest's `accordeuse-réparatrice`
# (and `usineur CN`); 18: a diploma's page is about its role (`CAP Poissonnier écailler`), « santé » is no role; 19: two capitals
# only a job's pages write (`QA`) are its own words; 20: an offer's other name after its mark (`… H/F (ascensoriste)`);
# 21: ordinals read one way in names (`1ere`, `1re`); 22: a forum post's header (`Jojo_tournasseur — 12/01/2025`) names
# no job, `analyste` is a role, the role after a podcast episode's title, a grid's grades beside a named one,
# « on l'appelait … »; 23: an offer's first lines kept as where it applies (`CDI — Bordeaux`); 24: in plain text, the
# headings after a capitalised one are its subsections (a brochure's `2. OPÉRATEUR …` > `Rémunération`); 25: a row of
# buttons (`[ Postuler ]   [ Sauvegarder ]`) is noise; 26: `ingénieure` a role noun, a title's name ends before a
# year (`Devenir facteur en 2024, …`); 27: a guest's role cut to the start the text goes on writing (`monitrice de
# plongée sous-marine` -> `monitrice de plongée`); 28: an offer's name without its support levels (`N1/N2`), a
# title's name ends before « à 34 ans »; 29: `employé` a role noun, an acronym a podcast's episode title names
# (`AESH`), a role a heading sets beside the page's job (`Agent immobilier ou négociateur : …`), `hôtesse` read as
# the feminine of `hôte`; 30: a row of buttons ending in `[Partager l'offre : …]` is noise; 31: the role after a
# guest's name in an episode's title (`Épisode 42 : « … » — Inès, technicienne frigoriste`); 32: `garde` a role noun
# (`gardes champêtres`), the bodies that train (`AFPA`, `GRETA`) no job's other name; 33: the role a post's writer says
# is theirs (`je suis maroquinière dans …`), a guest named then their role on a title line (`Nadia, psychologue …`);
# 34: the role a reconversion ends in (`De conseiller bancaire à serrurier`) or before `: le métier` in a title
# 35: a reconversion's end the writer trained for (`CAP ébéniste`); « Salaire de l'ingénieur X selon l'expérience »
# names `ingénieur X` (no article, cut at `selon`); `attaché` heads a role; the documents about someone working
# for themselves (`Invité : Karim B., photographe indépendant`)
PASSAGES = "passages"
SENTENCES = "sentences"
SNAPSHOT_PREFIX = "bm25-"


@dataclass
class IndexParams:
    embed_model: str
    dim: int
    chunk_size: int
    chunk_overlap: int
    files: dict[str, dict] = field(default_factory=dict)  # name -> sha256, title, passages, size, mtime_ns, parsed
    profile: dict = field(default_factory=dict)  # `profile.Profile` as JSON: the corpus's jobs and documents
    collections: dict[str, str] = field(default_factory=dict)  # PASSAGES / SENTENCES -> Chroma collection name
    snapshot: str = ""  # the bm25-<gen> folder of the live passages and sentences
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2)


@dataclass
class Snapshot:
    """What one ingest made live: the BM25 index, its passage ids (row order) and the live sentence ids."""

    bm25: bm25s.BM25
    passage_ids: list[str]
    sentences: SentenceLayout
    layout: list[tuple[str, int, int]]  # each passage's file, start and end, in row order


@dataclass
class SentenceLayout:
    """The live sentences' ids, places (memory-mapped) and vectors, sorted by (file, start): which sentences lie
    inside a passage is two binary searches and their vectors are rows read from disk; their text comes from the
    parsed documents (`read_parsed`). Chroma's sentence rows are not read at question time: asking for them had
    Chroma load every sentence vector."""

    files: list[str]
    ids: np.ndarray  # fixed-width ASCII ids, row order
    spans: np.ndarray  # int64 rows (file number, start, end), sorted
    vectors: np.ndarray | VectorFile  # float32 rows, one per sentence (in memory while built, on disk once saved)

    def __post_init__(self) -> None:
        self._number = {name: i for i, name in enumerate(self.files)}

    @classmethod
    def of(cls, rows: list[tuple[str, str, int, int]], vectors: dict[str, np.ndarray], dim: int) -> SentenceLayout:
        """From (id, file, start, end) rows in any order and each id's vector."""
        files = sorted({row[1] for row in rows})
        number = {name: i for i, name in enumerate(files)}
        rows = sorted(rows, key=lambda r: (number[r[1]], r[2], r[3]))
        ids = np.array([r[0] for r in rows], dtype="S32") if rows else np.zeros(0, dtype="S32")
        spans = np.array([(number[r[1]], r[2], r[3]) for r in rows], dtype=np.int64).reshape(len(rows), 3)
        matrix = np.zeros((len(rows), dim), dtype=np.float32)
        for i, row in enumerate(rows):
            matrix[i] = vectors[row[0]]
        return cls(files, ids, spans, matrix)

    def rows_within(self, source: str, start: int, end: int) -> np.ndarray:
        """Rows of the sentences inside [start, end) of `source`, in text order."""
        number = self._number.get(source)
        if number is None:
            return np.zeros(0, dtype=np.int64)
        lo, hi = np.searchsorted(self.spans[:, 0], [number, number + 1])
        starts = self.spans[lo:hi, 1]
        first, last = lo + np.searchsorted(starts, [start, end])
        return np.nonzero(self.spans[first:last, 2] <= end)[0] + first

    def vectors_at(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of these rows (ascending), as a float32 matrix."""
        if isinstance(self.vectors, np.ndarray):
            return np.asarray(self.vectors[rows], dtype=np.float32)
        return self.vectors.take(rows)

    def vectors_of(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of live sentences, by id (ids not in this layout are left out)."""
        row = {sid.decode("ascii"): i for i, sid in enumerate(self.ids)}
        found = sorted((row[sid], sid) for sid in ids if sid in row)
        matrix = self.vectors_at(np.array([r for r, _ in found], dtype=np.int64))
        return {sid: matrix[i] for i, (_, sid) in enumerate(found)}


class VectorFile:
    """The rows of a saved float32 matrix (`.npy`), read with `pread` when asked: a question reads a few hundred
    rows, and reading them (not memory-mapping the file, whose read-ahead made the process hold 450 MB of it after
    60 questions at 100 000 passages) keeps the process's memory set by what it holds, not by what it read."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as f:
            version = np.lib.format.read_magic(f)
            header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, _, dtype = header(f)
            self.offset = f.tell()
        if dtype != np.float32 or len(shape) != 2:
            raise ValueError(f"{path}: not a float32 matrix")
        self.shape, self.path = shape, path
        self._fd = os.open(path, os.O_RDONLY)
        self.row_bytes = shape[1] * 4

    def take(self, rows: np.ndarray) -> np.ndarray:
        """Rows in ascending order; each run of consecutive rows is one read."""
        out = np.empty((len(rows), self.shape[1]), dtype=np.float32)
        i = 0
        while i < len(rows):
            j = i + 1
            while j < len(rows) and rows[j] == rows[j - 1] + 1:
                j += 1
            data = os.pread(self._fd, (j - i) * self.row_bytes, self.offset + int(rows[i]) * self.row_bytes)
            out[i:j] = np.frombuffer(data, dtype=np.float32).reshape(j - i, self.shape[1])
            i = j
        return out

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)


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


def params_stamp(index_dir: Path) -> tuple[int, int] | None:
    """Changes whenever an ingest switches a new version in (`params.json` is replaced, never edited)."""
    try:
        stat = params_path(index_dir).stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def write_atomic(path: Path, content: str) -> None:
    """Write via a temp file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files: others could not read the index
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_params(settings: Settings) -> IndexParams:
    """Params of an existing index that matches the configured embedding model, or a clear error."""
    params = read_params(settings.index)
    if params is None:
        raise IndexMissingError(settings.index)
    if params.embed_model != settings.embed_model:
        raise ModelMismatchError(params.embed_model, settings.embed_model, settings.index)
    return params


@contextmanager
def ingest_lock(index_dir: Path):
    """Only one ingest per index at a time; a second one stops at once with a clear message."""
    from filelock import FileLock, Timeout

    Path(index_dir).mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(Path(index_dir) / ".ingest.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusyError(index_dir) from None
    try:
        yield
    finally:
        lock.release()


def index_id(index_dir: Path) -> str:
    """This index's identity, created once: two index folders never share Chroma collections."""
    path = Path(index_dir) / "id"
    if not path.exists():
        write_atomic(path, uuid.uuid4().hex[:12] + "\n")
    return path.read_text(encoding="utf-8").strip()


def collection_names(settings: Settings, embed_model: str) -> dict[str, str]:
    """`<prefix>-<index id>-<model hash>-<kind>`: owned by this index, and a new model builds beside the old."""
    model = hashlib.sha256(embed_model.encode("utf-8")).hexdigest()[:8]
    owner = f"{settings.collection}-{index_id(settings.index)}"
    return {kind: f"{owner}-{model}-{kind}" for kind in (PASSAGES, SENTENCES)}


def chroma_client(settings: Settings, fresh: bool = False) -> chromadb.api.ClientAPI:
    """The Chroma client of the index. `fresh` re-opens an embedded store: Chroma keeps one system per path in a
    process, and its vector index does not see rows another process (an ingest) added after it was loaded."""
    telemetry_off = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1", port=url.port or 8000, ssl=url.scheme == "https", settings=telemetry_off
        )
    path = _writable_chroma(Path(settings.index) / "chroma")
    if fresh:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(path, None)  # the old system lives on for in-flight readers
    return chromadb.PersistentClient(path=path, settings=telemetry_off)


_READ_ONLY_COPIES: dict[Path, str] = {}


def _writable_chroma(folder: Path) -> str:
    """Chroma's embedded store writes to its database even to read. A read-only index (a shared folder, a
    read-only mount) is answered from a private copy, made once per process and folder."""
    database = folder / "chroma.sqlite3"
    if not database.exists() or (os.access(folder, os.W_OK) and os.access(database, os.W_OK)):
        return str(folder)
    if folder not in _READ_ONLY_COPIES:
        copy = Path(tempfile.mkdtemp(prefix="assistant-index-")) / "chroma"
        atexit.register(shutil.rmtree, copy.parent, True)
        shutil.copytree(folder, copy)
        for path in [copy, *copy.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        logging.getLogger(__name__).warning("The index in %s is read-only: answering from a copy in %s", folder, copy)
        _READ_ONLY_COPIES[folder] = str(copy)
    return _READ_ONLY_COPIES[folder]


def collection(client: chromadb.api.ClientAPI, name: str, embed_model: str, dim: int):
    """A cosine collection with no embedding function of Chroma's own (it would try to download one)."""
    return client.get_or_create_collection(
        name, embedding_function=None, metadata={"hnsw:space": "cosine", "embed_model": embed_model, "dim": dim}
    )


def open_collection(client: chromadb.api.ClientAPI, settings: Settings, name: str):
    """An existing collection of the index, for reading; a missing one means the index is damaged or elsewhere."""
    try:
        return client.get_collection(name, embedding_function=None)
    except Exception as exc:  # noqa: BLE001 - chromadb raises different types per version and mode
        where = settings.chroma_url or Path(settings.index) / "chroma"
        raise IndexStaleError(
            f"The index in {settings.index} has no '{name}' collection in {where}: "
            "re-run `assistant ingest` with the same --index, --chroma-url and --collection."
        ) from exc


def drop_unused_collections(client: chromadb.api.ClientAPI, settings: Settings, keep: dict[str, str]) -> None:
    """Drop this index's collections that `params.json` no longer names (an old model, a crashed rebuild, an old
    format). An embedded store belongs to the index alone; on a shared server, only names carrying its id."""
    owner = f"{settings.collection}-{index_id(settings.index)}-"
    for col in client.list_collections():
        name = getattr(col, "name", col)
        ours = name.startswith(owner) or not settings.chroma_url
        if ours and name not in keep.values():
            client.delete_collection(name)


def save_snapshot(index_dir: Path, retriever: bm25s.BM25, passage_ids: list[str], sentences: SentenceLayout,
                  layout: list[tuple[str, int, int]]) -> str:
    """Write a new snapshot folder beside the live one; returns its name for `params.json`. `layout`: each
    passage's file and span, in row order (to read around a retrieved passage without fetching its document)."""
    name = f"{SNAPSHOT_PREFIX}{uuid.uuid4().hex[:12]}"
    staging = Path(tempfile.mkdtemp(dir=index_dir, prefix=".bm25-"))
    retriever.save(str(staging), show_progress=False)
    (staging / "ids.json").write_text(json.dumps(passage_ids), encoding="utf-8")
    (staging / "sentence-files.json").write_text(json.dumps(sentences.files), encoding="utf-8")
    np.save(staging / "sentence-ids.npy", sentences.ids)
    np.save(staging / "sentence-spans.npy", sentences.spans)
    np.save(staging / "sentence-vectors.npy", sentences.vectors)
    (staging / "layout.json").write_text(json.dumps(layout), encoding="utf-8")
    staging.rename(Path(index_dir) / name)
    return name


def load_snapshot(index_dir: Path, name: str) -> Snapshot:
    folder = Path(index_dir) / name
    try:
        ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        sentences = SentenceLayout(json.loads((folder / "sentence-files.json").read_text(encoding="utf-8")),
                                   np.load(folder / "sentence-ids.npy", mmap_mode="r"),
                                   np.load(folder / "sentence-spans.npy", mmap_mode="r"),
                                   VectorFile(folder / "sentence-vectors.npy"))
        layout = [tuple(row) for row in json.loads((folder / "layout.json").read_text(encoding="utf-8"))]
        return Snapshot(bm25s.BM25.load(str(folder), show_progress=False, mmap=True), ids, sentences, layout)
    except (OSError, ValueError) as exc:
        raise IndexStaleError(f"The BM25 index in {folder} is missing or damaged: re-run `assistant ingest`.") from exc


@dataclass
class ParsedText:
    """A document's text as citations count it, and each sentence's heading path and paragraph, by start."""

    text: str
    context: dict[int, tuple[str, int]]


def parsed_data(index_dir: Path, name: str) -> dict:
    """The JSON of the parsed copy `name` of a document (`index/parsed/`, written by `ingest`)."""
    return json.loads((Path(index_dir) / "parsed" / name).read_text(encoding="utf-8"))


def parsed_context(data: dict) -> dict[int, tuple[str, int]]:
    """A parsed copy's sentence starts -> (heading path, paragraph start)."""
    return {start: (heading, block) for start, heading, block in data["context"]}


def read_parsed(index_dir: Path, name: str) -> ParsedText:
    """The text and sentence headings of a live document, from its parsed copy."""
    try:
        data = parsed_data(index_dir, name)
    except (OSError, ValueError) as exc:
        raise IndexStaleError(f"The parsed copy {name} in {index_dir} is missing or damaged: re-run `assistant ingest`.") from exc
    return ParsedText(data["text"], parsed_context(data))


def remove_unused_files(index_dir: Path, params: IndexParams) -> None:
    """Delete snapshots and parsed documents the live `params.json` does not name (older or crashed ingests)."""
    index_dir = Path(index_dir)
    for path in index_dir.iterdir():
        stale_snapshot = path.name.startswith(SNAPSHOT_PREFIX) and path.name != params.snapshot
        if stale_snapshot or path.name.startswith((".bm25-", ".params.json.")) or path.name == "bm25":
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    parsed = {entry.get("parsed") for entry in params.files.values()}
    for path in (index_dir / "parsed").glob("*.json"):
        if path.name not in parsed:
            path.unlink(missing_ok=True)
