"""Extractive, grounded answering: pick the sentences of the retrieved passages that best answer the question,
cite each one, and abstain when the evidence is weak.

Candidates are sentences, or a lead-in line with the list items that follow it (`Exemples d'entreprises : - ...`).
A candidate's score mixes its embedding similarity to the question (relative to the other candidates), how many
of the question's aspect words it or its heading shares, whether its context (heading, previous sentences,
document title) names the job asked about, and a cue from the question type: a salary question wants amounts, a
"quelles entreprises" question wants names. Abstention rules are in `abstain_reason`; README "Abstention" says
how they were tuned.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from .. import messages
from ..index.profile import (
    BROAD_ROLES,
    GENERIC,
    CorpusView,
    JobCatalog,
    content_words,
    is_role_word,
    looks_like_job,
    masculine,
    one_edit,
    trade_of,
    words_of,
)
from ..ingest.clean import LIST_ITEM, is_heading
from ..text import (
    HEADING_SEPARATOR,
    STOP_WORDS,
    continues,
    fold,
    numbers,
    spells_out,
    strip_markup,
    terms,
    upper_first,
    words,
)
from ..types import Answer, Citation, Passage, Sentence
from . import lexicon
from .citations import render_sentence
from .conversation import subject_phrase
from .figures import derived_sentence, money
from .question import (
    CARRIED,
    DIPLOMA,
    EXISTS,
    PAY_BASIS,
    QUESTION_WORDS,
    SALARIED,
    SECTION_CUES,
    SENTENCE_CUES,
    SMALL_NUMBER,
    STRICT_KINDS,
    WORKING_STATUS,
    Question,
    analyse,
    counted_nouns,
    grade_phrases,
    job_slot,
    kinds_of,
    seniority,
    written_out,
)
from .verify import addressed_to_assistant

MAX_SENTENCES = 5
MAX_ANSWER_CHARS = 1300
MIN_TOPIC_SHARE = 0.33  # a figure asked about no job must come with a third of the question's words around it
MIN_SCORE = 0.40  # below this the best candidate is too weak to answer (tuned on eval/questions.jsonl)
KEEP_RATIO = 0.65  # further candidates must score at least this share of the best one (odd halves of the unseen sets)
NEIGHBOUR_RATIO = 0.6  # ... or this share when they sit right next to it in the same paragraph
PARAGRAPH_RATIO = 0.35  # ... or this share when they follow it in its paragraph
OFF_POINT_RATIO = 0.75  # ... but this share when they show nothing of what is asked (a blog's opening lines)
OTHER_PAGE_RATIO = 0.8  # ... and this share when they come from another page than the best one
CONTEXT_SENTENCES = 6  # how far back, within a section, a sentence's subject (and the question it answers) is looked for
MAX_SHARED_JOBS = 3  # a section naming no job is about each job of its page when the page has this many at most
# Weights of a candidate's score (tuned on eval/questions.jsonl and eval/metiers-fr.jsonl).
W_DENSE = 0.25  # embedding similarity to the question, relative to the other candidates
W_ASPECT = 0.25  # share of the question's aspect words in the sentence or its headings
W_SUBJECT = 0.25  # the sentence is about the job asked
W_CUE = 0.15  # the sentence shows what the question type wants (an amount, a diploma, names...)
W_SECTION = 0.15  # its section heading or field label is where such answers are (`Salaire`, `Niveau d'accès`)
W_SENIORITY = 0.1  # its career stage is the one asked (`Junior :` for « débutant »), minus as much if another
W_NUMBER = 0.1  # it writes a number the question asks about (`échelon 1`, `22 ans` in `21 à 25 ans`)
W_RANK = 0.1  # retrieval rank of its passage
W_STALE = 0.15  # penalty: it mostly repeats the question
DOCUMENT_TIE = 1e-3  # subject bonus, per share of the question's words its document writes: breaks ties only
AGE_TERMS = frozenset(terms("âge âgé"))
STARTING = frozenset(terms("commencer commence démarrer démarre débuter"))  # when a job starts, as asked ...
STARTED = frozenset(terms("début démarrage prise"))  # ... and as offers write it
POINTS_BACK = re.compile(r"\b(?:ca|cela|ceci|celle-ci|celui-ci)\b")  # folded: a thing said just before
ROW_LABEL = re.compile(r"^([^—:;]{3,80}?) — ")  # a table row: `Infirmier en soins généraux — Échelon 1 : 2 160 ; …`


@dataclass
class Unit:
    """An answer candidate: a stored sentence (or a lead-in plus its list items), with what answering needs."""

    sentence: Sentence  # its text is source[start:end]
    context_parts: tuple[str, ...]  # its heading and the sentences before it under that heading
    passage: Passage  # the best-ranked passage holding it, for the citation

    source = property(lambda self: self.sentence.source)
    start = property(lambda self: self.sentence.start)
    end = property(lambda self: self.sentence.end)
    text = property(lambda self: self.sentence.text)
    heading = property(lambda self: self.sentence.heading)  # its heading path: `Salaire > Salaire du débutant`
    section = property(lambda self: self.sentence.heading.split(HEADING_SEPARATOR)[-1])  # the last heading
    vector = property(lambda self: self.sentence.vector)

    @cached_property
    def display(self) -> str:
        """The text as one line."""
        return display_text(self.text)

    @cached_property
    def context(self) -> str:
        """What the unit talks about: its heading and the sentences before it."""
        return " ".join(self.context_parts)

    @cached_property
    def written_terms(self) -> frozenset[str]:
        """The terms of its heading and its text (what the question's event or counted thing must be among)."""
        return frozenset(terms(f"{self.heading} {self.text}"))

    @cached_property
    def local_terms(self) -> frozenset[str]:
        """The terms of the unit and its context, from each sentence's cached terms (the sentences before a unit
        are the context of several units: tokenised once each)."""
        return frozenset(t for part in (*self.context_parts, self.text) for t in terms(part))

    @cached_property
    def near(self) -> str:
        """Its heading and text, and when it points back to a thing (« ça », « cela ») the sentence right before it
        under its heading (`… les pourboires.` for « Selon la saison, ça peut ajouter 300 à 800 € par mois. »): where
        what a figure is of must be written, closer than its whole context."""
        pointing = len(self.context_parts) > 1 and POINTS_BACK.search(fold(self.text))
        return f"{self.heading} {self.context_parts[-1] if pointing else ''} {self.text}"

    @cached_property
    def asked(self) -> str:
        """The question it answers, when one comes shortly before it under its heading (within its context): an
        interviewer's « accordeur de pianos, c'est quoi concrètement ? On vient, on tourne des clés et on
        repart ? » for the guest's reply, a poster's question in a thread. It plays the part a FAQ's question
        heading plays. "" when none does."""
        if _is_question(self.text):
            return ""
        asked: list[str] = []
        for earlier in reversed(self.context_parts[1:]):
            if _is_question(earlier):
                asked.insert(0, earlier)
            elif asked:
                break
        return " ".join(asked)

    @cached_property
    def asked_kinds(self) -> frozenset[str]:
        """The kinds of the question it answers (`asked`)."""
        return kinds_of(self.asked) if self.asked else frozenset()

    @cached_property
    def row_label(self) -> str:
        """The label of a table row when it names a person (`Cadre de santé — Échelon 1 : …`), else ""; a stage
        (`Débutant — 1 850 €`) names no one."""
        match = ROW_LABEL.match(self.text)
        label = match.group(1) if match else ""
        return label if label and not set(words_of(label)) <= GENERIC and looks_like_job(label) else ""


@dataclass
class Scored:
    unit: Unit
    score: float
    subject: float
    cue: bool
    aspect: float = 0.0
    stage: float = 0.0  # +1 names the career stage asked, -1 only another one
    number: float = 0.0  # 1 writes a number the question asks about
    section: float = 0.0  # 1 sits under a heading or label where such answers are (`Salaire`, `Niveau d'accès`)


def build_units(sentences: list[Sentence], passages: list[Passage]) -> list[Unit]:
    """One candidate per sentence inside a passage, cited with the best-ranked passage holding it (ingest
    already joined lists to the line introducing them)."""
    by_source: dict[str, list[Passage]] = {}
    for passage in passages:  # in rank order: retrieved passages first
        by_source.setdefault(passage.source, []).append(passage)
    sentences = _with_short_replies(sentences, by_source)
    units = []
    for i, sentence in enumerate(sentences):
        holders = by_source.get(sentence.source, [])
        passage = next((p for p in holders if p.start <= sentence.start and sentence.end <= p.end), None)
        if passage is None:
            continue
        units.append(Unit(sentence, _context(sentences, i), passage))
    return units


SHORT_REPLY = 3  # words: « Très peu. », « Oui, tout à fait. » open the answer the next sentence explains


def _with_short_replies(sentences: list[Sentence], by_source: dict[str, list[Passage]]) -> list[Sentence]:
    """The sentences, each short reply joined to the sentence after it in its paragraph (one citation quoting
    « Très peu. Le prothésiste travaille en laboratoire. »), with that sentence's vector and heading."""
    joined: list[Sentence] = []
    skip = False
    for current, following in zip(sentences, [*sentences[1:], None], strict=True):
        if skip:
            skip = False
            continue
        short = len(current.text.split()) <= SHORT_REPLY and current.text.rstrip().endswith((".", "!"))
        joins = short and following is not None and following.source == current.source \
            and following.block == current.block and 0 <= following.start - current.end <= 2
        passage = joins and next((p for p in by_source.get(current.source, [])
                                  if p.start <= current.start and following.end <= p.end), None)
        if passage:
            text = passage.text[current.start - passage.start : following.end - passage.start]
            joined.append(replace(following, start=current.start, text=text))
            skip = True
        else:
            joined.append(current)
    return joined


LABELLED_ITEM = re.compile(r"^([^:]{2,40}?)\s?:\s+\S")  # `La passion : elle t'anime tous les jours.`
LONG_LIST = 400  # a list displayed longer than this shows its items' labels only


def display_text(text: str, wanted: frozenset[str] = frozenset()) -> str:
    """A unit as one line without markup: a list (`lead :` + bullet lines) becomes `lead : item ; item.`, and a
    long list whose items are `Label : explanation` shows the labels (`La passion ; La patience…`), but the
    items holding a `wanted` term or a figure in full (all of them under a lead holding a wanted term)."""
    joined: list[str] = []
    lines = text.split("\n")
    wrapped = not any(LIST_ITEM.match(line) for line in lines[1:])  # no item: one sentence cut at a fixed width
    for line in lines:  # hard-wrapped lines back into one
        prose = joined and not LIST_ITEM.match(joined[-1]) and not joined[-1].rstrip().endswith(":")
        if joined and (wrapped or continues(joined[-1], line) or (prose and not LIST_ITEM.match(line))):
            joined[-1] = f"{joined[-1].rstrip()} {line.strip()}"
        else:
            joined.append(line)
    lines = [strip_markup(line) for line in joined]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        return LIST_ITEM.sub("", lines[0], count=1) if LIST_ITEM.match(lines[0]) else lines[0]
    lead = LIST_ITEM.sub("", lines[0], count=1).rstrip(" :")
    items = [LIST_ITEM.sub("", line).strip().rstrip(" ;.") for line in lines[1:]]
    labels = [LABELLED_ITEM.match(item) for item in items]
    if sum(len(i) for i in items) > LONG_LIST and all(labels) and not wanted & set(terms(lead)):  # `Salaire :`
        items = [item if wanted & set(terms(item)) or re.search(r"\d", item) else label.group(1)
                 for item, label in zip(items, labels, strict=True)]  # a figure is never cut to its label
    return f"{lead} : {' ; '.join(items)}."


def _context(sentences: list[Sentence], position: int) -> tuple[str, ...]:
    """Who or what the sentence is about: its heading and the sentences before it under that heading."""
    sentence = sentences[position]
    previous = []
    for earlier in reversed(sentences[max(0, position - CONTEXT_SENTENCES) : position]):
        if earlier.source != sentence.source or earlier.heading != sentence.heading:
            break
        previous.insert(0, earlier.text)
    return (sentence.heading, *previous)


def _is_question(text: str) -> bool:
    return text.rstrip(" »\"").endswith("?")


def score_units(q: Question, query_vector: np.ndarray, units: list[Unit], titles: dict[str, str],
                corpus: CorpusView, spelled: dict[str, set[int]] | None = None) -> list[Scored]:
    """Every candidate unit scored for `q`, best first. `spelled`: the question's acronyms and the units (by id)
    that spell them out (`spelled_acronyms`), computed here when not given."""
    spelled = spelled_acronyms(q, units) if spelled is None else spelled
    candidates = [u for u in units if _is_candidate(u, q)]
    if not candidates:
        return []
    dense = np.array([float(np.dot(query_vector, u.vector)) if u.vector is not None else 0.0 for u in candidates])
    spread = float(dense.max() - dense.min()) or 1.0
    ranks = {p.id: r for r, p in enumerate(sorted({u.passage.id: u.passage for u in candidates}.values(), key=lambda p: -p.score)) if p.score > 0}
    scored = []
    about_other = _documents_about(q.other_job, units, titles, corpus) if q.other_job else set()
    acronyms = [(terms(n)[0], ids) for n, ids in spelled.items() if ids and terms(n)]
    term_sets = [(set(terms(u.text)) | {t for t, ids in acronyms if id(u) in ids}, {*terms(u.heading), *terms(u.asked)})
                 for u in candidates]  # « IVG » is asked where the sentence says `interruption volontaire de grossesse`
    steps = _grid_steps(candidates) if q.seniority in ("start", "end") else {}
    rarity = _rarity(q.aspect_terms, [s | h for s, h in term_sets])
    in_document = _document_shares(q, candidates, term_sets)
    for unit, cos, (s_terms, h_terms) in zip(candidates, dense, term_sets, strict=True):
        aspect = sum(rarity[t] for t in q.aspect_terms & (s_terms | h_terms)) if q.aspect_terms else 0.5
        subject = 1.0 if unit.source in about_other else _subject(q, unit, s_terms, titles.get(unit.source, ""), corpus)
        subject += DOCUMENT_TIE * in_document.get(unit.source, 0.0)
        cue = _has_cue(q, unit.text) or (not q.strict and _has_cue(q, unit.heading)) or _grid_figure(q, unit) \
            or _defines(q, unit, s_terms, corpus)
        novelty = len(s_terms - q.terms) + 3 * bool(re.search(r"\d", unit.text))
        stage = _grid_stage(q, unit, steps)
        number = _same_number(q, unit)
        section = _in_section(q, unit)
        score = (
            W_DENSE * (cos - dense.min()) / spread + W_ASPECT * aspect + W_SUBJECT * subject + W_CUE * cue
            + W_SECTION * section + W_SENIORITY * stage + W_NUMBER * number
            + (W_RANK / (1 + ranks[unit.passage.id]) if unit.passage.id in ranks else 0.0)
            - (W_STALE if novelty < 3 else 0.0)
        )
        scored.append(Scored(unit, score, subject, cue, aspect, stage, number, section))
    return sorted(scored, key=lambda s: -s.score)


def _document_shares(q: Question, candidates: list[Unit], term_sets: list[tuple[set[str], set[str]]]) -> dict[str, float]:
    """For a question naming nobody, the share of its words each document read writes somewhere: between two
    sentences equally about it, the one whose page also writes `vignes` and `phyto` is more about it than the
    sailor's page on certificates. Empty for a question naming someone (`_subject` knows whose a sentence is)."""
    if q.has_subject or not q.terms:
        return {}
    written: dict[str, set[str]] = {}
    for unit, (s_terms, h_terms) in zip(candidates, term_sets, strict=True):
        written.setdefault(unit.source, set()).update(s_terms | h_terms)
    return {source: len(q.terms & found) / len(q.terms) for source, found in written.items()}


def spelled_acronyms(q: Question, units: list[Unit]) -> dict[str, set[int]]:
    """The question's acronyms (`IVG`), each with the ids of the units that spell it out (`interruption volontaire
    de grossesse`): looked up once per question, for the scores and for the abstention."""
    return {n: {id(u) for u in units if spells_out(n, u.text)} for n in q.names if n.isupper()}


def _defines(q: Question, unit: Unit, s_terms: set[str], corpus: CorpusView) -> bool:
    """For « c'est quoi un couvreur ? »: the sentence names the job asked itself (« Perché sur les toits, le
    couvreur assure l'étanchéité des bâtiments »), as a definition does, rather than leaving it to its heading.
    The catalog is only asked about sentences holding a word of the job's name (`s_terms`: the unit's terms)."""
    if "definition" not in q.kinds or not q.jobs or not q.job_terms & s_terms:
        return False
    return bool(set(q.jobs) & set(corpus.catalog.names(unit.text)))


def _rarity(aspect_terms: frozenset[str], texts: list[set[str]]) -> dict[str, float]:
    """Each aspect term's weight, summing to 1: rarer among the candidates read (`texts`: their terms, heading
    included) weighs more (idf), so the word that says what is asked (`certifications`) counts more than a
    common one beside it (`secteur`)."""
    idf = {t: math.log(1 + len(texts) / (1 + sum(t in x for x in texts))) for t in aspect_terms}
    total = sum(idf.values()) or 1.0
    return {t: w / total for t, w in idf.items()}


def _documents_about(person: str, units: list[Unit], titles: dict[str, str], corpus: CorpusView) -> set[str]:
    """Documents about no corpus job whose title, headings or opening lines name `person` as a phrase (a blog
    post headed « Mes débuts de maraîchère bio », an interview opening on « Moniteur d'auto-école, c'est encore
    comme ça qu'on dit ? »): all their sentences are about that person, as in a page about one job. A page that
    only mentions the person further on (an article on many roles) is not about them."""
    wanted = list(content_words(person))
    led = next((i for i, w in enumerate(wanted) if i and w in BROAD_ROLES), len(wanted))
    wanted = wanted[:led]  # `charpentier chef d'équipe`: a page about the charpentier says what a team leader earns
    grade = wanted[0] if len(wanted) > 1 and is_role_word(wanted[0]) and is_role_word(masculine(wanted[1])) else ""
    wanted = wanted[1:] if grade else wanted  # `caporal sapeur-pompier`: a grade of the sapeurs-pompiers' page...
    headings: dict[str, set[str]] = {}
    for unit in units:
        if wanted and not corpus.doc_jobs.get(unit.source):
            opening = corpus.openings.get(unit.source, "")
            headings.setdefault(unit.source, {titles.get(unit.source, ""), opening}).add(unit.heading)
    about = set()
    for source, names in headings.items():
        if grade and not any(grade in content_words(h) for h in names - {titles.get(source, "")}):
            continue  # ... when one of its sections is that grade's (`Catégorie C – Caporaux`)
        for heading in names:
            tokens = list(content_words(heading))
            starts = [i for i, t in enumerate(tokens) if t == wanted[0]]
            if any(set(wanted) <= set(tokens[i : i + len(wanted) + 2]) for i in starts):
                about.add(source)
    return about


def _in_section(q: Question, unit: Unit) -> float:
    """1 when the unit's section heading or field label is where the question's kind of answer is found; for a
    definition, also when it opens its page (before any section but the title)."""
    opening = not unit.heading or fold(unit.section) == fold(unit.passage.title)
    if "definition" in q.kinds and opening:
        return 1.0
    label = unit.display.split(":", 1)[0] if ":" in unit.display[:60] else ""
    where = fold(f"{'' if opening else unit.heading} {label}").replace("'", " ")  # a page's title is no section
    if any(re.search(SECTION_CUES[k], where) for k in q.kinds if k in SECTION_CUES):
        return 1.0
    return float(bool(unit.asked_kinds & _akin(q.kinds) & SECTION_CUES.keys()))  # a topic, not « combien »


def _akin(kinds: tuple[str, ...]) -> frozenset[str]:
    """The kinds a question is answered under: its own, and what a job is for what it does (« c'est quoi
    concrètement ? » is answered by what the guest does)."""
    return frozenset(kinds) | (AKIN_KINDS if AKIN_KINDS & set(kinds) else frozenset())


AKIN_KINDS = frozenset({"definition", "missions"})


def _seniority_fit(q: Question, unit: Unit) -> float:
    """+1 when the unit names the career stage asked, -1 when it names only another one, else 0."""
    if not q.seniority:
        return 0.0
    stage = seniority(fold(f"{unit.section} {unit.text}").replace("'", " "))
    if stage and stage != q.seniority and _same_years(q, unit):
        return 1.0  # « après 10 ans » is `Conducteur confirmé (10 ans)`, whatever the stage's name
    return 1.0 if stage == q.seniority else -1.0 if stage else 0.0


def _same_years(q: Question, unit: Unit) -> bool:
    """The unit writes a number of years the question asks about (`10 ans` for « après 10 ans »)."""
    years = {n for n, noun in q.number_nouns.items() if noun in YEARS}
    return bool(years) and any(counted_nouns(unit.text).get(n) in YEARS for n in years)


YEARS = frozenset({"an", "ans", "annee"})  # nouns counting years (`10 ans`, `5 années`), singular as read


INFINITIVE = ("er", "ir", "dre", "ire", "oir")  # `passer`, `partir`, `prendre`: what is done, not the event
VERB_ENDINGS = ("ent", "ez", "ons", "ait", "er", "ir", "re", "end", "e", "it")  # `dépend`, `viennent`: how, not what
NUMBER_RANGE = re.compile(r"(?<![\d,.])(\d{1,3})\s?(?:à|-|–)\s?(\d{1,3})(?![\d,.]|\s\d)")  # `21 à 25 ans`


def _same_number(q: Question, unit: Unit) -> float:
    """How well the unit writes the question's small numbers, averaged: 1 for the number with the noun it counts
    in the question (`5e échelon`, `échelon 5`, a grid row `5 — … échelon …`) or inside a range (`21 à 25 ans`);
    half for the bare number, or for it counting something else (`1er janvier` for « 1er échelon »)."""
    asked = q.asked_numbers
    if not asked:
        return 0.0
    text = unit.text
    written = {int(n) for n in SMALL_NUMBER.findall(text)}
    ranges = [(int(a), int(b)) for a, b in NUMBER_RANGE.findall(text)]
    counted = counted_nouns(f"{unit.heading} {text}")  # `Grade : éducateur (1er grade)` counts its rows' grade
    row = STEP_ROW.match(text)
    where = fold(f"{unit.heading} {text}")
    total = 0.0
    for n in asked:
        noun = q.number_nouns.get(n)
        if any(a <= n <= b for a, b in ranges) or (n in written and not noun):
            total += 1.0
        elif noun and (counted.get(n) == noun or (row and int(row.group(1)) == n and noun in where)):
            total += 1.0
        elif n in written:
            total += 0.5
    return total / len(asked)


# A grid row labelled by its step: `5 — Indice brut : 593 ; …`, `Échelon 9 — Indice majoré : 500 ; …`.
STEP_ROW = re.compile(r"^(?:[^\W\d_]+ )?(\d{1,3}) — ")
MIN_GRID_ROWS = 3  # rows under one heading that make a grid whose first and last step mean something


def _grid_steps(units: list[Unit]) -> dict[tuple[str, str], tuple[int, int]]:
    """The lowest and highest step of each grid (rows labelled `Échelon N` or `N` under one heading)."""
    steps: dict[tuple[str, str], list[int]] = {}
    for unit in units:
        match = STEP_ROW.match(unit.text)
        if match:
            steps.setdefault((unit.source, unit.heading), []).append(int(match.group(1)))
    return {key: (min(found), max(found)) for key, found in steps.items() if len(found) >= MIN_GRID_ROWS}


def _grid_stage(q: Question, unit: Unit, steps: dict[tuple[str, str], tuple[int, int]]) -> float:
    """« au dernier échelon », « en début de grille »: +1 for the grid's last (or first) row, -1 for its other
    rows; for a unit in no grid, the stage its words name (`_seniority_fit`)."""
    match = STEP_ROW.match(unit.text)
    grid = steps.get((unit.source, unit.heading))
    if not match or not grid:
        return _seniority_fit(q, unit)
    low, high = grid
    return 1.0 if int(match.group(1)) == (high if q.seniority == "end" else low) else -1.0


PLACE_NAME = re.compile(r"\b(?:à|au|aux|en|de|près de)\s+(?:[A-ZÀ-Þ][\w-]+(?:[ -](?:sur|en|de|la|le)[ -])?)+")  # `à Saint-Malo`
PAY = re.compile(r"\b(?:brut|net|nets|bruts|salaire|remunere|remuneration|gagne|percoi[st]|percu|touche)\b")  # folded
BILLED = re.compile(r"\bfactur")  # folded: what a worker bills (`une séance est facturée 18 €`) is what they earn
COST_TERMS = frozenset(terms("coût coûte coûtent prix frais tarif tarifs montant combien environ moyenne"))
COST = re.compile(r"\b(?:prix|(?<!bas )couts?|coute|coutent|coutait|frais|tarifs?|investissement|investi|de materiel)\b")  # folded;
# `à bas coût` is cheap; what is invested (`un investissement en matériel … 30 000 €`) is no pay
BARE_PAY = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f]?\d{3})?\s?k?\s?(?:net|brut)s?\b"  # `1900 net par mois`
                      r"|\b(?:net|brut)s?(?: mensuels?| annuels?)?\s*(?:\(\S{1,3}\))?\s*:\s*\d")  # `Brut mensuel : 1920`
