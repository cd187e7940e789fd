/**
 * The reduced cluster model of bench/peers/reduced-model.md written the way flocc (0.7) models are
 * written: every person and organisation is a flocc `Agent` holding its attributes in its data
 * (`get` / `set`), all of them live in one `Environment`, and each phase of the year is one
 * `environment.tick({ randomizeOrder: true })` in which every agent runs its `tick` rule; the labour
 * market, which matches many agents at once, is a model-level function between ticks. People who
 * leave the region are removed with `removeAgent`.
 *
 * Two choices keep the comparison conservative (they make flocc faster, not slower): the model's
 * own draws come from mulberry32 (flocc's seeded `utils.uniform` formats every draw as a string),
 * and ties are kept as plain objects on the agents rather than in flocc's `Network` helper, whose
 * `addAgent` rebuilds an n × n adjacency matrix for every organisation founded. flocc's own
 * seeded generator still orders the activations (`utils.seed`).
 */
import { Agent, Environment, utils } from 'flocc';
import { mulberry32 } from '../../src/graph/rng.ts';

const F = 4;
const UNIVERSITY = 'university';
const INSTITUTE = 'research-institute';
const LARGE = 'large-firm';
const SME = 'sme';
const LAB = 'mnc-rd-lab';
const FIRMS = new Set([SME, LARGE, LAB, 'mnc-subsidiary']);
const SPINOFF_RATE: Record<string, number> = {
  [UNIVERSITY]: 0.004,
  [INSTITUTE]: 0.003,
  [LARGE]: 0.002,
  [LAB]: 0.002,
  'mnc-subsidiary': 0.002,
  [SME]: 0.003,
};
const INITIAL: [string, number, number][] = [
  [UNIVERSITY, 2, 1000],
  [INSTITUTE, 4, 250],
  [LARGE, 10, 300],
  [SME, 900, 4],
  [LAB, 4, 50],
];
const OUTSIDE: [string, number][] = [
  [LARGE, 0.4],
  [UNIVERSITY, 0.25],
  [INSTITUTE, 0.15],
  [SME, 0.2],
];

interface Tie {
  a: Agent;
  b: Agent;
  kind: string;
  open: boolean;
}

export interface PeerOutcome {
  personSteps: number;
  spinoffs: number;
  ties: number;
  moves: number;
  peopleAtEnd: number;
}

