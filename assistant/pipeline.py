"""The whole question path, shared by the CLI, the chat app and the evaluation: validate, resolve the
follow-up, retrieve, answer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .answer import extractive as answer_stage
from .answer.conversation import named_job, resolve
from .answer.lexicon import GLOSSARY, expand, with_synonyms
from .answer.llm import Backend, Step, condense, generate
from .answer.question import Question, analyse, job_slot
from .config import Settings
from .errors import AssistantError, EmptyQuestionError, IndexStaleError, QuestionTooLongError
from .index import store
from .index.embed import Embedder
from .index.profile import CorpusView, Profile
from .index.retrieve import Retriever
from .ingest.readers import page_of
from .types import Answer

log = logging.getLogger(__name__)

# An embedded Chroma store written by an ingest in another process can fail a read ("Error finding id") while the
# rows move; the question is read again from a freshly opened store this many times before the error is shown.
STORE_RETRIES = 2
# A follow-up naming no job also reads the documents its previous answer cited (and only them when its subject is
# no corpus job); that answer is itself worked out with this many earlier questions, so a question costs at most
# FOCUS_TURNS + 2 look-ups. Measured: skipping this look-up when a corpus job is carried over lost one metiers-fr
# held-out follow-up (key facts 0.675 -> 0.625): the cited document was not among the retrieved ones.
FOCUS_TURNS = 1
MAX_NAMED_SOURCES = 3  # a job named by the question has its documents read whole when it has this many at most


@dataclass(frozen=True)
class Loaded:
    """One version of the index, as read: a turn uses one `Loaded` from start to end."""

    retriever: Retriever
    corpus: CorpusView

    @classmethod
    def of(cls, settings: Settings, embedder: Embedder | None, fresh: bool = False) -> Loaded:
        retriever = Retriever(settings, embedder, fresh=fresh)
        return cls(retriever, CorpusView.of(Profile.from_dict(retriever.params.profile), retriever.vocabulary))


class Assistant:
    """Loads the index, then follows it: when an ingest switches a new version in, the next question loads it
    (questions already running finish on the version they started with). `ask` answers one question, with the
    earlier user questions for follow-ups; it holds no lock, so many people can ask at once."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.loaded = Loaded.of(settings, embedder)
        self.backend = Backend.from_settings(settings)
        self._reload_lock = threading.Lock()

    @property
    def retriever(self) -> Retriever:
        return self.loaded.retriever

    @property
    def corpus(self) -> CorpusView:
        return self.loaded.corpus

    def current(self) -> Loaded:
        """The loaded index, reloaded first if an ingest switched a new version in since."""
        loaded = self.loaded
        if store.params_stamp(self.settings.index) == loaded.retriever.stamp:
            return loaded
        return self.reload(loaded)

    def reload(self, seen: Loaded, force: bool = False) -> Loaded:
        """Load the index's current version (once, whichever thread comes first); keep the old one on failure."""
        with self._reload_lock:
            if self.loaded is not seen:
                return self.loaded
            if not force and store.params_stamp(self.settings.index) == seen.retriever.stamp:
                return seen
            try:
                self.loaded = Loaded.of(self.settings, seen.retriever.embedder, fresh=True)
                log.info("Loaded the new version of the index in %s", self.settings.index)
            except AssistantError as exc:  # mid-switch or damaged: answer from the version we have
                log.warning("Keeping the loaded index: %s", exc)
            return self.loaded

    @property
    def topics(self) -> list[str]:
        """What the corpus covers: its jobs, then the titles of documents about no job."""
        return self.corpus.topics

    @property
    def jobs(self) -> list[str]:
        return [job.name for job in self.corpus.catalog.jobs]

    def validate(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise EmptyQuestionError()
        if len(question) > self.settings.max_question_chars:
            raise QuestionTooLongError(len(question), self.settings.max_question_chars)
        return question

    def ask(self, question: str, history: list[str] | tuple[str, ...] = (), top_k: int | None = None) -> Answer:
        """The final answer (with a model configured, once it has finished writing)."""
        for step in self.ask_stream(question, history, top_k):
            if step.answer is not None:
                return step.answer
        raise AssertionError("ask_stream ended without an answer")

    def ask_stream(self, question: str, history: list[str] | tuple[str, ...] = (), top_k: int | None = None
                   ) -> Iterator[Step]:
        """The answer as it is written. Extractive: one step, the answer. With a model: first the extractive draft
        (`text` empty: its citations fill the sources panel while the model writes), then the model's checked
        text as it streams, then the final answer."""
        question = self.validate(question)
        draft, pool = self._draft(question, list(history), top_k)
        if self.backend is None or draft.abstained:
            yield Step(draft.text, draft)
            return
        yield Step("", None, draft)
        for step in generate(self.backend, draft, _evidence_first(draft, pool)):
            yield replace(step, draft=draft)

    def _draft(self, question: str, history: list[str], top_k: int | None) -> tuple[Answer, list]:
        """The extractive answer and the passages it read, from one version of the index (read again if an
        ingest moved the store under it)."""
        loaded = self.current()
        for attempt in range(STORE_RETRIES + 1):
            try:
                result, pool = self._extractive(loaded, question, history, top_k, use_model=True)
                break
            except AssistantError as exc:
                if not isinstance(exc, IndexStaleError) or attempt == STORE_RETRIES:
                    raise
                log.info("A file of the index went away under the question (%s); reading it again", exc)
                loaded = self.reload(loaded, force=True)
            except Exception as exc:  # noqa: BLE001 - see STORE_RETRIES
                if attempt == STORE_RETRIES:
                    raise
                log.info("The store changed under the question (%s); reading it again", exc)
                loaded = self.reload(loaded, force=True)
        if result.abstained:
            log.info("Abstained on %r: %s", result.resolved_question, result.reason)
        return result, pool

    def _resolve(self, loaded: Loaded, question: str, history: list[str], use_model: bool) -> str:
        """The question standing alone: condensed by the model when there is one, else (or when it fails) by
        the rules on the corpus's own job list."""
        if history and use_model and self.backend is not None:
            condensed = condense(self.backend, question, history)
            if condensed:
                return in_corpus_words(loaded.corpus, condensed)
        return standing_alone(loaded.corpus, question, history)

    def _extractive(self, loaded: Loaded, question: str, history: list[str], top_k: int | None,
                    use_model: bool = False) -> tuple[Answer, list]:
        """The extractive answer (cited, with PDF pages) and the passages read."""
        retriever = loaded.retriever
        resolved = self._resolve(loaded, question, history, use_model)
        focus = self._cited_before(loaded, question, list(history), top_k)
        analysed = analyse(resolved, loaded.corpus.catalog, loaded.corpus.vocabulary)
        named = _named_sources(loaded.corpus, analysed)
        retrieval = retriever.retrieve(expand(resolved), top_k, prefer=focus | named)
        pool = retriever.reading_pool(retrieval.passages, also=focus | named)
        result = answer_stage.answer(resolved, retrieval.query_vector, pool, retriever.sentences(pool), loaded.corpus,
                                     focus=focus, analysed=analysed)
        result.retrieved = retrieval.passages
        result.question, result.resolved_question = question, resolved
        files = retriever.params.files
        result.citations = [replace(c, page=page_of(files.get(c.source, {}).get("pages", ()), c.start))
                            for c in result.citations]
        return result, pool

    def _cited_before(self, loaded: Loaded, question: str, history: list[str], top_k: int | None) -> frozenset[str]:
        """For a follow-up that names no job, the documents the previous answer cited (asked again: the CLI's
        `--history` and the evaluation give questions only; extractively, so an LLM backend is not called for
        it). Empty for a question naming its own job."""
        if not history or named_job(question, loaded.corpus.catalog):
            return frozenset()
        earlier = history[-FOCUS_TURNS - 1 : -1]
        previous, _ = self._extractive(loaded, history[-1], earlier, top_k)
        return frozenset() if previous.abstained else frozenset(c.source for c in previous.citations)


def standing_alone(corpus: CorpusView, question: str, history: list[str]) -> str:
    """The question resolved by the rules on the corpus's job list, every turn read in the corpus's words first:
    « et pour le mécano poids lourds ? » names the corpus's `mécanicien poids lourds`, not the job asked before."""
    turns = [in_corpus_words(corpus, turn) for turn in history]
    return in_corpus_words(corpus, resolve(in_corpus_words(corpus, question), turns, corpus.catalog))


def in_corpus_words(corpus: CorpusView, question: str) -> str:
    """The question with a shortened word written out (`psychomot`) and an everyday role name swapped for the one
    the corpus uses, when only that one names someone the corpus is about: « chauffeur de bus » asked of a blog on
    becoming a « conductrice de bus »."""
    question = corpus.unabbreviated(question, GLOSSARY.keys())  # (`dev web` is read by the glossary)
    swaps = [swapped for swapped in with_synonyms(question) if swapped != question]
    if not swaps or corpus.knows_person(job_slot(question, corpus.catalog.heads)):
        return question
    return next((s for s in swaps if corpus.knows_person(job_slot(s, corpus.catalog.heads))), question)


def _named_sources(corpus: CorpusView, q: Question) -> frozenset[str]:
    """The documents of the corpus job the question names, when it has few (`MAX_NAMED_SOURCES`): they are read
    whole even when the retriever missed them or ranked them low (« c combien le salaire d'une menuisière qui
    débute ? » found the cariste's salary table first). The retrieved list keeps the retriever's order."""
    jobs = [corpus.catalog.by_name(name) for name in q.jobs]
    sources = {source for job in jobs if job is not None for source in job.sources}
    return frozenset(sources) if len(sources) <= MAX_NAMED_SOURCES else frozenset()


def _evidence_first(result: Answer, pool: list) -> list:
    """Passages for the LLM: those holding the extractive citations first, then the retrieved ones."""
    cited = [p for p in pool if any(c.source == p.source and p.start <= c.start and c.end <= p.end for c in result.citations)]
    ordered = {p.id: p for p in [*cited, *result.retrieved]}
    return list(ordered.values())
