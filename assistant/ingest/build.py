"""Ingest: read, clean, chunk (with exact character spans), embed, and store in Chroma + French BM25.

Incremental, exclusive and crash-safe (see `store`): one ingest per index holds its lock; a file whose size and
modification time (or, failing those, content hash) are unchanged is not read again; passage and sentence ids are
content hashes, so only new text is embedded. New rows and a new snapshot are written beside the live ones, then
`params.json` is replaced in one rename, then what the old version alone used is deleted. A crash at any point
leaves the previous version answering, with quotes valid in one version of each file.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import bm25s
import numpy as np
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from ..config import Settings
from ..errors import CorpusError, IndexStaleError
from ..index import store
from ..index.embed import Embedder, load_embedder
from ..index.profile import build_profile
from ..text import HEADING_SEPARATOR, Span, sentence_spans, terms, upper_first
from .clean import LIST_ITEM, clean_blocks, is_heading, segments
from .readers import Document
from .sources import UnreadableFile, corpus_listing, document_title, file_sha256, read_document, source_name

log = logging.getLogger(__name__)
EMBED_CHUNK = 4096  # sentences embedded per call (the embedder batches them by length inside)
CHROMA_BATCH = 1000  # rows per Chroma call
MAX_LIST_CHARS = 1600  # a list and its lead stay one citable unit up to this size (one passage of its own if long)


@dataclass
class SourceDoc:
    name: str
    title: str
    text: str
    sha256: str
    passages: list[TextNode]
    sentences: list[Span]
    context: dict[int, tuple[str, int]] = field(default_factory=dict)  # sentence start -> (heading path, block start)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (start, level, text) of heading lines
    stamp: FileStamp | None = None  # the file it was read from, to skip it next time if unchanged
    pages: tuple[int, ...] = ()  # start offset of each page (PDF)


@dataclass
class FileStamp:
    """How a corpus file looked when it was read; `parsed` names its parsed copy in `index/parsed/`."""

    size: int
    mtime_ns: int
    raw_sha256: str = ""
    parsed: str = ""


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # file name -> why it was left out
    passages: int = 0
    embedded: int = 0

    def summary(self) -> str:
        text = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged"
        )
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        return f"{text} ({self.passages} passages, {self.embedded} new embeddings)"


def content_id(*parts: object) -> str:
    return hashlib.sha256("\x00".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]


# ---- chunking ----------------------------------------------------------------------------------------------


def chunk_spans(text: str, units: list[Span], size: int, maximum: int, overlap: int) -> Iterator[Span]:
    """Pack consecutive sentence spans into chunks of about `size` chars (at most `maximum` unless one sentence
    is longer), repeating up to `overlap` chars of trailing sentences at the start of the next chunk."""
    i = 0
    while i < len(units):
        j = i + 1
        while j < len(units) and units[j].end - units[i].start <= maximum and units[j - 1].end - units[i].start < size:
            j += 1
        yield Span(units[i].start, units[j - 1].end)
        if j >= len(units):
            return
        k = j
        while k - 1 > i and units[j - 1].end - units[k - 1].start <= overlap:
            k -= 1
        i = k if k < j else j


def split_long(text: str, span: Span, maximum: int) -> list[Span]:
    """Cut a sentence longer than `maximum` at spaces so no unit exceeds it."""
    pieces, start = [], span.start
    while span.end - start > maximum:
        cut = text.rfind(" ", start, start + maximum)
        cut = cut if cut > start else start + maximum
        pieces.append(Span(start, cut))
        start = cut + 1 if text[cut] == " " else cut
    pieces.append(Span(start, span.end))
    return pieces


def parse_document(name: str, doc: Document | str, settings: Settings) -> SourceDoc:
    """Clean, split into sentences and chunk one document; each sentence records its heading path."""
    doc = Document(doc) if isinstance(doc, str) else doc
    text = doc.text
    blocks = clean_blocks(text)
    title = display_title(doc.title) or document_title(text, blocks)
    sentences: list[Span] = []
    passages: list[TextNode] = []
    context: dict[int, tuple[str, int]] = {}
    headings: list[tuple[int, int, str]] = []
    path: list[tuple[int, str]] = []  # open headings: (level, text)
    previous = -1  # start of the previous kept line
    under_strong = False  # a capitalised heading after the title has opened a section (`heading_level`)
    for run in segments(text, blocks):
        units: list[Span] = []
        for block in run:
            line = text[block.start : block.end]
            level = heading_level(doc, line, block.start, after_heading=bool(headings) and headings[-1][0] == previous,
                                  under_strong=under_strong)
            if level:  # a heading is in its own section: `Compétences :` and its list are about skills
                under_strong = under_strong or (bool(headings) and not doc.structured and _strong_heading(line))
                headings.append((block.start, level, heading_text(line)))
                path = [(lvl, h) for lvl, h in path if lvl < level] + [(level, heading_text(line))]
            previous = block.start
            for span in sentence_spans(text, block.start, block.end):
                for piece in split_long(text, span, settings.chunk_max):
                    units.append(piece)
                    context[piece.start] = (heading_path(path), block.start)
        units = group_lists(text, units, MAX_LIST_CHARS, frozenset(start for start, _, _ in headings))
        sentences.extend(units)
        for span in chunk_spans(text, units, settings.chunk_size, settings.chunk_max, settings.chunk_overlap):
            passages.append(make_node(name, title, text, span))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceDoc(name, title, text, sha, passages, sentences, context, headings, pages=doc.pages)


def heading_level(doc: Document, line: str, start: int, after_heading: bool, under_strong: bool = False) -> int:
    """The heading level of a kept line, 0 for other lines. Markdown and HTML say it; in plain text a short line
    without final punctuation is a heading, one level below a heading right above it (`Compétences` / `Techniques`).
    A heading in capitals (`2. OPÉRATEUR DE PRODUCTION`) opens a section, and once one has, the plain headings
    after it (`Accès`, `Rémunération`) are its subsections (`under_strong`): a brochure's job sections. The first
    heading, the page's own title (`FAQ – DEVENIR AUXILIAIRE VÉTÉRINAIRE`), opens no such section."""
    if doc.structured:
        return doc.headings.get(start, 0)
    if not is_heading(line):
        return 0
    if _strong_heading(line):
        return 2
    return 3 if after_heading or under_strong else 2


