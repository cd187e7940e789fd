/**
 * Datasets with each finding's effect planted or absent, for the power and false-positive checks
 * (test/findings/power.test.ts, bench/findings-power.ts). Standalone: raw tables built directly and
 * turned into a Dataset by buildDataset, independent of the simulator. Every draw comes from
 * mulberry32 (src/graph/rng.ts) seeded per dataset, so a seed gives the same dataset everywhere.
 *
 * Each plant states the sample size it documents (the size at which docs/findings.md reports the
 * power) and what "planted" and "absent" mean. Region r = NUTS UKH12 (country UK); outside
 * organisations are in DE212 (country DE).
 */
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import type { RawTables, Value } from '../../src/dataset/raw.ts';
import { mulberry32, type Rng } from '../../src/graph/rng.ts';
import { table } from '../measures/fixtures.ts';

export type Row = Record<string, Value | undefined>;

function build(raw: Record<string, Row[]>): Dataset {
  const tables: RawTables = { regions: table([{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }]) };
  for (const [name, rows] of Object.entries(raw)) tables[name as keyof RawTables] = table(rows);
  return buildDataset(tables);
}

export const inside = (id: string, kind: string, more: Row = {}): Row => ({
  id,
  kind,
  country: 'UK',
  nuts: 'UKH12',
  ...more,
});
export const outside = (id: string, kind: string, more: Row = {}): Row => ({
  id,
  kind,
  country: 'DE',
  nuts: 'DE212',
  ...more,
});
export const range = (n: number) => [...Array(n).keys()];

/** Poisson draw by multiplying uniforms (Knuth, TAOCP vol. 2, §3.4.1), fine for small means. */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** Standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

const bernoulli = (rng: Rng, p: number) => rng() < p;
const pick = <T>(rng: Rng, items: readonly T[]) => items[Math.floor(rng() * items.length)];

export interface Plant {
  /** The sample size the documented power refers to. */
  size: string;
  planted: string;
  absent: string;
  make(effect: boolean, rng: Rng): Dataset;
}

/** SMEs s0… inside, each tied (kind `kind`) with probability p to one of `targets`. */
function smesTied(n: number, p: number, targets: Row[], kind: string, rng: Rng): Dataset {
  const smes = range(n).map((i) => inside(`s${i}`, 'sme'));
  const ties = smes
    .filter(() => bernoulli(rng, p))
    .map((s) => ({ source: s.id, target: pick(rng, targets).id, kind }));
  return build({ organisations: [...smes, ...targets], ties });
}

/** Growth of two groups of local SMEs: 1990 and 2000 head counts with annual growth N(mean, sd). */
function growthRows(ids: string[], mean: number, sd: number, rng: Rng): Row[] {
  return ids.flatMap((id) => {
    const g = mean + sd * normal(rng);
    return [
      { organisation: id, year: 1990, employees: 20 },
      { organisation: id, year: 2000, employees: 20 * (1 + g) ** 10 },
    ];
  });
}

