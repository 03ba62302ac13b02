"""Derived figures: monthly from annual and back, always announced, and checkable."""

from __future__ import annotations

from assistant.answer.figures import allowed_numbers, amounts, derived_sentence, money, period
from assistant.answer.verify import support

ANNUAL = "En France, la fourchette salariale annuelle moyenne varie de 45 000 € à 100 000 €."
MONTHLY = "En 2023, les salaires variaient de 3 000 à 5 000 euros bruts mensuels."


def test_periods_and_amounts() -> None:
    assert (period(ANNUAL), period(MONTHLY), period("Salaire débutant : 3 300 € brut")) == ("year", "month", "")
    assert amounts(MONTHLY) == [3000, 5000]  # the year 2023 is not an amount


def test_monthly_question_on_an_annual_figure_gets_a_derived_sentence() -> None:
    text = derived_sentence("combien gagne un éthicien IA par mois ?", ANNUAL)
    assert text.startswith("Soit environ 3\u202f750 € à 8\u202f333 € par mois (calcul dérivé")
    assert derived_sentence("combien gagne un éthicien IA ?", ANNUAL) == ""
    assert derived_sentence("salaire annuel ?", ANNUAL) == ""
    assert "36\u202f000 € à 60\u202f000 € par an" in derived_sentence("salaire par an ?", MONTHLY)


def test_derived_numbers_are_allowed_only_when_announced() -> None:
    assert {"3750", "8333"} <= allowed_numbers("Soit 3 750 € (calcul dérivé) [1]", ANNUAL)
    assert "3750" not in allowed_numbers("Il gagne 3 750 € par mois [1]", ANNUAL)
    derived = derived_sentence("par mois ?", ANNUAL) + " [1]."
    assert support(derived, ANNUAL)[0] is True
    assert support("Soit environ 3 900 € par mois (calcul dérivé) [1].", ANNUAL)[0] is False  # wrong arithmetic
    supported, _, why = support("Il gagne 3 750 € par mois [1].", ANNUAL)
    assert supported is False and "numbers not in the cited text" in why


def test_a_derived_figure_from_cents_is_checked_on_the_unrounded_amount() -> None:
    grid = "Salaire minimum brut mensuel : 1 812,50 €"  # × 12 = 21 750, not 1 812 × 12 = 21 744
    derived = derived_sentence("combien par an ?", grid) + " [1]."
    assert "21\u202f750 €" in derived and support(derived, grid)[0] is True


def test_money_is_read_in_its_usual_french_forms() -> None:
    assert amounts("Débutant : 2 000 € brut par mois en 2024") == [2000]  # a salary near 2000 is not a year
    assert amounts("à partir de 3000€ brut") == [3000]
    assert amounts("entre 30 et 38 k€ brut annuels, jusqu'à 55 K€") == [30000, 38000, 55000]
    assert amounts("Entre 2438 et 3000 euros brut par mois") == [2438, 3000]
    assert amounts("En 2019, 15 métiers ; 3 seuils") == []  # years and counts are not money
    assert money("6 500 CHF par mois") == [(6500, "CHF")] and money("£38 000 par an") == [(38000, "£")]
    assert money("$120k") == [(120000, "$")]


def test_a_derived_range_keeps_its_order_and_currency() -> None:
    derived = derived_sentence("combien par mois ?", "Confirmé : 42 000–72 000 €/an")
    assert "3\u202f500 € à 6\u202f000 € par mois" in derived
    assert "Soit environ 78\u202f000 CHF par an" in derived_sentence("et par an ?", "6 500 CHF brut par mois")


def test_a_derived_figure_restates_the_first_amount_or_range_only() -> None:
    sentence = "soit environ 775 € brut par mois sur la base d'un SMIC à 1 801,80 € brut"
    assert derived_sentence("et par an ?", sentence).startswith("Soit environ 9\u202f300 € par an")


def test_a_year_of_training_is_no_pay_period() -> None:
    assert period("payé combien la première année ?") == "" and period("et en 2e année ?") == ""
    assert period("combien à l'année ?") == "year" and period("35 000 € par an") == "year"
