/**
 * Table building: organisations, projects and participations collected from the parsed files, keyed
 * by their CORDIS ids, with each row's provenance.
 */

import { basename } from 'node:path';
import type { Value } from '../../dataset/raw.ts';
import { PARTICIPATION_ROLES } from '../../model/index.ts';
import type { CsvField } from './csv.ts';
import type { CordisTable } from './types.ts';
import { KNOWN_TYPES, kindOf, type RoleSpelling } from './values.ts';

export const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'kind',
  'country',
  'nuts',
  'locality',
  'lat',
  'lon',
  'sme',
] as const;
export const PROJECT_COLUMNS = ['id', 'acronym', 'programme', 'start', 'end', 'cost'] as const;
export const PARTICIPATION_COLUMNS = ['project', 'organisation', 'role', 'contribution'] as const;

export const PLAIN_ID = /^(?:0|[1-9]\d{0,8})$/;

/** An Int32Array at least `size` long with the contents of `a`; new places hold `fill`. */
export function grownInt32(a: Int32Array<ArrayBuffer>, size: number, fill: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const grown = new Int32Array(Math.max(size, 2 * a.length));
  grown.set(a);
  if (fill !== 0) grown.fill(fill, a.length);
  return grown;
}

/** An array of `size` nulls. */
export function nulls<T>(size: number): (T | null)[] {
  return new Array<T | null>(size).fill(null);
}

/**
 * Dense ids (0, 1, 2, … in order of first appearance) for the values of id columns, which may come
 * from several files. Plain ids (1–9 digits, no leading zero, as PICs and project numbers are) are
 * found as numbers in an open-addressing table without making a string; other ids by their trimmed
 * text. Blank and `NA` ids have no id. The table keeps key and id side by side, so that a lookup
 * touches one cache line: with tens of thousands of ids, memory latency is what lookups cost.
 */
export class KeyIndex {
  /** Per slot two numbers: the numeric key + 1 (0 when the slot is empty) and its id. */
  private slots = new Int32Array(2 * 1024);
  /** 32 − log2(slot count), for Fibonacci hashing. */
  private shift = 22;
  private numeric = 0;
  private readonly byText = new Map<string, number>();
  /** Per id: the numeric key, or -1 for a text key (kept in `textOf`). */
  private keyOf = new Int32Array(1024);
  private readonly textOf = new Map<number, string>();
  size = 0;
  /** Whether the last add() made a new id. */
  added = false;

  /** The id of record i's key, made when new; -1 when the key is blank or `NA`. */
  add(field: CsvField, i: number): number {
    return this.lookup(field, i, true);
  }

  /** The id of record i's key; -1 when blank, `NA` or unknown. */
  find(field: CsvField, i: number): number {
    return this.lookup(field, i, false);
  }

  /** The key of an id as text (String(key) for numeric keys). */
  text(id: number): string {
    const key = this.keyOf[id];
    return key >= 0 ? String(key) : this.textOf.get(id)!;
  }

  /** text() of every id. */
  texts(): string[] {
    const out: string[] = new Array(this.size);
    for (let id = 0; id < this.size; id++) out[id] = this.text(id);
    return out;
  }

  private lookup(field: CsvField, i: number, insert: boolean): number {
    this.added = false;
    let key = field.key(i);
    if (typeof key !== 'number') {
      const s = key.trim();
      if (s === '' || s === 'NA') return -1;
      if (!PLAIN_ID.test(s)) {
        let id = this.byText.get(s);
        if (id === undefined) {
          if (!insert) return -1;
          id = this.newId(-1);
          this.byText.set(s, id);
          this.textOf.set(id, s);
        }
        return id;
      }
      key = Number(s);
    }
    const slots = this.slots;
    const mask = slots.length - 2;
    let at = (Math.imul(key, 0x9e3779b1) >>> this.shift) << 1;
    for (let k = slots[at]; k !== 0; k = slots[at]) {
      if (k === key + 1) return slots[at + 1];
      at = (at + 2) & mask;
    }
    if (!insert) return -1;
    const id = this.newId(key);
    slots[at] = key + 1;
    slots[at + 1] = id;
    // Grown at three quarters full: a smaller table stays in cache, which matters more than probes.
    if (4 * ++this.numeric > 1.5 * slots.length) this.grow();
    return id;
  }

