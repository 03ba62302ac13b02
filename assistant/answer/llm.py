"""Optional generative backends, Ollama and OpenAI-compatible servers, through llama-index's integrations
(`llama-index-llms-ollama`, `llama-index-llms-openai-like`: timeouts, retries and token streaming).

The extractive answerer still decides whether to answer (abstention stays evidence-based). The model then writes the
answer from numbered passages, delimited as data (`prompts/`), token by token; each sentence is checked as it
completes by `verify.Checker`, the evaluation's own claim check: kept, re-pointed to the passage that supports it,
or removed and listed in `removed_claims`. When the model cannot be used (unreachable, timeout, an error, an empty
or unusable reply) the extractive answer stands, with a one-line note saying why. With history, the model also
condenses the conversation into a standalone question before retrieval (the rule-based resolver is the fallback).
API keys come only from the environment and are never logged, written or shown.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources

from .. import messages
from ..config import Settings
from ..errors import BackendError
from ..text import strip_markup
from ..types import Answer, Citation, Passage
from .verify import Checker, evidence

log = logging.getLogger(__name__)
DEFAULT_URLS = {"ollama": "http://127.0.0.1:11434", "openai": "http://127.0.0.1:8000/v1"}
MAX_PASSAGES = 5  # passages given to the model
CONTEXT_WINDOW = 8192  # told to the integrations, so Ollama's is not asked of the server
NO_KEY = "no-key"  # OpenAI's client wants a key; local servers ignore it
MAX_CONDENSED_CHARS = 300  # a standalone question longer than this is not one


@dataclass(frozen=True)
class Backend:
    kind: str  # "ollama" or "openai"
    model: str
    url: str
    timeout: float
    retries: int = 1
    api_key: str = field(default="", repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Backend | None:
        if not settings.llm:
            return None
        kind, _, model = settings.llm.partition(":")
        if kind not in DEFAULT_URLS or not model:
            raise BackendError(f"Unknown LLM backend '{settings.llm}': use ollama:MODEL or openai:MODEL.")
        key = os.environ.get("ASSISTANT_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY", "")
        url = (settings.llm_url or DEFAULT_URLS[kind]).rstrip("/")
        return cls(kind, model, url, settings.llm_timeout, settings.llm_retries, key)

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.model}"

    @cached_property
    def llm(self):
        """The llama-index LLM (imported on first use: `assistant ask` without a model never loads it)."""
        if self.kind == "ollama":
            from llama_index.llms.ollama import Ollama

            return Ollama(model=self.model, base_url=self.url, request_timeout=self.timeout, temperature=0.0,
                          context_window=CONTEXT_WINDOW)
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(model=self.model, api_base=self.url, api_key=self.api_key or NO_KEY, timeout=self.timeout,
                          max_retries=self.retries, temperature=0.0, is_chat_model=True, context_window=CONTEXT_WINDOW)

    def stream(self, system: str, user: str) -> Iterator[str]:
        """The reply's text as it is generated, piece by piece; a failure raises BackendError with the reason."""
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        try:
            for response in self.llm.stream_chat(chat):
                if response.delta:
                    yield response.delta
        except Exception as exc:  # noqa: BLE001 - each client raises its own types; the reason is what matters
            raise BackendError(reason(exc)) from exc

    def complete(self, system: str, user: str) -> str:
        return "".join(self.stream(system, user))


def reason(exc: Exception) -> str:
    """Why a model call failed, in French, for the note the person sees (the log has the exception)."""
    kind = type(exc).__name__.lower()
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if "timeout" in kind or "timed out" in str(exc).lower():
        return messages.LLM_TIMEOUT
    if isinstance(status, int):
        return messages.LLM_STATUS.format(status=status)
    if "connect" in kind or isinstance(exc, ConnectionError):
        return messages.LLM_UNREACHABLE
    return messages.LLM_ERROR


def prompt(name: str) -> str:
    return resources.files("assistant").joinpath(f"prompts/{name}").read_text(encoding="utf-8")


def passage_block(number: int, passage: Passage) -> str:
    """One passage for the model: plain text, orders to an assistant removed, inside delimiters it cannot close."""
    text = evidence(strip_markup(passage.text)).replace("<", "‹").replace(">", "›")
    source = passage.source.replace('"', "'").replace("<", "‹").replace(">", "›")
    return f'<extrait numero="{number}" source="{source}">\n{text}\n</extrait>'


def answer_prompt(question: str, passages: list[Passage]) -> str:
    blocks = "\n".join(passage_block(i, p) for i, p in enumerate(passages, start=1))
    return prompt("answer.fr.txt").format(passages=blocks, question=question)


@dataclass
class Step:
    """What the person sees so far: `text` while the model writes, `answer` once it is done."""

    text: str
    answer: Answer | None = None
    draft: Answer | None = None  # the extractive answer, whose citations the sources panel shows meanwhile


def generate(backend: Backend, extractive: Answer, passages: list[Passage]) -> Iterator[Step]:
    """The model's answer, streamed and checked sentence by sentence; the last step carries the final Answer:
    the model's checked answer, or the extractive one with a note when the model could not be used."""
    shown = passages[:MAX_PASSAGES]
    checker = Checker([p.text for p in shown])
    question = extractive.resolved_question or extractive.question
    try:
        for delta in backend.stream(prompt("system.fr.txt"), answer_prompt(question, shown)):
            yield Step(checker.feed(delta))
    except BackendError as exc:
        log.warning("The model %s could not be used (%s): keeping the extractive answer.", backend.name, exc,
                    exc_info=exc.__cause__)
        yield Step(extractive.text, _with_note(extractive, str(exc)))
        return
    checked = checker.finish()
    if not checked.cited:
        why = messages.LLM_EMPTY if not checker.raw.strip() else messages.LLM_UNSUPPORTED
        log.warning("The model %s gave no supported sentence (%r): keeping the extractive answer.", backend.name,
                    checker.raw[:200])
        final = _with_note(extractive, why)
        final.removed_claims = checked.removed
        yield Step(final.text, final)
        return
    citations = [_citation(n, shown[i]) for n, i in enumerate(checked.cited, start=1)]
    final = replace(extractive, text=checked.text, citations=citations, generator=backend.name, note="",
                    removed_claims=checked.removed)
    yield Step(final.text, final)


def _with_note(extractive: Answer, why: str) -> Answer:
    return replace(extractive, note=messages.LLM_NOT_USED.format(reason=why), generator="extractive")


def _citation(marker: int, p: Passage) -> Citation:
    return Citation(marker, p.source, p.title, p.start, p.end, p.text, p.text, p.start)


def condense(backend: Backend, question: str, history: list[str]) -> str | None:
    """The conversation as one standalone question, or None when the model fails or replies with something
    that is not one question (the caller then resolves the follow-up by rules)."""
    earlier = "\n".join(f"- {q}" for q in history)
    try:
        reply = backend.complete("", prompt("condense.fr.txt").format(history=earlier, question=question))
    except BackendError as exc:
        log.warning("The model %s could not condense the follow-up (%s): resolving it by rules.", backend.name, exc)
        return None
    lines = [line.strip().strip("«»\"“” ") for line in reply.strip().splitlines() if line.strip()]
    standalone = lines[0] if len(lines) == 1 else ""
    if not standalone or len(standalone) > MAX_CONDENSED_CHARS or "[" in standalone:
        log.warning("The model's condensed question is unusable (%r): resolving the follow-up by rules.", reply[:200])
        return None
    log.info("Follow-up %r condensed to %r", question, standalone)
    return standalone
