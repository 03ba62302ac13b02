"""Time `parse_document` on a long generated plain text with many headings (a PDF export's shape).

    python bench/headings.py [--sections 1500] [--capitals]

Each section is a heading, a `Le métier` and a `Rémunération` subheading with one sentence each; `--capitals` writes
the section headings in capitals (`12. MÉTIER NUMÉRO 12`), which opens sections for the plain headings after them.
"""

from __future__ import annotations

import argparse
import sys
import time

from assistant.config import Settings
from assistant.ingest.build import parse_document


def generated(sections: int, capitals: bool) -> str:
    parts = ["GUIDE DES MÉTIERS"]
    for i in range(sections):
        heading = f"{i}. MÉTIER NUMÉRO {i}" if capitals else f"Métier numéro {i}"
        parts += [heading, "", "Le métier", "Le cordier tresse les cordages toute la journée en atelier.", "",
                  "Rémunération", f"Un débutant touche {1800 + i} € brut par mois.", ""]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=1500)
    parser.add_argument("--capitals", action="store_true")
    args = parser.parse_args()
    text = generated(args.sections, args.capitals)
    started = time.perf_counter()
    doc = parse_document("guide.txt", text, Settings())
    print(f"{len(text)} characters, {len(doc.headings)} headings: {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
