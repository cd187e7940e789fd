/**
 * The event log of a run as JSON lines (`milieu simulate … --events FILE`), one object per event in
 * the order they happened, with the run's ids, so a user can trace why any organisation exists and
 * what happened to it: `initial` (an organisation of the starting world), `found` (a spin-off with
 * its parent, or a de novo firm), `arrive` (an in-migrating firm, or a multinational R&D lab with
 * its owner), `hire`, `move`, `leave`, `tie` and `tie-end` (with the tie's kind), `acquire`, `exit`, `policy` (a lever starts
 * acting: instrument, intensity, cost per year) and `project` (a joint R&D project: coordinator,
 * participants, years). docs/model.md ("Event log") lists the fields of each.
 */
import { ORGANISATION_KINDS, STORED_TIE_KINDS } from '../model/index.ts';
import { LEVER_SPECS } from './policy/levers.ts';
import type { Scenario } from './scenario.ts';
import type { SimulationResult } from './simulate.ts';
import {
  EV_ACQUIRE,
  EV_ARRIVE,
  EV_EXIT,
  EV_FOUND,
  EV_HIRE,
  EV_LEAVE,
  EV_MOVE,
  EV_POLICY,
  EV_PROJECT,
  EV_TIE,
  EV_TIE_END,
  EVENTS,
  type SimState,
} from './state.ts';

type Entry = Record<string, string | number | boolean | string[] | null>;

/** The run's events as JSON lines (each line ends with a newline). */
export function eventLog(result: Pick<SimulationResult, 'state' | 'manifest'>, scenario: Scenario): string {
  const s = result.state;
  const runId = result.manifest.runId;
  const org = (o: number) => (o >= 0 ? `${runId}-o${o}` : null);
  const person = (i: number) => (i >= 0 ? `${runId}-p${i}` : null);
  const kind = (o: number) => ORGANISATION_KINDS[s.orgKind[o]];
  const first = result.manifest.years.from;
  const lines: string[] = [];
  const put = (e: Entry) => lines.push(JSON.stringify(e));
  for (let o = 0; o < s.orgCount; o++)
    if (s.orgLocal[o] === 1 && s.orgFounded[o] < first)
      put({
        year: first - 1,
        event: 'initial',
        organisation: org(o),
        kind: kind(o),
        founded: s.orgFounded[o],
      });
  const ev = s.events;
  for (let r = 0; r < ev.count; r++) {
    const [year, code, i, o, other] = [ev.get(0, r), ev.get(1, r), ev.get(2, r), ev.get(3, r), ev.get(4, r)];
    const e: Entry = { year, event: EVENTS[code] };
    switch (code) {
      case EV_FOUND:
        Object.assign(e, {
          how: other >= 0 ? 'spin-off' : 'de novo',
          organisation: org(o),
          founder: person(i),
          parent: org(other),
          parentKind: other >= 0 ? kind(other) : null,
        });
        break;
      case EV_ARRIVE:
        Object.assign(e, {
          organisation: org(o),
          kind: kind(o),
          manager: person(i),
          owner: org(other),
        });
        break;
      case EV_HIRE:
      case EV_MOVE:
        Object.assign(e, { person: person(i), organisation: org(o), from: org(other) });
        break;
      case EV_LEAVE:
        Object.assign(e, { person: person(i), organisation: org(o) });
        break;
      case EV_TIE:
      case EV_TIE_END:
        // a tie event's person slot holds the tie (SimState.addTie), so the line can name its kind
        Object.assign(e, { organisation: org(o), partner: org(other), kind: STORED_TIE_KINDS[s.tieKind[i]] });
        break;
      case EV_ACQUIRE:
        Object.assign(e, { organisation: org(o), acquirer: org(other) });
        break;
      case EV_EXIT:
        Object.assign(e, { organisation: org(o) });
        break;
      case EV_POLICY:
        Object.assign(e, policyEntry(scenario, o));
        break;
      case EV_PROJECT:
        Object.assign(e, projectEntry(s, other, runId));
        break;
    }
    put(e);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function policyEntry(scenario: Scenario, k: number): Entry {
  const l = scenario.policy[k];
  return {
    lever: l.lever,
    instrument: LEVER_SPECS[l.lever].instrument,
    style: l.style ?? null,
    name: l.name,
    intensity: l.intensity,
    costPerYear: l.costPerYear,
    to: l.to ?? null,
  };
}

function projectEntry(s: SimState, r: number, runId: string): Entry {
  const pr = s.projects;
  const pa = s.participations;
  const from = pr.get(2, r);
  const to = r + 1 < pr.count ? pr.get(2, r + 1) : pa.count;
  const participants: string[] = [];
  for (let q = from; q < to; q++) participants.push(`${runId}-o${pa.get(1, q)}`);
  return {
    project: `${runId}-j${r}`,
    coordinator: participants[0],
    participants,
    plannedEnd: pr.get(1, r),
  };
}
