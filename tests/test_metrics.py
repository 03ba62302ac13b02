"""The grounding metrics on small hand-made rows: no index, no model."""

from __future__ import annotations

import math

import pytest

from assistant.evaluation import metrics as m

SOURCES = {
    "ethicien.txt": "Éthicien en IA\nEn France, le salaire annuel d'un éthicien varie de 45 000 € à 100 000 €.\n",
    "prompt.md": "# Ingénieur prompt\nSa rémunération annuelle peut dépasser 100 000 € en Europe.\n",
}
SALARY = "En France, le salaire annuel d'un éthicien varie de 45 000 € à 100 000 €."
SALARY_START = SOURCES["ethicien.txt"].index(SALARY)


def source_text(name: str) -> str | None:
    return SOURCES.get(name)


def citation(marker: int = 1, source: str = "ethicien.txt", start: int = SALARY_START, quote: str = SALARY) -> dict:
    return {"marker": marker, "source": source, "title": "", "start": start, "end": start + len(quote), "quote": quote}


def make_row(case: m.Case, text: str = "", abstained: bool = False, citations: list[dict] | None = None,
             retrieved: list[str] = (), latency: float = 0.01) -> m.Row:
    answer = {
        "answer": text, "abstained": abstained, "citations": citations or [],
        "retrieved": [{"source": s, "start": 0, "end": 10_000, "score": 1.0} for s in retrieved],
    }
    return m.Row(case, answer, latency)


ETHICIEN = m.Case("q1", "combien gagne un éthicien IA ?", True, ("ethicien.txt",), ("45 000", "100 000"), "salaire")
OFF_TOPIC = m.Case("q2", "capitale de l'Australie ?", False, category="hors_corpus")


def good_row(case: m.Case = ETHICIEN) -> m.Row:
    return make_row(case, f"{SALARY[:-1]} [1].", citations=[citation()], retrieved=["ethicien.txt", "prompt.md"])


# ---- facts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "entre 45 000 € et 100 000 €",
    "entre 45\u202f000 € et 100\u202f000 €",  # narrow no-break (thin) space
    "entre 45\u2009000 € et 100\u2009000 €",  # thin space
    "entre 45\u00a0000 € et 100\u00a0000 €",  # no-break space
    "entre 45000 € et 100000 €",
    "ENTRE 45.000 € ET 100.000 €",
])
def test_fact_matches_whatever_the_digit_grouping(answer: str) -> None:
    assert m.fact_found("45 000", answer)
    assert m.fact_found("100\u202f000", answer)


def test_fact_matches_case_accents_and_spaces() -> None:
    assert m.fact_found("modèle de langage", "Un MODELE  de\nlangage [1].")
    assert m.fact_found("Bac +5", "Il faut un bac+5 en informatique.")
    assert m.fact_found("Bac+5", "Il faut un Bac +5.")


def test_fact_does_not_match_inside_another_number_or_a_marker() -> None:
    assert not m.fact_found("5 000", "Il gagne 45 000 € par an.")
    assert not m.fact_found("3", "Un salaire de 3,5 k€.")
    assert not m.fact_found("1", "Le salaire varie [1].")
    assert m.fact_found("5 000", "Il gagne 5 000 €.")
    assert not m.fact_found("normes éthiques", "Il définit des normes.")


# ---- citations ------------------------------------------------------------------------------------------------


def test_exact_citation_is_valid() -> None:
    assert m.citation_problem(citation(), source_text) == ""


def test_citation_with_a_wrong_span_is_invalid() -> None:
    assert "quote differs" in m.citation_problem(citation(start=SALARY_START + 1), source_text)


def test_citation_outside_the_file_or_to_a_missing_file_is_invalid() -> None:
    assert "outside" in m.citation_problem(citation(start=10_000), source_text)
    assert "not in the corpus" in m.citation_problem(citation(source="absent.txt"), source_text)
    bad = citation()
    bad["start"] = "3"
    assert "outside" in m.citation_problem(bad, source_text)


# ---- claims ---------------------------------------------------------------------------------------------------


def test_sentence_repeating_its_citation_is_supported() -> None:
    ok, overlap, why = m.support("Un éthicien gagne de 45 000 € à 100 000 € par an en France [1].", SALARY)
    assert ok and overlap >= 0.6 and why == ""


def test_sentence_with_a_number_absent_from_the_citation_is_unsupported() -> None:
    ok, _, why = m.support("Un éthicien gagne de 45 000 € à 120 000 € [1].", SALARY)
    assert not ok and "120000" in why


def test_sentence_with_few_words_of_the_citation_is_unsupported() -> None:
    ok, overlap, why = m.support("Les ingénieurs prompt travaillent souvent à distance chez des startups [1].", SALARY)
    assert not ok and overlap < 0.6 and "words" in why


def test_claims_need_a_marker_of_an_existing_citation() -> None:
    row = make_row(ETHICIEN, f"Bonne question. {SALARY[:-1]} [1]. Voir aussi ceci [2].", citations=[citation()])
    claims = m.claims(row)
    assert [c.supported for c in claims] == [False, True, False]
    assert claims[0].why == "no citation marker"
    assert "no citation" in claims[2].why