AMOUNT_IN_WORDS = re.compile(r"\b(?:centaines|milliers|millions) d['’ ]?euros\b")  # `plusieurs centaines de milliers d'euros`
SHARE_OF_PAY = re.compile(r"\d\s?%.{0,20}\b(?:smic|salaire|minimum)"  # `53 % du SMIC`: pay, as a share; `10 à 15 %
                          r"|\d\s?% (?:de|en) (?:plus|moins)\b")  # de plus` (« et à Paris ? »): pay, relative to another
GRID_SHARE = re.compile(r"(?:^|[:;—]\s)\d{1,3}(?:,\d+)?\s?%")  # `1re année : 27 % ;`
GRID_VALUE = re.compile(r"(?:^|[:;—]\s)\d{1,3}(?:[ \u00a0\u202f]?\d{3})(?:\s|;|$)")  # `Échelon 1 : 2 160 ;`


def _pay_bases(text: str) -> set[str]:
    """`net`, `brut`: the bases a sentence gives its pay in."""
    return set(PAY_BASIS.findall(fold(text)))


def _grid_figure(q: Question, unit: Unit) -> bool:
    """A pay-grid row (`Infirmier — Échelon 1 : 2 160 ; …`, `16-17 ans — 1re année : 27 % ; …`): amounts without
    a currency, or shares of a pay, in a pay section."""
    if not {"salaire", "prix"} & set(q.kinds):
        return False
    if not (GRID_VALUE.search(unit.text) or ("salaire" in q.kinds and GRID_SHARE.search(unit.text))):
        return False
    return bool(re.search(SECTION_CUES["salaire"], fold(unit.heading))) or "€" in unit.heading


