"""The pins of this repository's set-up (requirements.txt, requirements-test.txt), as pip reads
them: each package's exact version and the sha256 of every file it may install."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "requirements-test.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})\b")


@dataclass(frozen=True)
class Pin:
    name: str  # normalised: lower case, runs of -_. as one -
    version: str  # empty if the line pins no exact version
    hashes: tuple[str, ...]
    line: str  # the requirement as written, continuation lines joined


def pins(path: Path) -> list[Pin]:
    """Every requirement in the file (not those of a file it names with -r)."""
    found = []
    # A requirement goes on over the lines after a `\`; options (-r, --hash alone) start with '-'.
    for line in path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        if not line.strip() or line.startswith(("#", "-")):
            continue
        match = PIN.match(line)
        name = match["name"] if match else line.split()[0]
        found.append(Pin(re.sub(r"[-_.]+", "-", name).lower(), match["version"] if match else "",
                         tuple(HASH.findall(line)), " ".join(line.split())))
    return found
