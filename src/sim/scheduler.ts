/**
 * The scheduler: runs the processes once a year in a fixed order (policy → migration → founding →
 * hiring → partnering → sourcing → projects → innovation → learning → growth → exits →
 * acquisition), then records employment. Every process draws from its own stream, seeded from the
 * run's seed and the process's name, so switching one process off leaves the numbers the others
 * draw unchanged (their outcomes can still change through the shared state).
 */
import { mulberry32, type Rng, splitmix32 } from '../graph/rng.ts';
import type { ProcessContext } from './context.ts';
import { acquisition } from './processes/acquisition.ts';
import { exits } from './processes/exits.ts';
import { founding } from './processes/founding.ts';
import { growth } from './processes/growth.ts';
import { hiring } from './processes/hiring.ts';
import { innovation } from './processes/innovation.ts';
import { learning } from './processes/learning.ts';
import { migration } from './processes/migration.ts';
import { partnering } from './processes/partnering.ts';
import { policy } from './processes/policy.ts';
import { projects } from './processes/projects.ts';
import { sourcing } from './processes/sourcing.ts';
import { demandLevel, type Scenario } from './scenario.ts';
import type { SimState } from './state.ts';

export const PROCESSES = {
  policy,
  migration,
  founding,
  hiring,
  partnering,
  sourcing,
  projects,
  innovation,
  learning,
  growth,
  exits,
  acquisition,
} as const;
export type ProcessName = keyof typeof PROCESSES;
export const PROCESS_NAMES = Object.keys(PROCESSES) as ProcessName[];

/** FNV-1a of a name, to give each stream its own seed. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The stream of one named process for a run seed: mulberry32 seeded by splitmix32(seed ⊕ hash(name)). */
export function streamFor(seed: number, name: string): Rng {
  return mulberry32(Math.floor(splitmix32((seed ^ nameHash(name)) >>> 0)() * 4294967296));
}

export interface RunOptions {
  /** Processes to leave out (default: none). */
  off?: readonly ProcessName[];
  /** Called with each draw of each process (for tests of the streams). */
  onDraw?: (process: ProcessName, value: number) => void;
  /** Called at the start of each year, before the processes (for benchmarks and traces). */
  onYear?: (state: SimState, year: number) => void;
  /** Called just before each process runs (for tests of the streams: whose draws are whose). */
  onProcess?: (process: ProcessName, year: number) => void;
}

export function run(state: SimState, scenario: Scenario, seed: number, options: RunOptions = {}): void {
  const streams = {} as Record<ProcessName, Rng>;
  for (const name of PROCESS_NAMES) {
    const rng = streamFor(seed, name);
    const onDraw = options.onDraw;
    streams[name] = onDraw
      ? () => {
          const v = rng();
          onDraw(name, v);
          return v;
        }
      : rng;
  }
  const off = new Set(options.off ?? []);
  for (let year = scenario.years.from; year <= scenario.years.to; year++) {
    state.year = year;
    const demand = demandLevel(scenario, year);
    options.onYear?.(state, year);
    for (const name of PROCESS_NAMES) {
      if (off.has(name)) continue;
      const ctx: ProcessContext = {
        state,
        params: scenario.parameters,
        scenario,
        rng: streams[name],
        year,
        demand,
      };
      options.onProcess?.(name, year);
      PROCESSES[name](ctx);
    }
    recordEmployment(state, year);
  }
}

/** One employment row per open local organisation: its head count at the end of the year. */
function recordEmployment(s: SimState, year: number): void {
  for (let o = 0; o < s.orgCount; o++)
    if (s.orgLocal[o] === 1 && s.orgClosed[o] === 0) s.employment.push(o, year, s.orgSize[o]);
}
