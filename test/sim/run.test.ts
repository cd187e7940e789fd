/**
 * Whole runs: invariants after long runs on several seeds, byte-identical output for a seed, separate
 * random streams per process, and two sensitivity checks over several seeds with stated tolerances.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  eventLog,
  loadScenario,
  PROCESS_NAMES,
  type ProcessName,
  parseScenario,
  type Scenario,
  simulate,
  streamFor,
} from '../../src/sim/index.ts';
import {
  EV_ARRIVE,
  EV_EXIT,
  EV_FOUND,
  EV_HIRE,
  EV_LEAVE,
  EV_MOVE,
  EV_TIE,
  EV_TIE_END,
} from '../../src/sim/state.ts';
import { ROOT } from '../helpers.ts';

const baseline = loadScenario(join(ROOT, 'examples/scenarios/baseline.json'));
const policyMix = loadScenario(join(ROOT, 'examples/scenarios/policy-mix.json'));
/** Three seeds of the baseline and two of the policy mix (every lever but two acting). */
const RUNS: [string, Scenario, number][] = [
  ['baseline', baseline, 1],
  ['baseline', baseline, 2],
  ['baseline', baseline, 3],
  ['policy mix', policyMix, 1],
  ['policy mix', policyMix, 2],
];

describe('invariants after 31-year runs (five runs)', () => {
  for (const [label, scenario, seed] of RUNS) {
    const run = simulate(scenario, { seed });
    const s = run.state;
    const raw = run.raw;
    const id = (o: number) => `${run.manifest.runId}-o${o}`;
    const col = (t: keyof typeof raw, c: string) => raw[t]?.columns[c] ?? [];
    const orgRow = new Map(col('organisations', 'id').map((v, i) => [v as string, i]));
    const founded = (o: string) => col('organisations', 'founded')[orgRow.get(o) as number] as number;
    const closed = (o: string) => col('organisations', 'closed')[orgRow.get(o) as number] as number | null;

    it(`${label}, seed ${seed}: replaying the event log, nobody is ever employed twice and employment sums equal the people employed`, () => {
      const employer = new Int32Array(s.personCount).fill(-1);
      const heads = new Int32Array(s.orgCount);
      const ev = s.events;
      let e = 0;
      const byYear = new Map<number, number>();
      for (let r = 0; r < col('employment', 'year').length; r++) {
        const y = col('employment', 'year')[r] as number;
        byYear.set(y, (byYear.get(y) ?? 0) + (col('employment', 'employees')[r] as number));
      }
      for (let year = baseline.years.from - 1; year <= baseline.years.to; year++) {
        for (; e < ev.count && ev.get(0, e) === year; e++) {
          const [kind, person, org, other] = [ev.get(1, e), ev.get(2, e), ev.get(3, e), ev.get(4, e)];
          // tie events hold the tie, not a person, in the person slot
          if (person < 0 || kind === EV_EXIT || kind === EV_TIE || kind === EV_TIE_END) continue;
          if (kind === EV_LEAVE) {
            expect(employer[person]).toBe(org);
            heads[org]--;
            employer[person] = -1;
          } else if (kind === EV_HIRE || kind === EV_MOVE || kind === EV_FOUND || kind === EV_ARRIVE) {
            // a move leaves the former employer; a hire and a de novo founding start from no employer
            if (kind === EV_MOVE) expect(employer[person]).toBe(other);
            else if (kind === EV_HIRE || kind === EV_ARRIVE || other < 0) expect(employer[person]).toBe(-1);
            else expect(employer[person]).toBe(other); // a spin-off founder leaves the parent
            if (employer[person] >= 0) heads[employer[person]]--;
            employer[person] = org;
            heads[org]++;
          }
        }
        if (year < baseline.years.from) continue;
        let employed = 0;
        for (let i = 0; i < s.personCount; i++) if (employer[i] >= 0) employed++;
        expect(byYear.get(year)).toBe(employed);
      }
      for (let o = 0; o < s.orgCount; o++) expect(heads[o]).toBe(s.orgSize[o]);
    });

    it(`${label}, seed ${seed}: every spin-off's parent existed and was open when the child was founded that year`, () => {
      const n = raw.spinoffs?.rowCount ?? 0;
      expect(n).toBeGreaterThan(20);
      for (let r = 0; r < n; r++) {
        const child = col('spinoffs', 'child')[r] as string;
        const parent = col('spinoffs', 'parent')[r] as string;
        const year = col('spinoffs', 'year')[r] as number;
        expect(founded(child)).toBe(year);
        expect(founded(parent)).toBeLessThanOrEqual(year);
        const c = closed(parent);
        if (c !== null) expect(c).toBeGreaterThanOrEqual(year);
      }
    });

    it(`${label}, seed ${seed}: no negative sizes; both ends of every tie exist and are open when it starts`, () => {
      for (const v of col('employment', 'employees')) expect(v as number).toBeGreaterThanOrEqual(0);
      for (let o = 0; o < s.orgCount; o++) expect(s.orgSize[o]).toBeGreaterThanOrEqual(0);
      const n = raw.ties?.rowCount ?? 0;
      expect(n).toBeGreaterThan(100);
      for (let t = 0; t < n; t++) {
        const start = col('ties', 'start')[t] as number;
        for (const end of [col('ties', 'source')[t], col('ties', 'target')[t]] as string[]) {
          expect(orgRow.has(end)).toBe(true);
          expect(founded(end)).toBeLessThanOrEqual(start);
          const c = closed(end);
          if (c !== null) expect(c).toBeGreaterThanOrEqual(start);
        }
      }
      expect(id(0)).toBe(col('organisations', 'id')[0]);
    });

    it(`${label}, seed ${seed}: every participation's organisation is alive throughout its project`, () => {
      const projectRow = new Map(col('projects', 'id').map((v, i) => [v as string, i]));
      const n = raw.participations?.rowCount ?? 0;
      expect(n).toBeGreaterThan(100);
      for (let r = 0; r < n; r++) {
        const p = projectRow.get(col('participations', 'project')[r] as string) as number;
        const start = Number((col('projects', 'start')[p] as string).slice(0, 4));
        const end = Number((col('projects', 'end')[p] as string).slice(0, 4));
        expect(start).toBeLessThanOrEqual(end);
        const o = col('participations', 'organisation')[r] as string;
        expect(founded(o)).toBeLessThanOrEqual(start);
        const c = closed(o);
        if (c !== null) expect(c).toBeGreaterThanOrEqual(end);
      }
    });
  }
});

