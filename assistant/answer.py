"""Extractive, grounded answering: pick the sentences of the retrieved passages that best answer the question,
cite each one, and abstain when the evidence is weak.

A sentence's score mixes its embedding similarity to the question, the overlap of its words (and of its heading
and preceding sentences) with the question's, and a cue from the question type: a salary question wants amounts,
a "quelles entreprises" question wants names, and so on. See `docs` in README ("Abstention") for the tuning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from . import messages, topics
from .citations import render_sentence
from .text import fold, terms
from .types import Answer, Citation, Passage, Sentence

# Question type -> pattern on the folded question, and the cue its answer sentences should show.
QUESTION_TYPES: dict[str, str] = {
    "salaire": r"combien (gagn|touch|pai|pay|est pay|rapport)|salair|remuner|\bgagn|\bpaye|\bpaie|revenu|\bbrut|fourchette|\bpay\b|ca paie|€|euros?\b|dollars?",
    "nombre": r"combien (de|d')|nombre|pourcentage|\bpart\b|quelle taille",
    "formation": r"etude|formation|diplome|\bbac\b|ecole|master|cursus|se former|qualification|niveau d",
    "competences": r"competen|qualites?\b|savoir|maitris|aptitude|skills?|profil|langages?",
    "employeurs": r"entreprise|recrut|employeur|embauch|societe|organisation|secteur|ou travailler|qui emploie|boite",
    "carriere": r"evolu|carriere|perspective|debouch|progress|apres|monter en grade",
    "missions": r"mission|que fait|fait quoi|role|tache|responsabilit|travail|quotidien|consiste|sert a|occupe",
    "definition": r"qu ?est[- ]ce|c ?est quoi|definition|defini|designe|qui sont|qu appelle",
}
SENTENCE_CUES: dict[str, str] = {
    "salaire": r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?\s?(?:k€|€|euros?|\$|dollars?)",
    "nombre": r"\d",
    "formation": r"\bbac\b|master|diplome|formation|etudes?\b|ecole|bachelor|rncp|cycle|cursus",
    "competences": r"competen|connaissance|maitris|capacite|savoir|expertise|qualite|methodique|communiqu",
    "employeurs": r"entreprise|groupe|startup|recrut|cabinet|[A-Z][a-z]+ ?(?:,|et) [A-Z]",
    "carriere": r"evolu|poste|devenir|chef|directeur|consultant|perspective|grade|expert",
    "missions": r"veill|charge|consist|defini|concevoir|verifi|travaill|mission|role|responsab|superviser|evaluer",
    "definition": r"\best (?:un|une|le|la)\b|designe|specialiste|consiste|c ?est",
}
# Words that phrase a question rather than name its subject (folded, stemmed).
QUESTION_WORDS = set(
    terms(
        "combien gagne touche gagnent paie paye payé rapporte salaire salaires rémunération revenu quel quelle quels "
        "quelles comment pourquoi où quoi faire faut il devenir métier métiers emploi poste job travail dire peut "
        "fait aujourd'hui bien bon bonne moyenne moyen environ exactement sait donne dis-moi parle explique "
        "savoir veux voudrais aimerais besoin chiffre chiffres montant"
    )
)

MAX_SENTENCES = 3
MAX_ANSWER_CHARS = 700
MIN_SCORE = 0.42  # below this the best sentence is too weak to answer (tuned on eval/questions.jsonl)
KEEP_RATIO = 0.8  # further sentences must score at least this share of the best one


@dataclass(frozen=True)
class Question:
    text: str
    kinds: tuple[str, ...]
    terms: frozenset[str]  # content terms (stemmed), question words removed
    jobs: tuple[str, ...]  # job titles named in the question (folded)
    job_terms: frozenset[str]


def analyse(question: str) -> Question:
    folded = fold(question).replace("'", " ")
    kinds = tuple(kind for kind, pattern in QUESTION_TYPES.items() if re.search(pattern, folded))
    if "salaire" in kinds and "nombre" in kinds and not re.search(r"combien (de|d ) ?(personne|poste|offre|emploi|metier|an|heure)", folded):
        kinds = tuple(k for k in kinds if k != "nombre")
    content = frozenset(t for t in terms(question) if t not in QUESTION_WORDS)
    jobs = tuple(topics.job_mentions(question))
    job_terms = frozenset(t for job in jobs for t in terms(job))
    return Question(question, kinds, content, jobs, job_terms)


@dataclass
class Scored:
    sentence: Sentence
    passage: Passage
    score: float
    subject: float
    cue: bool


def score_sentences(q: Question, query_vector: np.ndarray, sentences: list[Sentence], passages: list[Passage]) -> list[Scored]:
    """Score every candidate sentence; sentences that are questions or bare headings are not candidates."""
    by_rank = {p.id: rank for rank, p in enumerate(passages)}
    scored: list[Scored] = []
    for position, sentence in enumerate(sentences):
        if not _is_candidate(sentence.text):
            continue
        passage = min((p for p in passages if _inside(sentence, p)), key=lambda p: by_rank[p.id])
        context = _context(sentences, position)
        s_terms = set(terms(sentence.text))
        c_terms = s_terms | set(terms(context))
        dense = float(np.dot(query_vector, np.asarray(sentence.vector))) if sentence.vector else 0.0
        lexical = len(q.terms & s_terms) / len(q.terms) if q.terms else 0.0
        wanted = q.job_terms or q.terms
        subject = len(wanted & c_terms) / len(wanted) if wanted else 0.5
        cue = any(re.search(SENTENCE_CUES[k], _cue_text(sentence.text, k)) for k in q.kinds)
        rank_bonus = 1.0 / (1 + by_rank[passage.id])
        score = 0.35 * dense + 0.2 * lexical + 0.25 * subject + 0.12 * cue + 0.08 * rank_bonus
        scored.append(Scored(sentence, passage, score, subject, cue))
    return sorted(scored, key=lambda s: -s.score)


def _cue_text(text: str, kind: str) -> str:
    return text if kind == "employeurs" else fold(text)


def _is_candidate(text: str) -> bool:
    stripped = text.strip()
    if stripped.endswith("?"):
        return False
    return len(stripped.split()) >= 5 or bool(re.search(r"\d", stripped))


def _inside(sentence: Sentence, passage: Passage) -> bool:
    return passage.source == sentence.source and passage.start <= sentence.start and sentence.end <= passage.end


def _context(sentences: list[Sentence], position: int) -> str:
    """The sentence's heading and the previous sentences of its paragraph: who or what it talks about."""
    sentence = sentences[position]
    previous = [s.text for s in sentences[max(0, position - 3) : position] if s.source == sentence.source and s.block == sentence.block]
    return " ".join([sentence.heading, *previous])


