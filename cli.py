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
EXIT_INVALID = 4  # the graph breaks the SHACL shapes: not published, or found by `validate`
DEMO_DIR = PROJECT_ROOT / "data" / "demo"


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _update(workspace: Workspace, sources: list, workers: int = 1, store_url: str | None = None) -> int:
    from extract.run import extract_pending
    from graph.publish import rebuild
    from ingest.progress import RunProgress
    from ingest.run import ingest

    with workspace.documents() as store:
        with RunProgress(len(sources)) as progress:
            summary = ingest(sources, store, progress=progress)
        for line in summary.lines(max_problems=50):
            _say(line)
        extracted = extract_pending(store, workers=workers)
    _say(f"extracted facts from {extracted} document(s)")
    result = rebuild(workspace, store_url)
    _say(
        f"graph: {result.events} events, {result.claims} claims, {result.entities} entities, "
        f"{result.triples} triples -> {result.snapshot}"
    )
    return EXIT_OK if summary.ok else EXIT_SOURCES_FAILED


def cmd_update(args: argparse.Namespace) -> int:
    from ingest.config import load_config

    sources = load_config(Path(args.config))
    if args.workers < 1:
        _say("--workers must be at least 1")
        return EXIT_USAGE
    workspace = Workspace.open(args.workspace)
    if args.due_only:
        sources = _due(workspace, sources)
    return _update(workspace, sources, workers=args.workers, store_url=args.store)


def _due(workspace: Workspace, sources: list) -> list:
    from datetime import UTC, datetime

    from ingest.schedule import split_due

    with workspace.documents() as store:
        last_runs = {row["name"]: row["last_run"] for row in store.source_health()}
    due, waiting = split_due(sources, last_runs, datetime.now(UTC))
    for source, when in waiting:
        _say(f"  {source.name}: not due until {when.isoformat(timespec='seconds')}")
    return due


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
    result = rebuild(workspace, args.store)
    _say(f"graph: {result.events} events, {result.claims} claims -> {result.snapshot}")
    return EXIT_USAGE if failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from graph.export import DEFAULT_FORMAT, exporters, formats_for
    from graph.filters import RecordFilter
    from graph.read import GraphReader
    from graph.stores import open_store

    fmt = args.format or DEFAULT_FORMAT[args.what]
    if fmt not in formats_for(args.what):
        choices = "|".join(formats_for(args.what))
        _say(f"error: {args.what} cannot be exported as {fmt}: choose --format {choices}")
        return EXIT_USAGE
    if args.date_from and args.date_to and args.date_from > args.date_to:
        _say(f"error: --from {args.date_from} is after --to {args.date_to}")
        return EXIT_USAGE
    exporter = exporters[fmt]
    if exporter.binary and not args.output and sys.stdout.isatty():
        _say(f"error: {fmt} is a binary format: give --output FILE (or redirect stdout to a file)")
        return EXIT_USAGE
    record_filter = RecordFilter(
        entity=args.entity,
        type=args.type,
        status=args.status,
        date_from=args.date_from,
        date_to=args.date_to,
        as_of=args.as_of,
        kind=args.kind,
        outlet=args.outlet,
    )
    reader = GraphReader(open_store(Workspace.open(args.workspace), args.store))
    content = exporter.render(exporter.records(reader, args.what, record_filter), args.what)
    try:
        _write(content, args.output)
    except OSError as exc:
        _say(f"error: cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_USAGE
    return EXIT_OK


def _write(content: str | bytes, output: str | None) -> None:
    if output:
        path = Path(output)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)


def cmd_query(args: argparse.Namespace) -> int:
    from graph.sparql import QueryError, user_select
    from graph.stores import open_store

    if bool(args.sparql) == bool(args.file):
        _say("give a query, or --file with one, not both")
        return EXIT_USAGE
    query = Path(args.file).read_text(encoding="utf-8") if args.file else args.sparql
    store = open_store(Workspace.open(args.workspace), args.store)
    try:
        names, rows = user_select(store, query, timeout=args.timeout)
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


