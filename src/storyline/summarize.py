"""Claims → a short extractive summary in which every sentence cites the sources behind it."""

from __future__ import annotations

import numpy as np

from .annotate.words import fact_terms
from .contradict import disputes_facts
from .corroborate import Alignment
from .model import (
    Claim,
    Contradiction,
    Evidence,
    Source,
    SummarySentence,
    count_words,
    source_number,
)
from .settings import SummaryTuning
from .standalone import details_the_one_before, is_quote, names, reads_alone, tells_news


def rank_claims(
    claims: list[Claim],
    sources: list[Source],
    alignment: Alignment,
    voices: dict[str, str],
    tuning: SummaryTuning = SummaryTuning(),
) -> list[Claim]:
    """Score each claim, best first, and number them C1, C2, … in that order.

    A claim scores by how many independent voices back it (`_firm_support`: a voice there only
    through a loose match counts less; and, less, how closely each other voice states it: its
    closest sentence's pair score, at most 1, since real outlets word one fact apart often
    enough that grouping keeps their sentences in two claims), how central it
    is to the story, how early the reports state it, and how closely its sources agree (two
    outlets that say nearly the same thing make a surer shared fact than a loose best match);
    one that cannot be read alone scores less. The summary picks from this ranking.
    """
    position = {(s.source, s.index): k for k, s in enumerate(alignment.sentences)}
    lengths = {s.id: max(len(s.sentences), 1) for s in sources}
    n_voices = len(set(voices.values()))
    centroid = _story_centroid(alignment)
    sim, sentences = alignment.similarity, alignment.sentences
    voice_of = [voices.get(s.source, s.source) for s in sentences]
    spoken = {v: np.array([w == v for w in voice_of]) for v in dict.fromkeys(voice_of)}
    ranked = []
    for claim in claims:
        group = sorted(position[(e.source, e.sentence)] for e in claim.evidence)
        own = {voice_of[k] for k in group}
        closeness = sim[group].max(axis=0)
        near = sum(min(float(closeness[m].max()), 1.0) for v, m in spoken.items() if v not in own)
        lead = 1.0 - min(e.sentence / lengths[e.source] for e in claim.evidence)
        centrality = float(alignment.vectors[group].mean(axis=0) @ centroid)
        cross = [
            sim[i, j]
            for n, i in enumerate(group)
            for j in group[n + 1 :]
            if sentences[i].source != sentences[j].source
        ]
        cohesion = float(np.mean(cross)) if cross else 0.0
        support = _firm_support(group, voice_of, sim, spoken, tuning.loose_support_weight)
        claim.score = (
            0.55 * (support + tuning.near_support_weight * near) / n_voices
            + 0.25 * max(centrality, 0.0)
            + 0.2 * lead
            + tuning.cohesion_weight * cohesion
        )
        if not reads_alone(claim.text):
            claim.score *= 0.8
        ranked.append((claim, group[0]))
    ranked.sort(key=lambda r: (-r[0].score, r[1]))
    for rank, (claim, _) in enumerate(ranked, 1):
        claim.id = f"C{rank}"
    return [claim for claim, _ in ranked]


def _firm_support(
    group: list[int],
    voice_of: list[str],
    sim: np.ndarray,
    spoken: dict[str, np.ndarray],
    loose: float,
) -> float:
    """How many voices back a claim, a voice counting `loose` where none of its sentences in the
    claim is a mutual best match with another voice's there: each the other's closest sentence
    in the other's report. Two reports of one fact state it in their closest pair of sentences;
    a sentence linked to one that meets a closer match in its own report elsewhere ("if there
    was any indication of Epstein's crimes, he can't remember" and a comment on his "sordid
    crimes") shares words with the claim more than it states its fact."""
    voices = {voice_of[k] for k in group}
    if len(voices) < 2:
        return float(len(voices))
    firm: set[str] = set()
    for n, i in enumerate(group):
        for j in group[n + 1 :]:
            a, b = voice_of[i], voice_of[j]
            if a == b or {a, b} <= firm:
                continue
            if sim[i, spoken[b]].max() <= sim[i, j] and sim[j, spoken[a]].max() <= sim[i, j]:
                firm |= {a, b}
    return len(firm) + loose * len(voices - firm)


