import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import {
  type MultiSiteMode,
  multiSitePresence,
  type RegionDefinition,
  regionMembers,
  withMembership,
} from '../../src/dataset/regions.ts';
import { InputError } from '../../src/errors.ts';
import { parseMultiSiteMode } from '../../src/regions/arguments.ts';
import { builtInRegions, findStudyRegion, toRegionDefinition } from '../../src/regions/definitions.ts';
import { loadMultiSite, matchMultiSite } from '../../src/regions/multi-site.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';
import { rtdText } from '../../src/report/rtd-format.ts';
import { tempDir } from '../helpers.ts';

// CEA and CNRS registered in Paris with main sites in Grenoble; Fraunhofer registered in Munich; a
// US namesake of Fraunhofer that must not be taken for it. Projects:
// P1 {cea, leti-firm, uga}, P2 {cea, cnrs}, P3 {fhg, tum, uga}, P4 {cnrs, paris-firm}, P5 {cea, fhg}.
const dataset = buildDataset({
  organisations: {
    rowCount: 8,
    columns: {
      id: ['cea', '999997930', 'leti-firm', 'uga', 'paris-firm', 'fhg', 'tum', 'fhg-usa'],
      name: [
        'COMMISSARIAT A L ENERGIE ATOMIQUE ET AUX ENERGIES ALTERNATIVES',
        'CNRS',
        'Leti spin-off',
        'Université Grenoble Alpes',
        'Paris firm',
        'Fraunhofer-Gesellschaft zur Förderung der angewandten Forschung e.V.',
        'TU München',
        'FRAUNHOFER GESELLSCHAFT ZUR FORDERUNG DER ANGEWANDTEN FORSCHUNG',
      ],
      kind: ['research', 'research', 'firm', 'university', 'firm', 'research', 'university', 'research'],
      nuts: ['FR101', 'FR101', 'FRK24', 'FRK24', 'FR101', 'DE212', 'DE212', null],
      country: ['FR', 'FR', 'FR', 'FR', 'FR', 'DE', 'DE', 'US'],
    },
  },
  projects: { rowCount: 5, columns: { id: ['P1', 'P2', 'P3', 'P4', 'P5'] } },
  participations: {
    rowCount: 12,
    columns: {
      project: ['P1', 'P1', 'P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4', 'P4', 'P5', 'P5'],
      organisation: [
        'cea',
        'leti-firm',
        'uga',
        'cea',
        '999997930',
        'fhg',
        'tum',
        'uga',
        '999997930',
        'paris-firm',
        'cea',
        'fhg',
      ],
      role: new Array(12).fill('participant'),
    },
  },
});
const entities = matchMultiSite(dataset, loadMultiSite());
const region = (id: string): RegionDefinition => toRegionDefinition(findStudyRegion(builtInRegions(), id));
const ids = (mask: Uint8Array) => dataset.organisations.id.filter((_, i) => mask[i] === 1);