export const PLANTS: Record<string, Plant> = {
  'creation-resurgence': {
    size: 'births over 1986–1999 at 12 a year outside the recession and 4 a year in 1990–93: about 140 births',
    planted: 'Poisson births: 12 a year 1986–89 and 1994–99, 4 a year 1990–93',
    absent: 'Poisson births: 8 a year throughout',
    make(effect, rng) {
      const orgs: Row[] = [];
      for (let y = 1986; y <= 1999; y++) {
        const rate = effect ? (y >= 1990 && y <= 1993 ? 4 : 12) : 8;
        for (let k = poisson(rng, rate); k > 0; k--)
          orgs.push(inside(`f${orgs.length}`, 'sme', { founded: y }));
      }
      return build({ organisations: orgs });
    },
  },
  'new-tech-sectors': {
    size: '400 dated firms with a sector, 200 founded from 1990 on',
    planted: 'new technology-intensive sectors: 50 % of young firms, 30 % of older ones',
    absent: '40 % of both',
    make(effect, rng) {
      const orgs = range(400).map((i) => {
        const young = i < 200;
        const p = effect ? (young ? 0.5 : 0.3) : 0.4;
        return inside(`f${i}`, 'sme', {
          founded: young ? 1995 : 1980,
          sector: bernoulli(rng, p) ? '62.01' : '25',
        });
      });
      return build({ organisations: orgs });
    },
  },
  diversification: {
    size: '100 firms active in 1990 and 60 founded in 1995',
    planted: 'old firms in 3 divisions (60/30/10 %), newcomers spread evenly over 6',
    absent: 'newcomers drawn from the old firms’ 3 divisions and shares',
    make(effect, rng) {
      const old = ['62', '26', '72'];
      const draw = () => {
        const u = rng();
        return u < 0.6 ? old[0] : u < 0.9 ? old[1] : old[2];
      };
      const orgs = [
        ...range(100).map((i) => inside(`o${i}`, 'sme', { founded: 1980, sector: draw() })),
        ...range(60).map((i) =>
          inside(`n${i}`, 'sme', {
            founded: 1995,
            sector: effect ? pick(rng, [...old, '63', '71', '21']) : draw(),
          }),
        ),
      ];
      return build({ organisations: orgs });
    },
  },
  'high-tech-services': {
    size: '100 firms active in 1990 and 150 founded in 1995',
    planted: 'high-tech services: 30 % of old firms, 60 % of newcomers',
    absent: '30 % of both',
    make(effect, rng) {
      const sector = (p: number) => (bernoulli(rng, p) ? '62' : '26');
      const orgs = [
        ...range(100).map((i) => inside(`o${i}`, 'sme', { founded: 1980, sector: sector(0.3) })),
        ...range(150).map((i) =>
          inside(`n${i}`, 'sme', { founded: 1995, sector: sector(effect ? 0.6 : 0.3) }),
        ),
      ];
      return build({ organisations: orgs });
    },
  },
  'multinational-labs': {
    size: 'about 45 arrivals of multinational laboratories over 1980–1999',
    planted: 'Poisson arrivals: 1 a year in the 1980s, 3.5 a year in the 1990s',
    absent: '2 a year throughout',
    make(effect, rng) {
      const orgs: Row[] = [];
      for (let y = 1980; y <= 1999; y++)
        for (let k = poisson(rng, effect ? (y < 1990 ? 1 : 3.5) : 2); k > 0; k--)
          orgs.push(inside(`m${orgs.length}`, 'mnc-rd-lab', { founded: y }));
      return build({ organisations: orgs });
    },
  },
  'technology-centres-minority': {
    size: '100 local SMEs',
    planted: '30 % of SMEs tied to a technology centre',
    absent: '50 % (not a minority)',
    make: (effect, rng) =>
      smesTied(
        100,
        effect ? 0.3 : 0.5,
        [inside('tc1', 'technology-centre'), inside('tc2', 'science-park')],
        'service',
        rng,
      ),
  },
  'knowledge-density': {
    size: '300 organisations inside the region, 600 outside',
    planted: 'knowledge centres: 20 % inside, 10 % outside',
    absent: '10 % on both sides',
    make(effect, rng) {
      const kind = (p: number) => (bernoulli(rng, p) ? 'university' : 'sme');
      return build({
        organisations: [
          ...range(300).map((i) => inside(`i${i}`, kind(effect ? 0.2 : 0.1))),
          ...range(600).map((i) => outside(`o${i}`, kind(0.1))),
        ],
      });
    },
  },
  'university-collaboration-limited': {
    size: '100 local SMEs',
    planted: '30 % of SMEs tied to a local university',
    absent: '50 %',
    make: (effect, rng) =>
      smesTied(
        100,
        effect ? 0.3 : 0.5,
        [inside('u1', 'university'), inside('u2', 'university')],
        'collaboration',
        rng,
      ),
  },
  'university-links-outside': {
    size: '40 local firms with 1–4 university partners each (about 100 ties)',
    planted: 'each firm–university tie local with probability 30 %',
    absent: '50 %',
    make(effect, rng) {
      const unis = [
        ...range(5).map((k) => inside(`lu${k}`, 'university')),
        ...range(5).map((k) => outside(`xu${k}`, 'university')),
      ];
      const firms = range(40).map((i) => inside(`f${i}`, 'sme'));
      const ties = firms.flatMap((f) =>
        range(1 + Math.floor(rng() * 4)).map(() => ({
          source: f.id,
          target: `${bernoulli(rng, effect ? 0.3 : 0.5) ? 'lu' : 'xu'}${Math.floor(rng() * 5)}`,
          kind: 'rd-project',
        })),
      );
      return build({ organisations: [...firms, ...unis], ties });
    },
  },
  'customers-over-knowledge-centres': {
    size: '60 local firms answering the survey',
    planted: 'customers rated 3.6 + N(0, 1), universities 2.8 + N(0, 1) (rounded, 1–5)',
    absent: 'both 3 + N(0, 1)',
    make(effect, rng) {
      const score = (m: number) => Math.min(5, Math.max(1, Math.round(m + normal(rng))));
      const firms = range(60).map((i) => inside(`f${i}`, 'sme'));
      const answers = firms.flatMap((f) => [
        { organisation: f.id, source: 'customers', importance: score(effect ? 3.6 : 3) },
        { organisation: f.id, source: 'universities', importance: score(effect ? 2.8 : 3) },
      ]);
      return build({ organisations: firms, innovation_sources: answers });
    },
  },
  'university-spinoff-share': {
    size: '1000 local SMEs',
    planted: 'each SME a direct university spin-off with probability 17 %',
    absent: 'with probability 10 % (outside 17 % ± 5 points)',
    make(effect, rng) {
      const smes = range(1000).map((i) => inside(`s${i}`, 'sme'));
      const spinoffs = smes
        .filter(() => bernoulli(rng, effect ? 0.17 : 0.1))
        .map((s) => ({ child: s.id, parent: 'u' }));
      return build({ organisations: [...smes, inside('u', 'university')], spinoffs });
    },
  },
  'indirect-spinoffs': {
    size: '100 local SMEs of university lineage',
    planted: 'each of them indirect (the spin-off of an earlier university spin-off) with probability 30 %',
    absent: '10 % (the claim’s threshold)',
    make(effect, rng) {
      const smes = range(100).map((i) => inside(`s${i}`, 'sme'));
      const spinoffs: Row[] = [{ child: 's0', parent: 'u' }];
      for (let i = 1; i < 100; i++)
        spinoffs.push({
          child: `s${i}`,
          parent: bernoulli(rng, effect ? 0.3 : 0.1) ? `s${Math.floor(rng() * i)}` : 'u',
        });
      // a chain through an indirect parent is still indirect; only direct parents make direct spin-offs
      return build({ organisations: [...smes, inside('u', 'university')], spinoffs });
    },
  },
  'local-and-global-together': {
    size: '60 local firms with ties',
    planted: 'local and outside tie counts Poisson(2a) and Poisson(2a) with a shared activity a ~ Exp(1)',
    absent: 'independent activities for the two counts',
    make(effect, rng) {
      const partners = [
        ...range(20).map((k) => inside(`l${k}`, 'university')),
        ...range(20).map((k) => outside(`g${k}`, 'university')),
      ];
      const firms = range(60).map((i) => inside(`f${i}`, 'sme'));
      const ties: Row[] = [];
      for (const f of firms) {
        const a = -Math.log(1 - rng());
        const b = effect ? a : -Math.log(1 - rng());
        const nl = 1 + poisson(rng, 2 * a);
        const ng = poisson(rng, 2 * b);
        for (let k = 0; k < nl; k++)
          ties.push({ source: f.id, target: `l${Math.floor(rng() * 20)}`, kind: 'collaboration' });
        for (let k = 0; k < ng; k++)
          ties.push({ source: f.id, target: `g${Math.floor(rng() * 20)}`, kind: 'collaboration' });
      }
      return build({ organisations: [...firms, ...partners], ties });
    },
  },
  'local-links-common': {
    size: '100 local SMEs',
    planted: '70 % of SMEs tied to another local firm',
    absent: '50 %',
    make: (effect, rng) => smesTied(100, effect ? 0.7 : 0.5, [inside('big', 'large-firm')], 'supplier', rng),
  },
  'local-links-vertical': {
    size: '100 ties between local firms',
    planted: '70 % of them customer or supplier ties',
    absent: '50 %',
    make(effect, rng) {
      const firms = range(101).map((i) => inside(`f${i}`, 'sme'));
      const ties = range(100).map((i) => ({
        source: `f${i}`,
        target: `f${i + 1}`,
        kind: bernoulli(rng, effect ? 0.7 : 0.5) ? 'supplier' : 'collaboration',
      }));
      return build({ organisations: firms, ties });
    },
  },
  'corporate-spinoffs-grow-faster': {
    size: '40 corporate spin-offs and 40 other SMEs with employment in 1990 and 2000',
    planted: 'annual growth N(10 %, 5 %) against N(5 %, 5 %)',
    absent: 'N(5 %, 5 %) for both',
    make(effect, rng) {
      const corp = range(40).map((i) => inside(`c${i}`, 'sme'));
      const others = range(40).map((i) => inside(`o${i}`, 'sme'));
      return build({
        organisations: [inside('big', 'large-firm'), ...corp, ...others],
        spinoffs: corp.map((c) => ({ child: c.id, parent: 'big' })),
        employment: [
          ...growthRows(
            corp.map((c) => c.id as string),
            effect ? 0.1 : 0.05,
            0.05,
            rng,
          ),
          ...growthRows(
            others.map((c) => c.id as string),
            0.05,
            0.05,
            rng,
          ),
        ],
      });
    },
  },
  'spinoff-parent-links': {
    size: '40 local spin-offs of 40 parents',
    planted: 'each spin-off tied to its own parent with probability 50 %',
    absent: 'each tied with probability 50 % to a parent drawn at random',
    make(effect, rng) {
      const orgs = range(40).flatMap((i) => [inside(`p${i}`, 'large-firm'), inside(`c${i}`, 'sme')]);
      const spinoffs = range(40).map((i) => ({ child: `c${i}`, parent: `p${i}` }));
      const ties = range(40)
        .filter(() => bernoulli(rng, 0.5))
        .map((i) => ({
          source: `c${i}`,
          target: `p${effect ? i : Math.floor(rng() * 40)}`,
          kind: 'collaboration',
        }));
      return build({ organisations: orgs, spinoffs, ties });
    },
  },
  'acquisitions-by-multinationals': {
    size: '80 acquisitions of local firms',
    planted: '75 % by multinationals',
    absent: '50 %',
    make(effect, rng) {
      const targets = range(80).map((i) => inside(`t${i}`, 'sme'));
      const acquisitions = targets.map((t) => {
        const mnc = bernoulli(rng, effect ? 0.75 : 0.5);
        return { target: t.id, acquirer: mnc ? 'mnc' : 'loc', multinational: mnc };
      });
      return build({
        organisations: [...targets, outside('mnc', 'large-firm'), inside('loc', 'large-firm')],
        acquisitions,
      });
    },
  },
  'acquisitions-no-harm': {
    size: '80 acquired and 80 other local SMEs with employment in 1990 and 2000',
    planted: '(no harm) annual growth N(5 %, 3 %) in both groups',
    absent: '(harm) acquired firms N(−1 %, 3 %)',
    make(effect, rng) {
      const acq = range(80).map((i) => inside(`a${i}`, 'sme'));
      const others = range(80).map((i) => inside(`o${i}`, 'sme'));
      return build({
        organisations: [...acq, ...others, outside('mnc', 'large-firm')],
        acquisitions: acq.map((a) => ({ target: a.id, acquirer: 'mnc', year: 1995 })),
        employment: [
          ...growthRows(
            acq.map((a) => a.id as string),
            effect ? 0.05 : -0.01,
            0.03,
            rng,
          ),
          ...growthRows(
            others.map((a) => a.id as string),
            0.05,
            0.03,
            rng,
          ),
        ],
      });
    },
  },
  'acquired-autonomous-bridges': {
    size: '40 autonomous acquired firms and 120 other local firms',
    planted: 'bridges (a local and an outside tie): 60 % of the autonomous acquired firms, 30 % of others',
    absent: '30 % of both',
    make(effect, rng) {
      const acq = range(40).map((i) => inside(`a${i}`, 'sme'));
      const others = range(120).map((i) => inside(`o${i}`, 'sme'));
      const ties: Row[] = [];
      for (const f of [...acq, ...others]) {
        ties.push({ source: f.id, target: 'hub', kind: 'collaboration' });
        const p = effect && String(f.id).startsWith('a') ? 0.6 : 0.3;
        if (bernoulli(rng, p)) ties.push({ source: f.id, target: 'far', kind: 'collaboration' });
      }
      return build({
        organisations: [
          ...acq,
          ...others,
          inside('hub', 'university'),
          outside('far', 'university'),
          outside('mnc', 'large-firm'),
        ],
        acquisitions: acq.map((a) => ({ target: a.id, acquirer: 'mnc', autonomy: true })),
        ties,
      });
    },
  },
  'spinoffs-localised': {
    size: '60 spin-offs of local parents',
    planted: '75 % located in the region',
    absent: '50 %',
    make(effect, rng) {
      const children = range(60).map((i) =>
        (bernoulli(rng, effect ? 0.75 : 0.5) ? inside : outside)(`c${i}`, 'sme'),
      );
      return build({
        organisations: [inside('p', 'university'), ...children],
        spinoffs: children.map((c) => ({ child: c.id, parent: 'p' })),
      });
    },
  },
  'local-recruitment': {
    size: '80 hires into the region, which holds half the organisations',
    planted: '70 % of hires from local organisations',
    absent: '50 % (the region’s share)',
    make(effect, rng) {
      const orgs = [
        ...range(50).map((i) => inside(`i${i}`, 'sme')),
        ...range(50).map((i) => outside(`o${i}`, 'sme')),
      ];
      const moves = range(80).map((k) => ({
        from: `${bernoulli(rng, effect ? 0.7 : 0.5) ? 'i' : 'o'}${Math.floor(rng() * 50)}`,
        to: `i${k % 50}`,
        year: 1998,
      }));
      return build({ organisations: orgs, moves });
    },
  },
};

/** The dataset of one finding, condition and seed (the seed also seeds the finding's own tests). */
export function plantedDataset(finding: string, effect: boolean, seed: number): Dataset {
  const plant = PLANTS[finding];
  if (!plant) throw new Error(`no plant for ${finding}`);
  // one stream per finding, condition and seed
  return plant.make(
    effect,
    mulberry32((seed * 1000003) ^ (effect ? 0x5bd1e995 : 0x1b873593) ^ finding.length),
  );
}
