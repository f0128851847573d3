"""Briefing stories in the background, so that no reader waits for it.

An ingest through the API answers once its articles are stored, and hands the stories they
joined to the `Briefer`; a page that finds a story grown since its briefing does the same. One
worker thread briefs the stories one at a time, each under the pipeline lock (ingests and briefs
load the models and write the store: one at a time), so an ingest waits for at most one story's
briefing, never for a queue of them. Pages meanwhile show the latest stored briefing and say
that a newer one is being made (`updating`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from ..errors import NothingToBrief
from ..model import Briefing
from ..settings import Settings
from ..store import Store

log = logging.getLogger(__name__)


class Briefer:
    """A queue of story keys to brief and the one thread that works through it."""

    def __init__(self, settings: Settings, work: threading.Lock) -> None:
        self.settings = settings
        self.work = work
        self._changed = threading.Condition()
        self._queue: dict[str, None] = {}  # keys in order, each once
        self._busy: str | None = None  # the key being briefed
        self._failed: dict[str, str] = {}  # key → why its articles cannot be briefed
        self._stopping = False
        self._thread: threading.Thread | None = None

    def stop(self, timeout: float = 60.0) -> None:
        """Stop after the story being briefed, if any; the queued ones are left (a page that
        finds them stale queues them again in the next server)."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def submit(self, keys: Iterable[str]) -> None:
        """Queue stories for briefing, each once; a story queued already keeps its place."""
        with self._changed:
            for key in keys:
                self._failed.pop(key, None)
                if key != self._busy:
                    self._queue.setdefault(key)
            if self._thread is None and not self._stopping:  # started by the first story
                self._thread = threading.Thread(
                    target=self._run, name="storyline-briefer", daemon=True
                )
                self._thread.start()
            self._changed.notify_all()

    def updating(self, key: str) -> bool:
        """Whether the story is queued or being briefed."""
        with self._changed:
            return key == self._busy or key in self._queue

    def failure(self, key: str) -> str | None:
        """Why the story's last briefing failed (it holds no complete sentence), if it did."""
        with self._changed:
            return self._failed.get(key)

    def brief_now(self, key: str) -> Briefing:
        """The story's current briefing, made in the caller's thread if the store has none
        (for an API client that asks for it); raises NothingToBrief."""
        from ..pipeline import brief_story

        with self.work, Store(self.settings.db_path) as store:
            return brief_story(key, self.settings, store)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._queue or self._stopping)
                if self._stopping:
                    return
                key = next(iter(self._queue))
                del self._queue[key]
                self._busy = key
            failure = self._brief(key)
            with self._changed:
                self._busy = None
                if failure is not None:
                    self._failed[key] = failure
                self._changed.notify_all()

    def _brief(self, key: str) -> str | None:
        try:
            self.brief_now(key)  # the kept briefing, when a page queued a story briefed since
        except NothingToBrief as exc:
            log.warning("story %s not briefed: %s", key, exc)
            return str(exc)
        except Exception as exc:  # one story must not stop the others; the log keeps the trace
            log.exception("story %s: briefing failed", key)
            return f"briefing failed ({type(exc).__name__})"
        return None