export function runFlocc(seed: number, from = 1971, to = 2000): PeerOutcome {
  utils.seed(seed);
  const rng = mulberry32(seed);
  const env = new Environment();
  const orgs: Agent[] = [];
  let openTies: Tie[] = [];
  let phase = 'found';
  let year = from;
  const out = { personSteps: 0, spinoffs: 0, ties: 0, moves: 0, peopleAtEnd: 0 };

  const addTie = (a: Agent, b: Agent, kind: string) => {
    const tie = { a, b, kind, open: true };
    openTies.push(tie);
    a.get('ties').push(tie);
    b.get('ties').push(tie);
    out.ties++;
  };
  const employ = (person: Agent, org: Agent) => {
    const from = person.get('employer') as Agent | null;
    if (from) from.decrement('size');
    person.set('employer', org);
    org.increment('size');
  };
  const cosine = (a: number[], b: number[]) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let k = 0; k < F; k++) {
      dot += a[k] * b[k];
      na += a[k] * a[k];
      nb += b[k] * b[k];
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  };

  function newOrganisation(
    kind: string,
    sector: number,
    local: boolean,
    knowledge: number[],
    founded: number,
  ) {
    const org = new Agent({
      type: 'organisation',
      kind,
      sector,
      local,
      knowledge,
      size: 0,
      target: 0,
      parent: null,
      founded,
      ties: [],
    });
    org.set('tick', organisationTick);
    env.addAgent(org);
    if (local) orgs.push(org);
    return org;
  }
  function newPerson(field: number, knowledge: number, role: string) {
    const person = new Agent({ type: 'person', employer: null, field, knowledge, role });
    person.set('tick', personTick);
    env.addAgent(person);
    return person;
  }

  /** A person's yearly rule: in the spin-off phase, perhaps found a firm. */
  function personTick(person: Agent) {
    if (phase !== 'found') return;
    const parent = person.get('employer') as Agent | null;
    if (!parent?.get('local') || person.get('role') === 'founder') return;
    if (rng() >= SPINOFF_RATE[parent.get('kind')]) return;
    const field = person.get('field');
    const sector = rng() < 0.8 ? parent.get('sector') : field;
    const knowledge = (parent.get('knowledge') as number[]).map((k) => 0.6 * k);
    if (knowledge[field] < person.get('knowledge')) knowledge[field] = person.get('knowledge');
    const child = newOrganisation(SME, sector, true, knowledge, year);
    child.set('target', 2);
    child.set('parent', parent);
    employ(person, child);
    person.set('role', 'founder');
    out.spinoffs++;
    out.moves++;
    if (rng() < 0.5) addTie(child, parent, FIRMS.has(parent.get('kind')) ? 'collaboration' : 'liaison');
  }

  /** An organisation's yearly rule: in the partnering phase, a local firm may search for a partner. */
  function organisationTick(org: Agent) {
    if (phase !== 'partner') return;
    if (!org.get('local') || !FIRMS.has(org.get('kind')) || org.get('founded') === year) return;
    if (rng() >= 0.3) return;
    const pool = rng() < 0.4 ? outsidePool : localPool;
    if (pool.length === 0) return;
    let best: Agent | null = null;
    let bestProximity = -1;
    for (let c = 0; c < 5; c++) {
      const b = pool[Math.floor(rng() * pool.length)];
      if (b === org) continue;
      let open = false;
      let earlier = false;
      for (const t of org.get('ties') as Tie[])
        if (t.a === b || t.b === b) {
          if (t.open) open = true;
          else earlier = true;
        }
      if (open) continue;
      let proximity = cosine(org.get('knowledge'), b.get('knowledge'));
      const pa = org.get('parent');
      const pb = b.get('parent');
      if (pa === b || pb === org || (pa !== null && pa === pb)) proximity += 0.3;
      if (earlier) proximity += 0.3;
      proximity = Math.min(1, proximity);
      if (proximity > bestProximity) {
        best = b;
        bestProximity = proximity;
      }
    }
    if (!best || rng() >= bestProximity) return;
    const kind = FIRMS.has(best.get('kind'))
      ? rng() < 0.4
        ? rng() < 0.5
          ? 'customer'
          : 'supplier'
        : 'collaboration'
      : 'liaison';
    addTie(org, best, kind);
  }
  let localPool: Agent[] = [];
  let outsidePool: Agent[] = [];

  function hiring() {
    const people = env.getAgents().filter((a) => a.get('type') === 'person');
    const seekers: Agent[] = [];
    for (const person of people) {
      const employer = person.get('employer') as Agent | null;
      if (!employer) seekers.push(person);
      else if (employer.get('local') && rng() < 0.06) seekers.push(person);
    }
    for (const u of orgs) {
      if (u.get('kind') !== UNIVERSITY) continue;
      const graduates = Math.round(u.get('size') * 0.05);
      for (let g = 0; g < graduates; g++) {
        const field = rng() < 0.7 ? u.get('sector') : Math.floor(rng() * F);
        seekers.push(newPerson(field, 0.5 * u.get('knowledge')[field] + 0.2 * rng(), 'engineer'));
      }
    }
    shuffleInPlace(seekers);
    const employers = shuffleInPlace([...orgs]);
    const hired = new Set<Agent>();
    let next = 0;
    for (const org of employers) {
      const kind = org.get('kind');
      const role = kind === UNIVERSITY || kind === INSTITUTE ? 'researcher' : 'engineer';
      while (org.get('size') < org.get('target')) {
        while (next < seekers.length && (seekers[next].get('employer') === org || hired.has(seekers[next])))
          next++;
        let person: Agent;
        if (next < seekers.length) person = seekers[next++];
        else if (rng() < 0.5) {
          const field = rng() < 0.6 ? org.get('sector') : Math.floor(rng() * F);
          person = newPerson(field, 0.2 + 0.5 * rng(), role);
        } else break;
        employ(person, org);
        person.set('role', role);
        hired.add(person);
        out.moves++;
      }
    }
    for (const person of seekers) if (!person.get('employer')) env.removeAgent(person);
  }
  function shuffleInPlace<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  // The initial world.
  for (const [kind, count, size] of INITIAL) {
    for (let c = 0; c < count; c++) {
      const sector = Math.floor(rng() * F);
      const knowledge: number[] = [];
      for (let k = 0; k < F; k++)
        knowledge.push(kind === UNIVERSITY || k === sector ? 0.4 + 0.3 * rng() : 0.1 * rng());
      const org = newOrganisation(kind, sector, true, knowledge, from - 1);
      org.set('target', size);
      const role = kind === UNIVERSITY || kind === INSTITUTE ? 'researcher' : 'engineer';
      for (let j = 0; j < size; j++) {
        const field = rng() < 0.7 ? sector : Math.floor(rng() * F);
        employ(newPerson(field, knowledge[field] * (0.6 + 0.4 * rng()), role), org);
      }
    }
  }
  const outside: Agent[] = [];
  for (let c = 0; c < 200; c++) {
    let r = rng();
    let kind = SME;
    for (const [k, share] of OUTSIDE) {
      if (r < share) {
        kind = k;
        break;
      }
      r -= share;
    }
    const knowledge: number[] = [];
    for (let k = 0; k < F; k++) knowledge.push(0.2 + 0.7 * rng());
    outside.push(newOrganisation(kind, Math.floor(rng() * F), false, knowledge, from - 1));
  }

  for (year = from; year <= to; year++) {
    out.personSteps += env.getAgents().length - orgs.length - outside.length;
    phase = 'found';
    env.tick({ randomizeOrder: true });
    hiring();
    for (const tie of openTies) if (rng() < 0.1) tie.open = false;
    openTies = openTies.filter((t) => t.open);
    localPool = [...orgs];
    outsidePool = outside;
    phase = 'partner';
    env.tick({ randomizeOrder: true });
  }
  out.peopleAtEnd = env.getAgents().length - orgs.length - outside.length;
  return out;
}