describe('multi-site legal entities', () => {
  it('are recognised by PIC or by name pattern in their own country only', () => {
    const found = Object.fromEntries(
      entities.map((e) => [e.id, e.organisations.map((i) => dataset.organisations.id[i])]),
    );
    expect(found.cea).toEqual(['cea']);
    expect(found.cnrs).toEqual(['999997930']);
    expect(found.fraunhofer).toEqual(['fhg']);
    expect(found.inria).toEqual([]);
  });

  it('count by registered address (flag), also at their main sites (include), or nowhere (exclude)', () => {
    // by hand from the fixture: Grenoble holds leti-firm and uga; CEA and CNRS list Grenoble as a
    // main site; Fraunhofer's registered address and a main site are in Munich
    const expected: Record<MultiSiteMode, Record<string, string[]>> = {
      flag: {
        grenoble: ['leti-firm', 'uga'],
        munich: ['fhg', 'tum'],
        FR101: ['cea', '999997930', 'paris-firm'],
      },
      include: {
        grenoble: ['cea', '999997930', 'leti-firm', 'uga'],
        munich: ['fhg', 'tum'],
        FR101: ['cea', '999997930', 'paris-firm'],
      },
      exclude: { grenoble: ['leti-firm', 'uga'], munich: ['tum'], FR101: ['paris-firm'] },
    };
    const paris: RegionDefinition = { id: 'FR101', name: 'Paris', nuts: ['FR101'], localities: [] };
    for (const mode of ['flag', 'include', 'exclude'] as const) {
      const options = { multiSite: mode, entities };
      expect(ids(regionMembers(dataset, region('grenoble'), options))).toEqual(expected[mode].grenoble);
      expect(ids(regionMembers(dataset, region('munich'), options))).toEqual(expected[mode].munich);
      expect(ids(regionMembers(dataset, paris, options))).toEqual(expected[mode].FR101);
      // the Dataset's own options are what a measure family gets when it passes none
      expect(ids(regionMembers(withMembership(dataset, options), region('grenoble')))).toEqual(
        expected[mode].grenoble,
      );
    }
  });

  it('move the cluster report figures and are named in it', () => {
    const clusters = [region('grenoble'), region('munich')];
    const figures = (multiSite: MultiSiteMode) =>
      rtdLinkages(dataset, clusters, { membership: { multiSite, entities } }).map((r) => [
        r.organisations,
        r.participations,
      ]);
    // participations: Grenoble flag = leti P1 + uga P1, P3 = 3; include adds CEA's 3 and CNRS's 2
    expect(figures('flag')).toEqual([
      [2, 3],
      [2, 3],
    ]);
    expect(figures('include')).toEqual([
      [4, 8],
      [2, 3],
    ]);
    expect(figures('exclude')).toEqual([
      [2, 3],
      [1, 1],
    ]);
    const rows = rtdLinkages(dataset, clusters, { membership: { multiSite: 'flag', entities } });
    expect(rows[0].multiSite.map((x) => [x.entity, x.participations, x.registeredInside, x.counted])).toEqual(
      [
        ['cea', 3, false, false],
        ['cnrs', 2, false, false],
      ],
    );
    expect(rows[1].multiSite.map((x) => [x.entity, x.participations, x.registeredInside, x.counted])).toEqual(
      [['fraunhofer', 2, true, true]],
    );
    const text = rtdText(rows, { resolution: 'test' }, 400);
    expect(text).toContain('Multi-site legal entities:');
    expect(text).toContain(
      'Grenoble: CEA, 3 participations — registered elsewhere; main site here: Grenoble (CEA-Leti, CEA-Liten, IRIG); not counted (--multi-site flag)',
    );
    const include = multiSitePresence(dataset, region('grenoble'), { multiSite: 'include', entities });
    expect(include.every((x) => x.counted)).toBe(true);
  });

  it('the shipped list is valid; a bad list or mode is refused', () => {
    const list = loadMultiSite();
    expect(list.map((e) => e.id)).toEqual([
      'fraunhofer',
      'cea',
      'cnrs',
      'cnr',
      'inria',
      'csic',
      'mpg',
      'tno',
    ]);
    const path = join(tempDir(), 'bad.json');
    writeFileSync(
      path,
      JSON.stringify({
        entities: [
          {
            id: 'x',
            name: 'X',
            country: 'FR',
            pics: ['1'],
            registered: { locality: 'Paris', nuts: 'FR101', source: 's' },
            sites: [{ name: 'Nowhere', nuts: 'FR999', source: 's' }],
          },
        ],
      }),
    );
    expect(() => loadMultiSite(path)).toThrow(InputError);
    try {
      loadMultiSite(path);
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ column: 'entities.0.sites.0.nuts' });
    }
    expect(parseMultiSiteMode('INCLUDE')).toBe('include');
    expect(() => parseMultiSiteMode('all')).toThrow(/--multi-site must be one of flag, include, exclude/);
  });
});
