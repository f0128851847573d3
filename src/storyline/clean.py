"""Cleaning stage: page text → clean article text.

News pages reach us as extracted text with the page furniture still in it (photo credits,
breadcrumbs, share and comment widgets, tag lines, empty image remnants) and, for
machine-translated reports, with quotes whose closing mark sits on the wrong side of a space and
paragraphs broken in the middle of a sentence. This module removes the furniture and mends the
broken paragraphs (the characters and the quotes are `storyline.characters`' work) while keeping
every real sentence whole, because later stages cite sentences verbatim.

Every rule here is a general rule about how news pages are built; none is written for one text.
The output format is fixed: paragraphs separated by exactly one blank line, each paragraph on one
line, no surrounding whitespace. Sentence offsets later refer to this text.

Only the standard library is imported here; extracting the article from an HTML page is
`storyline.extraction`'s work, which builds on this module.
"""

from __future__ import annotations

import re

from .characters import OTHER_SENTENCE_ENDS, normalize

__all__ = ["clean_text", "split_headline"]

# ---------------------------------------------------------------------------------------------
# Furniture: lines that belong to the page, not to the report
# ---------------------------------------------------------------------------------------------

# News agencies and picture libraries, as they appear alone on a credit line. A list of agencies
# is knowledge about news pages, not about one text.
_AGENCY = (
    r"(?:reuters|ap|associated press|ap photo|afp|agence france-presse|afp photo|getty(?: images)?"
    r"|epa(?:-efe)?|efe|dpa|ansa|tass|itar-tass|ria(?: news| novosti)?|sputnik(?: news)?|interfax"
    r"|belta|xinhua|kyodo|yonhap|anadolu(?: agency)?|pa(?: media| wire)?|bloomberg|shutterstock"
    r"|alamy|global look press|zuma(?: press)?|imago|unian|ukrinform|ukrinform photo|rt|pool"
    r"|kremlin\.ru|kremlin press service|press service|handout)"
)
# "Reuters", "AFP/Getty Images", "Name / Reuters", "AP Photo/Name": an agency with at most a
# photographer's name around a slash.
# Parentheses around the whole credit are allowed: "(AP Photo/John Doe)".
_AGENCY_LINE = re.compile(
    rf"^[(\[]?(?:{_AGENCY}(?:\s*/\s*[\w .'’-]{{1,40}})?|[\w .'’-]{{1,40}}\s*/\s*{_AGENCY})[)\]]?$",
    re.I,
)
_CREDIT_LABEL = (
    r"(?:photo(?:graph)?s?|pictures?|images?|illustrations?|credits?|photo credits?"
    r"|image credits?|image source|picture credits?|video|foto)"
)
# "© Name", "Copyright 2020 …", "Photo: …", "Photo by …", "Image: …", "Credit: …". The © sign
# never occurs in prose; "copyright" only counts with a year or a sign after it.
_CREDIT_LINE = re.compile(
    rf"^[(\[]?(?:©|copyright\s*(?:©|\(c\)|\d{{4}})|{_CREDIT_LABEL}\s*:|photos?\s+by\b"
    r"|(?:photo\s+)?courtesy\s+of\b)",
    re.I,
)
# "(c) Name" is a credit, but "(c)" also letters the third item of a list ("(c) the right to
# appeal."): only a short line with no sentence punctuation at its end counts.
_C_CREDIT_LINE = re.compile(r"^\([cC]\)\s*(?:\d{4}|[A-Z])(?:\S+\s*){0,7}(?<![.,;:!?])$")
# "Source:" is also how a real sentence can start ("Source: the ministry said that…"): only a
# short, unpunctuated "Source: X" is a credit.
_SOURCE_LINE = re.compile(r"^source\s*:\s*[^.!?]{1,40}$", re.I)
# A credit glued to the end of a caption: "… Vladimir Putin. Photo: TASS |", "(Photo: AFP)".
_TRAILING_CREDIT = re.compile(
    rf"\s*[|(\[]?\s*(?:{_CREDIT_LABEL}\s*:|source\s*:|photos?\s+by\b|©)\s*[^.!?|()\[\]]{{0,50}}"
    r"[)\]]?\s*\|?\s*$",
    re.I,
)
_BULLET = re.compile(r"^(?:[•·▪◦‣●■►▸]|[-–—*](?= ))\s*")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
# An emphasised line right under a Markdown image is the image's caption, not the report's text.
_MD_IMAGE_CAPTION = re.compile(r"(!\[[^\]\n]*\]\([^)\n]*\)[ ]*\n+)[ ]*([*_])[^*_\n]+\2[ ]*(?=\n|$)")
_IMAGE_WORD = re.compile(
    r"^\[?(?:image|photo|picture|video|advertisement|embed|gallery|graphic)\]?$", re.I
)
_NO_ALNUM = re.compile(r"^[^\w]*$")
# Twenty English words run to about 130 characters; a paragraph of Chinese or Japanese, which has
# no spaces, is one "word" and is told from a headline by its length.
_HEADLINE_MAX_CHARS = 160

