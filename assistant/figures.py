"""Derived salary figures: a monthly amount computed from an annual one (or the reverse) is said to be derived.

The documents give some salaries per year and others per month. When a question asks for the other period,
the answer quotes the document and adds « soit environ … par mois (calcul dérivé : montant annuel ÷ 12) ».
`allowed_numbers` is what a sentence announcing a derivation may state, used by the claim-support check.
"""

from __future__ import annotations

import re

from .text import fold, numbers

DERIVED = re.compile(r"calcul d[ée]riv[ée]", re.IGNORECASE)
MONTHLY = re.compile(r"mensuel|par mois|/ ?mois|\bmois\b")
ANNUAL = re.compile(r"annuel|par an\b|/ ?an\b|\bl an\b|\bannee")
AMOUNT = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{4,})")


def period(text: str) -> str:
    """"month", "year" or "" for the pay period a text talks about."""
    folded = fold(text)
    if MONTHLY.search(folded):
        return "month"
    if ANNUAL.search(folded):
        return "year"
    return ""


def amounts(text: str) -> list[int]:
    """Money amounts of a sentence, in order (years such as 2023 are left out)."""
    found = []
    for match in AMOUNT.finditer(text):
        value = int(re.sub(r"\D", "", match.group(1)))
        if not 1900 <= value <= 2100:
            found.append(value)
    return found


def french_amount(value: float) -> str:
    return f"{round(value):,}".replace(",", "\u202f")


def derived_sentence(question: str, sentence: str) -> str:
    """« Soit environ … par mois (calcul dérivé …). » when the question asks the other period, else ""."""
    asked, given = period(question), period(sentence)
    values = amounts(sentence)
    if not values or not asked or not given or asked == given:
        return ""
    currency = "$" if re.search(r"\$|dollar", sentence) else "€"
    if asked == "month":
        shown = " à ".join(f"{french_amount(v / 12)} {currency}" for v in values[:2])
        return f"Soit environ {shown} par mois (calcul dérivé : montant annuel ÷ 12, non écrit dans le document)"
    shown = " à ".join(f"{french_amount(v * 12)} {currency}" for v in values[:2])
    return f"Soit environ {shown} par an (calcul dérivé : montant mensuel × 12, non écrit dans le document)"


def allowed_numbers(sentence: str, cited: str) -> set[str]:
    """Numbers a sentence may state given the text it cites: the cited ones, plus their ×12 and ÷12 values
    when the sentence announces a derivation."""
    allowed = numbers(cited)
    if DERIVED.search(sentence):
        for value in amounts(cited):
            allowed |= {str(round(value / 12)), str(value * 12), "12"}
    return allowed
