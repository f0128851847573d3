"""The cleaning stage: page text in, clean article text out.

The unit tests use short made-up lines, one rule each. The corpus tests at the end run the rules
over real, messy reports in /work/shared/corpus/sochi-2020 (skipped when that folder is absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.characters import fold_marks, in_source, normalize
from storyline.clean import clean_text, split_headline
from storyline.errors import InputError
from storyline.extraction import extract_html
from storyline.model import Article

# ---------------------------------------------------------------------------------------------
# normalize: characters and whitespace
# ---------------------------------------------------------------------------------------------


def test_normalize_turns_every_kind_of_space_into_a_plain_space() -> None:
    nbsp, narrow, thin = "\u00a0", "\u202f", "\u2009"
    assert normalize(f"a{nbsp}b{narrow}c{thin}d\te") == "a b c d e"


def test_normalize_removes_zero_width_characters_and_soft_hyphens() -> None:
    text = "\ufeffzero\u200bwidth\u200c \u200djoin\u2060er soft\u00adhyphen"
    assert normalize(text) == "zerowidth joiner softhyphen"


def test_normalize_keeps_the_sources_quotes_apostrophes_and_dashes() -> None:
    for text in (
        "“Yes,” she said. It’s ‘fine’.",
        "„Ja“, sagte sie.",
        "He called it «a trap».",
        "in 2012–2013, the port – and the bridge—and the “new” quay",
    ):
        assert normalize(text) == text


def test_fold_marks_makes_quotes_and_dashes_straight_one_character_for_one() -> None:
    assert fold_marks("“Yes,” she said. It’s ‘fine’.") == "\"Yes,\" she said. It's 'fine'."
    assert fold_marks("„Ja“, sagte sie.") == '"Ja", sagte sie.'
    assert fold_marks("He called it «a trap».") == 'He called it "a trap".'
    assert fold_marks("Home » World") == "Home » World"  # a lone guillemet is no quote
    text = "in 2012–2013, the port – and the bridge—and"
    assert fold_marks(text) == "in 2012-2013, the port - and the bridge-and"
    assert len(fold_marks(text)) == len(text)


def test_a_copy_that_curls_its_quotes_is_the_same_article() -> None:
    curly = Article(text="“It’s open,” she said — at last.")
    assert curly.content_hash == Article(text='"It\'s open," she said - at last.').content_hash
    assert curly.content_hash != Article(text='"It\'s shut," she said - at last.').content_hash


def test_in_source_gives_a_folded_piece_back_in_the_sources_characters() -> None:
    source = "He said: “It’s over —\nfor now.” Then he left."
    folded = fold_marks(source)
    assert in_source("It's over - for now.", source, folded) == "It’s over — for now."
    assert in_source("not there", source, folded) == "not there"


def test_in_source_finds_the_first_run_of_the_words_whatever_the_whitespace_between() -> None:
    source = "“Go” they said.  “Go\n now,” she said; “go now” he said."
    folded = fold_marks(source)
    assert in_source('"Go now,"', source, folded) == "“Go now,”"
    assert in_source('"go now"', source, folded) == "“go now”"
    assert in_source('"Go now,"', source, folded, start=20) == '"Go now,"'  # not after 20
    assert in_source('"Go they"', source, folded) == '"Go they"'  # a quote mark between


def test_normalize_line_endings_spaces_and_blank_lines() -> None:
    text = "  One   line.  \r\nTwo.\r\n\r\n\r\n\r\nThree.\n"
    assert normalize(text) == "One line.\nTwo.\n\nThree."


# ---------------------------------------------------------------------------------------------
# Quotes a machine translation broke
# ---------------------------------------------------------------------------------------------


def test_misplaced_curly_closing_quote_moves_before_the_space() -> None:
    text = "“The cables are new, ”the engineer said."
    assert normalize(text) == "“The cables are new,” the engineer said."


def test_straight_quote_closing_a_curly_quote_opened_paragraphs_earlier() -> None:
    text = '“We checked every cable.\n\nAll of them are new, "the engineer said.'
    assert (
        clean_text(text) == '“We checked every cable.\n\nAll of them are new," the engineer said.'
    )


def test_opening_quotes_after_a_space_are_left_alone() -> None:
    text = 'He said, "Hello." Then she called it a "fine day" and left.'
    assert normalize(text) == text


def test_space_inside_curly_quotes_is_removed() -> None:
    assert normalize("She said: “ Welcome home ”.") == "She said: “Welcome home”."


# ---------------------------------------------------------------------------------------------
# Furniture: each kind goes, the sentences around it stay
# ---------------------------------------------------------------------------------------------

BEFORE = "The bridge reopened on Friday."
AFTER = "Buses return on Monday."


@pytest.mark.parametrize(
    "furniture",
    [
        # photo and agency credits
        "© Jane Doe",
        "(c) Jane Doe",
        "Photo: Jane Doe",
        "Photo by Jane Doe/Portwell Press",
        "Image: Getty Images",
        "Picture: City council",
        "Credit: Jane Doe",
        "Source: Reuters",
        "(AP Photo/John Doe)",
        "• Reuters",
        "- © Jane Doe",
        # breadcrumbs
        "Home » Local » Harbour bridge reopens",
        "Home > News > Local",
        "News / World / Harbour bridge reopens",
        # comment and share widgets
        "Leave a Comment",
        "Leave a Reply",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Like this:",
        "Related posts",
        "Post navigation",
        "Subscribe to our newsletter",
        "You must be logged in to post a comment.",
        "Your email address will not be published. Required fields are marked *",
        "Read more: Ferry timetable changes",
        # empty image remnants
        "![]()",
        "![a bridge](https://example.org/bridge.jpg)",
        "![]() |",
        "|",
        "[image]",
        "Image",
        # lone punctuation
        "– .",
        "...",
        "—",
        "*",
    ],
)
def test_furniture_line_is_removed(furniture: str) -> None:
    text = f"{BEFORE}\n\n{furniture}\n\n{AFTER}"
    assert clean_text(text) == f"{BEFORE}\n\n{AFTER}"


def test_bulleted_caption_block_with_a_credit_is_dropped_whole() -> None:
    text = (
        f"{BEFORE}\n\n• Crowds on the bridge at the opening\n\n• Portwell Press\n\n"
        f"• © Jane Doe\n\n{AFTER}"
    )
    assert clean_text(text) == f"{BEFORE}\n\n{AFTER}"


def test_bulleted_list_without_credits_stays() -> None:
    text = "The council will:\n\n- reopen the bridge\n- restore bus routes\n\nThat is all."
    assert clean_text(text) == (
        "The council will:\n\n- reopen the bridge\n\n- restore bus routes\n\nThat is all."
    )


def test_trailing_credit_is_cut_from_a_caption_and_the_caption_kept() -> None:
    text = f"{BEFORE}\nThe mayor cuts the ribbon on the bridge. Photo: Jane Doe |\n{AFTER}"
    assert clean_text(text) == (f"{BEFORE}\n\nThe mayor cuts the ribbon on the bridge.\n\n{AFTER}")
    assert clean_text("The mayor speaks. (Photo: AFP)") == "The mayor speaks."


def test_tag_line_at_the_end_is_removed() -> None:
    for tags in ("Portwell, Bridges, Transport, Council", "Tags: bridges, transport"):
        assert clean_text(f"{BEFORE}\n\n{AFTER}\n\n{tags}") == f"{BEFORE}\n\n{AFTER}"
    assert clean_text(f"{BEFORE}\n\nFiled under: Local\n\n{AFTER}") == f"{BEFORE}\n\n{AFTER}"


def test_a_comma_list_in_the_middle_is_content_not_tags() -> None:
    text = f"Portwell, Eastham, Northby\n\n{BEFORE}"
    assert clean_text(text) == text


def test_related_link_list_at_the_end_is_removed() -> None:
    text = f"{BEFORE}\n\nRelated\n\nFerry timetable changes\n\nWill the tunnel close too?"
    assert clean_text(text) == BEFORE


def test_dateline_before_the_first_sentence_is_stripped() -> None:
    text = "Bridge reopens\n(Portwell.example) - The bridge reopened on Friday."
    assert clean_text(text) == "Bridge reopens\n\nThe bridge reopened on Friday."
    assert clean_text("PORTWELL (Courier) - The bridge reopened.") == "The bridge reopened."


def test_prose_that_looks_a_little_like_furniture_stays() -> None:
    for prose in (
        "Source: the council said the bridge is safe.",
        "A / B / C testing is popular.",
        "(c) the right to appeal.",
        "Copyright law changed in 2019.",
        "Comments from residents were mostly positive.",
    ):
        assert clean_text(prose) == prose


# ---------------------------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------------------------


def test_paragraph_broken_mid_sentence_is_rejoined() -> None:
    text = "The council said the first buses will be\n\nback on Monday morning."
    assert clean_text(text) == "The council said the first buses will be back on Monday morning."


def test_paragraph_broken_around_a_bracket_is_rejoined() -> None:
    text = 'She said: "The old bridge (built in 1902. -\n\nEd.\n\n) was tired."'
    assert clean_text(text) == 'She said: "The old bridge (built in 1902. - Ed.) was tired."'


def test_section_headings_stay_their_own_paragraphs() -> None:
    text = f"{BEFORE}\n\nNew routes\n\n{AFTER}"
    assert clean_text(text) == text


def test_single_newlines_separate_paragraphs_when_no_blank_lines_are_used() -> None:
    assert clean_text(f"{BEFORE}\n{AFTER}") == f"{BEFORE}\n\n{AFTER}"


def test_wrapped_lines_inside_a_blank_line_paragraph_are_joined() -> None:
    text = "The bridge reopened\non Friday. It took\neight months.\n\nBuses return."
    assert (
        clean_text(text) == "The bridge reopened on Friday. It took eight months.\n\nBuses return."
    )


def test_output_format_is_one_line_per_paragraph_separated_by_blank_lines() -> None:
    out = clean_text("\n\n  One.  \n\n\n\n\nTwo.\n\n")
    assert out == "One.\n\nTwo."
    assert clean_text("") == ""


# ---------------------------------------------------------------------------------------------
# split_headline
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Harbour bridge reopens\n\nThe bridge reopened.", "Harbour bridge reopens"),
        ("Will the buses return?\n\nThe bridge reopened.", "Will the buses return?"),
        ("# Harbour bridge reopens\n\nThe bridge reopened.", "Harbour bridge reopens"),
        ("The bridge reopened on Friday.\n\nBuses return.", None),  # a sentence, not a headline
        ("Harbour bridge reopens", None),  # the only paragraph
        (" ".join(["word"] * 25) + "\n\nThe bridge reopened.", None),  # too long
    ],
)
def test_split_headline(text: str, headline: str | None) -> None:
    found, rest = split_headline(text)
    assert found == headline
    assert rest == (text if headline is None else "The bridge reopened.")


# ---------------------------------------------------------------------------------------------
# extract_html
# ---------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Coastal Courier</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2021-03-05T09:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
</header>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Portwell reopened to traffic on Friday after eight months of repairs,
the city council said.</p>
<p>Engineers replaced the worn cables and resurfaced the deck, at a cost of 12 million pounds.</p>
<p>“We are glad to have our bridge back,” said the mayor at the opening ceremony.</p>
<p>Buses will return to their old routes from Monday, the transport office said.</p>
</article></main>
<aside><h3>Related</h3><ul><li><a href="/a">Ferry timetable changes</a></li></ul></aside>
<footer><p>© 2021 The Coastal Courier. All rights reserved.</p>
<p>Subscribe to our newsletter</p></footer>
</body></html>"""


