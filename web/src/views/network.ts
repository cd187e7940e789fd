// The Network view: a region's organisations and their partners drawn with sigma.js (WebGL) over a
// graphology graph laid out by ForceAtlas2. Nodes coloured by kind or by place (in the region, same
// country, elsewhere in Europe, outside); local ties dark grey, external ties sky blue. Search, filters by
// kind / tie kind / years / minimum weight, and a panel for the chosen organisation (ties, parent,
// descendants, brokerage role). Networks over the server's edge bound arrive aggregated to NUTS-2
// regions; either can be asked for aggregated to NUTS-2 regions or to Louvain communities
// (`&aggregate=nuts2|communities`), and is drawn as such.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { get } from '../api.ts';
import { formatNumber, KIND_LEGEND, kindColour, PLACE_COLOURS } from '../format.ts';
import type { ViewContext } from '../view-context.ts';
import { type FamilyTreeNode, treeIndex } from './tree-index.ts';

interface NodeRow {
  id: string;
  name: string | null;
  kind: string;
  region: string | null;
  locality: string | null;
  local: boolean;
  degree: number;
  role: string | null;
}
interface EdgeRow {
  source: number;
  target: number;
  kinds: string[];
  weight: number;
  from: number | null;
  to: number | null;
  local: boolean;
}
interface Detailed {
  aggregated: false;
  nodes: NodeRow[];
  edges: EdgeRow[];
}
interface Aggregated {
  aggregated: true;
  by: 'nuts2' | 'communities';
  organisations: number;
  ties: number;
  nodes: { id: string; organisations: number; local: number; hub?: string }[];
  edges: { source: number; target: number; weight: number; ties: number; local: boolean }[];
}

/** European countries (Eurostat spelling), for the place of a partner. */
const EUROPE = new Set(
  'AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK UK IS LI NO CH ME MK AL RS TR BA XK MD UA'.split(
    ' ',
  ),
);

function placeOf(node: NodeRow, country: string): string {
  if (node.local) return 'in the region';
  if (node.region === null) return 'unknown';
  const c = node.region.slice(0, 2);
  if (c === country) return 'same country';
  return EUROPE.has(c) ? 'elsewhere in Europe' : 'outside Europe';
}

const LOCAL_TIE = 'rgba(40,40,40,0.55)';
const EXTERNAL_TIE = 'rgba(86,180,233,0.6)';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const l = el('label');
  l.append(`${text} `, control);
  return l;
}

/** Places nodes on a spiral (deterministic start), then ForceAtlas2 for a number of steps bounded by size. */
function layout(graph: Graph): void {
  let i = 0;
  graph.forEachNode((node) => {
    const r = Math.sqrt(i + 1);
    const a = i * 2.399963;
    graph.mergeNodeAttributes(node, { x: r * Math.cos(a), y: r * Math.sin(a) });
    i++;
  });
  const work = graph.order + graph.size;
  const iterations = Math.max(10, Math.min(200, Math.floor(2_000_000 / Math.max(1, work))));
  forceAtlas2.assign(graph, {
    iterations,
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 1000 },
  });
}

