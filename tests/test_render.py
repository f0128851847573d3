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
    Contradiction,
    Entity,
    Evidence,
    Exclusive,
    Mention,
    Quote,
    Sentence,
    Side,
    Source,
    StoryInfo,
    SummarySentence,
    TimelineEvent,
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
        author="Ines Okafor; Per Vang",
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
        f"Some 200 homes were evacuated {XSS_SCRIPT}. Reporters saw {XSS_ATTR} water. "
        "Police suspect sabotage at the dam.",
        [
            (f"Some 200 homes were evacuated {XSS_SCRIPT}.", 0),
            (f"Reporters saw {XSS_ATTR} water.", 0),
            ("Police suspect sabotage at the dam.", 0),
        ],
        title=f"Evacuation {XSS_ATTR}",
        url="javascript:alert(1)",
        outlet=f"Wire {XSS_SCRIPT}",
        published=None,
        author=f"Desk {XSS_ATTR}",
        path="feed.jsonl:3",
    )
    s4 = make_source(  # a syndicated copy of S3, with a line of its own
        "S4",
        "Police suspect sabotage at the dam. Two people were hurt, the wire said.",
        [("Police suspect sabotage at the dam.", 0), ("Two people were hurt, the wire said.", 0)],
        title="Sabotage suspected",
        outlet="Daily Copy",
        published="2024-03-05",
        path="in/s4.txt",
    )
    s4.voice = "S3"
    s1.reference_date = "2024-03-04"
    s3.reference_date, s3.reference_inferred = "2024-03-05", True
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
    c3 = Claim(  # reported by one voice only: S3 and its copy S4
        "C3",
        s3.sentences[2].text,
        ["S3", "S4"],
        1,
        [evidence(s3, 2), evidence(s4, 0)],
        score=0.5,
    )
    contradictions = make_contradictions(s1, s2, s3, s4)
    summary = [
        SummarySentence(c1.text, ["S1", "S2"], "C1", evidence(s1, 0)),
        SummarySentence(s3.sentences[0].text, ["S1", "S3"], "C2", evidence(s3, 0)),
        SummarySentence(
            f'Reports differ on the {CAUSE}: "heavy rain" (S1, S2); "{SABOTAGE}" (S3, S4).',
            ["S1", "S2", "S3", "S4"],
            "",
            evidence(s1, 0),
            contradiction=0,
        ),
    ]
    story = StoryInfo("story-1", "Elm dam fails", "2024-03-04T09:30:00Z", "2024-03-05")
    return Briefing(
        story,
        [s1, s2, s3, s4],
        summary,
        [c1, c2, c3],
        entities=make_entities(s2),
        quotes=make_quotes(s1, s2, s3),
        timeline=make_timeline(s1, s2, s3),
        contradictions=contradictions,
        exclusive=[Exclusive("S3", ["C3"], ["S3", "S4"])],
    )


CAUSE = f"dam’s failure {XSS_SCRIPT}"
SABOTAGE = f"sabotage {XSS_SCRIPT}"


def make_contradictions(s1: Source, s2: Source, s3: Source, s4: Source) -> list[Contradiction]:
    return [
        Contradiction(
            CAUSE,
            "label",
            [
                Side("heavy rain", ["S1", "S2"], [evidence(s1, 0), evidence(s2, 1)]),
                Side(SABOTAGE, ["S3", "S4"], [evidence(s3, 2), evidence(s4, 0)]),
            ],
        ),
        Contradiction(
            "injuries",
            "negation",
            [
                Side("Officials said no one was hurt.", ["S1"], [evidence(s1, 2)]),
                Side("Two people were hurt", ["S4"], [evidence(s4, 1)]),
            ],
        ),
    ]


MANY_ALIASES = ["Wire", "the wire", "W.", "Wire Co", "Wire Inc.", "A|B", "Wire Ltd", XSS_ATTR]


