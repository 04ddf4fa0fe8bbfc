"""What a description's wording suggests: a naive Bayes reading of its words, learned from examples.

The questionnaire's phrases (`reading`) catch what a description says in words someone foresaw;
people also describe a stage in words nobody listed ("we are still feeling each other out", "she
wants to move into policy, so that is what we are mapping"). This module learns which words go with
which part of the common timeline from example descriptions whose stage is known, and gives the
engine one more factor over the timeline, with the words that weighed most as its quotes.

It is fitted once, outside the site (`fit`, run by `scripts/fit_wording.py` on the tuning corpus),
and the result travels in the model as data (`"wording"`, see `model`). The classes are spans of
the common timeline (one class, span null, for descriptions that show no stage), so the fitted
wording knows no framework by name.

Determinism: the same text must give the same digits in CPython and in Pyodide, so the classes'
scores are products of ratios renormalised after each word (only * and /, and math.fsum), never
exp, log or the built-in sum of floats (see `timeline`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .text import NEGATION_WINDOW, NOT, Description, has_content_word

# The fitted document's version, and the version of the feature extraction it was counted with.
# `fit` writes both; `model` refuses a document written by another version, so a site's own
# wording file says "refit me" after an engine upgrade instead of quietly matching nothing.
# Bump FEATURES_VERSION with any change to what `features` yields for a text: the stop words, the
# denial's reach, the pairs, and the stems and clauses `text.Description` gives it.
WORDING_FORMAT = 1
FEATURES_VERSION = 3

# Words that carry no stage: they would only add noise to the counts.
# fmt: off
_STOP = frozenset({
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "is", "are", "was",
    "were", "be", "been", "it", "this", "that", "i", "we", "he", "she", "they", "my", "our", "his",
    "her", "their", "me", "us", "you", "your", "as", "so", "by", "from", "have", "has", "had", "do",
    "does", "did", "am", "its",
})
# fmt: on
# A word or pair of words must occur in this many examples to be kept: rarer ones are noise.
MIN_DOCUMENTS = 2
# Laplace smoothing added to every count.
SMOOTHING = 0.5
# How many of the words that weighed most are quoted.
QUOTES = 3
# Examples added to every class's count when ranking words for quoting (see _quotes).
QUOTE_SHRINK = 3


@dataclass(frozen=True)
class Feature:
    name: str  # a stem, "not_" + a stem, or two of them joined by "+"
    first: int  # token indexes of the words it came from
    last: int


def features(description: Description) -> list[Feature]:
    """The description's stems (denied ones marked) and each neighbouring pair in one clause."""
    tokens = description.tokens
    words: list[Feature] = []
    denied_from: tuple[int, int] | None = None  # (clause, index) of the last denying word
    for index, token in enumerate(tokens):
        if token.stem == NOT:
            denied_from = (token.clause, index)
            continue
        if token.stem in _STOP or token.stem.replace(".", "", 1).isdigit():
            continue
        denied = (
            denied_from is not None
            and denied_from[0] == token.clause
            and index - denied_from[1] <= NEGATION_WINDOW
        )
        words.append(Feature(("not_" if denied else "") + token.stem, index, index))
    pairs = [
        Feature(f"{one.name}+{other.name}", one.first, other.last)
        for one, other in itertools.pairwise(words)
        if tokens[one.first].clause == tokens[other.first].clause
    ]
    return words + pairs


@dataclass(frozen=True)
class WordingClass:
    span: tuple[float, float] | None  # None: descriptions that show no stage
    documents: int


@dataclass(frozen=True)
class Wording:
    """A fitted wording model: per feature, how many examples of each class contain it."""

    classes: tuple[WordingClass, ...]
    counts: dict[str, tuple[int, ...]]
    # per class, the chance of one more kept feature: (count + SMOOTHING) / denominator
    denominators: tuple[float, ...]

    def chances(self, name: str) -> list[float]:
        """Per class, how likely an example of it is to contain the feature (smoothed)."""
        return [
            (count + SMOOTHING) / denominator
            for count, denominator in zip(self.counts[name], self.denominators, strict=True)
        ]


@dataclass(frozen=True)
class Impression:
    probabilities: tuple[float, ...]  # per class, summing to 1
    quotes: tuple[tuple[int, int], ...]  # token ranges of the words that weighed most
    # the phrases that tell "shows no stage" from the rest, when that class is the likelier
    # reason to say nothing (see engine)
    no_stage_quotes: tuple[tuple[int, int], ...] = ()


