/**
 * Multi-site legal entities: national research organisations (Fraunhofer, CNRS, CEA, CNR, CSIC,
 * Inria…) take part in Framework Programme projects as one legal entity registered at the head
 * office, while their institutes work in many regions. `regions/multi-site.json` lists them with the
 * identifiers that recognise them (CORDIS PICs, name patterns) and their main sites as NUTS 2021
 * codes; `matchMultiSite` finds them in a Dataset, and the membership mode (`flag`, `include`,
 * `exclude`; src/dataset/regions.ts) decides where they count. The format is in docs/regions.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Dataset } from '../dataset/dataset.ts';
import { foldName, type MultiSiteEntity } from '../dataset/regions.ts';
import { InputError, type InputIssue, UsageError } from '../errors.ts';
import { nuts2021Codes } from '../model/index.ts';
import { eurostatCountry } from './gazetteer.ts';

/** The shipped list. */
export const BUILT_IN_MULTI_SITE_PATH = fileURLToPath(
  new URL('../../regions/multi-site.json', import.meta.url),
);

const NutsCodeSchema = z
  .string()
  .refine((code) => nuts2021Codes().has(code), { message: 'not a code of the NUTS 2021 list' });

const SiteSchema = z
  .object({
    name: z.string().trim().min(1),
    nuts: NutsCodeSchema,
    locality: z.string().trim().min(1).optional(),
    /** Where the site is documented. */
    source: z.string().trim().min(1, 'every site needs a source'),
  })
  .strict();

const EntitySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case letters, digits and dashes'),
    name: z.string().trim().min(1),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a country is a two-letter code in Eurostat spelling')
      .transform(eurostatCountry),
    /** Organisation ids (CORDIS PICs) of the entity. */
    pics: z.array(z.string().min(1)).default([]),
    /** Regular expressions over the folded organisation name (`foldName`). */
    namePatterns: z
      .array(
        z.string().refine(
          (p) => {
            try {
              new RegExp(p);
              return true;
            } catch {
              return false;
            }
          },
          { message: 'not a valid regular expression' },
        ),
      )
      .default([]),
    registered: z
      .object({ locality: z.string().min(1), nuts: NutsCodeSchema, source: z.string().min(1) })
      .strict(),
    sites: z.array(SiteSchema).min(1, 'an entity needs at least one main site'),
  })
  .strict()
  .refine((e) => e.pics.length + e.namePatterns.length > 0, {
    message: 'an entity needs PICs or name patterns to be recognised',
  });

export const MultiSiteFileSchema = z
  .object({
    about: z.string().optional(),
    nutsVersion: z.string().optional(),
    entities: z.array(EntitySchema),
  })
  .strict();

export type MultiSiteDefinition = z.infer<typeof EntitySchema>;

/** Reads and validates a multi-site list (default: the shipped one); InputError with every issue. */
export function loadMultiSite(path: string = BUILT_IN_MULTI_SITE_PATH): MultiSiteDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code)
      throw new UsageError('regions', `cannot read the multi-site list ${path}: ${(e as Error).message}`);
    throw new InputError('regions', [
      { file: path, line: null, column: null, reason: `not JSON: ${(e as Error).message}` },
    ]);
  }
  const result = MultiSiteFileSchema.safeParse(json);
  if (!result.success) {
    const issues: InputIssue[] = result.error.issues.map((issue) => ({
      file: path,
      line: null,
      column: issue.path.length > 0 ? issue.path.join('.') : null,
      reason: issue.message,
    }));
    throw new InputError('regions', issues);
  }
  return result.data.entities;
}

/**
 * The listed entities found in the Dataset: an organisation is an entity when its id is one of the
 * entity's PICs, or when its folded name matches one of the patterns and its country (if known) is the
 * entity's. Entities with no organisation in the Dataset are kept with an empty list. Cost O(n · patterns).
 */
export function matchMultiSite(dataset: Dataset, definitions: MultiSiteDefinition[]): MultiSiteEntity[] {
  const o = dataset.organisations;
  const byPic = new Map<string, number>();
  definitions.forEach((d, k) => {
    for (const pic of d.pics) byPic.set(pic, k);
  });
  const patterns = definitions.map((d) => d.namePatterns.map((p) => new RegExp(p)));
  const members = definitions.map(() => [] as number[]);
  for (let i = 0; i < o.count; i++) {
    let k = byPic.get(o.id[i]) ?? -1;
    if (k < 0 && o.name[i]) {
      const folded = foldName(o.name[i]!);
      k = patterns.findIndex(
        (list, d) =>
          list.some((re) => re.test(folded)) &&
          (o.country[i] === null || eurostatCountry(o.country[i]!) === definitions[d].country),
      );
    }
    if (k >= 0) members[k].push(i);
  }
  return definitions.map((d, k) => ({
    id: d.id,
    name: d.name,
    organisations: members[k],
    sites: d.sites.map((s) => ({
      name: s.name,
      nuts: s.nuts,
      locality: s.locality ?? null,
      country: d.country,
    })),
  }));
}
