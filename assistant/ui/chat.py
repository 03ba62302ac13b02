"""One chat turn, without Gradio: read the conversation, ask the assistant, render the answer and its sources,
log a vote. The Gradio wiring is in `app.py`; everything here is testable without a browser."""

from __future__ import annotations

import html
import json
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import messages
from ..answer.figures import french_amount
from ..errors import (
    EmptyQuestionError,
    FeedbackError,
    IndexMissingError,
    ModelMismatchError,
    QuestionTooLongError,
)
from ..text import fold, of
from ..types import Answer, Citation

log = logging.getLogger(__name__)

CONTEXT_CHARS = 260  # passage text shown on each side of the cited sentence


@dataclass
class Turn:
    """What the chat shows for one message: the reply, the sources panel, and what a vote records."""

    question: str
    text: str
    sources_html: str
    answer: Answer | None = None
    citations: list[dict] = field(default_factory=list)
    done: bool = True  # False while a model is still writing

    def record(self) -> dict:
        resolved = self.answer.resolved_question if self.answer else ""
        return {"question": self.question, "resolved_question": resolved or self.question,
                "answer": self.text, "citations": self.citations}


# ---- conversation ----------------------------------------------------------------------------------------

def message_text(content: object) -> str:
    """The text of a Gradio message content: a string, a {"type": "text", "text": ...} dict or a list."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "") if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return " ".join(t for t in (message_text(c) for c in content) if t)
    return ""


def user_questions(history: list[dict] | None, limit: int | None = None) -> list[str]:
    """The earlier user questions of this conversation, oldest first (empty and over-long ones left out).

    Only the conversation passed in is read, so two browser sessions never see each other's questions.
    """
    questions = []
    for message in history or []:
        if not isinstance(message, dict) or message.get("role") != "user":
            continue
        text = message_text(message.get("content")).strip()
        if text and (limit is None or len(text) <= limit):
            questions.append(text)
    return questions


# ---- one turn --------------------------------------------------------------------------------------------

def error_text(exc: Exception) -> str:
    """A short French message for the chat; the details go to the log, never to the page."""
    if isinstance(exc, EmptyQuestionError):
        return messages.EMPTY_QUESTION
    if isinstance(exc, QuestionTooLongError):
        return messages.TOO_LONG.format(length=french_amount(exc.length), limit=french_amount(exc.limit))
    if isinstance(exc, IndexMissingError):
        log.error("%s", exc)
        return messages.INDEX_MISSING
    if isinstance(exc, ModelMismatchError):
        log.error("%s", exc)
        return messages.MODEL_MISMATCH
    log.error("Chat turn failed", exc_info=exc)
    return messages.INTERNAL_ERROR


class Chat:
    """The chat's use of one shared `Assistant`, by many people at once: errors become French replies."""

    def __init__(self, assistant, feedback_path: Path) -> None:
        self.assistant = assistant
        self.feedback_path = Path(feedback_path)
        self._log_lock = threading.Lock()

    def stream(self, message: str | None, history: list[dict] | None = None) -> Iterator[Turn]:
        """The turn as it is written: with a model, the sources of the draft at once, then the text as it streams
        (only checked sentences and the one being written), then the final answer."""
        question = (message or "").strip()
        limit = self.assistant.settings.max_question_chars
        try:
            for step in self.assistant.ask_stream(question, history=user_questions(history, limit)):  # validates it
                if step.answer is None:
                    sources = render_sources(step.draft) if step.draft else render_notice(messages.SOURCES_WAITING)
                    yield Turn(question, step.text or messages.WRITING, sources, done=False)
                else:
                    yield final_turn(question, step.answer)
        except Exception as exc:  # every failure becomes a short French reply, the details go to the log
            yield Turn(question, error_text(exc), render_notice(messages.SOURCES_WAITING))

    def reply(self, message: str | None, history: list[dict] | None = None) -> Turn:
        *_, last = self.stream(message, history)
        return last

    def respond(self, message: str | None, history: list[dict] | None,
                records: list[dict] | None) -> Iterator[tuple[str, str, list[dict]]]:
        """The turn for the page, as it is written: (text so far, sources HTML, records + this turn once done).
        The extractive answer is ready at once and comes in one piece: no pretend streaming."""
        for turn in self.stream(message, history):
            yield turn.text, turn.sources_html, [*(records or []), *([turn.record()] if turn.done else [])]

    def vote(self, record: dict, liked: object) -> dict | None:
        """Append a 👍/👎 on an answer to the feedback log; returns the logged entry (None if not a vote)."""
        votes = {True: "up", False: "down", "Like": "up", "Dislike": "down"}
        vote = votes.get(liked) if isinstance(liked, (bool, str)) else None
        if vote is None:
            return None
        entry = {"time": datetime.now(UTC).isoformat(timespec="seconds"), "vote": vote, **record}
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._log_lock:
            try:
                self.feedback_path.parent.mkdir(parents=True, exist_ok=True)
                with self.feedback_path.open("a", encoding="utf-8") as f:
                    f.write(line)
            except OSError as exc:  # never lost silently: the log says why, the chat tells the person
                log.error("Vote not saved to %s: %s", self.feedback_path, exc)
                raise FeedbackError(f"Cannot write votes to {self.feedback_path}: {exc}. Give --feedback a writable file.") from exc
        return entry


