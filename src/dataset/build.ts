/**
 * Builds a Dataset from raw tables: dictionary-encodes ids, turns references into organisation
 * numbers and compiles the networks. One pass per table; the co-participation projection is the
 * only super-linear step (sum over projects of participants squared).
 */
import { mergeEdges } from '../graph/csr.ts';
import { projectBipartite } from '../graph/projection.ts';
import { ORGANISATION_KINDS, PARTICIPATION_ROLES, STORED_TIE_KINDS } from '../model/index.ts';
import { MILIEU_VERSION } from '../version.ts';
import type { Dataset, DatasetMeta, NumericTables, Participations, Spinoffs, Ties } from './dataset.ts';
import { UNKNOWN_CODE } from './dataset.ts';
import { emptyRawTable, type RawTable, type RawTables, type Value } from './raw.ts';

function col(table: RawTable | undefined, name: string): Value[] {
  return table?.columns[name] ?? [];
}

function numbers(values: Value[], n: number): Float64Array {
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'string' && v !== '') out[i] = Number(v);
  }
  return out;
}

function strings(values: Value[], n: number): (string | null)[] {
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? null : String(v);
  }
  return out;
}

function codes(values: Value[], n: number, vocabulary: readonly string[]): Uint8Array {
  const index = new Map(vocabulary.map((v, i) => [v, i]));
  const out = new Uint8Array(n).fill(UNKNOWN_CODE);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) out[i] = index.get(String(v)) ?? UNKNOWN_CODE;
  }
  return out;
}

/** Maps id strings to their row numbers; -1 when unknown (readers validate, so only for safety). */
function refs(values: Value[], index: Map<string, number>): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? -1 : (index.get(String(v)) ?? -1);
  }
  return out;
}

/**
 * Typed columns a caller already holds (a simulation run in memory: src/sim/tables-typed.ts), used
 * instead of decoding the same raw columns: each must equal what buildDataset would decode from
 * `raw` (organisation and project references as row numbers, kinds and roles as codes, missing
 * numbers NaN). `numeric` is attached to the Dataset as is.
 */
export interface PrebuiltColumns {
  ties?: Ties;
  participations?: Participations;
  spinoffs?: Spinoffs;
  numeric?: NumericTables;
}

export function buildDataset(
  raw: RawTables,
  meta: Partial<DatasetMeta> = {},
  prebuilt: PrebuiltColumns = {},
): Dataset {
  const org = raw.organisations ?? emptyRawTable(['id']);
  const n = org.rowCount;
  const ids = strings(col(org, 'id'), n) as string[];
  const orgIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) orgIndex.set(ids[i], i);
  const sme = new Int8Array(n).fill(-1);
  const smeCol = col(org, 'sme');
  for (let i = 0; i < smeCol.length; i++) if (smeCol[i] !== null) sme[i] = smeCol[i] ? 1 : 0;

  const tieTable = raw.ties;
  const tieCount = tieTable?.rowCount ?? 0;
  const ties = prebuilt.ties ?? {
    count: tieCount,
    source: refs(col(tieTable, 'source'), orgIndex),
    target: refs(col(tieTable, 'target'), orgIndex),
    kind: codes(col(tieTable, 'kind'), tieCount, STORED_TIE_KINDS),
    start: numbers(col(tieTable, 'start'), tieCount),
    end: numbers(col(tieTable, 'end'), tieCount),
    weight: numbers(col(tieTable, 'weight'), tieCount).map((w) => (Number.isNaN(w) ? 1 : w)),
  };

  const proj = raw.projects;
  const projectCount = proj?.rowCount ?? 0;
  const projectIds = strings(col(proj, 'id'), projectCount) as string[];
  const projectIndex = new Map<string, number>();
  for (let i = 0; i < projectCount; i++) projectIndex.set(projectIds[i], i);

  const part = raw.participations;
  const partCount = part?.rowCount ?? 0;
  const participations = prebuilt.participations ?? {
    count: partCount,
    organisation: refs(col(part, 'organisation'), orgIndex),
    project: refs(col(part, 'project'), projectIndex),
    role: codes(col(part, 'role'), partCount, PARTICIPATION_ROLES),
    contribution: numbers(col(part, 'contribution'), partCount),
  };

  const spin = raw.spinoffs;
  const spinCount = spin?.rowCount ?? 0;

  const coParticipation = projectBipartite(
    n,
    projectCount,
    participations.organisation,
    participations.project,
  );
  const network =
    tieCount === 0 ? coParticipation : mergeEdges(coParticipation, ties.source, ties.target, ties.weight);

  const other = (name: keyof Dataset['other']) => raw[name] ?? emptyRawTable([]);
  return {
    meta: {
      milieuVersion: MILIEU_VERSION,
      source: meta.source ?? '',
      inputHashes: meta.inputHashes ?? [],
    },
    organisations: {
      count: n,
      id: ids,
      index: orgIndex,
      name: strings(col(org, 'name'), n),
      kind: codes(col(org, 'kind'), n, ORGANISATION_KINDS),
      sector: strings(col(org, 'sector'), n),
      founded: numbers(col(org, 'founded'), n),
      closed: numbers(col(org, 'closed'), n),
      country: strings(col(org, 'country'), n),
      nuts: strings(col(org, 'nuts'), n),
      locality: strings(col(org, 'locality'), n),
      lat: numbers(col(org, 'lat'), n),
      lon: numbers(col(org, 'lon'), n),
      sme,
    },
    ties,
    projects: {
      count: projectCount,
      id: projectIds,
      acronym: strings(col(proj, 'acronym'), projectCount),
      programme: strings(col(proj, 'programme'), projectCount),
      start: strings(col(proj, 'start'), projectCount),
      end: strings(col(proj, 'end'), projectCount),
      cost: numbers(col(proj, 'cost'), projectCount),
    },
    participations,
    spinoffs: prebuilt.spinoffs ?? {
      count: spinCount,
      child: refs(col(spin, 'child'), orgIndex),
      parent: refs(col(spin, 'parent'), orgIndex),
      year: numbers(col(spin, 'year'), spinCount),
      founders: numbers(col(spin, 'founders'), spinCount),
    },
    other: {
      regions: other('regions'),
      employment: other('employment'),
      acquisitions: other('acquisitions'),
      people: other('people'),
      moves: other('moves'),
      innovation_sources: other('innovation_sources'),
      initiatives: other('initiatives'),
    },
    ...(prebuilt.numeric ? { numeric: prebuilt.numeric } : {}),
    coParticipation,
    network,
  };
}