def make_entities(s2: Source) -> list[Entity]:
    mayor = s2.article.text.index("The mayor")
    return [
        Entity(
            "E1",
            "Jane Doe",
            "PERSON",
            ["the mayor", "Mayor Doe", f"Doe {XSS_ATTR}"],
            ["S1", "S2"],
            4,
            [Mention("S2", mayor, mayor + 9, "The mayor")],
        ),
        Entity("E2", "Elm dam", "FAC", [], ["S1", "S2"], 3),
        Entity("E3", f"Wire {XSS_SCRIPT}", "ORG", MANY_ALIASES, ["S3"], 1),
    ]


def make_quotes(s1: Source, s2: Source, s3: Source) -> list[Quote]:
    return [
        Quote(
            "Jane Doe",
            "Rain caused the Elm dam to fail Monday",
            ["S2"],
            evidence=[evidence(s2, 1)],
        ),
        Quote(
            "Officials",
            "no one was hurt",
            ["S1"],
            kind="reported",
            channel="Example Times",
            evidence=[evidence(s1, 2)],
        ),
        Quote(None, f"Homes were evacuated {XSS_SCRIPT}", ["S3"], evidence=[evidence(s3, 0)]),
        Quote(
            f"Agent {XSS_ATTR}",
            "Water everywhere",
            ["S3", "S1"],
            channel=f"Wire {XSS_SCRIPT}",
            evidence=[evidence(s3, 1)],
        ),
    ]


def make_timeline(s1: Source, s2: Source, s3: Source) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            "2024-03-01",
            "Heavy rain caused the Elm dam to fail on Monday.",
            ["S1"],
            end="2024-03-03",
            expression="early March",
            evidence=[evidence(s1, 0)],
        ),
        TimelineEvent(
            "2024-03-04",
            s1.sentences[0].text,
            ["S1", "S2"],
            expression="on Monday",
            evidence=[evidence(s1, 0), evidence(s2, 1)],
        ),
        TimelineEvent(
            "2024-03-04",
            s3.sentences[0].text,
            ["S3"],
            expression="Monday",
            inferred=True,
            evidence=[evidence(s3, 0)],
        ),
    ]


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


def section_html(html: str, section_id: str) -> str:
    """The markup of a top-level section without nested sections (all but Sources)."""
    m = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert m, f"no section {section_id}"
    return m.group(1)


def cite_hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" class="cite"', html)


# ── Markdown ────────────────────────────────────────────────────────────────


def test_markdown_layout(briefing):
    md = to_markdown(briefing)
    assert md.startswith("# Elm dam fails\n\n2024-03-04 – 2024-03-05 · 4 sources\n")
    assert "## Summary" in md and "## Claims" in md and "## Sources" in md
    assert "Heavy rain caused the Elm dam to fail on Monday. [S1, S2]" in md
    assert "[S1, S3]" in md
    assert "About 200 homes were evacuated. — backed by S1, S3\n" in md  # all independent
    assert "Police suspect sabotage at the dam. — backed by S3, S4 (2 sources, 1 independent)" in md
    for sid in ("S1", "S2", "S3", "S4"):
        assert f"**{sid}**" in md
    assert "Example Times" in md and "unknown outlet" in md
    assert "· “Valley floods after Elm dam’s failure” · by Ines Okafor; Per Vang ·" in md
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


# ── timeline, quotes, entities ──────────────────────────────────────────────


def without_extras(b: Briefing) -> Briefing:
    b.entities, b.quotes, b.timeline, b.contradictions, b.exclusive = [], [], [], [], []
    b.summary = [s for s in b.summary if s.contradiction is None]
    return b


def test_markdown_section_order(briefing):
    md = to_markdown(briefing)
    heads = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert heads == [
        "Summary",
        "Disagreements",
        "Timeline",
        "Claims",
        "Quotes",
        "Only one outlet reports",
        "Entities",
        "Sources",
    ]


def test_markdown_timeline(briefing):
    md = to_markdown(briefing)
    assert (
        "- **2024-03-01 – 2024-03-03** — Heavy rain caused the Elm dam to fail on Monday. [S1]"
        in md
    )
    assert "- **2024-03-04** — Heavy rain caused the Elm dam to fail on Monday. [S1, S2]" in md
    assert r"- **≈ 2024-03-04** — Some 200 homes were evacuated \<script>" in md
    assert "*≈ Inferred date: the report had no publication date" in md


