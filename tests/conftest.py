"""Shared fixtures: the seed corpus analysed once per test session."""

from __future__ import annotations

import pytest

from nato_digest.load import iter_articles
from nato_digest.model import Analysis
from nato_digest.pipeline import Pipeline

SEED_000 = "seeds/000_f0310f10080e8da0.txt"
SEED_002 = "seeds/002_f7e10fd35aff0d87.txt"


@pytest.fixture(scope="session")
def seed_analyses() -> dict[str, Analysis]:
    problems: list[tuple[str, str]] = []
    pipeline = Pipeline()
    analyses = {a.doc: pipeline(a) for a in iter_articles([], on_problem=lambda *p: problems.append(p))}
    assert not problems
    return analyses
