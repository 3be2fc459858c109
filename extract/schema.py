"""The shared vocabularies (data/schema.toml), gazetteer and event triggers, loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from workspace import DATA_DIR


@dataclass(frozen=True)
class Schema:
    entity_types: tuple[str, ...]
    event_types: tuple[str, ...]
    statuses: tuple[str, ...]
    speaking_types: frozenset[str]
    ner_labels: dict[str, str]
    retype: tuple[tuple[re.Pattern[str], str], ...]
    junk: frozenset[str]
    countries: frozenset[str]
    states: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    developer: str | None = None
    family: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    families: dict[str, str]  # family name -> developer id
    suffixes: tuple[str, ...]
    directive_heads: tuple[str, ...] = field(default=())

    def id_of(self, name: str) -> str | None:
        """The id of the entry a name or alias names ("Google" -> "alphabet"), else None."""
        return self._surfaces.get(name_key(name))

    @cached_property
    def _surfaces(self) -> dict[str, str]:
        return {name_key(s): e.id for e in self.entries.values() for s in (e.name, *e.aliases)}


@dataclass(frozen=True)
class EventType:
    name: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    label: str
    object_types: frozenset[str]
    agent_types: frozenset[str]
    target_types: frozenset[str]
    claim: bool
    requires_object: bool
    phrases: tuple[tuple[str, ...], ...] = ()  # lemma sequences: ("take", "effect")
    refers: frozenset[str] = frozenset()  # nouns that name such an event without reporting one
    unattributed_label: str | None = None  # the label when no agent is known
    # Event types that, said in the same sentence by the same agent, are this event's
    # content: "sued ..., alleging that ..." is one lawsuit, not a lawsuit and an accusation.
    absorbs: frozenset[str] = frozenset()
    # A verb that reports this event only with an object of a kind: ("sign", "order") is a
    # directive, ("sign", "declaration") a policy change. The object names the kind, so the
    # mention needs no object entity.
    verb_objects: tuple[tuple[str, str], ...] = ()
    # The event type this one becomes when an authority (agency, government) acts.
    by_authority: str | None = None
    # The event type this one becomes when a business (lab, company) acts: a company that
    # bans its staff from a tool restricts it; it issues no directive.
    by_business: str | None = None
    # Whether the party's own account establishes the event: not for a statement, which
    # its speaker makes by speaking (an outlet quoting a memo is not the memo published).
    admissible: bool = True
    # A speaker says many things: two undated mentions of its speech are one event only
    # in mostly the same words or on the same subject, never by speaker alone.
    speech: bool = False
    # Objects that give a trigger another sense: one breaches a rule without a security
    # incident, and an event "caps a weekend" without restricting anything.
    other_sense_objects: frozenset[str] = frozenset()
    # Objects that name, by their kind, what a trigger verb acts on when the gazetteer has
    # no name for it: "disabled part of its chatbot", "paused the feature".
    product_objects: frozenset[str] = frozenset()


def _read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def load_schema(data_dir: Path = DATA_DIR) -> Schema:
    raw = _read(data_dir / "schema.toml")
    return Schema(
        entity_types=tuple(raw["entity_types"]),
        event_types=tuple(raw["event_types"]),
        statuses=tuple(raw["statuses"]),
        speaking_types=frozenset(raw["speaking_types"]),
        ner_labels=raw["ner_labels"],
        retype=tuple((re.compile(r["pattern"]), r["type"]) for r in raw["retype"]),
        junk=frozenset(raw["junk"]),
        countries=frozenset(raw["countries"]),
        states=frozenset(raw.get("states", [])),
    )


@cache
def load_gazetteer(directory: Path = DATA_DIR / "gazetteer") -> Gazetteer:
    entries: dict[str, GazetteerEntry] = {}
    families: dict[str, str] = {}
    suffixes: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    for path in sorted(directory.glob("*.toml")):
        raw = _read(path)
        for item in raw.get("entity", []):
            entry = GazetteerEntry(
                id=item["id"],
                name=item["name"],
                type=item["type"],
                aliases=tuple(item.get("aliases", [])),
                part_of=item.get("part_of"),
                developer=item.get("developer"),
                family=item.get("family"),
            )
            if entry.id in entries:
                raise ValueError(f"{path}: gazetteer id '{entry.id}' is defined twice")
            entries[entry.id] = entry
        families.update({f["name"]: f.get("developer", "") for f in raw.get("family", [])})
        suffixes += tuple(raw.get("suffixes", []))
        heads += tuple(raw.get("heads", []))
    return Gazetteer(entries, families, suffixes, heads)


@cache
def load_event_types(path: Path = DATA_DIR / "events.toml") -> dict[str, EventType]:
    raw = _read(path)
    return {
        name: EventType(
            name=name,
            verbs=frozenset(spec.get("verbs", [])),
            nouns=frozenset(spec.get("nouns", [])),
            label=spec["label"],
            object_types=frozenset(spec.get("object_types", [])),
            agent_types=frozenset(spec.get("agent_types", [])),
            target_types=frozenset(spec.get("target_types", [])),
            claim=bool(spec.get("claim", False)),
            requires_object=bool(spec.get("requires_object", False)),
            phrases=tuple(tuple(p.split()) for p in spec.get("phrases", [])),
            refers=frozenset(spec.get("refers", [])),
            unattributed_label=spec.get("unattributed_label"),
            absorbs=frozenset(spec.get("absorbs", [])),
            verb_objects=tuple((v, o) for v, o in (p.split() for p in spec.get("verb_objects", []))),
            by_authority=spec.get("by_authority"),
            by_business=spec.get("by_business"),
            other_sense_objects=frozenset(spec.get("other_sense_objects", [])),
            product_objects=frozenset(spec.get("product_objects", [])),
            admissible=bool(spec.get("admissible", True)),
            speech=bool(spec.get("speech", False)),
        )
        for name, spec in raw.items()
    }


def name_key(text: str) -> str:
    """The key of a name the gazetteer does not know: 'the Acme Robotics' -> 'acme-robotics'."""
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[^\w.]+", "-", text.lower()).strip("-") or "unnamed"


def entity_key(ref: dict) -> str:
    """A mention's entity key before any fuzzy matching: its gazetteer id, else its name's key."""
    return ref.get("id") or name_key(ref["text"])


def model_id(name: str) -> str:
    """The id of a versioned model name: 'GPT-5.6' -> 'gpt-5.6', 'Llama 4' -> 'llama-4'."""
    return re.sub(r"[\s_]+", "-", name.strip()).lower()
