"""Extraction stage: HTML page → article text and metadata.

trafilatura finds the article in the page (with readability as a fallback when its precise pass
locks onto the wrong block); the text it finds is then cleaned by `storyline.clean`, and the
title, sign-off lines and metadata are settled here.

trafilatura is imported lazily inside `extract_html`, so importing this module stays cheap.
"""

from __future__ import annotations

import re
from contextlib import suppress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .bylines import clean_byline
from .characters import OTHER_SENTENCE_ENDS, normalize
from .clean import _is_headline_like, clean_text
from .errors import InputError
from .page_tree import (
    drop_inline_cards,
    letters,
    merge_split_bodies,
    readability_text,
    visible_letters,
)

if TYPE_CHECKING:
    from .model import Article

__all__ = ["extract_html", "outlet_from_url"]


# A sentence's end after a letter (or a vowel sign, which `\w` does not match: Bengali "হয়েছে।").
_SENTENCE_END = re.compile(rf"[^\s.!?…{OTHER_SENTENCE_ENDS}][.!?{OTHER_SENTENCE_ENDS}]")


def _has_sentence(text: str) -> bool:
    """At least one paragraph of three words or more (or, in scripts written without spaces,
    twenty letters) with a sentence's end ("." "?" "!" "।" "。"…) in it."""
    return any(
        (len(p.split()) >= 3 or len(re.findall(r"\w", p)) >= 20) and _SENTENCE_END.search(p)
        for p in text.split("\n\n")
    )


# How much of the text a recall-oriented pass finds the precise pass must find as well: below this
# share the precise pass has locked onto the wrong block (a reprint notice, a teaser). On the
# article-extraction benchmark (bench/extraction.py) the precise pass is either close to the
# recall pass or far below it, so the exact value matters little anywhere between 0.3 and 0.6.
_WEAK_SHARE = 0.5
# A precise text is checked only when it is short: under 200 words (on the benchmark a precise
# text of 200 words or more was never the wrong block) or under this share of the characters
# the page shows (a 6,000-word essay cut to its 300-word abstract). The checks cost as much again.
_CHECKED_BELOW = 200
_SHORT_FOR_PAGE = 0.25
# Both trafilatura passes can lock onto one short block (a teaser and a sign-up form in the
# container its XPaths look for first, the article in another): readability's text wins when it
# is this many times longer and holds less than `_WEAK_SHARE` of the short text. When it holds
# the short text, readability has only added furniture around the article (captions, "you may
# also like" lists), as on every such page of the benchmark.
_LONGER = 3
# A table row as trafilatura renders it, "| a | b |", and a Markdown separator row "|---|---|".
_TABLE_ROW = re.compile(r"^[ ]*\|(.*)\|[ ]*$", re.M)
_TABLE_RULE = re.compile(r"[-: ]*")
_WORDS = re.compile(r"\w+")
# Words a page's text needs, in three paragraphs or more, to count as an article without a
# sentence in it (a calendar, a standings table).
_LIST_WORDS = 50


def _table_rows(text: str) -> str:
    """Write table rows as "a; b; c", one row a line, and drop Markdown separator rows.

    Rows written with pipes would read as breadcrumbs ("1 | Kyle Busch | 5040") to `clean_text`,
    which would drop them; a standings table or a box score is part of the report.
    """

    def row(m: re.Match[str]) -> str:
        cells = [c.strip() for c in m.group(1).split("|")]
        if all(_TABLE_RULE.fullmatch(c) for c in cells):
            return ""
        return "; ".join(c for c in cells if c)

    return _TABLE_ROW.sub(row, text) if "|" in text else text


