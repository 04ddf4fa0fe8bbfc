"""Which corpus files there are, who wrote each, and which held-out ones are spent: one owner for
these facts, read by `bench/diagnostic.py` and `scripts/fit_wording.py`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from stage_diagnostic.model import MOVE_BACK_FLAG

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "diagnostic" / "corpus"


def _held_out_set(number: int) -> tuple[str, str, str]:
    """The files of held-out set `number` (7 and later): its flag cases, its no-stage texts and its
    descriptions, each written at once by one author (the corpus README's table)."""
    file = number - 4
    return (f"flags-heldout-{file}.yaml", f"nostage-heldout-{file}.yaml",
            f"descriptions-heldout-{file + 2}.yaml")


# The held-out sets from 10 on that are spent, and how their author is numbered (set 10, author 15).
SPENT_FROM_10 = range(10, 51)
AUTHOR_AFTER_SET = 5
# Held-out files whose misses have since been studied case by case (from stop 27 on): their
# figures are no longer a fresh estimate, so they are reported apart, as "spent", and their misses
# may be listed; the fitted flag reading is fitted to them too. A file stays held out until its
# first run is recorded and it is studied (set 9 has not been).
SPENT = frozenset({
    "flags-heldout.yaml", "nostage-heldout.yaml", "flags-heldout-2.yaml", "nostage-heldout-2.yaml",
    *(name for number in (7, 8, *SPENT_FROM_10) for name in _held_out_set(number)),
})
# The author of each flag and no-stage file that is not held out (the corpus README's table).
AUTHORS = {
    "flags-tuning.yaml": 7, "nostage-tuning.yaml": 7,
    "flags-heldout.yaml": 8, "nostage-heldout.yaml": 8,
    "flags-heldout-2.yaml": 9, "nostage-heldout-2.yaml": 9,
    "flags-tuning-2.yaml": 10, "nostage-tuning-2.yaml": 10,
    "flags-heldout-3.yaml": 11, "nostage-heldout-3.yaml": 11,
    "flags-tuning-3.yaml": 12, "nostage-tuning-3.yaml": 12,
    "flags-heldout-4.yaml": 13, "nostage-heldout-4.yaml": 13,
    **{name: number + AUTHOR_AFTER_SET
       for number in SPENT_FROM_10 for name in _held_out_set(number)[:2]},
}

# The held-out flag sets whose first look (before any tuning on them) is recorded in the corpus
# README: their author and the engine commit it was measured with. Replaying those engines' rules
# on them is the one honest measure of how the rules do on a new author, so of what the fitted flag
# reading adds to them (bench/diagnostic.py --by-author).
FIRST_LOOKS = {
    11: ("bc1d8c8", ("flags-heldout-3.yaml", "nostage-heldout-3.yaml")),
    13: ("099c9be", ("flags-heldout-4.yaml", "nostage-heldout-4.yaml")),
    15: ("304cd8d", ("flags-heldout-6.yaml", "nostage-heldout-6.yaml")),
    16: ("304cd8d", ("flags-heldout-7.yaml", "nostage-heldout-7.yaml")),
    17: ("be176cd", ("flags-heldout-8.yaml", "nostage-heldout-8.yaml")),
    18: ("be176cd", ("flags-heldout-9.yaml", "nostage-heldout-9.yaml")),
    19: ("2a045a1", ("flags-heldout-10.yaml", "nostage-heldout-10.yaml")),
    20: ("2a045a1", ("flags-heldout-11.yaml", "nostage-heldout-11.yaml")),
    21: ("36094af", ("flags-heldout-12.yaml", "nostage-heldout-12.yaml")),
    22: ("36094af", ("flags-heldout-13.yaml", "nostage-heldout-13.yaml")),
    23: ("36094af", ("flags-heldout-14.yaml", "nostage-heldout-14.yaml")),
    24: ("36094af", ("flags-heldout-15.yaml", "nostage-heldout-15.yaml")),
    25: ("6e4ff42", ("flags-heldout-16.yaml", "nostage-heldout-16.yaml")),
    26: ("6e4ff42", ("flags-heldout-17.yaml", "nostage-heldout-17.yaml")),
    27: ("b385b58", ("flags-heldout-18.yaml", "nostage-heldout-18.yaml")),
    28: ("b385b58", ("flags-heldout-19.yaml", "nostage-heldout-19.yaml")),
    29: ("015ecf3", ("flags-heldout-20.yaml", "nostage-heldout-20.yaml")),
    30: ("015ecf3", ("flags-heldout-21.yaml", "nostage-heldout-21.yaml")),
    31: ("4c63df2", ("flags-heldout-22.yaml", "nostage-heldout-22.yaml")),
    32: ("4c63df2", ("flags-heldout-23.yaml", "nostage-heldout-23.yaml")),
    33: ("4c63df2", ("flags-heldout-24.yaml", "nostage-heldout-24.yaml")),
    34: ("4c63df2", ("flags-heldout-25.yaml", "nostage-heldout-25.yaml")),
    35: ("4c63df2", ("flags-heldout-26.yaml", "nostage-heldout-26.yaml")),
    36: ("4c63df2", ("flags-heldout-27.yaml", "nostage-heldout-27.yaml")),
    37: ("4c63df2", ("flags-heldout-28.yaml", "nostage-heldout-28.yaml")),
    38: ("4c63df2", ("flags-heldout-29.yaml", "nostage-heldout-29.yaml")),
    39: ("4c63df2", ("flags-heldout-30.yaml", "nostage-heldout-30.yaml")),
    40: ("4c63df2", ("flags-heldout-31.yaml", "nostage-heldout-31.yaml")),
    41: ("ffe525e", ("flags-heldout-32.yaml", "nostage-heldout-32.yaml")),
    42: ("ffe525e", ("flags-heldout-33.yaml", "nostage-heldout-33.yaml")),
    43: ("ffe525e", ("flags-heldout-34.yaml", "nostage-heldout-34.yaml")),
    44: ("ffe525e", ("flags-heldout-35.yaml", "nostage-heldout-35.yaml")),
    45: ("19ab297", ("flags-heldout-36.yaml", "nostage-heldout-36.yaml")),
    46: ("19ab297", ("flags-heldout-37.yaml", "nostage-heldout-37.yaml")),
    47: ("19ab297", ("flags-heldout-38.yaml", "nostage-heldout-38.yaml")),
    48: ("19ab297", ("flags-heldout-39.yaml", "nostage-heldout-39.yaml")),
    49: ("7374aa1", ("flags-heldout-40.yaml", "nostage-heldout-40.yaml")),
    50: ("7374aa1", ("flags-heldout-41.yaml", "nostage-heldout-41.yaml")),
    51: ("7374aa1", ("flags-heldout-42.yaml", "nostage-heldout-42.yaml")),
    52: ("7374aa1", ("flags-heldout-43.yaml", "nostage-heldout-43.yaml")),
    53: ("7374aa1", ("flags-heldout-44.yaml", "nostage-heldout-44.yaml")),
    54: ("7374aa1", ("flags-heldout-45.yaml", "nostage-heldout-45.yaml")),
    55: ("7374aa1", ("flags-heldout-46.yaml", "nostage-heldout-46.yaml")),
}


def corpus_files(kind: str, part: str) -> list[Path]:
    """The corpus files of one kind and part ("tuning", "heldout", or "spent": held-out files
    studied since, see SPENT): `descriptions-heldout.yaml`, then later sets such as
    `descriptions-heldout-2.yaml`, each written at once by someone who never read the engine."""
    pattern = "heldout" if part == "spent" else part
    files = [
        path for path in CORPUS.glob(f"{kind}-{pattern}*.yaml")
        if part == "tuning" or (path.name in SPENT) == (part == "spent")
    ]
    return sorted(files, key=lambda path: (len(path.name), path.name))


def load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data if isinstance(data, list) else data.get("cases", []))


