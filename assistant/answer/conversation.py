"""Follow-up questions without an LLM: carry the job and the aspect (salary, studies...) over from earlier
turns.

"combien gagne un éthicien IA ?" then "et un ingénieur prompt ?" -> the salary of an ingénieur prompt;
then "quelles études faut-il ?" -> the studies of an ingénieur prompt.

The conversation's topic is a job and an aspect, updated turn by turn (`step`):
- a question naming a job sets the job: one of the corpus's jobs (`profile.JobCatalog`), or another person it
  names ("un boulanger"), so the answer is never about the previous job; otherwise the job carries over;
- a question showing an aspect sets it; an elliptic one ("et aux USA ?", "et un ingénieur prompt ?") keeps the
  previous aspect; a full question with its own subject ("il peut travailler en freelance ?") clears it.
`resolve` appends what the question lacks, e.g. "et un ingénieur prompt ? (salaire)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..index.profile import LEARNERS, JobCatalog, content_words
from ..text import fold, of
from . import lexicon
from .question import (
    COUNTED,
    NEVER_QUALIFY,
    PHRASE_END,
    QUESTION_TYPES,
    RATE,
    SLOT_END,
    STRICT_KINDS,
    counted_nouns,
    job_slot,
    question_tokens,
    trim_connectors,
    without_funded,
)

ASPECT_WORDS = {
    "salaire": "salaire",
    "nombre": "nombre",
    "formation": "formation études niveau",
    "competences": "compétences",
    "employeurs": "entreprises qui recrutent",
    "carriere": "évolution de carrière",
    "missions": "missions",
    "definition": "définition",
    "date": "date",
    "prix": "prix",
    "taux": "taux",
    "marche": "demande sur le marché",
    "conditions": "conditions de travail",
    "equipe": "équipe",
    "financement": "financement",
    "lieu": "où travailler",
    "heure": "à quelle heure",  # a clock time, not `heures` of training
    "jour": "quels jours",
    "age": "quel âge",
}
# "en milieu de carrière" says when, not what: it does not make a salary follow-up a career question.
# Likewise "quand il est expérimenté" is a condition, not a question about a date.
SENIORITY = re.compile(r"\b(?:debut|milieu|fin|cours|haut|bas) de (?:sa |leur )?carriere|\bapres (?:\d+|quelques|dix) ans")
CONDITION = re.compile(r"\b(?:quand|lorsqu|lorsque|si) (?:il|elle|ils|elles|on|je|j|tu|vous|nous|c)\b")
LEAD_WORDS = {"et", "mais", "alors", "ok", "bon", "puis", "sinon", "ensuite"}
# First words of an elliptic follow-up: "et aux USA ?", "et pour un data scientist ?", "et quand il est…"
FRAGMENT_START = set(
    "un une le la les l des du de d au aux a en pour dans chez cote concernant avec sans apres avant sur "
    "vers par quand si niveau lui elle eux".split()
)
SUBJECT_PRONOUNS = frozenset("il elle ils elles on".split())
FEASIBLE = re.compile(r"\bpossible\b|\bon peut\b|\bpeut on\b|\bca se fait\b")  # folded: a yes or no, not a figure
# "ce poste", "ce métier": written out as "le poste de <job>" when the job is carried over.
THIS_JOB = re.compile(r"\b(?:ce|cet|cette)\s+(poste|métier|metier|job|emploi|rôle|role|fonction)\b", re.I)


@dataclass(frozen=True)
class Topic:
    """What the conversation is about: a job as the user wrote it, and an aspect (a key of QUESTION_TYPES)."""

    job: str = ""
    aspect: str = ""
    subject: str = ""  # what a question about no job was about (`le référentiel de la DINUM`), for « il » next
    counted: str = ""  # what a count asked about is of (`combien de patients par jour`), carried with its aspect


PRONOUN_START = re.compile(r"^(?:(?:et|mais|ok|alors|bon)\s+)*(?:il|elle|ils|elles|ca|cela|c|ce|cet|cette|lui|eux)\b")
ARTICLES = frozenset("le la l les un une".split())
SUBJECT_WORDS = 6


def subject_phrase(question: str) -> str:
    """The noun phrase a question is about, after its first article: `c'est quoi le référentiel de la DINUM ?`
    -> `référentiel de la DINUM`; "" when there is none."""
    tokens = question_tokens(question)
    folded = [fold(t) for t in tokens]
    for i, word in enumerate(folded):
        if word in ARTICLES:
            taken = []
            for j in range(i + 1, min(i + 1 + SUBJECT_WORDS, len(tokens))):
                if folded[j] in SLOT_END or folded[j] in PHRASE_END:
                    break
                taken.append(tokens[j])
            phrase = trim_connectors(" ".join(taken))
            if phrase:
                return phrase
    return ""


def is_follow_up(question: str) -> bool:
    """A question that leans on the previous turn: elliptic (« et aux USA ? ») or opening with a pronoun."""
    return is_elliptic(question) or bool(PRONOUN_START.match(" ".join(_folded_words(question))))


def _folded_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text).replace("'", " "))


def aspects(question: str) -> list[str]:
    """The aspects the question asks about, most specific first (QUESTION_TYPES order)."""
    folded = CONDITION.sub(" ", SENIORITY.sub(" ", lexicon.DESIGN_OFFICE.sub(" ", fold(question).replace("'", " "))))
    found = without_funded([kind for kind, pattern in QUESTION_TYPES.items() if re.search(pattern, folded)])
    return sorted(found, key=lambda kind: kind != "financement")  # « la formation est payante ? » : funding first


def is_elliptic(question: str) -> bool:
    """A follow-up without a clause of its own: "et aux USA ?", "et un ingénieur prompt ?", "et lui ?"."""
    words = _folded_words(question)
    while words and words[0] in LEAD_WORDS:
        words = words[1:]
    clause = len(words) > 2 and words[0] in SUBJECT_PRONOUNS and words[1] not in FRAGMENT_START  # `elle vend …`
    return len(words) <= 3 or (words[0] in FRAGMENT_START and not clause)


def named_job(question: str, catalog: JobCatalog) -> str:
    """The job a question names: a corpus job's name, or the person it names that is no corpus job
    (`un boulanger`), as written; "" when it names none."""
    slot = job_slot(question)
    jobs = catalog.names(lexicon.substitute(question), typos=True, generic=NEVER_QUALIFY)  # `technicien de labo`
    if slot and not catalog.names(slot, typos=True, generic=NEVER_QUALIFY):
        return slot
    return jobs[0] if jobs else slot


def step(topic: Topic, question: str, catalog: JobCatalog) -> Topic:
    """The topic after `question`."""
    named = named_job(question, catalog)
    job = named or topic.job
    own = aspects(question)
    aspect = own[0] if own else _carried_aspect(topic, question)
    subject = "" if job else (subject_phrase(question) or (topic.subject if is_follow_up(question) else ""))
    counted = (_counted_phrase(question) if own else topic.counted) if aspect == "nombre" else ""
    return Topic(job, aspect, subject, counted)


def _counted_phrase(question: str) -> str:
    """`combien de patients par jour` in « Combien de patients un chiropracteur voit-il par jour ? » (folded, as
    `Question` reads the count and its rate): what an elliptic follow-up (« et un ostéo ? ») asks the count of;
    "" when the question counts nothing named."""
    folded = fold(question).replace("'", " ")
    found = COUNTED.search(folded)
    if not found:
        return ""
    rate = RATE.search(folded, found.end())
    return f"combien de {found.group(1)}" + (f" {rate.group(0)}" if rate else "")


def _carried_aspect(topic: Topic, question: str) -> str:
    """The earlier aspect an elliptic follow-up keeps; not a figure for a yes-or-no one (« et en alternance c'est
    possible ? » after « combien d'heures de formation … »)."""
    if not is_elliptic(question):
        return ""
    if topic.aspect in STRICT_KINDS and FEASIBLE.search(fold(question).replace("'", " ")):
        return ""
    return topic.aspect


def track(history: list[str] | tuple[str, ...], catalog: JobCatalog) -> Topic:
    """The topic after the earlier questions of the conversation, oldest first."""
    topic = Topic()
    for earlier in history:
        if earlier and earlier.strip():
            topic = step(topic, earlier, catalog)
    return topic


def name_job(question: str, job: str) -> str:
    """"qui recrute pour ce poste ?" -> "qui recrute pour le poste de directeur de l'IA ?"."""
    prefix = of(job)

    def written_out(match: re.Match) -> str:
        noun = match.group(1)
        article = "l’" if fold(noun[0]) in "aeiou" else "la " if noun.lower() == "fonction" else "le "
        return f"{article}{noun} {prefix}{job}"

    return THIS_JOB.sub(written_out, question, count=1)


SAME_STEP = re.compile(r"\bmeme ([a-z]+)")  # « au même échelon », « au même niveau »: the one asked before


def _same_step(question: str, history: list[str] | tuple[str, ...]) -> list[str]:
    """`échelon 5` for « et au même échelon ? » after « et au 5e échelon ? »: the step counted last time."""
    same = SAME_STEP.search(fold(question))
    if not same:
        return []
    for earlier in reversed(history):
        counted = [n for n, noun in counted_nouns(earlier).items() if noun == same.group(1)]
        if counted:
            return [f"{same.group(1)} {counted[0]}"]
    return []


# A person's situation an elliptic follow-up keeps when it changes something else (« et en 2e année ? » after « mon
# fils a 17 ans, en apprentissage, payé combien la 1re année ? »): an age, studying while working.
SITUATION: dict[str, re.Pattern] = {
    "age": re.compile(r"\b(?:a|ai|as|avoir|de|agee?s? de)\s+((?:1[4-9]|[2-6]\d)\s+ans)\b(?!\s+(?:d|de)\s+(?:experience|anciennete))"),
    "alternance": re.compile(r"\b(apprenti(?:e|s|ssage)?|alternance|alternant(?:e|s)?|contrat de professionnalisation)\b"),
}


def _situation(question: str, history: list[str] | tuple[str, ...]) -> list[str]:
    """The situation of the last earlier question, each part the follow-up does not state anew."""
    if not history or not is_elliptic(question):
        return []
    asked, earlier = fold(question).replace("'", " "), fold(history[-1]).replace("'", " ")
    carried = []
    for pattern in SITUATION.values():
        found = pattern.search(earlier)
        if found and not pattern.search(asked):
            carried.append(found.group(1))
    return carried


BOTH = re.compile(r"\b(?:lequel|laquelle|lesquels|lesquelles|les deux|des deux|chacun|chacune)\b")


def _both_jobs(question: str, history: list[str] | tuple[str, ...], catalog: JobCatalog) -> list[str]:
    """The two corpus jobs of the last earlier question naming two, when this one asks which of them."""
    if not BOTH.search(fold(question)):
        return []
    for earlier in reversed(history):
        names = catalog.names(lexicon.substitute(earlier), typos=True, generic=NEVER_QUALIFY)
        if names:
            return list(names[:2]) if len(names) >= 2 else []
    return []


RANKS = LEARNERS | {"chef", "responsable", "adjoint"}  # a rank one holds within a trade


def _rank_in_trade(named: str, catalog: JobCatalog) -> bool:
    """A rank no corpus job is named by (« et un chef d'équipe il est payé combien ? »): in a conversation about a
    job, that job's rank, not another job."""
    words = content_words(named)
    return bool(words) and words[0] in RANKS and not catalog.names(named)


def _with_job_before(question: str, rank: str, job: str) -> str:
    """« et un chef d'équipe ? » -> « et un Cordiste chef d'équipe ? »: the rank read as the job's (`Question.led_by`)."""
    found = re.search(rf"\b{re.escape(rank.split()[0])}\b", question, re.IGNORECASE)
    return question[: found.start()] + f"{job} " + question[found.start() :] if found else question


def resolve(question: str, history: list[str] | tuple[str, ...] = (), catalog: JobCatalog | None = None) -> str:
    """The question made self-contained with what it lacks from the conversation (unchanged if nothing)."""
    catalog = catalog or JobCatalog([])
    topic = track(history, catalog)
    question = question.strip()
    additions = []
    named = named_job(question, catalog)
    if named and catalog.by_name(topic.job) and _rank_in_trade(named, catalog):
        question = _with_job_before(question, named, topic.job)
    names_one = bool(named)
    both = _both_jobs(question, history, catalog) if not names_one else []
    if both:  # « et lequel des deux bosse le week-end ? » after a question on two jobs: about both
        additions.append(" et ".join(both))
    elif topic.job and not names_one:
        if THIS_JOB.search(question):
            question = name_job(question, topic.job)
        else:
            additions.append(topic.job)
    elif topic.subject and not names_one and is_follow_up(question):
        additions.append(f"« {topic.subject} »")
    carried = "" if aspects(question) else _carried_aspect(topic, question)
    if carried:
        additions.append(topic.counted if carried == "nombre" and topic.counted else ASPECT_WORDS.get(carried, carried))
    additions += _same_step(question, history) + _situation(question, history)
    if not additions:
        return question
    return f"{question} ({' ; '.join(additions)})"
