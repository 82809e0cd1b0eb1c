"""The summary data sets of ../shared/data, read into articles and references, for training and evaluation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nato_digest.model import Article


@dataclass(frozen=True)
class Story:
    """One article with its reference summary: highlights (CNN/DM) or extracted sentences (BBC)."""

    article: Article
    reference: list[str]
    source: str


@dataclass(frozen=True)
class Cluster:
    """Articles on one story with the human-written summary of them all (Multi-News)."""

    id: str
    articles: list[Article]
    summary: str


def cnndm(data: Path) -> list[Story]:
    rows = [json.loads(line) for line in (data / "summaries/cnndm/validation.jsonl").open(encoding="utf-8")]
    return [Story(Article(row["id"], row["article"]), row["reference_sentences"], "cnndm") for row in rows]


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # sport/199.txt


def bbc(data: Path) -> list[Story]:
    """Articles (line 1 the headline) with their summary: sentences glued without spaces, so the
    reference is kept as one string that a labelled sentence must be found in."""
    root = data / "summaries/bbc"
    stories = []
    for path in sorted((root / "articles").glob("*/*.txt")):
        summary = root / "summaries" / path.parent.name / path.name
        if summary.exists():
            doc = f"bbc-{path.parent.name}-{path.stem}"
            stories.append(Story(Article(doc, _read(path)), [_read(summary).strip()], "bbc"))
    return stories


def multinews(data: Path) -> Iterator[Cluster]:
    for line in (data / "summaries/multinews/dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        articles = [Article(f"{row['id']}-{k}", text) for k, text in enumerate(row["documents"])]
        yield Cluster(row["id"], articles, row["summary"].removeprefix("– ").strip())
