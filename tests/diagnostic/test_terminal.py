"""The edges both terminal commands share (stage_diagnostic.terminal), with stand-in streams; the
commands' tests run the same cases on real descriptors."""

from __future__ import annotations

import errno
import io

import pytest
from stage_diagnostic.terminal import MAX_INPUT_BYTES, guarded, read_limited


class FailingOutput(io.StringIO):
    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code

    def write(self, text: str) -> int:
        raise OSError(self.code, errno.errorcode[self.code])


def test_a_file_is_read_up_to_the_limit_and_refused_past_it() -> None:
    assert read_limited(io.BytesIO(b"x" * MAX_INPUT_BYTES)) == b"x" * MAX_INPUT_BYTES
    with pytest.raises(OSError, match="larger than 10,000,000 bytes"):
        read_limited(io.BytesIO(b"x" * (MAX_INPUT_BYTES + 1)))


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.EPIPE, "standard output was closed before everything was written"),
     (errno.ENOSPC, "cannot write to standard output: ENOSPC")],
)
def test_output_that_fails_is_one_line_and_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int, message: str
) -> None:
    monkeypatch.setattr("sys.stdout", FailingOutput(code))
    assert guarded("cmd", lambda: print("result") or 0) == 1
    assert capsys.readouterr().err == f"cmd: {message}\n"


def test_a_command_run_by_another_is_guarded_once(capsys: pytest.CaptureFixture[str]) -> None:
    def inner() -> int:
        print("inner")
        return 3

    assert guarded("outer", lambda: guarded("inner", inner)) == 3
    assert capsys.readouterr().out == "inner\n"


def test_ctrl_c_ends_quietly_with_the_shells_status(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert guarded("cmd", interrupted) == 130
    assert capsys.readouterr().err == "\n"
