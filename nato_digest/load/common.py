"""What every reader shares: how problems are reported, and dates as ISO 8601."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

ProblemHandler = Callable[[str, str], None]
"""Called with (input name, message) for every input that is skipped or read with a warning."""


class InputError(Exception):
    """An input that cannot be used at all: it is skipped and reported."""


class ReadWarning(str):
    """A message about an input that was still read (a ``str``, so any handler can print it)."""


def iso_date(value: object) -> str | None:
    """A date as ISO 8601 (date only, or date and time with its zone when given), or None.

    Accepts ISO 8601 and the RFC 2822 dates of RSS and e-mail ("Thu, 08 Oct 2015 09:30:00 +0200").
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        from email.utils import parsedate_to_datetime  # here: it imports socket, which most runs never need

        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if len(text) == 10 and parsed.time() == datetime.min.time():
        return parsed.date().isoformat()
    return parsed.isoformat()
