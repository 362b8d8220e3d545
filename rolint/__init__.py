"""rolint — editorial QA and proofreading linter for Romanian text."""

__version__ = "0.1.0"
