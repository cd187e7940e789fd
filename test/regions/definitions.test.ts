import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { findRegion, regionMembers } from '../../src/dataset/regions.ts';
import { InputError, UsageError } from '../../src/errors.ts';
import {
  builtInRegions,
  findStudyRegion,
  loadNutsCodes,
  loadRegionsFile,
  loadStudyRegions,
  localityNames,
  parseRegions,
  studyRegionsTable,
  toRegionDefinition,
  unknownNutsCodes,
  withStudyRegions,
} from '../../src/regions/definitions.ts';
import { SHARED_DATA, tempDir } from '../helpers.ts';

const CODES = join(SHARED_DATA, 'nuts/nuts2021-codes.csv');

describe('the ten clusters (regions/ten-clusters.json)', () => {
  const regions = builtInRegions();

  it('has the ten clusters of the study with their NUTS 2021 codes', () => {
    expect(regions.map((r) => [r.id, r.country, r.nuts.join(' ')])).toEqual([
      ['cambridge', 'UK', 'UKH12'],
      ['oxford', 'UK', 'UKJ14'],
      ['goteborg', 'SE', 'SE232'],
      ['helsinki', 'FI', 'FI1B1'],
      ['munich', 'DE', 'DE212 DE21H'],
      ['sophia-antipolis', 'FR', 'FRL03'],
      ['grenoble', 'FR', 'FRK24'],
      ['barcelona', 'ES', 'ES511'],
      ['randstad', 'NL', 'NL31 NL32 NL33 NL23'],
      ['pisa-piacenza-milan', 'IT', 'ITI17 ITH51 ITC4C ITC4D'],
    ]);
    for (const r of regions) expect(r.localities.length).toBeGreaterThan(0);
    const munich = regions.find((r) => r.id === 'munich')!;
    expect(munich.localities[0]).toEqual({
      name: 'München',
      english: 'Munich',
      aliases: ['Muenchen', 'Munchen'],
    });
  });

  it.skipIf(!existsSync(CODES))('every code is in the NUTS 2021 code list, with the expected names', () => {
    const codes = loadNutsCodes(CODES);
    expect(codes.size).toBe(2010);
    expect(unknownNutsCodes(regions, codes)).toEqual([]);
    const name = (code: string) => codes.get(code)?.name;
    expect(name('UKH12')).toBe('Cambridgeshire CC');
    expect(name('UKJ14')).toBe('Oxfordshire');
    expect(name('SE232')).toBe('Västra Götalands län');
    expect(name('FI1B1')).toBe('Helsinki-Uusimaa');
    expect(name('DE212')).toBe('München, Kreisfreie Stadt');
    expect(name('DE21H')).toBe('München, Landkreis');
    expect(name('FRL03')).toBe('Alpes-Maritimes');
    expect(name('FRK24')).toBe('Isère');
    expect(name('ES511')).toBe('Barcelona');
    expect([name('NL31'), name('NL32'), name('NL33'), name('NL23')]).toEqual([
      'Utrecht',
      'Noord-Holland',
      'Zuid-Holland',
      'Flevoland',
    ]);
    expect([name('ITI17'), name('ITH51'), name('ITC4C'), name('ITC4D')]).toEqual([
      'Pisa',
      'Piacenza',
      'Milano',
      'Monza e della Brianza',
    ]);
    expect(codes.get('DE21H')).toEqual({ level: 3, country: 'DE', name: 'München, Landkreis' });
    // a quoted name over several lines in the file (Jan Mayen) is one record, its spaces folded
    expect(codes.get('NO0B1')?.name).toBe('Jan Mayen');
  });
});