def test_markdown_quotes(briefing):
    md = to_markdown(briefing)
    quotes = md.split("## Quotes")[1].split("## Only one outlet reports")[0]
    assert "**Jane Doe**\n\n- “Rain caused the Elm dam to fail Monday” [S2]" in quotes
    assert "**Officials**\n\n- no one was hurt *(reported)* — via Example Times [S1]" in quotes
    assert "*unattributed*\n\n- “Homes were evacuated \\<script>alert(1)\\</script>” [S3]" in quotes
    assert "via Wire \\<script>alert(1)\\</script> [S3, S1]" in quotes
    assert r'**Agent ">\<img src=x onerror=alert(1)>**' in quotes  # the speaker, escaped
    assert not re.search(r"(?<!\\)<(script|img|/script)", quotes)


def test_markdown_entities(briefing):
    md = to_markdown(briefing)
    table = md.split("## Entities\n\n")[1].split("\n\n")[0].splitlines()
    assert table[0] == "| Name | Type | Also called | Sources | Mentions |"
    assert table[2].startswith('| Jane Doe | person | the mayor, Mayor Doe, Doe ">\\<img')
    assert table[2].endswith("| S1, S2 | 4 |")
    assert table[4].startswith(r"| Wire \<script>alert(1)\</script> | organisation |")
    assert r"A\|B +2 more | S3 | 1 |" in table[4]
    # every row has exactly six unescaped pipes: the table's structure holds
    for row in table:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row


def test_markdown_caps_entities(briefing):
    briefing.entities = [
        Entity(f"E{i}", f"Entity {i}", "ORG", [], ["S1"], 40 - i) for i in range(35)
    ]
    md = to_markdown(briefing)
    assert "| Entity 29 |" in md and "| Entity 30 |" not in md
    assert "*… and 5 more entities.*" in md
    html = to_html(briefing)
    assert "Entity 29" in html and "Entity 30" not in html
    assert "… and 5 more entities." in html


def test_markdown_reference_date(briefing):
    md = to_markdown(briefing)
    assert "reference date 2024-03-05 (inferred)" in md
    assert "reference date 2024-03-04" not in md  # S1's equals its publication date


def test_markdown_new_sections_through_rich(briefing):
    rich_console = pytest.importorskip("rich.console")
    rich_markdown = pytest.importorskip("rich.markdown")
    out = io.StringIO()
    console = rich_console.Console(file=out, width=120, color_system=None)
    console.print(rich_markdown.Markdown(to_markdown(briefing)))
    text = out.getvalue()
    assert "Timeline" in text and "Quotes" in text and "Entities" in text
    assert "Jane Doe" in text and "A|B +2 more" in text
    assert "<script>alert(1)</script>" in text  # printed literally


def test_markdown_empty_parts_make_no_section(briefing):
    md = to_markdown(without_extras(briefing))
    for head in (
        "## Timeline",
        "## Quotes",
        "## Entities",
        "≈",
        "## Disagreements",
        "## Only",
        "⚖",
    ):
        assert head not in md


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
    # summary: its own evidence for the source it came from, the claim's for the others;
    # the disagreement line cites each side's sources with that side's sentences
    assert cites[:4] == ["#S1-0", "#S2-1", "#S1-1", "#S3-0"]
    assert cite_hrefs(section_html(html, "summary")) == [
        *cites[:4],
        *["#S1-0", "#S2-1", "#S3-2", "#S4-0"],
    ]
    # claims table
    assert cite_hrefs(section_html(html, "claims")) == [
        *["#S1-0", "#S2-1", "#S1-1", "#S3-0"],
        *["#S3-2", "#S4-0"],
    ]
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
    assert "<dt>By</dt><dd>Ines Okafor; Per Vang</dd>" in html
    assert "<dd>Desk &#34;&gt;&lt;img src=x onerror=alert(1)&gt;</dd>" in html
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


def test_html_new_sections_in_order_and_toc(briefing):
    html = to_html(briefing)
    page = parse(html)
    sections = [a["id"] for t, a in page.tags if t == "section" and "section" in a["class"]]
    order = [
        *["summary", "disagreements", "timeline", "claims"],
        *["quotes", "exclusive", "entities", "sources"],
    ]
    assert sections == order
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.DOTALL).group(0)
    top = re.findall(r'<li><a href="#(\w+)">', toc)
    assert top[: len(order)] == order


