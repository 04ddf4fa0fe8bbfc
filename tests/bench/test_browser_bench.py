"""The browser bench's wait for a quiet machine before each Lighthouse audit."""

from __future__ import annotations

import pytest

from bench import browser


class Clock:
    """time.monotonic and time.sleep for the bench, without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.sleeps += 1


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(browser.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(browser.time, "sleep", clock.sleep)
    return clock


def test_an_audit_waits_until_the_load_has_fallen(
    monkeypatch: pytest.MonkeyPatch, clock: Clock,
) -> None:
    loads = iter([2.6, 1.9, 1.2, browser.QUIET_LOAD, 0.4])
    monkeypatch.setattr(browser.os, "getloadavg", lambda: (next(loads), 0.0, 0.0))
    assert browser.wait_until_quiet() == clock.now
    assert clock.sleeps == 3


def test_an_audit_on_a_machine_that_stays_busy_waits_only_so_long(
    monkeypatch: pytest.MonkeyPatch, clock: Clock,
) -> None:
    monkeypatch.setattr(browser.os, "getloadavg", lambda: (3.0, 3.0, 3.0))
    waited = browser.wait_until_quiet()
    assert browser.QUIET_WAIT_S <= waited < browser.QUIET_WAIT_S + 10


def test_an_audit_on_a_quiet_machine_does_not_wait(
    monkeypatch: pytest.MonkeyPatch, clock: Clock,
) -> None:
    monkeypatch.setattr(browser.os, "getloadavg", lambda: (0.2, 0.5, 0.5))
    assert browser.wait_until_quiet() == 0
    assert clock.sleeps == 0