def _trafilatura(html: str, url: str | None) -> tuple[Any, str]:
    """trafilatura's metadata and the article text of a page, or (None, "").

    One parse, then a precise pass (favor_precision, no comments, tables kept, no fallback
    extractors). A short precise text (for any page, or for this one) is checked against a
    recall-oriented pass: when it holds less than `_WEAK_SHARE` of that text's words, it caught
    the wrong block, and readability's text (or, when readability finds no more, the recall text)
    is used instead. When both passes caught the same short block, readability's text replaces
    it if it is far longer and a different text. This scores better than trafilatura's own
    fallbacks (readability and jusText on every page) and costs less (bench/extraction.py).
    """
    import trafilatura  # lazy: importing it costs far more than everything else here

    try:
        tree = trafilatura.load_html(html) if html and html.strip() else None
    except (ValueError, TypeError):
        tree = None
    if tree is None:
        return None, ""
    merge_split_bodies(tree)
    drop_inline_cards(tree)

    def run(**options: Any) -> Any:
        return trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, fast=True, **options
        )

    text = _field(run(favor_precision=True), "text") or ""
    words = len(_WORDS.findall(text))
    visible = visible_letters(tree)
    if words < _CHECKED_BELOW or letters(text) < _SHORT_FOR_PAGE * visible:
        broad = _field(run(favor_recall=True), "text") or ""
        enough = _WEAK_SHARE * len(_WORDS.findall(broad))
        if words < enough:
            # The precise pass caught the wrong block. Readability, a different algorithm,
            # usually finds the article then; the recall text, which holds the article with
            # some furniture around it, is the last resort.
            generic = readability_text(tree)
            text = generic if len(_WORDS.findall(generic)) >= enough else broad
        elif _LONGER * letters(text) <= visible:
            # Both passes may have caught the same wrong block; readability is asked only when
            # the page shows enough text for an article that much longer.
            generic = readability_text(tree)
            longer = len(_WORDS.findall(generic)) >= _LONGER * max(words, 1)
            if longer and _share_in(text, generic) < _WEAK_SHARE:
                text = generic
    return _metadata(tree, url), text


def _share_in(part: str, whole: str) -> float:
    """The share of `part`'s runs of four words that `whole` holds too."""

    def runs(text: str) -> set[tuple[str, ...]]:
        words = _WORDS.findall(text.casefold())
        return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}

    mine = runs(part)
    return len(mine & runs(whole)) / len(mine) if mine else 1.0


def _metadata(tree: Any, url: str | None) -> Any:
    """trafilatura's metadata for the fields storyline keeps: title, site name, date, URL and
    author.

    trafilatura's `extract_metadata` also looks for categories, tags and a licence; this runs
    its steps for the five fields only, in its order, and falls back to the whole function if
    those steps ever move. Differences: a site name is capitalised only when it starts with a
    lower-case letter ("9to5Mac" stays as it is); the author is cleaned by `clean_byline`, and
    the visible byline is read when the meta tags and JSON-LD give no usable name. The date
    search is not "extensive": that adds dateparser's guesses, slowly, to what the page's markup
    states. Runs last, as it may change the tree.
    """
    try:
        from trafilatura.metadata import (
            META_URL,
            examine_meta,
            extract_author,
            extract_meta_json,
            extract_sitename,
            extract_title,
            extract_url,
            find_date,
            set_date_params,
        )
    except ImportError:
        from trafilatura import extract_metadata

        meta = extract_metadata(tree, url, extensive=False)
        meta.author = clean_byline(meta.author, _outlet_names(meta.sitename, meta.url or url))
        return meta
    meta = examine_meta(tree)
    with suppress(Exception):  # trafilatura guards this call so too (its JSON-LD reader's bugs)
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or extract_url(tree, url)
    # A syndicated copy (MSN, Yahoo) names the original as canonical, and the original's address
    # often carries its date; without one, the copy's page may offer only a build time stamp.
    canonical = tree.find('.//link[@rel="canonical"]')
    date_url = canonical.get("href") if canonical is not None else None
    meta.date = find_date(tree, **{**set_date_params(False), "url": date_url or meta.url})
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if "." not in meta.sitename and meta.sitename[:1].islower():
            meta.sitename = meta.sitename.title()
    elif meta.url and (m := META_URL.match(meta.url)):
        meta.sitename = m[1]
    outlets = _outlet_names(meta.sitename, meta.url or url)
    # The byline element is read only when the markup names nobody: it costs a copy of the tree.
    meta.author = clean_byline(meta.author, outlets) or clean_byline(extract_author(tree), outlets)
    meta.clean_and_trim()
    return meta


def _outlet_names(sitename: str | None, url: str | None) -> tuple[str | None, ...]:
    """The names a byline may give the outlet by: its declared name, its host, and the host's
    name without the domain ("businessinsider" for www.businessinsider.com)."""
    host = outlet_from_url(url) or ""
    labels = [label for label in host.split(".") if label not in _DOMAIN_LABELS]
    return sitename, host, labels[-1] if labels else None


# Labels that end a host name without naming the site: "co" in bbc.co.uk.
_DOMAIN_LABELS = frozenset("com org net co ac gov edu news uk us ca au in de fr it br ru".split())


def _has_article_text(text: str) -> bool:
    """A sentence, or a list or table long enough to be the article: a race calendar or a
    standings table has no full stop and is still what the page is about. Link lists and
    navigation never get this far: the extractors leave them out."""
    return _has_sentence(text) or (
        text.count("\n\n") >= 2 and len(_WORDS.findall(text)) >= _LIST_WORDS
    )


