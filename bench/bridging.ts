/**
 * The bridging model validated on what happened next, side by side with NetworkX's classical
 * link-prediction scores and a random baseline (docs/bridging.md). Run:
 *
 *   node --import tsx bench/bridging.ts [--as-of 2017] [--negatives 10000] [--seed 1] [--no-resolve] [--no-networkx]
 *
 * 1. The real H2020 data (../shared/data/cordis), organisations placed in NUTS-3 as `milieu resolve`
 *    does (1:10M polygons, then the gazetteer), the ten study clusters.
 * 2. Fitting, before the test: logistic regression on the components (src/bridging/logistic.ts),
 *    pairs of every kind inside the ten clusters pooled: fitted on T = 2015 (outcome: a first tie in
 *    a project starting in 2016) and compared with the hand weights on T = 2016 → 2017, which decides
 *    the default model; then refitted on T = 2016 → 2017 and frozen (the coefficients printed here are
 *    those in src/bridging/model.ts).
 * 3. The test: network up to T = 2017, candidates per cluster (untied at T, both active, both inside),
 *    outcome = first co-participation in a project starting after T; precision@k and recall@k for
 *    k = 10, 50, 100, ROC AUC over every new tie and a seeded sample of non-tie pairs; the same
 *    metrics for NetworkX's adamic_adar_index, jaccard_coefficient, resource_allocation_index and
 *    preferential_attachment computed by NetworkX itself (bench/peers/bridging_networkx.py) on the
 *    same candidates and network, and for seeded random scores. Timings and peak memory.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  COMPONENTS,
  evaluationSample,
  feature,
  fitLogistic,
  HAND_WEIGHTS,
  labelCandidates,
  type PairType,
  precisionAtK,
  rankCandidates,
  recallAtK,
  rocAuc,
  scoreCandidates,
  snapshotAt,
  tieBreakKeys,
  tiesStartingAfter,
  type Weights,
  weightsOf,
} from '../src/bridging/index.ts';
import { buildDataset } from '../src/dataset/build.ts';
import type { Dataset } from '../src/dataset/dataset.ts';
import { mulberry32 } from '../src/graph/rng.ts';
import { parseCordis } from '../src/io/cordis/index.ts';
import { regionMask } from '../src/measures/selection.ts';
import { withRegionContext } from '../src/regions/arguments.ts';
import { builtInRegions } from '../src/regions/definitions.ts';
import { loadGazetteer } from '../src/regions/gazetteer.ts';
import { loadNutsPolygons } from '../src/regions/nuts-polygons.ts';
import { resolveRegions } from '../src/regions/resolve.ts';

const args = process.argv.slice(2);
const value = (flag: string, fallback: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const AS_OF = Number(value('--as-of', '2017'));
const NEGATIVES = Number(value('--negatives', '10000'));
const SEED = Number(value('--seed', '1'));
const CAP = 30;
const LAST = 2100;
const KS = [10, 50, 100];
const SHARED = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PEER = fileURLToPath(new URL('./peers/bridging_networkx.py', import.meta.url));

const log = (s: string) => process.stderr.write(`${s}\n`);
const secs = (t: number) => (performance.now() - t) / 1000;

// 1. Data --------------------------------------------------------------------------------------
let t = performance.now();
const raw = parseCordis(`${SHARED}cordis`).tables;
if (!args.includes('--no-resolve')) {
  const resolved = resolveRegions(buildDataset(raw), {
    nutsGeojson: loadNutsPolygons(`${SHARED}nuts/NUTS_RG_10M_2021_4326.geojson`),
    gazetteer: loadGazetteer(),
  });
  const nuts = (raw.organisations!.columns.nuts ??= new Array(raw.organisations!.rowCount).fill(null));
  for (let i = 0; i < resolved.nuts3.length; i++)
    if (nuts[i] === null && resolved.nuts3[i]) nuts[i] = resolved.nuts3[i];
}
const dataset = withRegionContext(buildDataset(raw));
const clusters = builtInRegions().map((r) => ({ id: r.id, members: regionMask(dataset, r.id) }));
log(`data loaded${args.includes('--no-resolve') ? '' : ' and resolved'} in ${secs(t).toFixed(1)} s`);

// 2. Fitting ---------------------------------------------------------------------------------
function pooled(d: Dataset, asOf: number, until: number, pairs: PairType) {
  const snap = snapshotAt(d, asOf, CAP);
  const future = tiesStartingAfter(d, asOf, until, CAP);
  const rows: number[] = [];
  const ys: number[] = [];
  for (const c of clusters) {
    const s = scoreCandidates(d, snap, c.members, { pairs, scope: 'inside', weights: HAND_WEIGHTS });
    const y = labelCandidates(s.candidates, future);
    for (let i = 0; i < s.candidates.count; i++) {
      for (const comp of COMPONENTS) rows.push(feature(comp, s.components[comp][i]));
      ys.push(y[i]);
    }
  }
  return { x: Float64Array.from(rows), y: Uint8Array.from(ys) };
}

function fitSplit(asOf: number): Weights {
  const { x, y } = pooled(dataset, asOf, asOf + 1, 'any');
  const f = fitLogistic(x, y, COMPONENTS.length, 1e-4);
  let pos = 0;
  for (const v of y) pos += v;
  log(`fit T=${asOf}: ${y.length} pairs, ${pos} new ties in ${asOf + 1}, ${f.iterations} iterations`);
  return {
    intercept: f.intercept,
    beta: Object.fromEntries(COMPONENTS.map((c, j) => [c, f.beta[j]])) as Weights['beta'],
  };
}

interface Metrics {
  precision: number[];
  recall: number[];
  auc: number;
}

function metrics(
  scores: ArrayLike<number>,
  labels: Uint8Array,
  tie: Int32Array,
  sample: Int32Array,
): Metrics {
  const order = rankCandidates(scores, tie);
  return {
    precision: KS.map((k) => precisionAtK(order, labels, k)),
    recall: KS.map((k) => recallAtK(order, labels, k)),
    auc: rocAuc(scores, labels, sample),
  };
}

/** Hand vs a model on one split, pooled and per cluster (p@50, AUC). */
function compareOnSplit(asOf: number, until: number, models: Record<string, Weights>) {
  const snap = snapshotAt(dataset, asOf, CAP);
  const future = tiesStartingAfter(dataset, asOf, until, CAP);
  const wins: Record<string, { p50: number; auc: number }> = {};
  for (const name of Object.keys(models)) wins[name] = { p50: 0, auc: 0 };
  for (const c of clusters) {
    const s = scoreCandidates(dataset, snap, c.members, {
      pairs: 'any',
      scope: 'inside',
      weights: HAND_WEIGHTS,
    });
    const y = labelCandidates(s.candidates, future);
    const tie = tieBreakKeys(s.candidates.count, SEED);
    const sample = evaluationSample(y, NEGATIVES, SEED);
    for (const [name, w] of Object.entries(models)) {
      const m = metrics(
        scoreCandidates(dataset, snap, c.members, { pairs: 'any', scope: 'inside', weights: w }).scores,
        y,
        tie,
        sample,
      );
      wins[name].p50 += m.precision[1] / clusters.length;
      wins[name].auc += (Number.isNaN(m.auc) ? 0.5 : m.auc) / clusters.length;
    }
  }
  return wins;
}

