"""Web sources → Articles: pages, RSS/Atom feeds and sitemaps, fetched through `web.Fetcher`.

A URL's kind is told by its content type and by sniffing the body's root element, since servers
label feeds and sitemaps loosely (text/xml, application/octet-stream, even text/html). A feed's
entries and a sitemap's URLs are fetched concurrently and come out in the listing's order; what
the listing says about an entry (title, date, author, outlet) fills only what the page itself
lacks.

`FeedPoll` is one poll of `storyline watch`: conditional GETs with the ETag and Last-Modified
remembered in the store, and entries already stored left alone.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..bylines import clean_byline
from ..errors import InputError
from ..extraction import extract_html, outlet_from_url
from ..model import Article, Reject
from ..settings import Settings
from ..store import Store
from .charset import HTML_TYPES
from .convert import HTML_SNIFF, gunzip, text_article, unexpected
from .web import Fetcher, FetchError, Page

log = logging.getLogger(__name__)

Item = Article | Reject

MAX_SITEMAPS = 20  # child sitemaps followed from one sitemap index, all levels together
MAX_DEPTH = 2  # an index of indexes is followed; deeper nesting is not
_FIRST_TAG = re.compile(rb"<([A-Za-z][\w.:-]*)")
_FEED_ROOTS = {"rss", "feed", "rdf"}
_SITEMAP_ROOTS = {"urlset", "sitemapindex"}
_URL_LINE = re.compile(rb"^\s*https?://\S+\s*$")


@dataclass(frozen=True, slots=True)
class Link:
    """An article's URL as a feed or sitemap lists it, with what the listing says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None


