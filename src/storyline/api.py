"""storyline as a library: the calls the CLI and the server are thin faces over.

    >>> import storyline
    >>> briefings = storyline.brief(["a.html", "b.txt"])      # in memory: no store, no settings
    >>> print(briefings[0].to_markdown())

Each call takes optional `settings` (default: `load_settings()`, so the config file and
`STORYLINE_*` variables count, as on the command line) and, where data is kept, a `store`: a
`Store`, or the path of a SQLite file to open for the call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from os import PathLike
from typing import TYPE_CHECKING

from .errors import NothingToBrief
from .model import Article, Briefing, Reject
from .settings import Settings, load_settings
from .store import Store, StoryRow

if TYPE_CHECKING:
    from .pipeline import IngestRun

Inputs = str | PathLike[str] | Iterable[str | PathLike[str]]
StoreLike = Store | str | PathLike[str]


def brief(
    inputs: Inputs,
    *,
    settings: Settings | None = None,
    store: StoreLike | None = None,
    everything: bool = False,
) -> list[Briefing]:
    """Group the articles in `inputs` (files, folders, globs, URLs, feeds, WARC files) into
    stories and brief each, largest story first.

    Without a store the work is done in memory and nothing is kept. Inputs that cannot be used
    are logged and skipped; raises `NothingToBrief` (naming each input and its reason) when none
    could be. Stories of a single article are left out unless `everything` is set or the inputs
    make only one story.
    """
    from .pipeline import brief as run_brief

    settings = settings or load_settings()
    with _opened(store) as opened:
        run = run_brief(_names(inputs), settings, opened, everything=everything)
    if not run.briefings:
        raise NothingToBrief(_nothing_usable(run.read.rejects))
    return run.briefings


def ingest(
    inputs: Inputs, *, settings: Settings | None = None, store: StoreLike | None = None
) -> IngestRun:
    """Add the articles in `inputs` to a store (by default the user's, `settings.db_path`), each
    joining a story as it arrives. Returns the run: counts, the stories the articles landed in,
    and the rejected inputs with their reasons (`run.read.rejects`)."""
    from .pipeline import ingest as run_ingest

    settings = settings or load_settings()
    with _opened(store if store is not None else settings.db_path) as opened:
        return run_ingest(_names(inputs), settings, opened)


def stories(
    search: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    entity: str | None = None,
    limit: int = 50,
    min_size: int = 1,
    settings: Settings | None = None,
    store: StoreLike | None = None,
) -> list[StoryRow]:
    """The stories of a store (by default the user's), largest and latest first. `search` is a
    full-text query (FTS5 syntax) over titles, texts and outlets; `since` and `until` are
    YYYY-MM-DD; `entity` is a name one of the story's reports must contain."""
    settings = settings or load_settings()
    with _opened(store if store is not None else settings.db_path) as opened:
        return opened.stories(search, since, until, outlet, entity, limit, min_size)


def story(
    key: str, *, settings: Settings | None = None, store: StoreLike | None = None
) -> Briefing:
    """A stored story's briefing, by id or id prefix: the kept one, or a new one if the story
    has grown since it was last briefed."""
    from .pipeline import brief_story

    settings = settings or load_settings()
    with _opened(store if store is not None else settings.db_path) as opened:
        return brief_story(key, settings, opened)


def extract(html: str, url: str | None = None) -> Article:
    """The article of one HTML page: its cleaned text and the metadata the page declares.
    Raises `InputError` when the page holds no article text."""
    from .extraction import extract_html

    return extract_html(html, url)


@contextmanager
def _opened(store: StoreLike | None) -> Iterator[Store]:
    """The caller's store as it is, a path opened for the call, or a store in memory."""
    if isinstance(store, Store):
        yield store
        return
    with Store(":memory:" if store is None else store) as opened:
        yield opened


def _names(inputs: Inputs) -> list[str]:
    if isinstance(inputs, str | PathLike):
        return [str(inputs)]
    return [str(name) for name in inputs]


def _nothing_usable(rejects: list[Reject]) -> str:
    if not rejects:
        return "no usable article to brief"
    return "no usable article to brief: " + "; ".join(str(r) for r in rejects)
