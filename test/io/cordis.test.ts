import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.ts';
import {
  type CordisResult,
  type CordisTable,
  cityFromAddress,
  parseCordis,
  parseCsvBytes,
  parseCsvColumns,
  parseNumber,
  readCordis,
} from '../../src/io/cordis/index.ts';
import { shortened } from '../../src/io/cordis/tables.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { ROOT, SHARED_DATA, tempDir } from '../helpers.ts';

const FIXTURE = join(ROOT, 'test/fixtures/cordis-official');
const REAL = join(SHARED_DATA, 'cordis');

/** The row of a table whose `column` equals `value`, with its source line and file name. */
function rowWhere(table: CordisTable, column: string, value: string): Record<string, unknown> {
  const i = table.columns[column].indexOf(value);
  if (i < 0) throw new Error(`no row with ${column} = ${value}`);
  return rowAt(table, i);
}

function rowAt(table: CordisTable, i: number): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(table.columns)) row[name] = values[i];
  row._line = table.provenance.line[i];
  row._file = table.provenance.files[table.provenance.file[i]].split('/').pop();
  return row;
}

/** The participation row of (project, organisation). */
function participation(table: CordisTable, project: string, organisation: string): Record<string, unknown> {
  for (let i = 0; i < table.rowCount; i++) {
    if (table.columns.project[i] === project && table.columns.organisation[i] === organisation)
      return rowAt(table, i);
  }
  throw new Error(`no participation ${project}/${organisation}`);
}

let stores: Store[] = [];
afterEach(() => {
  for (const s of stores) s.close();
  stores = [];
});

async function memoryStore(): Promise<Store> {
  const s = await openStore(':memory:');
  stores.push(s);
  return s;
}

describe('parseCsvColumns', () => {
  it('reads quotes, doubled quotes, separators and newlines inside quotes, CRLF and blank lines', () => {
    const text = 'a;b;c\n1;"x;y";3\r\n"multi\nline";"say ""hi""";\n\n4;5;6';
    const csv = parseCsvColumns(text, ';', ['A', 'b', 'c', 'missing']);
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect(csv.rowCount).toBe(3);
    expect([...csv.lines]).toEqual([2, 3, 6]);
    const values = (name: string) =>
      Array.from({ length: csv.rowCount }, (_, i) => csv.columns[name].text(i));
    expect(values('A')).toEqual(['1', 'multi\nline', '4']);
    expect(values('b')).toEqual(['x;y', 'say "hi"', '5']);
    expect(values('c')).toEqual(['3', '', '6']);
    expect(csv.columns.missing).toBeUndefined();
    expect(csv.problemCount).toBe(0);
  });

  it('skips a BOM and matches headers case- and punctuation-insensitively', () => {
    const csv = parseCsvColumns('\ufeffProject ID,start_date\n7,2020-01-01\n', ',', [
      'projectid',
      'startDate',
    ]);
    expect(csv.header).toEqual(['Project ID', 'start_date']);
    expect(csv.columns.projectid.text(0)).toBe('7');
    expect(csv.columns.startDate.interned(0)).toBe('2020-01-01');
  });

  it('reports wrong field counts and an unclosed quote with their lines', () => {
    const csv = parseCsvColumns('a,b\n1,2,3\n4\n"open,5\n', ',', ['a', 'b']);
    expect(csv.problems).toEqual([
      { line: 2, reason: '3 fields where the header has 2' },
      { line: 3, reason: '1 fields where the header has 2' },
      { line: 4, reason: 'a quoted field is never closed' },
      { line: 4, reason: '1 fields where the header has 2' },
    ]);
    // short records are padded so that columns stay aligned
    expect(csv.columns.b.text(1)).toBe('');
  });

  it('reads quotes that were not doubled (as in the 2017 H2020 list) leniently', () => {
    const csv = parseCsvColumns('"n";"c"\n"ASSOC "NAT CENTRE"";"SOFIA"\n"A ""B""";"C"\n', ';', ['n', 'c']);
    expect(csv.columns.n.text(0)).toBe('ASSOC "NAT CENTRE"');
    expect(csv.columns.c.text(0)).toBe('SOFIA');
    expect(csv.columns.n.text(1)).toBe('A "B"');
    expect(csv.strayQuotes).toEqual([2]);
    expect(csv.problemCount).toBe(0);
  });

  it('reads numbers with either decimal separator and keeps text that is not a number', () => {
    const csv = parseCsvColumns('v\n12345,5\n1.5E3\n-2.25\nNA\n\nn/a\n007\n0.1\n', ';', ['v']);
    const got = Array.from({ length: csv.rowCount }, (_, i) => csv.columns.v.number(i));
    // the blank line is skipped, not read as a value
    expect(got).toEqual([12345.5, 1500, -2.25, null, 'n/a', 7, 0.1]);
    expect(parseNumber(' 12,25 ')).toBe(12.25);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12 000')).toBe('12 000');
  });

  it('gives plain ids as numbers and anything else as text', () => {
    const csv = parseCsvColumns('id\n123\n0123\nAB1\n1234567890\n', ',', ['id']);
    expect([0, 1, 2, 3].map((i) => csv.columns.id.key(i))).toEqual([123, '0123', 'AB1', '1234567890']);
  });
});

