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
