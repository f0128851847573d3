"""Renderers: Markdown, JSON and self-contained, injection-proof HTML."""

from __future__ import annotations

import io
import itertools
import json
import re
from html.parser import HTMLParser

import pytest

from storyline import __version__
from storyline.model import (
    Article,
    Briefing,
    Claim,
    Evidence,
    Sentence,
    Source,
    StoryInfo,
    SummarySentence,
)
from storyline.render import FORMATS, escape_md, render, to_html, to_markdown

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'


def make_source(sid: str, text: str, sentences: list[tuple[str, int]], **meta) -> Source:
    """A source whose sentences' offsets are found in `text`, in order."""
    out, cursor = [], 0
    for i, (s, paragraph) in enumerate(sentences):
        start = text.index(s, cursor)
        cursor = start + len(s)
        out.append(Sentence(sid, i, s, start, cursor, paragraph))
    return Source(sid, Article(text=text, **meta), out)


def evidence(source: Source, index: int) -> Evidence:
    s = source.sentences[index]
    return Evidence(source.id, s.text, s.index, s.start, s.end)


@pytest.fixture
def briefing() -> Briefing:
    s1 = make_source(
        "S1",
        "Valley floods after Elm dam’s failure\n\n"
        "Heavy rain caused the Elm dam to fail on Monday. About 200 homes were evacuated.\n\n"
        "Officials said no one was hurt.",
        [
            ("Heavy rain caused the Elm dam to fail on Monday.", 1),
            ("About 200 homes were evacuated.", 1),
            ("Officials said no one was hurt.", 2),
        ],
        title="Valley floods after Elm dam’s failure",
        url="https://example.com/news/elm-dam?id=1&ref=rss",
        outlet="Example Times",
        published="2024-03-04T09:30:00Z",
        path="in/s1.html",
    )
    s2 = make_source(
        "S2",
        "By A. Reporter\nThe mayor spoke first. Rain caused the Elm dam to fail Monday, "
        "the mayor said.",
        [
            ("The mayor spoke first.", 1),
            ("Rain caused the Elm dam to fail Monday, the mayor said.", 1),
        ],
        title="# Breaking *news* | [dam](http://x) `fail`",
        url=None,
        outlet=None,
        published="2024-03-05",
        path="in/s2.txt",
    )
    s3 = make_source(
        "S3",
        f"Some 200 homes were evacuated {XSS_SCRIPT}. Reporters saw {XSS_ATTR} water.",
        [
            (f"Some 200 homes were evacuated {XSS_SCRIPT}.", 0),
            (f"Reporters saw {XSS_ATTR} water.", 0),
        ],
        title=f"Evacuation {XSS_ATTR}",
        url="javascript:alert(1)",
        outlet=f"Wire {XSS_SCRIPT}",
        published="2024-03-05",
        path="feed.jsonl:3",
    )
    c1 = Claim(
        "C1",
        s1.sentences[0].text,
        ["S1", "S2"],
        2,
        [evidence(s1, 0), evidence(s2, 1)],
        score=1.5,
    )
    c2 = Claim(
        "C2",
        s1.sentences[1].text,
        ["S1", "S3"],
        2,
        [evidence(s1, 1), evidence(s3, 0)],
        score=1.25,
    )
    summary = [
        SummarySentence(c1.text, ["S1", "S2"], "C1", evidence(s1, 0)),
        SummarySentence(s3.sentences[0].text, ["S1", "S3"], "C2", evidence(s3, 0)),
    ]
    story = StoryInfo("story-1", "Elm dam fails", "2024-03-04T09:30:00Z", "2024-03-05")
    return Briefing(story, [s1, s2, s3], summary, [c1, c2])


# ── an HTML checker on the stdlib parser ────────────────────────────────────

VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "area", "base", "col"}