describe('cityFromAddress', () => {
  it('takes the city slot of "street, city, postcode"', () => {
    expect(cityFromAddress('Parc des CÃ¨dres, Vourles, 69390')).toBe('Vourles');
    expect(cityFromAddress('OrdoÃ±o II 10, LeÃ³n, 24071')).toBe('León');
    expect(cityFromAddress('"SECTOR 6, B-DUL IULIU MANIU NR. 220", BUCURESTI, 061126')).toBe('BUCURESTI');
    expect(cityFromAddress('Marshmeadows, "New Ross, Co.Wexford", N/A')).toBe('New Ross, Co.Wexford');
    expect(cityFromAddress('Clonkeen, Ratoath, Co Meath')).toBe('Ratoath');
    expect(cityFromAddress('AVDA CORTES VALENCIANAS 58,, Valencia, 46015')).toBe('Valencia');
  });

  it('handles two parts and placeholders', () => {
    expect(cityFromAddress('Kanaalweg 12, Eindhoven')).toBe('Eindhoven');
    expect(cityFromAddress('Eindhoven, 5611 AB')).toBe('Eindhoven');
    expect(cityFromAddress('-, -, 12345')).toBeNull();
    expect(cityFromAddress('Street 1, 12345, 12345')).toBeNull();
    expect(cityFromAddress('')).toBeNull();
  });
});

describe('official CORDIS export (fixture)', () => {
  let result: CordisResult;
  beforeAll(() => {
    result = parseCordis(FIXTURE);
  });

  it('reads both files without issues and counts rows by hand', () => {
    expect(result.issues).toEqual([]);
    expect(result.files.map((f) => f.split('/').pop())).toEqual(['organization.csv', 'project.csv']);
    expect(result.stats).toMatchObject({
      layout: 'official',
      participationRows: 14,
      duplicateRows: 1,
      organisations: 8,
      projects: 4,
      participations: 13,
      participationsWithCity: 13,
    });
  });

  it('maps activity types and the SME flag to kinds', () => {
    const { organisations } = result.tables;
    const kinds = Object.fromEntries(
      organisations.columns.id.map((id, i) => [id, organisations.columns.kind[i]]),
    );
    expect(kinds).toEqual({
      '900000001': 'university', // HES
      '900000002': 'research-institute', // REC
      '900000003': 'sme', // PRC, SME true
      '900000004': 'firm', // PRC, SME false
      '900000005': 'public-body', // PUB
      '900000006': 'other', // OTH
      '900000007': 'sme', // PRC, SME 1
      '900000008': 'other', // no activity type
    });
    expect(organisations.columns.sme).toEqual([false, false, true, false, false, null, true, false]);
  });

  it('reads names and cities with accents, `;` and doubled quotes, and splits the geolocation', () => {
    const { organisations } = result.tables;
    expect(rowWhere(organisations, 'id', '900000001')).toEqual({
      id: '900000001',
      name: 'Université Grenoble Test',
      kind: 'university',
      country: 'FR',
      nuts: 'FRK24',
      locality: "Saint-Martin-d'Hères",
      lat: 45.1909,
      lon: 5.7669,
      sme: false,
      _line: 2,
      _file: 'organization.csv',
    });
    const institute = rowWhere(organisations, 'id', '900000002');
    expect(institute.name).toBe('Institut für Messtechnik; Abteilung Optik');
    expect(institute.locality).toBe('München');
    expect([institute.lat, institute.lon]).toEqual([48.1351, 11.582]);
    // the record after the street with a newline still starts on its own line
    expect(rowWhere(organisations, 'id', '900000003')._line).toBe(5);
    expect(rowWhere(organisations, 'id', '900000006').name).toBe('Fondazione "Ponte" Onlus');
    const ocean = rowWhere(organisations, 'id', '900000008');
    expect(ocean).toMatchObject({
      locality: 'Plymouth',
      country: 'UK',
      nuts: null,
      lat: 50.3755,
      lon: -4.1427,
    });
    expect(rowWhere(organisations, 'id', '900000007')).toMatchObject({ lat: null, lon: null });
    expect(result.notes).toContain(
      "1 nutsCode value(s) are not NUTS codes and were dropped (e.g. 'unknown' at line 11)",
    );
  });

  it('maps roles, merges the repeated (organisation, project) pair and reads decimal commas', () => {
    const { participations } = result.tables;
    expect(participations.columns.role).toEqual([
      'coordinator',
      'participant',
      'participant', // the first row of 900000003 in ALPHA; its thirdParty row is merged into it
      'third-party',
      'coordinator',
      'participant',
      'partner', // associatedPartner
      'partner', // internationalPartner
      'participant',
      'coordinator',
      'partner',
      'coordinator',
      'participant',
    ]);
    expect([...participations.provenance.line]).toEqual([2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 16, 17]);
    expect(participation(participations, '101000001', '900000003').contribution).toBe(320000); // 300000 + 20000
    expect(participation(participations, '101000001', '900000002').contribution).toBe(250000.5); // "250000,5"
    expect(participation(participations, '101000002', '900000007').contribution).toBeNull();
    expect(
      result.notes.some((n) => n.includes('organisation 900000003 at organization.csv:7 (first at line 5)')),
    ).toBe(true);
  });

  it('reads projects from project.csv (CRLF, multi-line objective) and adds the one only in organization.csv', () => {
    const { projects } = result.tables;
    expect(rowWhere(projects, 'id', '101000001')).toEqual({
      id: '101000001',
      acronym: 'ALPHA',
      programme: 'HORIZON.2.4',
      start: '2021-01-01',
      end: '2024-12-31',
      cost: 1500000,
      _line: 2,
      _file: 'project.csv',
    });
    expect(rowWhere(projects, 'id', '101000002')).toMatchObject({ cost: 2345678.5, _line: 4 });
    expect(rowWhere(projects, 'id', '101000003')).toMatchObject({ programme: 'HORIZON.1.1', _line: 5 });
    expect(rowWhere(projects, 'id', '101000004')).toEqual({
      id: '101000004',
      acronym: 'DELTA',
      programme: null,
      start: null,
      end: null,
      cost: null,
      _line: 16,
      _file: 'organization.csv',
    });
  });

  it('imports into a store through readCordis', async () => {
    const store = await memoryStore();
    const r = await importSource(store, 'cordis', FIXTURE, readCordis);
    expect(r.rowCounts).toEqual({ organisations: 8, projects: 4, participations: 13 });
    const rows = (
      await store.connection.runAndReadAll(
        `SELECT o.kind, o.lat, p.contribution, p.role FROM participations p JOIN organisations o ON o.id = p.organisation
         WHERE p.project = '101000001' AND p.organisation IN ('900000001', '900000003') ORDER BY o.id`,
      )
    ).getRows();
    expect(rows).toEqual([
      ['university', 45.1909, 500000, 'coordinator'],
      ['sme', 45.1885, 320000, 'participant'],
    ]);
  });
});