def cmd_validate(args: argparse.Namespace) -> int:
    from graph.stores import open_store
    from graph.validate import graph_of, validate

    violations = validate(graph_of(open_store(Workspace.open(args.workspace), args.store)))
    for violation in violations:
        print(violation)
    _say(f"{len(violations)} violation(s) of data/shapes.ttl" if violations else "the graph conforms")
    return EXIT_INVALID if violations else EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    from graph.dump import dump
    from graph.stores import open_store

    data = dump(open_store(Workspace.open(args.workspace), args.store), args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def cmd_sparql_server(args: argparse.Namespace) -> int:
    from graph import endpoint

    snapshots = Workspace.open(args.workspace).snapshots()
    with snapshots.lease() as snapshot:  # the snapshot is not pruned while it is served
        return endpoint.serve(
            snapshot,
            args.host,
            args.port,
            args.timeout,
            lambda url: _say(f"SPARQL endpoint (read-only): {url}  ({snapshot.name}); Ctrl-C stops it"),
        )


def _streamlit(workspace: Workspace, port: int) -> int:
    from explorer import server
    from explorer.records import prepare

    prepare(workspace)  # the snapshot's records on disk first: no visitor waits for the graph read
    env = {**os.environ, "INCIDENTGRAPH_HOME": str(workspace.root)}
    _say(f"explorer: http://localhost:{port}")
    return subprocess.call(server.command(port), env=env)


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
        status = _update(workspace, sources, store_url=args.store)
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
        copies = f" ({row['copies']} copies)" if row.get("copies") else ""
        print(
            f"{source.name:24} {source.adapter:17} {row.get('documents', 0):5} docs{copies}  "
            f"last run: {row.get('last_run') or 'never'}  "
            f"last success: {row.get('last_success') or 'never'}"
        )
        if row.get("last_error"):
            print(f"{'':24} last error: {row['last_error']}")
        if row.get("skipped"):
            print(f"{'':24} last run skipped {row['skipped']} entries, pages or files")
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
        date_from=args.date_from,
        date_to=args.date_to,
        as_of=args.as_of,
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


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _export_arguments(export: argparse.ArgumentParser) -> None:
    from extract.schema import load_schema
    from graph.export import WHATS, exporters

    schema = load_schema()
    export.add_argument("what", choices=WHATS)
    export.add_argument(
        "--format",
        choices=list(exporters),
        help="default: json for records, md for summary, timelinejs for timeline, atom for feed",
    )
    export.add_argument("--output", help="file to write (default: stdout; binary formats need a file)")
    filters = export.add_argument_group("filters (the explorer's, applied to every format)")
    filters.add_argument("--entity", help="events with this actor, claims by or about it (id or name)")
    filters.add_argument("--type", choices=schema.event_types, help="event type")
    filters.add_argument("--status", choices=schema.statuses)
    for flag, dest, side in (("--from", "date_from", "after"), ("--to", "date_to", "before")):
        filters.add_argument(flag, dest=dest, type=_date_arg, metavar="DATE", help=f"events on or {side}")
    filters.add_argument(
        "--as-of",
        type=_date_arg,
        metavar="DATE",
        help="only what had been published by DATE, with statuses as they stood then",
    )
    filters.add_argument("--kind", choices=["news", "policy", "statement", "commentary"], help="source kind")
    filters.add_argument("--outlet", help="cited by this outlet")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="incidentgraph", description=__doc__.split("\n\n")[0])
    top.add_argument("--workspace", help="where state lives (default: $INCIDENTGRAPH_HOME or ./var)")
    top.add_argument(
        "--store",
        metavar="URL",
        help="a remote SPARQL 1.1 store to publish to and read from instead of the local "
        "snapshot (default: $INCIDENTGRAPH_STORE; see docs/scaling.md)",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    update = commands.add_parser(
        "update", help="ingest all sources, extract new documents, rebuild the graph"
    )
    update.add_argument("--config", default=str(DEFAULT_CONFIG), help="sources config (TOML)")
    update.add_argument(
        "--due-only",
        action="store_true",
        help="read only sources whose interval has passed since their last run",
    )
    update.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes for extraction (spaCy n_process); same facts, see docs/performance.md",
    )
    update.set_defaults(run=cmd_update)

    add = commands.add_parser("add", help="add local .txt, .md, .html or .pdf files as documents")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--outlet", default="local files", help="outlet to credit (default: local files)")
    add.add_argument("--published", help="publication date, YYYY-MM-DD (default: unknown)")
    add.add_argument("--kind", default="news", choices=["news", "policy", "statement", "commentary"])
    add.set_defaults(run=cmd_add)

    export = commands.add_parser(
        "export",
        help="export events, claims, entities, a cited summary, a timeline or a feed",
        description="Formats: summary md|html|docx; events, claims, entities json|jsonld|csv|xlsx; "
        "timeline timelinejs; feed atom. Every filter applies to every format.",
    )
    _export_arguments(export)
    export.set_defaults(run=cmd_export)

    query = commands.add_parser("query", help="run a read-only SPARQL SELECT on the current graph")
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", help="read the query from this file")
    query.add_argument("--format", default="table", choices=["table", "csv", "json"])
    query.add_argument(
        "--timeout", type=float, default=30.0, help="stop the query after this many seconds (default 30)"
    )
    query.set_defaults(run=cmd_query)

    validate = commands.add_parser("validate", help="check the current graph against data/shapes.ttl")
    validate.set_defaults(run=cmd_validate)

    dump = commands.add_parser("dump", help="write the whole graph as RDF")
    dump.add_argument(
        "--format",
        default="nq",
        choices=["nq", "trig", "ttl", "jsonld"],
        help="nq, trig and jsonld keep the named graphs; ttl holds the default graph only",
    )
    dump.add_argument("--output", help="file to write (default: stdout)")
    dump.set_defaults(run=cmd_dump)

    server = commands.add_parser(
        "sparql-server", help="serve the current graph read-only over the SPARQL 1.1 protocol"
    )
    server.add_argument("--port", type=int, default=7878)
    server.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    server.add_argument(
        "--timeout", type=int, default=30, help="stop a query after this many seconds (default 30)"
    )
    server.set_defaults(run=cmd_sparql_server)

    serve = commands.add_parser("serve", help="start the explorer (Streamlit)")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(run=cmd_serve)

    demo = commands.add_parser("demo", help="serve the shipped demo sources on loopback and run update")
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
    from graph.endpoint import EndpointError
    from graph.remote import RemoteError
    from graph.snapshots import NoSnapshot
    from graph.validate import InvalidGraph
    from ingest.config import ConfigError

    try:
        return args.run(args)
    except (ConfigError, NoSnapshot, ModelMissing, RemoteError, EndpointError) as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE
    except InvalidGraph as exc:
        _say(f"error: {exc}")
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
