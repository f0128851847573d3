"""Shared fixtures: the project's examples, the shared sochi-2020 corpus, and a CLI runner."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
STORY = EXAMPLES / "vellhaven-bridge-closure"
GOLD = json.loads((ROOT / "bench" / "gold" / "vellhaven-bridge-closure.json").read_text())
SHARED = ROOT.parent / "shared"
SOCHI = SHARED / "corpus" / "sochi-2020"


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_cli(*args: str, stdin: bytes | None = None, db: Path | None = None) -> Ran:
    """Run the real `storyline` command in a new process."""
    command = [sys.executable, "-m", "storyline", *args]
    if db is not None:
        command += ["--db", str(db)]
    done = subprocess.run(command, input=stdin, capture_output=True, timeout=300)
    return Ran(done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture(scope="session")
def sochi() -> Path:
    if not SOCHI.is_dir():
        pytest.skip(f"{SOCHI} is absent: the shared corpus sits beside the project in CI")
    return SOCHI


@pytest.fixture(scope="session")
def sochi_briefing(sochi: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    ran = run_cli(
        "brief", str(sochi), "--format", "json", db=tmp_path_factory.mktemp("sochi") / "store.db"
    )
    assert ran.code == 0, ran.stderr
    return ran.json()


@pytest.fixture(scope="session")
def example_briefing(tmp_path_factory: pytest.TempPathFactory) -> dict:
    ran = run_cli(
        "brief", str(STORY), "--format", "json", db=tmp_path_factory.mktemp("examples") / "store.db"
    )
    assert ran.code == 0, ran.stderr
    return ran.json()