describe('unreadable or faulty input', () => {
  const header =
    'projectID;projectAcronym;organisationID;name;SME;activityType;city;country;role;ecContribution\n';

  it('names a missing required column', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'organization.csv'), 'projectID;name;role\n1;A;coordinator\n');
    const r = parseCordis(dir);
    expect(r.issues).toEqual([
      {
        file: join(dir, 'organization.csv'),
        line: 1,
        column: 'organisationID',
        reason: 'required column is missing',
      },
    ]);
    expect(r.tables.organisations.rowCount).toBe(0);
  });

  it('names the line and byte of invalid UTF-8', () => {
    const dir = tempDir();
    const bytes = Buffer.concat([
      Buffer.from(`${header}1;A;10;Good;false;HES;Lyon;FR;coordinator;1\n1;A;11;Caf`),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from(';false;PRC;Lyon;FR;participant;1\n'),
    ]);
    writeFileSync(join(dir, 'organization.csv'), bytes);
    const r = parseCordis(dir);
    expect(r.issues).toEqual([
      {
        file: join(dir, 'organization.csv'),
        line: 3,
        column: 'byte 11',
        reason: 'not valid UTF-8 (save the file as UTF-8)',
      },
    ]);
  });

  it('reports malformed records and refuses the import', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'organization.csv'),
      `${header}1;A;10;"Unclosed;false;HES;Lyon;FR;coordinator;1\n`,
    );
    const r = parseCordis(dir);
    expect(r.issues[0]).toMatchObject({ line: 2, reason: 'malformed CSV: a quoted field is never closed' });
    const store = await memoryStore();
    await expect(importSource(store, 'cordis', dir, readCordis)).rejects.toBeInstanceOf(InputError);
  });

  it('keeps text in a number column for the validator, which names file, line and column', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'organization.csv'),
      `${header}1;A;10;Good;false;HES;Lyon;FR;coordinator;1000\n1;A;11;Other;false;PRC;Lyon;FR;participant;n/a\n`,
    );
    const r = parseCordis(dir);
    expect(r.issues).toEqual([]);
    expect(r.tables.participations.columns.contribution).toEqual([1000, 'n/a']);
    const store = await memoryStore();
    const error = await importSource(store, 'cordis', dir, readCordis).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toContainEqual(
      expect.objectContaining({
        file: join(dir, 'organization.csv'),
        line: 3,
        column: 'contribution',
        reason: "not a number: 'n/a'",
      }),
    );
  });

  it("stages a value over DuckDB's 2 MB line limit, and counts a folder named like a CORDIS file as nothing", async () => {
    const dir = tempDir();
    const name = 'N'.repeat(2_500_000);
    writeFileSync(
      join(dir, 'organization.csv'),
      `${header}1;A;10;${name};false;HES;Lyon;FR;coordinator;1\n1;A;11;Other;false;PRC;Lyon;FR;participant;2\n`,
    );
    const store = await memoryStore();
    const r = await importSource(store, 'cordis', dir, readCordis);
    expect(r.rowCounts.organisations).toBe(2);
    const stored = (
      await store.connection.runAndReadAll("SELECT length(name) FROM organisations WHERE id = '10'")
    ).getRows();
    expect(stored).toEqual([[2_500_000n]]);
    const folder = tempDir();
    mkdirSync(join(folder, 'h2020-participations.csv.gz'));
    expect(parseCordis(folder).issues[0].reason).toMatch(/^no CORDIS files found/);
  });

  it('says so when a folder holds no CORDIS files, and refuses a missing path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'readme.txt'), 'nothing here');
    expect(parseCordis(dir).issues[0].reason).toMatch(/^no CORDIS files found/);
    expect(() => parseCordis(join(dir, 'nope'))).toThrow(UsageError);
  });
});

