import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NUTS2_INDICATOR_DOCS,
  type RegionalIndicatorTable,
  readRegionalIndicators,
  regionContext,
} from '../../src/io/regional-indicators.ts';
import { isAvailable, type MeasureTable } from '../../src/measures/common.ts';
import { ROOT, SHARED_DATA, tempDir } from '../helpers.ts';

const SAMPLE = join(ROOT, 'test/fixtures/acquisitions/nuts2-sample.csv');
const REAL = join(SHARED_DATA, 'regional/nuts2-indicators.csv');

const region = (id: string, nuts: string[]) => ({ id, nuts });

function rows(report: ReturnType<typeof regionContext>): MeasureTable['rows'] {
  const t = report.tables[0];
  if (!isAvailable(t)) throw new Error(t.notAvailable);
  return t.rows;
}

function write(text: string): string {
  const path = join(tempDir(), 'indicators.csv');
  writeFileSync(path, text);
  return path;
}

describe('readRegionalIndicators', () => {
  it('reads a semicolon-separated table with headers in any case, names and missing values', () => {
    const t = readRegionalIndicators(SAMPLE);
    expect(t.issues).toEqual([]);
    // `region` is a row number, `name` a label: neither is an indicator
    expect(t.columns).toEqual(['hrht', 'tertiary']);
    expect(t.rows.get('DE21')).toEqual({ hrht: 45.35, tertiary: 38.95 });
    // ':' is Eurostat's "not available"
    expect(t.rows.get('NL31')).toEqual({ hrht: 49.95, tertiary: null });
    expect(t.names.get('NL31')).toBe('Utrecht; province');
  });

  it('reports a missing id column, codes that are not NUTS-2, repeats and text in a number column', () => {
    expect(readRegionalIndicators(write('region,hrht\nDE21,1\n')).issues[0]).toMatchObject({
      line: 1,
      column: 'id',
    });
    const path = write('id,hrht\nDE212,1\nDE21,x\nDE21,2\n');
    expect(readRegionalIndicators(path).issues).toEqual([
      {
        file: path,
        line: 2,
        column: 'id',
        reason: "not a NUTS-2 code: 'DE212' (expected a country code and two characters, e.g. DE21)",
      },
      { file: path, line: 3, column: 'hrht', reason: "not a number: 'x'" },
      { file: path, line: 4, column: 'id', reason: "duplicate NUTS-2 code 'DE21' (first at line 3)" },
    ]);
  });
});

describe('regionContext', () => {
  const t = readRegionalIndicators(SAMPLE);

  it('takes the NUTS-2 parent of a NUTS-3 code', () => {
    const munich = regionContext(t, region('munich', ['DE212']));
    expect(rows(munich)).toEqual([['DE21', 'Oberbayern', 45.35, 38.95]]);
    expect(munich.indicators).toEqual([
      { name: 'context.hrht', value: 45.35 },
      { name: 'context.tertiary', value: 38.95 },
    ]);
  });

  it('reports each NUTS-2 region of a region spanning several, and their unweighted mean', () => {
    const randstad = regionContext(t, region('randstad', ['NL31', 'NL32', 'NL33']));
    // hrht (49.95 + 46.25 + 42.8) / 3; tertiary has no value for NL31: (43.65 + 37.1) / 2
    const r = rows(randstad);
    expect(r.map((x) => x[0])).toEqual(['NL31', 'NL32', 'NL33', 'mean']);
    expect(r[3][2]).toBeCloseTo((49.95 + 46.25 + 42.8) / 3, 12);
    expect(r[3][3]).toBeCloseTo((43.65 + 37.1) / 2, 12);
    expect(randstad.indicators[0].value).toBeCloseTo(46.3333333333, 9);
    expect((randstad.tables[0] as MeasureTable).notes).toEqual([
      "the row 'mean' is the unweighted mean over 3 NUTS-2 regions (not weighted by size)",
    ]);
    // a NUTS-1 code brings every NUTS-2 region of the table inside it
    expect(rows(regionContext(t, region('nl3', ['NL3']))).length).toBe(4);
  });

  it('is not available when no NUTS code of the region is in the table, or there is none', () => {
    const cambridge = regionContext(t, region('cambridge', ['UKH12']));
    expect(cambridge.tables[0]).toHaveProperty('notAvailable');
    expect(cambridge.indicators.every((i) => i.value === null)).toBe(true);
    expect((cambridge.tables[0] as { notAvailable: string }).notAvailable).toMatch(
      /the table has no region of UK/,
    );
    const none = regionContext(t, region('x', []));
    expect(none.indicators[0].notAvailable).toBe("region 'x' has no NUTS codes");
  });
});

describe.skipIf(!existsSync(REAL))('the real nuts2-indicators.csv', () => {
  // read in the tests, not here: the body of a skipped suite still runs
  let table: RegionalIndicatorTable | undefined;
  const real = () => {
    table ??= readRegionalIndicators(REAL);
    return table;
  };

  it('reads its 233 NUTS-2 regions and documented columns', () => {
    const t = real();
    expect(t.issues).toEqual([]);
    expect(t.rows.size).toBe(233);
    expect(t.columns).toEqual(Object.keys(NUTS2_INDICATOR_DOCS));
    // checked by hand against the file:
    //   35,DE21,DE21 - Oberbayern,2.3,2.15,5.05,0.575,38.95,45.35,8876.849763,37083.25
    //   222,FI1B,FI1B - Helsinki-Uusimaa,7.05,6.75,0.0,0.855,51.5,50.9,5628.581468,31427.8
    // hrht is the 9th field
    expect(t.rows.get('DE21')!.hrht).toBe(45.35);
    expect(t.rows.get('FI1B')!.hrht).toBe(50.9);
    expect(t.rows.get('FI1B')!.tertiary).toBe(51.5);
    // a quoted name with a comma: 73,EL51,"EL51 - Anatoliki Makedonia, Thraki",…
    expect(t.names.get('EL51')).toBe('Anatoliki Makedonia, Thraki');
  });

  it('has context for eight of the ten clusters; the UK ones are missing', () => {
    const t = real();
    const clusters: [string, string[]][] = [
      ['cambridge', ['UKH1']],
      ['oxford', ['UKJ1']],
      ['goteborg', ['SE23']],
      ['helsinki', ['FI1B']],
      ['munich', ['DE21']],
      ['sophia-antipolis', ['FRL0']],
      ['grenoble', ['FRK2']],
      ['barcelona', ['ES51']],
      ['randstad', ['NL31', 'NL32', 'NL33']],
      ['milan-pisa-piacenza', ['ITC4', 'ITI1', 'ITH5']],
    ];
    const available = clusters.map(([id, nuts]) => [
      id,
      isAvailable(regionContext(t, region(id, nuts)).tables[0]),
    ]);
    expect(available).toEqual([
      ['cambridge', false],
      ['oxford', false],
      ['goteborg', true],
      ['helsinki', true],
      ['munich', true],
      ['sophia-antipolis', true],
      ['grenoble', true],
      ['barcelona', true],
      ['randstad', true],
      ['milan-pisa-piacenza', true],
    ]);
    // Randstad hrht: NL31 49.95, NL32 46.25, NL33 42.8 (lines 169–171 of the file)
    const randstad = regionContext(t, region('randstad', ['NL31', 'NL32', 'NL33']));
    expect(randstad.indicators.find((i) => i.name === 'context.hrht')!.value).toBeCloseTo(139 / 3, 12);
  });
});
