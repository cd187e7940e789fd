import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { InputError } from '../../src/errors.ts';
import {
  acquisitionYear,
  eurostatCountry,
  organisationId,
  parseAcquisitionList,
  readAcquisitions,
} from '../../src/io/acquisitions.ts';
import { type ClusterRegion, clusterAcquisitions } from '../../src/measures/acquisitions.ts';
import { isAvailable, type MeasureTable } from '../../src/measures/common.ts';
import { importSource } from '../../src/store/import.ts';
import { storeInfo } from '../../src/store/info.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { ROOT, SHARED_DATA, tempDir } from '../helpers.ts';

const FIXTURES = join(ROOT, 'test/fixtures/acquisitions');
const SAMPLE = join(FIXTURES, 'crunchbase-sample.csv');
const REAL = join(SHARED_DATA, 'acquisitions/crunchbase-2015-acquisitions.csv');

const CAMBRIDGE: ClusterRegion = {
  id: 'cambridge',
  name: 'Cambridge',
  nuts: [],
  localities: ['Cambridge'],
  country: 'GB',
};
const MUNICH: ClusterRegion = {
  id: 'munich',
  name: 'Munich',
  nuts: [],
  localities: ['München', 'Munich'],
  country: 'DE',
};

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

function table(report: ReturnType<typeof clusterAcquisitions>, measure: string): MeasureTable {
  const t = report.tables.find((x) => x.measure === measure)!;
  if (!isAvailable(t)) throw new Error(`${measure} not available: ${t.notAvailable}`);
  return t;
}

const value = (report: ReturnType<typeof clusterAcquisitions>, name: string) =>
  report.indicators.find((i) => i.name === name)?.value;

describe('values', () => {
  it('converts ISO alpha-3 and alpha-2 codes to the Eurostat spelling', () => {
    expect(
      ['GBR', 'GRC', 'DEU', 'USA', 'ROM', 'gb', 'GR', 'FR', '', 'XYZ', 'Bay Area'].map(eurostatCountry),
    ).toEqual(['UK', 'EL', 'DE', 'US', 'RO', 'UK', 'EL', 'FR', null, undefined, undefined]);
  });

  it('takes the year of a date and rejects impossible ones', () => {
    expect(acquisitionYear('2012-07-23', 2026)).toEqual({ year: 2012 });
    expect(acquisitionYear('2012-07', 2026)).toEqual({ year: 2012 });
    expect(acquisitionYear('2016-02-03 00:00:00', 2026)).toEqual({ year: 2016 });
    expect(acquisitionYear('1201-11-03 00:00:00', 2026)).toEqual({
      impossible: "impossible date '1201-11-03 00:00:00': before 1900",
    });
    expect(acquisitionYear('3201-10-21', 2026)).toEqual({
      impossible: "impossible date '3201-10-21': after 2026",
    });
    expect(acquisitionYear('2027-01-01', 2026)).toHaveProperty('impossible');
    expect(acquisitionYear('2013-02-29', 2026)).toHaveProperty('invalid');
    expect(acquisitionYear('2012-02-29', 2026)).toEqual({ year: 2012 });
    expect(acquisitionYear('2012-13-01', 2026)).toHaveProperty('invalid');
    expect(acquisitionYear('soon', 2026)).toHaveProperty('invalid');
  });

  it('makes ids from permalinks and from names', () => {
    expect(organisationId('/organization/fen-optics')).toBe('cb:fen-optics');
    expect(organisationId('Gamma, Delta & Co')).toBe('acq:gamma-delta-co');
  });
});

