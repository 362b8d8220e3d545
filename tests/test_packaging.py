"""A non-editable install must find the rule packs and the dictionary: they are inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_rule_packs_and_dictionary(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("rolint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert packs and {f"rolint/packs/{p}" for p in packs} <= names
    assert {"rolint/data/hunspell/ro_RO.aff", "rolint/data/hunspell/ro_RO.dic",
            "rolint/data/hunspell/LICENSE", "rolint/languagetool/pom.xml",
            "rolint/data/diacritics/model.json.gz", "rolint/data/diacritics/real-word-forms.txt",
            "rolint/data/diacritics/forms.txt.xz", "rolint/data/diacritics/realword.json",
            "rolint/data/diacritics/README.md", "rolint/data/context/bigrams.json.gz",
            "rolint/data/context/README.md"} <= names