# Share, comment, subscription and navigation widgets, matched against the whole line.
_WIDGET = re.compile(
    r"^(?:"
    r"leave a (?:comment|reply)(?: cancel reply)?|cancel reply|post a comment|add a comment"
    r"|comments?|\d+ comments?|no comments(?: yet)?|be the first to comment"
    r"|this site uses akismet to reduce spam\b.*"
    r"|you must be logged in to post a comment\b.*|log in to (?:reply|comment)\b.*"
    r"|your email address will not be published\b.*|required fields are marked\b.*"
    r"|share(?: this(?: article| story| post)?)?|share on \w+|click to (?:share|email|print)\b.*"
    r"|like this|like loading(?:\.\.\.|…)?|loading(?:\.\.\.|…)"
    r"|tweet|print|email|e-mail|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|vk"
    r"|related(?: posts| articles| stories| news| content)?|post navigation|previous post|next post"
    r"|previous article|next article|(?:read|see) (?:more|also)|continue reading"
    r"|subscribe(?: to our newsletter| now)?|sign up (?:for|to) our newsletters?\b.*"
    r"|(?:follow|like) us on\b.*|all rights reserved\.?|advertisement|sponsored(?: content)?"
    r"|we use cookies\b.*|accept (?:all )?cookies|cookie (?:settings|policy|preferences)"
    r"|skip to (?:main )?content|back to top|top stories|most read|most popular"
    r"|you may also like|recommended(?: for you)?|more from \w+(?: \w+)?"
    r")[\s:.!…»›>]*$",
    re.I,
)
# Link furniture with a headline after it: "Read more: …", "See also: …".
_READ_MORE = re.compile(r"^(?:read (?:more|also)|see also|also read|related)\s*:", re.I)
# Headings of the link lists pages end with.
_RELATED_MARKER = re.compile(
    r"^(?:related(?: posts| articles| stories| news| content)?|(?:read|see) (?:more|also)"
    r"|you may also like|recommended(?: for you)?|more from \w+(?: \w+)?|more stories"
    r"|most read|most popular|top stories|latest news)[\s:.!…]*$",
    re.I,
)
# Label-led tag lines: "Tags: a, b", "Topics: …", "Filed under: …".
_TAG_LABEL = re.compile(
    r"^(?:tags?|topics?|filed under|categories|category|keywords|posted in)\s*:", re.I
)

# Breadcrumbs: 3+ short crumbs joined by » › > / | with spaces around the separator (so "and/or",
# dates and URLs never match), or any crumb trail that starts at "Home".
_CRUMB_SEP = re.compile(r"\s+[»›>/|]\s+|\s*[»›]\s*")
_HOME_CRUMB = re.compile(r"^(?:home(?: ?page)?|main|start|front page|news)$", re.I)


def _is_headline_like(line: str) -> bool:
    """Short and not ending in a full stop: a headline, a heading or a link title. Scripts
    written without spaces make a whole paragraph one "word", so characters count too."""
    if _BULLET.match(line):
        line = _BULLET.sub("", line)
    return (
        0 < len(line.split()) <= 20
        and len(line) <= _HEADLINE_MAX_CHARS
        and not re.search(r"[.,;:…。，；：।]$", line)
    )


def _is_breadcrumb(line: str) -> bool:
    if not any(sep in line for sep in "»›>/|"):
        return False
    crumbs = [c.strip() for c in _CRUMB_SEP.split(line)]
    if len(crumbs) < 2 or not all(crumbs[:-1]):
        return False
    if _HOME_CRUMB.match(crumbs[0]):
        return True
    # Without "Home", ask for 3+ crumbs of at most three words before the last, which is a
    # title and so does not end like a sentence ("A / B / C testing is popular." is prose).
    return (
        len(crumbs) >= 3
        and all(len(c.split()) <= 3 for c in crumbs[:-1])
        and not re.search(r"[.,;:]$", line)
    )


def _is_credit(content: str) -> bool:
    """A photo or agency credit: "© Name", "Photo: X", "Reuters", "AFP/Getty Images"."""
    return bool(
        _CREDIT_LINE.match(content)
        or _C_CREDIT_LINE.match(content)
        or _SOURCE_LINE.match(content)
        or _AGENCY_LINE.match(content)
    )


