"""Grounding metrics as pure functions over small records: one `Row` per question (the question record and the
answer as `Answer.to_dict()` gives it), scored against the corpus text. No index, no model: tests build rows by hand.

Definitions (what `assistant eval` reports):

- Retrieval (answerable questions with expected sources): `files` is the ranked list of *distinct* source files of
  the retrieved passages. hit@k = 1 if any expected source is among the first k files; MRR = mean of 1/rank of
  the first expected source (0 when none is retrieved).
- Key-fact recall (answerable questions with expected facts): mean of the share of expected facts found in the
  answer text; an abstention scores 0. A fact is found when `text.normalize(fact)` occurs in the normalised answer
  (markers `[n]` removed), or does so with all spaces removed (`Bac +5` = `Bac+5`); digits must not continue a
  number on either side, so `5 000` is not found in `45 000`.
- Citation validity (all questions): share of all citations whose file exists in the corpus and whose `quote`
  equals `read_source(file)[start:end]`.
- Citation precision (answerable questions with expected sources): share of their citations whose file is an
  expected source.
- Claim support (non-abstained answers, all questions): the answer is split into sentences
  (`citations.split_cited_sentences`, then `text.sentence_spans` inside each part). A sentence is supported when
  it carries a marker of an existing citation and, against the cited text (quote and, when known, the passage it
  came from; all markers of the sentence together): every number of the sentence (`text.numbers`, markers
  removed) appears there, and at least `MIN_OVERLAP` = 60 % of its distinct content terms (`text.terms`) do.
  A sentence without a marker is unsupported. The answerer's own word that it did not find one part of a question
  (`messages.PART_NOT_FOUND`) states nothing about the documents and is not a claim. Claim support = supported
  sentences / all sentences.
- Abstention recall = share of unanswerable questions abstained on; false abstention = share of answerable
  questions abstained on (lower is better).
- Raw markup: share of answers whose text shows Markdown or HTML (`RAW_MARKUP`: `**`, `## `, `<li>`, `![`,
  `](`); lower is better.
- Latency: p50 and p95 of the wall time of `Assistant.ask`, per question, in milliseconds.
- Intervals: `BOOTSTRAP` resamples of the questions with `numpy.random.default_rng(0)`; every metric is
  recomputed on each resample (ratio metrics from the resampled counts) and the 2.5-97.5 percentiles kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .. import messages
from ..answer.citations import MARKER
from ..answer.verify import claim_sentences, support
from ..text import normalize, sentence_spans, terms

KS = (1, 2, 3, 4, 5)
BOOTSTRAP = 1000
HEADLINE = (
    "hit@3", "mrr", "fact_recall", "citation_validity", "citation_precision",
    "claim_support", "abstention_recall", "false_abstention", "raw_markup",
)
LOWER_IS_BETTER = frozenset({"false_abstention", "raw_markup"})
# Markdown or HTML left in an answer's text: `**bold**`, `## heading`, `<li>`, `![image](…)`, `[link](…)`.
RAW_MARKUP = re.compile(r"\*\*|__|(?:^|\s)#{1,6}\s|<[a-zA-Z/][^>]{0,200}>|!\[|\]\(|`")
INTERVALS = tuple(dict.fromkeys([f"hit@{k}" for k in KS] + list(HEADLINE)))  # metrics given a 95 % interval


@dataclass(frozen=True)
class Case:
    """One question of the evaluation set."""

    id: str
    question: str
    answerable: bool
    expected_sources: tuple[str, ...] = ()
    expected_facts: tuple[str, ...] = ()
    category: str = ""
    history: tuple[str, ...] = ()


@dataclass
class Row:
    """A question and what the pipeline answered: `answer` is `Answer.to_dict()`."""

    case: Case
    answer: dict
    latency: float = 0.0  # seconds spent in Assistant.ask
    reason: str = ""  # why the answerer abstained
    passages: dict[int, str] = field(default_factory=dict)  # citation marker -> text of the passage it came from
    error: str = ""  # a pipeline error (the question then counts as abstained)

    @classmethod
    def from_answer(cls, case: Case, answer, latency: float = 0.0) -> Row:
        """Build from an `assistant.types.Answer`."""
        passages = {c.marker: c.passage for c in answer.citations if c.passage}
        return cls(case, answer.to_dict(), latency, answer.reason, passages)

    @property
    def abstained(self) -> bool:
        return bool(self.answer.get("abstained"))

    @property
    def text(self) -> str:
        return self.answer.get("answer", "")

    @property
    def citations(self) -> list[dict]:
        return list(self.answer.get("citations", []))

    @property
    def files(self) -> list[str]:
        """Distinct source files of the retrieved passages, best first."""
        return list(dict.fromkeys(p["source"] for p in self.answer.get("retrieved", [])))


@dataclass(frozen=True)
class Claim:
    sentence: str
    markers: tuple[int, ...]
    supported: bool
    overlap: float  # share of the sentence's content terms found in the cited text
    why: str = ""  # why it is unsupported


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: str


@dataclass
class Scores:
    """The per-question scores; `None` where a metric does not apply to the question."""

    rank: int | None = None  # rank of the first expected file among the retrieved files (0 = not retrieved)
    facts_found: list[str] = field(default_factory=list)
    facts_missing: list[str] = field(default_factory=list)
    citation_problems: dict[int, str] = field(default_factory=dict)  # marker -> why invalid ("" = valid)
    precise: dict[int, bool] = field(default_factory=dict)  # marker -> cites an expected file (answerable only)
    claims: list[Claim] = field(default_factory=list)
    fact_hints: dict[str, str] = field(default_factory=dict)  # missing fact -> where the expected sources say it
    failures: list[Failure] = field(default_factory=list)

    @property
    def fact_recall(self) -> float | None:
        total = len(self.facts_found) + len(self.facts_missing)
        return len(self.facts_found) / total if total else None

    @property
    def claim_support(self) -> float | None:
        return sum(c.supported for c in self.claims) / len(self.claims) if self.claims else None


# ---- single checks ------------------------------------------------------------------------------------------


def _fact_pattern(fact: str) -> re.Pattern[str]:
    before = r"(?<!\d)(?<!\d[.,])" if fact[:1].isdigit() else ""
    after = r"(?![.,]?\d)" if fact[-1:].isdigit() else ""
    return re.compile(before + re.escape(fact) + after)


def fact_found(fact: str, answer: str) -> bool:
    """Whether `fact` is written in `answer`, up to case, accents, spaces and digit grouping."""
    text, wanted = normalize(MARKER.sub(" ", answer)), normalize(fact)
    if not wanted:
        return True
    if _fact_pattern(wanted).search(text):
        return True
    return bool(_fact_pattern(wanted.replace(" ", "")).search(text.replace(" ", "")))


def citation_problem(citation: Mapping, source_text: Callable[[str], str | None]) -> str:
    """"" when the citation's quote is exactly `source_text(file)[start:end]`, else why not."""
    name = str(citation.get("source", ""))
    text = source_text(name)
    if text is None:
        return f"file {name!r} is not in the corpus"
    start, end = citation.get("start"), citation.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return f"span {start}:{end} is outside {name} ({len(text)} characters)"
    if text[start:end] != citation.get("quote"):
        return f"quote differs from {name}[{start}:{end}] ({text[start:end][:60]!r}...)"
    return ""


