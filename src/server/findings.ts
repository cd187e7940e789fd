/**
 * What `GET /api/regions/:id/findings` answers: the verdicts of every finding of the catalogue
 * (src/findings/) on a region, with the selection `milieu compare` and `milieu check --regions` use
 * (projects of more than 30 organisations left out) and seed 1, so the dashboard shows what
 * `milieu check DB --region R` prints. The verdict shape is src/model/findings.ts.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { checkFindings } from '../findings/index.ts';
import { CLUSTER_COMPARISON_DEFAULTS } from '../measures/index.ts';
import type { VerdictRow } from '../model/findings.ts';

/** The seed of the findings' resampling tests, as `milieu check` defaults it. */
export const FINDINGS_SEED = 1;

/** The verdicts of every finding for a region (null: the whole dataset). */
export function findingsFor(dataset: Dataset, region: string | null): VerdictRow[] {
  return checkFindings(
    dataset,
    { ...CLUSTER_COMPARISON_DEFAULTS, ...(region === null ? {} : { region }) },
    { seed: FINDINGS_SEED },
  );
}
