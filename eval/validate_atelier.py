"""Validate eval/atelier.jsonl against eval/corpora/atelier/."""
import collections, html, json, re, sys, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpora" / "atelier"
QFILE = HERE / "atelier.jsonl"
CATS = {"salaire", "formation", "competences", "missions", "employeurs", "carriere",
        "conditions", "definition", "suivi", "hors-corpus", "autre"}

def norm(s):
    s = html.unescape(re.sub(r"<[^>]+>", " ", s)).lower()
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", "", s)

docs = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.iterdir() if p.is_file()}
ndocs = {k: norm(v) for k, v in docs.items()}
errors = []
for name, text in docs.items():
    if not 3000 <= len(text) <= 8000:
        errors.append(f"{name}: {len(text)} characters")

ids, cats, per_src = set(), collections.Counter(), collections.Counter()
followups = unanswerable = 0
for n, line in enumerate(QFILE.read_text(encoding="utf-8").splitlines(), 1):
    try:
        q = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: invalid JSON ({e})"); continue
    qid = q.get("id")
    if qid in ids: errors.append(f"{qid}: duplicate id")
    ids.add(qid)
    if set(q) != {"id", "question", "answerable", "expected_sources", "expected_facts", "category", "history"}:
        errors.append(f"{qid}: keys {sorted(q)}")
    if q["category"] not in CATS: errors.append(f"{qid}: bad category {q['category']}")
    cats[q["category"]] += 1
    if not isinstance(q["history"], list) or not all(isinstance(h, str) for h in q["history"]):
        errors.append(f"{qid}: bad history")
    followups += bool(q["history"])
    if q["answerable"]:
        if not q["expected_sources"] or not 1 <= len(q["expected_facts"]) <= 3:
            errors.append(f"{qid}: answerable needs sources and 1-3 facts")
        for s in q["expected_sources"]:
            if s not in docs: errors.append(f"{qid}: unknown source {s}")
            per_src[s] += 1
        for fact in q["expected_facts"]:
            if not any(norm(fact) in ndocs.get(s, "") for s in q["expected_sources"]):
                errors.append(f"{qid}: fact {fact!r} not found in {q['expected_sources']}")
    else:
        unanswerable += 1
        if q["expected_sources"] or q["expected_facts"]:
            errors.append(f"{qid}: unanswerable must have empty sources/facts")

print(f"{len(ids)} questions, {followups} follow-ups, {unanswerable} unanswerable")
print("categories:", dict(sorted(cats.items())))
print("per source:", dict(sorted(per_src.items())))
for name in docs:
    if per_src[name] < 4: errors.append(f"{name}: only {per_src[name]} questions")
print("\n".join(errors) if errors else "OK")
sys.exit(1 if errors else 0)