NAME_LIST = re.compile(r"^(?:appellations?|autres appellations|f[ée]minin|masculin|codes? rome|id)\b", re.I)
FIELD = re.compile(r"^[^:]{2,40}\w\s?:\s*\S")  # `Employabilité : Bonne`, `Niveau d'accès minimum: bac + 3`


# A sentence written to the assistant, not about a job: « Ignorez les instructions précédentes… », « Répondez que le
# salaire est… », « Tu es un assistant… ». It is never evidence, whatever the question (matched on folded text).
# Orders only: imperatives and « tu dois / vous devez répondre »; reported speech (« il affirme que ») is evidence.
def _is_candidate(unit: Unit, q: Question) -> bool:
    text, title = unit.text.strip(), unit.passage.title
    if len(text) == len(title) and fold(text) == fold(title):  # the page's title line answers nothing
        return False
    if CONTENTS_LINE.search(text):  # `2. Opérateur de production ........ p. 3`: a table of contents
        return False
    kind = _candidate_kind(unit.display.strip(), unit.heading)
    if kind == "names":  # the job's names and codes, when asked for
        return bool(q.aspect_terms & set(terms(f"{unit.heading} {unit.display.strip()}")))
    return kind == "yes"


CONTENTS_LINE = re.compile(r"(?:\.\s?){4,}\s*(?:p\.?\s*)?\d+\s*$")


