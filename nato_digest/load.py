"""Turn what the user names on the command line into a stream of articles.

Inputs are files, directories (walked recursively in sorted order), glob patterns and ``-`` for
stdin; with none, the bundled seed corpus. Bytes are decoded explicitly and every input that cannot
be read is reported through ``on_problem`` and skipped, so one bad file never stops a run.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from .model import Article

ProblemHandler = Callable[[str, str], None]
"""Called with (input name, message) for every input that is skipped or read with a warning."""

SEED_PREFIX = "seeds"
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_OPTIONAL_FIELDS = ("title", "date", "url", "source")


class InputError(Exception):
    """An input that cannot be used at all: it is skipped and reported."""


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


def seed_files() -> list[tuple[str, Path]]:
    """The bundled corpus as (doc name, path): packaged in the wheel, or the checkout's seeds/."""
    packaged = resources.files("nato_digest") / "seeds"
    root = Path(str(packaged))
    if not root.is_dir():
        root = Path(__file__).resolve().parent.parent / "seeds"
    return [(f"{SEED_PREFIX}/{path.name}", path) for path in sorted(root.glob("*.txt"))]


def iter_articles(
    inputs: Iterable[str],
    *,
    jsonl: bool = False,
    on_problem: ProblemHandler,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Yield the articles of every input in order; problems go to ``on_problem``."""
    names = list(inputs)
    if not names:
        for doc, path in seed_files():
            yield from _read_file(doc, path, on_problem)
        return
    for name in names:
        if name == "-":
            raw = (stdin or sys.stdin.buffer).read()
            yield from _read_bytes("-", raw, jsonl=jsonl, on_problem=on_problem)
            continue
        for doc, path in _expand(name, on_problem):
            yield from _read_file(doc, path, on_problem, jsonl=jsonl)


def _expand(name: str, on_problem: ProblemHandler) -> list[tuple[str, Path]]:
    path = Path(name)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        if not found:
            on_problem(name, "directory has no files")
        return [(str(p), p) for p in found]
    if path.exists():
        return [(name, path)]
    if glob.has_magic(name):
        matches = sorted(glob.glob(name, recursive=True))
        files = [(m, Path(m)) for m in matches if Path(m).is_file()]
        for match in matches:
            if Path(match).is_dir():
                files.extend(_expand(match, on_problem))
        if not files:
            on_problem(name, "pattern matches no file")
        return files
    on_problem(name, "no such file or directory")
    return []


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(doc: str, path: Path, on_problem: ProblemHandler, jsonl: bool = False) -> Iterator[Article]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        on_problem(doc, f"cannot read: {error.strerror or error}")
        return
    jsonl = jsonl or path.suffix.lower() in _JSONL_SUFFIXES
    yield from _read_bytes(doc, raw, jsonl=jsonl, on_problem=on_problem)


def _read_bytes(doc: str, raw: bytes, *, jsonl: bool, on_problem: ProblemHandler) -> Iterator[Article]:
    try:
        text, warning = decode(raw)
    except InputError as error:
        on_problem(doc, str(error))
        return
    if warning:
        on_problem(doc, warning)
    if jsonl:
        yield from _parse_jsonl(doc, text, on_problem)
    else:
        yield Article(doc=doc, text=text)


def _parse_jsonl(doc: str, text: str, on_problem: ProblemHandler) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{doc}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            on_problem(where, f"invalid JSON: {error.msg}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            on_problem(where, 'record has no "text" string')
            continue
        if not record["text"].strip():
            on_problem(where, "empty text")
            continue
        fields = {key: _as_text(record.get(key)) for key in _OPTIONAL_FIELDS}
        ident = _as_text(record.get("id"))
        yield Article(doc=ident or where, text=record["text"], **fields)


def _as_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)