def authored_cases() -> list[tuple[int, dict[str, Any]]]:
    """Every flag and no-stage case that is not held out (tuning and spent), with its author."""
    files = [
        path for kind in ("flags", "nostage") for part in ("tuning", "spent")
        for path in corpus_files(kind, part)
    ]
    unknown = [path.name for path in files if path.name not in AUTHORS]
    if unknown:
        raise SystemExit(f"bench/corpus_sets.py: no author given for {', '.join(unknown)}")
    return [(AUTHORS[path.name], case) for path in files for case in load(path)]


def flag_examples(
    authored: list[tuple[int, dict[str, Any]]],
) -> list[tuple[str, list[str], str]]:
    """(text, flags, author) to fit the flag reading to: the authored flag and no-stage cases, and
    the tuning descriptions (authors 1, 3 and 5) as healthy pairs with no flag."""
    examples = [(case["text"], list(case.get("flags", [])), str(a)) for a, case in authored]
    descriptions = [case for path in corpus_files("descriptions", "tuning") for case in load(path)]
    return examples + [(case["text"], [], "descriptions") for case in descriptions]


def alarms(flag_ids: Iterable[str]) -> list[str]:
    """The alarm flags of these, which the flag reading is fitted for (a move back is normal)."""
    return [flag_id for flag_id in flag_ids if flag_id != MOVE_BACK_FLAG]
