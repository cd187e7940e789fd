/**
 * Study regions over a Dataset. A region is a row of the regions table (a set of NUTS codes and/or
 * localities) or any NUTS code given directly; an organisation belongs to it when its NUTS code
 * starts with one of the region's codes, else when its locality is one of the region's localities
 * (compared without case and accents) in the region's country. The scope of a tie follows from its two ends (DESIGN.md):
 * both in the region = local, same country = national, both in Europe = international, else global.
 */
import { UsageError } from '../errors.ts';
import { nuts2021Codes, nutsLevel, type TieScope } from '../model/index.ts';
import type { Dataset } from './dataset.ts';
import {
  type EntitySite,
  type MembershipOptions,
  MULTI_SITE_MODES,
  type MultiSiteEntity,
  type MultiSiteMode,
} from './membership.ts';

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

/**
 * Folded names already computed: a dataset names the same few localities thousands of times (a
 * simulated region's 2,000 organisations share its handful), and folding costs a Unicode
 * normalisation and two regular expressions. Emptied when it holds 50,000 names, so that it stays
 * small whatever the data.
 */
const FOLDED = new Map<string, string>();

export function foldName(name: string): string {
  let folded = FOLDED.get(name);
  if (folded === undefined) {
    folded = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (FOLDED.size >= 50_000) FOLDED.clear();
    FOLDED.set(name, folded);
  }
  return folded;
}

export interface RegionDefinition {
  id: string;
  name: string;
  nuts: string[];
  localities: string[];
  /**
   * The region's country. Localities match only organisations of the region's countries (this one
   * and those of its NUTS codes, `regionCountries`); a matching locality without a country cannot be
   * placed (`UNKNOWN_LOCATION`).
   */
  country?: string | null;
}

function normalCountry(c: string | null | undefined): string | null {
  const s = c?.trim().toUpperCase() ?? '';
  if (s === '') return null;
  return ({ GB: 'UK', GR: 'EL' } as Record<string, string>)[s] ?? s;
}

/**
 * The countries a region lies in, in Eurostat spelling: its own country and the country prefixes of
 * its NUTS codes. Empty when the region names neither (its localities then match in any country).
 */
export function regionCountries(region: Pick<RegionDefinition, 'nuts' | 'country'>): Set<string> {
  const out = new Set<string>();
  const own = normalCountry(region.country);
  if (own !== null) out.add(own);
  for (const code of region.nuts) {
    const c = normalCountry(code.slice(0, 2));
    if (c !== null) out.add(c);
  }
  return out;
}

/** The regions defined in the Dataset's regions table (with their country, when the table has one). */
export function regionDefinitions(dataset: Dataset): RegionDefinition[] {
  const t = dataset.other.regions;
  const out: RegionDefinition[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const list = (v: unknown) =>
      Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? v.split('|') : [];
    const country = t.columns.country?.[i];
    out.push({
      id: String(t.columns.id[i]),
      name: String(t.columns.name?.[i] ?? t.columns.id[i]),
      nuts: list(t.columns.nuts?.[i]),
      localities: list(t.columns.localities?.[i]),
      country: typeof country === 'string' && country ? country : null,
    });
  }
  return out;
}

/**
 * Resolves a region argument: an id of the regions table (exact, else ignoring case), else a code of
 * the NUTS 2021 list (any level, any case). Anything else — including a NUTS-shaped code that is not
 * in the list, such as `FR999` — is a UsageError that lists the known ids.
 */