describe('republished layout (small hand-made files)', () => {
  let result: CordisResult;
  beforeAll(() => {
    const dir = join(tempDir(), 'eunets');
    mkdirSync(dir);
    const participations = [
      'rcn,role,pic,type,contribution,country,start_date,end_date,max_contribution,total_cost,start_year,end_year,duration,group,nunique',
      '500001,coordinator,900100001,HES,1000,DE,2019-01-01,2021-12-31,5000,6000,2019,2021,36,eu15,3',
      '500001,participant,900100002,PRC,NA,NA,2019-01-01,2021-12-31,5000,6000,2019,2021,36,tc,3',
      '500001,participant,900100001,HES,250.5,DE,2019-01-01,2021-12-31,5000,6000,2019,2021,36,eu15,3',
      '500002,partner,900100003,OTH,NA,FR,NA,NA,NA,NA,NA,NA,NA,eu15,1',
      '500002,participant,900100002,PRC,300,NA,NA,NA,NA,NA,NA,NA,NA,tc,1',
    ];
    writeFileSync(join(dir, 'h2020-participations.csv.gz'), gzipSync(`${participations.join('\n')}\n`));
    writeFileSync(
      join(dir, 'h2020-programme-parts.csv.gz'),
      gzipSync('rcn,programme_part\n500001,SC4\n500001,LEIT\n500002,ERC\n'),
    );
    writeFileSync(
      join(dir, 'h2020-organisations-2017.csv'),
      '"orgId";"name";"activityType";"city";"country"\n' +
        '"900100001";"TECHNISCHE UNIVERSITAET "TEST"";"HES";"MUENCHEN";"DE"\n' +
        '"900199999";"NOT TAKING PART";"PRC";"BERLIN";"DE"\n',
    );
    writeFileSync(
      join(dir, 'fp7-organisations.csv'),
      'idOrganization,country,name,address,last_update\r\n' +
        '900100001,DE,TU TEST (FP7 NAME),"Arcisstr. 21, Muenchen, 80333",2018-01-24\r\n' +
        '900100002,NA,"""ACME ""WINDHOEK"" LTD""","""Unit 6, Park"", WINDHOEK, 9000",2018-01-24\r\n' +
        '900100003,FR,SociÃ©tÃ© GÃ©nÃ©rale de Test,"Rue X 1, Paris, N/A",2018-01-24\r\n',
    );
    result = parseCordis(dir);
  });

  it('joins participations with both lists, 2017 first', () => {
    expect(result.issues).toEqual([]);
    expect(result.stats).toMatchObject({
      layout: 'republished',
      participationRows: 5,
      duplicateRows: 1,
      organisations: 3,
      projects: 2,
      participations: 4,
    });
    const { organisations } = result.tables;
    expect(rowWhere(organisations, 'id', '900100001')).toMatchObject({
      name: 'TECHNISCHE UNIVERSITAET "TEST"',
      locality: 'MUENCHEN',
      kind: 'university',
      country: 'DE',
      sme: null,
      _line: 2,
      _file: 'h2020-participations.csv.gz',
    });
    // `NA` is Namibia in the country column, not a missing value
    expect(rowWhere(organisations, 'id', '900100002')).toMatchObject({
      name: 'ACME "WINDHOEK" LTD',
      locality: 'WINDHOEK',
      kind: 'firm',
      country: 'NA',
    });
    expect(rowWhere(organisations, 'id', '900100003')).toMatchObject({
      name: 'Société Générale de Test',
      locality: 'Paris',
      kind: 'other',
    });
    expect(organisations.columns.id).not.toContain('900199999');
  });

  it('reads projects, programme parts and contributions, NA as missing', () => {
    const { projects, participations } = result.tables;
    expect(rowWhere(projects, 'id', '500001')).toMatchObject({
      programme: 'SC4|LEIT',
      start: '2019-01-01',
      end: '2021-12-31',
      cost: 6000,
    });
    expect(rowWhere(projects, 'id', '500002')).toMatchObject({
      programme: 'ERC',
      start: null,
      end: null,
      cost: null,
    });
    expect(participation(participations, '500001', '900100001')).toMatchObject({
      role: 'coordinator',
      contribution: 1250.5,
      _line: 2,
    });
    expect(participation(participations, '500001', '900100002').contribution).toBeNull();
    expect(participations.columns.contribution).toEqual([1250.5, null, null, 300]);
    expect(
      result.notes.some((n) => n.includes('1 quoted field(s) contain quotes that are not doubled')),
    ).toBe(true);
  });
});

