/**
 * A run's tables in the Dataset's typed form, straight from the state's typed arrays: the ties,
 * participations and spin-offs that buildDataset would otherwise decode from id strings, and the
 * employment and moves tables as numbers (NumericTables), which the evolution, spinoffs and
 * mobility families read instead of looking 70,000 ids up. Each column equals what buildDataset
 * decodes from the raw tables of tables.ts / tables-model.ts (a test compares them on whole runs):
 * an organisation's row number is its state number (ids `<run>-o<number>` are unique and in that
 * order), project r is row r, codes are indexes into the same vocabularies, and the state's 0
 * for "no end" is NaN as the raw table's null is.
 *
 * Also `lazyTable`, which lets the raw tables' id strings be built only when read.
 */
import type { PrebuiltColumns } from '../dataset/build.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import type { RawTable, Value } from '../dataset/raw.ts';
import { PARTICIPATION_ROLES, STORED_TIE_KINDS } from '../model/index.ts';
import { COORDINATOR_ROLE } from './processes/projects.ts';
import type { SimState } from './state.ts';

/**
 * A table of `rowCount` rows whose columns are built by `build` when one of them is first read
 * (then kept). The columns are enumerable properties in `names`' order, as a plain table's are, so
 * JSON, Object.keys and equality see the same table; a column may be replaced by assignment.
 */
export function lazyTable(
  rowCount: number,
  names: readonly string[],
  build: () => Record<string, Value[]>,
): RawTable {
  const columns: Record<string, Value[]> = {};
  // Redefining a property keeps its place in the key order, so the settled table lists its
  // columns in `names`' order as the lazy one did.
  const settle = (values: Record<string, Value[]>) => {
    for (const name of names)
      Object.defineProperty(columns, name, {
        value: values[name],
        writable: true,
        enumerable: true,
        configurable: true,
      });
  };
  for (const name of names)
    Object.defineProperty(columns, name, {
      enumerable: true,
      configurable: true,
      get() {
        settle(build());
        return columns[name];
      },
      set(value: Value[]) {
        settle(build());
        columns[name] = value;
      },
    });
  return { rowCount, columns };
}

const COORDINATOR = PARTICIPATION_ROLES.indexOf('coordinator');
const PARTICIPANT = PARTICIPATION_ROLES.indexOf('participant');

/** Years or counts as float64, the state's 0 ("none") as NaN when `zeroIsMissing`. */
function floats(values: ArrayLike<number>, n: number, zeroIsMissing = false): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = zeroIsMissing && values[i] === 0 ? Number.NaN : values[i];
  return out;
}

/** The typed columns of a run (see the module comment), for buildDataset's `prebuilt`. */
export function prebuiltColumns(s: SimState): PrebuiltColumns {
  const nt = s.tieCount;
  const kind = new Uint8Array(nt);
  for (let t = 0; t < nt; t++) kind[t] = s.tieKind[t] < STORED_TIE_KINDS.length ? s.tieKind[t] : UNKNOWN_CODE;
  const ties = {
    count: nt,
    source: s.tieSource.slice(0, nt),
    target: s.tieTarget.slice(0, nt),
    kind,
    start: floats(s.tieStart, nt),
    end: floats(s.tieEnd, nt, true),
    weight: new Float64Array(nt).fill(1),
  };

  // participations in the order tables-model.ts writes them: project by project, each a range
  const pr = s.projects;
  const pa = s.participations;
  const organisation: number[] = [];
  const project: number[] = [];
  const role: number[] = [];
  const contribution: number[] = [];
  for (let r = 0; r < pr.count; r++) {
    const to = r + 1 < pr.count ? pr.get(2, r + 1) : pa.count;
    for (let q = pr.get(2, r); q < to; q++) {
      organisation.push(pa.get(1, q));
      project.push(r);
      role.push(pa.get(2, q) === COORDINATOR_ROLE ? COORDINATOR : PARTICIPANT);
      contribution.push(pa.get(3, q));
    }
  }
  const participations = {
    count: organisation.length,
    organisation: Int32Array.from(organisation),
    project: Int32Array.from(project),
    role: Uint8Array.from(role),
    contribution: Float64Array.from(contribution),
  };

  const sp = s.spinoffs;
  const spinoffs = {
    count: sp.count,
    child: sp.data[0].slice(0, sp.count),
    parent: sp.data[1].slice(0, sp.count),
    year: floats(sp.data[2], sp.count),
    founders: new Float64Array(sp.count).fill(1),
  };

  const [eo, ey, ee] = s.employment.data;
  const ne = s.employment.count;
  const [, mf, mt, my] = s.moves.data;
  const nm = s.moves.count;
  const from = mf.slice(0, nm);
  for (let r = 0; r < nm; r++) if (from[r] < 0) from[r] = -1; // no former employer: the raw null
  return {
    ties,
    participations,
    spinoffs,
    numeric: {
      employment: {
        count: ne,
        organisation: eo.slice(0, ne),
        year: floats(ey, ne),
        employees: floats(ee, ne),
      },
      moves: { count: nm, from, to: mt.slice(0, nm), year: floats(my, nm) },
    },
  };
}
