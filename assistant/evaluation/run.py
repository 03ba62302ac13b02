"""`assistant eval`: run a question set through the pipeline and measure how grounded the answers are.

    assistant eval --dataset eval/questions.jsonl [--index index] [--corpus corpus] [--out DIR]
                   [--check-baseline eval/baseline.json] [--write-baseline eval/baseline.json]

Dataset: JSONL, one question a line:
    {"id": "q01", "question": "...", "answerable": true, "expected_sources": ["001_8703443e628be27a.txt"],
     "expected_facts": ["45 000", "100 000"], "category": "salaire", "history": ["earlier question"]}
`category` and `history` are optional, unknown fields are ignored, unanswerable questions have `"answerable":
false` and empty lists. A malformed line is reported with its line number and skipped; the rest still runs.

Each question goes through `Assistant.ask` (with its history), exactly like `assistant ask`. The metrics are
defined in `assistant/evaluation/metrics.py`; `TARGETS` below are the quality goals quoted in the README. `--out DIR` writes
report.json, report.md and four PNG plots (see `assistant/evaluation/report.py`).

Baseline file: {"metrics": {name: value}, "tolerance": {name: tol}, "dataset": path, "created": iso date}.
`--check-baseline` fails (exit 1) when a headline metric falls below its baseline value minus its tolerance (for
false_abstention, lower is better: when it rises above baseline + tolerance). Latency is not gated.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..config import Settings
from ..errors import AssistantError
from ..ingest.sources import UnreadableFile, corpus_file, read_source
from . import metrics as m

log = logging.getLogger(__name__)

TARGETS: dict[str, float] = {
    "hit@3": 0.95,
    "fact_recall": 0.85,
    "citation_validity": 1.00,
    "citation_precision": 0.90,
    "claim_support": 0.95,
    "abstention_recall": 0.80,
    "false_abstention": 0.10,  # at most
    "raw_markup": 0.0,  # at most
}
DEFAULT_TOLERANCE = 0.02
TOLERANCE: dict[str, float] = {"citation_validity": 0.0, "raw_markup": 0.0}
EPSILON = 1e-9


class DatasetError(AssistantError):
    """The question set cannot be read or holds no usable question."""


class BaselineError(AssistantError):
    """The baseline file cannot be read."""


# ---- dataset ------------------------------------------------------------------------------------------------


def parse_case(data: object) -> m.Case:
    """One question record; raises ValueError naming the bad field."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for key in ("id", "question"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"'{key}' must be a non-empty string")
    if not isinstance(data.get("answerable"), bool):
        raise ValueError("'answerable' must be true or false")
    lists = {}
    for key in ("expected_sources", "expected_facts", "history"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"'{key}' must be a list of strings")
        lists[key] = tuple(value)
    category = data.get("category", "")
    if not isinstance(category, str):
        raise ValueError("'category' must be a string")
    return m.Case(data["id"], data["question"], data["answerable"], lists["expected_sources"],
                  lists["expected_facts"], category, lists["history"])


def load_dataset(path: Path) -> tuple[list[m.Case], list[str]]:
    """The valid questions of a JSONL file, and one message per malformed line (`line N: why`)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"Cannot read the dataset {path} ({exc}): pass a JSONL file with --dataset.") from exc
    cases: list[m.Case] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            case = parse_case(json.loads(line))
        except (json.JSONDecodeError, ValueError) as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if case.id in seen:
            problems.append(f"line {number}: duplicate id {case.id!r}")
            continue
        seen.add(case.id)
        cases.append(case)
    for problem in problems:
        log.warning("%s: %s (line skipped)", path, problem)
    if not cases:
        raise DatasetError(f"No valid question in {path}: each line must be a JSON object like "
                           '{"id": "q1", "question": "...", "answerable": true}.')
    return cases, problems


class CorpusTexts:
    """`read_source` of corpus files by source name, cached; None for a missing or unreadable file."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = Path(corpus).resolve()
        self._texts: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name not in self._texts:
            path = corpus_file(self.corpus, name)
            text = None
            if path is not None:
                try:
                    text = read_source(path)
                except UnreadableFile:
                    text = None
            self._texts[name] = text
        return self._texts[name]


