"""Sentence splitting keeps offsets into the article text and leaves headings out."""

from __future__ import annotations

from storyline.annotate.sentences import split_sentences

TEXT = (
    "Storm damage\n\n"
    'Dr. Ana Ruiz said the sea wall "held up well." Repairs start on 3 Jan. 2027 at 8 a.m.\n\n'
    "The council will meet on Friday. It expects a report."
)


def test_offsets_point_at_the_sentence_text() -> None:
    sentences = split_sentences("S1", TEXT)
    assert [s.text for s in sentences] == [
        'Dr. Ana Ruiz said the sea wall "held up well."',
        "Repairs start on 3 Jan. 2027 at 8 a.m.",
        "The council will meet on Friday.",
        "It expects a report.",
    ]
    for s in sentences:
        assert TEXT[s.start : s.end] == s.text and s.source == "S1"
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert [s.paragraph for s in sentences] == [1, 1, 2, 2]


def test_headings_and_fragments_are_not_sentences() -> None:
    assert split_sentences("S1", "Amid protests\n\nOK.\n\nIntegration process") == []
