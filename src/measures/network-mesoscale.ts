/**
 * How a selection's tie network divides (part of the network family, src/measures/network.ts): into
 * Louvain communities, and into a core and a periphery — the two mesoscale structures, both
 * listed by their best-connected members.
 */
import { corePeripheryFit } from '../graph/core-periphery.ts';
import { louvain } from '../graph/louvain.ts';
import { mulberry32 } from '../graph/rng.ts';
import type { Cell } from './common.ts';
import type { NetworkRun } from './network-report.ts';

/**
 * The communities and core–periphery tables. Members are listed by degree, highest first (ties by
 * node order). Louvain draws its node order from mulberry32(louvainSeed).
 */
export function mesoscaleTables(run: NetworkRun, louvainSeed: number): void {
  const { n, degree } = run;
  const byDegree = Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[b] - degree[a] || a - b);
  communitiesTable(run, byDegree, louvainSeed);
  corePeripheryTable(run, byDegree);
}

/**
 * Louvain communities (Blondel et al. 2008) maximising weighted modularity
 * Q = Σ_c [L_c/m − γ (d_c/2m)²] at resolution γ: the largest communities of at least 2
 * organisations, with their size, members in the region and three best-connected members.
 * Cost O(m) per sweep.
 */
function communitiesTable(run: NetworkRun, byDegree: number[], louvainSeed: number): void {
  const { net, n, opts, report, name } = run;
  const { csr, inRegion } = net;
  const lv = louvain(csr, { rng: mulberry32(louvainSeed), resolution: opts.resolution });
  const size = new Int32Array(lv.count);
  const inside = new Int32Array(lv.count);
  for (let i = 0; i < n; i++) {
    size[lv.communities[i]]++;
    if (inRegion !== null) inside[lv.communities[i]] += inRegion[i];
  }
  const leaders: number[][] = Array.from({ length: lv.count }, () => []);
  for (const i of byDegree) {
    const list = leaders[lv.communities[i]];
    if (list.length < 3) list.push(i);
  }
  const communityOrder = Array.from({ length: lv.count }, (_, c) => c)
    .filter((c) => size[c] >= 2)
    .sort((a, b) => size[b] - size[a] || a - b);
  const communityRows = communityOrder
    .slice(0, opts.top)
    .map((c, r): Cell[] => [
      r + 1,
      size[c],
      size[c] / n,
      ...(inRegion !== null ? [inside[c]] : []),
      leaders[c].map(name).join('; '),
    ]);
  report.table(
    'communities',
    ['rank', 'organisations', 'share', ...(inRegion !== null ? ['inRegion'] : []), 'bestConnected'],
    communityRows,
    [
      `${communityOrder.length} communities of ≥ 2 organisations (${lv.count - communityOrder.length} singletons), modularity Q = ${lv.modularity} at resolution ${opts.resolution}, seed ${opts.seed}.`,
    ],
  );
  report.indicator('network.communities', communityOrder.length);
  report.indicator('network.modularity', lv.modularity);
}

/**
 * Discrete core–periphery fit (Borgatti & Everett 1999): the Pearson correlation between the ties
 * and the ideal pattern (core–core 1, periphery–periphery 0, core–periphery left out or 1 as
 * options.corePeriphery says) for the best core found, its size and the block densities.
 */
function corePeripheryTable(run: NetworkRun, byDegree: number[]): void {
  const { net, n, opts, report, name } = run;
  const { csr, inRegion } = net;
  const cp = corePeripheryFit(csr, { variant: opts.corePeriphery });
  if (Number.isNaN(cp.fit)) {
    const reason =
      'no core–periphery split gives a defined correlation (too few organisations, or every pair tied)';
    report.missing('corePeriphery', reason);
    report.indicator('network.corePeripheryFit', null, reason);
  } else {
    const coreMembers = byDegree.filter((i) => cp.core[i] === 1);
    const coreInRegion = inRegion === null ? null : coreMembers.reduce((s, i) => s + inRegion[i], 0);
    report.table(
      'corePeriphery',
      ['figure', 'value'],
      [
        ['fit', cp.fit],
        ['coreSize', cp.coreSize],
        ['coreShare', cp.coreSize / n],
        ...(coreInRegion !== null ? ([['coreInRegion', coreInRegion]] as Cell[][]) : []),
        ['coreDensity', Number.isNaN(cp.coreDensity) ? null : cp.coreDensity],
        ['peripheryDensity', Number.isNaN(cp.peripheryDensity) ? null : cp.peripheryDensity],
      ],
      [
        `Pattern: core–core 1, periphery–periphery 0, core–periphery ${cp.variant === 'ignore' ? 'left out of the correlation' : '1'}.`,
        `Core members by degree: ${coreMembers.slice(0, opts.top).map(name).join('; ')}${coreMembers.length > opts.top ? '; …' : ''}.`,
      ],
    );
    report.indicator('network.corePeripheryFit', cp.fit);
  }
}