def fit(examples: Iterable[tuple[str, tuple[float, float] | None]]) -> dict[str, Any]:
    """The wording model's document from (text, span or None) pairs::

        {"format": 1, "features_version": 3,
         "classes": [{"span": [start, end] | null, "documents": how many examples}, ...],
         "features": {feature name: [examples of each class holding it, in class order], ...}}

    Classes are ordered by span, the "shows no stage" class (span null) last; a feature is a stem,
    "not_" + a stem, or two of them joined by "+" (see `features`), kept when at least
    MIN_DOCUMENTS examples hold it."""
    spans: list[tuple[float, float] | None] = []
    per_class: list[list[set[str]]] = []
    for text, span in examples:
        if span not in spans:
            spans.append(span)
            per_class.append([])
        names = {feature.name for feature in features(Description(text))}
        per_class[spans.index(span)].append(names)
    order = sorted(range(len(spans)), key=lambda i: (spans[i] is None, spans[i] or (0.0, 0.0)))
    documents: dict[str, int] = {}
    for examples_of_class in per_class:
        for names in examples_of_class:
            for name in names:
                documents[name] = documents.get(name, 0) + 1
    kept = sorted(name for name, count in documents.items() if count >= MIN_DOCUMENTS)
    return {
        "format": WORDING_FORMAT,
        "features_version": FEATURES_VERSION,
        "classes": [
            {"span": _listed(spans[i]), "documents": len(per_class[i])} for i in order
        ],
        "features": {
            name: [sum(name in names for names in per_class[i]) for i in order] for name in kept
        },
    }


def _listed(span: tuple[float, float] | None) -> list[float] | None:
    return None if span is None else list(span)


def wording_from(classes: Sequence[WordingClass], counts: dict[str, tuple[int, ...]]) -> Wording:
    vocabulary = len(counts)
    totals = [0] * len(classes)
    for row in counts.values():
        for i, count in enumerate(row):
            totals[i] += count
    return Wording(
        tuple(classes), counts, tuple(total + SMOOTHING * vocabulary for total in totals)
    )


def impression(wording: Wording, description: Description) -> Impression | None:
    """How likely each class is given the description's known words, or None if it has none."""
    found: dict[str, Feature] = {}
    for feature in features(description):
        if feature.name in wording.counts:
            found.setdefault(feature.name, feature)
    if not found:
        return None
    documents = [c.documents for c in wording.classes]
    everyone = sum(documents)
    scores = [count / everyone for count in documents]
    for name in found:
        scores = [
            score * chance for score, chance in zip(scores, wording.chances(name), strict=True)
        ]
        top = max(scores)
        scores = [score / top for score in scores]  # renormalise: no underflow, no log
    total = math.fsum(scores)
    probabilities = tuple(score / total for score in scores)
    best = max(range(len(probabilities)), key=lambda i: (probabilities[i], -i))
    no_stage = next((i for i, c in enumerate(wording.classes) if c.span is None), best)
    return Impression(
        probabilities,
        _quotes(wording, found, best, description),
        _quotes(wording, found, no_stage, description),
    )


def _quotes(
    wording: Wording, found: dict[str, Feature], best: int, description: Description
) -> tuple[tuple[int, int], ...]:
    """The features that tell the likeliest class from the others best, each widened to a phrase
    (`Description.phrase`), in the order they occur, without overlaps. A feature counts only if
    it has a word that means something on its own: "yet" or "what" may weigh, but is no reason
    anyone would recognise. Telling is measured with QUOTE_SHRINK examples added to every
    count, so a word seen twice, both times in one class ("Manchester"), ranks below one seen in
    thirty; of two that tell as much, the pair of words."""
    documents = [c.documents for c in wording.classes]
    favour = {}
    for name in found:
        rates = [
            (count + QUOTE_SHRINK) / (total + QUOTE_SHRINK)
            for count, total in zip(wording.counts[name], documents, strict=True)
        ]
        favour[name] = rates[best] / max(r for i, r in enumerate(rates) if i != best)
    ranked = sorted(
        found,
        key=lambda name: (-favour[name], found[name].first - found[name].last, found[name].first),
    )
    telling = [found[name] for name in ranked if favour[name] > 1.0]
    return phrases_of(description, telling, QUOTES)


def phrases_of(
    description: Description, ranked: Sequence[Feature], limit: int
) -> tuple[tuple[int, int], ...]:
    """Up to `limit` of the features, best first, each widened to a phrase
    (`Description.phrase`), in the order they occur, without overlaps; only those with a word
    that means something on its own."""
    chosen: list[tuple[int, int]] = []
    for feature in ranked:
        if len(chosen) == limit:
            break
        if not has_content_word(description.quote(feature.first, feature.last)[0]):
            continue
        first, last = description.phrase(feature.first, feature.last)
        if not any(first <= c_last and c_first <= last for c_first, c_last in chosen):
            chosen.append((first, last))
    return tuple(sorted(chosen))
