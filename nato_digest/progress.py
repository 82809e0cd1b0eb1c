"""A progress bar on stderr that never mixes into the output.

The bar is drawn only when stderr is a terminal. When stdout is that screen too, everything the
command prints goes through the bar's console while the bar is up (Rich clears the bar, prints the
lines above it and draws it again), so no line of output is ever cut by a redraw; when stdout is a
file or a pipe, the output bytes go there untouched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

Advance = Callable[[int, int], None]
"""Called with the articles and the words just done."""


class CurrentStdout:
    """Writes to whatever ``sys.stdout`` is at the moment of writing: during the bar, the proxy that
    prints through the bar's console. Rich unwraps its own proxy, so a Console or a writer holding
    the real stdout would draw under the bar; one holding this does not."""

    def __init__(self) -> None:
        self._terminal: bool | None = None

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        """Whether stdout is a terminal, asked once: Rich asks at every print (a system call each
        time, 1.4% of a terminal digest written to a file), and the bar's proxy answers as the
        stdout it stands for."""
        if self._terminal is None:
            self._terminal = sys.stdout.isatty()
        return self._terminal

    def fileno(self) -> int:
        return sys.stdout.fileno()


def may_be_terminal(stream: object) -> bool:
    """Whether Rich could take ``stream`` for a terminal (Console.is_terminal): never when it is no
    tty and no variable (FORCE_COLOR, TTY_COMPATIBLE) says otherwise, known without importing Rich."""
    try:
        tty = stream.isatty()  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # none, or closed
        tty = False
    return tty or "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ


@contextmanager
def progress_bar(stderr: Console | None, total: int | None = None) -> Iterator[Advance]:
    """Articles done (of ``total`` when known), words per second and time left (else time spent);
    none without a console (``may_be_terminal``)."""
    if stderr is None or not stderr.is_terminal:
        yield lambda articles, words: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    counted = [MofNCompleteColumn(), BarColumn(), TimeRemainingColumn()] if total else [TextColumn("{task.completed} articles"), TimeElapsedColumn()]
    speed = TextColumn("{task.fields[words_per_second]:,.0f} words/s")
    bar = Progress(*counted, speed, console=stderr, transient=True, redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)
    with bar:
        task = bar.add_task("analysing", total=total, words=0, words_per_second=0.0)

        def advance(articles: int, words: int) -> None:
            state = bar.tasks[task]
            done = state.fields["words"] + words
            bar.update(task, advance=articles, words=done, words_per_second=done / max(state.elapsed or 0.0, 1e-3))

        yield advance
