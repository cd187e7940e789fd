/**
 * Data collection: the final state and the recorded events as the package tables (RawTables, the
 * shape every reader produces). Ids are prefixed with the run id; local organisations get the
 * region's NUTS codes, country and localities (taken in turn by organisation number), outside
 * partners their place. The one `regions` row names the region and says the data are simulated.
 *
 * The tables of rows that name organisations and people by id (employment, ties, spin-offs,
 * acquisitions, people, moves) are built when first read: a run measured in memory (an ensemble's)
 * reads the Dataset's typed columns (tables-typed.ts) and never needs their 100,000 id strings,
 * while `milieu simulate` and the output hash read them all and get the same values as if they had
 * been built at once. They read the state when first read: it is the run's final state, which
 * nothing changes after (simulate() hands it out for reading only).
 */
import type { RawTable, RawTables, Value } from '../dataset/raw.ts';
import { ORGANISATION_KINDS, STORED_TIE_KINDS } from '../model/index.ts';
import { localityNames } from '../regions/definitions.ts';
import type { Scenario } from './scenario.ts';
import type { Place } from './setup.ts';
import { ROLES, type SimState } from './state.ts';
import { modelTables } from './tables-model.ts';
import { lazyTable } from './tables-typed.ts';

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
  const np = s.personCount;
  let personIdList: Value[] | null = null;
  const personIds = () => {
    personIdList ??= column(np, (i) => `${runId}-p${i}`);
    return personIdList;
  };
  const org = (o: number) => orgIds[o];
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

  const nt = s.tieCount;
  const ties = lazyTable(nt, ['source', 'target', 'kind', 'start', 'end'], () => ({
    source: column(nt, (t) => org(s.tieSource[t])),
    target: column(nt, (t) => org(s.tieTarget[t])),
    kind: column(nt, (t) => STORED_TIE_KINDS[s.tieKind[t]]),
    start: column(nt, (t) => s.tieStart[t]),
    end: column(nt, (t) => (s.tieEnd[t] === 0 ? null : s.tieEnd[t])),
  }));

  const sp = s.spinoffs;
  const ns = sp.count;
  const spinoffs = lazyTable(ns, ['child', 'parent', 'year', 'founders'], () => ({
    child: column(ns, (r) => org(sp.get(0, r))),
    parent: column(ns, (r) => org(sp.get(1, r))),
    year: column(ns, (r) => sp.get(2, r)),
    founders: column(ns, () => 1),
  }));

  const ac = s.acquisitions;
  const na = ac.count;
  const acquisitions = lazyTable(na, ['target', 'acquirer', 'year', 'multinational', 'autonomy'], () => ({
    target: column(na, (r) => org(ac.get(0, r))),
    acquirer: column(na, (r) => org(ac.get(1, r))),
    year: column(na, (r) => ac.get(2, r)),
    multinational: column(na, () => true),
    autonomy: column(na, (r) => ac.get(3, r) === 1),
  }));

  // The two largest tables, one column at a time into arrays of their final length.
  const [mp, mf, mt, my, mr] = s.moves.data;
  const nm = s.moves.count;
  const moves = lazyTable(nm, ['person', 'from', 'to', 'year', 'role'], () => {
    const person = personIds();
    return {
      person: column(nm, (r) => person[mp[r]]),
      from: column(nm, (r) => (mf[r] >= 0 ? org(mf[r]) : null)),
      to: column(nm, (r) => org(mt[r])),
      year: column(nm, (r) => my[r]),
      role: column(nm, (r) => ROLES[mr[r]]),
    };
  });

  const [eo, ey, ee] = s.employment.data;
  const ne = s.employment.count;
  const employment = lazyTable(ne, ['organisation', 'year', 'employees'], () => ({
    organisation: column(ne, (r) => org(eo[r])),
    year: column(ne, (r) => ey[r]),
    employees: column(ne, (r) => ee[r]),
  }));

  const people = lazyTable(np, ['id'], () => ({ id: personIds() }));

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
    employment,
    ties,
    spinoffs,
    acquisitions,
    people,
    moves,
    ...modelTables(s, scenario, runId, orgIds),
  };
}