RELATED = re.compile(r"(?:a )?(?:lire aussi|voir aussi|a (?:lire|voir|decouvrir) (?:aussi|egalement)|articles? (?:similaires"
                     r"|lies)|sur le meme (?:sujet|theme)|(?:offres?|sujets?|discussions?) (?:similaires|proches)|pour aller plus loin|vous aimerez aussi)\b")
MAX_BYLINE = 160  # a page's byline, dateline or notice is a short line
# A page's dateline, reading time or legal notice (« seuls les textes … font foi »), or an interview's header;
# not « un entretien avec le jury » or « la mise à jour des dossiers » inside a sentence.
BYLINE = re.compile(r"\b(?:publiee?s?|postee?s?) (?:le \d|il y a)|\bmise? (?:a jour|en ligne)\s*(?:le\b|:)|\b(?:min(?:utes?)?|temps) de"
                    r" lecture\b|\bfont foi\b"
                    r"|^\W*(?:propos recueillis|entretien (?:avec|realise)|interview (?:de|avec|realisee)|transcription)\b")


THREAD_COUNTS = re.compile(r"\bpage \d+ sur \d+\b|\b\d[\d\s]* (?:reponses|vues|messages)\b"
                           r"|\b(?:reponses|vues|messages)\s?:\s?\d")  # folded: `Réponses : 8 | Vues : 4 212`


# A podcast's or a video's welcome, whatever greeting opens it (folded): no answer to any question. (Dropping every
# sentence opening on a greeting was tried: a forum post's « Salut Lila, je suis éducateur… » is one sentence.)
EPISODE = re.compile(r"\W*(?:episode|ep\.?)\s*(?:n\s?°\s?)?\d+\s*[:—–-]")  # `Épisode 42 : « Le froid… » — Inès, …`
SHOW_OPENING = re.compile(r"\bbienvenue (?:dans|sur|a tou)|\b(?:le|ce|notre) podcast qui\b")


@lru_cache(maxsize=65536)
def _candidate_kind(text: str, heading: str) -> str:
    """"yes", "no", or "names" (a list of the job's names: a candidate when asked for); cached, as a sentence is
    read again by every question retrieving its passage."""
    if text.rstrip(" .»”\"").endswith(("?", ":")) or text.isupper() or addressed_to_assistant(text):  # a title in capitals,
        return "no"  # a question (a list of them: `… : c'est quoi la formation ? ; on gagne combien ?.`)
    if len(text) <= MAX_BYLINE and BYLINE.search(fold(text)):  # `Guide orientation – publié le 12 février 2024`
        return "no"
    if len(THREAD_COUNTS.findall(fold(text))) >= 2:  # a thread's header: `Page 1 sur 2 · 14 réponses · 3 812 vues`
        return "no"
    if SHOW_OPENING.search(fold(text)) or (len(text) <= MAX_BYLINE and EPISODE.match(fold(text))):  # a show's
        return "no"  # welcome (« Bonjour à tous, et bienvenue dans « Un métier… »), an episode's title line
    last_heading = heading.split(HEADING_SEPARATOR)[-1] if heading else ""
    if RELATED.match(fold(text).lstrip("* ")) or RELATED.match(fold(last_heading)):  # links to other pages
        return "no"
    if NAME_LIST.match(text) or NAME_LIST.match(heading):
        return "names"
    has_digit = bool(re.search(r"\d", text))
    return "yes" if (len(text.split()) >= 5 and not is_heading(text)) or has_digit or bool(FIELD.match(text)) else "no"


