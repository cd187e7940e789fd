/**
 * The findings seam: what `GET /api/regions/:id/findings` answers. The findings catalogue and its
 * `checkFindings` (src/findings/) are being written; until the lead wires them in here,
 * `findingsFor` returns null and the route answers 501 with a message, and the Overview view says
 * the verdicts are not available yet. The verdict shape is src/model/findings.ts.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { VerdictRow } from '../model/findings.ts';

export const FINDINGS_NOT_AVAILABLE =
  'findings are not available yet: this Milieu has no findings catalogue (checkFindings) to test them with';

/**
 * The verdicts of every finding for a region (null: the whole dataset), or null while findings are
 * not available (the dashboard asks `/api/info` first and does not call the route then).
 */
export function findingsFor(_dataset: Dataset, _region: string | null): VerdictRow[] | null {
  return null;
}
