"""The edges both terminal commands share: their standard output, and reading within a limit.

A command's output can fail under it: the reader of a pipe goes away (`| head -1`, `| true`), the
disk is full (`> /dev/full`), standard output was closed (`>&-`). `guarded` runs a command so that
any of these ends it with one line on standard error and a non-zero status, never a traceback, and
an interrupted command (Ctrl-C) ends quietly with the shell's status for it.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO, TextIO

from .words import fill, number

CANNOT_WRITE = 1
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
# The most a command reads from one file or from standard input: the shipped model is 0.15 MB, a
# person's answers and description a few KB.
MAX_INPUT_BYTES = 10_000_000


class OutputFailed(Exception):
    """Standard output could not be written; the message says why."""


class _WatchedOutput:
    """Standard output, whose write errors name themselves, so they are told apart from any other
    OSError a command meets (a file it cannot read, say)."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if self.stream is None:  # closed before the command started (`>&-`)
            raise OutputFailed("standard output is closed")
        try:
            return self.stream.write(text)
        except OSError as error:
            raise _failure(error) from None

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as error:
            raise _failure(error) from None

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, ... as the stream has them
        return getattr(self.stream, name)


def _failure(error: OSError) -> OutputFailed:
    if error.errno == errno.EPIPE:
        return OutputFailed("standard output was closed before everything was written")
    return OutputFailed(f"cannot write to standard output: {error.strerror}")


def guarded(prog: str, command: Callable[[], int]) -> int:
    """Run `command` (a command's whole body) and return its exit status, or CANNOT_WRITE after
    one line on standard error when standard output fails, or INTERRUPTED after Ctrl-C."""
    if isinstance(sys.stdout, _WatchedOutput):  # already run by a command that calls this one
        return command()
    watched = _WatchedOutput(sys.stdout)
    sys.stdout = watched
    try:
        status = command()
        watched.flush()  # what is still buffered fails here, not in Python's exit
        return status
    except OutputFailed as failure:
        _discard_output(watched.stream)
        print(f"{prog}: {failure}", file=sys.stderr)
        return CANNOT_WRITE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return INTERRUPTED
    finally:
        sys.stdout = watched.stream


def _discard_output(stream: TextIO | None) -> None:
    """Point the failed standard output at the null device, so the flush at Python's exit has
    nowhere to fail and prints no second error."""
    try:
        if stream is not None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError):  # no descriptor of its own: a test's captured output
        pass


class TooLarge(OSError):
    """A file or standard input past MAX_INPUT_BYTES (its strerror says so in English; `reason`
    says so in a command's words)."""


def read_limited(file: BinaryIO) -> bytes:
    """All of `file` (a file, a pipe, standard input), refused past MAX_INPUT_BYTES with an OSError
    like any other that stops a read, so /dev/zero or a huge file cannot fill the memory."""
    data = file.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise TooLarge(errno.EFBIG, f"it is larger than {MAX_INPUT_BYTES:,} bytes")
    return data


def reason(words: Mapping[str, str] | None, error: Exception) -> str:
    """Why a read or a write failed, for a one-line message: the system's own reason (strerror),
    and the command's `words` for a file too large to read, when it has them (a model loaded)."""
    if words is not None and isinstance(error, TooLarge):
        return fill(words["terminal_too_large"], limit=number(words, MAX_INPUT_BYTES))
    return getattr(error, "strerror", None) or str(error)
