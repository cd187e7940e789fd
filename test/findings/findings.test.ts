/**
 * Each finding on a small hand-built dataset, with the verdict and effect worked out by hand (the
 * p-values of closed-form tests from Python's math module: comb, erf). Region r = NUTS UKH12.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, checkFindings, FINDINGS } from '../../src/findings/index.ts';
import type { VerdictRow } from '../../src/model/findings.ts';
import { dataset } from '../measures/fixtures.ts';
import { inside, outside, type Row, range } from './planted.ts';

const REGION = [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }];

function check(tables: Record<string, Row[]>, finding: string, region: string | null = 'r'): VerdictRow {
  const d = dataset({ regions: REGION, ...tables });
  const [row] = checkFindings(d, region === null ? {} : { region }, { findings: [finding], seed: 1 });
  expect(row.finding).toBe(finding);
  return row;
}

describe('the catalogue', () => {
  it('has at least 18 findings with unique ids, paragraphs, measures, a test and data needs', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(18);
    expect(new Set(CATALOGUE.map((f) => f.id)).size).toBe(CATALOGUE.length);
    for (const f of CATALOGUE) {
      expect(f.paragraphs.length).toBeGreaterThan(0);
      expect(f.measures.length).toBeGreaterThan(0);
      expect(f.test.length).toBeGreaterThan(20);
      expect(f.needs.length).toBeGreaterThan(10);
    }
    // every paragraph the issue lists is covered
    const covered = new Set(CATALOGUE.flatMap((f) => f.paragraphs));
    for (const p of [4, 5, 6, 7, 8, 13, 14, 17, 18, 20, 21, 22, 23, 26, 27, 29]) expect(covered).toContain(p);
  });

  it('an unknown finding id is a usage error naming the known ones', () => {
    expect(() =>
      checkFindings(dataset({ organisations: [inside('a', 'sme')] }), {}, { findings: ['nope'] }),
    ).toThrow(/unknown finding 'nope' \(known: creation-resurgence/);
  });

  it('on an organisations-only dataset every finding gives a verdict, most "not testable here" with the missing table named', () => {
    const rows = checkFindings(dataset({ regions: REGION, organisations: [inside('a', 'sme')] }), {
      region: 'r',
    });
    expect(rows.map((r) => r.finding)).toEqual(FINDINGS.map((f) => f.id));
    const byId = Object.fromEntries(rows.map((r) => [r.finding, r]));
    expect(byId['university-spinoff-share'].verdict).toBe('not testable here');
    expect(byId['university-spinoff-share'].note).toMatch(/spinoffs table/);
    expect(byId['local-links-vertical'].note).toMatch(/customer or supplier/);
    expect(byId['customers-over-knowledge-centres'].note).toMatch(/innovation_sources/);
    expect(byId['creation-resurgence'].note).toMatch(/organisations.founded/);
    expect(byId['local-recruitment'].note).toMatch(/moves table/);
    expect(byId['acquired-autonomous-bridges'].note).toMatch(/acquisitions table/);
    for (const r of rows) expect(r.region).toBe('r');
  });
});

describe('evolution (¶4–7)', () => {
  // 10 firms born in 1986–89 (2.5 a year), 2 in 1990–93 (0.5 a year), 24 in 1994–99 (4 a year)
  const births = [
    ...range(10).map((i) => inside(`b${i}`, 'sme', { founded: 1986 + (i % 4) })),
    ...range(2).map((i) => inside(`r${i}`, 'sme', { founded: 1991 + i })),
    ...range(24).map((i) => inside(`a${i}`, 'sme', { founded: 1994 + (i % 6) })),
  ];

  it('creation-resurgence: a dip and a resurgence, p = the larger of the two exact tests', () => {
    const row = check({ organisations: births }, 'creation-resurgence');
    expect(row.verdict).toBe('supported');
    expect(row.effect).toBeCloseTo(4 / 0.5, 12);
    // dip: P(X ≥ 10 | 12, ½) = 79/4096; resurgence: P(X ≥ 24 | 26, 0.6) = 0.000277669
    expect(row.pValue).toBeCloseTo(79 / 4096, 12);
    expect(row.values['resurgence p']).toBeCloseTo(0.000278, 6);
    expect(row.n).toBe(36);
  });

  it('creation-resurgence: selected years that do not cover 1986–1999 leave it inconclusive', () => {
    const d = dataset({ regions: REGION, organisations: births });
    const [row] = checkFindings(
      d,
      { region: 'r', years: [1990, 2005] },
      { findings: ['creation-resurgence'] },
    );
    expect(row.verdict).toBe('inconclusive');
    expect(row.note).toMatch(/1990–2005 do not cover 1986–1999/);
  });

  it('creation-resurgence: no dip (as many births in the recession as before) is not supported', () => {
    const flat = range(40).map((i) => inside(`f${i}`, 'sme', { founded: 1986 + (i % 14) }));
    const row = check({ organisations: flat }, 'creation-resurgence');
    expect(row.verdict).not.toBe('supported');
  });

  it('new-tech-sectors: 15 of 20 young firms in software against 5 of 20 older ones', () => {
    const orgs = [
      ...range(20).map((i) => inside(`n${i}`, 'sme', { founded: 1995, sector: i < 15 ? '62.01' : '25' })),
      ...range(20).map((i) => inside(`o${i}`, 'sme', { founded: 1980, sector: i < 5 ? '62.01' : '25' })),
    ];
    const row = check({ organisations: orgs }, 'new-tech-sectors');
    expect(row.effect).toBeCloseTo(0.5, 12);
    expect(row.pValue).toBeCloseTo(0.0007827, 6); // 1 − Φ(0.5 / √(¼ · 2/20))
    expect(row.verdict).toBe('supported');
  });

  // 20 software firms since 1980; 20 firms founded 1995, five in each of 26, 63, 71 and 72
  const structure = [
    ...range(20).map((i) => inside(`s${i}`, 'sme', { founded: 1980, sector: '62' })),
    ...range(20).map((i) =>
      inside(`t${i}`, 'sme', { founded: 1995, sector: ['26', '63', '71', '72'][i % 4] }),
    ),
  ];

  it('diversification: entropy 0 bits in 1990, 2 bits in 2000', () => {
    const row = check({ organisations: structure }, 'diversification');
    // 2000: ½ in 62 and ⅛ in each of four divisions: −(½ log2 ½ + 4 · ⅛ log2 ⅛) = ½ + 1.5
    expect(row.effect).toBeCloseTo(2, 10);
    expect(row.values['entropy 1990']).toBe(0);
    expect(row.verdict).toBe('supported');
  });

  it('high-tech-services: the share fell from 20/20 to 30/40 (62, 63, 72 of 62, 26, 63, 71, 72), so not supported', () => {
    const row = check({ organisations: structure }, 'high-tech-services');
    expect(row.effect).toBeCloseTo(30 / 40 - 1, 12);
    expect(row.verdict).toBe('not supported');
  });

  it('multinational-labs: 2 arrivals in the 1980s, 12 in the 1990s', () => {
    const orgs = range(14).map((i) =>
      inside(`m${i}`, 'mnc-rd-lab', { founded: i < 2 ? 1985 : 1990 + (i % 10) }),
    );
    const row = check({ organisations: orgs }, 'multinational-labs');
    expect(row.effect).toBeCloseTo(6, 12);
    expect(row.pValue).toBeCloseTo(106 / 16384, 12); // P(X ≥ 12 | 14, ½)
    expect(row.verdict).toBe('supported');
  });
});

describe('knowledge infrastructure (¶8, 12, 13)', () => {
  const smes = range(40).map((i) => inside(`s${i}`, 'sme'));

  it('technology-centres-minority: 8 of 40 SMEs tied to a technology centre', () => {
    const ties = range(8).map((i) => ({ source: `s${i}`, target: 'tc', kind: 'service' }));
    const row = check(
      { organisations: [...smes, inside('tc', 'technology-centre')], ties },
      'technology-centres-minority',
    );
    expect(row.effect).toBeCloseTo(0.2, 12);
    expect(row.verdict).toBe('supported');
  });

  it('knowledge-density: 10 of 40 inside, 3 of 60 outside', () => {
    const orgs = [
      ...range(40).map((i) => inside(`i${i}`, i < 10 ? 'university' : 'sme')),
      ...range(60).map((i) => outside(`o${i}`, i < 3 ? 'university' : 'sme')),
    ];
    const row = check({ organisations: orgs }, 'knowledge-density');
    expect(row.effect).toBeCloseTo(0.25 - 0.05, 12);
    expect(row.values['location quotient']).toBeCloseTo(5, 4);
    expect(row.verdict).toBe('supported');
  });

  it('knowledge-density needs a region', () => {
    const row = check({ organisations: smes }, 'knowledge-density', null);
    expect(row.verdict).toBe('not testable here');
  });

  it('university-collaboration-limited: 25 of 40 SMEs work with the local university, so not supported', () => {
    const ties = range(25).map((i) => ({ source: `s${i}`, target: 'u', kind: 'collaboration' }));
    const row = check(
      { organisations: [...smes, inside('u', 'university')], ties },
      'university-collaboration-limited',
    );
    expect(row.effect).toBeCloseTo(0.625, 12);
    expect(row.low).toBeCloseTo(0.470324391373011, 5); // Wilson, above ½ − 5 points
    expect(row.verdict).toBe('not supported');
  });

  it('university-links-outside: each firm has 1 local and 3 outside university partners', () => {
    const unis = [
      inside('u', 'university'),
      outside('x1', 'university'),
      outside('x2', 'university'),
      outside('x3', 'university'),
    ];
    const ties = range(30).flatMap((i) =>
      ['u', 'x1', 'x2', 'x3'].map((u) => ({ source: `s${i}`, target: u, kind: 'rd-project' })),
    );
    const row = check({ organisations: [...smes, ...unis], ties }, 'university-links-outside');
    expect(row.effect).toBeCloseTo(0.25, 12);
    expect(row.n).toBe(30);
    expect(row.low).toBeCloseTo(0.25, 12);
    expect(row.pValue).toBeCloseTo(1 / 1001, 12);
    expect(row.verdict).toBe('supported');
  });

  it('customers-over-knowledge-centres: 20 firms rate customers 5 and universities 3', () => {
    const answers = range(20).flatMap((i) => [
      { organisation: `s${i}`, source: 'customers', importance: 5 },
      { organisation: `s${i}`, source: 'universities', importance: 3 },
      { organisation: `s${i}`, source: 'research-institutes', importance: 2 },
    ]);
    const row = check(
      { organisations: smes, innovation_sources: answers },
      'customers-over-knowledge-centres',
    );
    expect(row.effect).toBeCloseTo(2, 12);
    expect(row.pValue).toBeCloseTo(1 / 2001, 12); // no sign flip of 20 reaches the mean of 2 (chance 2^-20)
    expect(row.verdict).toBe('supported');
  });
});

describe('spin-offs (¶14, 20, 21, 27)', () => {
  const unis = [inside('u', 'university'), inside('v', 'university')];

  function spinoffShare(share: number) {
    const smes = range(1000).map((i) => inside(`s${i}`, 'sme'));
    const spinoffs = range(Math.round(share * 1000)).map((i) => ({
      child: `s${i}`,
      parent: i % 2 ? 'u' : 'v',
    }));
    return check({ organisations: [...smes, ...unis], spinoffs }, 'university-spinoff-share');
  }

  it('university-spinoff-share: 170 of 1000 is equivalent to 17 % ± 5 points', () => {
    const row = spinoffShare(0.17);
    expect(row.effect).toBeCloseTo(0.17, 12);
    expect(row.pValue).toBeCloseTo(6.756805763341589e-5, 7);
    expect(row.level).toBeCloseTo(0.9, 12);
    expect(row.verdict).toBe('supported');
  });

  it('university-spinoff-share: 50 of 1000 lies outside the margin', () => {
    const row = spinoffShare(0.05);
    expect(row.verdict).toBe('not supported');
  });

  it('university-spinoff-share: 20 of 100 is inconclusive, with the SMEs that would decide', () => {
    const smes = range(100).map((i) => inside(`s${i}`, 'sme'));
    const spinoffs = range(20).map((i) => ({ child: `s${i}`, parent: 'u' }));
    const row = check({ organisations: [...smes, ...unis], spinoffs }, 'university-spinoff-share');
    expect(row.verdict).toBe('inconclusive');
    expect(row.note).toMatch(/about \d+ \(now 100\) would/);
  });

  it('indirect-spinoffs: 40 direct and 20 second-generation spin-offs', () => {
    const smes = range(60).map((i) => inside(`s${i}`, 'sme'));
    const spinoffs = [
      ...range(40).map((i) => ({ child: `s${i}`, parent: 'u' })),
      ...range(20).map((i) => ({ child: `s${40 + i}`, parent: `s${i}` })),
    ];
    const row = check({ organisations: [...smes, ...unis], spinoffs }, 'indirect-spinoffs');
    expect(row.effect).toBeCloseTo(1 / 3, 12);
    expect(row.verdict).toBe('supported');
  });

  it('corporate-spinoffs-grow-faster: 10 corporate spin-offs growing 10 % a year, 10 others flat', () => {
    const orgs = [inside('big', 'large-firm'), ...range(20).map((i) => inside(`s${i}`, 'sme'))];
    const spinoffs = range(10).map((i) => ({ child: `s${i}`, parent: 'big' }));
    const employment = range(20).flatMap((i) => [
      { organisation: `s${i}`, year: 1990, employees: 10 },
      { organisation: `s${i}`, year: 2000, employees: i < 10 ? 10 * 1.1 ** 10 : 10 },
    ]);
    const row = check({ organisations: orgs, spinoffs, employment }, 'corporate-spinoffs-grow-faster');
    expect(row.effect).toBeCloseTo(0.1, 10);
    expect(row.values['corporate spin-offs']).toBe(10);
    expect(row.pValue).toBeLessThan(0.01); // 1/184756 label splits are as extreme
    expect(row.verdict).toBe('supported');
  });

  it('spinoff-parent-links: 20 spin-offs each tied to its own parent', () => {
    const orgs = range(20).flatMap((i) => [inside(`p${i}`, 'large-firm'), inside(`c${i}`, 'sme')]);
    const spinoffs = range(20).map((i) => ({ child: `c${i}`, parent: `p${i}` }));
    const ties = range(20).map((i) => ({ source: `c${i}`, target: `p${i}`, kind: 'collaboration' }));
    const row = check({ organisations: orgs, spinoffs, ties }, 'spinoff-parent-links');
    expect(row.effect).toBe(1);
    expect(row.values['tied to a random parent (mean share)']).toBeLessThan(0.15); // 1/20 expected
    expect(row.verdict).toBe('supported');
  });

  it('spinoffs-localised: 18 of 20 spin-offs of local parents stay', () => {
    const orgs = [
      inside('p', 'university'),
      ...range(20).map((i) => (i < 18 ? inside(`c${i}`, 'sme') : outside(`c${i}`, 'sme'))),
    ];
    const spinoffs = range(20).map((i) => ({ child: `c${i}`, parent: 'p' }));
    const row = check({ organisations: orgs, spinoffs }, 'spinoffs-localised');
    expect(row.effect).toBeCloseTo(0.9, 12);
    expect(row.verdict).toBe('supported');
  });
});

describe('networking (¶17, 18, 26)', () => {
  it('local-links-common: 30 of 40 SMEs tied to a local firm', () => {
    const orgs = [...range(40).map((i) => inside(`s${i}`, 'sme')), inside('big', 'large-firm')];
    const ties = range(30).map((i) => ({ source: `s${i}`, target: 'big', kind: 'supplier' }));
    const row = check({ organisations: orgs, ties }, 'local-links-common');
    expect(row.effect).toBeCloseTo(0.75, 12);
    expect(row.verdict).toBe('supported');
  });

  it('local-links-vertical: 30 supplier ties and 10 collaborations between local firms', () => {
    const orgs = range(41).map((i) => inside(`s${i}`, 'sme'));
    const ties = range(40).map((i) => ({
      source: `s${i}`,
      target: `s${i + 1}`,
      kind: i < 30 ? 'supplier' : 'collaboration',
    }));
    const row = check({ organisations: orgs, ties }, 'local-links-vertical');
    expect(row.effect).toBeCloseTo(0.75, 12);
    expect(row.n).toBe(40);
    expect(row.verdict).toBe('supported');
  });

  it('local-and-global-together: local and outside tie counts rise together (ρ = 1)', () => {
    const orgs = [
      ...range(40).map((i) => inside(`s${i}`, 'sme')),
      ...range(5).map((k) => inside(`l${k}`, 'university')),
      ...range(5).map((k) => outside(`g${k}`, 'university')),
    ];
    const ties = range(40).flatMap((i) =>
      range((i % 5) + 1).flatMap((k) => [
        { source: `s${i}`, target: `l${k}`, kind: 'collaboration' },
        { source: `s${i}`, target: `g${k}`, kind: 'collaboration' },
      ]),
    );
    const row = check({ organisations: orgs, ties }, 'local-and-global-together');
    expect(row.effect).toBeCloseTo(1, 12);
    expect(row.n).toBe(40);
    expect(row.pValue).toBeCloseTo(1 / 501, 12);
    expect(row.verdict).toBe('supported');
  });
});

describe('acquisitions (¶22, 23)', () => {
  const targets = range(20).map((i) => inside(`t${i}`, 'sme'));
  const buyers = [outside('mnc', 'large-firm'), inside('loc', 'large-firm')];

  it('acquisitions-by-multinationals: 16 of 20 by multinationals (the flag)', () => {
    const acquisitions = range(20).map((i) => ({
      target: `t${i}`,
      acquirer: i < 16 ? 'mnc' : 'loc',
      multinational: i < 16,
    }));
    const row = check(
      { organisations: [...targets, ...buyers], acquisitions },
      'acquisitions-by-multinationals',
    );
    expect(row.effect).toBeCloseTo(0.8, 12);
    expect(row.values['judged by the multinational flag']).toBe(20);
    expect(row.verdict).toBe('supported');
  });

  it('acquisitions-by-multinationals: without the flag, a foreign acquirer counts', () => {
    const acquisitions = range(20).map((i) => ({ target: `t${i}`, acquirer: i < 4 ? 'mnc' : 'loc' }));
    const row = check(
      { organisations: [...targets, ...buyers], acquisitions },
      'acquisitions-by-multinationals',
    );
    expect(row.effect).toBeCloseTo(0.2, 12);
    expect(row.values['judged by the acquirer’s country']).toBe(20);
    expect(row.verdict).toBe('not supported');
  });

  it('acquisitions-no-harm: acquired and other SMEs both grow 5 % a year', () => {
    const orgs = [...range(20).map((i) => inside(`t${i}`, 'sme')), ...buyers];
    const acquisitions = range(10).map((i) => ({ target: `t${i}`, acquirer: 'mnc', year: 1995 }));
    const employment = range(20).flatMap((i) => [
      { organisation: `t${i}`, year: 1990, employees: 20 },
      { organisation: `t${i}`, year: 2000, employees: 20 * 1.05 ** 10 },
    ]);
    const row = check({ organisations: orgs, acquisitions, employment }, 'acquisitions-no-harm');
    expect(row.effect).toBeCloseTo(0, 10);
    expect(row.pValue).toBeCloseTo(1 / 1001, 12); // every bootstrap difference is 0 > −2 points
    expect(row.verdict).toBe('supported');
  });

  it('acquired-autonomous-bridges: 10 autonomous acquired firms all bridges, 3 of 30 others', () => {
    const orgs = [
      ...range(40).map((i) => inside(`f${i}`, 'sme')),
      inside('hub', 'university'),
      outside('far', 'university'),
      outside('mnc', 'large-firm'),
    ];
    const acquisitions = range(10).map((i) => ({ target: `f${i}`, acquirer: 'mnc', autonomy: true }));
    const ties = [
      ...range(13).flatMap((i) => [
        { source: `f${i}`, target: 'hub', kind: 'collaboration' },
        { source: `f${i}`, target: 'far', kind: 'collaboration' },
      ]),
    ];
    const row = check({ organisations: orgs, acquisitions, ties }, 'acquired-autonomous-bridges');
    expect(row.effect).toBeCloseTo(1 - 3 / 30, 12);
    expect(row.verdict).toBe('supported');
  });
});

describe('labour market (¶29)', () => {
  it('local-recruitment: 36 of 40 hires from local organisations where the region holds half the organisations', () => {
    const orgs = [
      ...range(50).map((i) => inside(`i${i}`, 'sme')),
      ...range(50).map((i) => outside(`o${i}`, 'sme')),
    ];
    const moves = range(40).map((k) => ({
      from: k < 36 ? `i${k + 1}` : `o${k}`,
      to: `i${k % 10}`,
      year: 1998,
    }));
    const row = check({ organisations: orgs, moves }, 'local-recruitment');
    expect(row.effect).toBeCloseTo(0.9, 12);
    expect(row.values['expected share (region’s share of the labour market)']).toBe(0.5);
    expect(row.verdict).toBe('supported');
  });

  it('local-recruitment: employment weighs the labour market only when known on both sides', () => {
    const orgs = [
      ...range(30).map((i) => inside(`i${i}`, 'sme')),
      ...range(10).map((i) => outside(`o${i}`, 'sme')),
    ];
    const moves = range(40).map((k) => ({ from: `i${(k + 1) % 30}`, to: `i${k % 30}`, year: 1998 }));
    // head counts inside only: the expected share falls back to organisations, 30 of 40
    const insideOnly = range(30).map((i) => ({ organisation: `i${i}`, year: 1998, employees: 10 }));
    const a = check({ organisations: orgs, moves, employment: insideOnly }, 'local-recruitment');
    expect(a.values['expected share (region’s share of the labour market)']).toBe(0.75);
    expect(a.values['expected share from']).toBe('organisations');
    // with 30 outside employees against 300 inside: 300 / 330
    const both = [
      ...insideOnly,
      ...range(10).map((i) => ({ organisation: `o${i}`, year: 1998, employees: 3 })),
    ];
    const b = check({ organisations: orgs, moves, employment: both }, 'local-recruitment');
    expect(b.values['expected share (region’s share of the labour market)']).toBeCloseTo(300 / 330, 4);
    expect(b.values['expected share from']).toBe('employment');
    expect(b.verdict).toBe('supported');
  });
});
