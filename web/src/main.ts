// The dashboard shell: the hash router (#/view?region=id), the region picker shared by the views,
// and loading / error messages. Each view is a function that fills the main element.
import './style.css';
import { get, type Region } from './api.ts';
import type { ViewContext } from './view-context.ts';
import { compareView } from './views/compare.ts';
import { mapView } from './views/map.ts';
import { networkView } from './views/network.ts';
import { overviewView } from './views/overview.ts';
import { scenariosView } from './views/scenarios.ts';
import { treesView } from './views/trees.ts';

type View = (context: ViewContext) => Promise<void>;

const VIEWS: Record<string, View> = {
  overview: overviewView,
  compare: compareView,
  network: networkView,
  trees: treesView,
  map: mapView,
  scenarios: scenariosView,
};

const main = document.getElementById('view')!;
const picker = document.getElementById('region') as HTMLSelectElement;
let regions: Region[] = [];
let findings = false;
let rendering = 0;

function route(): { view: string; region: string | null } {
  const m = /^#\/([a-z]+)(?:\?region=([^&]+))?/.exec(location.hash);
  return { view: m && m[1] in VIEWS ? m[1] : 'overview', region: m?.[2] ? decodeURIComponent(m[2]) : null };
}

async function render(): Promise<void> {
  const mine = ++rendering;
  const { view, region } = route();
  const chosen = region ?? picker.value ?? regions[0]?.id;
  if (chosen) picker.value = chosen;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    a.href = `#/${a.dataset.view}?region=${encodeURIComponent(picker.value)}`;
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.body.dataset.view = view;
  // the view fills a hidden element already in the page, so that sized children (sigma's canvas) work
  const loading = message('Loading…', 'loading');
  const target = document.createElement('div');
  target.style.visibility = 'hidden';
  main.replaceChildren(loading, target);
  main.dataset.state = 'loading';
  try {
    await VIEWS[view]({ region: picker.value, regions, main: target, findings });
    if (mine !== rendering) return;
    loading.remove();
    target.style.visibility = '';
    main.dataset.state = 'ready';
  } catch (e) {
    if (mine !== rendering) return;
    main.replaceChildren(message((e as Error).message, 'error'));
    main.dataset.state = 'error';
  }
}

export function message(text: string, kind: 'loading' | 'error' | 'note'): HTMLElement {
  const p = document.createElement('p');
  p.className = kind;
  p.textContent = text;
  return p;
}

async function start(): Promise<void> {
  const [list, info] = await Promise.all([
    get<Region[]>('regions'),
    get<{ source: string; milieuVersion: string; organisations: number; findings: boolean }>('info'),
  ]);
  findings = info.findings;
  // regions with organisations first: the study clusters, then the store's own
  regions = list.filter((r) => r.organisations > 0).sort((a, b) => Number(b.study) - Number(a.study));
  for (const r of regions) {
    const o = document.createElement('option');
    o.value = r.id;
    o.textContent = `${r.name} (${r.organisations})`;
    picker.append(o);
  }
  document.getElementById('footer')!.textContent =
    `Milieu ${info.milieuVersion} · ${info.source} · ${info.organisations.toLocaleString('en-GB')} organisations`;
  picker.addEventListener('change', () => {
    location.hash = `#/${route().view}?region=${encodeURIComponent(picker.value)}`;
  });
  window.addEventListener('hashchange', () => void render());
  await render();
}

void start().catch((e) => main.replaceChildren(message((e as Error).message, 'error')));
