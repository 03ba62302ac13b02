"""The chat logic without a browser (history, errors, rendering, one turn, votes), the `/chat` API of the
running app through gradio_client, and the `assistant chat` command."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

from assistant import messages
from assistant.answer.llm import Step
from assistant.config import Settings
from assistant.errors import IndexMissingError
from assistant.pipeline import Assistant
from assistant.text import normalize
from assistant.types import Answer, Citation
from assistant.ui.chat import (
    Chat,
    example_questions,
    find_record,
    highlight,
    render_sources,
    user_questions,
    what_can_i_ask,
)

from .conftest import free_port, write_corpus

FLAGSHIP = "combien gagne un éthicien IA ?"
PASSAGE = "Un éthicien définit des normes. En France, il gagne de 45 000 € à 100 000 €. Il conseille aussi."
QUOTE = "En France, il gagne de 45 000 € à 100 000 €."


def citation(**changes) -> Citation:
    start = 1000 + PASSAGE.index(QUOTE)
    values = dict(marker=1, source="ethicien.txt", title="Éthicien en IA", start=start, end=start + len(QUOTE),
                  quote=QUOTE, passage=PASSAGE, passage_start=1000)
    values.update(changes)
    return Citation(**values)


class FakeAssistant:
    """Stands in for `Assistant`: same `ask` and `settings`, canned answers, remembers what it was asked."""

    def __init__(self, error: Exception | None = None) -> None:
        self.settings = Settings()
        self.topics = ["Éthicien en IA", "Ingénieur prompt", "Annotateurs de données"]
        self.calls: list[tuple[str, list[str]]] = []
        self.error = error

    def ask(self, question: str, history=()) -> Answer:
        question = Assistant.validate(self, question)  # the real validation
        self.calls.append((question, list(history)))
        if self.error:
            raise self.error
        return Answer(question, "En France, il gagne de 45 000 € à 100 000 € [1].", False, [citation()],
                      resolved_question=question)

    def ask_stream(self, question: str, history=()):
        answer = self.ask(question, history)
        yield Step(answer.text, answer)


def user(text, structured: bool = False) -> dict:
    return {"role": "user", "content": [{"type": "text", "text": text}] if structured else text}


def bot(text) -> dict:
    return {"role": "assistant", "content": [{"type": "text", "text": text}]}


@pytest.fixture()
def chat(tmp_path: Path) -> Chat:
    return Chat(FakeAssistant(), tmp_path / "votes" / "feedback.jsonl")


# ---- history ------------------------------------------------------------------------------------------------

def test_user_questions_reads_only_this_conversations_user_turns():
    history = [user(FLAGSHIP), bot("45 000 €"), user("et un ingénieur prompt ?", structured=True), bot("100 000 €"),
               user("   "), {"role": "user", "content": {"type": "text", "text": "quelles études ?"}}]
    assert user_questions(history) == [FLAGSHIP, "et un ingénieur prompt ?", "quelles études ?"]
    assert user_questions(None) == []
    assert user_questions([user("x" * 50), user("ok")], limit=10) == ["ok"]


def test_reply_passes_earlier_questions_as_history(chat):
    chat.reply("et un ingénieur prompt ?", [user(FLAGSHIP), bot("45 000 €")])
    assert chat.assistant.calls == [("et un ingénieur prompt ?", [FLAGSHIP])]


def test_two_conversations_never_share_history(chat):
    """Each browser tab sends its own Gradio history: one tab's questions never reach the other's turn."""
    tab_a, tab_b = [user(FLAGSHIP), bot("…")], [user("Que fait un qualiticien IA ?"), bot("…")]
    chat.reply("et un ingénieur prompt ?", tab_a)
    chat.reply("et un ingénieur prompt ?", tab_b)
    chat.reply("et un ingénieur prompt ?", [])
    histories = [history for _, history in chat.assistant.calls]
    assert histories == [[FLAGSHIP], ["Que fait un qualiticien IA ?"], []]


# ---- bad input and errors -----------------------------------------------------------------------------------

def test_empty_message_gets_a_hint_and_asks_nothing(chat):
    for message in ("", "   ", None):
        turn = chat.reply(message, [])
        assert turn.text == messages.EMPTY_QUESTION
    assert chat.assistant.calls == []


def test_long_message_is_refused_in_french(chat):
    turn = chat.reply("a" * 2001, [])
    assert turn.text == messages.TOO_LONG.format(length="2\u202f001", limit="2\u202f000")
    assert "raccourcissez" in turn.text
    assert chat.assistant.calls == []
    assert chat.reply("a" * 2000, []).text.startswith("En France")


def test_internal_error_shows_a_short_apology_and_logs_the_details(tmp_path, caplog):
    chat = Chat(FakeAssistant(RuntimeError("boom in /secret/path")), tmp_path / "f.jsonl")
    with caplog.at_level(logging.ERROR, logger="assistant.ui.chat"):
        turn = chat.reply(FLAGSHIP, [])
    assert turn.text == messages.INTERNAL_ERROR
    assert "boom" not in turn.text + turn.sources_html and "Traceback" not in turn.text + turn.sources_html
    assert "boom in /secret/path" in caplog.text
    assert any(record.exc_info for record in caplog.records)


def test_assistant_errors_become_their_french_message(tmp_path):
    chat = Chat(FakeAssistant(IndexMissingError("index")), tmp_path / "f.jsonl")
    assert chat.reply(FLAGSHIP, []).text == messages.INDEX_MISSING


# ---- rendering ----------------------------------------------------------------------------------------------

def test_sources_panel_shows_file_title_and_highlighted_sentence():
    answer = Answer(FLAGSHIP, "… [1].", False, [citation()], resolved_question=FLAGSHIP)
    page = render_sources(answer)
    assert "[1]" in page and "ethicien.txt" in page and "Éthicien en IA" in page
    assert f"<mark>{QUOTE}</mark>" in page
    assert "Un éthicien définit des normes." in page and "Il conseille aussi." in page
    assert "Question comprise" not in page


def test_sources_panel_says_how_a_follow_up_was_understood():
    answer = Answer("et un ingénieur prompt ?", "…", False, [citation()], resolved_question="et un ingénieur prompt ? (salaire)")
    assert "Question comprise comme : « et un ingénieur prompt ? (salaire) »" in render_sources(answer)


def test_abstention_has_no_sources():
    page = render_sources(Answer("et au Canada ?", messages.ABSTAIN, True))
    assert messages.SOURCES_NONE in page and "<mark>" not in page


def test_document_text_is_escaped():
    evil = '<script>alert("x")</script> <b>gras</b>'
    c = citation(source="<img src=x onerror=alert(1)>.html", title=evil, quote="Il gagne <b>beaucoup</b>.",
                 passage="Avant <i>. Il gagne <b>beaucoup</b>. Après", passage_start=0, start=11, end=35)
    page = render_sources(Answer("q", "t", False, [c]))
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "<mark>Il gagne &lt;b&gt;beaucoup&lt;/b&gt;.</mark>" in page


def test_highlight_uses_offsets_and_trims_long_passages():
    long_before, long_after = "mot " * 200, " fin" * 200
    passage = long_before + QUOTE + long_after
    c = citation(passage=passage, passage_start=0, start=len(long_before), end=len(long_before) + len(QUOTE))
    shown = highlight(c, context=40)
    assert shown.startswith("… ") and shown.endswith(" …") and f"<mark>{QUOTE}</mark>" in shown
    assert len(shown) < 200


def test_highlight_falls_back_when_offsets_do_not_match():
    assert f"<mark>{QUOTE}</mark>" in highlight(citation(start=0, end=5))  # found by text
    assert highlight(citation(passage="", start=0, end=5)) == f"<mark>{QUOTE}</mark>"


def test_what_can_i_ask_lists_the_corpus_jobs():
    line = what_can_i_ask(["Éthicien en IA", "Ingénieur prompt", "MLOps engineer"])
    assert "éthicien en IA" in line and "ingénieur prompt" in line and "MLOps engineer" in line
    assert what_can_i_ask([]) == ""


def test_example_questions_use_the_corpus_jobs():
    examples = example_questions(["Apiculteur", "Ingénieur acoustique", "Sommelier"])
    assert examples[0] == "Combien gagne-t-on comme apiculteur ?"
    assert "Quelles études pour devenir ingénieur acoustique ?" in examples
    assert "En quoi consiste le métier de sommelier ?" in examples
    assert example_questions([]) == []


# ---- one turn ----------------------------------------------------------------------------------------------

def test_respond_sends_the_answer_its_sources_and_records_at_once(chat):
    history = [user(FLAGSHIP), bot("…")]
    [(text, sources, records)] = chat.respond("et un ingénieur prompt ?", history, [{"question": "old"}])
    assert text.endswith("[1].") and "<mark>" in sources
    assert records[0] == {"question": "old"}
    assert records[1]["question"] == "et un ingénieur prompt ?" and records[1]["answer"] == text
    assert records[1]["citations"][0]["source"] == "ethicien.txt"


# ---- votes --------------------------------------------------------------------------------------------------

def test_votes_are_appended_as_jsonl(chat):
    record = chat.reply(FLAGSHIP, []).record()
    chat.vote(record, True)
    chat.vote(record, False)
    assert chat.vote(record, "") is None  # un-vote: nothing logged
    lines = chat.feedback_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    up, down = (json.loads(line) for line in lines)
    assert (up["vote"], down["vote"]) == ("up", "down")
    assert up["question"] == FLAGSHIP and "45 000" in up["answer"]
    assert up["citations"][0]["quote"] == QUOTE and "passage" not in up["citations"][0]
    assert datetime.fromisoformat(up["time"]).utcoffset().total_seconds() == 0


def test_concurrent_votes_all_land_on_their_own_line(chat):
    record = {"question": "q", "answer": "é" * 5000, "citations": []}
    threads = [threading.Thread(target=chat.vote, args=(record, i % 2 == 0)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = chat.feedback_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20 and all(json.loads(line)["answer"] == record["answer"] for line in lines)


def test_find_record_by_answer_text_or_from_history():
    records = [{"question": "a", "answer": "réponse  A", "citations": [1]}, {"question": "b", "answer": "B", "citations": []}]
    assert find_record(records, [], 0, "réponse A")["citations"] == [1]
    history = [user("question X"), bot("réponse X")]
    rebuilt = find_record(records, history, 1, "réponse X")
    assert rebuilt == {"question": "question X", "resolved_question": "question X", "answer": "réponse X", "citations": []}


# ---- the running app, through its API ----------------------------------------------------------------------

def test_chat_api_answers_and_follows_up(chat_server):
    from gradio_client import Client

    client = Client(chat_server.url, verbose=False)
    answer, sources = client.predict(FLAGSHIP, api_name="/chat")
    assert "45000" in normalize(answer) and "100000" in normalize(answer)
    assert "001_8703443e628be27a.txt" in sources and "<mark>" in sources

    answer, sources = client.predict("et un ingénieur prompt ?", api_name="/chat")
    assert "prompt" in answer and "100000" in normalize(answer)
    assert "(salaire)" in sources

    long_answer, _ = client.predict("x" * 2500, api_name="/chat")
    assert long_answer.startswith("Votre message fait 2\u202f500 caractères")


def test_chat_api_sessions_are_independent(chat_server):
    from gradio_client import Client

    first, second = Client(chat_server.url, verbose=False), Client(chat_server.url, verbose=False)
    first.predict(FLAGSHIP, api_name="/chat")
    _, sources = second.predict("et un ingénieur prompt ?", api_name="/chat")
    assert "Question comprise" not in sources  # the second session knows nothing of the first one's question
    _, sources = first.predict("et un ingénieur prompt ?", api_name="/chat")
    assert "(salaire)" in sources


# ---- the command ----------------------------------------------------------------------------------------------

def test_ask_does_not_import_gradio():
    code = "import sys; from assistant.cli import build_parser; build_parser(); print('gradio' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_chat_command_is_registered():
    from assistant.cli import build_parser
    from assistant.ui.app import run_chat

    args = build_parser().parse_args(["chat", "--index", "idx", "--host", "0.0.0.0", "--port", "7999"])
    assert args.run is run_chat and (args.index, args.host, args.port) == ("idx", "0.0.0.0", 7999)


@pytest.mark.slow
def test_chat_command_builds_a_missing_index_and_prints_the_url(tmp_path, minilm_model):
    corpus = write_corpus(tmp_path / "corpus")
    port = free_port()
    command = [sys.executable, "-m", "assistant.cli", "chat", "--corpus", str(corpus), "--index", str(tmp_path / "index"),
               "--embed-model", minilm_model, "--port", str(port), "--feedback", str(tmp_path / "f.jsonl")]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Ouvrez "):
                break
        output = "".join(lines)
        assert "Pas encore d’index" in output
        assert f"Ouvrez http://127.0.0.1:{port}/ dans votre navigateur" in output
        assert (tmp_path / "index" / "params.json").exists()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert "Conseiller Carrières IA" in page.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_vote_that_cannot_be_written_is_reported_not_lost_silently(chat, caplog):
    from assistant.errors import FeedbackError

    chat.feedback_path.parent.mkdir(parents=True, exist_ok=True)
    chat.feedback_path.mkdir()  # a folder where the log file should be: the write fails
    with caplog.at_level(logging.ERROR), pytest.raises(FeedbackError, match="Give --feedback a writable file"):
        chat.vote({"question": "q", "answer": "a", "citations": []}, True)
    assert "Vote not saved" in caplog.text


def test_the_chat_rebuilds_an_index_of_an_older_version(tiny_settings, minilm_embedder) -> None:
    import json as json_module

    from assistant.index import store
    from assistant.ingest.build import build_index
    from assistant.ui.app import load_assistant

    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    path = store.params_path(tiny_settings.index)
    params = json_module.loads(path.read_text(encoding="utf-8"))
    path.write_text(json_module.dumps(params | {"format": store.FORMAT - 1}), encoding="utf-8")
    assistant = load_assistant(tiny_settings, progress=False)
    assert store.read_params(tiny_settings.index).format == store.FORMAT
    assert not assistant.ask("combien gagne un éthicien IA ?").abstained
