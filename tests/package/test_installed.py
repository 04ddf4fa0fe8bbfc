"""Mentoring Stages as an organisation gets it: the wheel in a new virtualenv outside the checkout.

One session builds the wheel, installs it with only its declared dependencies (from a folder of the
pinned wheels, downloaded once into `.cache/package-test/`, so pip resolves offline), makes a site
with `mentoring-stages new acme --wheel ...`, builds it with MkDocs and with ProperDocs, runs axe
over every page and its diagnostic in Chromium, serves it under a sub-path, and runs the build steps
of its GitHub and GitLab CI recipes in a new virtualenv each. The project's own site is built with
both tools too. Every command runs from a folder outside the checkout, with the virtualenv's own
executables and no `PYTHONPATH`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mentoring_stages import compress
from mentoring_stages.config import MentoringStagesConfig
from mentoring_stages.offline import SERVICE_WORKER
from playwright.sync_api import Browser

from bench.site_server import ServerOptions, SiteServer
from tests.support.axe import add_axe, built_pages, serious_violations
from tests.support.browser import answer, wait_ready, wait_result
from tests.support.pins import REQUIREMENTS, TEST_REQUIREMENTS
from tests.support.pins import pins as pins_in

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

WHEELHOUSE = ROOT / ".cache" / "package-test" / "wheels"
TOOLS = ("mkdocs", "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one line the two tools write differently: each names itself."""
PAGE_DIGEST = re.compile(rb'("[^"]*/"): "[0-9a-f]{64}"')
"""A page's sha256 in the service worker's list of the files it keeps."""


def pins() -> list[str]:
    """The exact versions the test installs from: the site's pins and ProperDocs's."""
    chosen = [*pins_in(REQUIREMENTS),
              *(pin for pin in pins_in(TEST_REQUIREMENTS) if pin.name == "properdocs")]
    return [f"{pin.name}=={pin.version}" for pin in chosen]


def run(command: list[str | Path], **options: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False, **options
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT]
    run(command)
    (built,) = out.glob("mentoring_stages-*.whl")
    return built


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    """The pinned dependencies as wheel files, downloaded once for these pins."""
    wanted = pins()
    stamp = WHEELHOUSE / f".pins-{hashlib.sha256(' '.join(wanted).encode()).hexdigest()[:16]}"
    if not stamp.is_file():
        pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", WHEELHOUSE]
        run([*pip, *wanted])
        stamp.touch()
    return WHEELHOUSE


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path, wheelhouse: Path) -> Path:
    """A fresh virtualenv with the wheel and its declared dependencies only; returns its bin/."""
    home = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", home])
    python = home / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile"]
    properdocs = next(pin for pin in pins() if pin.startswith("properdocs=="))
    run([*install, "--no-index", "--find-links", wheelhouse, wheel, properdocs])
    return home / "bin"


