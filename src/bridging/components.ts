/**
 * The components of a candidate pair's score, each a documented number computed from the snapshot
 * at T only (docs/bridging.md gives every formula and its source). For a pair (u, v) with
 * neighbourhoods Γ(u), Γ(v) and degrees k in the network at T:
 *
 * (a) network closure
 *   - commonPartners  CN = |Γ(u) ∩ Γ(v)|
 *   - adamicAdar      AA = Σ_{w ∈ Γ(u)∩Γ(v)} 1 / ln k_w   (Adamic & Adar 2003; k_w ≥ 2 for a common partner)
 *   - resourceAllocation RA = Σ_{w ∈ Γ(u)∩Γ(v)} 1 / k_w   (Zhou, Lü & Zhang 2009)
 *   - sharedConsortia  projects larger than the cap both took part in by T (they have met in a
 *     programme-level consortium, but the network does not count it as a tie)
 * (b) technological proximity
 *   - sector     1 same NACE division, 0.5 same section only, 0 different, NaN when a sector is unknown
 *   - programme  cosine of the two programme-part profiles (known projects per part): 0 … 1
 * (c) geographic proximity
 *   - sameNuts3  1 same NUTS-3, 0 different, NaN when either NUTS-3 is unknown
 *   - bothInside 1 when both are inside the study region
 *   - sameCountry 1 same country, 0 different, NaN when either is unknown
 * (d) complementarity  1 for a firm with a knowledge centre (university, research institute,
 *   technology centre), the bridge the study finds too weak (par. 13, 16), else 0
 * (e) openness
 *   - openness  ln(1 + k_u) + ln(1 + k_v): how many partners each side already has
 *   - activity  ln(1 + r_u) + ln(1 + r_v), r = projects started in the last three years up to T
 */
import type { Dataset } from '../dataset/dataset.ts';
import { geography } from '../measures/scope.ts';
import { parseNace } from '../model/nace.ts';
import { type Candidates, groupOf } from './candidates.ts';
import { type Snapshot, weightIn } from './snapshot.ts';

export const COMPONENTS = [
  'commonPartners',
  'adamicAdar',
  'resourceAllocation',
  'sharedConsortia',
  'sector',
  'programme',
  'sameNuts3',
  'bothInside',
  'sameCountry',
  'complementarity',
  'openness',
  'activity',
] as const;
export type Component = (typeof COMPONENTS)[number];

/** One Float64Array per component, each `count` long, in candidate order. */
export type ComponentValues = Record<Component, Float64Array>;

const SECTORS = new WeakMap<Dataset, { division: Int16Array; section: Int8Array }>();

/** Each organisation's NACE division and section (−1 unknown), parsed once per Dataset. */
function sectors(dataset: Dataset) {
  let s = SECTORS.get(dataset);
  if (s) return s;
  const o = dataset.organisations;
  const division = new Int16Array(o.count).fill(-1);
  const section = new Int8Array(o.count).fill(-1);
  for (let i = 0; i < o.count; i++) {
    const code = o.sector[i] ? parseNace(o.sector[i]!) : null;
    if (code === null) continue;
    section[i] = code.section.charCodeAt(0) - 65;
    if (code.division !== null) division[i] = code.division;
  }
  s = { division, section };
  SECTORS.set(dataset, s);
  return s;
}

/** The sector component of u and v (see the module comment). */
export function sectorProximity(dataset: Dataset, u: number, v: number): number {
  return sectorOf(sectors(dataset), u, v);
}

function sectorOf(s: { division: Int16Array; section: Int8Array }, u: number, v: number): number {
  const { division, section } = s;
  if (section[u] < 0 || section[v] < 0) return Number.NaN;
  if (division[u] >= 0 && division[u] === division[v]) return 1;
  return section[u] === section[v] ? 0.5 : 0;
}

/** Cosine similarity of the programme-part profiles of u and v (0 when either has none). */
export function programmeProximity(snapshot: Snapshot, u: number, v: number): number {
  const nu = snapshot.profileNorm[u];
  const nv = snapshot.profileNorm[v];
  if (nu === 0 || nv === 0) return 0;
  const P = snapshot.parts.length;
  let dot = 0;
  for (let j = 0; j < P; j++) dot += snapshot.profile[u * P + j] * snapshot.profile[v * P + j];
  return dot / (nu * nv);
}

/**
 * Every component of every candidate pair. The closure components come from one two-step expansion
 * per left organisation u (for each partner w, each partner v of w gets 1, 1/ln k_w and 1/k_w),
 * read off for u's candidates, then cleared along the touched list. Cost O(Σ_u Σ_{w∈Γ(u)} k_w +
 * C·P) for C candidates and P programme parts.
 */
export function computeComponents(
  dataset: Dataset,
  snapshot: Snapshot,
  members: Uint8Array,
  candidates: Candidates,
): ComponentValues {
  const C = candidates.count;
  const out = Object.fromEntries(COMPONENTS.map((c) => [c, new Float64Array(C)])) as ComponentValues;
  const { offsets, targets } = snapshot.network;
  const k = snapshot.degree;
  const cn = new Float64Array(snapshot.n);
  const aa = new Float64Array(snapshot.n);
  const ra = new Float64Array(snapshot.n);
  const touched = new Int32Array(snapshot.n);
  const geo = geography(dataset);
  const sector = sectors(dataset);
  let i = 0;
  while (i < C) {
    const u = candidates.left[i];
    let end = i;
    while (end < C && candidates.left[end] === u) end++;
    let nTouched = 0;
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const w = targets[a];
      const kw = k[w];
      const inv = 1 / kw;
      const invLog = 1 / Math.log(kw);
      for (let b = offsets[w]; b < offsets[w + 1]; b++) {
        const v = targets[b];
        if (cn[v] === 0) touched[nTouched++] = v;
        cn[v] += 1;
        aa[v] += invLog;
        ra[v] += inv;
      }
    }
    for (let c = i; c < end; c++) {
      const v = candidates.right[c];
      out.commonPartners[c] = cn[v];
      out.adamicAdar[c] = aa[v];
      out.resourceAllocation[c] = ra[v];
      out.sharedConsortia[c] = weightIn(snapshot.consortia, u, v);
      out.sector[c] = sectorOf(sector, u, v);
      out.programme[c] = programmeProximity(snapshot, u, v);
      out.sameNuts3[c] =
        geo.nuts3[u] < 0 || geo.nuts3[v] < 0 ? Number.NaN : geo.nuts3[u] === geo.nuts3[v] ? 1 : 0;
      out.bothInside[c] = members[u] && members[v] ? 1 : 0;
      out.sameCountry[c] =
        geo.country[u] < 0 || geo.country[v] < 0 ? Number.NaN : geo.country[u] === geo.country[v] ? 1 : 0;
      const gu = groupOf(dataset, u);
      const gv = groupOf(dataset, v);
      out.complementarity[c] = (gu === 1 && gv === 2) || (gu === 2 && gv === 1) ? 1 : 0;
      out.openness[c] = Math.log1p(k[u]) + Math.log1p(k[v]);
      out.activity[c] = Math.log1p(snapshot.recent[u]) + Math.log1p(snapshot.recent[v]);
    }
    for (let t = 0; t < nTouched; t++) {
      const v = touched[t];
      cn[v] = 0;
      aa[v] = 0;
      ra[v] = 0;
    }
    i = end;
  }
  return out;
}
