"""Optional generative backends (Ollama, OpenAI-compatible servers) that rephrase a grounded answer.

The extractive answerer still decides whether to answer (abstention stays evidence-based); the LLM only writes
the answer from the numbered passages. Its output is then checked like the evaluation checks claims: every
sentence must carry a marker of an existing passage and every number it states must be in that passage (or be
announced as derived). Unsupported sentences are dropped; if nothing is left, or the server fails, the
extractive answer is kept. API keys come only from the environment and are never written anywhere.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import resources

from .citations import MARKER
from .config import Settings
from .errors import BackendError
from .figures import allowed_numbers
from .text import numbers, sentence_spans
from .types import Answer, Citation, Passage

log = logging.getLogger(__name__)
DEFAULT_URLS = {"ollama": "http://127.0.0.1:11434", "openai": "http://127.0.0.1:8000/v1"}
MAX_PASSAGES = 5


@dataclass(frozen=True)
class Backend:
    kind: str  # "ollama" or "openai"
    model: str
    url: str
    timeout: float
    api_key: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Backend | None:
        if not settings.llm:
            return None
        kind, _, model = settings.llm.partition(":")
        if kind not in DEFAULT_URLS or not model:
            raise BackendError(f"Unknown LLM backend '{settings.llm}': use ollama:MODEL or openai:MODEL.")
        key = os.environ.get("ASSISTANT_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY", "")
        return cls(kind, model, (settings.llm_url or DEFAULT_URLS[kind]).rstrip("/"), settings.llm_timeout, key)

    def complete(self, prompt: str) -> str:
        """The model's reply to one user message (non-streaming)."""
        messages = [{"role": "user", "content": prompt}]
        if self.kind == "ollama":
            url, body = f"{self.url}/api/chat", {"model": self.model, "messages": messages, "stream": False,
                                                 "options": {"temperature": 0}}
        else:
            url, body = f"{self.url}/chat/completions", {"model": self.model, "messages": messages, "temperature": 0}
        data = self._post(url, body)
        try:
            if self.kind == "ollama":
                return data["message"]["content"]
            return data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise BackendError(f"The {self.kind} server at {self.url} sent an unexpected reply: {str(data)[:200]}") from exc

    def _post(self, url: str, body: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(url, json.dumps(body).encode("utf-8"), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
            raise BackendError(f"The {self.kind} server at {self.url} did not answer ({exc}): is it running?") from exc


def build_prompt(question: str, passages: list[Passage]) -> str:
    template = resources.files("assistant").joinpath("prompts/answer.fr.txt").read_text(encoding="utf-8")
    numbered = "\n\n".join(f"[{i}] ({p.source}) {p.text}" for i, p in enumerate(passages, start=1))
    return template.format(passages=numbered, question=question)


def supported(sentence: str, passage: Passage) -> bool:
    """All numbers of the sentence appear in the passage, or are its ×12 / ÷12 values announced as derived."""
    plain = MARKER.sub("", sentence)
    return numbers(plain) <= allowed_numbers(plain, passage.text)


def grounded_rewrite(text: str, passages: list[Passage]) -> tuple[str, list[Citation]]:
    """Keep the LLM sentences whose markers point to passages that support them; renumber the markers."""
    kept, order = [], []
    for span in sentence_spans(text.strip()):
        sentence = text.strip()[span.start : span.end]
        cited = [int(m) for m in MARKER.findall(sentence) if 1 <= int(m) <= len(passages)]
        if not cited or not all(supported(sentence, passages[n - 1]) for n in cited):
            log.info("Dropped an unsupported LLM sentence: %r", sentence)
            continue
        for n in cited:
            if n not in order:
                order.append(n)
        kept.append(MARKER.sub(lambda m: f"[{order.index(int(m.group(1))) + 1}]" if int(m.group(1)) in order else "", sentence))
    citations = [
        Citation(i, passages[n - 1].source, passages[n - 1].title, passages[n - 1].start, passages[n - 1].end,
                 passages[n - 1].text, passages[n - 1].text, passages[n - 1].start)
        for i, n in enumerate(order, start=1)
    ]
    return " ".join(kept), citations


def rephrase(backend: Backend, answer: Answer, passages: list[Passage]) -> Answer:
    """The LLM's grounded answer, or `answer` unchanged when the LLM fails or says nothing supported."""
    if answer.abstained:
        return answer
    shown = passages[:MAX_PASSAGES]
    try:
        reply = backend.complete(build_prompt(answer.resolved_question or answer.question, shown))
    except BackendError as exc:
        log.warning("%s Keeping the extractive answer.", exc)
        return answer
    text, citations = grounded_rewrite(reply, shown)
    if not citations:
        log.warning("The LLM answer had no supported, cited sentence: keeping the extractive answer.")
        return answer
    return Answer(answer.question, text, False, citations, answer.retrieved, answer.resolved_question,
                  answer.confidence, "")