  private newId(key: number): number {
    const id = this.size++;
    if (id === this.keyOf.length) this.keyOf = grownInt32(this.keyOf, 2 * id, 0);
    this.keyOf[id] = key;
    this.added = true;
    return id;
  }

  /** Doubles the table. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 2;
    this.shift--;
    for (let s = 0; s < old.length; s += 2) {
      const k = old[s];
      if (k === 0) continue;
      let at = (Math.imul(k - 1, 0x9e3779b1) >>> this.shift) << 1;
      while (slots[at] !== 0) at = (at + 2) & mask;
      slots[at] = k;
      slots[at + 1] = old[s + 1];
    }
    this.slots = slots;
  }
}

/** Small integer codes for a few distinct strings (activity types, countries). */
export class Codes {
  readonly names: string[] = [];
  private readonly byName = new Map<string, number>();

  /** The code of a string; -1 for null. */
  of(name: string | null): number {
    if (name === null) return -1;
    let code = this.byName.get(name);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(name);
      this.byName.set(name, code);
    }
    return code;
  }

  name(code: number): string | null {
    return code < 0 ? null : this.names[code];
  }
}

export const OTHER_TYPE = 1;
export const SEVERAL_COUNTRIES = 2;

/**
 * Organisations by dense id (see KeyIndex), one array per attribute. What every participation row
 * updates (activity type, country counts) is kept as small codes side by side in one typed array,
 * so that a row touches one place of memory for its organisation.
 */
export class Organisations {
  readonly keys = new KeyIndex();
  readonly types = new Codes();
  /** Per type code: whether it is one of KNOWN_TYPES. */
  private readonly knownTypes: boolean[] = [];
  readonly countries = new Codes();
  file = new Uint16Array(1024);
  line = new Int32Array(1024);
  /** Per organisation 4 numbers: type code, first country code, rows with that country, flags. */
  private state = new Int32Array(4 * 1024);
  /** Row counts per country of organisations with flag SEVERAL_COUNTRIES. */
  private readonly countryCounts = new Map<number, Map<number, number>>();
  /** Attributes by organisation, for as many as withAttributes() was told. */
  sme: (boolean | string | null)[] = [];
  name: (string | null)[] = [];
  locality: (string | null)[] = [];
  nuts: (string | null)[] = [];
  lat: (number | string | null)[] = [];
  lon: (number | string | null)[] = [];

  /**
   * Makes the attribute arrays (sme, name, …) `count` long, all null: before organisations are
   * added with an upper bound, or once all are added with `size`, which spares filling arrays for
   * rows that are not organisations.
   */
  withAttributes(count: number): this {
    this.sme = nulls(count);
    this.name = nulls(count);
    this.locality = nulls(count);
    this.nuts = nulls(count);
    this.lat = nulls(count);
    this.lon = nulls(count);
    return this;
  }

  get size(): number {
    return this.keys.size;
  }

  /** The organisation of record i's id, made (at this file and line) when new; -1 when blank. */
  add(field: CsvField, i: number, file: number, line: number): number {
    const o = this.keys.add(field, i);
    if (this.keys.added) {
      if (o === this.line.length) {
        const grown = new Uint16Array(2 * o);
        grown.set(this.file);
        this.file = grown;
        this.line = grownInt32(this.line, 2 * o, 0);
        this.state = grownInt32(this.state, 8 * o, 0);
      }
      this.file[o] = file;
      this.line[o] = line;
      this.state[4 * o] = -1;
      this.state[4 * o + 1] = -1;
    }
    return o;
  }

  /** Counts a row's activity type (code from `types`) when it is not one of CORDIS' five. */
  countUnknownType(type: number, unknown: Map<string, number>): void {
    if (type < 0) return;
    let known = this.knownTypes[type];
    if (known === undefined) {
      known = KNOWN_TYPES.has(this.types.names[type]);
      this.knownTypes[type] = known;
    }
    if (!known) unknown.set(this.types.names[type], (unknown.get(this.types.names[type]) ?? 0) + 1);
  }

