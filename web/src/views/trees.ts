// Family trees: the region's spin-off genealogies, listed with their size, and the chosen one drawn
// as a tidy tree (d3-hierarchy), Endeavor-style: the founding organisation at the left, each
// generation a column to the right, nodes coloured by kind and sized by their own descendants.
import { hierarchy, tree } from 'd3-hierarchy';
import { get } from '../api.ts';
import { chartBox } from '../download.ts';
import { KIND_LEGEND, kindColour } from '../format.ts';
import { sortableTable } from '../table.ts';
import type { ViewContext } from '../view-context.ts';
import type { FamilyTreeNode } from './tree-index.ts';

interface FamilyTree {
  root: FamilyTreeNode;
  direct: number;
  descendants: number;
  depth: number;
  local: number;
  parentKinds: Record<string, number>;
}

const SVG = 'http://www.w3.org/2000/svg';
function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The tree as an SVG: generations as columns (180 px apart), leaves 16 px apart. */
export function drawTree(root: FamilyTreeNode): SVGSVGElement {
  const h = hierarchy(root, (d) => d.children);
  const leaves = h.leaves().length;
  const depth = h.height;
  const width = Math.max(400, (depth + 1) * 200 + 120);
  const height = Math.max(120, leaves * 18 + 40);
  tree<FamilyTreeNode>().size([height - 40, width - 260])(h);
  const svg = svgEl('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'font-family': 'sans-serif',
    'font-size': 11,
  }) as SVGSVGElement;
  svg.setAttribute('aria-label', `spin-off family tree of ${root.name ?? root.id}`);
  const g = svgEl('g', { transform: 'translate(20,20)' });
  svg.append(g);
  for (const link of h.links()) {
    const s = link.source as unknown as { x: number; y: number };
    const t = link.target as unknown as { x: number; y: number };
    const mid = (s.y + t.y) / 2;
    g.append(
      svgEl('path', {
        d: `M${s.y},${s.x}C${mid},${s.x} ${mid},${t.x} ${t.y},${t.x}`,
        fill: 'none',
        stroke: '#888',
        'stroke-width': 1,
      }),
    );
  }
  for (const node of h.descendants()) {
    const p = node as unknown as { x: number; y: number; data: FamilyTreeNode };
    const circle = svgEl('circle', {
      cx: p.y,
      cy: p.x,
      r: 3 + Math.sqrt(p.data.descendants),
      fill: kindColour(p.data.kind),
      stroke: p.data.local ? '#000' : '#fff',
      'stroke-width': 1.2,
    });
    const title = svgEl('title', {});
    title.textContent = `${p.data.name ?? p.data.id} (${p.data.kind}${p.data.year ? `, ${p.data.year}` : ''}): ${p.data.descendants} descendants`;
    circle.append(title);
    const label = svgEl('text', { x: p.y + 8, y: p.x + 4 });
    label.textContent = `${p.data.name ?? p.data.id}${p.data.year ? ` · ${p.data.year}` : ''}`;
    g.append(circle, label);
  }
  svg.classList.add('family-tree');
  return svg;
}

export async function treesView({ region, regions, main }: ViewContext): Promise<void> {
  const { trees } = await get<{ trees: FamilyTree[] }>(`regions/${encodeURIComponent(region)}/genealogy`);
  const name = regions.find((r) => r.id === region)?.name ?? region;
  const h = document.createElement('h2');
  h.textContent = `Spin-off family trees: ${name}`;
  main.append(h);
  if (trees.length === 0) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = 'No spin-off lineage touches this region in the data.';
    main.append(p);
    return;
  }
  const legend = document.createElement('p');
  legend.className = 'legend';
  for (const [label, colour] of KIND_LEGEND) {
    const s = document.createElement('span');
    s.className = 'swatch';
    s.style.background = colour;
    legend.append(s, ` ${label} `);
  }
  legend.append(' · black outline: in the region · size: descendants');
  const picker = document.createElement('select');
  picker.id = 'tree-pick';
  trees.forEach((t, i) => {
    const o = document.createElement('option');
    o.value = String(i);
    o.textContent = `${t.root.name ?? t.root.id} (${t.descendants} descendants, ${t.depth} generations)`;
    picker.append(o);
  });
  const label = document.createElement('label');
  label.append('Family tree ', picker);
  const holder = document.createElement('div');
  holder.className = 'tree-holder';
  const show = () => {
    const t = trees[Number(picker.value)];
    const chart = drawTree(t.root);
    holder.replaceChildren(
      chartBox(`Descendants of ${t.root.name ?? t.root.id}`, chart, `tree-${t.root.id}`),
    );
    holder.dataset.root = t.root.id;
    holder.dataset.descendants = String(t.descendants);
  };
  picker.addEventListener('change', show);
  main.append(label, legend, holder);
  main.append(
    sortableTable({
      name: `${region}-family-trees`,
      caption: 'Every family tree',
      columns: [
        'root',
        'kind',
        'direct spin-offs',
        'descendants',
        'generations',
        'in the region',
        'parent kinds',
      ],
      rows: trees.map((t) => [
        t.root.name ?? t.root.id,
        t.root.kind,
        t.direct,
        t.descendants,
        t.depth,
        t.local,
        Object.entries(t.parentKinds)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
      ]),
    }),
  );
  show();
}
