"""`mentoring-stages new`: the files it makes, and that their content works with the shipped one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mentoring_stages import shipped
from mentoring_stages.cli import main
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import model_json
from mentoring_stages.scaffold import ScaffoldError, create_site
from mkdocs.utils.yaml import yaml_load
from stage_diagnostic.json_api import diagnose_json, use_model

ROOT = Path(__file__).resolve().parents[2]


def test_the_site_has_its_files_and_a_framework_of_its_own(tmp_path: Path) -> None:
    site = tmp_path / "Acme Corp"
    made = {path.relative_to(site).as_posix() for path in create_site(site)}
    assert made == {
        "mkdocs.yml", "docs/index.md", "README.md", "requirements.txt", ".gitignore",
        "frameworks/acme-corp-programme.yaml", "frameworks/glossary.yaml", "wheels/README.md",
        ".github/workflows/pages.yml", ".gitlab-ci.yml", "deploy/nginx.conf",
        *(f"frameworks/schema/{kind}.schema.json"
          for kind in ("framework", "guidance", "sources", "diagnostic", "glossary")),
    }
    with (site / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    assert config["site_name"] == "Acme Corp mentoring"
    assert config["plugins"][1] == {"mentoring-stages": {"frameworks": ["frameworks"]}}
    assert config["theme"]["font"] is False  # no request to Google Fonts


def test_the_site_is_set_up_as_this_repositorys_own(tmp_path: Path) -> None:
    """Theme, features, palette and Markdown extensions: what the accessibility and print work
    was checked with here is what a new site gets."""
    create_site(tmp_path / "acme")
    with (tmp_path / "acme" / "mkdocs.yml").open(encoding="utf-8") as file:
        new = yaml_load(file)
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        ours = yaml_load(file)
    assert new["theme"] == ours["theme"]
    assert new["markdown_extensions"] == ours["markdown_extensions"]
    assert "custom_dir" not in ours["theme"] and "hooks" not in ours and "extra_css" not in ours


def test_a_wheel_file_is_kept_in_the_site_where_requirements_txt_looks(tmp_path: Path) -> None:
    wheel = tmp_path / "mentoring_stages-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    create_site(tmp_path / "acme", wheel)
    assert (tmp_path / "acme" / "wheels" / wheel.name).read_bytes() == b"PK"
    requirements = (tmp_path / "acme" / "requirements.txt").read_text(encoding="utf-8")
    assert "--find-links wheels" in requirements.splitlines()
    with pytest.raises(ScaffoldError, match="is not a wheel file"):
        create_site(tmp_path / "other", tmp_path / "missing.whl")


def test_the_framework_is_valid_cited_and_in_the_diagnostic_model(tmp_path: Path) -> None:
    create_site(tmp_path / "acme")
    own = tmp_path / "acme" / "frameworks"
    content = load_content(shipped.content_dirs([own]))
    framework = next(f for f in content.frameworks if f.id == "acme-programme")
    assert framework.sources == ("acme-handbook",)
    assert content.sources["acme-handbook"].citation.startswith("Acme (")
    model = model_json(content)
    assert "acme-programme" in [f["id"] for f in json.loads(model)["frameworks"]]
    # Its spans place it on the common timeline, so the engine gives it a stage like the others.
    assert use_model(model) == ""
    text = "We met three weeks ago and are still getting to know each other."
    result = json.loads(diagnose_json(json.dumps({"text": text})))
    assert result["frameworks"]["acme-programme"]["stage"] == "getting-started"


def test_the_schema_line_names_a_schema_that_is_there(tmp_path: Path) -> None:
    create_site(tmp_path / "acme")
    framework = tmp_path / "acme" / "frameworks" / "acme-programme.yaml"
    first = framework.read_text(encoding="utf-8").splitlines()[0]
    schema = first.removeprefix("# yaml-language-server: $schema=")
    assert schema != first and (framework.parent / schema).is_file()


def test_a_folder_in_use_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is not an empty folder"):
        create_site(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    assert create_site(tmp_path)


def test_the_command_says_what_it_made_and_refuses_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "acme")]) == 0
    assert "mkdocs serve" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "acme")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "not an empty folder" in error


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == "mentoring-stages 0.1.0"


def test_validate_reads_the_shipped_content_alone_or_before_a_sites_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_site(tmp_path / "acme")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("OK: 6 frameworks")
    assert main(["validate", "--shipped", str(tmp_path / "acme" / "frameworks")]) == 0
    assert capsys.readouterr().out.startswith("OK: 7 frameworks")
    assert main(["validate", str(tmp_path / "acme" / "frameworks")]) == 0
    assert "OK: 1 frameworks" in capsys.readouterr().out


def test_validate_in_a_site_reads_the_folders_its_mkdocs_yml_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    create_site(tmp_path / "acme")
    monkeypatch.chdir(tmp_path / "acme")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("OK: 7 frameworks")  # the shipped six and its own
    (tmp_path / "acme/frameworks/broken.yaml").write_text("id: [broken\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert "broken.yaml:2: is not valid YAML" in capsys.readouterr().err
    # Another site's mkdocs.yml by name, and a file that is not one, in one line.
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "-f", "acme/mkdocs.yml"]) == 1
    assert main(["validate", "-f", "nowhere.yml"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("mentoring-stages validate:")