export async function networkView({ region, regions, main }: ViewContext): Promise<void> {
  const info = regions.find((r) => r.id === region);
  const country = (info?.nuts[0] ?? '').slice(0, 2);
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const asked = params.get('aggregate');
  const whole = params.get('scope') === 'all';
  const grouping = asked === 'nuts2' || asked === 'communities' ? asked : whole ? 'nuts2' : 'auto';
  const [data, trees] = await Promise.all([
    get<Detailed | Aggregated>(whole ? 'network' : `regions/${encodeURIComponent(region)}/network`, {
      aggregate: grouping,
      // the server aggregates above this many ties; `&maxEdges=N` in the address asks for more
      maxEdges: whole ? undefined : Number(params.get('maxEdges') ?? 100000),
    }),
    get<{ trees: { root: FamilyTreeNode }[] }>(`regions/${encodeURIComponent(region)}/genealogy`),
  ]);
  const lineage = treeIndex(trees.trees.map((t) => t.root));

  const h = el('h2', {
    textContent: whole ? 'Network: the whole dataset' : `Network: ${info?.name ?? region}`,
  });
  const controls = el('div', { className: 'controls' });
  const stage = el('div', { className: 'network-stage' });
  const canvas = el('div', { className: 'sigma', id: 'sigma' });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'tie network');
  const panel = el('aside', { className: 'node-panel', id: 'node-panel' });
  panel.textContent = 'Choose an organisation (click it, or search) to see its ties.';
  const status = el('p', { className: 'status', id: 'network-status' });
  const legend = el('div', { className: 'legend' });
  stage.append(canvas, panel);
  main.append(h, controls, status, legend, stage);

  // nodes: organisations (the region's network only), NUTS-2 regions or Louvain communities
  const nodesAs = el('select', { id: 'aggregate' });
  const choices: [string, string][] = [
    ['auto', 'organisations'],
    ['nuts2', 'NUTS-2 regions'],
    ['communities', 'communities (Louvain)'],
  ];
  for (const [value, text] of whole ? choices.slice(1) : choices)
    nodesAs.append(el('option', { value, textContent: text }));
  nodesAs.value = data.aggregated ? data.by : 'auto';
  const wholeBox = el('input', { type: 'checkbox', checked: whole, id: 'whole-network' });
  const go = () => {
    const scope = wholeBox.checked ? '&scope=all' : '';
    const by = nodesAs.value === 'auto' ? '' : `&aggregate=${nodesAs.value}`;
    location.hash = `#/network?region=${encodeURIComponent(region)}${scope}${by}`;
  };
  nodesAs.addEventListener('change', go);
  wholeBox.addEventListener('change', go);
  controls.append(labelled('Nodes', nodesAs), labelled('Whole dataset', wholeBox));

  const graph = new Graph({ type: 'undirected', multi: false });
  if (data.aggregated) {
    const communities = data.by === 'communities';
    for (const [i, n] of data.nodes.entries())
      graph.addNode(String(i), {
        label: communities ? `${n.id} · ${n.hub} (${n.organisations})` : `${n.id} (${n.organisations})`,
        size: 3 + Math.sqrt(n.organisations),
        color:
          n.local > 0 && !whole
            ? PLACE_COLOURS['in the region']
            : communities
              ? PLACE_COLOURS['elsewhere in Europe']
              : n.id.slice(0, 2) === country
                ? PLACE_COLOURS['same country']
                : PLACE_COLOURS['elsewhere in Europe'],
      });
    // draw the strongest links only (`&links=N`, default 3,000): the whole H2020 network has about
    // 50,000 links between NUTS-2 regions, too many to pan smoothly with software rendering
    const links = data.edges.filter((e) => e.source !== e.target).sort((a, b) => b.weight - a.weight);
    const shown = Math.min(links.length, Number(params.get('links') ?? 3000));
    for (const e of links.slice(0, shown))
      graph.addEdge(String(e.source), String(e.target), {
        size: 0.5 + Math.log1p(e.weight),
        color: e.local ? LOCAL_TIE : EXTERNAL_TIE,
      });
    layout(graph);
    const groups = communities ? 'Louvain communities (seed 1)' : 'NUTS-2 regions (or countries)';
    status.textContent = `${formatNumber(data.organisations)} organisations and ${formatNumber(data.ties)} ties aggregated into ${data.nodes.length} ${groups}; the ${formatNumber(shown)} strongest of ${formatNumber(links.length)} links between them drawn`;
    status.dataset.nodes = String(graph.order);
    status.dataset.edges = String(graph.size);
    const renderer = new Sigma(graph, canvas, { renderEdgeLabels: false, labelRenderedSizeThreshold: 6 });
    (window as unknown as { milieuSigma: Sigma }).milieuSigma = renderer;
    legend.textContent = communities
      ? `Node: a community, named by its best-connected organisation; dark blue when it holds members of the region, orange otherwise. Edges: dark grey between members, sky blue otherwise.`
      : 'Node colour: dark blue holds the region, green same country, orange elsewhere. Edges: dark grey inside the region, sky blue to the outside.';
    return;
  }

  const nodes = data.nodes;
  const edges = data.edges;
  for (const [i, n] of nodes.entries())
    graph.addNode(String(i), {
      label: n.name ?? n.id,
      size: (n.local ? 3 : 2) + Math.sqrt(n.degree),
      color: kindColour(n.kind),
    });
  for (const [k, e] of edges.entries())
    graph.addEdgeWithKey(String(k), String(e.source), String(e.target), {
      size: 0.4 + Math.log1p(e.weight) * 0.8,
      color: e.local ? LOCAL_TIE : EXTERNAL_TIE,
    });
  layout(graph);

  // ---- filters
  const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
  const tieKinds = [...new Set(edges.flatMap((e) => e.kinds))].sort();
  const years = edges.flatMap((e) => [e.from, e.to]).filter((y): y is number => y !== null);
  const minYear = years.length ? Math.min(...years) : 0;
  const maxYear = years.length ? Math.max(...years) : 0;
  const kindBoxes = el('fieldset', { className: 'filter kinds' });
  kindBoxes.append(el('legend', { textContent: 'Organisation kinds' }));
  for (const k of kinds) {
    const b = el('input', { type: 'checkbox', checked: true, value: k });
    b.dataset.kind = k;
    kindBoxes.append(labelled(k, b));
  }
  const tieBoxes = el('fieldset', { className: 'filter tie-kinds' });
  tieBoxes.append(el('legend', { textContent: 'Tie kinds' }));
  for (const k of tieKinds) {
    const b = el('input', { type: 'checkbox', checked: true, value: k });
    b.dataset.tieKind = k;
    tieBoxes.append(labelled(k, b));
  }
  const fromInput = el('input', { type: 'number', value: String(minYear), id: 'year-from' });
  const toInput = el('input', { type: 'number', value: String(maxYear), id: 'year-to' });
  const weightInput = el('input', { type: 'number', value: '0', min: '0', step: '0.5', id: 'min-weight' });
  const colourBy = el('select', { id: 'colour-by' });
  for (const v of ['kind', 'place'])
    colourBy.append(el('option', { value: v, textContent: `colour by ${v}` }));
  const search = el('input', {
    type: 'search',
    id: 'network-search',
    placeholder: 'organisation name or id',
  });
  search.setAttribute('list', 'network-names');
  const names = el('datalist', { id: 'network-names' });
  for (const n of nodes.slice(0, 5000)) names.append(el('option', { value: n.name ?? n.id }));
  const yearsBox = el('fieldset', { className: 'filter years' });
  yearsBox.append(
    el('legend', { textContent: 'Years and weight' }),
    labelled('from', fromInput),
    labelled('to', toInput),
    labelled('min. weight', weightInput),
  );
  controls.append(kindBoxes, tieBoxes, yearsBox, colourBy, labelled('Search', search), names);

  const state = {
    kinds: new Set(kinds),
    tieKinds: new Set(tieKinds),
    from: minYear,
    to: maxYear,
    minWeight: 0,
    colour: 'kind',
    selected: -1,
  };
  const edgeVisible = (e: EdgeRow) =>
    e.weight >= state.minWeight &&
    e.kinds.some((k) => state.tieKinds.has(k)) &&
    (e.to === null || e.to >= state.from) &&
    (e.from === null || e.from <= state.to) &&
    state.kinds.has(nodes[e.source].kind) &&
    state.kinds.has(nodes[e.target].kind);

  const renderer = new Sigma(graph, canvas, {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 8,
    nodeReducer: (key, attrs) => {
      const n = nodes[Number(key)];
      const out = { ...attrs };
      if (!state.kinds.has(n.kind)) out.hidden = true;
      if (state.colour === 'place') out.color = PLACE_COLOURS[placeOf(n, country)];
      if (Number(key) === state.selected) out.highlighted = true;
      return out;
    },
    edgeReducer: (key, attrs) => (edgeVisible(edges[Number(key)]) ? attrs : { ...attrs, hidden: true }),
  });
  (window as unknown as { milieuSigma: Sigma }).milieuSigma = renderer;

  const showCounts = () => {
    let shownNodes = 0;
    for (const n of nodes) if (state.kinds.has(n.kind)) shownNodes++;
    let shownEdges = 0;
    for (const e of edges) if (edgeVisible(e)) shownEdges++;
    status.textContent = `${formatNumber(shownNodes)} of ${formatNumber(nodes.length)} organisations, ${formatNumber(shownEdges)} of ${formatNumber(edges.length)} ties shown (${nodes.filter((n) => n.local).length} in the region)`;
    status.dataset.nodes = String(shownNodes);
    status.dataset.edges = String(shownEdges);
  };
  const showLegend = () => {
    legend.replaceChildren();
    const entries = state.colour === 'kind' ? KIND_LEGEND : Object.entries(PLACE_COLOURS);
    for (const [label, colour] of entries) {
      const s = el('span', { className: 'swatch' });
      s.style.background = colour;
      legend.append(s, ` ${label} `);
    }
    const l = el('span', { className: 'swatch line' });
    l.style.background = LOCAL_TIE;
    const x = el('span', { className: 'swatch line' });
    x.style.background = EXTERNAL_TIE;
    legend.append(' ties: ', l, ' local ', x, ' external');
  };
  const update = () => {
    state.kinds = new Set(
      [...kindBoxes.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value),
    );
    state.tieKinds = new Set(
      [...tieBoxes.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value),
    );
    state.from = Number(fromInput.value) || minYear;
    state.to = Number(toInput.value) || maxYear;
    state.minWeight = Number(weightInput.value) || 0;
    state.colour = colourBy.value;
    renderer.refresh();
    showCounts();
    showLegend();
  };
  for (const c of [kindBoxes, tieBoxes, yearsBox]) c.addEventListener('change', update);
  colourBy.addEventListener('change', update);

  const open = (i: number) => {
    state.selected = i;
    const n = nodes[i];
    const ties = edges
      .map((e) => (e.source === i ? [e.target, e] : e.target === i ? [e.source, e] : null))
      .filter((x): x is [number, EdgeRow] => x !== null)
      .sort((a, b) => b[1].weight - a[1].weight);
    const family = lineage.get(n.id);
    panel.replaceChildren(
      el('h3', { textContent: n.name ?? n.id }),
      el('p', {
        textContent: `${n.kind} · ${n.locality ?? '?'} (${n.region ?? '?'}) · ${n.local ? 'in the region' : 'partner outside'}`,
      }),
      el('p', { className: 'role', textContent: `Brokerage role: ${n.role ?? 'none (no open two-paths)'}` }),
      el('p', { className: 'parent', textContent: `Parent: ${family?.parent ?? 'none'}` }),
      el('p', {
        className: 'descendants',
        textContent: `Descendants: ${family?.descendants ?? 0}${family?.children.length ? ` (direct: ${family.children.join(', ')})` : ''}`,
      }),
      el('h4', { textContent: `${ties.length} ties` }),
    );
    const list = el('ul', { className: 'ties' });
    for (const [j, e] of ties.slice(0, 100)) {
      const li = el('li');
      const b = el('button', { type: 'button', textContent: nodes[j].name ?? nodes[j].id });
      b.addEventListener('click', () => open(j));
      li.append(
        b,
        ` ${e.kinds.join(', ')} · weight ${formatNumber(e.weight)} · ${e.from ?? '?'}–${e.to ?? ''} · ${e.local ? 'local' : 'external'}`,
      );
      list.append(li);
    }
    panel.append(list);
    panel.dataset.node = n.id;
    const display = renderer.getNodeDisplayData(String(i));
    if (display)
      void renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.5 }, { duration: 300 });
    renderer.refresh();
  };
  renderer.on('clickNode', ({ node }) => open(Number(node)));
  search.addEventListener('change', () => {
    const q = search.value.trim().toLowerCase();
    const i = nodes.findIndex((n) => (n.name ?? '').toLowerCase() === q || n.id.toLowerCase() === q);
    const j = i >= 0 ? i : nodes.findIndex((n) => (n.name ?? n.id).toLowerCase().includes(q));
    if (j >= 0) open(j);
  });
  showCounts();
  showLegend();
}