t = performance.now();
const early = fitSplit(AS_OF - 2);
const validation = compareOnSplit(AS_OF - 1, AS_OF, { hand: HAND_WEIGHTS, fitted: early });
const fitted = fitSplit(AS_OF - 1);
log(`fitting and validation ${secs(t).toFixed(1)} s`);
const fmtW = (w: Weights) =>
  `{ intercept: ${w.intercept.toPrecision(6)}, beta: { ${COMPONENTS.map((c) => `${c}: ${w.beta[c].toPrecision(6)}`).join(', ')} } }`;
const frozen = weightsOf('fitted');
const same = COMPONENTS.every(
  (c) => Math.abs(frozen.beta[c] - fitted.beta[c]) <= 1e-4 * Math.max(1, Math.abs(fitted.beta[c])),
);

// 3. The test --------------------------------------------------------------------------------
const PAIRS: PairType[] = value('--pairs', 'any,firms:knowledge').split(',') as PairType[];
t = performance.now();
const snapshot = snapshotAt(dataset, AS_OF, CAP);
const snapshotSeconds = secs(t);
const future = tiesStartingAfter(dataset, AS_OF, LAST, CAP);
const edges: number[] = [];
for (let u = 0; u < snapshot.n; u++)
  for (let a = snapshot.network.offsets[u]; a < snapshot.network.offsets[u + 1]; a++)
    if (snapshot.network.targets[a] > u) edges.push(u, snapshot.network.targets[a]);

