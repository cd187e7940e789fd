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

function table(columns: Record<string, Value[]>): RawTable {
  const first = Object.values(columns)[0];
  return { rowCount: first?.length ?? 0, columns };
}

export function modelTables(
  s: SimState,
  scenario: Scenario,
  runId: string,
): Pick<RawTables, 'projects' | 'participations' | 'initiatives' | 'innovation_sources'> {
  const org = (o: number) => `${runId}-o${o}`;
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
  const participations = {
    project: [] as Value[],
    organisation: [] as Value[],
    role: [] as Value[],
    contribution: [] as Value[],
  };
  for (let r = 0; r < pr.count; r++) {
    const start = pr.get(0, r);
    let end = pr.get(1, r);
    const from = pr.get(2, r);
    const to = r + 1 < pr.count ? pr.get(2, r + 1) : pa.count;
    for (let q = from; q < to; q++) {
      const closed = s.orgClosed[pa.get(1, q)];
      if (closed !== 0 && closed < end) end = closed;
      participations.project.push(`${runId}-j${r}`);
      participations.organisation.push(org(pa.get(1, q)));
      participations.role.push(pa.get(2, q) === COORDINATOR_ROLE ? 'coordinator' : 'participant');
      participations.contribution.push(pa.get(3, q));
    }
    projects.id.push(`${runId}-j${r}`);
    projects.acronym.push(`SIM-J${r}`);
    projects.programme.push(programmeOf(start));
    projects.start.push(`${start}-01-01`);
    projects.end.push(`${end}-12-31`);
    projects.cost.push(pr.get(4, r) * 1000);
  }

  const initiatives = {
    region: [] as Value[],
    level: [] as Value[],
    instrument: [] as Value[],
    name: [] as Value[],
    start: [] as Value[],
    end: [] as Value[],
  };
  // the levers that acted: those whose first year was logged by the policy process
  const acted = new Set<number>();
  for (let r = 0; r < s.events.count; r++)
    if (s.events.get(1, r) === EV_POLICY) acted.add(s.events.get(3, r));
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

  const survey = { organisation: [] as Value[], source: [] as Value[], importance: [] as Value[] };
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o])) continue;
    let max = 0;
    for (let k = 0; k < SOURCE_SLOTS; k++) max = Math.max(max, s.orgSources[o * SOURCE_SLOTS + k]);
    if (max === 0) continue;
    for (let k = 0; k < INNOVATION_SOURCES.length; k++) {
      const n = s.orgSources[o * SOURCE_SLOTS + k];
      survey.organisation.push(org(o));
      survey.source.push(INNOVATION_SOURCES[k]);
      survey.importance.push(n === 0 ? 1 : 1 + Math.ceil((4 * n) / max));
    }
  }

  return {
    projects: table(projects),
    participations: table(participations),
    initiatives: table(initiatives),
    innovation_sources: table(survey),
  };
}
