"""Words both importers read in UN records (dates are written "8 September 2022")."""

from __future__ import annotations


def fold(text: str) -> str:
    """A block as published: whitespace runs (the PDF's line breaks) become one space."""
    return " ".join(text.split())


# How the records print a person: "Mr. Kimani", "Archbishop Caccia", "Sheikha Alya".
HONORIFICS = ("Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Archbishop|Monsignor|Cardinal|Baroness|Sheikh|Sheikha|Prince"
              "|Princess")
# A Head of State or Government addressing the Assembly is printed by office and surname: "President
# Lula da Silva (spoke in Portuguese):", "Prime Minister Modi:", "King Abdullah II:".
OFFICES = ("President|Vice-President|Prime Minister|Deputy Prime Minister|King|Queen|Emir|Amir|Crown Prince"
           "|Sultan|Grand Duke|Chancellor")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_ORDINALS = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ],
        start=1,
    )
}
_TENS = {
    word: 10 * number
    for number, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_ORDINAL_TENS = {
    word: 10 * number
    for number, word in enumerate(
        ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"], start=2
    )
}


def ordinal_value(word: str) -> int:
    """ "seventy-eighth" -> 78, "tenth" -> 10 (sessions are named so); 0 if it is no ordinal."""
    word = word.lower()
    if word in _ORDINALS or word in _ORDINAL_TENS:
        return _ORDINALS.get(word) or _ORDINAL_TENS[word]
    tens, _, unit = word.partition("-")
    return _TENS[tens] + _ORDINALS[unit] if tens in _TENS and unit in _ORDINALS and _ORDINALS[unit] < 10 else 0