describe('parseAcquisitionList on the hand-made Crunchbase sample', () => {
  const list = parseAcquisitionList(SAMPLE, { currentYear: 2026 });

  it('keeps 6 acquisitions of 10 organisations and reports the 6 rows it leaves out', () => {
    expect(list.layout).toBe('crunchbase');
    expect(list.issues).toEqual([]);
    expect(list.stats.records).toBe(12);
    // lines 2, 3, 6, 9, 10, 14 are acquisitions; every other data line is left out, with a reason
    expect(list.lines.acquisitions).toEqual([2, 3, 6, 9, 10, 14]);
    expect(list.excluded.map((e) => [e.line, e.column, e.cause])).toEqual([
      [4, 'acquired_at', 'impossible-date'],
      [5, 'acquirer_permalink', 'no-acquirer'],
      [7, null, 'duplicate'],
      [8, 'acquirer_permalink', 'self-acquisition'],
      [11, 'acquired_at', 'impossible-date'],
      [12, 'company_name', 'embedded-lines'],
    ]);
    expect(list.excluded[0]).toMatchObject({
      file: SAMPLE,
      reason: "impossible date '1201-11-03 00:00:00': before 1900: row left out",
    });
    expect(list.excluded[2].reason).toBe('same target, acquirer and date as line 6: row left out');
    // the impossible dates are in the notes, with their lines
    const note = list.notes.find((n) => n.includes('impossible date'))!;
    expect(note).toMatch(/^2 row\(s\) left out/);
    expect(note).toContain("line 4 [acquired_at]: impossible date '1201-11-03 00:00:00'");
    expect(note).toContain("line 11 [acquired_at]: impossible date '3201-10-21'");
  });

  it('builds organisations from the rows kept only, with Eurostat countries and cities', () => {
    const o = list.tables.organisations;
    // old-mill (1201 row), far-future (3201 row) and multi-line appear only in rows left out
    expect(o.columns.id).toEqual([
      'cb:fen-optics',
      'cb:isar-systems',
      'cb:fen-bio',
      'cb:charles-river-devices',
      'cb:isar-data',
      'cb:aegean-soft',
      'cb:lakeside',
      'cb:hof-media',
      'cb:nordic-chips',
      'cb:offshore-holdings',
    ]);
    expect(o.columns.country).toEqual(['UK', 'DE', 'UK', 'US', 'DE', 'EL', 'US', 'DE', 'SE', null]);
    expect(o.columns.name[0]).toBe('Fen Optics, Ltd.');
    expect(o.columns.name[4]).toBe('Isar "Data" GmbH');
    expect(o.columns.locality[1]).toBe('München');
    expect(new Set(o.columns.kind)).toEqual(new Set(['firm']));
    expect(list.notes).toContain('unknown country codes, stored as no country: ZZZ 1');
  });

  it('keeps prices in EUR only and counts the others', () => {
    const a = list.tables.acquisitions;
    expect(a.columns.price).toEqual([12000000, null, null, null, null, 3.5]);
    expect(a.columns.year).toEqual([2010, 2012, 2014, 2016, null, 2015]);
    expect(list.stats.pricesLeftOut).toEqual({ USD: 1, GBP: 1 });
    expect(list.notes).toContain(
      'prices: 2 in EUR kept; 2 in other currencies left empty, not converted (GBP 1, USD 1)',
    );
  });
});