NOT_FOUND_PART = re.compile(re.escape(messages.PART_NOT_FOUND).replace(re.escape("{part}"), ".*"))


def claims(row: Row) -> list[Claim]:
    """Every sentence of a non-abstained answer, checked against the citations it carries."""
    if row.abstained:
        return []
    cited = {c["marker"]: c.get("quote", "") for c in row.citations}
    result = []
    for sentence, marks in claim_sentences(row.text):
        if NOT_FOUND_PART.fullmatch(sentence):
            continue
        if not marks:
            result.append(Claim(sentence, marks, False, 0.0, "no citation marker"))
            continue
        unknown = [m for m in marks if m not in cited]
        if unknown:
            result.append(Claim(sentence, marks, False, 0.0, f"marker [{unknown[0]}] has no citation"))
            continue
        text = " ".join(f"{cited[m]} {row.passages.get(m, '')}" for m in marks)
        ok, overlap, why = support(sentence, text)
        result.append(Claim(sentence, marks, ok, overlap, why))
    return result


def locate_fact(fact: str, row: Row, source_text: Callable[[str], str | None]) -> str:
    """`'fact' (file:offset, in a retrieved passage or not: "sentence")`: tells retrieval misses from selection
    misses. Of the sentences stating the fact, one inside a retrieved passage, else the closest to the question."""
    asked = set(terms(row.case.question))
    found = []
    for name in row.case.expected_sources:
        text = source_text(name) or ""
        for span in sentence_spans(text):
            sentence = text[span.start : span.end]
            if fact_found(fact, sentence):
                inside = any(p.get("source") == name and p.get("start", 0) <= span.start < p.get("end", 0)
                             for p in row.answer.get("retrieved", []))
                found.append((inside, len(asked & set(terms(sentence))), -span.start, name, sentence))
    if not found:
        return f"{fact!r} (not found in the expected sources)"
    inside, _, start, name, sentence = max(found)
    where = "in a retrieved passage" if inside else "NOT in the retrieved passages"
    return f"{fact!r} ({name}:{-start}, {where}: {sentence[:100]!r})"


