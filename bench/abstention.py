"""What separates the near misses the extractive answerer answers from the questions it answers right.

    python bench/abstention.py [SET ...] [--out FEATURES.jsonl] [--from FEATURES.jsonl] [--half odd|even|all]
                               [--index-root /tmp/assistant-sets]

Runs every set (as `bench/sets.py`), and for each question records the evidence the answerer chose from: the best
chosen sentence's score parts, the question's kinds, and how much of what the question asks (its aspect terms,
idf-weighted over the corpus's sentences) the best sentence and its context leave uncovered. Then, over the
questions it answered, prints for each feature the threshold trade-off: near misses that would abstain
(unanswerable questions answered today) against right answers that would be lost (answerable, a fact found).
`--from` reads a saved dump instead of running; `--half` picks the questions the trade-offs are counted on.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from assistant.answer import extractive
from assistant.evaluation import metrics
from assistant.evaluation.run import CorpusTexts, ask_all
from assistant.pipeline import Assistant
from assistant.text import terms

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sets import all_sets, prepared  # noqa: E402

PICKS: list[tuple] = []


def _spy(original):
    def pick(q, query_vector, units, *rest):
        chosen, reason = original(q, query_vector, units, *rest)
        PICKS.append((q, chosen, reason, units))
        return chosen, reason
    return pick


def features(q, chosen, units) -> dict:
    best = max(chosen, key=lambda s: s.score)
    texts = [u.local_terms for u in units]
    idf = {t: math.log(1 + len(texts) / (1 + sum(t in x for x in texts))) for t in q.aspect_terms}
    covered = set(best.unit.local_terms) | set(terms(best.unit.heading)) | set(terms(best.unit.asked))
    missing = {t for t in q.aspect_terms if t not in covered}
    total = sum(idf.values()) or 1.0
    seen_anywhere = {t for t in missing if any(t in x for x in texts)}
    return {
        "score": round(best.score, 3), "subject": round(best.subject, 3), "cue": best.cue, "aspect": round(best.aspect, 3),
        "section": best.section, "stage": best.stage, "number": best.number, "chosen": len(chosen),
        "kinds": list(q.kinds), "strict": list(q.strict), "has_subject": q.has_subject, "jobs": list(q.jobs),
        "aspect_terms": sorted(q.aspect_terms), "missing": sorted(missing),
        "missing_share": round(sum(idf[t] for t in missing) / total, 3) if q.aspect_terms else 0.0,
        "missing_max_idf": round(max((idf[t] for t in missing), default=0.0), 3),
        "missing_seen": sorted(seen_anywhere),
        "second_gap": round(best.score - max((s.score for s in chosen if s is not best), default=0.0), 3),
    }


def dump_set(name: str, index_root: Path) -> list[dict]:
    settings, cases = prepared(name, index_root)
    assistant, texts, out = Assistant(settings), CorpusTexts(settings.corpus), []
    for i, case in enumerate(cases):
        PICKS.clear()
        row = ask_all(assistant, [case], progress=False)[0]
        score = metrics.score(row, texts)
        record = {"set": name, "id": case.id, "half": "odd" if i % 2 == 0 else "even", "answerable": case.answerable,
                  "category": case.category, "question": case.question, "abstained": row.abstained,
                  "found": len(score.facts_found), "missing_facts": len(score.facts_missing), "answer": row.text[:300]}
        answered = [(q, c, u) for q, c, r, u in PICKS if c and not r]
        if answered and not row.abstained:
            q, chosen, units = max(answered, key=lambda p: max(s.score for s in p[1]))
            record.update(features(q, chosen, units))
        out.append(record)
    return out


def _beyond(value: float, threshold: float, direction: str) -> bool:
    return value < threshold if direction == "<" else value > threshold


def tradeoffs(records: list[dict], half: str) -> None:
    rows = [r for r in records if not r["abstained"] and "score" in r and (half == "all" or r["half"] == half)]
    near = [r for r in rows if not r["answerable"]]
    right = [r for r in rows if r["answerable"] and r["found"] > 0]
    empty = [r for r in rows if r["answerable"] and r["found"] == 0]
    print(f"answered: {len(rows)}  near misses answered: {len(near)}  right: {len(right)}  answerable, no fact: {len(empty)}")
    for feature, direction in (("score", "<"), ("aspect", "<"), ("missing_share", ">"), ("missing_max_idf", ">"),
                               ("subject", "<"), ("section", "<"), ("second_gap", "<")):
        values = sorted({r[feature] for r in rows})
        print(f"\n{feature} {direction} t: near caught / right lost / no-fact caught")
        for t in values[:: max(1, len(values) // 12)]:
            counts = [sum(_beyond(r[feature], t, direction) for r in group) for group in (near, right, empty)]
            print(f"  {t:7.3f}  {counts[0]:4d} / {counts[1]:4d} / {counts[2]:4d}")
    print("\nkinds of near misses answered:", Counter(k for r in near for k in r["kinds"] or ["-"]).most_common(12))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--from", dest="source", type=Path)
    parser.add_argument("--half", choices=("odd", "even", "all"), default="odd")
    parser.add_argument("--index-root", type=Path, default=Path("/tmp/assistant-sets"))
    args = parser.parse_args()
    if args.source:
        records = [json.loads(line) for line in args.source.read_text(encoding="utf-8").splitlines()]
    else:
        extractive._pick = _spy(extractive._pick)
        records = [r for name in args.sets or all_sets() for r in dump_set(name, args.index_root)]
        if args.out:
            args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    tradeoffs(records, args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
