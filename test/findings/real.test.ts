/**
 * The findings on the real data: the ten study clusters on Horizon 2020 participations (CORDIS) and
 * the Crunchbase 2015 acquisitions, imported into one store the way a user would. Skipped when
 * ../shared/data is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { findRegion, regionMembers } from '../../src/dataset/regions.ts';
import { FINDINGS } from '../../src/findings/index.ts';
import type { VerdictRow } from '../../src/model/findings.ts';
import { VERDICTS } from '../../src/model/findings.ts';
import { ORGANISATION_KINDS } from '../../src/model/index.ts';
import { withRegionContext } from '../../src/regions/arguments.ts';
import { builtInRegions } from '../../src/regions/definitions.ts';
import { openStore } from '../../src/store/store.ts';
import { ROOT, runCli, SHARED_DATA, tempDir } from '../helpers.ts';

const CORDIS = join(SHARED_DATA, 'cordis');
const ACQUISITIONS = join(SHARED_DATA, 'acquisitions/crunchbase-2015-acquisitions.csv');

describe.skipIf(!existsSync(CORDIS) || !existsSync(ACQUISITIONS))(
  'the findings on the ten real clusters',
  () => {
    let db: string;
    let verdicts: VerdictRow[];
    const TEN = builtInRegions().map((r) => r.id);

    beforeAll(() => {
      db = join(tempDir(), 'real.duckdb');
      for (const args of [
        [CORDIS, '--format', 'cordis'],
        [ACQUISITIONS, '--format', 'acquisitions'],
      ]) {
        const r = runCli(['import', db, ...args, '-q']);
        expect(r.status, r.stderr).toBe(0);
      }
      const r = runCli(['check', db, '--regions', 'ten', '--json']);
      expect(r.status, r.stderr).toBe(0);
      verdicts = JSON.parse(r.stdout).verdicts;
    });

    it('gives every finding a verdict in every cluster, and names what is missing where it cannot test', () => {
      expect(verdicts).toHaveLength(10 * FINDINGS.length);
      expect([...new Set(verdicts.map((v) => v.region))]).toEqual(TEN);
      for (const v of verdicts) {
        expect(VERDICTS).toContain(v.verdict);
        if (v.verdict === 'not testable here') {
          expect(v.note).toMatch(/table|organisations\.|acquisitions\.|kind|region/);
          expect(v.effect).toBeNull();
        } else expect(v.n).toBeGreaterThan(0);
      }
      const testable = (id: string) =>
        verdicts.filter((v) => v.finding === id && v.verdict !== 'not testable here');
      // what CORDIS and the acquisition list can show: R&D ties inside and across the clusters, acquirers
      for (const id of [
        'university-collaboration-limited',
        'university-links-outside',
        'local-and-global-together',
        'local-links-common',
        'acquisitions-by-multinationals',
        'knowledge-density',
      ])
        expect(testable(id)).toHaveLength(10);
      // what they cannot: lineage, surveys, employment, moves, founding years, tie kinds
      for (const id of [
        'university-spinoff-share',
        'customers-over-knowledge-centres',
        'local-recruitment',
        'creation-resurgence',
        'local-links-vertical',
      ])
        expect(testable(id)).toHaveLength(0);
    });

    it('the numbers behind four findings equal an independent pandas recomputation', async () => {
      const store = await openStore(db, { create: false, readOnly: true });
      let input: string;
      try {
        const dataset = withRegionContext(await loadDataset(store), { multiSite: 'flag' });
        const o = dataset.organisations;
        const regions = Object.fromEntries(
          TEN.map((id) => {
            const inside = regionMembers(dataset, findRegion(dataset, id));
            return [id, o.id.filter((_, i) => inside[i] === 1)];
          }),
        );
        const kinds = Object.fromEntries(
          o.id.map((id, i) => [id, ORGANISATION_KINDS[o.kind[i]] ?? 'unknown']),
        );
        const countries = Object.fromEntries(
          o.id.map((id, i) => [id, o.country[i]]).filter(([, c]) => c !== null),
        );
        input = JSON.stringify({
          participations: join(CORDIS, 'h2020-participations.csv.gz'),
          maxProjectSize: 30,
          regions,
          kinds,
          countries,
        });
      } finally {
        store.close();
      }
      const peer = spawnSync('/usr/bin/python3', [join(ROOT, 'bench/peers/findings_reference.py')], {
        input,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      expect(peer.stderr).toBe('');
      const ref = JSON.parse(peer.stdout);
      const row = (region: string, finding: string) =>
        verdicts.find((v) => v.region === region && v.finding === finding)!;
      for (const region of TEN) {
        const r = ref[region];
        const uni = row(region, 'university-collaboration-limited');
        expect(uni.values['local SMEs'], region).toBe(r.localFirms);
        expect(uni.values['tied to a local university'], region).toBe(r.withLocalUniversity);
        expect(uni.effect!).toBeCloseTo(r.withLocalUniversity / r.localFirms, 12);
        const links = row(region, 'local-links-common');
        expect(links.values['with a tie to a local firm'], region).toBe(r.withLocalFirm);
        expect(links.n).toBe(r.localFirms);
        const outside = row(region, 'university-links-outside');
        expect(outside.n, region).toBe(r.firmsWithUniversity);
        expect(outside.values['firm–university ties'], region).toBe(r.firmUniversityPairs);
        expect(outside.values['of them inside the region'], region).toBe(r.localFirmUniversityPairs);
        const together = row(region, 'local-and-global-together');
        expect(together.n, region).toBe(r.firmsWithScopedTie);
        if (r.rho === null) expect(together.effect).toBeNull();
        else expect(together.effect!, region).toBeCloseTo(r.rho, 10);
      }
    });
  },
);