describe.skipIf(!existsSync(join(REAL, 'h2020-participations.csv.gz')))('real CORDIS files', () => {
  let result: CordisResult;
  beforeAll(() => {
    const start = performance.now();
    result = parseCordis(REAL);
    console.log(`parseCordis(${REAL}) took ${(performance.now() - start).toFixed(0)} ms`);
  });

  async function duckdbRows(sql: string): Promise<unknown[][]> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      return (await c.runAndReadAll(sql)).getRows();
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }

  it('counts organisations, projects and participations as the README does', () => {
    expect(result.issues).toEqual([]);
    expect(result.stats.organisations).toBe(35871);
    expect(result.stats.projects).toBe(31451);
    expect(result.stats.participationRows).toBe(144726);
    expect(result.tables.organisations.rowCount).toBe(35871);
    expect(result.tables.projects.rowCount).toBe(31451);
  });

  it('agrees with DuckDB on the counts and on the duplicate (project, organisation) pairs', async () => {
    const [row] = await duckdbRows(
      `SELECT count(*), count(DISTINCT pic), count(DISTINCT rcn), count(DISTINCT rcn || '/' || pic)
       FROM read_csv('${join(REAL, 'h2020-participations.csv.gz')}', header = true, all_varchar = true)`,
    );
    const [rows, organisations, projects, pairs] = row.map(Number);
    expect(result.stats.participationRows).toBe(rows);
    expect(result.stats.organisations).toBe(organisations);
    expect(result.stats.projects).toBe(projects);
    expect(result.stats.duplicateRows).toBe(rows - pairs);
    expect(result.stats.participations).toBe(pairs);
    expect(result.tables.participations.rowCount).toBe(pairs);
  });

  it('places about 84% of the participations in a city', async () => {
    const share = result.stats.participationsWithCity / result.stats.participations;
    console.log(
      `participations with a city: ${result.stats.participationsWithCity} (${(100 * share).toFixed(2)}%)`,
    );
    expect(share).toBeGreaterThan(0.83);
    expect(share).toBeLessThan(0.85);
    // Upper bound by another route: participants listed with a non-blank city (2017) or address (FP7).
    // Placeholders such as `-` or `N/A` in those fields are no city, so the reader may find slightly fewer.
    const [[bound]] = await duckdbRows(
      `WITH h AS (SELECT orgId AS id FROM read_csv('${join(REAL, 'h2020-organisations-2017.csv')}', delim = ';', quote = '"',
                    escape = '"', header = true, all_varchar = true, strict_mode = false) WHERE trim(coalesce(city, '')) <> ''),
            f AS (SELECT idOrganization AS id FROM read_csv('${join(REAL, 'fp7-organisations.csv')}', delim = ',', quote = '"',
                    escape = '"', header = true, all_varchar = true) WHERE trim(coalesce(address, '')) <> '')
       SELECT count(*) FROM read_csv('${join(REAL, 'h2020-participations.csv.gz')}', header = true, all_varchar = true)
       WHERE pic IN (SELECT id FROM h) OR pic IN (SELECT id FROM f)`,
    );
    expect(result.stats.participationsWithCity).toBeLessThanOrEqual(Number(bound));
    expect(Number(bound) - result.stats.participationsWithCity).toBeLessThan(100);
  });

  it('repairs double-encoded UTF-8 of the FP7 list', () => {
    // fp7-organisations.csv: 968034490,ES,LeÃ³n City Council - Ayuntamiento de LeÃ³n,"OrdoÃ±o II 10, LeÃ³n, 24071"
    expect(rowWhere(result.tables.organisations, 'id', '968034490')).toMatchObject({
      name: 'León City Council - Ayuntamiento de León',
      locality: 'León',
      kind: 'public-body', // type PUB in the participations
      country: 'ES',
    });
    // line 39: 918066686,DE,CLESGO UG (haftungsbeschrÃ¤nkt),"LEUSCHNERSTR. 13, STUTTGART, 70174"; not in the 2017 list
    expect(rowWhere(result.tables.organisations, 'id', '918066686')).toMatchObject({
      name: 'CLESGO UG (haftungsbeschränkt)',
      locality: 'STUTTGART',
      kind: 'firm', // type PRC, no SME flag in these files
      country: 'DE',
      _line: 17010, // its first participation row
    });
  });

  it('reads named organisations as the raw files give them', () => {
    const { organisations, participations } = result.tables;
    // h2020-organisations-2017.csv: "REC"; "MUNCHEN"; "DE"; "FRAUNHOFER GESELLSCHAFT ..."; "999984059"
    expect(rowWhere(organisations, 'id', '999984059')).toMatchObject({
      name: 'FRAUNHOFER GESELLSCHAFT ZUR FOERDERUNG DER ANGEWANDTEN FORSCHUNG E.V.',
      kind: 'research-institute',
      locality: 'MUNCHEN',
      country: 'DE',
      _line: 96,
    });
    // zcat h2020-participations.csv.gz | awk -F, '$3=="999984059"' | wc -l → 995, of which 137 as coordinator
    const fraunhofer = participations.columns.organisation.flatMap((o, i) => (o === '999984059' ? [i] : []));
    expect(fraunhofer).toHaveLength(995);
    expect(fraunhofer.filter((i) => participations.columns.role[i] === 'coordinator')).toHaveLength(137);
    // quotes inside a quoted field that were not doubled (line 289 of the 2017 list)
    expect(rowWhere(organisations, 'id', '988967963')).toMatchObject({
      name: 'ASSOCIATION "NATIONAL CENTRE FOR SUPERCOMPUTING APPLICATIONS"',
      locality: 'SOFIA',
    });
    // NA in the country column is Namibia: 223644,participant,998753420,PUB,43275,NA,...
    expect(rowWhere(organisations, 'id', '998753420')).toMatchObject({
      name: 'UNIVERSITY OF NAMIBIA',
      country: 'NA',
      locality: 'WINDHOEK',
    });
  });
});