def test_html_timeline(briefing):
    html = to_html(briefing)
    page = parse(html)
    ids = set(page.ids)
    part = section_html(html, "timeline")
    assert part.count('<li class="event') == 3
    assert '<time datetime="2024-03-01">2024-03-01</time>' in part
    assert '<span class="range-dash"> – </span><time datetime="2024-03-03">' in part
    assert part.count('class="inferred-mark" title="Inferred date">≈</abbr>') == 1
    assert 'class="event inferred"' in part
    assert "Inferred date: the report had no publication date" in part
    assert "“on Monday”" in part
    cites = cite_hrefs(part)
    assert cites == ["#S1-0", "#S1-0", "#S2-1", "#S3-0"]
    assert all(h[1:] in ids for h in cites)


def test_html_quotes(briefing):
    html = to_html(briefing)
    page = parse(html)
    ids = set(page.ids)
    part = section_html(html, "quotes")
    assert part.count("<blockquote>") == 4
    assert part.count("<q>") == 3  # the reported one is not in quotation marks
    assert '<li class="quote quote-reported">' in part
    assert '<span class="channel">via Example Times</span>' in part
    assert '<span class="speaker unattributed">unattributed</span>' in part
    assert '<span class="speaker">Jane Doe</span>' in part
    assert '<span class="quote-kind">reported</span>' in part
    cites = cite_hrefs(part)
    assert cites == ["#S2-1", "#S1-2", "#S3-0", "#S3-1", "#S1"]  # S1 has no evidence: its section
    assert all(h[1:] in ids for h in cites)
    # evidence of quotes and the timeline is marked as cited in the article text
    assert re.search(r'<span id="S1-2" class="sentence cited">', html)
    assert re.search(r'<span id="S3-1" class="sentence cited">', html)


def test_html_entities(briefing):
    html = to_html(briefing)
    page = parse(html)
    ids = set(page.ids)
    part = section_html(html, "entities")
    assert '<tr id="entity-E1">' in part
    assert '<th scope="row" class="entity-name">Jane Doe<span' in part
    assert '<td class="entity-type" title="PERSON">person</td>' in part
    cites = cite_hrefs(part)
    assert cites == ["#S1", "#S2", "#S1", "#S2", "#S3"]  # to the source sections
    assert all(h[1:] in ids for h in cites)
    more = [a["title"] for t, a in page.tags if t == "span" and a.get("class") == "more"]
    assert more == [", ".join(MANY_ALIASES)]  # the full list, intact in its attribute
    assert "+2 more" in part
    assert "Wire Ltd" not in re.sub(r'title="[^"]*"', "", part)


def test_html_reference_dates(briefing):
    page = parse(to_html(briefing))
    text = squash(" ".join(page.text))
    assert "Reference date 2024-03-04" in text
    assert "Reference date 2024-03-05 (inferred)" in text


def test_html_escapes_quotes_and_entities(briefing):
    html = to_html(briefing)
    page = parse(html)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    quotes = section_html(html, "quotes")
    assert "Homes were evacuated &lt;script&gt;alert(1)&lt;/script&gt;" in quotes
    assert "Agent &#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in quotes
    assert "via Wire &lt;script&gt;alert(1)&lt;/script&gt;" in quotes
    entities = section_html(html, "entities")
    assert "Doe &#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in entities
    assert "Wire &lt;script&gt;alert(1)&lt;/script&gt;" in entities
    # the parsed page holds the untrusted strings as plain text
    text = "".join(page.text)
    assert f"Agent {XSS_ATTR}" in text and f"Homes were evacuated {XSS_SCRIPT}" in text
    assert not [t for t, _ in page.tags if t in ("script", "img")]


def test_html_untrusted_dates_stay_text(briefing):
    briefing.timeline[0].date = '2024"><script>alert(1)</script>'
    briefing.timeline[0].end = None
    html = to_html(briefing)
    page = parse(html)
    assert "<script" not in html
    assert not any("script" in v for v in page.attrs("datetime"))


