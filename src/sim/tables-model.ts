/**
 * The package tables of the newer processes: `projects` and `participations` (projects.ts),
 * `initiatives` (the scenario's levers that acted in the simulated years, policy/levers.ts) and
 * `innovation_sources` (innovation.ts). A project ends at its planned end or in the exit year of
 * its first participant to exit, whichever is earlier, so every participant is alive throughout.
 * The innovation survey asks every open local firm that innovated at least once, about every
 * source: importance 1 for a source never used, else 1 + ⌈4 · n_source / n_max⌉ with n_max the
 * firm's most used source (own R&D included), so the main source scores 5.
 */
import type { RawTable, RawTables, Value } from '../dataset/raw.ts';
import { INNOVATION_SOURCES } from '../model/index.ts';
import { activeSpan, LEVER_SPECS } from './policy/levers.ts';
import { COORDINATOR_ROLE, programmeOf } from './processes/projects.ts';
import type { Scenario } from './scenario.ts';
import { EV_POLICY, isFirm, type SimState, SOURCE_SLOTS } from './state.ts';
import { lazyTable } from './tables-typed.ts';

function table(columns: Record<string, Value[]>): RawTable {
  const first = Object.values(columns)[0];
  return { rowCount: first?.length ?? 0, columns };
}

/**
 * The four tables. `orgIds` (every organisation's id, as toRawTables builds them) saves building
 * the same strings again; participations and the survey are built when first read (lazyTable).
 */
export function modelTables(
  s: SimState,
  scenario: Scenario,
  runId: string,
  orgIds: readonly string[] = Array.from({ length: s.orgCount }, (_, o) => `${runId}-o${o}`),
): Pick<RawTables, 'projects' | 'participations' | 'initiatives' | 'innovation_sources'> {
  const org = (o: number) => orgIds[o];
  const pr = s.projects;
  const pa = s.participations;
  const projects = {
    id: [] as Value[],
    acronym: [] as Value[],
    programme: [] as Value[],
    start: [] as Value[],
    end: [] as Value[],
    cost: [] as Value[],
  };
  let participationCount = 0;
  for (let r = 0; r < pr.count; r++) {
    const start = pr.get(0, r);
    let end = pr.get(1, r);
    const from = pr.get(2, r);
    const to = r + 1 < pr.count ? pr.get(2, r + 1) : pa.count;
    for (let q = from; q < to; q++) {
      const closed = s.orgClosed[pa.get(1, q)];
      if (closed !== 0 && closed < end) end = closed;
      participationCount++;
    }
    projects.id.push(`${runId}-j${r}`);
    projects.acronym.push(`SIM-J${r}`);
    projects.programme.push(programmeOf(start));
    projects.start.push(`${start}-01-01`);
    projects.end.push(`${end}-12-31`);
    projects.cost.push(pr.get(4, r) * 1000);
  }
  // one row per participation, project by project (each project's participations are a range);
  // the counts taken now, as the other tables' are (the state is final)
  const projectCount = pr.count;
  const participationRows = pa.count;
  const participations = lazyTable(
    participationCount,
    ['project', 'organisation', 'role', 'contribution'],
    () => {
      const columns = {
        project: [] as Value[],
        organisation: [] as Value[],
        role: [] as Value[],
        contribution: [] as Value[],
      };
      for (let r = 0; r < projectCount; r++) {
        const to = r + 1 < projectCount ? pr.get(2, r + 1) : participationRows;
        for (let q = pr.get(2, r); q < to; q++) {
          columns.project.push(projects.id[r]);
          columns.organisation.push(org(pa.get(1, q)));
          columns.role.push(pa.get(2, q) === COORDINATOR_ROLE ? 'coordinator' : 'participant');
          columns.contribution.push(pa.get(3, q));
        }
      }
      return columns;
    },
  );

  const initiatives = {
    region: [] as Value[],
    level: [] as Value[],
    instrument: [] as Value[],
    name: [] as Value[],
    start: [] as Value[],
    end: [] as Value[],
  };
  // the levers that acted: those whose first year was logged by the policy process (the event log
  // holds some 10 events a person; a scenario without levers need not read it)
  const acted = new Set<number>();
  if (scenario.policy.length > 0) {
    const kind = s.events.data[1];
    const lever = s.events.data[3];
    for (let r = 0; r < s.events.count; r++) if (kind[r] === EV_POLICY) acted.add(lever[r]);
  }
  for (let k = 0; k < scenario.policy.length; k++) {
    const l = scenario.policy[k];
    const span = activeSpan(l, scenario.years);
    if (!span || !acted.has(k)) continue;
    initiatives.region.push(runId);
    initiatives.level.push(l.level);
    const instrument = LEVER_SPECS[l.lever].instrument;
    initiatives.instrument.push(l.style ? `${instrument}, ${l.style}` : instrument);
    initiatives.name.push(`${l.name}, ${l.costPerYear} EUR/year`);
    // the lever's own years, as the scenario states them (it may start before the simulated years)
    initiatives.start.push(l.from);
    initiatives.end.push(l.to ?? null);
  }

  // the survey's firms: open local firms with at least one innovation
  const surveyed: number[] = [];
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o])) continue;
    let max = 0;
    for (let k = 0; k < SOURCE_SLOTS; k++) max = Math.max(max, s.orgSources[o * SOURCE_SLOTS + k]);
    if (max > 0) surveyed.push(o);
  }
  const survey = lazyTable(
    surveyed.length * INNOVATION_SOURCES.length,
    ['organisation', 'source', 'importance'],
    () => {
      const columns = { organisation: [] as Value[], source: [] as Value[], importance: [] as Value[] };
      for (const o of surveyed) {
        let max = 0;
        for (let k = 0; k < SOURCE_SLOTS; k++) max = Math.max(max, s.orgSources[o * SOURCE_SLOTS + k]);
        for (let k = 0; k < INNOVATION_SOURCES.length; k++) {
          const n = s.orgSources[o * SOURCE_SLOTS + k];
          columns.organisation.push(org(o));
          columns.source.push(INNOVATION_SOURCES[k]);
          columns.importance.push(n === 0 ? 1 : 1 + Math.ceil((4 * n) / max));
        }
      }
      return columns;
    },
  );

  return {
    projects: table(projects),
    participations,
    initiatives: table(initiatives),
    innovation_sources: survey,
  };
}
