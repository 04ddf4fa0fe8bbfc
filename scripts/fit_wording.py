"""Fit the diagnostic's wording model and its flag reading to the corpus, and write them beside
the questionnaire.

    .venv/bin/python scripts/fit_wording.py           # write frameworks/diagnostic-wording.json
                                                      # and frameworks/diagnostic-flag-wording.json
    .venv/bin/python scripts/fit_wording.py --check   # exit 1 if either is not what it gives

Only the tuning files with descriptions (`tests/diagnostic/corpus/<kind>-tuning*.yaml`, for each
of `WORDING_KINDS`) are read, never the held-out ones. Each description's Clutterbuck stage becomes
its span on the common timeline (the shipped content's), so the fitted counts name no framework;
descriptions that show no stage form a class of their own. See `stage_diagnostic.wording` for what
the engine does with it.

The flag reading (`stage_diagnostic.flag_wording`) is fitted to every flag and no-stage file that
is not held out (the tuning files and the spent held-out ones, with their authors: see
`bench/corpus_sets.py`) and to the tuning descriptions as healthy pairs with no flag.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from mentoring_stages import shipped
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import (
    FLAG_WORDING_FILE,
    WORDING_FILE,
    WORDING_KINDS,
    WORDING_LABELS,
    labelled_examples,
)
from stage_diagnostic import flag_wording
from stage_diagnostic.wording import fit

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "diagnostic" / "corpus"
sys.path.insert(0, str(REPO / "bench"))
from corpus_sets import alarms, authored_cases, flag_examples  # noqa: E402


def fitted() -> str:
    content = load_content([shipped.content_dir()])
    cases = [
        case
        for kind in WORDING_KINDS
        for path in sorted(CORPUS.glob(f"{kind}-tuning*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    examples = labelled_examples(content, cases, WORDING_LABELS)
    return _text(fit(examples))


def fitted_flags() -> str:
    # the content's flags, not the compiled model's: it reads the fitted file this replaces
    diagnostic = load_content([shipped.content_dir()]).diagnostic
    assert diagnostic is not None
    flags = alarms(flag.id for flag in diagnostic.flags)
    return _text(flag_wording.fit(flag_examples(authored_cases()), flags))


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is stale")
    arguments = parser.parse_args()
    for name, text in ((WORDING_FILE, fitted()), (FLAG_WORDING_FILE, fitted_flags())):
        target = shipped.content_dir() / name
        if arguments.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                sys.exit(f"{target} is stale: run .venv/bin/python scripts/fit_wording.py")
            print(f"{target.name} matches the corpus")
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target} ({len(text) // 1024} KB)")


if __name__ == "__main__":
    main()
