"""Small text helpers shared by the speller and the checks."""

from __future__ import annotations

CEDILLA_TO_COMMA = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
_FOLD = str.maketrans(
    {"ă": "a", "â": "a", "î": "i", "ș": "s", "ț": "t", "ş": "s", "ţ": "t",
     "Ă": "A", "Â": "A", "Î": "I", "Ș": "S", "Ț": "T", "Ş": "S", "Ţ": "T"}
)
DIACRITIC_SIBLINGS = {
    "a": "ăâ", "ă": "aâ", "â": "aăî", "i": "î", "î": "iâ", "s": "ș", "ș": "s", "t": "ț", "ț": "t",
}
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_NORMALIZE = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț", "’": "'", "‘": "'"})


def normalize(word: str) -> str:
    """The form looked up in the dictionary: comma-below letters, ASCII apostrophe."""
    return word.translate(_NORMALIZE)


def fold(word: str) -> str:
    """Strip Romanian diacritics (ă â î ș ț and the cedilla forms)."""
    return word.translate(_FOLD)


def match_case(template: str, word: str) -> str:
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
