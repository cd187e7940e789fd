/**
 * Study regions as data: each region is an id, a name, a country, a set of NUTS 2021 codes (of any
 * level) and the localities that belong to it, with their local, English and other names. Milieu
 * ships the ten clusters of the European study of high-technology SME clusters in
 * `regions/ten-clusters.json`; a user file in the same format adds regions (or replaces one with the
 * same id); and any NUTS code can be used directly as a region. The format is documented in
 * docs/regions.md.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Dataset } from '../dataset/dataset.ts';
import type { RawTable } from '../dataset/raw.ts';
import { type RegionDefinition, unknownRegionMessage } from '../dataset/regions.ts';
import { InputError, type InputIssue, UsageError } from '../errors.ts';
import { NUTS_PATTERN, type NutsCodeList, nuts2021Codes } from '../model/index.ts';
import { eurostatCountry } from './gazetteer.ts';

/** The bundled regions file. */
export const BUILT_IN_REGIONS_PATH = new URL('../../regions/ten-clusters.json', import.meta.url).pathname;

const LocalitySchema = z
  .object({
    /** The local name, as written in the region's language. */
    name: z.string().trim().min(1),
    /** The English name when it differs (`Munich` for `München`). */
    english: z.string().trim().min(1).optional(),
    /** Other spellings met in data (`Muenchen`, `Goteborg`). */
    aliases: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

const RegionSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'an id is lower-case letters, digits and dashes (e.g. `sophia-antipolis`)',
      ),
    name: z.string().trim().min(1),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a country is a two-letter code in Eurostat spelling (`UK`, `EL`)')
      .transform(eurostatCountry),
    nuts: z
      .array(
        z.string().regex(NUTS_PATTERN, 'a NUTS code is two capital letters and up to three more characters'),
      )
      .min(1, 'a region needs at least one NUTS code'),
    localities: z.array(LocalitySchema).default([]),
    description: z.string().optional(),
  })
  .strict()
  .superRefine((region, ctx) => {
    for (const [k, code] of region.nuts.entries()) {
      if (code.slice(0, 2) !== region.country)
        ctx.addIssue({
          code: 'custom',
          path: ['nuts', k],
          message: `${code} is not in the region's country ${region.country}`,
        });
    }
  });

export const RegionsFileSchema = z
  .object({
    about: z.string().optional(),
    nutsVersion: z.string().optional(),
    source: z.string().optional(),
    regions: z.array(RegionSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [k, r] of file.regions.entries()) {
      if (seen.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['regions', k, 'id'],
          message: `duplicate region id '${r.id}'`,
        });
      seen.add(r.id);
    }
  });

export type StudyLocality = z.infer<typeof LocalitySchema>;
export type StudyRegion = z.infer<typeof RegionSchema> & {
  /** The file the region comes from, or `nuts` for a NUTS code used directly. */
  origin?: string;
};

/** Validates a parsed regions file; throws InputError with one issue per problem (JSON path in `column`). */
export function parseRegions(json: unknown, file: string): StudyRegion[] {
  const result = RegionsFileSchema.safeParse(json);
  if (!result.success) {
    const issues: InputIssue[] = result.error.issues.map((issue) => ({
      file,
      line: null,
      column: issue.path.length > 0 ? issue.path.join('.') : null,
      reason: issue.message,
    }));
    throw new InputError('regions', issues);
  }
  return result.data.regions.map((r) => ({ ...r, origin: file }));
}