def _story_centroid(alignment: Alignment) -> np.ndarray:
    """Mean of per-source centroids, so a long article does not outweigh a short one."""
    by_source: dict[str, list[int]] = {}
    for k, s in enumerate(alignment.sentences):
        by_source.setdefault(s.source, []).append(k)
    means = [alignment.vectors[idx].mean(axis=0) for idx in by_source.values()]
    centroid = np.mean(means, axis=0)
    return centroid / max(float(np.linalg.norm(centroid)), 1e-12)


def summarize(
    claims: list[Claim],
    vectors: np.ndarray,
    words: int,
    redundancy: float,
    source_lengths: dict[str, int],
    contradictions: list[Contradiction] | tuple[()] = (),
    headlines: list[str] = (),
    sentence_vectors: dict[tuple[str, int], np.ndarray] | None = None,
    tuning: SummaryTuning = SummaryTuning(),
    voices: dict[str, str] | None = None,
) -> list[SummarySentence]:
    """The story's lead, then claims by maximal marginal relevance within a word budget.

    News is written as an inverted pyramid, so the first sentence is the lead: the claim that
    two or more voices open with, else the reports' most shared opening sentence, in the words
    of one of those (`lead_claim`). The rest are picked by relevance (the claim's score:
    support across independent sources, centrality, how early the reports tell it) against
    novelty (distance to the claims already chosen), plus what each adds to the summary's
    anchors: content words and figures that other voices name too and no chosen sentence has
    told yet (`_story_anchors`); they follow the lead in the order the reports tell them. A
    claim whose shown sentence says what a chosen one's says is a repeat.

    A claim that a report tells as a detail of a chosen one, or that a chosen one details, makes
    one point with it and comes only where the budget remains.

    Every sentence must read alone (`standalone.reads_alone`), and a claim that takes one side
    of a disagreement is never stated as fact; the summary ends with one line per disagreement
    about what happened (`max_disagreements` at most) that says who reports what. A quote is a
    voice in the story, not its news: it weighs `quote_weight` against a statement.
    """
    if not claims:
        return []
    scores = np.array([c.score for c in claims])
    relevance = scores / max(float(scores.max()), 1e-12)
    budget = words
    # Disagreements about what happened; a slip in a name is left to the briefing's own list.
    disputes = [(n, c) for n, c in enumerate(contradictions) if disputes_facts(c)]
    disputed = {
        (e.source, e.sentence) for _, c in disputes for side in c.sides for e in side.evidence
    }
    lines = [_disagreement(n, c) for n, c in disputes[: tuning.max_disagreements]]
    budget -= sum(count_words(line.text) for line in lines)
    undisputed = [
        k
        for k, c in enumerate(claims)
        if not any((e.source, e.sentence) in disputed for e in c.evidence)
    ]
    readable = [k for k in undisputed if reads_alone(claims[k].text)]
    quoted = np.array([tuning.quote_weight if is_quote(c.text) else 1.0 for c in claims])
    relevance = relevance * quoted

    chosen: list[int] = []
    opening = lead_claim(claims, undisputed, headlines, tuning.lead_sentences, voices)
    if opening is not None:
        k, evidence = opening
        chosen.append(k)
        budget -= count_words(evidence.text)
        if sentence_vectors is not None:
            # The lead is told in one report's words: what follows must be new against those.
            vectors = vectors.copy()
            vectors[k] = sentence_vectors[(evidence.source, evidence.sentence)]
    # Closeness of every claim to the nearest one chosen; none chosen counts as 0. A claim
    # repeats a chosen one when the sentences shown of the two say one thing (`seen`).
    nearest = np.full(len(claims), -np.inf)
    shown = _shown_vectors(claims, vectors, sentence_vectors, opening)
    seen = np.full(len(claims), -np.inf)
    for j in chosen:
        nearest = np.maximum(nearest, vectors @ vectors[j])
        seen = np.maximum(seen, shown @ shown[j])
    # A claim only one outlet makes comes only where the budget remains once every shared claim
    # that fits is in: a lone report is what corroboration is not. A detail of a chosen claim
    # ("In particular, …"), or the point a chosen detail belongs to, is not a new fact: it comes
    # last.
    shared = {k for k in readable if claims[k].independent > 1} - set(chosen)
    details_of = _details(claims)
    details: set[int] = set()
    terms_of, anchors = _story_anchors(claims, voices)
    terms = [terms_of[c.text] for c in claims]
    told = set(terms_of[opening[1].text]) if opening else set()
    adds = np.array([_adds(t, told, anchors) for t in terms])
    scale = max(float(adds[readable].max(initial=0.0)), 1e-12)
    for pool in (shared, set(readable) - shared - set(chosen), details):
        candidates = sorted(pool)
        while candidates and budget > 0:
            at = np.array(candidates)
            novelty = np.where(np.isinf(nearest[at]), 0.0, nearest[at])
            mmr = (
                redundancy * relevance[at]
                - (1 - redundancy) * novelty
                + tuning.anchor_weight * adds[at] / scale
            )
            best = candidates.pop(int(np.argmax(mmr)))
            if pool is not details and details_of[best] & set(chosen):
                details.add(best)
                continue
            length = count_words(claims[best].text)
            repeats = seen[best] >= tuning.duplicate_similarity
            if chosen and (repeats or length > budget):
                continue
            chosen.append(best)
            budget -= length
            nearest = np.maximum(nearest, vectors @ vectors[best])
            seen = np.maximum(seen, shown @ shown[best])
            told |= terms[best]
            adds = np.array([_adds(t, told, anchors) for t in terms])

    def reading_position(k: int) -> tuple[float, int]:
        claim = claims[k]
        earliest = min(e.sentence / max(source_lengths[e.source], 1) for e in claim.evidence)
        return (earliest, k)

    rest = sorted(chosen[1:] if opening else chosen, key=reading_position)
    head = [_cite(claims[opening[0]], opening[1])] if opening else []
    return head + [_cite(claims[k]) for k in rest] + lines