const METHODS = [
  'milieu (fitted)',
  'milieu (hand)',
  'adamic_adar',
  'resource_allocation',
  'jaccard',
  'preferential_attachment',
  'random',
] as const;
type Method = (typeof METHODS)[number];
const CLASSICAL: Method[] = ['adamic_adar', 'resource_allocation', 'jaccard', 'preferential_attachment'];

for (const pairs of PAIRS) {
  const runs = clusters.map((c) => {
    const t0 = performance.now();
    const s = scoreCandidates(dataset, snapshot, c.members, { pairs, scope: 'inside', weights: frozen });
    const ours = secs(t0);
    const hand = scoreCandidates(dataset, snapshot, c.members, {
      pairs,
      scope: 'inside',
      weights: HAND_WEIGHTS,
    }).scores;
    return { id: c.id, s, hand, ours };
  });
  const sets: Record<string, number[]> = {};
  for (const r of runs) {
    const flat: number[] = [];
    for (let i = 0; i < r.s.candidates.count; i++) flat.push(r.s.candidates.left[i], r.s.candidates.right[i]);
    sets[r.id] = flat;
  }
  let peer: {
    build_seconds: number;
    sets: Record<string, Record<string, number[]> & { seconds: Record<string, number> }>;
  } | null = null;
  if (!args.includes('--no-networkx')) {
    const run = spawnSync('/usr/bin/python3', [PEER], {
      input: JSON.stringify({ n: snapshot.n, edges, sets }),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (run.status !== 0) throw new Error(`NetworkX peer failed: ${run.stderr}`);
    peer = JSON.parse(run.stdout);
  }
  const rows: string[] = [];
  const summary: Record<Method, { p50: number[]; auc: number[] }> = Object.fromEntries(
    METHODS.map((m) => [m, { p50: [], auc: [] }]),
  ) as never;
  const pooledScores: Record<Method, number[]> = Object.fromEntries(METHODS.map((m) => [m, []])) as never;
  const pooledLabels: number[] = [];
  let beats = { p50: 0, auc: 0, both: 0 };
  const atLeast = { p50: 0, auc: 0, both: 0 };
  const timing: string[] = [];
  for (const r of runs) {
    const y = labelCandidates(r.s.candidates, future);
    const count = r.s.candidates.count;
    let positives = 0;
    for (const v of y) positives += v;
    const tie = tieBreakKeys(count, SEED);
    const sample = evaluationSample(y, NEGATIVES, SEED);
    const rng = mulberry32(SEED + 7);
    const random = Float64Array.from({ length: count }, () => rng());
    const scores: Record<Method, ArrayLike<number>> = {
      'milieu (fitted)': r.s.scores,
      'milieu (hand)': r.hand,
      adamic_adar: peer?.sets[r.id].adamic_adar ?? [],
      resource_allocation: peer?.sets[r.id].resource_allocation ?? [],
      jaccard: peer?.sets[r.id].jaccard ?? [],
      preferential_attachment: peer?.sets[r.id].preferential_attachment ?? [],
      random,
    };
    const m: Partial<Record<Method, Metrics>> = {};
    for (const method of METHODS) {
      if (scores[method].length !== count) continue;
      m[method] = metrics(scores[method], y, tie, sample);
      summary[method].p50.push(m[method]!.precision[1]);
      summary[method].auc.push(m[method]!.auc);
      for (let i = 0; i < count; i++) pooledScores[method].push(scores[method][i]);
      rows.push(
        `| ${r.id} | ${count} | ${positives} | ${method} | ${m[method]!.precision.map((p) => p.toFixed(2)).join(' | ')} | ${m[method]!.recall.map((p) => p.toFixed(3)).join(' | ')} | ${m[method]!.auc.toFixed(3)} |`,
      );
    }
    for (let i = 0; i < count; i++) pooledLabels.push(y[i]);
    if (peer) {
      const best = (f: (x: Metrics) => number) => Math.max(...CLASSICAL.map((c) => f(m[c]!)));
      const ours = m['milieu (fitted)']!;
      const p = ours.precision[1] > best((x) => x.precision[1]);
      const a = ours.auc > best((x) => x.auc);
      beats = {
        p50: beats.p50 + (p ? 1 : 0),
        auc: beats.auc + (a ? 1 : 0),
        both: beats.both + (p && a ? 1 : 0),
      };
      const pe = ours.precision[1] >= best((x) => x.precision[1]);
      const ae = ours.auc >= best((x) => x.auc);
      atLeast.p50 += pe ? 1 : 0;
      atLeast.auc += ae ? 1 : 0;
      atLeast.both += pe && ae ? 1 : 0;
      const nx = Object.values(peer.sets[r.id].seconds).reduce((x, y2) => x + y2, 0);
      timing.push(
        `| ${r.id} | ${count} | ${r.ours.toFixed(3)} | ${nx.toFixed(3)} | ${(nx / r.ours).toFixed(1)} |`,
      );
    }
  }
  // overall: every cluster's candidates in one ranking
  const labels = Uint8Array.from(pooledLabels);
  const tie = tieBreakKeys(labels.length, SEED);
  const sample = evaluationSample(labels, NEGATIVES * 5, SEED);
  let positives = 0;
  for (const v of labels) positives += v;
  for (const method of METHODS) {
    if (pooledScores[method].length !== labels.length) continue;
    const m = metrics(pooledScores[method], labels, tie, sample);
    rows.push(
      `| **all ten** | ${labels.length} | ${positives} | ${method} | ${m.precision.map((p) => p.toFixed(2)).join(' | ')} | ${m.recall.map((p) => p.toFixed(3)).join(' | ')} | ${m.auc.toFixed(3)} |`,
    );
  }
  console.log(
    `\n### Pairs \`${pairs}\`, inside each cluster; network up to ${AS_OF}, new ties ${AS_OF + 1}–2021\n`,
  );
  console.log(
    '| cluster | candidates | new ties | method | P@10 | P@50 | P@100 | R@10 | R@50 | R@100 | AUC |',
  );
  console.log('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  const mean = (xs: number[]) =>
    xs.filter((x) => !Number.isNaN(x)).reduce((a, b) => a + b, 0) / xs.filter((x) => !Number.isNaN(x)).length;
  console.log('\nMean over the ten clusters:\n\n| method | mean P@50 | mean AUC |\n|---|---:|---:|');
  for (const method of METHODS)
    if (summary[method].p50.length)
      console.log(
        `| ${method} | ${mean(summary[method].p50).toFixed(3)} | ${mean(summary[method].auc).toFixed(3)} |`,
      );
  if (peer) {
    console.log(
      `\nMilieu (fitted) beats the best classical score on P@50 in ${beats.p50} of 10 clusters, on AUC in ${beats.auc} of 10, on both in ${beats.both} of 10 (at least equal to the best: P@50 in ${atLeast.p50}, AUC in ${atLeast.auc}, both in ${atLeast.both}).`,
    );
    console.log(
      `\nTimings (scoring every candidate pair: candidates, all components, score; NetworkX: the four indices on the same pairs, graph built once in ${peer.build_seconds.toFixed(2)} s). Snapshot at T built once in ${snapshotSeconds.toFixed(2)} s.\n`,
    );
    console.log(
      '| cluster | candidates | Milieu s | NetworkX s (4 scores) | ratio NetworkX / Milieu |\n|---|---:|---:|---:|---:|',
    );
    for (const row of timing) console.log(row);
  }
}
console.log(
  `\nModel choice on the validation split (fit T=${AS_OF - 2}→${AS_OF - 1}, judged on T=${AS_OF - 1}→${AS_OF}, pairs any, mean over clusters): hand P@50 ${validation.hand.p50.toFixed(3)} AUC ${validation.hand.auc.toFixed(3)}; fitted P@50 ${validation.fitted.p50.toFixed(3)} AUC ${validation.fitted.auc.toFixed(3)}.`,
);
console.log(
  `\nFitted on T=${AS_OF - 1}→${AS_OF} (frozen in src/bridging/model.ts${same ? ', unchanged' : ' — DIFFERS: paste these'}):\n${fmtW(fitted)}`,
);
const pipelineTimes = clusters.map((c) => {
  const t0 = performance.now();
  const s = scoreCandidates(dataset, snapshot, c.members, {
    pairs: 'firms:knowledge',
    scope: 'pipelines',
    weights: frozen,
  });
  return `${c.id} ${s.candidates.count} pairs ${secs(t0).toFixed(2)} s`;
});
console.log(
  `\nPipelines (firms:knowledge, one inside, one outside partner of a partner), scoring time: ${pipelineTimes.join('; ')}`,
);
console.log(
  `\nPeak memory (max RSS of this process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
