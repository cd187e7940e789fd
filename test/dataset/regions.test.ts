import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import {
  findRegion,
  INSIDE,
  OUTSIDE,
  regionDefinitions,
  regionLocation,
  regionMembers,
  UNKNOWN_LOCATION,
} from '../../src/dataset/regions.ts';
import { UsageError } from '../../src/errors.ts';
import { compareRegions } from '../../src/measures/index.ts';
import { nuts2021Codes } from '../../src/model/nuts.ts';
import { parseRegionArgument } from '../../src/regions/arguments.ts';
import {
  builtInRegions,
  findStudyRegion,
  toRegionDefinition,
  withStudyRegions,
} from '../../src/regions/definitions.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';

// Cambridge (UK) and its namesake Cambridge (Massachusetts). None has a NUTS code, so membership
// rests on the locality: uk-lab, uk-firm (Cambridge, UK) and ely-firm (Ely, UK) are in; mit and
// harvard (Cambridge, US) and oxford-firm are out; nowhere-lab (Cambridge, no country) cannot be
// placed and is not counted.
const namesakes = buildDataset({
  organisations: {
    rowCount: 7,
    columns: {
      id: ['uk-lab', 'uk-firm', 'ely-firm', 'nowhere-lab', 'mit', 'harvard', 'oxford-firm'],
      kind: ['research', 'firm', 'firm', 'research', 'university', 'university', 'firm'],
      locality: ['Cambridge', 'CAMBRIDGE', 'Ely', 'Cambridge', 'Cambridge', 'CAMBRIDGE', 'Oxford'],
      country: ['UK', 'UK', 'UK', null, 'US', 'US', 'UK'],
    },
  },
  projects: { rowCount: 1, columns: { id: ['P1'] } },
  participations: {
    rowCount: 4,
    columns: {
      project: ['P1', 'P1', 'P1', 'P1'],
      organisation: ['uk-lab', 'mit', 'harvard', 'ely-firm'],
      role: ['coordinator', 'participant', 'participant', 'participant'],
    },
  },
});
const members = (mask: Uint8Array) => namesakes.organisations.id.filter((_, i) => mask[i] === 1);
const EXPECTED = ['uk-lab', 'uk-firm', 'ely-firm'];

describe('region membership', () => {
  it('a locality match respects the country, the same through the measure and the rtd path', () => {
    // measure / compare: the study regions become rows of the regions table, looked up by id
    const withStudy = withStudyRegions(namesakes, builtInRegions());
    const measurePath = regionMembers(withStudy, findRegion(withStudy, 'cambridge'));
    // rtd / acquisitions (before this change): the study region converted directly
    const rtdPath = regionMembers(
      namesakes,
      toRegionDefinition(findStudyRegion(builtInRegions(), 'cambridge')),
    );
    expect(members(measurePath)).toEqual(EXPECTED);
    expect(members(rtdPath)).toEqual(EXPECTED);
    const [row] = rtdLinkages(withStudy, [findRegion(withStudy, 'cambridge')]);
    expect(row.organisations).toBe(3);
    expect(row.participations).toBe(2); // uk-lab and ely-firm
  });

  it('a matching locality without a country is unknown, not inside', () => {
    const cambridge = toRegionDefinition(findStudyRegion(builtInRegions(), 'cambridge'));
    expect([...regionLocation(namesakes, cambridge)]).toEqual([
      INSIDE,
      INSIDE,
      INSIDE,
      UNKNOWN_LOCATION,
      OUTSIDE,
      OUTSIDE,
      OUTSIDE,
    ]);
  });

  it("a store region without a country takes its NUTS codes' country", () => {
    const dataset = {
      ...namesakes,
      other: {
        ...namesakes.other,
        regions: {
          rowCount: 1,
          columns: {
            id: ['cam'],
            name: ['Cam'],
            kind: ['cluster'],
            nuts: [['UKH12']],
            localities: [['Cambridge']],
          },
        },
      },
    };
    expect(regionDefinitions(dataset)[0].country).toBeNull();
    // Ely is not one of this region's localities
    expect(members(regionMembers(dataset, findRegion(dataset, 'cam')))).toEqual(['uk-lab', 'uk-firm']);
  });

  it('takes NUTS codes from the shipped NUTS 2021 list and refuses NUTS-shaped strings not in it', () => {
    expect(nuts2021Codes().size).toBe(2010);
    expect(findRegion(namesakes, 'frk24')).toMatchObject({ id: 'FRK24', name: 'Isère', nuts: ['FRK24'] });
    expect(() => findRegion(namesakes, 'FR999')).toThrow(UsageError);
    // 'foo' is NUTS-shaped (two letters and up to three more) but no NUTS code: before, it was taken
    // as the empty region FOO and compare printed a column of empty cells
    expect(() => findRegion(namesakes, 'foo')).toThrow(/unknown region 'foo'/);
    expect(() => compareRegions(namesakes, ['foo', 'bar'])).toThrow(UsageError);
    expect(() => findRegion(namesakes, 'FR999')).toThrow(/FR999 is not in the NUTS 2021 code list/);
    expect(() => findStudyRegion(builtInRegions(), 'UKH99')).toThrow(
      /UKH99 is not in the NUTS 2021 code list/,
    );
  });
});

describe('region arguments', () => {
  const dataset = withStudyRegions(
    {
      ...namesakes,
      other: {
        ...namesakes.other,
        regions: {
          rowCount: 1,
          columns: {
            id: ['fenland'],
            name: ['Fenland'],
            kind: ['cluster'],
            nuts: [['UKH12']],
            country: ['UK'],
          },
        },
      },
    },
    builtInRegions(),
  );

  it("'ten' gives the ten study clusters, alone or in a list, without repeats", () => {
    expect(parseRegionArgument(dataset, 'ten').map((r) => r.id)).toEqual(builtInRegions().map((r) => r.id));
    expect(parseRegionArgument(dataset, 'fenland, TEN,munich,de21').map((r) => r.id)).toEqual([
      'fenland',
      ...builtInRegions().map((r) => r.id),
      'DE21',
    ]);
  });

  it('unknown ids exit 2 naming every unknown one and the known ones', () => {
    const error = (() => {
      try {
        parseRegionArgument(dataset, 'foo,munich,bar');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error!.message).toMatch(/^unknown regions 'foo', 'bar' \(known regions: fenland, cambridge, /);
    expect(error!.message).toContain("'ten' for the ten study clusters");
    expect(error!.message).toContain('NUTS 2021 code');
    expect(() => parseRegionArgument(dataset, 'munich,oxford', { single: true, option: '--region' })).toThrow(
      /--region takes one region, got 2/,
    );
    expect(() => parseRegionArgument(dataset, ' , ')).toThrow(/needs at least one region/);
  });
});