def extract_html(html: str, url: str | None = None, source: str = "<html>") -> Article:
    """Extract the article from an HTML page with trafilatura, then clean its text.

    Metadata comes only from the page or the URL, never guessed: `outlet` is the site name the
    page declares, else the URL's host without "www.", else None. A first paragraph that repeats
    the title is dropped, since the title is kept apart. Raises `InputError` (stage "extract")
    when the page has no article text of at least one sentence.
    """
    from .model import Article

    doc, raw = _trafilatura(html, url)
    title = _field(doc, "title")
    title = normalize(title).replace("\n", " ") if title else None
    paragraphs = clean_text(_table_rows(raw)).split("\n\n") if raw else []
    _drop_title(paragraphs, title)
    _drop_signoff(paragraphs)
    text = "\n\n".join(paragraphs)
    if not _has_article_text(text):
        raise InputError(source, "no article text found in the HTML page", stage="extract")
    page_url = _field(doc, "url") or url
    return Article(
        text=text,
        title=title or None,
        url=page_url,
        outlet=_site_name(doc) or outlet_from_url(page_url) or outlet_from_url(url),
        published=_field(doc, "date"),
        author=_field(doc, "author"),
        path=None if source == "<html>" else source,
    )


def _plain_words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _drop_title(paragraphs: list[str], title: str | None) -> None:
    """Drop the paragraph among the first three that repeats the title, which is kept apart.

    Pages print the headline in many shapes ("Milan Design Week 2018 | Michael Anastassiades'
    light installation" for a title without the "|"), so words are compared, not characters: the
    paragraph must read as a headline and hold the same words as the title, or (from twenty
    characters on) be contained in it or contain it, as "Title - Site name" titles are.
    """
    wanted = _plain_words(title or "")
    if not wanted:
        return
    for k, paragraph in enumerate(paragraphs[:3]):
        if k + 1 == len(paragraphs) or not _is_headline_like(paragraph):
            continue
        words = _plain_words(paragraph)
        if words == wanted or (len(words) >= 20 and (words in wanted or wanted in words)):
            del paragraphs[k]
            return


# Sign-off lines news pages end the article with: reporting credits, newsletter and social-media
# invitations, an author's contact address, a row of underscores before them. Each pattern asks
# for the shape of a sign-off, not a topic: "(Reporting by …; Editing by …)" starts the paragraph,
# "… contributed to this report." ends it, an invitation starts with its verb or names the
# newsletter, inbox or contact address it sends the reader to.
_CREDITS = re.compile(
    r"^\(?(?:additional |with )?(?:reporting|writing|editing) by\b"
    r"|^(?:contributing|additional reporting):"
    r"|\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\b[^.!?]*[.!?]?\)?$",
    re.I,
)
_INVITATION = re.compile(
    r"^(?:follow|subscribe|sign up|listen|download|join|like this|click|email|e-mail|write to"
    r"|contact|reach)\b"
    r"|\b(?:subscribe to|sign up (?:for|to)|(?:may|can) be reached at|delivered to your inbox"
    r"|follow (?:us|him|her|me|them) (?:on|at)\b|follow @)",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_RULE_LINE = re.compile(r"^[_\W]+$")


def _drop_signoff(paragraphs: list[str]) -> None:
    """Drop the sign-off lines at the end of an article: a short paragraph of credits
    ("Reporting by …; Editing by …", "… contributed to this report."), an invitation to follow,
    subscribe or write to someone, or a contact address; never the only paragraph."""
    while len(paragraphs) > 1:
        last = paragraphs[-1]
        words = len(last.split())
        if not (
            _RULE_LINE.match(last)
            or (words <= 60 and _CREDITS.search(last))
            or (words <= 40 and (_INVITATION.search(last) or _EMAIL.search(last)))
        ):
            return
        paragraphs.pop()


def _site_name(doc: Any) -> str | None:
    """The site name the page declares, unless it is a copyright notice rather than a name."""
    name = _field(doc, "sitename")
    if name and re.match(r"(?:©|\(c\)|copyright\b)", name, re.I):
        return None
    return name


def _field(doc: Any, name: str) -> str | None:
    """A metadata field from trafilatura's Document (2.x) or dict, blank values as None."""
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    return (value.strip() or None) if isinstance(value, str) else None


def outlet_from_url(url: str | None) -> str | None:
    """The host of an article's URL, which names its outlet well enough; None when unknown."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # "http://[::1": not a URL whose host can be read
        return None
    if "." not in host or " " in host:
        return None
    return host.removeprefix("www.")