describe('parseCsvBytes', () => {
  it('reads UTF-8 bytes as they are: multi-byte characters, BOM, CRLF, quotes', () => {
    const bytes = Buffer.from(
      '\ufeffid;name;city\r\n1;"Université ""Côte"" d’Azur";Nice\r\n2;Łódź;"Białystok"\r\n3;€uro;\r\n',
    );
    const csv = parseCsvBytes(bytes, ';', ['id', 'name', 'city']);
    expect(csv.header).toEqual(['id', 'name', 'city']);
    expect(csv.rowCount).toBe(3);
    expect([...csv.lines]).toEqual([2, 3, 4]);
    const name = csv.columns.name;
    expect([0, 1, 2].map((i) => name.text(i))).toEqual(['Université "Côte" d’Azur', 'Łódź', '€uro']);
    expect([0, 1, 2].map((i) => csv.columns.city.text(i))).toEqual(['Nice', 'Białystok', '']);
    expect(csv.problemCount).toBe(0);
  });

  it('gives one code per distinct value, however it is written', () => {
    // the same values plain, quoted and with doubled quotes; short (≤ 3 bytes) and long ones
    const rows = [
      'v',
      'DE',
      '"DE"',
      'PRC',
      '"PRC"',
      'participant',
      '"participant"',
      'a"b',
      '"a""b"',
      'Ö',
      '"Ö"',
      '',
    ];
    const csv = parseCsvColumns(`${rows.join('\n')}\n`, ',', ['v']);
    const v = csv.columns.v;
    expect(csv.rowCount).toBe(10); // the blank line is skipped
    const codes = Array.from({ length: csv.rowCount }, (_, i) => v.code(i));
    expect(codes).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(codes.map((c) => v.value(c))).toEqual([
      'DE',
      'DE',
      'PRC',
      'PRC',
      'participant',
      'participant',
      'a"b',
      'a"b',
      'Ö',
      'Ö',
    ]);
    expect(v.interned(2)).toBe(v.interned(3));
  });

  it('keeps codes apart for thousands of distinct values (tables grow)', () => {
    const values = Array.from({ length: 5000 }, (_, k) => (k % 3 === 0 ? `${k}` : `value-${k}`));
    const csv = parseCsvColumns(`v\n${values.join('\n')}\n${values.join('\n')}\n`, ',', ['v']);
    const v = csv.columns.v;
    for (let i = 0; i < 5000; i++) {
      expect(v.code(i)).toBe(i);
      expect(v.code(i + 5000)).toBe(i);
      expect(v.value(v.code(i + 5000))).toBe(values[i]);
    }
  });

  it('reads every record when the first 64 KiB predict too few', () => {
    const long = Array.from({ length: 40 }, (_, k) => `${k},${'x'.repeat(3000)}`);
    const short = Array.from({ length: 20000 }, (_, k) => `${40 + k},y`);
    const csv = parseCsvColumns(`n,t\n${[...long, ...short].join('\n')}`, ',', ['n', 't']);
    expect(csv.rowCount).toBe(20040);
    expect(csv.lines[20039]).toBe(20041);
    expect(csv.columns.n.key(20039)).toBe(20039);
    expect(csv.columns.t.text(20039)).toBe('y');
    expect(csv.columns.t.text(39)).toHaveLength(3000);
  });

  it('reads numbers, NA and blanks straight from the bytes', () => {
    const csv = parseCsvColumns('v\nNA\n""\n-0.25\n1e3\n 12 \n1234567890123456\n"7"\n', ',', ['v']);
    const got = Array.from({ length: csv.rowCount }, (_, i) => csv.columns.v.number(i));
    expect(got).toEqual([null, null, -0.25, 1000, 12, 1234567890123456, 7]);
  });
});

