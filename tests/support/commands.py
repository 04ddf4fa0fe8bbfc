"""Running a terminal command as a shell would, with its standard streams as a person may leave
them: closed (`<&-`, `>&-`), a full disk (`>/dev/full`), endless input (`</dev/zero`), or a pipe
whose reader has gone (`| head -1` once head has its line)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BROKEN_PIPE = "| (reader gone)"


@dataclass(frozen=True)
class Ran:
    status: int
    stdout: str
    stderr: str


def run_module(module: str, arguments: list[str], redirect: str = "",
               stdin: bytes | None = b"", cwd: Path | None = None) -> Ran:
    """`python -m module arguments` with `redirect` (shell redirections, or BROKEN_PIPE) applied.
    A hang fails the test after a minute instead of stopping the suite."""
    command = [sys.executable, "-m", module, *arguments]
    stdout: int = subprocess.PIPE
    if redirect == BROKEN_PIPE:
        reader, stdout = os.pipe()
        os.close(reader)  # every write now fails with EPIPE, deterministically
    elif redirect:
        command = ["sh", "-c", f'exec "$@" {redirect}', "sh", *command]
    try:
        done = subprocess.run(command, input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                              timeout=60, check=False, cwd=cwd)
    finally:
        if redirect == BROKEN_PIPE:
            os.close(stdout)
    return Ran(done.returncode, (done.stdout or b"").decode(errors="replace"),
               done.stderr.decode(errors="replace"))


def assert_one_line_refusal(ran: Ran, status: int, message: str) -> None:
    """The command ended with `status` and one line on standard error holding `message`."""
    assert ran.status == status, (ran.status, ran.stderr)
    assert "Traceback" not in ran.stderr, ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1, ran.stderr
    assert message in ran.stderr, ran.stderr
