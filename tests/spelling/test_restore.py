"""Whole-text diacritics restoration (rolint.spelling.restore) and its library entry (rolint.api)."""

from __future__ import annotations

from pathlib import Path

import regex

from rolint.api import restore_text
from rolint.spelling.restore import is_undiacritised, restore_line
from rolint.spelling.text import CEDILLA_TO_COMMA, fold

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def words(text: str) -> list[str]:
    return regex.findall(r"\p{L}+", text)


def test_a_sentence_typed_without_diacritics_is_restored_in_context():
    assert restore_line("Va rugam sa ne trimiteti actele pana vineri.") == \
        "Vă rugăm să ne trimiteți actele până vineri."
    # the same stripped word, two readings: the context decides
    assert restore_line("Ea este o fata foarte buna.") == "Ea este o fată foarte bună."
    assert restore_line("Ministrul a spus ca scolile se deschid luni.") == \
        "Ministrul a spus că școlile se deschid luni."


def test_a_text_with_its_diacritics_comes_back_unchanged():
    text = ("Fata mea învață la o școală din oraș, iar vara merge la bunici.\n"
            "Ei au spus că vor veni mâine, ca de obicei.\n")
    assert restore_text(text) == text


def test_cedilla_letters_without_vowel_marks_are_restored_in_one_pass():
    text = "Preşedintele a spus ca ţara are nevoie de investiţii in scoli.\n"
    assert restore_text(text) == "Președintele a spus că țara are nevoie de investiții în școli.\n"


def test_undiacritised_share():
    assert is_undiacritised("Am fost la munte si ne-am intors obositi.")
    assert not is_undiacritised("Am fost la munte și ne-am întors obosiți.")
    assert not is_undiacritised("")


def test_markdown_code_and_links_are_not_touched():
    text = "Va rugam sa cititi `fata_mea.py` si [pagina](https://exemplu.ro/fata) pana maine.\n"
    got = restore_text(text, path="nota.md")
    assert got == "Vă rugăm să citiți `fata_mea.py` și [pagina](https://exemplu.ro/fata) până mâine.\n"


def test_line_endings_are_kept():
    assert restore_text("Vreau sa plec acasa.\r\nMaine ploua.\r\n") == "Vreau să plec acasă.\r\nMâine plouă.\r\n"


def test_the_seed_article_stripped_of_its_diacritics_gets_them_back():
    original = (FIXTURES / "seed-article.txt").read_text(encoding="utf-8")
    gold = words(original.translate(CEDILLA_TO_COMMA))
    got = words(restore_text(fold(original)))
    assert len(got) == len(gold)
    right = sum(a == b for a, b in zip(gold, got, strict=True))
    assert right / len(gold) >= 0.98, right / len(gold)
