/**
 * The dataset schema: every table of DESIGN.md as a list of typed columns. One description serves
 * three purposes: the zod schemas (JSON input and the inferred row types), the DuckDB DDL of the
 * store, and the SQL validation of staged CSV rows. `docs/data-format.md` documents the same columns.
 */
import { createRequire } from 'node:module';
import type { z } from 'zod';
import {
  INITIATIVE_LEVELS,
  INNOVATION_SOURCES,
  ORGANISATION_KINDS,
  PARTICIPATION_ROLES,
  REGION_KINDS,
  STORED_TIE_KINDS,
} from './vocabulary.ts';

export const TABLE_NAMES = [
  'regions',
  'organisations',
  'employment',
  'ties',
  'projects',
  'participations',
  'spinoffs',
  'acquisitions',
  'people',
  'moves',
  'innovation_sources',
  'initiatives',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type ColumnType =
  | 'id'
  | 'ref'
  | 'text'
  | 'list'
  | 'int'
  | 'year'
  | 'number'
  | 'bool'
  | 'date'
  | 'enum'
  | 'nuts'
  | 'nace'
  | 'country';

export interface ColumnSpec {
  type: ColumnType;
  required: boolean;
  doc: string;
  unit?: string;
  /** Allowed values of an `enum` column. */
  values?: readonly string[];
  /** Table whose `id` a `ref` column points to. */
  ref?: TableName;
  /** What each item of a `list` column must be (default: any text without `|`). */
  items?: 'nuts' | 'text';
  min?: number;
  max?: number;
}

type ZodFor<T> = T extends 'int' | 'year' | 'number'
  ? z.ZodNumber
  : T extends 'bool'
    ? z.ZodBoolean
    : T extends 'list'
      ? z.ZodArray<z.ZodString>
      : z.ZodString;

interface Column<T extends ColumnType, R extends boolean> extends ColumnSpec {
  type: T;
  required: R;
}

function column<T extends ColumnType, R extends boolean>(
  type: T,
  required: R,
  doc: string,
  extra: Partial<ColumnSpec> = {},
): Column<T, R> {
  return { ...extra, type, required, doc } as Column<T, R>;
}

const req = <T extends ColumnType>(type: T, doc: string, extra?: Partial<ColumnSpec>) =>
  column(type, true, doc, extra);
const opt = <T extends ColumnType>(type: T, doc: string, extra?: Partial<ColumnSpec>) =>
  column(type, false, doc, extra);

export interface TableSpec {
  file: string;
  key: readonly string[];
  doc: string;
  columns: Record<string, ColumnSpec>;
}

const year = (doc: string) => opt('year', doc, { min: 1000 });

export const TABLES = {
  regions: {
    file: 'regions.csv',
    key: ['id'],
    doc: 'Study regions: a set of NUTS codes and/or localities.',
    columns: {
      id: req('id', 'Region identifier, unique.'),
      name: req('text', 'Display name.'),
      kind: req('enum', '`nuts` (a NUTS region) or `cluster` (a study region made of several).', {
        values: REGION_KINDS,
      }),
      nuts: opt('list', 'NUTS codes that make up the region, separated by `|`.', { items: 'nuts' }),
      localities: opt('list', 'Locality names that belong to the region, separated by `|`.'),
      country: opt('country', 'ISO 3166 alpha-2 country code (Eurostat spelling: `EL`, `UK`).'),
    },
  },
  organisations: {
    file: 'organisations.csv',
    key: ['id'],
    doc: 'Firms, universities, research institutes and every other actor of the cluster.',
    columns: {
      id: req('id', 'Organisation identifier, unique across the store (e.g. a CORDIS PIC).'),
      name: opt('text', 'Name.'),
      kind: req('enum', 'One of the organisation kinds.', { values: ORGANISATION_KINDS }),
      sector: opt('nace', 'NACE Rev.2 code: section (`J`), division (`62`), group or class (`62.01`).'),
      founded: year('Year founded.'),
      closed: year('Year closed or exited; empty while active.'),
      country: opt('country', 'ISO 3166 alpha-2 country code (Eurostat spelling: `EL`, `UK`).'),
      nuts: opt('nuts', 'Most precise NUTS 2021 code known (level 0–3).'),
      locality: opt('text', 'City or town.'),
      lat: opt('number', 'Latitude, WGS84.', { unit: 'degrees', min: -90, max: 90 }),
      lon: opt('number', 'Longitude, WGS84.', { unit: 'degrees', min: -180, max: 180 }),
      sme: opt('bool', 'True for a small or medium-sized enterprise (EU definition).'),
    },
  },
  employment: {
    file: 'employment.csv',
    key: ['organisation', 'year'],
    doc: 'Size of an organisation over time.',
    columns: {
      organisation: req('ref', 'Organisation id.', { ref: 'organisations' }),
      year: req('year', 'Year.', { min: 1000 }),
      employees: req('number', 'Employees (head count or full-time equivalents).', {
        unit: 'persons',
        min: 0,
      }),
    },
  },
  ties: {
    file: 'ties.csv',
    key: [],
    doc: 'Observed ties between organisations (supply, collaboration, R&D, licensing, liaison, service).',
    columns: {
      source: req('ref', 'Organisation id at one end (the customer or supplier for vertical ties).', {
        ref: 'organisations',
      }),
      target: req('ref', 'Organisation id at the other end.', { ref: 'organisations' }),
      kind: req('enum', 'Tie kind.', { values: STORED_TIE_KINDS }),
      start: year('First year the tie is known to exist.'),
      end: year('Last year the tie is known to exist.'),
      weight: opt('number', 'Strength (e.g. number of joint projects); 1 when empty.', { min: 0 }),
    },
  },
  projects: {
    file: 'projects.csv',
    key: ['id'],
    doc: 'Research and technological development projects (e.g. EU Framework Programme).',
    columns: {
      id: req('id', 'Project identifier, unique (e.g. CORDIS project id or RCN).'),
      acronym: opt('text', 'Acronym.'),
      programme: opt('text', 'Programme or programme part (e.g. `H2020`, `SC4`).'),
      start: opt('date', 'Start date, ISO `YYYY-MM-DD`.'),
      end: opt('date', 'End date, ISO `YYYY-MM-DD`.'),
      cost: opt('number', 'Total cost.', { unit: 'EUR', min: 0 }),
    },
  },
  participations: {
    file: 'participations.csv',
    key: ['project', 'organisation'],
    doc: 'Which organisation took part in which project, and how. Shared projects give co-participation ties.',
    columns: {
      project: req('ref', 'Project id.', { ref: 'projects' }),
      organisation: req('ref', 'Organisation id.', { ref: 'organisations' }),
      role: opt('enum', 'Role in the project.', { values: PARTICIPATION_ROLES }),
      contribution: opt('number', 'EU (or funder) contribution to this participant.', {
        unit: 'EUR',
        min: 0,
      }),
    },
  },
  spinoffs: {
    file: 'spinoffs.csv',
    key: ['child'],
    doc: 'Spin-off lineage: the child organisation was founded out of the parent.',
    columns: {
      child: req('ref', 'The spin-off (organisation id); one parent per child.', { ref: 'organisations' }),
      parent: req('ref', 'The parent organisation id; its kind gives the spin-off type.', {
        ref: 'organisations',
      }),
      year: year('Year of the spin-off.'),
      founders: opt('int', 'Number of founders.', { min: 0, unit: 'persons' }),
    },
  },
  acquisitions: {
    file: 'acquisitions.csv',
    key: [],
    doc: 'Acquisitions of organisations.',
    columns: {
      target: req('ref', 'Acquired organisation id.', { ref: 'organisations' }),
      acquirer: req('ref', 'Acquiring organisation id.', { ref: 'organisations' }),
      year: year('Year of the acquisition.'),
      multinational: opt('bool', 'True when the acquirer is a multinational.'),
      autonomy: opt('bool', 'True when the acquired firm kept its autonomy.'),
      price: opt('number', 'Price paid.', { unit: 'EUR', min: 0 }),
    },
  },
  people: {
    file: 'people.csv',
    key: ['id'],
    doc: 'Skilled people whose moves between employers are recorded.',
    columns: {
      id: req('id', 'Person identifier, unique (pseudonymous).'),
      name: opt('text', 'Name or label.'),
    },
  },
  moves: {
    file: 'moves.csv',
    key: [],
    doc: 'A person moving between employers; a move from a university is a graduate hire.',
    columns: {
      person: opt('ref', 'Person id.', { ref: 'people' }),
      from: opt('ref', 'Former organisation id; empty when from outside the data.', { ref: 'organisations' }),
      to: req('ref', 'New organisation id.', { ref: 'organisations' }),
      year: req('year', 'Year of the move.', { min: 1000 }),
      role: opt('text', 'Role or occupation taken up.'),
    },
  },
  innovation_sources: {
    file: 'innovation-sources.csv',
    key: ['organisation', 'source'],
    doc: 'Survey answers: how important each external source of innovation is to a firm.',
    columns: {
      organisation: req('ref', 'Organisation id of the respondent.', { ref: 'organisations' }),
      source: req('enum', 'External source of innovation.', { values: INNOVATION_SOURCES }),
      importance: req('int', 'Importance on a 1 (none) to 5 (crucial) scale.', { min: 1, max: 5 }),
    },
  },
  initiatives: {
    file: 'initiatives.csv',
    key: [],
    doc: 'Institutional and policy frameworks acting on a region.',
    columns: {
      region: req('text', 'Region id or NUTS code the initiative applies to.'),
      level: req('enum', 'Level of government.', { values: INITIATIVE_LEVELS }),
      instrument: req('text', 'Instrument (e.g. science park, venture fund, cluster programme).'),
      name: opt('text', 'Name of the initiative.'),
      start: year('First year.'),
      end: year('Last year.'),
    },
  },
} as const;

type Columns<T extends TableName> = (typeof TABLES)[T]['columns'];
type TypeOf<C> = C extends { type: infer X } ? X : never;

/**
 * zod, loaded on the first call of rowSchema: only the JSON reader needs it at run time, and every
 * command that opens a store imports this module, so loading zod here at start-up (about 60 ms of
 * CPU, measured with `node -e`) would be paid by `init`, `network` and the rest for nothing. Loaded
 * with `require` (zod's CommonJS build) because rowSchema is synchronous; its schemas are used only
 * by the JSON reader and never mixed with those of the modules that import zod themselves.
 */
let zod: typeof z | undefined;
function loadZod(): typeof z {
  zod ??= (createRequire(import.meta.url)('zod') as { z: typeof z }).z;
  return zod;
}

function zodColumn(spec: ColumnSpec): z.ZodType {
  const z = loadZod();
  let base: z.ZodType;
  switch (spec.type) {
    case 'int':
    case 'year':
    case 'number': {
      let n = spec.type === 'number' ? z.number() : z.number().int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      // The store's INTEGER and SMALLINT ranges (see store/schema.ts).
      if (spec.type === 'int') n = n.min(-2147483648).max(2147483647);
      if (spec.type === 'year') n = n.min(-32768).max(32767);
      base = n;
      break;
    }
    case 'bool':
      base = z.boolean();
      break;
    case 'list':
      // The store keeps lists as `|`-joined text until they are cast, so an item holding `|`
      // would come back as two items: refused rather than silently split.
      base = z.array(
        z
          .string()
          .refine((item) => !item.includes('|'), 'a list item may not contain |')
          .refine((item) => item.trim() !== '', 'a list item may not be empty'),
      );
      break;
    case 'enum':
      base = z.enum(spec.values as [string, ...string[]]);
      break;
    default:
      base = spec.required ? z.string().min(1) : z.string();
  }
  return spec.required ? base : base.nullish();
}

export type RowOf<T extends TableName> = {
  [K in keyof Columns<T> as Columns<T>[K] extends { required: true } ? K : never]: z.infer<
    ZodFor<TypeOf<Columns<T>[K]>>
  >;
} & {
  [K in keyof Columns<T> as Columns<T>[K] extends { required: true } ? never : K]?: z.infer<
    ZodFor<TypeOf<Columns<T>[K]>>
  > | null;
};

export type Organisation = RowOf<'organisations'>;
export type Tie = RowOf<'ties'>;
export type Spinoff = RowOf<'spinoffs'>;
export type Project = RowOf<'projects'>;
export type Participation = RowOf<'participations'>;

/** The zod schema of one table's rows (strict: unknown fields are errors). */
export function rowSchema<T extends TableName>(table: T): z.ZodType<RowOf<T>> {
  const z = loadZod();
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(TABLES[table].columns))
    shape[name] = zodColumn(spec as ColumnSpec);
  return z.strictObject(shape) as unknown as z.ZodType<RowOf<T>>;
}

/** The columns of a table as [name, spec] pairs, in file order. */
export function columnsOf(table: TableName): [string, ColumnSpec][] {
  return Object.entries(TABLES[table].columns) as [string, ColumnSpec][];
}

/** The table whose package file has this name (`innovation-sources.csv` → innovation_sources). */
export function tableOfFile(fileName: string): TableName | undefined {
  return TABLE_NAMES.find((t) => TABLES[t].file === fileName);
}
