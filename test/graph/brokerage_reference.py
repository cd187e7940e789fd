"""Gould-Fernandez brokerage roles by brute force, independent of Milieu's code.

Reads {"n", "edges", "groups"} as JSON on stdin and prints, per role, the count of every node.
The undirected graph becomes a networkx DiGraph with both arcs of every tie; a node b brokers
every ordered pair (a, c) with a -> b, b -> c, a != c and no arc a -> c (Gould & Fernandez 1989,
"Structures of mediation", Sociological Methodology 19). Nodes with a negative group are left out
of every path. Roles by the groups of (a, b, c):
  coordinator    a, b, c in one group
  itinerant      a and c in one group, b in another
  gatekeeper     b and c in one group, a in another (the path enters b's group)
  representative a and b in one group, c in another (the path leaves b's group)
  liaison        three different groups
"""

import json
import sys

import networkx as nx


def main() -> None:
    data = json.load(sys.stdin)
    n, groups = data["n"], data["groups"]
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(data["edges"])
    d = g.to_directed()
    roles = {r: [0] * n for r in ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")}
    for b in d.nodes:
        if groups[b] < 0:
            continue
        for a in d.predecessors(b):
            if groups[a] < 0:
                continue
            for c in d.successors(b):
                if c == a or groups[c] < 0 or d.has_edge(a, c):
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                else:
                    role = "liaison"
                roles[role][b] += 1
    json.dump(roles, sys.stdout)


if __name__ == "__main__":
    main()
