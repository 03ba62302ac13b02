"""What an unchanged big file costs a re-ingest: read and clean it, or take its parsed copy.

    python bench/reingest.py [--megabytes 20]

Writes a made-up French career page of `--megabytes` MB in a temporary corpus, reads the corpus once (as a first
ingest does: read, clean, split, save the parsed copy), then again as a re-ingest does with the first run's file
records (size and modification time unchanged). Prints the time of each. Embedding is left out:
it is the same in both cases (no new text, nothing embedded).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.index import store
from assistant.ingest.build import _file_entry, read_corpus

PARAGRAPH = (
    "Le technicien de maintenance {n} contrôle les installations, rédige un rapport et propose des améliorations. "
    "Son salaire de départ est de {pay} € brut par mois, selon la convention collective de la branche.\n\n"
)


def measure(label: str, run) -> object:
    started = time.perf_counter()
    result = run()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="reingest-"))
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    text, n = ["Technicien de maintenance\n\n"], 0
    size = args.megabytes * 2**20
    while sum(map(len, text)) < size:
        text.append(PARAGRAPH.format(n=n, pay=1800 + n % 900))
        n += 1
    (corpus / "gros.txt").write_text("".join(text), encoding="utf-8")
    settings = Settings(corpus=corpus, index=index)
    index.mkdir()

    docs, _ = measure(f"first read of {args.megabytes:g} MB (read, clean, split)", lambda: read_corpus(settings))
    previous = store.IndexParams("model", 1, settings.chunk_size, settings.chunk_overlap,
                                 files={d.name: _file_entry(d) for d in docs})
    again, _ = measure("re-ingest, file unchanged (parsed copy)", lambda: read_corpus(settings, previous))
    assert [d.sha256 for d in again] == [d.sha256 for d in docs]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
