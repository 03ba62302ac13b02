"""`assistant eval`: the JSONL loader, the runner and report with a fake assistant, the baseline gate, and one
run of the real pipeline on the shipped corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import QuestionTooLongError
from assistant.evaluation import metrics as m
from assistant.evaluation import run as evaluate
from assistant.types import Answer, Citation, Passage
from tests.conftest import REPO, write_corpus

GOOD = {"id": "q1", "question": "combien gagne un éthicien IA ?", "answerable": True,
        "expected_sources": ["ethicien.txt"], "expected_facts": ["45 000", "100 000"], "category": "salaire"}
OFF = {"id": "q2", "question": "Quelle est la capitale de l'Australie ?", "answerable": False,
       "expected_sources": [], "expected_facts": [], "category": "hors_corpus"}


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


# ---- dataset --------------------------------------------------------------------------------------------------


def test_loader_reports_malformed_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "q.jsonl", [
        GOOD,
        "{not json",
        "",
        {**OFF, "extra": "ignored", "history": ["combien gagne un éthicien IA ?"]},
        {"id": "q3", "answerable": True},
        {"id": "q4", "question": "x ?", "answerable": "yes"},
        {"id": "q5", "question": "x ?", "answerable": True, "expected_facts": "45 000"},
        [1, 2],
        {**GOOD, "question": "doublon ?"},
    ])
    cases, problems = evaluate.load_dataset(path)
    assert [c.id for c in cases] == ["q1", "q2"]
    assert cases[0].expected_facts == ("45 000", "100 000") and cases[0].category == "salaire"
    assert cases[1].history == ("combien gagne un éthicien IA ?",) and not cases[1].answerable
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 5", "line 6", "line 7", "line 8", "line 9"]
    assert "'question'" in problems[1] and "'answerable'" in problems[2] and "'expected_facts'" in problems[3]
    assert "duplicate id 'q1'" in problems[5]


def test_loader_refuses_a_file_without_any_valid_question(tmp_path: Path) -> None:
    with pytest.raises(evaluate.DatasetError, match="No valid question"):
        evaluate.load_dataset(write_jsonl(tmp_path / "q.jsonl", ["nope", "{}"]))
    with pytest.raises(evaluate.DatasetError, match="--dataset"):
        evaluate.load_dataset(tmp_path / "missing.jsonl")


def test_corpus_texts_read_sources_and_refuse_paths_outside_the_corpus(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    texts = evaluate.CorpusTexts(corpus)
    assert "Bac+5" in texts("qualite.html") and "<p>" not in texts("qualite.html")
    assert texts("../secret.txt") is None and texts("absent.txt") is None


# ---- runner and report with a fake assistant --------------------------------------------------------------------


class FakeAssistant:
    """Answers like the pipeline: a cited sentence of ethicien.txt, abstains on the rest, fails on 'trop long'."""

    def __init__(self, corpus: Path) -> None:
        self.text = (corpus / "ethicien.txt").read_text(encoding="utf-8")
        self.histories: list[list[str]] = []

    def ask(self, question: str, history=()) -> Answer:
        self.histories.append(list(history))
        if "trop long" in question:
            raise QuestionTooLongError(5000, 2000)
        passage = Passage("p1", "ethicien.txt", "Éthicien en IA", 0, len(self.text), self.text, 0.5)
        if "éthicien" not in question:
            return Answer(question, "Je ne trouve pas cette information.", True, [], [passage], reason="off topic")
        quote = "En France, le salaire annuel d'un éthicien varie de 45 000 € à 100 000 €."
        start = self.text.index(quote)
        cite = Citation(1, "ethicien.txt", "Éthicien en IA", start, start + len(quote), quote, self.text, 0)
        return Answer(question, f"{quote[:-1]} [1].", False, [cite], [passage])


@pytest.fixture()
def fake_run(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus")
    dataset = write_jsonl(tmp_path / "q.jsonl", [
        GOOD, OFF,
        {"id": "q3", "question": "et pour un éthicien senior ?", "answerable": True, "history": ["avant"],
         "expected_sources": ["ethicien.txt"], "expected_facts": ["120 000"], "category": "suivi"},
        {"id": "q4", "question": "trop long", "answerable": True, "expected_sources": ["prompt.md"]},
        "oops",
    ])
    fake = FakeAssistant(corpus)
    result = evaluate.run(Settings(corpus=corpus), dataset, tmp_path / "out", progress=False, assistant=fake)
    return result, fake, tmp_path / "out"


def test_runner_passes_history_and_scores_every_question(fake_run) -> None:
    result, fake, _ = fake_run
    assert fake.histories == [[], [], ["avant"], []]
    assert result.problems == ["line 5: Expecting value: line 1 column 1 (char 0)"]
    mt = result.metrics
    assert mt["questions"] == 4 and mt["citation_validity"] == 1.0 and mt["claim_support"] == 1.0
    assert mt["fact_recall"] == pytest.approx(1 / 2)  # q1 all, q3 none; q4 has no expected fact
    assert mt["false_abstention"] == pytest.approx(1 / 3)  # the pipeline error counts as an abstention
    assert mt["abstention_recall"] == 1.0
    assert set(result.intervals) >= set(m.HEADLINE) - {"abstention_recall"}
    errors = [f for s in result.scores for f in s.failures if f.kind == "pipeline_error"]
    assert len(errors) == 1 and "2000" in errors[0].detail


def test_report_files(fake_run) -> None:
    result, _, out = fake_run
    for name in ("report.json", "report.md", "hitk.png", "categories.png", "abstention_confusion.png",
                 "claim_support.png"):
        assert (out / name).stat().st_size > 0, name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["metrics"]["questions"] == 4 and "hit@3" in report["intervals"]
    row = {r["id"]: r for r in report["rows"]}
    assert row["q1"]["passed"] and row["q1"]["retrieved"] == ["ethicien.txt"]
    assert row["q1"]["citations"][0].keys() == {"marker", "source", "title", "start", "end", "quote", "page"}
    assert row["q1"]["scores"]["hit@1"] is True and row["q1"]["scores"]["fact_recall"] == 1.0
    assert [f["kind"] for f in row["q3"]["failures"]] == ["missing_facts"]
    assert "not found in the expected sources" in row["q3"]["failures"][0]["detail"]
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "| key-fact recall | 0.500 |" in markdown
    assert "### q3 [suivi] et pour un éthicien senior ?" in markdown and "120 000" in markdown
    assert "### q1 " not in markdown
    assert "line 5" in markdown


def test_summary_table_lists_metrics_with_targets(fake_run) -> None:
    from assistant.evaluation.report import summary_table

    table = summary_table(fake_run[0], evaluate.TARGETS)
    assert "key-fact recall     0.500" in table and ">= 0.85  MISS" in table
    assert "citation validity   1.000" in table and "4 questions (3 answerable, 1 unanswerable)" in table


# ---- baseline gate --------------------------------------------------------------------------------------------

METRICS = {"hit@3": 0.97, "mrr": 0.9, "fact_recall": 0.86, "citation_validity": 1.0, "citation_precision": 0.95,
           "claim_support": 0.97, "abstention_recall": 0.85, "false_abstention": 0.05, "latency_p50_ms": 40.0}


def baseline(**changes: float) -> dict:
    return {"metrics": {**METRICS, **changes}, "tolerance": {"fact_recall": 0.02, "citation_validity": 0.0}}


def test_gate_passes_within_tolerance() -> None:
    assert evaluate.check_baseline({**METRICS, "fact_recall": 0.845}, baseline()) == []
    assert evaluate.check_baseline({**METRICS, "latency_p50_ms": 900.0}, baseline()) == []  # latency is not gated


def test_gate_fails_on_a_regression_and_names_it() -> None:
    failed = evaluate.check_baseline({**METRICS, "fact_recall": 0.80, "citation_validity": 0.99}, baseline())
    assert len(failed) == 2
    assert failed[0].startswith("fact_recall: 0.8000 fell below baseline 0.8600 - tolerance 0.0200")
    assert failed[1].startswith("citation_validity: 0.9900")


def test_gate_fails_when_false_abstention_rises() -> None:
    assert evaluate.check_baseline({**METRICS, "false_abstention": 0.0}, baseline()) == []
    failed = evaluate.check_baseline({**METRICS, "false_abstention": 0.08}, baseline())
    assert failed == ["false_abstention: 0.0800 rose above baseline 0.0500 + tolerance 0.0200"]


def test_gate_fails_when_a_metric_is_not_measured() -> None:
    failed = evaluate.check_baseline({**METRICS, "abstention_recall": float("nan")}, baseline())
    assert failed and failed[0].startswith("abstention_recall: not measured")


def test_baseline_round_trip_and_missing_file(tmp_path: Path, fake_run) -> None:
    path = tmp_path / "base" / "baseline.json"
    evaluate.write_baseline(path, fake_run[0])
    data = evaluate.read_baseline(path)
    assert data["metrics"]["fact_recall"] == 0.5 and data["tolerance"]["citation_validity"] == 0.0
    assert data["tolerance"]["hit@3"] == evaluate.DEFAULT_TOLERANCE and data["created"]
    assert evaluate.check_baseline(fake_run[0].metrics, data) == []
    with pytest.raises(evaluate.BaselineError, match="--write-baseline"):
        evaluate.read_baseline(tmp_path / "none.json")


# ---- the real pipeline ----------------------------------------------------------------------------------------


def test_eval_command_without_index_says_how_to_build_it(tmp_path: Path, capsys) -> None:
    dataset = write_jsonl(tmp_path / "q.jsonl", [GOOD])
    assert main(["eval", "--dataset", str(dataset), "--index", str(tmp_path / "none")]) == 1
    assert "assistant ingest" in capsys.readouterr().err


@pytest.mark.slow
def test_eval_command_on_the_shipped_corpus(shipped_settings: Settings, tmp_path: Path, capsys) -> None:
    shipped = [json.loads(line) for line in (REPO / "eval/questions.jsonl").read_text(encoding="utf-8").splitlines()]
    picked = [q for q in shipped if q["id"] in ("q001", "q008", "q099", "q115")]
    dataset = write_jsonl(tmp_path / "q.jsonl", picked)
    impossible = tmp_path / "impossible.json"
    impossible.write_text(json.dumps({"metrics": {"hit@3": 1.5, "fact_recall": 1.5, "false_abstention": -1}}))
    flags = ["--dataset", str(dataset), "--index", str(shipped_settings.index),
             "--corpus", str(shipped_settings.corpus), "--no-progress"]
    out = tmp_path / "out"

    assert main(["eval", *flags, "--out", str(out), "--check-baseline", str(impossible),
                 "--write-baseline", str(tmp_path / "baseline.json")]) == 1
    captured = capsys.readouterr()
    assert "hit@3" in captured.out and "4 questions (3 answerable, 1 unanswerable)" in captured.out
    assert "hit@3: " in captured.err and "fact_recall: " in captured.err and "false_abstention: " in captured.err
    for name in ("report.json", "report.md", "hitk.png", "categories.png", "abstention_confusion.png",
                 "claim_support.png"):
        assert (out / name).exists(), name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in report["rows"]] == ["q001", "q008", "q099", "q115"]
    assert report["metrics"]["citation_validity"] == 1.0

    assert main(["eval", *flags, "--check-baseline", str(tmp_path / "baseline.json")]) == 0  # deterministic
    assert "Baseline check passed" in capsys.readouterr().out

