"""What the diagnostic's service worker may keep, and what the diagnostic page loads first: plain
Python on small built sites (tests/browser runs them offline and under the strict CSP)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mentoring_stages import early, offline

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../assets/main.css"><link rel="icon" href="../assets/icon.png">
<link rel="prev" href="../other/"><link rel="stylesheet" href="https://cdn.example/x.css">
<link rel="stylesheet" href="/absolute.css"><script src="data:text/javascript,1"></script>
</head><body><div data-msd></div>
<script src="../assets/javascripts/bundle.0123abcd.min.js"></script>
<script type="module" src="../assets/mentoring-stages/diagnostic/loader.mjs"></script>
</body></html>"""


def write(site: Path, path: str, text: str = "x") -> str:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()


def listed(site: Path) -> dict[str, object]:
    text = (site / offline.SERVICE_WORKER).read_text(encoding="utf-8")
    head, _, rest = text.partition(";\n")
    assert "addEventListener(\"fetch\"" in rest, "the template follows the list"
    result: dict[str, object] = json.loads(head.removeprefix("const OFFLINE = "))
    return result


def test_a_pages_own_files_only() -> None:
    assert offline.page_subresources(PAGE, "diagnostic/") == [
        "assets/main.css",
        "assets/icon.png",
        "assets/javascripts/bundle.0123abcd.min.js",
        "assets/mentoring-stages/diagnostic/loader.mjs",
    ]
    assert offline.page_subresources('<script src="x/y.js"></script>', "./") == ["x/y.js"]
    assert offline.page_subresources('<script src="../../y.js"></script>', "a/") == []


def test_the_service_worker_lists_the_page_its_files_and_the_runtime_with_their_digests(
    tmp_path: Path,
) -> None:
    page = write(tmp_path, "diagnostic/index.html", PAGE)
    css = write(tmp_path, "assets/main.css")
    write(tmp_path, "assets/icon.png")
    write(tmp_path, "assets/javascripts/bundle.0123abcd.min.js")
    module = write(tmp_path, "assets/mentoring-stages/diagnostic/loader.mjs", "loader")
    write(tmp_path, "assets/mentoring-stages/diagnostic/model.json", "{}")
    write(tmp_path, "other/index.html", "another page")
    runtime = "assets/mentoring-stages/pyodide/1/"
    write(tmp_path, runtime + "pyodide.asm.wasm", "wasm")
    code = write(tmp_path, runtime + "pyodide.mjs", "code")
    lock = write(tmp_path, runtime + "pyodide-lock.json", "lock")
    write(tmp_path, runtime + "pairs.json", "pairs")
    offline.write_service_worker(
        tmp_path,
        [offline.DiagnosticPage.of("diagnostic/", "diagnostic/index.html")],
        diagnostic_dir="assets/mentoring-stages/diagnostic",
        runtime_files={
            runtime + "pyodide.asm.wasm": "a" * 64,  # known from shipping: not read again
            runtime + "pyodide.mjs": "",
            runtime + "pyodide-lock.json": "",
            runtime + "pairs.json": "",
            runtime + "python_stdlib.zip": "b" * 64,  # on another host (pyodide_url)
        },
        cache_first=[runtime + "pyodide.mjs", runtime + "pairs.json"],
        precached=[],
        revalidated=[runtime + "pyodide-lock.json"],
    )
    found = listed(tmp_path)
    files = found["files"]
    assert isinstance(files, dict)
    assert files["diagnostic/"] == page and files["assets/main.css"] == css
    assert files["assets/mentoring-stages/diagnostic/loader.mjs"] == module
    assert files[runtime + "pyodide.asm.wasm"] == "a" * 64
    assert files[runtime + "pyodide.mjs"] == code and files[runtime + "pyodide-lock.json"] == lock
    assert "other/" not in files and "other/index.html" not in files, "no other page"
    assert runtime + "python_stdlib.zip" not in files, "nothing the site does not hold"
    assert found["cacheFirst"] == [runtime + "pyodide.mjs", runtime + "pairs.json"]
    assert found["workerKeeps"] == [runtime + "pyodide.asm.wasm"], "the worker's to keep and read"
    precache = found["precache"]
    assert isinstance(precache, list)
    assert "diagnostic/" in precache and runtime + "pyodide-lock.json" in precache
    assert runtime + "pairs.json" not in precache and runtime + "pyodide.asm.wasm" not in precache


def test_the_home_page_is_named_as_a_folder_not_as_the_service_worker() -> None:
    assert offline.DiagnosticPage.of("", "index.html").url == "./"


def test_the_worker_starts_from_the_head_and_the_search_index_waits() -> None:
    built = early.put_first(PAGE, "diagnostic/")
    head, _, body = built.partition("</head>")
    start = "../assets/mentoring-stages/diagnostic/start.mjs"
    assert head.endswith(f'<script type="module" async src="{start}"></script>')
    assert (
        '<script src="../assets/mentoring-stages/diagnostic/search-on-demand.js"></script>'
        '<script src="../assets/javascripts/bundle.0123abcd.min.js">'
    ) in body
    assert early.put_first("<html><head></head><body></body></html>", "a/").count("start.mjs") == 1