def choose(q: Question, scored: list[Scored]) -> list[Scored]:
    """The best sentence and up to two more close to it, preferring ones that show the question's cue."""
    if not scored:
        return []
    needs_cue = any(k in q.kinds for k in ("salaire", "nombre"))
    pool = [s for s in scored if s.cue] if needs_cue else scored
    if not pool:
        return []
    best = pool[0]
    chosen = [best]
    for candidate in pool[1:]:
        if len(chosen) == MAX_SENTENCES or candidate.score < KEEP_RATIO * best.score:
            break
        if sum(len(s.sentence.text) for s in chosen) + len(candidate.sentence.text) > MAX_ANSWER_CHARS:
            continue
        if candidate.subject + 1e-9 < best.subject:
            continue
        chosen.append(candidate)
    return sorted(chosen, key=lambda s: (s.passage.source, s.sentence.start))


def abstain_reason(q: Question, chosen: list[Scored], vocabulary: set[str], known_jobs: set[str]) -> str:
    """Why the evidence is too weak to answer, or "" when it is good enough."""
    unknown = [t for t in q.terms if not _known(t, vocabulary)]
    if unknown:
        return f"terms not in the corpus: {', '.join(sorted(unknown))}"
    unknown_jobs = [j for j in q.jobs if j not in known_jobs]
    if unknown_jobs:
        return f"job not in the corpus: {', '.join(unknown_jobs)}"
    if not chosen:
        return "no sentence shows what the question asks for"
    best = chosen[0] if len(chosen) == 1 else max(chosen, key=lambda s: s.score)
    if q.job_terms and best.subject < 0.99:
        return f"best sentence is not about {' / '.join(q.jobs)}"
    if best.score < MIN_SCORE:
        return f"best sentence scores {best.score:.2f} < {MIN_SCORE}"
    return ""


def _known(term: str, vocabulary: set[str]) -> bool:
    """In the corpus vocabulary, allowing one typo in words of 5+ letters (`qualitcien`, `ethicen`)."""
    if term in vocabulary or term.isdigit():
        return True
    if len(term) < 5:
        return False
    return any(abs(len(v) - len(term)) <= 1 and _one_edit(term, v) for v in vocabulary)


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def compose(question: str, chosen: list[Scored], titles: dict[str, str]) -> tuple[str, list[Citation]]:
    """One cited sentence per chosen sentence, numbered in order of appearance."""
    citations, lines = [], []
    for marker, item in enumerate(chosen, start=1):
        s, p = item.sentence, item.passage
        citations.append(
            Citation(marker, s.source, titles.get(s.source, p.title), s.start, s.end, s.text, p.text, p.start)
        )
        lines.append(render_sentence(s.text, s.heading, marker))
    return " ".join(lines), citations


def abstention_text(topic_list: list[str]) -> str:
    text = messages.ABSTAIN
    if topic_list:
        text += " " + messages.COVERS.format(topics=", ".join(topic_list[:8]))
    return f"{text} {messages.COVERS_ASPECTS}"


def answer(question: str, query_vector: np.ndarray, passages: list[Passage], sentences: list[Sentence],
           vocabulary: set[str], known_jobs: set[str], topic_list: list[str]) -> Answer:
    """The extractive answer to `question` from the retrieved `passages` (entry point of this stage)."""
    q = analyse(question)
    scored = score_sentences(q, query_vector, sentences, passages)
    chosen = choose(q, scored)
    reason = abstain_reason(q, chosen, vocabulary, known_jobs)
    confidence = max((s.score for s in chosen), default=0.0)
    if reason:
        return Answer(question, abstention_text(topic_list), True, [], passages, confidence=confidence, reason=reason)
    text, citations = compose(question, chosen, {p.source: p.title for p in passages})
    return Answer(question, text, False, citations, passages, confidence=confidence)
