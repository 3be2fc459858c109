"""incidentgraph: track AI incidents and regulatory events as a cited knowledge graph.

The command-line face. Thin: it parses arguments and calls the stages.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from workspace import DEFAULT_CONFIG, PROJECT_ROOT, Workspace

EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE = 0, 3, 2
DEMO_DIR = PROJECT_ROOT / "data" / "demo"


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _update(workspace: Workspace, sources: list) -> int:
    from extract.run import extract_pending
    from graph.publish import rebuild
    from ingest.run import ingest

    with workspace.documents() as store:
        summary = ingest(sources, store, progress=lambda s: _say(f"  fetched {s.name}"))
        for line in summary.lines():
            _say(line)
        extracted = extract_pending(store)
    _say(f"extracted facts from {extracted} document(s)")
    result = rebuild(workspace)
    _say(
        f"graph: {result.events} events, {result.claims} claims, {result.entities} entities, "
        f"{result.triples} triples -> {result.snapshot}"
    )
    return EXIT_OK if summary.ok else EXIT_SOURCES_FAILED


def cmd_update(args: argparse.Namespace) -> int:
    from ingest.config import load_config

    sources = load_config(Path(args.config))
    return _update(Workspace.open(args.workspace), sources)


def cmd_add(args: argparse.Namespace) -> int:
    from extract.run import extract_pending
    from graph.publish import rebuild
    from ingest.adapters.files import UnreadableFile, read_document
    from ingest.dates import parse_iso
    from ingest.models import PublishedDate

    published = PublishedDate.unknown()
    if args.published:
        published = parse_iso(args.published, "given")
        if published.value is None:
            _say(f"--published {args.published!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
            return EXIT_USAGE
    workspace = Workspace.open(args.workspace)
    failed = False
    with workspace.documents() as store:
        for path in args.paths:
            try:
                incoming = read_document(Path(path), args.outlet, args.kind, "add", published)
            except (UnreadableFile, OSError) as exc:
                _say(f"skipped {path}: {exc}")
                failed = True
                continue
            doc_id, outcome = store.add(incoming)
            _say(f"{outcome}: {doc_id} {path}")
        extract_pending(store)
    result = rebuild(workspace)
    _say(f"graph: {result.events} events, {result.claims} claims -> {result.snapshot}")
    return EXIT_USAGE if failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from graph.export import exporters
    from graph.read import GraphReader

    exporter = exporters[args.format]
    reader = GraphReader.open(Workspace.open(args.workspace))
    text = exporter.render(exporter.records(reader, args.what), args.what)
    _write(text, args.output)
    return EXIT_OK


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_query(args: argparse.Namespace) -> int:
    from graph.sparql import QueryError, user_select

    if bool(args.sparql) == bool(args.file):
        _say("give a query, or --file with one, not both")
        return EXIT_USAGE
    query = Path(args.file).read_text(encoding="utf-8") if args.file else args.sparql
    store = Workspace.open(args.workspace).snapshots().open()
    try:
        names, rows = user_select(store, query)
    except QueryError as exc:
        _say(str(exc))
        return EXIT_USAGE
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*names)
        for row in rows:
            table.add_row(*("" if row[n] is None else str(row[n]) for n in names))
        Console().print(table)
    return EXIT_OK


def _streamlit(workspace: Workspace, port: int) -> int:
    env = {**os.environ, "INCIDENTGRAPH_HOME": str(workspace.root)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
    ]
    _say(f"explorer: http://localhost:{port}")
    return subprocess.call(command, env=env)


def cmd_serve(args: argparse.Namespace) -> int:
    return _streamlit(Workspace.open(args.workspace), args.port)


def cmd_demo(args: argparse.Namespace) -> int:
    from ingest.config import load_config
    from ingest.loopback import DEMO_HOST, LoopbackServer

    workspace = Workspace.open(args.workspace)
    try:
        server = LoopbackServer(DEMO_DIR, port=args.sources_port).start()
    except OSError as exc:
        _say(
            f"error: cannot serve the demo sources on port {args.sources_port}: {exc}; "
            "choose another with --sources-port"
        )
        return EXIT_USAGE
    # A fixed port keeps the demo documents' URLs, and so their ids, the same across runs;
    # the server stays up while the explorer runs so that citation links open.
    try:
        _say(f"serving the demo sources at {server.base_url}")
        sources = [s.rebased(DEMO_HOST, server.base_url) for s in load_config(DEFAULT_CONFIG)]
        status = _update(workspace, sources)
        if args.serve:
            return _streamlit(workspace, args.port)
        return status
    finally:
        server.stop()


def cmd_sources(args: argparse.Namespace) -> int:
    from ingest.config import load_config

    sources = load_config(Path(args.config))
    with Workspace.open(args.workspace).documents() as store:
        health = {row["name"]: row for row in store.source_health()}
    for source in sources:
        row = health.get(source.name, {})
        error = f"  last error: {row['last_error']}" if row.get("last_error") else ""
        print(
            f"{source.name:24} {source.adapter:17} {row.get('documents', 0):5} docs  "
            f"last success: {row.get('last_success') or 'never'}{error}"
        )
    return EXIT_OK


def _network(args: argparse.Namespace):
    from graph import network
    from graph.filters import RecordFilter
    from graph.read import GraphReader

    workspace = Workspace.open(args.workspace)
    graph = network.project(workspace.snapshots().open())
    chosen = RecordFilter(
        type=args.type,
        status=args.status,
        date_from=date.fromisoformat(args.date_from) if args.date_from else None,
        date_to=date.fromisoformat(args.date_to) if args.date_to else None,
        as_of=date.fromisoformat(args.as_of) if args.as_of else None,
    )
    if chosen != RecordFilter():
        kept = chosen.events(GraphReader.open(workspace).events())
        graph = network.restrict(graph, (e["id"] for e in kept))
    return graph


def _network_table(graph, nodes: list[str]) -> None:
    for node in nodes:
        data = graph.nodes[node]
        extra = f"  {data.get('date') or 'undated'}  {data.get('status')}" if data["kind"] == "event" else ""
        print(f"{data['kind']:6} {node:40} {data.get('type', ''):18} {data.get('label')}{extra}")


def cmd_network(args: argparse.Namespace) -> int:
    from graph import network

    graph = _network(args)
    try:
        if args.action == "ego":
            found = network.ego(graph, args.entity, radius=args.radius)
            _network_table(found, sorted(found, key=lambda n: (found.nodes[n]["kind"], n)))
        elif args.action == "path":
            _network_table(graph, network.connection(graph, args.source, args.target))
        elif args.action == "central":
            print(f"{'events':>6} {'co-actors':>9} {'betweenness':>11}  actor")
            for row in network.centrality(graph, top=args.top):
                print(
                    f"{row['events']:6} {row['co_actors']:9} {row['betweenness']:11.4f}  "
                    f"{row['name']} ({row['type']}, {row['id']})"
                )
        elif args.action == "communities":
            for number, members in enumerate(network.communities(graph), start=1):
                names = ", ".join(str(graph.nodes[m]["label"]) for m in members)
                print(f"{number}. ({len(members)}) {names}")
        else:
            if not args.output:
                _say("network export needs --output FILE")
                return EXIT_USAGE
            network.write(graph, args.output, args.format)
            counts = network.summary(graph)
            _say(f"wrote {counts['actor']} actors, {counts['event']} events -> {args.output}")
    except (network.UnknownEntity, network.NoConnection) as exc:
        _say(str(exc))
        return EXIT_USAGE
    return EXIT_OK


def _date_arg(value: str) -> str:
    date.fromisoformat(value)
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="incidentgraph", description=__doc__.split("\n\n")[0])
    top.add_argument(
        "--workspace", help="where state lives (default: $INCIDENTGRAPH_HOME or ./var)"
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    update = commands.add_parser(
        "update", help="ingest all sources, extract new documents, rebuild the graph"
    )
    update.add_argument("--config", default=str(DEFAULT_CONFIG), help="sources config (TOML)")
    update.set_defaults(run=cmd_update)

    add = commands.add_parser("add", help="add local .txt, .md or .html files as documents")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument(
        "--outlet", default="local files", help="outlet to credit (default: local files)"
    )
    add.add_argument("--published", help="publication date, YYYY-MM-DD (default: unknown)")
    add.add_argument(
        "--kind", default="news", choices=["news", "policy", "statement", "commentary"]
    )
    add.set_defaults(run=cmd_add)

    export = commands.add_parser("export", help="export events, claims or entities")
    export.add_argument("what", choices=["events", "claims", "entities"])
    export.add_argument("--format", default="json", choices=["json"])
    export.add_argument("--output", help="file to write (default: stdout)")
    export.set_defaults(run=cmd_export)

    query = commands.add_parser("query", help="run a read-only SPARQL SELECT on the current graph")
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", help="read the query from this file")
    query.add_argument("--format", default="table", choices=["table", "csv", "json"])
    query.set_defaults(run=cmd_query)

    serve = commands.add_parser("serve", help="start the explorer (Streamlit)")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(run=cmd_serve)

    demo = commands.add_parser(
        "demo", help="serve the shipped demo sources on loopback and run update"
    )
    demo.add_argument("--serve", action="store_true", help="then start the explorer")
    demo.add_argument("--port", type=int, default=8501, help="explorer port (with --serve)")
    demo.add_argument(
        "--sources-port",
        type=int,
        default=8765,
        help="loopback port of the demo sources (0: any free port)",
    )
    demo.set_defaults(run=cmd_demo)

    sources = commands.add_parser("sources", help="list configured sources with their health")
    sources.add_argument("--config", default=str(DEFAULT_CONFIG))
    sources.set_defaults(run=cmd_sources)

    network = commands.add_parser(
        "network", help="the actor-event network: ego, path, central, communities, export"
    )
    network.add_argument("--type", help="only events of this type")
    network.add_argument("--status", help="only events with this status")
    network.add_argument("--from", dest="date_from", type=_date_arg, help="events on or after, YYYY-MM-DD")
    network.add_argument("--to", dest="date_to", type=_date_arg, help="events on or before, YYYY-MM-DD")
    network.add_argument("--as-of", dest="as_of", type=_date_arg, help="as known on this day, YYYY-MM-DD")
    actions = network.add_subparsers(dest="action", required=True, metavar="ACTION")
    ego = actions.add_parser("ego", help="an entity, its events and their other actors")
    ego.add_argument("entity", help="entity id or name")
    ego.add_argument("--radius", type=int, default=2, help="2: co-actors too (default); 1: events only")
    path = actions.add_parser("path", help="the shortest chain of shared events linking two entities")
    path.add_argument("source", help="entity id or name")
    path.add_argument("target", help="entity id or name")
    central = actions.add_parser("central", help="actors ranked by events, then betweenness")
    central.add_argument("--top", type=int, default=20)
    actions.add_parser("communities", help="groups of actors that act together (Louvain)")
    export_network = actions.add_parser("export", help="write the network for Gephi")
    export_network.add_argument("--format", default="gexf", choices=["gexf", "graphml"])
    export_network.add_argument("--output", help="file to write")
    network.set_defaults(run=cmd_network)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from extract.pipeline import ModelMissing
    from graph.snapshots import NoSnapshot
    from ingest.config import ConfigError

    try:
        return args.run(args)
    except (ConfigError, NoSnapshot, ModelMissing) as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
