import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { EUROPEAN_COUNTRIES, regionMembers } from '../../src/dataset/regions.ts';
import { parseCordis } from '../../src/io/cordis/index.ts';
import { builtInRegions, toRegionDefinition } from '../../src/regions/definitions.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';
import { ROOT, SHARED_DATA } from '../helpers.ts';

const CORDIS = join(SHARED_DATA, 'cordis');

describe.skipIf(!existsSync(CORDIS))('R&D linkages on the real H2020 data', () => {
  it("Munich's tie-scope shares equal an independent pandas recomputation", () => {
    const dataset = buildDataset(parseCordis(CORDIS).tables);
    // Munich by its locality names only (no resolution step), the same membership for both sides
    const munich = toRegionDefinition(builtInRegions().find((r) => r.id === 'munich')!);
    // every project, as the pandas peer counts them (rtd leaves out projects above 30 by default)
    const [ours] = rtdLinkages(dataset, [munich], { maxProjectSize: Number.POSITIVE_INFINITY });
    const inside = regionMembers(dataset, munich);
    const o = dataset.organisations;
    const members = o.id.filter((_, i) => inside[i] === 1);
    expect(members.length).toBe(ours.organisations);
    expect(members.length).toBeGreaterThan(50);
    const countries = Object.fromEntries(
      o.id.map((id, i) => [id, o.country[i]]).filter(([, c]) => c !== null),
    );
    const peer = spawnSync('/usr/bin/python3', [join(ROOT, 'bench/peers/rtd_scope.py')], {
      input: JSON.stringify({
        participations: join(CORDIS, 'h2020-participations.csv.gz'),
        members,
        countries,
        european: [...EUROPEAN_COUNTRIES],
      }),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(peer.stderr).toBe('');
    const c = JSON.parse(peer.stdout);
    const known = c.intra + c.national + c.european + c.outside;
    expect(ours.ties).toBe(known + c.unknown);
    expect(ours.unknownScope).toBe(c.unknown);
    expect(ours.scopeShares!.intraCluster).toBeCloseTo(c.intra / known, 12);
    expect(ours.scopeShares!.national).toBeCloseTo(c.national / known, 12);
    expect(ours.scopeShares!.otherEuropean).toBeCloseTo(c.european / known, 12);
    expect(ours.scopeShares!.outsideEurope).toBeCloseTo(c.outside / known, 12);
  });
});