  /** The activity type (code from `types`, -1: none) of an organisation's first row that has one. */
  type(o: number): number {
    return this.state[4 * o];
  }

  /** Sets the type when the organisation has none; notes a different one. */
  setType(o: number, type: number): void {
    if (type < 0) return;
    const known = this.state[4 * o];
    if (known < 0) this.state[4 * o] = type;
    else if (known !== type) this.state[4 * o + 3] |= OTHER_TYPE;
  }

  /** Sets the type when the organisation has none, without noting a different one. */
  setMissingType(o: number, type: number): void {
    if (this.state[4 * o] < 0) this.state[4 * o] = type;
  }

  hasOtherType(o: number): boolean {
    return (this.state[4 * o + 3] & OTHER_TYPE) !== 0;
  }

  hasCountry(o: number): boolean {
    return this.state[4 * o + 1] >= 0;
  }

  /** Counts a row's country (code from `countries`; -1: none). */
  countCountry(o: number, country: number): void {
    if (country < 0) return;
    const at = 4 * o;
    const first = this.state[at + 1];
    if ((this.state[at + 3] & SEVERAL_COUNTRIES) === 0) {
      if (first < 0 || first === country) {
        this.state[at + 1] = country;
        this.state[at + 2]++;
        return;
      }
      this.state[at + 3] |= SEVERAL_COUNTRIES;
      this.countryCounts.set(o, new Map([[first, this.state[at + 2]]]));
    }
    const counts = this.countryCounts.get(o)!;
    counts.set(country, (counts.get(country) ?? 0) + 1);
  }

  /** The most frequent country of an organisation's rows (the first seen on a tie). */
  mainCountry(o: number): string | null {
    let best = this.state[4 * o + 1];
    const counts = this.countryCounts.get(o);
    if (counts !== undefined) {
      let bestCount = 0;
      for (const [c, k] of counts) {
        if (k > bestCount) {
          best = c;
          bestCount = k;
        }
      }
    }
    return this.countries.name(best);
  }

  table(files: string[]): CordisTable {
    const count = this.size;
    const kind: Value[] = new Array(count);
    const country: Value[] = new Array(count);
    // The kind of each type without and with the SME flag, to spare a string per organisation.
    const kinds = this.types.names.map((t) => [kindOf(t, null), kindOf(t, true)]);
    kinds.push([kindOf(null, null), kindOf(null, true)]); // at -1: no type
    for (let o = 0; o < count; o++) {
      const type = this.type(o);
      kind[o] = kinds.at(type)![this.sme[o] === true ? 1 : 0];
      country[o] = this.mainCountry(o);
    }
    const columns: Record<string, Value[]> = {
      id: this.keys.texts(),
      name: this.name,
      kind,
      country,
      nuts: this.nuts,
      locality: this.locality,
      lat: this.lat,
      lon: this.lon,
      sme: this.sme,
    };
    for (const values of Object.values(columns)) values.length = count;
    return {
      rowCount: count,
      columns,
      provenance: { files, file: this.file.slice(0, count), line: this.line.slice(0, count) },
    };
  }
}

/**
 * Projects in reading order. Usually one per id; the official project.csv may repeat an id (kept
 * for the validator to report), in which case the id leads to the first.
 */
export class Projects {
  readonly keys = new KeyIndex();
  /** Per key id: its first project, -1 when none yet. */
  private ofKey = new Int32Array(1024).fill(-1);
  size = 0;
  /** Per project: its key id, -1 for a blank id. */
  private key = new Int32Array(1024);
  file = new Uint16Array(1024);
  line = new Int32Array(1024);
  /** Attributes by project, for as many as withAttributes() was told. */
  acronym: (string | null)[] = [];
  programme: (string | null)[] = [];
  start: (string | null)[] = [];
  end: (string | null)[] = [];
  cost: (number | string | null)[] = [];

