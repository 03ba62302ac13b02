"""Server mode: the same ingest and retrieval against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.index.retrieve import Retriever
from assistant.ingest.build import build_index

from .conftest import free_port


@pytest.fixture()
def chroma_server(tmp_path: Path):
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma run did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_ingest_and_retrieve_through_a_chroma_server(tiny_settings, minilm_embedder, chroma_server, tmp_path) -> None:
    settings = replace(tiny_settings, chroma_url=chroma_server)
    report = build_index(settings, embedder=minilm_embedder, progress=False)
    assert len(report.added) == 3
    assert not (settings.index / "chroma").exists()  # vectors live in the server
    passages = Retriever(settings, embedder=minilm_embedder).retrieve("salaire éthicien", top_k=3).passages
    assert passages[0].source == "ethicien.txt"

    # A second index on the same server with the same (default) --collection owns its own collections.
    other = replace(settings, index=tmp_path / "index2", corpus=tmp_path / "corpus2")
    other.corpus.mkdir()
    (other.corpus / "boulanger.txt").write_text("Le boulanger pétrit la pâte avant l'aube.\n", encoding="utf-8")
    build_index(other, embedder=minilm_embedder, progress=False)
    again = build_index(settings, embedder=minilm_embedder, progress=False)
    assert again.embedded == 0 and len(again.unchanged) == 3  # the second ingest wiped nothing of the first
    assert Retriever(settings, embedder=minilm_embedder).retrieve("salaire éthicien", top_k=3).passages[0].source == "ethicien.txt"
    assert Retriever(other, embedder=minilm_embedder).retrieve("boulanger", top_k=3).passages[0].source == "boulanger.txt"
