/**
 * Findings as testable hypotheses: `checkFindings(dataset, selection, options)` gives one verdict
 * row per finding of the catalogue (src/findings/catalogue.ts) for one selection (a region, years,
 * the co-participation options), pure over the Dataset like the measures and seeded.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import type { Selection } from '../measures/common.ts';
import type { Progress } from '../progress.ts';
import { CATALOGUE, FINDINGS } from './catalogue.ts';
import { type Finding, findingContext, type VerdictRow } from './common.ts';

export type { Finding };
export { CATALOGUE, FINDINGS };

export interface CheckOptions {
  /** Seed of every resampling test (default 1). */
  seed?: number;
  /** Ids of the findings to check (default: all, in catalogue order). */
  findings?: string[];
  onProgress?: Progress;
}

/** The findings named by ids, in catalogue order; unknown ids are a usage error listing the known ones. */
export function selectFindings(ids?: readonly string[]): Finding[] {
  if (ids === undefined || ids.length === 0) return [...FINDINGS];
  const known = new Set(FINDINGS.map((f) => f.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new UsageError(
      'findings',
      `unknown finding${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${[...known].join(', ')})`,
    );
  return FINDINGS.filter((f) => ids.includes(f.id));
}

/**
 * Checks the findings on one selection of a Dataset: one VerdictRow per finding, `region` = the
 * selection's region (null for the whole dataset). Every finding uses the same seed, so a row does
 * not depend on which other findings were asked for.
 */
export function checkFindings(
  dataset: Dataset,
  selection: Selection = {},
  options: CheckOptions = {},
): VerdictRow[] {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed))
    throw new UsageError('findings', `the seed must be a whole number, got ${seed}`);
  const chosen = selectFindings(options.findings);
  const ctx = findingContext(dataset, selection, seed);
  const rows: VerdictRow[] = [];
  chosen.forEach((f, k) => {
    options.onProgress?.('checking findings', k, chosen.length);
    rows.push({ finding: f.id, region: selection.region ?? null, ...f.check(ctx) });
  });
  options.onProgress?.('checking findings', chosen.length, chosen.length);
  return rows;
}