  /** Makes the attribute arrays `count` long, all null (see Organisations.withAttributes). */
  withAttributes(count: number): this {
    this.acronym = nulls(count);
    this.programme = nulls(count);
    this.start = nulls(count);
    this.end = nulls(count);
    this.cost = nulls(count);
    return this;
  }

  /** Pads attribute arrays that were filled in project order, not for all projects, with nulls. */
  padAttributes(): void {
    for (const values of [this.acronym, this.programme, this.start, this.end, this.cost])
      while (values.length < this.size) values.push(null);
  }

  /** The project of a key id from `keys`, -1 when there is none yet (or the key is -1). */
  of(key: number): number {
    return key < 0 || key >= this.ofKey.length ? -1 : this.ofKey[key];
  }

  /** A new project with key id `key` (-1: blank id), which leads to it when it has no project yet. */
  add(key: number, file: number, line: number): number {
    const p = this.size++;
    if (p === this.key.length) {
      this.key = grownInt32(this.key, 2 * p, 0);
      this.line = grownInt32(this.line, 2 * p, 0);
      const grown = new Uint16Array(2 * p);
      grown.set(this.file);
      this.file = grown;
    }
    this.key[p] = key;
    this.file[p] = file;
    this.line[p] = line;
    if (key >= 0 && this.of(key) < 0) {
      this.ofKey = grownInt32(this.ofKey, key + 1, -1);
      this.ofKey[key] = p;
    }
    return p;
  }

  /** The id of a project as text ('' when blank). */
  id(p: number): string {
    const key = this.key[p];
    return key < 0 ? '' : this.keys.text(key);
  }

  table(files: string[]): CordisTable {
    const count = this.size;
    const id: Value[] = new Array(count);
    for (let p = 0; p < count; p++) id[p] = this.id(p);
    const columns: Record<string, Value[]> = {
      id,
      acronym: this.acronym,
      programme: this.programme,
      start: this.start,
      end: this.end,
      cost: this.cost,
    };
    for (const values of Object.values(columns)) values.length = count;
    return {
      rowCount: count,
      columns,
      provenance: { files, file: this.file.slice(0, count), line: this.line.slice(0, count) },
    };
  }
}

/** Participation rows, merged on (project, organisation). */
export class Participations {
  /** Rows kept. */
  count = 0;
  /** Rows read, duplicates included. */
  rows = 0;
  duplicates = 0;
  /** Per row: project and organisation number, -1 when the row has none. */
  readonly project: Int32Array;
  readonly organisation: Int32Array;
  /** Per row: 0 for no role, else 1 + the role's place in PARTICIPATION_ROLES. */
  private readonly role: Uint8Array;
  /** Per row: the contribution when `contributionKind` is NUMBER; text ones are in `contributionText`. */
  private readonly contribution: Float64Array;
  private readonly contributionKind: Uint8Array;
  private readonly contributionText = new Map<number, string>();
  readonly file: Uint16Array;
  readonly line: Int32Array;
  /** The rows of a project, as a list: its last row, and per row the one before in the same project. */
  private head = new Int32Array(1024).fill(-1);
  private readonly previous: Int32Array;
  readonly unknownRoles = new Map<string, number>();
  readonly examples: string[] = [];

  /** For at most `capacity` rows. */
  constructor(
    capacity: number,
    private readonly projects: Projects,
    private readonly organisations: Organisations,
  ) {
    this.project = new Int32Array(capacity);
    this.organisation = new Int32Array(capacity);
    this.role = new Uint8Array(capacity);
    this.contribution = new Float64Array(capacity);
    this.contributionKind = new Uint8Array(capacity);
    this.file = new Uint16Array(capacity);
    this.line = new Int32Array(capacity);
    this.previous = new Int32Array(capacity);
  }

