/**
 * The initial world: the scenario's organisations by kind with their staff, and the pool of outside
 * partners placed at real NUTS-3 regions of the same country (national), of other European
 * countries (international), or in countries outside Europe (global), in the scenario's
 * proportions, so that tie scope and the E-I index work on simulated data as on real data.
 */
import type { Rng } from '../graph/rng.ts';
import { nuts2021Codes } from '../model/nuts.ts';
import type { Scenario } from './scenario.ts';
import { INITIAL_KINDS } from './scenario.ts';
import {
  ENGINEER,
  EV_HIRE,
  INSTITUTE,
  kindCode,
  LARGE_FIRM,
  RESEARCHER,
  SimState,
  SME,
  UNIVERSITY,
} from './state.ts';

/** A place outside the region: a country and its NUTS-3 code (none outside Europe). */
export interface Place {
  country: string;
  nuts: string | null;
}

/** Other European countries partners come from (Eurostat spelling). */
const EUROPEAN_PARTNER_COUNTRIES = ['DE', 'FR', 'NL', 'IT', 'SE', 'BE', 'ES', 'FI', 'DK', 'AT', 'IE', 'UK'];
/** Countries outside Europe partners come from. */
const GLOBAL_PARTNER_COUNTRIES = ['US', 'JP', 'CA', 'KR', 'IL'];

/** Level-3 NUTS codes for national and international partners, in the code list's order. */
export function outsideCandidates(scenario: Scenario): {
  national: Place[];
  international: Place[];
  global: Place[];
} {
  const { country, nuts } = scenario.region;
  const national: Place[] = [];
  const international: Place[] = [];
  for (const [code, entry] of nuts2021Codes()) {
    if (entry.level !== 3) continue;
    if (entry.country === country) {
      if (!nuts.some((r) => code.startsWith(r))) national.push({ country, nuts: code });
    } else if (EUROPEAN_PARTNER_COUNTRIES.includes(entry.country))
      international.push({ country: entry.country, nuts: code });
  }
  const global = GLOBAL_PARTNER_COUNTRIES.map((c) => ({ country: c, nuts: null }));
  return { national, international, global };
}

const OUTSIDE_KINDS = [LARGE_FIRM, UNIVERSITY, INSTITUTE, SME];
const OUTSIDE_KIND_SHARES = [0.4, 0.25, 0.15, 0.2];

/** Builds the initial state; returns it with the outside places its partners refer to. */
export function setup(scenario: Scenario, rng: Rng): { state: SimState; places: Place[] } {
  const f = scenario.sectors.length;
  const s = new SimState(f);
  let people = 0;
  let orgs = scenario.outsidePartners.count;
  for (const kindName of INITIAL_KINDS) {
    people += scenario.initial[kindName].count * scenario.initial[kindName].size;
    orgs += scenario.initial[kindName].count;
  }
  s.reserve(people, orgs, scenario.years.to - scenario.years.from + 1);
  const start = scenario.years.from;
  for (const kindName of INITIAL_KINDS) {
    const { count, size } = scenario.initial[kindName];
    const kind = kindCode(kindName);
    const knowledgeCentre = kind === UNIVERSITY || kind === INSTITUTE;
    for (let c = 0; c < count; c++) {
      const sector = Math.floor(rng() * f);
      const age = kind === UNIVERSITY ? 50 + Math.floor(rng() * 100) : 1 + Math.floor(rng() * 30);
      const o = s.addOrganisation(kind, sector, start - age, true);
      for (let k = 0; k < f; k++)
        s.orgKnowledge[o * f + k] =
          kind === UNIVERSITY ? 0.4 + 0.3 * rng() : k === sector ? 0.4 + 0.3 * rng() : 0.1 * rng();
      s.orgTarget[o] = size;
      for (let j = 0; j < size; j++) {
        const field = rng() < 0.7 ? sector : Math.floor(rng() * f);
        const i = s.addPerson(
          field,
          s.orgKnowledge[o * f + field] * (0.6 + 0.4 * rng()),
          knowledgeCentre ? RESEARCHER : ENGINEER,
        );
        s.employ(i, o);
        s.events.push(start - 1, EV_HIRE, i, o, -1);
      }
    }
  }
  const candidates = outsideCandidates(scenario);
  const places: Place[] = [];
  const { count, national, international } = scenario.outsidePartners;
  for (let c = 0; c < count; c++) {
    const u = rng();
    const list =
      u < national && candidates.national.length > 0
        ? candidates.national
        : u < national + international
          ? candidates.international
          : candidates.global;
    places.push(list[Math.floor(rng() * list.length)]);
    let r = rng();
    let kind = OUTSIDE_KINDS[OUTSIDE_KINDS.length - 1];
    for (let k = 0; k < OUTSIDE_KINDS.length; k++) {
      if (r < OUTSIDE_KIND_SHARES[k]) {
        kind = OUTSIDE_KINDS[k];
        break;
      }
      r -= OUTSIDE_KIND_SHARES[k];
    }
    const o = s.addOrganisation(kind, Math.floor(rng() * f), start - 1 - Math.floor(rng() * 50), false, c);
    for (let k = 0; k < f; k++) s.orgKnowledge[o * f + k] = 0.2 + 0.7 * rng();
  }
  return { state: s, places };
}
