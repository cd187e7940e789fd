/**
 * The Dataset: an in-memory, read-only, columnar snapshot of a store (or of a simulation run).
 * Organisations are numbered 0..n-1; every reference to an organisation is that number in an
 * Int32Array; categorical columns are codes into their vocabulary; missing numbers are NaN. The tie
 * network (stored ties plus co-participation ties derived from shared projects) is compiled to CSR.
 * Measures take a Dataset and never touch the store.
 */

import type { Csr } from '../graph/csr.ts';
import { ORGANISATION_KINDS, PARTICIPATION_ROLES, STORED_TIE_KINDS } from '../model/index.ts';
import type { MembershipOptions } from './membership.ts';
import type { RawTable } from './raw.ts';

export interface Organisations {
  count: number;
  id: readonly string[];
  /** Organisation id → row number, for the raw tables that still hold ids as strings. */
  index: ReadonlyMap<string, number>;
  name: readonly (string | null)[];
  /** Code into ORGANISATION_KINDS. */
  kind: Uint8Array;
  sector: readonly (string | null)[];
  founded: Float64Array;
  closed: Float64Array;
  country: readonly (string | null)[];
  nuts: readonly (string | null)[];
  locality: readonly (string | null)[];
  lat: Float64Array;
  lon: Float64Array;
  /** 1 SME, 0 not, -1 unknown. */
  sme: Int8Array;
}

export interface Ties {
  count: number;
  source: Int32Array;
  target: Int32Array;
  /** Code into STORED_TIE_KINDS. */
  kind: Uint8Array;
  start: Float64Array;
  end: Float64Array;
  weight: Float64Array;
}

export interface Projects {
  count: number;
  id: readonly string[];
  acronym: readonly (string | null)[];
  programme: readonly (string | null)[];
  /** Start and end as ISO dates. */
  start: readonly (string | null)[];
  end: readonly (string | null)[];
  cost: Float64Array;
}

export interface Participations {
  count: number;
  organisation: Int32Array;
  project: Int32Array;
  /** Code into PARTICIPATION_ROLES, 255 when unknown. */
  role: Uint8Array;
  contribution: Float64Array;
}

export interface Spinoffs {
  count: number;
  child: Int32Array;
  parent: Int32Array;
  year: Float64Array;
  founders: Float64Array;
}

/**
 * The employment and moves tables as numbers, which a Dataset built in memory from a simulation run
 * carries beside their raw columns (src/sim/tables-typed.ts). Organisation references are row
 * numbers (−1: none, a move from outside the data); every id is known and every year and head count
 * is a number, so a family reading these gets exactly what it gets by looking the raw columns' ids
 * up in `organisations.index` — without the 70,000 lookups in a Map of strings a run of 10,000
 * people needs, nor the strings themselves (the raw columns are then built only when read). A
 * Dataset derived from another with different organisations, employment or moves must leave it out.
 */
export interface NumericTables {
  employment: { count: number; organisation: Int32Array; year: Float64Array; employees: Float64Array };
  moves: { count: number; from: Int32Array; to: Int32Array; year: Float64Array };
}

export interface DatasetMeta {
  milieuVersion: string;
  /** Where the data came from (a store path, or a source folder for in-memory builds). */
  source: string;
  /** Content hashes of the imports or files the Dataset was built from. */
  inputHashes: string[];
}

export interface Dataset {
  meta: DatasetMeta;
  organisations: Organisations;
  ties: Ties;
  projects: Projects;
  participations: Participations;
  spinoffs: Spinoffs;
  /** Tables no measure needs in typed form yet, as raw columns with organisation ids as strings. */
  other: {
    regions: RawTable;
    employment: RawTable;
    acquisitions: RawTable;
    people: RawTable;
    moves: RawTable;
    innovation_sources: RawTable;
    initiatives: RawTable;
  };
  /** other.employment and other.moves as numbers, when built from a simulation in memory (see NumericTables). */
  numeric?: NumericTables;
  /** Co-participation ties only: weight = number of shared projects. */
  coParticipation: Csr;
  /** All ties, undirected: stored ties (weight summed) plus co-participation ties. */
  network: Csr;
  /** Region membership options (multi-site entities and mode) used when a caller gives none: see src/dataset/regions.ts. */
  membership?: MembershipOptions;
}

export const KIND_CODES = ORGANISATION_KINDS;
export const ROLE_CODES = PARTICIPATION_ROLES;
export const TIE_KIND_CODES = STORED_TIE_KINDS;
export const UNKNOWN_CODE = 255;
