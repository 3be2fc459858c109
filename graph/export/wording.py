"""The status of an event or claim in plain words, derived from its evidence.

The rules mirror the status rules of docs/extraction-rules.md, so a sentence
in a summary says why the status is what it is:

- established: "stated in an official notice (Federal Register, June 2, 2026)"
  when a policy source asserts it; "confirmed by Anthropic itself" when an
  actor's own statement or an attribution to an agent carries it; otherwise
  "reported by N independent outlets (A and B)".
- reported: "reported by A on DATE; not yet confirmed by a second outlet or by
  the parties".
- claimed: "claimed by C, according to A" for attributed evidence; "reported
  with a hedge by A" when only hedged.
- disputed: who asserts it, then "D denies it" for every denying source.
- retracted: "retracted".
- A status that changed is told in order: "first reported on June 12, 2026
  (Harbor Ledger); established on June 12, 2026 (Anthropic)".
- A claim: "alleged by C on DATE" (the date of the event that carries it,
  else the first evidence), "denied by D" for denials, and for each subject
  with no word of its own among the evidence "no response from S in the
  cited sources" (we cannot know more than our sources say).
- A conflict: "Meridian Post gave June 14, 2026; the official notice
  (Federal Register) says June 15, 2026", the chosen value second.
"""

from __future__ import annotations

from graph.export.text import in_words, plain_date

STATUS_WORDS = {
    "established": "established",
    "reported": "reported",
    "claimed": "claimed",
    "disputed": "disputed",
    "retracted": "retracted",
}


def _first_published(sources: list[dict]) -> str | None:
    dates = sorted(s["published"] for s in sources if s.get("published"))
    return dates[0] if dates else None


def _agents(event: dict) -> list[str]:
    return [a["name"] for a in event.get("actors", []) if a["role"] == "agent"]


def _own_word(source: dict, parties: list[str]) -> str | None:
    """The party speaking for itself in this source, if any: its statement, or a sentence attributed to it."""
    wanted = {p.lower() for p in parties}
    if source.get("claimant") and source["claimant"].lower() in wanted:
        return source["claimant"]
    if source.get("kind") == "statement" and (source.get("outlet") or "").lower() in wanted:
        return source["outlet"]
    return None


def event_status(event: dict) -> str:
    sources = event.get("sources", [])
    status = event.get("status")
    asserted = [s for s in sources if s.get("assertion") == "asserted"]
    if status == "established":
        official = [s for s in asserted if s.get("kind") == "policy"]
        if official:
            first = official[0]
            when = plain_date(first["published"])
            return f"established: stated in an official notice ({first['outlet']}, {when})"
        own = [w for s in sources if (w := _own_word(s, _agents(event)))]
        if own:
            return f"established: confirmed by {in_words(own)} itself"
        outlets = [s["outlet"] for s in asserted if not s.get("copy_of")]
        count = len(set(outlets))
        return (
            f"established: reported by {count} independent outlet{'s' * (count != 1)} ({in_words(outlets)})"
        )
    if status == "reported":
        first = next((s for s in asserted if not s.get("copy_of")), sources[0] if sources else None)
        if first is None:
            return "reported"
        return (
            f"reported by {first['outlet']} on {plain_date(first['published'])}; "
            "not yet confirmed by a second outlet or by the parties"
        )
    if status == "claimed":
        return "claimed: " + _attributions(sources) + "; not confirmed"
    if status == "disputed":
        return "disputed: " + "; ".join(filter(None, [_attributions(sources), _denials(sources)]))
    return STATUS_WORDS.get(status or "", status or "status unknown")


def _attributions(sources: list[dict]) -> str:
    by_claimant: dict[str, list[str]] = {}
    hedged: list[str] = []
    for s in sources:
        if s.get("assertion") == "attributed" and s.get("claimant"):
            by_claimant.setdefault(s["claimant"], []).append(s["outlet"])
        elif s.get("assertion") in ("hedged", "attributed"):
            hedged.append(s["outlet"])
    parts = [f"claimed by {who}, according to {in_words(outlets)}" for who, outlets in by_claimant.items()]
    if hedged:
        parts.append(f"reported with a hedge by {in_words(hedged)}")
    if not parts:
        asserted = [s["outlet"] for s in sources if s.get("assertion") == "asserted"]
        parts.append(f"said by {in_words(asserted)}" if asserted else "no attributed source")
    return "; ".join(parts)


def _denials(sources: list[dict]) -> str:
    deniers = [s.get("claimant") or s["outlet"] for s in sources if s.get("assertion") == "denied"]
    return f"{in_words(deniers)} {'deny' if len(set(deniers)) > 1 else 'denies'} it" if deniers else ""


def history(record: dict, sources: list[dict]) -> str:
    """The status changes in order, or "" when the status never changed."""
    changes = record.get("status_history", [])
    if len(changes) < 2:
        return ""
    outlet = {s["doc_id"]: s["outlet"] for s in sources}
    steps = [
        f"{STATUS_WORDS.get(c['status'], c['status'])} on {plain_date(c['date'])}"
        + (f" ({outlet[c['doc_id']]})" if c.get("doc_id") in outlet else "")
        for c in changes
    ]
    return "first " + "; then ".join(steps)


def _claimant_words(claimant: dict | None) -> str:
    if not claimant:
        return "an unnamed source"
    if claimant.get("type") == "unnamed":
        return f"unnamed sources (\u201c{claimant['name'].lower()}\u201d)"
    return claimant["name"]


def claim_status(claim: dict, event: dict | None = None) -> str:
    evidence = claim.get("evidence", [])
    claimant = _claimant_words(claim.get("claimant"))
    when = (event or {}).get("date") or _first_published(evidence)
    verb = "alleged" if (event or {}).get("type") == "accusation" else "claimed"
    parts = [f"{verb} by {claimant or 'an unnamed source'} on {plain_date(when)}"]
    deniers = [s.get("claimant") or s["outlet"] for s in evidence if s.get("assertion") == "denied"]
    if deniers:
        parts.append(f"denied by {in_words(deniers)}")
    if claim.get("status") == "established":
        parts.append("since established")
    elif claim.get("status") == "retracted":
        parts.append("since retracted")
    spoke = {w.lower() for s in evidence if (w := _own_word(s, claim.get("about", [])))}
    spoke |= {d.lower() for d in deniers}
    silent = [s for s in claim.get("parties", claim.get("about", [])) if s.lower() not in spoke]
    if silent:
        parts.append(f"no response from {in_words(silent)} in the cited sources")
    return "; ".join(parts)


def conflict(item: dict, sources: list[dict]) -> str:
    by_doc = {s["doc_id"]: s for s in sources}

    def value(v: str) -> str:
        return plain_date(v) if item.get("field") == "date" else v

    def side(doc_ids: list[str]) -> tuple[str, bool]:
        """Who stands on one side, and whether they are several."""
        docs = [by_doc[d] for d in doc_ids if d in by_doc]
        official = [d["outlet"] for d in docs if d.get("kind") == "policy"]
        if official:
            return f"the official notice ({in_words(official)})", False
        outlets = list(dict.fromkeys(d["outlet"] for d in docs))
        return (in_words(outlets) or "other sources"), len(outlets) != 1

    other, _ = side(item.get("other_sources", []))
    chosen, several = side(item.get("chosen_sources", []))
    rule = f" (kept by the {item['rule']} rule)" if item.get("rule") else ""
    verb = "say" if several else "says"
    return f"{other} gave {value(item['other'])}; {chosen} {verb} {value(item['chosen'])}{rule}"
