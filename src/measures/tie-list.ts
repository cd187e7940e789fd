/**
 * The dated tie list of a selection, shared by the ties and large-firms families: every stored tie
 * overlapping the years, and one co-participation tie per pair of organisations sharing a selected
 * project, dated by those projects; and its incidence lists.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { TIE_KINDS, VERTICAL_TIE_KINDS } from '../model/index.ts';
import { checkSelection, type Selection } from './common.ts';
import { coParticipationIn, givenYears, overlapsYears, selectedProjects, yearOf } from './selection.ts';

/** The kind index of co-participation ties in TIE_KINDS. */
export const CO_PARTICIPATION = TIE_KINDS.indexOf('co-participation');

/**
 * The ties of a Dataset as one dated edge list: every stored tie (one entry per row; kind codes of
 * STORED_TIE_KINDS, which equal those of TIE_KINDS) followed by one co-participation tie per pair
 * of organisations sharing a project (kind CO_PARTICIPATION), dated from the earliest start to the
 * latest end of the shared projects (NaN when any of them is undated). Self-ties and ties to
 * unknown organisations are dropped.
 */
export interface TieList {
  count: number;
  source: Int32Array;
  target: Int32Array;
  /** Code into TIE_KINDS, UNKNOWN_CODE when unknown. */
  kind: Uint8Array;
  /** First and last year; NaN when unknown (an unknown end means the tie is still active). */
  start: Float64Array;
  end: Float64Array;
}

/**
 * The tie list of a selection: stored ties whose [start, end] overlaps the selection's years and
 * co-participation from the selection's projects (overlapping the years, within the project-size
 * cap: see selection.ts `selectedProjects`); an unknown start or end leaves that side open. Without
 * years or cap, co-participation is dataset.coParticipation itself. The list counts ties, so the
 * co-participation weighting does not change it.
 *
 * Cost: O(m + L + Σ_p s_p² log d) for m stored ties, L participations and projects of s_p
 * participants (the dating looks each project pair up in the CSR by binary search).
 */
export function collectTies(dataset: Dataset, selection: Selection = {}): TieList {
  const sel = checkSelection(selection);
  const years = givenYears(sel);
  // the list depends only on the dataset, the years and the cap, and `compare` on ten clusters asks
  // for the same one twenty times (about 1 s each on H2020): keep it with the (read-only) dataset
  const key = `${years?.join('-') ?? 'all'}|${sel.maxProjectSize}`;
  let lists = TIE_LISTS.get(dataset);
  if (lists === undefined) TIE_LISTS.set(dataset, (lists = new Map()));
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = computeTies(dataset, sel, years)));
  return list;
}

const TIE_LISTS = new WeakMap<Dataset, Map<string, TieList>>();

