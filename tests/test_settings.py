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


def test_each_step_has_a_section_set_by_table_or_variable(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("words = 80\n[claims]\njoin_margin = 0.2\n[timeline]\nmax_events = 5\n")
    environ = {"STORYLINE_TIMELINE__MAX_EVENTS": "7", "STORYLINE_SUMMARY__QUOTE_WEIGHT": "1"}
    settings = load_settings(config, environ=environ)
    assert settings.claims.join_margin == 0.2 and settings.claims.join_min_sources == 3
    assert settings.timeline.max_events == 7 and settings.summary.quote_weight == 1.0
    config.write_text("[claims]\njoin_margins = 0.2\n")
    with pytest.raises(StorylineError, match=r"unknown setting.*claims\.join_margins"):
        load_settings(config, environ={})
    with pytest.raises(StorylineError, match="STORYLINE_TIMELINE__MAX_EVENTS"):
        load_settings(tmp_path / "none.toml", environ={"STORYLINE_TIMELINE__MAX_EVENTS": "x"})


def test_a_section_setting_changes_the_briefing() -> None:
    """The sections reach the steps: a timeline of at most one event has one."""
    from dataclasses import replace

    from conftest import STORY
    from storyline.pipeline import brief_articles, read
    from storyline.settings import TimelineTuning

    articles = read([str(STORY)], Settings()).articles
    full = brief_articles(articles, Settings())
    short = brief_articles(articles, replace(Settings(), timeline=TimelineTuning(max_events=1)))
    assert len(full.timeline) > 1 and len(short.timeline) == 1