def read_urls(urls: list[str], settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    """An Article or Reject for every article behind `urls` (pages, feeds, sitemaps), in order."""
    with ThreadPoolExecutor(max(1, settings.fetch_concurrency)) as pool:
        for items in pool.map(lambda url: _read_url(url, settings, fetcher), urls):
            yield from items


def _read_url(url: str, settings: Settings, fetcher: Fetcher) -> list[Item]:
    try:
        page = _unpacked(fetcher.get(url), settings)
        body, kind = _sniff(page)
        if kind == "page":
            return [_article(page, url)]
        if kind == "text":
            text = page.text()
            return [text_article(text, path=url, url=page.url, outlet=outlet_from_url(page.url))]
        if not kind:
            raise FetchError(url, f"not an article: content type {page.content_type or 'unknown'}")
        links, rejects = _listing(url, page, body, kind, settings, fetcher)
        if not links and not rejects:
            raise FetchError(url, f"the {kind} lists no article")
        return rejects + fetch_links(links, settings, fetcher)
    except InputError as exc:
        return [Reject(exc.input, exc.stage, exc.reason)]
    except Exception as exc:  # one odd source must not end the run; the log keeps the trace
        return [unexpected(url, exc, "fetch")]


def fetch_links(links: list[Link], settings: Settings, fetcher: Fetcher) -> list[Item]:
    """Fetch each listed page, concurrently; results in the listing's order."""

    def one(link: Link) -> Item:
        try:
            page = _unpacked(fetcher.get(link.url), settings)
            if _sniff(page)[1] != "page":
                kind = page.content_type or "unknown"
                raise FetchError(link.url, f"not an article: content type {kind}")
            return _article(page, link.url, link)
        except InputError as exc:
            return Reject(exc.input, exc.stage, exc.reason)
        except Exception as exc:
            return unexpected(link.url, exc, "fetch")

    with ThreadPoolExecutor(max(1, settings.fetch_concurrency)) as pool:
        return list(pool.map(one, links))


def _article(page: Page, source: str, link: Link | None = None) -> Article:
    """A fetched page → Article; the listing's title, date, author and outlet fill what it
    lacks."""
    article = extract_html(page.text(), url=page.url, source=source)
    if link is None:
        return article
    article.title = article.title or link.title
    article.published = article.published or link.published
    article.author = article.author or link.author
    # An outlet taken from the URL's host (by us or by trafilatura) is a stand-in; a name the
    # listing gives is better.
    if link.outlet and (not article.outlet or _is_host(article.outlet, page.url, article.url)):
        article.outlet = link.outlet
    return article


def _is_host(outlet: str, *urls: str | None) -> bool:
    name = outlet.lower().removeprefix("www.")
    for url in filter(None, urls):
        parts = urlsplit(url)
        hosts = {parts.netloc.lower(), (parts.hostname or "").lower()}
        if name in {host.removeprefix("www.") for host in hosts}:
            return True
    return False


def _unpacked(page: Page, settings: Settings) -> Page:
    """The page with a gzipped body (sitemap.xml.gz, a page saved as .html.gz and served as
    application/gzip) unpacked, within the size cap: what is sniffed is what is then read."""
    if page.body[:2] != b"\x1f\x8b":
        return page
    return replace(page, body=gunzip(page.url, page.body, settings.max_bytes))


def _sniff(page: Page) -> tuple[bytes, str]:
    """(body, kind): kind is "page", "feed", "sitemap", "text" or "" for none of them."""
    body = page.body
    match = _FIRST_TAG.search(body[:4096])
    root = match.group(1).decode("ascii", "replace").split(":")[-1].lower() if match else ""
    ctype = page.content_type
    if root in _FEED_ROOTS:
        return body, "feed"
    if root in _SITEMAP_ROOTS:
        return body, "sitemap"
    if ctype in HTML_TYPES or root == "html" or HTML_SNIFF.search(body[:4096]):
        return body, "page"
    if ctype in {"text/plain", ""}:
        lines = [line for line in body.splitlines() if line.strip()]
        if lines and all(_URL_LINE.match(line) for line in lines):
            return body, "sitemap"  # the sitemap protocol's plain-text form: one URL a line
        return body, "text" if ctype else ""
    return body, ""


def _listing(
    url: str, page: Page, body: bytes, kind: str, settings: Settings, fetcher: Fetcher
) -> tuple[list[Link], list[Reject]]:
    if kind == "feed":
        return parse_feed(url, page, body)[: settings.max_links], []
    links: list[Link] = []
    rejects: list[Reject] = []
    budget = [MAX_SITEMAPS]
    _walk_sitemap(url, page.url, body, 0, settings, fetcher, links, rejects, budget)
    return links[: settings.max_links], rejects


def _walk_sitemap(
    source: str,
    base: str,
    body: bytes,
    depth: int,
    settings: Settings,
    fetcher: Fetcher,
    links: list[Link],
    rejects: list[Reject],
    budget: list[int],
) -> None:
    """Collect a sitemap's links, following an index's child sitemaps within the bounds."""
    found, children = parse_sitemap(source, base, body)
    links.extend(found)
    for child in children:
        if len(links) >= settings.max_links or depth >= MAX_DEPTH or budget[0] <= 0:
            log.info("%s: sitemap bound reached, %s and later ones not followed", source, child)
            break
        budget[0] -= 1
        try:
            page = fetcher.get(child)
            child_body, kind = _sniff(_unpacked(page, settings))
            if kind != "sitemap":
                raise FetchError(child, "not a sitemap, though a sitemap index lists it")
            _walk_sitemap(
                child, page.url, child_body, depth + 1, settings, fetcher, links, rejects, budget
            )
        except InputError as exc:
            rejects.append(Reject(exc.input, exc.stage, exc.reason))


def parse_feed(url: str, page: Page, body: bytes) -> list[Link]:
    """RSS or Atom → links. Broken XML with entries still gives them (feedparser reads on);
    broken XML without any raises, naming the feed."""
    import feedparser  # lazy: only feeds need it

    headers = {"content-type": page.headers.get("content-type", "application/xml")}
    headers["content-location"] = page.url  # the base for relative links
    parsed = feedparser.parse(body, response_headers=headers)
    if parsed.bozo and not parsed.entries:
        raise FetchError(url, f"broken feed XML ({_xml_error(parsed.bozo_exception)}), no entries")
    outlet = _clean(parsed.feed.get("title"))
    links = []
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        if not link:
            log.warning("%s: entry %d has no link, skipped", url, number)
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*stamp[:6], tzinfo=UTC).isoformat() if stamp else None
        links.append(
            Link(
                urljoin(page.url, link),
                _clean(entry.get("title")),
                published,
                outlet,
                _entry_author(entry),
            )
        )
    return links


