"""Independent computation of `milieu network` figures on the H2020 participations, with pandas and
igraph (optionally NetworkX), timing each phase. Used by the cross-check test and the benchmark.

Run with Debian's interpreter, which has python3-pandas, python3-igraph and python3-networkx:
    /usr/bin/python3 bench/peers/h2020_network.py ../shared/data/cordis/h2020-participations.csv.gz [--networkx]
Prints one JSON object: {"figures": {...}, "networkx": {...} or null, "seconds": {...}}.

Definitions follow docs/measures.md: nodes are the distinct organisations (pic) with a participation;
two organisations are tied when they share a project (rcn); an organisation's kind comes from the
activity type of its first participation row in file order (HES university, REC research-institute,
PRC firm, PUB public-body, OTH or missing other).
"""
import json
import sys
import time

import pandas as pd

KINDS = {"HES": "university", "REC": "research-institute", "PRC": "firm", "PUB": "public-body", "OTH": "other"}


def main():
    path = sys.argv[1]
    with_networkx = "--networkx" in sys.argv
    seconds = {}

    t = time.perf_counter()
    df = pd.read_csv(path, usecols=["rcn", "pic", "type"], dtype=str, keep_default_na=False)
    seconds["read"] = time.perf_counter() - t

    t = time.perf_counter()
    first_type = df.drop_duplicates("pic", keep="first").set_index("pic")["type"]
    pics = sorted(df["pic"].unique())
    index = {p: i for i, p in enumerate(pics)}
    kind = [KINDS.get(first_type[p], "other") for p in pics]
    pairs = df[["rcn", "pic"]].drop_duplicates()
    pairs = pairs.assign(node=pairs["pic"].map(index))
    joined = pairs[["rcn", "node"]].merge(pairs[["rcn", "node"]], on="rcn")
    joined = joined[joined["node_x"] < joined["node_y"]]
    edges = joined[["node_x", "node_y"]].drop_duplicates()
    edge_list = list(zip(edges["node_x"].tolist(), edges["node_y"].tolist()))
    seconds["projection"] = time.perf_counter() - t

    import igraph as ig

    t = time.perf_counter()
    g = ig.Graph(n=len(pics), edges=edge_list)
    seconds["igraph_build"] = time.perf_counter() - t
    t = time.perf_counter()
    comps = g.connected_components()
    seconds["igraph_components"] = time.perf_counter() - t
    t = time.perf_counter()
    transitivity = g.transitivity_undirected()
    average_clustering = g.transitivity_avglocal_undirected(mode="zero")
    seconds["igraph_clustering"] = time.perf_counter() - t

    n = g.vcount()
    m = g.ecount()
    degrees = g.degree()
    by_pair = {}
    for u, v in edge_list:
        key = "|".join(sorted((kind[u], kind[v])))
        by_pair[key] = by_pair.get(key, 0) + 1
    figures = {
        "nodes": n,
        "edges": m,
        "isolates": sum(1 for d in degrees if d == 0),
        "components": len(comps),
        "largestComponent": max(comps.sizes()),
        "density": 2 * m / (n * (n - 1)),
        "transitivity": transitivity,
        "averageClustering": average_clustering,
        "meanDegree": 2 * m / n,
        "maxDegree": max(degrees),
        "edgesByKindPair": by_pair,
    }

    nx_figures = None
    if with_networkx:
        import networkx as nx

        t = time.perf_counter()
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edge_list)
        seconds["networkx_build"] = time.perf_counter() - t
        t = time.perf_counter()
        ncomp = nx.number_connected_components(G)
        seconds["networkx_components"] = time.perf_counter() - t
        t = time.perf_counter()
        nx_figures = {
            "components": ncomp,
            "transitivity": nx.transitivity(G),
            "averageClustering": nx.average_clustering(G),
        }
        seconds["networkx_clustering"] = time.perf_counter() - t

    print(json.dumps({"figures": figures, "networkx": nx_figures, "seconds": seconds}))


if __name__ == "__main__":
    main()
