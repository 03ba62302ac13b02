"""Cleaning: noise lines go, repeated paragraphs are kept once, no prose sentence is lost or altered."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.clean import clean_blocks, clean_text, segments
from assistant.ingest.sources import corpus_files, read_source
from assistant.text import sentence_spans

from .conftest import SHIPPED_CORPUS

PARAGRAPH_A = "Le qualiticien IA vérifie la fiabilité des modèles avant leur mise en service."
PARAGRAPH_B = "Il rédige aussi des rapports de tests pour les équipes de développement."


def test_repeated_paragraph_is_kept_once_even_when_not_adjacent() -> None:
    text = f"{PARAGRAPH_A}\n{PARAGRAPH_B}\n\n{PARAGRAPH_A}\nFin de l'article, merci de votre lecture.\n{PARAGRAPH_B}\n"
    cleaned = clean_text(text)
    assert cleaned.count(PARAGRAPH_A) == 1
    assert cleaned.count(PARAGRAPH_B) == 1
    assert "Fin de l'article" in cleaned


def test_short_repeated_headings_survive_but_adjacent_copies_do_not() -> None:
    text = "Salaire\nUn texte assez long pour être de la prose.\nSalaire\nUn autre texte de prose ici.\nBonne\nBonne\n"
    lines = clean_text(text).split("\n")
    assert lines.count("Salaire") == 2  # a heading may recur in a page
    assert lines.count("Bonne") == 1  # but a line printed twice in a row is a copy


def test_binary_digit_lines_and_breadcrumbs_are_dropped() -> None:
    binary = " ".join(["01010011", "01101001", "00100000", "01110100"] * 5)
    text = f">\nMétiers>\nNumérique, Digital>\nInformatique>\n{PARAGRAPH_A}\n{binary}\ncompetences-metier\n{PARAGRAPH_B}\n"
    cleaned = clean_text(text)
    assert cleaned.split("\n") == [PARAGRAPH_A, PARAGRAPH_B]


def test_a_lone_heading_ending_with_an_arrow_is_kept() -> None:
    text = "Voici les métiers :\n\n1. Ingénieur prompt >\n\nUn ingénieur prompt optimise les consignes.\n"
    assert "1. Ingénieur prompt >" in clean_text(text)


def test_numbers_in_prose_are_not_mistaken_for_noise() -> None:
    text = "De 3 750 € à 7 500 €\nCode ROME : M1802\n2023\n"
    assert clean_text(text).split("\n") == ["De 3 750 € à 7 500 €", "Code ROME : M1802", "2023"]


@pytest.mark.parametrize("path", corpus_files(SHIPPED_CORPUS), ids=lambda p: p.name)
def test_every_cleaned_sentence_exists_verbatim_in_the_original(path) -> None:
    original = read_source(path)
    cleaned = clean_text(original)
    for span in sentence_spans(cleaned):
        assert cleaned[span.start : span.end] in original


@pytest.mark.parametrize("path", corpus_files(SHIPPED_CORPUS), ids=lambda p: p.name)
def test_no_prose_line_is_lost(path) -> None:
    """Every line with a sentence's worth of words (6+ words, mostly letters) survives cleaning."""
    original = read_source(path)
    kept = set(clean_text(original).split("\n"))
    for line in original.split("\n"):
        line = line.strip()
        letters = sum(ch.isalpha() for ch in line)
        if len(line.split()) >= 6 and letters > len(line) / 2:
            assert line in kept, line


def test_blocks_are_exact_spans_and_segments_never_cross_a_dropped_line() -> None:
    text = f"{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n01010011 01101001 00100000 01110100\n{PARAGRAPH_A}\nSuite du texte.\n"
    blocks = clean_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [PARAGRAPH_A, PARAGRAPH_B, "Suite du texte."]
    runs = segments(text, blocks)
    assert [len(run) for run in runs] == [2, 1]
    for run in runs:
        gap_text = text[run[0].start : run[-1].end]
        assert not re.search(r"[01]{8} [01]{8}", gap_text)


def test_a_hard_wrapped_paragraph_is_one_block() -> None:
    text = ("Q1. Qu'est-ce qu'un auxiliaire vétérinaire ?\n"
            "L'auxiliaire est le bras droit du vétérinaire dans une clinique. Il accueille\n"
            "les propriétaires et leurs animaux, et prend les rendez-vous.\n"
            "Q2. Quel diplôme ?\n")
    blocks = [text[b.start : b.end] for b in clean_blocks(text)]
    assert len(blocks) == 3 and blocks[1].startswith("L'auxiliaire") and blocks[1].endswith("rendez-vous.")


def test_a_listing_breadcrumb_is_not_the_title_of_an_offer() -> None:
    from assistant.ingest.clean import clean_blocks
    from assistant.ingest.sources import document_title

    offer = ("Accueil > Offres d'emploi > Artisanat > Finistère (29)\n[Postuler]  [Partager]\n\n"
             "CORDIER / CORDIÈRE EN ATELIER (H/F)\nCorderie du Port – Brest\n\nNous recherchons un cordier.\n")
    assert document_title(offer, clean_blocks(offer)).startswith("CORDIER / CORDIÈRE EN ATELIER")
    page = "Accueil > Métiers > Cordier\n\n# Cordier\n\nLe cordier tresse les cordages.\n"
    assert document_title(page, clean_blocks(page)) == "Cordier"


def test_a_pages_footer_sharing_links_and_cookie_banner_are_noise() -> None:
    from assistant.ingest.clean import is_noise

    assert is_noise("© 2024 Le Grand Virage — Tous droits réservés — Politique de confidentialité")
    assert is_noise("Partager cette offre : LinkedIn · Facebook · X · Copier le lien")
    assert is_noise("Partager : Facebook | LinkedIn | X") and is_noise("Nous utilisons des cookies pour mesurer l'audience.")
    assert not is_noise("Le partage des tâches se fait en équipe.")


def test_a_pages_footer_is_dropped_but_not_a_sentence_using_its_words() -> None:
    text = ("## Le métier recrute-t-il ?\nOui, plus de 6 000 contrats ont été signés.\n\n"
            "Vous avez une autre question ? Écrivez-nous via le formulaire de contact.\n"
            "Newsletter : recevez chaque mois nos fiches métiers\n"
            "Le community manager envoie les newsletters de la marque.\n")
    kept = clean_text(text)
    assert "6 000 contrats" in kept and "newsletters de la marque" in kept
    assert "formulaire de contact" not in kept and "chaque mois nos fiches" not in kept


def test_a_row_of_buttons_is_noise_but_a_thread_subject_in_brackets_is_not() -> None:
    from assistant.ingest.clean import is_noise

    assert is_noise("[ Postuler ]   [ Sauvegarder ]   Partager sur : Facebook · LinkedIn · X · E-mail")
    assert is_noise("[ Postuler ]   [ Sauvegarder l'offre ]   [ Partager ]")
    assert is_noise("[Postuler] [Sauvegarder] [Partager l'offre : LinkedIn · Facebook · E-mail]")
    assert not is_noise("[Sujet] [Résolu] Cordier : vos salaires ?")