def environment(venv: Path) -> dict[str, str]:
    """The shell of someone who activated the virtualenv: nothing of this checkout's Python."""
    keep = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    path = [p for p in keep.get("PATH", "").split(os.pathsep) if p and not p.startswith(str(ROOT))]
    return {**keep, "PATH": os.pathsep.join([str(venv), *path]), "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="session")
def acme(tmp_path_factory: pytest.TempPathFactory, venv: Path, wheel: Path) -> Path:
    work = tmp_path_factory.mktemp("organisation")
    command = [venv / "mentoring-stages", "new", "acme", "--wheel", wheel]
    run(command, cwd=work, env=environment(venv))
    return work / "acme"


def build_both(venv: Path, config: Path, out: Path) -> dict[str, Path]:
    """Build one site with each tool, strictly (a warning fails the build)."""
    sites = {}
    for tool in TOOLS:
        sites[tool] = out / tool
        command = [venv / tool, "build", "--strict", "-f", config, "-d", sites[tool]]
        run(command, cwd=out, env=environment(venv))
    return sites


@pytest.fixture(scope="session")
def acme_sites(acme: Path, venv: Path) -> dict[str, Path]:
    return build_both(venv, acme / "mkdocs.yml", acme.parent)


@pytest.fixture(scope="session")
def project_sites(tmp_path_factory: pytest.TempPathFactory, venv: Path) -> dict[str, Path]:
    return build_both(venv, ROOT / "mkdocs.yml", tmp_path_factory.mktemp("project"))


def pages(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path; compressed twins as their content. The service
    worker's list holds each diagnostic page's sha256, which its generator line changes: those
    pages are compared themselves."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == compress.GZIP:
                data = gzip.decompress(data)
            if path.suffix == compress.BROTLI and compress.BROTLI_MODULE is not None:
                data = compress.BROTLI_MODULE.decompress(data)
            source_name = path.name.removesuffix(compress.GZIP).removesuffix(compress.BROTLI)
            if source_name == SERVICE_WORKER:
                data = PAGE_DIGEST.sub(rb'\1: ""', data)
            found[path.relative_to(site).as_posix()] = GENERATOR.sub(b"", data)
    return found


def test_the_installed_package_runs_from_the_virtualenv_not_the_checkout(venv: Path) -> None:
    code = "import mentoring_stages, stage_diagnostic; print(mentoring_stages.__file__); "
    code += "print(stage_diagnostic.__file__)"
    done = run([venv / "python", "-c", code], cwd=venv, env=environment(venv))
    for location in done.stdout.split():
        assert Path(location).is_relative_to(venv.parent), location
    version = run([venv / "mentoring-stages", "--version"], env=environment(venv)).stdout
    assert version.split() == ["mentoring-stages", "0.1.0"]


def test_new_makes_a_site_that_needs_no_npm_and_refuses_a_folder_in_use(
    acme: Path, venv: Path
) -> None:
    made = {path.relative_to(acme).as_posix() for path in acme.rglob("*") if path.is_file()}
    assert {"mkdocs.yml", "docs/index.md", "README.md", "frameworks/acme-programme.yaml"} <= made
    # Pyodide comes inside the wheel: the site carries no package.json to `npm ci`.
    assert "package-lock.json" not in made and "package.json" not in made
    framework = (acme / "frameworks/acme-programme.yaml").read_text(encoding="utf-8")
    assert framework.startswith("# yaml-language-server: $schema=schema/framework.schema.json")
    assert (acme / "frameworks/schema/framework.schema.json").is_file()
    readme = (acme / "README.md").read_text(encoding="utf-8")
    assert "mkdocs serve" in readme and "mkdocs build" in readme
    again = subprocess.run(
        [venv / "mentoring-stages", "new", acme], capture_output=True, text=True, check=False
    )
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and "not an empty folder" in again.stderr


def test_the_organisations_site_has_the_shipped_frameworks_and_its_own(
    acme_sites: dict[str, Path],
) -> None:
    site = acme_sites["mkdocs"]
    compare = (site / "compare/index.html").read_text(encoding="utf-8")
    for framework in ("kram", "clutterbuck", "lawrence", "navig8r", "handbook", "zachary"):
        assert f'data-framework="{framework}"' in compare
    assert 'data-framework="acme-programme"' in compare
    model = json.loads((site / "assets/mentoring-stages/diagnostic/model.json").read_bytes())
    assert "acme-programme" in [framework["id"] for framework in model["frameworks"]]
    runtime = next((site / "assets/mentoring-stages/pyodide").iterdir())
    assert {"pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"} <= {
        path.name for path in runtime.iterdir()
    }


def test_the_terminal_diagnostic_reads_the_shipped_frameworks_and_the_sites_own(
    acme: Path, venv: Path
) -> None:
    command = [venv / "stage-diagnostic", "--content", "frameworks", "--json"]
    done = run([*command, "--text", "Our first meetings were last week."], cwd=acme,
               env=environment(venv))
    assert {"kram", "acme-programme"} <= set(json.loads(done.stdout)["frameworks"])


@pytest.mark.parametrize("sites", ["acme_sites", "project_sites"])
def test_properdocs_builds_the_same_pages_as_mkdocs(
    sites: str, request: pytest.FixtureRequest
) -> None:
    built: dict[str, Path] = request.getfixturevalue(sites)
    with_mkdocs, with_properdocs = pages(built["mkdocs"]), pages(built["properdocs"])
    assert sorted(with_mkdocs) == sorted(with_properdocs)
    differ = [path for path in with_mkdocs if with_mkdocs[path] != with_properdocs[path]]
    assert not differ, differ


def test_the_diagnostic_answers_in_chromium_with_no_request_off_the_site(
    acme_sites: dict[str, Path], browser: Browser
) -> None:
    with SiteServer(acme_sites["mkdocs"]) as server:
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(server.url + "diagnostic/")
        wait_ready(page)
        answer(page, "time-together", "one-to-three-months")
        wait_result(page)
        assert "Acme's mentoring programme" in page.locator("[data-msd]").inner_text()
        context.close()
    assert requests and all(url.startswith(server.origin) for url in requests), requests


def test_every_page_of_the_new_site_has_no_serious_accessibility_problem(
    acme_sites: dict[str, Path], browser: Browser
) -> None:
    site = acme_sites["mkdocs"]
    found = {}
    with SiteServer(site) as server:
        context = browser.new_context()
        add_axe(context)
        page = context.new_page()
        for path in built_pages(site):
            page.goto(server.url + path)
            if path == "diagnostic/":
                wait_ready(page)
            if violations := serious_violations(page):
                found[path] = violations
        context.close()
    assert "glossary/" in built_pages(site) and "reference/self-hosting/" in built_pages(site)
    assert not found, json.dumps(found, indent=2)


def test_the_new_site_works_under_a_sub_path_and_its_404_page_with_site_url(
    acme: Path, acme_sites: dict[str, Path], venv: Path, browser: Browser, tmp_path: Path
) -> None:
    """Built with no site_url, every page works from /mentoring/; the build says in one line what
    the 404 page needs, and with SITE_URL set (as the CI recipes do) it finds its files there."""
    errors: list[str] = []
    with SiteServer(acme_sites["mkdocs"], ServerOptions(prefix="/mentoring/")) as server:
        context = browser.new_context()
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
        # A request the next page.goto cuts short is no error; an answer of 404 is.
        page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status}: {r.url}"))
        for path in ("", "compare/", "frameworks/kram/", "glossary/", "reference/authoring/"):
            response = page.goto(server.url + path)
            assert response is not None and response.ok, path
        page.goto(server.url + "diagnostic/")
        wait_ready(page)
        context.close()
    assert not errors, errors
    quiet = run([venv / "mkdocs", "build", "--strict", "-d", tmp_path / "plain"], cwd=acme,
                env=environment(venv))
    notes = [line for line in quiet.stderr.splitlines() if "404.html" in line]
    assert len(notes) == 1 and "set site_url" in notes[0], quiet.stderr
    site_url = "https://intranet.example.org/mentoring/"
    run([venv / "mkdocs", "build", "--strict", "-d", tmp_path / "sub"], cwd=acme,
        env={**environment(venv), "SITE_URL": site_url})
    not_found = (tmp_path / "sub/404.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js))"', not_found)
    assert assets and all(url.startswith("/mentoring/") for url in assets), assets
    for url in assets:
        assert (tmp_path / "sub" / url.removeprefix("/mentoring/")).is_file(), url


def ci_steps(acme: Path) -> dict[str, list[str]]:
    """The shell commands of each CI recipe's build, in order, as the platform would run them."""
    github = yaml.safe_load((acme / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((acme / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    cache = MentoringStagesConfig.cache_dir.default
    github_cache = [step for step in github["jobs"]["build"]["steps"]
                    if str(step.get("uses", "")).startswith("actions/cache")]
    assert github_cache[0]["with"]["path"] == cache and cache in gitlab["pages"]["cache"]["paths"]
    # Each runner gets Node.js for the snapshot, as the platform's own set-up (not run here).
    assert any(str(step.get("uses", "")).startswith("actions/setup-node")
               for step in github["jobs"]["build"]["steps"])
    assert gitlab["pages"]["image"].endswith("-trixie")  # Debian 13: its nodejs is 20
    assert any("apt-get install" in line and "nodejs" in line
               for line in gitlab["pages"]["before_script"])
    return {
        "github": [step["run"] for step in github["jobs"]["build"]["steps"] if "run" in step],
        "gitlab": list(gitlab["pages"]["script"]),
    }


@pytest.mark.parametrize(("recipe", "output"), [("github", "site"), ("gitlab", "public")])
def test_the_ci_recipes_build_the_new_site_in_a_new_virtualenv(
    acme: Path, wheelhouse: Path, tmp_path: Path, recipe: str, output: str
) -> None:
    """Each recipe's commands, in order, in a virtualenv with nothing but pip: the package comes
    from the site's wheels/ as its requirements.txt says, the rest from the pinned wheels (the
    index the runner would reach)."""
    home = tmp_path / "venv"
    run([sys.executable, "-m", "venv", home])
    env = {
        **environment(home / "bin"),
        "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "SITE_URL": "https://acme.example.org/mentoring/",  # what the GitHub step's env sets
        "CI_PAGES_URL": "https://acme.example.org/mentoring",
    }
    for command in ci_steps(acme)[recipe]:
        run(["bash", "-eo", "pipefail", "-c", command], cwd=acme, env=env)
    built = acme / output
    assert (built / "index.html").is_file() and (built / "diagnostic/index.html").is_file()
    assert '"/mentoring/assets/' in (built / "404.html").read_text(encoding="utf-8")
    code = "import mentoring_stages; print(mentoring_stages.__file__)"
    installed = run([home / "bin/python", "-c", code], env=env).stdout
    assert Path(installed.strip()).is_relative_to(home)
    assert any((acme / ".cache/mentoring-stages").iterdir())  # what the recipes keep between runs