/** Reads and validates a regions file. */
export function loadRegionsFile(path: string): StudyRegion[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError('regions', `cannot read the regions file ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError('regions', [
      { file: path, line: null, column: null, reason: `not JSON: ${(e as Error).message}` },
    ]);
  }
  return parseRegions(json, path);
}

/** The ten clusters shipped with Milieu. */
export function builtInRegions(): StudyRegion[] {
  return loadRegionsFile(BUILT_IN_REGIONS_PATH);
}

/**
 * The study regions: the built-in ones, then those of `regionsFile` (a region with a built-in id
 * replaces the built-in one, in its place; new ids come after).
 */
export function loadStudyRegions(options: { regionsFile?: string } = {}): StudyRegion[] {
  const regions = builtInRegions();
  if (!options.regionsFile) return regions;
  for (const r of loadRegionsFile(options.regionsFile)) {
    const k = regions.findIndex((b) => b.id === r.id);
    if (k >= 0) regions[k] = r;
    else regions.push(r);
  }
  return regions;
}

/**
 * The region with this id (case-insensitive), else a NUTS code used directly as a region (any
 * level); the code must be in `nutsCodes` (default: the shipped NUTS 2021 list), whose name is used.
 * Example: findStudyRegion(regions, 'DE21H') → { id: 'DE21H', name: 'München, Landkreis', … }.
 */
export function findStudyRegion(
  regions: StudyRegion[],
  id: string,
  nutsCodes: NutsCodeList = nuts2021Codes(),
): StudyRegion {
  const wanted = id.trim().toLowerCase();
  const found = regions.find((r) => r.id === wanted);
  if (found) return found;
  const code = id.trim().toUpperCase();
  const listed = nutsCodes.get(code);
  if (listed) {
    return {
      id: code,
      name: listed.name,
      country: code.slice(0, 2),
      nuts: [code],
      localities: [],
      origin: 'nuts',
    };
  }
  throw new UsageError('regions', unknownRegionMessage([id], regions.map(toRegionDefinition)));
}

/** Every name of a region's localities: local, English and aliases, without repeats. */
export function localityNames(region: StudyRegion): string[] {
  const names = new Set<string>();
  for (const l of region.localities) {
    names.add(l.name);
    if (l.english) names.add(l.english);
    for (const a of l.aliases ?? []) names.add(a);
  }
  return [...names];
}

/** The region in the form the Dataset's region membership uses (`regionMembers`). */
export function toRegionDefinition(region: StudyRegion): RegionDefinition {
  return {
    id: region.id,
    name: region.name,
    nuts: [...region.nuts],
    localities: localityNames(region),
    country: region.country ?? null,
  };
}

/** Study regions as rows of the `regions` table (kind `cluster`; lists as arrays). */
export function studyRegionsTable(regions: StudyRegion[]): RawTable {
  return {
    rowCount: regions.length,
    columns: {
      id: regions.map((r) => r.id),
      name: regions.map((r) => r.name),
      kind: regions.map(() => 'cluster'),
      nuts: regions.map((r) => [...r.nuts]),
      localities: regions.map(localityNames),
      country: regions.map((r) => r.country),
    },
  };
}

/**
 * The Dataset with the study regions added to its regions table, so `findRegion` and the measures'
 * `--region` know them. Regions the Dataset already defines (same id) keep the Dataset's definition.
 */
export function withStudyRegions(dataset: Dataset, regions: StudyRegion[]): Dataset {
  const own = dataset.other.regions;
  const ids = new Set((own.columns.id ?? []).map(String));
  const added = studyRegionsTable(regions.filter((r) => !ids.has(r.id)));
  if (added.rowCount === 0) return dataset;
  const names = new Set([...Object.keys(own.columns), ...Object.keys(added.columns)]);
  const columns: RawTable['columns'] = {};
  for (const name of names) {
    const a = own.columns[name] ?? new Array(own.rowCount).fill(null);
    const b = added.columns[name] ?? new Array(added.rowCount).fill(null);
    columns[name] = [...a, ...b];
  }
  return {
    ...dataset,
    other: { ...dataset.other, regions: { rowCount: own.rowCount + added.rowCount, columns } },
  };
}

// ---------------------------------------------------------------------------------------------
// The NUTS code list (moved to src/model/nuts.ts, where region membership can reach it too)

export { loadNutsCodes, type NutsCode, type NutsCodeList } from '../model/nuts.ts';

/** Codes of the regions that are not in the code list, as `region: code`. */
export function unknownNutsCodes(regions: StudyRegion[], codes: NutsCodeList): string[] {
  return regions.flatMap((r) => r.nuts.filter((c) => !codes.has(c)).map((c) => `${r.id}: ${c}`));
}
