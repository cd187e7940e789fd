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

/** A column of `n` values (one array of the final length, filled in order). */
function column(n: number, value: (row: number) => Value): Value[] {
  const out: Value[] = new Array(n);
  for (let r = 0; r < n; r++) out[r] = value(r);
  return out;
}

export interface RunLabel {
  runId: string;
  seed: number;
}

export function toRawTables(s: SimState, scenario: Scenario, places: Place[], label: RunLabel): RawTables {
  const { runId } = label;
  // Ids built once per organisation and person: most rows name the same few thousand.
  const orgIds = Array.from({ length: s.orgCount }, (_, o) => `${runId}-o${o}`);
  const personIds = column(s.personCount, (i) => `${runId}-p${i}`);
  const org = (o: number) => orgIds[o];
  const person = (i: number) => personIds[i];
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

  // The two largest tables, one column at a time into arrays of their final length.
  const [mp, mf, mt, my, mr] = s.moves.data;
  const moves = {
    person: column(s.moves.count, (r) => person(mp[r])),
    from: column(s.moves.count, (r) => (mf[r] >= 0 ? org(mf[r]) : null)),
    to: column(s.moves.count, (r) => org(mt[r])),
    year: column(s.moves.count, (r) => my[r]),
    role: column(s.moves.count, (r) => ROLES[mr[r]]),
  };

  const [eo, ey, ee] = s.employment.data;
  const employment = {
    organisation: column(s.employment.count, (r) => org(eo[r])),
    year: column(s.employment.count, (r) => ey[r]),
    employees: column(s.employment.count, (r) => ee[r]),
  };

  const people = { id: personIds };

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
