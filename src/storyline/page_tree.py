"""What storyline does to a page's parsed tree around trafilatura: joining an article body split
over several containers, dropping inline hover cards, measuring the text the page shows, and
readability's reading of the page (the fallback when trafilatura locks onto the wrong block).

lxml and trafilatura's modules are imported inside the functions that need them.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

__all__ = [
    "drop_inline_cards",
    "letters",
    "merge_split_bodies",
    "readability_text",
    "visible_letters",
]


def merge_split_bodies(tree: Any) -> None:
    """Join an article body that the page splits over several containers of the same kind.

    Some sites (WIRED, for one) cut the article into sibling blocks with one class
    ("article__body") between advertising slots. trafilatura's content XPaths take the first
    block only, so the rest of the article is lost; appending the later blocks' children to the
    first one lets it see the whole text. Only containers with the same tag and the same class
    attribute as the first match are joined, never one nested in another.
    """
    try:
        from trafilatura.xpaths import BODY_XPATH
    except ImportError:  # trafilatura's internals, which may move: no merging then
        return
    # Only the first expression can match several containers: the others select one, "(…)[1]".
    found = [e for e in BODY_XPATH[0](tree) if e is not None]
    if len(found) < 2:
        return
    first = found[0]
    cls = first.get("class")
    ancestors = set(first.iterancestors())
    for other in found[1:]:
        if (
            other.tag == first.tag
            and other.get("class") == cls
            and other not in ancestors
            and first not in set(other.iterancestors())
        ):
            first.extend(list(other))


# An inline hover card: a box inside a paragraph that pops up over a name with a picture and links
# ("Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on … MORE" on The Hill, whose
# `span.rollover-people-block` holds the person's full name and recent headlines). Its class
# names a card, tooltip, popover or rollover, and it holds a picture or two links or more; of
# nested matches only the innermost goes, so a wrapper that also holds the name itself stays.
_CARD_CLASS = re.compile(r"card|tooltip|popover|popup|rollover|hover", re.I)


def drop_inline_cards(tree: Any) -> None:
    """Remove inline hover cards (see `_CARD_CLASS`) from paragraphs, keeping the text after them.

    Walked in Python, not asked of XPath: libxml2 merges the node sets of `//p//*` in time
    quadratic in their size, half a minute on a 10 MB page."""
    cards = [
        element
        for element in tree.iter("span", "div", "aside")
        if _CARD_CLASS.search(element.get("class") or "")
        and any(a.tag == "p" for a in element.iterancestors())
        and (element.find(".//img") is not None or len(element.findall(".//a")) >= 2)
    ]
    inner = set(cards)
    for card in cards:
        inner.difference_update(card.iterancestors())
    for card in inner:
        card.drop_tree()


def visible_letters(tree: Any) -> int:
    """About how many characters other than spaces the page's body shows: the body as one
    string, far cheaper than its text nodes one by one, less its scripts, styles and templates."""
    body = tree.xpath("string(//body)")
    hidden = tree.xpath(
        "//body//script/text() | //body//style/text() | //body//noscript/text()"
        " | //body//template/text()"
    )
    spaces = sum(body.count(c) for c in " \n\t\r")
    return len(body) - spaces - sum(map(len, hidden))


def letters(text: str) -> int:
    """How many characters other than spaces `text` has."""
    return len("".join(text.split()))


# Elements that start a new line in the text of an HTML fragment.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6"
    " header hr li main nav ol p pre section table tr ul".split()
)


def readability_text(tree: Any) -> str:
    """The article text that readability (trafilatura's copy of it) finds, one block a line."""
    try:
        from lxml.html import fromstring
        from trafilatura.readability_lxml import Document as Readability
    except ImportError:  # the bundled copy is trafilatura's internals and may move
        return ""
    try:
        summary = fromstring(Readability(deepcopy(tree), min_text_length=25).summary())
    except Exception:  # readability raises its own errors on odd pages: no fallback then
        return ""
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if tag not in ("script", "style"):
            if block:
                parts.append("\n")
            parts.append(element.text or "")
            for child in element:
                walk(child)
            if block:
                parts.append("\n")
        parts.append(element.tail or "")

    walk(summary)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
