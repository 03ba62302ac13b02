"""Which PDF library reads French career PDFs best: pypdfium2 (chosen) against pypdf, on a generated 300-page PDF.

    pip install pypdf  # only for this comparison
    python bench/pdf_readers.py [--pages 300]

Measures the seconds to extract every page, and the text quality: the share of the known French sentences found
verbatim (accents, apostrophes, € and digit groups intact) in the extracted text.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Le technicien de maintenance {n} gagne 1 850 € brut par mois en début de carrière.",
    "Après dix ans, l'ingénieure d'études {n} perçoit près de 3 200 € : « c'est un métier d'avenir ».",
    "Qualités requises : rigueur, sens de l'écoute, goût du travail en équipe (niveau bac + 2 à bac + 5).",
]


def make_pdf(pages: int) -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    pdf = FPDF()
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core, for € and « »
    if font.exists():
        pdf.add_font("dejavu", fname=str(font))
        pdf.set_font("dejavu", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    expected = []
    for n in range(pages):
        pdf.add_page()
        for sentence in SENTENCES:
            text = sentence.format(n=n).replace("€", "EUR") if not font.exists() else sentence.format(n=n)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            expected.append(text)
    return bytes(pdf.output()), expected


def with_pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    data, expected = make_pdf(args.pages)
    Path(tempfile.gettempdir(), "bench.pdf").write_bytes(data)
    for name, read in (("pypdfium2", with_pdfium), ("pypdf", with_pypdf)):
        try:
            started = time.perf_counter()
            text = read(data)
        except ImportError:
            print(f"{name}: not installed")
            continue
        seconds = time.perf_counter() - started
        flat = " ".join(text.split())
        found = sum(" ".join(s.split()) in flat for s in expected) / len(expected)
        print(f"{name}: {seconds:.2f} s for {args.pages} pages, {found:.1%} of the sentences found verbatim")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
