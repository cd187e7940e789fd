/**
 * Reader for acquisition lists: who bought which firm, when. Two layouts are recognised by their
 * header (names matched case-insensitively, `_`/spaces ignored):
 *
 * - crunchbase: the Crunchbase acquisitions export (`company_permalink`, `company_name`,
 *   `company_country_code` (ISO alpha-3), `company_city`, `acquirer_permalink`, `acquirer_name`,
 *   `acquirer_country_code`, `acquirer_city`, `acquired_at`, `price_amount`, `price_currency_code`, …).
 * - minimal: `target`, `acquirer` (names, or Crunchbase permalinks) and optionally `target_country`,
 *   `acquirer_country` (alpha-2 or alpha-3), `target_city`, `acquirer_city`, `date` (or `year`),
 *   `price`, `currency`.
 *
 * Every distinct target and acquirer becomes an organisation of kind `firm` (these lists give no
 * size), with its country in Eurostat alpha-2 spelling (GBR → UK, GRC → EL), its city as locality and
 * no NUTS code. Rows that cannot be acquisitions (an impossible date such as 1201 or 3201, no target
 * or no acquirer, a firm buying itself, an exact repeat of an earlier row, a field that swallowed
 * other lines) are left out and listed in `excluded` with file, line and reason; they never make the
 * import fail. Malformed CSV (an unclosed quote, a wrong number of fields) does: it is an InputIssue.
 * Prices are kept only when in EUR, the store's unit; other currencies are not converted.
 * See docs/acquisitions.md.
 */
import { readFileSync } from 'node:fs';
import type { RawTable, RawTables, Value } from '../dataset/raw.ts';
import { foldName } from '../dataset/regions.ts';
import { type InputIssue, UsageError } from '../errors.ts';
import type { TableName } from '../model/index.ts';
import type { ReadContext, Reader, ReadSummary } from '../store/reader.ts';
import { appendStaged } from '../store/stage.ts';
import { eurostatCountry } from './country-codes.ts';
import { stagedText } from './staged-text.ts';
import {
  detectDelimiter,
  findInvalidUtf8,
  hashFiles,
  headerKey,
  parseCsvText,
  repairDoubleUtf8,
} from './text.ts';

export { eurostatCountry, ISO3_TO_EUROSTAT } from './country-codes.ts';

// ---------------------------------------------------------------------------------------------
// Values