  add(
    file: number,
    fileName: string,
    line: number,
    project: number,
    organisation: number,
    role: RoleSpelling,
    contribution: number | string | null,
  ): void {
    this.rows++;
    if (role.unknown !== null)
      this.unknownRoles.set(role.unknown, (this.unknownRoles.get(role.unknown) ?? 0) + 1);
    if (project >= 0 && organisation >= 0) {
      if (project >= this.head.length) this.head = grownInt32(this.head, project + 1, -1);
      // A project has a handful of participants, so a walk through its rows is cheap.
      for (let first = this.head[project]; first >= 0; first = this.previous[first]) {
        if (this.organisation[first] !== organisation) continue;
        this.duplicates++;
        if (this.examples.length < 5) {
          this.examples.push(
            `project ${this.projects.id(project)} / organisation ${this.organisations.keys.text(organisation)} at ${basename(fileName)}:${line} (first at line ${this.line[first]})`,
          );
        }
        // Numbers are summed; a text value (kept for the validator) stays.
        if (typeof contribution === 'number') {
          const kind = this.contributionKind[first];
          if (kind === NO_CONTRIBUTION) {
            this.contribution[first] = contribution;
            this.contributionKind[first] = NUMBER;
          } else if (kind === NUMBER) this.contribution[first] += contribution;
        }
        return;
      }
    }
    const k = this.count++;
    this.project[k] = project;
    this.organisation[k] = organisation;
    this.role[k] = role.code;
    if (typeof contribution === 'number') {
      this.contribution[k] = contribution;
      this.contributionKind[k] = NUMBER;
    } else if (contribution !== null) {
      this.contributionText.set(k, contribution);
      this.contributionKind[k] = TEXT;
    }
    this.file[k] = file;
    this.line[k] = line;
    if (project >= 0 && organisation >= 0) {
      this.previous[k] = this.head[project];
      this.head[project] = k;
    }
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.duplicates > 0) {
      out.push(
        `${this.duplicates} participation row(s) repeat an (organisation, project) pair: kept the first row of each pair and summed the contributions (e.g. ${this.examples.join('; ')})`,
      );
    }
    if (this.unknownRoles.size > 0) {
      const list = [...this.unknownRoles].map(([r, k]) => `'${shortened(r)}' ×${k}`).join(', ');
      out.push(`unknown participation roles stored as 'other': ${list}`);
    }
    return out;
  }

  /** Participations whose organisation has a locality. */
  withCity(): number {
    const locality = this.organisations.locality;
    let count = 0;
    for (let k = 0; k < this.count; k++) {
      const o = this.organisation[k];
      if (o >= 0 && locality[o] !== null) count++;
    }
    return count;
  }

  table(files: string[], projectIds: Value[], organisationIds: Value[]): CordisTable {
    const n = this.count;
    const project: Value[] = new Array(n);
    const organisation: Value[] = new Array(n);
    const role: Value[] = new Array(n);
    const contribution: Value[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const p = this.project[k];
      const o = this.organisation[k];
      project[k] = p < 0 ? null : projectIds[p];
      organisation[k] = o < 0 ? null : organisationIds[o];
      const r = this.role[k];
      role[k] = r === 0 ? null : PARTICIPATION_ROLES[r - 1];
      const kind = this.contributionKind[k];
      contribution[k] =
        kind === NUMBER ? this.contribution[k] : kind === TEXT ? this.contributionText.get(k)! : null;
    }
    return {
      rowCount: n,
      columns: { project, organisation, role, contribution },
      provenance: { files, file: this.file.slice(0, n), line: this.line.slice(0, n) },
    };
  }
}

export const NO_CONTRIBUTION = 0;
export const NUMBER = 1;
export const TEXT = 2;

export function emptyTable(columns: readonly string[], files: string[]): CordisTable {
  return {
    rowCount: 0,
    columns: Object.fromEntries(columns.map((c) => [c, []])),
    provenance: { files, file: new Uint16Array(0), line: new Int32Array(0) },
  };
}

export interface Parsed {
  organisations: Organisations;
  projects: Projects;
  participations: Participations;
  notes: string[];
}

export const pct = (k: number, n: number) => `${n === 0 ? 0 : ((100 * k) / n).toFixed(1)}%`;

export const listed = (counts: Map<string, number>) => [...counts].map(([t, k]) => `'${t}' ×${k}`).join(', ');

/** A value as a note quotes it: at most 60 characters (a note is for reading, not for the data). */
export function shortened(value: string): string {
  const chars = [...value.slice(0, 61)];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : value;
}