def _shown_vectors(
    claims: list[Claim],
    vectors: np.ndarray,
    sentence_vectors: dict[tuple[str, int], np.ndarray] | None,
    opening: tuple[int, Evidence] | None,
) -> np.ndarray:
    """The vector of the sentence the summary would show for each claim (its own text; the
    lead's, in the words of the report it is told in), where the sentences' vectors are known;
    else the claims' own. Claims that share a sentence (one long sentence can state two facts)
    are close as wholes, while the sentences a reader sees of them tell two things."""
    if sentence_vectors is None:
        return vectors
    shown = vectors.copy()
    for k, claim in enumerate(claims):
        e = next(e for e in claim.evidence if e.text == claim.text)
        shown[k] = sentence_vectors[(e.source, e.sentence)]
    if opening is not None:
        k, e = opening
        shown[k] = sentence_vectors[(e.source, e.sentence)]
    return shown


def _story_anchors(
    claims: list[Claim], voices: dict[str, str] | None = None
) -> tuple[dict[str, frozenset[str]], dict[str, float]]:
    """Each evidence sentence's `fact_terms` by its text, and each content word and figure of
    the story by the share of the other voices that name it too: what several reports name
    is what the story is about ("$129", "Gylt", "Belmarsh"), and what one report alone names is
    its colour. A wire copy and its reprints are one voice (`voices`: source → the voice it
    repeats), so a word they all carry is still one report's."""
    terms_of = {e.text: fact_terms(e.text) for c in claims for e in c.evidence}
    voice_of = (voices or {}).get
    named_by: dict[str, set[str]] = {}
    for claim in claims:
        for e in claim.evidence:
            for term in terms_of[e.text]:
                named_by.setdefault(term, set()).add(voice_of(e.source, e.source))
    all_voices = {voice_of(e.source, e.source) for c in claims for e in c.evidence}
    others = max(len(all_voices) - 1, 1)
    return terms_of, {term: (len(named) - 1) / others for term, named in named_by.items()}


def _adds(terms: frozenset[str], told: set[str], anchors: dict[str, float]) -> float:
    """What a sentence adds to the summary so far: the weight of its shared terms not yet told."""
    return sum(anchors.get(term, 0.0) for term in terms - told)


def _details(claims: list[Claim]) -> list[set[int]]:
    """For each claim, the claims it makes one point with: a report tells one right after the
    other and opens it as a detail of it ("In particular, …")."""
    owner = {(e.source, e.sentence): k for k, c in enumerate(claims) for e in c.evidence}
    out: list[set[int]] = [set() for _ in claims]
    for k, claim in enumerate(claims):
        for e in claim.evidence:
            before = owner.get((e.source, e.sentence - 1))
            if before is not None and before != k and details_the_one_before(e.text):
                out[k].add(before)
                out[before].add(k)
    return out


