"""Gold event mentions (eval/gold/mentions/*.toml): the sentences and trigger words that report each event.

events.toml names the documents that report an event but not where; a mention names the
sentence and the word that do, so the scorer can tell a missed trigger from a wrong actor
or date, and a trigger model can learn from it.

    python -m eval.mentions todo DOC_ID ...   the events each document must have mentions for
    python -m eval.mentions check [FILE ...]  every problem in the mention files, and what is left
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from eval import corpus

MENTIONS_DIR = corpus.EVAL_DIR / "gold" / "mentions"


@dataclass(frozen=True)
class GoldMention:
    event: str
    event_type: str
    doc_id: str
    start: int  # the sentence's offsets in the document
    end: int
    trigger_start: int
    trigger_end: int


def _files(paths: list[Path] | None = None) -> list[Path]:
    return paths if paths else sorted(MENTIONS_DIR.glob("*.toml"))


def _all_events() -> dict[str, dict]:
    raw = tomllib.loads((corpus.EVAL_DIR / "gold" / "events.toml").read_text(encoding="utf-8"))
    return {e["key"]: e for e in raw["event"]}


def _texts() -> dict[str, str]:
    return {d.id: d.text for split in corpus.SPLITS for d in corpus.documents(split)}


def read(paths: list[Path] | None = None) -> tuple[list[GoldMention], list[tuple[str, str]], list[str]]:
    """(mentions, (event, document) pairs marked absent, problems) over the mention files."""
    events, texts = _all_events(), _texts()
    mentions: list[GoldMention] = []
    absent: list[tuple[str, str]] = []
    problems: list[str] = []
    for path in _files(paths):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{path.name}: not valid TOML: {error}")
            continue
        for n, item in enumerate(raw.get("mention", []), 1):
            where = f"{path.name} mention {n} ({item.get('event')}, {item.get('document')})"
            found = _place(item, events, texts)
            if isinstance(found, str):
                problems.append(f"{where}: {found}")
            else:
                mentions.append(found)
        for item in raw.get("absent", []):
            pair = (item.get("event", ""), item.get("document", ""))
            if pair[0] not in events or pair[1] not in events[pair[0]]["documents"]:
                problems.append(f"{path.name}: absent {pair} is not an event and one of its documents")
            else:
                absent.append(pair)
    return mentions, absent, problems


def _place(item: dict, events: dict[str, dict], texts: dict[str, str]) -> GoldMention | str:
    """The mention with its offsets, or what is wrong with it."""
    event, doc_id = events.get(item.get("event", "")), item.get("document", "")
    sentence, trigger = item.get("sentence", ""), item.get("trigger", "")
    if event is None:
        return "no such event in events.toml"
    if doc_id not in event["documents"]:
        return "events.toml does not list this document for the event"
    if not sentence or not trigger:
        return "sentence and trigger are both required"
    start = texts[doc_id].find(sentence)
    if start < 0:
        return f"sentence not found word for word in the document: {sentence[:80]!r}"
    offset = sentence.find(trigger)
    if offset < 0:
        return f"trigger {trigger!r} is not in the sentence"
    return GoldMention(
        item["event"],
        event["type"],
        doc_id,
        start,
        start + len(sentence),
        start + offset,
        start + offset + len(trigger),
    )


def gold_mentions(split: str) -> list[GoldMention]:
    """The split's mentions; a broken mention file is an error, not a silent gap."""
    mentions, _, problems = read()
    if problems:
        raise ValueError("gold mentions: " + "; ".join(problems[:5]))
    keys = {e["key"] for e in corpus.gold_events(split)}
    return [m for m in mentions if m.event in keys]


def mention_digest(mentions: list[GoldMention]) -> str:
    """What a model trained on these mentions records, so that a stale model is caught."""
    lines = sorted(f"{m.event} {m.doc_id} {m.trigger_start} {m.trigger_end} {m.event_type}" for m in mentions)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def annotated_documents(split: str, paths: list[Path] | None = None) -> set[str]:
    """Documents whose every (event, document) pair has a mention or is marked absent."""
    mentions, absent, _ = read(paths)
    done = {(m.event, m.doc_id) for m in mentions} | set(absent)
    pending: dict[str, bool] = {}
    for event in corpus.gold_events(split):
        for doc_id in event["documents"]:
            pending[doc_id] = pending.get(doc_id, True) and (event["key"], doc_id) in done
    return {doc_id for doc_id, complete in pending.items() if complete}


def _todo(doc_ids: list[str]) -> None:
    events = _all_events()
    for doc_id in doc_ids:
        print(f"# {doc_id}")
        for event in events.values():
            if doc_id in event["documents"]:
                actors = ", ".join(event["actor"])
                print(f"  {event['key']}  {event['type']}  {event['date'] or '-'}  {actors}")


def _check(paths: list[Path]) -> int:
    mentions, absent, problems = read(paths or None)
    for problem in problems:
        print(problem)
    done = {(m.event, m.doc_id) for m in mentions} | set(absent)
    covered = {doc for _, doc in done}
    missing = [
        (key, doc)
        for key, event in _all_events().items()
        for doc in event["documents"]
        if doc in covered and (key, doc) not in done
    ]
    for key, doc in missing:
        print(f"no mention yet: event {key} in {doc}")
    print(f"{len(mentions)} mentions, {len(absent)} absent, {len(problems)} problems,", end=" ")
    print(f"{len(missing)} pairs left")
    return 1 if problems or missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.mentions", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("todo").add_argument("documents", nargs="+")
    commands.add_parser("check").add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "todo":
        _todo(args.documents)
        return 0
    return _check(args.files)


if __name__ == "__main__":
    sys.exit(main())
