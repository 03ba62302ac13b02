"""Follow-up questions without an LLM: carry the job and the aspect (salary, studies...) over from earlier turns.

"combien gagne un éthicien IA ?" then "et un ingénieur prompt ?" -> the salary of an ingénieur prompt;
then "quelles études faut-il ?" -> the studies of an ingénieur prompt.
"""

from __future__ import annotations

import re

from .answer import QUESTION_TYPES
from .text import fold
from .topics import job_mentions

ASPECT_WORDS = {
    "salaire": "salaire",
    "nombre": "nombre",
    "formation": "formation études",
    "competences": "compétences",
    "employeurs": "entreprises qui recrutent",
    "carriere": "évolution de carrière",
    "missions": "missions",
    "definition": "définition",
}
JOB_SPAN = re.compile(r"\b(?:un|une|le|la|l'|les|des)\s+", re.IGNORECASE)


def aspects(question: str) -> list[str]:
    folded = fold(question).replace("'", " ")
    return [kind for kind, pattern in QUESTION_TYPES.items() if re.search(pattern, folded)]


def last_job(history: list[str]) -> str:
    """The job named by the most recent earlier question that names one."""
    for earlier in reversed(history):
        jobs = job_mentions(earlier)
        if jobs:
            return jobs[0]
    return ""


def last_aspect(history: list[str]) -> str:
    for earlier in reversed(history):
        found = aspects(earlier)
        if found:
            return found[0]
    return ""


def resolve(question: str, history: list[str] | tuple[str, ...] = ()) -> str:
    """The question made self-contained with what it lacks from the conversation (unchanged if nothing)."""
    history = [h for h in history if h and h.strip()]
    if not history:
        return question
    additions = []
    if not job_mentions(question):
        job = last_job(history)
        if job:
            additions.append(job)
    if not aspects(question):
        aspect = last_aspect(history)
        if aspect:
            additions.append(ASPECT_WORDS[aspect])
    if not additions:
        return question
    return f"{question.strip()} ({' ; '.join(additions)})"
