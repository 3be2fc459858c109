"""The timeline page under AppTest: events, filters, as-of, lanes, event detail and URL state.

Expectations come from the graph's own records (GraphReader) and RecordFilter."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pyarrow as pa
import pytest

from explorer import drawing
from explorer.data import STATUS_STYLE
from graph.filters import RecordFilter
from graph.read import GraphReader
from tests.explorer.conftest import app_test, unescape


@pytest.fixture(scope="module")
def events(demo_workspace) -> list[dict]:
    return GraphReader.open(demo_workspace).events()


def _cards(app) -> str:
    return " ".join(unescape(m.value) for m in app.markdown)


def _title(event: dict) -> str:
    return f"{event['date'] or 'date unknown'} · {event['label']}"


def test_every_event_is_listed_with_a_labelled_status(demo_workspace, events) -> None:
    app = app_test(demo_workspace)
    assert not app.exception
    shown = _cards(app)
    for event in events:
        assert _title(event) in shown
    # Status is a badge with a symbol and the word, never colour alone.
    badges = re.findall(r":(\w+)-badge\[(\S+) (\w+)\]", shown)
    assert sorted(word for _, _, word in badges) == sorted(e["status"] for e in events)
    for colour, symbol, word in badges:
        assert (colour, symbol) == STATUS_STYLE[word][:2]
    assert f"{len(events)} of {len(events)} events" in app.caption[0].value


def test_status_and_type_filters_narrow_the_list_and_go_to_the_url(demo_workspace, events) -> None:
    app = app_test(demo_workspace)
    wanted_type = sorted({e["type"] for e in events})[0]
    app.selectbox(key="filter_type").set_value(wanted_type).run()
    kept = RecordFilter(type=wanted_type).events(events)
    shown = _cards(app)
    for event in events:
        assert (_title(event) in shown) == (event in kept)
    assert app.query_params["type"] == wanted_type
    status = kept[0]["status"]
    app.selectbox(key="filter_status").set_value(status).run()
    both = RecordFilter(type=wanted_type, status=status).events(events)
    assert f"{len(both)} of {len(events)} events" in app.caption[0].value
    assert app.query_params["status"] == status


def test_filters_and_selection_are_read_back_from_the_url(demo_workspace, events) -> None:
    event = max(events, key=lambda e: (len(e["conflicts"]), len(e["sources"])))
    actor = event["actors"][0]
    app = app_test(demo_workspace, entity=actor["id"], event=event["id"], lanes="actor")
    assert not app.exception
    kept = RecordFilter(entity=actor["id"]).events(events)
    assert f"{len(kept)} of {len(events)} events" in app.caption[0].value
    assert app.selectbox(key="filter_entity").value == actor["id"]
    assert app.radio(key="lanes").value == "actor"
    assert unescape(app.subheader[0].value) == f"{event['date']} · {event['label']}"


def test_event_detail_shows_date_actors_status_conflicts_and_every_citation(demo_workspace, events) -> None:
    event = max(events, key=lambda e: (len(e["conflicts"]), len(e["sources"])))
    assert event["conflicts"], "the demo has an event whose sources disagree on its date"
    app = app_test(demo_workspace, event=event["id"])
    shown = _cards(app)
    assert f"precision: {event['date_precision']}" in shown
    assert f"anchored: {event['date_anchor']}" in shown
    for change in event["status_history"]:
        assert f"{change['date'][:10]}: **" in shown and change["status"] in shown
    for conflict in event["conflicts"]:
        assert f"{conflict['chosen']} (from" in shown and f"over {conflict['other']}" in shown
    assert f"**Citations ({len(event['sources'])})**" in shown
    for number, source in enumerate(event["sources"], start=1):
        assert f"> {source['quote']}" in shown
        assert f"**[{number}]** {source['outlet']}" in shown
    links = {(unescape(p.proto.label), p.proto.page, p.proto.query_string) for p in app.get("page_link")}
    for actor in event["actors"]:
        assert (f"{actor['name']} ({actor['role']}, {actor['type']})", "entity", f"id={actor['id']}") in links
    for source in event["sources"]:
        cited = f"doc={source['doc_id']}&start={source['start']}&end={source['end']}"
        assert any(page == "sources" and query == cited for _, page, query in links)


def test_open_details_button_selects_the_event_and_shares_it(demo_workspace, events) -> None:
    app = app_test(demo_workspace)
    target = events[-1]
    app.button(key=f"open-{target['id']}").click().run()
    assert unescape(app.subheader[0].value) == _title(target)
    assert app.query_params["event"] == target["id"]


def test_as_of_shows_only_what_was_published_by_then(demo_workspace, events) -> None:
    days = sorted({s["published"][:10] for e in events for s in e["sources"] if s["published"]})
    cutoff = days[len(days) // 2]
    app = app_test(demo_workspace, as_of=cutoff)
    known = RecordFilter(as_of=date.fromisoformat(cutoff)).events(events)
    assert 0 < len(known) < len(events)
    assert f"{len(known)} of {len(events)} events · as known on {cutoff}" in app.caption[0].value
    shown = _cards(app)
    for event in events:
        assert (_title(event) in shown) == any(k["id"] == event["id"] for k in known)


def _lanes(app) -> list[str]:
    image = next(m.value for m in app.markdown if m.value.startswith("![time axis"))
    lanes = re.findall(r'<text class="ig-lane"[^>]*>([^<]*)</text>', drawing.picture(image))
    return [html.unescape(name) for name in lanes]


def test_lanes_by_actor_put_actor_names_on_the_axis(demo_workspace, events) -> None:
    app = app_test(demo_workspace)
    assert set(_lanes(app)) == {e["type"] for e in events if e["date"]}
    app.radio(key="lanes").set_value("actor").run()
    actors = {a["name"] for e in events if e["date"] for a in e["actors"]}
    assert set(_lanes(app)) == {drawing.lane_label(name) for name in actors}
    assert not app.get("vega_lite_chart")  # the zoomable chart loads only when asked for
    app.toggle(key="zoomable").set_value(True).run()
    assert app.query_params["chart"] == "zoom"
    chart = app.get("vega_lite_chart")[0].proto
    assert '"title": "actor"' in chart.spec
    lanes = pa.ipc.open_stream(chart.datasets[0].data.data).read_all().column("lane").to_pylist()
    assert set(lanes) == actors
    assert app.query_params["lanes"] == "actor"


def test_without_a_graph_the_page_says_how_to_build_one(tmp_path) -> None:
    from workspace import Workspace

    app = app_test(Workspace.open(tmp_path))
    assert not app.exception
    assert "incidentgraph update" in app.warning[0].value


def _card_titles(app) -> list[str]:
    cards = [unescape(m.value) for m in app.markdown if m.value.startswith("#### ")]
    return [card.split("\n")[0].removeprefix("#### ") for card in cards]


def _marks(app) -> list[str]:
    overlay = next(h.proto.body for h in app.get("html") if "incidentgraph-timeline" in h.proto.body)
    return [html.unescape(h) for h in re.findall(r'class="ig-mark" href="([^"]+)"', overlay)]


def test_the_list_pages_the_filtered_events_and_the_axis_draws_them_all(paged_workspace) -> None:
    events = GraphReader.open(paged_workspace).events()
    status = Counter(e["status"] for e in events).most_common(1)[0][0]
    kept = RecordFilter(status=status).events(events)
    first = app_test(paged_workspace, status=status)
    size = len(_card_titles(first))
    assert 0 < size < len(kept) <= 2 * size, "the filtered list spans two pages"
    assert _card_titles(first) == [_title(e) for e in kept[:size]]
    second = app_test(paged_workspace, status=status, page="2")
    assert _card_titles(second) == [_title(e) for e in kept[size:]]
    assert second.query_params["page"] == "2"
    # The axis draws every filtered event, not only the page's, and its links keep the filters.
    for app in (first, second):
        marks = _marks(app)
        assert sorted(parse_qs(urlsplit(m).query)["event"][0] for m in marks) == sorted(
            e["id"] for e in kept if e["date"]
        )
        assert all(parse_qs(urlsplit(m).query)["status"] == [status] for m in marks)
