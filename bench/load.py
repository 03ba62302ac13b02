"""Load bench: many people chatting at once with one `assistant chat` server.

    python bench/load.py [--index index] [--clients 8] [--questions 15] [--dataset eval/questions.jsonl]

Starts the chat app on a free port (the index must exist: `assistant ingest`), then runs `--clients` threads, each
its own Gradio client asking `--questions` questions from the dataset through the `/chat` API, one after another
as a person would. Prints errors, the latency of one question asked alone, then p50 / p95 / max under load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

from assistant import messages
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.ui.app import build_app, launch


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def questions(dataset: Path) -> list[str]:
    rows = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["question"] for row in rows if not row.get("history")]


def client_run(url: str, asked: list[str], latencies: list[float], errors: list[str]) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    for question in asked:
        started = time.perf_counter()
        try:
            answer, _ = client.predict(question, api_name="/chat")
            if answer == messages.INTERNAL_ERROR:
                errors.append(f"apology for {question!r}")
        except Exception as exc:  # noqa: BLE001 - every failure is counted
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("eval/questions.jsonl"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--questions", type=int, default=15)
    args = parser.parse_args()

    settings = Settings.load(index=args.index)
    demo = build_app(Assistant(settings), settings)
    url = launch(demo, "127.0.0.1", free_port())
    pool = questions(args.dataset)
    alone: list[float] = []
    client_run(url, pool[:5], alone, [])

    latencies: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=client_run, args=(url, [pool[(c * 7 + i) % len(pool)] for i in range(args.questions)],
                                                  latencies, errors))
        for c in range(args.clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    demo.close()

    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0.0] * 19
    print(f"alone: p50 {statistics.median(alone):.2f} s over {len(alone)} questions")
    print(f"{args.clients} clients x {args.questions} questions: {len(latencies)} answered, {len(errors)} errors, "
          f"p50 {statistics.median(latencies):.2f} s, p95 {cuts[18]:.2f} s, max {max(latencies):.2f} s, "
          f"{len(latencies) / wall:.1f} answers/s")
    for error in errors[:5]:
        print("  error:", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
