"""Events, claims and entities as flat rows, for CSV and XLSX.

One row per record and citation (a record without sources still gets one row),
so a spreadsheet can sort and filter by outlet or quote. Lists inside a record
become "; "-joined text.
"""

from __future__ import annotations

from graph.export.text import in_words

SOURCE_COLUMNS = (
    "source_outlet",
    "source_title",
    "source_published",
    "source_kind",
    "source_url",
    "source_copy_of",
    "quote",
    "assertion",
    "attributed_to",
)
COLUMNS = {
    "events": (
        "id", "date", "end_date", "date_precision", "date_anchor", "type", "label", "status",
        "actors", "status_history", "conflicts", *SOURCE_COLUMNS,
    ),
    "claims": (
        "id", "text", "claimant", "about", "status", "event_id", "first_seen", "last_seen",
        "independent_sources", "status_history", *SOURCE_COLUMNS,
    ),
    "entities": ("id", "name", "type", "aliases", "part_of", "mentions", "events", "outlets"),
}  # fmt: skip


def _source(source: dict | None) -> dict:
    source = source or {}
    return {
        "source_outlet": source.get("outlet"),
        "source_title": source.get("title"),
        "source_published": source.get("published"),
        "source_kind": source.get("kind"),
        "source_url": source.get("url"),
        "source_copy_of": source.get("copy_of"),
        "quote": source.get("quote"),
        "assertion": source.get("assertion"),
        "attributed_to": source.get("claimant"),
    }


def _history(record: dict) -> str:
    return "; ".join(f"{h['status']} {h['date']}" for h in record.get("status_history", []))


def _each_source(record: dict, key: str) -> list[dict | None]:
    return record.get(key) or [None]


def rows(records: list[dict], what: str) -> list[dict]:
    out: list[dict] = []
    for r in records:
        if what == "events":
            base = {
                **{k: r.get(k) for k in ("id", "date", "end_date", "date_precision", "date_anchor")},
                **{k: r.get(k) for k in ("type", "label", "status")},
                "actors": "; ".join(f"{a['name']} ({a['role']})" for a in r.get("actors", [])),
                "status_history": _history(r),
                "conflicts": "; ".join(
                    f"{c['field']}: {c['chosen']} kept over {c['other']} ({c['rule']})"
                    for c in r.get("conflicts", [])
                ),
            }
            out += [{**base, **_source(s)} for s in _each_source(r, "sources")]
        elif what == "claims":
            base = {
                **{k: r.get(k) for k in ("id", "text", "status", "event_id", "first_seen", "last_seen")},
                "claimant": (r.get("claimant") or {}).get("name"),
                "about": in_words(r.get("about", [])),
                "independent_sources": r.get("independent_sources"),
                "status_history": _history(r),
            }
            out += [{**base, **_source(s)} for s in _each_source(r, "evidence")]
        elif what == "entities":
            lists = {k: "; ".join(r.get(k, [])) for k in ("aliases", "events", "outlets")}
            out.append({**{k: r.get(k) for k in COLUMNS["entities"]}, **lists})
        else:
            raise ValueError(f"no table for '{what}'")
    return [{c: row.get(c) for c in COLUMNS[what]} for row in out]
