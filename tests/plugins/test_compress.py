"""The pre-compressed twins: the same bytes every build, made once per content, brotli optional."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from mentoring_stages import compress


def test_twins_are_the_file_compressed_made_once_and_the_same_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "site" / "pyodide.asm.wasm"
    source.parent.mkdir()
    source.write_bytes(b"\0asm" + bytes(range(256)) * 400)
    sizes = compress.write_twins(source, tmp_path / "cache")
    twin = source.with_name(source.name + ".gz")
    assert gzip.decompress(twin.read_bytes()) == source.read_bytes()
    assert sizes["gzip"] == twin.stat().st_size
    if compress.BROTLI_MODULE is not None:
        brotli = source.with_name(source.name + ".br").read_bytes()
        assert compress.BROTLI_MODULE.decompress(brotli) == source.read_bytes()
        assert sizes["br"] == len(brotli)
    first = twin.read_bytes()
    twin.unlink()
    monkeypatch.setattr(compress.gzip, "compress", lambda *a, **k: pytest.fail("made again"))
    assert compress.write_twins(source, tmp_path / "cache") == sizes, "from the cache"
    assert twin.read_bytes() == first


def test_without_brotli_gzip_twins_only_and_no_stale_brotli_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "stdlib-0.zip"
    source.write_bytes(b"PK" * 5000)
    stale = source.with_name(source.name + ".br")
    stale.write_bytes(b"an earlier build's, with brotli")
    monkeypatch.setattr(compress, "BROTLI_MODULE", None)
    assert compress.suffixes() == (".gz",)
    assert set(compress.write_twins(source, tmp_path / "cache")) == {"gzip"}
    assert not stale.exists()
    assert "pip install brotli" in compress.NO_BROTLI_NOTE


@pytest.mark.skipif(compress.BROTLI_MODULE is None, reason="the brotli package is not installed")
def test_a_quick_brotli_twin_is_never_taken_for_the_best_one(tmp_path: Path) -> None:
    """The same file twinned at both levels (a cache kept across a change of level): each build
    gets the twin made at its own level, so the same sources give the same site."""
    assert compress.BROTLI_MODULE is not None
    source = tmp_path / "precomputed-0.json"
    rows = (f'"{n}":{{"level":{n % 7},"stage":"s{n % 5}"}},' for n in range(3000))
    source.write_text("".join(rows))
    cache = tmp_path / "cache"
    quick = compress.write_twins(source, cache, brotli_quality=compress.BROTLI_QUICK)["br"]
    best = compress.write_twins(source, cache)["br"]
    assert best < quick, "level 11 makes fewer bytes of this text"
    assert compress.write_twins(source, cache, brotli_quality=compress.BROTLI_QUICK)["br"] == quick
    twin = source.with_name(source.name + ".br").read_bytes()
    assert len(twin) == quick and compress.BROTLI_MODULE.decompress(twin) == source.read_bytes()


def test_every_text_file_of_the_site_gets_twins_except_small_ones_and_the_runtimes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    text = "<p>A mentoring relationship changes as it goes on.</p>\n" * 60
    files = {
        "index.html": text, "assets/main.css": text, "assets/bundle.js": text,
        "search/search_index.json": text, "sitemap.xml": text, "small.html": "<p>short</p>",
        "assets/logo.png": text, "pyodide/pyodide.mjs": text,
    }
    for name, content in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(content)
    qualities: dict[str, int] = {}
    write_twins = compress.write_twins

    def record(path: Path, cache_dir: Path, sha256: str | None = None,
               brotli_quality: int = compress.BROTLI_BEST) -> dict[str, int]:
        qualities[path.relative_to(site).as_posix()] = brotli_quality
        return write_twins(path, cache_dir, sha256, brotli_quality)

    monkeypatch.setattr(compress, "write_twins", record)
    assert compress.write_site_twins(site, tmp_path / "cache", skip=site / "pyodide") == 5
    assert qualities == {
        "assets/bundle.js": compress.BROTLI_BEST, "assets/main.css": compress.BROTLI_BEST,
        "index.html": compress.BROTLI_QUICK, "search/search_index.json": compress.BROTLI_QUICK,
        "sitemap.xml": compress.BROTLI_QUICK,
    }
    page = site / "index.html"
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
    assert not (site / "small.html.gz").exists()
    assert not (site / "pyodide" / "pyodide.mjs.gz").exists()


def test_a_page_that_changed_never_keeps_the_twin_of_its_earlier_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_text("<p>before</p>\n" * 200)
    compress.write_site_twins(site, tmp_path / "cache")
    page.write_text("<p>after the edit</p>\n" * 200)
    compress.write_site_twins(site, tmp_path / "cache")
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()


def test_a_twin_in_the_site_is_the_caches_file_and_replacing_it_leaves_the_cache_whole(
    tmp_path: Path,
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "index.html"
    page.write_text("<p>before</p>\n" * 200)
    compress.write_twins(page, cache)
    twin = page.with_name("index.html.gz")
    (cached,) = cache.glob("*.gz")
    assert twin.stat().st_ino == cached.stat().st_ino, "linked, not copied"
    kept = cached.read_bytes()
    page.write_text("<p>after the edit</p>\n" * 200)
    compress.write_twins(page, cache)
    assert cached.read_bytes() == kept, "the new twin replaced the link, not the cache's file"
    assert gzip.decompress(twin.read_bytes()) == page.read_bytes()
