"""Rendering an evaluation: the terminal table, report.json, report.md and the PNG plots (matplotlib, Agg)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..answer.verify import MIN_OVERLAP
from . import metrics as m

ROWS = (
    ("hit@1", "hit@1"), ("hit@3", "hit@3"), ("hit@5", "hit@5"), ("mrr", "MRR"),
    ("fact_recall", "key-fact recall"), ("citation_validity", "citation validity"),
    ("citation_precision", "citation precision"), ("claim_support", "claim support"),
    ("abstention_recall", "abstention recall"), ("false_abstention", "false abstention"), ("raw_markup", "raw markup"),
)
PLOTS = ("hitk.png", "categories.png", "abstention_confusion.png", "claim_support.png")


def _num(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None or value != value else f"{value:.{digits}f}"


def _target(name: str, value: float | None, targets: dict[str, float]) -> tuple[str, str]:
    """(`>= 0.95`, `ok` | `MISS` | `n/a`) for a metric with a target."""
    if name not in targets:
        return "", ""
    goal, lower = targets[name], name in m.LOWER_IS_BETTER
    shown = f"<= {goal:.2f}" if lower else f">= {goal:.2f}"
    if value is None or value != value:
        return shown, "n/a"
    ok = value <= goal + 1e-9 if lower else value >= goal - 1e-9
    return shown, "ok" if ok else "MISS"


def summary_rows(result, targets: dict[str, float]) -> list[list[str]]:
    """[metric, value, 95% CI, target, status] for each reported metric."""
    lines = []
    for key, label in ROWS:
        value = result.metrics.get(key)
        low_high = result.intervals.get(key)
        ci = f"[{low_high[0]:.3f}, {low_high[1]:.3f}]" if low_high else ""
        lines.append([label, _num(value), ci, *_target(key, value, targets)])
    for key, label in (("latency_p50_ms", "latency p50 (ms)"), ("latency_p95_ms", "latency p95 (ms)")):
        lines.append([label, _num(result.metrics.get(key), 1), "", "", ""])
    return lines


def summary_table(result, targets: dict[str, float]) -> str:
    """A plain aligned table for the terminal, with the counts below it."""
    header = ["metric", "value", "95% CI", "target", ""]
    lines = [header, *summary_rows(result, targets)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines]
    text.insert(1, "  ".join("-" * w for w in widths).rstrip())
    mt = result.metrics
    text.append("")
    text.append(
        f"{mt['questions']} questions ({mt['answerable']} answerable, {mt['unanswerable']} unanswerable), "
        f"{mt['citations']} citations, {mt['claims']} answer sentences; {mt['failed_questions']} questions with "
        f"a failure; {result.seconds:.1f} s."
    )
    if result.problems:
        text.append(f"{len(result.problems)} malformed dataset lines skipped: " + "; ".join(result.problems[:5]))
    return "\n".join(text)


# ---- report.json --------------------------------------------------------------------------------------------


def _clean(value):
    """JSON-safe: NaN -> null, tuples -> lists, floats rounded."""
    if isinstance(value, float):
        return None if value != value else round(value, 6)
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def row_json(row: m.Row, s: m.Scores) -> dict:
    case = row.case
    scores = {
        "rank": s.rank,
        "reciprocal_rank": (1.0 / s.rank if s.rank else 0.0) if s.rank is not None else None,
        **{f"hit@{k}": (bool(s.rank) and s.rank <= k) if s.rank is not None else None for k in (1, 3, 5)},
        "fact_recall": s.fact_recall,
        "facts_found": s.facts_found,
        "facts_missing": s.facts_missing,
        "citations_valid": sum(not p for p in s.citation_problems.values()),
        "citation_problems": {k: v for k, v in s.citation_problems.items() if v},
        "citation_precision": sum(s.precise.values()) / len(s.precise) if s.precise else None,
        "claim_support": s.claim_support,
        "claims": [
            {"sentence": c.sentence, "markers": list(c.markers), "supported": c.supported,
             "overlap": c.overlap, "why": c.why}
            for c in s.claims
        ],
    }
    return {
        "id": case.id, "category": case.category, "question": case.question, "history": list(case.history),
        "answerable": case.answerable, "answer": row.text, "abstained": row.abstained, "reason": row.reason,
        "error": row.error, "generator": row.answer.get("generator", "extractive"), "note": row.answer.get("note", ""),
        "removed_claims": row.answer.get("removed_claims", []), "citations": row.citations, "retrieved": row.files,
        "retrieved_passages": row.answer.get("retrieved", []),
        "expected_sources": list(case.expected_sources), "expected_facts": list(case.expected_facts),
        "scores": scores, "latency_ms": row.latency * 1000, "passed": not s.failures,
        "failures": [{"kind": f.kind, "detail": f.detail} for f in s.failures],
    }


def generator_json(result) -> dict:
    """The configured answerer, and which one wrote each answer (a model that failed leaves the extractive one)."""
    written = Counter(row.answer.get("generator", "extractive") for row in result.rows if not row.abstained)
    removed = sum(len(row.answer.get("removed_claims", [])) for row in result.rows)
    return {"configured": getattr(result, "generator", "extractive"), "answers_by": dict(written),
            "removed_claims": removed}


def _generator_line(g: dict) -> str:
    written = ", ".join(f"{name}: {count}" for name, count in sorted(g["answers_by"].items())) or "none"
    return f"Answerer `{g['configured']}`; answers written by {written}; generated sentences removed: {g['removed_claims']}."


def report_json(result) -> dict:
    return _clean({
        "dataset": result.dataset,
        "generator": generator_json(result),
        "seconds": result.seconds,
        "metrics": result.metrics,
        "intervals": {k: list(v) for k, v in result.intervals.items()},
        "categories": result.categories,
        "failure_kinds": dict(failure_counts(result)),
        "dataset_problems": result.problems,
        "rows": [row_json(row, s) for row, s in zip(result.rows, result.scores, strict=True)],
    })


def failure_counts(result) -> Counter:
    """How many questions fail for each kind of reason."""
    return Counter(kind for s in result.scores for kind in {f.kind for f in s.failures})


# ---- report.md ----------------------------------------------------------------------------------------------


def _md_table(header: list[str], lines: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in lines]
    return out


def report_markdown(result, targets: dict[str, float]) -> str:
    mt = result.metrics
    out = [
        "# Grounding evaluation", "",
        f"Dataset `{result.dataset}`: {mt['questions']} questions ({mt['answerable']} answerable, "
        f"{mt['unanswerable']} unanswerable), {mt['failed_questions']} with a failure. Run time {result.seconds:.1f} s.",
        "", _generator_line(generator_json(result)), "", "Metric definitions: `assistant/evaluation/metrics.py`. Intervals: 95 % bootstrap over questions.", "",
    ]
    out += _md_table(["metric", "value", "95% CI", "target", ""], summary_rows(result, targets))
    if result.categories:
        out += ["", "## By category", ""]
        keys = ("hit@3", "fact_recall", "citation_precision", "claim_support", "abstention_recall",
                "false_abstention", "passed")
        lines = [[name, str(c["questions"]), *(_num(c.get(k), 2) for k in keys)] for name, c in result.categories.items()]
        out += _md_table(["category", "n", *keys], lines)
    counts = failure_counts(result)
    if counts:
        out += ["", "## Failure kinds (questions affected)", ""]
        out += _md_table(["kind", "questions"], [[k, str(n)] for k, n in counts.most_common()])
    if result.problems:
        out += ["", "## Malformed dataset lines (skipped)", ""] + [f"- {p}" for p in result.problems]
    out += ["", "## Plots", ""] + [f"![{name[:-4]}]({name})" for name in PLOTS]
    out += ["", "## Failures", ""]
    for row, s in zip(result.rows, result.scores, strict=True):
        if s.failures:
            out += _failure_md(row, s)
    return "\n".join(out) + "\n"


def _failure_md(row: m.Row, s: m.Scores) -> list[str]:
    case = row.case
    out = [f"### {case.id} [{case.category or '-'}] {case.question}", ""]
    if case.history:
        out.append(f"- history: {' / '.join(case.history)}")
    out.append(f"- expected: {'answer' if case.answerable else 'abstention'}; sources "
               f"{', '.join(case.expected_sources) or '-'}; facts {', '.join(case.expected_facts) or '-'}")
    out.append(f"- retrieved files: {', '.join(row.files) or '-'}")
    if row.abstained:
        out.append(f"- abstained: {row.reason or row.error or 'no reason given'}")
    else:
        out.append(f"- answered: {' '.join(row.text.split())}")
    for c in row.citations:
        out.append(f"  - [{c['marker']}] {c['source']} {c['start']}:{c['end']}")
    out.append("- why it failed:")
    out += [f"  - **{f.kind}**: {f.detail}" for f in s.failures]
    return out + [""]


# ---- plots --------------------------------------------------------------------------------------------------


def plot_hitk(result, path: Path, targets: dict[str, float]) -> None:
    import matplotlib.pyplot as plt

    ks = list(m.KS)
    values = [result.metrics.get(f"hit@{k}", float("nan")) for k in ks]
    fig, ax = plt.subplots(figsize=(6, 4))
    lows = [result.intervals.get(f"hit@{k}", (v, v))[0] for k, v in zip(ks, values, strict=True)]
    highs = [result.intervals.get(f"hit@{k}", (v, v))[1] for k, v in zip(ks, values, strict=True)]
    ax.fill_between(ks, lows, highs, alpha=0.2, label="95% CI")
    ax.plot(ks, values, marker="o", label="hit@k")
    for k, v in zip(ks, values, strict=True):
        ax.annotate(f"{v:.2f}", (k, v), textcoords="offset points", xytext=(0, 8), ha="center")
    if "hit@3" in targets:
        ax.axhline(targets["hit@3"], color="grey", linestyle="--", label="hit@3 target")
    ax.set(xlabel="k (distinct source files)", ylabel="share of answerable questions", xticks=ks,
           ylim=(0, 1.08), title=f"Retrieval hit@k (MRR {_num(result.metrics.get('mrr'))})")
    ax.legend(loc="lower right")
    _save(fig, path)


def plot_categories(result, path: Path, targets: dict[str, float]) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    names = list(result.categories)
    keys = (("hit@3", "hit@3"), ("fact_recall", "fact recall"), ("claim_support", "claim support"),
            ("decision", "right answer/abstain"), ("passed", "no failure"))
    fig, ax = plt.subplots(figsize=(9, 0.7 * max(len(names), 1) + 1.8), layout="constrained")
    y = np.arange(len(names))
    height = 0.8 / len(keys)
    for i, (key, label) in enumerate(keys):
        values = [np.nan_to_num(result.categories[n].get(key, np.nan)) for n in names]
        ax.barh(y + i * height, values, height, label=label)
    ax.set_yticks(y + height * (len(keys) - 1) / 2, [f"{n} ({result.categories[n]['questions']})" for n in names])
    ax.invert_yaxis()
    ax.set(xlim=(0, 1), xlabel="share (no bar: not applicable, or 0)", title="Metrics by category")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=len(keys), fontsize="small")
    _save(fig, path)


def plot_confusion(result, path: Path, targets: dict[str, float]) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    grid = np.zeros((2, 2), dtype=int)
    for row in result.rows:
        grid[0 if row.case.answerable else 1, 1 if row.abstained else 0] += 1
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.imshow(grid, cmap="Blues")
    for (i, j), count in np.ndenumerate(grid):
        total = grid[i].sum()
        share = f"\n{count / total:.0%}" if total else ""
        ax.text(j, i, f"{count}{share}", ha="center", va="center",
                color="white" if count > grid.max() / 2 else "black", fontsize=13)
    ax.set_xticks([0, 1], ["answered", "abstained"])
    ax.set_yticks([0, 1], ["answerable", "unanswerable"])
    ax.set(xlabel="pipeline", ylabel="dataset", title="Abstention confusion matrix")
    _save(fig, path)


def plot_claims(result, path: Path, targets: dict[str, float]) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    claims = [c for s in result.scores for c in s.claims if c.markers]
    groups = {
        "supported": [c.overlap for c in claims if c.supported],
        "numbers missing": [c.overlap for c in claims if not c.supported and c.why.startswith("numbers")],
        "low word overlap / other": [c.overlap for c in claims if not c.supported and not c.why.startswith("numbers")],
    }
    fig, ax = plt.subplots(figsize=(6.5, 4))
    ax.hist(list(groups.values()), bins=np.linspace(0, 1, 21), stacked=True, label=list(groups))
    ax.axvline(MIN_OVERLAP, color="black", linestyle="--", label=f"threshold {MIN_OVERLAP:.0%}")
    unmarked = sum(1 for s in result.scores for c in s.claims if not c.markers)
    ax.set(xlabel="share of the sentence's content words in the cited text", ylabel="answer sentences",
           title=f"Claim support {_num(result.metrics.get('claim_support'))} "
                 f"({unmarked} sentences without a marker not shown)")
    ax.legend(loc="upper left", fontsize="small")
    _save(fig, path)


def _save(fig, path: Path) -> None:
    if fig.get_layout_engine() is None:
        fig.tight_layout()
    fig.savefig(path, dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)


def write_report(result, out: Path, targets: dict[str, float]) -> list[Path]:
    """report.json, report.md and the four plots in `out`; returns the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "report.json", out / "report.md"]
    written[0].write_text(json.dumps(report_json(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written[1].write_text(report_markdown(result, targets), encoding="utf-8")
    for name, plot in zip(PLOTS, (plot_hitk, plot_categories, plot_confusion, plot_claims), strict=True):
        plot(result, out / name, targets)
        written.append(out / name)
    return written
