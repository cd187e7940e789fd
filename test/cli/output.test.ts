import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { comparisonCsv, comparisonText, learningWarnings, reportsText } from '../../src/cli/report-output.ts';
import { buildDataset } from '../../src/dataset/build.ts';
import { COMPARE_SAMPLING, compareRegions } from '../../src/measures/index.ts';
import { EXAMPLE, ROOT, runCli, tempDir } from '../helpers.ts';

/** Runs the CLI in this process with COLUMNS set; returns what it printed. */
async function run(
  args: string[],
  columns: number,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env.COLUMNS;
  process.env.COLUMNS = String(columns);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
  try {
    const status = await main(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    if (saved === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved;
  }
}

const longest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));

describe('text output fits the width', () => {
  const work = tempDir();
  const fen = join(work, 'fen.duckdb');
  const cordis = join(work, 'cordis.duckdb');
  const deals = join(work, 'deals.duckdb');
  const nuts = join(work, 'nuts.geojson');
  beforeAll(async () => {
    expect((await run(['import', fen, EXAMPLE, '-q'], 100)).status).toBe(0);
    const fixture = join(ROOT, 'test/fixtures/cordis-official');
    expect((await run(['import', cordis, fixture, '--format', 'cordis', '-q'], 100)).status).toBe(0);
    const acq = join(ROOT, 'test/fixtures/acquisitions/crunchbase-sample.csv');
    expect((await run(['import', deals, acq, '--format', 'acquisitions', '-q'], 100)).status).toBe(0);
    // one NUTS-3 square around Grenoble (FRK24), enough for resolve to print its tables
    const square = [
      [5, 45],
      [6.5, 45],
      [6.5, 45.5],
      [5, 45.5],
      [5, 45],
    ];
    writeFileSync(
      nuts,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { NUTS_ID: 'FRK24', LEVL_CODE: 3, CNTR_CODE: 'FR', NAME_LATN: 'Isère' },
            geometry: { type: 'Polygon', coordinates: [square] },
          },
        ],
      }),
    );
  });

  const commands = (): string[][] => [
    ['--help'],
    ['rtd', '--help'],
    ['import', '--help'],
    ['regions', 'show', '--help'],
    ['demo', '--fenland'],
    ['demo', '--help'],
    ['report', '--help'],
    ['info', fen],
    ['network', fen],
    ['measure', fen, '--region', 'fenland', '-q'],
    ['compare', fen, '--regions', 'fenland,UKH1', '-q'],
    ['regions', 'list'],
    ['regions', 'show', 'randstad'],
    ['rtd', cordis],
    ['acquisitions', deals],
    ['resolve', cordis, '--nuts', nuts, '--dry-run', '-q'],
    ['validate', EXAMPLE],
  ];

  for (const columns of [100, 60]) {
    it(`every command at ${columns} columns`, async () => {
      for (const args of commands()) {
        const r = await run(args, columns);
        expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
        expect(r.stdout.length, args.join(' ')).toBeGreaterThan(0);
        expect(longest(r.stdout), `${args.join(' ')}\n${r.stdout}`).toBeLessThanOrEqual(columns);
        expect(longest(r.stderr), `${args.join(' ')}\n${r.stderr}`).toBeLessThanOrEqual(columns);
      }
    });
  }

  afterAll(() => {});
});

describe('compare', () => {
  // Two regions: A (NUTS DE21: a university, two SMEs) with a spin-off and a tie, B (FR10: three SMEs)
  // with two ties. Local ties per firm: A 1/2, B 2/3; spin-offs per 100 firms: A 50, B 0; no moves.
  const dataset = buildDataset({
    organisations: {
      rowCount: 6,
      columns: {
        id: ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'],
        kind: ['university', 'sme', 'sme', 'sme', 'sme', 'sme'],
        nuts: ['DE212', 'DE212', 'DE212', 'FR101', 'FR101', 'FR101'],
        country: ['DE', 'DE', 'DE', 'FR', 'FR', 'FR'],
        founded: [1950, 1990, 1995, 1990, 1992, 1993],
      },
    },
    ties: {
      rowCount: 3,
      columns: {
        source: ['a1', 'b1', 'b2'],
        target: ['a2', 'b2', 'b3'],
        kind: ['collaboration', 'collaboration', 'collaboration'],
      },
    },
    spinoffs: { rowCount: 1, columns: { child: ['a2'], parent: ['a1'], year: [1990] } },
  });

  it('runs one progress bar with a true total, forward to its end', () => {
    const calls: [string, number, number][] = [];
    compareRegions(dataset, ['DE21', 'FR10'], {}, { onProgress: (p, d, t) => calls.push([p, d, t]) });
    // nine families for each of two regions, and the learning index: 19 steps
    expect(new Set(calls.map((c) => `${c[0]}/${c[2]}`))).toEqual(new Set(['compare/19']));
    for (let i = 1; i < calls.length; i++) expect(calls[i][1]).toBeGreaterThanOrEqual(calls[i - 1][1]);
    expect(calls.at(-1)?.[1]).toBe(19);
  });

  it('says why a cell is empty, and warns about an index on two regions or missing parts', () => {
    const c = compareRegions(dataset, ['DE21', 'FR10']);
    const text = comparisonText(c, 100);
    expect(text).toMatch(/– \[\d+\]/);
    const reasons = text.slice(text.indexOf('not available:'));
    // every marker in the table has its reason listed under it
    for (const m of text.matchAll(/– \[(\d+)\]/g)) expect(reasons).toContain(`  [${m[1]}] `);
    const warnings = learningWarnings(c);
    // no moves in the dataset: the index rests on spin-offs and networking only
    expect(warnings).toContain(
      'the collective learning index of DE21, FR10 rests on 2 of its 3 parts (no z-score for mobility)',
    );
    // a reason that differs only by the region's id is one footnote
    expect(c.rows.some((r) => r.notes.some((n) => n?.includes('region DE21')))).toBe(true);
    expect(text).not.toContain('region DE21');
    expect(warnings.some((w) => w.startsWith('the networking z-scores compare only two regions'))).toBe(true);
  });
});