describe('reproducibility', () => {
  const years = { from: 1975, to: 1990 };
  const draws = (scenario: Scenario, off: ProcessName[]) => {
    const out = Object.fromEntries(PROCESS_NAMES.map((p) => [p, [] as number[]])) as Record<
      ProcessName,
      number[]
    >;
    const run = simulate(scenario, { seed: 4, years, off, onDraw: (p, v) => out[p].push(v) });
    return { out, run };
  };
  /** The k-th number each other process draws is the same with and without `process`. */
  function sameStreams(scenario: Scenario, process: ProcessName) {
    const all = draws(scenario, []);
    const without = draws(scenario, [process]);
    expect(all.out[process].length).toBeGreaterThan(0);
    expect(without.out[process]).toEqual([]);
    for (const p of PROCESS_NAMES) {
      if (p === process) continue;
      const [x, y] = [all.out[p], without.out[p]];
      const n = Math.min(x.length, y.length);
      expect(n).toBeGreaterThan(100);
      expect(y.slice(0, n)).toEqual(x.slice(0, n));
    }
    return { all: all.run, without: without.run };
  }

  it('the same scenario and seed give byte-identical tables; another seed gives different ones', () => {
    const a = JSON.stringify(simulate(baseline, { seed: 11, years }).raw);
    const b = JSON.stringify(simulate(baseline, { seed: 11, years }).raw);
    const c = JSON.stringify(simulate(baseline, { seed: 12, years }).raw);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('hash: false leaves the tables and the Dataset as they are and only drops the output hash', () => {
    const hashed = simulate(policyMix, { seed: 7, years });
    const plain = simulate(policyMix, { seed: 7, years, hash: false });
    expect(plain.manifest.outputHash).toBeNull();
    // the documented hash: SHA-256 of the tables as JSON
    expect(hashed.manifest.outputHash).toBe(
      createHash('sha256').update(JSON.stringify(hashed.raw)).digest('hex'),
    );
    expect(JSON.stringify(plain.raw)).toBe(JSON.stringify(hashed.raw));
    expect(plain.dataset.organisations.id).toEqual(hashed.dataset.organisations.id);
    expect(plain.dataset.ties.count).toBe(hashed.dataset.ties.count);
  });

  it('the policy mix with the same seed gives byte-identical tables and event logs', () => {
    const [a, b] = [simulate(policyMix, { seed: 7, years }), simulate(policyMix, { seed: 7, years })];
    expect(JSON.stringify(a.raw)).toBe(JSON.stringify(b.raw));
    expect(eventLog(a, policyMix)).toBe(eventLog(b, policyMix));
    expect(a.manifest.outputHash).toBe(b.manifest.outputHash);
  });

  it('every number a process draws comes from its own stream, the one seeded with its name, from the first number on', () => {
    const running: ProcessName[] = [];
    const drawn = Object.fromEntries(PROCESS_NAMES.map((p) => [p, [] as number[]])) as Record<
      ProcessName,
      number[]
    >;
    const foreign: string[] = [];
    simulate(policyMix, {
      seed: 4,
      years,
      onProcess: (p) => running.push(p),
      onDraw: (stream, v) => {
        const now = running[running.length - 1];
        if (now !== stream) foreign.push(`${now} drew from ${stream}`);
        drawn[stream].push(v);
      },
    });
    expect(foreign.slice(0, 5)).toEqual([]);
    for (const p of PROCESS_NAMES) {
      // learning, growth, exits and sourcing included: each draws, and only its own numbers
      expect(drawn[p].length, p).toBeGreaterThan(100);
      const own = streamFor(4, p);
      expect(
        drawn[p].every((v) => v === own()),
        p,
      ).toBe(true);
    }
    expect(PROCESS_NAMES).toEqual(expect.arrayContaining(['learning', 'growth', 'exits', 'sourcing']));
  });

  // Every process but policy and acquisition (below) and growth: without growth no firm's performance
  // moves from 1, none passes the acquisition threshold, and acquisition draws nothing at all.
  for (const process of [
    'migration',
    'founding',
    'hiring',
    'partnering',
    'sourcing',
    'projects',
    'innovation',
    'learning',
    'exits',
  ] as const)
    it(`switching ${process} off leaves the numbers every other process draws unchanged`, () => {
      const { all, without } = sameStreams(policyMix, process);
      // …while the outcomes differ through the shared state
      expect(JSON.stringify(without.raw.organisations)).not.toBe(JSON.stringify(all.raw.organisations));
      if (process === 'exits') {
        expect(all.raw.organisations?.columns.closed.some((c) => c !== null)).toBe(true);
        expect(without.raw.organisations?.columns.closed.every((c) => c === null)).toBe(true);
      }
    });

  it('switching acquisitions off leaves the numbers every other process draws unchanged', () => {
    const { all, without } = sameStreams(policyMix, 'acquisition');
    expect(all.raw.acquisitions?.rowCount).toBeGreaterThan(0);
    // …while the outcomes differ through the shared state
    expect(JSON.stringify(without.raw.ties)).not.toBe(JSON.stringify(all.raw.ties));
  });

  it('switching policy off leaves the numbers every other process draws unchanged, and no initiatives', () => {
    const { all, without } = sameStreams(policyMix, 'policy');
    expect(all.raw.initiatives?.columns).toMatchObject({
      region: new Array(4).fill(all.manifest.runId),
      level: ['local', 'regional', 'local', 'regional'],
      instrument: [
        'science park',
        'spin-off support (premises, finance, marketing advice)',
        'university liaison office, sme-tailored',
        'regional collective initiative (cluster association)',
      ],
      start: [1973, 1980, 1985, 1990],
      end: [null, null, null, 1995],
    });
    expect(all.raw.initiatives?.columns.name[2]).toBe(
      'Cambridge liaison office for small firms, 600000 EUR/year',
    );
    expect(without.raw.initiatives?.rowCount).toBe(0);
    // nothing acts: no science park
    const kinds = (r: typeof all) => r.raw.organisations?.columns.kind ?? [];
    expect(kinds(all).filter((k) => k === 'science-park')).toHaveLength(1);
    expect(kinds(without).filter((k) => k === 'science-park')).toHaveLength(0);
  });
});

describe('sensitivity (five seeds each, common random numbers)', () => {
  const seeds = [21, 22, 23, 24, 25];
  const years = { from: 1975, to: 1995 };
  const withParams = (p: Partial<Scenario['parameters']>): Scenario => ({
    ...baseline,
    parameters: { ...baseline.parameters, ...p },
  });

  function universityShare(scenario: Scenario, seed: number): number {
    const raw = simulate(scenario, { seed, years }).raw;
    const kinds = new Map(
      raw.organisations?.columns.id.map((id, i) => [id, raw.organisations?.columns.kind[i]]),
    );
    const parents = raw.spinoffs?.columns.parent ?? [];
    return parents.filter((p) => kinds.get(p as string) === 'university').length / parents.length;
  }

  it('a tenfold university spin-off rate raises the university share of spin-offs by at least 0.2 on average, and in every seed', () => {
    let diff = 0;
    for (const seed of seeds) {
      const low = universityShare(withParams({ spinoffRateUniversity: 0.002 }), seed);
      const high = universityShare(withParams({ spinoffRateUniversity: 0.02 }), seed);
      expect(high).toBeGreaterThan(low);
      diff += (high - low) / seeds.length;
    }
    expect(diff).toBeGreaterThan(0.2);
  });

  it('a recession (demand 0.5 in 1985–1989) lowers the births of those years by at least 25% on average', () => {
    const births = (scenario: Scenario, seed: number) => {
      const raw = simulate(scenario, { seed, years }).raw;
      return (raw.organisations?.columns.founded ?? []).filter(
        (y) => (y as number) >= 1985 && (y as number) <= 1989,
      ).length;
    };
    const normal = { ...baseline, demand: [] };
    const recession = { ...baseline, demand: [{ from: 1985, to: 1989, level: 0.5 }] };
    let a = 0;
    let b = 0;
    for (const seed of seeds) {
      a += births(normal, seed);
      b += births(recession, seed);
    }
    expect(b).toBeLessThan(0.75 * a);
  });

  it('halving the outside search share (0.4 → 0.2) raises the share of ties with both ends local by at least 0.1 on average', () => {
    const localShare = (scenario: Scenario, seed: number) => {
      const raw = simulate(scenario, { seed, years }).raw;
      const orgs = raw.organisations?.columns;
      const country = new Map(orgs?.id.map((id, i) => [id, orgs?.nuts[i]]));
      const local = (o: unknown) => country.get(o as string) === 'UKH12';
      const src = raw.ties?.columns.source ?? [];
      const tgt = raw.ties?.columns.target ?? [];
      return src.filter((s, t) => local(s) && local(tgt[t])).length / src.length;
    };
    let diff = 0;
    for (const seed of seeds) {
      const outward = localShare(withParams({ externalSearchShare: 0.4 }), seed);
      const inward = localShare(withParams({ externalSearchShare: 0.2 }), seed);
      diff += (inward - outward) / seeds.length;
    }
    expect(diff).toBeGreaterThan(0.1);
  });
  // Policy levers against the same scenario without them, seed by seed (common random numbers).
  const baselineJson = JSON.parse(readFileSync(join(ROOT, 'examples/scenarios/baseline.json'), 'utf8'));
  const withPolicy = (policy: object[]) => parseScenario({ ...baselineJson, policy });
  const none = withPolicy([]);
  const runOf = (scenario: Scenario, seed: number) => simulate(scenario, { seed, years }).raw;
  const orgKinds = (raw: ReturnType<typeof runOf>) =>
    new Map(raw.organisations?.columns.id.map((id, i) => [id, raw.organisations?.columns.kind[i] as string]));
  const tiesBetween = (
    raw: ReturnType<typeof runOf>,
    a: (k: string) => boolean,
    b: (k: string) => boolean,
  ) => {
    const kind = orgKinds(raw);
    const src = raw.ties?.columns.source ?? [];
    const tgt = raw.ties?.columns.target ?? [];
    return src.filter((s, t) => {
      const [x, y] = [kind.get(s as string) as string, kind.get(tgt[t] as string) as string];
      return (a(x) && b(y)) || (b(x) && a(y));
    }).length;
  };
  const isFirmKind = (k: string) => ['sme', 'large-firm', 'mnc-subsidiary', 'mnc-rd-lab'].includes(k);
  const isUniversity = (k: string) => k === 'university';

  it('a collective initiative (intensity 2 from 1975) raises the share of ties with both ends local by at least 0.1 on average, and in every seed', () => {
    const collective = withPolicy([{ lever: 'collective-initiative', from: 1975, intensity: 2 }]);
    const localShare = (raw: ReturnType<typeof runOf>) => {
      const orgs = raw.organisations?.columns;
      const nuts = new Map(orgs?.id.map((id, i) => [id, orgs?.nuts[i]]));
      const local = (o: unknown) => nuts.get(o as string) === 'UKH12';
      const src = raw.ties?.columns.source ?? [];
      const tgt = raw.ties?.columns.target ?? [];
      return src.filter((s, t) => local(s) && local(tgt[t])).length / src.length;
    };
    let diff = 0;
    for (const seed of seeds) {
      const [off, on] = [localShare(runOf(none, seed)), localShare(runOf(collective, seed))];
      expect(on).toBeGreaterThan(off);
      diff += (on - off) / seeds.length;
    }
    expect(diff).toBeGreaterThan(0.1);
  });

  it('an SME-tailored liaison office raises firm–university ties by at least half on average and in every seed, and SME–university ties more than a generalist office', () => {
    const tailored = withPolicy([{ lever: 'university-liaison', from: 1975, style: 'sme-tailored' }]);
    const generalist = withPolicy([{ lever: 'university-liaison', from: 1975, style: 'generalist' }]);
    let [off, on] = [0, 0];
    for (const seed of seeds) {
      const [a, b, c] = [runOf(none, seed), runOf(tailored, seed), runOf(generalist, seed)];
      const [x, y] = [tiesBetween(a, isFirmKind, isUniversity), tiesBetween(b, isFirmKind, isUniversity)];
      expect(y).toBeGreaterThan(x);
      off += x;
      on += y;
      const sme = (k: string) => k === 'sme';
      expect(tiesBetween(b, sme, isUniversity)).toBeGreaterThan(tiesBetween(c, sme, isUniversity));
    }
    expect(on).toBeGreaterThan(1.5 * off);
  });

  it('spin-off support (from 1975) raises the number of spin-offs by at least 40% on average, and in every seed', () => {
    const support = withPolicy([{ lever: 'spinoff-support', from: 1975 }]);
    let [off, on] = [0, 0];
    for (const seed of seeds) {
      const [x, y] = [
        runOf(none, seed).spinoffs?.rowCount ?? 0,
        runOf(support, seed).spinoffs?.rowCount ?? 0,
      ];
      expect(y).toBeGreaterThan(x);
      off += x;
      on += y;
    }
    expect(on).toBeGreaterThan(1.4 * off);
  });

  it('inward-investment attraction (intensity 2) raises the number of organisations by at least 10% on average, and in every seed', () => {
    const inward = withPolicy([{ lever: 'inward-investment', from: 1975, intensity: 2 }]);
    let [off, on] = [0, 0];
    for (const seed of seeds) {
      const [x, y] = [
        runOf(none, seed).organisations?.rowCount ?? 0,
        runOf(inward, seed).organisations?.rowCount ?? 0,
      ];
      expect(y).toBeGreaterThan(x);
      off += x;
      on += y;
    }
    expect(on).toBeGreaterThan(1.1 * off);
  });
});
