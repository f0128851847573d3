"""One settings object: defaults, config file, environment, flags — every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from storyline.errors import StorylineError
from storyline.settings import Settings, describe, load_settings


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name, _default, help_text in describe():
        assert help_text
        assert f"| `{name}` |" in readme, name


def test_layers_apply_in_order(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("words = 80\nclaim_threshold = 0.7\n")
    settings = load_settings(config, environ={"STORYLINE_WORDS": "60"})
    assert settings.claim_threshold == 0.7 and settings.words == 60
    assert settings.with_overrides(words=40, db=None).words == 40


def test_bad_values_and_unknown_keys_say_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(StorylineError, match="'words' must be int"):
        load_settings(tmp_path / "none.toml", environ={"STORYLINE_WORDS": "many"})
    config = tmp_path / "config.toml"
    config.write_text("word = 80\n")
    with pytest.raises(StorylineError, match="unknown setting"):
        load_settings(config, environ={})


def test_the_store_defaults_to_the_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/tmp/xdg-data")
    assert Settings().db_path == Path("/tmp/xdg-data/storyline/storyline.db")
    assert Settings(db="~/x.db").db_path == Path.home() / "x.db"
