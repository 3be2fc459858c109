"""From per-document facts to the corpus's entities, events and claims.

Resolution: gazetteer ids first, else a normalised surface form per type, or a
nearly identical one already seen (guarded: the numbers must be the same).
Clustering: mentions of one event type sharing a participant and dated within
DATE_TOLERANCE days are one event; an undated or month-dated mention joins the
dated event it fits best (participants related through the gazetteer's
hierarchy or as a model's variant; an undated one must share an entity itself, and never
joins an act dated after its document was published), else an undated event of its own.
A surname alone is the one person the corpus names in full ("Musk": elon-musk).
Status rules (stated, so analysts can check; docs/extraction-rules.md):

- established: an official primary source (kind policy) asserts it, or the party
  concerned asserts it (its own statement or that of the developer of the model
  concerned, or an attribution to an actor of the event), or at least two
  independent outlets assert it unhedged. Syndicated copies (duplicate_of set)
  are never independent.
- disputed: a party other than the actors denies it, unless an official source
  or the party concerned established it.
- reported: one outlet asserts it unhedged; claimed: it is only attributed or hedged.

Event date: the official or the party's own date if any, else the date most
independent documents give, ties to the earliest published. Differing day values
are kept as conflicts that name both sides.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher

from spacy.lang.en.stop_words import STOP_WORDS

from extract.dates import month_end
from extract.schema import entity_key, load_event_types, load_gazetteer, name_key
from ingest.store import StoredDocument

DATE_TOLERANCE = 2
# How far back an undated mention can reach: news reports what is recent, undated.
REPORTING_WINDOW = 120
# Two statements of one speaker, undated, are one when this share of the shorter one's
# content words recurs in the other.
SAME_WORDS = 0.6
OFFICIAL_KINDS = ("policy",)


FUZZY_RATIO = 0.9


def _same_numbers(a: str, b: str) -> bool:
    """Versions must match exactly: "gpt-5.6" is never "gpt-5.5", "nova-2" never "nova-2.1"."""
    return re.findall(r"\d+", a) == re.findall(r"\d+", b)


def _close(a: str, b: str) -> bool:
    """Guarded fuzzy match of two normalised names: nearly the same letters, the same numbers."""
    if not _same_numbers(a, b) or min(len(a), len(b)) < 6:
        return False
    return SequenceMatcher(None, a, b).ratio() >= FUZZY_RATIO


def _surnames(facts: dict[str, dict]) -> dict[str, str]:
    """One-word person keys that are the surname of exactly one person the corpus names in
    full ("musk" -> "elon-musk"): a story that only says "Musk" means that person. A
    surname two people share is left alone."""
    full: dict[str, set[str]] = defaultdict(set)
    for document in facts.values():
        for entity in document.get("entities", []):
            key = entity_key(entity)
            if entity.get("type") == "person" and "-" in key:
                full[key.rsplit("-", 1)[1]].add(key)
    return {surname: next(iter(keys)) for surname, keys in full.items() if len(keys) == 1}


def _stable_id(prefix: str, *parts: str) -> str:
    return f"{prefix}-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP_WORDS}


def _overlap(a: set[str], b: set[str]) -> float:
    """How much of the shorter text the longer one repeats."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _unique_ids(events: list[dict]) -> list[dict]:
    """An event's id is its type, date and main actor; two events that share all three (two
    undated statements of one speaker) are told apart by their first evidence, so that ids
    stay stable and never depend on the order documents came in."""
    counts = Counter(e["id"] for e in events)
    for event in events:
        if counts[event["id"]] > 1:
            first = event["evidence"][0]
            event["id"] = _stable_id("ev", event["id"], first["doc_id"], str(first["start"]))
    return events