def find_record(records: list[dict], history: list[dict] | None, index: int, liked_text: str) -> dict:
    """The turn a vote is about: the latest recorded turn with that answer, else rebuilt from the history."""
    wanted = _squash(liked_text)
    for record in reversed(records or []):
        if _squash(record.get("answer", "")) == wanted:
            return record
    history = history or []
    question = next(
        (message_text(m.get("content")) for m in reversed(history[:index]) if m.get("role") == "user"), ""
    )
    return {"question": question, "resolved_question": question, "answer": liked_text, "citations": []}


def _squash(text: str) -> str:
    return " ".join(text.split())


def final_turn(question: str, answer: Answer) -> Turn:
    """The finished turn: the answer and its note (e.g. the model could not be used); the sentences removed for
    want of a source go discreetly under the sources."""
    text = f"{answer.text}\n\n{answer.note}" if answer.note else answer.text
    sources = render_sources(answer)
    if answer.removed_claims:
        removed = messages.REMOVED_CLAIMS.format(claims=" | ".join(answer.removed_claims))
        sources += f'\n<p class="cc-removed">{html.escape(removed)}</p>'
    return Turn(question, text, sources, answer, [c.to_dict() for c in answer.citations])


# ---- rendering -------------------------------------------------------------------------------------------

def render_notice(text: str) -> str:
    return f'<div class="cc-sources"><p class="cc-notice">{html.escape(text)}</p></div>'


def render_sources(answer: Answer) -> str:
    """The sources panel: each citation's number, file, title, and passage with the sentence highlighted."""
    parts = ['<div class="cc-sources">', f"<h3>{html.escape(messages.SOURCES)}</h3>"]
    if answer.resolved_question and _squash(answer.resolved_question) != _squash(answer.question):
        resolved = messages.RESOLVED_AS.format(question=answer.resolved_question)
        parts.append(f'<p class="cc-resolved">{html.escape(resolved)}</p>')
    if not answer.citations:
        parts.append(f'<p class="cc-notice">{html.escape(messages.SOURCES_NONE)}</p>')
    parts += [render_citation(c) for c in answer.citations]
    parts.append("</div>")
    return "\n".join(parts)


def render_citation(c: Citation) -> str:
    return (
        f'<div class="cc-source" id="source-{c.marker}">'
        f'<div class="cc-head"><span class="cc-marker">[{c.marker}]</span> '
        f'<span class="cc-file">{html.escape(c.source)}</span>'
        + (f' <span class="cc-page">{html.escape(messages.PAGE.format(page=c.page))}</span>' if c.page else "")
        + '</div>'
        f'<div class="cc-title">{html.escape(c.title)}</div>'
        f'<blockquote class="cc-passage">{highlight(c)}</blockquote></div>'
    )


def highlight(c: Citation, context: int = CONTEXT_CHARS) -> str:
    """The cited sentence in <mark>, within `context` characters of its passage on each side (escaped)."""
    start, end = c.start - c.passage_start, c.end - c.passage_start
    if not (0 <= start < end <= len(c.passage)) or fold(c.passage[start:end]) != fold(c.quote):
        found = c.passage.find(c.quote) if c.quote else -1
        if found < 0:
            return f"<mark>{html.escape(c.quote)}</mark>"
        start, end = found, found + len(c.quote)
    before, after = c.passage[max(0, start - context) : start], c.passage[end : end + context]
    if start > context:
        before = "… " + re.sub(r"^\S*\s", "", before, count=1)
    if end + context < len(c.passage):
        after = re.sub(r"\s\S*$", "", after, count=1) + " …"
    quote = c.passage[start:end]
    return _paragraphs(before) + f"<mark>{html.escape(quote)}</mark>" + _paragraphs(after)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n\n", "<br><br>").replace("\n", " ")


def topic_label(topic: str) -> str:
    """"Ingénieur prompt" -> "ingénieur prompt" (acronyms kept: "IA", "MLOps")."""
    return topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic


def what_can_i_ask(topics: list[str]) -> str:
    return messages.WHAT_TO_ASK.format(topics=", ".join(topic_label(t) for t in topics)) if topics else ""


def example_questions(topics: list[str]) -> list[str]:
    """Questions on the jobs the corpus covers: salary, studies, missions, employers (one job each)."""
    jobs = [topic_label(t) for t in topics if len(t.split()) <= 6][:4]
    templates = (messages.EXAMPLE_SALARY, messages.EXAMPLE_STUDIES, messages.EXAMPLE_MISSIONS, messages.EXAMPLE_HIRING)
    return [template.format(job=job, of=of(job)) for template, job in zip(templates, jobs, strict=False)]