def test_html_empty_parts_make_no_section(briefing):
    html = to_html(without_extras(briefing))
    page = parse(html)
    for sid in ("timeline", "quotes", "entities", "disagreements", "exclusive"):
        assert sid not in page.ids
        assert f'href="#{sid}"' not in html
    assert "<blockquote" not in html and "Inferred date" not in html
    assert "disagreement" not in html.split("</style>")[1]
    assert "Only one outlet" not in html


def test_html_without_article_texts_cites_fall_back(briefing):
    slim = Briefing.from_dict(json.loads(render(briefing, "json")))
    assert slim.quotes and slim.timeline and slim.entities
    html = to_html(slim)
    page = parse(html)
    ids = set(page.ids)
    assert cite_hrefs(section_html(html, "timeline")) == ["#S1", "#S1", "#S2", "#S3"]
    assert all(h[1:] in ids for h in page.attrs("href") if h.startswith("#"))


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


def test_json_round_trip_new_parts(briefing):
    full = briefing.to_dict(include_text=True)
    assert [e["id"] for e in full["entities"]] == ["E1", "E2", "E3"]
    assert full["entities"][0]["spans"] == [
        {"source": "S2", "start": 15, "end": 24, "text": "The mayor"}
    ]
    assert [q["speaker"] for q in full["quotes"]][:3] == ["Jane Doe", "Officials", None]
    assert full["quotes"][1]["channel"] == "Example Times"
    assert full["timeline"][0]["end"] == "2024-03-03" and full["timeline"][2]["inferred"]
    assert full["sources"][2]["reference_inferred"] is True
    again = Briefing.from_dict(full)
    assert again.to_dict(include_text=True) == full
    assert again.quotes == briefing.quotes
    assert again.timeline == briefing.timeline
    assert again.entities == briefing.entities
    assert to_html(again) == to_html(briefing)
    assert to_markdown(again) == to_markdown(briefing)


# ── disagreements, exclusives, voices ───────────────────────────────────────


def test_markdown_disagreements(briefing):
    md = to_markdown(briefing)
    part = md.split("## Disagreements\n\n")[1].split("## Timeline")[0]
    assert "**dam’s failure \\<script>alert(1)\\</script>** · *labels differ*\n" in part
    assert "- **“heavy rain”** [S1, S2]\n" in part
    assert "  - *S1:* Heavy rain caused the Elm dam to fail on Monday.\n" in part
    assert "  - *S2:* Rain caused the Elm dam to fail Monday, the mayor said.\n" in part
    assert "- **“sabotage \\<script>alert(1)\\</script>”** [S3, S4]\n" in part
    # a copy's sentence is shown once, with both sources
    assert "  - *S3, S4:* Police suspect sabotage at the dam.\n" in part
    assert "**injuries** · *one report denies what another states*\n" in part
    # a side whose words are its sentence does not repeat the sentence
    assert "- **“Officials said no one was hurt.”** [S1]\n- **“Two people were hurt”** [S4]" in part
    assert "  - *S4:* Two people were hurt, the wire said." in part
    assert not re.search(r"(?<!\\)<(script|img|/script)", part)


def test_markdown_summary_marks_disagreement(briefing):
    md = to_markdown(briefing)
    summary = md.split("## Summary\n\n")[1].split("\n\n## ")[0]
    prose, line = summary.split("\n\n")
    assert "⚖" not in prose and prose.endswith("[S1, S3]")
    assert line == (
        "⚖ Reports differ on the dam’s failure \\<script>alert(1)\\</script>: "
        "“heavy rain” [S1, S2]; “sabotage \\<script>alert(1)\\</script>” [S3, S4]."
    )


def test_markdown_exclusive(briefing):
    md = to_markdown(briefing)
    part = md.split("## Only one outlet reports\n\n")[1].split("## Entities")[0]
    assert part.startswith(
        "**Only S3 (Wire \\<script>alert(1)\\</script>) and its copy S4 report:**\n\n"
        "- Police suspect sabotage at the dam. [S3, S4]\n"
    )