describe('import --format acquisitions', () => {
  it('imports the sample through the validated import, and the rows left out are in the notes', async () => {
    const store = await memoryStore();
    const result = await importSource(store, 'acquisitions', SAMPLE, readAcquisitions);
    expect(result.rowCounts).toEqual({ organisations: 10, acquisitions: 6 });
    expect(result.notes.some((n) => n.includes("impossible date '1201-11-03 00:00:00'"))).toBe(true);
    const rows = (
      await store.connection.runAndReadAll(
        'SELECT target, acquirer, year, price FROM acquisitions ORDER BY target, acquirer',
      )
    ).getRows();
    expect(rows).toEqual([
      ['cb:fen-bio', 'cb:charles-river-devices', 2012, null],
      ['cb:fen-optics', 'cb:isar-systems', 2010, 12000000],
      ['cb:hof-media', 'cb:isar-systems', null, null],
      ['cb:isar-data', 'cb:aegean-soft', 2014, null],
      ['cb:lakeside', 'cb:fen-optics', 2016, null],
      ['cb:nordic-chips', 'cb:offshore-holdings', 2015, 3.5],
    ]);
    const org = (
      await store.connection.runAndReadAll(
        "SELECT name, kind, country, nuts, locality FROM organisations WHERE id = 'cb:aegean-soft'",
      )
    ).getRows();
    expect(org).toEqual([['Aegean Soft', 'firm', 'EL', null, 'Athens']]);

    // Cambridge, England: fen-optics (2010, bought from Munich) and fen-bio (2012, from Boston);
    // lakeside is in Cambridge, Massachusetts (USA) and does not count.
    const dataset = await loadDataset(store);
    const cambridge = clusterAcquisitions(dataset, CAMBRIDGE);
    expect(value(cambridge, 'acquisitions.count')).toBe(2);
    expect(value(cambridge, 'acquisitions.foreignShare')).toBe(1);
    // Munich: isar-data (2014, by Aegean Soft of Athens: foreign) and hof-media (undated, by Isar
    // Systems of München: local) → foreign 1/2, outside the region 1/2, one local acquirer.
    const munich = clusterAcquisitions(dataset, MUNICH);
    expect(value(munich, 'acquisitions.count')).toBe(2);
    expect(value(munich, 'acquisitions.foreignShare')).toBe(0.5);
    expect(value(munich, 'acquisitions.outsideRegionShare')).toBe(0.5);
    expect(table(munich, 'acquisitions.local-acquirers').rows).toEqual([
      ['cb:isar-systems', 'Isar Systems', 1, null, null],
    ]);
  });

  it('reads the minimal layout target,acquirer,target_country,acquirer_country,date', async () => {
    const store = await memoryStore();
    const path = join(FIXTURES, 'minimal.csv');
    const result = await importSource(store, 'acquisitions', path, readAcquisitions);
    expect(result.rowCounts).toEqual({ organisations: 3, acquisitions: 2 });
    const orgs = (
      await store.connection.runAndReadAll('SELECT id, name, country FROM organisations ORDER BY id')
    ).getRows();
    expect(orgs).toEqual([
      ['acq:alpha-sensors', 'Alpha Sensors', 'UK'],
      ['acq:beta-holdings', 'Beta Holdings', 'US'],
      ['acq:gamma-delta-co', 'Gamma, Delta & Co', 'DE'],
    ]);
    expect(result.notes.some((n) => n.includes("line 4 [Date]: impossible date '1850-01-01'"))).toBe(true);
  });

  it('fails on malformed CSV, naming file, line and column, and writes nothing', async () => {
    const store = await memoryStore();
    const path = join(FIXTURES, 'malformed.csv');
    const err = (await importSource(store, 'acquisitions', path, readAcquisitions).catch(
      (e) => e,
    )) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.issues).toEqual([
      { file: path, line: 3, column: 'date', reason: 'malformed CSV: 2 fields where the header has 3' },
      { file: path, line: 4, column: 'target', reason: 'malformed CSV: a quoted field is never closed' },
    ]);
    const info = await storeInfo(store);
    expect(Object.values(info.rows).every((n) => n === 0)).toBe(true);
  });

  it('refuses a file that is not an acquisition list, and bad UTF-8', async () => {
    const dir = tempDir();
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'id,name\n1,x\n');
    const store = await memoryStore();
    await expect(importSource(store, 'acquisitions', other, readAcquisitions)).rejects.toThrow(
      /not an acquisition list/,
    );
    const latin = join(dir, 'latin.csv');
    writeFileSync(
      latin,
      Buffer.concat([Buffer.from('target,acquirer\nCaf'), Buffer.from([0xe9]), Buffer.from(',B\n')]),
    );
    const err = (await importSource(store, 'acquisitions', latin, readAcquisitions).catch(
      (e) => e,
    )) as InputError;
    expect(err.issues[0]).toMatchObject({
      line: 2,
      column: 'byte 4',
      reason: 'not valid UTF-8 (save the file as UTF-8)',
    });
  });
});

