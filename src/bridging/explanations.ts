/**
 * Every recommendation in words a cluster manager can act on: the facts behind its components (the
 * programme parts both work in, the shared partners who could make the introduction, where the two
 * are, whether the firm already works with any local knowledge centre, how active each side is),
 * all read from the snapshot at T.
 * Example: "both work on SC1 (health) projects (4 and 2); 3 shared partners, among them Fenbridge
 * Technology Centre; both in NUTS-3 UKH12; the firm has no tie to any local university, research
 * institute or technology centre; Acme: 5 partners, 2 projects 2015–2017; …".
 */
import type { Dataset } from '../dataset/dataset.ts';
import { kindName } from '../measures/selection.ts';
import { groupOf } from './candidates.ts';
import { RECENT_YEARS, type Snapshot } from './snapshot.ts';

/** What the Horizon 2020 programme parts are about, for explanations. */
export const PROGRAMME_LABELS: Readonly<Record<string, string>> = {
  SC1: 'health',
  SC2: 'food, farming and bioeconomy',
  SC3: 'energy',
  SC4: 'transport',
  SC5: 'climate, environment and raw materials',
  SC6: 'inclusive and innovative societies',
  SC7: 'secure societies',
  LEIT: 'industrial technologies',
  'Innovation in SMEs': 'SME innovation',
  ERC: 'frontier research',
  MSCA: 'researcher mobility and training',
  FET: 'future and emerging technologies',
  RI: 'research infrastructures',
  SEWP: 'spreading excellence',
  SWAFS: 'science with and for society',
  Euratom: 'nuclear research',
};

export interface PairFacts {
  /** Programme parts both have projects in, most shared first (at most three). */
  sharedParts: { part: string; label: string | null; a: number; b: number }[];
  commonPartners: number;
  /** Up to three shared partners: local ones first, then named ones, then the fewest partners of their own. */
  introducers: { id: string; name: string; kind: string; partners: number; inside: boolean }[];
  place: string;
  /** For a firm–knowledge pair: knowledge centres inside the region the firm is tied to at T. */
  firmLocalKnowledgeTies: number | null;
  activity: { id: string; partners: number; recentProjects: number }[];
}

function nameOf(dataset: Dataset, u: number): string {
  return dataset.organisations.name[u] ?? dataset.organisations.id[u];
}

/** The facts behind the pair (a, b) at the snapshot's T. Cost O(k_a + k_b + P). */
export function pairFacts(
  dataset: Dataset,
  snapshot: Snapshot,
  members: Uint8Array,
  a: number,
  b: number,
): PairFacts {
  const P = snapshot.parts.length;
  const sharedParts: PairFacts['sharedParts'] = [];
  for (let j = 0; j < P; j++) {
    const x = snapshot.profile[a * P + j];
    const y = snapshot.profile[b * P + j];
    if (x > 0 && y > 0)
      sharedParts.push({
        part: snapshot.parts[j],
        label: PROGRAMME_LABELS[snapshot.parts[j]] ?? null,
        a: x,
        b: y,
      });
  }
  sharedParts.sort((p, q) => Math.min(q.a, q.b) - Math.min(p.a, p.b) || p.part.localeCompare(q.part));
  sharedParts.length = Math.min(sharedParts.length, 3);

  // shared partners: merge the two sorted rows
  const { offsets, targets } = snapshot.network;
  const common: number[] = [];
  let i = offsets[a];
  let j = offsets[b];
  while (i < offsets[a + 1] && j < offsets[b + 1]) {
    if (targets[i] === targets[j]) {
      common.push(targets[i]);
      i++;
      j++;
    } else if (targets[i] < targets[j]) i++;
    else j++;
  }
  // the introducer a cluster manager can call on: local first, then named, then the most specific
  // (fewest partners of its own, the partner Adamic–Adar and resource allocation weigh most)
  const named = (w: number) => (dataset.organisations.name[w] ? 1 : 0);
  common.sort(
    (x, y) =>
      members[y] - members[x] || named(y) - named(x) || snapshot.degree[x] - snapshot.degree[y] || x - y,
  );
  const introducers = common.slice(0, 3).map((w) => ({
    id: dataset.organisations.id[w],
    name: nameOf(dataset, w),
    kind: kindName(dataset.organisations.kind[w]),
    partners: snapshot.degree[w],
    inside: members[w] === 1,
  }));

  const o = dataset.organisations;
  let place: string;
  const na = o.nuts[a]?.slice(0, 5);
  const nb = o.nuts[b]?.slice(0, 5);
  if (members[a] && members[b]) {
    place = na && na.length === 5 && na === nb ? `both in the region, in NUTS-3 ${na}` : 'both in the region';
  } else {
    const out = members[a] ? b : a;
    const where = [o.locality[out], o.country[out]].filter(Boolean).join(', ');
    place = `${nameOf(dataset, out)} is outside the region${where ? ` (${where})` : ''}`;
  }

  let firmLocalKnowledgeTies: number | null = null;
  const ga = groupOf(dataset, a);
  const gb = groupOf(dataset, b);
  if ((ga === 1 && gb === 2) || (ga === 2 && gb === 1)) {
    const firm = ga === 1 ? a : b;
    firmLocalKnowledgeTies = 0;
    for (let k = offsets[firm]; k < offsets[firm + 1]; k++) {
      const w = targets[k];
      if (members[w] && groupOf(dataset, w) === 2) firmLocalKnowledgeTies++;
    }
  }
  const activity = [a, b].map((u) => ({
    id: o.id[u],
    partners: snapshot.degree[u],
    recentProjects: snapshot.recent[u],
  }));
  return { sharedParts, commonPartners: common.length, introducers, place, firmLocalKnowledgeTies, activity };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The facts as one sentence (see the module example). */
export function explain(
  dataset: Dataset,
  snapshot: Snapshot,
  facts: PairFacts,
  a: number,
  b: number,
): string {
  const parts: string[] = [];
  if (facts.sharedParts.length > 0) {
    const list = facts.sharedParts
      .slice(0, 2)
      .map((p) => `${p.part}${p.label ? ` (${p.label})` : ''}`)
      .join(' and ');
    const first = facts.sharedParts[0];
    parts.push(`both work on ${list} projects (${first.part}: ${first.a} and ${first.b})`);
  } else parts.push('no programme part in common yet');
  if (facts.commonPartners > 0) {
    const names = facts.introducers
      .slice(0, 2)
      .map((x) => `${x.name}${x.inside ? '' : ' (outside)'}`)
      .join(' and ');
    parts.push(
      facts.commonPartners === 1
        ? `1 shared partner: ${names}`
        : `${plural(facts.commonPartners, 'shared partner')}, among them ${names}`,
    );
  } else parts.push('no shared partner yet');
  parts.push(facts.place);
  if (facts.firmLocalKnowledgeTies !== null) {
    parts.push(
      facts.firmLocalKnowledgeTies === 0
        ? 'the firm has no tie to any local university, research institute or technology centre'
        : `the firm already works with ${plural(facts.firmLocalKnowledgeTies, 'local knowledge centre')}`,
    );
  }
  const from = snapshot.asOf - RECENT_YEARS + 1;
  const side = (u: number, x: PairFacts['activity'][number]) =>
    `${nameOf(dataset, u)}: ${plural(x.partners, 'partner')}, ${plural(x.recentProjects, 'project')} ${from}–${snapshot.asOf}`;
  parts.push(`${side(a, facts.activity[0])}; ${side(b, facts.activity[1])}`);
  return parts.join('; ');
}