def test_markdown_voices(briefing):
    md = to_markdown(briefing)
    s4 = next(line for line in md.splitlines() if line.startswith("- **S4**"))
    assert s4.endswith(" · 13 words · copy of S3  ")  # then a line break and the input
    assert "same outlet" not in md and "copy of" not in md.replace(s4, "")
    s2 = briefing.sources[1]
    s2.article.outlet, s2.voice = " EXAMPLE times", "S1"
    briefing.exclusive = [Exclusive("S1", ["C1"], ["S1", "S2"])]
    md = to_markdown(briefing)
    assert "· same outlet as S1" in md
    assert "**Only S1 (Example Times) and S2 of the same outlet report:**" in md


def many_exclusives(b: Briefing) -> Briefing:
    c = b.claims[0]
    b.claims = [
        Claim(f"C{i}", f"Exclusive claim {i}.", ["S1"], 1, [c.evidence[0]]) for i in range(20)
    ]
    b.exclusive = [Exclusive("S1", [f"C{i}" for i in range(20)], ["S1"])] + [
        Exclusive(f"S{n}", ["C0"], [f"S{n}"]) for n in range(2, 14)
    ]
    return b


def test_exclusive_caps(briefing):
    b = many_exclusives(briefing)
    md = to_markdown(b).split("## Only one outlet reports")[1].split("## Entities")[0]
    assert "Exclusive claim 7." in md and "Exclusive claim 8." not in md
    assert "- *… and 12 more*" in md
    assert md.count("**Only S") == 10 and "**Only S11 reports:**" not in md
    assert "*… and 3 more sources.*" in md
    html = to_html(b)
    page = parse(html)
    part = section_html(html, "exclusive")
    assert "Exclusive claim 7." in part and "Exclusive claim 8." not in part
    assert "… and 12 more" in part and "… and 3 more sources." in part
    assert part.count('class="exclusive-group"') == 10
    assert all(h[1:] in set(page.ids) for h in page.attrs("href") if h.startswith("#"))


def test_exclusive_skips_unknown_claims(briefing):
    briefing.exclusive = [Exclusive("S3", ["C404"], ["S3"])]
    assert "## Only one outlet" not in to_markdown(briefing)
    assert 'id="exclusive"' not in to_html(briefing)


def test_html_disagreements(briefing):
    html = to_html(briefing)
    page = parse(html)
    ids = set(page.ids)
    part = section_html(html, "disagreements")
    entries = re.findall(r'<li id="(disagreement-\d+)" class="disagreement-entry"', part)
    assert entries == ["disagreement-1", "disagreement-2"]
    assert part.count('<div class="side">') == 4
    assert (
        '<h3 class="disagreement-about">dam’s failure &lt;script&gt;alert(1)&lt;/script&gt; '
        '<span class="kind-label">labels differ</span></h3>'
    ) in part
    assert '<span class="kind-label">one report denies what another states</span>' in part
    assert "<q>sabotage &lt;script&gt;alert(1)&lt;/script&gt;</q>" in part
    # each side's sources link to that side's sentences; a copy's sentence is shown once
    assert cite_hrefs(part) == ["#S1-0", "#S2-1", "#S3-2", "#S4-0", "#S1-2", "#S4-1"]
    assert all(h[1:] in ids for h in cite_hrefs(part))
    assert part.count(">Police suspect sabotage at the dam.</span>") == 1
    assert '<span class="evidence-text"><mark>Heavy rain</mark> caused the Elm dam' in part
    # the negation side whose words are its sentence cites it beside the words
    assert re.search(
        r'<q>Officials said no one was hurt\.</q> <span class="cites"><a href="#S1-2"', part
    )
    assert "Two people were hurt, the wire said." in part
    assert re.search(r'<span id="S4-1" class="sentence cited">', html)
    text = squash("".join(page.text))
    assert f"dam’s failure {XSS_SCRIPT} labels differ" in text


def test_html_summary_marks_disagreement(briefing):
    html = to_html(briefing)
    page = parse(html)
    part = section_html(html, "summary")
    assert part.count('<span class="disagreement">') == 1
    assert (
        '<a href="#disagreement-1" class="disagreement-link">'
        "Reports differ on the dam’s failure &lt;script&gt;alert(1)&lt;/script&gt;</a>"
    ) in part
    assert "disagreement-1" in page.ids
    line = part.split('<p class="summary-disagreement">')[1]
    assert cite_hrefs(line) == ["#S1-0", "#S2-1", "#S3-2", "#S4-0"]
    assert '<q class="side-words">heavy rain</q>' in line