describe.skipIf(!existsSync(REAL))('the real Crunchbase 2015 acquisitions file', () => {
  const currentYear = new Date().getUTCFullYear();

  it('reads every row, and excludes exactly the impossible dates that DuckDB finds', async () => {
    const list = parseAcquisitionList(REAL);
    expect(list.issues).toEqual([]);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const csv = `read_csv('${REAL}', all_varchar = true)`;
    // independent counts: DuckDB's own CSV reader, the year as the first four characters of acquired_at
    const [[rows, impossible]] = (
      await c.runAndReadAll(
        `SELECT count(*), count(*) FILTER (WHERE TRY_CAST(left(acquired_at, 4) AS INTEGER) < 1900
                                          OR TRY_CAST(left(acquired_at, 4) AS INTEGER) > ${currentYear})
         FROM ${csv}`,
      )
    ).getRows();
    c.closeSync();
    expect(Number(rows)).toBe(18968);
    expect(list.stats.records).toBe(Number(rows));
    expect(Number(impossible)).toBe(2);
    expect(list.stats.excluded['impossible-date']).toBe(Number(impossible));
    expect(list.excluded.filter((e) => e.cause === 'impossible-date').map((e) => [e.line, e.reason])).toEqual(
      [
        [2637, `impossible date '3201-10-21': after ${currentYear}: row left out`],
        [8142, "impossible date '1201-11-03 00:00:00': before 1900: row left out"],
      ],
    );
    // line 16142 opens a quote that swallows 147 tab-separated lines (up to 16289); the last line is
    // a fragment whose first field is 'ns|Technology'
    expect(list.excluded.find((e) => e.cause === 'embedded-lines')).toMatchObject({
      line: 16142,
      column: 'acquirer_name',
    });
    expect(list.excluded.find((e) => e.cause === 'not-a-permalink')).toMatchObject({
      line: 19116,
      column: 'company_permalink',
    });
    expect(list.stats.acquisitions + list.excluded.length).toBe(list.stats.records);
  });

  it('imports through the validated import; Cambridge (UK) and Munich by year, checked by hand', async () => {
    const store = await memoryStore();
    const result = await importSource(store, 'acquisitions', REAL, readAcquisitions);
    const list = parseAcquisitionList(REAL);
    expect(result.rowCounts).toEqual({
      organisations: list.stats.organisations,
      acquisitions: list.stats.acquisitions,
    });
    const dataset = await loadDataset(store);

    // Cambridge: `grep ',GBR,[^,]*,[^,]*,Cambridge,/organization'` gives 31 rows; Handle My Health
    // bought by itself (2015-09-09) is left out → 30. Cambridge, Massachusetts (USA, 105 rows) and
    // Cambridge, Ontario do not count. By hand, from those rows:
    //   2013: ANT (Espial, CAN), Evi (Amazon, USA), Cronto (VASCO, USA), Geomerics (ARM, GBR,
    //         Cambridge) → 4 acquisitions, 3 foreign, ARM a local acquirer;
    //   2014: Zinwave (McWane, USA), St. Neots Packaging (Coveris, USA), Altacor (Esperante, GBR),
    //         Neul (Huawei, CHN), Cambridge Fluid Systems (Ham-Let, ISR) → 5, 4 foreign;
    //   2015: Convergence (Biogen Idec, USA), AlertMe (British Gas, GBR), Spearhead (Paine, USA),
    //         VocalIQ (Apple, USA) → 4, 3 foreign.
    // Over all 30: 7 acquirers in GBR and one without a country (Instem, for BioWisdom 2011), so the
    // foreign share is (30 − 7 − 1) / 29 = 22/29.
    const cambridge = clusterAcquisitions(dataset, CAMBRIDGE);
    expect(value(cambridge, 'acquisitions.count')).toBe(30);
    expect(value(cambridge, 'acquisitions.foreignShare')).toBeCloseTo(22 / 29, 12);
    const camYears = table(cambridge, 'acquisitions.by-year').rows;
    expect(camYears.filter((r) => (r[0] as number) >= 2013).map((r) => r.slice(0, 4))).toEqual([
      [2013, 4, 3, 4],
      [2014, 5, 4, 5],
      [2015, 4, 3, 4],
    ]);
    expect(table(cambridge, 'acquisitions.local-acquirers').rows.map((r) => r[1])).toContain('ARM');

    // Munich: company_country_code DEU and company_city Munich (33 rows) or München (13) = 46; 10stamps
    // bought by 10stamps (2015-11-23) is left out → 45. By hand:
    //   2014: Team Internet (Matomy, ISR), Sapiens (Medtronic, USA), mytheresa.com (Neiman Marcus,
    //         USA), mopay (Boku, USA), Definiens (MedImmune, USA) foreign; GLAMLOOP (Rebelle, DEU),
    //         Gini (Main Incubator, DEU), Hallhuber (Gerry Weber, DEU) domestic; FTAPI (QSC),
    //         MeinProspekt (kaufDA), commercetools (Rewe) acquirer country empty → 11, 5 foreign of 8;
    //   2015: SuppreMol (Baxter, USA), carpooling.com (BlaBlaCar, FRA), Metaio (Apple, USA),
    //         Booming (Blackwood Seven, DNK), MEDIA GROUP ONE (Yahoo!, USA), PAY.ON (ACI, USA)
    //         foreign; Shoplove (Hubert Burda Media, DEU Munich), volo (Rocket Internet, DEU),
    //         10stamps (Wirecard, DEU Munich) → 9, 6 foreign of 9.
    // Over all 45: 7 acquirers without a country, 14 in DEU → foreign (45 − 7 − 14) / 38 = 24/38.
    const munich = clusterAcquisitions(dataset, MUNICH);
    expect(value(munich, 'acquisitions.count')).toBe(45);
    expect(value(munich, 'acquisitions.foreignShare')).toBeCloseTo(24 / 38, 12);
    const munYears = table(munich, 'acquisitions.by-year').rows;
    expect(munYears.filter((r) => (r[0] as number) >= 2014).map((r) => r.slice(0, 4))).toEqual([
      [2014, 11, 5, 8],
      [2015, 9, 6, 9],
    ]);
    const countries = table(munich, 'acquisitions.acquirer-countries').rows;
    expect(countries.slice(0, 2)).toEqual([
      ['US', 15, 15 / 45],
      ['DE', 14, 14 / 45],
    ]);
    expect(countries.at(-1)).toEqual([null, 7, 7 / 45]);
  });
});
