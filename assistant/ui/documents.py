"""The chat's « Documents » tab without Gradio: list the indexed documents, add uploaded files to the corpus, remove
one, and re-index incrementally. The chat keeps answering meanwhile: the ingest builds beside the live index and
switches in one step, and `Assistant` picks the new version up at its next question.

Nothing the browser sends is trusted: an uploaded file keeps only a cleaned base name, goes into the corpus folder
and nowhere else, and must have an allowed type and size. A file whose bytes are already in the corpus is
recognised and not added twice. When the app listens beyond this machine, changing documents needs the password
in `ASSISTANT_ADMIN_PASSWORD`; without one the tab is read-only.
"""

from __future__ import annotations

import hmac
import logging
import re
import shutil
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import messages
from ..config import Settings
from ..errors import AssistantError, IndexBusyError
from ..ingest.sources import SUFFIXES, corpus_file, corpus_listing, file_sha256, source_name

log = logging.getLogger(__name__)

MAX_UPLOAD_MB = 25  # per file
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
TYPES = {".txt": "texte", ".md": "Markdown", ".markdown": "Markdown", ".html": "HTML", ".htm": "HTML",
         ".pdf": "PDF", ".docx": "Word", ".odt": "OpenDocument"}
COLUMNS = ["Fichier", "Titre", "Type", "Pages", "Passages", "Ajouté le"]


@dataclass(frozen=True)
class Change:
    """What an upload or a removal did, said in French for the page."""

    message: str
    ok: bool


def safe_name(client_name: str) -> str:
    """A corpus file name from what the browser called the file: its last path part only, accents kept, anything
    but letters, digits, `.`, `-` and `_` replaced, no leading dot (hidden files are not read)."""
    base = re.split(r"[\\/]", client_name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    stem, dot, suffix = base.rpartition(".")
    stem = re.sub(r"[^\w.-]+", "-", stem if dot else base).strip(".-_") or "document"
    return f"{stem[:80]}.{suffix.lower()}" if dot else stem[:80]


class Library:
    """The corpus and index behind one chat: what is indexed, and changing it."""

    def __init__(self, settings: Settings, assistant) -> None:
        self.settings = settings
        self.assistant = assistant
        self._lock = threading.Lock()  # one change at a time from this page (the index lock covers the rest)

    @property
    def editable_without_password(self) -> bool:
        return self.settings.host in LOCAL_HOSTS

    @property
    def read_only(self) -> bool:
        return not self.editable_without_password and not self.settings.admin_password

    def allowed(self, password: str | None) -> bool:
        if self.editable_without_password:
            return True
        wanted = self.settings.admin_password
        return bool(wanted) and hmac.compare_digest((password or "").encode(), wanted.encode())

    def rows(self) -> list[list[object]]:
        """The indexed documents: file, title, type, pages (PDF), passages, date added."""
        files = self.assistant.current().retriever.params.files
        rows = []
        for name, entry in sorted(files.items()):
            pages = len(entry.get("pages", [])) or ""
            added = (entry.get("added") or "")[:16].replace("T", " ")
            rows.append([name, entry.get("title", ""), TYPES.get(Path(name).suffix.lower(), ""), pages,
                         entry.get("passages", 0), added])
        return rows

    def names(self) -> list[str]:
        return [row[0] for row in self.rows()]

    def add(self, uploads: list[str | Path], password: str | None = None, client_names: list[str] | None = None) -> Change:
        """Copy uploaded files into the corpus under safe names, then re-index. `client_names`: the names the
        browser gave (default: the uploaded files' own names)."""
        if not self.allowed(password):
            return Change(messages.DOCS_LOCKED if not self.read_only else messages.DOCS_READ_ONLY, False)
        uploads = [Path(u) for u in uploads or []]
        if not uploads:
            return Change(messages.DOCS_NOTHING, False)
        names = client_names or [u.name for u in uploads]
        problems, added, known = [], [], self._corpus_hashes()
        corpus = Path(self.settings.corpus)
        with self._lock:
            for upload, client_name in zip(uploads, names, strict=True):
                name = safe_name(client_name)
                suffix = Path(name).suffix.lower()
                if suffix not in SUFFIXES:
                    problems.append(messages.DOCS_BAD_TYPE.format(name=name, types=", ".join(sorted(set(TYPES.values())))))
                    continue
                if upload.stat().st_size > MAX_UPLOAD_MB * 2**20:
                    problems.append(messages.DOCS_TOO_BIG.format(name=name, limit=MAX_UPLOAD_MB))
                    continue
                digest = file_sha256(upload)
                if digest in known:
                    problems.append(messages.DOCS_SAME.format(name=name, existing=known[digest]))
                    continue
                target = _free_path(corpus, name)
                shutil.copyfile(upload, target.with_name(f".{target.name}.part"))
                target.with_name(f".{target.name}.part").replace(target)
                known[digest] = target.name
                added.append(target.name)
            if not added:
                return Change(" ".join(problems) or messages.DOCS_NOTHING, False)
            change = self._reindex(messages.DOCS_ADDED.format(names=", ".join(added)), added)
        return Change(" ".join([change.message, *problems]), change.ok)

    def remove(self, name: str | None, password: str | None = None) -> Change:
        if not self.allowed(password):
            return Change(messages.DOCS_LOCKED if not self.read_only else messages.DOCS_READ_ONLY, False)
        path = corpus_file(self.settings.corpus, name)
        if path is None or name not in self.names():
            return Change(messages.DOCS_UNKNOWN.format(name=name or ""), False)
        with self._lock:
            path.unlink()
            return self._reindex(messages.DOCS_REMOVED.format(name=name), [])

    def _reindex(self, done: str, expected: list[str]) -> Change:
        from ..ingest.build import build_index

        try:
            report = build_index(self.settings, embedder=self.assistant.retriever.embedder, progress=False)
        except IndexBusyError:
            return Change(messages.DOCS_BUSY, False)
        except AssistantError as exc:
            log.warning("Re-indexing after a document change failed: %s", exc)
            return Change(messages.DOCS_FAILED, False)
        self.assistant.current()  # load the new version now: the list shows it
        unreadable = [f"{name} ({report.skipped[name]})" for name in expected if name in report.skipped]
        for name in expected:  # an upload that cannot be read is not kept in the corpus
            if name in report.skipped:
                (Path(self.settings.corpus) / name).unlink(missing_ok=True)
        if unreadable:
            return Change(messages.DOCS_UNREADABLE.format(names="; ".join(unreadable)), False)
        return Change(done, True)

    def _corpus_hashes(self) -> dict[str, str]:
        corpus = Path(self.settings.corpus)
        paths, _ = corpus_listing(corpus) if corpus.is_dir() else ([], {})
        return {file_sha256(path): source_name(path, corpus) for path in paths}


def _free_path(corpus: Path, name: str) -> Path:
    """`fiche.pdf`, or `fiche-2.pdf`… when another file already has that name."""
    corpus.mkdir(parents=True, exist_ok=True)
    path, stem, suffix, n = corpus / name, Path(name).stem, Path(name).suffix, 2
    while path.exists():
        path, n = corpus / f"{stem}-{n}{suffix}", n + 1
    return path
