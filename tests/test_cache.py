"""Caches built once from installed packages: used when sound, rebuilt when not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline import cache
from storyline.annotate.embeddings import Usem3Backend

SENTENCES = ["Firefighters brought the blaze under control on Sunday.", "Xin chào thế giới"]


def test_a_saved_object_loads_back(tmp_path: Path) -> None:
    cache.save(tmp_path / "thing", {"weights": np.eye(3), "eps": 1e-6})
    loaded = cache.load(tmp_path / "thing")
    assert loaded["eps"] == 1e-6 and (loaded["weights"] == np.eye(3)).all()


def test_rows_are_read_from_their_file(tmp_path: Path) -> None:
    table = np.arange(60, dtype=np.uint8).reshape(20, 3)
    cache.save_rows(tmp_path / "table", table)
    rows = cache.load_rows(tmp_path / "table", (20, 3), np.uint8)
    ids = np.array([7, 0, 19, 7])
    assert (rows[ids] == table[ids]).all()
    assert cache.load_rows(tmp_path / "table", (21, 3), np.uint8) is None  # not this shape
    assert cache.load_rows(tmp_path / "absent", (20, 3), np.uint8) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"",  # emptied
        lambda data: b"not a cache" + data[11:],  # overwritten at the start
        lambda data: data[:20] + bytes(len(data) - 20),  # zeroed after the header
    ],
)
def test_a_damaged_or_missing_file_reads_as_absent(tmp_path: Path, damage) -> None:
    path = tmp_path / "thing"
    assert cache.load(path) is None
    cache.save(path, {"weights": np.eye(3)})
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load(path) is None


def test_the_encoder_is_built_once_then_read_from_its_cache(tmp_path: Path) -> None:
    built = Usem3Backend(cache_dir=tmp_path)
    [pickled] = tmp_path.glob("*.pickle")
    saved = cache.load(pickled)
    eps = saved["state"]["eps"]
    saved["state"]["eps"] = 0.5  # a mark only a run reading the cache can see
    cache.save(pickled, saved)
    assert Usem3Backend(cache_dir=tmp_path)._model.eps == 0.5
    cache.save(pickled, {**saved, "state": {**saved["state"], "eps": eps}})
    cached = Usem3Backend(cache_dir=tmp_path)
    assert isinstance(cached._model.table, cache.Rows)  # rows read from their file
    assert (cached.encode(SENTENCES) == built.encode(SENTENCES)).all()

    pickled.write_bytes(pickled.read_bytes()[:1000])  # a damaged cache is rebuilt and rewritten
    rebuilt = Usem3Backend(cache_dir=tmp_path)
    assert (rebuilt.encode(SENTENCES) == built.encode(SENTENCES)).all()
    assert cache.load(pickled)["state"]["eps"] == eps

    [rows] = tmp_path.glob("*.rows")
    size = rows.stat().st_size
    rows.write_bytes(rows.read_bytes()[:-512])  # so is a table cut short
    assert (Usem3Backend(cache_dir=tmp_path).encode(SENTENCES) == built.encode(SENTENCES)).all()
    assert rows.stat().st_size == size


def test_without_a_writable_cache_the_encoder_is_built_each_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    backend = Usem3Backend(cache_dir=blocked / "storyline")
    assert isinstance(backend._model.table, np.ndarray)  # kept in memory: no file to read
    assert backend.encode(SENTENCES).shape == (2, 512)
