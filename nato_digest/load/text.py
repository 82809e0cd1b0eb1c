"""Plain text: bytes decoded explicitly, one article per file."""

from __future__ import annotations

from .common import InputError


def decode(raw: bytes) -> tuple[str, str | None]:
    """Decode article bytes: UTF-8 (BOM or not), else cp1252 with a warning.

    Returns the text and a warning, if any. Raises InputError for binary or empty input.
    """
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        where = error.start
    # cp1252 leaves five bytes undefined; map those through Latin-1 rather than fail.
    text = raw.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = "".join(
            raw[i : i + 1].decode("latin-1") if ch == "\ufffd" else ch
            for i, ch in enumerate(text)
        )
    return text, f"not valid UTF-8 (byte {where}); decoded as cp1252"