# ---- run ----------------------------------------------------------------------------------------------------


@dataclass
class Evaluation:
    dataset: str
    rows: list[m.Row]
    scores: list[m.Scores]
    metrics: dict[str, float]
    intervals: dict[str, tuple[float, float]]
    categories: dict[str, dict[str, float]]
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    generator: str = "extractive"  # the configured answerer: "extractive" or the model, e.g. "ollama:mistral"


def ask_all(assistant, cases: list[m.Case], progress: bool | None = None) -> list[m.Row]:
    """Every question through `assistant.ask`, timed; a pipeline error becomes an abstained row."""
    from tqdm import tqdm

    rows = []
    show = sys.stderr.isatty() if progress is None else progress
    for case in tqdm(cases, desc="eval", unit="q", disable=not show, file=sys.stderr):
        started = time.perf_counter()
        try:
            result = assistant.ask(case.question, history=list(case.history))
        except AssistantError as exc:
            answer = {"question": case.question, "answer": "", "abstained": True, "citations": [], "retrieved": []}
            rows.append(m.Row(case, answer, time.perf_counter() - started, error=str(exc)))
            continue
        rows.append(m.Row.from_answer(case, result, time.perf_counter() - started))
    return rows


def evaluate_rows(rows: list[m.Row], corpus: Path, dataset: str = "", problems: list[str] | None = None,
                  seconds: float = 0.0) -> Evaluation:
    """Score answered rows against the corpus and compute every metric."""
    texts = CorpusTexts(corpus)
    scores = [m.score(row, texts) for row in rows]
    return Evaluation(
        dataset, rows, scores, m.summarize(rows, scores), m.bootstrap(rows, scores),
        m.by_category(rows, scores), list(problems or []), seconds,
    )


def run(settings: Settings, dataset: Path, out: Path | None = None, progress: bool | None = None,
        assistant=None) -> Evaluation:
    """Evaluate the pipeline on `dataset` (entry point of this stage); with `out`, write the report there."""
    cases, problems = load_dataset(dataset)
    started = time.perf_counter()
    if assistant is None:
        from ..pipeline import Assistant

        assistant = Assistant(settings)
    rows = ask_all(assistant, cases, progress)
    result = evaluate_rows(rows, settings.corpus, str(dataset), problems, time.perf_counter() - started)
    result.generator = settings.llm or "extractive"
    if out is not None:
        from .report import write_report

        write_report(result, Path(out), TARGETS)
    return result


# ---- baseline -----------------------------------------------------------------------------------------------