describe('republished layout: ids, joins and repairs (generated files)', () => {
  let result: CordisResult;
  // 3000 distinct 9-digit PICs; k = 0 is 900000000
  const pic = (k: number) => String(900000000 + k * 7919);
  beforeAll(() => {
    const dir = join(tempDir(), 'generated');
    mkdirSync(dir);
    const header =
      'rcn,role,pic,type,contribution,country,start_date,end_date,max_contribution,total_cost,start_year,end_year,duration,group,nunique';
    const rows: string[] = [];
    // 1000 projects; project p has organisations 3p, 3p + 1, 3p + 2 and 3p + 3 (mod 3000)
    for (let p = 0; p < 1000; p++) {
      for (const k of [3 * p, 3 * p + 1, 3 * p + 2, (3 * p + 3) % 3000]) {
        rows.push(
          `${700000 + p},participant,${pic(k)},PRC,100,DE,2019-01-01,2020-12-31,NA,NA,NA,NA,NA,eu15,4`,
        );
      }
    }
    rows.push(
      // the PIC of organisation 0 with spaces around it: the same organisation, another type and country
      '800001,coordinator, 900000000 ,REC,50,FR,NA,NA,NA,NA,NA,NA,NA,eu15,3',
      // ids that are not plain numbers, an unknown type and an unknown role
      '800001,participant,X-42,NEW,NA,FR,NA,NA,NA,NA,NA,NA,NA,eu15,3',
      '800001,mentor,0123,OTH,NA,IT,NA,NA,NA,NA,NA,NA,NA,eu15,3',
      // project 700000 again, far from its other rows, with an organisation it has: merged
      '700000,participant,900000000,PRC,5.5,DE,NA,NA,NA,NA,NA,NA,NA,eu15,4',
    );
    writeFileSync(join(dir, 'h2020-participations.csv.gz'), gzipSync(`${header}\n${rows.join('\n')}\n`));
    const h2020 = ['"orgId";"name";"activityType";"city";"country"'];
    for (let k = 0; k < 3000; k += 2) h2020.push(`"${pic(k)}";"ORG ${k}";"PRC";"CITY ${k}";"DE"`);
    h2020.push('"X-42";"TEXT ID LTD";"PRC";"GÃ–TEBORG";"SE"'); // UTF-8 read as Windows-1252
    writeFileSync(join(dir, 'h2020-organisations-2017.csv'), `${h2020.join('\n')}\n`);
    const fp7 = ['idOrganization,country,name,address,last_update'];
    for (let k = 1; k < 3000; k += 2)
      fp7.push(`${pic(k)},DE,FP7 ORG ${k},"Street ${k}, Town ${k}, 12345",2018-01-24`);
    fp7.push('0123,IT,Politecnico di BiaÅ‚ystok,"ul. Wiejska 45A, BiaÅ‚ystok, 15-351",2018-01-24');
    fp7.push('900000000,FR,NOT USED,"Rue 1, Paris, 75001",2018-01-24');
    writeFileSync(join(dir, 'fp7-organisations.csv'), `${fp7.join('\r\n')}\r\n`);
    result = parseCordis(dir);
  });

  it('gives every organisation one row, in order of first appearance', () => {
    expect(result.issues).toEqual([]);
    expect(result.stats).toMatchObject({
      participationRows: 4004,
      duplicateRows: 1,
      organisations: 3002,
      projects: 1001,
      participations: 4003,
      participationsWithCity: 4003,
    });
    const ids = result.tables.organisations.columns.id;
    expect(ids).toEqual([...Array.from({ length: 3000 }, (_, k) => pic(k)), 'X-42', '0123']);
    expect(result.tables.projects.columns.id.slice(0, 2)).toEqual(['700000', '700001']);
    expect(result.tables.projects.columns.id[1000]).toBe('800001');
  });

  it('joins both lists on the ids, whatever their form', () => {
    const { organisations } = result.tables;
    expect(rowWhere(organisations, 'id', pic(0))).toMatchObject({
      name: 'ORG 0',
      locality: 'CITY 0',
      kind: 'firm',
      country: 'DE', // three rows in DE, one in FR
      _line: 2,
    });
    expect(rowWhere(organisations, 'id', pic(2999))).toMatchObject({
      name: 'FP7 ORG 2999',
      locality: 'Town 2999',
    });
    expect(rowWhere(organisations, 'id', 'X-42')).toMatchObject({
      name: 'TEXT ID LTD',
      locality: 'GÖTEBORG',
      kind: 'other',
      country: 'FR', // from the participations; the list's country only where they have none
    });
    expect(rowWhere(organisations, 'id', '0123')).toMatchObject({
      name: 'Politecnico di Białystok',
      locality: 'Białystok',
      country: 'IT',
      _line: 4004,
    });
    expect(result.notes).toContain(
      'h2020-organisations-2017.csv: 1501 of its 1501 organisations take part in a project; the other 0 are left out',
    );
    expect(result.notes).toContain(
      'fp7-organisations.csv: 1502 of its 1502 organisations take part in a project; the other 0 are left out',
    );
  });

  it('merges the repeated pair and notes unknown roles, types and conflicting types', () => {
    const { participations } = result.tables;
    expect(participation(participations, '700000', pic(0))).toMatchObject({
      role: 'participant',
      contribution: 105.5,
      _line: 2,
    });
    expect(participation(participations, '800001', '0123').role).toBe('other');
    expect(participation(participations, '800001', pic(0))).toMatchObject({
      role: 'coordinator',
      contribution: 50,
    });
    expect(result.notes).toContain("unknown participation roles stored as 'other': 'mentor' ×1");
    // a note quotes at most 60 characters of a value
    expect(shortened('mentor')).toBe('mentor');
    expect(shortened('r'.repeat(60))).toBe('r'.repeat(60));
    expect(shortened('r'.repeat(3_000_000))).toBe(`${'r'.repeat(59)}…`);
    expect(result.notes).toContain("unknown activity types, organisations stored as 'other': 'NEW' ×1");
    expect(result.notes).toContain(
      '1 organisation(s) have rows with different activity types; the first was used',
    );
    expect(
      result.notes.some((n) =>
        n.includes(
          `project 700000 / organisation ${pic(0)} at h2020-participations.csv.gz:4005 (first at line 2)`,
        ),
      ),
    ).toBe(true);
  });
});

