"""CSV and XLSX: one row per record and citation, the same rows in both, formula cells neutralised."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from graph.export import export
from graph.export.table_formats import FORMULA_STARTS, is_formula_like, neutralise
from graph.export.tables import COLUMNS
from graph.read import GraphReader


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_neutralised(start: str) -> None:
    cell = f"{start}cmd|' /C calc'!A0"
    assert is_formula_like(cell)
    assert neutralise(cell) == "'" + cell
    assert neutralise("Anthropic " + cell) == "Anthropic " + cell, "only a leading character is dangerous"
    assert neutralise(3) == 3


@pytest.mark.parametrize(("what", "key"), [("events", "sources"), ("claims", "evidence"), ("entities", None)])
def test_rows_per_record_and_citation(demo_reader: GraphReader, what: str, key: str | None) -> None:
    records = getattr(demo_reader, what)()
    rows = list(csv.DictReader(io.StringIO(export(demo_reader, what, "csv"))))
    assert tuple(rows[0]) == COLUMNS[what]
    expected = sum(max(1, len(r[key])) for r in records) if key else len(records)
    assert len(rows) == expected
    assert {row["id"] for row in rows} == {r["id"] for r in records}
    if key:
        quotes = sorted(s["quote"] for r in records for s in r[key])
        assert sorted(row["quote"] for row in rows) == sorted(neutralise(q) for q in quotes)


@pytest.mark.parametrize("what", ["events", "claims", "entities"])
def test_xlsx_holds_the_csv_rows(demo_reader: GraphReader, what: str) -> None:
    rows = list(csv.reader(io.StringIO(export(demo_reader, what, "csv"))))
    sheet = openpyxl.load_workbook(io.BytesIO(export(demo_reader, what, "xlsx")))[what]
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == [
        [v[1:] if v.startswith("'") and is_formula_like(v[1:]) else v for v in row] for row in rows
    ]


def test_entities_list_their_events_and_the_outlets_citing_them(demo_reader: GraphReader) -> None:
    events = demo_reader.events()
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export(demo_reader, "entities", "csv")))}
    acting = {a["id"] for e in events for a in e["actors"]}
    assert acting <= set(rows)
    for entity_id in acting:
        mine = [e for e in events if any(a["id"] == entity_id for a in e["actors"])]
        assert set(rows[entity_id]["events"].split("; ")) == {e["id"] for e in mine}
        assert set(rows[entity_id]["outlets"].split("; ")) == {
            s["outlet"] for e in mine for s in e["sources"]
        }