def test_extract_html_returns_the_cleaned_article_with_its_metadata() -> None:
    url = "https://www.coastalcourier.example/local/bridge"
    article = extract_html(PAGE, url=url, source="bridge.html")
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.outlet == "The Coastal Courier"
    assert article.published == "2021-03-05"
    assert article.url == url
    assert article.text.startswith("The harbour bridge in Portwell reopened to traffic on Friday")
    assert "“We are glad to have our bridge back,” said the mayor" in article.text
    for boilerplate in ("cookies", "Sport", "Ferry timetable", "©", "Subscribe", "Related"):
        assert boilerplate not in article.text


def test_extract_html_outlet_falls_back_to_the_host_and_is_never_invented() -> None:
    page = PAGE.replace("og:site_name", "og:unused")
    with_url = extract_html(page, url="https://www.coastalcourier.example/local/bridge")
    assert with_url.outlet == "coastalcourier.example"
    assert extract_html(page).outlet is None


def test_a_syndicated_copy_is_dated_by_the_original_it_names_not_by_a_build_stamp() -> None:
    # An aggregator's copy: its own address carries no date, its <head> a build time stamp of
    # days before, and its canonical link the original's dated address.
    page = PAGE.replace(
        '<meta property="article:published_time" content="2021-03-05T09:30:00+00:00">',
        '<meta property="og:url" content="https://www.aggregator.example/en-gb/news/ar-BB1x">'
        '<link rel="canonical" href="https://www.coastalcourier.example/2021/03/05/bridge.html">',
    ).replace("<head>", '<head data-info="v:1;az:{rid: 8, dt: 2021-02-26T19:49:29.77Z}">')
    article = extract_html(page, url="https://www.aggregator.example/en-gb/news/ar-BB1x")
    assert article.published == "2021-03-05"