def _entry_author(entry: Any) -> str | None:
    """A feed entry's authors, names joined with "; ". feedparser gives each one's name apart
    from an RSS address ("jane@example.org (Jane Doe)"); a bare address is no name."""
    names = [_clean(a.get("name")) for a in entry.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in names if n and "@" not in n]
    if not names and (given := _clean(entry.get("author"))) and "@" not in given:
        names = [given]
    return clean_byline("; ".join(names))


def parse_sitemap(url: str, base: str, body: bytes) -> tuple[list[Link], list[str]]:
    """A sitemap → (links, child sitemaps). News sitemaps give title, date and outlet."""
    if not body.lstrip().startswith(b"<"):  # the plain-text form
        lines = body.decode("utf-8", "replace").split()
        return [Link(line) for line in lines if line.startswith(("http://", "https://"))], []
    try:
        # expat (2.5 here) refuses entity-expansion bombs; ElementTree never fetches entities.
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FetchError(url, f"broken sitemap XML ({exc})") from exc
    if _local(root.tag) == "sitemapindex":
        return [], [urljoin(base, loc) for loc in _texts(root, "sitemap", "loc")]
    links = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        fields = {_local(e.tag): (e.text or "").strip() for e in node.iter() if e is not node}
        if fields.get("loc"):
            links.append(
                Link(
                    urljoin(base, fields["loc"]),
                    fields.get("title") or None,  # <news:title>
                    fields.get("publication_date") or None,  # <news:publication_date>
                    fields.get("name") or None,  # <news:publication><news:name>
                )
            )
    return links, []


def _texts(root: Any, parent: str, child: str) -> list[str]:
    out = []
    for node in root:
        if _local(node.tag) == parent:
            out += [(e.text or "").strip() for e in node if _local(e.tag) == child and e.text]
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _clean(text: Any) -> str | None:
    return " ".join(text.split()) or None if isinstance(text, str) else None


def _xml_error(exc: Any) -> str:
    line = getattr(exc, "getLineNumber", None)
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    return f"{text} at line {line()}" if callable(line) else text


class FeedPoll:
    """One poll of some feeds (or sitemaps) for `storyline watch`.

    Feeds are asked with If-None-Match / If-Modified-Since; entries whose link is stored already
    are not fetched. The validators are saved by `commit()`, which the caller runs once the
    entries are stored, and only for feeds whose entries all came through: a run stopped halfway
    or an entry that failed to fetch means the feed is read in full again next time.
    """

    def __init__(
        self, feeds: Iterable[str], settings: Settings, fetcher: Fetcher, store: Store
    ) -> None:
        self.feeds = list(feeds)
        self.settings = settings
        self.fetcher = fetcher
        self.store = store
        self._done: dict[str, tuple[str | None, str | None]] = {}
        self.not_modified = 0  # feeds that answered 304

    def items(self) -> Iterator[Item]:
        for feed in self.feeds:
            yield from self._poll(feed)

    def commit(self) -> None:
        self.store.save_fetch_state(self._done)
        self._done.clear()

    def _poll(self, feed: str) -> Iterator[Item]:
        etag, modified = self.store.fetch_state(feed) or (None, None)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            page = _unpacked(self.fetcher.get(feed, headers), self.settings)
            if page.status == 304:
                self.not_modified += 1
                self._done[feed] = (etag, modified)
                return
            body, kind = _sniff(page)
            if kind not in {"feed", "sitemap"}:
                ctype = page.content_type or "unknown"
                raise FetchError(feed, f"not a feed or sitemap: content type {ctype}")
            links, rejects = _listing(feed, page, body, kind, self.settings, self.fetcher)
        except InputError as exc:
            yield Reject(exc.input, exc.stage, exc.reason)
            return
        except Exception as exc:  # one odd feed must not stop the watch
            yield unexpected(feed, exc, "fetch")
            return
        known = self.store.stored_urls([link.url for link in links])
        fresh = [link for link in links if link.url not in known]
        log.info("%s: %d entries, %d new", feed, len(links), len(fresh))
        items = [*rejects, *fetch_links(fresh, self.settings, self.fetcher)]
        yield from items
        if not any(isinstance(i, Reject) and i.stage == "fetch" for i in items):
            self._done[feed] = (page.headers.get("etag"), page.headers.get("last-modified"))
