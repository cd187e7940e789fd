/**
 * Study regions over a Dataset. A region is a row of the regions table (a set of NUTS codes and/or
 * localities) or any NUTS code given directly; an organisation belongs to it when its NUTS code
 * starts with one of the region's codes, else when its locality is one of the region's localities
 * (compared without case and accents) in the region's country. The scope of a tie follows from its two ends (DESIGN.md):
 * both in the region = local, same country = national, both in Europe = international, else global.
 */
import { UsageError } from '../errors.ts';
import { nutsLevel, type TieScope } from '../model/index.ts';
import type { Dataset } from './dataset.ts';

/**
 * Countries counted as "Europe" for tie scope: the EU-27, the EFTA states, the United Kingdom and
 * the other states of geographic Europe, in Eurostat spelling (EL Greece, UK United Kingdom), plus
 * the ISO spellings GR and GB.
 */
export const EUROPEAN_COUNTRIES: ReadonlySet<string> = new Set(
  (
    'AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK ' +
    'IS LI NO CH UK AL BA ME MK RS XK TR UA MD BY AD MC SM VA GR GB'
  ).split(' '),
);

export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface RegionDefinition {
  id: string;
  name: string;
  nuts: string[];
  localities: string[];
  /** The region's country; when set, localities match only organisations of that country (or of unknown country). */
  country?: string | null;
}

/** Eurostat and ISO spellings of the two countries where they differ. */
function sameCountry(a: string, b: string): boolean {
  const norm = (c: string) => ({ GB: 'UK', GR: 'EL' })[c.toUpperCase()] ?? c.toUpperCase();
  return norm(a) === norm(b);
}

/** The regions defined in the Dataset's regions table. */
export function regionDefinitions(dataset: Dataset): RegionDefinition[] {
  const t = dataset.other.regions;
  const out: RegionDefinition[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const list = (v: unknown) =>
      Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? v.split('|') : [];
    out.push({
      id: String(t.columns.id[i]),
      name: String(t.columns.name?.[i] ?? t.columns.id[i]),
      nuts: list(t.columns.nuts?.[i]),
      localities: list(t.columns.localities?.[i]),
    });
  }
  return out;
}

/** Resolves a region argument: an id of the regions table, else a NUTS code. */
export function findRegion(dataset: Dataset, region: string): RegionDefinition {
  const defined = regionDefinitions(dataset).find((r) => r.id === region);
  if (defined) return defined;
  if (nutsLevel(region.toUpperCase()) !== null)
    return { id: region, name: region, nuts: [region.toUpperCase()], localities: [] };
  const known = regionDefinitions(dataset).map((r) => r.id);
  throw new UsageError(
    'regions',
    `unknown region '${region}' (not in the regions table${known.length ? `: ${known.join(', ')}` : ''}, and not a NUTS code)`,
  );
}

/** 1 for every organisation inside the region, else 0. */
export function regionMembers(dataset: Dataset, region: RegionDefinition): Uint8Array {
  const o = dataset.organisations;
  const inside = new Uint8Array(o.count);
  const localities = new Set(region.localities.map(foldName));
  for (let i = 0; i < o.count; i++) {
    const nuts = o.nuts[i];
    // A known NUTS code decides; the locality is only a fallback for organisations without one.
    if (nuts !== null) {
      if (region.nuts.some((code) => nuts.startsWith(code))) inside[i] = 1;
    } else if (
      localities.size > 0 &&
      o.locality[i] !== null &&
      localities.has(foldName(o.locality[i]!)) &&
      // Cambridge, Massachusetts is not in Cambridgeshire
      (!region.country || o.country[i] === null || sameCountry(o.country[i]!, region.country))
    ) {
      inside[i] = 1;
    }
  }
  return inside;
}

/** The country of a region: the most common country of its organisations, or of its NUTS codes. */
export function regionCountry(
  dataset: Dataset,
  members: Uint8Array,
  region: RegionDefinition,
): string | null {
  const counts = new Map<string, number>();
  for (let i = 0; i < members.length; i++) {
    const c = dataset.organisations.country[i];
    if (members[i] && c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string | null = region.nuts[0]?.slice(0, 2) ?? null;
  let bestCount = 0;
  for (const [c, n] of counts) if (n > bestCount) [best, bestCount] = [c, n];
  return best;
}

export function isEuropean(country: string | null): boolean {
  return country !== null && EUROPEAN_COUNTRIES.has(country.toUpperCase());
}

/**
 * Scope of a tie between u and v as seen from a region (members mask). Null when it cannot be told
 * (a country is unknown and the ends are not both in the region).
 */
export function tieScope(dataset: Dataset, members: Uint8Array, u: number, v: number): TieScope | null {
  if (members[u] && members[v]) return 'local';
  const cu = dataset.organisations.country[u];
  const cv = dataset.organisations.country[v];
  if (cu === null || cv === null) return null;
  if (cu === cv) return 'national';
  if (isEuropean(cu) && isEuropean(cv)) return 'international';
  return 'global';
}
