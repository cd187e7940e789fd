/**
 * Whether a selection's tie network is a small world (part of the network family,
 * src/measures/network.ts): the Humphries & Gurney (2008) coefficient sigma against
 * degree-preserving random graphs, from the job network.ts started on a worker thread.
 */
import type { ClusteringSummary } from '../graph/clustering.ts';
import { type Pending, type SmallWorldJob, startSmallWorldSigma } from '../graph/null-model-thread.ts';
import type { SmallWorld } from '../graph/randomize.ts';
import type { NetworkRun } from './network-report.ts';

/** What sigma is reported from: figures of the observed graph and the random graphs' job. */
export interface SmallWorldInputs {
  /** Organisations in the largest component. */
  largestComponent: number;
  /** The observed clustering when counted before the random graphs started, else null (no sigma then). */
  clustering: ClusteringSummary | null;
  /** The random graphs' job as started on a worker thread, or null. */
  sigma: Pending<SmallWorld> | null;
  /** The job, run here if it was not started. */
  job: SmallWorldJob;
}

/**
 * Small-world sigma = (C/C_r)/(L/L_r) (Humphries & Gurney 2008): C the transitivity, L the mean
 * shortest path in the largest component (BFS from every organisation, or from pathSources sampled
 * ones), C_r and L_r their means over randomGraphs double-edge-swap randomisations (swapsPerEdge
 * swaps per tie), with the Monte Carlo standard error of sigma (delta method). Not computed without
 * random graphs, below smallWorldMinNodes in the largest component, or without triangles (C = 0).
 * Cost randomGraphs × (swapsPerEdge·m swaps + triangle count + pathSources BFS).
 */
export function smallWorldTable(run: NetworkRun, inputs: SmallWorldInputs): void {
  const { net, opts, nullModelsSkipped, report, stage } = run;
  const { largestComponent, clustering: cs } = inputs;
  if (opts.randomGraphs === 0) {
    report.missing('smallWorld', nullModelsSkipped ?? 'disabled (randomGraphs = 0)');
    report.indicator('network.smallWorldSigma', null, nullModelsSkipped ?? 'disabled (randomGraphs = 0)');
  } else if (largestComponent < opts.smallWorldMinNodes) {
    const reason = `the largest component has ${largestComponent} organisations, fewer than ${opts.smallWorldMinNodes}`;
    report.missing('smallWorld', reason);
    report.indicator('network.smallWorldSigma', null, reason);
    stage(opts.randomGraphs);
  } else if (cs === null || cs.triangles === 0) {
    const reason = 'the network has no triangles (C = 0)';
    report.missing('smallWorld', reason);
    report.indicator('network.smallWorldSigma', null, reason);
    stage(opts.randomGraphs);
  } else {
    const sw = (inputs.sigma ?? startSmallWorldSigma(net.csr, inputs.job)).take(
      stage(opts.randomGraphs),
    ).value;
    if (Number.isNaN(sw.sigma)) {
      const reason = sw.reason ?? 'sigma is undefined';
      report.missing('smallWorld', reason);
      report.indicator('network.smallWorldSigma', null, reason);
    } else {
      report.table(
        'smallWorld',
        ['figure', 'value'],
        [
          ['sigma', sw.sigma],
          ['sigmaStandardError', Number.isFinite(sw.standardError) ? sw.standardError : null],
          ['transitivity', sw.clustering],
          ['randomTransitivity', sw.randomClustering],
          ['pathLength', sw.pathLength],
          ['randomPathLength', sw.randomPathLength],
          ['randomGraphs', sw.randomGraphs],
          ['pathSources', sw.pathSources],
        ],
        [
          `Random graphs: ${sw.randomGraphs} double-edge-swap randomisations (${opts.swapsPerEdge} swaps per tie), seed ${opts.seed}; sigmaStandardError is the Monte Carlo standard error (spread of C_r and L_r over the random graphs and of L over the sampled sources, delta method).`,
          sw.exactPaths
            ? 'Path lengths: BFS from every organisation of the largest component.'
            : `Path lengths: estimated from BFS of ${sw.pathSources} sampled organisations per graph.`,
        ],
      );
      report.indicator('network.smallWorldSigma', sw.sigma, undefined, sw.standardError);
    }
  }
}
