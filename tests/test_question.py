"""Question analysis: types, jobs (with typos and franglais), places and subject words."""

from __future__ import annotations

import pytest

from assistant.lexicon import expand, places
from assistant.question import analyse


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("combien gagne un éthicien IA ?", ("salaire",)),
        ("Combien y a-t-il de qualiticiens IA en France ?", ("nombre",)),
        ("Quel est le taux de chômage des data scientists ?", ("taux",)),
        ("Quelles entreprises recrutent des qualiticiens ?", ("employeurs",)),
        ("cb coute le bachelor", ("prix",)),
    ],
)
def test_question_types(question: str, kinds: tuple[str, ...]) -> None:
    assert set(kinds) <= set(analyse(question).kinds)


def test_asking_how_a_figure_comes_about_is_not_asking_the_figure() -> None:
    assert analyse("combien gagne un qualiticien IA ?").strict == ("salaire",)
    assert analyse("De quoi dépend la rémunération d'un chef de projet chatbot ?").strict == ()


@pytest.mark.parametrize(
    ("question", "job"),
    [
        ("combien gagne un ethicien IA", "ethicien ia"),
        ("qualitcien IA salaire confirmé ?", "qualiticien ia"),
        ("C'est quoi un forward deployed engineer ?", "ingenieur deploye"),
        ("salaire d'un prompt engineer", "ingenieur prompt"),
        ("Combien gagne un spécialiste des risques et de la gouvernance IA ?", "specialiste risque"),
    ],
)
def test_jobs_are_found_despite_typos_and_franglais(question: str, job: str) -> None:
    assert job in analyse(question).jobs


def test_subject_words_must_be_known_but_descriptions_need_not() -> None:
    assert "boulanger" in analyse("Combien gagne un boulanger ?").salient
    assert "mlops" in analyse("salaire mlops engineer france").salient
    assert "mlops" in analyse("salaire d'un ingénieur MLOps").salient
    assert analyse("la start-up qui met en relation des experts avec les labos ?").salient == ()


def test_places_and_their_synonyms() -> None:
    assert places("aux États-Unis") == places("outre-Atlantique") == {"usa"}
    assert analyse("salaire d'un qualiticien IA en Suisse ?").places == {"suisse"}


def test_expansion_appends_french_words_and_keeps_the_question() -> None:
    expanded = expand("cb gagne un respo alignement")
    assert expanded.startswith("cb gagne un respo alignement") and "combien" in expanded and "responsable" in expanded