def _is_tag_list(line: str) -> bool:
    """ "Lukashenko, Putin, Belarus, Russia": 3+ short capitalised items, no sentence marks."""
    if _TAG_LABEL.match(line):
        return True
    words = line.split()
    if words and all(w.startswith("#") and len(w) > 1 for w in words):
        return True  # a hashtag line
    if re.search(rf"[.!?;:\"“”„«»(){OTHER_SENTENCE_ENDS}]", line):
        return False
    items = [i.strip() for i in line.split(",")]
    return len(items) >= 3 and all(
        i and len(i.split()) <= 4 and (i[0].isupper() or i[0].isdigit()) for i in items
    )


def _strip_line(line: str) -> str:
    """Remove furniture *inside* a line, keeping whatever real text the line has."""
    line = _MD_IMAGE.sub("", line).strip()
    if line.startswith("|") or line.endswith("|"):  # a table or image cell's border
        line = line.strip("| ")
    # A credit at the end of a caption; only when a real sentence is left before it.
    # The credit is short, so only the line's tail is searched (the pattern is slow on long
    # lines, which are most lines).
    offset = max(0, len(line) - 80)
    m = _TRAILING_CREDIT.search(line, offset)
    if m and m.start() > 0 and line[: m.start()].rstrip()[-1:] in '.!?"”’»' + OTHER_SENTENCE_ENDS:
        line = line[: m.start()].rstrip()
    return line


def _is_furniture(line: str) -> bool:
    """Whole lines that are page furniture wherever they occur."""
    if _NO_ALNUM.match(line) or _IMAGE_WORD.match(line):
        return True
    if _WIDGET.match(line) or _TAG_LABEL.match(line) or _is_breadcrumb(line):
        return True
    if _READ_MORE.match(line) and len(line.split()) <= 25:
        return True
    if _C_CREDIT_LINE.match(line) or _SOURCE_LINE.match(line):
        return True
    return len(line.split()) <= 20 and bool(_CREDIT_LINE.match(line))


# ---------------------------------------------------------------------------------------------
# Paragraph assembly
# ---------------------------------------------------------------------------------------------

# A paragraph that ends like this is finished; anything else may continue on the next line.
_FINISHED = re.compile(rf"""(?:[.!?…:;{OTHER_SENTENCE_ENDS}]["'”’»)\]」』]*|["”»])$""")
# Endings that cannot finish a paragraph: a comma, a dangling dash, an open bracket.
_DANGLING = re.compile(r"(?:,|\s[-–—]|\()$")
_HEADING = re.compile(r"^#{1,6}\s")
# "(Baonghean.vn) - ", "MOSCOW, Sept 14 (Reuters) - ": a dateline before the first sentence.
# Dots are allowed only inside a word (a domain name), so "(…) - " holding a sentence is kept.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+)*(?:,\s[^()\n]{1,30})?\s)?"
    r"\((?:[^()\n.!?]|\.(?=\w)){1,40}\)\s*(?:-{1,2}|[–—])\s+(?=\S)"
)
# "as cited by TASS ." - a space left where a link ended; removed before "." and ",". A space
# before ; : ! ? is French typography ("huit mois : les ouvriers") and stays.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[.,](?: |$))")


def _continues(prev: str, line: str) -> bool:
    """Whether `line` is the rest of the sentence that `prev` left unfinished."""
    if _HEADING.match(prev) or _HEADING.match(line) or _BULLET.match(line):
        return False
    if line[0] in ")]},;":
        return True
    if _FINISHED.search(prev[-8:]):  # only the end matters; a short tail keeps this cheap
        return False
    return line[0].islower() or bool(_DANGLING.search(prev[-2:]))


def _glue(prev: str, line: str) -> str:
    return prev + line if line[0] in ")]},;" else f"{prev} {line}"


