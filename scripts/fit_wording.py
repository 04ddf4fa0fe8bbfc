"""Fit the diagnostic's wording model to the tuning corpus and write it beside the questionnaire.

    .venv/bin/python scripts/fit_wording.py           # write frameworks/diagnostic-wording.json
    .venv/bin/python scripts/fit_wording.py --check   # exit 1 if that file is not what it gives

Only the tuning files with descriptions (`tests/diagnostic/corpus/<kind>-tuning*.yaml`, for each
of `WORDING_KINDS`) are read, never the held-out ones. Each description's Clutterbuck stage becomes
its span on the common timeline (the shipped content's), so the fitted counts name no framework;
descriptions that show no stage form a class of their own. See `stage_diagnostic.wording` for what
the engine does with it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml
from mentoring_stages import shipped
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import (
    WORDING_FILE,
    WORDING_KINDS,
    WORDING_LABELS,
    labelled_examples,
)
from stage_diagnostic.wording import fit

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "diagnostic" / "corpus"


def fitted() -> str:
    content = load_content([shipped.content_dir()])
    cases = [
        case
        for kind in WORDING_KINDS
        for path in sorted(CORPUS.glob(f"{kind}-tuning*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    examples = labelled_examples(content, cases, WORDING_LABELS)
    return json.dumps(fit(examples), sort_keys=True, separators=(",", ":")) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is stale")
    arguments = parser.parse_args()
    target = shipped.content_dir() / WORDING_FILE
    text = fitted()
    if arguments.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            sys.exit(f"{target} is stale: run .venv/bin/python scripts/fit_wording.py")
        print(f"{target.name} matches the tuning corpus")
        return
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text) // 1024} KB)")


if __name__ == "__main__":
    main()
