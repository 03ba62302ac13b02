"""Follow-up questions without an LLM: carry the job and the aspect (salary, studies...) over from earlier
turns.

"combien gagne un éthicien IA ?" then "et un ingénieur prompt ?" -> the salary of an ingénieur prompt;
then "quelles études faut-il ?" -> the studies of an ingénieur prompt.

The conversation's topic is a job and an aspect, updated turn by turn (`step`):
- a question naming a job sets the job; one naming another person ("un développeur", a bare job noun after an
  article) clears it, so the answer is not about the previous job; otherwise the job carries over;
- a question showing an aspect sets it; an elliptic one ("et aux USA ?", "et un ingénieur prompt ?") keeps the
  previous aspect; a full question with its own subject ("il peut travailler en freelance ?") clears it.
`resolve` appends what the question lacks, e.g. "et un ingénieur prompt ? (salaire)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .question import QUESTION_TYPES
from .text import fold, of
from .topics import CONNECTORS, HEADS, job_mentions

ASPECT_WORDS = {
    "salaire": "salaire",
    "nombre": "nombre",
    "formation": "formation études",
    "competences": "compétences",
    "employeurs": "entreprises qui recrutent",
    "carriere": "évolution de carrière",
    "missions": "missions",
    "definition": "définition",
    "date": "date",
    "prix": "prix",
    "taux": "taux",
    "marche": "demande sur le marché",
}
# "en milieu de carrière" says when, not what: it does not make a salary follow-up a career question.
# Likewise "quand il est expérimenté" is a condition, not a question about a date.
SENIORITY = re.compile(r"\b(?:debut|milieu|fin|cours|haut|bas) de (?:sa |leur )?carriere")
CONDITION = re.compile(r"\b(?:quand|lorsqu|lorsque|si) (?:il|elle|ils|elles|on|je|j|tu|vous|nous|c)\b")
LEAD_WORDS = {"et", "mais", "alors", "ok", "bon", "puis", "sinon", "ensuite"}
# First words of an elliptic follow-up: "et aux USA ?", "et pour un data scientist ?", "et quand il est…"
FRAGMENT_START = set(
    "un une le la les l des du de d au aux a en pour dans chez cote concernant avec sans apres avant sur "
    "vers par quand si niveau lui elle eux".split()
)
# "ce poste", "ce métier": written out as "le poste de <job>" when the job is carried over.
THIS_JOB = re.compile(r"\b(?:ce|cet|cette)\s+(poste|métier|metier|job|emploi|rôle|role|fonction)\b", re.I)
NEW_SUBJECT = re.compile(r"\b(?:un|une|le|la|les|l|des)\s+(?:" + "|".join(HEADS) + r")s?\b")


@dataclass(frozen=True)
class Topic:
    """What the conversation is about: a job as the user wrote it, and an aspect (a key of QUESTION_TYPES)."""

    job: str = ""
    aspect: str = ""


def _folded_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text).replace("'", " "))


def aspects(question: str) -> list[str]:
    """The aspects the question asks about, most specific first (QUESTION_TYPES order)."""
    folded = CONDITION.sub(" ", SENIORITY.sub(" ", fold(question).replace("'", " ")))
    return [kind for kind, pattern in QUESTION_TYPES.items() if re.search(pattern, folded)]


def is_elliptic(question: str) -> bool:
    """A follow-up without a clause of its own: "et aux USA ?", "et un ingénieur prompt ?", "et lui ?"."""
    words = _folded_words(question)
    while words and words[0] in LEAD_WORDS:
        words = words[1:]
    return len(words) <= 3 or words[0] in FRAGMENT_START


def names_other_person(question: str) -> bool:
    """The question is about someone not in the job lexicon: "combien gagne un développeur ?"."""
    return not job_mentions(question, typos=True) and bool(NEW_SUBJECT.search(" ".join(_folded_words(question))))


def job_phrase(text: str, job: str) -> str:
    """The words of `text` naming the folded `job`, as written ("responsable de l'alignement des IA")."""
    tokens = list(re.finditer(r"\w+", text))
    keys = ["ia" if (k := fold(t.group())) == "ai" else k for t in tokens]
    wanted = job.split()
    for i, key in enumerate(keys):
        if not _same(key, wanted[0]):
            continue
        j, k = i, 1
        while k < len(wanted) and j + 1 < len(keys):
            nxt = keys[j + 1]
            if _same(nxt, wanted[k]):
                k += 1
            elif not (nxt in CONNECTORS or (wanted[k] == "ia" and nxt in ("intelligence", "artificielle"))):
                break
            j += 1
        if k == len(wanted):
            return text[tokens[i].start() : tokens[j].end()]
    return job


def _same(word: str, wanted: str) -> bool:
    return word in (wanted, wanted + "s", wanted + "x") or (wanted == "ia" and word == "artificielle")


def step(topic: Topic, question: str) -> Topic:
    """The topic after `question`."""
    jobs = job_mentions(question, typos=True)
    if jobs:
        job = job_phrase(question, jobs[0])
    elif names_other_person(question):
        job = ""
    else:
        job = topic.job
    own = aspects(question)
    aspect = own[0] if own else (topic.aspect if is_elliptic(question) else "")
    return Topic(job, aspect)


def track(history: list[str] | tuple[str, ...]) -> Topic:
    """The topic after the earlier questions of the conversation, oldest first."""
    topic = Topic()
    for earlier in history:
        if earlier and earlier.strip():
            topic = step(topic, earlier)
    return topic


def name_job(question: str, job: str) -> str:
    """"qui recrute pour ce poste ?" -> "qui recrute pour le poste de directeur de l'IA ?"."""
    prefix = of(job)

    def written_out(match: re.Match) -> str:
        noun = match.group(1)
        article = "l’" if fold(noun[0]) in "aeiou" else "la " if noun.lower() == "fonction" else "le "
        return f"{article}{noun} {prefix}{job}"

    return THIS_JOB.sub(written_out, question, count=1)


def resolve(question: str, history: list[str] | tuple[str, ...] = ()) -> str:
    """The question made self-contained with what it lacks from the conversation (unchanged if nothing)."""
    topic = track(history)
    question = question.strip()
    additions = []
    if topic.job and not job_mentions(question, typos=True) and not names_other_person(question):
        if THIS_JOB.search(question):
            question = name_job(question, topic.job)
        else:
            additions.append(topic.job)
    if topic.aspect and not aspects(question) and is_elliptic(question):
        additions.append(ASPECT_WORDS.get(topic.aspect, topic.aspect))
    if not additions:
        return question
    return f"{question} ({' ; '.join(additions)})"
