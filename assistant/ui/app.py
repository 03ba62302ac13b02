"""`assistant chat`: the browser chat, in French (Gradio). Wiring only: the turn logic is in `chat.py`.

Gradio is imported inside functions so that `assistant ask` does not pay for it. The page loads nothing from
outside the machine: default theme with its local fonts, no analytics, no share link.
"""

# No `from __future__ import annotations` here: Gradio reads the `gr.LikeData` annotation of the vote handler
# at run time to pass it the vote.
import argparse
import logging
import os
from pathlib import Path

from .. import messages
from ..config import Settings
from ..errors import AssistantError, FeedbackError, IndexMissingError, IndexStaleError
from ..ingest.sources import SUFFIXES
from .chat import Chat, find_record, message_text, render_notice, what_can_i_ask
from .chat import example_questions as build_examples
from .documents import COLUMNS, MAX_UPLOAD_MB, Library

log = logging.getLogger(__name__)

# The browser may load images, media, fonts and frames, and connect, only to this server: a document or a user
# that writes `<img src="http://…">` or `![x](http://…)` makes no outside request (text is also shown unrendered).
PAGE_POLICY = (
    "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; frame-src 'self'; "
    "connect-src 'self'; form-action 'self'"
)
# Turns answered at once: a turn is CPU work (embedding the question, scoring sentences) on a 2-core machine, so more
# workers than cores only slow each other; further questions wait in Gradio's queue (load bench: bench/load.py).
CSS = """
.cc-header h1 { margin-bottom: .2rem; }
.cc-header p { margin: .3rem 0; }
#cc-sources { max-height: 680px; overflow-y: auto; }
.cc-sources h3 { margin: 0 0 .6rem; }
.cc-source { border: 1px solid var(--border-color-primary); border-radius: var(--radius-lg);
  padding: .6rem .8rem; margin-bottom: .7rem; background: var(--background-fill-secondary); }
.cc-head { display: flex; gap: .4rem; align-items: baseline; }
.cc-marker { font-weight: 700; color: var(--color-accent); }
.cc-file { font-family: var(--font-mono); font-size: .85em; word-break: break-all; }
.cc-title { font-weight: 600; margin: .2rem 0 .4rem; }
.cc-passage { margin: 0; padding-left: .7rem; border-left: 3px solid var(--color-accent); font-size: .92em;
  line-height: 1.5; }
.cc-passage mark { background: #fde68a; color: #1f2937; padding: 0 .1em; border-radius: 2px; }
.cc-resolved, .cc-notice, .cc-removed { color: var(--body-text-color-subdued); font-style: italic; }
.cc-footnote { font-size: .85em; color: var(--body-text-color-subdued); }
"""


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    from ..cli import index_flags

    chat = subparsers.add_parser("chat", help="chat in the browser (indexes the corpus first if needed)")
    index_flags(chat)
    chat.add_argument("--corpus", help="documents to index if the index is missing (default: corpus)")
    chat.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    chat.add_argument("--port", type=int, help="port (default 7860)")
    chat.add_argument("--feedback", help="JSONL file where votes are appended (default: feedback.jsonl)")
    chat.set_defaults(run=run_chat)


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    assistant = load_assistant(settings)
    demo = build_app(assistant, settings)
    url = launch(demo, settings.host, settings.port)
    print(messages.CHAT_URL.format(url=url), flush=True)
    demo.block_thread()
    return 0


def load_assistant(settings: Settings, progress: bool = True):
    """The pipeline on the index, built first from the corpus if it does not exist yet or was written by an older
    version (a new version of the assistant should not greet its user with an error)."""
    from ..ingest.build import build_index
    from ..pipeline import Assistant

    try:
        return Assistant(settings)
    except (IndexMissingError, IndexStaleError) as exc:
        log.info("%s", exc)
        print(messages.CHAT_BUILDING_INDEX.format(index=settings.index, corpus=settings.corpus), flush=True)
        report = build_index(settings, progress=progress)
        print(report.summary(), flush=True)
        return Assistant(settings)


def _gradio():
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio

    return gradio


