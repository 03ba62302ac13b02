"""Optional LLM backends, against fake Ollama / OpenAI-compatible servers on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.llm import Backend, grounded_rewrite
from assistant.pipeline import Assistant
from assistant.sources import read_source
from assistant.types import Passage


class FakeLLM:
    """A local HTTP server speaking just enough Ollama and OpenAI chat API; it replies with `reply`."""

    def __init__(self, reply: str, status: int = 200) -> None:
        self.reply, self.status, self.requests = reply, status, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append((self.path, body, self.headers.get("Authorization")))
                if self.path.endswith("/api/chat"):
                    payload = {"message": {"role": "assistant", "content": fake.reply}}
                else:
                    payload = {"choices": [{"message": {"role": "assistant", "content": fake.reply}}]}
                data = json.dumps(payload).encode()
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def fake_llm():
    servers = []

    def start(reply: str, status: int = 200) -> FakeLLM:
        servers.append(FakeLLM(reply, status))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


PASSAGES = [
    Passage("a", "001.txt", "Métiers", 10, 60, "En France, la fourchette varie de 45 000 € à 100 000 €."),
    Passage("b", "003.txt", "Qualiticien", 0, 40, "Le qualiticien vérifie la fiabilité des modèles."),
]


def test_supported_sentences_are_kept_and_markers_renumbered() -> None:
    text, citations = grounded_rewrite(
        "Le qualiticien vérifie les modèles [2]. Un éthicien gagne de 45 000 € à 100 000 € par an [1].", PASSAGES
    )
    assert text == "Le qualiticien vérifie les modèles [1]. Un éthicien gagne de 45 000 € à 100 000 € par an [2]."
    assert [(c.marker, c.source) for c in citations] == [(1, "003.txt"), (2, "001.txt")]


def test_invented_numbers_and_uncited_sentences_are_dropped() -> None:
    text, citations = grounded_rewrite(
        "Un éthicien gagne 120 000 € [1]. Il travaille beaucoup. Le qualiticien vérifie les modèles [2]. Voir [7].",
        PASSAGES,
    )
    assert text == "Le qualiticien vérifie les modèles [1]."
    assert [c.source for c in citations] == ["003.txt"]


def test_a_derived_figure_is_allowed_when_announced() -> None:
    text, _ = grounded_rewrite("Soit environ 3 750 € par mois (calcul dérivé) [1].", PASSAGES)
    assert "3 750" in text


@pytest.mark.parametrize("kind", ["ollama", "openai"])
def test_pipeline_uses_the_backend_and_keeps_citations_verbatim(shipped_settings, fake_llm, kind, monkeypatch) -> None:
    server = fake_llm("Un éthicien en IA gagne en France de 45 000 € à 100 000 € par an [1].")
    monkeypatch.setenv("ASSISTANT_LLM_API_KEY", "secret-from-env")
    url = server.url if kind == "ollama" else f"{server.url}/v1"
    assistant = Assistant(replace(shipped_settings, llm=f"{kind}:tiny", llm_url=url))
    answer = assistant.ask("combien gagne un éthicien IA ?")
    assert answer.text == "Un éthicien en IA gagne en France de 45 000 € à 100 000 € par an [1]."
    citation = answer.citations[0]
    assert citation.source == "001_8703443e628be27a.txt"
    assert read_source(shipped_settings.corpus / citation.source)[citation.start : citation.end] == citation.quote
    path, body, auth = server.requests[0]
    assert path.endswith("/api/chat" if kind == "ollama" else "/v1/chat/completions")
    assert "combien gagne un éthicien IA ?" in body["messages"][0]["content"]
    assert "45 000" in body["messages"][0]["content"]
    assert auth == "Bearer secret-from-env"


def test_hallucinating_or_failing_backend_falls_back_to_the_extractive_answer(shipped_settings, fake_llm) -> None:
    extractive = Assistant(shipped_settings).ask("combien gagne un éthicien IA ?")
    liar = fake_llm("Un éthicien gagne 250 000 € [1].")
    answer = Assistant(replace(shipped_settings, llm="ollama:tiny", llm_url=liar.url)).ask("combien gagne un éthicien IA ?")
    assert answer.text == extractive.text
    down = Assistant(replace(shipped_settings, llm="ollama:tiny", llm_url="http://127.0.0.1:9", llm_timeout=2))
    assert down.ask("combien gagne un éthicien IA ?").text == extractive.text


def test_abstention_does_not_call_the_backend(shipped_settings, fake_llm) -> None:
    server = fake_llm("Un boulanger gagne 2 000 € [1].")
    answer = Assistant(replace(shipped_settings, llm="ollama:tiny", llm_url=server.url)).ask("Combien gagne un boulanger ?")
    assert answer.abstained and server.requests == []


def test_unknown_backend_is_a_clear_error(shipped_settings) -> None:
    from assistant.errors import BackendError

    with pytest.raises(BackendError, match="ollama:MODEL"):
        Backend.from_settings(replace(shipped_settings, llm="gpt4"))