describe('gzip input', () => {
  it('reads a participations file of several gzip members (the trailer gives only the last size)', () => {
    const dir = join(tempDir(), 'members');
    mkdirSync(dir);
    const header = 'rcn,role,pic,type,contribution,country';
    const rows = Array.from(
      { length: 5000 },
      (_, k) => `${600000 + (k >> 2)},participant,${900000000 + k},PRC,${k},DE`,
    );
    const first = gzipSync(`${header}\n${rows.slice(0, 4999).join('\n')}\n`);
    const last = gzipSync(`${rows[4999]}\n`);
    writeFileSync(join(dir, 'h2020-participations.csv.gz'), Buffer.concat([first, last]));
    const r = parseCordis(dir);
    expect(r.issues).toEqual([]);
    expect(r.stats).toMatchObject({ participationRows: 5000, organisations: 5000, projects: 1250 });
    expect(r.tables.participations.columns.contribution[4999]).toBe(4999);
    expect(r.tables.participations.provenance.line[4999]).toBe(5001);
  });

  it('names a file that is not gzip', () => {
    const dir = join(tempDir(), 'notgz');
    mkdirSync(dir);
    writeFileSync(join(dir, 'h2020-participations.csv.gz'), 'rcn,pic\n1,2\n');
    expect(parseCordis(dir).issues[0]).toMatchObject({
      line: null,
      reason: expect.stringMatching(/^not a readable gzip file/),
    });
  });
});