def build_app(assistant, settings: Settings):
    """The Gradio Blocks: header, chat (with examples and 👍/👎) and the sources panel beside it."""
    gr = _gradio()
    chat = Chat(assistant, Path(settings.feedback))
    def header() -> str:  # « Ce que je connais » follows the documents
        return f"# {messages.APP_TITLE}\n\n{messages.APP_TAGLINE}\n\n{what_can_i_ask(assistant.current().corpus.topics)}"

    examples = [[question, None] for question in build_examples(assistant.jobs)]

    def respond(message: str, history: list, records: list):  # a generator: Gradio streams what it yields
        yield from chat.respond(message, history, records)

    def not_empty(message: str):  # an empty message is not sent at all; the box says what to type
        return gr.validate(bool((message or "").strip()), messages.EMPTY_QUESTION)

    def on_vote(history: list, records: list, data: gr.LikeData):
        index = data.index if isinstance(data.index, int) else data.index[0]
        record = find_record(records, history, index, message_text(data.value))
        try:
            if chat.vote(record, data.liked):
                gr.Info(messages.FEEDBACK_THANKS, duration=3)
        except FeedbackError:
            gr.Warning(messages.FEEDBACK_FAILED, duration=8)

    with gr.Blocks(title=messages.APP_TITLE, analytics_enabled=False) as demo:
        heading = gr.Markdown(header(), elem_classes="cc-header")
        records = gr.State([])
        with gr.Tab(messages.CHAT_TAB, elem_id="cc-chat-tab"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=360):
                    sources = gr.HTML(render_notice(messages.SOURCES_WAITING), elem_id="cc-sources", render=False)
                    chatbot = gr.Chatbot(
                        label=messages.CHAT_LABEL, height=560, placeholder=messages.CHAT_EMPTY,
                        feedback_options=("Like", "Dislike"), buttons=["copy"], elem_id="cc-chatbot",
                        render_markdown=False,
                    )
                    textbox = gr.Textbox(
                        label=messages.CHAT_INPUT_LABEL, placeholder=messages.CHAT_PLACEHOLDER, show_label=False,
                        submit_btn=messages.CHAT_SUBMIT, autofocus=True, elem_id="cc-input",
                    )
                    gr.ChatInterface(
                        respond, chatbot=chatbot, textbox=textbox, additional_inputs=[records],
                        additional_outputs=[sources, records], examples=examples,
                        api_name="chat", fill_height=False, analytics_enabled=False, validator=not_empty,
                        concurrency_limit=settings.concurrent_turns,
                    )
                with gr.Column(scale=2, min_width=300):
                    sources.render()
            gr.Markdown(messages.CHAT_FOOTNOTE, elem_classes="cc-footnote")
        with gr.Tab(messages.DOCS_TAB, elem_id="cc-docs-tab"):
            documents_tab(gr, Library(settings, assistant), heading, header)
        chatbot.like(on_vote, [chatbot, records], None, api_visibility="private")
    return demo


def documents_tab(gr, library: Library, heading, header) -> None:
    """The « Documents » tab: the indexed documents, upload (drag and drop), removal, and a status line."""
    editable = not library.read_only
    gr.Markdown(messages.DOCS_INTRO.format(limit=MAX_UPLOAD_MB) + (
        "" if editable else "\n\n" + messages.DOCS_READ_ONLY_NOTE))
    table = gr.Dataframe(value=library.rows, headers=COLUMNS, interactive=False, elem_id="cc-docs", wrap=True)
    password = gr.Textbox(label=messages.DOCS_PASSWORD, type="password", elem_id="cc-docs-password",
                          visible=editable and not library.editable_without_password)
    upload = gr.File(label=messages.DOCS_UPLOAD, file_count="multiple", file_types=sorted(SUFFIXES),
                     interactive=editable, elem_id="cc-upload")
    with gr.Row():
        pick = gr.Dropdown(choices=library.names(), label=messages.DOCS_REMOVE_PICK, interactive=editable,
                           elem_id="cc-docs-pick")
        remove = gr.Button(messages.DOCS_REMOVE, variant="stop", interactive=editable, elem_id="cc-docs-remove")
    status = gr.Markdown(elem_id="cc-docs-status")

    def refreshed(change):
        note = ("✅ " if change.ok else "⚠️ ") + change.message
        return note, library.rows(), gr.update(choices=library.names(), value=None), None, header()

    def on_upload(files, secret, progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
        progress(0.1, desc=messages.DOCS_WORKING)
        paths = [getattr(f, "name", f) for f in files or []]
        names = [getattr(f, "orig_name", None) or Path(p).name for f, p in zip(files or [], paths, strict=True)]
        return refreshed(library.add(paths, secret, client_names=names))

    def on_remove(name, secret):
        return refreshed(library.remove(name, secret))

    outputs = [status, table, pick, upload, heading]
    upload.upload(on_upload, [upload, password], outputs, api_visibility="private", concurrency_limit=1)
    remove.click(on_remove, [pick, password], outputs, api_visibility="private", concurrency_limit=1)


def theme():
    """Gradio's default theme, indigo, with Source Sans Pro served locally in 400 and 700.

    Gradio 6.31 ships a SemiBold (600) file holding only a few glyphs: headings mixed fonts ("IA" drawn with
    two fonts). Declaring 700 instead makes the browser use the complete Bold file for every bold text.
    """
    gr = _gradio()
    font = gr.themes.LocalFont("Source Sans Pro", weights=(400, 700))
    return gr.themes.Default(primary_hue="indigo", font=[font, "ui-sans-serif", "system-ui", "sans-serif"])


class PagePolicy:
    """ASGI middleware adding `PAGE_POLICY` as the Content-Security-Policy of every HTTP response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_policy(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", PAGE_POLICY.encode())]
            await send(message)

        return await self.app(scope, receive, send_with_policy)


def launch(demo, host: str, port: int, quiet: bool = True) -> str:
    """Start the server without blocking; returns the local URL."""
    from starlette.middleware import Middleware

    try:
        _, url, _ = demo.launch(
            server_name=host, server_port=port, prevent_thread_lock=True, quiet=quiet, share=False,
            show_error=False, footer_links=["api"], ssr_mode=False, pwa=False, enable_monitoring=False,
            css=CSS, theme=theme(), app_kwargs={"middleware": [Middleware(PagePolicy)]},
            max_file_size=f"{MAX_UPLOAD_MB}mb",
        )
    except OSError as exc:
        message = f"Cannot listen on {host}:{port} ({exc}): run `assistant chat --port {port + 1}`."
        raise AssistantError(message) from exc
    return url
