"""What a description's wording says about problems: a fitted reading of the alarm flags.

The questionnaire's phrases (`reading`) raise a flag where a description says a problem in words
someone foresaw. Rules for phrases carry poorly to a new author's words (each fresh author's first
look found fewer of the problems than the rules' own tuning promised), so this module also learns,
per alarm flag, a regularised logistic regression over the description's words (`wording.features`:
stems, denied stems, neighbouring pairs) and who does what ("she cancels", "we drift": the pair's
side and the next word). It is fitted once, outside the site (`fit`, run by
`scripts/fit_wording.py` on the tuning and spent corpus, keeping only features that several
authors use), and travels in the model as data (`"flag_wording"`, see `model`). The engine combines
it with the rules (see `engine._flags`): the rules' read alarm is asked only when the fitted reading
agrees a little, and the fitted reading alone asks when it is sure.

Determinism: the same text must give the same flags in CPython and in Pyodide, so a flag's score
is an exactly rounded sum (math.fsum) of the weights the text holds, compared with thresholds on
that same scale: no exp or log at run time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .text import WORD_CLASSES, Description, tokenize
from .wording import Feature, features, phrases_of

# The fitted document's version and that of its features (bump with any change to what
# `flag_features` yields for a text, or to `wording.FEATURES_VERSION`).
FLAG_WORDING_FORMAT = 1
FLAG_FEATURES_VERSION = 3
# A feature is kept only when at least this many authors' examples hold it: one author's own turns
# of phrase say nothing about the next author's.
MIN_AUTHORS = 3
# ...and, of those, per flag, the ones that weigh most (the shipped file's size; the page's first
# visit has a bytes budget).
KEPT_PER_FLAG = 600
# L2 regularisation per example, learning rate and passes of the stochastic fit (AdaGrad).
L2 = 0.03
# ...and more of it for a feature fewer authors use: a feature that SPREAD_AUTHORS or more authors
# use gets L2, one that n < SPREAD_AUTHORS use gets L2 * SPREAD_AUTHORS / n, so a turn of phrase a
# few authors share weighs less than one most of them use (a new author's words are more likely
# to be the common ones). 0 (or anything up to MIN_AUTHORS): the same L2 for every feature. Chosen
# on leave one author out over 33 authors (bench/diagnostic.py --by-author): 10 found 1244 of 1530
# problems where 0 found 1185 (authors 31 to 40, the nearest to a new author: 319 of 420, was 297),
# asking about as many healthy pairs (see engine.ALARM_ALONE).
SPREAD_AUTHORS = 10
LEARNING_RATE = 0.3
PASSES = 25
DIGITS = 3  # weights are shipped rounded to this many decimals
QUOTES = 3

# Who does it: a word for one side of the pair, then (within ACTOR_REACH words of the same clause)
# what they do. "she cancels" -> "M>cancel", "we drifted" -> "W>drift", "I chase" -> "I>chase".
ACTOR_REACH = 3
_ACTORS = {
    **dict.fromkeys(("he", "she", "he's", "she's", "he'd", "she'd", "mentor", "mentor's"), "M"),
    **dict.fromkeys(("we", "we're", "we've", "we'd", "us", "both", "neither", "our"), "W"),
    **dict.fromkeys(("i", "i'm", "i've", "i'd", "me", "my"), "I"),
}


# The questionnaire's word classes (text.WORD_CLASSES: ways of saying "ghosted", "fizzled", "cut
# loose", "before I was ready"), indexed by their entries' first stem. A text holding any entry of
# a class also holds the feature "{class}" ("not_{class}" when denied), so weight learnt from one
# author's "unresponsive" carries to the next author's "gone dark".
def _class_entries() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    entries: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for name, words in WORD_CLASSES.items():
        for word in words:
            stems = tuple(token.stem for token in tokenize(word))
            entries[stems[0]] = (*entries.get(stems[0], ()), (name, stems))
    return entries


_CLASS_ENTRIES = _class_entries()


def flag_features(description: Description) -> list[Feature]:
    """The description's words (see `wording.features`), the word classes they say and who does
    what in it, but none from a clause told of someone outside the pair
    (`Description.told_of_outsider`)."""
    words = features(description)
    tokens = description.tokens
    denied = {w.first for w in words if w.first == w.last and w.name.startswith("not_")}
    classes: list[Feature] = []
    for index, token in enumerate(tokens):
        for name, stems in _CLASS_ENTRIES.get(token.stem, ()):
            last = index + len(stems) - 1
            if last < len(tokens) and all(
                tokens[index + k].stem == part for k, part in enumerate(stems)
            ) and tokens[last].clause == token.clause:
                mark = "not_" if index in denied else ""
                classes.append(Feature(f"{mark}{{{name}}}", index, last))
    single = [w for w in words if w.first == w.last]
    actors: list[Feature] = []
    for index, token in enumerate(tokens):
        side = _ACTORS.get(token.word)
        if side is None:
            continue
        after = [
            w for w in single
            if index < w.first <= index + ACTOR_REACH and tokens[w.first].clause == token.clause
        ][:2] + [
            c for c in classes
            if index < c.first <= index + ACTOR_REACH and tokens[c.first].clause == token.clause
        ]
        actors += [Feature(f"{side}>{w.name}", index, w.last) for w in after]
    # a clause whose subject is someone outside the pair tells their trouble, not the pair's
    return [
        feature for feature in (*words, *classes, *actors)
        if not description.told_of_outsider(feature.first)
    ]


@dataclass(frozen=True)
class FlagWording:
    """Per alarm flag, the fitted weights: a text's score is its bias plus the weights of the
    features it holds."""

    bias: dict[str, float]
    weights: dict[str, dict[str, float]]


@dataclass(frozen=True)
class Verdict:
    score: float  # log-odds that the text describes the flag's problem
    heard: int  # how many of the text's features weigh for or against it
    quotes: tuple[tuple[int, int], ...]  # token ranges of the phrases that weighed most for it


def verdicts(model: FlagWording, description: Description) -> dict[str, Verdict]:
    """Per flag, how strongly the text's wording says it, with its most telling phrases."""
    found: dict[str, Feature] = {}
    for feature in flag_features(description):
        found.setdefault(feature.name, feature)
    result = {}
    for flag, weights in model.weights.items():
        held = [name for name in found if name in weights]
        score = math.fsum([model.bias[flag], *(weights[name] for name in held)])
        result[flag] = Verdict(score, len(held), _quotes(description, found, weights, held))
    return result


