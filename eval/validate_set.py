#!/usr/bin/env python3
"""Validate an evaluation corpus and its question set (stdlib only): escale, horizon.

Usage: python3 eval/validate_set.py [--corpus DIR] [--questions FILE] [--id-prefix e] [--ignore-case]
       python3 eval/validate_set.py --corpus eval/corpora/horizon --questions eval/horizon.jsonl --id-prefix h --ignore-case
Prints "OK" and exits 0 when every check passes, otherwise lists the problems
and exits 1.

Checks: exactly 8 UTF-8 documents of 3000-8000 characters; every question line
is a JSON object with exactly the expected keys; ids unique and of the form
e001, e002, ...; valid categories; answerable questions have 1-3 facts that
appear verbatim (HTML tags stripped, entities unescaped, whitespace ignored,
case-sensitive) in at least one of their expected sources; unanswerable
questions are 'hors-corpus' with no sources/facts; minimum counts of questions,
follow-ups (suivi with history), unanswerable questions and questions per file.
"""
import argparse
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"id", "question", "answerable", "expected_sources", "expected_facts", "category", "history"}
CATEGORIES = {"salaire", "formation", "competences", "missions", "employeurs", "carriere",
              "conditions", "definition", "suivi", "hors-corpus", "autre"}
MIN_CHARS, MAX_CHARS = 3000, 8000
MIN_QUESTIONS, MIN_SUIVI, MIN_UNANSWERABLE, MIN_PER_FILE = 50, 12, 12, 3
MAX_FACTS, MAX_HISTORY = 3, 2
N_DOCS = 8


def normalize(text: str) -> str:
    """Strip HTML tags, unescape entities, remove all whitespace (case kept)."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    return re.sub(r"\s+", "", text)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(HERE / "corpora" / "escale"))
    ap.add_argument("--questions", default=str(HERE / "escale.jsonl"))
    ap.add_argument("--id-prefix", default="e", help="ids are this letter and three digits, in order")
    ap.add_argument("--ignore-case", action="store_true", help="facts match whatever their case")
    args = ap.parse_args()
    corpus, qpath = Path(args.corpus), Path(args.questions)
    errors = []

    # --- documents -------------------------------------------------------
    if not corpus.is_dir():
        print(f"FAIL: corpus folder not found: {corpus}")
        return 1
    docs = {}
    for p in sorted(corpus.iterdir()):
        if not p.is_file():
            continue
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(f"{p.name}: not valid UTF-8")
            continue
        n = len(text)
        if not MIN_CHARS <= n <= MAX_CHARS:
            errors.append(f"{p.name}: {n} chars, expected {MIN_CHARS}-{MAX_CHARS}")
        docs[p.name] = normalize(text.lower() if args.ignore_case else text)
    if len(docs) != N_DOCS:
        errors.append(f"corpus holds {len(docs)} files, expected {N_DOCS}")

    # --- questions -------------------------------------------------------
    if not qpath.is_file():
        print(f"FAIL: questions file not found: {qpath}")
        return 1
    items = []
    for ln, line in enumerate(qpath.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {ln}: empty line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: invalid JSON ({e})")
            continue
        if not isinstance(obj, dict):
            errors.append(f"line {ln}: not a JSON object")
            continue
        if set(obj) != KEYS:
            errors.append(f"line {ln}: keys {sorted(obj)} != {sorted(KEYS)}")
            continue
        items.append((ln, obj))

    if len(items) < MIN_QUESTIONS:
        errors.append(f"only {len(items)} questions (need >= {MIN_QUESTIONS})")
    ids = Counter(o["id"] for _, o in items if isinstance(o["id"], str))
    for i, c in ids.items():
        if c > 1:
            errors.append(f"duplicate id {i!r} ({c}x)")
    for n, (ln, o) in enumerate(items, 1):
        if o["id"] != f"{args.id_prefix}{n:03d}":
            errors.append(f"line {ln}: id {o['id']!r}, expected '{args.id_prefix}{n:03d}' (sequential)")

    per_file = Counter()
    n_suivi = n_unans = 0
    for ln, o in items:
        tag = f"{o.get('id', '?')} (line {ln})"
        if not isinstance(o["id"], str) or not re.fullmatch(rf"{args.id_prefix}\d{{3}}", o["id"]):
            errors.append(f"{tag}: id must look like '{args.id_prefix}001'")
        if not isinstance(o["question"], str) or not o["question"].strip():
            errors.append(f"{tag}: question must be a non-empty string")
        if not isinstance(o["answerable"], bool):
            errors.append(f"{tag}: answerable must be a boolean")
        if o["category"] not in CATEGORIES:
            errors.append(f"{tag}: invalid category {o['category']!r}")
        bad_lists = [k for k in ("expected_sources", "expected_facts", "history")
                     if not isinstance(o[k], list)
                     or not all(isinstance(x, str) and x.strip() for x in o[k])]
        for k in bad_lists:
            errors.append(f"{tag}: {k} must be a list of non-empty strings")
        if bad_lists:
            continue
        srcs, facts = o["expected_sources"], o["expected_facts"]
        if o["answerable"] is True:
            if not srcs or not facts:
                errors.append(f"{tag}: answerable but sources/facts empty")
            if len(facts) > MAX_FACTS:
                errors.append(f"{tag}: {len(facts)} facts (max {MAX_FACTS})")
            if o["category"] == "hors-corpus":
                errors.append(f"{tag}: 'hors-corpus' question marked answerable")
        elif o["answerable"] is False:
            n_unans += 1
            if srcs or facts:
                errors.append(f"{tag}: unanswerable but sources/facts not empty")
            if o["category"] != "hors-corpus":
                errors.append(f"{tag}: unanswerable question should be category 'hors-corpus'")
        if o["category"] == "suivi":
            if o["history"]:
                n_suivi += 1
            else:
                errors.append(f"{tag}: suivi without history")
        if len(o["history"]) > MAX_HISTORY:
            errors.append(f"{tag}: history has more than {MAX_HISTORY} turns")
        for s in srcs:
            if "/" in s or "\\" in s:
                errors.append(f"{tag}: expected source {s!r} must be a base name")
            if s not in docs:
                errors.append(f"{tag}: expected source {s!r} not found in corpus")
                continue
            per_file[s] += 1
        for fact in facts:
            nf = normalize(fact.lower() if args.ignore_case else fact)
            if not any(nf in docs[s] for s in srcs if s in docs):
                errors.append(f"{tag}: fact {fact!r} not found verbatim in {srcs}")

    if n_suivi < MIN_SUIVI:
        errors.append(f"only {n_suivi} suivi questions with history (need >= {MIN_SUIVI})")
    if n_unans < MIN_UNANSWERABLE:
        errors.append(f"only {n_unans} unanswerable questions (need >= {MIN_UNANSWERABLE})")
    for name in docs:
        if per_file[name] < MIN_PER_FILE:
            errors.append(f"{name}: expected source of {per_file[name]} questions (need >= {MIN_PER_FILE})")

    cats = Counter(o["category"] for _, o in items)
    print(f"{len(docs)} documents, {len(items)} questions, {n_suivi} suivi, {n_unans} unanswerable")
    print("per category: " + ", ".join(f"{k}={v}" for k, v in sorted(cats.items())))
    print("per file: " + ", ".join(f"{k}={v}" for k, v in sorted(per_file.items())))
    if errors:
        print(f"FAIL ({len(errors)} problem(s)):")
        for e in errors:
            print("  - " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