@dataclass
class Mention:
    doc: StoredDocument
    event: dict
    agents: list[str]
    objects: list[str]
    targets: list[str]
    # The outlet that first published the text: a syndicated copy's original's outlet.
    source: str = ""

    @property
    def participants(self) -> set[str]:
        return set(self.agents) | set(self.objects) | set(self.targets)

    @property
    def day(self) -> date | None:
        when = self.event.get("date")
        if when and when["value"] and when["precision"] == "day":
            return date.fromisoformat(when["value"])
        return None

    @property
    def published_day(self) -> date | None:
        value = self.doc.published.value
        try:
            return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
        except ValueError:
            return None

    @property
    def last_reportable_day(self) -> date | None:
        """The last day of an act its document can report: its publication day, give or take
        the clustering's tolerance."""
        published = self.published_day
        return published + timedelta(days=DATE_TOLERANCE) if published else None

    @property
    def month(self) -> str | None:
        when = self.event.get("date")
        if when and when["value"] and when["precision"] == "month":
            return when["value"]
        return None

    @property
    def independent_source(self) -> str:
        """Copies count as their original's outlet, so they never add independence."""
        return self.source or self.doc.outlet

    def sort_key(self) -> tuple:
        return (self.doc.published.value or "9999", self.doc.id, self.event["sentence"]["start"])


@dataclass
class EventCluster:
    type: str
    position: int = 0  # order of creation
    mentions: list[Mention] = field(default_factory=list)
    # Kept as mentions are added, so matching a mention never re-reads the whole cluster.
    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {"agents": Counter(), "objects": Counter(), "targets": Counter()}
    )
    every: set[str] = field(default_factory=set)
    days: set[date] = field(default_factory=set)
    months: set[str] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for role, counter in self.counts.items():
            counter.update(getattr(mention, role))
        self.every |= mention.participants
        if mention.day:
            self.days.add(mention.day)
        if mention.month:
            self.months.add(mention.month)

    def participants(self, role: str) -> Counter[str]:
        return self.counts[role]

    def matches(self, mention: Mention, related: Callable[[str, str], bool] = str.__eq__) -> bool:
        """Same type, a shared participant, compatible agents and objects, a close date.

        `related(a, b)` says whether two entity keys may name the same participant: the
        same entity, one part of the other ("the U.S. government" for the Commerce
        Department), or a model and its variant ("Claude 3" for "Claude 3 Opus").
        """
        if mention.event["type"] != self.type:
            return False

        def overlap(mine: Iterable[str], theirs: Iterable[str]) -> bool:
            return any(related(a, b) for a in mine for b in theirs)

        if not overlap(mention.participants, self.every):
            return False
        agents, objects = self.counts["agents"], self.counts["objects"]
        if mention.agents and agents and not overlap(mention.agents, agents):
            return False
        if mention.objects and objects and not overlap(mention.objects, objects):
            return False
        days = self.days
        if mention.day is None and days and (last := mention.last_reportable_day) and min(days) > last:
            return False  # a story cannot report, undated, an act that came after it was published
        if mention.day and days:
            return min(abs((mention.day - d).days) for d in days) <= DATE_TOLERANCE
        month = mention.month
        if month and days:  # "earlier this month" fits an event of that month
            return any(d.isoformat().startswith(month) for d in days)
        if month and self.months:  # "in May 2022" is not "in October 2023"
            return month in self.months
        return True

    def news_to(self, mention: Mention) -> bool:
        """A story tells undated only what is recent to it: an act within REPORTING_WINDOW
        days before it was published, or reported by a story published within that window.
        Older acts come with a date ("in March, the company published ..."), so "OpenAI called
        the penalty disproportionate" in December is not its memo of March."""
        published = mention.published_day
        window = timedelta(days=REPORTING_WINDOW)
        if month := mention.month:
            # "in March 2022" places the act itself; it is what stories told undated only
            # if it was recent to them (a notice of February 2023 is not about it)
            last = month_end(date.fromisoformat(f"{month}-01"))
            reports = [m.published_day for m in self.mentions if not m.event.get("date") and m.published_day]
            return not reports or any(last >= day - window for day in reports)
        if published is None or (mention.event.get("date") or {}).get("value"):
            return True  # "in 2016" places the act itself
        if self.days:
            return max(self.days) >= published - window
        others = [d for m in self.mentions if (d := m.published_day) is not None]
        return not others or any(abs(d - published) <= window for d in others)

    def says_the_same(self, mention: Mention) -> bool:
        """Mostly the same words ("In a statement, Anthropic called the order a
        misunderstanding", "It called the Commerce order a misunderstanding") or the same
        subject: a speaker's other statements are other events."""
        words = _content_words(mention.event["sentence"]["text"])
        subjects = set(mention.objects) | set(mention.targets)
        return any(
            subjects & (set(m.objects) | set(m.targets))
            or _overlap(words, _content_words(m.event["sentence"]["text"])) >= SAME_WORDS
            for m in self.mentions
        )

    def told_in(self, doc_id: str) -> bool:
        """Whether the document already reports this event: a story that quotes a speaker
        several times undated quotes one account."""
        return any(m.doc.id == doc_id for m in self.mentions)

    def shared(self, mention: Mention, related: Callable[[str, str], bool]) -> int:
        """How well the mention's participants fit this event: the same entity counts twice,
        a related one (part of it, a variant of it) once. The better fit wins."""
        every = self.every
        return sum(
            2 if key in every else 1 for key in mention.participants if any(related(key, k) for k in every)
        )