def _strong_heading(line: str) -> bool:
    """A plain-text heading written as a section's, in capitals (`2. OPÉRATEUR DE PRODUCTION`); a numbered one in
    lower case is a step of a list of them (`1. Maîtriser les fondamentaux`)."""
    letters = re.sub(r"[^\w]|\d|_", "", line)
    return len(letters) >= 4 and letters.isupper()


def heading_text(line: str) -> str:
    """A heading line as a section name: `2. Ethicien en IA >` -> `Ethicien en IA`, `Salaire :` -> `Salaire`."""
    line = re.sub(r"^\s*\d+[.)]\s+", "", line.strip().strip("*#>•› "))
    return line.rstrip(" :>›").strip()


def heading_path(path: list[tuple[int, str]]) -> str:
    """`Salaire > Salaire du débutant`: the open headings below the page title (level 1)."""
    return HEADING_SEPARATOR.join(h for level, h in path if level > 1 or len(path) == 1)


def display_title(title: str) -> str:
    """`PENTESTER` -> `Pentester`, `data analyst` -> `Data analyst`."""
    title = " ".join(title.split())
    if len(title) > 5 and title.isupper():
        title = title[:1] + title[1:].lower()
    return upper_first(title)


def group_lists(text: str, units: list[Span], max_chars: int, headings: frozenset[int] = frozenset()) -> list[Span]:
    """Join a line that introduces a list (`... :` or a heading) with the list items that follow it, so
    `Exemples d'entreprises qui recrutent` + `- Google, Microsoft...` is one citable unit. A heading (`headings`:
    their starts) ends the list, even one numbered like an item (`### 3. Quel diplôme faut-il ?`)."""
    grouped: list[Span] = []
    i = 0
    while i < len(units):
        lead = text[units[i].start : units[i].end].strip().strip("*")
        j = i + 1
        if lead.endswith(":") or is_heading(lead):
            while j < len(units) and units[j].end - units[i].start <= max_chars and units[j].start not in headings and (
                    LIST_ITEM.search(text[units[j].start : units[j].end])
                    or (j > i + 1 and "\n" not in text[units[j - 1].end : units[j].start])):  # an item's next sentence
                j += 1
        grouped.append(Span(units[i].start, units[j - 1].end))
        i = j
    return grouped


