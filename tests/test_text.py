"""French analysis used by BM25 and the answerer."""

from __future__ import annotations

from assistant.text import fold, normalize, numbers, sentence_spans, terms


def test_accents_case_and_plural_share_one_term() -> None:
    assert terms("éthicien") == terms("ethicien") == terms("Éthiciens") == terms("ÉTHICIENS")


def test_elisions_are_split_off() -> None:
    assert terms("l'alignement") == terms("alignement")
    assert terms("l’alignement") == terms("alignement")  # typographic apostrophe
    assert terms("d'entreprises") == terms("entreprises")
    assert terms("qu'il") == []  # "qu'" and "il" are stop words


def test_stop_words_are_removed_and_content_words_kept() -> None:
    assert terms("le salaire de la data scientist") == terms("salaire data scientist")
    assert len(terms("salaire data scientist")) == 3


def test_numbers_with_any_space_normalise_the_same() -> None:
    assert normalize("45 000 €") == normalize("45\u00a0000 €") == normalize("45\u202f000 €") == normalize("45000 €")
    assert numbers("De 3 750 € à 7\u202f500 €") == {"3750", "7500"}


def test_fold_keeps_letters_and_drops_marks() -> None:
    assert fold("Qualiticien IA — Œuvre à l’écart") == "qualiticien ia — oeuvre a l'ecart"


def test_sentence_spans_are_exact_and_respect_abbreviations() -> None:
    text = "Patrick J. travaille ici. Il gagne 3 000 € par mois !\nNouvelle ligne sans point"
    spans = sentence_spans(text)
    parts = [text[s.start : s.end] for s in spans]
    assert parts == ["Patrick J. travaille ici.", "Il gagne 3 000 € par mois !", "Nouvelle ligne sans point"]