def test_html_summary_tolerates_bad_disagreement(briefing):
    briefing.summary[2].contradiction = 7  # no such record: the line shows as it is
    briefing.contradictions[1].sides[1].evidence = []  # a side without its sentence
    html = to_html(briefing)
    page = parse(html)
    ids = set(page.ids)
    assert all(h[1:] in ids for h in page.attrs("href") if h.startswith("#"))
    part = section_html(html, "summary")
    assert "disagreement-link" not in part
    assert "Reports differ on the dam’s failure &lt;script&gt;" in part
    assert '<span class="disagreement">' in part
    dis = section_html(html, "disagreements")
    assert cite_hrefs(dis)[-1] == "#S4"  # falls back to the source's section
    md = to_markdown(briefing)
    assert "⚖ Reports differ on the dam’s failure \\<script>" in md


def test_html_exclusive(briefing):
    html = to_html(briefing)
    page = parse(html)
    part = section_html(html, "exclusive")
    assert '<div id="exclusive-S3" class="exclusive-group">' in part
    assert (
        '<h3 class="exclusive-intro">Only <a href="#S3">S3</a> '
        "(Wire &lt;script&gt;alert(1)&lt;/script&gt;) and its copy "
        '<a href="#S4">S4</a> report:</h3>'
    ) in part
    assert cite_hrefs(part) == ["#S3-2", "#S4-0"]
    assert all(h[1:] in set(page.ids) for h in re.findall(r'href="([^"]+)"', part))


def test_html_claims_show_dependent_sources(briefing):
    part = section_html(to_html(briefing), "claims")
    assert part.count('class="support"') == 1
    assert '<span class="support">2 sources, 1 independent</span>' in part


def test_html_sources_show_voice(briefing):
    html = to_html(briefing)
    assert html.count('class="voice"') == 1
    assert '<dd class="voice">copy of <a href="#S3">S3</a></dd>' in html
    briefing.sources[1].voice = "S1"
    briefing.sources[1].article.outlet = "Example Times"
    briefing.sources[3].voice = "S9"  # not in the briefing: named, not linked
    html = to_html(briefing)
    parse(html)
    assert '<dd class="voice">same outlet as <a href="#S1">S1</a></dd>' in html
    assert '<dd class="voice">copy of S9</dd>' in html


def test_disagreements_through_rich(briefing):
    rich_console = pytest.importorskip("rich.console")
    rich_markdown = pytest.importorskip("rich.markdown")
    out = io.StringIO()
    console = rich_console.Console(file=out, width=120, color_system=None)
    console.print(rich_markdown.Markdown(to_markdown(briefing)))
    text = out.getvalue()
    assert "Disagreements" in text and "Only one outlet reports" in text
    assert f"dam’s failure {XSS_SCRIPT}" in text  # printed literally
    assert "Only S3 (Wire <script>alert(1)</script>) and its copy S4 report:" in text


def test_json_round_trip_disagreements(briefing):
    again = Briefing.from_dict(json.loads(json.dumps(briefing.to_dict(include_text=True))))
    assert again.contradictions == briefing.contradictions
    assert again.exclusive == briefing.exclusive
    assert to_html(again) == to_html(briefing)
    assert to_markdown(again) == to_markdown(briefing)


def test_side_evidence_is_capped(briefing):
    sources = briefing.sources
    side = briefing.contradictions[0].sides[0]
    side.sources = ["S1", "S2", "S3", "S4"]
    side.evidence = [evidence(sources[0], 0), evidence(sources[1], 1)]
    side.evidence += [evidence(sources[2], 1), evidence(sources[3], 1)]
    md = to_markdown(briefing)
    assert "  - *… and 1 more*" in md.split("## Disagreements")[1].split("## Timeline")[0]
    html = to_html(briefing)
    page = parse(html)
    part = section_html(html, "disagreements")
    assert '<li class="more-note">… and 1 more</li>' in part
    assert all(h[1:] in set(page.ids) for h in cite_hrefs(part))