def write_baseline(path: Path, result: Evaluation) -> None:
    data = {
        "metrics": {k: _rounded(v) for k, v in result.metrics.items()},
        "tolerance": {name: TOLERANCE.get(name, DEFAULT_TOLERANCE) for name in m.HEADLINE},
        "dataset": result.dataset,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_baseline(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"No baseline file {path}: record one with `assistant eval --write-baseline {path}`.") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise BaselineError(f"Cannot read the baseline {path} ({exc}): re-create it with --write-baseline.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise BaselineError(f"{path} has no 'metrics' object: re-create it with --write-baseline.")
    return data


def check_baseline(metrics: dict[str, float], baseline: dict) -> list[str]:
    """One message per headline metric worse than its baseline by more than its tolerance."""
    failures = []
    tolerances = baseline.get("tolerance") or {}
    for name in m.HEADLINE:
        base = baseline["metrics"].get(name)
        if base is None:
            continue
        tol = float(tolerances.get(name, TOLERANCE.get(name, DEFAULT_TOLERANCE)))
        value = metrics.get(name)
        if value is None or value != value:  # not measured (NaN)
            failures.append(f"{name}: not measured on this dataset (baseline {base:.4f})")
        elif name in m.LOWER_IS_BETTER and value > base + tol + EPSILON:
            failures.append(f"{name}: {value:.4f} rose above baseline {base:.4f} + tolerance {tol:.4f}")
        elif name not in m.LOWER_IS_BETTER and value < base - tol - EPSILON:
            failures.append(f"{name}: {value:.4f} fell below baseline {base:.4f} - tolerance {tol:.4f}")
    return failures


def _rounded(value: float) -> float | None:
    if isinstance(value, float):
        return None if value != value else round(value, 4)
    return value


# ---- command line -------------------------------------------------------------------------------------------


def register_cli(commands: argparse._SubParsersAction) -> None:
    from ..cli import index_flags

    parser = commands.add_parser("eval", help="measure retrieval, citations, facts and abstention on a question set")
    parser.add_argument("--dataset", default="eval/questions.jsonl", help="JSONL question set (default: eval/questions.jsonl)")
    index_flags(parser)
    parser.add_argument("--corpus", help="corpus folder the citations point into (default: corpus)")
    parser.add_argument("--top-k", dest="top_k", type=int, help="passages to retrieve (default 5)")
    parser.add_argument("--out", help="write report.json, report.md and PNG plots to this folder")
    parser.add_argument("--check-baseline", metavar="FILE", help="exit 1 if a headline metric regressed past this baseline")
    parser.add_argument("--write-baseline", metavar="FILE", help="record this run's metrics as the baseline")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"),
                        help="print two earlier reports' metrics side by side (report.json files or --out folders)")
    parser.set_defaults(run=run_cli)


def compare(a: Path, b: Path) -> str:
    """Two reports' generators and metrics side by side, with B - A."""
    reports = [_report(a), _report(b)]
    names = list(dict.fromkeys([*reports[0]["metrics"], *reports[1]["metrics"]]))
    lines = [f"{'':28} {'A':>12} {'B':>12} {'B - A':>9}",
             f"{'generator':28} {_generator(reports[0]):>12} {_generator(reports[1]):>12}",
             f"{'dataset':28} {Path(reports[0]['dataset']).name:>12} {Path(reports[1]['dataset']).name:>12}"]
    for name in names:
        va, vb = (r["metrics"].get(name) for r in reports)
        delta = f"{vb - va:+9.3f}" if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else ""
        lines.append(f"{name:28} {_cell(va):>12} {_cell(vb):>12} {delta}")
    return "\n".join(lines)


def _report(path: Path) -> dict:
    path = path / "report.json" if path.is_dir() else path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AssistantError(f"Cannot read the report {path} ({exc}): give a report.json or an --out folder.") from exc


def _generator(report: dict) -> str:
    return str(report.get("generator", {}).get("configured", "extractive"))[:12]


def _cell(value) -> str:
    return f"{value:.3f}" if isinstance(value, (int, float)) else "-"


def run_cli(args: argparse.Namespace, settings: Settings) -> int:
    from .report import summary_table

    if args.compare:
        print(compare(Path(args.compare[0]), Path(args.compare[1])))
        return 0
    baseline = read_baseline(Path(args.check_baseline)) if args.check_baseline else None
    out = Path(args.out) if args.out else None
    result = run(settings, Path(args.dataset), out, progress=False if args.no_progress else None)
    print(summary_table(result, TARGETS))
    if out is not None:
        print(f"Report: {out / 'report.md'}")
    if args.write_baseline:
        write_baseline(Path(args.write_baseline), result)
        print(f"Baseline written to {args.write_baseline}")
    if baseline is not None:
        failed = check_baseline(result.metrics, baseline)
        if failed:
            print(f"Baseline check failed against {args.check_baseline}:", file=sys.stderr)
            for line in failed:
                print(f"  {line}", file=sys.stderr)
            return 1
        print(f"Baseline check passed ({args.check_baseline}).")
    return 0
