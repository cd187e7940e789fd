/**
 * Local sourcing (stream 'sourcing'): large firms and multinational subsidiaries buy from local
 * SMEs — the "large firms … buy from local SMEs" of Keeble & Wilkinson's regional milieux, a
 * mechanism of its own beside the firm–firm customer/supplier ties of partnering.ts. Each year each
 * open local large firm or subsidiary b makes ⌊r⌋ supplier searches plus one more with probability
 * r − ⌊r⌋, r = `localSourcingRate` · D_t (purchasing follows demand). A search draws
 * `partnerCandidates` open local SMEs (skipping b's open partners) and takes the most proximate by
 * π (proximity.ts: technological similarity plus spin-off family, earlier tie, former colleagues), who
 * becomes b's supplier with probability π — so SMEs in b's sector or technologically close are
 * preferred. The tie is a `supplier` tie from the SME (source, the one who supplies) to b (target),
 * as docs/data-format.md reads a `source,target,supplier` row; knowledge flows along it like any
 * tie (learning.ts) and an innovation drawing on it names `suppliers` or `customers` (innovation.ts).
 * R&D labs buy nothing here. Partners are marked by a walk of the buyer's tie list, as in
 * partnering. Cost O(organisations + buyers' ties + buyers · searches · candidates).
 */
import { STORED_TIE_KINDS } from '../../model/index.ts';
import type { ProcessContext } from '../context.ts';
import { LARGE_FIRM, MNC_SUBSIDIARY, SME, WORK_FIRMS, WORK_LOCAL, WORK_PARTNERS } from '../state.ts';
import { markedProximity } from './proximity.ts';

const SUPPLIER = STORED_TIE_KINDS.indexOf('supplier');

export function sourcing(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year, demand } = ctx;
  const rate = p.localSourcingRate * demand;
  if (rate <= 0) return;
  const smes = s.work(WORK_LOCAL, s.orgCount);
  const buyers = s.work(WORK_FIRMS, s.orgCount);
  let smeCount = 0;
  let buyerCount = 0;
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0) continue;
    const kind = s.orgKind[o];
    if (kind === SME) smes[smeCount++] = o;
    else if (kind === LARGE_FIRM || kind === MNC_SUBSIDIARY) buyers[buyerCount++] = o;
  }
  if (smeCount === 0 || buyerCount === 0) return;
  /** The buyer's partners (see `SimState.markPartners`); all 0 between buyers. */
  const partners = s.work(WORK_PARTNERS, s.orgCount).fill(0, 0, s.orgCount);
  const whole = Math.floor(rate);
  const fraction = rate - whole;
  for (let k = 0; k < buyerCount; k++) {
    const b = buyers[k];
    const searches = whole + (rng() < fraction ? 1 : 0);
    if (searches === 0) continue;
    s.markPartners(b, partners, false);
    for (let n = 0; n < searches; n++) {
      let best = -1;
      let bestProximity = -1;
      for (let c = 0; c < p.partnerCandidates; c++) {
        const sme = smes[Math.floor(rng() * smeCount)];
        const ties = partners[sme];
        if (ties & 1) continue; // already an open partner
        const proximity = markedProximity(s, b, sme, ties);
        if (proximity > bestProximity) {
          best = sme;
          bestProximity = proximity;
        }
      }
      if (best < 0 || rng() >= bestProximity) continue;
      s.addTie(best, b, SUPPLIER, year);
      partners[best] |= 1;
    }
    s.markPartners(b, partners, true);
  }
}
