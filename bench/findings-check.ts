/**
 * Benchmark: `checkFindings` on the ten study clusters of the real H2020 data (CORDIS participations
 * as in ../shared/data/cordis), against the pandas recomputation of four of its findings
 * (bench/peers/findings_reference.py), side by side in one run. Milieu: every finding for every
 * cluster, and the same four findings alone, on a Dataset built once (its build timed apart);
 * pandas: reading the participations and the four findings for the ten clusters.
 * Run: node --import tsx bench/findings-check.ts
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildDataset } from '../src/dataset/build.ts';
import { findRegion, regionMembers } from '../src/dataset/regions.ts';
import { checkFindings, FINDINGS } from '../src/findings/index.ts';
import { parseCordis } from '../src/io/cordis/index.ts';
import { ORGANISATION_KINDS } from '../src/model/index.ts';
import { withRegionContext } from '../src/regions/arguments.ts';
import { builtInRegions } from '../src/regions/definitions.ts';

const CORDIS = join(import.meta.dirname, '../../shared/data/cordis');
const FOUR = [
  'university-collaboration-limited',
  'local-links-common',
  'university-links-outside',
  'local-and-global-together',
];
const selection = { maxProjectSize: 30 };

let t = performance.now();
const dataset = withRegionContext(buildDataset(parseCordis(CORDIS).tables), { multiSite: 'flag' });
const buildMs = performance.now() - t;
const ten = builtInRegions().map((r) => r.id);

const time = (findings?: string[]) => {
  const t0 = performance.now();
  for (const region of ten) checkFindings(dataset, { ...selection, region }, { seed: 1, findings });
  return performance.now() - t0;
};
time(FOUR); // warm the shared network and tie-list caches, as a second command on the same Dataset would find them
const fourMs = Math.min(time(FOUR), time(FOUR));
const allMs = time();

const o = dataset.organisations;
const input = JSON.stringify({
  participations: join(CORDIS, 'h2020-participations.csv.gz'),
  maxProjectSize: 30,
  regions: Object.fromEntries(
    ten.map((id) => {
      const inside = regionMembers(dataset, findRegion(dataset, id));
      return [id, o.id.filter((_, i) => inside[i] === 1)];
    }),
  ),
  kinds: Object.fromEntries(o.id.map((id, i) => [id, ORGANISATION_KINDS[o.kind[i]] ?? 'unknown'])),
  countries: Object.fromEntries(o.id.map((id, i) => [id, o.country[i]]).filter(([, c]) => c !== null)),
});
t = performance.now();
const peer = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'peers/findings_reference.py')], {
  input,
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
const pandasMs = performance.now() - t;
if (peer.status !== 0) throw new Error(peer.stderr);

console.log(`Dataset from the CORDIS files (read + build): ${(buildMs / 1000).toFixed(2)} s`);
console.log(`Milieu, four findings × ten clusters: ${(fourMs / 1000).toFixed(2)} s`);
console.log(
  `Milieu, all ${FINDINGS.length} findings × ten clusters (cold caches for the other selections): ${(allMs / 1000).toFixed(2)} s`,
);
console.log(`pandas, read + four findings × ten clusters: ${(pandasMs / 1000).toFixed(2)} s`);
console.log(`ratio pandas / Milieu (four findings): ${(pandasMs / fourMs).toFixed(1)}×`);
