"""Every evaluation set at once: the headline metrics of each set, and of its odd and even halves.

    python bench/sets.py [SET ...] [--halves] [--failures all|odd|even] [--save DIR] [--compare DIR]
                         [--index-root /tmp/assistant-sets]

A SET is `questions`, `heldout`, `metiers-fr`, `metiers-fr-heldout` or the name of a folder of `eval/corpora/`
(its questions are `eval/NAME.jsonl`); no SET means all of them. Each corpus gets its own index under
`--index-root`, built (or brought up to date) by the same `build_index` as `assistant ingest`. `--save DIR` writes
one line per question (id, facts found, abstained, answer) to `DIR/SET.jsonl`; `--compare DIR` prints the questions
whose facts or abstention changed since that save. The figures are those of `assistant eval` (same runner and
metrics), without the bootstrap.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.config import Settings
from assistant.evaluation import metrics
from assistant.evaluation.run import CorpusTexts, ask_all, load_dataset
from assistant.ingest.build import build_index
from assistant.pipeline import Assistant

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora" / "metiers-fr"
SHIPPED = {"questions": REPO / "corpus", "heldout": REPO / "corpus", "metiers-fr": SHARED, "metiers-fr-heldout": SHARED}
COLUMNS = ("hit@3", "fact_recall", "suivi", "citation_precision", "abstention_recall", "false_abstention",
           "latency_p50_ms")


def all_sets() -> list[str]:
    names = list(SHIPPED) if SHARED.is_dir() else ["questions", "heldout"]
    return names + sorted(p.name for p in (REPO / "eval" / "corpora").iterdir() if p.is_dir())


def corpus_of(name: str) -> Path:
    return SHIPPED.get(name, REPO / "eval" / "corpora" / name)


def summary(rows, scores) -> dict[str, float]:
    result = metrics.summarize(rows, scores)
    result["suivi"] = metrics.by_category(rows, scores).get("suivi", {}).get("fact_recall", float("nan"))
    return result


def line(label: str, values: dict[str, float]) -> str:
    cells = "  ".join(f"{name.split('_')[0][:6]} {values[name]:.3f}" if name != "latency_p50_ms"
                      else f"p50 {values[name]:.0f}" for name in COLUMNS)
    return f"{label:<24} {cells}  ({values['questions']} q)"


def halves(rows, scores):
    """The odd- and even-numbered questions (1-based, in file order)."""
    for label, parity in (("odd", 0), ("even", 1)):
        idx = [i for i in range(len(rows)) if i % 2 == parity]
        yield label, [rows[i] for i in idx], [scores[i] for i in idx]


def show_failures(rows, scores) -> None:
    for row, s in zip(rows, scores, strict=True):
        for failure in s.failures:
            print(f"--- {row.case.id} [{row.case.category}] {row.case.question!r} hist={list(row.case.history)}")
            print(f"    {failure.kind}: {failure.detail[:200]}\n    -> {row.text[:400]!r}")


def saved(rows, scores) -> list[dict]:
    return [{"id": r.case.id, "found": s.facts_found, "missing": s.facts_missing, "abstained": r.abstained,
             "answer": r.text} for r, s in zip(rows, scores, strict=True)]


def compare(before: Path, now: list[dict]) -> None:
    old = {d["id"]: d for d in map(json.loads, before.read_text(encoding="utf-8").splitlines())}
    for d in now:
        o = old.get(d["id"])
        if o and (len(o["found"]) != len(d["found"]) or o["abstained"] != d["abstained"]):
            print(f"  {d['id']}: facts {len(o['found'])}->{len(d['found'])} abstained {o['abstained']}->"
                  f"{d['abstained']}\n    was {o['answer'][:160]!r}\n    now {d['answer'][:160]!r}")


def prepared(name: str, index_root: Path):
    """The settings of a set's corpus, its index built or brought up to date under `index_root`, and its questions."""
    corpus = corpus_of(name)
    settings = Settings.load(index=index_root / ("shipped" if corpus == REPO / "corpus" else corpus.name), corpus=corpus)
    build_index(settings, progress=False)
    cases, _ = load_dataset(REPO / "eval" / f"{name}.jsonl")
    return settings, cases


def run_set(name: str, args: argparse.Namespace) -> None:
    settings, cases = prepared(name, args.index_root)
    rows = ask_all(Assistant(settings), cases, progress=False)
    texts = CorpusTexts(settings.corpus)
    scores = [metrics.score(row, texts) for row in rows]
    print(line(name, summary(rows, scores)), flush=True)
    parts = list(halves(rows, scores))
    if args.halves:
        for label, r, s in parts:
            print(line(f"  {label}", summary(r, s)), flush=True)
    if args.failures:
        chosen = {label: (r, s) for label, r, s in parts}.get(args.failures, (rows, scores))
        show_failures(*chosen)
    if args.compare and (args.compare / f"{name}.jsonl").is_file():
        compare(args.compare / f"{name}.jsonl", saved(rows, scores))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(d, ensure_ascii=False) for d in saved(rows, scores)]
        (args.save / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*")
    parser.add_argument("--halves", action="store_true")
    parser.add_argument("--failures", choices=("all", "odd", "even"))
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--index-root", type=Path, default=Path("/tmp/assistant-sets"))
    args = parser.parse_args()
    for name in args.sets or all_sets():
        run_set(name, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