# ---- one row ------------------------------------------------------------------------------------------------


def score(row: Row, source_text: Callable[[str], str | None]) -> Scores:
    """All per-question scores of `row`, with the reasons it fails."""
    case, s = row.case, Scores()
    files = row.files
    if case.answerable and case.expected_sources:
        ranks = [i for i, f in enumerate(files, start=1) if f in case.expected_sources]
        s.rank = ranks[0] if ranks else 0
    if case.answerable:
        for fact in case.expected_facts:
            found = not row.abstained and fact_found(fact, row.text)
            (s.facts_found if found else s.facts_missing).append(fact)
    for fact in s.facts_missing:
        s.fact_hints[fact] = locate_fact(fact, row, source_text)
    for c in row.citations:
        s.citation_problems[c["marker"]] = citation_problem(c, source_text)
        if case.answerable and case.expected_sources:
            s.precise[c["marker"]] = c.get("source") in case.expected_sources
    s.claims = claims(row)
    s.failures = failures(row, s)
    return s


def failures(row: Row, s: Scores) -> list[Failure]:
    case, out = row.case, []
    if row.error:
        out.append(Failure("pipeline_error", row.error))
    if case.answerable and row.abstained and not row.error:
        out.append(Failure("false_abstention", row.reason or "abstained on an answerable question"))
    if not case.answerable and not row.abstained:
        out.append(Failure("answered_unanswerable", "answered a question the corpus cannot answer"))
    if s.rank == 0 or (s.rank or 0) > 3:
        got = ", ".join(row.files[:3]) or "nothing"
        out.append(Failure("retrieval_miss", f"no expected source in the top 3 files (got {got})"))
    if s.facts_missing and not row.abstained:
        out.append(Failure("missing_facts", "; ".join(s.fact_hints.get(f, repr(f)) for f in s.facts_missing)))
    for marker, problem in s.citation_problems.items():
        if problem:
            out.append(Failure("invalid_citation", f"[{marker}] {problem}"))
    for marker, ok in s.precise.items():
        if not ok:
            source = next(c.get("source") for c in row.citations if c["marker"] == marker)
            out.append(Failure("wrong_source", f"[{marker}] cites {source}, not an expected source"))
    for claim in s.claims:
        if not claim.supported:
            out.append(Failure("unsupported_claim", f"{claim.why}: {claim.sentence[:120]!r}"))
    return out


# ---- aggregation --------------------------------------------------------------------------------------------


def table(rows: list[Row], scores: list[Scores]) -> dict[str, np.ndarray]:
    """Per-question counts from which every metric is a ratio of sums (so resampling questions is cheap)."""
    cols: dict[str, list[float]] = {name: [] for name in (
        "ret", "rr", "fact_n", "fact", "answerable", "unanswerable", "abstained", "ans_abstained",
        "unans_abstained", "cit", "valid", "prec_n", "prec", "claims", "supported", "latency", "markup",
    )}
    for k in KS:
        cols[f"hit@{k}"] = []
    for row, s in zip(rows, scores, strict=True):
        ret = s.rank is not None
        cols["ret"].append(ret)
        cols["rr"].append(1.0 / s.rank if s.rank else 0.0)
        for k in KS:
            cols[f"hit@{k}"].append(bool(s.rank) and s.rank <= k)
        recall = s.fact_recall
        cols["fact_n"].append(recall is not None)
        cols["fact"].append(recall or 0.0)
        cols["answerable"].append(row.case.answerable)
        cols["unanswerable"].append(not row.case.answerable)
        cols["abstained"].append(row.abstained)
        cols["ans_abstained"].append(row.case.answerable and row.abstained)
        cols["unans_abstained"].append(not row.case.answerable and row.abstained)
        cols["cit"].append(len(s.citation_problems))
        cols["valid"].append(sum(not p for p in s.citation_problems.values()))
        cols["prec_n"].append(len(s.precise))
        cols["prec"].append(sum(s.precise.values()))
        cols["claims"].append(len(s.claims))
        cols["supported"].append(sum(c.supported for c in s.claims))
        cols["markup"].append(bool(RAW_MARKUP.search(row.text)))
        cols["latency"].append(row.latency)
    return {name: np.asarray(values, dtype=float) for name, values in cols.items()}