def lead_claim(
    claims: list[Claim],
    allowed: list[int],
    headlines: list[str],
    lead_sentences: int,
    voices: dict[str, str] | None = None,
) -> tuple[int, Evidence] | None:
    """The claim that leads the story, with the report's opening sentence that states it.

    News is written as an inverted pyramid: the lead is among a report's first
    `lead_sentences` (after a headline-like opener perhaps), and a sentence counts there only
    if it names someone or something, even in page clutter that keeps it out of the summary.
    Where two or more voices open with one claim (`voices`: source → the voice it repeats; a
    syndicated copy is not a second report that agrees), the reports agree on their lead: of such
    claims, the one they state earliest leads (a report's first sentence weighs 1, its second
    1/2, its third 1/3; then how many voices back it and its own score).

    Where no two voices open with one claim (opinion pieces and features open on a scene, and
    reports word their leads too far apart to be grouped), a claim backed later by two voices
    is no lead: the lead is one report's own opening sentence, the one that is most the
    story's (`_central_opening`). A claim the reports agree on is told in its earliest sentence
    that tells news (`tells_news`), of two as early the one that shares most with the reports'
    headlines (a headline states the news, and its lead tells it); a claim with none cannot
    lead.
    """
    best: tuple[tuple, int, Evidence] | None = None
    headline = frozenset[str]().union(*(fact_terms(h) for h in headlines))
    for k in allowed:
        claim = claims[k]
        early = [e for e in claim.evidence if e.sentence < lead_sentences and names(e.text)]
        told = [e for e in early if tells_news(e.text)]
        if not told:
            continue
        first: dict[str, int] = {}
        for e in early:
            voice = (voices or {}).get(e.source, e.source)
            first[voice] = min(first.get(voice, e.sentence), e.sentence)
        if len(first) < 2:
            continue
        weight = sum(1 / (1 + n) for n in first.values())
        rank = (weight, claim.independent, claim.score)
        if best is None or rank > best[0]:
            best = (rank, k, min(told, key=lambda e: _lead_order(e, headline)))
    if best is not None:
        return best[1], best[2]
    return _central_opening(claims, allowed, lead_sentences, voices)


def _central_opening(
    claims: list[Claim],
    allowed: list[int],
    lead_sentences: int,
    voices: dict[str, str] | None = None,
) -> tuple[int, Evidence] | None:
    """The report's opening sentence that is most the story's: the one whose content words and
    figures the other voices name most (`_story_anchors`), a report's first sentence weighing
    1, its second 1/2, its third 1/3. A scene that sets up the news ("While Anglophiles spent
    the weekend watching The Crown, …") names little that the other reports name; the
    sentence that tells the news names what they all tell."""
    terms_of, anchors = _story_anchors(claims, voices)
    best: tuple[tuple[float, int], int, Evidence] | None = None
    for k in allowed:
        for e in claims[k].evidence:
            if e.sentence >= lead_sentences or not tells_news(e.text):
                continue
            shared = sum(anchors.get(term, 0.0) for term in terms_of[e.text])
            rank = (shared / (1 + e.sentence), -source_number(e.source))
            if best is None or rank > best[0]:
                best = (rank, k, e)
    return None if best is None else (best[1], best[2])


def _lead_order(e: Evidence, headline: frozenset[str]) -> tuple[int, int, int]:
    return (e.sentence, -len(fact_terms(e.text) & headline), source_number(e.source))


def _disagreement(number: int, c: Contradiction) -> SummarySentence:
    """'Reports differ on the visit: "working" (S2, S4); "official" (S3, S5).'"""
    sides = "; ".join(f'"{side.text}" ({", ".join(side.sources)})' for side in c.sides)
    text = f"Reports differ on the {c.about}: {sides}."
    return SummarySentence(text, c.sources, "", c.sides[0].evidence[0], contradiction=number)


def _cite(claim: Claim, evidence: Evidence | None = None) -> SummarySentence:
    """The claim as a summary sentence: in its own text, or in the words of `evidence`."""
    evidence = evidence or next(e for e in claim.evidence if e.text == claim.text)
    return SummarySentence(evidence.text, list(claim.sources), claim.id, evidence)