function computeTies(
  dataset: Dataset,
  sel: ReturnType<typeof checkSelection>,
  years: [number, number] | undefined,
): TieList {
  const selected = selectedProjects(dataset, sel);
  const t = dataset.ties;
  const n = dataset.organisations.count;
  const pr = dataset.projects;
  const pa = dataset.participations;
  const pStart = new Float64Array(pr.count);
  const pEnd = new Float64Array(pr.count);
  const pIn = new Uint8Array(pr.count);
  for (let p = 0; p < pr.count; p++) {
    pStart[p] = yearOf(pr.start[p]);
    pEnd[p] = yearOf(pr.end[p]);
    pIn[p] = selected[p];
  }

  // Participations of the projects in range, valid references only.
  let keep = 0;
  for (let k = 0; k < pa.count; k++) {
    const u = pa.organisation[k];
    const p = pa.project[k];
    if (u >= 0 && u < n && p >= 0 && pIn[p]) keep++;
  }
  const partOrg = new Int32Array(keep);
  const partProject = new Int32Array(keep);
  keep = 0;
  for (let k = 0; k < pa.count; k++) {
    const u = pa.organisation[k];
    const p = pa.project[k];
    if (u >= 0 && u < n && p >= 0 && pIn[p]) {
      partOrg[keep] = u;
      partProject[keep++] = p;
    }
  }
  const co = coParticipationIn(dataset, { ...sel, weighting: 'count' });

  // Number the co-participation edges (u < v) by arc position, then date them project by project.
  const arcEdge = new Int32Array(co.targets.length).fill(-1);
  let coEdges = 0;
  for (let u = 0; u < co.n; u++) {
    for (let a = co.offsets[u]; a < co.offsets[u + 1]; a++) if (co.targets[a] > u) arcEdge[a] = coEdges++;
  }
  const coStart = new Float64Array(coEdges).fill(Number.POSITIVE_INFINITY);
  const coEnd = new Float64Array(coEdges).fill(Number.NEGATIVE_INFINITY);
  if (coEdges > 0) {
    // Participants by project (counting sort), then every pair of each project.
    const projOff = new Int32Array(pr.count + 1);
    for (let k = 0; k < keep; k++) projOff[partProject[k] + 1]++;
    for (let p = 0; p < pr.count; p++) projOff[p + 1] += projOff[p];
    const cursor = projOff.slice(0, pr.count);
    const members = new Int32Array(keep);
    for (let k = 0; k < keep; k++) members[cursor[partProject[k]]++] = partOrg[k];
    for (let p = 0; p < pr.count; p++) {
      const s = Number.isNaN(pStart[p]) ? Number.NEGATIVE_INFINITY : pStart[p];
      const e = Number.isNaN(pEnd[p]) ? Number.POSITIVE_INFINITY : pEnd[p];
      for (let i = projOff[p]; i < projOff[p + 1]; i++) {
        for (let j = i + 1; j < projOff[p + 1]; j++) {
          const u = Math.min(members[i], members[j]);
          const v = Math.max(members[i], members[j]);
          if (u === v) continue;
          // binary search v in u's row
          let lo = co.offsets[u];
          let hi = co.offsets[u + 1] - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >>> 1;
            const x = co.targets[mid];
            if (x < v) lo = mid + 1;
            else if (x > v) hi = mid - 1;
            else {
              const edge = arcEdge[mid];
              if (s < coStart[edge]) coStart[edge] = s;
              if (e > coEnd[edge]) coEnd[edge] = e;
              break;
            }
          }
        }
      }
    }
  }

  let stored = 0;
  for (let i = 0; i < t.count; i++) {
    const u = t.source[i];
    const v = t.target[i];
    if (u >= 0 && v >= 0 && u !== v && overlapsYears(t.start[i], t.end[i], years)) stored++;
  }
  const count = stored + coEdges;
  const out: TieList = {
    count,
    source: new Int32Array(count),
    target: new Int32Array(count),
    kind: new Uint8Array(count),
    start: new Float64Array(count),
    end: new Float64Array(count),
  };
  let e = 0;
  for (let i = 0; i < t.count; i++) {
    const u = t.source[i];
    const v = t.target[i];
    if (u >= 0 && v >= 0 && u !== v && overlapsYears(t.start[i], t.end[i], years)) {
      out.source[e] = u;
      out.target[e] = v;
      out.kind[e] = t.kind[i];
      out.start[e] = t.start[i];
      out.end[e++] = t.end[i];
    }
  }
  for (let u = 0; u < co.n; u++) {
    for (let a = co.offsets[u]; a < co.offsets[u + 1]; a++) {
      const edge = arcEdge[a];
      if (edge < 0) continue;
      out.source[e] = u;
      out.target[e] = co.targets[a];
      out.kind[e] = CO_PARTICIPATION;
      out.start[e] = Number.isFinite(coStart[edge]) ? coStart[edge] : Number.NaN;
      out.end[e++] = Number.isFinite(coEnd[edge]) ? coEnd[edge] : Number.NaN;
    }
  }
  return out;
}

/** Incident ties of every organisation: the tie ids of node u are ids[offsets[u] … offsets[u+1]). */
export interface Incidence {
  offsets: Int32Array;
  ids: Int32Array;
}

/** Counting sort of the tie list by both ends. Cost O(n + m). */
export function incidence(n: number, ties: TieList): Incidence {
  const offsets = new Int32Array(n + 1);
  for (let t = 0; t < ties.count; t++) {
    offsets[ties.source[t] + 1]++;
    offsets[ties.target[t] + 1]++;
  }
  for (let u = 0; u < n; u++) offsets[u + 1] += offsets[u];
  const cursor = offsets.slice(0, n);
  const ids = new Int32Array(offsets[n]);
  for (let t = 0; t < ties.count; t++) {
    ids[cursor[ties.source[t]]++] = t;
    ids[cursor[ties.target[t]]++] = t;
  }
  return { offsets, ids };
}

/** True when some stored tie of the Dataset is of a vertical kind (customer or supplier). */
export function verticalRecorded(dataset: Dataset): boolean {
  const t = dataset.ties;
  const vertical = new Uint8Array(UNKNOWN_CODE + 1);
  TIE_KINDS.forEach((k, i) => {
    if (VERTICAL_TIE_KINDS.includes(k)) vertical[i] = 1;
  });
  for (let k = 0; k < t.count; k++) if (vertical[t.kind[k]]) return true;
  return false;
}
