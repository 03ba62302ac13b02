"""Question analysis without an LLM: what kind of answer a question wants, its subject, and its place.

`analyse()` turns a question into a `Question`: its types (salary, studies, employers...), content terms, the
job titles it names, the places it names, and the words in its subject slot, which the corpus must know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon, topics
from .text import fold, terms, words

# Question type -> pattern on the folded question.
QUESTION_TYPES: dict[str, str] = {
    "salaire": r"combien (gagn|touch|pai|pay|est pay|rapport)|salair|remuner|\bgagn|\bpaye|\bpaie|revenu|\bbrut|fourchette|\bpay\b|ca paie|€|euros?\b|dollars?",
    "nombre": r"combien (y a t il |existe t il )?(de|d )|nombre|\bpart\b|quelle taille",
    "taux": r"\btaux\b|pourcentage|%|proportion",
    "date": r"en quelle annee|\bquand\b(?! (?:il|elle|on|ils|elles|je|tu|nous|vous|c est)\b)|\bdate\b|depuis quand|quelle annee",
    "prix": r"\bcout|\bprix\b|tarif|frais d",
    "formation": r"etude|formation|diplome|\bbac\b|ecole|master|cursus|se former|qualification|niveau d",
    "competences": r"competen|qualites?\b|savoir|maitris|aptitude|skills?|profil|langages?|outils?",
    "employeurs": r"entreprise|recrut|employeur|embauch|societe|organisation|secteur|ou travailler|qui emploie|boite|sites?\b",
    "carriere": r"evolu|carriere|perspective|debouch|progress|apres|monter en grade|inconvenient|avantage|conseil",
    "marche": r"avenir|demande|debouch|croissance|tendance|offres? d emploi|marche de l emploi|recherche|se multipli|nombreu",
    "missions": r"mission|que fait|font|fait quoi|role|tache|responsabilit|travail|quotidien|consiste|sert a|occupe",
    "definition": r"qu ?est[- ]ce|c ?est quoi|definition|defini|designe|qui sont|qu appelle|appelle",
}
# The cue an answer sentence (or its heading) shows for each question type (on folded text, but employers).
SENTENCE_CUES: dict[str, str] = {
    "salaire": r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?\s?(?:k€|€|euros?|\$|dollars?)",
    "nombre": r"\d",  # refined per question by `counted_cue`
    "taux": r"\d\s?%|pour ?cent",
    "date": r"\b(?:19|20)\d\d\b",
    "prix": r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?\s?(?:k€|€|euros?|\$|dollars?)",
    "formation": r"\bbac\b|master|diplome|formation|etudes?\b|ecole|bachelor|rncp|cycle|cursus",
    "competences": r"competen|connaissance|maitris|capacite|savoir|expertise|qualite|methodique|communiqu|outils",
    "employeurs": r"[Ee]ntreprise|[Gg]roupe|[Ss]tartup|[Rr]ecrut|[Ss]ecteur|[A-Z][a-z]+ ?(?:,|et) [A-Z]",
    "carriere": r"evolu|poste|devenir|chef|directeur|consultant|perspective|grade|expert|avantage|inconvenient|conseil",
    "marche": r"croissance|demande|expansion|tendance|futur|offres|recherch|emplois|multipli|populaire|generalis",
    "missions": r"veill|charge|consist|defini|concevoir|verifi|travaill|mission|role|responsab|superviser|evaluer|tache",
    "definition": r"\best (?:un|une|le|la)\b|designe|specialiste|consiste|c ?est",
}
STRICT_KINDS = ("salaire", "nombre", "taux", "date", "prix")  # these want a figure: no figure, no answer
# Words that phrase a question rather than name its subject (folded, stemmed).
QUESTION_WORDS = frozenset(
    terms(
        "combien gagne touche gagnent paie paye payé rapporte salaire salaires rémunération revenu quel quelle quels "
        "quelles comment pourquoi où quoi faire faut il devenir métier métiers emploi poste job travail dire peut "
        "fait aujourd'hui bien bon bonne moyenne moyen exactement sait donne dis-moi parle explique "
        "savoir veux voudrais aimerais besoin chiffre chiffres montant vrai vraiment concrètement concret "
        "exemple exemples infos informations"
    )
)
ABOUT_FIGURE = re.compile(
    r"^(?:comment|pourquoi|de quoi|d ou|sur quoi|qu est ce qui)\b|depend|fiable|source|viennent|estimation|depasser|negocier"
)
ARTICLE_SLOT = re.compile(r"\b(?:un|une)\s+([a-z0-9-]+)")  # « un boulanger »: who the question is about
ENGLISH_HEADS = ("engineer", "engineers", "manager", "managers", "developer", "developers", "designer",
                 "scientist", "analyst", "officer", "specialist", "lead")
COUNTED = re.compile(r"(?:combien|nombre)\s+(?:y a t il\s+|existe t il\s+)?(?:de|d)\s+(?!(?:l|la|le|les)\b)([a-z-]+)")
DURATION = r"\d+\s*(?:ans|an|annees|mois|semaines|jours|heures)\b"


@dataclass(frozen=True)
class Question:
    text: str
    kinds: tuple[str, ...]
    terms: frozenset[str]  # content terms (stemmed), question words removed
    jobs: tuple[str, ...]  # job titles named in the question (folded, loose)
    job_terms: frozenset[str]
    places: frozenset[str]
    salient: tuple[str, ...]  # words naming the question's subject: must be known to the corpus
    counted_cue: str = ""  # for "combien de X": a number attached to X
    about_figure: bool = False  # asks how a figure comes about ("de quoi dépend le salaire"), not the figure

    @property
    def strict(self) -> tuple[str, ...]:
        if self.about_figure:
            return ()
        return tuple(k for k in self.kinds if k in STRICT_KINDS)

    @property
    def aspect_terms(self) -> frozenset[str]:
        return self.terms - self.job_terms


def _kinds(folded: str, counted: re.Match | None) -> tuple[str, ...]:
    """Question types of the folded, expanded question; « combien de X » is a count, not a salary."""
    kinds = [kind for kind, pattern in QUESTION_TYPES.items() if re.search(pattern, folded)]
    if counted and "salaire" in kinds and not re.search(r"combien (de|d) (euros?|dollars?|argent)", folded):
        kinds.remove("salaire")
    elif "nombre" in kinds and "salaire" in kinds:
        kinds.remove("nombre")
    return tuple(kinds)


def analyse(question: str) -> Question:
    expanded = lexicon.expand(question)
    folded = fold(question).replace("'", " ")
    folded_expanded = fold(expanded).replace("'", " ").replace("-", " ")
    counted = COUNTED.search(folded_expanded)
    content = frozenset(t for t in terms(expanded) if t not in QUESTION_WORDS)
    jobs = tuple(topics.job_mentions(expanded, loose=True, typos=True))
    job_terms = frozenset(t for job in jobs for t in terms(job))
    return Question(
        question, _kinds(folded_expanded, counted), content, jobs, job_terms, frozenset(lexicon.places(expanded)),
        _salient_words(folded), _counted_cue(counted.group(1) if counted else ""),
        bool(ABOUT_FIGURE.search(folded.strip())),
    )


def _salient_words(folded: str) -> tuple[str, ...]:
    """Words naming who the question is about: after `un`/`une` (`un boulanger`), after a French job head
    (`ingénieur MLOps`) or before an English one (`MLOps engineer`)."""
    found = [m.group(1) for m in ARTICLE_SLOT.finditer(folded)]
    tokens = words(folded)
    found += [tokens[i + 1] for i, w in enumerate(tokens[:-1]) if w in topics.HEADS]
    found += [tokens[i - 1] for i, w in enumerate(tokens) if i > 0 and w in ENGLISH_HEADS]
    return tuple(w for w in found if len(w) > 2 and not _is_generic(w))


def _is_generic(word: str) -> bool:
    if word in lexicon.GLOSSARY or word in lexicon.PLACES:
        return True
    pieces = re.findall(r"[a-z0-9]+", word)
    glossary = lexicon.glossary_words()
    return all(p in glossary or (terms(p) or [""])[0] in QUESTION_WORDS for p in pieces)


def _counted_cue(noun: str) -> str:
    if not noun:
        return ""
    if noun in ("temps", "duree", "annees", "ans", "mois", "semaines", "jours", "heures"):
        return DURATION
    stem = terms(noun)
    return rf"\d+\s+(?:\w+\s+)?{re.escape(stem[0])}" if stem else ""
