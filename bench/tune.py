"""Quick tuning loop for the answerer: the headline metrics and, with --show-failures, every failing question.

    python bench/tune.py [--dataset eval/questions.jsonl] [--index index] [--corpus corpus] [--show-failures]

It reuses `assistant eval`'s loader, runner and metrics (no bootstrap, no report files), so its figures are the
same as the evaluation's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.config import Settings
from assistant.evaluation import metrics
from assistant.evaluation.run import CorpusTexts, ask_all, load_dataset
from assistant.pipeline import Assistant

SHOWN = ("hit@3", "fact_recall", "citation_precision", "abstention_recall", "false_abstention", "latency_p50_ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default="index")
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--dataset", default="eval/questions.jsonl")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    settings = Settings.load(index=args.index, corpus=args.corpus)
    cases, _ = load_dataset(Path(args.dataset))
    rows = ask_all(Assistant(settings), cases, progress=False)
    texts = CorpusTexts(settings.corpus)
    scores = [metrics.score(row, texts) for row in rows]
    if args.show_failures:
        for row, s in zip(rows, scores, strict=True):
            for failure in s.failures:
                print(f"--- {row.case.id} [{row.case.category}] {row.case.question!r} hist={list(row.case.history)}")
                print(f"    {failure.kind}: {failure.detail[:200]}\n    -> {row.text[:300]!r}")
    summary = metrics.summarize(rows, scores)
    print("  ".join(f"{name} {summary[name]:.3f}" for name in SHOWN) + f"  ({len(rows)} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