@pytest.mark.parametrize("html", ["", "<html><body><nav><a href='/'>Home</a></nav></body></html>"])
def test_extract_html_without_article_text_raises_input_error(html: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_html(html, source="empty.html")
    assert caught.value.stage == "extract"
    assert caught.value.input == "empty.html"
    assert "no article text" in caught.value.reason


# ---------------------------------------------------------------------------------------------
# The sochi-2020 corpus: real pages with real furniture
# ---------------------------------------------------------------------------------------------


def _corpus(sochi: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(sochi.glob("*.txt"))}


@pytest.fixture(scope="module")
def cleaned(sochi: Path) -> dict[str, str]:
    return {name: clean_text(text) for name, text in _corpus(sochi).items()}


# Fragments of page furniture found in the corpus, and whole furniture lines.
FURNITURE_FRAGMENTS = [
    "©",
    "Home »",
    "Leave a Comment",
    "Akismet",
    "![]()",
    "Photo: TASS",
    "Tut.By",
]
FURNITURE_LINES = ["RIA News", "Reuters", "Lukashenko, Putin, Belarus, Russia", "– .", "- ."]


def test_corpus_furniture_is_gone(cleaned: dict[str, str]) -> None:
    assert len(cleaned) == 5
    for name, text in cleaned.items():
        for fragment in FURNITURE_FRAGMENTS:
            assert fragment not in text, (name, fragment)
        paragraphs = text.split("\n\n")
        for line in FURNITURE_LINES:
            assert line not in paragraphs, (name, line)


@pytest.mark.parametrize(
    "sentence",
    [
        # a closing quote the translation put after the space, repaired
        "When there is cooperation, a lot of questions appear, of course they need to be "
        'resolved," BelTA quotes Lukashenka as saying.',
        # a straight closing quote for a quote opened with a curly mark a paragraph earlier
        "Belarus did not go according to the scenario, because there is a slightly different "
        'mentality," the parliamentarian said in an interview with RT.',
        "The sanctions will include an asset freeze and travel ban to the United States.",
        # a paragraph broken mid-sentence, rejoined
        "the priority topic of the negotiations will be energy projects, long-term contracts "
        "for oil and gas according to clear and predictable rules.",
        # an editor's note broken over three lines, rejoined
        '"The situation then (at the time of signing the contract. - RT) was different',
        # a caption whose trailing credit was cut
        "Belarusian President Alexei Lukashenko visited Russia and met with his counterpart "
        "Vladimir Putin.",
        # the first sentence after a stripped dateline
        "\n\nRussian President Putin and Belarusian President Lukashenko held talks in Sochi",
    ],
)
def test_corpus_real_sentences_survive_whole(cleaned: dict[str, str], sentence: str) -> None:
    assert any(sentence in fold_marks(text) for text in cleaned.values())


def test_corpus_section_headings_are_kept(cleaned: dict[str, str]) -> None:
    paragraphs = {p for text in cleaned.values() for p in text.split("\n\n")}
    assert {"Energetic accent", "Amid protests", "US anti-Belarusian sanctions"} <= paragraphs


def test_corpus_output_format_and_idempotence(cleaned: dict[str, str]) -> None:
    for name, text in cleaned.items():
        assert text == text.strip(), name
        assert "\n\n\n" not in text, name
        for paragraph in text.split("\n\n"):
            assert paragraph and "\n" not in paragraph and paragraph == paragraph.strip(), name
        assert not any(ch in text for ch in "\u00a0\u200b\r"), name
        assert clean_text(text) == text, name


def test_corpus_keeps_the_sources_quotes_apostrophes_and_dashes(
    sochi: Path, cleaned: dict[str, str]
) -> None:
    raw = _corpus(sochi)
    kept = set()
    for name, text in cleaned.items():
        marks = {mark for mark in "“”’–—\"'-" if mark in text}
        assert all(mark in raw[name] for mark in marks), name  # none is made up
        kept |= marks
    assert kept >= {mark for mark in "“”’" if any(mark in text for text in raw.values())}
    # a quote the translation broke is repaired with the source's own closing mark
    assert any("resolved,” BelTA quotes Lukashenka" in text for text in cleaned.values())


def test_corpus_headlines(sochi: Path) -> None:
    heads = {name: split_headline(clean_text(text))[0] for name, text in _corpus(sochi).items()}
    assert sorted(h for h in heads.values() if h) == [
        "Lukashenko will meet with Putin in Russia on Monday",
        "Talks between Putin and Lukashenko begin in Sochi",
        "Will the meeting between Putin and Lukashenko end the painful problems?",
    ]


def test_an_emphasised_caption_under_a_markdown_image_goes_with_the_image() -> None:
    text = (
        "The pier reopened on Monday.\n\n![Boats at the pier](img/pier.jpg)\n\n"
        "*Boats moored at the pier on Monday.*\n\nPhoto: Harbour Agency\n\nFishing resumed."
    )
    assert clean_text(text) == "The pier reopened on Monday.\n\nFishing resumed."
