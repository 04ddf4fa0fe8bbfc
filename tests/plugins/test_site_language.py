"""A site in another language: with `theme.language: de`, the generated pages' fixed labels, the
diagnostic's and the cohort page's interface are German; the content stays as its authors wrote
it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from mentoring_stages.language import load_words
from mentoring_stages.shipped import content_dir
from stage_diagnostic.words import PLACEHOLDER

from tests.support.mkdocs_build import build, repo_project

GENERATED = [
    "frameworks/index.html", "frameworks/kram/index.html", "frameworks/clutterbuck/index.html",
    "compare/index.html", "guidance/index.html", "guidance/active-listening/index.html",
    "sources/index.html", "diagnostic/index.html", "glossary/index.html",
    "reference/cohort/index.html",
]
COHORT = "reference/cohort/index.html"
# The sections whose words the build writes into pages (the rest reach the page through the model
# and the page's scripts: tests/js checks those): the cohort page holds the survey's lines and the
# results file's headings too.
SECTIONS = ("pages", "labels", "diagnostic", "cohort", "survey", "batch")


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = repo_project(tmp_path_factory.mktemp("german"), snapshot=False)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["language"] = "de"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    done = build(project)
    assert done.returncode == 0, done.stderr
    return project / "site"


def main_text(page: Path) -> str:
    """The page's article as text and attribute values: what the plugin writes, not the theme."""
    article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
    assert article, page
    return html.unescape(re.sub(r"<[^>]*?>", " ", article.group(0)) + " ".join(
        re.findall(r'(?:aria-label|title)="([^"]*)"', article.group(0))))


def english_pieces() -> list[str]:
    """The English words' pieces between `{names}` that a reader could recognise: three words or
    more, so that no content that happens to share a short phrase counts, and none the shipped
    content itself uses ("after the formal relationship"): on the page the two look the same."""
    english = load_words("en")
    content = " ".join(
        " ".join(path.read_text(encoding="utf-8").split())
        for path in sorted(content_dir().rglob("*.yaml"))
    )
    return sorted({
        " ".join(piece.split())
        for section in SECTIONS
        for text in english[section].values()
        for piece in PLACEHOLDER.split(text)[::2]
        if len(piece.split()) >= 3 and " ".join(piece.split()) not in content
    })


@pytest.mark.parametrize("page", GENERATED)
def test_no_english_label_is_left_on_a_generated_page(german_site: Path, page: str) -> None:
    text = " ".join(main_text(german_site / page).split())
    assert [piece for piece in english_pieces() if piece in text] == []


def test_the_generated_pages_speak_german(german_site: Path) -> None:
    german = load_words("de")
    kram = main_text(german_site / "frameworks/kram/index.html")
    assert german["labels"]["mentor_does"] in kram and german["labels"]["what_goes_wrong"] in kram
    assert "Kram" in kram, "the content stays as written"
    compare = main_text(german_site / "compare/index.html")
    for phase in ("early", "middle", "late", "after"):
        assert german["labels"][f"phase_{phase}_note"] in compare, "the phases' legend"
    assert german["labels"]["order_caption"].split(":")[0] in compare
    glossary = main_text(german_site / "glossary/index.html")
    assert german["labels"]["glossary_own"] in glossary and "Our definition" not in glossary
    diagnostic = (german_site / "diagnostic/index.html").read_text(encoding="utf-8")
    assert german["pages"]["diagnostic_title"] in diagnostic
    assert html.escape(german["diagnostic"]["questions_intro"], quote=False) in diagnostic


def test_the_diagnostics_scripts_and_model_get_german_words(german_site: Path) -> None:
    page = (german_site / "diagnostic/index.html").read_text(encoding="utf-8")
    found = re.search(r'data-msd-words="([^"]*)"', page)
    assert found
    words = json.loads(html.unescape(found.group(1)))
    assert words == dict(load_words("de")["page"])
    model_file = german_site / "assets/mentoring-stages/diagnostic/model.json"
    model = json.loads(model_file.read_text(encoding="utf-8"))
    assert model["words"] == load_words("de").for_model()


def test_the_cohort_pages_scripts_get_german_words_and_its_survey_is_german(
    german_site: Path,
) -> None:
    page = (german_site / COHORT).read_text(encoding="utf-8")
    found = re.search(r'data-msc-words="([^"]*)"', page)
    assert found
    german = load_words("de")
    assert json.loads(html.unescape(found.group(1))) == dict(german["cohort_page"])
    text = " ".join(main_text(german_site / COHORT).split())
    assert german["cohort"]["private_title"] in text
    assert german["cohort"]["reads_other_language"].split(":")[0] in text
    assert "20.000 Zeilen" in text, "the page's limits in German numbers"
    survey = (german_site / "assets/mentoring-stages/diagnostic/survey.txt").read_text("utf-8")
    header = (german_site / "assets/mentoring-stages/diagnostic/survey.csv").read_text(
        "utf-8-sig")
    assert survey.startswith(german["survey"]["survey_title"])
    assert header.startswith(f"{german['survey']['survey_pair_title']},")


def test_without_a_reader_for_the_language_the_page_offers_the_questions(german_site: Path) -> None:
    page = (german_site / "diagnostic/index.html").read_text(encoding="utf-8")
    assert 'name="msd-mode"' not in page, "no description to write: the engine reads English only"
    assert html.escape(load_words("de")["diagnostic"]["reads_other_language"], quote=False) in page