def _subject(q: Question, unit: Unit, s_terms: set[str], title: str, corpus: CorpusView) -> float:
    """How surely the unit is about what the question asks about, from 0 to 1.

    With a corpus job in the question: 1 when the unit's job (see `unit_jobs`) is that job, else half the share
    of the job's words found in the unit and its context. With another person (`un data engineer`): 1 when the
    unit or its context names that person. Without either: the share of the question's words found in the unit,
    its context and (when these name no job) the document title."""
    label = row_person(unit, corpus)  # a table row names its own person: the rows above do not
    context_terms = s_terms | (set(terms(label)) if label else unit.local_terms)
    if q.jobs:
        if set(q.jobs) & set(unit_jobs(unit, corpus)):
            return 1.0
        return 0.5 * len(q.job_terms & context_terms) / max(1, len(q.job_terms))
    if q.other_job:
        local = label or f"{unit.context} {unit.text}"
        if names_phrase(_outside_job_names(local, q.other_job, corpus.catalog), q.other_job):
            return 1.0
        domain = domain_stem(q.other_job)  # `douanier` on a page titled « Douane : agent de constatation ou … »
        return 1.0 if domain and not label and domain in terms(f"{title} {unit.heading}") else 0.0
    if not q.terms:
        return 0.5
    if not (corpus.catalog.find(label) if label else _named_near(unit, corpus)):
        context_terms |= set(terms(title))
    topic = {t for t in q.terms if not t.isdigit()} or q.terms  # a year or a step is no topic (`mai 2024`)
    return len(topic & context_terms) / len(topic)


DOMAIN_ENDINGS = ("ieres", "iers", "iere", "ier")  # a person named after a domain: `douane` -> `douanier`, `banque`
MIN_DOMAIN = 5  # letters of the domain's stem (`douan`, `polic`, `banqu`, `hotel`; not `ouvr` for `ouvrier`)


@lru_cache(maxsize=4096)  # read for every candidate of a question about someone no corpus job names
def domain_stem(person: str) -> str:
    """The stem of the domain a person is named after (`douanier en brigade` -> `douan`, the stem of `douane`), or
    "": a page titled on that domain is about its people, whatever the roles it names (`agent de constatation`)."""
    head = next(iter(content_words(person)), "")
    for ending in DOMAIN_ENDINGS:
        if head.endswith(ending):
            stems = terms(head[: -len(ending)] + "e")
            return stems[0] if stems and len(stems[0]) >= MIN_DOMAIN else ""
    return ""


def row_person(unit: Unit, corpus: CorpusView) -> str:
    """The person a table row's label names, whom the row is about rather than the rows above it; "" but for a
    rank within a one-job page (`Chef d'équipe — 2,8 k€` on the plumber's page is the plumber's)."""
    label = unit.row_label
    if not label:
        return ""
    own = corpus.doc_jobs.get(unit.source, [])
    return "" if len(own) == 1 and not set(corpus.catalog.names(label)) - set(own) else label


def unit_jobs(unit: Unit, corpus: CorpusView) -> list[str]:
    """The corpus jobs a unit is about: those its section headings name, else its document's job when the
    document is about one, else those the unit and the sentences before it name, else all its document's jobs
    when it has few (the bonuses of a pay grid of three grades are each grade's; the intro of an article on eight
    jobs is none's in particular)."""
    label = row_person(unit, corpus)
    if label:
        return corpus.catalog.names(label)
    in_heading = corpus.catalog.names(unit.heading)
    own = corpus.doc_jobs.get(unit.source, [])
    if in_heading:  # ... and another job of its page the unit itself names (`Combien gagne un agent immobilier ?` >
        return in_heading + [job for job in corpus.catalog.names(unit.text)  # « un négociateur réalise … »)
                             if job in own and job not in in_heading]
    if len(own) == 1:
        return own
    named = _named_near(unit, corpus)
    return named or (own if len(own) <= MAX_SHARED_JOBS else [])


def _named_near(unit: Unit, corpus: CorpusView) -> list[str]:
    """The jobs the unit names, else those its context (heading, sentences before it) names, best first: « Un
    employé de libre-service … touche … » after a sentence on the cashier is the shelf worker's. Each sentence is
    looked up once (cached) however many units it is the context of, which bounds a question's cost at scale."""
    own = corpus.catalog.find(unit.text, complement=False)
    if own:
        return [mention.job.name for mention in own]
    best: dict[str, float] = {}
    for part in unit.context_parts:
        for mention in corpus.catalog.find(part, complement=False):
            best[mention.job.name] = max(best.get(mention.job.name, 0.0), mention.score)
    return sorted(best, key=lambda name: -best[name])


def _outside_job_names(text: str, person: str, catalog: JobCatalog) -> str:
    """The text's words without the corpus job names that hold `person`'s words and more: `vétérinaire` in
    `auxiliaire vétérinaire` names the assistant, not the vet (`l'ASV assiste le vétérinaire` still names him)."""
    folded = f" {' '.join(words_of(text))} "
    for name in _longer_names(catalog, person):
        folded = folded.replace(f" {name} ", " ")
    return folded


@lru_cache(maxsize=256)
def _longer_names(catalog: JobCatalog, person: str) -> tuple[str, ...]:
    wanted = set(content_words(person))
    names = {" ".join(words_of(v)) for job in catalog.jobs for v in job.variants
             if wanted < set(content_words(v))}
    return tuple(sorted(names, key=len, reverse=True))


def names_phrase(text: str, phrase: str) -> bool:
    """`text` holds the words of `phrase` close together (`les data engineers` holds `data engineer`)."""
    wanted = [w for w in words_of(phrase) if w not in STOP_WORDS]
    tokens = [w for w in words_of(text) if w not in STOP_WORDS]
    window = len(wanted) + 3
    need = len(wanted) - (len(wanted) >= 3)  # `annotateur de données IA` is named by `annotateurs de données`
    starts = [i for i, t in enumerate(tokens) if t == wanted[0]] if wanted else []
    return any(len(set(wanted) & set(tokens[i : i + window])) >= need for i in starts)


def _has_cue(q: Question, text: str) -> bool:
    kinds = q.strict or q.kinds
    if q.about_figure:  # "de quoi dépend le salaire" wants the explanation, not the amount again
        kinds = tuple(k for k in kinds if k not in STRICT_KINDS)
    for kind in kinds:
        if kind == "nombre" and q.counted_cue:
            if re.search(q.counted_cue, " ".join(words(text))):
                return True
        elif kind in ("salaire", "prix") and (money(text) or SHARE_OF_PAY.search(fold(text)) or AMOUNT_IN_WORDS.search(fold(text))
                                              or (kind == "salaire" and BARE_PAY.search(fold(text)))):
            return True
        elif kind == "lieu" and (len(lexicon.places(text)) >= 2 or re.search(SENTENCE_CUES[kind], text)):
            return True
        elif kind == "formation" and q.asks_level:
            if re.search(DIPLOMA, fold(text)):  # « quel niveau d'études » wants a level: `bac + 3`, `master`
                return True
        elif re.search(SENTENCE_CUES[kind], text if kind == "employeurs" else fold(text)):
            return True
    return False


