"""The seed article with LanguageTool (the real server): still every required error with the right fix,
no false alarm, no name flagged. LanguageTool's dictionary (MORFOLOGIK) flags some of its names;
rolint keeps such a match only where its own speller reports the word as a misspelling."""

from __future__ import annotations

import pytest
from seed_scoring import check_seed, false_alarms, flagged_names, missing_required

pytestmark = pytest.mark.usefixtures("lt_env")


@pytest.fixture(scope="module")
def seed_lt(lt_server) -> tuple[str, list[dict], dict]:  # type: ignore[no-untyped-def]
    found = check_seed("--languagetool=required")
    assert any(d["rule"].startswith("lt.") for d in found[1])  # LanguageTool's findings are in the run
    return found


def test_required_errors_found_with_languagetool(seed_lt) -> None:
    assert not missing_required(*seed_lt)


def test_no_false_alarms_with_languagetool(seed_lt) -> None:
    assert not false_alarms(*seed_lt)


def test_names_not_flagged_with_languagetool(seed_lt) -> None:
    assert not flagged_names(*seed_lt)