const DATE = /^(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * The year of an acquisition date (`YYYY-MM-DD`, optionally with a time, `YYYY-MM` or `YYYY`), or
 * why it is not one: not a date, a day that does not exist, before 1900 or after the current year.
 * Example: acquisitionYear('2012-07-23', 2026) → { year: 2012 }; acquisitionYear('1201-11-03', 2026)
 * → { impossible: 'impossible date …' }.
 */
export function acquisitionYear(
  raw: string,
  currentYear: number,
): { year: number } | { impossible: string } | { invalid: string } {
  const s = raw.trim();
  const m = DATE.exec(s);
  if (!m) return { invalid: `not a date (expected YYYY-MM-DD): '${s}'` };
  const year = Number(m[1]);
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    const d = new Date(Date.UTC(2000, month - 1, day));
    // year 2000 is a leap year, so 29 February passes here and is checked below
    if (month < 1 || month > 12 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
      return { invalid: `not a date (no such day): '${s}'` };
    if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
      return { invalid: `not a date (no such day): '${s}'` };
  }
  if (year < 1900) return { impossible: `impossible date '${s}': before 1900` };
  if (year > currentYear) return { impossible: `impossible date '${s}': after ${currentYear}` };
  return { year };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function clean(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  return s === '' ? null : repairDoubleUtf8(s);
}

const PERMALINK_PREFIX = '/organization/';

/** An organisation id from a Crunchbase permalink (`/organization/xyz` → `cb:xyz`), else from a name. */
export function organisationId(value: string): string {
  if (value.startsWith(PERMALINK_PREFIX)) return `cb:${value.slice(PERMALINK_PREFIX.length)}`;
  const slug = foldName(value).replaceAll(' ', '-');
  return `acq:${slug === '' ? value.trim() : slug}`;
}

// ---------------------------------------------------------------------------------------------
// Layouts

type Field =
  | 'target'
  | 'targetName'
  | 'targetCountry'
  | 'targetCity'
  | 'acquirer'
  | 'acquirerName'
  | 'acquirerCountry'
  | 'acquirerCity'
  | 'date'
  | 'month'
  | 'price'
  | 'currency';

const CRUNCHBASE: Record<Field, string[]> = {
  target: ['company_permalink'],
  targetName: ['company_name'],
  targetCountry: ['company_country_code'],
  targetCity: ['company_city'],
  acquirer: ['acquirer_permalink'],
  acquirerName: ['acquirer_name'],
  acquirerCountry: ['acquirer_country_code'],
  acquirerCity: ['acquirer_city'],
  date: ['acquired_at'],
  month: ['acquired_month'],
  price: ['price_amount'],
  currency: ['price_currency_code'],
};

const MINIMAL: Record<Field, string[]> = {
  target: ['target'],
  targetName: ['target_name'],
  targetCountry: ['target_country'],
  targetCity: ['target_city', 'target_locality'],
  acquirer: ['acquirer'],
  acquirerName: ['acquirer_name'],
  acquirerCountry: ['acquirer_country'],
  acquirerCity: ['acquirer_city', 'acquirer_locality'],
  date: ['date', 'acquired_at', 'year'],
  month: [],
  price: ['price', 'price_amount'],
  currency: ['currency', 'price_currency_code'],
};

export type AcquisitionLayout = 'crunchbase' | 'minimal' | 'none';

/** Why a row was left out. */
export type ExclusionCause =
  | 'embedded-lines'
  | 'no-target'
  | 'no-acquirer'
  | 'not-a-permalink'
  | 'self-acquisition'
  | 'impossible-date'
  | 'invalid-date'
  | 'duplicate';

export interface ExcludedRow extends InputIssue {
  cause: ExclusionCause;
}

export interface AcquisitionListStats {
  /** CSV records after the header. */
  records: number;
  acquisitions: number;
  organisations: number;
  excluded: Partial<Record<ExclusionCause, number>>;
  /** Acquisitions kept without a date (year empty). */
  undated: number;
  /** Prices left empty because they are not in EUR, by currency (`unknown` when none is given). */
  pricesLeftOut: Record<string, number>;
  pricesKept: number;
}

export interface AcquisitionList {
  layout: AcquisitionLayout;
  file: string;
  /** Organisations and acquisitions as raw tables (values as in src/dataset/raw.ts). */
  tables: RawTables & { organisations: RawTable; acquisitions: RawTable };
  /** Per row of each table: the line of the record it comes from (an organisation: its first). */
  lines: { organisations: number[]; acquisitions: number[] };
  /** Problems that make the file unreadable; when there are any, nothing is to be imported. */
  issues: InputIssue[];
  notes: string[];
  /** Rows left out, with line, column and reason. */
  excluded: ExcludedRow[];
  stats: AcquisitionListStats;
}

export interface AcquisitionListOptions {
  /** Dates after this year are impossible (default: the current calendar year). */
  currentYear?: number;
}

const ORGANISATION_COLUMNS = ['id', 'name', 'kind', 'country', 'nuts', 'locality'] as const;
const ACQUISITION_COLUMNS = ['target', 'acquirer', 'year', 'multinational', 'autonomy', 'price'] as const;

function emptyList(file: string, layout: AcquisitionLayout, issues: InputIssue[]): AcquisitionList {
  const table = (cols: readonly string[]): RawTable => ({
    rowCount: 0,
    columns: Object.fromEntries(cols.map((c) => [c, []])),
  });
  return {
    layout,
    file,
    tables: { organisations: table(ORGANISATION_COLUMNS), acquisitions: table(ACQUISITION_COLUMNS) },
    lines: { organisations: [], acquisitions: [] },
    issues,
    notes: [],
    excluded: [],
    stats: {
      records: 0,
      acquisitions: 0,
      organisations: 0,
      excluded: {},
      undated: 0,
      pricesLeftOut: {},
      pricesKept: 0,
    },
  };
}

interface Org {
  id: string;
  line: number;
  name: string | null;
  country: string | null;
  locality: string | null;
  conflict: boolean;
}

function listCounts(counts: Map<string, number> | Record<string, number>): string {
  const entries = counts instanceof Map ? [...counts] : Object.entries(counts);
  return entries
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

const CAUSE_LABELS: Record<ExclusionCause, string> = {
  'embedded-lines': 'a field holds several lines (other records pasted into it)',
  'no-target': 'no target',
  'no-acquirer': 'no acquirer',
  'not-a-permalink': 'not a Crunchbase permalink',
  'self-acquisition': 'target and acquirer are the same',
  'impossible-date': 'impossible date (before 1900 or after the current year)',
  'invalid-date': 'not a date',
  duplicate: 'exact repeat of an earlier row',
};

/**
 * Reads an acquisition list (see the module comment for the layouts) into organisations and
 * acquisitions. Never throws on bad content: unreadable files and malformed CSV come back as
 * `issues`, rows that cannot be acquisitions as `excluded`. Cost O(size of the file).
 */
export function parseAcquisitionList(path: string, options: AcquisitionListOptions = {}): AcquisitionList {
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError('io/acquisitions', `cannot read ${path}`);
  }
  const bad = findInvalidUtf8(bytes);
  if (bad) {
    return emptyList(path, 'none', [
      {
        file: path,
        line: bad.line,
        column: `byte ${bad.column}`,
        reason: 'not valid UTF-8 (save the file as UTF-8)',
      },
    ]);
  }
  const text = bytes.toString('utf8');
  const firstNewline = text.indexOf('\n');
  const headerLine = (firstNewline < 0 ? text : text.slice(0, firstNewline)).replace(/^\ufeff/, '');
  if (headerLine.trim() === '') {
    return emptyList(path, 'none', [
      { file: path, line: 1, column: null, reason: 'empty file: the first line must name the columns' },
    ]);
  }
  const csv = parseCsvText(text, detectDelimiter(headerLine));
  const keys = csv.header.map(headerKey);
  const find = (names: string[]) => {
    for (const name of names) {
      const k = keys.indexOf(headerKey(name));
      if (k >= 0) return k;
    }
    return -1;
  };
  const layout: AcquisitionLayout =
    find(CRUNCHBASE.target) >= 0 || find(CRUNCHBASE.acquirer) >= 0
      ? 'crunchbase'
      : find(MINIMAL.target) >= 0 || find(MINIMAL.acquirer) >= 0
        ? 'minimal'
        : 'none';
  if (layout === 'none') {
    return emptyList(path, layout, [
      {
        file: path,
        line: 1,
        column: null,
        reason:
          'not an acquisition list: expected the Crunchbase columns (company_permalink, acquirer_permalink, acquired_at, …) or target,acquirer[,target_country,acquirer_country,date]',
      },
    ]);
  }
  const spec = layout === 'crunchbase' ? CRUNCHBASE : MINIMAL;
  const col = {} as Record<Field, number>;
  for (const f of Object.keys(spec) as Field[]) col[f] = find(spec[f]);
  const issues: InputIssue[] = [];
  for (const f of ['target', 'acquirer'] as const) {
    if (col[f] < 0)
      issues.push({ file: path, line: 1, column: spec[f][0], reason: 'required column is missing' });
  }
  for (const p of csv.problems) issues.push({ file: path, line: p.line, column: p.column, reason: p.reason });
  if (csv.problemCount > csv.problems.length) {
    issues.push({
      file: path,
      line: null,
      column: null,
      reason: `malformed CSV: ${csv.problemCount - csv.problems.length} more malformed records`,
    });
  }
  if (issues.length > 0) return emptyList(path, layout, issues);

  const name = (f: Field) => (col[f] >= 0 ? csv.header[col[f]] : spec[f][0]);
  const excluded: ExcludedRow[] = [];
  const exclude = (line: number, column: string | null, cause: ExclusionCause, reason: string) =>
    excluded.push({ file: path, line, column, reason, cause });

  const organisations = new Map<string, Org>();
  const unknownCountries = new Map<string, number>();
  const seen = new Map<string, number>();
  const acq = { target: [] as Value[], acquirer: [] as Value[], year: [] as Value[], price: [] as Value[] };
  const acqLines: number[] = [];
  const pricesLeftOut: Record<string, number> = {};
  let pricesKept = 0;
  let badPrices = 0;
  let undated = 0;
  let monthOnly = 0;

  const organisation = (
    value: string,
    nameField: string | null,
    countryField: string | null,
    cityField: string | null,
    line: number,
  ): string => {
    const id = organisationId(value);
    let country = eurostatCountry(countryField);
    if (country === undefined) {
      unknownCountries.set(countryField!.trim(), (unknownCountries.get(countryField!.trim()) ?? 0) + 1);
      country = null;
    }
    const orgName = nameField ?? (value.startsWith(PERMALINK_PREFIX) ? null : value.trim());
    const org = organisations.get(id);
    if (org === undefined) {
      organisations.set(id, { id, line, name: orgName, country, locality: cityField, conflict: false });
    } else {
      if (
        (org.country !== null && country !== null && org.country !== country) ||
        (org.locality !== null && cityField !== null && org.locality !== cityField)
      )
        org.conflict = true;
      org.name ??= orgName;
      org.country ??= country;
      org.locality ??= cityField;
    }
    return id;
  };

  for (const r of csv.records) {
    const get = (f: Field) => (col[f] >= 0 ? r.fields[col[f]] : undefined);
    if (r.endLine > r.line) {
      let k = r.fields.findIndex((v) => v.includes('\n'));
      if (k < 0) k = 0;
      const value = r.fields[k];
      exclude(
        r.line,
        csv.header[k],
        'embedded-lines',
        `field ${csv.header[k]} spans lines ${r.line}–${r.endLine} (${value.length} characters${value.includes('\t') ? ', tab-separated' : ''}): no field of an acquisition list holds line breaks (in real exports, other records caught inside a quoted field); row left out, the ${r.endLine - r.line} line(s) inside it not read`,
      );
      continue;
    }
    const target = clean(get('target'));
    const acquirer = clean(get('acquirer'));
    if (target === null) {
      exclude(r.line, name('target'), 'no-target', 'no target: row left out');
      continue;
    }
    if (acquirer === null) {
      exclude(r.line, name('acquirer'), 'no-acquirer', 'no acquirer: row left out');
      continue;
    }
    if (layout === 'crunchbase') {
      const bad = (
        [
          ['target', target],
          ['acquirer', acquirer],
        ] as const
      ).find(([, v]) => !v.startsWith(PERMALINK_PREFIX) || v.length === PERMALINK_PREFIX.length);
      if (bad) {
        exclude(
          r.line,
          name(bad[0]),
          'not-a-permalink',
          `'${bad[1].slice(0, 60)}' is not a Crunchbase permalink (${PERMALINK_PREFIX}…): row left out`,
        );
        continue;
      }
    }
    if (organisationId(target) === organisationId(acquirer)) {
      exclude(
        r.line,
        name('acquirer'),
        'self-acquisition',
        `'${acquirer}' is its own acquirer: row left out`,
      );
      continue;
    }
    let dateText = clean(get('date'));
    let dateField: Field = 'date';
    if (dateText === null && clean(get('month')) !== null) {
      dateText = clean(get('month'));
      dateField = 'month';
      monthOnly++;
    }
    let year: number | null = null;
    if (dateText !== null) {
      const parsed = acquisitionYear(dateText, currentYear);
      if ('impossible' in parsed) {
        exclude(r.line, name(dateField), 'impossible-date', `${parsed.impossible}: row left out`);
        continue;
      }
      if ('invalid' in parsed) {
        exclude(r.line, name(dateField), 'invalid-date', `${parsed.invalid}: row left out`);
        continue;
      }
      year = parsed.year;
    } else undated++;
    const key = `${organisationId(target)}\u0000${organisationId(acquirer)}\u0000${dateText ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      exclude(r.line, null, 'duplicate', `same target, acquirer and date as line ${first}: row left out`);
      continue;
    }
    seen.set(key, r.line);

    const targetId = organisation(
      target,
      clean(get('targetName')),
      clean(get('targetCountry')),
      clean(get('targetCity')),
      r.line,
    );
    const acquirerId = organisation(
      acquirer,
      clean(get('acquirerName')),
      clean(get('acquirerCountry')),
      clean(get('acquirerCity')),
      r.line,
    );
    let price: number | null = null;
    const amount = clean(get('price'));
    if (amount !== null) {
      const value = NUMBER.test(amount) ? Number(amount) : Number.NaN;
      if (!Number.isFinite(value) || value < 0) badPrices++;
      else {
        const currency = clean(get('currency'))?.toUpperCase() ?? 'unknown';
        if (currency === 'EUR') {
          price = value;
          pricesKept++;
        } else pricesLeftOut[currency] = (pricesLeftOut[currency] ?? 0) + 1;
      }
    }
    acq.target.push(targetId);
    acq.acquirer.push(acquirerId);
    acq.year.push(year);
    acq.price.push(price);
    acqLines.push(r.line);
  }

  const orgs = [...organisations.values()];
  const n = acqLines.length;
  const tables = {
    organisations: {
      rowCount: orgs.length,
      columns: {
        id: orgs.map((o) => o.id),
        name: orgs.map((o) => o.name),
        kind: orgs.map(() => 'firm'),
        country: orgs.map((o) => o.country),
        nuts: orgs.map(() => null),
        locality: orgs.map((o) => o.locality),
      },
    },
    acquisitions: {
      rowCount: n,
      columns: {
        target: acq.target,
        acquirer: acq.acquirer,
        year: acq.year,
        multinational: new Array<Value>(n).fill(null),
        autonomy: new Array<Value>(n).fill(null),
        price: acq.price,
      },
    },
  };

  const byCause: Partial<Record<ExclusionCause, number>> = {};
  for (const e of excluded) byCause[e.cause] = (byCause[e.cause] ?? 0) + 1;
  const notes: string[] = [
    `${csv.records.length} rows (${layout} layout): ${n} acquisitions of ${orgs.length} organisations kept, ${excluded.length} rows left out`,
  ];
  for (const [cause, count] of Object.entries(byCause)) {
    const rows = excluded.filter((e) => e.cause === cause);
    const shown = rows
      .slice(0, 10)
      .map((e) => `line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${e.reason}`)
      .join('; ');
    const more = rows.length > 10 ? `; and ${rows.length - 10} more` : '';
    notes.push(`${count} row(s) left out, ${CAUSE_LABELS[cause as ExclusionCause]}: ${shown}${more}`);
  }
  if (undated > 0) notes.push(`${undated} acquisition(s) have no date: kept with an empty year`);
  if (monthOnly > 0) notes.push(`${monthOnly} acquisition(s) dated by their month only`);
  notes.push(
    'organisations are stored as kind firm: the list gives no size (SME or large) and no multinational status; NUTS codes are unknown (localities are the cities as written)',
  );
  const leftOut = Object.values(pricesLeftOut).reduce((a, b) => a + b, 0);
  if (leftOut > 0 || pricesKept > 0) {
    notes.push(
      `prices: ${pricesKept} in EUR kept; ${leftOut} in other currencies left empty, not converted (${listCounts(pricesLeftOut)})`,
    );
  }
  if (badPrices > 0) notes.push(`${badPrices} price(s) are not a non-negative number: left empty`);
  if (unknownCountries.size > 0) {
    notes.push(`unknown country codes, stored as no country: ${listCounts(unknownCountries)}`);
  }
  const conflicts = orgs.filter((o) => o.conflict).length;
  if (conflicts > 0) {
    notes.push(
      `${conflicts} organisation(s) appear with different countries or cities in different rows: the first was kept`,
    );
  }
  if (csv.strayQuoteLines.length > 0) {
    notes.push(
      `quoted fields with quotes that are not doubled, read leniently (line ${csv.strayQuoteLines.join(', ')})`,
    );
  }
  return {
    layout,
    file: path,
    tables,
    lines: { organisations: orgs.map((o) => o.line), acquisitions: acqLines },
    issues: [],
    notes,
    excluded,
    stats: {
      records: csv.records.length,
      acquisitions: n,
      organisations: orgs.length,
      excluded: byCause,
      undated,
      pricesLeftOut,
      pricesKept,
    },
  };
}

async function stage(
  context: ReadContext,
  table: TableName,
  file: string,
  raw: RawTable,
  lines: number[],
): Promise<void> {
  const values: Record<string, (string | null)[]> = {};
  for (const [column, data] of Object.entries(raw.columns)) values[column] = data.map(stagedText);
  await appendStaged(context.connection, table, { file, lines, values });
}

/**
 * Reader for `milieu import --format acquisitions`: parseAcquisitionList, then stage organisations
 * and acquisitions for the store's validation. Rows left out are listed in the import's notes.
 */
export const readAcquisitions: Reader = async (context: ReadContext): Promise<ReadSummary> => {
  const list = parseAcquisitionList(context.path);
  if (list.issues.length === 0) {
    context.onProgress?.('staging', 0, 2);
    await stage(context, 'organisations', list.file, list.tables.organisations, list.lines.organisations);
    context.onProgress?.('staging', 1, 2);
    await stage(context, 'acquisitions', list.file, list.tables.acquisitions, list.lines.acquisitions);
    context.onProgress?.('staging', 2, 2);
  }
  return {
    files: [context.path],
    contentHash: list.issues.length === 0 ? hashFiles([context.path]) : '',
    fileIssues: list.issues,
    notes: list.notes,
  };
};
