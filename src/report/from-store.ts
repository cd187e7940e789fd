/**
 * From a store to the comparative report: load the Dataset with the study regions, choose the
 * regions (given, else the store's own regions table), run `compareRegions`, read from the imports
 * whether the data are simulated, and build the Markdown and HTML. Shared by `milieu report` and the
 * main job (`milieu demo`); findings verdicts are passed in by the caller when it has them.
 */

import type { Dataset } from '../dataset/dataset.ts';
import { loadDataset } from '../dataset/load.ts';
import type { MultiSiteMode } from '../dataset/regions.ts';
import { type RegionDefinition, regionDefinitions } from '../dataset/regions.ts';
import { UsageError } from '../errors.ts';
import { type Comparison, compareRegions, type Selection } from '../measures/index.ts';
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
   * The findings' verdicts, or how to get them from the Dataset and regions the report uses (where
   * `checkFindings` plugs in); absent: the report says "not yet checked".
   */
  verdicts?: VerdictRow[] | VerdictSource;
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
  const verdicts =
    typeof options.verdicts === 'function' ? await options.verdicts(dataset, chosen, seed) : options.verdicts;
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
