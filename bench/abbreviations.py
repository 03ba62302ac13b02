"""Time spent writing out a question's words typed short (`CorpusView.unabbreviated`), on the query path, against
a large made-up job catalog.

    python bench/abbreviations.py [--jobs 1500] [--questions 50]
"""

from __future__ import annotations

import argparse
import random
import string
import time

from assistant.index.profile import CorpusView, Job, JobCatalog

QUESTION = "combien gagne un technicien de maintenance industrielle en début de carrière à Lyon ?"


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 10)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=1500)
    parser.add_argument("--questions", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(0)
    word = lambda: made_up_word(rng)  # noqa: E731
    jobs = [Job(f"{word()} de {word()} {word()}", [f"{word()} de {word()} {word()}", f"{word()} {word()}"], [f"d{i}.md"])
            for i in range(args.jobs)]
    corpus = CorpusView(set(), JobCatalog(jobs), {}, [])
    corpus.unabbreviated(QUESTION)  # the catalog's lookups are built once, at the first question
    start = time.perf_counter()
    for _ in range(args.questions):
        corpus.unabbreviated(QUESTION)
    per_question = (time.perf_counter() - start) / args.questions * 1000
    print(f"{args.jobs} jobs ({2 * args.jobs} names): {per_question:.2f} ms per question")


if __name__ == "__main__":
    main()
