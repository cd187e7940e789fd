/**
 * The benchmark's peers (bench/peers/reduced-model.md) must run the same model as Milieu's
 * simulator with only founding, hiring and partnering on, or the speed ratios bench/sim.ts prints
 * compare unlike things. Each implementation has its own random generator and activation order,
 * so the check is statistical: over 15 years, the mean spin-offs, ties formed, moves and people at
 * the end of each peer (4 seeds) lie within 10% of Milieu's mean (16 seeds). The seed-to-seed
 * spread of a count is 1–7% (moves the most), so the means differ by about 2–4% when the rules are
 * the same; a rule left out falls outside (without graduates, for instance, the Python version's
 * moves fall by more than half).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PeerOutcome, runFlocc } from '../../bench/peers/reduced-flocc.ts';
import { PROCESS_NAMES, parseScenario, run, streamFor } from '../../src/sim/index.ts';
import { setup } from '../../src/sim/setup.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FROM = 1971;
const TO = 1985;
const reduced = parseScenario({
  region: 'cambridge',
  years: { from: FROM, to: TO },
  initial: {
    university: { count: 2, size: 1000 },
    'research-institute': { count: 4, size: 250 },
    'large-firm': { count: 10, size: 300 },
    sme: { count: 900, size: 4 },
    'mnc-rd-lab': { count: 4, size: 50 },
  },
  outsidePartners: { count: 200, national: 0.4, international: 0.45, global: 0.15 },
  parameters: { deNovoPerYear: 0 },
});
const off = PROCESS_NAMES.filter((n) => !['founding', 'hiring', 'partnering'].includes(n));

type Counts = Omit<PeerOutcome, 'personSteps'>;
const KEYS = ['spinoffs', 'ties', 'moves', 'peopleAtEnd'] as const;

function milieu(seed: number): Counts {
  const { state } = setup(reduced, streamFor(seed, 'setup'));
  run(state, reduced, seed, { off });
  let peopleAtEnd = 0;
  for (let i = 0; i < state.personCount; i++) if (state.personEmployer[i] !== -2) peopleAtEnd++;
  return { spinoffs: state.spinoffs.count, ties: state.tieCount, moves: state.moves.count, peopleAtEnd };
}

function python(seed: number): Counts {
  const p = spawnSync(
    '/usr/bin/python3',
    [join(ROOT, 'bench/peers/reduced_mesa_style.py'), String(seed), String(FROM), String(TO)],
    { encoding: 'utf8' },
  );
  expect(p.status, p.stderr).toBe(0);
  const o = JSON.parse(p.stdout);
  return { spinoffs: o.spinoffs, ties: o.ties, moves: o.moves, peopleAtEnd: o.people_at_end };
}

function mean(runs: Counts[]): Counts {
  const m = { spinoffs: 0, ties: 0, moves: 0, peopleAtEnd: 0 };
  for (const r of runs) for (const k of KEYS) m[k] += r[k] / runs.length;
  return m;
}

describe('the reduced model of the benchmark is the same model in all three implementations', () => {
  const reference = mean(Array.from({ length: 16 }, (_, k) => milieu(k + 1)));

  it('Milieu does the expected amount of work (so the comparison below is not vacuous)', () => {
    expect(reference.spinoffs).toBeGreaterThan(300);
    expect(reference.ties).toBeGreaterThan(3000);
    expect(reference.moves).toBeGreaterThan(3000);
  });

  it('the Mesa-style Python version: every count within 10% of Milieu', () => {
    const peer = mean([1, 2, 3, 4].map(python));
    for (const k of KEYS) expect(Math.abs(peer[k] / reference[k] - 1), k).toBeLessThan(0.1);
  });

  it('the flocc version: every count within 10% of Milieu', () => {
    const peer = mean([1, 2, 3, 4].map((seed) => runFlocc(seed, FROM, TO)));
    for (const k of KEYS) expect(Math.abs(peer[k] / reference[k] - 1), k).toBeLessThan(0.1);
  });
});
