/**
 * The simulator's state as struct-of-arrays: one typed array per attribute of organisations, people
 * and ties, grown by doubling, so the yearly loops touch contiguous numbers and allocate nothing per
 * agent. Recorded events (spin-offs, moves, acquisitions, employment, the event log) are appended to
 * growable columns too; `toRawTables` turns them into the package tables at the end.
 */
import { ORGANISATION_KINDS, type OrganisationKind } from '../model/index.ts';
import { PairSet } from './pair-set.ts';

export const kindCode = (kind: OrganisationKind): number => ORGANISATION_KINDS.indexOf(kind);
export const SME = kindCode('sme');
export const LARGE_FIRM = kindCode('large-firm');
export const MNC_SUBSIDIARY = kindCode('mnc-subsidiary');
export const MNC_LAB = kindCode('mnc-rd-lab');
export const UNIVERSITY = kindCode('university');
export const INSTITUTE = kindCode('research-institute');

/** A firm grows, shrinks and exits with performance; other kinds keep their size. */
export function isFirm(kind: number): boolean {
  return kind === SME || kind === LARGE_FIRM || kind === MNC_SUBSIDIARY || kind === MNC_LAB;
}

export const ROLES = ['researcher', 'engineer', 'manager', 'founder'] as const;
export const RESEARCHER = 0;
export const ENGINEER = 1;
export const MANAGER = 2;
export const FOUNDER = 3;

/**
 * Event kinds of the log (a person, an organisation and another organisation or -1; for `tie` and
 * `tie-end` the person slot holds the tie's index instead, so the log can name the tie's kind).
 */
export const EVENTS = [
  'found',
  'hire',
  'move',
  'leave',
  'tie',
  'tie-end',
  'acquire',
  'exit',
  'arrive',
  'policy',
  'project',
] as const;
export const EV_FOUND = 0;
export const EV_HIRE = 1;
export const EV_MOVE = 2;
export const EV_LEAVE = 3;
export const EV_TIE = 4;
export const EV_TIE_END = 5;
export const EV_ACQUIRE = 6;
export const EV_EXIT = 7;
/** An in-migrating firm or a multinational R&D lab locates in the region (other: −1 or the lab's owner). */
export const EV_ARRIVE = 8;
/** A policy lever starts acting (organisation: the scenario's lever index; other: −1). */
export const EV_POLICY = 9;
/** A joint R&D project starts (organisation: its coordinator; other: the project's index). */
export const EV_PROJECT = 10;

/** Innovation-source slots per organisation: the INNOVATION_SOURCES, then own R&D. */
export const SOURCE_SLOTS = 9;
export const OWN_RD = 8;

/** Slots of `SimState.work` / `workF64`: one per work array a process keeps through its pass. */
export const WORK_EMPLOYERS = 0;
export const WORK_EXCESS = 1;
export const WORK_SEEKERS = 2;
export const WORK_ORIGIN = 3;
export const WORK_ORDER = 4;
export const WORK_HIRED = 5;
export const WORK_LOCAL = 6;
export const WORK_OUTSIDE = 7;
export const WORK_PARTNERS = 8;
export const WORK_TIE_OFFSETS = 9;
export const WORK_TIE_LIST = 10;
export const WORK_TIE_FILL = 11;
export const WORK_MEMBERS = 12;
export const WORK_FIRMS = 13;
export const WORK_OWNERS = 14;
export const WORK_CENTRES = 15;
export const WORK_RATE = 0;
export const WORK_BASE = 1;
export const WORK_BEST = 2;

type Typed = Int32Array | Float32Array | Float64Array | Uint8Array | Int16Array;