describe('compare: sampled figures and their standard errors', () => {
  // Two rings of 30 organisations (DE212, FR101), each tied to 2 neighbours a side, and one tie
  // across: every network figure is defined, and a betweenness budget of 1 forces pivots.
  const ids = Array.from({ length: 60 }, (_, i) => `o${i}`);
  const source: string[] = [];
  const target: string[] = [];
  for (let i = 0; i < 60; i++) {
    const base = i < 30 ? 0 : 30;
    for (const d of [1, 2]) {
      source.push(ids[i]);
      target.push(ids[base + ((i - base + d) % 30)]);
    }
  }
  source.push('o0');
  target.push('o30');
  const rings = buildDataset({
    organisations: {
      rowCount: 60,
      columns: {
        id: ids,
        kind: ids.map(() => 'sme'),
        nuts: ids.map((_, i) => (i < 30 ? 'DE212' : 'FR101')),
        country: ids.map((_, i) => (i < 30 ? 'DE' : 'FR')),
      },
    },
    ties: { rowCount: source.length, columns: { source, target, kind: source.map(() => 'collaboration') } },
  });
  const c = compareRegions(
    rings,
    ['DE21', 'FR10'],
    {},
    {
      network: { betweennessBudget: 1, randomGraphs: 3, permutations: 20 },
    },
  );
  const row = (name: string) => c.rows.find((r) => r.name === name)!;

  it('every sampled figure comes with its standard error, the others without', () => {
    for (const name of [
      'network.betweennessCentralization',
      'network.smallWorldSigma',
      'network.gatekeepingZ',
    ]) {
      const r = row(name);
      expect(r.standardErrors, name).toHaveLength(2);
      for (const [k, se] of r.standardErrors!.entries()) {
        expect(r.values[k], name).not.toBeNull();
        expect(se, name).toBeGreaterThan(0);
      }
    }
    expect(row('network.density').standardErrors).toBeUndefined();
    expect(c.notes.some((n) => n.startsWith('Sampled network figures'))).toBe(true);
  });

  it('prints each error on the line under its figure, and as a row of the CSV', () => {
    const lines = comparisonText(c, 120).split('\n');
    const k = lines.findIndex((l) => l.startsWith('network.smallWorldSigma'));
    expect(lines[k + 1]).toMatch(/^ {2}± standard error/);
    const csv = comparisonCsv(c).split('\n');
    const e = row('network.gatekeepingZ').standardErrors!;
    expect(csv).toContain(`network.gatekeepingZ.standardError,z-score,${e[0]},${e[1]}`);
  });

  it('compare samples more coarsely than measure by default, and says so', () => {
    expect(COMPARE_SAMPLING).toEqual({ betweennessBudget: 5_000_000, randomGraphs: 4, permutations: 40 });
    const defaults = compareRegions(rings, ['DE21', 'FR10']);
    expect(defaults.notes.join(' ')).toMatch(/over 4 random graphs .* over 40 permutations/);
    // the ring's 30 × 61 is within the budget: exact betweenness, no error
    expect(
      defaults.rows.find((r) => r.name === 'network.betweennessCentralization')!.standardErrors,
    ).toBeUndefined();
  });
});

describe('standard input', () => {
  it('- imports a JSON document from stdin', () => {
    const work = tempDir();
    const json = join(work, 'fen.json');
    expect(runCli(['export', join(work, 'missing.duckdb'), json, '--format', 'json']).status).toBe(2);
    const db = join(work, 'fen.duckdb');
    expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
    expect(runCli(['export', db, json, '--format', 'json', '-q']).status).toBe(0);
    const copy = join(work, 'copy.duckdb');
    const r = runCli(['import', copy, '-', '--format', 'json', '-q'], { input: json });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^import #1: regions 1, organisations 18,/);
    // a package is a folder: stdin cannot hold one
    expect(runCli(['import', copy, '-'], { input: json }).stderr).toMatch(/'-' reads standard input/);
  });
});

describe('measure tables as text', () => {
  it('show 0–1 share columns as percentages under a % header, one precision per column', () => {
    const text = reportsText([
      {
        family: 'sectors',
        indicators: [],
        tables: [
          {
            measure: 'sectors.divisionShares',
            description: 'Shares of NACE divisions.',
            columns: ['division', 'firms', 'share'],
            rows: [
              ['26', 1200, 0.75],
              ['62', 400, 0.25],
            ],
          },
        ],
      },
    ]);
    expect(text.split('\n').slice(3)).toEqual([
      'division  firms  share %',
      '--------  -----  -------',
      '26        1,200     75.0',
      '62          400     25.0',
    ]);
  });
});
