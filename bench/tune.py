"""Quick tuning loop for the answerer: fact recall, citation precision, abstention on eval/questions.jsonl.

    python bench/tune.py [--index index] [--show-failures]

`assistant eval` is the full, reported evaluation; this prints only what tuning needs, fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.text import normalize


def fact_found(fact: str, answer: str) -> bool:
    a, f = normalize(answer), normalize(fact)
    return f in a or f.replace(" ", "") in a.replace(" ", "")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default="index")
    parser.add_argument("--dataset", default="eval/questions.jsonl")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    assistant = Assistant(Settings.load(index=args.index))
    rows = [json.loads(line) for line in open(args.dataset, encoding="utf-8") if line.strip()]
    facts = hit3 = answerable = false_abs = unans = abst = cites = good_cites = 0
    started = time.perf_counter()
    for row in rows:
        result = assistant.ask(row["question"], history=row.get("history", []))
        files = list(dict.fromkeys(p.source for p in result.retrieved))
        fail = ""
        if row["answerable"]:
            answerable += 1
            hit3 += any(s in files[:3] for s in row["expected_sources"])
            found = 0.0 if result.abstained else sum(fact_found(f, result.text) for f in row["expected_facts"]) / max(1, len(row["expected_facts"]))
            facts += found
            false_abs += result.abstained
            for c in result.citations:
                cites += 1
                good_cites += c.source in row["expected_sources"]
            if result.abstained:
                fail = f"FALSE ABSTAIN ({result.reason})"
            elif found < 1:
                fail = f"facts {found:.2f} {row['expected_facts']}"
            elif any(c.source not in row["expected_sources"] for c in result.citations):
                fail = "wrong source cited"
        else:
            unans += 1
            abst += result.abstained
            if not result.abstained:
                fail = "ANSWERED unanswerable"
        if fail and args.show_failures:
            print(f"--- {row['id']} [{row.get('category')}] {row['question']!r} hist={row.get('history', [])}\n    {fail}\n    -> {result.text[:300]!r}\n    resolved={result.resolved_question!r}")
    elapsed = time.perf_counter() - started
    print(
        f"hit@3 {hit3 / answerable:.3f}  fact_recall {facts / answerable:.3f}  cite_precision {good_cites / max(1, cites):.3f}  "
        f"abstention_recall {abst / max(1, unans):.3f}  false_abstention {false_abs / answerable:.3f}  "
        f"({len(rows)} questions, {elapsed / len(rows) * 1000:.0f} ms each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
