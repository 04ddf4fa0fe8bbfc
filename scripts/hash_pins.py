"""Write the sha256 of every file pip may install beside each pin in requirements*.txt.

    python3 scripts/hash_pins.py     # after changing a version in either file (needs the internet)

The versions stay as written; pip-compile (from pip-tools, in a throw-away virtualenv) adds the
hashes of every file of each pinned release on the index (every platform's wheels, the sdist) and
any package a new version comes to need. requirements-test.txt keeps `-r requirements.txt` and
lists only what the tests add. With a hash on every line, `pip install -r` runs in pip's
--require-hashes mode: it refuses a file whose hash is not here, and a package that is not.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PIP_TOOLS = "pip-tools==7.7.0"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.MULTILINE)
FILES = ("requirements.txt", "requirements-test.txt")


def header(text: str) -> str:
    """The comment lines a file starts with (and its `-r` line), kept as they are."""
    lines = []
    for line in text.splitlines():
        if not (line.startswith("#") or line.startswith("-r ") or not line.strip()):
            break
        lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def entries(compiled: str) -> dict[str, str]:
    """{normalised name: the entry, pin and hash lines} of pip-compile's output."""
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", compiled.strip()):
        match = PIN.match(block)
        if match:
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = block.rstrip() + "\n"
    return found


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        tools = Path(work) / "pip-tools"
        subprocess.run([sys.executable, "-m", "venv", tools], check=True)
        subprocess.run([tools / "bin/pip", "install", "--quiet", PIP_TOOLS], check=True)
        compiled: dict[str, dict[str, str]] = {}
        pins = ""
        for name in FILES:
            pins += "\n".join(f"{m[1]}=={m[2]}" for m in PIN.finditer((REPO / name).read_text()))
            pins += "\n"
            source, output = Path(work) / f"{name}.in", Path(work) / name
            source.write_text(pins)
            subprocess.run(
                [tools / "bin/pip-compile", "--quiet", "--generate-hashes", "--allow-unsafe",
                 "--strip-extras", "--no-header", "--no-annotate", "--no-emit-index-url",
                 "--no-emit-find-links", "--output-file", output, source],
                check=True,
            )  # fmt: skip
            compiled[name] = entries(output.read_text())
    base, test = (compiled[name] for name in FILES)
    changed = [name for name in base if test.get(name, base[name]) != base[name]]
    if changed:
        print(f"the test set pins {', '.join(changed)} otherwise; pin them alike", file=sys.stderr)
        return 1
    test = {name: entry for name, entry in test.items() if name not in base}
    for name, chosen in zip(FILES, (base, test), strict=True):
        path = REPO / name
        path.write_text(header(path.read_text()) + "".join(chosen[key] for key in sorted(chosen)))
        print(f"{name}: {len(chosen)} packages, every file hashed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
