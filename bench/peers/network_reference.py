"""Reference values (NetworkX, igraph and plain Python) for the network-structure kernels of Milieu:
core numbers, betweenness, modularity, Louvain, brokerage roles, clustering, path length.

Three modes, each printing one JSON object on stdout.

  graph (default): reads {"n", "edges": [[u, v] or [u, v, w], ...], "partition": [...] (optional),
      "groups": [...] (optional)} on stdin; nodes 0 .. n-1, a simple undirected graph (repeated pairs
      keep the last weight, self-loops are dropped). Prints
        networkx, igraph          versions
        core_networkx             nx.core_number per node
        core_igraph               Graph.coreness() per node
        betweenness_networkx      nx.betweenness_centrality(G, normalized=True) per node (unweighted)
        betweenness_igraph        Graph.betweenness() normalised by 2 / ((n-1)(n-2)) per node
        transitivity_networkx / _igraph, average_clustering_networkx / _igraph (mode="zero")
        path_length_networkx      nx.average_shortest_path_length of the largest component
        modularity_networkx       nx.community.modularity(G, partition, weight="weight") if a partition
        modularity_igraph         Graph.modularity(partition, weights) if a partition
        multilevel_igraph         modularity of Graph.community_multilevel(weights) (best of 5 runs)
        louvain_networkx          modularity of nx.community.louvain_communities(seed=1)
        brokerage                 Gould-Fernandez counts per node (if groups), see brokerage() below

  --h2020 PATH: the co-participation network of the H2020 participations file (nodes = distinct pic,
      sorted as strings; a tie when two pics share an rcn). Prints pics, core_igraph (coreness per
      pic), transitivity_igraph, average_clustering_igraph, nodes, edges.

  --bench PATH: reads the same JSON graph as the graph mode on stdin and times, on that graph,
      exact betweenness (igraph; NetworkX unless --skip-networkx-betweenness), then on the H2020
      network at PATH (if it exists) core numbers, Louvain / multilevel and clustering with igraph and
      NetworkX. Prints {"seconds": {...}, "values": {...}}.

Run with Debian's interpreter, which has python3-networkx and python3-igraph:
  echo '{"n": 3, "edges": [[0, 1], [1, 2]], "groups": [0, 0, 1]}' | /usr/bin/python3 bench/peers/network_reference.py
"""

import gzip
import json
import sys
import time

try:
    import igraph as ig
    import networkx as nx
except ImportError as error:
    sys.stderr.write(
        f"network_reference.py: {error}; install the Debian packages python3-networkx and python3-igraph "
        "and run this script with /usr/bin/python3\n"
    )
    sys.exit(3)


def read_graph(data):
    n = int(data["n"])
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for edge in data["edges"]:
        u, v = int(edge[0]), int(edge[1])
        if u == v:
            continue
        weight = float(edge[2]) if len(edge) > 2 else 1.0
        graph.add_edge(u, v, weight=weight)
    if graph.number_of_nodes() != n:
        raise SystemExit(f"edge list names nodes outside 0..{n - 1}")
    return graph


def to_igraph(graph):
    n = graph.number_of_nodes()
    edges = list(graph.edges(data="weight"))
    g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    return g


