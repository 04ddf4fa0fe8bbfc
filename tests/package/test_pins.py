"""This repository's set-up installs exactly the files it pinned: every package in
requirements*.txt has one version and the sha256 of its files, so `pip install -r` runs in
--require-hashes mode, and nothing the pinned packages need is left to be resolved unpinned (pip
would refuse it in that mode, on a fresh machine)."""

from __future__ import annotations

import tomllib
from importlib.metadata import distribution

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.pins import REQUIREMENTS, ROOT, TEST_REQUIREMENTS, pins

ALL_PINS = [*pins(REQUIREMENTS), *pins(TEST_REQUIREMENTS)]


def test_every_package_has_one_version_and_its_hashes() -> None:
    assert len(ALL_PINS) > 50
    for pin in ALL_PINS:
        assert pin.version and pin.hashes, f"not pinned with hashes: {pin.line}"
    names = [pin.name for pin in ALL_PINS]
    assert len(names) == len(set(names)), "a package is pinned twice"


def needs(requirement: str) -> bool:
    """Whether pip installs this requirement here (its markers hold, no extra asked for)."""
    parsed = Requirement(requirement)
    return parsed.marker is None or parsed.marker.evaluate({"extra": ""})


def test_what_the_project_and_every_pinned_package_need_is_pinned() -> None:
    pinned = {pin.name for pin in ALL_PINS}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = {
        "the project": [*project["project"]["dependencies"],
                        *project["build-system"]["requires"]],
        **{pin.name: distribution(pin.name).requires or [] for pin in ALL_PINS},
    }
    unpinned = {
        f"{who} needs {Requirement(requirement).name}"
        for who, requirements in wanted.items()
        for requirement in requirements
        if needs(requirement) and canonicalize_name(Requirement(requirement).name) not in pinned
    }
    assert unpinned == set()
