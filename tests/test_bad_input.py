"""Bad input: one clear line per skipped input, the rest briefed, an exit code that says so."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from conftest import STORY, run_cli
from storyline.inputs import files
from storyline.inputs.files import read_inputs
from storyline.model import Article, Reject


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "photo.txt",
        "huge": tmp_path / "huge.txt",
        "missing": tmp_path / "not-there.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with files["huge"].open("wb") as f:
        f.write(b"All work and no play makes a long page. " * 1_300_000)  # 52 MB
    return files


def test_each_bad_input_is_named_and_the_rest_is_briefed(
    bad_inputs: dict[str, Path], db: Path
) -> None:
    ran = run_cli("brief", str(STORY), *map(str, bad_inputs.values()), "--format", "json", db=db)
    assert ran.code == 1
    assert len(ran.json()["sources"]) == 5
    lines = ran.stderr.strip().splitlines()
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == len(bad_inputs)
    reasons = {
        "empty": "empty file",
        "binary": "binary file",
        "huge": "file too large (52.0 MB, the limit is 10.0 MB",
        "missing": "no such file or folder",
    }
    for kind, path in bad_inputs.items():
        assert any(str(path) in line and reasons[kind] in line for line in skipped), kind


def test_nothing_usable_exits_2(bad_inputs: dict[str, Path], db: Path) -> None:
    ran = run_cli("brief", str(bad_inputs["empty"]), str(bad_inputs["missing"]), db=db)
    assert ran.code == 2
    assert ran.stdout == ""
    assert "Error: nothing to brief" in ran.stderr


def test_a_skipped_input_leaves_the_store_consistent(bad_inputs: dict[str, Path], db: Path) -> None:
    run_cli("brief", str(STORY), str(bad_inputs["binary"]), db=db)
    listed = run_cli("stories", "--format", "json", db=db).json()
    assert len(listed) == 1 and listed[0]["size"] == 5


def test_a_glob_that_matches_nothing_is_named(db: Path, tmp_path: Path) -> None:
    ran = run_cli("brief", str(STORY), str(tmp_path / "*.nothing"), db=db)
    assert ran.code == 1
    assert "the pattern matches no file" in ran.stderr


def test_a_device_is_refused_with_one_line(db: Path) -> None:
    ran = run_cli("ingest", "/dev/zero", db=db)
    assert ran.code == 2
    assert "skipped /dev/zero: a device, not a file to read" in ran.stderr


def test_a_pipe_is_read_no_further_than_max_bytes(db: Path) -> None:
    ran = run_cli("ingest", "/dev/stdin", "--max-bytes", "1000", stdin=b"All work. " * 1_000, db=db)
    assert ran.code == 2
    assert "skipped /dev/stdin: a pipe that gives more than the limit" in ran.stderr


def test_a_named_pipe_is_read_when_written_and_skipped_when_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "f.txt"
    os.mkfifo(pipe)
    text = (STORY / "harbour-gazette.txt").read_bytes()
    writer = threading.Thread(target=pipe.write_bytes, args=(text,))
    writer.start()
    [article] = read_inputs([str(pipe)], max_bytes=10_000_000)
    writer.join()
    assert isinstance(article, Article) and article.words > 100
    monkeypatch.setattr(files, "PIPE_WAIT", 0.1)  # nobody writes: skipped, not a hang
    [reject] = read_inputs([str(pipe)], max_bytes=10_000_000)
    assert isinstance(reject, Reject) and "nothing was written to within" in reject.reason


def test_a_story_with_no_complete_sentence_is_skipped_with_a_line(tmp_path: Path, db: Path) -> None:
    scores = tmp_path / "scores.txt"
    scores.write_text("Scores\n\nHome 3 Away 1\n\nTable updated\n")
    ran = run_cli("brief", str(STORY), str(scores), "--all", "--format", "json", db=db)
    assert ran.code == 1, ran.stderr
    assert len(ran.json()["sources"]) == 5
    [line] = [line for line in ran.stderr.splitlines() if line.startswith("skipped ")]
    assert f"({scores})" in line and "no complete sentence" in line


def test_names_print_as_named_on_one_line_without_terminal_codes(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "a["
    folder.mkdir()
    bracketed = folder / "x].txt"  # the name 'a[/x].txt'
    bracketed.write_text((STORY / "harbour-gazette.txt").read_text())
    forged = str(tmp_path / "gone\nskipped fake.txt: \x1b[31mred\u202e.txt")
    ran = run_cli("ingest", str(bracketed), "[bold]missing.txt", forged, db=db)
    assert ran.code == 1 and "Traceback" not in ran.stderr, ran.stderr
    assert "Ingested 1 new articles" in ran.stderr
    assert "skipped [bold]missing.txt: " in ran.stderr
    assert "\x1b" not in ran.stderr and "\u202e" not in ran.stderr
    assert "gone\\nskipped fake.txt: \\x1b[31mred\\u202e.txt" in ran.stderr
    assert len(ran.stderr.splitlines()) == 3