def make_node(name: str, title: str, text: str, span: Span) -> TextNode:
    chunk = text[span.start : span.end]
    node = TextNode(
        id_=content_id(name, span.start, span.end, chunk),
        text=chunk,
        start_char_idx=span.start,
        end_char_idx=span.end,
        metadata={"source": name, "title": title, "start": span.start, "end": span.end},
    )
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=name)
    return node


def read_corpus(settings: Settings, previous: store.IndexParams | None = None) -> tuple[list[SourceDoc], dict[str, str]]:
    """Parsed documents, and the files left out with why (hidden, a link outside the corpus, unreadable, empty).

    A file `previous` recorded with the same size and modification time, or the same bytes, is taken from its
    parsed copy in the index instead of being read and cleaned again."""
    docs = []
    paths, skipped = corpus_listing(settings.corpus)
    known = previous.files if previous else {}
    for path in paths:
        name = source_name(path, settings.corpus)
        try:
            doc = _reuse(settings, name, path, known.get(name)) or _read(settings, name, path)
        except UnreadableFile as exc:
            skipped[name] = f"unreadable: {exc}"
            continue
        if doc.passages:
            docs.append(doc)
        else:
            skipped[name] = "no text left after cleaning"
    for name, why in skipped.items():
        log.warning("Skipping %s: %s", name, why)
    return docs, skipped


def _read(settings: Settings, name: str, path: Path) -> SourceDoc:
    try:
        stat, raw_sha = path.stat(), file_sha256(path)
    except OSError as exc:
        raise UnreadableFile(str(exc)) from exc
    doc = parse_document(name, read_document(path), settings)
    doc.stamp = FileStamp(stat.st_size, stat.st_mtime_ns, raw_sha, _parsed_name(settings, name, raw_sha))
    _save_parsed(settings.index, doc)
    return doc


def _reuse(settings: Settings, name: str, path: Path, entry: dict | None) -> SourceDoc | None:
    """The parsed copy of an unchanged file, or None when it changed (or has no copy)."""
    if not entry or not entry.get("parsed"):
        return None
    try:
        stat = path.stat()
        if stat.st_size != entry["size"]:
            return None
        if stat.st_mtime_ns != entry["mtime_ns"] and file_sha256(path) != entry["raw_sha256"]:
            return None
        if entry["parsed"] != _parsed_name(settings, name, entry["raw_sha256"]):
            return None  # read with other chunk settings or an older reader
        data = store.parsed_data(settings.index, entry["parsed"])
    except (OSError, ValueError, KeyError):
        return None
    doc = SourceDoc(
        name, data["title"], data["text"], data["sha256"], [], [Span(*s) for s in data["sentences"]],
        store.parsed_context(data),
        [tuple(h) for h in data["headings"]],
        FileStamp(stat.st_size, stat.st_mtime_ns, entry["raw_sha256"], entry["parsed"]),
        tuple(data.get("pages", ())),
    )
    doc.passages = [make_node(name, doc.title, doc.text, Span(*p)) for p in data["passages"]]
    return doc


def _parsed_name(settings: Settings, name: str, raw_sha: str) -> str:
    """The parsed copy depends on the bytes, the chunk settings and the index format (the readers' version)."""
    key = content_id(name, raw_sha, settings.chunk_size, settings.chunk_max, settings.chunk_overlap, store.FORMAT)
    return f"{key}.json"


def _save_parsed(index_dir: Path, doc: SourceDoc) -> None:
    data = {
        "title": doc.title, "text": doc.text, "sha256": doc.sha256,
        "passages": [[p.start_char_idx, p.end_char_idx] for p in doc.passages],
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "context": [[start, heading, block] for start, (heading, block) in doc.context.items()],
        "headings": [list(h) for h in doc.headings],
        "pages": list(doc.pages),
    }
    store.write_atomic(Path(index_dir) / "parsed" / doc.stamp.parsed, json.dumps(data, ensure_ascii=False))


# ---- indexing ----------------------------------------------------------------------------------------------


def build_index(settings: Settings, embedder: Embedder | None = None, progress: bool | None = None) -> IngestReport:
    """Create or update the index in `settings.index` from `settings.corpus`; returns what changed."""
    with store.ingest_lock(settings.index):
        return _build(settings, embedder, progress)


