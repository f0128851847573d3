"""Sentences of many sources → claims: one fact, found in each source that states it.

Outlets state one fact in other words, so no single measure finds it. Two sentences of different
sources are scored by meaning (embedding cosine) and by the anchors they share (rare content
words, figures and the days they name, weighted within the story; see `fact_scores`), half
each; copied text (most word 3-grams shared) counts as a full match. A pair is linked when its
score is high, or when each sentence is the other's best match between their two sources and
the score clears a floor: real reports restate a fact once each, so the mutual best match is
the strongest structural cue there is. But every sentence has a best match, and in a story of
two reports mutual best matches abound, so such a pair also needs evidence of its own: an
anchor of one fact that the two share (a rare word, figure, day or name), or meaning close
enough alone; each anchor lowers the floor a little (`fact_scores.anchor_credit`). A link below
the floor pairs two lone sentences only: a claim of more must hang together at the floor. A
pair whose figures or explicit dates disagree is never linked: two sides of one fact are a
disagreement, not corroboration. Links join groups best first, at most one sentence per source,
and only while the joined group stays close on average and free of such conflicts; a sentence
that carries two facts then backs a second claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .annotate.words import common_terms, fact_terms, rare_words
from .conflicts import SentenceDays, clashing_pairs
from .fact_scores import (
    Clauses,
    anchor_credit,
    closest_meaning,
    continues,
    meets_another_clause,
    pair_scores,
    restating,
    trigram_containment,
)
from .model import Claim, Entity, Evidence, Exclusive, Sentence, count_words, source_number
from .settings import ClaimTuning
from .standalone import reads_alone


@dataclass(slots=True)
class Alignment:
    """Sentences of a story in one flat order, with their embeddings and pairwise scores."""

    sentences: list[Sentence]
    vectors: np.ndarray  # (n, d), L2-normalised
    similarity: np.ndarray  # (n, n): same-fact score; copied text scores 1
    cosine: np.ndarray  # (n, n): embedding cosine alone
    conflicts: np.ndarray  # (n, n) bool: figures or explicit dates that cannot both be true
    # (n, n): the score without the days the sentences name, for sentences already known to
    # be on agreeing dates (the timeline's); None where it is the score itself
    undated: np.ndarray | None = None
    # (n, n): how far below the floor a mutual best match may score for the anchors the two
    # share, -inf where a pair has no evidence of its own (`fact_scores.anchor_credit`); None
    # where every pair links at the floor
    credit: np.ndarray | None = None
    # the clauses of the long sentences, to tell which fact of one a sentence meets; None
    # where no sentence is long
    parts: Clauses | None = None


def same_fact(
    alignment: Alignment, floor: float, days_aside: bool = False
) -> Callable[[Sentence, Sentence], bool]:
    """Whether two sentences of the story score `floor` or more as statements of one fact;
    with `days_aside`, not counting a day they both name (for sentences whose dates agree
    already, the day says nothing more)."""
    position = {(s.source, s.index): k for k, s in enumerate(alignment.sentences)}
    score = alignment.similarity
    if days_aside and alignment.undated is not None:
        score = alignment.undated

    def check(a: Sentence, b: Sentence) -> bool:
        i, j = position[(a.source, a.index)], position[(b.source, b.index)]
        return bool(score[i, j] >= floor and not alignment.conflicts[i, j])

    return check


def align(
    sentences: list[Sentence],
    vectors: np.ndarray,
    lexical_threshold: float,
    days: SentenceDays | None = None,
    tuning: ClaimTuning = ClaimTuning(),
    named_days: list[frozenset[str]] | None = None,
    parts: Clauses | None = None,
    entities: Iterable[Entity] = (),
) -> Alignment:
    cosine = vectors @ vectors.T
    words = [fact_terms(s.text) for s in sentences]
    sources, weight = [s.source for s in sentences], tuning.cosine_weight

    def scores(with_days: bool) -> np.ndarray:
        terms = words
        if with_days and named_days is not None:
            terms = [t | d for t, d in zip(words, named_days, strict=True)]
        return pair_scores(vectors, terms, sources, weight, parts)

    # Copied text counts as a full match; a weaker overlap adds nothing to the other measures.
    containment = trigram_containment(sentences)
    lexical = np.where(containment >= lexical_threshold, 1.0, 0.0).astype(np.float32)
    similarity = np.maximum(scores(True), lexical).astype(np.float32)
    undated = np.maximum(scores(False), lexical).astype(np.float32)
    conflicts = clashing_pairs(sentences, days or {})
    # Anchors count where meaning is not far apart: for a long sentence, in one of its clauses.
    closeness = closest_meaning(cosine, vectors, parts)
    # Words common in the language are no anchors, however rarely this story uses them.
    rare = [
        w - common_terms(s.text, tuning.anchor_zipf) for w, s in zip(words, sentences, strict=True)
    ]
    # Words rare in the language too ("sweat", "pizza") name one fact: they count twice.
    vivid = rare_words([s.text for s in sentences], tuning.vivid_zipf)
    credit = anchor_credit(rare, vivid, named_days, sources, closeness, entities, tuning)
    return Alignment(sentences, vectors, similarity, cosine, conflicts, undated, credit, parts)


def links(alignment: Alignment, threshold: float, floor: float) -> list[tuple[float, int, int]]:
    """Pairs of sentences of different sources that state one fact, best first.

    A pair links when its score reaches `threshold`, or when each is the other's best match
    between their two sources and the score reaches `floor`. Conflicting pairs never link.
    """
    found = _paired(alignment, threshold, floor, alignment.conflicts)
    return sorted(((v, i, j) for (i, j), v in found.items()), key=lambda p: (-p[0], p[1], p[2]))


def counterparts(alignment: Alignment, threshold: float, floor: float) -> list[tuple[int, int]]:
    """Pairs that state one fact by the link rule, conflicts aside: the only pairs where a
    disagreement is looked for. Those that conflict are the two sides of a figure or a date."""
    unblocked = np.zeros_like(alignment.conflicts)
    return sorted(_paired(alignment, threshold, floor, unblocked))


def _paired(
    alignment: Alignment, threshold: float, floor: float, blocked: np.ndarray
) -> dict[tuple[int, int], float]:
    sim, sources = alignment.similarity, [s.source for s in alignment.sentences]
    rows: dict[str, list[int]] = {}
    for k, source in enumerate(sources):
        rows.setdefault(source, []).append(k)
    found: dict[tuple[int, int], float] = {}
    upper = np.triu(sim >= threshold, k=1) & ~blocked
    for i, j in zip(*np.nonzero(upper), strict=True):
        if sources[i] != sources[j]:
            found[(int(i), int(j))] = float(sim[i, j])
    names = list(rows)
    for x, a in enumerate(names):
        for b in names[x + 1 :]:
            block = np.ix_(rows[a], rows[b])
            credit = np.zeros((len(rows[a]), len(rows[b])))
            if alignment.credit is not None:
                credit = alignment.credit[block]
            # A pair without evidence of its own is nobody's best match: in a story of two
            # reports every sentence has a best match, so being one proves nothing.
            scores = np.where(blocked[block] | np.isneginf(credit), -1.0, sim[block])
            best_b, best_a = scores.argmax(axis=1), scores.argmax(axis=0)
            for r, c in enumerate(best_b):
                if best_a[c] == r and scores[r, c] >= floor - credit[r, c]:
                    found[(rows[a][r], rows[b][c])] = float(scores[r, c])
    return found


def group_sentences(
    alignment: Alignment,
    threshold: float,
    floor: float,
    join_threshold: float,
    tuning: ClaimTuning = ClaimTuning(),
) -> list[list[int]]:
    """Constrained average-linkage grouping over the links, then lone sentences join the claim
    they restate. Returns groups of sentence positions."""
    sim, conflicts = alignment.similarity, alignment.conflicts
    sources = [s.source for s in alignment.sentences]
    n = len(sources)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    apart = []
    for score, i, j in links(alignment, threshold, floor):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {sources[k] for k in a} & {sources[k] for k in b}:
            apart.append((i, j))
            continue
        block = np.ix_(a, b)
        # A link below the floor (anchors lowered it) pairs two lone sentences; a claim of
        # more must hang together at the floor on average.
        least = min(floor, score) if len(a) == len(b) == 1 else floor
        close = sim[block].mean() >= least and sim[block].min() >= tuning.member_floor
        if not close or conflicts[block].any():
            continue
        members[gi] = a + b
        for k in b:
            group_of[k] = gi
        del members[gj]
    _second_claims(members, group_of, apart, alignment, floor)
    groups = _join_lone_sentences(list(members.values()), alignment, join_threshold, tuning)
    return _share_sentences(groups, alignment, floor, tuning)


def _second_claims(
    members: dict[int, list[int]],
    group_of: list[int],
    apart: list[tuple[int, int]],
    alignment: Alignment,
    floor: float,
) -> None:
    """A linked pair that the grouping kept apart, because each side's claim already holds a
    sentence of the other's source, is often one sentence carrying two facts that another
    report states in two ("unveiled the tour at Monday's show, bringing out McDonald"): the
    sentence also joins the other claim, when that claim is one of two reports or more, and the
    sentence stays close to all of it, is the closest sentence of its report to each of it and
    clashes with none of it."""
    sim, conflicts = alignment.similarity, alignment.conflicts
    sources = np.array([s.source for s in alignment.sentences])
    for i, j in apart:
        for k, home in ((i, group_of[j]), (j, group_of[i])):
            group = members[home]
            # A lone sentence is no second fact: it restates one its report gives elsewhere.
            if len(group) < 2 or k in group or any(sources[m] == sources[k] for m in group):
                continue
            if sim[k, group].min() < floor or conflicts[k, group].any():
                continue
            # Every member must find k the closest sentence of k's report: then k is where
            # that report states the claim's fact, not a sentence close to the whole story.
            own = sources == sources[k]
            if all(sim[m, own].max() <= sim[m, k] for m in group):
                group.append(k)


def _share_sentences(
    groups: list[list[int]], alignment: Alignment, floor: float, tuning: ClaimTuning
) -> list[list[int]]:
    """A sentence left alone pairs with its best match in another source even when that one
    already states another claim: one sentence of one report often carries two facts ("…
    launches Tuesday with 22 games") that other reports state in two sentences. It needs
    `share_margin` more than the floor, unless it meets another clause of that (long) sentence
    than the lone sentence's report does in that claim: that clause is the second fact, and the
    pair is judged as a link is, the anchors it shares lowering the floor; where the lone
    sentence also continues its report's sentence in that claim (`continues`), as a member
    of that claim is (`member_floor`)."""
    sim, conflicts = alignment.similarity, alignment.conflicts
    sources = np.array([s.source for s in alignment.sentences])
    lone = {g[0] for g in groups if len(g) == 1}
    claimed = np.zeros(len(sources), dtype=bool)
    claimed[[m for g in groups if len(g) > 1 for m in g]] = True
    partners: dict[int, list[int]] = defaultdict(list)
    for g in groups:
        for m in g:
            partners[m] += [o for o in g if o != m]
    shared = []
    places = [s.index for s in alignment.sentences]
    for k in sorted(lone):
        scores = np.where(conflicts[k] | (sources == sources[k]), -1.0, sim[k])
        best = int(scores.argmax())
        # As for links: a best match is no evidence by itself.
        evidenced = alignment.credit is None or not np.isneginf(alignment.credit[k, best])
        if best in lone or not evidenced:
            continue
        own = [m for m in partners[best] if sources[m] == sources[k]]
        needed = floor + tuning.share_margin
        # k must also be where its report states what `best` says, among the report's
        # sentences still free: a lone sentence that `best` finds less close than another
        # free one of k's report restates another fact near `best`'s topic. Where k meets
        # another clause, a free one that meets the claim's clause is no rival: it restates
        # the fact the claim holds.
        free = (sources == sources[k]) & ~claimed
        if own and meets_another_clause(alignment.parts, alignment.vectors, best, k, own):
            needed = floor - (0.0 if alignment.credit is None else alignment.credit[k, best])
            if continues(alignment.parts, alignment.vectors, places, best, k, own, free):
                needed = min(needed, tuning.member_floor)
            free &= ~restating(alignment.parts, alignment.vectors, best, own, free)
        if scores[best] < needed:
            continue
        if sim[best, free].max() <= sim[best, k]:
            shared.append(sorted([k, best]))
    paired = {k for pair in shared for k in pair}
    return [g for g in groups if len(g) > 1 or g[0] not in paired] + shared


def _join_lone_sentences(
    groups: list[list[int]], alignment: Alignment, join_threshold: float, tuning: ClaimTuning
) -> list[list[int]]:
    """A sentence left alone joins an established claim that it clearly restates.

    Pairwise similarity under-rates a sentence that restates a claim loosely (a translation that
    summarises a list, say); against the claim's centroid, which averages out each member's own
    wording, such a sentence scores higher. Within one story every sentence is on topic, so a
    centroid of two sentences attracts too much: only claims of `join_min_sources` or more take
    sentences, and only a sentence whose best claim beats its second best by `join_margin`.
    """
    sources = [s.source for s in alignment.sentences]
    claims = [g for g in groups if len(g) >= tuning.join_min_sources]
    lone = [g[0] for g in groups if len(g) == 1]
    if not claims or not lone:
        return [sorted(g) for g in groups]
    others = [g for g in groups if 1 < len(g) < tuning.join_min_sources]
    centroids = np.vstack([alignment.vectors[g].mean(axis=0) for g in claims + others])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    closeness = alignment.vectors[lone] @ centroids.T
    ranked = np.sort(closeness, axis=1)[:, ::-1]
    margin = ranked[:, 0] - (ranked[:, 1] if closeness.shape[1] > 1 else 0.0)
    best = np.argmax(closeness, axis=1)
    joined: set[int] = set()
    for row in np.argsort(-ranked[:, 0]):  # closest first: a claim keeps a source's best match
        col, k = int(best[row]), lone[row]
        if (
            col >= len(claims)
            or ranked[row, 0] < join_threshold
            or margin[row] < tuning.join_margin
        ):
            continue
        if any(sources[m] == sources[k] for m in claims[col]):
            continue
        if alignment.conflicts[k, claims[col]].any():
            continue
        claims[col].append(k)
        joined.add(k)
    return [sorted(g) for g in claims + others] + [[k] for k in lone if k not in joined]


def build_claims(
    alignment: Alignment,
    threshold: float,
    floor: float,
    voices: dict[str, str],
    join_threshold: float,
    tuning: ClaimTuning = ClaimTuning(),
) -> list[Claim]:
    """Group aligned sentences into claims, each stated in its most representative sentence.
    The claims are not ranked yet: `summarize.rank_claims` scores and numbers them."""
    sentences, sim = alignment.sentences, alignment.similarity
    claims = []
    taken: set[str] = set()
    for group in group_sentences(alignment, threshold, floor, join_threshold, tuning):
        members = [sentences[k] for k in group]
        best = _representative(group, members, sim, taken)
        taken.add(members[best].text)
        source_ids = sorted({m.source for m in members}, key=source_number)
        independent = len({voices[sid] for sid in source_ids})
        evidence = [Evidence.of(m) for m in sorted(members, key=lambda m: source_number(m.source))]
        claims.append(Claim("", members[best].text, source_ids, independent, evidence, 0.0))
    return claims


def _representative(
    group: list[int], members: list[Sentence], sim: np.ndarray, taken: set[str]
) -> int:
    """The member that reads best alone and says most of what the others say. A sentence that
    already speaks for another claim (one sentence can state two facts) does so only once."""

    def quality(k: int) -> float:
        text = members[k].text
        words = count_words(text)
        centrality = float(sim[group[k], group].mean()) if len(group) > 1 else 1.0
        penalty = 0.0 if reads_alone(text) else 0.3
        if words > 40:
            penalty += 0.1 * (words - 40) / 10
        return centrality - penalty

    free = [k for k in range(len(members)) if members[k].text not in taken]
    # Rounded: two members of a pair are equally central, and float noise must not pick one.
    return max(free or range(len(members)), key=lambda k: (round(quality(k), 6), -k))


def exclusives(claims: list[Claim], voices: dict[str, str]) -> list[Exclusive]:
    """Claims only one voice makes, grouped per voice: what the other outlets do not report."""
    by_voice: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.independent == 1:
            by_voice.setdefault(voices[claim.sources[0]], []).append(claim)
    return [
        Exclusive(
            source=voice,
            claims=[c.id for c in found],
            sources=sorted({s for c in found for s in c.sources}, key=source_number),
        )
        for voice, found in sorted(by_voice.items(), key=lambda item: source_number(item[0]))
    ]
