"""The classical link-prediction scores as NetworkX computes them, on the candidate pairs Milieu scores.

Reads one JSON object on standard input:
    {"n": number of nodes, "edges": [u0, v0, u1, v1, ...],
     "sets": {"name": [u0, v0, u1, v1, ...], ...}}
builds an undirected networkx.Graph with nodes 0..n-1 and those edges, and for each set of pairs
runs networkx.adamic_adar_index, jaccard_coefficient, resource_allocation_index and
preferential_attachment on exactly those pairs (the ebunch), timing each. Prints one JSON object:
    {"build_seconds": s, "sets": {"name": {"adamic_adar": [...], "jaccard": [...],
      "resource_allocation": [...], "preferential_attachment": [...], "seconds": {...}}}}
Used by bench/bridging.ts (the hold-out comparison) and test/bridging/networkx.test.ts.
Run with Debian's interpreter: /usr/bin/python3 bench/peers/bridging_networkx.py < input.json
"""
import json
import sys
import time

import networkx as nx

SCORES = {
    "adamic_adar": nx.adamic_adar_index,
    "jaccard": nx.jaccard_coefficient,
    "resource_allocation": nx.resource_allocation_index,
    "preferential_attachment": nx.preferential_attachment,
}


def main():
    data = json.load(sys.stdin)
    t = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(data["n"]))
    e = data["edges"]
    g.add_edges_from(zip(e[0::2], e[1::2]))
    build = time.perf_counter() - t
    out = {}
    for name, flat in data["sets"].items():
        pairs = list(zip(flat[0::2], flat[1::2]))
        result = {"seconds": {}}
        for key, fn in SCORES.items():
            t = time.perf_counter()
            result[key] = [float(s) for _, _, s in fn(g, pairs)]
            result["seconds"][key] = time.perf_counter() - t
        out[name] = result
    json.dump({"build_seconds": build, "sets": out}, sys.stdout)


if __name__ == "__main__":
    main()