def _build(settings: Settings, embedder: Embedder | None, progress: bool | None) -> IngestReport:
    old = _previous_params(settings)
    docs, skipped = read_corpus(settings, old)
    if not docs:
        raise CorpusError(
            f"No readable .txt, .md, .html, .pdf, .docx or .odt document in {settings.corpus}: add some, then re-run ingest.")
    embedder = embedder or load_embedder(settings.embed_model)
    if old is not None and (old.embed_model != embedder.name or old.dim != embedder.dim):
        log.warning("Index was built with %s; building it with %s beside it.", old.embed_model, embedder.name)
    client = store.chroma_client(settings)
    names = store.collection_names(settings, embedder.name)
    passages = store.collection(client, names[store.PASSAGES], embedder.name, embedder.dim)
    sentences = store.collection(client, names[store.SENTENCES], embedder.name, embedder.dim)
    show = sys.stderr.isatty() if progress is None else progress

    nodes = [node for doc in docs for node in doc.passages]
    sentence_ids = {_sentence_id(doc, span): (doc, span) for doc in docs for span in doc.sentences}
    existing_passages = set(_ids(passages))
    new_nodes = [n for n in nodes if n.node_id not in existing_passages]
    existing_sentences = set(_ids(sentences))
    new_sentences = [(sid, d, s) for sid, (d, s) in sentence_ids.items() if sid not in existing_sentences]
    total = len(new_sentences)
    with _progress(total, show) as bar:
        vectors = _add_sentences(sentences, new_sentences, embedder, bar)
    _add_stored_vectors(vectors, set(sentence_ids), settings.index, old, embedder.name, sentences)
    _pool_passages(new_nodes, sentence_ids, vectors)
    for i in range(0, len(new_nodes), CHROMA_BATCH):  # Chroma refuses a batch over its maximum (5 461 rows here)
        ChromaVectorStore(chroma_collection=passages).add(new_nodes[i : i + CHROMA_BATCH])

    snapshot = _save_bm25(settings.index, nodes, sentence_ids, vectors, embedder.dim)
    profile = build_profile([(d.name, d.title, d.headings, d.text) for d in docs])
    report = _report(old, docs, skipped)
    report.passages, report.embedded = len(nodes), total
    params = store.IndexParams(
        embed_model=embedder.name,
        dim=embedder.dim,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        files={d.name: _file_entry(d, old.files.get(d.name) if old else None) for d in docs},
        profile=profile.to_dict(),
        collections=names,
        snapshot=snapshot,
    )
    store.write_atomic(store.params_path(settings.index), params.to_json())  # the switch
    _delete_stale(passages, {n.node_id for n in nodes})
    _delete_stale(sentences, set(sentence_ids))
    store.drop_unused_collections(client, settings, names)
    store.remove_unused_files(settings.index, params)
    log.info("Index %s: %s", settings.index, report.summary())
    return report


def _file_entry(doc: SourceDoc, before: dict | None = None) -> dict:
    """What `params.json` records of a file: its text's hash, title, passages, pages (PDF), when it was first
    indexed, and how it looked on disk (to skip it next time if unchanged)."""
    added = (before or {}).get("added") or datetime.now(UTC).isoformat(timespec="seconds")
    entry = {"sha256": doc.sha256, "title": doc.title, "passages": len(doc.passages), "added": added}
    if doc.pages:
        entry["pages"] = list(doc.pages)
    return entry | (doc.stamp.__dict__ if doc.stamp else {})


def _previous_params(settings: Settings) -> store.IndexParams | None:
    """The params of the index being updated; None when there is none or it has an old format (rebuilt)."""
    try:
        return store.read_params(settings.index)
    except IndexStaleError:
        log.warning("Index in %s has an old format; building a new one beside it.", settings.index)
        return None


def _ids(col) -> list[str]:
    return col.get(include=[])["ids"]


def _sentence_id(doc: SourceDoc, span: Span) -> str:
    """Same text at the same place under the same heading: the same row, kept across versions of the file."""
    heading, block = doc.context.get(span.start, ("", span.start))
    return content_id(doc.name, span.start, span.end, doc.text[span.start : span.end], heading, block)