def _drop_caption_blocks(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Drop runs of bullet lines that contain a credit: those are photo captions.

    Pages render a picture's caption, agency and photographer as a little bulleted block
    ("• Demonstration in Minsk" / "• Reuters" / "• © Name"). A bulleted block with no credit in it
    is a real list and stays (a lone bulleted credit is a block of one, so it goes too).
    """
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _BULLET.match(lines[j][0]):
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        if not any(_is_credit(_BULLET.sub("", line)) for line, _ in lines[i:j]):
            out.extend(lines[i:j])
        i = j
    return out


def _cut_related_tail(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Cut a "Related" / "Read more" heading and the list of headlines after it at the page end.

    Only when everything after the marker reads as a headline or furniture, so a marker in the
    middle of real text never takes sentences with it.
    """
    for k in range(len(lines) - 1, -1, -1):
        if _RELATED_MARKER.match(lines[k][0]):
            if all(_is_headline_like(line) or _is_furniture(line) for line, _ in lines[k + 1 :]):
                return lines[:k]
            break
    return lines


def _paragraph_lines(text: str) -> list[tuple[str, bool]]:
    """Split normalised text into (line, soft) pairs; `soft` marks an inner line break.

    When the text separates paragraphs with blank lines, a single newline inside a block is a
    wrapped line of the same paragraph. When it never uses blank lines, every line is a paragraph
    (trafilatura's output, and some pages, look like that).
    """
    if "\n\n" not in text:
        return [(line, False) for line in text.split("\n") if line]
    pairs: list[tuple[str, bool]] = []
    for block in text.split("\n\n"):
        pairs.extend((line, k > 0) for k, line in enumerate(block.split("\n")) if line)
    return pairs


def clean_text(text: str) -> str:
    """Turn page text into clean article text: paragraphs joined by one blank line.

    Steps, in order: `normalize` (characters, whitespace, misplaced closing quotes); remove
    furniture inside lines (image remnants, table pipes, a credit after a caption) and whole
    furniture lines (credits, breadcrumbs, widgets, tag lines, lone punctuation, photo-caption
    blocks); rejoin paragraphs broken mid-sentence; strip a dateline before the first sentence;
    drop agency names left alone on a line, and tag lines and link lists at the very end.
    Section headings stay as their own paragraphs.
    """
    text = _MD_IMAGE_CAPTION.sub(r"\1", normalize(text))
    lines = [(s, soft) for line, soft in _paragraph_lines(text) if (s := _strip_line(line))]
    lines = _cut_related_tail(lines)
    lines = _drop_caption_blocks([(line, soft) for line, soft in lines if not _is_furniture(line)])

    paragraphs: list[str] = []
    for line, soft in lines:
        if paragraphs and (_wraps(paragraphs[-1], line, soft) or _continues(paragraphs[-1], line)):
            paragraphs[-1] = _glue(paragraphs[-1], line)
        else:
            paragraphs.append(line)

    paragraphs = [_SPACE_BEFORE_PUNCT.sub("", p) for p in paragraphs]
    paragraphs = [p for p in paragraphs if not _AGENCY_LINE.match(p)]
    _strip_dateline(paragraphs)
    _drop_tail(paragraphs)
    return "\n\n".join(paragraphs)


def _wraps(prev: str, line: str, soft: bool) -> bool:
    """A soft line break inside a blank-line-separated block is a wrapped line, except around
    headings and before list items."""
    return soft and not (_HEADING.match(prev) or _HEADING.match(line) or _BULLET.match(line))


def _strip_dateline(paragraphs: list[str]) -> None:
    """Strip "(Outlet) - " from the first body paragraph (the headline may come before it)."""
    for k in range(min(2, len(paragraphs))):
        m = _DATELINE.match(paragraphs[k])
        if m and m.end() < len(paragraphs[k]):
            paragraphs[k] = paragraphs[k][m.end() :]
            return


def _drop_tail(paragraphs: list[str]) -> None:
    """Remove tag lines ("Putin, Belarus, Russia", "Tags: …") and furniture left at the end."""
    while paragraphs and (_is_tag_list(paragraphs[-1]) or _is_furniture(paragraphs[-1])):
        paragraphs.pop()


# ---------------------------------------------------------------------------------------------
# Headlines
# ---------------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def split_headline(text: str) -> tuple[str | None, str]:
    """Split a leading headline from cleaned text: `(headline, rest)` or `(None, text)`.

    The first paragraph is a headline when it is a Markdown heading ("# Title"), or when it reads
    as one: at most 20 words, not ending in "." (or ",", ":" and the like; "?" and "!" are fine),
    and followed by more text. A lone paragraph is never a headline, so the body is never empty.
    """
    first, sep, rest = text.partition("\n\n")
    if not sep or not rest.strip():
        return None, text
    m = _MD_HEADING.match(first)
    if m:
        return m.group(1), rest
    words = first.split()
    if (
        0 < len(words) <= 20
        and len(first) <= _HEADLINE_MAX_CHARS
        and not re.search(r"[.,;:…。，；：।\-–—]$", first)
        and any(ch.isalpha() for ch in first)
        and not first[0].islower()
        and not _BULLET.match(first)
    ):
        return first, rest
    return None, text
