/**
 * Types shared by the CORDIS reader: tables whose rows know their file and line, and the result.
 */
import type { RawTable } from '../../dataset/raw.ts';
import type { InputIssue } from '../../errors.ts';
import type { PARTICIPATION_ROLES } from '../../model/index.ts';

export type Role = (typeof PARTICIPATION_ROLES)[number];

/** Where each row of a table comes from. */
export interface Provenance {
  /** The files read, in reading order (shared by the three tables). */
  files: string[];
  /** Per row: index into `files`. */
  file: Uint16Array;
  /** Per row: 1-based line of the file where the row's record starts (the header is line 1). */
  line: Int32Array;
}

/** A raw table whose rows know their source file and line. */
export interface CordisTable extends RawTable {
  provenance: Provenance;
}

export interface CordisTables {
  organisations: CordisTable;
  projects: CordisTable;
  participations: CordisTable;
}

export interface CordisStats {
  layout: 'official' | 'republished' | 'none';
  /** Participation rows read, before duplicate (project, organisation) pairs are merged. */
  participationRows: number;
  /** Rows merged into an earlier row with the same (project, organisation) pair. */
  duplicateRows: number;
  organisations: number;
  projects: number;
  participations: number;
  /** Participations whose organisation has a locality. */
  participationsWithCity: number;
}

export interface CordisResult {
  tables: CordisTables;
  /** Files read, in reading order. */
  files: string[];
  /** What the user should know about the source (rows merged or left out, values dropped). */
  notes: string[];
  /** Problems that make a file unreadable; when there are any the tables are not to be imported. */
  issues: InputIssue[];
  stats: CordisStats;
}
