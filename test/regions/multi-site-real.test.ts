import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { findRegion, type MultiSiteMode, regionMembers, withMembership } from '../../src/dataset/regions.ts';
import { parseCordis } from '../../src/io/cordis/index.ts';
import {
  builtInRegions,
  findStudyRegion,
  toRegionDefinition,
  withStudyRegions,
} from '../../src/regions/definitions.ts';
import { loadMultiSite, matchMultiSite } from '../../src/regions/multi-site.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';
import { SHARED_DATA } from '../helpers.ts';

const CORDIS = join(SHARED_DATA, 'cordis');

// One in-memory build of the H2020 data (no resolution step: organisations are placed by their
// city name and country), shared by both tests.
describe.skipIf(!existsSync(CORDIS))('region membership on the real H2020 data', () => {
  const dataset = existsSync(CORDIS)
    ? withStudyRegions(buildDataset(parseCordis(CORDIS).tables), builtInRegions())
    : null!;

  it('Cambridge has the same members through the measure path and the rtd path, none of them American', () => {
    const measurePath = regionMembers(dataset, findRegion(dataset, 'cambridge'));
    const rtdPath = regionMembers(
      dataset,
      toRegionDefinition(findStudyRegion(builtInRegions(), 'cambridge')),
    );
    expect([...measurePath]).toEqual([...rtdPath]);
    const o = dataset.organisations;
    const count = measurePath.reduce((s, x) => s + x, 0);
    expect(count).toBeGreaterThan(50);
    expect(count).toBe(rtdLinkages(dataset, [findRegion(dataset, 'cambridge')])[0].organisations);
    const countries = new Set(o.country.filter((_, i) => measurePath[i] === 1));
    expect([...countries].filter((c) => c !== 'UK')).toEqual([]);
    // the namesakes exist in the data: organisations in a Cambridge outside the UK
    const foreign = o.id.filter(
      (_, i) =>
        o.locality[i]?.toUpperCase() === 'CAMBRIDGE' && o.country[i] !== null && o.country[i] !== 'UK',
    );
    expect(foreign.length).toBeGreaterThan(0);
  });

  it('multi-site entities move Grenoble and Munich as their participations say', () => {
    const entities = matchMultiSite(dataset, loadMultiSite());
    const byId = new Map(entities.map((e) => [e.id, e]));
    const p = dataset.participations;
    const participationsOf = (id: string) => {
      const orgs = new Set(byId.get(id)!.organisations);
      let n = 0;
      for (let j = 0; j < p.count; j++) if (orgs.has(p.organisation[j])) n++;
      return n;
    };
    // the figures of the issue, counted straight from the participations
    expect(participationsOf('fraunhofer')).toBe(995);
    expect(participationsOf('cea')).toBe(687);
    expect(participationsOf('cnrs')).toBe(1372);
    expect(participationsOf('cnr')).toBe(642);
    const clusters = ['grenoble', 'munich'].map((id) => findRegion(dataset, id));
    const figures = Object.fromEntries(
      (['flag', 'include', 'exclude'] as MultiSiteMode[]).map((multiSite) => [
        multiSite,
        rtdLinkages(withMembership(dataset, { multiSite, entities }), clusters).map((r) => ({
          organisations: r.organisations,
          participations: r.participations,
        })),
      ]),
    );
    const [g, m] = [0, 1];
    // Grenoble: CEA, CNRS and Inria list a main site there and are registered elsewhere
    expect(figures.include[g].organisations - figures.flag[g].organisations).toBe(3);
    expect(figures.include[g].participations - figures.flag[g].participations).toBe(
      participationsOf('cea') + participationsOf('cnrs') + participationsOf('inria'),
    );
    expect(figures.exclude[g]).toEqual(figures.flag[g]);
    // Munich: Fraunhofer and the Max Planck Society are registered there (counted under flag)
    expect(figures.include[m]).toEqual(figures.flag[m]);
    expect(figures.flag[m].participations - figures.exclude[m].participations).toBe(
      participationsOf('fraunhofer') + participationsOf('mpg'),
    );
  });
});
