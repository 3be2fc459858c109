"""A remote SPARQL 1.1 store: reads with the SPARQL Protocol, writes with Graph Store
Protocol batches.

`RemoteStore` answers `query()` with the same result objects as an embedded
pyoxigraph.Store, so graph.sparql.select and GraphReader work on either.

The URL names the dataset; its endpoints default to Oxigraph server's layout
(`URL/query`, `URL/update`, `URL/store`) and can be renamed with query
parameters for other servers (an empty name means the dataset URL itself), e.g.
Fuseki `http://host:3030/ds?data=data`, GraphDB
`http://host:7200/repositories/ig?query=&data=statements`.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import pyoxigraph

BATCH_TRIPLES = 50_000  # triples per Graph Store Protocol request
RESULTS = "application/sparql-results+json"
TRIPLES = "application/n-triples"


class RemoteError(RuntimeError):
    """The remote store refused a request or could not be reached; the message says which."""


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    data: str

    @classmethod
    def parse(cls, url: str) -> Endpoints:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RemoteError(f"--store must be an http(s) URL of a SPARQL dataset, not {url!r}")
        names = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        unknown = set(names) - {"query", "update", "data"}
        if unknown:
            raise RemoteError(f"unknown endpoint name(s) in --store: {', '.join(sorted(unknown))}")
        base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))

        def endpoint(name: str) -> str:
            path = names.get(name, {"query": "query", "update": "update", "data": "store"}[name])
            if "://" in path:
                return path
            return f"{base}/{path.lstrip('/')}" if path else base  # empty: the dataset URL itself

        return cls(endpoint("query"), endpoint("update"), endpoint("data"))


def _values_clause(substitutions: dict) -> str:
    """Bindings as a trailing VALUES block. Each term is written by pyoxigraph in N-Triples
    syntax (escaped), so a value can never end the literal and become SPARQL."""
    names = " ".join(f"?{var.value}" for var in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"


class RemoteStore:
    """Any SPARQL 1.1 server; `timeout` bounds every request, in seconds."""

    def __init__(self, url: str, timeout: float = 60.0, batch: int = BATCH_TRIPLES) -> None:
        self.url = url
        self.endpoints = Endpoints.parse(url)
        self.timeout = timeout
        self.batch = batch
        self.requests = 0  # for tests and logs: how many HTTP requests a push took
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": "incidentgraph/0.1"})

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        self.requests += 1
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            waited = kwargs.get("timeout") or self.timeout
            raise RemoteError(f"{url} did not answer within {waited:g} s") from exc
        except httpx.HTTPError as exc:
            raise RemoteError(f"cannot reach {url}: {exc}") from exc
        if response.status_code >= 400:
            detail = response.text.strip().splitlines()[:1]
            raise RemoteError(
                f"{url} answered {response.status_code}" + (f": {detail[0][:300]}" if detail else "")
            )
        return response

    # -- reading -------------------------------------------------------------

    def query(
        self, query: str, *, substitutions: dict | None = None, timeout: float | None = None
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | list[pyoxigraph.Triple]:
        if substitutions:
            query += _values_clause(substitutions)
        response = self._send(
            "POST",
            self.endpoints.query,
            data={"query": query},
            headers={"Accept": f"{RESULTS}, {TRIPLES};q=0.9"},
            timeout=timeout or self.timeout,
        )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind == RESULTS:
            return pyoxigraph.parse_query_results(response.content, format=pyoxigraph.QueryResultsFormat.JSON)
        if kind == TRIPLES:
            return [
                q.triple for q in pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_TRIPLES)
            ]
        raise RemoteError(f"{self.endpoints.query} answered with unexpected type {kind!r}")

    def dump(self, format: pyoxigraph.RdfFormat = pyoxigraph.RdfFormat.N_QUADS) -> bytes:
        """The whole dataset (GET on the Graph Store endpoint), re-serialized in `format`."""
        response = self._send("GET", self.endpoints.data, headers={"Accept": "application/n-quads"})
        quads = pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_QUADS)
        return pyoxigraph.serialize(quads, format=format)

    # -- writing -------------------------------------------------------------

    def update(self, sparql: str) -> None:
        self._send("POST", self.endpoints.update, data={"update": sparql})

    def publish(self, nquads: bytes) -> str:
        """Replace the remote dataset by `nquads`: clear it, then POST each graph's triples
        in batches of `batch` (one request per batch, never one per triple)."""
        by_graph = _triples_by_graph(nquads)
        self.update("DROP SILENT ALL")
        for graph, triples in sorted(by_graph.items(), key=lambda kv: kv[0] is not None):
            params = {"graph": graph} if graph else {"default": ""}
            for chunk in _chunks(triples, self.batch):
                body = pyoxigraph.serialize(chunk, format=pyoxigraph.RdfFormat.N_TRIPLES)
                self._send(
                    "POST",
                    self.endpoints.data,
                    params=params,
                    content=body,
                    headers={"Content-Type": TRIPLES},
                )
        return self.url

    def close(self) -> None:
        self._client.close()


def _triples_by_graph(nquads: bytes) -> dict[str | None, list[pyoxigraph.Triple]]:
    graphs: dict[str | None, list[pyoxigraph.Triple]] = defaultdict(list)
    for quad in pyoxigraph.parse(io.BytesIO(nquads), format=pyoxigraph.RdfFormat.N_QUADS):
        name = None if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
        graphs[name].append(quad.triple)
    return graphs


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
