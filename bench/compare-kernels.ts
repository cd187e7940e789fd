/**
 * Benchmark: the network family's kernels on the ten clusters' networks of an H2020 store (after
 * `resolve`), one line per region and step, so that a change to a kernel can be timed alone.
 *
 *   node --import tsx bench/compare-kernels.ts STORE.duckdb
 */
import { loadDataset } from '../src/dataset/load.ts';
import { brokerageZScores } from '../src/graph/brokerage-z.ts';
import { clusteringSummary } from '../src/graph/clustering.ts';
import { doubleEdgeSwaps, smallWorldSigma } from '../src/graph/randomize.ts';
import { mulberry32 } from '../src/graph/rng.ts';
import { network, selectNetwork } from '../src/measures/network.ts';
import { CLUSTER_COMPARISON_DEFAULTS } from '../src/measures/selection.ts';
import { parseRegionArgument, withRegionContext } from '../src/regions/arguments.ts';
import { openStore } from '../src/store/store.ts';

const db = process.argv[2];
const store = await openStore(db, { create: false, readOnly: true });
const dataset = withRegionContext(await loadDataset(store), { multiSite: 'flag' });
const regions = parseRegionArgument(dataset, 'ten').map((r) => r.id);
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, (performance.now() - t) / 1000];
};
for (const region of regions) {
  const sel = { ...CLUSTER_COMPARISON_DEFAULTS, region };
  const [net, tSel] = time(() => selectNetwork(dataset, sel));
  const m = net.csr.targets.length / 2;
  const [, tClu] = time(() => clusteringSummary(net.csr));
  const [sw, tSwap] = time(() => doubleEdgeSwaps(net.csr, { rng: mulberry32(1) }));
  const [sigma, tSigma] =
    m <= 100_000 ? time(() => smallWorldSigma(net.csr, { rng: mulberry32(1) })) : [null, 0];
  const group = Int32Array.from(net.inRegion ?? []);
  const [, tBrok] =
    m <= 100_000
      ? time(() =>
          brokerageZScores(net.csr, group, { permutations: 100, rng: mulberry32(1), focus: net.inRegion! }),
        )
      : [null, 0];
  const [, tNet] = time(() => network(dataset, sel, { seed: 1 }));
  console.log(
    `${region.padEnd(12)} n ${net.csr.n} m ${m} select ${tSel.toFixed(2)} clustering ${tClu.toFixed(2)} swaps(1 graph) ${tSwap.toFixed(2)} (${sw.swaps}/${sw.attempts}) sigma ${tSigma.toFixed(2)} ${sigma?.sigma ?? ''} brokerage ${tBrok.toFixed(2)} family ${tNet.toFixed(2)}`,
  );
}
store.close?.();
