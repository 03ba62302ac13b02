"""Derived salary figures: a monthly amount computed from an annual one (or the reverse) is said to be derived.

The documents give some salaries per year and others per month. When a question asks for the other period,
the answer quotes the document and adds « soit environ … par mois (calcul dérivé : montant annuel ÷ 12) ».
`allowed_numbers` is what a sentence announcing a derivation may state, used by the claim-support check.
"""

from __future__ import annotations

import re

from ..text import fold, numbers

DERIVED = re.compile(r"calcul d[ée]riv[ée]", re.IGNORECASE)
MONTHLY = re.compile(r"mensuel|par mois|/ ?mois|\bmois\b")
ANNUAL = re.compile(r"annuel|par an\b|/ ?an\b|\bl[ ']an\b|\b(?:par |l[ ']|une |chaque )annee")  # not « la 2e année »
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
CURRENCY = r"€|euros?\b|eur\b|\$|dollars?\b|usd\b|chf\b|francs? suisses|£|livres?(?: sterling)?\b|gbp\b"
THOUSANDS = r"k(?![a-zà-ÿ])|\s?mille\b"  # `45k€`, `45 K€`, `$120k`


def _amount(name: str) -> str:
    """A number and its optional `k` (thousands), as named groups `name` and `name_k`."""
    return rf"(?P<{name}>{NUMBER})\s?(?P<{name}_k>{THOUSANDS})?"


MONEY = re.compile(
    _amount("low") + rf"(?:\s?(?:{CURRENCY}))?\s?(?:-|–|—|à|a|et)\s?" + _amount("high")
    + rf"\s?(?P<range_cur>{CURRENCY})|" + _amount("one") + rf"\s?(?P<cur>{CURRENCY})"
    + r"|(?P<pre>£|\$|€|CHF|USD|GBP)\s?" + _amount("after"),  # `£38 000`, `$120k`, `CHF 6 500`
    re.IGNORECASE,
)
SYMBOLS = {"€": "€", "eur": "€", "euro": "€", "euros": "€", "$": "$", "dollar": "$", "dollars": "$", "usd": "$",
           "chf": "CHF", "£": "£", "livre": "£", "livres": "£", "gbp": "£"}


def period(text: str) -> str:
    """"month", "year" or "" for the pay period a text talks about."""
    folded = fold(text)
    if MONTHLY.search(folded):
        return "month"
    if ANNUAL.search(folded):
        return "year"
    return ""


def _value(number: str, thousands: str | None) -> float:
    value = float(re.sub(r"[ \u00a0\u202f.]", "", number).replace(",", "."))
    return value * 1000 if thousands else value


def money(text: str) -> list[tuple[float, str]]:
    """The money amounts of a text in order, with their currency symbol: `de 45 000 à 60 000 euros`,
    `40 000€ - 50 000€`, `45k€`, `2 000 € brut`, `6 500 CHF`, `£38 000`. A number without a currency
    (a year, a count) is not money, unless it opens a range whose end has one."""
    found = []
    for match in MONEY.finditer(text):
        if match.group("one"):
            found.append((_value(match.group("one"), match.group("one_k")), _symbol(match.group("cur"))))
            continue
        if match.group("after"):
            found.append((_value(match.group("after"), match.group("after_k")), _symbol(match.group("pre"))))
            continue
        currency = _symbol(match.group("range_cur"))
        shared_k = match.group("high_k") if not match.group("low_k") else match.group("low_k")
        found.append((_value(match.group("low"), match.group("low_k") or shared_k), currency))
        found.append((_value(match.group("high"), match.group("high_k")), currency))
    return found


def first_figure(text: str) -> list[tuple[float, str]]:
    """The first amount of a text, or its first range (`de 45 000 à 60 000 €`): what a derived figure restates."""
    match = MONEY.search(text)
    if not match:
        return []
    return money(match.group(0))


def _symbol(currency: str) -> str:
    key = fold(currency.strip()).split()[0] if currency.strip() else "€"
    return SYMBOLS.get(key, SYMBOLS.get(key.rstrip("s"), "CHF" if "suisse" in fold(currency) else "€"))


def amounts(text: str) -> list[int]:
    """Money amounts of a sentence, in order (years and counts are left out)."""
    return [round(value) for value, _ in money(text)]


def french_amount(value: float) -> str:
    return f"{round(value):,}".replace(",", "\u202f")


def derived_sentence(question: str, sentence: str) -> str:
    """« Soit environ … par mois (calcul dérivé …). » when the question asks the other period, else "".

    A range keeps its order (`42 000–72 000 €/an` -> `3 500 € à 6 000 €`); amounts in another currency keep it."""
    asked, given = period(question), period(sentence)
    found = first_figure(sentence)
    if not found or not asked or not given or asked == given:
        return ""
    if asked == "month":
        shown = " à ".join(f"{french_amount(v / 12)} {c}" for v, c in found)
        return f"Soit environ {shown} par mois (calcul dérivé : montant annuel ÷ 12, non écrit dans le document)"
    shown = " à ".join(f"{french_amount(v * 12)} {c}" for v, c in found)
    return f"Soit environ {shown} par an (calcul dérivé : montant mensuel × 12, non écrit dans le document)"


def allowed_numbers(sentence: str, cited: str) -> set[str]:
    """Numbers a sentence may state given the text it cites: the cited ones, plus their ×12 and ÷12 values
    when the sentence announces a derivation."""
    allowed = numbers(cited)
    if DERIVED.search(sentence):
        for value, _ in money(cited):  # unrounded, as `derived_sentence` computes them (1 812,50 € × 12)
            allowed |= {str(round(value / 12)), str(round(value * 12)), "12"}
    return allowed