class Page(HTMLParser):
    """Collects ids, links, text, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.spans: dict[str, list[str]] = {}  # sentence id -> text inside
        self._open_span: str | None = None
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "span" and "sentence" in (a.get("class") or "").split():
            self._open_span = a["id"]
            self.spans[a["id"]] = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "span":
            self._open_span = None
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._open_span:
            self.spans[self._open_span].append(data)

    def attrs(self, name: str) -> list[str]:
        return [a[name] for _, a in self.tags if a.get(name) is not None]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.doctype
    assert not page.errors, page.errors
    assert not page.stack, f"unclosed: {page.stack}"
    return page


def squash(text: str) -> str:
    return " ".join(text.split())


# ── Markdown ────────────────────────────────────────────────────────────────


def test_markdown_layout(briefing):
    md = to_markdown(briefing)
    assert md.startswith("# Elm dam fails\n\n2024-03-04 – 2024-03-05 · 3 sources\n")
    assert "## Summary" in md and "## Claims" in md and "## Sources" in md
    assert "Heavy rain caused the Elm dam to fail on Monday. [S1, S2]" in md
    assert "[S1, S3]" in md
    assert "About 200 homes were evacuated. — backed by S1, S3 (2 independent)" in md
    for sid in ("S1", "S2", "S3"):
        assert f"**{sid}**" in md
    assert "Example Times" in md and "unknown outlet" in md
    assert "<https://example.com/news/elm-dam?id=1&ref=rss>" in md
    assert "in/s2.txt" in md and "feed.jsonl:3" in md
    assert f"{briefing.sources[0].article.words} words" in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_escapes_article_text(briefing):
    md = to_markdown(briefing)
    assert r"\# Breaking \*news\* \| \[dam\](http://x) \`fail\`" in md
    assert not re.search(r"(?<!\\)<(script|img|/script)", md)
    assert r"\<script>" in md and r"\<img src=x" in md
    assert "<https://" in md  # our own autolink stays
    assert "javascript:alert(1)" in md  # shown as text …
    assert "<javascript:" not in md  # … never as a link


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# Title", r"\# Title"),
        ("  ## Title", r"\## Title"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("> quote", r"\> quote"),
        ("1. first", r"1\. first"),
        ("3.5 million", "3.5 million"),
        ("-5 degrees", "-5 degrees"),
        ("a *b* _c_ `d` [e](f) <g> h|i ~~j~~", r"a \*b\* \_c\_ \`d\` \[e\](f) \<g> h\|i \~\~j\~\~"),
        ("back\\slash", "back\\\\slash"),
        ("AT&amp;T", r"AT\&amp;T"),
        ("AT&T", "AT&T"),
        ("two\nlines\n\n# not a heading", r"two lines # not a heading"),
        ("", ""),
        (None, ""),
    ],
)
def test_escape_md(raw, escaped):
    assert escape_md(raw) == escaped


def test_markdown_through_rich(briefing):
    rich_console = pytest.importorskip("rich.console")
    rich_markdown = pytest.importorskip("rich.markdown")
    out = io.StringIO()
    console = rich_console.Console(file=out, width=100, color_system=None)
    console.print(rich_markdown.Markdown(to_markdown(briefing)))
    text = out.getvalue()
    assert "Elm dam fails" in text
    assert "# Breaking *news*" in text  # the escaped title prints literally
    assert "[S1, S2]" in text


def test_markdown_caps_claims(briefing):
    c = briefing.claims[0]
    briefing.claims = [
        Claim(f"C{i}", f"Claim number {i}.", c.sources, 2, c.evidence) for i in range(20)
    ]
    md = to_markdown(briefing)
    assert "Claim number 14." in md and "Claim number 15." not in md
    assert "… and 5 more claims." in md


def test_markdown_empty_briefing():
    md = to_markdown(Briefing(StoryInfo("x", ""), [], [], []))
    assert md.startswith("# Untitled story\n\n0 sources\n")
    assert "No summary sentences." in md


# ── HTML ────────────────────────────────────────────────────────────────────


def test_html_parses_and_has_landmarks(briefing):
    html = to_html(briefing)
    page = parse(html)
    tags = [t for t, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1
    assert re.search(r'<html lang="en">', html)
    assert tags.count("h1") == 1
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert f"Generated by storyline {__version__}" in squash("".join(page.text))
    assert ":target" in html and "prefers-color-scheme: dark" in html and "@media print" in html


def test_html_headings_in_order(briefing):
    page = parse(to_html(briefing))
    levels = [int(t[1]) for t, _ in page.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_html_citations_point_at_sentences(briefing):
    html = to_html(briefing)
    page = parse(html)
    ids = set(page.ids)
    internal = [h for h in page.attrs("href") if h.startswith("#")]
    assert internal
    for href in internal:
        assert href[1:] in ids, href
    cites = [a["href"] for t, a in page.tags if t == "a" and a.get("class") == "cite"]
    # summary: its own evidence for the source it came from, the claim's for the others
    assert cites[:4] == ["#S1-0", "#S2-1", "#S1-1", "#S3-0"]
    # claims table
    assert cites[4:] == ["#S1-0", "#S2-1", "#S1-1", "#S3-0"]
    # the cited span holds exactly the cited sentence
    assert "".join(page.spans["S2-1"]) == briefing.sources[1].sentences[1].text


def test_html_contains_full_article_text(briefing):
    page = parse(to_html(briefing))
    text = squash("".join(page.text))
    for source in briefing.sources:
        assert squash(source.article.text) in text
        for s in source.sentences:
            assert "".join(page.spans[s.anchor]) == s.text
    assert "Valley floods after Elm dam’s failure" in text  # the heading between sentences
    assert "By A. Reporter" in text


def test_html_escapes_untrusted_text(briefing):
    html = to_html(briefing)
    parse(html)
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "onerror=alert" not in re.sub(r"&lt;img src=x onerror=alert\(1\)&gt;", "", html)


def test_html_never_links_javascript(briefing):
    html = to_html(briefing)
    page = parse(html)
    for value in page.attrs("href") + page.attrs("src") + page.attrs("action"):
        assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
    assert "javascript:alert(1)" in html  # shown as text, not linked


def test_html_external_links_are_safe(briefing):
    page = parse(to_html(briefing))
    external = [(t, a) for t, a in page.tags if (a.get("href") or "").startswith("http")]
    assert [a["href"] for _, a in external] == ["https://example.com/news/elm-dam?id=1&ref=rss"]
    for tag, attrs in external:
        assert tag == "a"
        assert set(attrs["rel"].split()) >= {"noopener", "noreferrer"}


def test_html_is_self_contained(briefing):
    html = to_html(briefing)
    page = parse(html)
    assert not page.attrs("src")
    assert not [t for t, _ in page.tags if t in ("link", "script", "iframe", "img", "object")]
    styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert len(styles) == 1
    assert "@import" not in styles[0] and "url(" not in styles[0]


def test_html_without_article_texts_links_to_sources(briefing):
    """A briefing stored without texts still renders, citations falling back to sources."""
    slim = Briefing.from_dict(json.loads(render(briefing, "json")))
    html = to_html(slim)
    page = parse(html)
    ids = set(page.ids)
    cites = [a["href"] for t, a in page.tags if t == "a" and a.get("class") == "cite"]
    assert cites[:2] == ["#S1", "#S2"]
    assert all(h[1:] in ids for h in page.attrs("href") if h.startswith("#"))
    assert "The article text is not included" in html


def test_html_tolerates_unknown_references(briefing):
    briefing.summary[0].sources.append("S9")
    briefing.summary[1].claim = "C404"
    page = parse(to_html(briefing))
    ids = set(page.ids)
    assert all(h[1:] in ids for h in page.attrs("href") if h.startswith("#"))


def test_html_empty_briefing():
    page = parse(to_html(Briefing(StoryInfo("x", ""), [], [], [])))
    assert "Untitled story" in "".join(page.text)


# ── dispatch and JSON ───────────────────────────────────────────────────────


def test_formats_and_dispatch(briefing):
    assert FORMATS == ("markdown", "json", "html")
    assert render(briefing, "markdown") == to_markdown(briefing)
    assert render(briefing, "html") == to_html(briefing)
    with pytest.raises(ValueError, match="markdown, json, html"):
        render(briefing, "pdf")


def test_json_is_the_contract(briefing):
    out = render(briefing, "json")
    assert json.loads(out) == briefing.to_dict()
    assert "Elm dam’s failure" in out  # ensure_ascii=False keeps text readable
    assert "\\u2019" not in out


def test_json_round_trip(briefing):
    again = Briefing.from_dict(json.loads(render(briefing, "json")))
    expected = briefing.to_dict()
    for source in expected["sources"]:
        source["words"] = 0  # the plain contract carries no texts, so nothing to count
    assert again.to_dict() == expected
    full = briefing.to_dict(include_text=True)
    assert Briefing.from_dict(json.loads(json.dumps(full))).to_dict(include_text=True) == full
