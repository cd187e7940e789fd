/**
 * Innovation and its sources (stream 'innovation'). Each open local firm o innovates with chance
 * min(1, `innovationRate` · K_o[s] / 0.5 · D_t), s its sector. The innovation draws on one source,
 * chosen with weights: own R&D `ownRdWeight`; each open tie to b, 0.1 + max(0, K_b[s] − K_o[s])
 * (partners who know more are likelier sources); marketing advice 0.5 for a spin-off with
 * spin-off support (policy.ts). The source is named in the survey's words (INNOVATION_SOURCES):
 * a university → `universities`, a research institute → `research-institutes`, a science park →
 * `technology-centres`, the firm's parent → `parent`, a firm it buys from → `suppliers`, one it sells
 * to → `customers` (tie direction as in docs/data-format.md), a collaborating firm of the same
 * sector → `competitors`, of another sector → `suppliers`; advice → `consultants`.
 * The innovation lifts K_o[s] by `innovationStep` · (1 − K_o[s]). With an outside source b it is a
 * recombination too: in b's strongest field g ≠ s, K_o[g] takes `innovationStep` of b's lead, and
 * when K_o[g] overtakes K_o[s] the firm moves into g (recombination can open new sectors for the
 * firm and the region). Each source used is counted per firm (`orgSources`); the survey rows
 * (tables-model.ts) turn the counts into 1–5 importance scores. Cost O(open ties + organisations · F).
 */
import { INNOVATION_SOURCES, ORGANISATION_KINDS, STORED_TIE_KINDS } from '../../model/index.ts';
import type { ProcessContext } from '../context.ts';
import { SPINOFF_SUPPORT } from '../policy/levers.ts';
import {
  INSTITUTE,
  isFirm,
  OWN_RD,
  type SimState,
  SOURCE_SLOTS,
  UNIVERSITY,
  WORK_TIE_FILL,
  WORK_TIE_LIST,
  WORK_TIE_OFFSETS,
} from '../state.ts';

const source = (name: (typeof INNOVATION_SOURCES)[number]) => INNOVATION_SOURCES.indexOf(name);
const CUSTOMERS = source('customers');
const SUPPLIERS = source('suppliers');
const COMPETITORS = source('competitors');
const UNIVERSITIES = source('universities');
const INSTITUTES = source('research-institutes');
const TECHNOLOGY_CENTRES = source('technology-centres');
const CONSULTANTS = source('consultants');
const PARENT = source('parent');
const SCIENCE_PARK_KIND = ORGANISATION_KINDS.indexOf('science-park');
const CUSTOMER_TIE = STORED_TIE_KINDS.indexOf('customer');
const SUPPLIER_TIE = STORED_TIE_KINDS.indexOf('supplier');

/** Weight of marketing advice for a supported spin-off. */
const ADVICE_WEIGHT = 0.5;

export function innovation(ctx: ProcessContext): void {
  const { state: s, params: p, rng, demand } = ctx;
  const f = s.fields;
  const K = s.orgKnowledge;
  const { offsets, ties } = openTieLists(s);
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o])) continue;
    const sector = s.orgSector[o];
    const own = o * f + sector;
    if (rng() >= (p.innovationRate * K[own] * demand) / 0.5) continue;
    const advice =
      s.orgSpinoff[o] === 1 && s.orgSupport[o] > 0 && s.lever[SPINOFF_SUPPORT] > 0 ? ADVICE_WEIGHT : 0;
    let total = p.ownRdWeight + advice;
    for (let e = offsets[o]; e < offsets[o + 1]; e++) total += tieWeight(s, o, ties[e], sector);
    let u = rng() * total;
    let slot = OWN_RD;
    let from = -1;
    if (u >= p.ownRdWeight) {
      u -= p.ownRdWeight;
      if (u < advice) slot = CONSULTANTS;
      else {
        u -= advice;
        for (let e = offsets[o]; e < offsets[o + 1]; e++) {
          u -= tieWeight(s, o, ties[e], sector);
          if (u < 0 || e === offsets[o + 1] - 1) {
            from = ties[e];
            slot = sourceOf(s, o, from);
            break;
          }
        }
      }
    }
    s.orgSources[o * SOURCE_SLOTS + slot]++;
    K[own] += p.innovationStep * (1 - K[own]);
    if (from < 0) continue;
    const b = s.tieSource[from] === o ? s.tieTarget[from] : s.tieSource[from];
    let g = 0;
    for (let k = 1; k < f; k++) if (K[b * f + k] > K[b * f + g]) g = k;
    if (g === sector || K[b * f + g] <= K[o * f + g]) continue;
    K[o * f + g] += p.innovationStep * (K[b * f + g] - K[o * f + g]);
    if (K[o * f + g] > K[own]) s.orgSector[o] = g;
  }
}

function tieWeight(s: SimState, o: number, t: number, sector: number): number {
  const b = s.tieSource[t] === o ? s.tieTarget[t] : s.tieSource[t];
  const f = s.fields;
  return 0.1 + Math.max(0, s.orgKnowledge[b * f + sector] - s.orgKnowledge[o * f + sector]);
}

/** The survey's name for what firm `o` learnt from through tie `t`. */
export function sourceOf(s: SimState, o: number, t: number): number {
  const outward = s.tieSource[t] === o;
  const b = outward ? s.tieTarget[t] : s.tieSource[t];
  const kind = s.orgKind[b];
  if (kind === UNIVERSITY) return UNIVERSITIES;
  if (kind === INSTITUTE) return INSTITUTES;
  if (kind === SCIENCE_PARK_KIND) return TECHNOLOGY_CENTRES;
  if (s.orgParent[o] === b) return PARENT;
  const tie = s.tieKind[t];
  // `customer`: the source is the target's customer; `supplier`: the source is the target's supplier.
  if (tie === CUSTOMER_TIE) return outward ? SUPPLIERS : CUSTOMERS;
  if (tie === SUPPLIER_TIE) return outward ? CUSTOMERS : SUPPLIERS;
  return s.orgSector[b] === s.orgSector[o] ? COMPETITORS : SUPPLIERS;
}

/**
 * Each organisation's open ties as CSR lists of tie indices, in ascending tie order (one pass over
 * the open-tie list to count, one to fill), in work arrays reused from year to year.
 */
function openTieLists(s: SimState): { offsets: Int32Array; ties: Int32Array } {
  const n = s.orgCount;
  const offsets = s.work(WORK_TIE_OFFSETS, n + 1).fill(0, 0, n + 1);
  const open = s.openTies;
  const count = s.openTieCount;
  let ends = 0;
  for (let k = 0; k < count; k++) {
    const t = open[k];
    if (s.tieEnd[t] !== 0) continue;
    offsets[s.tieSource[t] + 1]++;
    offsets[s.tieTarget[t] + 1]++;
    ends += 2;
  }
  for (let o = 0; o < n; o++) offsets[o + 1] += offsets[o];
  const ties = s.work(WORK_TIE_LIST, ends);
  const next = s.work(WORK_TIE_FILL, n);
  next.set(offsets.subarray(0, n));
  for (let k = 0; k < count; k++) {
    const t = open[k];
    if (s.tieEnd[t] !== 0) continue;
    ties[next[s.tieSource[t]]++] = t;
    ties[next[s.tieTarget[t]]++] = t;
  }
  return { offsets, ties };
}