def _quotes(
    description: Description,
    found: dict[str, Feature],
    weights: dict[str, float],
    held: list[str],
) -> tuple[tuple[int, int], ...]:
    """The phrases of the features that weighed most for the flag (see `wording.phrases_of`)."""
    ranked = sorted(
        (name for name in held if weights[name] > 0),
        key=lambda name: (-weights[name], found[name].first, name),
    )
    return phrases_of(description, [found[name] for name in ranked], QUOTES)


def fit(
    examples: Iterable[tuple[str, Sequence[str], str]], flags: Sequence[str]
) -> dict[str, Any]:
    """The fitted document from (text, its flags, its author) examples::

        {"format": FLAG_WORDING_FORMAT, "features_version": FLAG_FEATURES_VERSION,
         "flags": {flag id: {"bias": b, "weights": {feature name: w, ...}}, ...}}

    Features that fewer than MIN_AUTHORS authors use are left out; per flag, a logistic regression
    (L2, more of it for features few authors use, AdaGrad, a fixed order of passes) is fitted, the
    KEPT_PER_FLAG heaviest weights kept and fitted again alone."""
    rows: list[tuple[frozenset[str], frozenset[str]]] = []
    authors: dict[str, set[str]] = {}
    for text, wanted, author in examples:
        names = frozenset(f.name for f in flag_features(Description(text)))
        rows.append((names, frozenset(wanted)))
        for name in names:
            authors.setdefault(name, set()).add(author)
    shared = {name for name, who in authors.items() if len(who) >= MIN_AUTHORS}
    penalty = {name: L2 * max(1.0, SPREAD_AUTHORS / len(authors[name])) for name in shared}
    fitted = {}
    for flag in flags:
        labels = [flag in wanted for _, wanted in rows]
        bias, weights = _logistic([names & shared for names, _ in rows], labels, penalty)
        heaviest = sorted(weights, key=lambda name: (-abs(weights[name]), name))[:KEPT_PER_FLAG]
        bias, weights = _logistic([names & set(heaviest) for names, _ in rows], labels, penalty)
        fitted[flag] = {
            "bias": round(bias, DIGITS),
            "weights": {
                name: round(w, DIGITS) for name, w in sorted(weights.items())
                if round(w, DIGITS) != 0
            },
        }
    return {
        "format": FLAG_WORDING_FORMAT,
        "features_version": FLAG_FEATURES_VERSION,
        "flags": fitted,
    }


def _logistic(
    rows: Sequence[frozenset[str] | set[str]],
    labels: Sequence[bool],
    penalty: dict[str, float],
) -> tuple[float, dict[str, float]]:
    """A logistic regression over binary features, by AdaGrad with an L2 penalty per feature
    (fitting only: not run on the page, so exp is fine here)."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias = bias_square = 0.0
    order = list(range(len(rows)))
    shuffle = random.Random(19)
    for _ in range(PASSES):
        shuffle.shuffle(order)
        for i in order:
            names = rows[i]
            score = bias + math.fsum(weights.get(name, 0.0) for name in names)
            chance = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))
            error = chance - labels[i]
            bias_square += error * error
            bias -= LEARNING_RATE * error / math.sqrt(bias_square)
            for name in names:
                w = weights.get(name, 0.0)
                gradient = error + penalty[name] * w
                squares[name] = squares.get(name, 0.0) + gradient * gradient
                weights[name] = w - LEARNING_RATE * gradient / math.sqrt(squares[name])
    return bias, weights


def flag_wording_from(document: dict[str, Any]) -> FlagWording:
    """The fitted reading from its (already checked) document's "flags"."""
    return FlagWording(
        {flag: float(entry["bias"]) for flag, entry in document.items()},
        {
            flag: {name: float(w) for name, w in entry["weights"].items()}
            for flag, entry in document.items()
        },
    )