def test_claims_may_lean_on_the_cited_passage() -> None:
    row = make_row(ETHICIEN, "Éthicien en IA : de 45 000 € à 100 000 € [1].",
                   citations=[citation(quote=SALARY[-24:], start=SALARY_START + len(SALARY) - 24)])
    assert not m.claims(row)[0].supported  # the quote alone lacks 'éthicien' and 'IA'
    row.passages = {1: SOURCES["ethicien.txt"]}
    assert m.claims(row)[0].supported


def test_saying_one_part_was_not_found_is_not_a_claim() -> None:
    not_found = m.messages.PART_NOT_FOUND.format(part="le prix de la carte")
    row = make_row(ETHICIEN, f"{SALARY[:-1]} [1]. {not_found} Et ceci sans source.", citations=[citation()])
    assert [c.sentence for c in m.claims(row)] == [f"{SALARY[:-1]} [1].", "Et ceci sans source."]


def test_abstention_has_no_claims() -> None:
    assert m.claims(make_row(ETHICIEN, "Je ne trouve pas cette information.", abstained=True)) == []


# ---- rows and aggregates --------------------------------------------------------------------------------------


def test_good_row_scores_and_has_no_failure() -> None:
    s = m.score(good_row(), source_text)
    assert s.rank == 1 and s.fact_recall == 1.0 and s.claim_support == 1.0
    assert s.citation_problems == {1: ""} and s.precise == {1: True}
    assert s.failures == []


def test_failures_say_why() -> None:
    wrong = make_row(ETHICIEN, "Sa rémunération annuelle peut dépasser 100 000 € en Europe [1].",
                     citations=[citation(source="prompt.md", start=19, quote="Sa rémunération annuelle peut dépasser 100 000 € en Europe.")],
                     retrieved=["prompt.md", "x.txt", "y.txt", "ethicien.txt"])
    s = m.score(wrong, source_text)
    kinds = {f.kind for f in s.failures}
    assert kinds == {"retrieval_miss", "missing_facts", "wrong_source"}
    assert s.rank == 4 and s.facts_found == ["100 000"] and s.facts_missing == ["45 000"]
    hint = next(f.detail for f in s.failures if f.kind == "missing_facts")
    assert "ethicien.txt" in hint and "in a retrieved passage" in hint


def test_aggregate_on_hand_made_rows() -> None:
    rows = [
        good_row(),  # rank 1, all facts
        make_row(ETHICIEN, "Je ne sais pas.", abstained=True, retrieved=["prompt.md", "ethicien.txt"]),  # rank 2
        make_row(OFF_TOPIC, "Je ne sais pas.", abstained=True),
        make_row(OFF_TOPIC, f"{SALARY[:-1]} [1].", citations=[citation(start=0)]),  # answered, invalid citation
    ]
    scores = [m.score(r, source_text) for r in rows]
    got = m.summarize(rows, scores)
    assert got["hit@1"] == 0.5 and got["hit@3"] == 1.0
    assert got["mrr"] == pytest.approx(0.75)
    assert got["fact_recall"] == 0.5  # the abstention scores 0
    assert got["false_abstention"] == 0.5
    assert got["abstention_recall"] == 0.5
    assert got["citation_validity"] == 0.5
    assert got["citation_precision"] == 1.0  # only citations on answerable questions count
    assert got["claim_support"] == 1.0
    assert got["questions"] == 4 and got["failed_questions"] == 2
    assert got["latency_p50_ms"] == pytest.approx(10.0)
    cats = m.by_category(rows, scores)
    assert cats["salaire"]["questions"] == 2 and cats["hors_corpus"]["abstention_recall"] == 0.5
    assert math.isnan(cats["hors_corpus"]["hit@3"])


def test_metrics_without_applicable_questions_are_nan() -> None:
    rows = [make_row(OFF_TOPIC, "Je ne sais pas.", abstained=True)]
    got = m.summarize(rows, [m.score(r, source_text) for r in rows])
    assert got["abstention_recall"] == 1.0
    assert math.isnan(got["hit@3"]) and math.isnan(got["citation_validity"])


def test_bootstrap_is_deterministic_and_brackets_the_estimate() -> None:
    rows = [good_row()] * 6 + [make_row(ETHICIEN, "Je ne sais pas.", abstained=True, retrieved=["prompt.md"])] * 4
    scores = [m.score(r, source_text) for r in rows]
    first, second = m.bootstrap(rows, scores), m.bootstrap(rows, scores)
    assert first == second
    low, high = first["fact_recall"]
    assert low < 0.6 < high
    assert first["citation_validity"] == (1.0, 1.0)
    assert "abstention_recall" not in first  # no unanswerable question in any resample


def test_raw_markup_in_an_answer_is_counted() -> None:
    clean = make_row(ETHICIEN, "Le salaire varie de 45 000 € à 100 000 € [1].")
    marked = make_row(ETHICIEN, "**Salaire :** de 45 000 € ![x](http://example.com/x.png) [1].")
    t = m.table([clean, marked], [m.Scores(), m.Scores()])
    assert m.aggregate(t)["raw_markup"] == 0.5
    assert m.aggregate(m.table([clean], [m.Scores()]))["raw_markup"] == 0.0
