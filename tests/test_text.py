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


def test_hard_wrapped_lines_are_one_sentence_but_lists_and_short_lines_are_not() -> None:
    text = ("Les horaires suivent l'ouverture de la clinique, souvent du lundi au samedi, avec des\n"
            "journées en coupure (8 h 30 – 12 h 30 puis 14 h – 19 h). Un samedi sur deux est libre.\n"
            "Salaire\n"
            "- Débutant : 1 790 € brut par mois, pour un premier poste en clinique rurale ou\n"
            "  urbaine\n"
            "- Confirmé : 2 100 €")
    found = [text[s.start : s.end] for s in sentence_spans(text)]
    assert found[0].startswith("Les horaires") and found[0].endswith("19 h).")
    assert found[1] == "Un samedi sur deux est libre."
    assert found[2] == "Salaire"  # a short line is its own
    assert found[3].endswith("urbaine") and found[4] == "- Confirmé : 2 100 €"


def test_a_line_ending_on_a_preposition_goes_on_below_whatever_starts_the_next() -> None:
    text = ("La voie la plus courante est le bac pro technicien en prothèse dentaire, en\n"
            "3 ans après la 3e, souvent préparé en apprentissage. Il maîtrise aussi la\n"
            "CFAO.\n"
            "Un titre court sans point\n"
            "Deux lignes distinctes.")
    found = [text[s.start : s.end] for s in sentence_spans(text)]
    assert found[0].endswith("en apprentissage.") and "\n3 ans" in found[0]
    assert found[1] == "Il maîtrise aussi la\nCFAO."
    assert found[2] == "Un titre court sans point"  # short, and ends on a noun: its own line


def test_an_item_number_or_an_abbreviation_does_not_end_a_sentence() -> None:
    text = "Mes conseils\n3. Calculez votre budget : la baisse est réelle.\n4. Spécialisez-vous vite. Voyez M. Dupont."
    found = [text[s.start : s.end] for s in sentence_spans(text)]
    assert found == ["Mes conseils", "3. Calculez votre budget : la baisse est réelle.", "4. Spécialisez-vous vite.",
                     "Voyez M. Dupont."]


def test_a_date_stamp_opens_no_sentence_and_spans_still_point_into_the_text() -> None:
    text = " date 2023-04 L’expansion de l’IA ouvre des emplois. Le 2023-04 est un mois."
    quoted = [text[s.start:s.end] for s in sentence_spans(text)]
    assert quoted == ["L’expansion de l’IA ouvre des emplois.", "Le 2023-04 est un mois."]