describe('regions files', () => {
  const valid = {
    regions: [
      {
        id: 'fen-valley',
        name: 'Fen Valley',
        country: 'UK',
        nuts: ['UKH12', 'UKH14'],
        localities: [
          { name: 'Fenbridge' },
          { name: 'Saint Ives', english: 'St Ives', aliases: ['St. Ives'] },
        ],
      },
    ],
  };

  it('parses a valid file, with localities defaulting to none', () => {
    const [r] = parseRegions(valid, 'mine.json');
    expect(r).toMatchObject({
      id: 'fen-valley',
      country: 'UK',
      nuts: ['UKH12', 'UKH14'],
      origin: 'mine.json',
    });
    expect(localityNames(r)).toEqual(['Fenbridge', 'Saint Ives', 'St Ives', 'St. Ives']);
    expect(
      parseRegions({ regions: [{ id: 'x', name: 'X', country: 'DE', nuts: ['DE'] }] }, 'f')[0].localities,
    ).toEqual([]);
    // an ISO country is turned into Eurostat spelling before the codes are checked
    expect(
      parseRegions({ regions: [{ id: 'athens', name: 'Athens', country: 'GR', nuts: ['EL303'] }] }, 'f')[0]
        .country,
    ).toBe('EL');
  });

  it('reports every problem with its JSON path', () => {
    const bad = {
      regions: [
        { id: 'Bad Id', name: 'X', country: 'DE', nuts: ['DE212'] },
        { id: 'x', name: 'X', country: 'DE', nuts: ['FR101', 'not a code'] },
        { id: 'x', name: 'Y', country: 'DE', nuts: [], extra: 1 },
      ],
    };
    let error: InputError | undefined;
    try {
      parseRegions(bad, 'bad.json');
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    const where = error!.issues.map((i) => i.column);
    expect(where).toContain('regions.0.id');
    expect(where).toContain('regions.1.nuts.1');
    expect(where).toContain('regions.2.nuts');
    expect(error!.issues.every((i) => i.file === 'bad.json')).toBe(true);
    // the country check and the duplicate id need the rest to be valid
    expect(() =>
      parseRegions({ regions: [{ id: 'x', name: 'X', country: 'DE', nuts: ['FR101'] }] }, 'f'),
    ).toThrow(/FR101 is not in the region's country DE/);
    expect(() =>
      parseRegions(
        {
          regions: [
            { id: 'x', name: 'X', country: 'DE', nuts: ['DE1'] },
            { id: 'x', name: 'X', country: 'DE', nuts: ['DE2'] },
          ],
        },
        'f',
      ),
    ).toThrow(/duplicate region id 'x'/);
  });

  it('a user file adds regions and replaces a built-in one with the same id', () => {
    const dir = tempDir();
    const path = join(dir, 'mine.json');
    writeFileSync(
      path,
      JSON.stringify({
        regions: [
          valid.regions[0],
          { id: 'cambridge', name: 'Greater Cambridge', country: 'UK', nuts: ['UKH1'] },
        ],
      }),
    );
    const all = loadStudyRegions({ regionsFile: path });
    expect(all.length).toBe(11);
    expect(all[0]).toMatchObject({ id: 'cambridge', name: 'Greater Cambridge', nuts: ['UKH1'] });
    expect(all[10].id).toBe('fen-valley');
    expect(() => loadRegionsFile(join(dir, 'missing.json'))).toThrow(UsageError);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect(() => loadRegionsFile(join(dir, 'broken.json'))).toThrow(InputError);
  });

  it('finds a region by id (any case), else takes a NUTS code as a region', () => {
    const regions = builtInRegions();
    expect(findStudyRegion(regions, 'Munich').id).toBe('munich');
    expect(findStudyRegion(regions, 'de21h')).toMatchObject({
      id: 'DE21H',
      nuts: ['DE21H'],
      country: 'DE',
      origin: 'nuts',
    });
    expect(() => findStudyRegion(regions, 'atlantis')).toThrow(/unknown region 'atlantis'.*cambridge/);
    const codes = new Map([['DE21H', { level: 3, country: 'DE', name: 'München, Landkreis' }]]);
    expect(findStudyRegion(regions, 'DE21H', codes).name).toBe('München, Landkreis');
    expect(() => findStudyRegion(regions, 'DE999', codes)).toThrow(/DE999 is not in the NUTS 2021 code list/);
  });

  it("study regions work with the Dataset's region membership", () => {
    const dataset = buildDataset({
      organisations: {
        rowCount: 4,
        columns: {
          id: ['tum', 'garching-firm', 'city-only', 'berlin'],
          kind: ['university', 'firm', 'firm', 'firm'],
          nuts: ['DE212', 'DE21H', null, 'DE300'],
          locality: ['München', 'Garching', 'MUENCHEN', 'Berlin'],
          country: ['DE', 'DE', 'DE', 'DE'],
        },
      },
    });
    const munich = findStudyRegion(builtInRegions(), 'munich');
    // DE212 and DE21H by code; the third by its locality (an alias of München)
    expect([...regionMembers(dataset, toRegionDefinition(munich))]).toEqual([1, 1, 1, 0]);
    const extended = withStudyRegions(dataset, builtInRegions());
    expect(extended.other.regions.rowCount).toBe(10);
    expect(findRegion(extended, 'munich').nuts).toEqual(['DE212', 'DE21H']);
    expect(studyRegionsTable([munich]).columns.kind).toEqual(['cluster']);
    // regions the Dataset already defines keep their definition
    const own = buildDataset({
      regions: {
        rowCount: 1,
        columns: { id: ['munich'], name: ['Mine'], kind: ['cluster'], nuts: [['DE21']] },
      },
    });
    const merged = withStudyRegions(own, builtInRegions());
    expect(merged.other.regions.rowCount).toBe(10);
    expect(findRegion(merged, 'munich').nuts).toEqual(['DE21']);
  });
});
