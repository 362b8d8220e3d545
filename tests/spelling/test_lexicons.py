"""Lexicons of correct words the dictionary may lack (rolint.spelling.lexicons), on the shipped lists."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest

from rolint.spelling.lexicons import (
    LEXICONS,
    LexiconMatch,
    Lexicons,
    data_dir,
    get_lexicons,
    lexicon_hits,
    lexicon_match,
)


@pytest.fixture(scope="module")
def lex() -> Lexicons:
    return Lexicons()


# -- the files -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", LEXICONS)
def test_files_are_sorted_unique_comma_below(name):
    text = (data_dir() / f"{name}.txt").read_text("utf-8")
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    assert lines == sorted(set(lines)), "sorted by code point, no duplicates"
    assert all(lines), "no empty line"
    assert not any(c in text for c in "şţŞŢ"), "comma-below ș ț only"
    if name == "learned":
        assert all(line.count("\t") == 1 and int(line.split("\t")[1]) >= 1 for line in lines)


def test_total_size_is_bounded():
    total = sum((data_dir() / f"{n}.txt").stat().st_size for n in LEXICONS)
    assert total < 3_000_000


# -- laziness and speed -------------------------------------------------------------------------------
def test_nothing_is_read_at_import():
    code = (
        "import pathlib\n"
        "opened = []\n"
        "pathlib.Path.read_text = lambda self, *a, **k: opened.append(str(self)) or ''\n"
        "import rolint.spelling.lexicons as m\n"
        "assert m._DEFAULT is None and not [p for p in opened if 'lexicons' in p], opened\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_each_list_is_read_on_first_use():
    fresh = Lexicons()
    assert fresh.loaded() == ()
    fresh.words("country")
    assert fresh.loaded() == ("country",)
    fresh.hits("Zzqxw")
    assert set(fresh.loaded()) == set(LEXICONS)


def test_a_shipped_list_answers_membership_from_its_cached_table_like_the_file(tmp_path):
    from rolint.spelling.lexicons import Entries, data_dir

    path = data_dir() / "country.txt"
    listed = path.read_text(encoding="utf-8").split("\n")
    listed = [w for w in listed if w]
    entries = Entries(path)
    assert len(entries) == len(listed) and list(entries) == listed
    assert all(w in entries for w in listed[:: max(1, len(listed) // 50)])
    assert "Zzqxw" not in entries and "" not in entries and 3 not in entries
    own = tmp_path / "city.txt"  # a list of one's own: its own table, not the shipped one's
    own.write_text("Ploieștii de Jos\nSatu Nou\n", encoding="utf-8")
    assert "Satu Nou" in Entries(own) and "Paris" not in Entries(own)


def test_loading_everything_is_fast():
    fresh = Lexicons()
    t = time.process_time()
    for name in LEXICONS:
        fresh.words(name)
    # ~20-35 ms of CPU on the 2-core machine; a generous bound that a loaded CI box still meets
    assert time.process_time() - t < 0.5


# -- matching -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "word, lexicon, base, suffix",
    [
        ("Italiei", "country", "Italia", "ei"),
        ("Germaniei", "country", "Germania", "ei"),
        ("ROMÂNIA", "country", "România", ""),
        ("ROMÂNIEI", "country", "România", "ei"),
        ("Statelor", "country", "Statelor", ""),
        ("Parisului", "city", "Paris", "ului"),
        ("Parisul", "city", "Paris", "ul"),
        ("Berlinului", "city", "Berlin", "ului"),
        ("Londrei", "city", "Londra", "ei"),
        ("Chișinăului", "city", "Chișinău", "lui"),
        ("Tokyo-ului", "city", "Tokyo", "-ului"),
        ("Bucureștiului", "locality", "București", "ului"),
        ("Bucureștiul", "locality", "București", "ul"),
        ("Brașovului", "locality", "Brașov", "ului"),
        ("Clujului", "locality", "Cluj", "ului"),
        ("Timișoarei", "locality", "Timișoara", "ei"),
        ("Timişoarei", "locality", "Timișoara", "ei"),  # cedilla
        ("Cluj-Napoca", "locality", "Cluj-Napoca", ""),
        ("Cluj-Napocii", "locality", "Cluj-Napoca", "ii"),
        ("Ionescului", "last_name", "Ionescu", "lui"),
        ("Mariei", "first_name", "Maria", "ei"),
        ("Elenei", "first_name", "Elena", "ei"),
        ("Ion", "first_name", "Ion", ""),
        ("Jean-Claude", "first_name", "Jean-Claude", ""),
    ],
)
def test_inflected_names_are_accepted(word, lexicon, base, suffix):
    matches = get_lexicons().matches(word)
    assert any(m.lexicon == lexicon and m.base == base and m.suffix == suffix for m in matches), matches
    assert lexicon in lexicon_hits(word)


def test_match_explains_the_rule():
    m = lexicon_match("Varșoviei")
    assert m == LexiconMatch("city", "Varșovia", "ei", m.rule) and "-ei" in m.rule
    assert lexicon_match("Zzqxw") is None


# made-up lexicons: the rules, independent of the shipped data
MADE_UP = {
    "city": {"Zarnovia", "Borlan", "Tellești", "Vrancuța", "Oskaru", "Molteava", "Ambrica", "Pelo"},
    "country": {"Insulele", "Quendine", "Talmarii"},
    "first_name": {"Ilvana", "Dorean"},
    "learned": {"xenoformă", "Qwerbix"},
}


@pytest.mark.parametrize(
    "word, base, suffix",
    [
        ("Zarnoviei", "Zarnovia", "ei"),
        ("Borlanul", "Borlan", "ul"),
        ("Borlanului", "Borlan", "ului"),
        ("BORLANULUI", "Borlan", "ului"),
        ("Telleștiului", "Tellești", "ului"),
        ("Vrancuței", "Vrancuța", "ei"),
        ("Oskarului", "Oskaru", "lui"),
        ("Molteavei", "Molteava", "ei"),  # no alternation needed
        ("Ambricii", "Ambrica", "ii"),
        ("Ambricăi", "Ambrica", "ăi"),
        ("Pelo-ului", "Pelo", "-ului"),
        ("Insulelor", "Insulele", "lor"),
        ("Quendinelor", "Quendine", "lor"),
        ("Quendinele", "Quendine", "le"),
        ("Talmarilor", "Talmarii", "ilor"),  # Carpații → Carpaților
        ("Ilvanei", "Ilvana", "ei"),
        ("Ilvana-Dorean", "Ilvana-Dorean", ""),
    ],
)
def test_inflection_rules_on_made_up_names(word, base, suffix):
    m = Lexicons(MADE_UP).match(word)
    assert m is not None and (m.base, m.suffix) == (base, suffix), m


def test_vowel_alternation_of_the_genitive():
    lex = Lexicons({"city": {"Dorneava"}})
    m = lex.match("Dornevei")  # -ea- of the last syllable turns into -e- before -ei (Suceava, Sucevei)
    assert m is not None and m.base == "Dorneava"


def test_case_rules():
    lex = Lexicons(MADE_UP)
    assert lex.hits("borlan") == frozenset()  # a lowercase word never matches a name
    assert lex.hits("borlanului") == frozenset()
    assert lex.hits("Xenoformă") == {"learned"}  # a capitalised word matches a lowercase entry
    assert lex.hits("XENOFORMĂ") == {"learned"}
    assert lex.hits("qwerbix") == frozenset()
    assert lex.hits("Xenoformei") == frozenset()  # common terms are not inflected
    assert lex.match("Xenoformă") == LexiconMatch("learned", "xenoformă", "", "capitalised")


def test_short_entries_are_not_inflected():
    lex = Lexicons({"city": {"Ba", "Tim", "Od"}, "first_name": {"Ana"}})
    assert lex.hits("Baului") == lex.hits("Timului") == lex.hits("Odul") == frozenset()  # typos of timpului, podul
    assert lex.hits("Anei") == {"first_name"}  # the feminine genitive keeps 3-letter names


def test_learned_counts(lex):
    some = next(iter(lex.words("learned")))
    assert lex.count("learned", some) >= 2 or some[:1].isupper()
    assert lex.count("city", "Paris") == 0


# -- typos must not hide behind a lexicon ----------------------------------------------------------------
LETTERS = "aăâbcdefghiîjklmnopqrsștțuvwxyz"


def _one_edit(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == 2 and i + 1 < len(word) and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1 :]


def test_typos_of_frequent_words_are_rarely_accepted(lex):
    from wordfreq import top_n_list

    from rolint.spelling import get_speller

    sp = get_speller()
    words = [w for w in top_n_list("ro", 3000) if len(w) >= 4 and w.isalpha() and sp.known(w)]
    rng = random.Random(10)
    typos: set[str] = set()
    while len(typos) < 200:
        t = _one_edit(rng.choice(words), rng)
        if not sp.known(t):
            typos.add(t)
    lower = [t for t in sorted(typos) if lex.hits(t)]
    capital = [t for t in sorted(typos) if lex.hits(t[:1].upper() + t[1:])]
    assert lower == []  # lowercase typos: measured 0 of 1,000 (bench/lexicon_eval.py)
    assert len(capital) <= 6, capital  # capitalised (sentence start): measured 1.2% of 1,000


def test_lowercase_terms_are_learned_only_from_edited_text():
    """A lowercase word the dictionary rejects is learned only when edited text uses it: unedited text
    (RO-STS) repeats its writers' typos. Capitalised words (names) are learned from both."""
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from bench.build_lexicons import learned_terms
    from rolint.spelling import get_speller

    unedited = [("Tehnicianul a montat zorbaxul nou.", False), ("Am cumpărat zorbaxul ieri.", False),
                ("Echipa lui Qwerbix a câștigat.", False), ("Antrenorul Qwerbix a plecat.", False)]
    kept, dropped = learned_terms(get_speller(), unedited)
    assert "zorbaxul" not in kept and "RO-STS" in dropped["zorbaxul"]
    assert "Qwerbix" in kept
    kept, _ = learned_terms(get_speller(), [*unedited, ("Medicul a verificat zorbaxul.", True)])
    assert kept.get("zorbaxul") == 3
