"""The whole question path, shared by the CLI, the chat app and the evaluation: validate, resolve the
follow-up, retrieve, answer."""

from __future__ import annotations

import logging

from . import answer as answer_stage
from .config import Settings
from .conversation import resolve
from .embed import Embedder
from .errors import EmptyQuestionError, QuestionTooLongError
from .lexicon import expand
from .llm import Backend, rephrase
from .profile import CorpusView, Profile
from .retrieve import Retriever
from .types import Answer

log = logging.getLogger(__name__)


class Assistant:
    """Loads the index once; `ask` answers one question (with the earlier user questions for follow-ups)."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.retriever = Retriever(settings, embedder)
        self.corpus = CorpusView.of(Profile.from_dict(self.retriever.params.profile), self.retriever.vocabulary)
        self.backend = Backend.from_settings(settings)

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
        question = self.validate(question)
        resolved = resolve(question, list(history), self.corpus.catalog)
        retrieval = self.retriever.retrieve(expand(resolved), top_k)
        pool = self.retriever.reading_pool(retrieval.passages)
        result = answer_stage.answer(resolved, retrieval.query_vector, pool, self.retriever.sentences(pool), self.corpus)
        result.retrieved = retrieval.passages
        result.question, result.resolved_question = question, resolved
        if self.backend is not None:
            result = rephrase(self.backend, result, _evidence_first(result, pool))
        if result.abstained:
            log.info("Abstained on %r: %s", resolved, result.reason)
        return result


def _evidence_first(result: Answer, pool: list) -> list:
    """Passages for the LLM: those holding the extractive citations first, then the retrieved ones."""
    cited = [p for p in pool if any(c.source == p.source and p.start <= c.start and c.end <= p.end for c in result.citations)]
    ordered = {p.id: p for p in [*cited, *result.retrieved]}
    return list(ordered.values())
