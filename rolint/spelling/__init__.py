"""The offline Romanian speller (Hunspell ro_RO) and its helpers."""

from rolint.spelling.speller import Speller, Suggestion, get_speller

__all__ = ["Speller", "Suggestion", "get_speller"]
