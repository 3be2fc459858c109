"""The scores, as pure functions of gold and system records (tested on small hand-made cases).

Every function takes plain tuples and dicts so that the scorer's arithmetic can be
checked without running the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from extract.schema import entity_key

Span = tuple[str, int, int, str]  # (doc_id, start, end, type)


@dataclass(frozen=True)
class PRF:
    tp: int
    gold: int
    system: int

    @property
    def precision(self) -> float | None:
        return self.tp / self.system if self.system else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def span_prf(gold: Iterable[Span], system: Iterable[Span], entity_type: str | None = None) -> PRF:
    """Strict match: same document, same offsets, same type. `entity_type` restricts both sides."""
    g = {s for s in gold if entity_type is None or s[3] == entity_type}
    s = {s for s in system if entity_type is None or s[3] == entity_type}
    return PRF(len(g & s), len(g), len(s))


@dataclass(frozen=True)
class GoldDate:
    doc_id: str
    start: int
    end: int
    value: str | None
    end_value: str | None
    anaphoric: bool


@dataclass(frozen=True)
class SystemDate:
    doc_id: str
    start: int
    end: int
    value: str | None
    end_value: str | None


def date_accuracy(
    gold: list[GoldDate], system: list[SystemDate], anaphoric_only: bool = False
) -> tuple[int, int]:
    """(correct, total): a gold date is correct when the system expression overlapping it most
    has the same value (and end, for intervals). Unknown is correct only where gold is unknown;
    a gold date no expression overlaps is wrong, even if its gold value is unknown."""
    items = [g for g in gold if g.anaphoric or not anaphoric_only]
    correct = 0
    for item in items:
        overlapping = [
            (min(item.end, s.end) - max(item.start, s.start), s)
            for s in system
            if s.doc_id == item.doc_id and s.start < item.end and s.end > item.start
        ]
        if not overlapping:
            continue
        _, best = max(overlapping, key=lambda pair: (pair[0], -pair[1].start))
        if best.value == item.value and (item.end_value is None or best.end_value == item.end_value):
            correct += 1
    return correct, len(items)


def main_actor(event: dict) -> str | None:
    """The system event's main actor: its first agent, else its first actor of any role."""
    actors = event.get("actors") or []
    agents = [a["id"] for a in actors if a.get("role") == "agent"]
    if agents:
        return agents[0]
    return actors[0]["id"] if actors else None


def mention_actor(event: dict) -> str | None:
    """A document-level event's main actor, keyed as the aggregation keys it: its first
    agent, else its first object or target; a name the gazetteer lacks by its normalised
    text ("DPD" -> "dpd"), as the gold keys it."""
    participants = event["agents"] or event["objects"] + event["targets"]
    return entity_key(participants[0]) if participants else None


def event_matches(gold: dict, system: dict) -> bool:
    """Type, date (both unknown counts as equal) and main actor all agree."""
    return (
        gold["type"] == system["type"]
        and (gold.get("date") or None) == (system.get("date") or None)
        and main_actor(system) in gold["actor"]
    )


def reported_where_gold_says(gold: dict, system: dict) -> bool:
    """The system event is cited from a document that reports the gold event: an event
    found only in another story (the DMV's order on Cruise) is not this one (the DMV's
    order on Uber), however alike they are. Gold without documents places no limit."""
    documents = gold.get("documents")
    return documents is None or any(e.get("doc_id") in documents for e in system.get("evidence", []))


def align_events(gold: list[dict], system: list[dict], strict: bool = True) -> dict[str, dict]:
    """Gold key -> system event, one to one, in gold order, among the system events cited
    from the gold event's documents.

    strict: type, date and main actor must agree (the event F1). Otherwise the type
    must agree and the gold actors must take part; a matching date is preferred
    (used to read status and claimant of an event found with a wrong date).
    """
    used: set[str] = set()
    aligned: dict[str, dict] = {}
    for g in gold:
        if strict:
            candidates = [
                s
                for s in system
                if s["id"] not in used and event_matches(g, s) and reported_where_gold_says(g, s)
            ]
        else:
            candidates = [
                s
                for s in system
                if s["id"] not in used
                and reported_where_gold_says(g, s)
                and s["type"] == g["type"]
                and {a["id"] for a in s.get("actors", [])} & set(g["actor"])
            ]
            candidates.sort(
                key=lambda s: (
                    (s.get("date") or None) != (g.get("date") or None),
                    main_actor(s) not in g["actor"],
                    -len(s.get("evidence", [])),
                    s["id"],
                )
            )
        if candidates:
            aligned[g["key"]] = candidates[0]
            used.add(candidates[0]["id"])
    return aligned


def event_prf(gold: list[dict], system: list[dict]) -> PRF:
    return PRF(len(align_events(gold, system, strict=True)), len(gold), len(system))


def macro_f1(pairs: list[tuple[str, str]]) -> float | None:
    """Macro-averaged F1 over the labels seen in gold or system; pairs are (gold, system)."""
    if not pairs:
        return None
    labels = sorted({label for pair in pairs for label in pair})
    scores = []
    for label in labels:
        tp = sum(1 for g, s in pairs if g == label and s == label)
        prf = PRF(tp, sum(1 for g, _ in pairs if g == label), sum(1 for _, s in pairs if s == label))
        scores.append(prf.f1 or 0.0)
    return sum(scores) / len(scores)


def precision_of(pairs: list[tuple[str, str]], label: str) -> tuple[int, int]:
    """(right, said): how often the system's `label` agrees with gold."""
    said = [g for g, s in pairs if s == label]
    return sum(1 for g in said if g == label), len(said)


def pairwise_clustering(mentions: list[tuple[str, str]]) -> PRF:
    """Mentions as (system cluster, gold cluster), scored over pairs of mentions.

    `precision`: of the pairs the system put together, the share gold puts together.
    `recall`: of the pairs gold puts together, the share the system put together.
    """
    together_sys = together_gold = both = 0
    for (s1, g1), (s2, g2) in combinations(mentions, 2):
        together_sys += s1 == s2
        together_gold += g1 == g2
        both += s1 == s2 and g1 == g2
    return PRF(both, together_gold, together_sys)


MentionSpan = tuple[str, int, int, str]  # (doc_id, sentence start, sentence end, event type)
Trigger = tuple[str, int, str]  # (doc_id, trigger start, event type)


def match_mentions(gold: list[MentionSpan], system: list[Trigger]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs: a system trigger finds a gold mention when it is of
    the same type and lies in the mention's sentence; one to one, in document order, so two
    gold events told in one sentence need two triggers and one trigger finds one mention."""
    free = sorted(
        range(len(gold)), key=lambda n: (gold[n][0], gold[n][1], gold[n][2] - gold[n][1], gold[n][3])
    )
    pairs = []
    for s_index in sorted(range(len(system)), key=lambda n: system[n]):
        doc_id, start, event_type = system[s_index]
        for k, g_index in enumerate(free):
            g_doc, g_start, g_end, g_type = gold[g_index]
            if g_doc == doc_id and g_type == event_type and g_start <= start < g_end:
                pairs.append((g_index, s_index))
                del free[k]
                break
    return pairs


def mention_prf(gold: list[MentionSpan], system: list[Trigger]) -> PRF:
    return PRF(len(match_mentions(gold, system)), len(gold), len(system))
