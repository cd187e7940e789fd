/**
 * The one parser of region arguments, shared by `measure --region`, `compare --regions`,
 * `rtd --regions` and `acquisitions --regions`: a comma-separated list of region ids (the store's
 * regions table and the study regions), NUTS 2021 codes, or `ten` for the ten study clusters. Every
 * unknown id is reported at once, with the known ones (UsageError, exit 2).
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  findRegion,
  MULTI_SITE_MODES,
  type MultiSiteMode,
  type MultiSitePresence,
  multiSiteNote,
  multiSitePresence,
  type RegionDefinition,
  regionDefinitions,
  unknownRegionMessage,
  withMembership,
} from '../dataset/regions.ts';
import { UsageError } from '../errors.ts';
import { builtInRegions, loadStudyRegions, withStudyRegions } from './definitions.ts';
import { loadMultiSite, matchMultiSite } from './multi-site.ts';

/** The word that stands for the ten shipped clusters. */
export const TEN_CLUSTERS = 'ten';

/**
 * Resolves a region argument against a Dataset whose regions table already holds the study regions
 * (`withStudyRegions`). `single` refuses lists (for `measure --region`). Duplicates are dropped.
 * Example: parseRegionArgument(dataset, 'ten,DE21') → the ten clusters, then Oberbayern.
 */
export function parseRegionArgument(
  dataset: Dataset,
  argument: string,
  options: { single?: boolean; option?: string } = {},
): RegionDefinition[] {
  const option = options.option ?? '--regions';
  const items = argument
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => (s.toLowerCase() === TEN_CLUSTERS ? builtInRegions().map((r) => r.id) : [s]));
  if (items.length === 0) throw new UsageError('regions', `${option} needs at least one region`);
  const found: RegionDefinition[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    try {
      const region = findRegion(dataset, item);
      if (!found.some((r) => r.id === region.id)) found.push(region);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      unknown.push(item);
    }
  }
  if (unknown.length > 0)
    throw new UsageError('regions', unknownRegionMessage(unknown, regionDefinitions(dataset)));
  if (options.single && found.length > 1)
    throw new UsageError(
      'regions',
      `${option} takes one region, got ${found.length} (${found.map((r) => r.id).join(', ')}); use milieu compare for several`,
    );
  return found;
}

/** The `--multi-site` value, checked. */
export function parseMultiSiteMode(value: string | undefined): MultiSiteMode {
  const mode = (value ?? 'flag').trim().toLowerCase();
  if (!(MULTI_SITE_MODES as readonly string[]).includes(mode))
    throw new UsageError(
      'regions',
      `--multi-site must be one of ${MULTI_SITE_MODES.join(', ')}, got '${value}'`,
    );
  return mode as MultiSiteMode;
}

/**
 * The Dataset every region command works on: the study regions (built-in, then `regionsFile`) added
 * to its regions table, and the shipped multi-site entities matched to its organisations with the
 * chosen mode, so that every later membership test (measures, reports) agrees.
 */
export function withRegionContext(
  dataset: Dataset,
  options: { regionsFile?: string; multiSite?: MultiSiteMode } = {},
): Dataset {
  const withRegions = withStudyRegions(dataset, loadStudyRegions({ regionsFile: options.regionsFile }));
  return withMembership(withRegions, {
    multiSite: options.multiSite ?? 'flag',
    entities: matchMultiSite(withRegions, loadMultiSite()),
  });
}

/** Multi-site entities concerning each region, for JSON output. */
export function multiSiteByRegion(
  dataset: Dataset,
  regions: RegionDefinition[],
): { region: string; entities: MultiSitePresence[] }[] {
  return regions.map((r) => ({ region: r.id, entities: multiSitePresence(dataset, r) }));
}

/** The same as text lines under a heading (empty when no region has any). */
export function multiSiteText(dataset: Dataset, regions: RegionDefinition[]): string {
  const lines = regions.flatMap((r) =>
    multiSitePresence(dataset, r).map((x) => `- ${multiSiteNote(r.name, x)}`),
  );
  return lines.length === 0 ? '' : `\nMulti-site legal entities:\n${lines.join('\n')}\n`;
}