export function findRegion(dataset: Dataset, region: string): RegionDefinition {
  const defined = regionDefinitions(dataset);
  const wanted = region.trim();
  const found =
    defined.find((r) => r.id === wanted) ?? defined.find((r) => r.id.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  const code = wanted.toUpperCase();
  const listed = nuts2021Codes().get(code);
  if (listed) return { id: code, name: listed.name, nuts: [code], localities: [], country: listed.country };
  throw new UsageError('regions', unknownRegionMessage([region], defined));
}

/** The message for region ids that are neither defined nor NUTS 2021 codes. */
export function unknownRegionMessage(unknown: string[], defined: RegionDefinition[]): string {
  const quoted = unknown.map((u) => `'${u}'`).join(', ');
  // a code is worth the remark when it is NUTS-shaped and starts with a NUTS country (FR999, not foo)
  const shaped = unknown.filter((u) => {
    const code = u.trim().toUpperCase();
    return nutsLevel(code) !== null && nuts2021Codes().has(code.slice(0, 2));
  });
  const nutsNote =
    shaped.length > 0
      ? `; ${shaped.map((u) => u.trim().toUpperCase()).join(', ')} ${shaped.length === 1 ? 'is' : 'are'} not in the NUTS 2021 code list`
      : '';
  const known = defined.length > 0 ? defined.map((r) => r.id).join(', ') : 'none defined';
  return `unknown region${unknown.length > 1 ? 's' : ''} ${quoted}${nutsNote} (known regions: ${known}; 'ten' for the ten study clusters; any NUTS 2021 code such as UKH12 or DE21 is accepted too)`;
}

// ---------------------------------------------------------------------------------------------
// Membership

export {
  type EntitySite,
  type MembershipOptions,
  MULTI_SITE_MODES,
  type MultiSiteEntity,
  type MultiSiteMode,
} from './membership.ts';

export const MEMBERSHIP_DEFAULTS: Required<MembershipOptions> = { multiSite: 'flag', entities: [] };

/**
 * The Dataset with membership options every later `regionMembers` call uses when it is given none,
 * so that measure families, reports and commands all see the same regions.
 */
export function withMembership(dataset: Dataset, options: MembershipOptions): Dataset {
  return { ...dataset, membership: { ...MEMBERSHIP_DEFAULTS, ...dataset.membership, ...options } };
}

function membershipOptions(dataset: Dataset, options?: MembershipOptions): Required<MembershipOptions> {
  const merged = { ...MEMBERSHIP_DEFAULTS, ...dataset.membership, ...options };
  if (!MULTI_SITE_MODES.includes(merged.multiSite))
    throw new UsageError(
      'regions',
      `multi-site mode must be one of ${MULTI_SITE_MODES.join(', ')}, got '${merged.multiSite}'`,
    );
  return merged;
}

/** Where an organisation lies relative to a region (`regionLocation`). */
export const OUTSIDE = 0;
export const INSIDE = 1;
export const UNKNOWN_LOCATION = 2;

/** The location of every organisation by its registered address (no multi-site rule). */
function registeredLocation(dataset: Dataset, region: RegionDefinition): Uint8Array {
  const o = dataset.organisations;
  const out = new Uint8Array(o.count);
  const localities = new Set(region.localities.map(foldName).filter((l) => l !== ''));
  const countries = regionCountries(region);
  const codes = region.nuts.map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  for (let i = 0; i < o.count; i++) {
    const nuts = o.nuts[i];
    const country = normalCountry(o.country[i]);
    // A known NUTS code decides; the locality is only a fallback for organisations without one.
    if (nuts !== null && nuts !== '') {
      const upper = nuts.toUpperCase();
      out[i] = codes.some((c) => upper.startsWith(c)) ? INSIDE : OUTSIDE;
    } else if (o.locality[i] !== null && o.locality[i] !== '') {
      if (!localities.has(foldName(o.locality[i]!))) out[i] = OUTSIDE;
      // Cambridge with no country may be Cambridge, Massachusetts: cannot tell
      else if (country === null) out[i] = countries.size === 0 ? INSIDE : UNKNOWN_LOCATION;
      else out[i] = countries.size === 0 || countries.has(country) ? INSIDE : OUTSIDE;
    } else if (country !== null && countries.size > 0 && !countries.has(country)) out[i] = OUTSIDE;
    else out[i] = UNKNOWN_LOCATION;
  }
  return out;
}

function registeredMembers(dataset: Dataset, region: RegionDefinition): Uint8Array {
  const location = registeredLocation(dataset, region);
  const inside = new Uint8Array(location.length);
  for (let i = 0; i < location.length; i++) if (location[i] === INSIDE) inside[i] = 1;
  return inside;
}

/** The entity's main sites that lie in the region (by NUTS code, else by locality in the region's country). */
export function sitesInRegion(entity: MultiSiteEntity, region: RegionDefinition): EntitySite[] {
  const localities = new Set(region.localities.map(foldName));
  const countries = regionCountries(region);
  return entity.sites.filter((site) =>
    site.nuts !== null
      ? region.nuts.some((code) => site.nuts!.startsWith(code))
      : site.locality !== null &&
        localities.has(foldName(site.locality)) &&
        (countries.size === 0 || countries.has(normalCountry(site.country)!)),
  );
}

/**
 * The one location rule of Milieu: INSIDE, OUTSIDE or UNKNOWN_LOCATION for every organisation.
 * An organisation with a NUTS code is inside when its code starts with one of the region's codes,
 * else outside. Without one, it is inside when its locality is one of the region's localities
 * (compared without case and accents) and its country is one of the region's countries
 * (`regionCountries`); a matching locality with no country is unknown (Cambridge, England or
 * Cambridge, Massachusetts). With neither NUTS code nor locality, an organisation of another country
 * is outside, else unknown. Multi-site entities then follow `options.multiSite` (default: the
 * Dataset's `membership`, else `flag`): `include` puts them inside every region holding one of their
 * main sites, `exclude` outside every region. Cost O(n · codes).
 * Example: region { localities: ['München', 'Munich'], country: 'DE' }: locality 'Munich', country
 * DE → INSIDE; 'Munich', US → OUTSIDE; 'Munich', no country → UNKNOWN_LOCATION.
 */
export function regionLocation(
  dataset: Dataset,
  region: RegionDefinition,
  options?: MembershipOptions,
): Uint8Array {
  const location = registeredLocation(dataset, region);
  const { multiSite, entities } = membershipOptions(dataset, options);
  if (multiSite === 'flag') return location;
  for (const entity of entities) {
    if (multiSite === 'include' && sitesInRegion(entity, region).length === 0) continue;
    const value = multiSite === 'exclude' ? OUTSIDE : INSIDE;
    for (const i of entity.organisations) location[i] = value;
  }
  return location;
}

/**
 * Region membership, the mask every command and measure uses: 1 where `regionLocation` is INSIDE,
 * else 0 (an organisation that cannot be placed is not counted). Every command and measure goes
 * through here, so a region has the same members everywhere.
 */
export function regionMembers(
  dataset: Dataset,
  region: RegionDefinition,
  options?: MembershipOptions,
): Uint8Array {
  const location = regionLocation(dataset, region, options);
  const inside = new Uint8Array(location.length);
  for (let i = 0; i < location.length; i++) if (location[i] === INSIDE) inside[i] = 1;
  return inside;
}

/** A multi-site entity as seen from one region, for the notes of cluster reports. */
export interface MultiSitePresence {
  entity: string;
  name: string;
  /** Its organisations in the Dataset (usually one legal entity) and their participations. */
  organisations: number;
  participations: number;
  /** True when its registered address is in the region. */
  registeredInside: boolean;
  /** Its listed main sites inside the region. */
  sitesInside: string[];
  /** Whether it is counted in the region under the mode. */
  counted: boolean;
  mode: MultiSiteMode;
}

/**
 * The multi-site entities that concern a region: registered there, or with a listed main site there.
 * Cost O(participations) once, plus O(entities · sites).
 */
export function multiSitePresence(
  dataset: Dataset,
  region: RegionDefinition,
  options?: MembershipOptions,
): MultiSitePresence[] {
  const { multiSite, entities } = membershipOptions(dataset, options);
  if (entities.length === 0) return [];
  const registered = registeredMembers(dataset, region);
  const members = regionMembers(dataset, region, { multiSite, entities });
  const owner = new Int32Array(dataset.organisations.count).fill(-1);
  entities.forEach((e, k) => {
    for (const i of e.organisations) owner[i] = k;
  });
  const participations = new Array<number>(entities.length).fill(0);
  const p = dataset.participations;
  for (let j = 0; j < p.count; j++) {
    const org = p.organisation[j];
    if (org >= 0 && owner[org] >= 0) participations[owner[org]]++;
  }
  const out: MultiSitePresence[] = [];
  entities.forEach((e, k) => {
    if (e.organisations.length === 0) return;
    const registeredInside = e.organisations.some((i) => registered[i] === 1);
    const sitesInside = sitesInRegion(e, region).map((s) => s.name);
    if (!registeredInside && sitesInside.length === 0) return;
    out.push({
      entity: e.id,
      name: e.name,
      organisations: e.organisations.length,
      participations: participations[k],
      registeredInside,
      sitesInside,
      counted: e.organisations.some((i) => members[i] === 1),
      mode: multiSite,
    });
  });
  return out;
}

/**
 * One line per entity, for text reports: "Grenoble: CEA, 687 participations — registered elsewhere;
 * main site here: Grenoble (CEA-Leti, …); not counted (--multi-site flag)".
 */
export function multiSiteNote(region: string, x: MultiSitePresence): string {
  const short = x.name.split(' (')[0];
  const sites =
    x.sitesInside.length > 0
      ? `main site${x.sitesInside.length > 1 ? 's' : ''} here: ${x.sitesInside.join('; ')}`
      : 'no listed main site here';
  return `${region}: ${short}, ${x.participations.toLocaleString('en')} participations — registered ${x.registeredInside ? 'here' : 'elsewhere'}; ${sites}; ${x.counted ? 'counted' : 'not counted'} (--multi-site ${x.mode})`;
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
