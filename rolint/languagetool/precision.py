"""LanguageTool's findings through rolint's precision layer.

* A match that touches text rolint does not check (code, URLs, e-mails: masked in ``doc.prose``)
  is dropped: LanguageTool saw a gap there, not the real text.
* Dictionary spelling matches (MORFOLOGIK_RULE_RO_RO) are rolint's speller's call: its precision
  layer (names, articled names, acronyms, foreign runs, user words) decides, so such a match is kept
  only where rolint's own spelling checks report the same word as wrong (not as an unknown but probably
  right word), and the merge keeps one finding.
* Quotation marks belong to rolint's quotes rules (Romanian „…” pairing); LanguageTool's bracket
  pairing, which takes ” for a closing mark, is dropped on quote characters, and so is its
  spacing rule around quote marks.
* A lowercase sentence start after "!"/"?" (dialogue) or after an abbreviation is not an error;
  a replacement offered for a capitalised word in mid-sentence is a name, not a misspelling.
"""

from __future__ import annotations

import regex

from rolint.diagnostics import Diagnostic
from rolint.document import MASK, Document

QUOTE_CHARS = set("„“”\"«»‟″")
OWN_WORD_CATEGORIES = {"spelling", "name", "artifact"}
#: rolint's findings that say a word is probably right (a name, a term: shown only when selected); they do
#: not vouch for LanguageTool's dictionary match on the word
PROBABLY_RIGHT = frozenset({"spelling.unknown-word"})


def _overlaps(a: Diagnostic, b: Diagnostic) -> bool:
    return a.start < b.end and b.start < a.end


DICTIONARY_RULE_RE = regex.compile(r"MORFOLOGIK|HUNSPELL|SPELLER|SPELLING_RULE")


def is_dictionary_rule(rule: str) -> bool:
    """LanguageTool's dictionary lookups (not its typo patterns such as LITERE_INVERSATE_*)."""
    return bool(DICTIONARY_RULE_RE.search(rule))


ABBREVIATION_RE = regex.compile(r"(?:^|[\s(])\p{Ll}{1,5}\.\s*$")


def after_dialogue_or_abbreviation(doc: Document, start: int) -> bool:
    """A lowercase word after "!" or "?" (dialogue: „Stai! zbieră el”) or after an abbreviation (pct. 5)."""
    before = doc.text[max(0, start - 40) : start].rstrip()
    return before.endswith(("!", "?", "…", "!”", "?”", "…”")) or bool(ABBREVIATION_RE.search(before))


def keep(doc: Document, d: Diagnostic, own: list[Diagnostic]) -> bool:
    span = doc.prose[d.start : d.end]
    if MASK in span or MASK in doc.prose[max(0, d.start - 1) : d.end + 1].strip():
        return False
    if is_dictionary_rule(d.rule):
        return any(o.category in OWN_WORD_CATEGORIES and o.rule not in PROBABLY_RIGHT and _overlaps(o, d)
                   for o in own)
    text = doc.text[d.start : d.end]
    if d.rule == "lt.UNPAIRED_BRACKETS" and set(text) <= QUOTE_CHARS:
        return False
    if d.rule == "lt.COMMA_PARENTHESIS_WHITESPACE" and set(text) & QUOTE_CHARS:
        return False  # spaces around a quote mark: the quote rules' business
    if d.rule == "lt.UPPERCASE_SENTENCE_START" and after_dialogue_or_abbreviation(doc, d.start):
        return False
    if d.rule == "lt.RO_SIMPLE_REPLACE" and text[:1].isupper() and not doc.sentence_start(d.start):
        return False  # a capitalised word in mid-sentence is a name (Papillon), not a misspelling
    return True


def filter_matches(doc: Document, lt: list[Diagnostic], own: list[Diagnostic]) -> list[Diagnostic]:
    """LanguageTool's findings that pass rolint's precision layer, given rolint's own findings."""
    return [d for d in lt if keep(doc, d, own)]