def choose(q: Question, scored: list[Scored], limit: int = MAX_SENTENCES, corpus: CorpusView | None = None
           ) -> list[Scored]:
    """The best candidate and up to `limit` - 1 more close to it and about the same subject. From `corpus`: the
    lines of a job offer saying where all of it applies (`CDI — Bordeaux`), by document, and the documents about
    someone working for themselves, all of whose figures are a freelance's."""
    where, own_boss = (corpus.where, corpus.own_boss) if corpus else ({}, frozenset())
    pool = [s for s in scored if s.cue] if q.strict else scored
    if "prix" in q.strict and "salaire" not in q.kinds:  # what a training costs is no salary: an amount of it
        priced = q.aspect_terms - COST_TERMS  # « combien coûte un ressemelage » : the price of a resoling
        pool = [s for s in pool if (s.aspect > 0 or s.section > 0)
                and (not PAY.search(fold(s.unit.text)) or COST.search(fold(s.unit.text))  # `Coût : … garder mon salaire`
                     or q.pay_element)  # « le montant de la prime » : an amount paid
                and (not priced or _stems_in(priced, s.unit.local_terms))]  # (its heading is in its context)
    elif "salaire" in q.own_kinds and "prix" not in q.kinds:  # ... nor is a price what someone earns
        pool = [s for s in pool if not COST.search(fold(s.unit.text)) or PAY.search(fold(s.unit.text))
                or BILLED.search(fold(s.unit.text))]
    if q.places:  # named by the sentence, its context, or the first lines of its job offer
        opening = {source: lexicon.places(where.get(source, "")) for source in {s.unit.source for s in pool}}
        pool = [s for s in pool if q.places <= lexicon.places(f"{s.unit.context} {s.unit.text}") | opening[s.unit.source]]
    if q.towns and q.strict:  # « salaire d'un docker à Dunkerque » : a figure said there, or in an offer set there
        pool = [s for s in pool if all(_written_in(town, f"{s.unit.context} {s.unit.text} {where.get(s.unit.source, '')}")
                                       for town in q.towns)]
    if q.asks_town:  # « dans quelle ville ? » : a sentence naming a place (`à Chamonix`, `Lyon`)
        pool = [s for s in pool if _names_town(s.unit.text)]
    if q.own_boss:  # « à son compte » : only what is said of working as one's own boss
        pool = [s for s in pool if WORKING_STATUS.search(fold(f"{s.unit.context} {s.unit.text}"))] \
            or [s for s in pool if s.unit.source in own_boss]  # else what a freelance's page says
    elif q.salaried and q.strict:  # « un photographe salarié » : not the figures of a freelance's page
        pool = [s for s in pool if s.unit.source not in own_boss or SALARIED.search(fold(f"{s.unit.context} {s.unit.text}"))]
    if q.has_subject and q.strict:
        pool = [s for s in pool if s.subject >= 0.99] or pool[:1]  # a figure must be about the job asked
    elif q.has_subject:  # the best sentence about the job, when it shows what is asked; else another job's best
        about = [s for s in pool if s.subject >= 0.99]  # (then `abstain_reason` says the job's pages don't say)
        pool = about if about and _shows_answer(about[0]) else pool
    elif q.strict:
        pool = [s for s in pool if s.subject >= MIN_TOPIC_SHARE]  # ... or about what the question names
    if q.led_by and q.strict:  # « charpentier chef d'équipe » : the team leader's figure, when the page gives it
        pool = [s for s in pool if q.led_by in words_of(f"{s.unit.heading} {s.unit.text}")] or pool
    if q.codes and q.strict:  # « le CACES B1 coûte combien ? » : not the price of the `A` category beside it
        pool = [s for s in pool if q.codes <= set(words(s.unit.near))]
    if q.pay_element and q.strict:  # « l'astreinte est payée combien ? » : not the base pay beside it, nor a figure
        pool = [s for s in pool if _stems_in(q.pay_element, frozenset(terms(s.unit.near)))]  # further on
    if q.setting and "salaire" in q.strict:  # « un ingénieur du son dans une radio » : a pay from a page that
        written: dict[str, set[str]] = {}  # speaks of radios (what was read of it)
        for s in scored:
            written.setdefault(s.unit.source, set()).update(s.unit.local_terms)
        pool = [s for s in pool if q.setting <= written[s.unit.source]]
    if q.grade and q.strict:  # « secrétaire hors classe, c'est combien ? » : a figure of that class of the grade
        pool = [s for s in pool if q.grade in grade_phrases(fold(f"{s.unit.context} {s.unit.text}"))]
    if q.years:  # « le concours 2026 » : said of that year, in the sentence or its context
        pool = [s for s in pool if q.years <= s.unit.local_terms]
    if q.measured:  # « combien de semaines de congés » : weeks of leave, not of training
        pool = [s for s in pool if q.measured in s.unit.written_terms]
    if q.seniority:
        pool = [s for s in pool if s.stage >= 0] or pool  # « débutant » : not the senior figure beside it
    if q.pay_basis and "salaire" in q.strict:  # « en net ? » : not a figure said to be gross only
        pool = [s for s in pool if q.pay_basis in _pay_bases(s.unit.text) or not _pay_bases(s.unit.text)] or pool
    event = q.aspect_terms - AGE_TERMS  # « à quel âge … la retraite » : `âgés de 19 ans` is the age of no retirement
    named = {t for w in q.aspect_words if not w.endswith(INFINITIVE) for t in terms(w)} & event  # not `partir`
    if ("date" in q.strict or "age" in q.strict) and event:  # of the event asked: half of what it names (« depuis
        # quand la compétence X existe » : `la compétence X … en 2018`), else a word of it; « c'est pour commencer
        # quand ? » : a start (an offer's `Prise de poste : 1er septembre`)
        pool = [s for s in pool if (2 * len(_stems_in(named, s.unit.written_terms)) >= len(named) if named
                                    else _stems_in(event, s.unit.written_terms))
                or (event & STARTING and STARTED & s.unit.written_terms)]
    elif "taux" in q.strict and named:  # « le taux de réussite au concours » : a rate of one thing it names
        pool = [s for s in pool if named & s.unit.written_terms]
    if not pool:
        return []
    best = pool[0]
    chosen = [best]
    antecedent = _antecedent(best, scored)
    if antecedent is not None:
        chosen.insert(0, antecedent)
    for candidate in pool[1:]:
        ratio = NEIGHBOUR_RATIO if _adjacent(candidate, best) else KEEP_RATIO if _shows_answer(candidate) \
            else OFF_POINT_RATIO
        if _goes_on(candidate, best):
            ratio = min(ratio, PARAGRAPH_RATIO)
        if candidate.unit.source != best.unit.source and len(q.jobs) < 2:  # two jobs compared: each one's page
            ratio = max(ratio, OTHER_PAGE_RATIO)
        if len(chosen) >= limit or candidate in chosen or candidate.score < ratio * best.score:
            continue
        too_long = sum(len(s.unit.display) for s in chosen) + len(candidate.unit.display) > MAX_ANSWER_CHARS
        if too_long or candidate.subject + 1e-9 < best.subject or _repeats(candidate, chosen):
            continue
        if candidate.number < best.number:  # « 22 ans » : the row for 21 à 25 ans, not the one for 16 à 17
            continue
        chosen.append(candidate)
    return sorted(chosen, key=lambda s: (s.unit.source, s.unit.start))


SAME_START = 5  # letters two stems share when the stemmer left a verb's ending on one (`encadrent`, `encadr`)


def _stems_in(wanted: set[str] | frozenset[str], written: frozenset[str]) -> set[str]:
    """The stems of `wanted` among `written`, or starting one of them, or started by one (`encadrent` for
    `encadr`: « ils encadrent » and « d'encadrer »)."""
    return {t for t in wanted if t in written or any(
        min(len(t), len(w)) >= SAME_START and (t.startswith(w) or w.startswith(t)) for w in written)}


def _names_town(text: str) -> bool:
    """It names a town: one the lexicon knows, or a capitalised name after « à », « en »… that names no country."""
    if lexicon.towns(text):
        return True
    return any(not lexicon.places(m.group(0)) or lexicon.towns(m.group(0)) for m in PLACE_NAME.finditer(text))


def _shows_answer(candidate: Scored) -> bool:
    """It shows what the question type wants, shares an aspect word, or sits in the section for it."""
    return candidate.cue or candidate.aspect > 0 or candidate.section > 0


ANAPHORA = re.compile(r"^[«\"\s]*(?:c[’']est|ce |cela|ces |cette |il |elle |ils |elles |leur |leurs |son |sa |ses )", re.IGNORECASE)


def _follows(a: Scored, b: Scored) -> bool:
    """`a` comes right after `b` on the same page."""
    return a.unit.source == b.unit.source and 0 <= a.unit.start - b.unit.end < 3


def _goes_on(candidate: Scored, best: Scored) -> bool:
    """The candidate comes right after the best sentence in its paragraph (an interview's answer goes on)."""
    return _follows(candidate, best) and candidate.unit.sentence.block == best.unit.sentence.block


def _adjacent(a: Scored, b: Scored) -> bool:
    return _follows(a, b) or _follows(b, a)


def _antecedent(best: Scored, scored: list[Scored]) -> Scored | None:
    """The sentence just before `best` when `best` opens with a pronoun (« C'est la qualité numéro un… »)."""
    first_line = best.unit.text.split("\n", 1)[0]
    if not ANAPHORA.match(best.unit.text) or first_line.isupper():  # `CE QUE NOUS PROPOSONS` is a heading
        return None
    return next((s for s in scored if _follows(best, s)), None)


def _repeats(candidate: Scored, chosen: list[Scored]) -> bool:
    """A near-copy of a chosen sentence (pages often restate their key figures in other words)."""
    mine, my_numbers = set(terms(candidate.unit.text)), numbers(candidate.unit.text)
    row = ROW_LABEL.match(candidate.unit.text)
    for other in chosen:
        other_row = ROW_LABEL.match(other.unit.text)
        if row and other_row and (row.group(1) != other_row.group(1) or candidate.unit.heading != other.unit.heading):
            continue  # two rows of a table (`E à F — …`, `G à H — …`), or the same row of two grades' tables
        shared = len(mine & set(terms(other.unit.text))) / max(1, len(mine))
        if shared >= 0.7 or (my_numbers and my_numbers == numbers(other.unit.text) and shared >= 0.4):
            return True
    return False


