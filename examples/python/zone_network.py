#!/usr/bin/env python3
"""A zone's neighbourhood from ZoneGraph, as an analyst would pull it into a notebook.

It asks the GraphQL API for the entities and relations around a zone, with the verbatim
evidence of every relation, and turns the answer into

* a networkx MultiDiGraph (one node per entity, one edge per relation, keyed by relation id),
* a pandas DataFrame with one row per piece of evidence: who, what, to whom, and the quote,
* a GraphML file (opens in Gephi, yEd or Cytoscape).

    python3 examples/python/zone_network.py --url http://localhost:4000/graphql \
        --zone zone:shangdang-etdz --out shangdang.graphml --csv shangdang-relations.csv

Needs requests, networkx and pandas (requirements.txt). The last line it prints is a JSON
summary, so a script or a test can read what it did.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import networkx as nx
import pandas as pd
import requests

QUERY = """
query Neighbourhood($id: ID!, $depth: Int!, $limit: Int!) {
  neighborhood(id: $id, depth: $depth, limit: $limit) {
    nodes {
      depth
      degree
      omittedNeighbours
      entity { id kind name englishName }
    }
    edges {
      id
      type
      status
      from { id }
      to { id }
      amount { amount currency raw }
      evidence {
        quote
        paragraph
        charStart
        charEnd
        source { id title publisher }
      }
    }
  }
}
"""


class ZoneGraphError(RuntimeError):
    """An error answer from ZoneGraph, with its stable code (docs/api.md, "Errors")."""


def fetch_neighbourhood(url: str, zone: str, depth: int, limit: int, api_key: str | None) -> dict:
    """POSTs the query and returns `data.neighborhood`, raising ZoneGraphError on any error."""
    # requests asks for gzip (and br when the brotli module is installed) and decodes it itself;
    # ZoneGraph compresses large answers (docs/operations.md), so nothing more is needed here.
    headers = {"content-type": "application/json"}
    if api_key:
        headers["authorization"] = f"Bearer {api_key}"
    response = requests.post(
        url,
        json={"query": QUERY, "variables": {"id": zone, "depth": depth, "limit": limit}},
        headers=headers,
        timeout=60,
    )
    try:
        body = response.json()
    except ValueError as error:
        raise ZoneGraphError(f"HTTP {response.status_code}: not a GraphQL answer") from error
    if body.get("errors"):
        raise ZoneGraphError(
            "; ".join(f"{e.get('extensions', {}).get('code', 'ERROR')}: {e.get('message')}" for e in body["errors"])
        )
    return body["data"]["neighborhood"]


def to_graph(subgraph: dict) -> nx.MultiDiGraph:
    """Entities become nodes, relations edges; GraphML takes no None, so absent values are ''."""
    graph = nx.MultiDiGraph()
    for node in subgraph["nodes"]:
        entity = node["entity"]
        graph.add_node(
            entity["id"],
            kind=entity["kind"],
            name=entity["name"],
            englishName=entity["englishName"] or "",
            depth=node["depth"],
            degree=node["degree"],
            omittedNeighbours=node["omittedNeighbours"],
        )
    for edge in subgraph["edges"]:
        amount = edge["amount"] or {}
        graph.add_edge(
            edge["from"]["id"],
            edge["to"]["id"],
            key=edge["id"],
            type=edge["type"],
            status=edge["status"] or "",
            amount=amount.get("amount") or "",
            amountRaw=amount.get("raw") or "",
            quotes=" | ".join(evidence["quote"] for evidence in edge["evidence"]),
            sources=" | ".join(sorted({evidence["source"]["title"] or evidence["source"]["id"] for evidence in edge["evidence"]})),
        )
    return graph


def to_table(subgraph: dict) -> pd.DataFrame:
    """One row per piece of evidence of each relation, with the names of both ends."""
    names = {node["entity"]["id"]: node["entity"]["name"] for node in subgraph["nodes"]}
    rows = [
        {
            "relation": edge["id"],
            "type": edge["type"],
            "from": names.get(edge["from"]["id"], edge["from"]["id"]),
            "to": names.get(edge["to"]["id"], edge["to"]["id"]),
            "amount": (edge["amount"] or {}).get("raw"),
            "quote": evidence["quote"],
            "source": evidence["source"]["title"],
            "paragraph": evidence["paragraph"],
            "charStart": evidence["charStart"],
            "charEnd": evidence["charEnd"],
        }
        for edge in subgraph["edges"]
        for evidence in edge["evidence"]
    ]
    columns = ["relation", "type", "from", "to", "amount", "quote", "source", "paragraph", "charStart", "charEnd"]
    return pd.DataFrame(rows, columns=columns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pull a zone's neighbourhood from ZoneGraph into networkx and pandas.")
    parser.add_argument("--url", default="http://localhost:4000/graphql", help="the GraphQL endpoint")
    parser.add_argument("--zone", default="zone:shangdang-etdz", help="the id of the zone (or any entity)")
    parser.add_argument("--depth", type=int, default=1, help="hops to follow, 1 to 3")
    parser.add_argument("--limit", type=int, default=25, help="neighbours expanded per entity, 1 to 100")
    parser.add_argument("--out", default="neighbourhood.graphml", help="where to write the GraphML file")
    parser.add_argument("--csv", help="also write the relations table as CSV (UTF-8) here")
    args = parser.parse_args(argv)

    try:
        subgraph = fetch_neighbourhood(args.url, args.zone, args.depth, args.limit, os.environ.get("ZONEGRAPH_API_KEY"))
    except (requests.RequestException, ZoneGraphError) as error:
        print(f"zone_network: {error}", file=sys.stderr)
        return 1
    graph = to_graph(subgraph)
    table = to_table(subgraph)

    print(f"{args.zone}: {graph.number_of_nodes()} entities, {graph.number_of_edges()} relations, {len(table)} quotes")
    by_kind = pd.Series(dict(graph.nodes(data="kind"))).value_counts()
    print(by_kind.to_string())
    with pd.option_context("display.max_colwidth", 40, "display.width", 160):
        print(table[["type", "from", "to", "amount", "quote"]].head(10).to_string(index=False))

    nx.write_graphml(graph, args.out)
    if args.csv:
        table.to_csv(args.csv, index=False, encoding="utf-8")
    summary = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "rows": len(table),
        "graphml": args.out,
        "csv": args.csv,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
