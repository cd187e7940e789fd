/**
 * Data collection: the final state and the recorded events as the package tables (RawTables, the
 * shape every reader produces). Ids are prefixed with the run id; local organisations get the
 * region's NUTS codes, country and localities (taken in turn by organisation number), outside
 * partners their place. The one `regions` row names the region and says the data are simulated.
 */
import type { RawTable, RawTables, Value } from '../dataset/raw.ts';
import { ORGANISATION_KINDS, STORED_TIE_KINDS } from '../model/index.ts';
import { localityNames } from '../regions/definitions.ts';
import type { Scenario } from './scenario.ts';
import type { Place } from './setup.ts';
import { ROLES, type SimState } from './state.ts';
import { modelTables } from './tables-model.ts';

function table(columns: Record<string, Value[]>): RawTable {
  const first = Object.values(columns)[0];
  return { rowCount: first?.length ?? 0, columns };
}

export interface RunLabel {
  runId: string;
  seed: number;
}

export function toRawTables(s: SimState, scenario: Scenario, places: Place[], label: RunLabel): RawTables {
  const { runId } = label;
  const org = (o: number) => `${runId}-o${o}`;
  const person = (i: number) => `${runId}-p${i}`;
  const region = scenario.region;
  const localities = localityNames(region).length > 0 ? region.localities.map((l) => l.name) : [];
  const n = s.orgCount;
  const o = {
    id: [] as Value[],
    name: [] as Value[],
    kind: [] as Value[],
    sector: [] as Value[],
    founded: [] as Value[],
    closed: [] as Value[],
    country: [] as Value[],
    nuts: [] as Value[],
    locality: [] as Value[],
    sme: [] as Value[],
  };
  for (let i = 0; i < n; i++) {
    const kind = ORGANISATION_KINDS[s.orgKind[i]];
    o.id.push(org(i));
    o.name.push(`${s.orgLocal[i] ? 'Simulated' : 'Outside'} ${kind} ${i}`);
    o.kind.push(kind);
    o.sector.push(scenario.sectors[s.orgSector[i]]);
    o.founded.push(s.orgFounded[i]);
    o.closed.push(s.orgClosed[i] === 0 ? null : s.orgClosed[i]);
    if (s.orgLocal[i]) {
      o.country.push(region.country);
      o.nuts.push(region.nuts[i % region.nuts.length]);
      o.locality.push(localities.length > 0 ? localities[i % localities.length] : null);
    } else {
      const place = places[s.orgPlace[i]];
      o.country.push(place.country);
      o.nuts.push(place.nuts);
      o.locality.push(null);
    }
    o.sme.push(kind === 'sme' ? true : kind === 'large-firm' || kind === 'mnc-subsidiary' ? false : null);
  }

  const ties = {
    source: [] as Value[],
    target: [] as Value[],
    kind: [] as Value[],
    start: [] as Value[],
    end: [] as Value[],
  };
  for (let t = 0; t < s.tieCount; t++) {
    ties.source.push(org(s.tieSource[t]));
    ties.target.push(org(s.tieTarget[t]));
    ties.kind.push(STORED_TIE_KINDS[s.tieKind[t]]);
    ties.start.push(s.tieStart[t]);
    ties.end.push(s.tieEnd[t] === 0 ? null : s.tieEnd[t]);
  }

  const sp = s.spinoffs;
  const spinoffs = {
    child: [] as Value[],
    parent: [] as Value[],
    year: [] as Value[],
    founders: [] as Value[],
  };
  for (let r = 0; r < sp.count; r++) {
    spinoffs.child.push(org(sp.get(0, r)));
    spinoffs.parent.push(org(sp.get(1, r)));
    spinoffs.year.push(sp.get(2, r));
    spinoffs.founders.push(1);
  }

  const ac = s.acquisitions;
  const acquisitions = {
    target: [] as Value[],
    acquirer: [] as Value[],
    year: [] as Value[],
    multinational: [] as Value[],
    autonomy: [] as Value[],
  };
  for (let r = 0; r < ac.count; r++) {
    acquisitions.target.push(org(ac.get(0, r)));
    acquisitions.acquirer.push(org(ac.get(1, r)));
    acquisitions.year.push(ac.get(2, r));
    acquisitions.multinational.push(true);
    acquisitions.autonomy.push(ac.get(3, r) === 1);
  }

  const mv = s.moves;
  const moves = {
    person: [] as Value[],
    from: [] as Value[],
    to: [] as Value[],
    year: [] as Value[],
    role: [] as Value[],
  };
  for (let r = 0; r < mv.count; r++) {
    const from = mv.get(1, r);
    moves.person.push(person(mv.get(0, r)));
    moves.from.push(from >= 0 ? org(from) : null);
    moves.to.push(org(mv.get(2, r)));
    moves.year.push(mv.get(3, r));
    moves.role.push(ROLES[mv.get(4, r)]);
  }

  const em = s.employment;
  const employment = { organisation: [] as Value[], year: [] as Value[], employees: [] as Value[] };
  for (let r = 0; r < em.count; r++) {
    employment.organisation.push(org(em.get(0, r)));
    employment.year.push(em.get(1, r));
    employment.employees.push(em.get(2, r));
  }

  const people = { id: [] as Value[] };
  for (let i = 0; i < s.personCount; i++) people.id.push(person(i));

  return {
    regions: table({
      id: [runId],
      name: [`${region.name} (simulated: ${scenario.name}, seed ${label.seed}, run ${runId})`],
      kind: ['cluster'],
      nuts: [region.nuts],
      localities: [localities],
      country: [region.country],
    }),
    organisations: table(o),
    employment: table(employment),
    ties: table(ties),
    spinoffs: table(spinoffs),
    acquisitions: table(acquisitions),
    people: table(people),
    moves: table(moves),
    ...modelTables(s, scenario, runId),
  };
}
