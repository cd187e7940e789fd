/**
 * How dense and cohesive a selection's tie network is (part of the network family,
 * src/measures/network.ts): its size, density and components, the degree distribution, clustering
 * (triangles, transitivity, average local clustering) and the nested k-cores.
 */
import type { ClusteringSummary } from '../graph/clustering.ts';
import { type Components, connectedComponents } from '../graph/components.ts';
import { coreNumbers, kCoreSizes } from '../graph/kcore.ts';
import type { Cell } from './common.ts';
import type { NetworkRun } from './network-report.ts';
import { largestProject, networkNote, selectionMembers } from './selection.ts';

/**
 * The overview (n organisations, m ties, density 2m/(n(n−1)), mean degree 2m/n, isolates,
 * components) and the degree distribution. Returns the connected components, which decide whether
 * small-world sigma is computed. Cost O(n + m).
 */
export function overviewTables(run: NetworkRun): Components {
  const { net, n, m, degree, report } = run;
  let maxDegree = 0;
  let isolates = 0;
  for (let i = 0; i < n; i++) {
    if (degree[i] > maxDegree) maxDegree = degree[i];
    if (degree[i] === 0) isolates++;
  }
  const comps = connectedComponents(net.csr);
  const density = n >= 2 ? (2 * m) / (n * (n - 1)) : null;
  const overviewRows: Cell[][] = [
    ['organisations', n, 'nodes of the graph'],
    ...(net.inRegion !== null
      ? ([
          ['regionMembers', net.members, 'organisations of the region'],
          ['partnersOutside', net.partners, 'direct partners outside the region'],
        ] as Cell[][])
      : []),
    ['ties', m, 'distinct tied pairs'],
    ['density', density, density === null ? 'needs at least 2 organisations' : '2m / (n(n−1))'],
    ['meanDegree', (2 * m) / n, '2m / n'],
    ['maxDegree', maxDegree, null],
    ['isolates', isolates, 'organisations without ties'],
    ['components', comps.count, 'isolates count as components'],
    ['largestComponent', comps.largest, null],
    ['largestComponentShare', comps.largest / n, null],
  ];
  report.table('overview', ['figure', 'value', 'note'], overviewRows, [networkNote(run.checked)]);
  report.indicator('network.organisations', n);
  report.indicator('network.ties', m);
  report.indicator('network.density', density, 'needs at least 2 organisations');
  report.indicator('network.meanDegree', (2 * m) / n);
  report.indicator('network.largestComponentShare', comps.largest / n);

  const degreeCounts = new Int32Array(maxDegree + 1);
  for (let i = 0; i < n; i++) degreeCounts[degree[i]]++;
  const degreeRows: Cell[][] = [];
  for (let d = 0; d <= maxDegree; d++)
    if (degreeCounts[d] > 0) degreeRows.push([d, degreeCounts[d], degreeCounts[d] / n]);
  report.table('degrees', ['degree', 'organisations', 'share'], degreeRows);
  return comps;
}

/**
 * The clustering table from the triangle count (counted here or on a worker, see network.ts):
 * connected triples Σ_i d_i(d_i − 1)/2, transitivity 3T / triples (null without triples), average
 * local clustering with isolates and leaves counting 0 (networkx conventions).
 */
export function clusteringTable(run: NetworkRun, cs: ClusteringSummary): void {
  const { n, degree, report } = run;
  let triples = 0;
  for (let i = 0; i < n; i++) triples += (degree[i] * (degree[i] - 1)) / 2;
  const noTriples = 'no two ties share an organisation (no connected triples)';
  report.table(
    'clustering',
    ['figure', 'value'],
    [
      ['triangles', cs.triangles],
      ['connectedTriples', triples],
      ['transitivity', triples > 0 ? cs.transitivity : null],
      ['averageClustering', cs.averageClustering],
    ],
  );
  report.indicator('network.transitivity', triples > 0 ? cs.transitivity : null, noTriples);
  report.indicator('network.averageClustering', cs.averageClustering);
}

/**
 * Nested k-cores (Seidman 1983): organisations in the k-core for each k ≥ 1, and the degeneracy
 * (the largest k with a non-empty k-core; Batagelj & Zaversnik 2003, O(m)). The note names the
 * selection's largest project, since a project of s organisations alone makes an (s − 1)-core.
 */
export function kCoresTable(run: NetworkRun): void {
  const { dataset, net, n, report } = run;
  const core = coreNumbers(net.csr);
  const coreSizes = kCoreSizes(core);
  const kRows: Cell[][] = [];
  for (let k = 1; k < coreSizes.length; k++) kRows.push([k, coreSizes[k], coreSizes[k] / n]);
  const largest = largestProject(
    dataset,
    run.selection,
    net.inRegion === null ? null : selectionMembers(dataset, run.checked),
  );
  report.table(
    'kcores',
    ['k', 'organisations', 'share'],
    kRows,
    largest > 1
      ? [
          `The largest project in the selection with a participant ${net.inRegion === null ? 'in the data' : 'in the region'} has ${largest} organisations: a project of s organisations ties all of them to each other, so it alone makes an (s − 1)-core. ${networkNote(run.checked)}`,
        ]
      : [],
  );
  report.indicator('network.degeneracy', coreSizes.length - 1);
}
