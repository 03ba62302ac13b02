"""The « Documents » tab's logic: uploads land in the corpus under safe names and become citable, duplicates and
bad files are refused with a French message, removal works, and a page open to the network needs a password."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.ingest.build import build_index
from assistant.pipeline import Assistant
from assistant.ui.documents import Library, safe_name

from .test_formats import make_pdf


@pytest.fixture()
def library(tiny_settings, minilm_embedder):
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    return Library(tiny_settings, Assistant(tiny_settings, embedder=minilm_embedder))


def test_client_names_never_choose_where_a_file_goes() -> None:
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("C:\\Users\\moi\\Fiche métier (2).PDF") == "Fiche-métier-2.pdf"
    assert safe_name(".cache.md") == "cache.md" and safe_name("") == "document"


def test_an_upload_is_indexed_and_cited_with_its_page(library, tmp_path: Path) -> None:
    upload = make_pdf(tmp_path / "upload-123.pdf")
    change = library.add([upload], client_names=["../Fiche apiculteur.pdf"])
    assert change.ok and "Fiche-apiculteur.pdf" in change.message
    assert (library.settings.corpus / "Fiche-apiculteur.pdf").exists()
    row = next(r for r in library.rows() if r[0] == "Fiche-apiculteur.pdf")
    assert row[2] == "PDF" and row[3] == 2 and row[4] >= 1 and row[5]
    answer = library.assistant.ask("combien gagne un apiculteur débutant ?")
    assert answer.citations[0].source == "Fiche-apiculteur.pdf" and answer.citations[0].page == 2

    again = library.add([upload], client_names=["copie.pdf"])
    assert not again.ok and "même contenu que Fiche-apiculteur.pdf" in again.message
    removed = library.remove("Fiche-apiculteur.pdf")
    assert removed.ok and "Fiche-apiculteur.pdf" not in library.names()
    after = library.assistant.ask("combien gagne un apiculteur débutant ?")
    assert all(c.source != "Fiche-apiculteur.pdf" for c in after.citations)


def test_bad_uploads_are_refused_in_french(library, tmp_path: Path) -> None:
    exe = tmp_path / "x.exe"
    exe.write_bytes(b"MZ")
    assert "n’est pas d’un type accepté" in library.add([exe]).message
    broken = tmp_path / "casse.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    change = library.add([broken])
    assert not change.ok and "Illisible" in change.message
    assert not (library.settings.corpus / "casse.pdf").exists()  # not kept
    assert "Je ne trouve pas" in library.remove("../conftest.py").message


def test_a_page_open_to_the_network_needs_the_password(library, tmp_path: Path) -> None:
    upload = make_pdf(tmp_path / "a.pdf")
    remote = Library(replace(library.settings, host="0.0.0.0"), library.assistant)
    assert remote.read_only and "lecture seule" in remote.add([upload]).message
    guarded = Library(replace(library.settings, host="0.0.0.0", admin_password="s3cret"), library.assistant)
    assert not guarded.read_only
    assert "incorrect" in guarded.add([upload], password="nope").message
    assert guarded.add([upload], password="s3cret").ok