function grown<T extends Typed>(a: T, need: number): T {
  if (need <= a.length) return a;
  let cap = Math.max(16, a.length);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** Growable columns of int32 values, appended row by row. */
export class Columns {
  count = 0;
  readonly data: Int32Array[];
  constructor(readonly names: readonly string[]) {
    this.data = names.map(() => new Int32Array(64));
  }
  /** Appends a row; columns beyond the table's width are ignored (fixed arity: no array per call). */
  push(a: number, b: number, c: number, d = 0, e = 0): void {
    const i = this.count++;
    const cols = this.data;
    if (this.count > cols[0].length)
      for (let k = 0; k < cols.length; k++) cols[k] = grown(cols[k], this.count);
    cols[0][i] = a;
    cols[1][i] = b;
    cols[2][i] = c;
    if (cols.length > 3) cols[3][i] = d;
    if (cols.length > 4) cols[4][i] = e;
  }
  /** Makes room for `rows` rows in all, so appending up to there copies nothing. */
  reserve(rows: number): void {
    for (let k = 0; k < this.data.length; k++) this.data[k] = grown(this.data[k], rows);
  }
  get(column: number, row: number): number {
    return this.data[column][row];
  }
}

export class SimState {
  /** Number of knowledge fields (the scenario's sectors). */
  readonly fields: number;
  year = 0;

  orgCount = 0;
  orgKind = new Uint8Array(64);
  orgSector = new Uint8Array(64);
  orgFounded = new Int16Array(64);
  /** Year closed; 0 while open. */
  orgClosed = new Int16Array(64);
  /** 1 inside the region, 0 for an outside partner. */
  orgLocal = new Uint8Array(64);
  /** Index into the scenario's outside places (outside partners only). */
  orgPlace = new Int16Array(64);
  orgSize = new Int32Array(64);
  /** Size the organisation hires or lays off towards this year. */
  orgTarget = new Int32Array(64);
  /** Last year's performance (1 = ordinary). */
  orgPerformance = new Float32Array(64);
  /** 1 for firms founded as spin-offs. */
  orgSpinoff = new Uint8Array(64);
  /** Parent organisation (spin-offs) or -1. */
  orgParent = new Int32Array(64);
  /** Acquirer or -1. */
  orgOwner = new Int32Array(64);
  /** `fields` values per organisation, each in [0, 1]. */
  orgKnowledge = new Float32Array(64);
  /**
   * Each organisation's ties (open or ended) as a linked list in the order they were formed: the
   * first and last link, -1 when none. Link 2t is tie t in its source's list, 2t+1 in its
   * target's; `tieNext` holds the following link. Lets a process visit one organisation's ties
   * without scanning every tie ever formed.
   */
  orgTieHead = new Int32Array(64);
  orgTieTail = new Int32Array(64);
  /** Share of the exit risk removed by policy support (spin-off support, science-park tenancy). */
  orgSupport = new Float32Array(64);
  /** SOURCE_SLOTS counts per organisation: innovations that drew on each source. */
  orgSources = new Int32Array(64 * SOURCE_SLOTS);

  /** Intensity of each policy lever this year (policy/levers.ts order; 0 when off). */
  readonly lever = new Float64Array(6);
  /** Multiplier of every spin-off rate this year (spin-off support). */
  spinoffBoost = 1;
  /** The region's attractiveness to in-migrating people and firms this year (1 = ordinary). */
  attractiveness = 1;

  personCount = 0;
  /** Employer or -1 (unemployed, still in the region), -2 (gone from the region). */
  personEmployer = new Int32Array(64);
  personKnowledge = new Float32Array(64);
  personField = new Uint8Array(64);
  personRole = new Uint8Array(64);
  /**
   * People still in the region, in ascending order: the yearly person loops walk these instead of
   * everyone ever simulated. Everyone whose employer is not -2 is in it (it may still hold some
   * who have gone since hiring last pruned it; loops skip them by their employer).
   */
  people = new Int32Array(64);
  peopleCount = 0;

  tieCount = 0;
  tieSource = new Int32Array(64);
  tieTarget = new Int32Array(64);
  /** Index into STORED_TIE_KINDS. */
  tieKind = new Uint8Array(64);
  tieStart = new Int16Array(64);
  /** Last year active; 0 while active. */
  tieEnd = new Int16Array(64);
  /** Links of the organisations' tie lists (see `orgTieHead`), two per tie. */
  tieNext = new Int32Array(128);
  /**
   * Ties open at the last `compactOpenTies` plus those formed since, in ascending order (ended
   * ones are skipped by their `tieEnd`), so yearly tie loops skip the ties that ended long ago.
   */
  openTies = new Int32Array(64);
  openTieCount = 0;

  readonly spinoffs = new Columns(['child', 'parent', 'year']);
  readonly moves = new Columns(['person', 'from', 'to', 'year', 'role']);
  readonly acquisitions = new Columns(['target', 'acquirer', 'year', 'autonomy']);
  readonly employment = new Columns(['organisation', 'year', 'employees']);
  /** The event log: year, event kind, person (or -1), organisation, other organisation (or -1). */
  readonly events = new Columns(['year', 'event', 'person', 'organisation', 'other']);
  /**
   * Joint R&D projects: first and planned last year, the row of its first participation (its
   * coordinator's; a project's participations are consecutive rows), field, cost (kEUR).
   */
  readonly projects = new Columns(['start', 'end', 'first', 'field', 'cost']);
  /** Participations: project, organisation, role (0 coordinator, 1 participant), contribution (EUR). */
  readonly participations = new Columns(['project', 'organisation', 'role', 'contribution']);
  /** Organisation pairs linked by a person who worked at both (moves read so far: `colleagueCursor`). */
  private readonly colleagues = new PairSet();
  private colleagueCursor = 0;

  /** Work arrays reused from year to year (see `work`). */
  private readonly workInt: Int32Array[] = [];
  private readonly workFloat: Float64Array[] = [];

  constructor(fields: number) {
    this.fields = fields;
    // as many organisations' knowledge as the other organisation arrays hold (they grow together)
    this.orgKnowledge = new Float32Array(this.orgKind.length * fields);
  }

  /**
   * A work array of at least `n` int32 values for one purpose (`slot`, one of the WORK_* numbers),
   * reused from year to year so the yearly passes allocate no buffers (each new buffer is memory
   * the garbage collector must later reclaim). Its contents are whatever the last user left.
   */
  work(slot: number, n: number): Int32Array {
    const a = this.workInt[slot];
    if (a !== undefined && a.length >= n) return a;
    const b = new Int32Array(Math.max(64, n, 2 * (a?.length ?? 0)));
    this.workInt[slot] = b;
    return b;
  }

  /** The same for float64 values. */
  workF64(slot: number, n: number): Float64Array {
    const a = this.workFloat[slot];
    if (a !== undefined && a.length >= n) return a;
    const b = new Float64Array(Math.max(64, n, 2 * (a?.length ?? 0)));
    this.workFloat[slot] = b;
    return b;
  }

  addOrganisation(kind: number, sector: number, founded: number, local: boolean, place = -1): number {
    const o = this.orgCount++;
    // one capacity check for the group (all its arrays grow together)
    if (this.orgCount > this.orgKind.length) this.growOrganisations(this.orgCount);
    this.orgKind[o] = kind;
    this.orgSector[o] = sector;
    this.orgFounded[o] = founded;
    this.orgLocal[o] = local ? 1 : 0;
    this.orgPlace[o] = place;
    this.orgPerformance[o] = 1;
    this.orgParent[o] = -1;
    this.orgOwner[o] = -1;
    this.orgTieHead[o] = -1;
    this.orgTieTail[o] = -1;
    return o;
  }

  addPerson(field: number, knowledge: number, role: number): number {
    const i = this.personCount++;
    if (this.personCount > this.personEmployer.length) this.growPersons(this.personCount);
    if (this.peopleCount === this.people.length) this.people = grown(this.people, this.peopleCount + 1);
    this.people[this.peopleCount++] = i;
    this.personEmployer[i] = -1;
    this.personField[i] = field;
    this.personKnowledge[i] = knowledge;
    this.personRole[i] = role;
    return i;
  }

  addTie(source: number, target: number, kind: number, start: number): number {
    const t = this.tieCount++;
    if (this.tieCount > this.tieSource.length) this.growTies(this.tieCount);
    if (this.openTieCount === this.openTies.length)
      this.openTies = grown(this.openTies, this.openTieCount + 1);
    this.openTies[this.openTieCount++] = t;
    this.tieSource[t] = source;
    this.tieTarget[t] = target;
    this.tieKind[t] = kind;
    this.tieStart[t] = start;
    this.link(source, 2 * t);
    this.link(target, 2 * t + 1);
    this.events.push(start, EV_TIE, t, source, target); // the person slot holds the tie, for its kind
    return t;
  }

  private link(o: number, slot: number): void {
    this.tieNext[slot] = -1;
    if (this.orgTieTail[o] < 0) this.orgTieHead[o] = slot;
    else this.tieNext[this.orgTieTail[o]] = slot;
    this.orgTieTail[o] = slot;
  }

  /**
   * Marks `o`'s partners in `mark` (indexed by organisation): bit 1 for an open tie, bit 2 for one
   * that has ended; with `clear`, sets their entries back to 0 instead. One walk of `o`'s tie list
   * answers "have o and b a tie?" for any number of b.
   */
  markPartners(o: number, mark: Int32Array, clear: boolean): void {
    for (let l = this.orgTieHead[o]; l >= 0; l = this.tieNext[l]) {
      const t = l >> 1;
      const other = l & 1 ? this.tieSource[t] : this.tieTarget[t];
      mark[other] = clear ? 0 : mark[other] | (this.tieEnd[t] === 0 ? 1 : 2);
    }
  }

  /** Drops ended ties from `openTies`, keeping the order. */
  compactOpenTies(): void {
    let m = 0;
    for (let k = 0; k < this.openTieCount; k++) {
      const t = this.openTies[k];
      if (this.tieEnd[t] === 0) this.openTies[m++] = t;
    }
    this.openTieCount = m;
  }

  endTie(t: number, year: number): void {
    if (this.tieEnd[t] !== 0) return;
    this.tieEnd[t] = year;
    this.events.push(year, EV_TIE_END, t, this.tieSource[t], this.tieTarget[t]);
  }

  isOpen(o: number): boolean {
    return this.orgClosed[o] === 0;
  }

  /** Employs person `i` at `o` (leaving any current employer); the caller records the move. */
  employ(i: number, o: number): void {
    const from = this.personEmployer[i];
    if (from >= 0) this.orgSize[from]--;
    this.personEmployer[i] = o;
    this.orgSize[o]++;
  }

  /** Person `i` leaves their employer: unemployed in the region (`gone` false) or gone. */
  release(i: number, year: number, gone: boolean): void {
    const from = this.personEmployer[i];
    if (from >= 0) {
      this.orgSize[from]--;
      this.events.push(year, EV_LEAVE, i, from, -1);
    }
    this.personEmployer[i] = gone ? -2 : -1;
  }

  /**
   * Closes the organisations in `closing` (all exits of one year at once: one pass over people and
   * one over ties, however many close): their people become unemployed, their ties end.
   */
  closeAll(closing: readonly number[], year: number): void {
    if (closing.length === 0) return;
    for (const o of closing) {
      this.orgClosed[o] = year;
      this.events.push(year, EV_EXIT, -1, o, -1);
    }
    // (no closure for "closed this year": tsx wraps every closure in a naming call per creation)
    const closedYear = this.orgClosed;
    for (let k = 0; k < this.peopleCount; k++) {
      const i = this.people[k];
      const o = this.personEmployer[i];
      if (o >= 0 && closedYear[o] === year) this.release(i, year, false);
    }
    for (let k = 0; k < this.openTieCount; k++) {
      const t = this.openTies[k];
      // tie ends are organisations (never negative)
      if (
        this.tieEnd[t] === 0 &&
        (closedYear[this.tieSource[t]] === year || closedYear[this.tieTarget[t]] === year)
      )
        this.endTie(t, year);
    }
  }

  /**
   * Sizes the growable arrays, before the initial world is built, for a run that starts with
   * `people` people and `orgs` organisations and lasts `years` years, from the rates of the
   * baseline runs (people ever ≈ 1.7 × the initial people, organisations ≈ 2 ×, ties ≈ 6 × the
   * initial organisations, events ≈ 7.5 and moves ≈ 3.6 per initial person, employment rows ≈ the
   * initial organisations × years). Only a first capacity: arrays still double when a run
   * outgrows it. Growing by doubling from small sizes instead allocates about twice the final
   * memory, and fresh memory is what costs here (page faults, and the garbage collections that
   * large discarded buffers set off).
   */
  reserve(people: number, orgs: number, years: number): void {
    this.growPersons(2 * people);
    this.people = grown(this.people, 2 * people);
    this.growOrganisations(2 * orgs);
    this.growTies(6 * orgs);
    this.openTies = grown(this.openTies, 6 * orgs);
    this.events.reserve(this.events.count + 8 * people);
    this.moves.reserve(this.moves.count + 4 * people);
    this.employment.reserve(this.employment.count + orgs * years);
  }

  /** Grows every organisation array to the same capacity (at least `n` organisations). */
  private growOrganisations(n: number): void {
    this.orgKind = grown(this.orgKind, n);
    const cap = this.orgKind.length;
    this.orgSector = grown(this.orgSector, cap);
    this.orgFounded = grown(this.orgFounded, cap);
    this.orgClosed = grown(this.orgClosed, cap);
    this.orgLocal = grown(this.orgLocal, cap);
    this.orgPlace = grown(this.orgPlace, cap);
    this.orgSize = grown(this.orgSize, cap);
    this.orgTarget = grown(this.orgTarget, cap);
    this.orgPerformance = grown(this.orgPerformance, cap);
    this.orgSpinoff = grown(this.orgSpinoff, cap);
    this.orgParent = grown(this.orgParent, cap);
    this.orgOwner = grown(this.orgOwner, cap);
    this.orgTieHead = grown(this.orgTieHead, cap);
    this.orgTieTail = grown(this.orgTieTail, cap);
    this.orgKnowledge = grown(this.orgKnowledge, cap * this.fields);
    this.orgSupport = grown(this.orgSupport, cap);
    this.orgSources = grown(this.orgSources, cap * SOURCE_SLOTS);
  }

  private growPersons(n: number): void {
    this.personEmployer = grown(this.personEmployer, n);
    const cap = this.personEmployer.length;
    this.personKnowledge = grown(this.personKnowledge, cap);
    this.personField = grown(this.personField, cap);
    this.personRole = grown(this.personRole, cap);
  }

  private growTies(n: number): void {
    this.tieSource = grown(this.tieSource, n);
    const cap = this.tieSource.length;
    this.tieTarget = grown(this.tieTarget, cap);
    this.tieKind = grown(this.tieKind, cap);
    this.tieStart = grown(this.tieStart, cap);
    this.tieEnd = grown(this.tieEnd, cap);
    this.tieNext = grown(this.tieNext, 2 * cap);
  }

  /**
   * True when someone has worked at both organisations (a move from one to the other, a graduate
   * hire from a university included): former colleagues, a proximity for partnering.
   */
  workedTogether(a: number, b: number): boolean {
    const mv = this.moves;
    for (; this.colleagueCursor < mv.count; this.colleagueCursor++) {
      const from = mv.data[1][this.colleagueCursor];
      if (from >= 0) this.colleagues.add(from, mv.data[2][this.colleagueCursor]);
    }
    return this.colleagues.has(a, b);
  }

  /** Cosine similarity of two organisations' knowledge vectors (0 when either is empty). */
  similarity(a: number, b: number): number {
    const f = this.fields;
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let k = 0; k < f; k++) {
      const x = this.orgKnowledge[a * f + k];
      const y = this.orgKnowledge[b * f + k];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  }
}