class Aggregator:
    def __init__(self, documents: list[StoredDocument], facts: dict[str, dict]) -> None:
        self.documents = {d.id: d for d in documents}
        self.facts = facts
        self.gazetteer = load_gazetteer()
        self.event_types = load_event_types()
        self.entities: dict[str, dict] = {}
        self.aliases: dict[str, Counter[str]] = defaultdict(Counter)
        self.resolved: dict[str, str] = {}  # normalised name -> entity key, after fuzzy matching
        self.ancestors: dict[str, set[str]] = {}
        self.surnames = _surnames(facts)

    # -- entities ----------------------------------------------------------

    def resolve(self, ref: dict) -> str:
        """The entity key of a mention: its gazetteer id, else its normalised name, or the
        key of an entity of the same type already seen under a nearly identical name
        ("Acme Robotic" for "Acme Robotics"), never across different version numbers."""
        if ref.get("id"):
            return ref["id"]
        key = entity_key(ref)
        if key in self.resolved:
            return self.resolved[key]
        if ref.get("type") == "person" and key in self.surnames:
            self.resolved[key] = self.surnames[key]  # "Musk" where the corpus names one Elon Musk
            return self.resolved[key]
        same_type = sorted(
            k
            for k, e in self.entities.items()
            if e["type"] == ref.get("type") and k not in self.gazetteer.entries
        )
        match = next((k for k in same_type if k != key and _close(k, key)), key)
        self.resolved[key] = match
        return match

    def _entity(self, ref: dict) -> str:
        key = self.resolve(ref)
        entry = self.gazetteer.entries.get(key)
        if key not in self.entities:
            self.entities[key] = {
                "id": key,
                "name": entry.name if entry else None,
                "type": entry.type if entry else ref["type"],
                "part_of": entry.part_of if entry else None,
                "developer": entry.developer if entry else None,
                "mentions": 0,
            }
        self.aliases[key][ref["text"]] += 1
        return key

    def _finish_entities(self) -> list[dict]:
        for key, entity in self.entities.items():
            surfaces = self.aliases[key]
            if not entity["name"]:
                best = surfaces.most_common(1)[0][0] if surfaces else key
                entity["name"] = re.sub(r"^(the)\s+", "", best, flags=re.I)
            entity["aliases"] = sorted(s for s in surfaces if s != entity["name"])
            entity["mentions"] = sum(surfaces.values())
        # part_of and developer targets must exist as entities, even if never mentioned.
        for key in list(self.entities):
            for link in ("part_of", "developer"):
                target = self.entities[key].get(link)
                while target and target not in self.entities and target in self.gazetteer.entries:
                    entry = self.gazetteer.entries[target]
                    self.entities[target] = {
                        "id": target,
                        "name": entry.name,
                        "type": entry.type,
                        "part_of": entry.part_of,
                        "developer": entry.developer,
                        "mentions": 0,
                        "aliases": [],
                    }
                    target = entry.part_of
        return sorted(self.entities.values(), key=lambda e: e["id"])

    # -- events ------------------------------------------------------------

    def _mentions(self) -> list[Mention]:
        mentions = []
        for doc_id in sorted(self.facts):
            doc = self.documents.get(doc_id)
            if doc is None:
                continue
            for ent in self.facts[doc_id]["entities"]:
                self._entity(ent)
            for event in self.facts[doc_id]["events"]:
                mentions.append(
                    Mention(
                        doc,
                        event,
                        [self.resolve(a) for a in event["agents"]],
                        [self.resolve(o) for o in event["objects"]],
                        [self.resolve(t) for t in event["targets"]],
                        self._source_of(doc),
                    )
                )
        return sorted(mentions, key=lambda m: (m.day or date.max, *m.sort_key()))

    def _source_of(self, doc: StoredDocument) -> str:
        if not doc.duplicate_of:
            return doc.outlet
        original = self.documents.get(doc.duplicate_of)
        # A copy whose original we never stored still names that one original.
        return original.outlet if original else f"copy-of:{doc.duplicate_of}"

    def _related(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if self._ancestors(a) & {b} or self._ancestors(b) & {a}:
            return True
        # A model version names its variants: "claude-3" and "claude-3-opus". A bare family
        # ("mythos") does not: it would tie "Mythos 5" to "Mythos Preview".
        return any(x.startswith(y + "-") and any(c.isdigit() for c in y) for x, y in ((a, b), (b, a)))

    def _ancestors(self, key: str) -> set[str]:
        if key in self.ancestors:
            return self.ancestors[key]
        found: set[str] = set()
        self.ancestors[key] = found
        entry = self.gazetteer.entries.get(key)
        while entry and entry.part_of and entry.part_of not in found:
            found.add(entry.part_of)
            entry = self.gazetteer.entries.get(entry.part_of)
        return found

    def _best_fit(self, mention: Mention, fits: list[EventCluster]) -> EventCluster | None:
        """Of the events a mention fits (`_fits`), the one it fits best; None when none fits
        or two fit equally."""
        if not fits:
            return None
        scores = [c.shared(mention, self._related) for c in fits]
        best = max(scores)
        winners = [c for c, score in zip(fits, scores, strict=True) if score == best]
        return winners[0] if len(winners) == 1 else None

    def _fits(self, mention: Mention, clusters: list[EventCluster]) -> list[EventCluster]:
        """The events a mention may report. An undated one must share an entity itself,
        not only a relative ("Washington" for the FCC's order): that is too weak a tie."""
        fits = [c for c in clusters if c.matches(mention, self._related)]
        if mention.day is None:
            fits = [c for c in fits if c.shared(mention, self._related) >= 2 and c.news_to(mention)]
            if self.event_types[mention.event["type"]].speech:
                fits = [c for c in fits if c.says_the_same(mention) or c.told_in(mention.doc.id)]
        return fits

    def _same_story(self, mention: Mention, clusters: list[EventCluster]) -> EventCluster | None:
        """The one dated event of the mention's type that its own document reports with a
        shared participant: a headline ("Commerce order forces Anthropic to shut off Fable 5")
        names the story's dated suspension even when its parse gets the agent wrong. A
        mention dated to a month ("in March 2022") is dated: it is another event. A headline
        reports the story's news: of several such events, the latest."""
        if mention.event.get("date"):
            return None
        own = [
            c
            for c in clusters
            if any(
                m.doc.id == mention.doc.id
                and any(self._related(a, b) for a in mention.participants for b in m.participants)
                for m in c.mentions
            )
        ]
        if len(own) > 1 and mention.event["sentence"]["start"] == 0:
            return max(own, key=lambda c: max(c.days, default=date.min))
        return own[0] if len(own) == 1 else None

    def _cluster(self, mentions: list[Mention]) -> list[EventCluster]:
        clusters: list[EventCluster] = []
        undated = []
        # (type, participant) -> positions of the dated events that have it: a mention is
        # only compared with events it shares a participant with, so clustering stays
        # close to linear in the number of mentions.
        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for mention in mentions:
            if mention.day is None:
                undated.append(mention)
                continue
            # Dated mentions join only on exact participants: "the U.S. government" must
            # not merge two different agencies' orders of the same week.
            kind = mention.event["type"]
            candidates = sorted({i for key in mention.participants for i in index[(kind, key)]})
            home = next((clusters[i] for i in candidates if clusters[i].matches(mention)), None)
            if home is None:
                home = EventCluster(kind, position=len(clusters))
                clusters.append(home)
            for key in mention.participants - home.every:
                index[(kind, key)].append(home.position)
            home.add(mention)
        # An undated mention joins the dated event it fits best, when one fits best;
        # otherwise it joins (or starts) an undated event, never a guessed one.
        dated_by_type: dict[str, list[EventCluster]] = defaultdict(list)
        for cluster in clusters:
            dated_by_type[cluster.type].append(cluster)
        dated = list(clusters)
        for mention in undated:
            same_type = dated_by_type[mention.event["type"]]
            home = self._same_story(mention, same_type)
            if home is not None:
                home.add(mention)
                continue
            fits = self._fits(mention, same_type)
            home = self._best_fit(mention, fits)
            if home is None and fits:
                continue  # ambiguous between dated events: which one it reports is unknown
            if home is None:
                # Between undated mentions nothing but the participants tells events apart:
                # one with an agent and one without ("a China-linked group obtained access",
                # "a jailbreak of Fable 5") are not taken for the same event.
                same_agency = [
                    c
                    for c in clusters[len(dated) :]
                    if bool(mention.agents) == bool(c.participants("agents"))
                ]
                home = self._best_fit(mention, self._fits(mention, same_agency))
            if home is None:
                home = EventCluster(mention.event["type"])
                clusters.append(home)
            home.add(mention)
        return clusters

    def run(self) -> dict:
        clusters = self._cluster(self._mentions())
        events = _unique_ids([self._event(cluster) for cluster in clusters])
        claims = []
        for cluster, event in zip(clusters, events, strict=True):
            if self.event_types[cluster.type].claim:
                claim = self._claim(cluster, event)
            else:
                claim = self._attributed_claim(cluster, event)
            if claim:
                claims.append(claim)
        events.sort(key=lambda e: (e["date"] or "9999", e["type"], e["id"]))
        return {
            "documents": [self._document(d) for d in sorted(self.documents.values(), key=lambda d: d.id)],
            "entities": self._finish_entities(),
            "events": events,
            "claims": claims,
        }

    @staticmethod
    def _document(doc: StoredDocument) -> dict:
        return {
            "id": doc.id,
            "url": doc.url,
            "outlet": doc.outlet,
            "kind": doc.kind,
            "title": doc.title,
            "author": doc.author,
            "published": doc.published.value,
            "published_precision": doc.published.precision,
            "text_sha256": doc.text_sha256,
            "duplicate_of": doc.duplicate_of,
            "source": doc.source,
        }

    def _event(self, cluster: EventCluster) -> dict:
        mentions = sorted(cluster.mentions, key=Mention.sort_key)
        chosen, conflicts, anchor = self._choose_date(mentions)
        roles = [
            ("agent", cluster.participants("agents")),
            ("object", cluster.participants("objects")),
            ("target", cluster.participants("targets")),
        ]
        # Of participants named equally often, the one named first in the earliest report
        # leads: "Sally Collier, Ofqual's chief regulator, stood down" is Collier's act.
        named = [key for m in mentions for key in m.agents + m.objects + m.targets]
        first_named = {key: n for n, key in reversed(list(enumerate(named)))}
        actors, seen = [], set()
        for role, counts in roles:
            for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], first_named[kv[0]], kv[0])):
                if key not in seen:
                    seen.add(key)
                    actors.append({"id": key, "role": role})
        main = actors[0]["id"] if actors else "none"
        first_day = chosen["value"] if chosen else "undated"
        event_id = _stable_id("ev", cluster.type, first_day, main)
        history = self._status_history(mentions, set(cluster.participants("agents")))
        return {
            "id": event_id,
            "type": cluster.type,
            "label": self._label(cluster, actors),
            "date": chosen["value"] if chosen else None,
            "end_date": chosen.get("end") if chosen else None,
            "date_precision": chosen["precision"] if chosen else "unknown",
            "date_anchor": anchor,
            "actors": actors,
            "status": history[-1]["status"] if history else "reported",
            "status_history": history,
            "conflicts": conflicts,
            "evidence": [self._evidence(m) for m in mentions],
        }

    def _choose_date(self, mentions: list[Mention]) -> tuple[dict | None, list[dict], str]:
        # Intervals ("this week") give a range, not a competing day: they never start a conflict.
        dated = [
            m
            for m in mentions
            if m.event.get("date") and m.event["date"]["value"] and not m.event["date"]["end"]
        ]
        if not dated:
            dated = [m for m in mentions if m.event.get("date") and m.event["date"]["value"]]
        if not dated:
            notice = self._notice_date(mentions)
            return notice, [], "document (the party's own notice or statement)" if notice else "none"
        # "Earlier this month we suspended" (August) and "suspended on Aug. 2" agree: a month
        # or a year yields to a day inside it, whichever source gave which.
        days = {m.event["date"]["value"] for m in dated if m.event["date"]["precision"] == "day"}
        dated = [
            m
            for m in dated
            if m.event["date"]["precision"] == "day"
            or not any(day.startswith(m.event["date"]["value"]) for day in days)
        ]
        by_value: dict[str, list[Mention]] = defaultdict(list)
        for mention in dated:
            by_value[mention.event["date"]["value"]].append(mention)
        primary = [m for m in dated if m.doc.kind in OFFICIAL_KINDS or self._is_party(m)]
        if primary:
            value, rule = primary[0].event["date"]["value"], "primary source"
        else:
            value = min(
                by_value,
                key=lambda v: (
                    -len({m.independent_source for m in by_value[v]}),
                    min(m.sort_key() for m in by_value[v]),
                ),
            )
            rule = "most independent sources"
        chosen = by_value[value][0].event["date"]
        conflicts = []
        day_values = sorted(v for v in by_value if len(v) == 10)
        if len(day_values) > 1:
            for other in day_values:
                if other == value:
                    continue
                conflicts.append(
                    {
                        "field": "date",
                        "chosen": value,
                        "chosen_sources": sorted({m.doc.id for m in by_value[value]}),
                        "other": other,
                        "other_sources": sorted({m.doc.id for m in by_value[other]}),
                        "rule": rule,
                    }
                )
        return chosen, conflicts, f"{chosen['anchor']} ({rule})"

    def _notice_date(self, mentions: list[Mention]) -> dict | None:
        """An act an official notice tells of its own publisher, with no date of its own ("The
        FTC's complaint alleges ...", "The proposed order requires ..."), is the notice's news:
        it takes the notice's date. So does what a speaker says undated in its own published
        statement ("we apologize"): publishing it is saying it. Anything else undated stays
        undated."""
        speech = self.event_types[mentions[0].event["type"]].speech
        notices = [
            m
            for m in mentions
            if m.published_day
            and (
                self._is_party(m, OFFICIAL_KINDS)
                or (speech and m.event["assertion"] == "asserted" and self._is_party(m, developers=False))
            )
        ]
        if not notices:
            return None
        return {"value": notices[0].published_day.isoformat(), "end": None, "precision": "day"}

    def _is_party(
        self, mention: Mention, kinds: tuple[str, ...] = ("statement",), developers: bool = True
    ) -> bool:
        """The document is the statement of the acting party, or (with `developers`) of the
        developer of the model the event is about (Anthropic speaking of a jailbreak of
        Fable 5). Of a statement or an evaluation, only the speaker or the evaluator is the
        primary source: Amazon's post on the ACLU's test of its model does not establish it."""
        if mention.doc.kind not in kinds:
            return False
        outlet = mention.doc.outlet
        parties = set(mention.agents) | {
            entry.developer
            for key in mention.objects
            if developers and (entry := self.gazetteer.entries.get(key)) and entry.developer
        }
        # "Google" publishes for the gazetteer's "alphabet"
        return (self.gazetteer.id_of(outlet) or name_key(outlet)) in parties

    def _speaks_for_itself(self, mention: Mention) -> bool:
        """A statement its own speaker is quoted as making ("the company said it was
        disappointed") is the outlet reporting that it was made, not a claim about it."""
        claimant = mention.event.get("claimant")
        return (
            mention.event["assertion"] == "attributed"
            and claimant is not None
            and self.resolve(claimant) in mention.agents
        )

    def _status_at(self, mentions: list[Mention], agents: set[str]) -> str:
        # A statement is made by speaking: the speaker's own published statement is its
        # primary source, and an outlet quoting the speaker reports it (not admissible:
        # the party's account of anything else is an admission).
        admissible = self.event_types[mentions[0].event["type"]].admissible
        official = any(
            m.event["assertion"] == "asserted"
            and (m.doc.kind in OFFICIAL_KINDS or (not admissible and self._is_party(m, developers=False)))
            for m in mentions
        )
        admitted = admissible and any(
            (self._is_party(m) and m.event["assertion"] in ("asserted", "attributed"))
            or (
                m.event["assertion"] == "attributed"
                and m.event.get("claimant")
                and self.resolve(m.event["claimant"]) in agents
            )
            for m in mentions
        )
        unhedged = {
            m.independent_source
            for m in mentions
            if m.event["assertion"] == "asserted" or (not admissible and self._speaks_for_itself(m))
        }
        denied = any(
            m.event["assertion"] == "denied"
            and m.event.get("denies") != "claim"  # denying the allegations is not denying the suit
            and not (m.event.get("claimant") and self.resolve(m.event["claimant"]) in agents)
            for m in mentions
        )
        if official or admitted:
            return "established"
        if denied:
            return "disputed"
        if len(unhedged) >= 2:
            return "established"
        return "reported" if unhedged else "claimed"

    def _status_history(self, mentions: list[Mention], agents: set[str]) -> list[dict]:
        history: list[dict] = []
        seen: list[Mention] = []
        for mention in mentions:  # in publication order
            seen.append(mention)
            status = self._status_at(seen, agents)
            if not history or history[-1]["status"] != status:
                history.append(
                    {
                        "status": status,
                        "date": mention.doc.published.value,
                        "doc_id": mention.doc.id,
                    }
                )
        return history

    def _label(self, cluster: EventCluster, actors: list[dict]) -> str:
        def names(role: str, most: int = 3) -> str:
            ids = [a["id"] for a in actors if a["role"] == role]
            # "the U.S. government" adds nothing to "the Commerce Department" it contains.
            specific = [k for k in ids if not any(k in self._ancestors(other) for other in ids)]
            found = [self._display_name(k) for k in specific]
            return " and ".join(found[:most]) if found else ""

        event_type = self.event_types[cluster.type]
        # The label names the main agent (the most mentioned) so its verb agrees; the
        # actors list keeps every agent.
        agent = names("agent", most=1)
        template = event_type.label
        if not agent and event_type.unattributed_label:
            template = event_type.unattributed_label
        label = template.format(
            agent=agent or "unknown party",
            object=names("object") or "",
            target=names("target") or "",
        )
        # A template whose object is missing must not end on a dangling preposition.
        return re.sub(r"\s+(on|of|involving|to)$", "", re.sub(r"\s+", " ", label).strip())

    def _display_name(self, key: str) -> str:
        entry = self.gazetteer.entries.get(key)
        if entry:
            return entry.name
        surfaces = self.aliases.get(key)
        best = surfaces.most_common(1)[0][0] if surfaces else key
        return re.sub(r"^(the)\s+", "", best, flags=re.I)

    @staticmethod
    def _evidence(mention: Mention) -> dict:
        sentence = mention.event["sentence"]
        claimant = mention.event.get("claimant")
        return {
            "doc_id": mention.doc.id,
            "start": sentence["start"],
            "end": sentence["end"],
            "quote": sentence["text"],
            "assertion": mention.event["assertion"],
            "claimant": claimant["text"] if claimant else None,
            "date_expression": (mention.event.get("date") or {}).get("text"),
        }

    def _attributed_claim(self, cluster: EventCluster, event: dict) -> dict | None:
        """What only a source says happened ("intelligence suggests a China-linked group
        obtained access", "Gebru said Google had fired her") is a claim of that source: named,
        or unnamed and kept as written, never an event anyone established."""
        mentions = sorted(cluster.mentions, key=Mention.sort_key)
        if event["status"] not in ("claimed", "disputed"):
            return None
        sourced = [
            m
            for m in mentions
            if m.event["assertion"] in ("attributed", "hedged") and m.event.get("claimant")
        ]
        if not sourced:
            return None
        first, source = mentions[0], sourced[0].event["claimant"]
        unnamed = source.get("type") == "unnamed" or (not source.get("id") and source.get("start") is None)
        return {
            "id": _stable_id("claim", event["id"]),
            "event_id": event["id"],
            "text": first.event["sentence"]["text"].strip(" .,:;"),
            "claimant": None if unnamed else self.resolve(source),
            "claimant_type": "unnamed" if unnamed else "named",
            "claimant_text": source["text"],
            "about": [a["id"] for a in event["actors"]],
            "status": event["status"],
            "status_history": event["status_history"],
            "evidence": [
                {
                    **self._evidence(m),
                    "claim_start": m.event["sentence"]["start"],
                    "claim_end": m.event["sentence"]["end"],
                }
                for m in mentions
            ],
        }

    def _claim(self, cluster: EventCluster, event: dict) -> dict | None:
        with_content = [m for m in sorted(cluster.mentions, key=Mention.sort_key) if m.event.get("claim")]
        if not with_content:
            return None
        source = next((m for m in with_content if self._is_party(m)), with_content[0])
        claimants = [a["id"] for a in event["actors"] if a["role"] == "agent"]
        about = [a["id"] for a in event["actors"] if a["role"] in ("target", "object")]
        targets = set(about)
        denied_by_target = [
            m
            for m in cluster.mentions
            if m.event["assertion"] == "denied"
            and m.event.get("claimant")
            and self.resolve(m.event["claimant"]) in targets
        ]
        status = "disputed" if denied_by_target else "claimed"
        first = with_content[0]
        history = [{"status": "claimed", "date": first.doc.published.value, "doc_id": first.doc.id}]
        if denied_by_target:
            m = denied_by_target[0]
            history.append({"status": "disputed", "date": m.doc.published.value, "doc_id": m.doc.id})
        evidence = []
        for mention in with_content:
            claim = mention.event["claim"]
            evidence.append(
                {
                    **self._evidence(mention),
                    "claim_start": claim["start"],
                    "claim_end": claim["end"],
                }
            )
        return {
            "id": _stable_id("claim", event["id"]),
            "event_id": event["id"],
            "text": source.event["claim"]["text"].strip(" .,:;"),
            "claimant": claimants[0] if claimants else None,
            "about": about,
            "status": status,
            "status_history": history,
            "evidence": evidence,
        }


def aggregate(documents: list[StoredDocument], facts: dict[str, dict]) -> dict:
    return Aggregator(documents, facts).run()