def _add_sentences(col, rows: list[tuple[str, SourceDoc, Span]], embedder: Embedder, bar) -> dict[str, np.ndarray]:
    """Embed the new sentences, (id, document, span) rows (each text once, in large batches the embedder sorts by
    length), and store them; returns their vectors by id."""
    vectors = {}
    for i in range(0, len(rows), EMBED_CHUNK):
        batch = [(d, s) for _, d, s in rows[i : i + EMBED_CHUNK]]
        texts = [d.text[s.start : s.end] for d, s in batch]
        ids = [sid for sid, _, _ in rows[i : i + EMBED_CHUNK]]
        embedded = embedder.embed_passages(texts)
        for j in range(0, len(batch), CHROMA_BATCH):
            col.add(
                ids=ids[j : j + CHROMA_BATCH],
                embeddings=embedded[j : j + CHROMA_BATCH],
                documents=texts[j : j + CHROMA_BATCH],
                metadatas=[
                    {"source": d.name, "start": s.start, "end": s.end, "heading": d.context.get(s.start, ("", 0))[0],
                     "block": d.context.get(s.start, ("", s.start))[1]}
                    for d, s in batch[j : j + CHROMA_BATCH]
                ],
            )
        vectors.update(zip(ids, embedded, strict=True))
        bar.update(len(batch))
    return vectors


def _pool_passages(nodes: list[TextNode], sentence_ids: dict[str, tuple[SourceDoc, Span]],
                   vectors: dict[str, np.ndarray]) -> None:
    """A passage's vector is the length-weighted mean of its sentences' vectors (a passage is whole sentences):
    no text is embedded twice. Measured against embedding passages on their own: README « Performance »."""
    by_doc: dict[str, list[tuple[int, int, str]]] = {}  # each file's sentences: (start, end, id), in order
    for sid, (doc, span) in sentence_ids.items():
        by_doc.setdefault(doc.name, []).append((span.start, span.end, sid))
    for rows in by_doc.values():
        rows.sort()
    members = {}
    for node in nodes:
        rows = by_doc[node.metadata["source"]]
        first, last = (bisect.bisect_left(rows, (at,)) for at in (node.start_char_idx, node.end_char_idx))
        members[node.node_id] = [(sid, end - start) for start, end, sid in rows[first:last] if end <= node.end_char_idx]
    for node in nodes:
        parts = members[node.node_id]
        pooled = sum(length * vectors[sid] for sid, length in parts) / max(1, sum(length for _, length in parts))
        node.embedding = (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).tolist()


def _add_stored_vectors(vectors: dict[str, np.ndarray], live: set[str], index_dir: Path, old: store.IndexParams | None,
                        model: str, col) -> None:
    """The vectors of the live sentences this ingest did not embed (for pooling and for the snapshot): from the
    previous snapshot when it was made with the same model, else from Chroma."""
    missing = [sid for sid in live if sid not in vectors]
    if missing and old is not None and old.snapshot and old.embed_model == model:
        try:
            vectors.update(store.load_snapshot(index_dir, old.snapshot).sentences.vectors_of(missing))
        except IndexStaleError:
            pass
        missing = [sid for sid in missing if sid not in vectors]
    for i in range(0, len(missing), CHROMA_BATCH):
        found = col.get(ids=missing[i : i + CHROMA_BATCH], include=["embeddings"])
        vectors.update(zip(found["ids"], np.asarray(found["embeddings"], dtype=np.float32), strict=True))


def _save_bm25(index_dir: Path, nodes: list[TextNode], sentence_ids: dict[str, tuple[SourceDoc, Span]],
               vectors: dict[str, np.ndarray], dim: int) -> str:
    retriever = bm25s.BM25()
    retriever.index([terms(n.text) or [""] for n in nodes], show_progress=False)
    layout = [(n.metadata["source"], n.start_char_idx, n.end_char_idx) for n in nodes]
    rows = [(sid, d.name, s.start, s.end) for sid, (d, s) in sentence_ids.items()]
    sentences = store.SentenceLayout.of(rows, vectors, dim)
    return store.save_snapshot(index_dir, retriever, [n.node_id for n in nodes], sentences, layout)


def _delete_stale(col, live: set[str]) -> None:
    stale = [i for i in _ids(col) if i not in live]
    for i in range(0, len(stale), 500):
        col.delete(ids=stale[i : i + 500])


def _report(old: store.IndexParams | None, docs: list[SourceDoc], skipped: dict[str, str]) -> IngestReport:
    before = old.files if old else {}
    report = IngestReport(skipped=skipped)
    for doc in docs:
        if doc.name not in before:
            report.added.append(doc.name)
        elif before[doc.name]["sha256"] != doc.sha256:
            report.updated.append(doc.name)
        else:
            report.unchanged.append(doc.name)
    current = {d.name for d in docs}
    report.removed = sorted(name for name in before if name not in current)
    return report


def _progress(total: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="Embedding", unit="text", file=sys.stderr, disable=not show or total == 0)