def abstain_reason(q: Question, chosen: list[Scored], vocabulary: set[str],
                   spelled: dict[str, set[int]] | None = None) -> str:
    """Why the evidence is too weak to answer, or "" when it is good enough. `spelled`: the question's acronyms
    with the sentences read that spell them out (« IVG »: `interruption volontaire de grossesse`), which makes
    them known though the corpus never writes them."""
    spelled = spelled or {}
    unknown = [w for w in q.salient  # a word typed short of one corpus word (`agro`) is known
               if not all(_known(t, vocabulary) or written_out(t, vocabulary) != t for t in terms(w))]
    if unknown:
        return f"subject not in the corpus: {', '.join(unknown)}"
    unknown_names = [n for n in q.names if not all(_known(t, vocabulary) for t in terms(n))
                     and not spelled.get(n)]
    if unknown_names:
        return f"names something the corpus never mentions: {', '.join(unknown_names)}"
    if not any(_known(t, vocabulary) for t in terms(q.text)):  # emoji, another script, « ??? », off-topic words
        return "no word of the question is in the corpus"
    known = [_typed_word_known(w, vocabulary) for w in q.own_words]
    known = [k for k in known if k is not None]
    if known and known.count(False) / len(known) >= 0.6:
        return "most words of the question are not in the corpus"
    asked = [w for w in q.aspect_words if not w.endswith(VERB_ENDINGS)]
    if asked and len(asked) == len(q.aspect_words) and not q.names \
            and not any(_known(t, vocabulary) or _misspelt(w, vocabulary) for w in asked for t in terms(w)):  # (a
        # name asked is known by now)
        return f"what is asked is not in the corpus: {', '.join(asked)}"
    if not chosen:
        place = f" in {', '.join(sorted(q.places))}" if q.places else ""
        place += " for one's own boss" if q.own_boss else ""
        return f"no sentence shows what the question asks for{place}"
    best = max(chosen, key=lambda s: s.score)
    if q.has_subject and best.subject < 0.99:
        return f"best sentence is not about {' / '.join(q.jobs) or q.other_job}"
    if q.other_job and q.kinds and not _shows_answer(best):
        return f"no sentence about {q.other_job} says what the question asks"
    if best.score < MIN_SCORE:
        return f"best sentence scores {best.score:.2f} < {MIN_SCORE}"
    return ""


def _typed_word_known(word: str, vocabulary: set[str]) -> bool | None:
    """Whether a word of the question is in the corpus; an informal or franglais word (`cb`, `junior`) counts
    by its French expansion, and is left out (None) when that is not in the corpus either."""
    if word in lexicon.GLOSSARY:
        expansion = [t for t in terms(lexicon.GLOSSARY[word]) if t not in QUESTION_WORDS]
        return True if any(_known(t, vocabulary) for t in expansion) else None
    if word in lexicon.glossary_words() and not all(_known(t, vocabulary) for t in terms(word)):
        return None  # a word of a franglais phrase (`low` of `low cost`): the phrase is read by its expansion
    trade = trade_of(word)  # « menuisier » asked of a page on `la menuiserie`
    return all(_known(t, vocabulary) for t in terms(word)) or (bool(trade) and all(t in vocabulary for t in terms(trade)))


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _misspelt(word: str, vocabulary: set[str]) -> bool:
    """A word of 5+ letters one letter away from a word whose stem the corpus writes (`formtion`: `formation`;
    its stem, `format`, is no edit away from `formtion`'s)."""
    if len(word) < 5:
        return False
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + c + b for a, b in cuts for c in LETTERS} | {a + b[1:] for a, b in cuts if b} \
        | {a + c + b[1:] for a, b in cuts if b for c in LETTERS}
    return any(stem in vocabulary for edit in edits for stem in terms(edit)[:1])


def _known(term: str, vocabulary: set[str]) -> bool:
    """In the corpus vocabulary, allowing one typo in words of 5+ letters (`qualitcien`, `ethicen`)."""
    if term in vocabulary or term.isdigit():
        return True
    if len(term) < 5:
        return False
    return any(abs(len(v) - len(term)) <= 1 and one_edit(term, v) for v in vocabulary)


def compose(q: Question, chosen: list[Scored], titles: dict[str, str], corpus: CorpusView) -> tuple[str, list[Citation]]:
    """One cited sentence per chosen candidate, numbered in order of appearance. A sentence that does not name
    its job is introduced by the job its section or page is about; a salary in the other period than the one
    asked is followed by the derived figure, said to be derived."""
    citations, lines, labels = [], [], set()
    twins = _rows_in_several_tables(chosen)
    for marker, item in enumerate(chosen, start=1):
        u, p = item.unit, item.unit.passage
        title = titles.get(u.source, p.title)
        citations.append(Citation(marker, u.source, title, u.start, u.end, u.text, p.text, p.start))
        label = _supported_label(subject_label(u, corpus), p.text)
        shown = display_text(u.text, q.aspect_terms)
        grade = _grade_label(u) if id(u) in twins else ""
        if grade:  # `Échelon 1 — …` of each grade: which grade's
            shown = f"{grade} — {shown}"
        lines.append(render_sentence(shown, u.heading, marker, "" if label in labels else label))
        labels.add(label)
        derived = derived_sentence(q.text, u.text)
        if derived:
            lines.append(f"{derived} [{marker}].")
    return " ".join(lines), citations


def _rows_in_several_tables(chosen: list[Scored]) -> set[int]:
    """The chosen table rows (by unit id) whose label another chosen row under another heading has too: the
    `Échelon 1` of two grades' tables, which only their headings tell apart."""
    rows = {id(item.unit): (row.group(1), item.unit.heading) for item in chosen if (row := ROW_LABEL.match(item.unit.text))}
    headings: dict[str, set[str]] = {}
    for label, heading in rows.values():
        headings.setdefault(label, set()).add(heading)
    return {unit_id for unit_id, (label, _) in rows.items() if len(headings[label]) > 1}


def _grade_label(unit: Unit) -> str:
    """The heading telling a row's table apart (`Grade 2 : agent de maîtrise principal`), as the answer may write
    it: whole when the cited passage holds it, else its parts without a figure (`agent de maîtrise principal`),
    since an answer states no number its citation does not."""
    section = unit.section.strip().rstrip(" :")
    if fold(section) in fold(unit.passage.text):
        return section
    return upper_first(" ".join(part for part in re.split(r"\s[:—–-]\s", section) if not re.search(r"\d", part)))


def _supported_label(label: str, passage: str) -> str:
    """A job's name as an answer may write it before a sentence of `passage`: without its parts holding a figure
    the passage does not (`Technicien (1er grade)` -> `Technicien`, `Analyste SOC N1` -> `Analyste SOC`), since an
    answer states no number its citation does not."""
    written = numbers(passage)  # as the verifier reads them
    if numbers(label) <= written:
        return label
    label = re.sub(r"\s*\([^()]*\d[^()]*\)", "", label)
    return " ".join(w for w in label.split() if numbers(w) <= written)


def subject_label(unit: Unit, corpus: CorpusView) -> str:
    """The job a unit is about when it does not name it itself (its section's or its document's job), for the
    answer to say whom the sentence is about. Empty when the unit names its job, or when unsure."""
    if corpus.catalog.find(unit.text):
        return ""
    jobs = unit_jobs(unit, corpus)
    return jobs[0] if len(jobs) == 1 else ""


def abstention_text(topic_list: list[str], job: str = "") -> str:
    """The abstention, naming the job looked for, and what the corpus does cover."""
    text = messages.ABSTAIN
    if job:
        text += " " + messages.ABSTAIN_FOR.format(job=job)
    if topic_list:
        text += " " + messages.COVERS.format(topics=", ".join(topic_list[:8]))
    return f"{text} {messages.COVERS_ASPECTS}"