def brokerage(graph, groups):
    """Gould & Fernandez (1989) roles of every node b over its ordered two-paths a -> b -> c of the
    symmetrised graph, written out path by path: a and c distinct neighbours of b that are not tied
    to each other, all three with a known group (>= 0). An open pair {a, c} is two paths, so it
    counts twice as coordinator, itinerant or liaison, or once as gatekeeper (g(b) = g(c)) and once
    as representative (g(a) = g(b))."""
    roles = {name: [0] * graph.number_of_nodes() for name in
             ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")}
    for b in graph.nodes():
        gb = groups[b]
        if gb < 0:
            continue
        neighbours = [v for v in graph.neighbors(b) if groups[v] >= 0]
        for a in neighbours:
            for c in neighbours:
                if a == c or graph.has_edge(a, c):
                    continue
                ga, gc = groups[a], groups[c]
                if ga == gb and gc == gb:
                    roles["coordinator"][b] += 1
                elif ga == gc:
                    roles["itinerant"][b] += 1
                elif gc == gb:
                    roles["gatekeeper"][b] += 1
                elif ga == gb:
                    roles["representative"][b] += 1
                else:
                    roles["liaison"][b] += 1
    return roles


def best_multilevel(g, runs=5):
    best = None
    for seed in range(runs):
        import random

        random.seed(seed)
        ig.set_random_number_generator(random)
        q = g.community_multilevel(weights="weight").modularity
        best = q if best is None or q > best else best
    return best


def graph_mode(data):
    graph = read_graph(data)
    g = to_igraph(graph)
    n = graph.number_of_nodes()
    core = nx.core_number(graph)
    bc = nx.betweenness_centrality(graph, normalized=True)
    bc_ig = g.betweenness(directed=False)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    largest = max(nx.connected_components(graph), key=len)
    result = {
        "networkx": nx.__version__,
        "igraph": ig.__version__,
        "core_networkx": [core[i] for i in range(n)],
        "core_igraph": g.coreness(),
        "betweenness_networkx": [bc[i] for i in range(n)],
        "betweenness_igraph": [b * scale for b in bc_ig],
        "transitivity_networkx": nx.transitivity(graph),
        "transitivity_igraph": g.transitivity_undirected(),
        "average_clustering_networkx": nx.average_clustering(graph),
        "average_clustering_igraph": g.transitivity_avglocal_undirected(mode="zero"),
        "path_length_networkx": nx.average_shortest_path_length(graph.subgraph(largest)),
        "multilevel_igraph": best_multilevel(g),
        "louvain_networkx": nx.community.modularity(
            graph, nx.community.louvain_communities(graph, weight="weight", seed=1), weight="weight"
        ),
    }
    partition = data.get("partition")
    if partition is not None:
        blocks = {}
        for node, label in enumerate(partition):
            blocks.setdefault(label, set()).add(node)
        result["modularity_networkx"] = nx.community.modularity(graph, list(blocks.values()), weight="weight")
        result["modularity_igraph"] = g.modularity(partition, weights="weight")
    groups = data.get("groups")
    if groups is not None:
        result["brokerage"] = brokerage(graph, groups)
    return result


def h2020_graph(path):
    """Sorted pics and the co-participation edge list (pairs of pic indices sharing an rcn)."""
    projects = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split(",")
        i_rcn, i_pic = header.index("rcn"), header.index("pic")
        for line in handle:
            fields = line.rstrip("\n").split(",")
            if len(fields) <= max(i_rcn, i_pic):
                continue
            projects.setdefault(fields[i_rcn], set()).add(fields[i_pic])
    pics = sorted(set().union(*projects.values()))
    index = {p: i for i, p in enumerate(pics)}
    edges = set()
    for members in projects.values():
        ids = sorted(index[p] for p in members)
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                edges.add((ids[a], ids[b]))
    return pics, sorted(edges)


def h2020_mode(path):
    pics, edges = h2020_graph(path)
    g = ig.Graph(n=len(pics), edges=edges)
    return {
        "igraph": ig.__version__,
        "nodes": len(pics),
        "edges": len(edges),
        "pics": pics,
        "core_igraph": g.coreness(),
        "transitivity_igraph": g.transitivity_undirected(),
        "average_clustering_igraph": g.transitivity_avglocal_undirected(mode="zero"),
    }


def timed(seconds, key, action):
    start = time.perf_counter()
    value = action()
    seconds[key] = time.perf_counter() - start
    return value


def bench_mode(data, path, with_nx_betweenness):
    import os

    seconds = {}
    values = {}
    graph = read_graph(data)
    g = to_igraph(graph)
    n = graph.number_of_nodes()
    bc = timed(seconds, "betweenness_igraph", lambda: g.betweenness(directed=False))
    values["betweenness_igraph_max"] = max(bc) * 2 / ((n - 1) * (n - 2))
    if with_nx_betweenness:
        bcx = timed(seconds, "betweenness_networkx", lambda: nx.betweenness_centrality(graph))
        values["betweenness_networkx_max"] = max(bcx.values())
    if os.path.exists(path):
        pics, edges = timed(seconds, "h2020_build", lambda: h2020_graph(path))
        h = ig.Graph(n=len(pics), edges=edges)
        G = nx.Graph()
        G.add_nodes_from(range(len(pics)))
        G.add_edges_from(edges)
        values["h2020_nodes"] = len(pics)
        values["h2020_edges"] = len(edges)
        core = timed(seconds, "kcore_igraph", h.coreness)
        values["kcore_igraph_max"] = max(core)
        core = timed(seconds, "kcore_networkx", lambda: nx.core_number(G))
        values["kcore_networkx_max"] = max(core.values())
        ml = timed(seconds, "louvain_igraph", h.community_multilevel)
        values["louvain_igraph_modularity"] = ml.modularity
        values["louvain_igraph_count"] = len(ml)
        lv = timed(seconds, "louvain_networkx", lambda: nx.community.louvain_communities(G, seed=1))
        values["louvain_networkx_modularity"] = nx.community.modularity(G, lv)
        values["louvain_networkx_count"] = len(lv)

        def igraph_clustering():
            return h.transitivity_undirected(), h.transitivity_avglocal_undirected(mode="zero")

        def nx_clustering():
            return nx.transitivity(G), nx.average_clustering(G)

        values["clustering_igraph"] = timed(seconds, "clustering_igraph", igraph_clustering)
        values["clustering_networkx"] = timed(seconds, "clustering_networkx", nx_clustering)
    return {"networkx": nx.__version__, "igraph": ig.__version__, "seconds": seconds, "values": values}


def main():
    args = sys.argv[1:]
    if "--h2020" in args:
        result = h2020_mode(args[args.index("--h2020") + 1])
    elif "--bench" in args:
        path = args[args.index("--bench") + 1]
        result = bench_mode(json.load(sys.stdin), path, "--skip-networkx-betweenness" not in args)
    else:
        result = graph_mode(json.load(sys.stdin))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
