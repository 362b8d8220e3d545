"""The seed article: every required error found with the right fix, every cedilla letter, no false alarm.

The same scoring as shared/hooks/seed_score.py, on rolint's JSON output, without LanguageTool
(the LanguageTool run is in tests/languagetool/).
"""

from __future__ import annotations

import pytest
import regex
from seed_scoring import applied, check_seed, false_alarms, flagged_names, missing_required, overlaps


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[dict], dict]:
    return check_seed("--no-languagetool")


def test_required_errors_found_with_right_fix(seed) -> None:
    assert not missing_required(*seed)


def test_every_cedilla_letter_reported_with_comma_below(seed) -> None:
    text, diags, gold = seed
    for o in gold["cedilla_offsets"]:
        hits = [d for d in diags if d["rule"] == "diacritics.cedilla" and overlaps(d, o, o + 1)]
        assert hits, f"cedilla at {o} not reported"
        fixed = applied(text, hits[0])
        assert fixed is not None and not regex.search("[şţŞŢ]", fixed[hits[0]["start"]["offset"]:][:1])


def test_no_false_alarms(seed) -> None:
    assert not false_alarms(*seed)


def test_names_not_flagged(seed) -> None:
    assert not flagged_names(*seed)