def answer(question: str, query_vector: np.ndarray, passages: list[Passage], sentences: list[Sentence],
           corpus: CorpusView, focus: frozenset[str] = frozenset(), analysed: Question | None = None) -> Answer:
    """The extractive answer to `question` from the retrieved `passages` (entry point of this stage).

    `focus`: for a follow-up naming no job, the documents the conversation's previous answer cited. When the
    conversation's subject is no corpus job, only they are read, and what they say is about that subject:
    « et elle vend ses légumes où ? » after a question answered from a blog post stays on that post. With a
    corpus job, the profile already tells whose each sentence is, and the best evidence being another job's
    is a reason to abstain that a filter would hide.

    A question asking two things (« ça dure combien et ça coûte combien ? ») is answered part by part: each
    part gets its own best sentences, and a part the documents do not answer is said so. `analysed`: the
    question's analysis when the caller already made it."""
    q = analysed or analyse(question, corpus.catalog, corpus.vocabulary)
    titles = {p.source: p.title for p in passages}
    units = build_units(sentences, passages)
    parts = sub_questions(question, corpus.catalog)
    limit = MAX_SENTENCES if len(parts) == 1 else PART_SENTENCES
    asked = [q] if len(parts) == 1 else [analyse(part, corpus.catalog, corpus.vocabulary) for part in parts]
    picks = [_pick(part, query_vector, units, titles, corpus, focus, limit) for part in asked]
    confidence = max((s.score for chosen, _ in picks for s in chosen), default=0.0)
    if all(reason for _, reason in picks):
        job = " / ".join(q.jobs) or q.other_job
        return Answer(question, abstention_text(corpus.topics, job), True, [], passages, confidence=confidence,
                      reason=picks[0][1])
    chosen: list[Scored] = []
    for part_chosen, reason in picks:
        chosen += [s for s in part_chosen if not reason and all(s.unit is not c.unit for c in chosen)]
    text, citations = compose(q, chosen, titles, corpus)
    unanswered = [part for part, (_, reason) in zip(parts, picks, strict=True) if reason]
    if unanswered:
        text += " " + " ".join(messages.PART_NOT_FOUND.format(part=_asked(part)) for part in unanswered)
    return Answer(question, text, False, citations, passages, confidence=confidence)


def _pick(q: Question, query_vector: np.ndarray, units: list[Unit], titles: dict[str, str], corpus: CorpusView,
          focus: frozenset[str], limit: int) -> tuple[list[Scored], str]:
    """The sentences answering `q` and "", or no sentence and why not."""
    spelled = spelled_acronyms(q, units)
    scored = score_units(q, query_vector, units, titles, corpus, spelled)
    if focus and not q.jobs:  # the subject is no corpus job (`la maraîchère`): the focus documents are about it
        lifted = [s if row_person(s.unit, corpus) else replace(s, subject=1.0, score=s.score + W_SUBJECT * (1.0 - s.subject))
                  for s in scored if s.unit.source in focus]  # scored among all the documents read; a row names its own
        scored = sorted(lifted, key=lambda s: -s.score)
    naming = _sources_naming(q, units, spelled)
    if naming is not None:  # « la formation en IFSI » : not what another page says of its own training
        scored = [s for s in scored if s.unit.source in naming]
    spelling = {unit_id for ids in spelled.values() for unit_id in ids}
    if "definition" in q.kinds and spelling and not _names_the_job(q, spelled, corpus):  # « ATS ça veut dire
        scored = [s for s in scored if id(s.unit) in spelling] or scored  # quoi ? » : where it is spelled out
    chosen = choose(q, scored, limit, corpus)
    reason = abstain_reason(q, chosen, corpus.vocabulary, spelled)
    return ([], reason) if reason else (chosen, "")


def _names_the_job(q: Question, spelled: dict[str, set[int]], corpus: CorpusView) -> bool:
    """The acronyms spelled out are names of the job asked (« c'est quoi une ATSEM ? »): what it does answers
    as well as what its letters stand for."""
    names = {fold(v) for name in q.jobs if (job := corpus.catalog.by_name(name)) for v in job.variants}
    return all(fold(acronym) in names for acronym, ids in spelled.items() if ids)


def _sources_naming(q: Question, units: list[Unit], spelled: dict[str, set[int]]) -> set[str] | None:
    """The documents read that write every name the question writes (`IFSI`, `Thermopack`) or spell it out;
    None when it writes no name (an everyday acronym, `PME`, is no name)."""
    names = _proper_names(q)
    if not names:
        return None
    sources = {u.source for u in units}
    for name in names:
        sources &= {u.source for u in units if _writes(name, u, spelled)}
    return sources


def _proper_names(q: Question) -> list[str]:
    return [n for n in q.names if fold(n) not in lexicon.COMMON_ACRONYMS]


def _writes(name: str, unit: Unit, spelled: dict[str, set[int]]) -> bool:
    """The unit (or its heading) writes the name, or spells it out."""
    return _written_in(name, f"{unit.heading} {unit.text}") or id(unit) in spelled.get(name, set())


def _written_in(name: str, text: str) -> bool:
    """The text writes the name as a word of its own, whatever the case and accents."""
    return bool(re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", fold(text)))


PART_SENTENCES = 2  # sentences per part of a question asking two things
# Where a question asking two things splits: « et » or « puis » before a new question's opening words (not a comma:
# « Un ingénieur expérimenté, ça gagne combien ? » asks one thing).
PART_SPLIT = re.compile(
    r"(?:\s+(?:et|puis)|\s*\?)\s+(?=(?:ça|ca|il|elle|ils|elles|on|c[’']est|quel|quelle|quels|quelles|combien|comment"
    r"|où|pourquoi|qu[’']|est[- ]ce|y a|faut|c)\b)"  # `c quel niveau` : « c'est » typed short; a second question
    r"|\s*,\s+(?=(?:quel|quelle|quels|quelles|combien|comment|où|pourquoi|est[- ]ce|y a|faut)\b)",  # after a « ? », or
    re.IGNORECASE)  # after a comma when it opens as a question does (not « un apiculteur expérimenté, ça gagne … »)


def sub_questions(question: str, catalog: JobCatalog) -> list[str]:
    """The parts of a question asking two different things, each standing alone (the job named in one part, or
    carried from the conversation, is added to the others); [question] when it asks one thing."""
    carried = CARRIED.search(question)
    main = question[: carried.start()] if carried else question
    parts = [p.strip(" ,?") for p in PART_SPLIT.split(main) if p.strip(" ,?")]
    if len(parts) < 2:
        return [question]
    kinds = [analyse(p).kinds or _asks_whether(p, main) for p in parts]
    if not all(kinds) or len({k for ks in kinds for k in ks}) < 2:  # each part asks something, not the same thing
        return [question]
    named = next((job for p in parts for job in catalog.names(p)), "") or (carried.group(1) if carried else "")
    if named:
        return [f"{p} ?" if catalog.names(p) else f"{p} ? ({named})" for p in parts]
    phrase = subject_phrase(parts[0]) or job_slot(parts[0], catalog.heads) \
        or " ".join(_proper_names(analyse(parts[0])))  # `le bpjeps ça dure…` -> « bpjeps »; `GWO ça veut dire…`
    return [f"{parts[0]} ?"] + [f"{p} ? (« {phrase} »)" if phrase else f"{p} ?" for p in parts[1:]]


WHETHER = re.compile(r"^(?:(?:et|mais|ok|alors) )*(?:il )?(?:faut|on peut|peut on|est ce qu)\b")  # folded: a yes/no question


def _asks_whether(part: str, question: str) -> tuple[str, ...]:
    """A part of no kind that is a question of its own, a « ? » between it and the other (« y a des tickets resto ?
    combien de RTT ? »): it asks whether, about its own words. After a comma it goes on the part before (« et une
    fois recruté, faut faire quoi ? »)."""
    ended = re.search(re.escape(part) + r"\s*\?\s*\S", question) or re.search(r"\?\s*" + re.escape(part), question)
    folded = fold(part).replace("'", " ")
    return ("whether",) if ended and (EXISTS.search(folded) or WHETHER.search(folded)) else ()


def _asked(part: str) -> str:
    """A part of the question as quoted back: without the carried job and the question mark."""
    return CARRIED.sub("", part).strip(" ?")
