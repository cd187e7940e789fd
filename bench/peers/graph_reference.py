"""NetworkX reference values for the typed-array graph kernels in src/graph.

Reads one graph as JSON on stdin, {"n": <nodes>, "edges": [[u, v], ...]} with node ids 0 .. n-1
(edges may repeat, appear in both orientations or be self-loops; they are read as a simple
undirected graph with self-loops removed), and prints JSON:

  components          number of connected components (isolated nodes count)
  largest_component   size of the largest component (0 for the empty graph)
  triangles           sum(nx.triangles(G).values()) / 3
  node_triangles      nx.triangles per node, in node order
  transitivity        nx.transitivity(G)
  average_clustering  nx.average_clustering(G) (0 for the empty graph)
  clustering          nx.clustering per node, in node order

Run with the Debian interpreter, which has python3-networkx:
  echo '{"n": 3, "edges": [[0, 1], [1, 2], [2, 0]]}' | /usr/bin/python3 bench/peers/graph_reference.py
"""

import json
import sys

try:
    import networkx as nx
except ImportError:
    sys.stderr.write(
        "graph_reference.py: cannot import networkx; install the Debian package python3-networkx "
        "and run this script with /usr/bin/python3\n"
    )
    sys.exit(3)


def main() -> None:
    data = json.load(sys.stdin)
    n = int(data["n"])
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((int(u), int(v)) for u, v in data["edges"])
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    if graph.number_of_nodes() != n:
        raise SystemExit(f"edge list names nodes outside 0..{n - 1}")

    components = [len(c) for c in nx.connected_components(graph)]
    triangles = nx.triangles(graph)
    clustering = nx.clustering(graph)
    result = {
        "networkx": nx.__version__,
        "components": len(components),
        "largest_component": max(components, default=0),
        "triangles": sum(triangles.values()) // 3,
        "node_triangles": [triangles[i] for i in range(n)],
        "transitivity": nx.transitivity(graph),
        "average_clustering": nx.average_clustering(graph) if n > 0 else 0.0,
        "clustering": [clustering[i] for i in range(n)],
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