def _ratio(num: np.ndarray, den: np.ndarray) -> float:
    total = float(den.sum())
    return float(num.sum()) / total if total else float("nan")


def aggregate(t: dict[str, np.ndarray]) -> dict[str, float]:
    """The metrics of a table (or of a resample of its rows); NaN where no question applies."""
    m = {f"hit@{k}": _ratio(t[f"hit@{k}"], t["ret"]) for k in KS}
    m["mrr"] = _ratio(t["rr"], t["ret"])
    m["fact_recall"] = _ratio(t["fact"] * t["fact_n"], t["fact_n"])
    m["citation_validity"] = _ratio(t["valid"], t["cit"])
    m["citation_precision"] = _ratio(t["prec"], t["prec_n"])
    m["claim_support"] = _ratio(t["supported"], t["claims"])
    m["abstention_recall"] = _ratio(t["unans_abstained"], t["unanswerable"])
    m["false_abstention"] = _ratio(t["ans_abstained"], t["answerable"])
    m["raw_markup"] = _ratio(t["markup"], np.ones_like(t["markup"]))
    return m


def summarize(rows: list[Row], scores: list[Scores]) -> dict[str, float]:
    """The flat metrics object of the report: ratios, latency percentiles and counts."""
    t = table(rows, scores)
    m = aggregate(t)
    latency_ms = t["latency"] * 1000
    m["latency_p50_ms"] = float(np.percentile(latency_ms, 50)) if len(rows) else float("nan")
    m["latency_p95_ms"] = float(np.percentile(latency_ms, 95)) if len(rows) else float("nan")
    m["questions"] = len(rows)
    m["answerable"] = int(t["answerable"].sum())
    m["unanswerable"] = int(t["unanswerable"].sum())
    m["citations"] = int(t["cit"].sum())
    m["claims"] = int(t["claims"].sum())
    m["failed_questions"] = sum(bool(s.failures) for s in scores)
    return m


def bootstrap(rows: list[Row], scores: list[Scores], names: tuple[str, ...] = INTERVALS,
              resamples: int = BOOTSTRAP, seed: int = 0) -> dict[str, tuple[float, float]]:
    """95 % percentile intervals of `names`, resampling questions with replacement."""
    t = table(rows, scores)
    n = len(rows)
    if n == 0:
        return {}
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {name: [] for name in names}
    for idx in rng.integers(0, n, size=(resamples, n)):
        values = aggregate({col: arr[idx] for col, arr in t.items()})
        for name in names:
            draws[name].append(values[name])
    intervals = {}
    for name, values in draws.items():
        arr = np.asarray(values)
        arr = arr[~np.isnan(arr)]
        if len(arr):
            intervals[name] = (float(np.percentile(arr, 2.5)), float(np.percentile(arr, 97.5)))
    return intervals


def by_category(rows: list[Row], scores: list[Scores]) -> dict[str, dict[str, float]]:
    """The ratio metrics of each category, plus its size, its share of questions with no failure (`passed`) and
    its share of right answer-or-abstain decisions (`decision`)."""
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row.case.category:
            groups.setdefault(row.case.category, []).append(i)
    result = {}
    for name, idx in sorted(groups.items()):
        metrics = aggregate(table([rows[i] for i in idx], [scores[i] for i in idx]))
        metrics["questions"] = len(idx)
        metrics["passed"] = sum(not scores[i].failures for i in idx) / len(idx)
        metrics["decision"] = sum(rows[i].abstained != rows[i].case.answerable for i in idx) / len(idx)
        result[name] = metrics
    return result
