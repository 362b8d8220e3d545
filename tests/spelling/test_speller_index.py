"""The form index answers for Hunspell on words of letters only: it must agree with Hunspell both ways."""

from __future__ import annotations

import random

import regex

from rolint.spelling import get_speller
from rolint.spelling.symindex import get_index


def sample_words() -> list[str]:
    from pathlib import Path

    from wordfreq import top_n_list

    seed = (Path(__file__).parent.parent / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")
    return sorted(set(top_n_list("ro", 6000)) | set(regex.findall(r"\p{L}+", seed)))


def test_index_and_hunspell_agree_on_real_words_and_typos() -> None:
    sp = get_speller()
    words = sample_words()
    rnd = random.Random(5)
    typos = [w[:i] + w[i + 1 :] for w in rnd.sample(words, 1500) if len(w) > 3 for i in [rnd.randrange(len(w))]]
    caps = [w.capitalize() for w in rnd.sample(words, 500)] + [w.upper() for w in rnd.sample(words, 200)]
    checked = [w for w in {*words, *typos, *caps} if w.isalpha()]
    assert len(checked) > 3000
    differ = [w for w in checked if sp.spell(w) != sp.hunspell_spell(w)]
    assert differ == []


def test_index_forms_are_all_accepted_by_hunspell() -> None:
    sp, table = get_speller(), get_index().full
    rnd = random.Random(7)
    forms = [table.word(i) for i in rnd.sample(range(len(table)), 3000)]
    assert [f for f in forms if regex.fullmatch(r"\p{L}+", f) and not sp.hunspell_spell(f)] == []
