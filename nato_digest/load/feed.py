"""RSS and Atom feeds through feedparser: one article per item, with its title, date, link,
author and outlet (the feed's title). The item's full content (``content:encoded``, Atom
``content``) where the feed carries it, else its summary, marked ``excerpt``.

feedparser is imported on first use.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..model import Article
from .common import InputError, ProblemHandler, ReadWarning
from .html import fragment_text


def feed_articles(doc: str, raw: bytes, on_problem: ProblemHandler) -> Iterator[Article]:
    """The items of one feed file. Raises InputError for XML that is broken or not a feed."""
    import feedparser

    parsed = feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"bad feed XML: {_reason(parsed.bozo_exception)}")
    if not parsed.version and not parsed.entries:
        raise InputError("XML that is not an RSS or Atom feed")
    if parsed.bozo:
        on_problem(doc, ReadWarning(f"feed XML is not well-formed ({_reason(parsed.bozo_exception)}); read its {len(parsed.entries)} items as far as they go"))
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        name = entry.get("link") or entry.get("id") or f"{doc}:{number}"
        text, excerpt = _item_text(entry)
        if not text:
            on_problem(name, "feed item has no text")
            continue
        yield Article(
            doc=name,
            text=text,
            title=entry.get("title") or None,
            date=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=entry.get("link") or None,
            source=outlet,
            author=entry.get("author") or None,
            excerpt=excerpt,
        )


def _item_text(entry) -> tuple[str, bool]:
    """The full content if the item has it, else the summary (and True: it is an excerpt)."""
    for content in entry.get("content") or ():
        text = fragment_text(content.get("value") or "")
        if text:
            return text, False
    return fragment_text(entry.get("summary") or ""), True


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's dates are UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed) if parsed else None


def _reason(error: object) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
