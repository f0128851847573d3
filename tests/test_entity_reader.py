"""The entity recogniser's own process: the entities this process would find, read while the
brief goes on, and found here as before when that process is gone."""

from __future__ import annotations

import os
import signal

import pytest

from storyline.annotate.entities import ner, reader
from storyline.model import Article
from storyline.settings import Settings
from storyline.steps import STEPS, Draft, run_steps

TEXTS = [
    "Mayor Ilse Brandt closed the Harbour Bridge in Vellhaven on Monday, Reuters reported.",
    "The Vellhaven council said repairs by Nordbau Group would take until March.",
    "Engineers from the Federal Highway Agency found a crack in the main girder.",
]


@pytest.fixture
def own_reader(monkeypatch: pytest.MonkeyPatch):
    """A reader process of the test's own, ended after it."""
    started = reader.Reader()
    monkeypatch.setattr(reader, "_current", started)
    monkeypatch.setattr(reader, "_broken", False)
    monkeypatch.setattr(ner, "_read", ner.OrderedDict())
    yield started
    started.close()


def test_the_reader_finds_what_this_process_finds(own_reader: reader.Reader) -> None:
    assert own_reader.answers() == {}  # nothing asked yet
    assert own_reader.ask(TEXTS) == {}
    assert own_reader.answers() == {text: ner.model_entities(text) for text in TEXTS}


def test_texts_read_ahead_are_taken_from_the_reader(own_reader: reader.Reader) -> None:
    ner.read_ahead(TEXTS)
    assert own_reader._asked == TEXTS
    assert ner._model_entities(TEXTS[1]) == ner.model_entities(TEXTS[1])
    assert own_reader._asked == []  # answered: the other texts wait in the cache
    assert set(ner._read) == set(TEXTS)
    ner.read_ahead(TEXTS)  # all read: nothing is asked again
    assert own_reader._asked == []


def test_without_its_reader_a_brief_reads_the_texts_itself(own_reader: reader.Reader) -> None:
    ner.read_ahead(TEXTS)
    own_reader._process.kill()
    own_reader._process.wait()
    assert ner._model_entities(TEXTS[0]) == ner.model_entities(TEXTS[0])
    assert reader._broken  # not asked again
    ner.read_ahead(["The Harbour Bridge reopened on Friday, the mayor's office said."])
    assert own_reader._asked == []


def test_with_the_setting_off_the_brief_reads_the_entities_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "_current", None)
    monkeypatch.setattr(ner, "_read", ner.OrderedDict())
    steps = [(name, step) for name, step in STEPS if name in {"sentences", "entities"}]
    articles = [Article(text=text, published="2026-03-02") for text in TEXTS]
    draft = run_steps(Draft(articles), Settings(entity_process=False), steps)
    assert reader._current is None  # no process started
    assert "Ilse Brandt" in {e.name for e in draft.entities}


def test_a_forked_process_starts_a_reader_of_its_own(own_reader: reader.Reader) -> None:
    own_reader.ask(TEXTS[:1])
    child = os.fork()
    if child == 0:  # the forked child: its parent's reader is not its to ask
        ok = reader.answers() == {} and reader.ask(TEXTS[1:]) == {}
        ok = ok and reader._current is not own_reader
        ok = ok and ner._model_entities(TEXTS[1]) == ner.model_entities(TEXTS[1])
        os._exit(0 if ok else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0
    assert own_reader.answers() == {TEXTS[0]: ner.model_entities(TEXTS[0])}


def test_a_reader_closed_with_a_request_pending_ends_at_once() -> None:
    started = reader.Reader()
    started.ask([" ".join(TEXTS * 300)])  # a long read nobody will wait for
    started.close()
    assert started._process.returncode == -signal.SIGKILL  # stopped, not waited for


def test_the_reader_waits_for_an_idle_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    cpus = os.cpu_count() or 1
    monkeypatch.setattr(os, "getloadavg", lambda: (cpus - 0.6, 0.0, 0.0))
    assert reader.idle_cpu()
    monkeypatch.setattr(os, "getloadavg", lambda: (cpus - 0.4, 0.0, 0.0))
    assert not reader.idle_cpu()


def test_on_a_busy_machine_the_brief_reads_the_entities_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "_current", None)
    monkeypatch.setattr(ner, "_read", ner.OrderedDict())
    monkeypatch.setattr(os, "getloadavg", lambda: (float(os.cpu_count() or 1), 0.0, 0.0))
    steps = [(name, step) for name, step in STEPS if name in {"sentences", "entities"}]
    articles = [Article(text=text, published="2026-03-02") for text in TEXTS]
    draft = run_steps(Draft(articles), Settings(entity_process=True), steps)
    assert reader._current is None  # no process started
    assert "Ilse Brandt" in {e.name for e in draft.entities}
