/**
 * From a store to the comparative report: load the Dataset with the study regions, choose the
 * regions (given, else the store's own regions table), run `compareRegions`, read from the imports
 * whether the data are simulated, and build the Markdown and HTML. Shared by `milieu report` and the
 * main job (`milieu demo`). The findings are checked per region with `checkFindings` (the same
 * selection as the comparison) unless the caller passes verdicts of its own.
 */

import type { Dataset } from '../dataset/dataset.ts';
import { loadDataset } from '../dataset/load.ts';
import type { MultiSiteMode } from '../dataset/regions.ts';
import { type RegionDefinition, regionDefinitions } from '../dataset/regions.ts';
import { UsageError } from '../errors.ts';
import { checkFindings } from '../findings/index.ts';
import {
  CLUSTER_COMPARISON_DEFAULTS,
  type Comparison,
  compareRegions,
  type Selection,
} from '../measures/index.ts';
import type { VerdictRow } from '../model/findings.ts';
import type { Progress } from '../progress.ts';
import { parseRegionArgument, withRegionContext } from '../regions/arguments.ts';
import type { Store } from '../store/store.ts';
import { type Report, simulatedImports } from './comparative.ts';
import { buildReport } from './comparative-html.ts';

export interface StoreReportOptions {
  /** A region argument (`ten`, ids, NUTS codes); default: every row of the store's regions table. */
  regions?: string;
  selection?: Omit<Selection, 'region'>;
  seed?: number;
  multiSite?: MultiSiteMode;
  regionsFile?: string;
  title?: string;
  /**
   * The findings' verdicts, or how to get them from the Dataset and regions the report uses;
   * absent: `checkFindings` on each region with the comparison's selection; `false`: not checked
   * (the report says so).
   */
  verdicts?: VerdictRow[] | VerdictSource | false;
  onProgress?: Progress;
}

export type VerdictSource = (
  dataset: Dataset,
  regions: RegionDefinition[],
  seed: number,
) => VerdictRow[] | Promise<VerdictRow[]>;

export interface StoreReport extends Report {
  comparison: Comparison;
  regionNames: string[];
  simulated: boolean;
}

export async function reportOnStore(store: Store, options: StoreReportOptions = {}): Promise<StoreReport> {
  options.onProgress?.('load', 0, 1);
  const loaded = await loadDataset(store);
  options.onProgress?.('load', 1, 1);
  const own = regionDefinitions(loaded).map((r) => r.id);
  const argument = options.regions ?? own.join(',');
  if (!argument.trim())
    throw new UsageError(
      'report',
      `${store.path} has no regions table rows: name the regions with --regions (e.g. --regions ten or --regions DE21,FRK24)`,
    );
  const dataset = withRegionContext(loaded, {
    regionsFile: options.regionsFile,
    multiSite: options.multiSite ?? 'flag',
  });
  const chosen = parseRegionArgument(dataset, argument);
  const regions = chosen.map((r) => r.id);
  const seed = options.seed ?? 1;
  const comparison = compareRegions(dataset, regions, options.selection ?? {}, {
    seed,
    onProgress: options.onProgress,
  });
  const given = options.verdicts ?? checkEachRegion(options.selection ?? {}, options.onProgress);
  const verdicts =
    given === false ? undefined : typeof given === 'function' ? await given(dataset, chosen, seed) : given;
  const formats = await store.connection.runAndReadAll('SELECT format FROM imports ORDER BY id');
  const simulated = simulatedImports(formats.getRows().map(([f]) => String(f)));
  const regionNames = chosen.map((r) => r.name);
  const report = buildReport({
    title: options.title ?? 'Milieu comparative report',
    source: store.path,
    comparison,
    regionNames,
    simulated,
    verdicts,
    provenance: {
      milieuVersion: dataset.meta.milieuVersion,
      inputHashes: dataset.meta.inputHashes,
      parameters: {
        regions,
        seed,
        multiSite: options.multiSite ?? 'flag',
        ...shown(options.selection ?? {}),
      },
    },
  });
  return { ...report, comparison, regionNames, simulated: simulated !== null };
}

/** The selection as JSON can hold it (no cap is 'none'). */
function shown(selection: Omit<Selection, 'region'>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...selection };
  if (typeof selection.maxProjectSize === 'number' && !Number.isFinite(selection.maxProjectSize))
    out.maxProjectSize = 'none';
  return out;
}

/** The findings checked on each region with the comparison's selection (cap and weighting included). */
function checkEachRegion(given: Omit<Selection, 'region'>, onProgress?: Progress): VerdictSource {
  const base: Omit<Selection, 'region'> = { ...CLUSTER_COMPARISON_DEFAULTS, ...given };
  return (dataset, regions, seed) =>
    regions.flatMap((region, k) =>
      checkFindings(
        dataset,
        { ...base, region: region.id },
        {
          seed,
          onProgress: (_phase, done, total) =>
            onProgress?.('check findings', k + done / Math.max(total, 1), regions.length),
        },
      ),
    );
}
