"""PDF, Word and OpenDocument files, generated here: read as structure, cited with their page, and bad files
skipped with a reason while the good ones are indexed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main as cli
from assistant.config import Settings
from assistant.ingest.build import build_index
from assistant.ingest.sources import UnreadableFile, read_document, read_source
from assistant.pipeline import Assistant

PDF_PAGES = [
    ("Apiculteur / apicultrice", "L'apiculteur élève des abeilles pour produire du miel et de la gelée royale. Il "
     "entretient ses ruches toute l'année et surveille la santé des colonies avec le vétérinaire."),
    ("Salaire", "Un apiculteur salarié débutant gagne environ 1 850 euros brut par mois. Après dix ans de métier, "
     "il peut gagner 2 600 euros brut par mois."),
]


def make_pdf(path: Path) -> Path:
    """Two pages: the job on page 1, its salary on page 2."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Fiche métier : Apiculteur")
    for heading, body in PDF_PAGES:
        pdf.add_page()
        pdf.set_font("Helvetica", size=15)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Sommelier / sommelière", 0)
    document.add_heading("Salaire", 1)
    document.add_paragraph("Le sommelier débutant gagne 1 900 € brut par mois dans un restaurant.")
    document.add_heading("Compétences", 1)
    document.add_paragraph("Connaître les vins et les vignobles", style="List Bullet")
    document.add_paragraph("Conseiller les clients à table", style="List Bullet")
    document.save(str(path))
    return path


def make_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Horloger / horlogère"))
    document.text.addElement(H(outlinelevel=2, text="Formation"))
    document.text.addElement(P(text="Le CAP horlogerie se prépare en deux ans après la troisième."))
    document.save(str(path))
    return path


def make_scan(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 40, style="F")  # a picture, no text layer
    pdf.output(str(path))
    return path


def test_each_format_is_read_as_structure(tmp_path: Path) -> None:
    pdf = read_document(make_pdf(tmp_path / "a.pdf"))
    assert pdf.title == "Fiche métier : Apiculteur" and len(pdf.pages) == 2
    assert pdf.text.index("1 850 euros") > pdf.pages[1] > pdf.text.index("vétérinaire")  # page 2 holds the salary
    word = read_document(make_docx(tmp_path / "b.docx"))
    assert {word.text[start:].split("\n")[0]: level for start, level in word.headings.items()} == {
        "Sommelier / sommelière": 1, "Salaire": 2, "Compétences": 2}
    assert "- Connaître les vins et les vignobles\n- Conseiller les clients à table" in word.text
    odt = read_document(make_odt(tmp_path / "c.odt"))
    assert "Formation" in [odt.text[s:].split("\n")[0] for s in odt.headings]
    assert "Le CAP horlogerie se prépare en deux ans après la troisième." in odt.text


@pytest.mark.parametrize(("name", "content", "why"), [
    ("casse.pdf", b"%PDF-1.4 " + b"\x00garbage" * 40, "damaged"),
    ("faux.docx", b"PK\x03\x04 not a zip at all", "not really a .docx"),
    ("faux.odt", b"<html>a web page renamed</html>", "not really a .odt"),
])
def test_damaged_files_are_unreadable_with_a_reason(tmp_path: Path, name: str, content: bytes, why: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnreadableFile, match=why):
        read_document(tmp_path / name)


def test_a_pdf_answer_cites_its_page_and_bad_files_are_named(tmp_path: Path, minilm_embedder, minilm_model,
                                                              capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf(corpus / "apiculteur.pdf")
    make_docx(corpus / "sommelier.docx")
    make_odt(corpus / "horloger.odt")
    make_scan(corpus / "scan.pdf")
    (corpus / "casse.pdf").write_bytes(b"%PDF-1.4 broken")
    settings = Settings(corpus=corpus, index=tmp_path / "index", embed_model=minilm_model)
    report = build_index(settings, embedder=minilm_embedder, progress=False)
    assert sorted(report.added) == ["apiculteur.pdf", "horloger.odt", "sommelier.docx"]
    assert "no text layer" in report.skipped["scan.pdf"] and "damaged" in report.skipped["casse.pdf"]

    result = Assistant(settings, embedder=minilm_embedder).ask("combien gagne un apiculteur débutant ?")
    cited = result.to_dict()["citations"][0]
    assert cited["source"] == "apiculteur.pdf" and cited["page"] == 2 and "1 850" in cited["quote"]
    text = read_source(corpus / "apiculteur.pdf")
    assert text[cited["start"] : cited["end"]] == cited["quote"]

    code = cli(["show", "apiculteur.pdf", "--corpus", str(corpus), "--start", str(cited["start"]),
                "--end", str(cited["end"])])
    assert code == 0 and capsys.readouterr().out.strip() == cited["quote"]
    assert cli(["show", "../secret.txt", "--corpus", str(corpus)]) == 1  # nothing outside the corpus
    word = Assistant(settings, embedder=minilm_embedder).ask("salaire du sommelier débutant ?")
    assert json.dumps(word.to_dict()["citations"][0]["page"]) == "null"  # no pages in a Word file


def test_encrypted_pdf_zip_of_something_else_and_vanished_file(tmp_path: Path) -> None:
    import zipfile

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica")
    pdf.cell(0, 10, "Salaire confidentiel : 3 000 euros.")
    pdf.output(str(tmp_path / "protege.pdf"))
    with pytest.raises(UnreadableFile, match="encrypted"):
        read_document(tmp_path / "protege.pdf")
    with zipfile.ZipFile(tmp_path / "archive.docx", "w") as archive:
        archive.writestr("notes.txt", "des notes")
    with pytest.raises(UnreadableFile, match="not really a .docx"):
        read_document(tmp_path / "archive.docx")
    with pytest.raises(UnreadableFile):
        read_document(tmp_path / "parti.pdf")  # gone between the listing and the read
