"""Records out: JSON Lines, JSON, CSV, TSV, Markdown, or Rich tables for a terminal.

Data goes to stdout only. Article text is never read as Rich markup. Writers stream where the
format allows (JSON Lines, JSON, CSV, TSV, Markdown); a terminal table needs all its rows first.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # Rich is imported only when a table is drawn: it costs start-up time
    from rich.console import Console
    from rich.table import Table


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


def flat(value: object) -> str:
    """A record value as one cell: lists of plain values joined by "; ", other structures as JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class RecordWriter:
    """Writes records of known columns in one format; ``close`` ends the output."""

    def __init__(self, fmt: Format, columns: Sequence[str], stream: TextIO, console: Console | None = None, title: str | None = None):
        self.fmt = fmt
        self.columns = list(columns)
        self.stream = stream
        self.console = console
        self.title = title
        self.count = 0
        self._rows: list[dict] = []
        self._csv = None
        if fmt in (Format.csv, Format.tsv):
            self._csv = csv.writer(stream, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
            self._csv.writerow(self.columns)
        elif fmt is Format.markdown:
            stream.write("| " + " | ".join(self.columns) + " |\n")
            stream.write("|" + "---|" * len(self.columns) + "\n")
        elif fmt is Format.json:
            stream.write("[")

    def write(self, record: dict) -> None:
        fmt = self.fmt
        if fmt is Format.jsonl:
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt is Format.json:
            self.stream.write(("\n" if not self.count else ",\n") + json.dumps(record, ensure_ascii=False))
        elif self._csv is not None:
            self._csv.writerow([flat(record.get(c)) for c in self.columns])
        elif fmt is Format.markdown:
            cells = [flat(record.get(c)).replace("|", "\\|").replace("\n", " ") for c in self.columns]
            self.stream.write("| " + " | ".join(cells) + " |\n")
        else:
            self._rows.append(record)
        self.count += 1

    def write_all(self, records: Iterable[dict]) -> None:
        for record in records:
            self.write(record)

    def close(self) -> None:
        if self.fmt is Format.json:
            self.stream.write("\n]\n" if self.count else "]\n")
        elif self.fmt is Format.table:
            from rich.console import Console

            console = self.console or Console(file=self.stream)
            console.print(table_of(self._rows, self.columns, self.title))
        self.stream.flush()


def table_of(rows: Sequence[dict], columns: Sequence[str], title: str | None = None) -> Table:
    """A Rich table whose cells are plain Text, so article text is never parsed as markup."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        numeric = bool(rows) and all(isinstance(r.get(column), (int, float)) for r in rows)
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text(flat(row.get(c))) for c in columns))
    return table
